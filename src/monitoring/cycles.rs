//! Emptyings found in a fill-level series: where one fill cycle ends and the next begins.
//!
//! A container's level rises between emptyings and drops to near zero when a truck empties
//! it. A reading counts as the first of a new cycle when it lies more than
//! [`RESET_DROP_PCT`] percentage points below the level before it *and* the
//! [`CONFIRM_READINGS`] readings after it (at least one must exist) stay more than
//! [`CONFIRM_DROP_PCT`] points below that level. The level before is the second lowest of
//! the last [`LEVEL_READINGS`] readings of the current cycle (the lowest when the cycle
//! has fewer), so that up to two upward spikes among them (a bag under an ultrasonic
//! sensor, the commonest fault) do not make the next normal reading look like an
//! emptying; it lags a rising level by about two readings. The confirmation by the next
//! readings keeps one low glitch (which the readings after it contradict by returning
//! to the level before) from cutting a cycle in two, while leaving room for a container
//! that refills fast after its emptying.
//!
//! A drop at the very last reading is not taken for an emptying until a reading confirms
//! it: missing an emptying makes the forecast too high (a visit too early), taking a
//! glitch for one makes it too low (an overflow).
//!
//! An emptying of a container that was less than about 30 % full is not seen; the
//! `last_emptied` column (or a record of the plan executed) covers it.

/// A drop of more than this many percentage points ends a cycle.
pub const RESET_DROP_PCT: f64 = 30.0;

/// The readings after a drop must stay more than this many points below the level
/// before it to confirm an emptying.
pub const CONFIRM_DROP_PCT: f64 = 15.0;

/// How many readings after a drop confirm it.
pub const CONFIRM_READINGS: usize = 2;

/// How many readings before a drop give the level before it (their second lowest).
pub const LEVEL_READINGS: usize = 4;

/// Indices of the first reading of every cycle of `levels` (fill levels in percent,
/// oldest first): 0, then one index per emptying found. Empty for an empty series.
pub fn cycle_starts(levels: &[f64]) -> Vec<usize> {
    if levels.is_empty() {
        return Vec::new();
    }
    let mut starts = vec![0];
    for i in 1..levels.len() {
        let start = *starts.last().unwrap_or(&0);
        let recent = &levels[start.max(i.saturating_sub(LEVEL_READINGS))..i];
        let Some(before) = lower_level(recent) else {
            continue;
        };
        if before - levels[i] > RESET_DROP_PCT
            && i + 1 < levels.len()
            && levels
                .iter()
                .skip(i + 1)
                .take(CONFIRM_READINGS)
                .all(|&next| before - next > CONFIRM_DROP_PCT)
        {
            starts.push(i);
        }
    }
    starts
}

/// The second lowest of `xs` (the lowest of fewer than four); `None` when empty.
fn lower_level(xs: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| !x.is_nan()).collect();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 4).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_emptyings_and_ignores_single_glitches() {
        let y = [
            5.0, 20.0, 40.0, 60.0, 70.0, 3.0, 10.0, 20.0, 40.0, 50.0, 0.0, 55.0, 60.0, 95.0, 62.0,
            64.0, 2.0, 4.0,
        ];
        // 70 → 3: emptied; 50 → 0 → 55: a glitch; 95: a spike; 64 → 2 → 4: emptied.
        // Two glitches in a row, or two spikes, are not emptyings either.
        assert_eq!(
            cycle_starts(&[30.0, 32.0, 34.0, 0.0, 0.0, 36.0, 38.0]),
            vec![0]
        );
        assert_eq!(
            cycle_starts(&[30.0, 32.0, 75.0, 76.0, 38.0, 40.0, 42.0]),
            vec![0]
        );
        assert_eq!(cycle_starts(&y), vec![0, 5, 16]);
        assert_eq!(cycle_starts(&[]), Vec::<usize>::new());
        assert_eq!(cycle_starts(&[50.0]), vec![0]);
        // A fast refill after the emptying still confirms it.
        assert_eq!(
            cycle_starts(&[60.0, 70.0, 80.0, 5.0, 30.0, 40.0]),
            vec![0, 3]
        );
        // Three spikes among the last five readings: no emptying.
        assert_eq!(
            cycle_starts(&[14.0, 56.0, 58.0, 11.0, 16.0, 55.0, 21.0, 14.0, 18.0]),
            vec![0]
        );
    }

    #[test]
    fn a_drop_of_thirty_points_or_less_is_noise() {
        assert_eq!(cycle_starts(&[50.0, 50.0, 50.0, 20.0, 20.0]), vec![0]);
        assert_eq!(cycle_starts(&[50.0, 50.0, 50.0, 19.9, 19.0]), vec![0, 3]);
        // Unconfirmed at the end of the series.
        assert_eq!(cycle_starts(&[50.0, 50.0, 50.0, 19.0]), vec![0]);
    }
}
