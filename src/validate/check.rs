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
pub(super) struct Checked {
    pub kind: Option<DocKind>,
    pub findings: Findings,
    /// The known scopes of a request's `scopes`, in order, each once.
    pub request_scopes: Vec<super::index::ScopeId>,
}

/// Checks the JSON text `src` (already known to be UTF-8). With `detail` off, findings keep
/// only their rule (for counting), and no words are made.
pub(super) fn check(
    src: &str,
    index: &ScopeIndex,
    options: &CheckOptions,
    how: Options,
) -> Result<Checked, SyntaxFault> {
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

/// What a run across wallets keeps from one document to the next on a thread, so that
/// judging a document under every wallet allocates little: the outcomes of the last one,
/// whose findings' room is taken again for the next.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    checked: Vec<Checked>,
    /// Findings emptied, their room kept.
    spare: Vec<Findings>,
}

impl Scratch {
    /// Empties the outcomes of the last document, keeping their findings' room.
    fn recycle(&mut self) {
        for checked in self.checked.drain(..) {
            let mut findings = checked.findings;
            findings.clear();
            self.spare.push(findings);
        }
    }
}

/// Checks a document parsed by [`record`] under each profile of `panel`, in one walk of
/// the tape: the visitors and rules of [`check`], walking the recorded document instead of
/// the text. Each profile's findings come in text order, placed on the tape as they are
/// made, without paths or words (a run across wallets shows rules). The outcomes, one per
/// profile, stay in `scratch` until its next use.
pub(super) fn check_recorded<'s>(
    tape: &Tape<'_>,
    panel: &Panel,
    options: &CheckOptions,
    scratch: &'s mut Scratch,
) -> Result<&'s [Checked], SyntaxFault> {
    scratch.recycle();
    let place = Cell::new(0);
    let mut walker = Walker::on_tape(panel, options, tape, &place);
    walker.reuse(&mut scratch.spare);
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
    for (lane, fields) in fields.iter().enumerate() {
        let mut checked = finish(&mut walker, lane, top.clone(), fields);
        // Stable: findings at one place stay in the order they were made.
        checked.findings.kept.sort_by_key(|f| f.at);
        scratch.checked.push(checked);
    }
    Ok(&scratch.checked)
}

/// The document rules in lane `lane`, and the lane's outcome.
fn finish<'a>(
    walker: &mut Walker<'_, 'a>,
    lane: usize,
    top: Document<'a>,
    fields: &Fields<'a>,
) -> Checked {
    let (kind, request_scopes) = walker.on_lane(lane, |w| document_rules::finish(w, top, fields));
    Checked {
        kind,
        findings: walker.take_findings(lane),
        request_scopes,
    }
}
