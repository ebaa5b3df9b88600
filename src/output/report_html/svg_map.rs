//! The map: routes drawn over the road network as inline SVG.
//!
//! Projection: equirectangular around the plan's mean latitude (x = lon × cos φ₀,
//! y = lat), which for a city-sized area is off by far less than a line's width. The view
//! is fitted to every stop, depot, facility, unassigned site and route path (not to the
//! whole road network), and road lines outside it are left out to keep the page small.

use super::esc;
use crate::output::document::{PlanDocument, Stop};
use crate::output::lang::Texts;
use crate::output::palette::route_colour;
use crate::output::simplify::douglas_peucker;
use std::fmt::Write;

/// Width of the map's coordinate system, in SVG units.
const WIDTH: f64 = 1000.0;
const MIN_HEIGHT: f64 = 420.0;
const MAX_HEIGHT: f64 = 860.0;

/// Maps `[lon, lat]` to SVG coordinates.
struct Projection {
    lon0: f64,
    lat1: f64,
    cos: f64,
    scale: f64,
    height: f64,
}

impl Projection {
    /// Fits the points into the map with a margin; `None` when there are no points.
    fn fit(points: &[[f64; 2]]) -> Option<Projection> {
        let finite = points
            .iter()
            .filter(|p| p[0].is_finite() && p[1].is_finite());
        let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
        let mut any = false;
        for p in finite {
            any = true;
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        if !any {
            return None;
        }
        let cos = ((lo[1] + hi[1]) / 2.0).to_radians().cos().max(0.05);
        // At least ~200 m across, so a single point still gets a sensible view.
        let mut w = ((hi[0] - lo[0]) * cos).max(0.002);
        let mut hgt = (hi[1] - lo[1]).max(0.002);
        let (cx, cy) = ((lo[0] + hi[0]) / 2.0 * cos, (lo[1] + hi[1]) / 2.0);
        w *= 1.08;
        hgt *= 1.08;
        // Widen the short side so the map's height stays within bounds.
        let height = (WIDTH * hgt / w).clamp(MIN_HEIGHT, MAX_HEIGHT);
        if hgt / w < height / WIDTH {
            hgt = w * height / WIDTH;
        } else {
            w = hgt * WIDTH / height;
        }
        Some(Projection {
            lon0: (cx - w / 2.0) / cos,
            lat1: cy + hgt / 2.0,
            cos,
            scale: WIDTH / w,
            height,
        })
    }

    fn xy(&self, p: [f64; 2]) -> (f64, f64) {
        (
            (p[0] - self.lon0) * self.cos * self.scale,
            (self.lat1 - p[1]) * self.scale,
        )
    }

    fn inside(&self, p: [f64; 2]) -> bool {
        let (x, y) = self.xy(p);
        (-20.0..=WIDTH + 20.0).contains(&x) && (-20.0..=self.height + 20.0).contains(&y)
    }

    /// Metres per SVG unit (one degree of latitude is about 111.32 km).
    fn metres_per_unit(&self) -> f64 {
        111_320.0 / self.scale
    }
}

fn finite(lon: f64, lat: f64) -> bool {
    lon.is_finite() && lat.is_finite()
}

/// Labels near the right edge go to the left of their symbol, so they are not cut off.
fn near_right_edge(x: f64) -> bool {
    x > WIDTH - 160.0
}

fn label_x(x: f64, gap: f64) -> f64 {
    if near_right_edge(x) { x - gap } else { x + gap }
}

fn anchor(x: f64) -> &'static str {
    if near_right_edge(x) {
        " text-anchor=\"end\""
    } else {
        ""
    }
}

use super::LARGE_PLAN;

/// Drawing tolerance of lines, in SVG units (the map is 1,000 wide: about a pixel on a
/// screen): points closer than this to the simplified line are left out. A city night of
/// 10,000 sites follows about two million road points; simplified, the page opens in a
/// few seconds and looks the same.
const TOLERANCE: f64 = 1.0;

