//! `report.html` opened in headless Chromium: it renders to a non-trivial screenshot,
//! its DOM holds the map and the timeline, and the page logs nothing to the console.
//!
//! Skips with a printed notice when no Chromium is installed (`apt-get install chromium`;
//! `.ci/run` installs it), unless `REQUIRE_CHROMIUM` is set (CI sets it): then a missing
//! Chromium fails the test. Set `CHROMIUM=/path/to/chrome` to use another binary.

mod cli_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use wasteroute::output::{PlanDocument, REPORT_HTML, write_plan_dir};

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 1600;

/// The Chromium binary, or `None` (after a notice) when there is none and the test may
/// skip. Panics when `REQUIRE_CHROMIUM` is set and none is found, so CI cannot pass by
/// skipping.
fn chromium() -> Option<PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("REQUIRE_CHROMIUM").is_none(),
            "REQUIRE_CHROMIUM is set but no Chromium was found (install it with \
             `apt-get install chromium` or set CHROMIUM=/path/to/chrome)"
        );
        eprintln!("NOTICE: chromium not found; skipping the report.html browser test");
    }
    found
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// Runs Chromium headless on `page` with extra flags, in a fresh profile, killed after 90 s.
fn run_chromium(bin: &Path, page: &Path, extra: &[String]) -> Output {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if started.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

/// Opens `page` in Chromium and checks its DOM, console and screenshot; returns the PNG.
fn assert_renders(bin: &Path, page: &Path, routes: usize) -> Vec<u8> {
    // The DOM as the browser parsed it holds the map, its routes, and the timeline; and the
    // page logs nothing (a missing resource or a script error would show as CONSOLE lines).
    let out = run_chromium(
        bin,
        page,
        &[
            "--dump-dom".into(),
            "--enable-logging=stderr".into(),
            "--v=0".into(),
        ],
    );
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "<svg id=\"route-map\"",
        "class=\"roads\"",
        "<svg id=\"vehicle-timeline\"",
        "id=\"vehicles\"",
        "id=\"facilities\"",
    ] {
        assert!(dom.contains(needle), "the rendered DOM lacks {needle}");
    }
    assert_eq!(
        dom.matches("class=\"route\"").count(),
        routes,
        "route paths on the map"
    );
    assert_eq!(
        dom.matches("class=\"vehicle-row\"").count(),
        routes,
        "timeline rows"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let console: Vec<&str> = stderr.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");

    // The screenshot has the requested size and is far from a blank page (a blank
    // 1280×1600 PNG is about 9 kB; the report with its map and tables is well over 60 kB).
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("report.png");
    let out = run_chromium(
        bin,
        page,
        &[
            format!("--screenshot={}", shot.display()),
            format!("--window-size={WIDTH},{HEIGHT}"),
        ],
    );
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert_eq!(png_size(&png), (WIDTH, HEIGHT));
    assert!(png.len() > 60_000, "screenshot is only {} bytes", png.len());
    png
}

#[test]
fn example_report_renders_in_headless_chromium() {
    let Some(bin) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let doc = PlanDocument::example();
    write_plan_dir(dir.path(), &doc).unwrap();
    assert_renders(&bin, &dir.path().join(REPORT_HTML), doc.routes.len());
}

/// The report of a real run: `wasteroute plan` on the tiny scenario (real road legs,
/// several trips, a break), then the same checks.
#[test]
fn planned_report_renders_in_headless_chromium() {
    let Some(bin) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_wasteroute"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "plan",
            "tests/fixtures/scenario/tiny/scenario.toml",
            "--seed",
            "1",
        ])
        .args(["--iterations", "200", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let plan: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("plan.json")).unwrap()).unwrap();
    let routes = plan["routes"].as_array().unwrap().len();
    assert!(routes >= 1);
    assert_renders(&bin, &out.join(REPORT_HTML), routes);
}

/// A Vietnamese report (the sensors fixture with `[scenario] language = "vi"`): the
/// browser decodes it as UTF-8 (its `<meta charset>`), so the parsed DOM holds the texts
/// with their diacritics, and it renders like the English one. Set
/// `REPORT_SCREENSHOT_DIR` to keep the screenshot (`report-vi.png`) and look at it: the
/// diacritics must show as letters, not boxes (fonts: `.ci/run`).
#[test]
fn vietnamese_report_renders_with_its_diacritics() {
    let Some(bin) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let scenario = cli_support::fixture_in_language("sensors", "vi", &dir.path().join("fx"));
    let out = dir.path().join("out");
    let run = cli_support::binary()
        .arg("plan")
        .arg(&scenario)
        .args(["--seed", "1", "--iterations", "200", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.code().is_some_and(|c| c <= 1),
        "{}",
        cli_support::streams(&run)
    );
    let page = out.join(REPORT_HTML);
    let dom = run_chromium(&bin, &page, &["--dump-dom".into()]);
    assert!(dom.status.success());
    let dom = String::from_utf8_lossy(&dom.stdout);
    for needle in [
        "<html lang=\"vi\">",
        "Báo cáo kế hoạch thu gom",
        "đêm Thứ Hai, 02/03/2026",
        "Quyết định đêm nay",
        "Điểm dừng",
        "Chưa được phục vụ",
        "sẽ bị tràn",
    ] {
        assert!(dom.contains(needle), "the rendered DOM lacks {needle}");
    }
    let plan: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("plan.json")).unwrap()).unwrap();
    let png = assert_renders(&bin, &page, plan["routes"].as_array().unwrap().len());
    if let Some(keep) = std::env::var_os("REPORT_SCREENSHOT_DIR") {
        std::fs::write(Path::new(&keep).join("report-vi.png"), png).unwrap();
    }
}
