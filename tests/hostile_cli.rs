//! Hostile input through the binary: every flag checked at the command line (exit 2
//! naming the flag, the value and the valid form), output paths that are files, thread
//! counts far above the machine, file modes from the umask, hand-trimmed plans, and road
//! networks with impossible values.

mod cli_support;
mod osm_import_support;

use cli_support::{binary, run, stderr, streams};
use std::path::{Path, PathBuf};
use std::process::Output;

const SAMPLE: &str = "data/sample/scenario.toml";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn assert_bad_input(o: &Output, needles: &[&str]) {
    assert_eq!(o.status.code(), Some(2), "{}", streams(o));
    let err = stderr(o);
    for n in needles {
        assert!(err.contains(n), "stderr should mention `{n}`:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

// ---- 1. generate writes only valid scenarios ------------------------------------------

fn generate(out: &Path, extra: &[&str]) -> Output {
    binary()
        .args([
            "generate",
            "--network",
            "data/helsinki",
            "--sites",
            "20",
            "--out",
        ])
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn generate_refuses_an_impossible_date() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s");
    let o = generate(&out, &["--date", "2026-13-01"]);
    assert_bad_input(&o, &["--date", "2026-13-01", "YYYY-MM-DD"]);
    assert!(!out.join("scenario.toml").exists());
}

#[test]
fn generate_refuses_a_bad_utc_offset() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s");
    for bad in ["banana", "+25:00", "+02:61", "2:00", ""] {
        let o = generate(&out, &["--utc-offset", bad]);
        assert_bad_input(&o, &["--utc-offset", "+HH:MM"]);
        assert!(!out.join("scenario.toml").exists(), "{bad}");
    }
}

#[test]
fn generate_with_edge_values_and_odd_text_passes_validate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s");
    let name = "Night \"shift\" 'A'\nline two \\ <script>alert(1)</script> \u{7}\u{200b}\u{7f} ünï";
    let zone = "Asia/Ho_Chi_Minh \"x\"\t\\";
    let o = generate(
        &out,
        &[
            "--date",
            "2028-02-29",
            "--utc-offset",
            "-09:30",
            "--name",
            name,
            "--time-zone",
            zone,
            "--seed",
            "18446744073709551615",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    let scenario = out.join("scenario.toml");
    let v = run(["validate".as_ref(), scenario.as_os_str()]);
    assert_eq!(v.status.code(), Some(0), "{}", streams(&v));
    let loaded = wasteroute::scenario::load(&scenario).expect("valid");
    assert_eq!(loaded.scenario.name, name);
    assert_eq!(loaded.scenario.time_zone, zone);
    assert_eq!(loaded.scenario.utc_offset_s, -(9 * 3600 + 30 * 60));
    assert_eq!(loaded.scenario.date.to_string(), "2028-02-29");
}

// ---- 2. negative and out-of-range numbers name the flag and the range -----------------

#[test]
fn negative_numbers_name_the_flag_and_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let job = format!("{d}/job.toml");
    let out = format!("{d}/out");
    let plan = ["plan", SAMPLE, "--out", &out];
    let bench = [
        "benchmark",
        "tests/fixtures/formats/cvrp_tiny.vrp",
        "--format",
        "vrplib",
    ];
    let nightly = ["nightly", "--config", &job, "--date", "2026-03-02"];
    let gen_ = ["generate", "--network", "data/helsinki", "--out", &out];
    let matrix = [
        "matrix",
        "--network",
        "data/helsinki",
        "--points",
        "tests/fixtures/matrix/helsinki_points.csv",
        "--out",
        &out,
    ];
    let seed = "a whole number from 0 to 18446744073709551615";
    let cases: Vec<(&[&str], &str, &str)> = vec![
        (&plan, "--seed", seed),
        (&plan, "--threads", "a whole number"),
        (&plan, "--time-limit", "above 0"),
        (&plan, "--iterations", "a whole number from 0"),
        (&bench, "--seed", seed),
        (&bench, "--threads", "a whole number"),
        (&bench, "--time-limit", "above 0"),
        (&bench, "--iterations", "a whole number from 0"),
        (&nightly, "--seed", seed),
        (&gen_, "--seed", seed),
        (&gen_, "--sites", "a whole number from 1"),
        (&matrix, "--max-snap-m", "above 0"),
    ];
    for (base, flag, range) in cases {
        for value in ["-1", "-0.5"] {
            let o = run(base.iter().copied().chain([flag, value]));
            assert_bad_input(&o, &[flag, value, range]);
            assert!(
                !stderr(&o).contains("unexpected argument"),
                "{}",
                stderr(&o)
            );
        }
    }
}

#[test]
fn time_limits_must_be_finite_and_positive() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    for bad in ["0", "nan", "inf", "1e300", "-inf"] {
        let o = binary()
            .args(["plan", SAMPLE, "--out"])
            .arg(&out)
            .args(["--time-limit", bad])
            .output()
            .unwrap();
        assert_bad_input(&o, &["--time-limit", bad, "seconds"]);
        let o = run([
            "benchmark",
            "tests/fixtures/formats/cvrp_tiny.vrp",
            "--format",
            "vrplib",
            "--time-limit",
            bad,
        ]);
        assert_bad_input(&o, &["--time-limit", bad, "seconds"]);
    }
    for bad in ["0", "nan", "inf", "-3"] {
        let o = binary()
            .args([
                "matrix",
                "--network",
                "data/helsinki",
                "--points",
                "tests/fixtures/matrix/helsinki_points.csv",
                "--out",
            ])
            .arg(&out)
            .args(["--max-snap-m", bad])
            .output()
            .unwrap();
        assert_bad_input(&o, &["--max-snap-m", bad]);
    }
    let o = run([
        "generate",
        "--network",
        "data/helsinki",
        "--sites",
        "0",
        "--out",
        "x",
    ]);
    assert_bad_input(&o, &["--sites", "0", "from 1"]);
}

// ---- 3. an output path that is a file is bad input, for every command -----------------

fn a_file(dir: &Path) -> PathBuf {
    let f = dir.join("occupied");
    std::fs::write(&f, "not a folder\n").unwrap();
    f
}

fn assert_not_a_folder(o: &Output, file: &Path) {
    assert_bad_input(o, &[&file.display().to_string(), "not a folder"]);
    assert!(!stderr(o).contains("os error 17"), "{}", stderr(o));
}

#[test]
fn plan_out_that_is_a_file_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = a_file(dir.path());
    for out in [file.clone(), file.join("plan")] {
        let o = binary()
            .args(["plan", SAMPLE, "--iterations", "50", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert_not_a_folder(&o, &file);
    }
    assert_eq!(std::fs::read(&file).unwrap(), b"not a folder\n");
}

#[test]
fn generate_out_that_is_a_file_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = a_file(dir.path());
    let o = generate(&file, &[]);
    assert_not_a_folder(&o, &file);
}

#[test]
fn import_osm_out_that_is_a_file_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = a_file(dir.path());
    let pbf = small_pbf(dir.path());
    let o = binary()
        .args(["network", "import-osm"])
        .arg(&pbf)
        .arg("--out")
        .arg(&file)
        .output()
        .unwrap();
    assert_not_a_folder(&o, &file);
}

