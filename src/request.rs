//! `authcode request`: build the request, decide consent, print the response.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::consent::{self, Decision};
use crate::error::CliError;
use crate::mint::{self, CodeSource};
use crate::output::{self, display_path, sanitize, ColorMode};
use crate::payload::{self, Request};
use crate::profile::{ErrorValue, Profile};
use crate::terminal;

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
    /// `Some` with `--payload`: print the request only.
    pub payload: Option<PayloadFormat>,
    /// The decision given by flags; `None` means ask in the terminal.
    pub decision: Option<Decision>,
    pub error_code: Option<String>,
    pub app_name: String,
    pub code_source: CodeSource,
    pub compact: bool,
    pub output: Option<PathBuf>,
    pub color: ColorMode,
}

/// A request ready to be answered: the scopes asked for, the error value for denied scopes,
/// and what the user should be warned about (printed by the caller).
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub request: Request,
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
    let scopes = requested_scopes(profile, config, &mut warnings)?;
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
            if profile.error(code).is_none() {
                warnings.push(unknown_code_warning(profile, code));
            }
            value
        }
    };
    Ok(Prepared {
        request: Request { scopes },
        error_value,
        warnings,
    })
}

/// Prints the payload, or decides consent (by flags or the prompt) and prints the response.
pub(crate) fn answer(
    profile: &Profile,
    config: &RequestConfig,
    prepared: Prepared,
) -> anyhow::Result<()> {
    let Prepared {
        request,
        mut error_value,
        ..
    } = prepared;
    if let Some(format) = config.payload {
        let text = match format {
            PayloadFormat::Json => payload::to_json(&request, config.compact),
            PayloadFormat::Js => request.to_js(),
        };
        return emit(config, &text);
    }
    let decision = match &config.decision {
        Some(decision) => decision.clone(),
        None => {
            let stdin_holds_input =
                matches!(&config.source, ScopeSource::File(p) if p == Path::new("-"));
            if let Some(why) = terminal::cannot_prompt(stdin_holds_input) {
                return Err(CliError::usage(format!("cannot ask for consent: {why}"))
                    .with_hint("decide without a prompt: --approve, --deny, or --grant SCOPE,...")
                    .into());
            }
            terminal::exit_cleanly_on_signals();
            let scopes: Vec<_> = request
                .scopes
                .iter()
                .filter_map(|s| profile.scope(s))
                .collect();
            let answer = crate::prompt::ask(
                &config.app_name,
                profile,
                &scopes,
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
    let granted = decision
        .granted(&request.scopes)
        .map_err(|stray| crate::error::not_requested(profile, &stray, &request.scopes))?;
    let response = consent::respond(&request.scopes, &granted, &error_value, || {
        mint::mint(config.code_source, &request.scopes)
    })
    .map_err(|e| CliError::usage(format!("cannot get random bytes from the OS: {e}")))?;
    emit(config, &payload::to_json(&response, config.compact))
}

fn unknown_code_warning(profile: &Profile, code: &str) -> String {
    let known = if profile.errors.is_empty() {
        "it lists no error codes".to_string()
    } else {
        let codes: Vec<_> = profile.errors.iter().map(|e| sanitize(&e.code)).collect();
        format!("known: {}", codes.join(", "))
    };
    format!(
        "error code {} is not in the {} catalog ({known})",
        sanitize(code),
        sanitize(&profile.name),
    )
}

/// The scopes asked for, checked against the profile, each kept once in first position.
fn requested_scopes(
    profile: &Profile,
    config: &RequestConfig,
    warnings: &mut Vec<String>,
) -> anyhow::Result<Vec<String>> {
    let names: Vec<String> = match &config.source {
        ScopeSource::Args(args) => args
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        ScopeSource::File(path) => return read_request_file(path, profile, warnings),
    };
    if names.is_empty() {
        return Err(CliError::usage("no scopes to request")
            .with_hint(format!(
                "name them: --scopes {} (`authcode scopes` lists them)",
                profile.example_scope()
            ))
            .into());
    }
    let unknown: Vec<&String> = names
        .iter()
        .filter(|n| profile.scope(n).is_none())
        .collect();
    if let Some(first) = unknown.first() {
        return Err(crate::error::unknown_scopes(profile, first, &unknown[1..]).into());
    }
    let mut kept: Vec<String> = Vec::new();
    let mut repeated = Vec::new();
    for name in names {
        if !kept.contains(&name) {
            kept.push(name);
        } else if !repeated.contains(&name) {
            repeated.push(name);
        }
    }
    for name in repeated {
        warnings.push(format!(
            "scope {name} is requested more than once; kept once"
        ));
    }
    Ok(kept)
}

/// The scopes of a request payload file (`-`: stdin), read with the validator's rules.
fn read_request_file(
    path: &Path,
    profile: &Profile,
    warnings: &mut Vec<String>,
) -> anyhow::Result<Vec<String>> {
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
    let index = crate::validate::ScopeIndex::new(profile);
    let payload = crate::validate::read_request(&bytes, &shown, &index)
        .map_err(|errors| crate::error::refused_payload(&shown, &errors))?;
    warnings.extend(
        payload
            .warnings
            .iter()
            .map(|d| crate::error::located(&shown, d)),
    );
    Ok(payload.scopes)
}

/// Writes the result to `--output` (atomically) or stdout.
fn emit(config: &RequestConfig, text: &str) -> anyhow::Result<()> {
    match &config.output {
        Some(path) if path != Path::new("-") => {
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
        _ => Ok(output::stdout(text.as_bytes())?),
    }
}

/// An input path as shown in messages (`<stdin>` for `-`).
fn shown_input(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        display_path(path)
    }
}
