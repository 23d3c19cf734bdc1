//! Did-you-mean suggestions for scope names, ranked the way a person reads them.
//!
//! A [`Suggester`] is built once from a catalog's `(name, description)` pairs: it splits
//! every name and description into words (`_`, `-`, `.`, spaces and camelCase split them;
//! a plural `s` is dropped) and weighs each word by how few scopes use it, so `USER`, which
//! nearly every DANA scope has, counts for almost nothing and `EMAIL` for a lot.
//! [`Suggester::suggest`] then scores a typed name against each scope:
//!
//! - the same name up to case and separators wins outright (`user-login-id`);
//! - otherwise the typed words are matched, in any order, against the scope's name words
//!   (exactly, with a one-letter slip, or as a prefix or part of a compound word such as
//!   `CONTACT` in `CONTACTINFO`) or, for less, against its description words (`PHONE` finds
//!   `USER_LOGIN_ID`, "users' phone numbers"). The score is the weighed share of what was
//!   typed that a scope explains, nudged up by how much of the scope's own name it explains
//!   (so a missing `USER_` prefix costs nothing);
//! - a whole-name edit distance catches slips that split no words (`USER_JB`).
//!
//! Names that share nothing informative with any scope get no suggestion: a wrong hint
//! sends a user to a scope that grants something else.

use std::collections::HashMap;

use text::{compact, dedup, osa_within, split_words, within_one_edit};

#[cfg(test)]
mod tests;
mod text;

/// Suggestions offered at most.
const MAX_SUGGESTIONS: usize = 3;
/// Longer input is no scope name (a catalog's are at most 128 characters): no hint.
const MAX_TYPED: usize = 256;
/// A typed word one edit away from a name word.
const SLIP: f32 = 0.85;
/// A typed word that is a prefix or a part of a name word (`ADDR`, `CONTACT`).
const PART: f32 = 0.75;
/// A typed word found in the description rather than the name counts this much of it.
const DESCRIBED: f32 = 0.65;
/// The weighed share of the typed words a scope must explain...
const MIN_COVER: f32 = 0.5;
/// ...and the weight they must carry (the rarest word weighs 1).
const MIN_WEIGHT: f32 = 0.3;
/// The lowest score that is a suggestion.
const THRESHOLD: f32 = 0.45;
/// Whole-name similarity (1 - edits / length of the longer) that counts as a slip.
const MIN_SIMILARITY: f32 = 0.8;
/// Scopes this close to the best are offered with it.
const BAND: f32 = 0.08;

/// Ranks a catalog's scope names as the name a user meant when typing an unknown one.
#[derive(Debug, Clone)]
pub(crate) struct Suggester {
    scopes: Vec<Candidate>,
    /// Word -> its id, an index into `words` and `weights`.
    vocabulary: HashMap<String, u32>,
    /// Every word of the names and descriptions, by id.
    words: Vec<String>,
    /// Each word's weight, 1 for a word of one scope, near 0 for a word of every scope.
    weights: Vec<f32>,
}

#[derive(Debug, Clone)]
struct Candidate {
    name: String,
    /// Upper-cased letters and digits only: `USERLOGINID`.
    compact: String,
    /// Ids of the name's words.
    words: Vec<u32>,
    /// Ids of the description's words that are not name words.
    described: Vec<u32>,
}

/// How well one typed word matches one vocabulary word, as a name word and as a
/// description word.
#[derive(Debug, Clone, Copy)]
struct Match {
    id: u32,
    as_name: f32,
    as_description: f32,
}

