//! `authcode request`: build the request, decide consent, print the response.

use std::path::{Path, PathBuf};

use crate::consent::{self, Decision};
use crate::error::CliError;
use crate::mint::{self, CodeSource};
use crate::output::{self, ColorMode};
use crate::payload::{self, ErrorValue, Request};
use crate::profile::Profile;
use crate::scope_list;
use crate::terminal;
use crate::text::{display_path, sanitize};

mod params;
mod prompt;
mod scopes;

use params::request_params;
use scopes::requested_scopes;

/// Who asks for consent in the prompt when `--app-name` does not say.
const DEFAULT_APP_NAME: &str = "This mini program";

/// Where the requested scopes come from.
#[derive(Debug, Clone)]
pub(crate) enum ScopeSource {
    /// `--scopes`, as given (possibly with blanks around commas).
    Args(Vec<String>),
    /// `--from FILE`; `-` is stdin.
    File(PathBuf),
}

/// The format of `--payload`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PayloadFormat {
    Json,
    Js,
}

/// What `authcode request` was asked for.
#[derive(Debug, Clone)]
pub(crate) struct RequestConfig {
    pub source: ScopeSource,
    /// `--param NAME=VALUE`, as given.
    pub params: Vec<String>,
    /// `Some` with `--payload`: print the request only.
    pub payload: Option<PayloadFormat>,
    /// The decision given by flags; `None` means ask in the terminal.
    pub decision: Option<Decision>,
    pub error_code: Option<String>,
    /// `--app-name`, as given (`None`: not given; blank: the default).
    pub app_name: Option<String>,
    pub code_source: CodeSource,
    pub compact: bool,
    pub output: Option<PathBuf>,
    pub color: ColorMode,
    /// Where to record a minted code for `authcode serve`.
    pub store: crate::sandbox::record::StoreTarget,
    /// The simulated user who consents.
    pub user: crate::users::User,
}

/// A request ready to be answered: the scopes asked for, the error value for denied scopes,
/// and what the user should be warned about (printed by the caller).
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub request: Request,
    /// The profile's request parameters with their values, in the profile's order.
    pub params: Vec<(String, String)>,
    pub error_value: ErrorValue,
    pub warnings: Vec<String>,
}

/// Reads and checks what was asked for; nothing is printed and no one is asked yet.
pub(crate) fn prepare(profile: &Profile, config: &RequestConfig) -> anyhow::Result<Prepared> {
    if matches!(&config.decision, Some(Decision::Grant(names)) if names.is_empty()) {
        return Err(CliError::usage("--grant names no scope")
            .with_hint("to grant none of the requested scopes, use --deny")
            .into());
    }
    let mut warnings = Vec::new();
    let (scopes, from_file) = requested_scopes(profile, config, &mut warnings)?;
    let params = request_params(profile, &config.params, &from_file)?;
    if let Some(Decision::Grant(names)) = &config.decision {
        let granted = scope_list::read(profile, names).map_err(|unknown| {
            crate::scope_list::unknown_scopes(profile, Some("--grant"), &unknown)
        })?;
        warnings.extend(granted.warnings("--grant"));
    }
    let error_value = match &config.error_code {
        None => profile.default_error.clone(),
        Some(code) => {
            let value = profile.error_value(code).map_err(|fault| {
                CliError::usage(format!(
                    "--error-code {:?} is not an error value: {}",
                    sanitize(code),
                    profile.explain(&fault)
                ))
                .with_hint(format!(
                    "error values of {} look like {}",
                    sanitize(&profile.name),
                    profile.example_error()
                ))
            })?;
            if !profile.knows_error(code) {
                warnings.push(format!(
                    "error code {} is not in the {} catalog ({})",
                    sanitize(code),
                    sanitize(&profile.name),
                    profile.known_errors_hint()
                ));
            }
            value
        }
    };
    Ok(Prepared {
        request: Request { scopes },
        params,
        error_value,
        warnings,
    })
}

