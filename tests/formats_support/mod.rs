//! Helpers shared by the format readers' tests.

use wasteroute::formats::FormatError;

/// Asserts that `err` is a [`FormatError::Malformed`] in a file whose name ends with
/// `file`, at `line`, with a message containing `needle`.
pub fn assert_malformed(err: &FormatError, file: &str, line: usize, needle: &str) {
    match err {
        FormatError::Malformed {
            file: f,
            line: l,
            message,
        } => {
            assert!(f.ends_with(file), "{}", f.display());
            assert_eq!(*l, line);
            assert!(message.contains(needle), "{message}");
        }
        other => panic!("expected Malformed, got {other:?}"),
    }
}
