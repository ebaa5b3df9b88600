//! Where a depot, facility or site is: a point to snap, or a road node.

use super::limits;
use super::table::{Row, Table};
use crate::diagnostic::Diagnostics;

/// A location as the user gave it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Place {
    /// WGS84 degrees; snapped to the nearest road the vehicle's profile may use.
    LatLon {
        /// Latitude.
        lat: f64,
        /// Longitude.
        lon: f64,
    },
    /// An OSM node id of the road network (exact placement, no snapping).
    Node(i64),
}

/// Reads `lat`,`lon` or `node_id` from a row: exactly one of the two must be given.
pub fn read_place(table: &Table, row: &Row, diags: &mut Diagnostics) -> Option<Place> {
    let node = table.cell(row, "node_id");
    let has_lat = !table.cell(row, "lat").is_empty();
    let has_lon = !table.cell(row, "lon").is_empty();
    if !node.is_empty() {
        if has_lat || has_lon {
            diags.push(
                table
                    .error_at(
                        row,
                        "node_id",
                        "ambiguous_location",
                        "both `node_id` and `lat`/`lon` are given".into(),
                    )
                    .hint("keep either the road node or the coordinates"),
            );
            return None;
        }
        return match node.parse::<i64>() {
            Ok(id) => Some(Place::Node(id)),
            Err(_) => {
                diags.push(
                    table
                        .error_at(
                            row,
                            "node_id",
                            "bad_number",
                            format!("`{node}` is not a node id"),
                        )
                        .hint("write the OSM node id from nodes.csv"),
                );
                None
            }
        };
    }
    if !has_lat && !has_lon {
        diags.push(
            table
                .error_at(
                    row,
                    "lat",
                    "missing_location",
                    "no location: `lat`,`lon` and `node_id` are all empty".into(),
                )
                .hint("give WGS84 `lat` and `lon` in degrees, or a road `node_id`"),
        );
        return None;
    }
    let lat = table.required_number(row, "lat", limits::LATITUDE, diags);
    let lon = table.required_number(row, "lon", limits::LONGITUDE, diags);
    let (lat, lon) = (lat?, lon?);
    Some(Place::LatLon { lat, lon })
}
