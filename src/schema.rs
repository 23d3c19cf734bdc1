//! JSON Schema (draft 2020-12) export for request and response payloads.
//!
//! The schemas follow `authcode validate`'s rules as far as a schema can: what validate only
//! warns about (unknown fields, unknown error codes) the schema accepts. What a schema cannot
//! see at all (malformed JSON, a key repeated in one object) is left to `authcode validate`.

use serde_json::{json, Map, Value};

use crate::payload::DocKind;
use crate::profile::{ErrorValueType, Profile, StringScopes, MAX_SAFE_INTEGER};

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Whitespace (Unicode `White_Space`) and control characters (`Cc`), which an `authCode`
/// and a string error value must not contain. Spelled out rather than `\s`, whose ECMA-262 meaning differs (it
/// includes U+FEFF and misses U+0085).
const AUTH_CODE_PATTERN: &str =
    r"^[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+$";

/// The schema for `kind` payloads under `profile`.
pub fn schema(profile: &Profile, kind: DocKind) -> Value {
    match kind {
        DocKind::Request => request(profile),
        DocKind::Response => response(profile),
    }
}

fn request(profile: &Profile) -> Value {
    let mut required: Vec<&str> = Vec::new();
    if profile.default_scopes.is_empty() {
        required.push("scopes");
    }
    let mut properties = Map::new();
    properties.insert("scopes".into(), scopes_property(profile));
    for p in &profile.request_params {
        required.push(&p.name);
        properties.insert(
            p.name.clone(),
            json!({"description": p.description, "type": "string", "minLength": 1}),
        );
    }
    let mut response_fields = vec![
        json!({"required": ["authCode"]}),
        json!({"required": ["authSuccessScopes"]}),
        json!({"required": ["authErrorScopes"]}),
    ];
    if profile.publishes("error") {
        response_fields.push(json!({"required": ["error"]}));
    }
    let mut schema = json!({
        "$schema": DRAFT,
        "title": format!("my.getAuthCode request ({})", profile.name),
        "description": "The payload a mini program passes to my.getAuthCode. \
            Fields other than `scopes` are allowed (authcode validate warns about them), \
            except a response's, which would make the kind ambiguous.",
        "type": "object",
        "required": required,
        "not": {"anyOf": response_fields},
        "properties": properties,
        "$defs": {"scope": scope(profile)}
    });
    if !profile.default_scopes.is_empty() {
        // Without `scopes`, an object is a request only when it has no response field.
        schema["anyOf"] = json!([
            {"required": ["scopes"]},
            {"not": {"anyOf": [{"required": ["error"]}, {"required": ["errorMessage"]}]}}
        ]);
    }
    schema
}

/// A request's `scopes`: an array, or also a string where the profile allows it.
fn scopes_property(profile: &Profile) -> Value {
    let mut description = "The scopes to ask the user for".to_string();
    if !profile.default_scopes.is_empty() {
        description.push_str(&format!(
            " (default: {})",
            profile.default_scopes.join(", ")
        ));
    }
    let array = json!({
        "type": "array",
        "minItems": 1,
        "uniqueItems": true,
        "items": {"$ref": "#/$defs/scope"}
    });
    let string = match profile.string_scopes {
        StringScopes::No => None,
        StringScopes::One => Some(json!({"$ref": "#/$defs/scope"})),
        StringScopes::CommaSeparated => {
            let names: Vec<String> = profile
                .scope_names()
                .map(|n| n.replace('.', "\\."))
                .collect();
            let one = format!("(?:{})", names.join("|"));
            Some(json!({"type": "string", "pattern": format!("^{one}(?:,{one})*$")}))
        }
    };
    match string {
        None => {
            let mut array = array;
            array["description"] = json!(description);
            array
        }
        Some(string) => json!({"description": description, "anyOf": [array, string]}),
    }
}

fn response(profile: &Profile) -> Value {
    json!({
        "$schema": DRAFT,
        "title": format!("my.getAuthCode response ({})", profile.name),
        "description": "What my.getAuthCode returns: on success an authCode with the granted \
            scopes (and authErrorScopes for any refused), on failure only authErrorScopes. \
            Fields not named here are allowed (authcode validate warns about them), \
            except a request's `scopes`, which would make the kind ambiguous.",
        "type": "object",
        "not": {"required": ["scopes"]},
        "properties": {
            "authCode": {
                "description": "The authorization code, to exchange for an access token",
                "type": "string",
                "pattern": AUTH_CODE_PATTERN
            },
            "authSuccessScopes": {
                "description": "The scopes that were granted",
                "type": "array",
                "minItems": 1,
                "uniqueItems": true,
                "items": {"$ref": "#/$defs/scope"}
            },
            "authErrorScopes": {
                "description": "The scopes that were not granted, each with its error value",
                "type": "object",
                "propertyNames": {"$ref": "#/$defs/scope"},
                "additionalProperties": {"$ref": "#/$defs/errorValue"}
            },
            "error": error_property(profile),
            "errorMessage": {
                "description": "An error message some wallets add on failure",
                "type": "string"
            }
        },
        "if": {"required": ["authCode"]},
        "then": {
            "required": ["authSuccessScopes"],
            "allOf": no_conflicts(profile)
        },
        "else": failure(profile),
        "$defs": {
            "scope": scope(profile),
            "errorValue": error_value(profile)
        }
    })
}

