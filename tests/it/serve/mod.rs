//! `authcode serve`, through the real binary on port 0 with a temporary store: the
//! result codes of both routes, exactly-once redemption under concurrency and across a
//! SIGKILL, bad input on every route, the command line, the official Python SDK, and the
//! README's walk-through.

mod abandoned;
mod apply_token;
mod bad_input;
mod browser;
mod cli;
mod concurrency;
mod consent_link;
mod container;
mod listing;
mod origins;
mod profile;
mod readme;
mod sandbox;
mod sdk;
mod support;
mod webdriver;
mod widget;
