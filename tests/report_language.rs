//! `[scenario] language = "vi"`: report.html and simulate.html read in Vietnamese (with
//! full diacritics: headings, reasons, decisions, dates, numbers, durations) with no
//! English label left, while plan.json, routes.csv and summary.json keep their English
//! keys and values; a language the pages do not have is an error naming the file and the
//! key; and `language = "en"` changes nothing.

mod cli_support;

use cli_support::{binary, fixture_in_language, run, streams, visible_text};
use std::path::Path;
use std::process::Output;

fn plan(scenario: &Path, out: &Path) -> Output {
    binary()
        .arg("plan")
        .arg(scenario)
        .args(["--iterations", "150", "--seed", "7", "--out"])
        .arg(out)
        .output()
        .expect("binary runs")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each of `needles` is in `text`.
fn assert_has(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "missing {n:?} in:\n{text}");
    }
}

/// None of the English labels is in `text` (the page's visible text).
fn assert_no_english(text: &str, labels: &[&str]) {
    let left: Vec<&&str> = labels.iter().filter(|l| text.contains(**l)).collect();
    assert!(left.is_empty(), "English left: {left:?} in:\n{text}");
}

/// The labels of report.html in English; the scenario's own names (sites such as
/// "Column 2", facilities such as "Transfer station", stop ids such as "P7/recyclable")
/// and "OpenStreetMap" do not contain them.
const REPORT_ENGLISH: &[&str] = &[
    "Collection plan",
    "Night of",
    "Time zone",
    "Seed ",
    "Scenario fingerprint",
    "Vehicles used",
    "of the fleet",
    "Sites served",
    "trips to facilities",
    "Distance",
    "Working time",
    " h driving",
    "Collected",
    "CO₂ estimate",
    "Unassigned",
    "Plan cost",
    "Tonight's decisions",
    "Timeline",
    "local time",
    "Driving",
    "Collecting",
    "Unloading",
    "Waiting",
    "Total working time",
    "Symbols",
    "Collection site",
    "Road data",
    "Facilities",
    "Daily limit",
    "no limit",
    "Stops",
    "per vehicle",
    "Arrival",
    "Departure",
    "Load after",
    "km from previous",
    "Peak trip load",
    "Shift",
    "Total",
    "Decision",
    "Outcome",
    "Fill now",
    "predicted",
    "next chance",
    "would overflow",
    "due by its frequency",
    "can wait",
    "full enough",
    "on demand",
    "no forecast",
    "Written by",
    "Map data",
    "Break",
    "must",
    "optional",
    "skipped",
    "served",
    "not_taken",
    "transfer station",
    "transfer_station",
];

/// The sensors fixture planned in Vietnamese: headings, the dates, a decision written from
/// its fields, numbers and durations in Vietnamese; plan.json keeps English values and
/// gains only `"language": "vi"`, and `check` reads it.
#[test]
fn a_vietnamese_plan_report_reads_in_vietnamese() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = fixture_in_language("sensors", "vi", &tmp.path().join("fixtures"));
    let out = tmp.path().join("plan");
    let o = plan(&scenario, &out);
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    let html = read(&out.join("report.html"));
    assert_has(
        &html,
        &[
            "<html lang=\"vi\">",
            "<meta charset=\"utf-8\">",
            "<title>Báo cáo kế hoạch thu gom · tiny grid with sensors · đêm Thứ Hai, 02/03/2026</title>",
        ],
    );
    let text = visible_text(&html);
    assert_has(
        &text,
        &[
            "Báo cáo kế hoạch thu gom",
            "Đêm Thứ Hai, 02/03/2026",
            "Múi giờ Europe/Helsinki (UTC+02:00)",
            "Số xe sử dụng",
            "Điểm đã thu gom",
            "Quãng đường",
            "Thời gian làm việc",
            "Khối lượng thu gom",
            "tấn",
            "Quyết định đêm nay",
            "bắt buộc",
            "tùy chọn",
            "bỏ qua",
            "đã thu gom",
            // P2's decision, from its fields: 124 % now, 166 % predicted Wed 02:00, next
            // chance the night of Tue 03 Mar, must because it would overflow.
            "Hiện đầy 124 %, dự báo 166 % lúc 02:00 Thứ Tư; lần thu kế tiếp là đêm Thứ Ba, 03/03; bắt buộc vì sẽ bị tràn",
            "Lịch trình theo giờ",
            "Lái xe",
            "Thu gom",
            "Đổ rác",
            "Tổng thời gian làm việc",
            " giờ ",
            "phút",
            "Bản đồ",
            "Bãi xe",
            "Trạm trung chuyển và khu xử lý",
            "trạm trung chuyển",
            "Điểm dừng",
            "rác khác",
            "Lập bởi wasteroute",
        ],
    );
    assert_no_english(&text, REPORT_ENGLISH);
    // Numbers: one decimal after a comma (`1,2 km`), never after a point.
    let km: Vec<&str> = text
        .split(" km")
        .filter_map(|before| before.rsplit(' ').next())
        .filter(|n| n.chars().any(|c| c.is_ascii_digit()))
        .collect();
    assert!(!km.is_empty());
    assert!(
        km.iter().all(|n| !n.contains('.') || n.contains(',')),
        "{km:?}"
    );
    assert!(km.iter().any(|n| n.contains(',')), "{km:?}");

    // The files programs read stay English.
    let json = read(&out.join("plan.json"));
    assert!(json.contains("\"language\": \"vi\""));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let decisions = doc["decisions"].as_array().unwrap();
    assert!(decisions.iter().any(|d| d["decision"] == "must"));
    assert!(
        decisions
            .iter()
            .all(|d| d["reason"].as_str().unwrap().contains("next chance"))
    );
    let csv = read(&out.join("routes.csv"));
    assert!(csv.starts_with("vehicle"), "{}", &csv[..80.min(csv.len())]);
    assert!(!csv.contains("bắt buộc"));
    // check reads the plan back (the language key is known to it).
    let c = binary()
        .arg("check")
        .arg(&scenario)
        .arg(out.join("plan.json"))
        .output()
        .unwrap();
    assert_eq!(c.status.code(), Some(0), "{}", streams(&c));
}

