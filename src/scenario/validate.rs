//! Checks across tables that need no road network: can each site be carried by some
//! vehicle, unloaded at some facility, served within some shift?
//!
//! Site-level findings are warnings whose code is the reason the planner will give in
//! `plan.json` for leaving the site out (`no_vehicle_for_stream`, …): the plan is still
//! made, without those sites, so one bad gathering point does not stop a whole night.
//! Findings that make the fleet or a facility unusable are errors. The checks that need
//! the road network (snap distance, reachability) run when the problem is built
//! ([`crate::scenario`]'s `build` step) and use the same codes.

use super::time_of_day::format_time;
use super::{Scenario, SiteRecord, VehicleRecord};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::problem::{Loads, StreamIdx, TimeWindow};
use crate::solution::UnassignedReason;

/// Runs every check and pushes what it finds.
pub fn static_checks(s: &Scenario, diags: &mut Diagnostics) {
    check_fleet(s, diags);
    check_facilities(s, diags);
    for site in &s.sites {
        check_site(s, site, diags);
    }
    check_intake_limits(s, diags);
}

fn overlaps(a: TimeWindow, b: TimeWindow) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn check_fleet(s: &Scenario, diags: &mut Diagnostics) {
    let vfile = &s.files.vehicles;
    // With no vehicle row read, the table is empty or each row was rejected: both are
    // reported where they are, and "all counts are 0" would mislead.
    if !s.vehicles.is_empty() && s.vehicles.iter().all(|v| v.count == 0) {
        diags.push(
            Diagnostic::error(
                "no_vehicles",
                vfile,
                "the fleet has no vehicle: every vehicle row has count 0",
            )
            .hint("give a vehicle row a count of at least 1"),
        );
    }
    if s.facilities.is_empty() {
        diags.push(
            Diagnostic::error(
                "no_facilities",
                &s.files.facilities,
                "no facility: trucks must unload before they come home",
            )
            .hint("add at least one facility row"),
        );
    }
    if s.sites.is_empty() {
        diags.push(
            Diagnostic::warning("no_sites", &s.files.sites, "no site to collect")
                .hint("add gathering points to sites.csv"),
        );
    }
    for v in &s.vehicles {
        for (col, d) in [("depot", v.depot), ("end_depot", v.end_depot)] {
            let depot = &s.depots[d];
            if !overlaps(depot.window, v.shift) {
                diags.push(
                    Diagnostic::error(
                        "shift_outside_depot_hours",
                        vfile,
                        format!(
                            "vehicle `{}`: shift {}–{} does not meet depot `{}` hours {}–{}",
                            v.id,
                            format_time(v.shift.start),
                            format_time(v.shift.end),
                            depot.id,
                            format_time(depot.window.start),
                            format_time(depot.window.end)
                        ),
                    )
                    .at_line(v.line)
                    .in_column(col)
                    .hint("change the shift or the depot's hours"),
                );
            }
        }
        if let Some(b) = &v.break_rule
            && b.duration > v.shift.end - v.shift.start
        {
            diags.push(
                Diagnostic::error(
                    "break_longer_than_shift",
                    vfile,
                    format!("vehicle `{}`: the break is longer than the shift", v.id),
                )
                .at_line(v.line)
                .in_column("break_min")
                .hint("shorten the break"),
            );
        }
        let usable = usable_facilities(s, v);
        let mut any = false;
        for stream in 0..s.streams.len() {
            let st = StreamIdx(stream as u8);
            if v.streams.contains(st)
                && usable.iter().any(|&f| s.facilities[f].accepts.contains(st))
            {
                any = true;
            }
        }
        if !any && v.count > 0 {
            diags.push(
                Diagnostic::warning(
                    "no_facility_for_vehicle",
                    vfile,
                    format!(
                        "vehicle `{}`: none of its facilities accepts any stream it carries; it cannot be used",
                        v.id
                    ),
                )
                .at_line(v.line)
                .in_column("facilities")
                .hint("allow a facility that accepts one of its streams"),
            );
        }
    }
}

fn usable_facilities(s: &Scenario, v: &VehicleRecord) -> Vec<usize> {
    match &v.facilities {
        Some(list) => list.clone(),
        None => (0..s.facilities.len()).collect(),
    }
}

fn check_facilities(s: &Scenario, diags: &mut Diagnostics) {
    for f in &s.facilities {
        let open_in_some_shift = s
            .vehicles
            .iter()
            .any(|v| f.windows.iter().any(|w| overlaps(*w, v.shift)));
        if !open_in_some_shift && !s.vehicles.is_empty() {
            diags.push(
                Diagnostic::warning(
                    "facility_closed_during_shifts",
                    &s.files.facilities,
                    format!("facility `{}` is closed during every vehicle's shift", f.id),
                )
                .at_line(f.line)
                .in_column("hours")
                .hint("check its opening hours against the shifts in vehicles.csv"),
            );
        }
    }
}

