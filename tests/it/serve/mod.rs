//! `authcode serve`, through the real binary on port 0 with a temporary store: the
//! result codes of both routes, exactly-once redemption under concurrency and across a
//! SIGKILL, bad input on every route, the command line, the official Python SDK, and the
//! README's walk-through.

mod abandoned;
mod alipay_cn;
mod alipay_plus;
mod apply_token;
mod bad_input;
mod browser;
mod cli;
mod concurrency;
mod consent_link;
mod container;
mod keys;
mod listing;
mod origins;
mod postgres;
mod profile;
mod readme;
mod sandbox;
mod sdk;
mod sdk_ant;
mod sdk_node;
mod stop;
mod store;
mod support;
mod tls;
mod users;
mod wallets;
mod webdriver;
mod widget;