#[test]
fn matrix_out_inside_a_file_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = a_file(dir.path());
    let o = binary()
        .args([
            "matrix",
            "--network",
            "data/helsinki",
            "--points",
            "tests/fixtures/matrix/helsinki_points.csv",
            "--out",
        ])
        .arg(file.join("matrix.csv"))
        .output()
        .unwrap();
    assert_not_a_folder(&o, &file);
    // The target itself a folder: not a file to replace.
    let o = binary()
        .args([
            "matrix",
            "--network",
            "data/helsinki",
            "--points",
            "tests/fixtures/matrix/helsinki_points.csv",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_bad_input(&o, &["is not a regular file"]);
}

#[test]
fn benchmark_solution_out_that_is_a_file_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = a_file(dir.path());
    let o = binary()
        .args([
            "benchmark",
            "tests/fixtures/formats/cvrp_tiny.vrp",
            "--format",
            "vrplib",
            "--iterations",
            "20",
            "--solution-out",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_not_a_folder(&o, &file);
}

#[test]
fn nightly_output_root_that_is_a_file_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = a_file(dir.path());
    let scenario = root().join("tests/fixtures/scenario/tiny/scenario.toml");
    let job = dir.path().join("job.toml");
    std::fs::write(
        &job,
        format!(
            "scenario = {:?}\noutput_root = {:?}\niterations = 20\n",
            scenario.display().to_string(),
            file.display().to_string()
        ),
    )
    .unwrap();
    let o = binary()
        .args(["nightly", "--config"])
        .arg(&job)
        .args(["--date", "2026-03-02"])
        .output()
        .unwrap();
    assert_not_a_folder(&o, &file);
}

// ---- 4. thread counts -----------------------------------------------------------------

#[test]
fn huge_thread_count_is_capped_with_a_warning_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let plan = |threads: &str, out: &Path| {
        binary()
            .args([
                "plan",
                SAMPLE,
                "--iterations",
                "200",
                "--threads",
                threads,
                "--out",
            ])
            .arg(out)
            .output()
            .unwrap()
    };
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let many = plan("5000", &a);
    assert!(many.status.code() == Some(0), "{}", streams(&many));
    let err = stderr(&many);
    assert!(
        err.contains("warning") && err.contains("--threads 5000"),
        "{err}"
    );
    let one = plan("1", &b);
    assert_eq!(one.status.code(), Some(0), "{}", streams(&one));
    assert!(!stderr(&one).contains("--threads 1"), "{}", stderr(&one));
    for f in ["routes.csv", "plan.json"] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f}"
        );
    }
}

