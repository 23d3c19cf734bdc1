//! `authcode request`: build the request, decide consent, print the response.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use crate::catalog::{Catalog, DEFAULT_ERROR_CODE};
use crate::consent::{self, Decision};
use crate::error::CliError;
use crate::mint::{self, CodeSource};
use crate::output::{self, display_path, sanitize, ColorMode};
use crate::payload::{self, Request};

/// Where the requested scopes come from.
#[derive(Debug, Clone)]
pub enum ScopeSource {
    /// `--scopes`, as given (possibly with blanks around commas).
    Args(Vec<String>),
    /// `--from FILE`; `-` is stdin.
    File(PathBuf),
}

/// The format of `--payload`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadFormat {
    Json,
    Js,
}

/// What `authcode request` was asked for.
#[derive(Debug, Clone)]
pub struct RequestConfig {
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
    /// Where to record a minted code: `None` with `--no-store`; `Some(None)` when there is
    /// no state directory to put the store in.
    pub store: Option<Option<PathBuf>>,
    /// The simulated user who consents.
    pub user: crate::users::User,
}

/// Runs the command; the result goes to stdout or `--output`.
pub fn run(catalog: &Catalog, config: &RequestConfig) -> anyhow::Result<()> {
    if matches!(&config.decision, Some(Decision::Grant(names)) if names.is_empty()) {
        return Err(CliError::usage("--grant names no scope")
            .with_hint("to grant none of the requested scopes, use --deny")
            .into());
    }
    let requested = requested_scopes(catalog, config)?;
    let request = Request { scopes: requested };

    if let Some(format) = config.payload {
        let text = match format {
            PayloadFormat::Json => payload::to_json(&request, config.compact),
            PayloadFormat::Js => request.to_js(),
        };
        return emit(config, &text);
    }

    let default_error = config
        .error_code
        .clone()
        .unwrap_or_else(|| default_error(catalog));
    check_error_code(catalog, &default_error, config)?;

    let (decision, error_value) = match &config.decision {
        Some(decision) => (decision.clone(), default_error),
        None => {
            if let Some(why) = cannot_prompt(&config.source) {
                return Err(CliError::usage(format!("cannot ask for consent: {why}"))
                    .with_hint("decide without a prompt: --approve, --deny, or --grant SCOPE,...")
                    .into());
            }
            install_signal_handler();
            let _ = writeln!(
                std::io::stderr().lock(),
                "Consenting as {} (user {}; --user picks another)",
                sanitize(&config.user.name),
                sanitize(&config.user.id)
            );
            let scopes: Vec<_> = request
                .scopes
                .iter()
                .filter_map(|s| catalog.scope(s))
                .collect();
            let answer = crate::prompt::ask(
                &config.app_name,
                catalog,
                &scopes,
                &default_error,
                config.color.stderr(),
            )?;
            (answer.decision, answer.error_value)
        }
    };

    let granted = decision.granted(&request.scopes)?;
    let response = consent::respond(&request.scopes, &granted, &error_value, || {
        mint::mint(config.code_source, &request.scopes)
    })
    .map_err(|e| CliError::usage(format!("cannot get random bytes from the OS: {e}")))?;
    if let (Some(code), Some(store)) = (&response.auth_code, &config.store) {
        // The store serves `authcode serve`; it never stands in the way of the response.
        let recorded = match store {
            Some(path) => {
                crate::store::record_minted(path, code, &response.success_scopes, &config.user)
            }
            None => Err(
                "no state directory (neither XDG_STATE_HOME nor HOME is set); \
                         name one with --store or AUTHCODE_STORE"
                    .to_string(),
            ),
        };
        if let Err(why) = recorded {
            output::warn(
                config.color,
                &format!("the code was not recorded for `authcode serve`: {why}"),
            );
        }
    }
    emit(config, &payload::to_json(&response, config.compact))
}

/// The error value denied scopes get by default: 40006 as in the spec's failure sample, or
/// a custom catalog's first code when it does not know 40006.
fn default_error(catalog: &Catalog) -> String {
    match (catalog.error(DEFAULT_ERROR_CODE), catalog.errors.first()) {
        (None, Some(first)) => first.code.clone(),
        _ => DEFAULT_ERROR_CODE.to_string(),
    }
}

fn check_error_code(catalog: &Catalog, code: &str, config: &RequestConfig) -> Result<(), CliError> {
    if code.is_empty() || code.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(CliError::usage(format!(
            "--error-code {:?} is not an error value",
            sanitize(code)
        ))
        .with_hint("error values are non-empty strings such as \"40006\" or \"11\""));
    }
    // Only a code the user typed deserves a warning: the default 40006 is the spec's own
    // value even when a custom catalog lists no error codes.
    if config.error_code.is_some() && catalog.error(code).is_none() {
        let known = if catalog.errors.is_empty() {
            "it lists no error codes".to_string()
        } else {
            let codes: Vec<_> = catalog.errors.iter().map(|e| sanitize(&e.code)).collect();
            format!("known: {}", codes.join(", "))
        };
        output::warn(
            config.color,
            &format!(
                "error code {} is not in the {} catalog ({known})",
                sanitize(code),
                sanitize(&catalog.name),
            ),
        );
    }
    Ok(())
}

