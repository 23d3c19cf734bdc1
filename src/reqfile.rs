//! Reading a request payload file for `request --from`.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

/// The scopes of a request payload, and whether the file began with a byte order mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDoc {
    pub scopes: Vec<String>,
    pub bom: bool,
}

/// Why a payload was refused, with a hint where one helps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadError {
    pub message: String,
    pub hint: Option<String>,
}

impl PayloadError {
    fn new(message: impl Into<String>) -> PayloadError {
        PayloadError {
            message: message.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> PayloadError {
        self.hint = Some(hint.into());
        self
    }
}

const SHAPE: &str = r#"a request payload looks like {"scopes": ["USER_LOGIN_ID"]}"#;

/// The scopes of the request payload in `bytes`.
///
/// The payload is read in one streaming pass that keeps each scope name at most twice (a
/// repeat is kept once more, so that the caller can warn about it) and copies nothing
/// else: a 100 MB payload costs its input buffer, not a tree of values several times its
/// size. A syntax error anywhere wins over a wrong shape, as when the whole text is parsed
/// first.
pub fn scopes_of(bytes: &[u8]) -> Result<RequestDoc, PayloadError> {
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(PayloadError::new("the file is empty").hint(SHAPE));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        PayloadError::new(format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    let mut de = serde_json::Deserializer::from_str(text);
    let shape = Shape::default();
    let scopes = Payload { shape: &shape }
        .deserialize(&mut de)
        .and_then(|scopes| de.end().map(|()| scopes))
        .map_err(|e| {
            let err = PayloadError::new(format!("invalid JSON: {e}"));
            if text.contains('\'') && e.is_syntax() {
                err.hint("JSON strings use double quotes")
            } else {
                err
            }
        })?;
    if let Some(refusal) = shape.refusal.take() {
        return Err(refusal);
    }
    match scopes {
        Some(scopes) => Ok(RequestDoc { scopes, bom }),
        None => Err(PayloadError::new("missing field \"scopes\"").hint(SHAPE)),
    }
}

/// The first way the payload's shape is wrong, noted while the parse goes on.
#[derive(Default)]
struct Shape {
    refusal: Cell<Option<PayloadError>>,
}

impl Shape {
    fn refuse(&self, err: PayloadError) {
        let first = self.refusal.take().unwrap_or(err);
        self.refusal.set(Some(first));
    }
}

/// The whole payload: an object whose `scopes` (the last one, if repeated) is returned.
struct Payload<'s> {
    shape: &'s Shape,
}

impl<'de> DeserializeSeed<'de> for Payload<'_> {
    type Value = Option<Vec<String>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Payload<'_> {
    type Value = Option<Vec<String>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a request payload")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut scopes = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "scopes" {
                // A repeated key counts as its last value (as serde_json's map keeps it),
                // so what was wrong with an earlier one no longer matters.
                self.shape.refusal.take();
                scopes = Some(map.next_value_seed(Scopes { shape: self.shape })?);
            } else {
                map.next_value::<Skip>()?;
            }
        }
        Ok(scopes)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Skip.visit_seq(seq)?;
        self.shape
            .refuse(PayloadError::new("not a JSON object").hint(SHAPE));
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        self.not_an_object()
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        self.not_an_object()
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        self.not_an_object()
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        self.not_an_object()
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        self.not_an_object()
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        self.not_an_object()
    }
}

impl Payload<'_> {
    fn not_an_object<E>(self) -> Result<Option<Vec<String>>, E> {
        self.shape
            .refuse(PayloadError::new("not a JSON object").hint(SHAPE));
        Ok(None)
    }
}

/// The value of `scopes`: an array of strings, each name kept at most twice.
struct Scopes<'s> {
    shape: &'s Shape,
}

impl<'de> DeserializeSeed<'de> for Scopes<'_> {
    type Value = Vec<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scopes<'_> {
    type Value = Vec<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of scope names")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut seen: HashMap<Cow<'de, str>, u8> = HashMap::new();
        let mut kept = Vec::new();
        let mut i = 0;
        while let Some(item) = seq.next_element::<Item<'de>>()? {
            match item {
                Item::Name(name) => {
                    let count = seen.entry(name.clone()).or_insert(0);
                    if *count < 2 {
                        *count += 1;
                        kept.push(name.into_owned());
                    }
                }
                Item::Other => self.shape.refuse(
                    PayloadError::new(format!("\"scopes\"[{i}] is not a string")).hint(SHAPE),
                ),
            }
            i += 1;
        }
        Ok(kept)
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        self.shape.refuse(
            PayloadError::new("\"scopes\" is a string, not an array").hint(format!(
                "DANA wants an array: {{\"scopes\": [{}]}}",
                serde_json::Value::from(crate::output::brief(s).as_ref())
            )),
        );
        Ok(Vec::new())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Skip.visit_map(map)?;
        self.not_an_array()
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        self.not_an_array()
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        self.not_an_array()
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        self.not_an_array()
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        self.not_an_array()
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        self.not_an_array()
    }
}

impl Scopes<'_> {
    fn not_an_array<E>(self) -> Result<Vec<String>, E> {
        self.shape
            .refuse(PayloadError::new("\"scopes\" is not an array").hint(SHAPE));
        Ok(Vec::new())
    }
}

/// A value that is parsed and dropped. Unlike serde's `IgnoredAny` it goes through
/// `deserialize_any`, so that a number out of range and nesting past serde_json's limit
/// are refused as when the whole text was parsed into a value.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = Skip;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
}

/// One element of `scopes`: a name (borrowed from the text when it has no escapes), or
/// anything else, skipped.
enum Item<'de> {
    Name(Cow<'de, str>),
    Other,
}

impl<'de> Deserialize<'de> for Item<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Item<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scope name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Item::Name(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Item::Name(Cow::Owned(v.to_string())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Skip.visit_seq(seq).map(|_| Item::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Skip.visit_map(map).map(|_| Item::Other)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Item::Other)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Item::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Item::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Item::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Item::Other)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_scopes() {
        let doc = scopes_of(br#"{"scopes": ["A", "B"]}"#).unwrap();
        assert_eq!(doc.scopes, ["A", "B"]);
        assert!(!doc.bom);
        let doc = scopes_of(b"\xEF\xBB\xBF{\"scopes\": [\"\\u0041\"]}").unwrap();
        assert_eq!(doc.scopes, ["A"]);
        assert!(doc.bom);
    }

    #[test]
    fn explains_refusals() {
        assert!(scopes_of(b"  \n").unwrap_err().message.contains("empty"));
        assert!(scopes_of(b"[]").unwrap_err().message.contains("object"));
        assert!(scopes_of(b"{}").unwrap_err().message.contains("missing"));
        let s = scopes_of(br#"{"scopes": "A"}"#).unwrap_err();
        assert!(s.hint.unwrap().contains("array"));
        let q = scopes_of(b"{'scopes': ['A']}").unwrap_err();
        assert_eq!(q.hint.as_deref(), Some("JSON strings use double quotes"));
        assert!(scopes_of(b"{\"scopes\": [\"\xff\"]}")
            .unwrap_err()
            .message
            .contains("UTF-8"));
        assert!(scopes_of(br#"{"scopes": ["\ud800"]}"#).is_err());
        let deep = "[".repeat(100_000);
        assert!(scopes_of(deep.as_bytes()).is_err());
    }
}
