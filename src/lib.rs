//! authcode: simulate and validate `my.getAuthCode` for DANA and Alipay+ mini programs.
//!
//! The binary is the product; the library exports only what the integration tests, the
//! benchmark and the fuzz target need (`unreachable_pub` keeps the rest crate-private).

#![warn(unreachable_pub)]

// Entry and command line: parse once, turn the arguments into plain values, one exit code.
mod cli; // clap's definitions and nothing else
mod config; // clap's arguments made plain config values
mod run; // main(): dispatch to a command, the outcome to an exit code

// Commands, one module each.
mod completions; // `authcode completions`: shell scripts with the profile's names
mod request; // `authcode request`: scopes, consent (the prompt), the response
mod schema; // `authcode schema`: JSON Schema of the two documents
mod scopes; // `authcode scopes`: the catalog as a table or JSON
pub mod validate; // `authcode validate`: the checks, the pipeline, the reports
mod wallets; // `authcode wallets`: the built-in profiles

// Domain: the documents, the wallets, and the decisions about them.
mod consent; // the consent decision and the response it leads to
mod mint; // authorization codes
mod payload; // the request and response documents
mod profile; // a wallet's profile: scopes, error codes, fields (built-ins in profile/wallets/)
mod scope_list; // a scope list typed on the command line
mod suggest; // did-you-mean for scope names

// Sandbox: `authcode serve` (the server), `authcode sandbox` (its store from the command
// line), and the users and resources the server answers with.
pub mod sandbox; // the server, its routes and pages, its store, `authcode sandbox`
pub mod users; // the simulated users and the profile resources they answer

// Edges: errors, the terminal and what is written to it; they import only each other.
mod error; // the error type, exit codes and I/O reasons
mod output; // colors per stream, stdout, atomic files
mod terminal; // prompting, signals, the cursor
mod text; // text made safe to show: sanitize, brief, display_path

pub use payload::{DocKind, ErrorValue};
pub use profile::Profile;
pub use run::main;
pub use schema::schema;

// For the property tests: minted responses validate against their requests.
pub use consent::{respond, Decision};
pub use mint::{mint, CodeSource};
pub use payload::{to_json, Request, Response};
// For the tests of atomic writes and of what a signal leaves behind.
pub use output::{write_atomic_with, Paint};
pub use terminal::{note_stdout_at_start, pending_temp};
