//! Writes a generated scenario: `scenario.toml` and the four CSV tables, rendered in
//! memory and then written all or nothing (see [`crate::output::atomic`]).

use super::{GenerateConfig, GenerateError, Generated, STREAMS, density, relative_path};
use std::fmt::Write as _;
use std::path::PathBuf;

fn render_csv(
    name: &str,
    header: &[&str],
    rows: Vec<Vec<String>>,
) -> Result<Vec<u8>, GenerateError> {
    let wrap = |e: csv::Error| GenerateError::Write {
        path: PathBuf::from(name),
        source: e.into(),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(wrap)?;
    for r in rows {
        w.write_record(&r).map_err(wrap)?;
    }
    w.into_inner().map_err(|e| GenerateError::Write {
        path: PathBuf::from(name),
        source: e.into_error(),
    })
}

/// `text` as a TOML basic string, quotes included: `"`, `\` and every control character
/// escaped as TOML spells them (`\n`, `\t`, `\u001B`), everything else as is. Rust's
/// `{:?}` is not TOML: it writes `\u{1b}` and escapes invisible characters TOML allows.
pub(crate) fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
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
    // Made first: the network's path is written relative to it.
    crate::atomic::create_output_dir(out)?;
    let small_ids: Vec<&str> = g
        .vehicles
        .iter()
        .filter(|v| v.profile == "small")
        .map(|v| v.id.as_str())
        .collect();
    let small_ids = small_ids.join(";");
    // The small trucks are kept for the narrow streets: allowed everywhere, they are the
    // cheapest vehicle for any site, and the plan spent them on ordinary streets until
    // the narrow sites were left over (Porto 10k: all 162 used, 596 jobs out).
    let large_ids: Vec<&str> = g
        .vehicles
        .iter()
        .filter(|v| v.profile != "small")
        .map(|v| v.id.as_str())
        .collect();
    let large_ids = large_ids.join(";");

    let mut header = vec!["id", "name", "lat", "lon"];
    let stream_cols: Vec<String> = STREAMS
        .iter()
        .flat_map(|s| [format!("{s}_kg"), format!("{s}_m3")])
        .collect();
    header.extend(stream_cols.iter().map(String::as_str));
    header.extend(["service_min", "windows", "vehicles"]);
    let monitoring = cfg
        .monitoring
        .then(|| super::monitoring::generate(&g.sites, cfg.seed, cfg.date, cfg.utc_offset_s));
    let monitoring_header = super::monitoring::header();
    if monitoring.is_some() {
        header.extend(monitoring_header.iter().map(String::as_str));
    }
    let rows = g
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| {
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
                large_ids.clone()
            });
            if let Some(m) = &monitoring {
                r.extend(m.sites[i].cells());
            }
            r
        })
        .collect();
    let sites_csv = render_csv("sites.csv", &header, rows)?;

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
    let depots_csv = render_csv("depots.csv", &["id", "name", "node_id", "hours"], rows)?;

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
    let facilities_csv = render_csv(
        "facilities.csv",
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
    let vehicles_csv = render_csv(
        "vehicles.csv",
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
        "# Generated by `wasteroute generate --sites {} --seed {}{}`; road data © OpenStreetMap\n\
         # contributors (ODbL 1.0). Remake it rather than editing it by hand.",
        g.sites.len(),
        cfg.seed,
        if cfg.monitoring { " --monitoring" } else { "" }
    );
    let _ = writeln!(
        toml,
        "\n[scenario]\nname = {}\ndate = \"{}\"\ntime_zone = {}\nutc_offset = \"{}\"\nday_start = \"12:00\"\ncurrency = \"EUR\"\nstreams = [\"recyclable\", \"food\", \"other\"]",
        toml_string(&cfg.name),
        cfg.date.format("%Y-%m-%d"),
        toml_string(&cfg.time_zone),
        offset_text(cfg.utc_offset_s)
    );
    let _ = writeln!(
        toml,
        "\n[network]\nnodes = {}\nedges = {}\nmax_snap_distance_m = {}",
        toml_string(&format!("{net}/nodes.csv")),
        toml_string(&format!("{net}/edges.csv")),
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
    if monitoring.is_some() {
        let _ = writeln!(
            toml,
            "\n[monitoring]\nreadings = \"readings.csv\"\nservice_level = 0.9\noptional_from_pct = 40\n\
             density_kg_per_m3 = {{ {} }}",
            super::STREAMS
                .iter()
                .zip(super::DENSITY)
                .map(|(s, d)| format!("{s} = {d}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(
        toml,
        "\n[objective]\nfixed_weight = 1.0\ndistance_weight = 1.0\ntime_weight = 1.0\nunassigned_penalty = 10000"
    );
    toml.push_str("\n# Compactors keep off service roads and living streets.\n");
    write_profile(&mut toml, &super::compactor_profile());
    toml.push_str("\n# Small trucks fit every street.\n");
    write_profile(&mut toml, &super::small_profile());
    let mut files: Vec<(&str, &[u8])> = vec![
        ("sites.csv", &sites_csv),
        ("depots.csv", &depots_csv),
        ("facilities.csv", &facilities_csv),
        ("vehicles.csv", &vehicles_csv),
        ("scenario.toml", toml.as_bytes()),
    ];
    if let Some(m) = &monitoring {
        files.push(("readings.csv", m.readings_csv.as_bytes()));
    }
    let written = crate::output::write_all_or_nothing(out, &files)?;
    Ok(written[4].clone())
}

/// Seconds east of UTC as `+HH:MM`.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let a = seconds.unsigned_abs();
    format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
}

fn write_profile(toml: &mut String, p: &crate::scenario::ProfileSection) {
    let _ = writeln!(toml, "[[profiles]]\nid = {}", toml_string(&p.id));
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
        let list: Vec<String> = h.iter().map(|x| toml_string(x)).collect();
        let _ = writeln!(toml, "highways = [{}]", list.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::toml_string;

    #[test]
    fn toml_strings_round_trip() {
        for text in [
            "plain",
            "quote \" and 'single' and \\ back",
            "new\nline\ttab\r\u{8}\u{c}\u{7}\u{1b}\u{7f}",
            "<script>alert(1)</script> \u{200b}\u{85} ünï 日本",
        ] {
            let doc = format!("v = {}\n", toml_string(text));
            let parsed: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(parsed["v"].as_str(), Some(text), "{doc}");
        }
    }
}