/// Why the consent prompt cannot run, if it cannot: it needs a person, so stdin and stderr
/// must be terminals, and this must not be CI.
fn cannot_prompt(source: &ScopeSource) -> Option<&'static str> {
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    if in_ci {
        Some("CI is set, and CI has no one to answer")
    } else if matches!(source, ScopeSource::File(p) if p == Path::new("-")) {
        Some("stdin holds the request (--from -), not a person's keys")
    } else if !std::io::stdin().is_terminal() {
        Some("stdin is not a terminal")
    } else if !std::io::stderr().is_terminal() {
        Some("stderr, where the prompt goes, is not a terminal")
    } else {
        None
    }
}

/// On Ctrl-C (outside the prompt's raw mode) or SIGTERM: show the cursor, remove a
/// half-written `--output` file, and exit 130 with nothing on stdout.
fn install_signal_handler() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(pending) = output::PENDING_TEMP.lock() {
            if let Some(path) = pending.as_ref() {
                let _ = std::fs::remove_file(path);
            }
        }
        if std::io::stderr().is_terminal() {
            let _ = console::Term::stderr().show_cursor();
        }
        std::process::exit(i32::from(crate::error::EXIT_INTERRUPTED));
    });
}

/// The scopes asked for, checked against the catalog, each kept once in first position.
fn requested_scopes(catalog: &Catalog, config: &RequestConfig) -> anyhow::Result<Vec<String>> {
    let names: Vec<String> = match &config.source {
        ScopeSource::Args(args) => args
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        ScopeSource::File(path) => read_request_file(path, config.color)?,
    };
    if names.is_empty() {
        let err = match &config.source {
            ScopeSource::File(path) => CliError::usage(format!(
                "{}: \"scopes\" is empty, so there is nothing to request",
                shown_input(path)
            )),
            ScopeSource::Args(_) => CliError::usage("no scopes to request"),
        };
        return Err(err
            .with_hint("name them: --scopes USER_LOGIN_ID (`authcode scopes` lists them)")
            .into());
    }
    let mut kept: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut repeated = Vec::new();
    for name in names {
        if catalog.scope(&name).is_none() {
            let place = match &config.source {
                ScopeSource::File(path) => format!("{}: ", shown_input(path)),
                ScopeSource::Args(_) => String::new(),
            };
            let mut err = CliError::usage(format!(
                "{place}unknown scope {} in the {} catalog",
                output::brief(&name),
                sanitize(&catalog.name)
            ));
            if let Some(near) = catalog.suggest(&name) {
                err = err.with_hint(if near.eq_ignore_ascii_case(&name) {
                    format!("did you mean {near}? (scope names are case-sensitive)")
                } else {
                    format!("did you mean {near}?")
                });
            }
            return Err(err
                .with_hint(format!(
                    "`authcode scopes` lists the scopes of the {} catalog",
                    sanitize(&catalog.name)
                ))
                .into());
        }
        if seen.insert(name.clone()) {
            kept.push(name);
        } else if !repeated.contains(&name) {
            repeated.push(name);
        }
    }
    for name in repeated {
        output::warn(
            config.color,
            &format!("scope {name} is requested more than once; kept once"),
        );
    }
    Ok(kept)
}

/// The scopes of a request payload file (`-`: stdin).
fn read_request_file(path: &Path, color: ColorMode) -> anyhow::Result<Vec<String>> {
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
    crate::reqfile::scopes_of(&bytes)
        .map_err(|e| {
            let mut err = CliError::usage(format!("{shown}: {}", e.message));
            if let Some(hint) = e.hint {
                err = err.with_hint(hint);
            }
            err.into()
        })
        .inspect(|doc| {
            if doc.bom {
                output::warn(
                    color,
                    &format!("{shown} starts with a UTF-8 byte order mark; it was ignored"),
                );
            }
        })
        .map(|doc| doc.scopes)
}

/// Writes the result to `--output` (atomically) or stdout.
fn emit(config: &RequestConfig, text: &str) -> anyhow::Result<()> {
    match &config.output {
        Some(path) if path != Path::new("-") => {
            install_signal_handler();
            output::write_atomic(path, text.as_bytes()).map_err(|e| {
                CliError::usage(format!(
                    "cannot write {}: {}",
                    display_path(path),
                    crate::error::io_reason(&e)
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
