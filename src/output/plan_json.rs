//! `plan.json`: the [`PlanDocument`] as pretty JSON, fields in declaration order.
//!
//! It holds no wall-clock value, so the same inputs and seed give the same bytes.

use super::document::PlanDocument;

/// Renders `plan.json` (ends with a newline).
///
/// # Errors
/// Only if serialisation fails, which for this document means a bug.
pub fn render(doc: &PlanDocument) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = serde_json::to_vec_pretty(doc)?;
    out.push(b'\n');
    Ok(out)
}
