//! `authcode serve`: starts the server (the store's writer, the runtime, the listener), prints
//! its URL, and stops it on Ctrl-C or SIGTERM after the requests in flight are answered, for at
//! most [`GRACE`](super::connections::GRACE); a second signal stops it at once
//! (`connections.rs` serves the connections).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::CliError;
use crate::output::{self, ColorMode};
use crate::sandbox::store::{self, Ttls};
use crate::text;

use super::connections::{self, Signals};
use super::platform_key::{self, PlatformKey};
use super::record::open_failed;
use super::routes::consent::check::Choice;
use super::state::AppState;
use super::{app, signature, tls};

/// What `authcode serve` was asked for.
#[derive(Debug, Clone)]
pub(crate) struct ServeConfig {
    pub listen: String,
    pub store: PathBuf,
    pub partner_id: Option<String>,
    pub partner_public_key: Option<signature::KeySource>,
    /// The platform key to sign with instead of the store's own.
    pub platform_private_key: Option<PathBuf>,
    pub ttls: Ttls,
    pub quiet: bool,
    pub color: ColorMode,
    /// The scopes the consent page offers (with DANA's web-binding scopes).
    pub profile: crate::profile::Profile,
    /// Who can consent on the page.
    pub users: crate::users::Users,
    /// Answer the consent page without asking.
    pub auto_consent: Option<Choice>,
    /// `--admin-token`: required for the listing and its buttons.
    pub admin_token: Option<String>,
    /// `--redirect-url`: the redirect URLs the consent page allows (any when empty).
    pub redirect_urls: Vec<String>,
    /// `--max-clock-skew` (ms).
    pub max_clock_skew: Option<i64>,
    /// Serve HTTPS with a certificate for these names besides the loopback ones.
    pub tls: Option<Vec<String>>,
    /// `--wait-for-store`: how long to keep trying a database store that cannot be reached.
    pub wait_for_store: Option<std::time::Duration>,
}

/// Runs the server until Ctrl-C or SIGTERM; exit code 0 after in-flight requests finished.
pub(crate) fn run(config: &ServeConfig) -> anyhow::Result<u8> {
    let verifier = match &config.partner_public_key {
        Some(source) => Some(source.verifier().map_err(|why| {
            CliError::usage(why).with_hint(
                "give the merchant's RSA public key as PEM (PUBLIC KEY or RSA PUBLIC KEY), \
                 in a file or as the option's text",
            )
        })?),
        None => None,
    };
    let writer = open_writer(config)?;
    let platform = platform_key(&config.store, config.platform_private_key.as_deref())?;
    let tls = match &config.tls {
        Some(names) => Some(
            tls::prepare(&store::local_files(&config.store)?, names).map_err(|why| {
                CliError::usage(format!("cannot serve HTTPS: {why}"))
                    .with_hint("--tls-name takes a DNS name or an IP address")
            })?,
        ),
        None => None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::usage(format!("cannot start the server: {e}")))?;
    let keyless = verifier.is_none();
    let state = Arc::new(AppState {
        writer,
        partner_id: config.partner_id.clone(),
        verifier,
        ttls: config.ttls,
        log: !config.quiet,
        profile: config.profile.clone(),
        users: config.users.clone(),
        auto_consent: config.auto_consent,
        redirect_urls: config.redirect_urls.clone(),
        max_clock_skew: config.max_clock_skew,
        guard: super::guard::Guard {
            admin_token: config.admin_token.clone(),
        },
        platform,
    });
    let exit = runtime.block_on(async move {
        // Listen for the signals before the URL is out: a script may send one at once.
        let mut signals = Signals::listen()?;
        let listener = bind(&config.listen).await?;
        let address = listener
            .local_addr()
            .map_err(|e| CliError::usage(format!("cannot listen on {}: {e}", config.listen)))?;
        let scheme = if tls.is_some() { "https" } else { "http" };
        output::stdout(format!("{scheme}://{address}\n").as_bytes())?;
        if let Some(tls) = &tls {
            let ca = text::display_path(&tls.ca_path);
            let _ = writeln!(
                std::io::stderr().lock(),
                "note: HTTPS with a certificate from the local CA {ca}; trust it with \
                 SSL_CERT_FILE={ca} (Python), NODE_EXTRA_CA_CERTS={ca} (Node), \
                 REQUESTS_CA_BUNDLE={ca} (requests) or curl --cacert {ca}"
            );
        }
        if keyless {
            output::warn(
                config.color,
                "no --partner-public-key: every signature is accepted",
            );
        }
        if let Some(exposed) = super::guard::exposure(address, keyless, &config.admin_token) {
            output::warn(config.color, &exposed);
        }
        let tls = tls.map(|tls| tls.config);
        let app = app::app(state);
        Ok::<u8, anyhow::Error>(
            connections::serve(listener, app, tls, &mut signals, config.color).await,
        )
    });
    // A connection still open after the grace period is dropped with the runtime, not waited on.
    runtime.shutdown_background();
    exit
}

