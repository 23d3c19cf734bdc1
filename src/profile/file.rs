//! The profile file format (the embedded wallets and `--catalog FILE` alike) and the checks
//! made when one is loaded, so that no command meets a broken profile.

use std::collections::HashSet;

use serde::Deserialize;

use super::{
    field_list, ErrorCode, ErrorValueType, Gateway, Profile, RequestParam, Scope, StringScopes,
    FIELDS,
};
use crate::payload::ErrorValue;

/// The error value a denied scope gets when a profile names none (the spec's failure sample).
const SPEC_DEFAULT_ERROR: &str = "40006";

/// The response fields a profile may say its wallet publishes: the ones whose checks the
/// program knows.
const PUBLISHABLE: [&str; 2] = ["error", "errorMessage"];

/// The profile file, as written. Every field after `scopes` is optional, so a DANA-style
/// catalog (`name`, `scopes`, `errors`) stays valid.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct ProfileFile {
    name: String,
    #[serde(default)]
    source: Option<String>,
    scopes: Vec<Scope>,
    #[serde(default)]
    default_scopes: Option<Vec<String>>,
    #[serde(default)]
    string_scopes: StringScopes,
    #[serde(default)]
    request_params: Vec<RequestParam>,
    #[serde(default)]
    errors: Option<Vec<ErrorCode>>,
    #[serde(default)]
    error_values: ErrorValueType,
    #[serde(default)]
    default_error: Option<String>,
    #[serde(default)]
    response_fields: Vec<String>,
    #[serde(default)]
    empty_error_scopes: bool,
    #[serde(default)]
    gateway: Gateway,
    /// How long the wallet's platform says a code lives, where it publishes it.
    #[serde(default)]
    code_lifetime_seconds: Option<u32>,
}

/// Parses and checks a profile document; the error says what is wrong with it.
pub(super) fn parse(bytes: &[u8]) -> Result<Profile, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("the file is empty".into());
    }
    let found = match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => Some("an array"),
        Some(b'"') => Some("a string"),
        Some(b't' | b'f') => Some("a boolean"),
        Some(b'n') => Some("null"),
        Some(b'-' | b'0'..=b'9') => Some("a number"),
        _ => None,
    };
    if let Some(found) = found {
        return Err(format!(
            "a catalog is a JSON object with \"name\" and \"scopes\", found {found}"
        ));
    }
    let file: ProfileFile = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    from_file(file)
}

