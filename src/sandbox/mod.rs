//! The sandbox: `authcode serve` (a local sandbox of the wallets' backends: DANA's SNAP
//! calls, the Alipay+ gateway, Alipay CN's `gateway.do`) and `authcode sandbox` (its store from
//! the command line), in one folder.
//!
//! A request flows `connections` (hyper's HTTP/1 connections, over TCP or `tls`) → `app` (the
//! router from `routes::ALL`, the access log) → a route's file in `routes/` (its checks, its
//! handler, its answers) → `faults` (a fault armed on the route, then the route's store work)
//! → `store` (every SQL statement, through the writer thread) → `answer` (the answer, which
//! renders itself and its access-log record). `route` names each route once; `state` is what
//! the handlers share; `pages` the HTML they share; `signature`, `platform_key` and `times`
//! the wire formats and keys. `cli`, `config` and `duration` take the command line, `server`
//! starts and stops the server, `command` is `authcode sandbox`, `record` what `request`
//! records. `guard` stands in front of the pages: no other site gets in.

pub(crate) mod answer;
pub(crate) mod app;
#[cfg(test)]
mod app_tests;
pub mod checks;
pub(crate) mod cli;
pub(crate) mod command;
pub(crate) mod config;
pub(crate) mod connections;
pub(crate) mod duration;
pub(crate) mod faults;
pub(crate) mod guard;
pub(crate) mod pages;
pub(crate) mod platform_key;
pub(crate) mod record;
pub(crate) mod route;
pub(crate) mod routes;
pub(crate) mod server;
pub(crate) mod signature;
pub(crate) mod state;
pub mod store;
pub mod times;
pub(crate) mod tls;