/// Every unassigned reason has its Vietnamese label and explanation (`no_capacity_left`
/// is "xe đã đầy"); the break of the tiny plan is "Nghỉ giữa ca".
#[test]
fn vietnamese_reasons_and_breaks() {
    let tmp = tempfile::tempdir().unwrap();
    let fixtures = tmp.path().join("fixtures");
    let scenario = fixture_in_language("reasons", "vi", &fixtures);
    let out = tmp.path().join("reasons");
    let o = plan(&scenario, &out);
    assert_eq!(o.status.code(), Some(1), "{}", streams(&o));
    let text = visible_text(&read(&out.join("report.html")));
    assert_has(
        &text,
        &[
            "Điểm chưa được phục vụ",
            "Lý do",
            "xe đã đầy",
            "không có đường tới",
            "không có xe chở loại rác này",
            "không có nơi nhận loại rác này",
            "vượt tải trọng xe",
            "không kịp khung giờ",
            "ca làm việc quá ngắn",
            "hãy bổ sung xe hoặc nâng giới hạn",
        ],
    );
    assert_no_english(
        &text,
        &[
            "no_capacity_left",
            "unreachable_by_road",
            "Unassigned sites",
            "What it means",
            "add vehicles",
            "check the",
        ],
    );
    let doc: serde_json::Value = serde_json::from_str(&read(&out.join("plan.json"))).unwrap();
    assert!(
        doc["unassigned"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["reason"] == "no_capacity_left")
    );

    let scenario = fixture_in_language("tiny", "vi", &fixtures);
    let out = tmp.path().join("tiny");
    let o = plan(&scenario, &out);
    assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    let text = visible_text(&read(&out.join("report.html")));
    assert_has(&text, &["Nghỉ giữa ca", "nghỉ giữa ca", "điểm thu gom"]);
    assert_no_english(&text, REPORT_ENGLISH);
}

/// `language = "fr"` is refused like any bad setting: exit 2, and the message names the
/// file, the key and the languages there are.
#[test]
fn an_unknown_language_is_an_error_naming_the_file_and_key() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = fixture_in_language("tiny", "fr", tmp.path());
    let validate = binary().arg("validate").arg(&scenario).output().unwrap();
    let plan = plan(&scenario, &tmp.path().join("out"));
    for (command, o) in [("validate", validate), ("plan", plan)] {
        assert_eq!(o.status.code(), Some(2), "{command}: {}", streams(&o));
        let all = streams(&o);
        for needle in ["scenario.toml", "language", "`fr`", "\"en\", \"vi\""] {
            assert!(all.contains(needle), "{command}: {needle} in {all}");
        }
    }
    assert!(!tmp.path().join("out").exists(), "nothing written");
}

