//! A document parsed once and walked many times: `--wallet all` records each document's
//! serde events on a tape in one pass over its text, then replays the tape to every wallet's
//! visitors, which see the same calls as in a pass over the text.
//!
//! The tape keeps what serde_json hands a visitor and nothing else: scalars, strings
//! (borrowed from the text unless they hold escapes, as serde_json gives them), arrays, and
//! objects with every member in order, repeated keys included.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::Error;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::path::{Step, Target};

/// One event of a document, in text order.
#[derive(Debug, Clone, PartialEq)]
enum Event<'a> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(Cow<'a, str>),
    /// An array of `len` elements, whose events end before index `end`.
    Seq {
        len: usize,
        end: usize,
    },
    /// An object of `len` members (a key's event, then its value's), ending before `end`.
    Map {
        len: usize,
        end: usize,
    },
}

/// A document's events, recorded once.
#[derive(Debug, Default)]
pub(super) struct Tape<'a> {
    events: Vec<Event<'a>>,
}

impl<'a> Tape<'a> {
    /// Records the JSON text `src`, or returns serde_json's error as a pass over the text
    /// would (the same message at the same place).
    pub(super) fn record(src: &'a str) -> Result<Tape<'a>, serde_json::Error> {
        let mut tape = Tape::default();
        let mut de = serde_json::Deserializer::from_str(src);
        Record {
            events: &mut tape.events,
        }
        .deserialize(&mut de)?;
        de.end()?;
        Ok(tape)
    }

    /// Where the value (or member key) at `path` is on the tape, as an event index, which
    /// orders places as the text does; past a step that does not lead anywhere, the place
    /// reached so far.
    pub(super) fn locate(&self, path: &[Step<'_>], target: Target) -> usize {
        let mut at = 0;
        for (depth, step) in path.iter().enumerate() {
            match (self.events.get(at), step) {
                (Some(&Event::Map { len, .. }), Step::Key { name, occurrence }) => {
                    let mut key = at + 1;
                    let mut seen = 0;
                    let mut found = None;
                    for _ in 0..len {
                        let value = key + 1;
                        if matches!(&self.events[key], Event::Str(k) if k == name) {
                            if seen == *occurrence {
                                found = Some((key, value));
                                break;
                            }
                            seen += 1;
                        }
                        key = self.after(value);
                    }
                    let Some((key, value)) = found else {
                        return at;
                    };
                    if depth + 1 == path.len() && target == Target::Key {
                        return key;
                    }
                    at = value;
                }
                (Some(&Event::Seq { len, .. }), &Step::Index(n)) if n < len => {
                    let mut element = at + 1;
                    for _ in 0..n {
                        element = self.after(element);
                    }
                    at = element;
                }
                _ => return at,
            }
        }
        at
    }

    /// The index past the value whose event is at `at`.
    fn after(&self, at: usize) -> usize {
        match self.events.get(at) {
            Some(&Event::Seq { end, .. } | &Event::Map { end, .. }) => end,
            _ => at + 1,
        }
    }

    /// A deserializer that plays the document back.
    pub(super) fn replay(&self) -> Replay<'_, 'a> {
        Replay {
            events: &self.events,
            at: 0,
        }
    }
}

/// Appends the events of one value.
struct Record<'t, 'a> {
    events: &'t mut Vec<Event<'a>>,
}

impl<'a> DeserializeSeed<'a> for Record<'_, 'a> {
    type Value = ();
    fn deserialize<D: Deserializer<'a>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'a> Visitor<'a> for Record<'_, 'a> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.events.push(Event::Null);
        Ok(())
    }
    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.events.push(Event::Bool(v));
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.events.push(Event::U64(v));
        Ok(())
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.events.push(Event::I64(v));
        Ok(())
    }
    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.events.push(Event::F64(v));
        Ok(())
    }
    fn visit_borrowed_str<E>(self, v: &'a str) -> Result<(), E> {
        self.events.push(Event::Str(Cow::Borrowed(v)));
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.events.push(Event::Str(Cow::Owned(v.to_string())));
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'a>>(self, mut seq: A) -> Result<(), A::Error> {
        let start = self.events.len();
        self.events.push(Event::Seq { len: 0, end: 0 });
        let mut len = 0;
        while seq
            .next_element_seed(Record {
                events: &mut *self.events,
            })?
            .is_some()
        {
            len += 1;
        }
        let end = self.events.len();
        self.events[start] = Event::Seq { len, end };
        Ok(())
    }
    fn visit_map<A: MapAccess<'a>>(self, mut map: A) -> Result<(), A::Error> {
        let start = self.events.len();
        self.events.push(Event::Map { len: 0, end: 0 });
        let mut len = 0;
        while map
            .next_key_seed(Record {
                events: &mut *self.events,
            })?
            .is_some()
        {
            map.next_value_seed(Record {
                events: &mut *self.events,
            })?;
            len += 1;
        }
        let end = self.events.len();
        self.events[start] = Event::Map { len, end };
        Ok(())
    }
}

/// Plays a tape back from event `at`, as serde_json would read the text.
pub(super) struct Replay<'t, 'a> {
    events: &'t [Event<'a>],
    at: usize,
}

