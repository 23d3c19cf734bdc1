//! The wallet profile: everything that makes a wallet a wallet — its scopes, its error values
//! and their JSON type, the fields of its payloads, the default error value and the examples
//! used in hints — as one value that every command consults.
//!
//! DANA's profile is embedded from `src/profiles/dana.json`; `--catalog FILE` loads another
//! wallet's in the same format. Loading checks the whole file once, so no later command
//! meets a broken profile.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::payload::DocKind;

/// DANA's profile, as the specification lists it.
pub(crate) const DANA_JSON: &str = include_str!("profiles/dana.json");

/// The error value a denied scope gets when a profile names none (the spec's failure sample).
const SPEC_DEFAULT_ERROR: &str = "40006";

/// One scope a mini program can ask for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    pub scope: String,
    pub description: String,
}

/// One error value a wallet sends for a scope it did not grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    pub code: String,
    pub message: String,
}

/// The JSON type of a wallet's error values in `authErrorScopes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorValueType {
    /// A non-empty string without spaces or control characters (DANA: `"40006"`).
    #[default]
    String,
    /// An integer (`40006`).
    Number,
}

impl ErrorValueType {
    /// The type in a few words, for messages: "strings", "numbers".
    pub fn plural(self) -> &'static str {
        match self {
            ErrorValueType::String => "strings",
            ErrorValueType::Number => "numbers",
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

/// A JSON value as the error-value rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen<'a> {
    Text(&'a str),
    /// A number, as written.
    Number(&'a str),
    /// Anything else, by its type name ("null", "an array", ...).
    Other(&'static str),
}

/// Why a value is not an error value of the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorValueFault {
    Empty,
    /// Of the wrong JSON type; `fix` is the value written right, when there is one.
    WrongType {
        found: String,
        fix: Option<String>,
    },
    /// A string with a space or a control character.
    Malformed,
}

/// What a top-level field of a payload is for: the checks it gets follow from this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRole {
    /// A request's `scopes`.
    Scopes,
    /// The success/fail/complete callbacks of the JSAPI call.
    Callback,
    AuthCode,
    SuccessScopes,
    ErrorScopes,
    /// `error`: a number or numeric string some wallets add on failure.
    ErrorNumber,
    /// `errorMessage`: a string some wallets add on failure.
    ErrorMessage,
}

/// A top-level field a payload may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub kind: DocKind,
    pub role: FieldRole,
}

/// The fields of the JSAPI, the same for every wallet of the family.
const FIELDS: [Field; 9] = [
    field("scopes", DocKind::Request, FieldRole::Scopes),
    field("success", DocKind::Request, FieldRole::Callback),
    field("fail", DocKind::Request, FieldRole::Callback),
    field("complete", DocKind::Request, FieldRole::Callback),
    field("authCode", DocKind::Response, FieldRole::AuthCode),
    field(
        "authSuccessScopes",
        DocKind::Response,
        FieldRole::SuccessScopes,
    ),
    field("authErrorScopes", DocKind::Response, FieldRole::ErrorScopes),
    field("error", DocKind::Response, FieldRole::ErrorNumber),
    field("errorMessage", DocKind::Response, FieldRole::ErrorMessage),
];

const fn field(name: &'static str, kind: DocKind, role: FieldRole) -> Field {
    Field { name, kind, role }
}

/// The profile file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ProfileFile {
    name: String,
    scopes: Vec<Scope>,
    #[serde(default)]
    errors: Option<Vec<ErrorCode>>,
    #[serde(default)]
    error_values: ErrorValueType,
    #[serde(default)]
    default_error: Option<String>,
}

/// A wallet's profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The wallet's name, as messages show it ("DANA").
    pub name: String,
    pub scopes: Vec<Scope>,
    pub errors: Vec<ErrorCode>,
    pub error_values: ErrorValueType,
    /// The error value a denied scope gets unless told otherwise.
    pub default_error: ErrorValue,
}

/// Why a profile could not be loaded.
#[derive(Debug)]
pub enum ProfileError {
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    Invalid {
        path: PathBuf,
        why: String,
    },
}

impl Profile {
    /// The embedded DANA profile.
    pub fn dana() -> Profile {
        Profile::parse(DANA_JSON.as_bytes()).expect("the embedded profile is valid")
    }

    /// The profile at `path`, or DANA's when there is none.
    pub fn load(path: Option<&Path>) -> Result<Profile, ProfileError> {
        let Some(path) = path else {
            return Ok(Profile::dana());
        };
        let bytes = std::fs::read(path).map_err(|error| ProfileError::Unreadable {
            path: path.to_path_buf(),
            error,
        })?;
        Profile::parse(&bytes).map_err(|why| ProfileError::Invalid {
            path: path.to_path_buf(),
            why,
        })
    }