// ---- 5. file modes follow the umask ---------------------------------------------------

#[cfg(unix)]
fn with_umask(umask: &str, args: &[&std::ffi::OsStr]) -> Output {
    let bin = env!("CARGO_BIN_EXE_wasteroute");
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(bin)
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn written_files_follow_the_umask() {
    use std::ffi::OsStr;
    let dir = tempfile::tempdir().unwrap();
    let pbf = small_pbf(dir.path());
    for (umask, expected) in [("022", 0o644), ("002", 0o664)] {
        let net = dir.path().join(format!("net{umask}"));
        let o = with_umask(
            umask,
            &[
                OsStr::new("network"),
                OsStr::new("import-osm"),
                pbf.as_os_str(),
                OsStr::new("--out"),
                net.as_os_str(),
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
        assert_eq!(mode(&net.join("nodes.csv")), expected, "umask {umask}");
        assert_eq!(mode(&net.join("edges.csv")), expected, "umask {umask}");

        let m = dir.path().join(format!("m{umask}.csv"));
        let o = with_umask(
            umask,
            &[
                OsStr::new("matrix"),
                OsStr::new("--network"),
                OsStr::new("data/helsinki"),
                OsStr::new("--points"),
                OsStr::new("tests/fixtures/matrix/helsinki_points.csv"),
                OsStr::new("--out"),
                m.as_os_str(),
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
        assert_eq!(mode(&m), expected, "umask {umask}");

        let p = dir.path().join(format!("plan{umask}"));
        let o = with_umask(
            umask,
            &[
                OsStr::new("plan"),
                OsStr::new(SAMPLE),
                OsStr::new("--iterations"),
                OsStr::new("50"),
                OsStr::new("--out"),
                p.as_os_str(),
            ],
        );
        assert!(matches!(o.status.code(), Some(0 | 1)), "{}", streams(&o));
        for f in ["routes.csv", "plan.json", "routes.geojson", "report.html"] {
            assert_eq!(mode(&p.join(f)), expected, "{f}, umask {umask}");
        }

        let g = dir.path().join(format!("gen{umask}"));
        let o = with_umask(
            umask,
            &[
                OsStr::new("generate"),
                OsStr::new("--network"),
                OsStr::new("data/helsinki"),
                OsStr::new("--sites"),
                OsStr::new("5"),
                OsStr::new("--out"),
                g.as_os_str(),
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
        assert_eq!(mode(&g.join("scenario.toml")), expected, "umask {umask}");
        assert_eq!(mode(&g.join("sites.csv")), expected, "umask {umask}");
    }
}

// ---- 6. check reads a plan as small as docs/outputs.md says ---------------------------

#[test]
fn check_reads_stops_with_only_kind_and_id() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan");
    let o = binary()
        .args(["plan", SAMPLE, "--iterations", "200", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    let full: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("plan.json")).unwrap()).unwrap();

    // Every stop stripped to kind and id; routes to vehicle_type, vehicle_number, trips;
    // unassigned entries to id and reason; nothing else.
    let routes: Vec<serde_json::Value> = full["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let trips: Vec<serde_json::Value> = r["trips"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    let stops: Vec<serde_json::Value> = t["stops"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| serde_json::json!({ "kind": s["kind"], "id": s["id"] }))
                        .collect();
                    serde_json::json!({ "stops": stops })
                })
                .collect();
            serde_json::json!({
                "vehicle_type": r["vehicle_type"],
                "vehicle_number": r["vehicle_number"],
                "trips": trips,
            })
        })
        .collect();
    let unassigned: Vec<serde_json::Value> = full["unassigned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| serde_json::json!({ "id": u["id"], "reason": u["reason"] }))
        .collect();
    let minimal = serde_json::json!({ "routes": routes, "unassigned": unassigned });
    let path = dir.path().join("minimal.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&minimal).unwrap()).unwrap();
    let o = run(["check".as_ref(), SAMPLE.as_ref(), path.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    assert!(
        cli_support::stdout(&o).contains("feasible"),
        "{}",
        streams(&o)
    );

    // One hand-added stop (a site moved into another route) with only kind and id: read,
    // and judged by the checker (exit 0 or 1), never refused as unreadable.
    let mut edited = full.clone();
    let moved = edited["routes"][0]["trips"][0]["stops"][1].clone();
    assert_eq!(moved["kind"], "site");
    edited["routes"][0]["trips"][0]["stops"]
        .as_array_mut()
        .unwrap()
        .remove(1);
    let last = edited["routes"].as_array().unwrap().len() - 1;
    edited["routes"][last]["trips"][0]["stops"]
        .as_array_mut()
        .unwrap()
        .insert(1, serde_json::json!({ "kind": "site", "id": moved["id"] }));
    std::fs::write(&path, serde_json::to_vec_pretty(&edited).unwrap()).unwrap();
    let o = run(["check".as_ref(), SAMPLE.as_ref(), path.as_os_str()]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", streams(&o));
}

// ---- 7. road values out of range --------------------------------------------------------

fn network(dir: &Path, nodes: &str, edges: &str) -> PathBuf {
    let net = dir.join("net");
    std::fs::create_dir_all(&net).unwrap();
    std::fs::write(net.join("nodes.csv"), nodes).unwrap();
    std::fs::write(net.join("edges.csv"), edges).unwrap();
    net
}

const NODES: &str = "node_id,lat,lon\n1,60.0,24.0\n2,60.001,24.0\n3,60.001,24.001\n";

#[test]
fn absurd_road_values_are_errors_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let edges = "from,to,length_m,highway,oneway,maxspeed_kmh,name,max_width_m,max_weight_t,max_height_m\n\
                 1,2,1e300,residential,0,,a,,,\n\
                 2,1,111,residential,0,1000,a,,,\n\
                 2,3,60,residential,0,0.5,b,,,\n\
                 3,2,60,residential,0,,b,1e9,,\n\
                 3,1,130,residential,0,,c,,1e9,\n\
                 1,3,130,residential,0,,c,,,1e9\n";
    let net = network(dir.path(), NODES, edges);
    let o = binary()
        .args(["network", "inspect", "--network"])
        .arg(&net)
        .output()
        .unwrap();
    assert_bad_input(
        &o,
        &[
            "edges.csv:2 column `length_m`",
            "edges.csv:3 column `maxspeed_kmh`",
            "edges.csv:4 column `maxspeed_kmh`",
            "edges.csv:5 column `max_width_m`",
            "edges.csv:6 column `max_weight_t`",
            "edges.csv:7 column `max_height_m`",
            "out_of_range",
        ],
    );
    let err = stderr(&o);
    assert!(err.contains("1000000"), "names the length bound: {err}");
    assert!(err.contains("300"), "names the speed bound: {err}");
}

#[test]
fn absurd_speed_table_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let edges = "from,to,length_m,highway,oneway,maxspeed_kmh,name\n1,2,111,residential,0,,a\n2,1,111,residential,0,,a\n";
    let net = network(dir.path(), NODES, edges);
    let speeds = dir.path().join("speeds.toml");
    std::fs::write(&speeds, "[speeds]\nresidential = 5000\n").unwrap();
    let o = binary()
        .args(["network", "inspect", "--network"])
        .arg(&net)
        .arg("--speeds")
        .arg(&speeds)
        .output()
        .unwrap();
    assert_bad_input(&o, &["speeds.toml", "residential", "5000", "300"]);
}

/// A small extract: a short street with odd tags, and a segment 2,000 km long.
fn small_pbf(dir: &Path) -> PathBuf {
    use osm_import_support::{node, way, write_pbf};
    let path = dir.join("small.osm.pbf");
    write_pbf(
        &path,
        &[
            node(1, 60.0, 24.0),
            node(2, 60.001, 24.0),
            node(3, 60.001, 24.001),
            node(4, 42.0, 24.0),
        ],
        &[
            way(
                10,
                &[1, 2, 3, 1],
                &[
                    ("highway", "residential"),
                    ("maxspeed", "1000"),
                    ("maxwidth", "3 mm"),
                    ("maxheight", "90000"),
                    ("maxweight", "0.001"),
                ],
            ),
            way(11, &[3, 4], &[("highway", "primary")]),
        ],
    );
    path
}

#[test]
fn osm_import_never_writes_what_the_reader_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let pbf = small_pbf(dir.path());
    let net = dir.path().join("net");
    let o = binary()
        .args(["network", "import-osm"])
        .arg(&pbf)
        .arg("--out")
        .arg(&net)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    let o = binary()
        .args(["network", "inspect", "--network"])
        .arg(&net)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
}