impl<'de> Deserializer<'de> for &mut Replay<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Some(event) = self.events.get(self.at) else {
            return Err(serde::de::Error::custom("the tape ends early"));
        };
        self.at += 1;
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
                self.at = end;
                Ok(value)
            }
            &Event::Map { len, end } => {
                let value = visitor.visit_map(Items {
                    replay: &mut *self,
                    left: len,
                })?;
                self.at = end;
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
struct Items<'r, 't, 'a> {
    replay: &'r mut Replay<'t, 'a>,
    left: usize,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A visitor that writes back what it is handed, to compare a replay with a pass.
    struct Echo;

    impl<'de> DeserializeSeed<'de> for Echo {
        type Value = String;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Echo {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("anything")
        }
        fn visit_unit<E>(self) -> Result<String, E> {
            Ok("null".into())
        }
        fn visit_bool<E>(self, v: bool) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E>(self, v: u64) -> Result<String, E> {
            Ok(format!("u{v}"))
        }
        fn visit_i64<E>(self, v: i64) -> Result<String, E> {
            Ok(format!("i{v}"))
        }
        fn visit_f64<E>(self, v: f64) -> Result<String, E> {
            Ok(format!("f{v}"))
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<String, E> {
            Ok(format!("b{v:?}"))
        }
        fn visit_str<E>(self, v: &str) -> Result<String, E> {
            Ok(format!("o{v:?}"))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
            let mut out = vec![];
            while let Some(v) = seq.next_element_seed(Echo)? {
                out.push(v);
            }
            Ok(format!("[{}]", out.join(",")))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
            let mut out = vec![];
            while let Some(k) = map.next_key_seed(Echo)? {
                out.push(format!("{k}:{}", map.next_value_seed(Echo)?));
            }
            Ok(format!("{{{}}}", out.join(",")))
        }
    }

    #[test]
    fn a_replay_hands_the_visitor_what_a_pass_over_the_text_does() {
        let src = r#" {"a": [1, -2, 2.5, true, null, "x\n"], "a": {"k\"": "v"}, "": []} "#;
        let pass = Echo
            .deserialize(&mut serde_json::Deserializer::from_str(src))
            .unwrap();
        let tape = Tape::record(src).unwrap();
        let replayed = Echo.deserialize(&mut tape.replay()).unwrap();
        assert_eq!(replayed, pass);
        // Repeated keys are kept, escaped strings are owned, the rest borrowed.
        assert_eq!(
            pass,
            r#"{b"a":[u1,i-2,f2.5,true,null,o"x\n"],b"a":{o"k\"":b"v"},b"":[]}"#
        );
        // Played again, the same.
        assert_eq!(Echo.deserialize(&mut tape.replay()).unwrap(), pass);
    }

    #[test]
    fn places_are_ordered_as_in_the_text() {
        let tape = Tape::record(r#"{"a": [1, {"b": 2}], "c": 3, "a": 4}"#).unwrap();
        let at = |path: &[Step<'_>], target| tape.locate(path, target);
        let a0 = [Step::key("a")];
        let a1 = [Step::Key {
            name: "a".into(),
            occurrence: 1,
        }];
        let b = [Step::key("a"), Step::Index(1), Step::key("b")];
        let c = [Step::key("c")];
        let places = [
            at(&[], Target::Value),
            at(&a0, Target::Key),
            at(&a0, Target::Value),
            at(&b, Target::Key),
            at(&b, Target::Value),
            at(&c, Target::Key),
            at(&c, Target::Value),
            at(&a1, Target::Key),
            at(&a1, Target::Value),
        ];
        assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");
        // A path that leads nowhere stops where it got.
        assert_eq!(at(&[Step::key("zz")], Target::Value), 0);
        assert_eq!(
            at(&[Step::key("c"), Step::Index(0)], Target::Value),
            at(&c, Target::Value)
        );
    }

    #[test]
    fn a_syntax_error_is_the_one_a_pass_gives() {
        use serde::Deserialize;
        let deep = "[".repeat(200);
        for src in ["{\"a\": [1,}", "[1] x", "", "{\"a\":1e999}", &deep] {
            let mut de = serde_json::Deserializer::from_str(src);
            let pass = serde_json::Value::deserialize(&mut de)
                .and_then(|_| de.end())
                .unwrap_err();
            let recorded = Tape::record(src).unwrap_err();
            assert_eq!(recorded.to_string(), pass.to_string(), "{src}");
        }
    }

    #[test]
    fn a_visitor_that_stops_early_leaves_the_rest_to_the_next_value() {
        struct First;
        impl<'de> DeserializeSeed<'de> for First {
            type Value = String;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
                d.deserialize_any(self)
            }
        }
        impl<'de> Visitor<'de> for First {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
                Ok(seq.next_element_seed(Echo)?.unwrap_or_default())
            }
        }
        let tape = Tape::record(r#"[[[1, 2], 3], "next"]"#).unwrap();
        let mut replay = tape.replay();
        let mut outer = Items {
            replay: &mut replay,
            left: 0,
        };
        // Skip the outer array's own event, then read its two elements.
        outer.replay.at = 1;
        outer.left = 2;
        assert_eq!(outer.next_element_seed(First).unwrap().unwrap(), "[u1,u2]");
        assert_eq!(outer.next_element_seed(Echo).unwrap().unwrap(), "b\"next\"");
    }
}
