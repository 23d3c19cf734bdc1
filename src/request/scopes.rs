//! The scopes asked for: from `--scopes`, or from a request payload file read with the
//! validator's rules.

use std::io::Read;
use std::path::Path;

use super::params::Params;
use super::{RequestConfig, ScopeSource};
use crate::error::CliError;
use crate::profile::Profile;
use crate::scope_list;
use crate::text::display_path;

/// The scopes asked for, checked against the profile, each kept once in first position;
/// with the request document when they come from a file.
pub(super) fn requested_scopes(
    profile: &Profile,
    config: &RequestConfig,
    warnings: &mut Vec<String>,
) -> anyhow::Result<(Vec<String>, Params)> {
    let names: Vec<String> = match &config.source {
        ScopeSource::Args(args) => args
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        ScopeSource::File(path) => {
            let (mut scopes, doc) = read_request_file(path, profile, warnings)?;
            if scopes.is_empty() {
                scopes = profile.default_scopes.clone();
            }
            return Ok((scopes, doc));
        }
    };
    let no_flag = matches!(&config.source, ScopeSource::Args(args) if args.is_empty());
    if names.is_empty() && no_flag && !profile.default_scopes.is_empty() {
        return Ok((profile.default_scopes.clone(), Vec::new()));
    }
    if names.is_empty() {
        return Err(CliError::usage("no scopes to request")
            .with_hint(format!(
                "name them: --scopes {} (`authcode scopes` lists them)",
                profile.example_scope()
            ))
            .into());
    }
    let list = scope_list::read(profile, &names)
        .map_err(|unknown| crate::scope_list::unknown_scopes(profile, None, &unknown))?;
    warnings.extend(list.warnings("--scopes"));
    Ok((list.names, Vec::new()))
}

/// The scopes of a request payload file (`-`: stdin), read with the validator's rules.
fn read_request_file(
    path: &Path,
    profile: &Profile,
    warnings: &mut Vec<String>,
) -> anyhow::Result<(Vec<String>, Params)> {
    let shown = shown_input(path);
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        std::io::stdin().lock().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    read.map_err(|e| {
        CliError::usage(format!(
            "cannot read {shown}: {}",
            crate::error::io_reason(&e)
        ))
    })?;
    let index = crate::validate::ScopeIndex::new(profile.clone());
    let payload = crate::validate::read_request(&bytes, &shown, &index)
        .map_err(|refused| crate::validate::diagnostic::refused_payload(&shown, &refused))?;
    warnings.extend(
        payload
            .warnings
            .iter()
            .map(|d| crate::validate::diagnostic::located(&shown, d)),
    );
    // The validator accepted it, so it parses: the parameters the profile requires are
    // read from its top level.
    let names: Vec<&str> = profile
        .request_params
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    Ok((payload.scopes, super::params::strings_named(&bytes, &names)))
}

/// An input path as shown in messages (`<stdin>` for `-`).
fn shown_input(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        display_path(path)
    }
}