impl Suggester {
    /// A suggester for the scopes `(name, description)`, in catalog order (which breaks ties).
    pub(crate) fn new<N, D>(scopes: impl IntoIterator<Item = (N, D)>) -> Suggester
    where
        N: AsRef<str>,
        D: AsRef<str>,
    {
        let mut vocabulary: HashMap<String, u32> = HashMap::new();
        let mut id_of = |word: String| {
            let next = vocabulary.len() as u32;
            *vocabulary.entry(word).or_insert(next)
        };
        let mut candidates = Vec::new();
        for (name, description) in scopes {
            let name = name.as_ref();
            let mut words: Vec<u32> = split_words(name).into_iter().map(&mut id_of).collect();
            dedup(&mut words);
            let mut described: Vec<u32> = split_words(description.as_ref())
                .into_iter()
                .map(&mut id_of)
                .filter(|id| !words.contains(id))
                .collect();
            dedup(&mut described);
            candidates.push(Candidate {
                name: name.to_string(),
                compact: compact(name),
                words,
                described,
            });
        }
        // df: how many scopes use a word; idf normalised so that a one-scope word weighs 1.
        let mut used_by = vec![0u32; vocabulary.len()];
        for c in &candidates {
            for &id in c.words.iter().chain(&c.described) {
                used_by[id as usize] += 1;
            }
        }
        let n = candidates.len() as f32;
        let rarest = ((n + 1.0) / 1.5).ln();
        let weights = used_by
            .iter()
            .map(|&df| {
                if rarest > 0.0 {
                    ((n + 1.0) / (df as f32 + 0.5)).ln() / rarest
                } else {
                    1.0
                }
            })
            .collect();
        let mut words = vec![String::new(); vocabulary.len()];
        for (word, &id) in &vocabulary {
            words[id as usize] = word.clone();
        }
        Suggester {
            scopes: candidates,
            vocabulary,
            words,
            weights,
        }
    }

    /// Whether `name` is exactly one of the scopes (for asking which other catalog knows a name).
    pub(crate) fn knows(&self, name: &str) -> bool {
        self.scopes.iter().any(|c| c.name == name)
    }

    /// Up to three scope names `typed` most likely meant, best first; none when nothing is
    /// close enough to be a fair guess.
    pub(crate) fn suggest(&self, typed: &str) -> Vec<&str> {
        if typed.len() > MAX_TYPED {
            return Vec::new();
        }
        let typed_compact = compact(typed);
        if typed_compact.is_empty() {
            return Vec::new();
        }
        let same: Vec<&str> = self
            .scopes
            .iter()
            .filter(|c| c.compact == typed_compact)
            .map(|c| c.name.as_str())
            .take(MAX_SUGGESTIONS)
            .collect();
        if !same.is_empty() {
            return same;
        }

        let mut typed_words = split_words(typed);
        typed_words.sort_unstable();
        typed_words.dedup();
        let typed: Vec<(f32, Vec<Match>)> = typed_words
            .iter()
            .map(|w| {
                let matches = self.matches(w);
                (self.typed_weight(w, &matches), matches)
            })
            .collect();
        let typed_total: f32 = typed.iter().map(|(w, _)| w).sum();
        // How well some typed word matches each known word as a name word.
        let mut as_name = vec![0.0f32; self.words.len()];
        for m in typed.iter().flat_map(|(_, matches)| matches) {
            let best = &mut as_name[m.id as usize];
            *best = best.max(m.as_name);
        }

        let mut rows = Vec::new();
        let mut ranked: Vec<(f32, usize)> = Vec::new();
        for (i, c) in self.scopes.iter().enumerate() {
            let score = self
                .word_score(c, &typed, typed_total, &as_name)
                .max(similarity(&typed_compact, &c.compact, &mut rows));
            if score >= THRESHOLD {
                ranked.push((score, i));
            }
        }
        // Stable: equal scores keep catalog order.
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let best = ranked.first().map_or(0.0, |r| r.0);
        ranked
            .iter()
            .take_while(|(score, _)| *score >= best - BAND)
            .take(MAX_SUGGESTIONS)
            .map(|&(_, i)| self.scopes[i].name.as_str())
            .collect()
    }

    /// Every vocabulary word `word` matches, with how well.
    fn matches(&self, word: &str) -> Vec<Match> {
        let mut out = Vec::new();
        for (id, known) in (0u32..).zip(&self.words) {
            let as_name = word_match(word, known);
            if as_name > 0.0 {
                // A description word counts only when the user wrote it out (or nearly).
                let as_description = if as_name >= SLIP {
                    as_name * DESCRIBED
                } else {
                    0.0
                };
                out.push(Match {
                    id,
                    as_name,
                    as_description,
                });
            }
        }
        out
    }

    /// A typed word weighs as much as the known word it is (or the heaviest it resembles);
    /// a word no scope uses weighs as much as the rarest.
    fn typed_weight(&self, word: &str, matches: &[Match]) -> f32 {
        if let Some(&id) = self.vocabulary.get(word) {
            return self.weights[id as usize];
        }
        matches
            .iter()
            .map(|m| self.weights[m.id as usize])
            .reduce(f32::max)
            .unwrap_or(1.0)
    }