    /// Parses and checks a profile document; the error says what is wrong with it.
    pub fn parse(bytes: &[u8]) -> Result<Profile, String> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err("the file is empty".into());
        }
        let file: ProfileFile = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        Profile::from_file(file)
    }

    fn from_file(file: ProfileFile) -> Result<Profile, String> {
        if file.name.trim().is_empty() {
            return Err("\"name\" is empty".into());
        }
        if file.name.chars().any(char::is_control) {
            return Err("\"name\" has control characters".into());
        }
        if file.scopes.is_empty() {
            return Err("it lists no scopes".into());
        }
        let mut seen = HashSet::new();
        for (i, s) in file.scopes.iter().enumerate() {
            if !is_scope_name(&s.scope) {
                return Err(format!(
                    "scopes[{i}] {:?} is not a scope name (letters, digits, '_', '-' or '.')",
                    s.scope
                ));
            }
            if !seen.insert(s.scope.as_str()) {
                return Err(format!("scope {} is listed twice", s.scope));
            }
        }
        let errors =
            match file.errors {
                Some(errors) if errors.is_empty() => return Err(
                    "\"errors\" is empty: list the wallet's error values, or leave the field out"
                        .into(),
                ),
                Some(errors) => errors,
                None => Vec::new(),
            };
        let mut profile = Profile {
            name: file.name,
            scopes: file.scopes,
            errors: Vec::new(),
            error_values: file.error_values,
            default_error: ErrorValue::Text(String::new()),
        };
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

    /// The scope named exactly `name`.
    pub fn scope(&self, name: &str) -> Option<&Scope> {
        self.scopes.iter().find(|s| s.scope == name)
    }

    /// The error code `code`.
    pub fn error(&self, code: &str) -> Option<&ErrorCode> {
        self.errors.iter().find(|e| e.code == code)
    }

    /// Scope names, in profile order.
    pub fn scope_names(&self) -> impl Iterator<Item = &str> {
        self.scopes.iter().map(|s| s.scope.as_str())
    }

    /// The known scope `name` most likely meant, for a did-you-mean hint.
    pub fn suggest(&self, name: &str) -> Option<&str> {
        crate::suggest::closest(name, self.scope_names())
    }

    /// The top-level fields a request or response may carry.
    pub fn fields(&self) -> &'static [Field] {
        &FIELDS
    }

    /// The field named `name`, with its index in [`Profile::fields`].
    pub fn field(&self, name: &str) -> Option<(usize, Field)> {
        FIELDS
            .iter()
            .position(|f| f.name == name)
            .map(|i| (i, FIELDS[i]))
    }

    /// A scope name for examples in hints: the profile's first.
    pub fn example_scope(&self) -> &str {
        &self.scopes[0].scope
    }

    /// An error value for examples in hints, as JSON (`"40006"` or `40006`).
    pub fn example_error(&self) -> String {
        serde_json::to_string(&self.default_error).unwrap_or_default()
    }

    /// An error value typed by the user (`--error-code 11`), as the profile writes it.
    pub fn error_value(&self, typed: &str) -> Result<ErrorValue, ErrorValueFault> {
        match self.error_values {
            ErrorValueType::String => {
                self.judge_error_value(Seen::Text(typed))?;
                Ok(ErrorValue::Text(typed.to_string()))
            }
            ErrorValueType::Number => {
                typed
                    .trim()
                    .parse::<i64>()
                    .map(ErrorValue::Number)
                    .map_err(|_| ErrorValueFault::WrongType {
                        found: "text that is not a whole number".into(),
                        fix: None,
                    })
            }
        }
    }

    /// Whether `value` is an error value of this profile. The one definition of an error
    /// value: `validate`, `request --error-code`, the schema and the prompt all follow it.
    pub fn judge_error_value(&self, value: Seen<'_>) -> Result<(), ErrorValueFault> {
        match (self.error_values, value) {
            (ErrorValueType::String, Seen::Text("")) => Err(ErrorValueFault::Empty),
            (ErrorValueType::String, Seen::Text(s)) => {
                if s.chars().any(|c| c.is_control() || c.is_whitespace()) {
                    Err(ErrorValueFault::Malformed)
                } else {
                    Ok(())
                }
            }
            (ErrorValueType::String, Seen::Number(n)) => Err(ErrorValueFault::WrongType {
                found: format!("the number {n}"),
                fix: Some(format!("\"{n}\"")),
            }),
            (ErrorValueType::Number, Seen::Number(n)) => {
                if n.parse::<i64>().is_ok() {
                    Ok(())
                } else {
                    Err(ErrorValueFault::WrongType {
                        found: format!("the number {n}"),
                        fix: None,
                    })
                }
            }
            (ErrorValueType::Number, Seen::Text(s)) => Err(ErrorValueFault::WrongType {
                found: "a string".into(),
                fix: s.trim().parse::<i64>().ok().map(|n| n.to_string()),
            }),
            (_, Seen::Other(type_name)) => Err(ErrorValueFault::WrongType {
                found: type_name.to_string(),
                fix: None,
            }),
        }
    }

    /// The fault in words, naming the profile's type and an example of its own.
    pub fn explain(&self, fault: &ErrorValueFault) -> String {
        let plural = self.error_values.plural();
        match fault {
            ErrorValueFault::Empty => "the error value is empty".into(),
            ErrorValueFault::WrongType { found, .. } => {
                format!("error values are {plural}, found {found}")
            }
            ErrorValueFault::Malformed => {
                "an error value has no spaces or control characters".into()
            }
        }
    }
}

