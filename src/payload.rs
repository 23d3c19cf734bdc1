//! The request and response documents of my.getAuthCode.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

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

/// An error value as it is written into a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorValue {
    Text(String),
    Number(i64),
}

impl ErrorValue {
    /// The value as the user would type it (`40006`).
    pub fn code(&self) -> String {
        match self {
            ErrorValue::Text(s) => s.clone(),
            ErrorValue::Number(n) => n.to_string(),
        }
    }
}

impl Serialize for ErrorValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ErrorValue::Text(t) => s.serialize_str(t),
            ErrorValue::Number(n) => s.serialize_i64(*n),
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
        Call {
            request: self,
            params: &[],
            fail_fields: &[],
        }
        .to_js(compact)
    }
}

/// A request with the parameters a wallet requires besides `scopes` (AlipayHK's
/// `authClientId`), in the profile's order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Call<'a> {
    pub(crate) request: &'a Request,
    pub(crate) params: &'a [(String, String)],
    /// What the wallet's `fail` callback receives, as its profile publishes it (Alipay CN's
    /// `error` and `errorMessage`); none published: `authErrorScopes`, as DANA's sample.
    pub(crate) fail_fields: &'a [String],
}

impl Serialize for Call<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1 + self.params.len()))?;
        map.serialize_entry("scopes", &self.request.scopes)?;
        for (name, value) in self.params {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl Call<'_> {
    /// The JavaScript call a mini program makes, shaped like the spec's request sample;
    /// `compact` puts it on one line.
    pub(crate) fn to_js(self, compact: bool) -> String {
        let scopes: Vec<String> = self.request.scopes.iter().map(|s| js_string(s)).collect();
        let scopes = scopes.join(", ");
        let failed: Vec<String> = if self.fail_fields.is_empty() {
            vec!["res.authErrorScopes".into()]
        } else {
            self.fail_fields
                .iter()
                .map(|f| format!("res.{f}"))
                .collect()
        };
        let failed = failed.join(", ");
        if compact {
            let params: String = self
                .params
                .iter()
                .map(|(name, value)| format!(" {name}: {},", js_string(value)))
                .collect();
            return format!(
                "my.getAuthCode({{ scopes: [{scopes}],{params} success: (res) => {{ my.alert({{ content: res.authCode }}); }}, fail: (res) => {{ console.log({failed}); }} }});\n"
            );
        }
        let params: String = self
            .params
            .iter()
            .map(|(name, value)| format!("  {name}: {},\n", js_string(value)))
            .collect();
        format!(
            "my.getAuthCode({{\n  scopes: [{scopes}],\n{params}  success: (res) => {{\n    my.alert({{\n      content: res.authCode,\n    }});\n  }},\n  fail: (res) => {{\n    console.log({failed});\n  }},\n}});\n"
        )
    }
}

/// `text` as a single-quoted JavaScript string.
fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
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
        Shown {
            response: self,
            empty_error_scopes: false,
        }
        .serialize(serializer)
    }
}

/// A response as a wallet writes it: with `empty_error_scopes`, a success that denied
/// nothing still carries `"authErrorScopes": {}` (Alipay+ Connect's sample does).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shown<'a> {
    pub(crate) response: &'a Response,
    pub(crate) empty_error_scopes: bool,
}

impl Serialize for Shown<'_> {
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

        let r = self.response;
        let mut map = serializer.serialize_map(None)?;
        if let Some(code) = &r.auth_code {
            map.serialize_entry("authCode", code)?;
            map.serialize_entry("authSuccessScopes", &r.success_scopes)?;
        }
        let empty_but_shown = self.empty_error_scopes && r.auth_code.is_some();
        if !r.error_scopes.is_empty() || empty_but_shown {
            map.serialize_entry("authErrorScopes", &ErrorScopes(&r.error_scopes))?;
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
    fn a_call_carries_its_parameters_in_json_and_js() {
        let request = Request {
            scopes: vec!["USER_NAME".into()],
        };
        let params = [("authClientId".to_string(), "it's".to_string())];
        let call = Call {
            request: &request,
            params: &params,
            fail_fields: &[],
        };
        assert_eq!(
            to_json(&call, true),
            "{\"scopes\":[\"USER_NAME\"],\"authClientId\":\"it's\"}\n"
        );
        assert!(call
            .to_js(false)
            .contains("  scopes: ['USER_NAME'],\n  authClientId: 'it\\'s',\n  success:"));
        assert_eq!(
            request.to_js(false).lines().nth(2),
            Some("  success: (res) => {")
        );
    }

    #[test]
    fn a_success_shows_empty_error_scopes_when_asked() {
        let response = Response {
            auth_code: Some("c".into()),
            success_scopes: vec!["A".into()],
            error_scopes: vec![],
        };
        let shown = Shown {
            response: &response,
            empty_error_scopes: true,
        };
        assert_eq!(
            to_json(&shown, true),
            "{\"authCode\":\"c\",\"authSuccessScopes\":[\"A\"],\"authErrorScopes\":{}}\n"
        );
        assert!(!to_json(&response, true).contains("authErrorScopes"));
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
