//! The visitors that read a getAuthCode document in one serde pass: the top-level object,
//! scope arrays and the `authErrorScopes` map. They fill the types of `fields.rs` for the
//! rules and hand each value to its rule in `field_rules.rs`; they hold no rules themselves.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::fields::{Document, ErrorMap, Failed, Fields, ScopeArray, ScopeList, ScopeSet};
use super::finding::Belongs;
use super::path::Step;
use super::walk::{
    scalar_visits, walk_map, walk_seq, AnyValue, KeyCounter, KeySeed, Shape, Walker,
};
use super::{document_rules, field_rules};
use crate::payload::DocKind;
use crate::profile::FieldRole;

/// Unknown top-level keys of one document compared with the field names.
const MISSPELLINGS_TRIED: usize = 32;

/// Reads the whole document; an object's fields go to `fields` (empty to begin with).
pub(super) struct DocumentSeed<'w, 'c, 'a> {
    pub walker: &'w mut Walker<'c, 'a>,
    pub fields: &'w mut Fields<'a>,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_, '_, 'de> {
    type Value = Document<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> DocumentSeed<'_, '_, 'de> {
    fn scalar(self, v: Shape<'de>) -> Document<'de> {
        Document::Other(v)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_, '_, 'de> {
    type Value = Document<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON document")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        walk_seq(self.walker, seq).map(Document::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let walker = self.walker;
        let profile_fields = walker.index.profile.fields();
        let mut keys = KeyCounter::default();
        let fields = self.fields;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let mut field = profile_fields.iter().position(|f| f.name == key);
            let step = keys.member(walker, key.clone());
            let first = matches!(step, Step::Key { occurrence: 0, .. });
            // A hostile document may hold a million unknown keys: only the first few are
            // taken for misspellings (a document has few of those).
            if field.is_none() && first && fields.unknown.len() < MISSPELLINGS_TRIED {
                field = misspelled(walker, &step, &fields.known);
                if let (Some(i), Step::Key { name, .. }) = (field, &step) {
                    fields.misspelled.push((i, name.clone()));
                }
            }
            let belongs = match field.map(|i| profile_fields[i].kind) {
                Some(DocKind::Request) => Belongs::Request,
                Some(DocKind::Response) => Belongs::Response,
                None => Belongs::Neither,
            };
            if first {
                match field {
                    Some(i) => fields.known.push(i),
                    None => fields.unknown.push(key.clone()),
                }
            }
            let role = field.map(|i| profile_fields[i].role);
            walker.within(step, |w| {
                w.in_field(belongs, |w| read_field(w, &mut map, role, &key, fields))
            })?;
        }
        Ok(Document::Object)
    }
}

/// The field that the unknown key at `step` misspells, if any and if the object does not
/// have it already; reported at the key. The document is then judged as meant, with the
/// key read as that field. Out of line: it is rare, and the hot loop stays small.
#[cold]
#[inline(never)]
fn misspelled<'a>(walker: &mut Walker<'_, 'a>, step: &Step<'a>, known: &[usize]) -> Option<usize> {
    let Step::Key { name, .. } = step else {
        return None;
    };
    let field = walker
        .index
        .misspelled_field(name)
        .filter(|i| !known.contains(i))?;
    let fields = walker.index.profile.fields();
    document_rules::misspelled(walker, step, &fields[field]);
    Some(field)
}

/// Reads the value of a top-level field and applies its rule.
fn read_field<'de, A: MapAccess<'de>>(
    w: &mut Walker<'_, 'de>,
    map: &mut A,
    role: Option<FieldRole>,
    key: &str,
    fields: &mut Fields<'de>,
) -> Result<(), A::Error> {
    match role {
        Some(FieldRole::Scopes) => {
            let list = map.next_value_seed(ScopeArraySeed {
                walker: &mut *w,
                field: "scopes",
            })?;
            fields.scopes = Some(field_rules::scope_array(w, list, "scopes"));
        }
        Some(FieldRole::SuccessScopes) => {
            let list = map.next_value_seed(ScopeArraySeed {
                walker: &mut *w,
                field: "authSuccessScopes",
            })?;
            fields.success = Some(field_rules::scope_array(w, list, "authSuccessScopes"));
        }
        Some(FieldRole::ErrorScopes) => {
            fields.errors = Some(map.next_value_seed(ErrorMapSeed { walker: &mut *w })?);
        }
        Some(FieldRole::AuthCode) => {
            let v = map.next_value_seed(AnyValue { walker: &mut *w })?;
            field_rules::auth_code(w, &v);
            fields.auth_code = Some(v);
        }
        Some(FieldRole::ErrorNumber) => {
            let v = value_as_written(w, map)?;
            field_rules::error_number(w, &v);
            fields.error = true;
        }
        Some(FieldRole::RequestParam) => {
            let v = map.next_value_seed(AnyValue { walker: &mut *w })?;
            field_rules::request_param(w, key, &v);
        }
        Some(FieldRole::ErrorMessage) => {
            let v = map.next_value_seed(AnyValue { walker: &mut *w })?;
            field_rules::error_message(w, &v);
        }
        Some(FieldRole::Callback) | None => {
            map.next_value_seed(AnyValue { walker: &mut *w })?;
        }
    }
    Ok(())
}

