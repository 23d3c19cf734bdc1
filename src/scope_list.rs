//! A list of scope names typed on the command line — `request --scopes`, `request --grant`,
//! `validate --expect-scopes` — read the same way wherever it is typed: blanks around commas
//! trimmed, empty names dropped, every unknown scope reported at once (each with the
//! did-you-mean of `suggest`), and each repeat warned about and kept once. Scope lists in
//! files (`--from`, `--request`, validated documents) go through the validator's rules, which
//! treat the same faults the same way.

use crate::error::CliError;
use crate::profile::Profile;
use crate::text::{brief, sanitize};

/// A scope list typed on the command line, checked against the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScopeList {
    /// The names, in the order given, each once.
    pub names: Vec<String>,
    /// Names given more than once, each named once, in the order first repeated.
    pub repeated: Vec<String>,
}

/// Names the profile does not know, in the order given, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnknownScopes(pub Vec<String>);

/// Scopes the profile does not know, typed in `flag` (`None`: the request's own `--scopes`):
/// the first as the error, every other as an `also unknown` hint, each with its did-you-mean.
pub(crate) fn unknown_scopes(
    profile: &Profile,
    flag: Option<&str>,
    unknown: &UnknownScopes,
) -> CliError {
    let wallet = sanitize(&profile.name);
    let suggester = profile.suggester();
    let hint = |name: &str| profile.scope_hint_with(&suggester, name);
    let (first, others) = match unknown.0.split_first() {
        Some((first, others)) => (first.as_str(), others),
        None => ("", &[][..]),
    };
    let prefix = flag.map(|f| format!("{f}: ")).unwrap_or_default();
    let mut err = CliError::usage(format!(
        "{prefix}unknown scope {} in the {wallet} catalog",
        brief(first)
    ));
    if let Some(h) = hint(first) {
        err = err.with_hint(h);
    }
    for name in others {
        let also = match hint(name) {
            Some(h) => format!("also unknown: {} ({h})", brief(name)),
            None => format!("also unknown: {}", brief(name)),
        };
        err = err.with_hint(also);
    }
    err.with_hint(format!(
        "`authcode scopes` lists the scopes of the {wallet} catalog"
    ))
}

/// Reads `given` (as clap split it at commas) against `profile`.
pub(crate) fn read(profile: &Profile, given: &[String]) -> Result<ScopeList, UnknownScopes> {
    let mut names: Vec<String> = Vec::new();
    let mut repeated: Vec<String> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for name in given.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if profile.scope(name).is_none() {
            if !unknown.iter().any(|u| u == name) {
                unknown.push(name.to_string());
            }
        } else if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        } else if !repeated.iter().any(|r| r == name) {
            repeated.push(name.to_string());
        }
    }
    if unknown.is_empty() {
        Ok(ScopeList { names, repeated })
    } else {
        Err(UnknownScopes(unknown))
    }
}

impl ScopeList {
    /// The warning for each repeated name, naming the flag it was typed in.
    pub(crate) fn warnings(&self, flag: &str) -> Vec<String> {
        self.repeated
            .iter()
            .map(|name| format!("{flag} names {} more than once; kept once", brief(name)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_unknown_name_is_reported_once() {
        let dana = Profile::dana();
        let given = strings(&["user_job", "KYC_INFO", "NOPE", "user_job", " NOPE "]);
        assert_eq!(
            read(&dana, &given),
            Err(UnknownScopes(strings(&["user_job", "NOPE"])))
        );
    }

    #[test]
    fn repeats_are_kept_once_and_named_once() {
        let dana = Profile::dana();
        let given = strings(&[
            "KYC_INFO",
            " USER_JOB",
            "",
            "KYC_INFO",
            "KYC_INFO",
            "USER_JOB",
        ]);
        let list = read(&dana, &given).unwrap();
        assert_eq!(list.names, strings(&["KYC_INFO", "USER_JOB"]));
        assert_eq!(list.repeated, strings(&["KYC_INFO", "USER_JOB"]));
        assert_eq!(
            list.warnings("--grant"),
            [
                "--grant names KYC_INFO more than once; kept once",
                "--grant names USER_JOB more than once; kept once"
            ]
        );
    }
}
