//! Playing a tape back to a visitor, as serde_json would read the text.

use serde::de::value::Error;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use std::borrow::Cow;
use std::cell::Cell;

use super::Event;

/// Plays a tape back from event `at`, as serde_json would read the text.
pub(in crate::validate) struct Replay<'t, 'a> {
    pub(super) events: &'t [Event<'a>],
    pub(super) at: usize,
    /// Where `at` is told, if anyone asked ([`super::Tape::replay_telling`]).
    pub(super) place: Option<&'t Cell<usize>>,
}

impl Replay<'_, '_> {
    fn go_to(&mut self, at: usize) {
        self.at = at;
        if let Some(place) = self.place {
            place.set(at);
        }
    }
}

impl<'de> Deserializer<'de> for &mut Replay<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Some(event) = self.events.get(self.at) else {
            return Err(serde::de::Error::custom("the tape ends early"));
        };
        self.go_to(self.at + 1);
        match event {
            Event::Null => visitor.visit_unit(),
            Event::Bool(v) => visitor.visit_bool(*v),
            Event::U64(v) => visitor.visit_u64(*v),
            Event::I64(v) => visitor.visit_i64(*v),
            Event::F64(v) => visitor.visit_f64(*v),
            Event::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Event::Str(Cow::Owned(s)) => visitor.visit_str(s),
            &Event::Seq { len, end } => {
                let value = visitor.visit_seq(Items {
                    replay: &mut *self,
                    left: len,
                })?;
                // A visitor that stops early leaves the rest unread, as serde_json would
                // skip it.
                self.go_to(end);
                Ok(value)
            }
            &Event::Map { len, end } => {
                let value = visitor.visit_map(Items {
                    replay: &mut *self,
                    left: len,
                })?;
                self.go_to(end);
                Ok(value)
            }
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// The elements of an array, or the members of an object, being played back.
pub(super) struct Items<'r, 't, 'a> {
    pub(super) replay: &'r mut Replay<'t, 'a>,
    pub(super) left: usize,
}

impl<'a> SeqAccess<'a> for Items<'_, '_, 'a> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.replay).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'a> MapAccess<'a> for Items<'_, '_, 'a> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.replay).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.replay)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}
