//! The sandbox: `authcode serve` (a local DANA sandbox) and `authcode sandbox` (its store
//! from the command line), in one folder.
//!
//! `cli` and `config` take the command line; `server` starts and stops the server; `http` holds
//! the routes and the access log; `apply_token` and `profile` the checks and answers of each
//! route as plain functions; `answer` the two response shapes; `signature` and `times` the wire
//! formats; `store` every SQL statement. All state is one `AppState` behind an `Arc`, and the
//! store is reached through its writer thread (`store::writer`).

pub(crate) mod answer;
pub(crate) mod apply_token;
pub(crate) mod cli;
pub(crate) mod command;
pub(crate) mod config;
pub(crate) mod consent_page;
pub(crate) mod http;
pub(crate) mod listing_page;
pub(crate) mod profile;
pub(crate) mod server;
pub(crate) mod signature;
pub mod store;
pub mod times;
mod web;
