//! authcode: simulate and validate `my.getAuthCode` for DANA and Alipay+ mini programs.
//!
//! The binary is the product; the library exports only what the integration tests, the
//! benchmark and the fuzz target need (`unreachable_pub` keeps the rest crate-private).

#![warn(unreachable_pub)]

mod cli;
mod completions;
mod config;
mod consent;
mod error;
mod mint;
mod output;
mod payload;
mod profile;
mod request;
mod resources;
mod run;
mod sandbox;
mod schema;
mod scope_list;
mod scopes;
pub mod serve;
pub mod store;
mod suggest;
mod terminal;
mod text;
pub mod users;
pub mod validate;
mod wallets;

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