    /// The word-based score of scope `c` for the typed words, 0 when they do not explain it.
    fn word_score(
        &self,
        c: &Candidate,
        typed: &[(f32, Vec<Match>)],
        typed_total: f32,
        as_name: &[f32],
    ) -> f32 {
        if typed_total <= 0.0 {
            return 0.0;
        }
        let mut explained = 0.0;
        for (weight, matches) in typed {
            let mut best = 0.0f32;
            for m in matches {
                if c.words.contains(&m.id) {
                    best = best.max(m.as_name);
                } else if c.described.contains(&m.id) {
                    best = best.max(m.as_description);
                }
            }
            explained += weight * best;
        }
        let cover = explained / typed_total;
        if cover < MIN_COVER || explained < MIN_WEIGHT {
            return 0.0;
        }
        let name_total: f32 = c.words.iter().map(|&id| self.weights[id as usize]).sum();
        let name_cover = if name_total > 0.0 {
            c.words
                .iter()
                .map(|&id| self.weights[id as usize] * as_name[id as usize])
                .sum::<f32>()
                / name_total
        } else {
            0.0
        };
        cover * (0.75 + 0.25 * name_cover)
    }
}

/// The catalogs among `others` (name, suggester) that have a scope named exactly `name`:
/// for "auth_base is a scope of the tng, gcash… wallets" once there are several.
pub(crate) fn known_by<'p>(
    name: &str,
    others: impl IntoIterator<Item = (&'p str, &'p Suggester)>,
) -> Vec<&'p str> {
    others
        .into_iter()
        .filter(|(_, s)| s.knows(name))
        .map(|(catalog, _)| catalog)
        .collect()
}

/// The hint for `names` (best first): "did you mean A?", "did you mean A or B?",
/// "did you mean A, B or C?"; none for no names.
pub(crate) fn did_you_mean<S: AsRef<str>>(names: &[S]) -> Option<String> {
    let (last, rest) = names.split_last()?;
    let last = last.as_ref();
    if rest.is_empty() {
        return Some(format!("did you mean {last}?"));
    }
    let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
    Some(format!("did you mean {} or {last}?", rest.join(", ")))
}

/// The hint for the unknown scope `typed`, given the names ranked for it: the same wherever
/// a scope is read, and when the best differs only in case it says that scope names are
/// case-sensitive.
pub(crate) fn scope_hint<S: AsRef<str>>(typed: &str, ranked: &[S]) -> Option<String> {
    let hint = did_you_mean(ranked)?;
    if ranked[0].as_ref().eq_ignore_ascii_case(typed) {
        Some(format!("{hint} (scope names are case-sensitive)"))
    } else {
        Some(hint)
    }
}

/// How well typed word `typed` matches known word `known`: 1 the same, [`SLIP`] one edit
/// away, [`PART`] a prefix or part of it (or it a part of the typed word), else 0.
fn word_match(typed: &str, known: &str) -> f32 {
    if typed == known {
        1.0
    } else if typed.len() >= 4 && known.len() >= 4 && within_one_edit(typed, known) {
        SLIP
    } else if (typed.len() >= 3 && known.starts_with(typed))
        || (typed.len() >= 4 && known.len() > typed.len() && known.contains(typed))
        || (known.len() >= 4 && typed.len() > known.len() && typed.contains(known))
    {
        PART
    } else {
        0.0
    }
}

/// 1 - edits / length of the longer, when that is at least [`MIN_SIMILARITY`]; else 0.
/// `rows` is scratch space, reused across calls.
fn similarity(typed: &str, known: &str, rows: &mut Vec<usize>) -> f32 {
    let longer = typed.len().max(known.len());
    // At most this many edits keep the similarity above the minimum.
    let budget = ((1.0 - MIN_SIMILARITY) * longer as f32 + 1e-3) as usize;
    // The length difference alone is that many edits: skip hopeless pairs cheaply.
    if typed.is_empty() || known.is_empty() || typed.len().abs_diff(known.len()) > budget {
        return 0.0;
    }
    match osa_within(typed.as_bytes(), known.as_bytes(), budget, rows) {
        Some(edits) => 1.0 - edits as f32 / longer as f32,
        None => 0.0,
    }
}