/// Prints the payload, or decides consent (by flags or the prompt) and prints the response.
/// Returns what the user should be warned about afterwards (a code the store did not take).
pub(crate) fn answer(
    profile: &Profile,
    config: &RequestConfig,
    prepared: Prepared,
) -> anyhow::Result<Vec<String>> {
    let Prepared {
        request,
        params,
        mut error_value,
        ..
    } = prepared;
    if to_stdout(config) && terminal::stdout_was_closed() {
        // Before any prompt: whatever is decided would be lost.
        return Err(CliError::usage(
            "stdout is closed: what authcode request prints would not be delivered",
        )
        .with_hint("write it to a file with -o FILE")
        .into());
    }
    if let Some(format) = config.payload {
        let call = payload::Call {
            request: &request,
            params: &params,
            fail_fields: &profile.response_fields,
        };
        let text = match format {
            PayloadFormat::Json => payload::to_json(&call, config.compact),
            PayloadFormat::Js => call.to_js(config.compact),
        };
        return emit(config, &text).map(|()| Vec::new());
    }
    // Silent scopes are granted without a consent page: there is nothing to ask about them.
    let to_ask: Vec<_> = request
        .scopes
        .iter()
        .filter_map(|s| profile.scope(s))
        .filter(|s| !s.silent)
        .collect();
    let decision = match &config.decision {
        Some(decision) => decision.clone(),
        None if to_ask.is_empty() => {
            if config.app_name.is_some() {
                return Err(CliError::usage(
                    "--app-name cannot apply: every requested scope is silent (granted without a consent page), so no prompt is shown",
                )
                .with_hint("--app-name names who asks in the consent prompt: leave it out")
                .into());
            }
            Decision::ApproveAll
        }
        None => {
            let stdin_holds_input =
                matches!(&config.source, ScopeSource::File(p) if p == Path::new("-"));
            if let Some(why) = terminal::cannot_prompt(stdin_holds_input) {
                return Err(CliError::usage(format!("cannot ask for consent: {why}"))
                    .with_hint("decide without a prompt: --approve, --deny, or --grant SCOPE,...")
                    .into());
            }
            terminal::exit_cleanly_on_signals();
            let who = format!(
                "Consenting as {} (user {}; --user picks another)",
                sanitize(&config.user.name),
                sanitize(&config.user.id)
            );
            let answer = prompt::ask(
                config
                    .app_name
                    .as_deref()
                    .filter(|name| !name.trim().is_empty())
                    .unwrap_or(DEFAULT_APP_NAME),
                &who,
                profile,
                &to_ask,
                &error_value.code(),
                config.color.stderr(),
            )?;
            if answer.decision != Decision::ApproveAll {
                error_value = profile
                    .error_value(&answer.error_value)
                    .unwrap_or(error_value);
            }
            answer.decision
        }
    };
    let mut granted = decision
        .granted(&request.scopes)
        .map_err(|stray| crate::consent::not_requested(profile, &stray, &request.scopes))?;
    for (g, scope) in granted.iter_mut().zip(&request.scopes) {
        *g |= profile.is_silent(scope);
    }
    refuse_unused_flags(config, &granted)?;
    let response = consent::respond(&request.scopes, &granted, &error_value, || {
        mint::mint(config.code_source, &request.scopes)
    })
    .map_err(|e| CliError::usage(format!("cannot get random bytes from the OS: {e}")))?;
    let mut warnings = Vec::new();
    if let Some(code) = &response.auth_code {
        // The store serves `authcode serve`; it never stands in the way of the response.
        let recorded = crate::sandbox::record::minted(
            &config.store,
            profile,
            code,
            &response.success_scopes,
            &config.user,
        );
        if let Err(why) = recorded {
            warnings.push(format!(
                "the code was not recorded for `authcode serve`: {why}"
            ));
        }
    }
    let shown = payload::Shown {
        response: &response,
        empty_error_scopes: profile.empty_error_scopes,
    };
    emit(config, &payload::to_json(&shown, config.compact))?;
    Ok(warnings)
}

/// `--error-code` when no scope is denied, `--seed` when none is granted: a flag the
/// decision leaves without effect is refused, not ignored. The prompt is not judged so: it
/// offers `--error-code` as its preselected value, and the person may still grant a scope.
fn refuse_unused_flags(config: &RequestConfig, granted: &[bool]) -> Result<(), CliError> {
    let Some(decision) = &config.decision else {
        return Ok(());
    };
    if let Some(code) = &config.error_code {
        if granted.iter().all(|&g| g) {
            let why = match decision {
                Decision::ApproveAll => "--approve denies no scope",
                _ => "--grant grants every requested scope, so none is denied",
            };
            return Err(CliError::usage(format!(
                "--error-code {} cannot apply: {why}",
                sanitize(code)
            ))
            .with_hint("--error-code is the value of denied scopes: leave it out, or deny some with --grant SCOPE,... or --deny"));
        }
    }
    if matches!(config.code_source, CodeSource::Seeded(_)) && !granted.contains(&true) {
        return Err(CliError::usage(
            "--seed cannot apply: --deny grants no scope, so no authCode is made",
        )
        .with_hint("--seed makes the authCode repeatable: leave it out, or grant some scopes with --approve or --grant SCOPE,..."));
    }
    Ok(())
}

/// Whether the result goes to stdout (no `--output`, or `-o -`).
fn to_stdout(config: &RequestConfig) -> bool {
    config
        .output
        .as_deref()
        .is_none_or(|path| path == Path::new("-"))
}

/// Writes the result to `--output` (atomically) or stdout. Unlike a listing, a response cut
/// off by a closed pipe was not delivered: that is an error (exit 2), not a quiet end.
fn emit(config: &RequestConfig, text: &str) -> anyhow::Result<()> {
    if to_stdout(config) {
        return output::stdout(text.as_bytes()).map_err(|e| {
            let err = if e.kind() == std::io::ErrorKind::BrokenPipe {
                CliError::usage(
                    "stdout was closed before the output was written: it was not delivered",
                )
                .with_hint("write it to a file with -o FILE")
            } else {
                CliError::usage(format!(
                    "cannot write to stdout: {}",
                    crate::error::io_reason(&e)
                ))
            };
            err.into()
        });
    }
    let path = config.output.as_deref().unwrap_or(Path::new("-"));
    terminal::exit_cleanly_on_signals();
    output::write_atomic(path, text.as_bytes()).map_err(|e| {
        CliError::usage(format!(
            "cannot write {}: {}",
            display_path(path),
            crate::error::write_reason(path, &e)
        ))
        .into()
    })
}
