//! Turns the parsed command line into config values, runs the command, and maps the outcome
//! to an exit code in one place.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::catalog::Catalog;
use crate::cli::{self, Cli, Command};
use crate::consent::Decision;
use crate::error::{self, CliError, Interrupted};
use crate::mint::CodeSource;
use crate::output::{ColorMode, Paint};
use crate::request::{PayloadFormat, RequestConfig, ScopeSource};
use crate::scopes::ScopesConfig;

/// The whole program: parse, run, report.
pub fn main() -> ExitCode {
    Paint::init();
    // An empty AUTHCODE_CATALOG means "unset", as an empty NO_COLOR does; clap would
    // report it as a missing --catalog value. Nothing else runs yet, so this is safe.
    if std::env::var_os("AUTHCODE_CATALOG").is_some_and(|v| v.is_empty()) {
        std::env::remove_var("AUTHCODE_CATALOG");
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parsed = Cli::command()
        .color(clap_color(&args))
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout; a closed pipe there is not an error.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(error::EXIT_USAGE));
        }
    };
    let color = color_mode(cli.color);
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => ExitCode::from(report(&err, color)),
    }
}

/// The `--color` given on the command line, for clap's own help and errors, which are
/// written before the arguments are parsed.
fn clap_color(args: &[std::ffi::OsString]) -> clap::ColorChoice {
    let mut choice = clap::ColorChoice::Auto;
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let value = if arg == "--color" {
            args.next().and_then(|v| v.to_str())
        } else {
            arg.to_str().and_then(|a| a.strip_prefix("--color="))
        };
        match value {
            Some("always") => choice = clap::ColorChoice::Always,
            Some("never") => choice = clap::ColorChoice::Never,
            Some("auto") => choice = clap::ColorChoice::Auto,
            _ => {}
        }
    }
    choice
}

/// Prints `err` on stderr and returns its exit code.
fn report(err: &anyhow::Error, color: ColorMode) -> u8 {
    if error::is_broken_pipe(err) {
        return 0;
    }
    if err.downcast_ref::<Interrupted>().is_some() {
        return error::EXIT_INTERRUPTED;
    }
    let paint = color.stderr();
    let mut stderr = io::stderr().lock();
    match err.downcast_ref::<CliError>() {
        Some(e) => {
            let _ = writeln!(stderr, "{} {}", paint.red("error:"), e.message);
            for hint in &e.hints {
                let _ = writeln!(stderr, "  {} {}", paint.cyan("hint:"), hint);
            }
            e.code
        }
        None => {
            let _ = writeln!(stderr, "{} {:#}", paint.red("error:"), err);
            error::EXIT_USAGE
        }
    }
}

fn color_mode(when: cli::ColorWhen) -> ColorMode {
    match when {
        cli::ColorWhen::Auto => ColorMode::Auto,
        cli::ColorWhen::Always => ColorMode::Always,
        cli::ColorWhen::Never => ColorMode::Never,
    }
}

/// Runs the parsed command line and returns the exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let color = color_mode(cli.color);
    if let Command::Completions(args) = &cli.command {
        let catalog = Catalog::load(cli.catalog.as_deref())?;
        let script = crate::completions::generate(args.shell.into(), &catalog);
        crate::output::stdout(&script)?;
        return Ok(0);
    }
    let catalog = Catalog::load(cli.catalog.as_deref())?;
    match cli.command {
        Command::Scopes(args) => {
            let config = ScopesConfig {
                query: args.query,
                json: args.json,
                paint: color.stdout(),
            };
            crate::scopes::run(&catalog, &config, &mut io::stdout().lock())?;
            Ok(0)
        }
        Command::Request(args) => {
            // clap counts a flag's default `false` as present, so `requires` cannot say this.
            if args.format.is_some() && !args.payload {
                return Err(CliError::usage("--format applies to --payload only")
                    .with_hint("print the JavaScript call with: --payload --format js")
                    .into());
            }
            let store = store_target(cli.store, args.no_store);
            let users = crate::users::Users::load(cli.users.as_deref())?;
            let user = users
                .pick(args.user.as_deref().unwrap_or(crate::users::DEFAULT_USER))?
                .clone();
            crate::request::run(&catalog, &request_config(args, color, store, user))?;
            Ok(0)
        }
        Command::Sandbox(args) => {
            let store = cli
                .store
                .or_else(crate::store::default_path)
                .ok_or_else(|| {
                    CliError::usage(
                        "no state directory for the store: neither XDG_STATE_HOME nor HOME is set",
                    )
                    .with_hint("name one: --store PATH or AUTHCODE_STORE=PATH")
                })?;
            crate::sandbox::run(&store, sandbox_action(args.action))
        }
        Command::Serve(args) => {
            let users = crate::users::Users::load(cli.users.as_deref())?;
            crate::serve::run(&serve_config(args, cli.store, color, catalog, users)?)
        }
        Command::Validate(args) => crate::validate::run(&catalog, validate_config(args, color)?),
        Command::Schema(args) => {
            let schema = crate::schema::schema(&catalog, args.kind.into());
            let text = crate::payload::to_json(&schema, args.compact);
            crate::output::stdout(text.as_bytes())?;
            Ok(0)
        }
        Command::Completions(_) => unreachable!("handled above"),
    }
}

