//! The wallet profile: everything that makes a wallet a wallet — its scopes (and which are
//! silent or used by default), whether `scopes` may be a string, extra request parameters,
//! its error values and their JSON type, the response fields it publishes, the fields of its
//! payloads — as one value that every command consults.
//!
//! `file.rs` is the file format and its load checks, `error_value.rs` the error-value rule,
//! `builtin.rs` the embedded wallets (`--wallet NAME`); `--catalog FILE` loads a profile in
//! the same format.

mod builtin;
mod error_value;
mod file;
mod gateway;
mod hints;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{io_reason, CliError};
use crate::payload::{DocKind, ErrorValue};
use crate::text::{display_path, sanitize};

pub(crate) use builtin::{family_errors, Builtin, BUILTIN};
pub(crate) use error_value::{
    whole_number, ErrorValueFault, ErrorValueType, Seen, MAX_SAFE_INTEGER,
};
pub(crate) use gateway::Gateway;

/// One scope a mini program can ask for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    pub scope: String,
    pub description: String,
    /// Granted without a consent page.
    #[serde(default, skip_serializing_if = "is_false")]
    pub silent: bool,
}

fn is_false(b: &bool) -> bool {
    !b
}

/// One error value a wallet sends for a scope it did not grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    pub code: String,
    pub message: String,
}

/// Whether a request's `scopes` may be a string instead of an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StringScopes {
    /// An array only.
    #[default]
    No,
    /// One scope name as a string (`"auth_base"`).
    One,
    /// Scope names joined by commas (`"auth_base,auth_user"`).
    CommaSeparated,
}

/// A request parameter a wallet requires besides `scopes` (AlipayHK's `authClientId`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestParam {
    pub name: String,
    pub description: String,
}

/// What a top-level field of a payload is for: the checks it gets follow from this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRole {
    /// A request's `scopes`.
    Scopes,
    /// The success/fail/complete callbacks of the JSAPI call.
    Callback,
    /// A request parameter the profile requires (a non-empty string).
    RequestParam,
    AuthCode,
    SuccessScopes,
    ErrorScopes,
    /// `error`: a number some wallets add on failure.
    ErrorNumber,
    /// `errorMessage`: a string some wallets add on failure.
    ErrorMessage,
}

/// A top-level field a payload may carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub kind: DocKind,
    pub role: FieldRole,
}

/// The fields of the JSAPI, the same for every wallet of the family.
const FIELDS: [(&str, DocKind, FieldRole); 9] = [
    ("scopes", DocKind::Request, FieldRole::Scopes),
    ("success", DocKind::Request, FieldRole::Callback),
    ("fail", DocKind::Request, FieldRole::Callback),
    ("complete", DocKind::Request, FieldRole::Callback),
    ("authCode", DocKind::Response, FieldRole::AuthCode),
    (
        "authSuccessScopes",
        DocKind::Response,
        FieldRole::SuccessScopes,
    ),
    ("authErrorScopes", DocKind::Response, FieldRole::ErrorScopes),
    ("error", DocKind::Response, FieldRole::ErrorNumber),
    ("errorMessage", DocKind::Response, FieldRole::ErrorMessage),
];

/// The JSAPI's fields, then the profile's request parameters.
fn field_list(params: &[RequestParam]) -> Vec<Field> {
    FIELDS
        .iter()
        .map(|&(name, kind, role)| Field {
            name: name.to_string(),
            kind,
            role,
        })
        .chain(params.iter().map(|p| Field {
            name: p.name.clone(),
            kind: DocKind::Request,
            role: FieldRole::RequestParam,
        }))
        .collect()
}

/// A wallet's profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The wallet's name, as messages show it ("DANA").
    pub name: String,
    /// Where the profile's facts come from (empty when a catalog file does not say).
    pub source: String,
    pub scopes: Vec<Scope>,
    /// The scopes a request without `scopes` asks for; empty: `scopes` is required.
    pub default_scopes: Vec<String>,
    pub string_scopes: StringScopes,
    pub request_params: Vec<RequestParam>,
    pub errors: Vec<ErrorCode>,
    pub error_values: ErrorValueType,
    /// The error value a denied scope gets unless told otherwise.
    pub default_error: ErrorValue,
    /// Response fields the wallet publishes (`error`, `errorMessage`): checked strictly, and
    /// a failure may carry them instead of `authErrorScopes`.
    pub response_fields: Vec<String>,
    /// Whether a success carries `"authErrorScopes": {}` (as the wallet's sample does).
    pub empty_error_scopes: bool,
    /// The gateway that redeems the wallet's codes (DANA's unless the profile says).
    pub gateway: Gateway,
    /// How long a code lives as the wallet's platform publishes it (`serve --code-ttl`
    /// overrides it; none published: `serve`'s default).
    pub code_lifetime_seconds: Option<u32>,
    fields: Vec<Field>,
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

