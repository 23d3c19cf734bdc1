//! Checking one JSON document: a single serde pass that records findings (rule, message and
//! the path of the offending value) without computing any position. Positions are worked
//! out afterwards, and only for documents that have findings (see `locate.rs`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::rules::{DocKind, Rule};
use crate::catalog::Catalog;

/// FNV-1a: the catalog tables are small and fixed, so a fast hash beats SipHash's DoS
/// resistance here (a lookup of a hostile name costs at most a scan of one bucket).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = self.0 ^ 0xcbf2_9ce4_8422_2325;
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Fast = BuildHasherDefault<Fnv>;

/// What the checks need to know besides the document: the catalog, and the run's options.
#[derive(Debug)]
pub struct Context {
    /// Did-you-mean hints already worked out: a corpus tends to repeat its misspellings.
    suggestions: std::sync::Mutex<HashMap<String, Option<String>>>,
    /// Ranks the catalog's scopes for those hints: built at the first unknown scope, so a
    /// run without one (or with a huge catalog) never pays for it.
    suggester: std::sync::OnceLock<crate::suggest::Suggester>,
    /// Scope descriptions, by id, for the suggester.
    descriptions: Vec<String>,
    scope_ids: HashMap<String, u32, Fast>,
    scope_names: Vec<String>,
    error_codes: HashSet<String, Fast>,
    /// The hint of `unknown-error-code`, made once.
    known_codes_hint: String,
    /// `--expect-scopes` / `--request`: the scopes each response must answer.
    expected: Option<Vec<u32>>,
    /// `--kind`: the kind every document is checked as.
    pub forced_kind: Option<DocKind>,
}

impl Context {
    pub fn new(catalog: &Catalog, forced_kind: Option<DocKind>) -> Context {
        let scope_names: Vec<String> = catalog.scope_names().map(str::to_string).collect();
        Context {
            scope_ids: scope_names
                .iter()
                .enumerate()
                .map(|(i, s)| (s.clone(), i as u32))
                .collect(),
            scope_names,
            error_codes: catalog.errors.iter().map(|e| e.code.clone()).collect(),
            known_codes_hint: format!(
                "known error codes: {}",
                catalog
                    .errors
                    .iter()
                    .map(|e| e.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            expected: None,
            forced_kind,
            suggestions: Default::default(),
            suggester: std::sync::OnceLock::new(),
            descriptions: catalog
                .scopes
                .iter()
                .map(|s| s.description.clone())
                .collect(),
        }
    }

    /// Pairs every response with the request of `scopes`; unknown names are returned.
    pub fn expect(&mut self, scopes: &[String]) -> Result<(), String> {
        let mut ids = Vec::new();
        for s in scopes {
            match self.scope_ids.get(s) {
                Some(&id) if !ids.contains(&id) => ids.push(id),
                Some(_) => {}
                None => return Err(s.clone()),
            }
        }
        self.expected = Some(ids);
        Ok(())
    }

    fn suggest(&self, name: &str) -> Option<String> {
        if let Some(hint) = self.suggestions.lock().ok()?.get(name) {
            return hint.clone();
        }
        let suggester = self.suggester.get_or_init(|| {
            crate::suggest::Suggester::new(self.scope_names.iter().zip(&self.descriptions))
        });
        let hint = crate::suggest::did_you_mean(&suggester.suggest(name));
        if let Ok(mut cache) = self.suggestions.lock() {
            // Bounded: a hostile input of distinct names must not grow it without end.
            if cache.len() >= 4096 {
                cache.clear();
            }
            if name.len() <= 256 {
                cache.insert(name.to_string(), hint.clone());
            }
        }
        hint
    }
}

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg<'a> {
    /// An object member: its key, and which occurrence of that key (0 unless duplicated).
    Key(Cow<'a, str>, u32),
    Index(usize),
}

/// Whether a finding points at a member's key or at its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Key,
    Value,
}

/// A problem found while parsing, not yet located.
#[derive(Debug, Clone)]
pub struct Finding<'a> {
    pub rule: Rule,
    pub message: String,
    pub hint: Option<String>,
    pub path: Vec<Seg<'a>>,
    pub target: Target,
    domain: Domain,
}

