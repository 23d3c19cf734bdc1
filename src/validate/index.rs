//! The profile as the checks look it up: scope names to small ids, the error codes, the
//! did-you-mean hints already worked out. Built once per run and shared (behind an `Arc`)
//! by every thread, whatever options each check runs with.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Mutex, OnceLock};

use crate::suggest::Suggester;

use crate::payload::DocKind;
use crate::profile::Profile;

/// A word-at-a-time multiplicative hash (FxHash's): the profile's tables are small and
/// fixed, so a fast hash beats SipHash's DoS resistance here (a hostile name cannot add
/// entries, and a lookup costs at most a scan of one bucket). Scope names are looked up
/// once per wallet for each item of a document: eight bytes a step, not one.
#[derive(Default)]
struct WordHash(u64);

impl WordHash {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(WordHash::SEED);
    }
}

impl Hasher for WordHash {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type WordHashBuild = BuildHasherDefault<WordHash>;

/// A scope of the profile, by its position in the profile.
pub(super) type ScopeId = u32;

/// Hints remembered at most; a hostile input of distinct names must not grow them without end.
const HINTS_KEPT: usize = 4096;

/// The profile, indexed for the checks.
#[derive(Debug)]
pub struct ScopeIndex {
    pub profile: Profile,
    ids: HashMap<String, ScopeId, WordHashBuild>,
    error_codes: HashSet<String, WordHashBuild>,
    /// The hint of `unknown-error-code`, made once.
    pub known_codes_hint: String,
    /// Did-you-mean hints already worked out: a corpus tends to repeat its misspellings.
    hints: Mutex<HashMap<String, Option<String>>>,
    /// The ranking behind the hints, made at the first unknown scope.
    suggester: OnceLock<Suggester>,
    /// The profile's field names in lower case, by index, for misspelling guesses.
    fields_lower: Vec<String>,
}

impl ScopeIndex {
    /// The index of `profile`, which it keeps.
    pub fn new(profile: Profile) -> ScopeIndex {
        ScopeIndex {
            ids: profile
                .scope_names()
                .enumerate()
                .map(|(i, s)| (s.to_string(), i as ScopeId))
                .collect(),
            error_codes: profile
                .known_errors()
                .iter()
                .map(|e| e.code.clone())
                .collect(),
            known_codes_hint: profile.known_errors_hint(),
            hints: Mutex::default(),
            suggester: OnceLock::new(),
            fields_lower: profile
                .fields()
                .iter()
                .map(|f| f.name.to_lowercase())
                .collect(),
            profile,
        }
    }

    /// The id of the scope `name`.
    pub fn id(&self, name: &str) -> Option<ScopeId> {
        self.ids.get(name).copied()
    }

    /// The name of scope `id`.
    pub fn name(&self, id: ScopeId) -> &str {
        &self.profile.scopes[id as usize].scope
    }

    pub fn scope_count(&self) -> usize {
        self.profile.scopes.len()
    }

    /// Whether the profile lists the error code `code`.
    pub fn knows_error(&self, code: &str) -> bool {
        self.error_codes.contains(code)
    }

    /// The did-you-mean hint for the unknown scope `name`.
    pub fn hint(&self, name: &str) -> Option<String> {
        if let Some(hint) = self.hints.lock().ok()?.get(name) {
            return hint.clone();
        }
        let suggester = self.suggester.get_or_init(|| self.profile.suggester());
        let hint = self.profile.scope_hint_with(suggester, name);
        if let Ok(mut hints) = self.hints.lock() {
            if hints.len() >= HINTS_KEPT {
                hints.clear();
            }
            if name.len() <= 256 {
                hints.insert(name.to_string(), hint.clone());
            }
        }
        hint
    }

    /// The profile field that the unknown top-level key `key` misspells, by its index in
    /// `Profile::fields`: the nearest by edit distance, ignoring case, when at most two
    /// edits (one for short names) and a quarter of the name away.
    pub(super) fn misspelled_field(&self, key: &str) -> Option<usize> {
        // Most unknown keys are nowhere near a field's length: no allocation for them.
        let near = |len: usize| len.abs_diff(key.len()) <= 2;
        if key.len() > 64 || !self.fields_lower.iter().any(|f| near(f.len())) {
            return None;
        }
        let key = key.to_lowercase();
        self.fields_lower
            .iter()
            .enumerate()
            .filter(|(_, f)| near(f.len()) && letters_within(&key, f, 4))
            .map(|(i, f)| (strsim::osa_distance(&key, f), i))
            .filter(|&(d, i)| d <= 2 && d * 4 <= self.fields_lower[i].len())
            .min()
            .map(|(_, i)| i)
    }

