//! The configuration of the sandbox commands: `serve`, `sandbox`, and where `request`
//! records the codes it mints.

use std::path::PathBuf;

use super::command::Action;
use super::record::StoreTarget;
use super::routes::consent::check::Choice;
use super::server::ServeConfig;
use crate::cli;
use crate::error::CliError;
use crate::output::ColorMode;
use crate::profile::Profile;

/// The store `--store`/`AUTHCODE_STORE` names, else the one in the state directory.
pub(crate) fn store_path(store: Option<PathBuf>) -> Result<PathBuf, CliError> {
    store
        .or_else(crate::sandbox::store::default_path)
        .ok_or_else(|| {
            CliError::usage(
                "no state directory for the store: neither XDG_STATE_HOME nor HOME is set",
            )
            .with_hint("name one: --store PATH or AUTHCODE_STORE=PATH")
        })
}

/// Where `request` records its code: `--no-store`, `--store`/`AUTHCODE_STORE`, or the
/// state directory.
pub(crate) fn store_target(store: Option<PathBuf>, off: bool) -> StoreTarget {
    StoreTarget::of(store, off)
}

/// What `authcode sandbox` was asked to do.
pub(crate) fn sandbox_action(action: cli::SandboxAction) -> Action {
    match action {
        cli::SandboxAction::List { json, limit } => Action::List { json, limit },
        cli::SandboxAction::Key { pem, base64 } => Action::Key { pem, base64 },
        cli::SandboxAction::ExpireCode { code } => Action::ExpireCode { code },
        cli::SandboxAction::UseCode { code } => Action::UseCode { code },
        cli::SandboxAction::ForgetCode { code } => Action::ForgetCode { code },
        cli::SandboxAction::ExpireToken { token } => Action::ExpireToken { token },
        cli::SandboxAction::Unbind { token } => Action::Unbind { token },
        cli::SandboxAction::Fault {
            route,
            answer,
            http,
            delay,
            count,
            fraction,
        } => Action::Fault {
            route,
            answer,
            http,
            delay,
            count,
            fraction,
        },
        cli::SandboxAction::ClearFaults { route } => Action::ClearFaults { route },
        cli::SandboxAction::Reset => Action::Reset,
    }
}

/// What `authcode serve` was asked for.
pub(crate) fn serve(
    args: cli::ServeArgs,
    store: Option<PathBuf>,
    color: ColorMode,
    profile: Profile,
    users: crate::users::Users,
) -> anyhow::Result<ServeConfig> {
    let now = crate::sandbox::store::now_ms();
    let ttls = crate::sandbox::store::Ttls {
        code: crate::sandbox::store::CodeTtl {
            given: args
                .code_ttl
                .as_deref()
                .map(|ttl| lifetime("--code-ttl", ttl, now))
                .transpose()?,
            default: lifetime("--code-ttl", super::cli::DEFAULT_CODE_TTL, now)?,
        },
        access: lifetime("--access-token-ttl", &args.access_token_ttl, now)?,
        refresh: lifetime("--refresh-token-ttl", &args.refresh_token_ttl, now)?,
    };
    let store = store_path(store)?;
    Ok(ServeConfig {
        listen: args.listen,
        store,
        partner_id: args.partner_id.filter(|p| !p.is_empty()),
        partner_public_key: args.partner_public_key.map(super::signature::KeySource::of),
        platform_private_key: args.platform_private_key,
        tls: args.tls.then_some(args.tls_name),
        wait_for_store: args
            .wait_for_store
            .as_deref()
            .map(|d| super::duration::parse("--wait-for-store", d))
            .transpose()?,
        ttls,
        quiet: args.quiet,
        color,
        profile,
        users,
        admin_token: args.admin_token.filter(|t| !t.is_empty()),
        redirect_urls: args
            .redirect_url
            .into_iter()
            .map(redirect_url)
            .collect::<Result<_, _>>()?,
        max_clock_skew: args
            .max_clock_skew
            .as_deref()
            .map(|d| super::duration::parse("--max-clock-skew", d).map(super::duration::millis))
            .transpose()?,
        auto_consent: args.auto_consent.map(|a| match a {
            cli::AutoConsent::Allow => Choice::Allow,
            cli::AutoConsent::Deny => Choice::Deny,
        }),
    })
}

/// A lifetime in milliseconds: a duration whose end, for what is issued in the year after `now`
/// (a server left running), can still be written as a date (up to the year 9999).
fn lifetime(flag: &str, text: &str, now: i64) -> Result<i64, CliError> {
    const YEAR_MS: i64 = 366 * 24 * 3600 * 1000;
    let ms = super::duration::millis(super::duration::parse(flag, text)?);
    let last = now.checked_add(YEAR_MS).and_then(|t| t.checked_add(ms));
    if last.is_some_and(super::times::writable) {
        Ok(ms)
    } else {
        Err(CliError::usage(format!(
            "{flag} {:?} is too long: what is issued would expire after the year 9999",
            crate::text::brief(text)
        ))
        .with_hint("lifetimes are for tests: e.g. 10m, 1h, 7d or 3650d"))
    }
}

/// A `--redirect-url` as the merchant portal registers one: an http(s) URL with a host.
fn redirect_url(text: String) -> Result<String, CliError> {
    let usable = text.parse::<axum::http::Uri>().is_ok_and(|uri| {
        matches!(uri.scheme_str(), Some("http" | "https"))
            && uri.host().is_some_and(|host| !host.is_empty())
    });
    if usable {
        return Ok(text);
    }
    Err(CliError::usage(format!(
        "--redirect-url {:?} is not an http(s) URL",
        crate::text::brief(&text)
    ))
    .with_hint("give it as the merchant portal registers it, e.g. https://shop.example/callback"))
}