/// The next map value, a number kept as written: serde hands a whole number beyond 64 bits
/// over as a rounded f64 (`-9223372036854775809` as `-9223372036854776000`), and the rules
/// on error values judge and quote the number the document holds. Anything else is walked
/// as usual. Used where numbers are judged (error values, `error`); the value is parsed
/// twice, and these values are small. On a replayed tape, the value as serde read it.
fn value_as_written<'de, A: MapAccess<'de>>(
    w: &mut Walker<'_, 'de>,
    map: &mut A,
) -> Result<Shape<'de>, A::Error> {
    use serde::de::Error;
    if !w.reads_text {
        // A replay holds no text: a number comes as serde read it, a whole number beyond
        // 64 bits rounded. The verdict is the same (the rules read the text as an f64 too);
        // only words would differ, and a run across wallets shows rules, not words.
        return map.next_value_seed(AnyValue { walker: w });
    }
    let raw: &'de serde_json::value::RawValue = map.next_value()?;
    let text = raw.get();
    if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        // What serde would have refused as it read the number (`1e999`), refused the same
        // way: serde_json places the error where the number ends, as it did.
        if serde_json::from_str::<f64>(text).is_err() {
            return Err(A::Error::custom("number out of range"));
        }
        return Ok(Shape::Number(text.to_string()));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    AnyValue { walker: w }
        .deserialize(&mut de)
        .map_err(A::Error::custom)
}

/// A scope array (`scopes`, `authSuccessScopes`).
struct ScopeArraySeed<'w, 'c, 'a> {
    walker: &'w mut Walker<'c, 'a>,
    field: &'static str,
}

impl<'de> DeserializeSeed<'de> for ScopeArraySeed<'_, '_, 'de> {
    type Value = ScopeArray<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> ScopeArraySeed<'_, '_, 'de> {
    fn scalar(self, v: Shape<'de>) -> ScopeArray<'de> {
        ScopeArray::Other(v)
    }
}

impl<'de> Visitor<'de> for ScopeArraySeed<'_, '_, 'de> {
    type Value = ScopeArray<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of scope names")
    }
    scalar_visits!();
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        walk_map(self.walker, map).map(ScopeArray::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let walker = self.walker;
        let mut list = ScopeList::default();
        let mut seen = ScopeSet::new(walker.index.scope_count());
        let mut n = 0;
        loop {
            let more = walker.within(Step::Index(n), |w| {
                let Some(item) = seq.next_element_seed(AnyValue { walker: &mut *w })? else {
                    return Ok(false);
                };
                field_rules::scope_item(w, item, n, self.field, &mut list, &mut seen);
                Ok(true)
            })?;
            if !more {
                break;
            }
            n += 1;
        }
        Ok(ScopeArray::List(list, n))
    }
}

/// `authErrorScopes`.
struct ErrorMapSeed<'w, 'c, 'a> {
    walker: &'w mut Walker<'c, 'a>,
}

impl<'de> DeserializeSeed<'de> for ErrorMapSeed<'_, '_, 'de> {
    type Value = ErrorMap<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> ErrorMapSeed<'_, '_, 'de> {
    fn scalar(self, v: Shape<'de>) -> ErrorMap<'de> {
        field_rules::not_an_error_map(self.walker, &v);
        ErrorMap::default()
    }
}

impl<'de> Visitor<'de> for ErrorMapSeed<'_, '_, 'de> {
    type Value = ErrorMap<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of scope errors")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let walker = self.walker;
        let v = walk_seq(walker, seq)?;
        field_rules::not_an_error_map(walker, &v);
        Ok(ErrorMap::default())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let walker = self.walker;
        let mut keys = KeyCounter::default();
        let mut out = ErrorMap {
            is_object: true,
            ..ErrorMap::default()
        };
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let step = keys.member(walker, key.clone());
            let first = matches!(step, Step::Key { occurrence: 0, .. });
            walker.within(step, |w| {
                let id = field_rules::failed_scope(w, &key);
                let value = value_as_written(w, &mut map)?;
                field_rules::error_value(w, &value);
                if let (Some(id), true) = (id, first) {
                    out.failed.push(Failed { id, key });
                }
                Ok(())
            })?;
            out.len += 1;
        }
        Ok(out)
    }
}