impl fmt::Display for ErrorValueFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorValueFault::Empty => f.write_str("empty"),
            ErrorValueFault::WrongType { found, .. } => write!(f, "of the wrong type ({found})"),
            ErrorValueFault::Malformed => f.write_str("has a space or a control character"),
        }
    }
}

/// Scope names are identifiers; this keeps control characters and spaces out of prompts.
fn is_scope_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 128
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dana_has_the_specs_25_scopes_in_order() {
        let c = Profile::dana();
        assert_eq!(c.name, "DANA");
        assert_eq!(c.scopes.len(), 25);
        assert_eq!(c.scopes[0].scope, "USER_LOGIN_ID");
        assert_eq!(c.scopes[24].scope, "SUBSCRIPTION");
        let mother = c.scope("USER_BIOLOGICAL_MOTHER_NAME").unwrap();
        assert!(mother.description.contains("mother's name"));
        let codes: Vec<_> = c.errors.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["3", "10", "11", "40006"]);
        assert_eq!(c.default_error, ErrorValue::Text("40006".into()));
        assert_eq!(c.example_error(), "\"40006\"");
    }

    #[test]
    fn refuses_bad_profiles() {
        assert!(Profile::parse(b"").unwrap_err().contains("empty"));
        assert!(Profile::parse(b"{").is_err());
        assert!(Profile::parse(br#"{"name":"X","scopes":[]}"#)
            .unwrap_err()
            .contains("no scopes"));
        let twice = br#"{"name":"X","scopes":[{"scope":"A","description":""},{"scope":"A","description":""}]}"#;
        assert!(Profile::parse(twice)
            .unwrap_err()
            .contains("A is listed twice"));
        let typo = br#"{"name":"X","scope":[]}"#;
        assert!(Profile::parse(typo).is_err());
    }

    #[test]
    fn checks_error_values_at_load() {
        let one = |errors: &str| {
            Profile::parse(
                format!(r#"{{"name":"X","scopes":[{{"scope":"A","description":""}}],"errors":{errors}}}"#)
                    .as_bytes(),
            )
        };
        assert!(one("[]").unwrap_err().contains("\"errors\" is empty"));
        let spaced = one(r#"[{"code":"40 06","message":""}]"#).unwrap_err();
        assert!(spaced.contains("errors[0].code"), "{spaced}");
        assert!(spaced.contains("spaces"), "{spaced}");
        let first = one(r#"[{"code":"USER_CANCELLED","message":""}]"#).unwrap();
        assert_eq!(
            first.default_error,
            ErrorValue::Text("USER_CANCELLED".into())
        );
    }

    #[test]
    fn number_profiles_judge_numbers() {
        let p = Profile::parse(
            br#"{"name":"N","scopes":[{"scope":"auth_base","description":""}],"errorValues":"number","errors":[{"code":"11","message":""}]}"#,
        )
        .unwrap();
        assert_eq!(p.default_error, ErrorValue::Number(11));
        assert_eq!(p.judge_error_value(Seen::Number("11")), Ok(()));
        assert!(matches!(
            p.judge_error_value(Seen::Text("11")),
            Err(ErrorValueFault::WrongType { fix: Some(f), .. }) if f == "11"
        ));
        assert_eq!(p.example_error(), "11");
        let dana = Profile::dana();
        assert!(matches!(
            dana.judge_error_value(Seen::Number("11")),
            Err(ErrorValueFault::WrongType { fix: Some(f), .. }) if f == "\"11\""
        ));
        assert_eq!(
            dana.judge_error_value(Seen::Text("")),
            Err(ErrorValueFault::Empty)
        );
    }
}
