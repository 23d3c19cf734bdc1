//! `authcode sandbox`: what the store holds, and failures on demand from the command line
//! (the same operations as the buttons of the server's listing page, in `store::admin`).

use std::io::Write;
use std::path::Path;

use super::cli::DEFAULT_CODE_TTL;
use super::record::open_failed;
use super::route::Route;
use super::routes::{alipay_cn, alipay_plus, apply_token, customer, profile};
use crate::error::CliError;
use crate::sandbox::faults::{label, reach};
use crate::sandbox::store::admin::{self, CodeFault};
use crate::sandbox::store::faults;
use crate::sandbox::store::{self, OpenError};

/// The code lifetime `list` judges expiry by: serve's default `--code-ttl`.
fn list_code_ttl_ms() -> i64 {
    super::duration::parse("--code-ttl", DEFAULT_CODE_TTL).map_or(i64::MAX, super::duration::millis)
}

/// How `list` judges a code's expiry: as `serve` does without `--code-ttl`, by the lifetime
/// recorded with the code, else the default.
fn list_code_ttl() -> store::CodeTtl {
    store::CodeTtl {
        given: None,
        default: list_code_ttl_ms(),
    }
}

/// What `authcode sandbox` was asked to do (built from the command line in `run.rs`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Action {
    List {
        json: bool,
        limit: usize,
    },
    /// Print the platform public key: both forms unless one is asked for.
    Key {
        pem: bool,
        base64: bool,
    },
    ExpireCode {
        code: String,
    },
    UseCode {
        code: String,
    },
    ForgetCode {
        code: String,
    },
    ExpireToken {
        token: String,
    },
    /// End the binding `token` belongs to.
    Unbind {
        token: String,
    },
    /// Arm a fault on `route`.
    Fault {
        route: Route,
        answer: Option<String>,
        http: Option<u16>,
        delay: Option<String>,
        count: Option<u32>,
        fraction: Option<f64>,
    },
    ClearFaults {
        route: Option<Route>,
    },
    /// Empty the store.
    Reset,
}

/// Runs one action on the store at `path`; exit 1 when the code or token is not there. Only
/// arming a fault and printing the platform key create a store (for a server started after
/// it: the key is the store's); the other actions read or change one that exists, and each
/// names it.
pub(crate) fn run(path: &Path, action: Action) -> anyhow::Result<u8> {
    let opened = match action {
        Action::Fault { .. } | Action::Key { .. } => store::connect(path),
        _ => store::connect_existing(path),
    };
    let conn = opened.map_err(|e| {
        let error = CliError::usage(open_failed(&e));
        match e {
            OpenError::Missing { .. } => error.with_hint(
                "`authcode request` and `authcode serve` create it; --store or AUTHCODE_STORE \
                 name another",
            ),
            _ => error,
        }
    })?;
    let failed =
        |e: crate::sandbox::store::SqlError| CliError::usage(format!("the store failed: {e}"));
    let now = store::now_ms();
    let shown = store::shown(path);
    let (found, what) = match action {
        Action::List { json, limit } => {
            let (codes, tokens) =
                admin::recent(&conn, limit, now, list_code_ttl()).map_err(failed)?;
            let armed = faults::armed(&conn).map_err(failed)?;
            let text = if json {
                crate::payload::to_json(
                    &serde_json::json!({
                        "store": store::postgres::url(path).map_or_else(
                            || serde_json::json!(path),
                            |url| serde_json::json!(store::postgres::shown(url))
                        ),
                        "codes": codes, "tokens": tokens, "faults": armed
                    }),
                    false,
                )
            } else {
                format!("STORE {shown}\n{}", table(&codes, &tokens, &armed))
            };
            crate::output::stdout(text.as_bytes())?;
            return Ok(0);
        }
        Action::Key { pem, base64 } => {
            let key = super::server::platform_key(path, None)?;
            let mut text = String::new();
            if !base64 {
                text.push_str(&key.public_pem());
            }
            if !pem {
                text.push_str(&key.public_base64());
                text.push('\n');
            }
            crate::output::stdout(text.as_bytes())?;
            return Ok(0);
        }
        Action::ExpireCode { code } => {
            let done = admin::break_code(&conn, &code, CodeFault::Expired, now).map_err(failed)?;
            if !done && admin::redeemed(&conn, &code).map_err(failed)? == Some(true) {
                return Err(CliError::invalid(format!(
                    "code {} was already redeemed; it stays redeemed",
                    crate::text::brief(&code)
                ))
                .with_hint("its next exchange answers \"Auth Code Used\"")
                .into());
            }
            let did = "marked expired: its next exchange answers \"Auth Code Expired\"";
            (
                done.then_some(did),
                format!("code {}", crate::text::brief(&code)),
            )
        }
        Action::UseCode { code } => (
            admin::break_code(&conn, &code, CodeFault::Used, now)
                .map_err(failed)?
                .then_some("marked used: its next exchange answers \"Auth Code Used\""),
            format!("code {}", crate::text::brief(&code)),
        ),
        Action::ForgetCode { code } => (
            admin::break_code(&conn, &code, CodeFault::Unknown, now)
                .map_err(failed)?
                .then_some("removed: its next exchange answers \"Auth Code Invalid\""),
            format!("code {}", crate::text::brief(&code)),
        ),
        Action::Fault {
            route,
            answer,
            http,
            delay,
            count,
            fraction,
        } => {
            let answer = fault_answer(route, answer, http, delay)?;
            let fraction = fraction.unwrap_or(1.0);
            if !(fraction > 0.0 && fraction <= 1.0) {
                return Err(CliError::usage(format!(
                    "--fraction {fraction:?} is not a share (0 < F <= 1)"
                ))
                .into());
            }
            let count = match (count, fraction < 1.0) {
                (Some(n), _) => Some(i64::from(n)),
                (None, true) => None,
                (None, false) => Some(1),
            };
            let id =
                faults::arm(&conn, route.name(), &answer, count, fraction, now).map_err(failed)?;
            crate::output::stdout(
                format!("fault {id} armed on {}: {}\n", route.name(), label(&answer)).as_bytes(),
            )?;
            confirm(&format!("(store {shown})"));
            return Ok(0);
        }
        Action::ClearFaults { route } => {
            let n = faults::clear(&conn, route.map(Route::name)).map_err(failed)?;
            crate::output::stdout(format!("{n} fault(s) cleared\n").as_bytes())?;
            confirm(&format!("(store {shown})"));
            return Ok(0);
        }
        Action::ExpireToken { token } => (
            admin::expire_token(&conn, &token, now)
                .map_err(failed)?
                .then_some("expired now, with its pair"),
            format!("token {}", crate::text::brief(&token)),
        ),
        Action::Unbind { token } => (
            store::binding::unbind(&conn, &token, now)
                .map_err(failed)?
                .then_some("unbound: the binding ended, its tokens stop working"),
            format!("token {}", crate::text::brief(&token)),
        ),
        Action::Reset => {
            let emptied = conn.transaction(admin::reset).map_err(failed)?;
            confirm(&format!(
                "emptied the store {shown}: {} code(s), {} token(s), {} fault(s) removed",
                emptied.codes, emptied.tokens, emptied.faults
            ));
            return Ok(0);
        }
    };
    match found {
        Some(did) => {
            confirm(&format!("{what} {did} (store {shown})"));
            Ok(0)
        }
        None => Err(
            CliError::invalid(format!("the store {shown} holds no {what}"))
                .with_hint("`authcode sandbox list` shows what it holds")
                .into(),
        ),
    }
}

