//! The integration tests: one binary (one link step) that drives the real `authcode`
//! binary, a module per feature, and the helpers in `support`.
//!
//! Run one area with `cargo test --test it scopes::` (module paths filter tests).

#![cfg(unix)]

mod support;

mod big_numbers;
mod catalog;
mod cli;
mod codes;
mod color_conventions;
mod colors;
mod completions;
mod completions_hostile;
mod deploy;
mod docs;
mod error_tables;
mod escapes;
mod flags;
mod harness;
mod large_inputs;
mod narrow_prompt;
mod output;
mod payload;
mod pipes;
mod profile_leak;
mod prompt;
mod properties;
mod readme;
mod readme_links;
mod request;
mod schema;
mod scopes;
mod serve;
mod signals;
mod validate;
mod wallet_choice;
mod wallets;
