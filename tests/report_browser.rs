//! `report.html` opened in headless Chromium: it renders to a non-trivial screenshot,
//! its DOM holds the map and the timeline, and the page logs nothing to the console.
//!
//! Skips with a printed notice when no Chromium is installed (`apt-get install chromium`;
//! `.ci/run` installs it). Set `CHROMIUM=/path/to/chrome` to use another binary. With
//! `UPDATE_SCREENSHOT=1` the screenshot is also saved as `docs/report.png` for the README.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use wasteroute::output::{PlanDocument, REPORT_HTML, write_plan_dir};

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 1600;

fn chromium() -> Option<PathBuf> {
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

#[test]
fn report_renders_in_headless_chromium() {
    let Some(bin) = chromium() else {
        eprintln!("NOTICE: chromium not found; skipping the report.html browser test");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    write_plan_dir(dir.path(), &PlanDocument::example()).unwrap();
    let page = dir.path().join(REPORT_HTML);

    // The DOM as the browser parsed it holds the map, its routes, and the timeline; and the
    // page logs nothing (a missing resource or a script error would show as CONSOLE lines).
    let out = run_chromium(
        &bin,
        &page,
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
        "class=\"route\"",
        "class=\"roads\"",
        "<svg id=\"vehicle-timeline\"",
        "class=\"vehicle-row\"",
        "id=\"facilities\"",
    ] {
        assert!(dom.contains(needle), "the rendered DOM lacks {needle}");
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let console: Vec<&str> = stderr.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");

    // The screenshot has the requested size and is far from a blank page (a blank
    // 1280×1600 PNG is a few kB; the report with its map and tables is well over 60 kB).
    let shot = dir.path().join("report.png");
    let out = run_chromium(
        &bin,
        &page,
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

    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::copy(&shot, docs.join("report.png")).unwrap();
    }
}