/// What went wrong before any value could be checked.
#[derive(Debug)]
pub enum Failure {
    /// Not JSON: the message, and the byte offset of the fault.
    Syntax {
        rule: Rule,
        message: String,
        hint: Option<String>,
        at: usize,
    },
}

/// The outcome of checking one document.
#[derive(Debug)]
pub struct Checked<'a> {
    pub kind: Option<DocKind>,
    pub findings: Vec<Finding<'a>>,
    /// Findings past the cap that were counted but not kept.
    pub dropped: usize,
    /// The rule of the first finding past the cap.
    pub dropped_rule: Option<Rule>,
}

/// Findings kept per document; past this they are only counted.
pub const MAX_FINDINGS: usize = 100;

/// Which kind of document a top-level field belongs to; a finding inside a field counts
/// only when the document turns out to be of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Domain {
    Always,
    Request,
    Response,
    Unknown,
}

/// The fields the specification names (and those wallets send on failure).
const KNOWN_FIELDS: [&str; 9] = [
    "scopes",
    "success",
    "fail",
    "complete",
    "authCode",
    "authSuccessScopes",
    "authErrorScopes",
    "error",
    "errorMessage",
];

/// The bits of [`KNOWN_FIELDS`] that belong to a request; the others to a response.
const REQUEST_FIELDS: u16 = 0b1111;

/// The index of `key` in [`KNOWN_FIELDS`].
fn known_field(key: &str) -> Option<usize> {
    KNOWN_FIELDS.iter().position(|f| *f == key)
}

fn domain_of(field: Option<usize>) -> Domain {
    match field {
        Some(i) if REQUEST_FIELDS & (1 << i) != 0 => Domain::Request,
        Some(_) => Domain::Response,
        None => Domain::Unknown,
    }
}

/// Checks the JSON text `src` (already known to be UTF-8).
pub fn check<'a>(src: &'a str, ctx: &Context) -> Result<Checked<'a>, Failure> {
    let mut st = State {
        ctx,
        path: Vec::with_capacity(8),
        findings: Vec::new(),
        dropped: 0,
        dropped_rule: None,
        domain: Domain::Always,
    };
    let mut de = serde_json::Deserializer::from_str(src);
    let top = Top { st: &mut st }
        .deserialize(&mut de)
        .and_then(|top| de.end().map(|()| top));
    let top = top.map_err(|e| syntax_failure(src, &e))?;
    let kind = finish(&mut st, top);
    Ok(Checked {
        kind,
        findings: st.findings,
        dropped: st.dropped,
        dropped_rule: st.dropped_rule,
    })
}

fn syntax_failure(src: &str, e: &serde_json::Error) -> Failure {
    let text = e.to_string();
    let bare = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let at = super::locate::byte_at(src, e.line().max(1), e.column().max(1));
    let mut fault = at.unwrap_or(src.len());
    let (rule, message, hint) = if src.trim().is_empty() {
        (
            Rule::Syntax,
            "no JSON document: the input is empty".to_string(),
            None,
        )
    } else if bare.contains("surrogate")
        || (bare == "unexpected end of hex escape"
            && at.is_some_and(|i| after_high_surrogate(src, i)))
    {
        // serde_json says "unexpected end of hex escape" for `"\ud800"`: it wanted a `\u`
        // with the trailing half, so name the real problem.
        let bare = if bare.contains("surrogate") {
            bare
        } else {
            "lone leading surrogate in hex escape"
        };
        (
            Rule::Encoding,
            format!(
                "{bare}: the string escapes a lone UTF-16 surrogate, which is not Unicode text"
            ),
            Some("pair \\uD800-\\uDBFF with \\uDC00-\\uDFFF, or write the character itself".into()),
        )
    } else if at.is_some_and(|i| src.as_bytes().get(i) == Some(&b'\'')) {
        (
            Rule::Syntax,
            "a single quote where JSON expects a value or a key".to_string(),
            Some("JSON strings use double quotes".into()),
        )
    } else if bare == "trailing characters" {
        (
            Rule::Syntax,
            "trailing content after the JSON document".to_string(),
            Some("a file holds one document; use .ndjson (or --ndjson) for one per line".into()),
        )
    } else if bare == "trailing comma" {
        // serde_json stops at the bracket after the comma; point at the comma itself.
        let before = src.get(..fault).unwrap_or(src).trim_end();
        if before.ends_with(',') {
            fault = before.len() - 1;
        }
        (
            Rule::Syntax,
            "a comma before the closing bracket".to_string(),
            Some("JSON allows no trailing comma: remove it".into()),
        )
    } else if bare == "recursion limit exceeded" {
        (
            Rule::Syntax,
            "nested more than 128 levels deep".to_string(),
            None,
        )
    } else {
        (Rule::Syntax, bare.to_string(), None)
    };
    Failure::Syntax {
        rule,
        message,
        hint,
        at: fault.min(src.len()),
    }
}

