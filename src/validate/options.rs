//! How a document is checked and how much of its verdict is worked out: the options every
//! step of a check reads, from the pass over the document to the report.

/// How a document is checked and how much of the verdict is worked out.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// `--strict`: warnings count as errors.
    pub strict: bool,
    /// Words, positions and pointers of each diagnostic (not needed when only counts are
    /// shown, as with `--quiet`).
    pub detail: bool,
    /// Keep each diagnostic's source line for the caret display (only the human report
    /// shows it).
    pub excerpts: bool,
    /// The document is one line of NDJSON (a syntax error is said so).
    pub lines: bool,
}

impl Options {
    /// Everything worked out, as a caller that shows the diagnostics needs.
    pub const FULL: Options = Options {
        strict: false,
        detail: true,
        excerpts: true,
        lines: false,
    };
}
