//! The visitor that reads a getAuthCode document in one serde pass: the top-level object,
//! whose keys each lane of the walker takes for the field its profile names (`fields.rs`),
//! each value then read by `field_value.rs`. It holds no rules itself.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use smallvec::{smallvec, SmallVec};

use super::document_rules;
use super::field_value::read_field;
use super::fields::{Document, Fields};
use super::finding::Belongs;
use super::path::Step;
use super::walk::{scalar_visits, walk_seq, KeyCounter, KeySeed, Shape};
use super::walker::Walker;
use crate::payload::DocKind;
use crate::profile::{FieldRole, Profile};

/// Unknown top-level keys of one document compared with the field names.
const MISSPELLINGS_TRIED: usize = 32;

/// What each lane takes a top-level field for (`None`: a field its profile does not name).
type Roles = SmallVec<[Option<FieldRole>; 8]>;

/// Reads the whole document; an object's fields go to `fields`, one per lane of the walker
/// (empty to begin with).
pub(super) struct DocumentSeed<'w, 'c, 'a> {
    pub walker: &'w mut Walker<'c, 'a>,
    pub fields: &'w mut [Fields<'a>],
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
        let fields = self.fields;
        let mut keys = KeyCounter::default();
        let mut roles: Roles = smallvec![None; walker.lanes()];
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let step = keys.member(walker, key.clone());
            let jsapi = Profile::jsapi_field(&key);
            for (lane, (role, fields)) in roles.iter_mut().zip(fields.iter_mut()).enumerate() {
                *role = walker.on_lane(lane, |w| take_key(w, &step, jsapi, fields));
            }
            walker.within(step, |w| read_field(w, &mut map, &roles, &key, fields))?;
            walker.out_of_field();
        }
        Ok(Document::Object)
    }
}

/// The field that the current lane's profile takes the top-level member at `step` for
/// (`jsapi`: the JSAPI's field of that name, the same in every profile), noted in `fields`;
/// the walk is then in that field (in this lane).
fn take_key<'a>(
    w: &mut Walker<'_, 'a>,
    step: &Step<'a>,
    jsapi: Option<usize>,
    fields: &mut Fields<'a>,
) -> Option<FieldRole> {
    let Step::Key {
        name: key,
        occurrence,
    } = step
    else {
        return None;
    };
    let profile = &w.index().profile;
    let profile_fields = profile.fields();
    let mut field = jsapi.or_else(|| profile.own_field(key));
    let first = *occurrence == 0;
    // A hostile document may hold a million unknown keys: only the first few are taken
    // for misspellings (a document has few of those).
    if field.is_none() && first && fields.unknown.len() < MISSPELLINGS_TRIED {
        field = misspelled(w, step, &fields.known);
        if let (Some(i), Step::Key { name, .. }) = (field, step) {
            fields.misspelled.push((i, name.clone()));
        }
    }
    w.enter_field(match field.map(|i| profile_fields[i].kind) {
        Some(DocKind::Request) => Belongs::Request,
        Some(DocKind::Response) => Belongs::Response,
        None => Belongs::Neither,
    });
    if first {
        match field {
            Some(i) => fields.known.push(i),
            None => fields.unknown.push(key.clone()),
        }
    }
    field.map(|i| profile_fields[i].role)
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
    let index = walker.index();
    let field = index
        .misspelled_field(name)
        .filter(|i| !known.contains(i))?;
    document_rules::misspelled(walker, step, &index.profile.fields()[field]);
    Some(field)
}
