//! Error values: the JSON type a wallet gives the values of `authErrorScopes` (the value
//! itself is `payload::ErrorValue`), and the one rule that judges a value against it (`validate`, `request --error-code`, the schema and
//! the prompt all follow it).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Profile;
use crate::payload::ErrorValue;

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
