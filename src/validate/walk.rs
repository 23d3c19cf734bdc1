//! Walking any JSON value with serde: the walker (where the walk stands and the findings so
//! far), a value's shape as the checks need it, repeated keys, and the scalar visits every
//! visitor shares.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use smallvec::SmallVec;

use super::diagnostic::Rule;
use super::finding::{say, Belongs, Finding, Findings, Said};
use super::index::{CheckOptions, ScopeIndex};
use super::path::{Step, Target};
use super::tape::Tape;
use crate::profile::Seen;

/// The state of one check as the visitors walk the document.
pub(super) struct Walker<'c, 'a> {
    pub index: &'c ScopeIndex,
    pub options: &'c CheckOptions,
    /// Whether findings keep their path (to be located).
    paths: bool,
    /// Whether findings keep their words (else only their rule, and their path if kept).
    words: bool,
    /// Where the walk stands, when findings keep paths. Changed only through
    /// [`Walker::within`], so it cannot be left unbalanced.
    path: Vec<Step<'a>>,
    pub findings: Findings<'a>,
    /// Which kind of document the field being walked belongs to.
    belongs: Belongs,
    /// Whether the walk reads the document's text, which can hand a number over as written;
    /// a replay of a tape (`--wallet all`) hands over what serde read.
    pub reads_text: bool,
    /// Whether an object may hold a key twice; false when the tape being replayed was
    /// found to have none (it is looked for once, not once per wallet).
    repeats_keys: bool,
    /// On a replayed tape: the tape and the replay's place, so that a finding is placed
    /// as it is made (an event index, which orders findings as the text does) without
    /// keeping its path.
    tape: Option<(&'c Tape<'a>, &'c Cell<usize>)>,
    /// The place of each step the walk is within, and whether the step is into a member.
    places: SmallVec<[(usize, bool); 8]>,
}

impl<'c, 'a> Walker<'c, 'a> {
    /// A walker at the top of a document, with no findings yet; with `detail` off, findings
    /// keep only their rule.
    pub(super) fn new(
        index: &'c ScopeIndex,
        options: &'c CheckOptions,
        detail: bool,
    ) -> Walker<'c, 'a> {
        Walker::keeping(index, options, detail, detail)
    }

    /// A walker whose findings keep their paths, and their words (only with paths), as
    /// asked.
    pub(super) fn keeping(
        index: &'c ScopeIndex,
        options: &'c CheckOptions,
        paths: bool,
        words: bool,
    ) -> Walker<'c, 'a> {
        Walker {
            index,
            options,
            paths,
            words: paths && words,
            path: if paths {
                Vec::with_capacity(8)
            } else {
                Vec::new()
            },
            findings: Findings::default(),
            belongs: Belongs::Always,
            reads_text: true,
            repeats_keys: true,
            tape: None,
            places: SmallVec::new(),
        }
    }

    /// A walker of `tape`, replayed with its place told in `place`, whose findings are
    /// placed on the tape and keep neither path nor words.
    pub(super) fn on_tape(
        index: &'c ScopeIndex,
        options: &'c CheckOptions,
        tape: &'c Tape<'a>,
        place: &'c Cell<usize>,
    ) -> Walker<'c, 'a> {
        Walker {
            reads_text: false,
            repeats_keys: tape.repeats_keys,
            tape: Some((tape, place)),
            ..Walker::keeping(index, options, false, false)
        }
    }

    /// Runs `f` one step further down the document.
    pub(super) fn within<R>(&mut self, step: Step<'a>, f: impl FnOnce(&mut Self) -> R) -> R {
        if let Some((_, place)) = self.tape {
            // A member's key is read before its step is taken, an element's value after:
            // either way, the replay stands at the value.
            self.places
                .push((place.get(), matches!(step, Step::Key { .. })));
            let out = f(self);
            self.places.pop();
            return out;
        }
        if !self.paths {
            return f(self);
        }
        self.path.push(step);
        let out = f(self);
        self.path.pop();
        out
    }

    /// Runs `f` inside a top-level field that belongs to `belongs`.
    pub(super) fn in_field<R>(&mut self, belongs: Belongs, f: impl FnOnce(&mut Self) -> R) -> R {
        self.belongs = belongs;
        let out = f(self);
        self.belongs = Belongs::Always;
        out
    }

    /// Records a finding at the current place; `said` is called only when words are wanted.
    pub(super) fn report(&mut self, rule: Rule, target: Target, said: impl FnOnce() -> Said) {
        self.report_at(&[], rule, target, said);
    }

    /// Records a finding at `steps` below the current place.
    pub(super) fn report_at(
        &mut self,
        steps: &[Step<'a>],
        rule: Rule,
        target: Target,
        said: impl FnOnce() -> Said,
    ) {
        let belongs = if rule == Rule::DuplicateKey {
            Belongs::Always
        } else {
            self.belongs
        };
        let at = match self.tape {
            // Where `Tape::locate` would find the path: the current place (a member's key,
            // the event before its value, for a key), or the steps from it.
            Some((tape, _)) => {
                let (here, member) = self.places.last().copied().unwrap_or((0, false));
                match (steps.is_empty(), target) {
                    (true, Target::Key) if member => here - 1,
                    (true, _) => here,
                    (false, _) => tape.locate_from(here, steps, target),
                }
            }
            None => 0,
        };
        let (said, path) = if self.paths {
            let mut path = Vec::with_capacity(self.path.len() + steps.len());
            path.extend_from_slice(&self.path);
            path.extend_from_slice(steps);
            (if self.words { said() } else { say("") }, path)
        } else {
            (say(""), Vec::new())
        };
        self.findings.push(Finding {
            rule,
            said,
            path,
            target,
            belongs,
            at,
        });
    }
}

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
/// Nothing is kept (or allocated) until the first key is counted, and nothing is counted
/// when the walk knows no key repeats (a replayed tape that has none): making and dropping
/// one then costs a word.
#[derive(Default)]
pub(super) struct KeyCounter<'a> {
    keys: Option<Box<Keys<'a>>>,
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

    #[inline(never)]
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