/// Whether the text just before byte `at` is a `\uD800`-`\uDBFF` escape (the leading half
/// of a surrogate pair).
fn after_high_surrogate(src: &str, at: usize) -> bool {
    let before = &src.as_bytes()[..at.min(src.len())];
    before[before.len().saturating_sub(8)..]
        .windows(6)
        .any(|w| {
            w[..2] == *b"\\u"
                && matches!(w[2], b'd' | b'D')
                && matches!(w[3], b'8' | b'9' | b'a' | b'b' | b'A' | b'B')
                && w[4..].iter().all(u8::is_ascii_hexdigit)
        })
}

struct State<'c, 'a> {
    ctx: &'c Context,
    path: Vec<Seg<'a>>,
    findings: Vec<Finding<'a>>,
    dropped: usize,
    dropped_rule: Option<Rule>,
    domain: Domain,
}

impl<'a> State<'_, 'a> {
    fn report(&mut self, rule: Rule, target: Target, message: String, hint: Option<String>) {
        let domain = if rule == Rule::DuplicateKey {
            Domain::Always
        } else {
            self.domain
        };
        self.push(Finding {
            rule,
            message,
            hint,
            path: self.path.clone(),
            target,
            domain,
        });
    }

    fn push(&mut self, finding: Finding<'a>) {
        if self.findings.len() < MAX_FINDINGS {
            self.findings.push(finding);
        } else {
            self.dropped += 1;
            self.dropped_rule.get_or_insert(finding.rule);
        }
    }

    fn scope_id(&self, name: &str) -> Option<u32> {
        self.ctx.scope_ids.get(name).copied()
    }

    fn scope_name(&self, id: u32) -> &str {
        &self.ctx.scope_names[id as usize]
    }
}

/// A scalar, or the size of a container, as the checks need it.
#[derive(Debug, Clone, PartialEq)]
enum Val<'a> {
    Null,
    Bool(bool),
    Num(String),
    Str(Cow<'a, str>),
    Array(usize),
    Object(usize),
}

impl Val<'_> {
    fn type_name(&self) -> &'static str {
        match self {
            Val::Null => "null",
            Val::Bool(_) => "a boolean",
            Val::Num(_) => "a number",
            Val::Str(_) => "a string",
            Val::Array(_) => "an array",
            Val::Object(_) => "an object",
        }
    }
}

/// Tells the occurrence of each key in one object, to find duplicates.
///
/// The first keys are kept inline (no allocation for the small objects of this format);
/// past them, a hash map.
#[derive(Default)]
struct Keys<'a> {
    few: [Option<Cow<'a, str>>; 8],
    len: usize,
    many: Option<HashMap<Cow<'a, str>, u32>>,
}

impl<'a> Keys<'a> {
    /// How many times `key` came before in this object.
    fn occurrence(&mut self, key: Cow<'a, str>) -> u32 {
        if let Some(many) = &mut self.many {
            let n = many.entry(key).or_insert(0);
            *n += 1;
            return *n - 1;
        }
        let before = self.few[..self.len]
            .iter()
            .filter(|k| k.as_ref() == Some(&key))
            .count() as u32;
        if self.len < self.few.len() {
            self.few[self.len] = Some(key);
            self.len += 1;
        } else {
            let mut many = HashMap::new();
            for k in self.few.iter_mut().filter_map(Option::take) {
                *many.entry(k).or_insert(0) += 1;
            }
            *many.entry(key).or_insert(0) += 1;
            self.many = Some(many);
        }
        before
    }
}

/// The catalog scopes seen in one scope array: a bit set for catalogs of up to 64 scopes.
enum Seen {
    Bits(u64),
    Flags(Vec<bool>),
}

impl Seen {
    fn new(scopes: usize) -> Seen {
        if scopes <= 64 {
            Seen::Bits(0)
        } else {
            Seen::Flags(vec![false; scopes])
        }
    }

