//! What the checks record about a document before anything is located: the rule, the words,
//! the path of the offending value, and which kind of document the finding belongs to.

use super::diagnostic::Rule;
use super::path::{Step, Target};

/// Which kind of document a top-level field belongs to; a finding inside a field counts
/// only when the document turns out to be of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Belongs {
    /// To any document (syntax-level faults such as a repeated key).
    Always,
    Request,
    Response,
    /// To neither: a field the specification does not name.
    Neither,
}

/// The words of a finding: a message and an optional hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Said {
    pub message: String,
    pub hint: Option<String>,
}

/// A finding's words, without a hint.
pub(super) fn say(message: impl Into<String>) -> Said {
    Said {
        message: message.into(),
        hint: None,
    }
}

impl Said {
    /// The same words with a hint.
    pub(super) fn hint(mut self, hint: impl Into<String>) -> Said {
        self.hint = Some(hint.into());
        self
    }

    /// The same words with a hint, when there is one.
    pub(super) fn maybe_hint(mut self, hint: Option<String>) -> Said {
        self.hint = hint;
        self
    }
}

/// Whether `c` shows as nothing (or as a blank) on screen, so that a name holding it looks
/// like another: zero-width and bidirectional marks, the BOM, soft hyphen, odd spaces.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}')
        || (c.is_whitespace() && c != ' ')
}

/// `text` in double quotes for a message, cut when long, with each invisible character
/// shown as `<U+200B>`, and a note naming them: `"KYC_INFO<U+200B>" (it holds the
/// invisible character U+200B)`.
pub(super) fn quote(text: &str) -> String {
    let brief = crate::text::brief(text);
    let mut out = String::with_capacity(brief.len() + 2);
    let mut hidden: Vec<char> = Vec::new();
    out.push('"');
    for c in brief.chars() {
        match c {
            '"' => out.push_str("\\\""),
            c if invisible(c) => {
                out.push_str(&format!("<U+{:04X}>", u32::from(c)));
                if !hidden.contains(&c) {
                    hidden.push(c);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    if !hidden.is_empty() {
        let names: Vec<String> = hidden
            .iter()
            .map(|&c| format!("U+{:04X}", u32::from(c)))
            .collect();
        out.push_str(&format!(
            " (it holds the invisible character{} {})",
            if names.len() == 1 { "" } else { "s" },
            names.join(", ")
        ));
    }
    out
}

/// A problem found while parsing, not yet located.
#[derive(Debug, Clone)]
pub(super) struct Finding {
    pub rule: Rule,
    pub target: Target,
    pub belongs: Belongs,
    /// Where it is on a replayed tape (an event index; 0 when the walk reads the text).
    pub at: usize,
    /// Its words and path, when the report shows them; `None` when only the rule is
    /// counted (`--quiet`, a run across wallets). Boxed, so that a finding without them
    /// is a few words: such runs make one for every unknown scope under every wallet.
    pub detail: Option<Box<Detail>>,
}

/// What a finding says, and the path of the offending value (its own copy: findings
/// outlive the document, their buffers kept for the next one).
#[derive(Debug, Clone)]
pub(super) struct Detail {
    pub said: Said,
    pub path: Vec<Step<'static>>,
}

impl Finding {
    /// Its words (empty when they were not made).
    pub(super) fn said(self) -> Said {
        self.detail.map_or_else(|| say(""), |d| d.said)
    }
}

/// Findings kept per document; past this they are only counted.
pub(super) const MAX_FINDINGS: usize = 100;

/// The findings of one document: the first [`MAX_FINDINGS`] kept, the rest counted.
#[derive(Debug, Default)]
pub(super) struct Findings {
    pub kept: Vec<Finding>,
    /// Findings past the cap, by rule, in the order first met.
    pub dropped: Vec<(Rule, Belongs, usize)>,
}

impl Findings {
    pub(super) fn push(&mut self, finding: Finding) {
        if self.kept.len() < MAX_FINDINGS {
            self.kept.push(finding);
            return;
        }
        match self
            .dropped
            .iter_mut()
            .find(|(rule, belongs, _)| *rule == finding.rule && *belongs == finding.belongs)
        {
            Some(entry) => entry.2 += 1,
            None => self.dropped.push((finding.rule, finding.belongs, 1)),
        }
    }

    /// No findings, the room for them kept.
    pub(super) fn clear(&mut self) {
        self.kept.clear();
        self.dropped.clear();
    }

    /// Keeps only the findings for which `keep` holds, kept and dropped alike.
    pub(super) fn retain(&mut self, keep: impl Fn(Belongs) -> bool) {
        if self.kept.is_empty() && self.dropped.is_empty() {
            return;
        }
        self.kept.retain(|f| keep(f.belongs));
        self.dropped.retain(|(_, b, _)| keep(*b));
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quote_names_invisible_characters() {
        assert_eq!(quote("KYC_INFO"), "\"KYC_INFO\"");
        assert_eq!(
            quote("KYC_INFO\u{200b}"),
            "\"KYC_INFO<U+200B>\" (it holds the invisible character U+200B)"
        );
        assert_eq!(
            quote("\u{feff}A\u{a0}"),
            "\"<U+FEFF>A<U+00A0>\" (it holds the invisible characters U+FEFF, U+00A0)"
        );
        assert_eq!(quote("a\"b"), "\"a\\\"b\"");
    }
}
