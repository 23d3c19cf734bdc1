//! What `authcode validate` was asked for, as plain values (the command line's `config`
//! makes them from clap's arguments).

use std::path::PathBuf;

use super::inputs::WalkOptions;
use super::report::Format;
use crate::output::ColorMode;
use crate::payload::DocKind;

/// What `authcode validate` was asked for.
#[derive(Debug, Clone)]
pub struct ValidateConfig {
    pub paths: Vec<PathBuf>,
    pub ndjson: bool,
    pub kind: Option<DocKind>,
    pub expect: Option<Expect>,
    pub strict: bool,
    pub format: Format,
    pub quiet: bool,
    /// `--jobs`; `None`: as many threads as the machine runs at once (asked only when
    /// there is more than one unit of work).
    pub jobs: Option<usize>,
    pub color: ColorMode,
    pub walk: WalkOptions,
}

/// Where the scopes each response must answer come from.
#[derive(Debug, Clone)]
pub enum Expect {
    Scopes(Vec<String>),
    RequestFile(PathBuf),
}
