//! Writes a generated scenario: `scenario.toml` and the four CSV tables.

use super::{GenerateConfig, GenerateError, Generated, STREAMS, density, relative_path};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> GenerateError + '_ {
    move |source| GenerateError::Write {
        path: path.to_path_buf(),
        source,
    }
}

fn write_csv(path: &Path, header: &[&str], rows: Vec<Vec<String>>) -> Result<(), GenerateError> {
    let mut w = csv::Writer::from_path(path).map_err(|e| GenerateError::Write {
        path: path.to_path_buf(),
        source: e.into(),
    })?;
    let wrap = |e: csv::Error| GenerateError::Write {
        path: path.to_path_buf(),
        source: e.into(),
    };
    w.write_record(header).map_err(wrap)?;
    for r in rows {
        w.write_record(&r).map_err(wrap)?;
    }
    w.flush().map_err(io_err(path))
}

fn num(x: f64) -> String {
    if x == 0.0 {
        String::new()
    } else {
        format!("{x}")
    }
}

/// Writes every file; returns the path of `scenario.toml`.
pub(crate) fn write_all(cfg: &GenerateConfig, g: &Generated) -> Result<PathBuf, GenerateError> {
    let out = &cfg.out_dir;
    std::fs::create_dir_all(out).map_err(io_err(out))?;
    let small_ids: Vec<&str> = g
        .vehicles
        .iter()
        .filter(|v| v.profile == "small")
        .map(|v| v.id.as_str())
        .collect();
    let small_ids = small_ids.join(";");

    let mut header = vec!["id", "name", "lat", "lon"];
    let stream_cols: Vec<String> = STREAMS
        .iter()
        .flat_map(|s| [format!("{s}_kg"), format!("{s}_m3")])
        .collect();
    header.extend(stream_cols.iter().map(String::as_str));
    header.extend(["service_min", "windows", "vehicles"]);
    let rows = g
        .sites
        .iter()
        .map(|s| {
            let mut r = vec![
                s.id.clone(),
                s.name.clone(),
                format!("{:.7}", s.lat),
                format!("{:.7}", s.lon),
            ];
            for k in 0..3 {
                r.push(num(s.kg[k]));
                r.push(if s.kg[k] > 0.0 {
                    format!("{:.2}", s.kg[k] / density(k))
                } else {
                    String::new()
                });
            }
            r.push(format!("{}", s.service_min));
            r.push(s.windows.to_string());
            r.push(if s.narrow {
                small_ids.clone()
            } else {
                String::new()
            });
            r
        })
        .collect();
    write_csv(&out.join("sites.csv"), &header, rows)?;

    let rows = g
        .depots
        .iter()
        .map(|d| {
            vec![
                d.id.to_string(),
                d.name.clone(),
                d.node_id.to_string(),
                "21:00-08:00".into(),
            ]
        })
        .collect();
    write_csv(
        &out.join("depots.csv"),
        &["id", "name", "node_id", "hours"],
        rows,
    )?;

    let kinds = ["transfer_station", "composting", "recycling"];
    let hours = ["22:00-07:00", "23:00-05:30", "00:00-06:00"];
    let unload = ["15", "10", "8"];
    let accepts = ["food;other", "food", "recyclable"];
    let limits = [g.limits_t[2], g.limits_t[1], g.limits_t[0]];
    let rows = g
        .facilities
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                f.id.to_string(),
                f.name.clone(),
                kinds[i].into(),
                f.node_id.to_string(),
                hours[i].into(),
                unload[i].into(),
                accepts[i].into(),
                limits[i].map_or(String::new(), |t| format!("{t}")),
            ]
        })
        .collect();
    write_csv(
        &out.join("facilities.csv"),
        &[
            "id",
            "name",
            "kind",
            "node_id",
            "hours",
            "unload_min",
            "streams",
            "daily_limit_t",
        ],
        rows,
    )?;

    let rows = g
        .vehicles
        .iter()
        .map(|v| {
            vec![
                v.id.clone(),
                v.name.clone(),
                v.depot.to_string(),
                v.count.to_string(),
                v.profile.to_string(),
                format!("{}", v.capacity_kg),
                format!("{}", v.capacity_m3),
                v.streams.to_string(),
                "23:00-06:30".into(),
                "30".into(),
                "01:30-03:30".into(),
                format!("{}", v.fixed_cost),
                format!("{}", v.cost_per_km),
                format!("{}", v.cost_per_hour),
                format!("{}", v.co2_kg_per_km),
            ]
        })
        .collect();
    write_csv(
        &out.join("vehicles.csv"),
        &[
            "id",
            "name",
            "depot",
            "count",
            "profile",
            "capacity_kg",
            "capacity_m3",
            "streams",
            "shift",
            "break_min",
            "break_window",
            "fixed_cost",
            "cost_per_km",
            "cost_per_hour",
            "co2_kg_per_km",
        ],
        rows,
    )?;

    let net = relative_path(out, &cfg.network_dir);
    let net = net.to_string_lossy().replace('\\', "/");
    let mut toml = String::new();
    let _ = writeln!(
        toml,
        "# Generated by `wasteroute generate --sites {} --seed {}`; road data © OpenStreetMap\n\
         # contributors (ODbL 1.0). Remake it rather than editing it by hand.",
        g.sites.len(),
        cfg.seed
    );
    let _ = writeln!(
        toml,
        "\n[scenario]\nname = {:?}\ndate = {:?}\ntime_zone = {:?}\nutc_offset = {:?}\nday_start = \"12:00\"\ncurrency = \"EUR\"\nstreams = [\"recyclable\", \"food\", \"other\"]",
        cfg.name, cfg.date, cfg.time_zone, cfg.utc_offset
    );
    let _ = writeln!(
        toml,
        "\n[network]\nnodes = \"{net}/nodes.csv\"\nedges = \"{net}/edges.csv\"\nmax_snap_distance_m = {}",
        super::MAX_SNAP_M
    );
    let _ = writeln!(
        toml,
        "\n[files]\nsites = \"sites.csv\"\ndepots = \"depots.csv\"\nfacilities = \"facilities.csv\"\nvehicles = \"vehicles.csv\""
    );
    let _ = writeln!(
        toml,
        "\n[solver]\ntime_limit_s = 30\niterations = 2000\nseed = {}",
        cfg.seed
    );
    let _ = writeln!(
        toml,
        "\n[objective]\nfixed_weight = 1.0\ndistance_weight = 1.0\ntime_weight = 1.0\nunassigned_penalty = 10000"
    );
    toml.push_str("\n# Compactors keep off service roads and living streets.\n");
    write_profile(&mut toml, &super::compactor_profile());
    toml.push_str("\n# Small trucks fit every street.\n");
    write_profile(&mut toml, &super::small_profile());
    let path = out.join("scenario.toml");
    std::fs::write(&path, toml).map_err(io_err(&path))?;
    Ok(path)
}

fn write_profile(toml: &mut String, p: &crate::scenario::ProfileSection) {
    let _ = writeln!(toml, "[[profiles]]\nid = {:?}", p.id);
    for (key, v) in [
        ("width_m", p.width_m),
        ("weight_t", p.weight_t),
        ("height_m", p.height_m),
    ] {
        if let Some(v) = v {
            let _ = writeln!(toml, "{key} = {v}");
        }
    }
    let _ = writeln!(toml, "speed_factor = {}", p.speed_factor);
    if let Some(h) = &p.highways {
        let list: Vec<String> = h.iter().map(|x| format!("{x:?}")).collect();
        let _ = writeln!(toml, "highways = [{}]", list.join(", "));
    }
}