    /// The ids of `scopes`, each once; an unknown name is returned as the error.
    pub fn ids_of(&self, scopes: &[String]) -> Result<Vec<ScopeId>, String> {
        let mut ids = Vec::new();
        for s in scopes {
            match self.id(s) {
                Some(id) if !ids.contains(&id) => ids.push(id),
                Some(_) => {}
                None => return Err(s.clone()),
            }
        }
        Ok(ids)
    }
}

/// The profiles of a run across wallets, with each scope name's id in every profile under
/// one key: a scope item is looked up once, not once per wallet.
#[derive(Debug)]
pub(super) struct Panel {
    pub indexes: Vec<ScopeIndex>,
    /// Every name some profile knows, with its id in each profile (by position).
    ids: HashMap<String, Box<[Option<ScopeId>]>, WordHashBuild>,
    /// Every error code some profile lists, with whether each profile lists it.
    codes: HashMap<String, Box<[bool]>, WordHashBuild>,
}

impl Panel {
    pub(super) fn new(indexes: Vec<ScopeIndex>) -> Panel {
        let ids = by_name(&indexes, |index| {
            index.ids.iter().map(|(name, &id)| (name, Some(id)))
        });
        let codes = by_name(&indexes, |index| {
            index.error_codes.iter().map(|code| (code, true))
        });
        Panel {
            indexes,
            ids,
            codes,
        }
    }

    /// The id of scope `name` in each profile (`None`: no profile knows it).
    pub(super) fn ids(&self, name: &str) -> Option<&[Option<ScopeId>]> {
        self.ids.get(name).map(|ids| &**ids)
    }

    /// Whether each profile lists the error code `code` (`None`: none does).
    pub(super) fn codes(&self, code: &str) -> Option<&[bool]> {
        self.codes.get(code).map(|known| &**known)
    }
}

/// Every name that `entries` gives for some profile of `indexes`, with what each profile
/// says of it by position (`T`'s default where a profile does not name it).
fn by_name<'i, T: Clone + Default, E: Iterator<Item = (&'i String, T)>>(
    indexes: &'i [ScopeIndex],
    entries: impl Fn(&'i ScopeIndex) -> E,
) -> HashMap<String, Box<[T]>, WordHashBuild> {
    let mut by_name: HashMap<String, Box<[T]>, WordHashBuild> = HashMap::default();
    for (at, index) in indexes.iter().enumerate() {
        for (name, said) in entries(index) {
            by_name
                .entry(name.clone())
                .or_insert_with(|| vec![T::default(); indexes.len()].into())[at] = said;
        }
    }
    by_name
}

/// Whether `a` and `b` differ by at most `max` letters counted as multisets (a key with
/// letters far from a field's cannot be two edits from it: an edit changes at most two).
/// Bytes past ASCII share one bucket, which can only make the difference smaller.
fn letters_within(a: &str, b: &str, max: u32) -> bool {
    let mut counts = [0i32; 128];
    for &c in a.as_bytes() {
        counts[usize::from(c.min(127))] += 1;
    }
    for &c in b.as_bytes() {
        counts[usize::from(c.min(127))] -= 1;
    }
    counts.iter().map(|n| n.unsigned_abs()).sum::<u32>() <= max
}

/// The options of one check, apart from the shared index.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// `--kind`: the kind every document is checked as.
    pub kind: Option<DocKind>,
    /// `--expect-scopes` / `--request`: the scopes each response must answer.
    pub expected: Option<Vec<ScopeId>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(index: &ScopeIndex, key: &str) -> Option<String> {
        index
            .misspelled_field(key)
            .map(|i| index.profile.fields()[i].name.clone())
    }

    #[test]
    fn misspelled_fields_are_recognised() {
        let index = ScopeIndex::new(Profile::dana());
        assert_eq!(
            field(&index, "authSuccessScope"),
            Some("authSuccessScopes".into())
        );
        assert_eq!(
            field(&index, "authErrorScope"),
            Some("authErrorScopes".into())
        );
        assert_eq!(field(&index, "authcode"), Some("authCode".into()));
        assert_eq!(field(&index, "scope"), Some("scopes".into()));
        assert_eq!(field(&index, "scpoes"), Some("scopes".into()));
        assert_eq!(field(&index, "requestId"), None);
        assert_eq!(field(&index, "extra"), None);
        assert_eq!(field(&index, "traceId"), None);
        assert_eq!(field(&index, "authScopes"), None);
    }
}
