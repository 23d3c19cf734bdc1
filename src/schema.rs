//! JSON Schema (draft 2020-12) export for request and response payloads.
//!
//! The schemas follow `authcode validate`'s rules as far as a schema can: what validate only
//! warns about (unknown fields, unknown error codes) the schema accepts. What a schema cannot
//! see at all (malformed JSON, a key repeated in one object) is left to `authcode validate`.

use serde_json::{json, Map, Value};

use crate::catalog::Catalog;

/// Which payload a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Request,
    Response,
}

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Whitespace (Unicode `White_Space`) and control characters (`Cc`), which an `authCode`
/// must not contain. Spelled out rather than `\s`, whose ECMA-262 meaning differs (it
/// includes U+FEFF and misses U+0085).
const AUTH_CODE_PATTERN: &str =
    r"^[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+$";

/// The schema for `kind` payloads under `catalog`.
pub fn schema(catalog: &Catalog, kind: Kind) -> Value {
    match kind {
        Kind::Request => request(catalog),
        Kind::Response => response(catalog),
    }
}

fn request(catalog: &Catalog) -> Value {
    json!({
        "$schema": DRAFT,
        "title": format!("my.getAuthCode request ({})", catalog.name),
        "description": "The payload a mini program passes to my.getAuthCode. \
            Fields other than `scopes` are allowed (authcode validate warns about them), \
            except a response's, which would make the kind ambiguous.",
        "type": "object",
        "required": ["scopes"],
        "not": {"anyOf": [
            {"required": ["authCode"]},
            {"required": ["authSuccessScopes"]},
            {"required": ["authErrorScopes"]}
        ]},
        "properties": {
            "scopes": {
                "description": "The scopes to ask the user for",
                "type": "array",
                "minItems": 1,
                "uniqueItems": true,
                "items": {"$ref": "#/$defs/scope"}
            }
        },
        "$defs": {"scope": scope(catalog)}
    })
}

fn response(catalog: &Catalog) -> Value {
    json!({
        "$schema": DRAFT,
        "title": format!("my.getAuthCode response ({})", catalog.name),
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
            "error": {
                "description": "An error code some wallets add on failure",
                "anyOf": [
                    {"type": "number"},
                    {"type": "string", "pattern": "^-?[0-9]+$"}
                ]
            },
            "errorMessage": {
                "description": "An error message some wallets add on failure",
                "type": "string"
            }
        },
        "if": {"required": ["authCode"]},
        "then": {
            "required": ["authSuccessScopes"],
            "allOf": no_conflicts(catalog)
        },
        "else": {
            "required": ["authErrorScopes"],
            "not": {"required": ["authSuccessScopes"]},
            "properties": {"authErrorScopes": {"minProperties": 1}}
        },
        "$defs": {
            "scope": scope(catalog),
            "errorValue": error_value(catalog)
        }
    })
}

/// A known scope; `anyOf` of `const`s rather than `enum` so that editors show each scope's
/// description.
fn scope(catalog: &Catalog) -> Value {
    let names: Vec<Value> = catalog
        .scopes
        .iter()
        .map(|s| json!({"const": s.scope, "description": s.description}))
        .collect();
    json!({
        "description": format!("A scope of the {} catalog", catalog.name),
        "anyOf": names
    })
}

/// An error value: any non-empty string (a code the catalog does not list is only a warning),
/// with the catalog's codes offered as examples.
fn error_value(catalog: &Catalog) -> Value {
    let known: Vec<String> = catalog
        .errors
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
    value.insert("type".into(), json!("string"));
    value.insert("minLength".into(), json!(1));
    if !catalog.errors.is_empty() {
        let codes: Vec<&str> = catalog.errors.iter().map(|e| e.code.as_str()).collect();
        value.insert("examples".into(), json!(codes));
    }
    Value::Object(value)
}

/// One clause per scope: granted means not also failed. A schema can say this only because
/// the catalog's scopes are a finite list (an unknown scope is an error by itself).
fn no_conflicts(catalog: &Catalog) -> Vec<Value> {
    catalog
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
        let s = schema(&Catalog::dana(), Kind::Request);
        assert_eq!(s["$schema"], DRAFT);
        let scopes = s["$defs"]["scope"]["anyOf"].as_array().unwrap();
        assert_eq!(scopes.len(), 25);
        assert_eq!(scopes[0]["const"], "USER_LOGIN_ID");
        assert_eq!(scopes[24]["const"], "SUBSCRIPTION");
    }

    #[test]
    fn response_schema_has_one_conflict_clause_per_scope() {
        let s = schema(&Catalog::dana(), Kind::Response);
        assert_eq!(s["then"]["allOf"].as_array().unwrap().len(), 25);
        assert_eq!(
            s["$defs"]["errorValue"]["examples"],
            json!(["3", "10", "11", "40006"])
        );
    }
}
