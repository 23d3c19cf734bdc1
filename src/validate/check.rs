//! Checking one JSON document: a single serde pass (the visitors of `visit.rs`) that records
//! findings — rule, words, and the path of the offending value — without computing any
//! position. Positions are worked out afterwards, and only for what the report shows
//! (`document.rs`, `locate.rs`).

use serde::de::DeserializeSeed;

use super::diagnostic::Rule;
use super::finding::{Belongs, Finding, Findings, Said};
use super::index::{CheckOptions, ScopeIndex};
use super::options::Options;
use super::path::{Step, Target};
use super::syntax::{self, SyntaxFault};
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
    let mut walker = Walker {
        index,
        options,
        detail: how.detail,
        path: Vec::with_capacity(8),
        findings: Findings::default(),
        belongs: Belongs::Always,
    };
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

/// The state of one check as the visitors walk the document.
pub(super) struct Walker<'c, 'a> {
    pub index: &'c ScopeIndex,
    pub options: &'c CheckOptions,
    detail: bool,
    /// Where the walk stands. Changed only through [`Walker::within`], so it cannot be left
    /// unbalanced.
    path: Vec<Step<'a>>,
    pub findings: Findings<'a>,
    /// Which kind of document the field being walked belongs to.
    belongs: Belongs,
}

impl<'a> Walker<'_, 'a> {
    /// Runs `f` one step further down the document.
    pub(super) fn within<R>(&mut self, step: Step<'a>, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(step);
        let out = f(self);
        self.path.pop();
        out
    }

    /// Runs `f` inside a top-level field that belongs to `belongs`.
    pub(super) fn in_field<R>(&mut self, belongs: Belongs, f: impl FnOnce(&mut Self) -> R) -> R {
        self.belongs = belongs;
        let out = f(self);
        self.belongs = Belongs::Always;
        out
    }

    /// Records a finding at the current place; `said` is called only when words are wanted.
    pub(super) fn report(&mut self, rule: Rule, target: Target, said: impl FnOnce() -> Said) {
        self.report_at(&[], rule, target, said);
    }

    /// Records a finding at `steps` below the current place.
    pub(super) fn report_at(
        &mut self,
        steps: &[Step<'a>],
        rule: Rule,
        target: Target,
        said: impl FnOnce() -> Said,
    ) {
        let belongs = if rule == Rule::DuplicateKey {
            Belongs::Always
        } else {
            self.belongs
        };
        let (said, path) = if self.detail {
            let mut path = Vec::with_capacity(self.path.len() + steps.len());
            path.extend_from_slice(&self.path);
            path.extend_from_slice(steps);
            (said(), path)
        } else {
            (super::finding::say(""), Vec::new())
        };
        self.findings.push(Finding {
            rule,
            said,
            path,
            target,
            belongs,
        });
    }
}
