//! The language of the human texts of the HTML pages (`report.html`, `simulate.html`, and
//! later `week.html`): headings, labels, reasons, units, numbers and dates.
//!
//! `[scenario] language = "vi"` or `"en"` (the default) chooses it. Only what people read
//! changes: `plan.json`, `routes.csv`, `summary.json` and `nights.csv` keep their English
//! keys and values (codes such as `no_capacity_left` or `must`), so that programs reading
//! them need not know the language.
//!
//! How it is built:
//! - [`Language`]: the language code, parsed from the scenario and written into `plan.json`
//!   (only when it is not English, so an English `plan.json` stays as it always was);
//! - `Texts` (crate-internal): one catalogue per language (`en.rs`, `vi.rs`) of fixed
//!   strings and small functions for phrases with numbers in them, one group of fields
//!   per page (`report`, `simulate`) plus the words they share (`words`: reasons,
//!   decisions, stop and facility kinds). A new page adds one group: a struct here and its
//!   values in both files;
//! - `format.rs`: numbers, durations and dates in the language's conventions.
//!
//! The English catalogue holds exactly the texts the pages had before languages existed,
//! so English pages are byte-identical to earlier ones. Where the English page shows a
//! code as it is (a reason code, a stream name), the English code tables are empty and
//! the code is shown unchanged; the Vietnamese tables translate every code the program
//! writes, and an unknown code (a stream a scenario named itself, a hand-edited plan)
//! still shows as written.
//!
//! ## Vietnamese conventions
//! - numbers: `.` between thousands and `,` before decimals (`1.234,5 km`);
//! - dates: weekday and day/month/year (`Thứ Hai, 02/03/2026`); clock times `HH:MM`;
//! - durations: `2 giờ 15 phút` in sentences and key figures; table cells keep the
//!   compact `h:mm` under a heading that says so (a column of long phrases would not fit);
//! - weights: tonnes as `tấn`, kilograms as `kg`.
//!
//! Limits (known, not hidden): the names and ids that come from the scenario's files
//! (sites, vehicles, facilities) are shown as written; messages on the terminal and in
//! the diagnostics stay English.

mod en;
mod format;
mod texts;
mod vi;

pub(crate) use texts::{DecisionParts, Texts};

use serde::{Deserialize, Serialize};
use std::fmt;

/// A language of the HTML pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English (`en`), the default.
    #[default]
    En,
    /// Vietnamese (`vi`), with full diacritics.
    Vi,
}

impl Language {
    /// Every language, in the order the documentation lists them.
    pub const ALL: [Language; 2] = [Language::En, Language::Vi];

    /// Its code, as written in `scenario.toml`, `plan.json` and `<html lang>`: `en`, `vi`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Vi => "vi",
        }
    }

    /// Parses a code (`en`, `vi`; exact, lower case). `None` for any other text.
    pub fn parse(text: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == text)
    }

    /// True for English, the default (`plan.json` then leaves the key out).
    pub fn is_english(&self) -> bool {
        *self == Language::En
    }

    /// The catalogue of texts in this language.
    pub(crate) fn texts(self) -> &'static Texts {
        match self {
            Language::En => &en::TEXTS,
            Language::Vi => &vi::TEXTS,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Some(l));
            assert_eq!(l.to_string(), l.code());
            assert_eq!(l.texts().language, l);
        }
        for bad in ["fr", "EN", "Vi", "", "vi "] {
            assert_eq!(Language::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Language::default(), Language::En);
        assert_eq!(serde_json::to_string(&Language::Vi).unwrap(), "\"vi\"");
    }

    /// Every code the program writes has a Vietnamese word, so no English code is left
    /// on a Vietnamese page.
    #[test]
    fn vietnamese_translates_every_code_the_program_writes() {
        let w = &Language::Vi.texts().words;
        for reason in crate::solution::UnassignedReason::ALL {
            assert!(w.reason_label(reason.code()).is_some(), "{reason:?}");
            assert!(w.reason_explanation(reason.code()).is_some(), "{reason:?}");
        }
        for code in ["must", "optional", "skip"] {
            assert!(w.verdict(code).is_some(), "{code}");
        }
        for code in ["served", "not_taken", "unassigned", "skipped"] {
            assert!(w.outcome(code).is_some(), "{code}");
        }
        for code in [
            "overflow",
            "frequency",
            "max_days",
            "no_forecast",
            "worth_taking",
            "not_needed",
        ] {
            assert!(w.rule(code).is_some(), "{code}");
        }
        for kind in [
            "transfer_station",
            "landfill",
            "incinerator",
            "composting",
            "recycling",
        ] {
            assert!(w.facility_kind(kind).is_some(), "{kind}");
        }
        for stream in ["recyclable", "food", "other"] {
            assert!(w.stream(stream).is_some(), "{stream}");
        }
        for policy in ["fixed", "sensor"] {
            assert!(w.policy(policy).is_some(), "{policy}");
        }
    }
}
