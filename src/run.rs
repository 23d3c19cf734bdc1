//! Turns the parsed command line into config values, runs the command, and maps the outcome
//! to an exit code in one place.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::FromArgMatches;

use crate::cli::{Cli, Command};
use crate::config::{self, Given, ProfileChoice};
use crate::error::{self, CliError, Interrupted};
use crate::output::{ColorMode, Paint};
use crate::profile::Profile;
use crate::scopes::ScopesConfig;

/// The whole program: parse, run, report.
pub fn main() -> ExitCode {
    Paint::init();
    // An empty AUTHCODE_* variable means "unset", as an empty NO_COLOR does; clap would
    // report it as a flag given without a value, though none was typed. Nothing else runs
    // yet, so this is safe.
    for var in [
        "AUTHCODE_CATALOG",
        "AUTHCODE_WALLET",
        "AUTHCODE_STORE",
        "AUTHCODE_USERS",
        "AUTHCODE_LISTEN",
        "AUTHCODE_PARTNER_ID",
        "AUTHCODE_PARTNER_PUBLIC_KEY",
        "AUTHCODE_PLATFORM_PRIVATE_KEY",
        "AUTHCODE_ADMIN_TOKEN",
    ] {
        if std::env::var_os(var).is_some_and(|v| v.is_empty()) {
            std::env::remove_var(var);
        }
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `--help` shows `[env: AUTHCODE_CATALOG=...]` (and the wallet's) only when it is set;
    // the store's and users' variables show by name only, never with their value.
    let unset = |var| std::env::var_os(var).is_none();
    let mut command = crate::cli::command()
        .color(clap_color(&args))
        .mut_arg("catalog", |a| a.hide_env(unset("AUTHCODE_CATALOG")))
        .mut_arg("wallet", |a| a.hide_env(unset("AUTHCODE_WALLET")));
    let parsed = command
        .try_get_matches_from_mut(&args)
        .and_then(|mut matches| {
            let given = Sources {
                wallet: Given::of(&matches, "wallet"),
                catalog: Given::of(&matches, "catalog"),
                users: Given::of(&matches, "users"),
                store: Given::of(&matches, "store"),
            };
            // Taking the values out, rather than from a copy of every match (2.8% of a small
            // validate's instructions).
            Cli::from_arg_matches_mut(&mut matches).map(|cli| (cli, given))
        });
    // The command tree (the arguments of the subcommand run, with their help) is not needed
    // past the parse, and the process ends soon after: it is left to the process's end rather
    // than freed, which cost 6% of a small validate's instructions.
    std::mem::forget(command);
    let (cli, given) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            // Help and version go to stdout; a closed pipe there is not an error.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(error::EXIT_USAGE));
        }
    };
    let color = config::color(cli.global.color);
    match run(cli, given) {
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
            // The commands' own errors are CliErrors; a bare I/O error is a failed write
            // of their results to stdout. Say so, in words without Rust's "(os error N)".
            match err.chain().find_map(|c| c.downcast_ref::<io::Error>()) {
                Some(e) => {
                    let _ = writeln!(
                        stderr,
                        "{} cannot write to stdout: {}",
                        paint.red("error:"),
                        error::io_reason(e)
                    );
                }
                None => {
                    let _ = writeln!(stderr, "{} {:#}", paint.red("error:"), err);
                }
            }
            error::EXIT_USAGE
        }
    }
}

/// Where each option that may come from the environment got its value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sources {
    wallet: Given,
    catalog: Given,
    users: Given,
    store: Given,
}

