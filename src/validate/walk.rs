//! Walking any JSON value with serde: a value's shape as the checks need it, repeated keys,
//! and the scalar visits every visitor shares. What the walk finds goes to the walker
//! (`walker.rs`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use smallvec::SmallVec;

use super::diagnostic::Rule;
use super::finding::say;
use super::path::{Step, Target};
use super::walker::Walker;
use crate::profile::Seen;

/// A scalar, or the size of a container: what the checks need to know of a value.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Shape<'a> {
    Null,
    Bool(bool),
    /// A number, as serde_json gives it back.
    Number(String),
    Text(Cow<'a, str>),
    Array(usize),
    Object(usize),
}

impl Shape<'_> {
    /// "a string", "an array", ...
    pub(super) fn type_name(&self) -> &'static str {
        match self {
            Shape::Null => "null",
            Shape::Bool(_) => "a boolean",
            Shape::Number(_) => "a number",
            Shape::Text(_) => "a string",
            Shape::Array(_) => "an array",
            Shape::Object(_) => "an object",
        }
    }

    /// The text of a string or a number, as an error value's code.
    pub(super) fn code(&self) -> Option<&str> {
        match self {
            Shape::Text(s) => Some(s),
            Shape::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The value as the profile's error-value rule sees it.
    pub(super) fn seen(&self) -> Seen<'_> {
        match self {
            Shape::Text(s) => Seen::Text(s),
            Shape::Number(n) => Seen::Number(n),
            other => Seen::Other(other.type_name()),
        }
    }
}

/// Tells the occurrence of each key in one object, to find repeated keys.
///
/// Nothing is kept until the first key is counted, and nothing is counted when the walk
/// knows no key repeats (a replayed tape that has none): making and dropping one then
/// costs a word. No allocation for the small objects of this format.
#[derive(Default)]
pub(super) struct KeyCounter<'a> {
    keys: Option<Keys<'a>>,
}

/// The keys of one object so far: the first inline, past them a hash map.
#[derive(Default)]
struct Keys<'a> {
    few: SmallVec<[Cow<'a, str>; 8]>,
    many: Option<HashMap<Cow<'a, str>, u32>>,
}

impl<'a> KeyCounter<'a> {
    /// How many times `key` came before in this object.
    fn occurrence(&mut self, key: Cow<'a, str>) -> u32 {
        let keys = self.keys.get_or_insert_default();
        if let Some(many) = &mut keys.many {
            let n = many.entry(key).or_insert(0);
            *n += 1;
            return *n - 1;
        }
        let before = keys.few.iter().filter(|k| **k == key).count() as u32;
        if keys.few.len() < keys.few.inline_size() {
            keys.few.push(key);
        } else {
            let mut many = HashMap::new();
            for k in keys.few.drain(..) {
                *many.entry(k).or_insert(0) += 1;
            }
            *many.entry(key).or_insert(0) += 1;
            keys.many = Some(many);
        }
        before
    }

    /// The step into member `key`, reporting it (at its key) when it repeats one.
    #[inline]
    pub(super) fn member(&mut self, walker: &mut Walker<'_, 'a>, key: Cow<'a, str>) -> Step<'a> {
        if !walker.repeats_keys {
            return Step::key(key);
        }
        self.counted(walker, key)
    }

    fn counted(&mut self, walker: &mut Walker<'_, 'a>, key: Cow<'a, str>) -> Step<'a> {
        let occurrence = self.occurrence(key.clone());
        let step = Step::Key {
            name: key,
            occurrence,
        };
        if occurrence > 0 {
            let repeated = [step.clone()];
            walker.report_at(&repeated, Rule::DuplicateKey, Target::Key, || {
                let name = match &repeated[0] {
                    Step::Key { name, .. } => super::finding::quote(name),
                    Step::Index(_) => String::new(),
                };
                say(format!("duplicate key {name} in one object"))
                    .hint("parsers keep only one of the values, and not all the same one")
            });
        }
        step
    }
}

/// Reads an object key, borrowing it from the source when it has no escapes.
pub(super) struct KeySeed;

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

/// The scalar visits every visitor shares: each turns the scalar into a [`Shape`] and hands
/// it to the visitor's own `scalar` method.
macro_rules! scalar_visits {
    () => {
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(self.scalar(Shape::Null))
        }
        fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
            Ok(self.scalar(Shape::Bool(v)))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
            Ok(self.scalar(Shape::Number(v.to_string())))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
            Ok(self.scalar(Shape::Number(v.to_string())))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
            Ok(self.scalar(Shape::Number(v.to_string())))
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(self.scalar(Shape::Text(Cow::Borrowed(v))))
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(self.scalar(Shape::Text(Cow::Owned(v.to_string()))))
        }
    };
}
pub(crate) use scalar_visits;

/// Any value: walked for repeated keys, returned as its shape.
pub(super) struct AnyValue<'w, 'c, 'a> {
    pub walker: &'w mut Walker<'c, 'a>,
}

impl<'de> AnyValue<'_, '_, 'de> {
    fn scalar(self, v: Shape<'de>) -> Shape<'de> {
        v
    }
}

impl<'de> DeserializeSeed<'de> for AnyValue<'_, '_, 'de> {
    type Value = Shape<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnyValue<'_, '_, 'de> {
    type Value = Shape<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        walk_seq(self.walker, seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        walk_map(self.walker, map)
    }
}

/// Walks the elements of an array.
pub(super) fn walk_seq<'de, A: SeqAccess<'de>>(
    walker: &mut Walker<'_, 'de>,
    mut seq: A,
) -> Result<Shape<'de>, A::Error> {
    let mut n = 0;
    while walker
        .within(Step::Index(n), |w| {
            seq.next_element_seed(AnyValue { walker: w })
        })?
        .is_some()
    {
        n += 1;
    }
    Ok(Shape::Array(n))
}

/// Walks the members of an object.
pub(super) fn walk_map<'de, A: MapAccess<'de>>(
    walker: &mut Walker<'_, 'de>,
    mut map: A,
) -> Result<Shape<'de>, A::Error> {
    let mut keys = KeyCounter::default();
    let mut n = 0;
    while let Some(key) = map.next_key_seed(KeySeed)? {
        let step = keys.member(walker, key);
        walker.within(step, |w| map.next_value_seed(AnyValue { walker: w }))?;
        n += 1;
    }
    Ok(Shape::Object(n))
}