/// A catalog that cannot be used; `env` names the variable the path came from, if any.
pub(crate) fn catalog_error(e: ProfileError, env: Option<&str>) -> CliError {
    let shown = |path: &std::path::Path| match env {
        Some(var) => format!("{} (from {var})", display_path(path)),
        None => display_path(path),
    };
    let err = match e {
        ProfileError::Unreadable { path, error } => CliError::usage(format!(
            "cannot read catalog {}: {}",
            shown(&path),
            io_reason(&error)
        )),
        ProfileError::Invalid { path, why } => CliError::usage(format!(
            "invalid catalog {}: {}",
            shown(&path),
            sanitize(&why)
        ))
        .with_hint(
            r#"a catalog is {"name": "...", "scopes": [{"scope": "...", "description": "..."}], "errors": [{"code": "...", "message": "..."}]}"#,
        ),
    };
    match env {
        Some(var) => err.with_hint(format!("unset {var} to use the built-in DANA catalog")),
        None => err,
    }
}

impl Profile {
    /// How long a code lives as the wallet's platform publishes it, in milliseconds.
    pub(crate) fn code_ttl_ms(&self) -> Option<i64> {
        self.code_lifetime_seconds.map(|s| i64::from(s) * 1000)
    }

    /// The embedded DANA profile.
    pub fn dana() -> Profile {
        Profile::builtin("dana").expect("DANA is built in")
    }

    /// The built-in profile `name` (`gcash`), as `--wallet` names it.
    pub fn builtin(name: &str) -> Option<Profile> {
        BUILTIN
            .iter()
            .find(|b| b.name == name)
            .map(Builtin::profile)
    }

    /// The profile file at `path`.
    pub fn load(path: &Path) -> Result<Profile, ProfileError> {
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
        file::parse(bytes)
    }

    /// The scope named exactly `name`.
    pub fn scope(&self, name: &str) -> Option<&Scope> {
        self.scopes.iter().find(|s| s.scope == name)
    }

    /// Whether the scope `name` is granted without a consent page.
    pub fn is_silent(&self, name: &str) -> bool {
        self.scope(name).is_some_and(|s| s.silent)
    }

    /// The error code `code`.
    pub fn error(&self, code: &str) -> Option<&ErrorCode> {
        self.errors.iter().find(|e| e.code == code)
    }

    /// The error values taken without a warning: the profile's table, or, where it publishes
    /// none and its values are strings, the family's (see [`family_errors`]).
    pub fn known_errors(&self) -> &[ErrorCode] {
        if self.errors.is_empty() && self.error_values == ErrorValueType::String {
            family_errors()
        } else {
            &self.errors
        }
    }

    /// Whether `code` is one of [`Profile::known_errors`].
    pub fn knows_error(&self, code: &str) -> bool {
        self.known_errors().iter().any(|e| e.code == code)
    }

    /// The hint under an error value that is not known: which values are.
    pub fn known_errors_hint(&self) -> String {
        let codes: Vec<String> = self
            .known_errors()
            .iter()
            .map(|e| sanitize(&e.code).into_owned())
            .collect();
        let name = sanitize(&self.name);
        match (self.errors.is_empty(), codes.is_empty()) {
            (_, true) => format!("{name} publishes no error table"),
            (true, false) => format!(
                "{name} publishes no error table; the family's values are taken: {}",
                codes.join(", ")
            ),
            (false, false) => format!("known error codes: {}", codes.join(", ")),
        }
    }

    /// Whether the wallet publishes the response field `name` (`error`, `errorMessage`).
    pub fn publishes(&self, name: &str) -> bool {
        self.response_fields.iter().any(|f| f == name)
    }

    /// Scope names, in profile order.
    pub fn scope_names(&self) -> impl Iterator<Item = &str> {
        self.scopes.iter().map(|s| s.scope.as_str())
    }

    /// The top-level fields a request or response may carry.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The index in [`Profile::fields`] of the JSAPI's field `name`, the same in every
    /// profile (they all list the JSAPI's fields first, in one order): found once for a key,
    /// whatever the number of profiles judging it.
    pub fn jsapi_field(name: &str) -> Option<usize> {
        FIELDS.iter().position(|f| f.0 == name)
    }

    /// The index in [`Profile::fields`] of this profile's own field `name` (a request
    /// parameter), past the JSAPI's.
    pub fn own_field(&self, name: &str) -> Option<usize> {
        self.fields[FIELDS.len()..]
            .iter()
            .position(|f| f.name == name)
            .map(|i| FIELDS.len() + i)
    }

    /// The field named `name`, with its index in [`Profile::fields`].
    pub fn field(&self, name: &str) -> Option<(usize, &Field)> {
        self.fields
            .iter()
            .position(|f| f.name == name)
            .map(|i| (i, &self.fields[i]))
    }

    /// A scope name for examples in hints: the profile's first.
    pub fn example_scope(&self) -> &str {
        &self.scopes[0].scope
    }

    /// An error value for examples in hints, as JSON (`"40006"` or `40006`).
    pub fn example_error(&self) -> String {
        serde_json::to_string(&self.default_error).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
