//! The scenario's waste streams: names ↔ [`StreamIdx`], and `;`-separated stream lists.

use crate::problem::{StreamIdx, StreamSet};

/// The streams Vietnam's 2020 environmental law asks households to separate.
pub const DEFAULT_STREAMS: [&str; 3] = ["recyclable", "food", "other"];

/// Most streams a scenario may name (a [`StreamSet`] is a 32-bit mask).
pub const MAX_STREAMS: usize = 32;

/// The ordered list of stream names; a stream's index is its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Streams {
    names: Vec<String>,
}

impl Streams {
    /// Checks the names (non-empty, lowercase identifiers, unique, at most 32).
    ///
    /// # Errors
    /// What is wrong with the list.
    pub fn new(names: Vec<String>) -> Result<Streams, String> {
        if names.is_empty() {
            return Err("the scenario names no stream".into());
        }
        if names.len() > MAX_STREAMS {
            return Err(format!("at most {MAX_STREAMS} streams are supported"));
        }
        for (i, n) in names.iter().enumerate() {
            let ok = !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !ok {
                return Err(format!(
                    "stream `{n}`: use lowercase letters, digits and `_` only"
                ));
            }
            if names[..i].contains(n) {
                return Err(format!("stream `{n}` is named twice"));
            }
        }
        Ok(Streams { names })
    }

    /// All names in index order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of streams.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Never true: a scenario has at least one stream.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The index of a name.
    pub fn find(&self, name: &str) -> Option<StreamIdx> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| StreamIdx(i as u8))
    }

    /// The name of an index.
    pub fn name(&self, s: StreamIdx) -> &str {
        &self.names[s.0 as usize]
    }

    /// Every stream.
    pub fn all(&self) -> StreamSet {
        StreamSet(if self.names.len() == 32 {
            u32::MAX
        } else {
            (1u32 << self.names.len()) - 1
        })
    }

    /// Parses `food;other`; `*` or `all` means every stream.
    ///
    /// # Errors
    /// The unknown names, with the known ones.
    pub fn parse_set(&self, cell: &str) -> Result<StreamSet, String> {
        let t = cell.trim();
        if t == "*" || t.eq_ignore_ascii_case("all") {
            return Ok(self.all());
        }
        let mut set = StreamSet::EMPTY;
        let mut unknown = Vec::new();
        for part in t.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match self.find(part) {
                Some(s) => set = set.union(StreamSet::only(s)),
                None => unknown.push(part.to_string()),
            }
        }
        if !unknown.is_empty() {
            return Err(format!(
                "unknown stream(s) {}; the scenario's streams are {}",
                unknown.join(", "),
                self.names.join(", ")
            ));
        }
        Ok(set)
    }

    /// The names in a set, `;`-joined.
    pub fn format_set(&self, set: StreamSet) -> String {
        (0..self.names.len())
            .filter(|&i| set.contains(StreamIdx(i as u8)))
            .map(|i| self.names[i].as_str())
            .collect::<Vec<_>>()
            .join(";")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sets_and_refuses_unknown_names() {
        let s = Streams::new(DEFAULT_STREAMS.iter().map(|n| n.to_string()).collect()).unwrap();
        let set = s.parse_set("food; other").unwrap();
        assert!(set.contains(StreamIdx(1)) && set.contains(StreamIdx(2)));
        assert!(!set.contains(StreamIdx(0)));
        assert_eq!(s.parse_set("*").unwrap(), s.all());
        assert!(s.parse_set("foood").unwrap_err().contains("foood"));
        assert_eq!(s.format_set(set), "food;other");
        assert!(Streams::new(vec!["Food".into()]).is_err());
        assert!(Streams::new(vec!["a".into(), "a".into()]).is_err());
    }
}
