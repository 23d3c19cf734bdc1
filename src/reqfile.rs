//! Reading a request payload file for `request --from`.

use serde_json::Value;

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
pub fn scopes_of(bytes: &[u8]) -> Result<RequestDoc, PayloadError> {
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(PayloadError::new("the file is empty").hint(SHAPE));
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(PayloadError::new(format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        )));
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        let err = PayloadError::new(format!("invalid JSON: {e}"));
        if bytes.contains(&b'\'') && e.is_syntax() {
            err.hint("JSON strings use double quotes")
        } else {
            err
        }
    })?;
    let Value::Object(object) = value else {
        return Err(PayloadError::new("not a JSON object").hint(SHAPE));
    };
    match object.get("scopes") {
        None => Err(PayloadError::new("missing field \"scopes\"").hint(SHAPE)),
        Some(Value::String(s)) => Err(PayloadError::new("\"scopes\" is a string, not an array")
            .hint(format!(
                "DANA wants an array: {{\"scopes\": [{}]}}",
                Value::from(s.as_str())
            ))),
        Some(Value::Array(items)) => {
            let mut scopes = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) => scopes.push(s.clone()),
                    _ => {
                        return Err(
                            PayloadError::new(format!("\"scopes\"[{i}] is not a string"))
                                .hint(SHAPE),
                        )
                    }
                }
            }
            Ok(RequestDoc { scopes, bom })
        }
        Some(_) => Err(PayloadError::new("\"scopes\" is not an array").hint(SHAPE)),
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