/// One line on stderr that says what was done (stdout carries only results).
fn confirm(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The fault's answer, checked against the route's result codes.
fn fault_answer(
    route: Route,
    code: Option<String>,
    http: Option<u16>,
    delay: Option<String>,
) -> Result<faults::Answer, CliError> {
    if let Some(status) = http {
        return Ok(faults::Answer::Status(status));
    }
    if let Some(delay) = delay {
        return delay_ms(&delay).map(faults::Answer::DelayMs);
    }
    let code = code.unwrap_or_default();
    let known: Vec<String> = match route {
        Route::ApplyToken => apply_token::INJECTABLE
            .iter()
            .map(|(c, _)| c.to_string())
            .collect(),
        Route::AccountUnbinding | Route::ApplyOtt | Route::BalanceInquiry => {
            customer::injectable(route).collect()
        }
        Route::AlipayPlusApplyToken | Route::AlipayPlusUserInfo => {
            alipay_plus::injectable().map(str::to_string).collect()
        }
        Route::AlipayCnGateway => alipay_cn::INJECTABLE.map(str::to_string).to_vec(),
        _ => profile::injectable().map(str::to_string).collect(),
    };
    if known.contains(&code) {
        Ok(faults::Answer::Code(code))
    } else {
        Err(CliError::usage(format!(
            "--answer {} is not a failure {} answers",
            crate::text::brief(&code),
            route.name()
        ))
        .with_hint(format!("one of: {}", known.join(", "))))
    }
}

/// The longest `--delay`: longer than any client's timeout a test would set, and short enough
/// that an armed fault never holds a request for hours.
const MAX_DELAY: std::time::Duration = std::time::Duration::from_secs(300);

/// A `--delay` in milliseconds: more than zero, at most [`MAX_DELAY`].
fn delay_ms(text: &str) -> Result<u64, CliError> {
    let d = super::duration::parse("--delay", text)?;
    if d > MAX_DELAY {
        return Err(CliError::usage(format!(
            "--delay {:?} is longer than the cap of {}",
            crate::text::brief(text),
            humantime::format_duration(MAX_DELAY)
        ))
        .with_hint("a delay is for testing a client's timeout: more than zero, at most 5m"));
    }
    Ok(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn table(codes: &[admin::CodeRow], tokens: &[admin::TokenRow], armed: &[faults::Fault]) -> String {
    let mut out = Vec::new();
    let _ = writeln!(out, "CODES (newest first)");
    for c in codes {
        let _ = writeln!(
            out,
            "  {}  {:<8}  {}  {}  user {}",
            c.code,
            c.state,
            crate::text::sanitize(&c.wallet),
            c.scopes.join(","),
            c.user_id
        );
    }
    let _ = writeln!(out, "TOKENS (newest first)");
    for t in tokens {
        let _ = writeln!(
            out,
            "  {}  {:<7}  {}  {}  user {}",
            t.access_token,
            t.state,
            crate::text::sanitize(&t.wallet),
            t.scopes.join(","),
            t.user_id
        );
    }
    let _ = writeln!(out, "FAULTS (armed)");
    for f in armed {
        let _ = writeln!(
            out,
            "  #{}  {}  {}  {}",
            f.id,
            f.route,
            label(&f.answer),
            reach(f)
        );
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn list_judges_codes_by_serves_default_code_ttl() {
        // A default that did not parse would list every code as unused forever.
        assert_eq!(super::list_code_ttl_ms(), 10 * 60 * 1000);
    }
}
