//! A top-level field's value, read once for every lane of the walker (however many profiles
//! the walk judges it under): the value's visitor runs, in each lane, the rule of the field
//! that lane takes it for (`field_rules.rs`) — a scope array's items, an `authErrorScopes`
//! map's keys and values, or the value as a whole — and fills the lane's `fields.rs` types.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use smallvec::SmallVec;

use super::field_rules;
use super::fields::{ErrorMap, Failed, Fields, ScopeArray, ScopeList, ScopeSet};
use super::path::Step;
use super::walk::{scalar_visits, walk_map, walk_seq, AnyValue, KeyCounter, KeySeed, Shape};
use super::walker::{PerLane, Walker};
use crate::profile::FieldRole;

/// Reads the value of a top-level field once and applies, in each lane, the rule of the
/// field that lane takes it for.
pub(super) fn read_field<'de, A: MapAccess<'de>>(
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
                    _ => PerLane::One(None),
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
