//! Vietnamese (tiếng Việt), with full diacritics, for crews, planners and ward officers
//! of Hai Phong. Words follow the trade's usage: điểm thu gom (gathering point), trạm
//! trung chuyển (transfer station), khu xử lý (treatment site), bãi xe (depot).

use super::Language;
use super::texts::{DecisionParts, ReportTexts, SimulateTexts, Texts, WeekTexts, Words};
use crate::monitoring::Frequency;
use chrono::Weekday;

pub(crate) static TEXTS: Texts = Texts {
    language: Language::Vi,
    words: Words {
        reason_labels: &[
            ("unreachable_by_road", "không có đường tới"),
            ("no_vehicle_for_stream", "không có xe chở loại rác này"),
            ("no_facility_for_stream", "không có nơi nhận loại rác này"),
            ("demand_exceeds_capacity", "vượt tải trọng xe"),
            ("window_unreachable", "không kịp khung giờ"),
            ("shift_too_short", "ca làm việc quá ngắn"),
            ("no_capacity_left", "xe đã đầy"),
            ("not_worth_prize", "không đáng đi vòng"),
        ],
        reason_explanations: &[
            (
                "unreachable_by_road",
                "Không xe nào được phép phục vụ điểm này đi được từ bãi xe tới đó rồi tới nơi đổ rác; hãy kiểm tra tọa độ, đường một chiều và giới hạn đường của các loại xe.",
            ),
            (
                "no_vehicle_for_stream",
                "Không xe nào được phép vào điểm này chở được loại rác của nó; hãy cho một xe chở loại rác này hoặc mở rộng danh sách xe được phép của điểm.",
            ),
            (
                "no_facility_for_stream",
                "Không trạm trung chuyển hay khu xử lý nào mà xe của điểm này được dùng nhận loại rác của nó; hãy cho một nơi nhận loại rác này.",
            ),
            (
                "demand_exceeds_capacity",
                "Khối lượng rác lớn hơn tải trọng của mọi xe có thể chở; hãy chia nhỏ hoặc bổ sung xe lớn hơn.",
            ),
            (
                "window_unreachable",
                "Không xe nào đến kịp trong khung giờ của điểm; hãy đối chiếu khung giờ với ca làm việc.",
            ),
            (
                "shift_too_short",
                "Ngay cả một tuyến chỉ phục vụ riêng điểm này cũng không vừa ca làm việc; hãy kiểm tra thời gian thu gom và ca làm việc.",
            ),
            (
                "no_capacity_left",
                "Điểm này có thể được phục vụ riêng, nhưng đội xe hoặc giới hạn tiếp nhận hằng ngày của nơi đổ rác đã hết chỗ; hãy bổ sung xe hoặc nâng giới hạn.",
            ),
            (
                "not_worth_prize",
                "Đêm nay điểm này là tùy chọn, và quãng đường vòng tốn hơn giá trị thu gom: điểm chờ đến một đêm sau.",
            ),
        ],
        verdicts: &[
            ("must", "bắt buộc"),
            ("optional", "tùy chọn"),
            ("skip", "bỏ qua"),
        ],
        outcomes: &[
            ("served", "đã thu gom"),
            ("not_taken", "không thu (không đáng đi vòng)"),
            ("unassigned", "chưa được phục vụ"),
            ("skipped", "bỏ qua"),
        ],
        rules: &[
            ("overflow", "sẽ bị tràn"),
            ("frequency", "đến lịch thu theo tần suất"),
            ("max_days", "chờ thêm sẽ quá số đêm tối đa giữa hai lần thu"),
            (
                "no_forecast",
                "thu theo yêu cầu, không có số đo cảm biến và ước tính",
            ),
            ("worth_taking", "đủ đầy để thu khi xe đi ngang qua"),
            ("not_needed", "có thể chờ"),
        ],
        facility_kinds: &[
            ("transfer_station", "trạm trung chuyển"),
            ("landfill", "bãi chôn lấp"),
            ("incinerator", "lò đốt rác"),
            ("composting", "cơ sở ủ phân hữu cơ"),
            ("recycling", "cơ sở tái chế"),
        ],
        streams: &[
            ("recyclable", "rác tái chế"),
            ("food", "rác thực phẩm"),
            ("other", "rác khác"),
        ],
        dimensions: &[("weight", "khối lượng"), ("volume", "thể tích")],
        units: &[("litres", "lít")],
        stop_kinds: &[
            ("depot", "bãi xe"),
            ("site", "điểm thu gom"),
            ("facility", "nơi đổ rác"),
            ("break", "nghỉ giữa ca"),
        ],
        policies: &[("fixed", "lịch cố định"), ("sensor", "theo cảm biến")],
        break_stop: Some("Nghỉ giữa ca"),
        decision_sentence: Some(decision_sentence),
    },
    report: ReportTexts {
        title: |name, night| format!("Báo cáo kế hoạch thu gom · {name} · đêm {night}"),
        night_of: |night| format!("Đêm {night}"),
        time_zone: |tz, offset| format!("Múi giờ {tz} (UTC{offset})"),
        seed: |seed| format!("Hạt giống ngẫu nhiên {seed}"),
        fingerprint: |f| format!("Mã kiểm tra dữ liệu {f}"),
        footer: |generator, fingerprint, seed, budget| {
            format!(
                "Lập bởi {generator} từ dữ liệu có mã kiểm tra {fingerprint}, hạt giống ngẫu nhiên {seed}{}. \
                 Dữ liệu bản đồ © Những người đóng góp OpenStreetMap, cấp phép theo Giấy phép Cơ sở dữ liệu Mở (ODbL).",
                budget
                    .map(|b| format!(", giới hạn {b} vòng lặp"))
                    .unwrap_or_default()
            )
        },
        vehicles_used: "Số xe sử dụng",
        of_the_fleet: "trong đội xe",
        sites_served: "Điểm đã thu gom",
        trips_to_facilities: |n| format!("{n} chuyến đổ rác"),
        distance: "Quãng đường",
        on_the_road_network: "trên mạng lưới đường",
        working_time: "Thời gian làm việc",
        driving_note: |d| format!("trong đó lái xe {d}"),
        collected: "Khối lượng thu gom",
        co2_estimate: "Ước tính CO₂",
        co2_note: "kg mỗi km × số km",
        unassigned: "Chưa được phục vụ",
        every_site_served_note: "mọi điểm đều được phục vụ",
        see_the_list_below: "xem danh sách bên dưới",
        plan_cost: "Chi phí kế hoạch",
        with_penalties: "gồm tiền phạt điểm chưa phục vụ",
        fixed_distance_time: "cố định, quãng đường và thời gian",
        vehicles: "Xe",
        used_of: |used, all| format!("dùng {used} trên {all} xe"),
        vehicle_headers: [
            "Xe",
            "Ca làm việc",
            "Chuyến",
            "Điểm",
            "km",
            "Thời gian (giờ:phút)",
            "Lái xe (giờ:phút)",
            "Chờ (giờ:phút)",
        ],
        peak_trip_load: "Tải cao nhất của một chuyến",
        co2_kg: "CO₂ (kg)",
        cost: "Chi phí",
        vehicle_type: |t| format!("loại xe {t}"),
        total: "Tổng",
        facilities: "Trạm trung chuyển và khu xử lý",
        intake_against_limit: "lượng tiếp nhận so với giới hạn hằng ngày",
        facility_headers: ["Nơi đổ rác", "Loại", "Nhận loại rác", "Lượt đổ"],
        intake_headers: ["Tiếp nhận", "Giới hạn hằng ngày", "Mức sử dụng"],
        no_limit: "không giới hạn",
        no_facility: "Kịch bản không có nơi đổ rác nào.",
        unassigned_sites: "Điểm chưa được phục vụ",
        every_site_served: "Mọi điểm đều được phục vụ.",
        unassigned_headers: [
            "Mã điểm",
            "Tên",
            "Loại rác",
            "Lý do",
            "Ý nghĩa và cách xử lý",
        ],
        stops: "Điểm dừng",
        per_vehicle_in_order: "theo từng xe, theo thứ tự",
        stop_headers: [
            "#",
            "Chuyến",
            "Loại",
            "Mã",
            "Tên",
            "Loại rác",
            "Đến",
            "Bắt đầu",
            "Rời đi",
            "Chờ",
            "Tải sau điểm",
            "km từ điểm trước",
        ],
        stop_text_headers: [
            "#",
            "chuyến",
            "loại",
            "mã",
            "loại rác",
            "đến",
            "bắt đầu",
            "rời",
            "tải sau",
            "km",
        ],
        route_summary: |trips, sites, km| format!("{trips} chuyến · {sites} điểm · {km} km"),
        decisions: "Quyết định đêm nay",
        decision_counts: |must, optional, skipped, served| {
            format!(
                "{must} bắt buộc · {optional} tùy chọn · {skipped} bỏ qua · {served} đã thu gom"
            )
        },
        decision_headers: [
            "Điểm dừng",
            "Tên",
            "Quyết định",
            "Kết quả",
            "Mức đầy hiện tại",
            "Giá trị",
            "Lý do",
        ],
        show_all_decisions: |n| format!("Xem tất cả {n} quyết định"),
        timeline: "Lịch trình theo giờ",
        local_time: |offset| format!("giờ địa phương, UTC{offset}"),
        timeline_label: "Lịch trình của từng xe",
        no_vehicle_used: "Không có xe nào được sử dụng.",
        activities: ["Lái xe", "Thu gom", "Đổ rác", "Nghỉ giữa ca", "Chờ"],
        total_working_time: |d| format!("Tổng thời gian làm việc {d}"),
        driving_and_collecting: |from, to, sites| {
            format!("Lái xe và thu gom {from}–{to} · {sites} điểm")
        },
        map: "Bản đồ",
        routes_over_roads: "các tuyến trên mạng lưới đường",
        nothing_to_draw: "Không có gì để vẽ: kế hoạch không có điểm dừng nào có tọa độ.",
        map_label: "Bản đồ các tuyến",
        route_stops: |vehicle, sites| format!("{vehicle} · {sites} điểm"),
        unassigned_title: |id, name, reason| format!("Chưa được phục vụ {id} · {name}: {reason}"),
        depot_title: |name| format!("Bãi xe {name}"),
        osm_contributors: "© Những người đóng góp OpenStreetMap",
        legend_vehicles: "Xe",
        symbols: "Ký hiệu",
        symbol_names: [
            "Bãi xe",
            "Trạm trung chuyển, khu xử lý",
            "Điểm thu gom",
            "Điểm chưa được phục vụ",
            "Đường",
        ],
        road_data: "Dữ liệu đường © Những người đóng góp OpenStreetMap (ODbL).",
    },
    simulate: SimulateTexts {
        title: "So sánh các phương án thu gom",
        rows: [
            ("nights", "Số đêm"),
            ("km", "Quãng đường (km)"),
            ("truck_nights", "Số xe-đêm"),
            ("driver_hours", "Giờ lái xe"),
            ("kg_collected", "Khối lượng thu gom (kg)"),
            ("overflow_site_days", "Số điểm-ngày bị tràn"),
            ("overflow_container_hours", "Số thùng-giờ bị tràn"),
            ("kg_overflowed", "Khối lượng bị tràn (kg)"),
            ("must_unserved", "Điểm bắt buộc chưa được thu"),
        ],
        km_comparison: |pct, fewer| {
            format!(
                "Phương án theo cảm biến chạy {} <strong>{pct} %</strong> số km so với lịch cố định.",
                if fewer { "ít hơn" } else { "nhiều hơn" }
            )
        },
        km_per_night: "Số km mỗi đêm",
        overflowing_per_day: "Số điểm bị tràn mỗi ngày",
    },
    week: WeekTexts {
        title: "Kế hoạch tuần",
        lead: |days, first| {
            format!(
                "{days} đêm từ {first}. Tuyến của mỗi ngày nằm trong thư mục của ngày đó (report.html)."
            )
        },
        days_heading: "Từng ngày",
        sites_due: "Điểm đến lịch thu",
        unassigned: "Chưa được phục vụ",
        trucks: "Số xe",
        km: "Ki-lô-mét",
        tonnes: "Tấn",
        hours: "Giờ lái xe",
        sites_heading: "Ngày thu của từng điểm (kg đã thu)",
        site: "Điểm thu gom",
        frequency: "Tần suất",
        total: "Tổng",
        not_served: "chưa thu",
        frequency_text,
        note: "week.csv có cùng bảng này; week.json có số liệu cho các chương trình.",
    },
};