/// Where `request` records its code: `--no-store`, `--store`/`AUTHCODE_STORE`, or the
/// state directory (`None` inside when there is none).
fn store_target(
    store: Option<std::path::PathBuf>,
    off: bool,
) -> Option<Option<std::path::PathBuf>> {
    (!off).then(|| store.or_else(crate::store::default_path))
}

fn sandbox_action(action: cli::SandboxAction) -> crate::sandbox::Action {
    use crate::sandbox::Action;
    let route = |r: cli::FaultRoute| match r {
        cli::FaultRoute::ApplyToken => "apply-token",
        cli::FaultRoute::Profile => "profile",
    };
    match action {
        cli::SandboxAction::List { json, limit } => Action::List { json, limit },
        cli::SandboxAction::ExpireCode { code } => Action::ExpireCode { code },
        cli::SandboxAction::UseCode { code } => Action::UseCode { code },
        cli::SandboxAction::ForgetCode { code } => Action::ForgetCode { code },
        cli::SandboxAction::ExpireToken { token } => Action::ExpireToken { token },
        cli::SandboxAction::Fault {
            route: r,
            answer,
            http,
            delay,
            count,
            fraction,
        } => Action::Fault {
            route: route(r),
            answer,
            http,
            delay,
            count,
            fraction,
        },
        cli::SandboxAction::ClearFaults { route: r } => Action::ClearFaults {
            route: r.map(route),
        },
    }
}

fn serve_config(
    args: cli::ServeArgs,
    store: Option<std::path::PathBuf>,
    color: ColorMode,
    catalog: Catalog,
    users: crate::users::Users,
) -> anyhow::Result<crate::serve::ServeConfig> {
    let duration = |flag: &str, text: &str| -> Result<i64, CliError> {
        humantime::parse_duration(text.trim())
            .ok()
            .filter(|d| !d.is_zero())
            .and_then(|d| i64::try_from(d.as_millis()).ok())
            .ok_or_else(|| {
                CliError::usage(format!(
                    "{flag} {:?} is not a duration",
                    crate::output::brief(text)
                ))
                .with_hint("write durations like 90s, 10m, 1h or 7d")
            })
    };
    let ttls = crate::store::Ttls {
        code: duration("--code-ttl", &args.code_ttl)?,
        access: duration("--access-token-ttl", &args.access_token_ttl)?,
        refresh: duration("--refresh-token-ttl", &args.refresh_token_ttl)?,
    };
    let store = store.or_else(crate::store::default_path).ok_or_else(|| {
        CliError::usage("no state directory for the store: neither XDG_STATE_HOME nor HOME is set")
            .with_hint("name one: --store PATH or AUTHCODE_STORE=PATH")
    })?;
    Ok(crate::serve::ServeConfig {
        listen: args.listen,
        store,
        partner_id: args.partner_id.filter(|p| !p.is_empty()),
        partner_public_key: args.partner_public_key,
        ttls,
        quiet: args.quiet,
        color,
        catalog,
        users,
        auto_consent: args.auto_consent.map(|a| match a {
            cli::AutoConsent::Allow => crate::serve::consent_page::Choice::Allow,
            cli::AutoConsent::Deny => crate::serve::consent_page::Choice::Deny,
        }),
    })
}

fn request_config(
    args: cli::RequestArgs,
    color: ColorMode,
    store: Option<Option<std::path::PathBuf>>,
    user: crate::users::User,
) -> RequestConfig {
    let decision = if args.approve {
        Some(Decision::ApproveAll)
    } else if args.deny {
        Some(Decision::DenyAll)
    } else {
        args.grant.map(|names| {
            Decision::Grant(
                names
                    .iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
            )
        })
    };
    RequestConfig {
        source: match args.from {
            Some(path) => ScopeSource::File(path),
            None => ScopeSource::Args(args.scopes),
        },
        payload: args.payload.then_some(match args.format {
            Some(cli::PayloadFormat::Js) => PayloadFormat::Js,
            Some(cli::PayloadFormat::Json) | None => PayloadFormat::Json,
        }),
        decision,
        error_code: args.error_code,
        app_name: if args.app_name.trim().is_empty() {
            "This mini program".to_string()
        } else {
            args.app_name
        },
        code_source: args.seed.map_or(CodeSource::Os, CodeSource::Seeded),
        compact: args.compact,
        output: args.output,
        color,
        store,
        user,
    }
}

fn validate_config(
    args: cli::ValidateArgs,
    color: ColorMode,
) -> anyhow::Result<crate::validate::ValidateConfig> {
    crate::validate::ValidateConfig::from_args(args, color)
}

impl From<cli::Kind> for crate::schema::Kind {
    fn from(kind: cli::Kind) -> Self {
        match kind {
            cli::Kind::Request => crate::schema::Kind::Request,
            cli::Kind::Response => crate::schema::Kind::Response,
        }
    }
}

impl From<cli::Shell> for clap_complete::Shell {
    fn from(shell: cli::Shell) -> Self {
        match shell {
            cli::Shell::Bash => clap_complete::Shell::Bash,
            cli::Shell::Zsh => clap_complete::Shell::Zsh,
            cli::Shell::Fish => clap_complete::Shell::Fish,
            cli::Shell::Powershell => clap_complete::Shell::PowerShell,
            cli::Shell::Elvish => clap_complete::Shell::Elvish,
        }
    }
}
