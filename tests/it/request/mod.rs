//! `authcode request`: decided by flags (`decisions`), the request read from a file or stdin
//! (`from`), and how scope names are taken (`scopes`). The prompt has its own modules
//! (`prompt`, `narrow_prompt`).

mod decisions;
mod from;
mod many_unknown;
mod not_a_response;
mod params;
mod scopes;
