//! The command tree clap parses with, built lazily.
//!
//! Deriving `Parser` would build every subcommand's arguments (about 150 `Arg`s, with their
//! help) at every start, though a run uses one subcommand. Here the tree names each
//! subcommand with its one-line help and examples, and `Command::defer` adds its arguments
//! only when clap enters it: `authcode validate FILE` builds `validate`'s and no other's.
//! Completions and the well-formedness test take the whole tree at once (`command_eager`).
//! `Cli`'s `FromArgMatches`, derived, reads the result either way.

use clap::{Args, Command};

use super::{
    CompletionsArgs, Globals, RequestArgs, SandboxArgs, SchemaArgs, ScopesArgs, ServeArgs,
    ValidateArgs, WalletsArgs,
};
use crate::sandbox::cli::SERVE_EXAMPLES;

const MAIN_EXAMPLES: &str = "\
Examples:
  authcode scopes office                          List the USER_OFFICE_* scopes
  authcode request --scopes USER_LOGIN_ID         Ask for consent in the terminal
  authcode request --scopes USER_LOGIN_ID --deny  Print the spec's failure sample
  authcode validate fixtures/                     Check every fixture in CI
  authcode validate --wallet gcash,tng fixtures/  Check fixtures for two wallets at once
  authcode schema response > response.schema.json";

const SCOPES_EXAMPLES: &str = "\
Examples:
  authcode scopes                 Every scope, with what it grants
  authcode scopes office          Scopes whose name or description mentions \"office\"
  authcode scopes --json          The same as a JSON array";

const REQUEST_EXAMPLES: &str = "\
Examples:
  authcode request --scopes USER_LOGIN_ID
      Consent prompt in the terminal
  authcode request --scopes USER_LOGIN_ID,KYC_INFO --approve
      Grant everything
  authcode request --scopes USER_LOGIN_ID --deny
      Deny: {\"authErrorScopes\": {\"USER_LOGIN_ID\": \"40006\"}}
  authcode request --scopes USER_LOGIN_ID,KYC_INFO --grant KYC_INFO --error-code 11
      Grant KYC_INFO, deny USER_LOGIN_ID with error 11
  authcode request --from request.json --approve --seed 7
      Deterministic code for snapshot tests
  authcode request --scopes USER_LOGIN_ID --payload --format js
      The JavaScript call a mini program makes
  authcode --wallet alipayhk request --scopes USER_NAME --param authClientId=ID --approve
      A wallet's required request parameter";

const VALIDATE_EXAMPLES: &str = "\
Examples:
  authcode validate fixtures/                      Every *.json, *.ndjson, *.jsonl below it
  authcode validate response.json --expect-scopes USER_LOGIN_ID
  authcode validate --format github fixtures/      Annotations in GitHub Actions
  cat responses.ndjson | authcode validate --ndjson
  authcode validate --wallet all fixtures/         Which wallets accept each document
  authcode validate --wallet gcash,tng fixtures/   Fixtures that must pass on both

With --wallet all (or several wallets, --wallet gcash,tng), each document is checked against
each of them and one line says which accept it. Exit code: 0 only when every one of them
accepts every document, 1 when one refuses one, 2 when a path cannot be read. It reads files,
not stdin. DANA shares no scope with the other wallets, so name the wallets you ship to.";

const SCHEMA_EXAMPLES: &str = "\
Examples:
  authcode schema request > request.schema.json
  authcode schema response --catalog other-wallet.json";

const WALLETS_EXAMPLES: &str = "\
Examples:
  authcode wallets                    The built-in wallets
  authcode --wallet gcash scopes      GCash's scopes
  authcode wallets --json             The same as a JSON array";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  authcode completions bash > ~/.local/share/bash-completion/completions/authcode
  authcode completions zsh > ~/.zfunc/_authcode
  authcode completions fish > ~/.config/fish/completions/authcode.fish";

/// One subcommand: its name, its one-line help, its examples, and what adds its arguments.
struct Sub {
    name: &'static str,
    about: &'static str,
    examples: Option<&'static str>,
    args: fn(Command) -> Command,
}

/// The subcommands, in the order `--help` lists them.
const SUBCOMMANDS: &[Sub] = &[
    Sub {
        name: "scopes",
        about: "List the scopes and what each grants",
        examples: Some(SCOPES_EXAMPLES),
        args: ScopesArgs::augment_args,
    },
    Sub {
        name: "request",
        about: "Build a getAuthCode request, decide consent, and print the response",
        examples: Some(REQUEST_EXAMPLES),
        args: RequestArgs::augment_args,
    },
    Sub {
        name: "validate",
        about: "Check request and response JSON files against the specification",
        examples: Some(VALIDATE_EXAMPLES),
        args: ValidateArgs::augment_args,
    },
    Sub {
        name: "schema",
        about: "Print a JSON Schema (draft 2020-12) for request or response payloads",
        examples: Some(SCHEMA_EXAMPLES),
        args: SchemaArgs::augment_args,
    },
    Sub {
        name: "wallets",
        about: "List the built-in wallet profiles",
        examples: Some(WALLETS_EXAMPLES),
        args: WalletsArgs::augment_args,
    },
    Sub {
        name: "completions",
        about: "Print a shell completion script",
        examples: Some(COMPLETIONS_EXAMPLES),
        args: CompletionsArgs::augment_args,
    },
    Sub {
        name: "serve",
        about:
            "Run a local sandbox of the wallets' backends that exchanges stored codes for tokens",
        examples: Some(SERVE_EXAMPLES),
        args: ServeArgs::augment_args,
    },
    Sub {
        name: "sandbox",
        about: "List what the sandbox store holds, and make codes or tokens fail on demand",
        examples: None,
        args: SandboxArgs::augment_args,
    },
];

/// The tree to parse a command line with: each subcommand's arguments deferred.
pub(crate) fn command() -> Command {
    tree(false)
}

/// The whole tree, every subcommand's arguments built (for completions and checks).
pub(crate) fn command_eager() -> Command {
    tree(true)
}

fn tree(eager: bool) -> Command {
    let top = Command::new("authcode")
        .version(env!("CARGO_PKG_VERSION"))
        .about(env!("CARGO_PKG_DESCRIPTION"))
        .after_help(MAIN_EXAMPLES)
        .subcommand_required(true)
        .arg_required_else_help(true);
    Globals::augment_args(top).subcommands(SUBCOMMANDS.iter().map(|sub| {
        let command = Command::new(sub.name).about(sub.about);
        let command = match sub.examples {
            Some(examples) => command.after_help(examples),
            None => command,
        };
        if eager {
            (sub.args)(command)
        } else {
            command.defer(sub.args)
        }
    }))
}
