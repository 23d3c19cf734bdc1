//! The scope catalog: which scopes a wallet knows and which error values it sends.
//!
//! DANA's catalog is embedded from `src/catalog/dana.json`; `--catalog FILE` loads another
//! wallet's catalog in the same format.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::CliError;

/// DANA's catalog, as the specification lists it.
pub const DANA_JSON: &str = include_str!("catalog/dana.json");

/// The error value a denied scope gets unless told otherwise (the spec's failure sample).
pub const DEFAULT_ERROR_CODE: &str = "40006";

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

/// A wallet's scopes and error codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub name: String,
    pub scopes: Vec<Scope>,
    #[serde(default)]
    pub errors: Vec<ErrorCode>,
}

impl Catalog {
    /// The embedded DANA catalog.
    pub fn dana() -> Catalog {
        Catalog::parse(DANA_JSON.as_bytes()).expect("the embedded catalog is valid")
    }

    /// The catalog at `path`, or DANA's when there is none.
    pub fn load(path: Option<&Path>) -> Result<Catalog, CliError> {
        let Some(path) = path else {
            return Ok(Catalog::dana());
        };
        let shown = crate::output::display_path(path);
        let bytes = std::fs::read(path).map_err(|e| {
            CliError::usage(format!(
                "cannot read catalog {shown}: {}",
                crate::error::io_reason(&e)
            ))
        })?;
        Catalog::parse(&bytes).map_err(|why| {
            CliError::usage(format!(
                "invalid catalog {shown}: {}",
                crate::output::sanitize(&why)
            )).with_hint(
                r#"a catalog is {"name": "...", "scopes": [{"scope": "...", "description": "..."}], "errors": [{"code": "...", "message": "..."}]}"#,
            )
        })
    }

    /// Parses and checks a catalog document; the error says what is wrong with it.
    pub fn parse(bytes: &[u8]) -> Result<Catalog, String> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err("the file is empty".into());
        }
        let catalog: Catalog = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        catalog.check()?;
        Ok(catalog)
    }

    fn check(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("\"name\" is empty".into());
        }
        if self.scopes.is_empty() {
            return Err("it lists no scopes".into());
        }
        let mut seen = HashSet::new();
        for (i, s) in self.scopes.iter().enumerate() {
            if !is_scope_name(&s.scope) {
                return Err(format!(
                    "scope #{} {:?} is not a scope name (letters, digits, '_', '-' or '.')",
                    i + 1,
                    s.scope
                ));
            }
            if !seen.insert(s.scope.as_str()) {
                return Err(format!("scope {} is listed twice", s.scope));
            }
        }
        let mut seen = HashSet::new();
        for e in &self.errors {
            if e.code.is_empty() || e.code.chars().any(char::is_control) {
                return Err(format!(
                    "error code {:?} is empty or has control characters",
                    e.code
                ));
            }
            if !seen.insert(e.code.as_str()) {
                return Err(format!("error code {} is listed twice", e.code));
            }
        }
        Ok(())
    }

    /// The scope named exactly `name`.
    pub fn scope(&self, name: &str) -> Option<&Scope> {
        self.scopes.iter().find(|s| s.scope == name)
    }

    /// The error code `code`.
    pub fn error(&self, code: &str) -> Option<&ErrorCode> {
        self.errors.iter().find(|e| e.code == code)
    }

    /// Scope names, in catalog order.
    pub fn scope_names(&self) -> impl Iterator<Item = &str> {
        self.scopes.iter().map(|s| s.scope.as_str())
    }

    /// Up to three known scopes `name` most likely meant, best first, for a did-you-mean hint.
    pub fn suggest(&self, name: &str) -> Vec<String> {
        let pairs = self.scopes.iter().map(|s| (&s.scope, &s.description));
        let suggester = crate::suggest::Suggester::new(pairs);
        let names = suggester.suggest(name);
        names.into_iter().map(str::to_string).collect()
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
        let c = Catalog::dana();
        assert_eq!(c.name, "DANA");
        assert_eq!(c.scopes.len(), 25);
        assert_eq!(c.scopes[0].scope, "USER_LOGIN_ID");
        assert_eq!(c.scopes[24].scope, "SUBSCRIPTION");
        let mother = c.scope("USER_BIOLOGICAL_MOTHER_NAME").unwrap();
        assert!(mother.description.contains("mother's name"));
        let codes: Vec<_> = c.errors.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["3", "10", "11", "40006"]);
    }

    #[test]
    fn refuses_bad_catalogs() {
        assert!(Catalog::parse(b"").unwrap_err().contains("empty"));
        assert!(Catalog::parse(b"{").is_err());
        assert!(Catalog::parse(br#"{"name":"X","scopes":[]}"#)
            .unwrap_err()
            .contains("no scopes"));
        let twice = br#"{"name":"X","scopes":[{"scope":"A","description":""},{"scope":"A","description":""}]}"#;
        assert!(Catalog::parse(twice)
            .unwrap_err()
            .contains("A is listed twice"));
        let typo = br#"{"name":"X","scope":[]}"#;
        assert!(Catalog::parse(typo).is_err());
    }
}