/// The key the answers are signed with: the given one, else the store's (created once).
/// The store's writer; a database that cannot be reached is tried again every half second for
/// `--wait-for-store`, said once on stderr.
fn open_writer(config: &ServeConfig) -> Result<store::writer::Writer, CliError> {
    let color = config.color;
    let deadline = config.wait_for_store.map(|d| std::time::Instant::now() + d);
    let mut said = false;
    loop {
        let opened = store::writer::Writer::open_noticing(&config.store, move |notice| {
            output::warn(color, notice);
        });
        match opened {
            Ok(writer) => return Ok(writer),
            Err(e @ store::OpenError::Unreachable { .. })
                if deadline.is_some_and(|d| std::time::Instant::now() < d) =>
            {
                if !said {
                    let wait =
                        humantime::format_duration(config.wait_for_store.unwrap_or_default());
                    output::warn(color, &format!("{e}; trying again for up to {wait}"));
                    said = true;
                }
                std::thread::sleep(std::time::Duration::from_millis(500));
            }
            Err(e) => return Err(CliError::usage(open_failed(&e))),
        }
    }
}

pub(crate) fn platform_key(
    store: &std::path::Path,
    given: Option<&std::path::Path>,
) -> Result<PlatformKey, CliError> {
    PlatformKey::for_store(store, given).map_err(|why| {
        let at = match (given, store::postgres::url(store)) {
            (Some(path), _) => text::display_path(path).to_string(),
            (None, Some(url)) => format!("of {}", store::postgres::shown(url)),
            (None, None) => text::display_path(&platform_key::path_beside(store)).to_string(),
        };
        CliError::usage(format!("cannot use the platform key {at}: {why}"))
            .with_hint("give an RSA private key as PEM (PRIVATE KEY or RSA PRIVATE KEY)")
    })
}

async fn bind(listen: &str) -> Result<tokio::net::TcpListener, CliError> {
    let unusable = |why: String| {
        CliError::usage(format!("cannot listen on {}: {why}", text::brief(listen)))
            .with_hint("--listen takes HOST:PORT, e.g. 127.0.0.1:8470 (port 0: any free port)")
    };
    let addresses: Vec<_> = tokio::net::lookup_host(listen)
        .await
        .map_err(|e| unusable(crate::error::io_reason(&e)))?
        .collect();
    let mut last = None;
    for address in addresses {
        match tokio::net::TcpListener::bind(address).await {
            Ok(listener) => return Ok(listener),
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) if e.kind() == std::io::ErrorKind::AddrInUse => CliError::usage(format!(
            "cannot listen on {}: {}",
            text::brief(listen),
            crate::error::io_reason(&e)
        ))
        .with_hint("another `authcode serve` (or another program) may be running on that port")
        .with_hint("--listen 127.0.0.1:0 takes any free port; the first line printed says which"),
        Some(e) => unusable(crate::error::io_reason(&e)),
        None => unusable("the name has no address".to_string()),
    })
}
