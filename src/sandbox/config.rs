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
    let duration = |flag: &str, text: &str| -> Result<i64, CliError> {
        humantime::parse_duration(text.trim())
            .ok()
            .filter(|d| !d.is_zero())
            .and_then(|d| i64::try_from(d.as_millis()).ok())
            .ok_or_else(|| {
                CliError::usage(format!(
                    "{flag} {:?} is not a duration",
                    crate::text::brief(text)
                ))
                .with_hint("write durations like 90s, 10m, 1h or 7d")
            })
    };
    let ttls = crate::sandbox::store::Ttls {
        code: duration("--code-ttl", &args.code_ttl)?,
        access: duration("--access-token-ttl", &args.access_token_ttl)?,
        refresh: duration("--refresh-token-ttl", &args.refresh_token_ttl)?,
    };
    let store = store_path(store)?;
    Ok(ServeConfig {
        listen: args.listen,
        store,
        partner_id: args.partner_id.filter(|p| !p.is_empty()),
        partner_public_key: args.partner_public_key,
        platform_private_key: args.platform_private_key,
        tls: args.tls.then_some(args.tls_name),
        ttls,
        quiet: args.quiet,
        color,
        profile,
        users,
        admin_token: args.admin_token.filter(|t| !t.is_empty()),
        redirect_urls: args.redirect_url,
        max_clock_skew: args
            .max_clock_skew
            .as_deref()
            .map(|d| duration("--max-clock-skew", d))
            .transpose()?,
        auto_consent: args.auto_consent.map(|a| match a {
            cli::AutoConsent::Allow => Choice::Allow,
            cli::AutoConsent::Deny => Choice::Deny,
        }),
    })
}
