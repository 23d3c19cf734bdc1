//! A replay hands a visitor what a pass over the text does.

use super::replay::Items;
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

#[test]
fn a_tape_knows_whether_an_object_may_repeat_a_key() {
    let many: Vec<String> = (0..=KEYS_COMPARED)
        .map(|i| format!("\"k{i}\": {i}"))
        .collect();
    let many = format!("{{{}}}", many.join(", "));
    for (src, repeats) in [
        (r#"{"a": 1, "b": {"a": 2}, "c": [{"a": 3, "b": 4}]}"#, false),
        (r#"{"a": 1, "b": 2, "a": 3}"#, true),
        (r#"{"x": [{"a": 1, "a": 1}]}"#, true),
        // Written differently, the same key once decoded.
        (r#"{"a": 1, "\u0061": 2}"#, true),
        (r#"[{"a": 1}, {"a": 2}]"#, false),
        // Past the keys compared, taken as one that may.
        (many.as_str(), true),
    ] {
        assert_eq!(Tape::record(src).unwrap().repeats_keys, repeats, "{src}");
    }
}
