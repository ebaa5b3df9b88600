//! A one-line summary of a benchmark run: how many results were feasible, the average gap
//! to the best-known solutions, and how the vehicle counts compare with theirs.
//!
//! The per-instance JSON lines stay the record; this is what a person reads at the end of a
//! run of 57 instances (the command prints it on stderr, so stdout stays pure JSON lines).

use super::BenchmarkResult;
use std::fmt;

/// Running totals over [`BenchmarkResult`]s.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Results added.
    pub results: usize,
    /// Results the checker accepted with every site served.
    pub complete: usize,
    /// Results with a gap to a best-known solution.
    pub with_bks: usize,
    /// Sum of those gaps, in percent.
    pub gap_sum: f64,
    /// Largest gap seen, in percent.
    pub gap_max: Option<f64>,
    /// Results with a known BKS vehicle count that use fewer / as many / more vehicles.
    pub vehicles_fewer: usize,
    /// See `vehicles_fewer`.
    pub vehicles_equal: usize,
    /// See `vehicles_fewer`.
    pub vehicles_more: usize,
}

impl Summary {
    /// Adds one instance's result.
    pub fn add(&mut self, r: &BenchmarkResult) {
        self.results += 1;
        if r.is_ok() {
            self.complete += 1;
        }
        if let Some(gap) = r.gap_pct {
            self.with_bks += 1;
            self.gap_sum += gap;
            self.gap_max = Some(self.gap_max.map_or(gap, |m| m.max(gap)));
        }
        if let Some(bks) = r.bks_vehicles {
            match r.vehicles.cmp(&(bks as usize)) {
                std::cmp::Ordering::Less => self.vehicles_fewer += 1,
                std::cmp::Ordering::Equal => self.vehicles_equal += 1,
                std::cmp::Ordering::Greater => self.vehicles_more += 1,
            }
        }
    }

    /// Average gap to the best-known solutions, in percent, when any was known.
    pub fn average_gap(&self) -> Option<f64> {
        (self.with_bks > 0).then(|| self.gap_sum / self.with_bks as f64)
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "summary: {} instance(s), {} feasible and complete",
            self.results, self.complete
        )?;
        if let (Some(avg), Some(max)) = (self.average_gap(), self.gap_max) {
            write!(
                f,
                "; gap to BKS over {}: average {avg:.2} %, max {max:.2} %",
                self.with_bks
            )?;
        }
        let compared = self.vehicles_fewer + self.vehicles_equal + self.vehicles_more;
        if compared > 0 {
            write!(
                f,
                "; vehicles vs BKS: {} fewer, {} equal, {} more",
                self.vehicles_fewer, self.vehicles_equal, self.vehicles_more
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(gap: Option<f64>, vehicles: usize, bks_vehicles: Option<u32>) -> BenchmarkResult {
        BenchmarkResult {
            warnings: Vec::new(),
            instance: "i".into(),
            file: "i.vrp".into(),
            mode: "solve",
            objective: "distance",
            cost: 100.0,
            vehicles,
            unassigned: 0,
            optional_left_out: None,
            stated_cost_agrees: None,
            feasible: true,
            violations: 0,
            violation_samples: Vec::new(),
            seconds: 1.0,
            iterations: Some(10),
            solver_cost_agrees: Some(true),
            seed: 1,
            bks: gap.map(|_| 99.0),
            bks_vehicles,
            bks_set: None,
            bks_uncertain: None,
            gap_pct: gap,
            solution_file: None,
        }
    }

    #[test]
    fn averages_gaps_and_compares_vehicle_counts() {
        let mut s = Summary::default();
        s.add(&result(Some(1.0), 10, Some(10)));
        s.add(&result(Some(3.0), 12, Some(11)));
        s.add(&result(None, 5, None));
        let mut infeasible = result(Some(-1.0), 9, Some(10));
        infeasible.feasible = false;
        s.add(&infeasible);
        assert_eq!(s.results, 4);
        assert_eq!(s.complete, 3);
        assert_eq!(s.average_gap(), Some(1.0));
        assert_eq!(s.gap_max, Some(3.0));
        assert_eq!(
            (s.vehicles_fewer, s.vehicles_equal, s.vehicles_more),
            (1, 1, 1)
        );
        assert_eq!(
            s.to_string(),
            "summary: 4 instance(s), 3 feasible and complete; gap to BKS over 3: \
             average 1.00 %, max 3.00 %; vehicles vs BKS: 1 fewer, 1 equal, 1 more"
        );
    }

    #[test]
    fn without_bks_only_counts() {
        let mut s = Summary::default();
        s.add(&result(None, 5, None));
        assert_eq!(s.average_gap(), None);
        assert_eq!(
            s.to_string(),
            "summary: 1 instance(s), 1 feasible and complete"
        );
    }
}
