//! Checking one JSON document: a single serde pass (the visitors of `visit.rs`) that records
//! findings — rule, words, and the path of the offending value — without computing any
//! position. Positions are worked out afterwards, and only for what the report shows
//! (`document.rs`, `locate.rs`). A document checked against several profiles is parsed once
//! (`tape.rs`) and its tape walked once, with a lane for each profile (`walker.rs`).

use std::cell::Cell;

use serde::de::DeserializeSeed;

use super::diagnostic::Rule;
use super::fields::{Document, Fields};
use super::finding::{say, Findings};
use super::index::{CheckOptions, Panel, ScopeIndex};
use super::options::Options;
use super::syntax::{self, SyntaxFault};
use super::tape::Tape;
use super::walker::Walker;
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
    let mut fields = [Fields::default()];
    let mut de = serde_json::Deserializer::from_str(src);
    let top = visit::DocumentSeed {
        walker: &mut walker,
        fields: &mut fields,
    }
    .deserialize(&mut de)
    .and_then(|top| de.end().map(|()| top));
    let top = top.map_err(|e| syntax::translate(src, &e, how.lines))?;
    Ok(finish(&mut walker, 0, top, &fields[0]))
}

/// Parses the JSON text `src` once, for [`check_recorded`] to check it against several
/// profiles; a syntax fault is the one [`check`] finds.
pub(super) fn record(src: &str, how: Options) -> Result<Tape<'_>, SyntaxFault> {
    Tape::record(src).map_err(|e| syntax::translate(src, &e, how.lines))
}

/// Checks a document parsed by [`record`] under each profile of `panel`, in one walk of
/// the tape: the visitors and rules of [`check`], walking the recorded document instead of
/// the text. Each profile's findings come in text order, placed on the tape as they are
/// made, without paths or words (a run across wallets shows rules, and the walk allocates
/// nothing for a finding).
pub(super) fn check_recorded<'a>(
    tape: &Tape<'a>,
    panel: &Panel,
    options: &CheckOptions,
) -> Result<Vec<Checked<'a>>, SyntaxFault> {
    let place = Cell::new(0);
    let mut walker = Walker::on_tape(panel, options, tape, &place);
    let mut fields: Vec<Fields> = panel.indexes.iter().map(|_| Fields::default()).collect();
    let top = visit::DocumentSeed {
        walker: &mut walker,
        fields: &mut fields,
    }
    .deserialize(&mut tape.replay_telling(&place))
    // A tape holds a document that parsed, so a replay does not fail; if it did, the
    // document would be refused, not let through.
    .map_err(|e| SyntaxFault {
        rule: Rule::Syntax,
        said: say(format!("the document could not be read again: {e}")),
        at: 0,
    })?;
    Ok(fields
        .iter()
        .enumerate()
        .map(|(lane, fields)| {
            let mut checked = finish(&mut walker, lane, top.clone(), fields);
            // Stable: findings at one place stay in the order they were made.
            checked.findings.kept.sort_by_key(|f| f.at);
            checked
        })
        .collect())
}

/// The document rules in lane `lane`, and the lane's outcome.
fn finish<'a>(
    walker: &mut Walker<'_, 'a>,
    lane: usize,
    top: Document<'a>,
    fields: &Fields<'a>,
) -> Checked<'a> {
    let (kind, request_scopes) = walker.on_lane(lane, |w| document_rules::finish(w, top, fields));
    Checked {
        kind,
        findings: walker.take_findings(lane),
        request_scopes,
    }
}