/// `language = "en"` is the default: the same report and plan.json (but for the input
/// fingerprint, which hashes the TOML's bytes), with no `language` key in plan.json.
#[test]
fn english_is_the_default_and_writes_what_it_always_wrote() {
    let tmp = tempfile::tempdir().unwrap();
    let en = fixture_in_language("tiny", "en", &tmp.path().join("en"));
    let default =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenario/tiny/scenario.toml");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_eq!(plan(&en, &a).status.code(), Some(0));
    assert_eq!(plan(&default, &b).status.code(), Some(0));
    let fingerprint = |dir: &Path| {
        let doc: serde_json::Value = serde_json::from_str(&read(&dir.join("plan.json"))).unwrap();
        doc["meta"]["scenario_fingerprint"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (fa, fb) = (fingerprint(&a), fingerprint(&b));
    for file in ["plan.json", "report.html", "routes.csv"] {
        let x = read(&a.join(file))
            .replace(&fa, "FINGERPRINT")
            .replace(&fa[..12], "FINGER");
        let y = read(&b.join(file))
            .replace(&fb, "FINGERPRINT")
            .replace(&fb[..12], "FINGER");
        assert!(
            x == y,
            "{file} differs between language = \"en\" and no language"
        );
    }
    let json = read(&b.join("plan.json"));
    assert!(!json.contains("\"language\""));
    let html = read(&b.join("report.html"));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Tonight's decisions") || html.contains("Collection plan"));
}

/// simulate.html of a Vietnamese scenario: both policies over two nights.
#[test]
fn a_vietnamese_simulation_page_reads_in_vietnamese() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = fixture_in_language("sensors", "vi", &tmp.path().join("fixtures"));
    let out = tmp.path().join("sim");
    for policy in ["fixed", "sensor"] {
        let o = run([
            "simulate".as_ref(),
            scenario.as_os_str(),
            "--nights".as_ref(),
            "2".as_ref(),
            "--policy".as_ref(),
            policy.as_ref(),
            "--seed".as_ref(),
            "11".as_ref(),
            "--iterations".as_ref(),
            "50".as_ref(),
            "--threads".as_ref(),
            "1".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", streams(&o));
    }
    let html = read(&out.join("simulate.html"));
    assert_has(
        &html,
        &[
            "<html lang=\"vi\">",
            "<meta charset=\"utf-8\">",
            "<polyline class=\"fixed\"",
            "<polyline class=\"sensor\"",
        ],
    );
    let text = visible_text(&html);
    assert_has(
        &text,
        &[
            "So sánh các phương án thu gom",
            "Số đêm",
            "Quãng đường (km)",
            "Số điểm-ngày bị tràn",
            "Giờ lái xe",
            "lịch cố định",
            "theo cảm biến",
            "Số km mỗi đêm",
            "Số điểm bị tràn mỗi ngày",
            "so với lịch cố định",
        ],
    );
    assert_no_english(
        &text,
        &[
            "Collection policies",
            "Nights",
            "Kilometres",
            "Truck-nights",
            "Driver hours",
            "collected",
            "Overflow",
            "overflowed",
            "Must left",
            "sensor",
            "fixed",
            "per night",
            "per day",
        ],
    );
    let summary: serde_json::Value =
        serde_json::from_str(&read(&out.join("sensor").join("summary.json"))).unwrap();
    assert_eq!(summary["policy"], "sensor");
    assert!(summary["overflow_site_days"].is_number());
}

/// The week fixture planned in Vietnamese: week.html's headings, weekdays, dates,
/// frequencies and numbers read in Vietnamese, and week.csv keeps its English frequencies.
#[test]
fn a_vietnamese_week_page_reads_in_vietnamese() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = fixture_in_language("week", "vi", &tmp.path().join("fixtures"));
    let out = tmp.path().join("week");
    let o = run([
        "plan-week".as_ref(),
        scenario.as_os_str(),
        "--days".as_ref(),
        "7".as_ref(),
        "--iterations".as_ref(),
        "50".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert!(o.status.code().unwrap_or(9) <= 1, "{}", streams(&o));
    let html = read(&out.join("week.html"));
    assert_has(&html, &["<html lang=\"vi\">", "<meta charset=\"utf-8\">"]);
    let text = visible_text(&html);
    assert_has(
        &text,
        &[
            "Kế hoạch tuần",
            "Từng ngày",
            "Điểm đến lịch thu",
            "Số xe",
            "Giờ lái xe",
            "Ngày thu của từng điểm (kg đã thu)",
            "Tần suất",
            "Thứ Hai",
            "Chủ Nhật",
            "02/03",
            "hằng ngày",
            "lần/tuần",
        ],
    );
    assert_no_english(
        &text,
        &[
            "Week plan",
            "Day by day",
            "Sites due",
            "Trucks",
            "Kilometres",
            "Driver hours",
            "Frequency",
            "daily",
            "/week",
            "not served",
        ],
    );
    let csv = read(&out.join("week.csv"));
    assert!(csv.starts_with("id,name,frequency,pattern,"), "{csv}");
    assert!(csv.contains(",daily,"), "week.csv stays English: {csv}");
}
