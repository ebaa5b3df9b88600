//! One colour per vehicle, shared by the GeoJSON and the report so both look alike.

/// Twelve colours that stay apart on a light map and for most colour-blind readers
/// (after Paul Tol's "muted" and "bright" schemes), cycled by route position.
const COLOURS: [&str; 12] = [
    "#332288", "#117733", "#CC6677", "#88CCEE", "#AA4499", "#DDCC77", "#44AA99", "#882255",
    "#4477AA", "#EE6677", "#228833", "#CCBB44",
];

/// The colour of the route at position `i` of the plan, as `#RRGGBB`.
pub fn route_colour(i: usize) -> &'static str {
    COLOURS[i % COLOURS.len()]
}
