//! Writes a large synthetic plan (many routes, thousands of stops, a dense road
//! background) to measure the writers: `cargo run --release --example write_synthetic_plan
//! -- DIR ROUTES STOPS_PER_ROUTE ROAD_LINES`. Prints the time to write and each file's size.

use std::time::Instant;
use wasteroute::output::{PlanDocument, RoadBackground, RoadLine, write_plan_dir};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg =
        |i: usize, default: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(default);
    let dir = args
        .first()
        .cloned()
        .unwrap_or_else(|| "synthetic-plan".into());
    let (routes, per_route, lines) = (arg(1, 40), arg(2, 125), arg(3, 100_000));

    let example = PlanDocument::example();
    let mut doc = example.clone();
    let template = &example.routes[0];
    doc.routes.clear();
    for r in 0..routes {
        let mut route = template.clone();
        route.vehicle = format!("truck-{}", r + 1);
        let site = route.trips[0].stops[1].clone();
        let stops = &mut route.trips[0].stops;
        stops.truncate(1);
        for k in 0..per_route {
            let mut s = site.clone();
            // Spread the stops over a ~20 km square.
            let (dx, dy) = ((r * 37 + k * 11) % 200, (r * 53 + k * 7) % 200);
            s.lon = 106.6 + dx as f64 * 0.001;
            s.lat = 20.8 + dy as f64 * 0.001;
            s.id = format!("S{r}-{k}");
            s.path_from_previous = vec![[s.lon - 0.0005, s.lat], [s.lon, s.lat]];
            stops.push(s);
        }
        doc.routes.push(route);
    }
    doc.road_background = Some(RoadBackground {
        lines: (0..lines)
            .map(|i| {
                let (x, y) = ((i % 400) as f64 * 0.0006, (i / 400 % 400) as f64 * 0.0006);
                RoadLine {
                    major: i % 10 == 0,
                    points: vec![[106.58 + x, 20.78 + y], [106.5806 + x, 20.7806 + y]],
                }
            })
            .collect(),
    });
    let start = Instant::now();
    let written = write_plan_dir(std::path::Path::new(&dir), &doc)?;
    println!(
        "{routes} routes x {per_route} stops, {lines} road lines: written in {:.3} s",
        start.elapsed().as_secs_f64()
    );
    for p in written {
        println!(
            "{:>12} bytes  {}",
            std::fs::metadata(&p)?.len(),
            p.display()
        );
    }
    Ok(())
}