fn from_file(file: ProfileFile) -> Result<Profile, String> {
    text_field("name", &file.name)?;
    if let Some(source) = &file.source {
        text_field("source", source)?;
    }
    if file.scopes.is_empty() {
        return Err("it lists no scopes".into());
    }
    let mut seen = HashSet::new();
    for (i, s) in file.scopes.iter().enumerate() {
        if !is_identifier(&s.scope) {
            return Err(format!(
                "scopes[{i}] {:?} is not a scope name (letters, digits, '_', '-' or '.')",
                s.scope
            ));
        }
        if !seen.insert(s.scope.as_str()) {
            return Err(format!("scope {} is listed twice", s.scope));
        }
    }
    let default_scopes = match file.default_scopes {
        Some(list) if list.is_empty() => {
            return Err("\"defaultScopes\" is empty: name the scopes used when a request gives none, or leave the field out".into())
        }
        Some(list) => {
            let mut once = HashSet::new();
            for s in &list {
                if !seen.contains(s.as_str()) {
                    return Err(format!("defaultScopes: {s:?} is not one of the profile's scopes"));
                }
                if !once.insert(s.as_str()) {
                    return Err(format!("defaultScopes: {s} is listed twice"));
                }
            }
            list
        }
        None => Vec::new(),
    };
    let mut names = HashSet::new();
    for (i, p) in file.request_params.iter().enumerate() {
        if !is_identifier(&p.name) || p.name.contains(['.', '-']) {
            return Err(format!(
                "requestParams[{i}] {:?} is not a parameter name (letters, digits, '_')",
                p.name
            ));
        }
        if FIELDS.iter().any(|f| f.0 == p.name) {
            return Err(format!(
                "requestParams[{i}] {:?} is a field every getAuthCode payload knows",
                p.name
            ));
        }
        if !names.insert(p.name.as_str()) {
            return Err(format!("request parameter {} is listed twice", p.name));
        }
    }
    let mut published = HashSet::new();
    for f in &file.response_fields {
        if !PUBLISHABLE.contains(&f.as_str()) {
            return Err(format!(
                "responseFields: {f:?} is not one of {}",
                PUBLISHABLE.join(", ")
            ));
        }
        if !published.insert(f.as_str()) {
            return Err(format!("responseFields: {f} is listed twice"));
        }
    }
    let errors = match file.errors {
        Some(errors) if errors.is_empty() => {
            return Err(
                "\"errors\" is empty: list the wallet's error values, or leave the field out"
                    .into(),
            )
        }
        Some(errors) => errors,
        None => Vec::new(),
    };
    let mut profile = Profile {
        name: file.name,
        source: file.source.unwrap_or_default(),
        fields: field_list(&file.request_params),
        scopes: file.scopes,
        default_scopes,
        string_scopes: file.string_scopes,
        request_params: file.request_params,
        errors: Vec::new(),
        error_values: file.error_values,
        default_error: ErrorValue::Text(String::new()),
        response_fields: file.response_fields,
        empty_error_scopes: file.empty_error_scopes,
        gateway: file.gateway,
        code_lifetime_seconds: file.code_lifetime_seconds,
    };
    if profile.code_lifetime_seconds == Some(0) {
        return Err("codeLifetimeSeconds is 0: a code must live at least a second".into());
    }
    let mut seen = HashSet::new();
    for (i, e) in errors.iter().enumerate() {
        profile.error_value(&e.code).map_err(|fault| {
            format!("errors[{i}].code {:?}: {}", e.code, profile.explain(&fault))
        })?;
        if !seen.insert(e.code.as_str()) {
            return Err(format!("error code {} is listed twice", e.code));
        }
    }
    profile.errors = errors;
    let default = match file.default_error {
        Some(code) => {
            if profile.error(&code).is_none() {
                return Err(format!(
                    "defaultError {code:?} is not one of the profile's \"errors\""
                ));
            }
            code
        }
        // The spec's failure sample, or the profile's first code when it does not know it.
        None => match (profile.error(SPEC_DEFAULT_ERROR), profile.errors.first()) {
            (None, Some(first)) => first.code.clone(),
            _ => SPEC_DEFAULT_ERROR.to_string(),
        },
    };
    profile.default_error = profile
        .error_value(&default)
        .map_err(|fault| format!("defaultError {default:?}: {}", profile.explain(&fault)))?;
    Ok(profile)
}

/// A name or source shown in messages: not blank (control characters are shown escaped
/// wherever it is printed).
fn text_field(field: &str, text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(format!("\"{field}\" is empty"));
    }
    Ok(())
}

/// Scope and parameter names are identifiers; this keeps control characters and spaces out
/// of prompts.
fn is_identifier(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 128
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(extra: &str) -> Result<Profile, String> {
        parse(
            format!(
                r#"{{"name":"X","scopes":[{{"scope":"auth_base","description":"","silent":true}},{{"scope":"auth_user","description":""}}]{extra}}}"#
            )
            .as_bytes(),
        )
    }

    #[test]
    fn the_wallet_fields_are_optional_and_checked() {
        let plain = with("").unwrap();
        assert!(plain.default_scopes.is_empty());
        assert_eq!(plain.string_scopes, StringScopes::No);
        assert!(plain.is_silent("auth_base") && !plain.is_silent("auth_user"));
        let full = with(
            r#","defaultScopes":["auth_base"],"stringScopes":"comma-separated","requestParams":[{"name":"authClientId","description":"d"}],"responseFields":["error","errorMessage"],"emptyErrorScopes":true,"source":"docs""#,
        )
        .unwrap();
        assert_eq!(full.default_scopes, ["auth_base"]);
        assert_eq!(full.string_scopes, StringScopes::CommaSeparated);
        assert!(full.publishes("error") && full.field("authClientId").is_some());
        for (extra, why) in [
            (r#","defaultScopes":[]"#, "\"defaultScopes\" is empty"),
            (
                r#","defaultScopes":["nope"]"#,
                "not one of the profile's scopes",
            ),
            (
                r#","responseFields":["traceId"]"#,
                "not one of error, errorMessage",
            ),
            (
                r#","requestParams":[{"name":"scopes","description":""}]"#,
                "every getAuthCode payload knows",
            ),
            (
                r#","requestParams":[{"name":"a b","description":""}]"#,
                "not a parameter name",
            ),
            (r#","stringScopes":"maybe""#, "unknown variant"),
            (r#","source":"""#, "\"source\" is empty"),
        ] {
            let err = with(extra).unwrap_err();
            assert!(err.contains(why), "{extra}: {err}");
        }
    }
}
