//! The consent decision and the response it leads to. No terminal here: the prompt in
//! `request/prompt.rs` produces a [`Decision`], and so do the command-line flags.

use crate::error::CliError;
use crate::payload::ErrorValue;
use crate::payload::Response;
use crate::profile::Profile;
use crate::suggest::{scope_hint, Suggester};
use crate::text::brief;

/// What the user decided about the requested scopes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Grant every requested scope.
    ApproveAll,
    /// Grant none.
    DenyAll,
    /// Grant these and deny the rest.
    Grant(Vec<String>),
}

impl Decision {
    /// Which of `requested` are granted, position by position.
    ///
    /// A `Grant` naming a scope that was not requested is refused.
    pub fn granted(&self, requested: &[String]) -> Result<Vec<bool>, NotRequested> {
        match self {
            Decision::ApproveAll => Ok(vec![true; requested.len()]),
            Decision::DenyAll => Ok(vec![false; requested.len()]),
            Decision::Grant(names) => {
                let strays: Vec<String> = names
                    .iter()
                    .filter(|n| !requested.contains(n))
                    .cloned()
                    .collect();
                if !strays.is_empty() {
                    return Err(NotRequested { names: strays });
                }
                Ok(requested.iter().map(|r| names.contains(r)).collect())
            }
        }
    }
}

/// A decision granted scopes that were not requested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotRequested {
    pub names: Vec<String>,
}

/// `--grant` named scopes that were not requested.
pub(crate) fn not_requested(
    profile: &Profile,
    stray: &NotRequested,
    requested: &[String],
) -> CliError {
    let first = &stray.names[0];
    let mut err = CliError::usage(format!(
        "--grant names {}, which is not among the requested scopes",
        brief(first)
    ));
    // Ranked among the requested scopes, by their names and descriptions.
    let among = Suggester::new(requested.iter().map(|name| {
        let description = profile.scope(name).map_or("", |s| s.description.as_str());
        (name.as_str(), description)
    }));
    if let Some(hint) = scope_hint(first, &among.suggest(first)) {
        err = err.with_hint(hint);
    }
    for other in &stray.names[1..] {
        err = err.with_hint(format!("also not requested: {}", brief(other)));
    }
    err.with_hint(format!("requested: {}", requested.join(", ")))
}

/// The response for `requested` scopes of which `granted` were granted; denied scopes get
/// `error_value`. `mint` is called only when a code is needed.
pub fn respond<E>(
    requested: &[String],
    granted: &[bool],
    error_value: &ErrorValue,
    mint: impl FnOnce() -> Result<String, E>,
) -> Result<Response, E> {
    let success_scopes: Vec<String> = requested
        .iter()
        .zip(granted)
        .filter(|(_, &g)| g)
        .map(|(s, _)| s.clone())
        .collect();
    let error_scopes = requested
        .iter()
        .zip(granted)
        .filter(|(_, &g)| !g)
        .map(|(s, _)| (s.clone(), error_value.clone()))
        .collect();
    let auth_code = if success_scopes.is_empty() {
        None
    } else {
        Some(mint()?)
    };
    Ok(Response {
        auth_code,
        success_scopes,
        error_scopes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn code() -> Result<String, ()> {
        Ok("CODE".into())
    }

    #[test]
    fn approve_deny_and_grant() {
        let req = names(&["A", "B", "C"]);
        assert_eq!(
            Decision::ApproveAll.granted(&req).unwrap(),
            [true, true, true]
        );
        assert_eq!(
            Decision::DenyAll.granted(&req).unwrap(),
            [false, false, false]
        );
        let some = Decision::Grant(names(&["C", "A"]));
        assert_eq!(some.granted(&req).unwrap(), [true, false, true]);
        assert_eq!(
            Decision::Grant(names(&["D", "A", "E"])).granted(&req),
            Err(NotRequested {
                names: names(&["D", "E"])
            })
        );
    }

    #[test]
    fn partial_response_keeps_request_order() {
        let req = names(&["A", "B", "C"]);
        let eleven = ErrorValue::Text("11".into());
        let r = respond(&req, &[false, true, false], &eleven, code).unwrap();
        assert_eq!(r.auth_code.as_deref(), Some("CODE"));
        assert_eq!(r.success_scopes, names(&["B"]));
        assert_eq!(
            r.error_scopes,
            [("A".to_string(), eleven.clone()), ("C".to_string(), eleven)]
        );
    }

    #[test]
    fn denial_mints_nothing() {
        let req = names(&["A"]);
        let code = ErrorValue::Text("40006".into());
        let r = respond(&req, &[false], &code, || -> Result<String, ()> {
            panic!("no code for a denial")
        })
        .unwrap();
        assert_eq!(r.auth_code, None);
    }
}
