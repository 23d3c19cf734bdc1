//! Command-line definitions: clap, std, and the few plain value types the program already
//! has (the document kind, clap_complete's shells). The rest of the program sees config
//! values built from these in `config/`. The sandbox's commands (`serve`, `sandbox`) are
//! defined in `sandbox/cli.rs`.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
pub(crate) use clap_complete::Shell;

pub(crate) use crate::payload::DocKind;

use crate::sandbox::cli::SERVE_EXAMPLES;
pub(crate) use crate::sandbox::cli::{AutoConsent, SandboxAction, SandboxArgs, ServeArgs};

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

/// Simulate and validate my.getAuthCode for DANA and Alipay+ mini programs.
#[derive(Debug, Parser)]
#[command(name = "authcode", version, about, after_help = MAIN_EXAMPLES)]
pub(crate) struct Cli {
    /// The wallet whose profile to use (`authcode wallets` lists them); validate also takes
    /// several (A,B) or all
    #[arg(
        long,
        global = true,
        value_name = "NAME",
        env = "AUTHCODE_WALLET",
        default_value = "dana",
        help_heading = "Global options"
    )]
    pub wallet: String,

    /// Use this profile file instead of a built-in wallet (see README; not with a --wallet
    /// flag)
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        env = "AUTHCODE_CATALOG",
        help_heading = "Global options"
    )]
    pub catalog: Option<PathBuf>,

    /// The sandbox store request records codes in and serve redeems them from
    /// [default: ~/.local/state/authcode/store.sqlite3]
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = "AUTHCODE_STORE",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub store: Option<PathBuf>,

    /// Simulated users besides the built-in one (JSON; see README)
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        env = "AUTHCODE_USERS",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub users: Option<PathBuf>,

    /// When to use colors
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorWhen::Auto,
        help_heading = "Global options"
    )]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// List the scopes and what each grants
    #[command(after_help = SCOPES_EXAMPLES)]
    Scopes(ScopesArgs),
    /// Build a getAuthCode request, decide consent, and print the response
    #[command(after_help = REQUEST_EXAMPLES)]
    Request(RequestArgs),
    /// Check request and response JSON files against the specification
    #[command(after_help = VALIDATE_EXAMPLES)]
    Validate(ValidateArgs),
    /// Print a JSON Schema (draft 2020-12) for request or response payloads
    #[command(after_help = SCHEMA_EXAMPLES)]
    Schema(SchemaArgs),
    /// List the built-in wallet profiles
    #[command(after_help = WALLETS_EXAMPLES)]
    Wallets(WalletsArgs),
    /// Print a shell completion script
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// Run a local DANA sandbox that exchanges stored codes for tokens
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(ServeArgs),
    /// List what the sandbox store holds, and make codes or tokens fail on demand
    Sandbox(SandboxArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ScopesArgs {
    /// Show only scopes whose name or description contains this (case-insensitive)
    pub query: Option<String>,

    /// Print a JSON array instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct WalletsArgs {
    /// Print a JSON array instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub(crate) struct RequestArgs {
    /// Scopes to request (repeatable, comma-separated) [default: the wallet's default
    /// scopes, where it has them]
    #[arg(
        short,
        long,
        value_name = "SCOPE",
        value_delimiter = ',',
        action = ArgAction::Append,
        conflicts_with = "from"
    )]
    pub scopes: Vec<String>,

    /// A request parameter the wallet requires besides scopes (repeatable; with --from, the
    /// file carries them)
    #[arg(long, value_name = "NAME=VALUE", action = ArgAction::Append, conflicts_with = "from")]
    pub param: Vec<String>,

    /// Read the scopes from a request payload {"scopes": [...]} ('-' for stdin)
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,

    /// Print only the request payload, without asking for consent
    #[arg(long)]
    pub payload: bool,

    /// Payload format: JSON, or the JavaScript call a mini program makes [default: json]
    #[arg(long, value_enum)]
    pub format: Option<PayloadFormat>,

    /// Grant every requested scope
    #[arg(long, group = "decision", conflicts_with = "payload")]
    pub approve: bool,

    /// Grant none of the requested scopes
    #[arg(long, group = "decision", conflicts_with = "payload")]
    pub deny: bool,

    /// Grant these scopes and deny the rest (comma-separated)
    #[arg(
        long,
        value_name = "SCOPE",
        value_delimiter = ',',
        action = ArgAction::Append,
        group = "decision",
        num_args = 1,
        conflicts_with = "payload"
    )]
    pub grant: Option<Vec<String>>,

    /// Error value for denied scopes, so refused when none is denied [default: the profile's
    /// defaultError, else 40006, or its first code if it has no 40006]
    #[arg(long, value_name = "CODE", conflicts_with = "payload")]
    pub error_code: Option<String>,

    /// Who asks for consent, shown in the prompt (so not with --payload or a decision flag)
    /// [default: This mini program]
    #[arg(
        long,
        value_name = "NAME",
        conflicts_with_all = ["payload", "decision"]
    )]
    pub app_name: Option<String>,

    /// Make the authCode deterministic (for snapshot tests), so refused when none is granted
    #[arg(long, value_name = "N", conflicts_with = "payload")]
    pub seed: Option<u64>,

    /// Print the output on one line (the JSON, or the --format js call)
    #[arg(long)]
    pub compact: bool,

    /// Write the output to FILE (atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Do not record the minted code in the sandbox store
    #[arg(long, conflicts_with = "payload")]
    pub no_store: bool,

    /// The simulated user who consents [default: default]
    #[arg(long, value_name = "ID", conflicts_with = "payload")]
    pub user: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Files or directories to check ('-' for stdin; none: stdin when it is not a terminal).
    /// A file named here is always read; a directory is walked for *.json, *.ndjson and
    /// *.jsonl files, skipping hidden and git-ignored ones, node_modules and .git
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Walk into ignored files too: .gitignore, .ignore and git's excludes are not read,
    /// and node_modules is entered
    #[arg(long)]
    pub no_ignore: bool,

    /// Walk into hidden files and directories too (names starting with '.')
    #[arg(long)]
    pub hidden: bool,

    /// Treat every input as one JSON document per non-empty line
    #[arg(long)]
    pub ndjson: bool,

    /// Check every document as this kind instead of guessing
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<DocKind>,

    /// Each response must answer exactly these scopes (comma-separated)
    #[arg(
        long,
        value_name = "SCOPE",
        value_delimiter = ',',
        action = ArgAction::Append,
        conflicts_with = "request"
    )]
    pub expect_scopes: Option<Vec<String>>,

    /// Each response must answer exactly the scopes of this request payload
    #[arg(long, value_name = "FILE")]
    pub request: Option<PathBuf>,

    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,

    /// Report format
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,

    /// Print only the totals, in the report's format: the summary line (human, github),
    /// {"summary": {...}} (json), a JUnit file with the counts and no testcase (junit)
    #[arg(short, long)]
    pub quiet: bool,

    /// Number of threads (default: the number of CPUs)
    #[arg(short, long, value_name = "N", value_parser = jobs)]
    pub jobs: Option<u16>,
}

/// `--jobs`: a number of threads, said in plain words when it is not one.
fn jobs(text: &str) -> Result<u16, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if (1..=u64::from(u16::MAX)).contains(&n) => Ok(n as u16),
        _ => Err(format!(
            "a number of threads from 1 to {} is wanted",
            u16::MAX
        )),
    }
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Which payload
    #[arg(value_enum)]
    pub kind: DocKind,

    /// Print the schema on one line
    #[arg(long)]
    pub compact: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PayloadFormat {
    Json,
    Js,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    Human,
    Json,
    Github,
    Junit,
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