    fn contains(&self, id: u32) -> bool {
        match self {
            Seen::Bits(bits) => bits & (1u64 << id) != 0,
            Seen::Flags(flags) => flags[id as usize],
        }
    }

    fn insert(&mut self, id: u32) {
        match self {
            Seen::Bits(bits) => *bits |= 1u64 << id,
            Seen::Flags(flags) => flags[id as usize] = true,
        }
    }
}

/// Reads an object key, borrowing it from the source when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cow<'de, str>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Cow::Owned(v))
            }
        }
        d.deserialize_str(V)
    }
}

/// The scalar visits every walker shares.
macro_rules! scalar_visits {
    () => {
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(self.scalar(Val::Null))
        }
        fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
            Ok(self.scalar(Val::Bool(v)))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
            Ok(self.scalar(Val::Num(v.to_string())))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
            Ok(self.scalar(Val::Num(v.to_string())))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
            Ok(self.scalar(Val::Num(v.to_string())))
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(self.scalar(Val::Str(Cow::Borrowed(v))))
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(self.scalar(Val::Str(Cow::Owned(v.to_string()))))
        }
    };
}

/// Walks any value, reporting duplicate keys in its objects; returns its shape.
struct Walk<'s, 'c, 'a> {
    st: &'s mut State<'c, 'a>,
}

impl<'de> Walk<'_, '_, 'de> {
    fn scalar(self, v: Val<'de>) -> Val<'de> {
        v
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_, 'de> {
    type Value = Val<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_, 'de> {
    type Value = Val<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        walk_seq(self.st, seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        walk_map(self.st, map)
    }
}

fn walk_seq<'de, A: SeqAccess<'de>>(
    st: &mut State<'_, 'de>,
    mut seq: A,
) -> Result<Val<'de>, A::Error> {
    let mut n = 0;
    loop {
        st.path.push(Seg::Index(n));
        let item = seq.next_element_seed(Walk { st: &mut *st });
        st.path.pop();
        if item?.is_none() {
            return Ok(Val::Array(n));
        }
        n += 1;
    }
}

fn walk_map<'de, A: MapAccess<'de>>(
    st: &mut State<'_, 'de>,
    mut map: A,
) -> Result<Val<'de>, A::Error> {
    let mut keys = Keys::default();
    let mut n = 0;
    while let Some(key) = map.next_key_seed(KeySeed)? {
        enter_member(st, &mut keys, key);
        let value = map.next_value_seed(Walk { st: &mut *st });
        st.path.pop();
        value?;
        n += 1;
    }
    Ok(Val::Object(n))
}

/// Pushes the member `key` on the path, reporting it when it repeats a key.
fn enter_member<'a>(st: &mut State<'_, 'a>, keys: &mut Keys<'a>, key: Cow<'a, str>) -> u32 {
    let occurrence = keys.occurrence(key.clone());
    let repeated = occurrence > 0;
    st.path.push(Seg::Key(key, occurrence));
    if repeated {
        let name = match st.path.last() {
            Some(Seg::Key(k, _)) => crate::output::brief(k).into_owned(),
            _ => String::new(),
        };
        st.report(
            Rule::DuplicateKey,
            Target::Key,
            format!("duplicate key {name:?} in one object"),
            Some("parsers keep only one of the values, and not all the same one".into()),
        );
    }
    occurrence
}

/// What the top-level object holds, as far as the cross-field rules need.
#[derive(Default)]
struct Fields<'a> {
    has_scopes: bool,
    auth_code: Option<Val<'a>>,
    success: Option<ScopeList>,
    errors: Option<ErrorMap<'a>>,
    /// Which of [`KNOWN_FIELDS`] the object has (a bit each).
    known: u16,
    /// Top-level members the specification does not name (first occurrences).
    unknown: Vec<Cow<'a, str>>,
}

enum TopValue<'a> {
    Object(Fields<'a>),
    Other(Val<'a>),
}

struct Top<'s, 'c, 'a> {
    st: &'s mut State<'c, 'a>,
}

