//! Command-line definitions: clap, std, and the few plain value types the program already
//! has (the document kind, clap_complete's shells). The rest of the program sees config
//! values built from these in `config/`. The sandbox's commands (`serve`, `sandbox`) are
//! defined in `sandbox/cli.rs`.

use std::path::PathBuf;

use clap::{ArgAction, Args, Subcommand, ValueEnum};
pub(crate) use clap_complete::Shell;

pub(crate) use crate::payload::DocKind;

mod lazy;
pub(crate) use crate::sandbox::cli::{AutoConsent, SandboxAction, SandboxArgs, ServeArgs};
pub(crate) use lazy::{command, command_eager};

/// The parsed command line: the global options and the subcommand. Parsed from the tree
/// `lazy::command()` builds (see there for the program's name, version and help).
#[derive(Debug, Args)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub global: Globals,

    #[command(subcommand)]
    pub command: Command,
}

// The options every subcommand takes. (A plain comment: a doc comment here would become
// the program's `about` when `lazy.rs` adds these to the tree.)
#[derive(Debug, Args)]
pub(crate) struct Globals {
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

    /// The sandbox store request records codes in and serve redeems them from: a SQLite file,
    /// or a PostgreSQL database, postgres://USER@HOST:PORT/DB [default:
    /// $XDG_STATE_HOME/authcode/store.sqlite3, else ~/.local/state/authcode/store.sqlite3]
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
}

/// The subcommands. Their one-line help and examples are in `lazy.rs`, which builds each
/// one's arguments only when it runs.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Scopes(ScopesArgs),
    Request(RequestArgs),
    Validate(ValidateArgs),
    Schema(SchemaArgs),
    Wallets(WalletsArgs),
    Completions(CompletionsArgs),
    Serve(ServeArgs),
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
    use clap::{Command, Subcommand};

    #[test]
    fn cli_is_well_formed() {
        super::command_eager().debug_assert();
    }

    /// The lazy tree names the subcommands `Cli` reads back, and built in full it gives the
    /// same help for each as the eager one.
    #[test]
    fn lazy_tree_is_the_whole_tree() {
        let derived: Vec<String> = super::Command::augment_subcommands(Command::new("x"))
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        let mut lazy = super::command();
        let names: Vec<String> = lazy
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        assert_eq!(names, derived);
        lazy.build();
        let mut eager = super::command_eager();
        eager.build();
        for (l, e) in lazy.get_subcommands_mut().zip(eager.get_subcommands_mut()) {
            let (l, e) = (
                l.render_long_help().to_string(),
                e.render_long_help().to_string(),
            );
            assert!(l.contains("Usage:") && l.len() > 200, "{l}");
            assert_eq!(l, e);
        }
    }
}