/// Why one stream of a site cannot be served, judged from the tables alone (no roads):
/// the same reason the plan gives for leaving it out.
pub fn static_reason(
    s: &Scenario,
    site: &SiteRecord,
    stream: StreamIdx,
    demand: Loads,
) -> Option<UnassignedReason> {
    let allowed = |vi: usize| site.vehicles.as_ref().is_none_or(|l| l.contains(&vi));
    let carriers: Vec<usize> = (0..s.vehicles.len())
        .filter(|&vi| {
            allowed(vi) && s.vehicles[vi].streams.contains(stream) && s.vehicles[vi].count > 0
        })
        .collect();
    if carriers.is_empty() {
        return Some(UnassignedReason::NoVehicleForStream);
    }
    let with_facility: Vec<usize> = carriers
        .into_iter()
        .filter(|&vi| {
            usable_facilities(s, &s.vehicles[vi])
                .iter()
                .any(|&f| s.facilities[f].accepts.contains(stream))
        })
        .collect();
    if with_facility.is_empty() {
        return Some(UnassignedReason::NoFacilityForStream);
    }
    let fits: Vec<usize> = with_facility
        .into_iter()
        .filter(|&vi| demand.fits_within(s.vehicles[vi].capacity))
        .collect();
    if fits.is_empty() {
        return Some(UnassignedReason::DemandExceedsCapacity);
    }
    if !site.windows.is_empty() {
        let reachable = fits.iter().any(|&vi| {
            let shift = s.vehicles[vi].shift;
            site.windows.iter().any(|w| overlaps(*w, shift))
        });
        if !reachable {
            return Some(UnassignedReason::WindowUnreachable);
        }
    }
    let longest = fits
        .iter()
        .map(|&vi| s.vehicles[vi].max_duration)
        .max()
        .unwrap_or_default();
    (site.service_time > longest).then_some(UnassignedReason::ShiftTooShort)
}

fn check_site(s: &Scenario, site: &SiteRecord, diags: &mut Diagnostics) {
    for &(stream, demand) in &site.demands {
        let Some(reason) = static_reason(s, site, stream, demand) else {
            continue;
        };
        let name = s.streams.name(stream);
        let (column, msg, hint) = match reason {
            UnassignedReason::NoVehicleForStream => (
                "vehicles",
                format!("no vehicle allowed at the site carries `{name}`"),
                "let a vehicle carry the stream (vehicles.csv `streams`) or widen the site's `vehicles`",
            ),
            UnassignedReason::NoFacilityForStream => (
                "stream",
                format!("no facility its vehicles may use accepts `{name}`"),
                "let a facility accept the stream (facilities.csv `streams`) or widen the vehicles' `facilities`",
            ),
            UnassignedReason::DemandExceedsCapacity => (
                "demand_kg",
                format!("its `{name}` demand is larger than any vehicle that may carry it"),
                "split the gathering point into several rows, or add a larger vehicle",
            ),
            UnassignedReason::WindowUnreachable => (
                "windows",
                "no window meets the shift of a vehicle that may serve it".to_string(),
                "check the windows against the shifts (windows ending before they start cross midnight)",
            ),
            _ => (
                "service_min",
                "its service time is longer than any shift".to_string(),
                "check `service_min` (minutes)",
            ),
        };
        diags.push(
            Diagnostic::warning(
                reason.code(),
                &s.files.sites,
                format!("site `{}`: {msg}; it will be left out", site.id),
            )
            .at_line(site.line)
            .in_column(column)
            .hint(hint),
        );
    }
}

fn check_intake_limits(s: &Scenario, diags: &mut Diagnostics) {
    for stream in 0..s.streams.len() {
        let st = StreamIdx(stream as u8);
        let demand: i64 = s
            .sites
            .iter()
            .flat_map(|site| &site.demands)
            .filter(|(x, _)| *x == st)
            .map(|(_, l)| l.0[super::units::DIM_KG].get())
            .sum();
        let accepting: Vec<_> = s
            .facilities
            .iter()
            .filter(|f| f.accepts.contains(st))
            .collect();
        if demand == 0 || accepting.is_empty() {
            continue;
        }
        if accepting.iter().all(|f| f.daily_limit.is_some()) {
            let limit: i64 = accepting
                .iter()
                .map(|f| f.daily_limit.map_or(0, |l| l.0[super::units::DIM_KG].get()))
                .sum();
            if demand > limit {
                diags.push(
                    Diagnostic::warning(
                        "intake_limits_too_small",
                        &s.files.facilities,
                        format!(
                            "stream `{}`: sites hold {:.1} t but the facilities accepting it take at most {:.1} t a day; some sites will be left out",
                            s.streams.name(st),
                            demand as f64 / 1000.0,
                            limit as f64 / 1000.0
                        ),
                    )
                    .in_column("daily_limit_t")
                    .hint("raise a daily limit or let another facility accept the stream"),
                );
            }
        }
    }
}