impl<'de> DeserializeSeed<'de> for Top<'_, '_, 'de> {
    type Value = TopValue<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Top<'_, '_, 'de> {
    fn scalar(self, v: Val<'de>) -> TopValue<'de> {
        TopValue::Other(v)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_, 'de> {
    type Value = TopValue<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON document")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        walk_seq(self.st, seq).map(TopValue::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let st = self.st;
        let mut keys = Keys::default();
        let mut fields = Fields::default();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let field = known_field(&key);
            let domain = domain_of(field);
            let occurrence = enter_member(st, &mut keys, key.clone());
            if occurrence == 0 {
                match field {
                    Some(i) => fields.known |= 1 << i,
                    None => fields.unknown.push(key.clone()),
                }
            }
            st.domain = domain;
            let result = match key.as_ref() {
                "scopes" => {
                    fields.has_scopes = true;
                    map.next_value_seed(ScopeArray {
                        st: &mut *st,
                        field: "scopes",
                    })
                    .map(|list| drop(check_scopes_field(st, list, "scopes")))
                }
                "authSuccessScopes" => map
                    .next_value_seed(ScopeArray {
                        st: &mut *st,
                        field: "authSuccessScopes",
                    })
                    .map(|list| {
                        fields.success = Some(check_scopes_field(st, list, "authSuccessScopes"))
                    }),
                "authErrorScopes" => map
                    .next_value_seed(ErrorMapSeed { st: &mut *st })
                    .map(|errors| fields.errors = Some(errors)),
                "authCode" => map.next_value_seed(Walk { st: &mut *st }).map(|v| {
                    check_auth_code(st, &v);
                    fields.auth_code = Some(v);
                }),
                "error" => map
                    .next_value_seed(Walk { st: &mut *st })
                    .map(|v| check_error_field(st, &v)),
                "errorMessage" => map.next_value_seed(Walk { st: &mut *st }).map(|v| {
                    if !matches!(v, Val::Str(_)) {
                        st.report(
                            Rule::WrongType,
                            Target::Value,
                            format!("errorMessage must be a string, found {}", v.type_name()),
                            None,
                        );
                    }
                }),
                _ => map.next_value_seed(Walk { st: &mut *st }).map(drop),
            };
            st.domain = Domain::Always;
            st.path.pop();
            result?;
        }
        Ok(TopValue::Object(fields))
    }
}

/// The known scopes of a scope array, with their indexes.
#[derive(Debug, Default)]
struct ScopeList {
    ids: Vec<(u32, usize)>,
}

struct ScopeArray<'s, 'c, 'a> {
    st: &'s mut State<'c, 'a>,
    field: &'static str,
}

/// Either the checked list, or the value found instead of an array.
enum ScopeArrayOut<'a> {
    List(ScopeList, usize),
    Other(Val<'a>),
}

impl<'de> DeserializeSeed<'de> for ScopeArray<'_, '_, 'de> {
    type Value = ScopeArrayOut<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> ScopeArray<'_, '_, 'de> {
    fn scalar(self, v: Val<'de>) -> ScopeArrayOut<'de> {
        ScopeArrayOut::Other(v)
    }
}

impl<'de> Visitor<'de> for ScopeArray<'_, '_, 'de> {
    type Value = ScopeArrayOut<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of scope names")
    }
    scalar_visits!();
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        walk_map(self.st, map).map(ScopeArrayOut::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let st = self.st;
        let mut list = ScopeList::default();
        let mut seen = Seen::new(st.ctx.scope_names.len());
        let mut n = 0;
        loop {
            st.path.push(Seg::Index(n));
            let item = seq.next_element_seed(Walk { st: &mut *st });
            let item = match item {
                Ok(Some(item)) => item,
                Ok(None) => {
                    st.path.pop();
                    break;
                }
                Err(e) => {
                    st.path.pop();
                    return Err(e);
                }
            };
            match item {
                Val::Str(name) => match st.scope_id(&name) {
                    Some(id) if seen.contains(id) => {
                        let first = list.ids.iter().find(|(i, _)| *i == id).map_or(0, |f| f.1);
                        st.report(
                            Rule::DuplicateScope,
                            Target::Value,
                            format!(
                                "{name} is listed twice in {} (first at index {first})",
                                self.field
                            ),
                            Some("list each scope once".into()),
                        );
                    }
                    Some(id) => {
                        seen.insert(id);
                        list.ids.push((id, n));
                    }
                    None => {
                        let hint = st.ctx.suggest(&name);
                        st.report(
                            Rule::UnknownScope,
                            Target::Value,
                            format!("unknown scope {:?}", crate::output::brief(&name)),
                            hint,
                        );
                    }
                },
                other => st.report(
                    Rule::WrongType,
                    Target::Value,
                    format!("scope names are strings, found {}", other.type_name()),
                    None,
                ),
            }
            st.path.pop();
            n += 1;
        }
        Ok(ScopeArrayOut::List(list, n))
    }
}