/// "Hiện đầy 124 %, dự báo 166 % lúc 02:00 Thứ Tư; lần thu kế tiếp là đêm Thứ Ba, 03/03;
/// bắt buộc vì sẽ bị tràn" (the verdict, then why: "vì" = because).
fn decision_sentence(p: &DecisionParts<'_>) -> String {
    let tail = format!(
        "lần thu kế tiếp là đêm {}; {} vì {}",
        p.next_chance, p.verdict, p.why
    );
    match (&p.fill_now, &p.predicted) {
        (Some(now), Some(then)) => format!(
            "Hiện đầy {now}, dự báo {then} lúc {}; {tail}",
            p.predicted_at
        ),
        _ => format!("Không có dự báo; {tail}"),
    }
}

/// A frequency in Vietnamese: `hằng ngày`, `3 lần/tuần`, `T2;T4;T6`, `mỗi 4 ngày`,
/// `theo nhu cầu`.
fn frequency_text(f: &Frequency) -> String {
    const SHORT: [&str; 7] = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"];
    match f {
        Frequency::Daily => "hằng ngày".to_string(),
        Frequency::PerWeek(n) => format!("{n} lần/tuần"),
        Frequency::Weekdays(set) => {
            let days: Vec<&str> = (0..7u8)
                .filter_map(|i| Weekday::try_from(i).ok())
                .filter(|d| set.contains(*d))
                .map(|d| SHORT[d.num_days_from_monday() as usize])
                .collect();
            days.join(";")
        }
        Frequency::EveryDays(n) => format!("mỗi {n} ngày"),
        Frequency::OnDemand => "theo nhu cầu".to_string(),
    }
}
