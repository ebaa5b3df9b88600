//! Emptyings found in a fill-level series: where one fill cycle ends and the next begins.
//!
//! A container's level rises between emptyings and drops to near zero when a truck empties
//! it. A reading counts as the first of a new cycle when it lies more than
//! [`RESET_DROP_PCT`] percentage points below the level before it *and* the reading after
//! it (if any) stays more than [`CONFIRM_DROP_PCT`] points below that level. The level
//! before is the median of the last (up to) three readings of the current cycle, so that
//! one spike (a bag on the sensor) does not make the next normal reading look like an
//! emptying; the confirmation by the next reading keeps one low glitch (which the next
//! reading contradicts by returning to the level before) from cutting a cycle in two,
//! while leaving room for a container that refills fast after its emptying.

use super::robust::median;

/// A drop of more than this many percentage points ends a cycle.
pub const RESET_DROP_PCT: f64 = 30.0;

/// The reading after a drop must stay more than this many points below the level
/// before it to confirm an emptying.
pub const CONFIRM_DROP_PCT: f64 = 15.0;

/// Indices of the first reading of every cycle of `levels` (fill levels in percent,
/// oldest first): 0, then one index per emptying found. Empty for an empty series.
pub fn cycle_starts(levels: &[f64]) -> Vec<usize> {
    if levels.is_empty() {
        return Vec::new();
    }
    let mut starts = vec![0];
    for i in 1..levels.len() {
        let start = *starts.last().unwrap_or(&0);
        let recent = &levels[start.max(i.saturating_sub(3))..i];
        let Some(before) = median(recent) else {
            continue;
        };
        if before - levels[i] > RESET_DROP_PCT
            && levels
                .get(i + 1)
                .is_none_or(|&next| before - next > CONFIRM_DROP_PCT)
        {
            starts.push(i);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_emptyings_and_ignores_single_glitches() {
        let y = [
            5.0, 20.0, 40.0, 60.0, 70.0, 3.0, 10.0, 20.0, 40.0, 50.0, 0.0, 55.0, 60.0, 95.0, 62.0,
            64.0, 2.0,
        ];
        // 70 → 3: emptied; 50 → 0 → 55: a glitch; 95: a spike; 64 → 2 (last): emptied.
        assert_eq!(cycle_starts(&y), vec![0, 5, 16]);
        assert_eq!(cycle_starts(&[]), Vec::<usize>::new());
        assert_eq!(cycle_starts(&[50.0]), vec![0]);
        // A fast refill after the emptying still confirms it.
        assert_eq!(cycle_starts(&[60.0, 70.0, 80.0, 5.0, 45.0]), vec![0, 3]);
    }

    #[test]
    fn a_drop_of_thirty_points_or_less_is_noise() {
        assert_eq!(cycle_starts(&[50.0, 50.0, 50.0, 20.0, 20.0]), vec![0]);
        assert_eq!(cycle_starts(&[50.0, 50.0, 50.0, 19.9, 19.0]), vec![0, 3]);
    }
}