/// Reports a `scopes`/`authSuccessScopes` value that is not a non-empty array.
fn check_scopes_field(st: &mut State<'_, '_>, out: ScopeArrayOut<'_>, field: &str) -> ScopeList {
    match out {
        ScopeArrayOut::List(list, 0) => {
            st.report(
                Rule::Empty,
                Target::Value,
                format!("{field} is empty"),
                Some("list at least one scope".into()),
            );
            list
        }
        ScopeArrayOut::List(list, _) => list,
        ScopeArrayOut::Other(v) => {
            let hint = match &v {
                Val::Str(s) => Some(format!(
                    "DANA wants an array: \"{field}\": [{}]",
                    serde_json::to_string(s.as_ref()).unwrap_or_default()
                )),
                _ => None,
            };
            st.report(
                Rule::WrongType,
                Target::Value,
                format!(
                    "{field} must be an array of scope names, found {}",
                    v.type_name()
                ),
                hint,
            );
            ScopeList::default()
        }
    }
}

/// The known scopes of `authErrorScopes`, and how many members it has.
#[derive(Debug)]
struct ErrorMap<'a> {
    /// Known scopes with their keys (first occurrences only).
    ids: Vec<(u32, Cow<'a, str>)>,
    len: usize,
    is_object: bool,
}

struct ErrorMapSeed<'s, 'c, 'a> {
    st: &'s mut State<'c, 'a>,
}

impl<'de> DeserializeSeed<'de> for ErrorMapSeed<'_, '_, 'de> {
    type Value = ErrorMap<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> ErrorMapSeed<'_, '_, 'de> {
    fn scalar(self, v: Val<'de>) -> ErrorMap<'de> {
        not_an_error_map(self.st, v)
    }
}

fn not_an_error_map<'a>(st: &mut State<'_, 'a>, v: Val<'a>) -> ErrorMap<'a> {
    st.report(
        Rule::WrongType,
        Target::Value,
        format!(
            "authErrorScopes must be an object {{SCOPE: ERROR}}, found {}",
            v.type_name()
        ),
        Some("for example \"authErrorScopes\": {\"USER_LOGIN_ID\": \"40006\"}".into()),
    );
    ErrorMap {
        ids: Vec::new(),
        len: 0,
        is_object: false,
    }
}

impl<'de> Visitor<'de> for ErrorMapSeed<'_, '_, 'de> {
    type Value = ErrorMap<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of scope errors")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let st = self.st;
        let v = walk_seq(st, seq)?;
        Ok(not_an_error_map(st, v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let st = self.st;
        let mut keys = Keys::default();
        let mut out = ErrorMap {
            ids: Vec::new(),
            len: 0,
            is_object: true,
        };
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let occurrence = enter_member(st, &mut keys, key.clone());
            let id = st.scope_id(&key);
            if id.is_none() {
                let hint = st.ctx.suggest(&key);
                st.report(
                    Rule::UnknownScope,
                    Target::Key,
                    format!("unknown scope {:?}", crate::output::brief(&key)),
                    hint,
                );
            }
            let value = map.next_value_seed(Walk { st: &mut *st });
            let value = match value {
                Ok(v) => v,
                Err(e) => {
                    st.path.pop();
                    return Err(e);
                }
            };
            check_error_value(st, &value);
            if let (Some(id), 0) = (id, occurrence) {
                out.ids.push((id, key));
            }
            st.path.pop();
            out.len += 1;
        }
        Ok(out)
    }
}

