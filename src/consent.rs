//! The consent decision and the response it leads to. No terminal here: the prompt in
//! `prompt.rs` produces a [`Decision`], and so do the command-line flags.

use crate::error::CliError;
use crate::payload::Response;

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
    /// A `Grant` naming a scope that was not requested is a usage error.
    pub fn granted(&self, requested: &[String]) -> Result<Vec<bool>, CliError> {
        match self {
            Decision::ApproveAll => Ok(vec![true; requested.len()]),
            Decision::DenyAll => Ok(vec![false; requested.len()]),
            Decision::Grant(names) => {
                if let Some(stray) = names.iter().find(|n| !requested.contains(n)) {
                    let mut err = CliError::usage(format!(
                        "--grant names {}, which is not among the requested scopes",
                        crate::output::brief(stray)
                    ));
                    // Only names are at hand here; a slip or a word of one is enough.
                    let among = crate::suggest::Suggester::new(requested.iter().map(|r| (r, "")));
                    if let Some(hint) = crate::suggest::did_you_mean(&among.suggest(stray)) {
                        err = err.with_hint(hint);
                    }
                    return Err(err.with_hint(format!("requested: {}", requested.join(", "))));
                }
                Ok(requested.iter().map(|r| names.contains(r)).collect())
            }
        }
    }
}

/// The response for `requested` scopes of which `granted` were granted; denied scopes get
/// `error_value`. `mint` is called only when a code is needed.
pub fn respond<E>(
    requested: &[String],
    granted: &[bool],
    error_value: &str,
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
        .map(|(s, _)| (s.clone(), error_value.to_string()))
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
        assert!(Decision::Grant(names(&["D"])).granted(&req).is_err());
    }

    #[test]
    fn partial_response_keeps_request_order() {
        let req = names(&["A", "B", "C"]);
        let r = respond(&req, &[false, true, false], "11", code).unwrap();
        assert_eq!(r.auth_code.as_deref(), Some("CODE"));
        assert_eq!(r.success_scopes, names(&["B"]));
        assert_eq!(
            r.error_scopes,
            [
                ("A".to_string(), "11".to_string()),
                ("C".to_string(), "11".to_string())
            ]
        );
    }

    #[test]
    fn denial_mints_nothing() {
        let req = names(&["A"]);
        let r = respond(&req, &[false], "40006", || -> Result<String, ()> {
            panic!("no code for a denial")
        })
        .unwrap();
        assert_eq!(r.auth_code, None);
    }
}
