//! A document parsed once and walked many times: `--wallet all` records each document's
//! serde events on a tape in one pass over its text, then replays the tape to every wallet's
//! visitors, which see the same calls as in a pass over the text.
//!
//! The tape keeps what serde_json hands a visitor and nothing else: scalars, strings
//! (borrowed from the text unless they hold escapes, as serde_json gives them), arrays, and
//! objects with every member in order, repeated keys included.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::path::{Step, Target};

mod replay;
pub(super) use replay::Replay;
#[cfg(test)]
mod tests;

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
    /// Whether an object may hold a key twice: false when none does, which spares every
    /// walk of the tape looking for repeated keys.
    pub repeats_keys: bool,
}

/// Keys of one object compared while recording; an object with more is taken as one that
/// may repeat a key (the walks then look, as over the text).
const KEYS_COMPARED: usize = 16;

impl<'a> Tape<'a> {
    /// Records the JSON text `src`, or returns serde_json's error as a pass over the text
    /// would (the same message at the same place).
    pub(super) fn record(src: &'a str) -> Result<Tape<'a>, serde_json::Error> {
        // About one event for every eight bytes of a compact document: one allocation.
        let mut tape = Tape {
            events: Vec::with_capacity(src.len() / 8 + 4),
            repeats_keys: false,
        };
        let mut de = serde_json::Deserializer::from_str(src);
        Record {
            events: &mut tape.events,
            repeats_keys: &mut tape.repeats_keys,
        }
        .deserialize(&mut de)?;
        de.end()?;
        Ok(tape)
    }

    /// [`Tape::locate_from`] the top of the document.
    #[cfg(test)]
    pub(super) fn locate(&self, path: &[Step<'_>], target: Target) -> usize {
        self.locate_from(0, path, target)
    }

    /// Where the value (or member key) at `path`, relative to the value whose event is at
    /// `from`, is on the tape, as an event index, which orders places as the text does;
    /// past a step that does not lead anywhere, the place reached so far.
    pub(super) fn locate_from(&self, from: usize, path: &[Step<'_>], target: Target) -> usize {
        let mut at = from;
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
    #[cfg(test)]
    pub(super) fn replay(&self) -> Replay<'_, 'a> {
        Replay {
            events: &self.events,
            at: 0,
            place: None,
        }
    }

    /// A deserializer that plays the document back and keeps `place` at the index of the
    /// next event it will hand over, for a walker to tell where it stands.
    pub(super) fn replay_telling<'t>(&'t self, place: &'t Cell<usize>) -> Replay<'t, 'a> {
        place.set(0);
        Replay {
            events: &self.events,
            at: 0,
            place: Some(place),
        }
    }
}

/// Appends the events of one value.
struct Record<'t, 'a> {
    events: &'t mut Vec<Event<'a>>,
    repeats_keys: &'t mut bool,
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
                repeats_keys: &mut *self.repeats_keys,
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
        let mut keys = [0; KEYS_COMPARED];
        while map
            .next_key_seed(Record {
                events: &mut *self.events,
                repeats_keys: &mut *self.repeats_keys,
            })?
            .is_some()
        {
            let key = self.events.len() - 1;
            if len < KEYS_COMPARED {
                let seen = &keys[..len];
                if seen.iter().any(|&k| self.events[k] == self.events[key]) {
                    *self.repeats_keys = true;
                }
                keys[len] = key;
            } else {
                *self.repeats_keys = true;
            }
            map.next_value_seed(Record {
                events: &mut *self.events,
                repeats_keys: &mut *self.repeats_keys,
            })?;
            len += 1;
        }
        let end = self.events.len();
        self.events[start] = Event::Map { len, end };
        Ok(())
    }
}