/// The variable a value came from, when it came from the environment.
fn env_var(given: Given, var: &'static str) -> Option<&'static str> {
    (given == Given::Env).then_some(var)
}

/// Runs the parsed command line and returns the exit code. `given` says where `--wallet`
/// and `--catalog` came from (the command line, the environment, the default).
pub(crate) fn run(cli: Cli, given: Sources) -> anyhow::Result<u8> {
    let color = config::color(cli.global.color);
    let choice = if matches!(cli.command, Command::Wallets(_)) {
        // `wallets` lists the built-in wallets whichever profile is chosen: no catalog is read.
        ProfileChoice::Builtin("dana")
    } else {
        config::profile_choice(
            &cli.global.wallet,
            given.wallet,
            cli.global.catalog.clone(),
            given.catalog,
        )
        .map_err(|e| e.naming_env(env_var(given.wallet, "AUTHCODE_WALLET")))?
    };
    let profile = match choice {
        ProfileChoice::Builtin(name) => Profile::builtin(name).expect("a built-in name"),
        ProfileChoice::File(path) => Profile::load(&path).map_err(|e| {
            crate::profile::catalog_error(e, env_var(given.catalog, "AUTHCODE_CATALOG"))
        })?,
        ProfileChoice::Several(names) => {
            return match cli.command {
                Command::Validate(args) => {
                    crate::validate::run_across(&names, config::validate(args, color))
                }
                _ => Err(CliError::usage(format!(
                    "--wallet {} applies to validate only",
                    crate::text::brief(&cli.global.wallet)
                ))
                .with_hint("name one wallet: `authcode wallets` lists them")
                .naming_env(env_var(given.wallet, "AUTHCODE_WALLET"))
                .into()),
            }
        }
    };
    match cli.command {
        Command::Wallets(args) => {
            crate::wallets::run(args.json, color.stdout(), &mut io::stdout().lock())?;
            Ok(0)
        }
        Command::Completions(args) => {
            let script = crate::completions::generate(args.shell, &profile);
            crate::output::stdout(&script)?;
            Ok(0)
        }
        Command::Scopes(args) => {
            let config = ScopesConfig {
                query: args.query,
                json: args.json,
                paint: color.stdout(),
            };
            crate::scopes::run(&profile, &config, &mut io::stdout().lock())?;
            Ok(0)
        }
        Command::Request(args) => {
            let store = crate::sandbox::config::store_target(cli.global.store, args.no_store);
            let store_from = env_var(given.store, "AUTHCODE_STORE");
            let users = crate::users::Users::load(cli.global.users.as_deref())
                .map_err(|e| e.naming_env(env_var(given.users, "AUTHCODE_USERS")))?;
            let user = users
                .pick(args.user.as_deref().unwrap_or(crate::users::DEFAULT_USER))?
                .clone();
            let config = config::request(args, color, store, user)?;
            let prepared = crate::request::prepare(&profile, &config)?;
            for warning in &prepared.warnings {
                crate::output::warn(color, warning);
            }
            for warning in crate::request::answer(&profile, &config, prepared)? {
                match store_from {
                    Some(var) => crate::output::warn(
                        color,
                        &format!("{warning} (the store path is from {var})"),
                    ),
                    None => crate::output::warn(color, &warning),
                }
            }
            Ok(0)
        }
        Command::Sandbox(args) => {
            let store = crate::sandbox::config::store_path(cli.global.store)?;
            crate::sandbox::command::run(
                &store,
                crate::sandbox::config::sandbox_action(args.action),
            )
        }
        Command::Serve(args) => {
            let users = crate::users::Users::load(cli.global.users.as_deref())
                .map_err(|e| e.naming_env(env_var(given.users, "AUTHCODE_USERS")))?;
            crate::sandbox::server::run(&crate::sandbox::config::serve(
                args,
                cli.global.store,
                color,
                profile,
                users,
            )?)
        }
        Command::Validate(args) => crate::validate::run(profile, config::validate(args, color)),
        Command::Schema(args) => {
            let schema = crate::schema::schema(&profile, args.kind);
            let text = crate::payload::to_json(&schema, args.compact);
            crate::output::stdout(text.as_bytes())?;
            Ok(0)
        }
    }
}