fn check_error_value(st: &mut State<'_, '_>, value: &Val<'_>) {
    match value {
        Val::Str(s) if s.is_empty() => st.report(
            Rule::Empty,
            Target::Value,
            "the error value is empty".into(),
            Some("write the wallet's error code, such as \"40006\"".into()),
        ),
        Val::Str(s) => {
            if !st.ctx.error_codes.contains(s.as_ref()) {
                st.report(
                    Rule::UnknownErrorCode,
                    Target::Value,
                    format!(
                        "error value {:?} is not in the catalog",
                        crate::output::brief(s)
                    ),
                    Some(st.ctx.known_codes_hint.clone()),
                );
            }
        }
        Val::Num(n) => st.report(
            Rule::WrongType,
            Target::Value,
            format!("error values are strings, found the number {n}"),
            Some(format!("write \"{n}\"")),
        ),
        other => st.report(
            Rule::WrongType,
            Target::Value,
            format!("error values are strings, found {}", other.type_name()),
            None,
        ),
    }
}

fn check_auth_code(st: &mut State<'_, '_>, v: &Val<'_>) {
    match v {
        Val::Str(s) if s.is_empty() => {
            st.report(Rule::Empty, Target::Value, "authCode is empty".into(), None)
        }
        // Codes are almost always printable ASCII: check that first, and only then look
        // for the character to name.
        Val::Str(s) if s.bytes().all(|b| b.is_ascii_graphic()) => {}
        Val::Str(s) => {
            if let Some(c) = s.chars().find(|c| c.is_whitespace() || c.is_control()) {
                st.report(
                    Rule::InvalidAuthCode,
                    Target::Value,
                    format!("authCode contains {}", describe_char(c)),
                    Some("an authorization code is a single token without spaces or control characters".into()),
                );
            }
        }
        Val::Num(n) => st.report(
            Rule::WrongType,
            Target::Value,
            format!("authCode must be a string, found the number {n}"),
            Some(format!("write \"{n}\"")),
        ),
        other => st.report(
            Rule::WrongType,
            Target::Value,
            format!("authCode must be a string, found {}", other.type_name()),
            None,
        ),
    }
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\n' => "a line feed".into(),
        '\r' => "a carriage return".into(),
        c => format!("the character U+{:04X}", u32::from(c)),
    }
}

fn check_error_field(st: &mut State<'_, '_>, v: &Val<'_>) {
    let ok = match v {
        Val::Num(_) => true,
        Val::Str(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    };
    if !ok {
        st.report(
            Rule::WrongType,
            Target::Value,
            format!(
                "error must be a number or a numeric string, found {}",
                v.type_name()
            ),
            None,
        );
    }
}

/// Decides the kind, keeps the findings that belong to it, and applies the rules that span
/// several fields.
fn finish<'a>(st: &mut State<'_, 'a>, top: TopValue<'a>) -> Option<DocKind> {
    let fields = match top {
        TopValue::Other(v) => {
            st.findings.retain(|f| f.domain == Domain::Always);
            st.report(
                Rule::NotObject,
                Target::Value,
                format!(
                    "a getAuthCode payload is a JSON object, found {}",
                    v.type_name()
                ),
                None,
            );
            return None;
        }
        TopValue::Object(fields) => fields,
    };
    let is_response =
        fields.auth_code.is_some() || fields.success.is_some() || fields.errors.is_some();
    let kind = match (st.ctx.forced_kind, fields.has_scopes, is_response) {
        (Some(kind), _, _) => kind,
        (None, true, false) => DocKind::Request,
        (None, false, true) => DocKind::Response,
        (None, has_scopes, _) => {
            st.findings.retain(|f| f.domain == Domain::Always);
            let (message, hint) = if has_scopes {
                (
                    "the object has both a request's scopes and a response's fields",
                    "check it as one kind with --kind request or --kind response",
                )
            } else {
                (
                    "neither a request (no scopes) nor a response (no authCode, authSuccessScopes or authErrorScopes)",
                    "a request is {\"scopes\": [...]}; a response has authCode and authSuccessScopes, or authErrorScopes",
                )
            };
            st.report(
                Rule::UnknownKind,
                Target::Value,
                message.into(),
                Some(hint.into()),
            );
            return None;
        }
    };
    let own = match kind {
        DocKind::Request => Domain::Request,
        DocKind::Response => Domain::Response,
    };
    st.findings
        .retain(|f| f.domain == Domain::Always || f.domain == own);
    let own_fields = if own == Domain::Request {
        REQUEST_FIELDS
    } else {
        !REQUEST_FIELDS
    };
    let foreign_known = fields.known & !own_fields;
    let foreign: Vec<Cow<'a, str>> = if foreign_known == 0 && fields.unknown.is_empty() {
        Vec::new()
    } else {
        KNOWN_FIELDS
            .iter()
            .enumerate()
            .filter(|(i, _)| foreign_known & (1 << i) != 0)
            .map(|(_, f)| Cow::Borrowed(*f))
            .chain(fields.unknown.iter().cloned())
            .collect()
    };
    for key in &foreign {
        {
            st.path.push(Seg::Key(key.clone(), 0));
            st.report(
                Rule::UnknownField,
                Target::Key,
                format!(
                    "{:?} is not a field of a getAuthCode {}",
                    crate::output::brief(key),
                    if own == Domain::Request {
                        "request"
                    } else {
                        "response"
                    }
                ),
                None,
            );
            st.path.pop();
        }
    }
    match kind {
        DocKind::Request => {
            if !fields.has_scopes {
                missing(st, "scopes", "a request needs \"scopes\": [...]");
            }
        }
        DocKind::Response => response_rules(st, &fields),
    }
    Some(kind)
}

