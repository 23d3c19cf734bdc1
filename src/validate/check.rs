//! Checking one JSON document: a single serde pass (the visitors of `visit.rs`) that records
//! findings — rule, words, and the path of the offending value — without computing any
//! position. Positions are worked out afterwards, and only for what the report shows
//! (`document.rs`, `locate.rs`).

use serde::de::DeserializeSeed;

use super::finding::Findings;
use super::index::{CheckOptions, ScopeIndex};
use super::options::Options;
use super::syntax::{self, SyntaxFault};
use super::walk::Walker;
use super::{document_rules, visit};
use crate::payload::DocKind;

/// The outcome of checking one document that parsed.
#[derive(Debug)]
pub(super) struct Checked<'a> {
    pub kind: Option<DocKind>,
    pub findings: Findings<'a>,
    /// The known scopes of a request's `scopes`, in order, each once.
    pub request_scopes: Vec<super::index::ScopeId>,
}

/// Checks the JSON text `src` (already known to be UTF-8). With `detail` off, findings keep
/// only their rule (for counting), and no words are made.
pub(super) fn check<'a>(
    src: &'a str,
    index: &ScopeIndex,
    options: &CheckOptions,
    how: Options,
) -> Result<Checked<'a>, SyntaxFault> {
    let mut walker = Walker::new(index, options, how.detail);
    let mut de = serde_json::Deserializer::from_str(src);
    let top = visit::DocumentSeed {
        walker: &mut walker,
    }
    .deserialize(&mut de)
    .and_then(|top| de.end().map(|()| top));
    let top = top.map_err(|e| syntax::translate(src, &e, how.lines))?;
    let (kind, request_scopes) = document_rules::finish(&mut walker, top);
    Ok(Checked {
        kind,
        findings: walker.findings,
        request_scopes,
    })
}