/// `error`: a whole number where the wallet publishes it, else a number or numeric string.
fn error_property(profile: &Profile) -> Value {
    if profile.publishes("error") {
        json!({
            "description": format!("The error code {} adds on failure", profile.name),
            "type": "integer",
            "minimum": -MAX_SAFE_INTEGER,
            "maximum": MAX_SAFE_INTEGER
        })
    } else {
        json!({
            "description": "An error code some wallets add on failure",
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": "^-?[0-9]+$"}
            ]
        })
    }
}

/// A response without `authCode`: `authErrorScopes` with at least one scope, or, where the
/// wallet publishes it, `error` alone (a fail callback's result).
fn failure(profile: &Profile) -> Value {
    let mut failure = json!({
        "not": {"required": ["authSuccessScopes"]},
        "properties": {"authErrorScopes": {"minProperties": 1}}
    });
    if profile.publishes("error") {
        failure["anyOf"] = json!([{"required": ["authErrorScopes"]}, {"required": ["error"]}]);
    } else {
        failure["required"] = json!(["authErrorScopes"]);
    }
    failure
}

/// A known scope; `anyOf` of `const`s rather than `enum` so that editors show each scope's
/// description.
fn scope(profile: &Profile) -> Value {
    let names: Vec<Value> = profile
        .scopes
        .iter()
        .map(|s| json!({"const": s.scope, "description": s.description}))
        .collect();
    json!({
        "description": format!("A scope of the {} catalog", profile.name),
        "anyOf": names
    })
}

/// An error value of the profile's type (a code the profile does not list is only a
/// warning), with the profile's codes offered as examples.
fn error_value(profile: &Profile) -> Value {
    let known: Vec<String> = profile
        .known_errors()
        .iter()
        .map(|e| format!("{} ({})", e.code, e.message))
        .collect();
    let mut value = Map::new();
    value.insert(
        "description".into(),
        json!(if known.is_empty() {
            "An error value".to_string()
        } else {
            format!("An error value, such as {}", known.join(", "))
        }),
    );
    match profile.error_values {
        ErrorValueType::String => {
            value.insert("type".into(), json!("string"));
            value.insert("pattern".into(), json!(AUTH_CODE_PATTERN));
        }
        ErrorValueType::Number => {
            value.insert("type".into(), json!("integer"));
            value.insert("minimum".into(), json!(-MAX_SAFE_INTEGER));
            value.insert("maximum".into(), json!(MAX_SAFE_INTEGER));
        }
    }
    if !profile.known_errors().is_empty() {
        let codes: Vec<Value> = profile
            .known_errors()
            .iter()
            .filter_map(|e| profile.error_value(&e.code).ok())
            .map(|v| json!(v))
            .collect();
        value.insert("examples".into(), json!(codes));
    }
    Value::Object(value)
}

/// One clause per scope: granted means not also failed. A schema can say this only because
/// the catalog's scopes are a finite list (an unknown scope is an error by itself).
fn no_conflicts(profile: &Profile) -> Vec<Value> {
    profile
        .scope_names()
        .map(|name| {
            json!({
                "if": {
                    "required": ["authSuccessScopes"],
                    "properties": {"authSuccessScopes": {"contains": {"const": name}}}
                },
                "then": {
                    "properties": {"authErrorScopes": {"not": {"required": [name]}}}
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_schema_lists_the_catalogs_scopes_in_order() {
        let s = schema(&Profile::dana(), DocKind::Request);
        assert_eq!(s["$schema"], DRAFT);
        let scopes = s["$defs"]["scope"]["anyOf"].as_array().unwrap();
        assert_eq!(scopes.len(), 25);
        assert_eq!(scopes[0]["const"], "USER_LOGIN_ID");
        assert_eq!(scopes[24]["const"], "SUBSCRIPTION");
    }

    #[test]
    fn response_schema_has_one_conflict_clause_per_scope() {
        let s = schema(&Profile::dana(), DocKind::Response);
        assert_eq!(s["then"]["allOf"].as_array().unwrap().len(), 25);
        assert_eq!(
            s["$defs"]["errorValue"]["examples"],
            json!(["3", "10", "11", "40006"])
        );
    }
}