fn missing(st: &mut State<'_, '_>, field: &str, why: &str) {
    st.report(
        Rule::MissingField,
        Target::Value,
        format!("missing field {field}: {why}"),
        None,
    );
}

fn response_rules<'a>(st: &mut State<'_, 'a>, fields: &Fields<'a>) {
    let has_code = fields.auth_code.is_some();
    match (has_code, &fields.success, &fields.errors) {
        (false, Some(_), _) => missing(
            st,
            "authCode",
            "a response with authSuccessScopes carries the authorization code",
        ),
        (true, None, _) => missing(
            st,
            "authSuccessScopes",
            "a response with authCode lists the granted scopes",
        ),
        (false, None, None) => missing(
            st,
            "authErrorScopes",
            "a response has authCode and authSuccessScopes, or authErrorScopes",
        ),
        _ => {}
    }
    if let Some(errors) = &fields.errors {
        if errors.is_object && errors.len == 0 && !has_code {
            st.path.push(Seg::Key("authErrorScopes".into(), 0));
            st.report(
                Rule::Empty,
                Target::Value,
                "authErrorScopes is empty and there is no authCode: the response grants nothing and names no failure".into(),
                None,
            );
            st.path.pop();
        }
    }
    let success: &[(u32, usize)] = fields.success.as_ref().map_or(&[], |s| &s.ids);
    let failed: &[(u32, Cow<'a, str>)] = fields.errors.as_ref().map_or(&[], |e| &e.ids);
    for (id, key) in failed {
        if success.iter().any(|(s, _)| s == id) {
            st.path.push(Seg::Key("authErrorScopes".into(), 0));
            st.path.push(Seg::Key(key.clone(), 0));
            st.report(
                Rule::ScopeConflict,
                Target::Key,
                format!("{key} is both granted (authSuccessScopes) and failed (authErrorScopes)"),
                None,
            );
            st.path.truncate(st.path.len() - 2);
        }
    }
    let Some(expected) = st.ctx.expected.clone() else {
        return;
    };
    for (id, index) in success {
        if !expected.contains(id) {
            st.path.push(Seg::Key("authSuccessScopes".into(), 0));
            st.path.push(Seg::Index(*index));
            let name = st.scope_name(*id).to_string();
            st.report(
                Rule::ScopeNotRequested,
                Target::Value,
                format!("{name} is granted but was not requested"),
                None,
            );
            st.path.truncate(st.path.len() - 2);
        }
    }
    for (id, key) in failed {
        if !expected.contains(id) {
            st.path.push(Seg::Key("authErrorScopes".into(), 0));
            st.path.push(Seg::Key(key.clone(), 0));
            st.report(
                Rule::ScopeNotRequested,
                Target::Key,
                format!("{key} is answered but was not requested"),
                None,
            );
            st.path.truncate(st.path.len() - 2);
        }
    }
    for id in &expected {
        let answered = success.iter().any(|(s, _)| s == id) || failed.iter().any(|(f, _)| f == id);
        if !answered {
            let name = st.scope_name(*id).to_string();
            st.report(
                Rule::ScopeUnanswered,
                Target::Value,
                format!("{name} was requested but is neither in authSuccessScopes nor in authErrorScopes"),
                None,
            );
        }
    }
}
