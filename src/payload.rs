//! The request and response documents of my.getAuthCode.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::profile::ErrorValue;

/// The two kinds of getAuthCode document. The one kind type of the program: the command
/// line (`--kind`, `schema KIND`), the validator and the schema all use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Request,
    Response,
}

impl DocKind {
    /// "request" or "response".
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Request => "request",
            DocKind::Response => "response",
        }
    }
}

/// A request payload: `{"scopes": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    pub scopes: Vec<String>,
}

impl Request {
    /// The JavaScript call a mini program makes for this request, shaped like the spec's
    /// request sample; `compact` puts it on one line, as `--compact` does the JSON.
    pub fn to_js(&self, compact: bool) -> String {
        let scopes: Vec<String> = self
            .scopes
            .iter()
            .map(|s| format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")))
            .collect();
        let scopes = scopes.join(", ");
        if compact {
            format!(
                "my.getAuthCode({{ scopes: [{scopes}], success: (res) => {{ my.alert({{ content: res.authCode }}); }}, fail: (res) => {{ console.log(res.authErrorScopes); }} }});\n"
            )
        } else {
            format!(
                "my.getAuthCode({{\n  scopes: [{scopes}],\n  success: (res) => {{\n    my.alert({{\n      content: res.authCode,\n    }});\n  }},\n  fail: (res) => {{\n    console.log(res.authErrorScopes);\n  }},\n}});\n"
            )
        }
    }
}

/// A response document: granted scopes with a code, failed scopes with their error values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The code, present exactly when some scope was granted.
    pub auth_code: Option<String>,
    pub success_scopes: Vec<String>,
    /// Failed scopes and their error values, in request order.
    pub error_scopes: Vec<(String, ErrorValue)>,
}

impl Serialize for Response {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct ErrorScopes<'a>(&'a [(String, ErrorValue)]);
        impl Serialize for ErrorScopes<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (scope, error) in self.0 {
                    map.serialize_entry(scope, error)?;
                }
                map.end()
            }
        }

        let mut map = serializer.serialize_map(None)?;
        if let Some(code) = &self.auth_code {
            map.serialize_entry("authCode", code)?;
            map.serialize_entry("authSuccessScopes", &self.success_scopes)?;
        }
        if !self.error_scopes.is_empty() {
            map.serialize_entry("authErrorScopes", &ErrorScopes(&self.error_scopes))?;
        }
        map.end()
    }
}

/// `value` as JSON text with a final newline: pretty (2-space indent) or on one line.
pub fn to_json<T: Serialize>(value: &T, compact: bool) -> String {
    let mut text = if compact {
        serde_json::to_string(value)
    } else {
        serde_json::to_string_pretty(value)
    }
    .expect("payloads serialize");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_response_matches_the_spec_sample() {
        let response = Response {
            auth_code: None,
            success_scopes: vec![],
            error_scopes: vec![("USER_LOGIN_ID".into(), ErrorValue::Text("40006".into()))],
        };
        assert_eq!(
            to_json(&response, true),
            "{\"authErrorScopes\":{\"USER_LOGIN_ID\":\"40006\"}}\n"
        );
    }

    #[test]
    fn compact_js_is_the_same_call_on_one_line() {
        let request = Request {
            scopes: vec!["A".into(), "it's".into()],
        };
        let pretty = request.to_js(false);
        let compact = request.to_js(true);
        assert_eq!(compact.lines().count(), 1, "{compact}");
        assert!(compact.starts_with("my.getAuthCode({ scopes: ['A', 'it\\'s'],"));
        // The same tokens, whitespace and trailing commas aside.
        let tokens = |s: &str| -> String {
            s.replace(",\n", "")
                .chars()
                .filter(|c| !c.is_whitespace() && *c != ',')
                .collect()
        };
        assert_eq!(tokens(&pretty), tokens(&compact));
    }

    #[test]
    fn error_scopes_keep_request_order() {
        let response = Response {
            auth_code: Some("c".into()),
            success_scopes: vec!["B".into()],
            error_scopes: vec![
                ("Z".into(), ErrorValue::Number(3)),
                ("A".into(), ErrorValue::Text("3".into())),
            ],
        };
        assert_eq!(
            to_json(&response, true),
            "{\"authCode\":\"c\",\"authSuccessScopes\":[\"B\"],\"authErrorScopes\":{\"Z\":3,\"A\":\"3\"}}\n"
        );
    }
}
