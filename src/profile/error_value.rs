//! Error values: the JSON type a wallet gives the values of `authErrorScopes` (the value
//! itself is `payload::ErrorValue`), and the one rule that judges a value against it (`validate`, `request --error-code`, the schema and
//! the prompt all follow it).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Profile;
use crate::payload::ErrorValue;

/// The largest whole number a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`,
/// 2^53 - 1). A mini program reads error values (and Alipay CN's `error`) as JavaScript
/// numbers, so a whole-number value lies within ±this: beyond it two values read as one.
/// `validate`, `request --error-code` and the schema's `minimum`/`maximum` all use it, and
/// every JSON parser (f64 or not) compares numbers in this range exactly.
pub(crate) const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// `text` (a JSON number as written, or a typed value) as a whole number within
/// ±[`MAX_SAFE_INTEGER`]; otherwise what it was found to be, for a message. `1e3` and `11.0`
/// are whole numbers, as JSON Schema's `integer` says.
pub(crate) fn whole_number(text: &str) -> Result<i64, String> {
    let beyond = || {
        format!(
            "the number {text}, beyond the whole numbers JavaScript holds exactly (±{MAX_SAFE_INTEGER})"
        )
    };
    if let Ok(n) = text.parse::<i64>() {
        return match (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n) {
            true => Ok(n),
            false => Err(beyond()),
        };
    }
    match serde_json::from_str::<f64>(text) {
        // Exact: every whole number within the bound is an f64.
        Ok(f) if f.fract() == 0.0 && f.abs() <= MAX_SAFE_INTEGER as f64 => Ok(f as i64),
        Ok(f) if f.fract() == 0.0 => Err(beyond()),
        _ => Err(format!("the number {text}")),
    }
}

/// A JSON number, of any size.
fn is_json_number(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
        && text.starts_with(|c: char| c == '-' || c.is_ascii_digit())
}

/// The JSON type of a wallet's error values in `authErrorScopes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorValueType {
    /// A non-empty string without spaces or control characters (DANA: `"40006"`).
    #[default]
    String,
    /// A whole number within ±[`MAX_SAFE_INTEGER`] (`40006`).
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

impl Profile {
    /// An error value typed by the user (`--error-code 11`), as the profile writes it.
    pub fn error_value(&self, typed: &str) -> Result<ErrorValue, ErrorValueFault> {
        match self.error_values {
            ErrorValueType::String => {
                self.judge_error_value(Seen::Text(typed))?;
                Ok(ErrorValue::Text(typed.to_string()))
            }
            ErrorValueType::Number => {
                let typed = typed.trim();
                whole_number(typed)
                    .map(ErrorValue::Number)
                    .map_err(|found| ErrorValueFault::WrongType {
                        found: if is_json_number(typed) {
                            found
                        } else {
                            "text that is not a whole number".into()
                        },
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
            (ErrorValueType::Number, Seen::Number(n)) => whole_number(n)
                .map(|_| ())
                .map_err(|found| ErrorValueFault::WrongType { found, fix: None }),
            (ErrorValueType::Number, Seen::Text(s)) => Err(ErrorValueFault::WrongType {
                found: "a string".into(),
                fix: whole_number(s.trim()).ok().map(|n| n.to_string()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_stop_where_javascript_stops_holding_them_exactly() {
        assert_eq!(whole_number("11"), Ok(11));
        assert_eq!(whole_number("1e3"), Ok(1000));
        assert_eq!(whole_number("-9007199254740991"), Ok(-MAX_SAFE_INTEGER));
        for beyond in [
            "9007199254740992",
            "99999999999999999999",
            "-9223372036854775809",
        ] {
            let found = whole_number(beyond).unwrap_err();
            assert!(
                found.starts_with(&format!("the number {beyond}, beyond ")),
                "{found}"
            );
        }
        assert_eq!(whole_number("1.5").unwrap_err(), "the number 1.5");
        assert!(is_json_number("-1.5e3") && !is_json_number("inf") && !is_json_number("x"));
    }
}