/// Appends `M x y L x y …` for a polyline, simplified to [`TOLERANCE`] (Douglas–Peucker in
/// map units, so the tolerance scales with the map).
/// Points with a non-finite coordinate are skipped: one bad point must not break the
/// whole path (a browser drops a `d` attribute holding `NaN`).
fn path_data(out: &mut String, proj: &Projection, points: &[[f64; 2]]) {
    let xy: Vec<(f64, f64)> = points
        .iter()
        .filter(|p| p[0].is_finite() && p[1].is_finite())
        .map(|&p| proj.xy(p))
        .collect();
    for (i, k) in douglas_peucker(&xy, TOLERANCE).into_iter().enumerate() {
        let (x, y) = xy[k];
        let _ = write!(out, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" });
    }
}

/// The road path of a whole route: every stop's leg in order, straight where missing.
fn route_points(stops: &[&Stop]) -> Vec<[f64; 2]> {
    let mut pts: Vec<[f64; 2]> = Vec::new();
    for s in stops {
        pts.extend_from_slice(&s.path_from_previous);
        pts.push([s.lon, s.lat]);
    }
    pts.dedup();
    pts
}

/// Writes the map section.
pub(super) fn section(h: &mut String, doc: &PlanDocument, tx: &Texts) {
    let (r, lang) = (&tx.report, tx.language);
    let routes: Vec<Vec<&Stop>> = doc
        .routes
        .iter()
        .map(|r| r.trips.iter().flat_map(|t| t.stops.iter()).collect())
        .collect();
    let mut all: Vec<[f64; 2]> = Vec::new();
    for stops in &routes {
        all.extend(route_points(stops));
    }
    all.extend(doc.depots.iter().map(|d| [d.lon, d.lat]));
    all.extend(doc.facilities.iter().map(|f| [f.lon, f.lat]));
    all.extend(doc.unassigned.iter().map(|u| [u.lon, u.lat]));

    let _ = write!(
        h,
        "<section id=\"map\"><h2>{}<small>{}</small></h2><div class=\"panel map-wrap\">",
        esc(r.map),
        esc(r.routes_over_roads)
    );
    let Some(proj) = Projection::fit(&all) else {
        let _ = writeln!(
            h,
            "<p class=\"muted\">{}</p></div></section>",
            esc(r.nothing_to_draw)
        );
        return;
    };
    let _ = write!(
        h,
        "<svg id=\"route-map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {hgt:.0}\" role=\"img\" aria-label=\"{label}\">\
         <rect width=\"{WIDTH}\" height=\"{hgt:.0}\" fill=\"#f4f1ea\"/>",
        hgt = proj.height,
        label = esc(r.map_label)
    );

    // Road network behind everything: one path per class keeps the DOM small.
    if let Some(bg) = &doc.road_background {
        for (major, width, colour) in [(false, 0.8, "#d5d0c4"), (true, 1.8, "#c2b9a3")] {
            let mut d = String::new();
            for line in bg.lines.iter().filter(|l| l.major == major) {
                if line.points.len() >= 2 && line.points.iter().any(|&p| proj.inside(p)) {
                    path_data(&mut d, &proj, &line.points);
                }
            }
            if !d.is_empty() {
                let _ = write!(
                    h,
                    "<path class=\"roads\" d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"
                );
            }
        }
    }

    // Routes, then their site stops on top.
    for (i, (route, stops)) in doc.routes.iter().zip(&routes).enumerate() {
        let colour = route_colour(i);
        let mut d = String::new();
        path_data(&mut d, &proj, &route_points(stops));
        let _ = write!(
            h,
            "<path class=\"route\" data-vehicle=\"{v}\" d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.6\" stroke-opacity=\"0.85\" stroke-linecap=\"round\" stroke-linejoin=\"round\"><title>{v}</title></path>",
            v = esc(&route.vehicle)
        );
    }
    let sites = routes
        .iter()
        .flatten()
        .filter(|s| s.kind.as_str() == "site")
        .count();
    for (i, (route, stops)) in doc.routes.iter().zip(&routes).enumerate() {
        let colour = route_colour(i);
        if sites > LARGE_PLAN {
            // One element per route: round dots drawn as zero-length strokes.
            let mut d = String::new();
            let mut n = 0;
            for s in stops
                .iter()
                .filter(|s| s.kind.as_str() == "site" && finite(s.lon, s.lat))
            {
                let (x, y) = proj.xy([s.lon, s.lat]);
                let _ = write!(d, "M{x:.1} {y:.1}h0");
                n += 1;
            }
            let _ = write!(
                h,
                "<path class=\"stops\" d=\"{d}\" stroke=\"{colour}\" stroke-width=\"5\" stroke-linecap=\"round\"><title>{}</title></path>",
                (r.route_stops)(&esc(&route.vehicle), &n.to_string())
            );
            continue;
        }
        for s in stops
            .iter()
            .filter(|s| s.kind.as_str() == "site" && finite(s.lon, s.lat))
        {
            let (x, y) = proj.xy([s.lon, s.lat]);
            let _ = write!(
                h,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.2\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"1\"><title>{} · {} · {} · {}</title></circle>",
                esc(&s.id),
                esc(&s.name),
                esc(&route.vehicle),
                esc(&lang.local_time(&s.start)),
            );
        }
    }
    for u in doc.unassigned.iter().filter(|u| finite(u.lon, u.lat)) {
        let (x, y) = proj.xy([u.lon, u.lat]);
        let _ = write!(
            h,
            "<path class=\"unassigned\" d=\"M{:.1} {:.1}l8 8m0 -8l-8 8\" stroke=\"#c62828\" stroke-width=\"2.4\"><title>{}</title></path>",
            x - 4.0,
            y - 4.0,
            (r.unassigned_title)(
                &esc(&u.id),
                &esc(&u.name),
                &esc(tx.words.reason_label(&u.reason).unwrap_or(&u.reason))
            ),
        );
    }
    for f in doc.facilities.iter().filter(|f| finite(f.lon, f.lat)) {
        let (x, y) = proj.xy([f.lon, f.lat]);
        let _ = write!(
            h,
            "<g class=\"facility\"><path d=\"M{x:.1} {:.1}l9 9l-9 9l-9 -9z\" fill=\"#e07b39\" stroke=\"#3d2a12\" stroke-width=\"1.4\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\"{} font-size=\"12\" font-weight=\"600\" fill=\"#3d2a12\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text><title>{} ({})</title></g>",
            y - 9.0,
            label_x(x, 12.0),
            y + 4.0,
            anchor(x),
            esc(&f.name),
            esc(&f.name),
            esc(tx.words.facility_kind(&f.kind).unwrap_or(&f.kind))
        );
    }
    for d in doc.depots.iter().filter(|d| finite(d.lon, d.lat)) {
        let (x, y) = proj.xy([d.lon, d.lat]);
        let _ = write!(
            h,
            "<g class=\"depot\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" rx=\"2\" fill=\"#1f2933\" stroke=\"#fff\" stroke-width=\"1.5\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\"{} font-size=\"12\" font-weight=\"600\" fill=\"#1f2933\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text><title>{}</title></g>",
            x - 7.0,
            y - 7.0,
            label_x(x, 11.0),
            y + 4.0,
            anchor(x),
            esc(&d.name),
            (r.depot_title)(&esc(&d.name))
        );
    }

    // Scale bar: a round length near a fifth of the width.
    let target = proj.metres_per_unit() * WIDTH / 5.0;
    let magnitude = 10f64.powf(target.log10().floor());
    let length = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|k| k * magnitude)
        .rfind(|l| *l <= target)
        .unwrap_or(magnitude);
    let units = length / proj.metres_per_unit();
    let label = if length >= 1000.0 {
        format!("{} km", length / 1000.0)
    } else {
        format!("{length} m")
    };
    let y = proj.height - 18.0;
    let _ = write!(
        h,
        "<g class=\"scale\"><rect x=\"12\" y=\"{:.1}\" width=\"{:.1}\" height=\"26\" fill=\"#fff\" fill-opacity=\"0.8\" rx=\"3\"/>\
         <path d=\"M20 {y:.1}v6h{units:.1}v-6\" fill=\"none\" stroke=\"#1f2933\" stroke-width=\"1.5\"/>\
         <text x=\"20\" y=\"{:.1}\" font-size=\"11\" fill=\"#1f2933\">{label}</text></g>",
        y - 14.0,
        units + 30.0,
        y - 3.0,
    );
    let _ = write!(
        h,
        "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\" font-size=\"11\" fill=\"#52606d\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text></svg>",
        WIDTH - 8.0,
        proj.height - 8.0,
        esc(r.osm_contributors)
    );

    // Legend beside the map.
    let _ = write!(
        h,
        "<div class=\"legend\"><h3>{}</h3><ul class=\"vehicles\">",
        esc(r.legend_vehicles)
    );
    for (i, route) in doc.routes.iter().enumerate() {
        let _ = write!(
            h,
            "<li><span class=\"swatch\" style=\"background:{}\"></span>{}<span class=\"km\">{} km</span></li>",
            route_colour(i),
            esc(&route.vehicle),
            lang.km(route.totals.distance_m)
        );
    }
    if doc.routes.is_empty() {
        let _ = write!(h, "<li class=\"muted\">{}</li>", esc(r.no_vehicle_used));
    }
    let [depot, facility, site, unassigned, road] = r.symbol_names.map(esc);
    let _ = writeln!(
        h,
        "</ul><h3>{}</h3><ul>\
         <li><svg width=\"16\" height=\"16\"><rect x=\"1\" y=\"1\" width=\"14\" height=\"14\" rx=\"2\" fill=\"#1f2933\"/></svg>{depot}</li>\
         <li><svg width=\"16\" height=\"18\"><path d=\"M8 0l8 9l-8 9l-8 -9z\" fill=\"#e07b39\" stroke=\"#3d2a12\"/></svg>{facility}</li>\
         <li><svg width=\"16\" height=\"16\"><circle cx=\"8\" cy=\"8\" r=\"4\" fill=\"#7b8fb8\" stroke=\"#fff\"/></svg>{site}</li>\
         <li><svg width=\"16\" height=\"16\"><path d=\"M3 3l10 10m0 -10l-10 10\" stroke=\"#c62828\" stroke-width=\"2.4\"/></svg>{unassigned}</li>\
         <li><svg width=\"18\" height=\"8\"><path d=\"M0 4h18\" stroke=\"#c2b9a3\" stroke-width=\"2\"/></svg>{road}</li>\
         </ul><div class=\"attribution\">{}</div></div></div></section>",
        esc(r.symbols),
        esc(r.road_data)
    );
}
