//! authcode: simulate and validate `my.getAuthCode` for DANA and Alipay+ mini programs.

pub mod catalog;
pub mod cli;
pub mod completions;
pub mod consent;
pub mod error;
pub mod mint;
pub mod output;
pub mod payload;
pub mod prompt;
pub mod reqfile;
pub mod request;
pub mod resources;
pub mod run;
pub mod sandbox;
pub mod schema;
pub mod scopes;
pub mod serve;
pub mod store;
pub mod suggest;
pub mod users;
pub mod validate;
