//! The visitors that read a getAuthCode document in one serde pass: the top-level object and
//! each of its fields' values. They fill the types of `fields.rs` for the rules and hand
//! each value to its rule in `field_rules.rs`; they hold no rules themselves.
//!
//! A value is read once, however many profiles the walk judges it under (the lanes of the
//! walker): each lane takes the top-level key for the field its profile names, and the
//! value's visitor runs the rule of that field in that lane — a scope array's items, an
//! `authErrorScopes` map's keys and values, or the value as a whole.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use smallvec::{smallvec, SmallVec};

use super::fields::{Document, ErrorMap, Failed, Fields, ScopeArray, ScopeList, ScopeSet};
use super::finding::Belongs;
use super::path::Step;
use super::walk::{scalar_visits, walk_map, walk_seq, AnyValue, KeyCounter, KeySeed, Shape};
use super::walker::{LaneIds, Walker};
use super::{document_rules, field_rules};
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

/// Reads the value of a top-level field once and applies, in each lane, the rule of the
/// field that lane takes it for.
fn read_field<'de, A: MapAccess<'de>>(
    w: &mut Walker<'_, 'de>,
    map: &mut A,
    roles: &[Option<FieldRole>],
    key: &str,
    fields: &mut [Fields<'de>],
) -> Result<(), A::Error> {
    if roles
        .iter()
        .all(|r| matches!(r, None | Some(FieldRole::Callback)))
    {
        map.next_value_seed(AnyValue { walker: w })?;
        return Ok(());
    }
    // `error` is judged as written where the text is read (one lane, one profile).
    if w.reads_text && roles.contains(&Some(FieldRole::ErrorNumber)) {
        let v = value_as_written(w, map)?;
        take_whole(w, roles, &v, key, fields);
        return Ok(());
    }
    map.next_value_seed(FieldSeed {
        walker: w,
        roles,
        key,
        fields,
    })
}

/// Applies to `v`, a top-level field's value as a whole, the rule of the field each lane
/// takes it for.
fn take_whole<'a>(
    w: &mut Walker<'_, 'a>,
    roles: &[Option<FieldRole>],
    v: &Shape<'a>,
    key: &str,
    fields: &mut [Fields<'a>],
) {
    // `authCode`'s rule is no profile's own: where every lane takes the value for it, the
    // rule runs once, its findings going into every lane.
    if roles.len() > 1 && roles.iter().all(|&r| r == Some(FieldRole::AuthCode)) {
        field_rules::auth_code(w, v);
        for fields in fields {
            fields.auth_code = Some(v.clone());
        }
        return;
    }
    for (lane, (&role, fields)) in roles.iter().zip(fields.iter_mut()).enumerate() {
        take_one(w, lane, role, v, key, fields);
    }
}

/// Applies to `v` the rule of the field that lane `lane` takes for `role`. A container that
/// is not what the field holds is seen by its size.
fn take_one<'a>(
    w: &mut Walker<'_, 'a>,
    lane: usize,
    role: Option<FieldRole>,
    v: &Shape<'a>,
    key: &str,
    fields: &mut Fields<'a>,
) {
    w.on_lane(lane, |w| match role {
        Some(FieldRole::Scopes) => {
            let list = ScopeArray::Other(v.clone());
            fields.scopes = Some(field_rules::scope_array(w, list, "scopes"));
        }
        Some(FieldRole::SuccessScopes) => {
            let list = ScopeArray::Other(v.clone());
            fields.success = Some(field_rules::scope_array(w, list, "authSuccessScopes"));
        }
        Some(FieldRole::ErrorScopes) => {
            field_rules::not_an_error_map(w, v);
            fields.errors = Some(ErrorMap::default());
        }
        Some(FieldRole::AuthCode) => {
            field_rules::auth_code(w, v);
            fields.auth_code = Some(v.clone());
        }
        Some(FieldRole::ErrorNumber) => {
            field_rules::error_number(w, v);
            fields.error = true;
        }
        Some(FieldRole::RequestParam) => field_rules::request_param(w, key, v),
        Some(FieldRole::ErrorMessage) => field_rules::error_message(w, v),
        Some(FieldRole::Callback) | None => {}
    });
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

/// The value of a top-level field, read once for every lane.
struct FieldSeed<'w, 'c, 'a, 'r> {
    walker: &'w mut Walker<'c, 'a>,
    roles: &'r [Option<FieldRole>],
    key: &'r str,
    fields: &'r mut [Fields<'a>],
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_, '_, 'de, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> FieldSeed<'_, '_, 'de, '_> {
    fn scalar(self, v: Shape<'de>) {
        take_whole(self.walker, self.roles, &v, self.key, self.fields);
    }
}

/// The name of a scope array field, as the rules word it.
fn scope_field(role: Option<FieldRole>) -> Option<&'static str> {
    match role {
        Some(FieldRole::Scopes) => Some("scopes"),
        Some(FieldRole::SuccessScopes) => Some("authSuccessScopes"),
        _ => None,
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_, '_, 'de, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field's value")
    }
    scalar_visits!();
    /// An array: in each lane that takes it for a scope array, each item is a scope.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let walker = self.walker;
        let roles = self.roles;
        if roles.iter().all(|&r| scope_field(r).is_none()) {
            let v = walk_seq(walker, seq)?;
            take_whole(walker, roles, &v, self.key, self.fields);
            return Ok(());
        }
        let mut lists: SmallVec<[(ScopeList, ScopeSet); 1]> = (0..roles.len())
            .map(|l| {
                let scopes = walker.on_lane(l, |w| w.index().scope_count());
                (ScopeList::default(), ScopeSet::new(scopes))
            })
            .collect();
        let mut n = 0;
        loop {
            let more = walker.within(Step::Index(n), |w| {
                let Some(item) = seq.next_element_seed(AnyValue { walker: &mut *w })? else {
                    return Ok(false);
                };
                let ids = match &item {
                    Shape::Text(name) => w.scope_ids(name),
                    _ => LaneIds::One(None),
                };
                for (lane, (list, seen)) in lists.iter_mut().enumerate() {
                    if let Some(field) = scope_field(roles[lane]) {
                        w.on_lane(lane, |w| {
                            field_rules::scope_item(w, &item, ids, n, field, list, seen)
                        });
                    }
                }
                Ok(true)
            })?;
            if !more {
                break;
            }
            n += 1;
        }
        let array = Shape::Array(n);
        for (lane, (list, _)) in lists.into_iter().enumerate() {
            let fields = &mut self.fields[lane];
            match roles[lane] {
                Some(FieldRole::Scopes) => {
                    let list = ScopeArray::List(list, n);
                    let list =
                        walker.on_lane(lane, |w| field_rules::scope_array(w, list, "scopes"));
                    fields.scopes = Some(list);
                }
                Some(FieldRole::SuccessScopes) => {
                    let list = ScopeArray::List(list, n);
                    let list = walker.on_lane(lane, |w| {
                        field_rules::scope_array(w, list, "authSuccessScopes")
                    });
                    fields.success = Some(list);
                }
                role => take_one(walker, lane, role, &array, self.key, fields),
            }
        }
        Ok(())
    }
    /// An object: in each lane that takes it for `authErrorScopes`, each key is a scope and
    /// each value an error value.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let walker = self.walker;
        let roles = self.roles;
        if !roles.contains(&Some(FieldRole::ErrorScopes)) {
            let v = walk_map(walker, map)?;
            take_whole(walker, roles, &v, self.key, self.fields);
            return Ok(());
        }
        let lanes: SmallVec<[usize; 8]> = (0..roles.len())
            .filter(|&l| roles[l] == Some(FieldRole::ErrorScopes))
            .collect();
        let mut maps: SmallVec<[ErrorMap<'de>; 1]> = lanes
            .iter()
            .map(|_| ErrorMap {
                is_object: true,
                ..ErrorMap::default()
            })
            .collect();
        let mut keys = KeyCounter::default();
        let mut n = 0;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let step = keys.member(walker, key.clone());
            let first = matches!(step, Step::Key { occurrence: 0, .. });
            walker.within(step, |w| {
                let known = w.scope_ids(&key);
                let ids: SmallVec<[_; 8]> = lanes
                    .iter()
                    .map(|&lane| w.on_lane(lane, |w| field_rules::failed_scope(w, &key, known)))
                    .collect();
                let value = value_as_written(w, &mut map)?;
                let codes = w.error_codes(value.code());
                for ((&lane, id), out) in lanes.iter().zip(ids).zip(&mut maps) {
                    w.on_lane(lane, |w| field_rules::error_value(w, &value, codes));
                    if let (Some(id), true) = (id, first) {
                        out.failed.push(Failed {
                            id,
                            key: key.clone(),
                        });
                    }
                }
                Ok(())
            })?;
            n += 1;
        }
        let object = Shape::Object(n);
        let mut maps = maps.into_iter();
        for (lane, role) in roles.iter().enumerate() {
            let fields = &mut self.fields[lane];
            if *role == Some(FieldRole::ErrorScopes) {
                fields.errors = maps.next().map(|m| ErrorMap { len: n, ..m });
            } else {
                take_one(walker, lane, *role, &object, self.key, fields);
            }
        }
        Ok(())
    }
}
