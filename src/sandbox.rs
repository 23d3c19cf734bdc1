//! `authcode sandbox`: what the store holds, and failures on demand from the command line
//! (the same operations as the buttons of the server's listing page, in `store::admin`).

use std::io::Write;
use std::path::Path;

use crate::cli::SandboxAction;
use crate::error::CliError;
use crate::store::admin::{self, CodeFault};
use crate::store::{self};

/// The code lifetime `list` judges expiry by (serve's default `--code-ttl`).
const LIST_CODE_TTL_MS: i64 = 10 * 60 * 1000;

/// Runs one action on the store at `path`; exit 1 when the code or token is not there.
pub fn run(path: &Path, action: SandboxAction) -> anyhow::Result<u8> {
    let conn = store::open(path).map_err(|e| CliError::usage(e.0))?;
    let failed = |e: rusqlite::Error| CliError::usage(format!("the store failed: {e}"));
    let now = store::now_ms();
    let (found, what) = match action {
        SandboxAction::List { json, limit } => {
            let (codes, tokens) =
                admin::recent(&conn, limit, now, LIST_CODE_TTL_MS).map_err(failed)?;
            let text = if json {
                crate::payload::to_json(
                    &serde_json::json!({"codes": codes, "tokens": tokens}),
                    false,
                )
            } else {
                table(&codes, &tokens)
            };
            crate::output::stdout(text.as_bytes())?;
            return Ok(0);
        }
        SandboxAction::ExpireCode { code } => (
            admin::break_code(&conn, &code, CodeFault::Expired, now).map_err(failed)?,
            format!("code {}", crate::output::brief(&code)),
        ),
        SandboxAction::UseCode { code } => (
            admin::break_code(&conn, &code, CodeFault::Used, now).map_err(failed)?,
            format!("code {}", crate::output::brief(&code)),
        ),
        SandboxAction::ForgetCode { code } => (
            admin::break_code(&conn, &code, CodeFault::Unknown, now).map_err(failed)?,
            format!("code {}", crate::output::brief(&code)),
        ),
        SandboxAction::ExpireToken { token } => (
            admin::expire_token(&conn, &token, now).map_err(failed)?,
            "token".to_string(),
        ),
    };
    if found {
        Ok(0)
    } else {
        Err(CliError::invalid(format!("the store holds no {what}"))
            .with_hint("`authcode sandbox list` shows what it holds")
            .into())
    }
}

fn table(codes: &[admin::CodeRow], tokens: &[admin::TokenRow]) -> String {
    let mut out = Vec::new();
    let _ = writeln!(out, "CODES (newest first)");
    for c in codes {
        let _ = writeln!(
            out,
            "  {}  {:<8}  {}  user {}",
            c.code,
            c.state,
            c.scopes.join(","),
            c.user_id
        );
    }
    let _ = writeln!(out, "TOKENS (newest first)");
    for t in tokens {
        let _ = writeln!(
            out,
            "  {}  {:<7}  {}  user {}",
            t.access_token,
            t.state,
            t.scopes.join(","),
            t.user_id
        );
    }
    String::from_utf8(out).unwrap_or_default()
}
