//! `authcode serve`: starts the server (the store's writer, the runtime, the listener), prints
//! its URL, and stops it on Ctrl-C or SIGTERM after the requests in flight are answered, for at
//! most [`GRACE`]; a second signal stops it at once.
//!
//! Connections are served by hyper's HTTP/1 connection with a timer, so that a client that
//! opens a connection and never finishes a request head (or leaves a kept-alive connection
//! idle) is let go after [`HEADER_TIMEOUT`]: axum's `serve` sets no timer, and such a client
//! held the server after SIGTERM and its memory for ever.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;

use crate::error::CliError;
use crate::output::{self, ColorMode};
use crate::sandbox::store::{self, Ttls};
use crate::text;

use super::record::open_failed;
use super::routes::consent::check::Choice;
use super::state::AppState;
use super::{app, signature};

/// How long a connection may take to send a request head, and stay idle between requests.
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long the requests in flight get to be answered after Ctrl-C or SIGTERM.
pub(crate) const GRACE: Duration = Duration::from_secs(5);

/// What `authcode serve` was asked for.
#[derive(Debug, Clone)]
pub(crate) struct ServeConfig {
    pub listen: String,
    pub store: PathBuf,
    pub partner_id: Option<String>,
    pub partner_public_key: Option<signature::KeySource>,
    pub ttls: Ttls,
    pub quiet: bool,
    pub color: ColorMode,
    /// The scopes the consent page offers (with DANA's web-binding scopes).
    pub profile: crate::profile::Profile,
    /// Who can consent on the page.
    pub users: crate::users::Users,
    /// Answer the consent page without asking.
    pub auto_consent: Option<Choice>,
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
    let color = config.color;
    let writer = store::writer::Writer::open_noticing(&config.store, move |notice| {
        output::warn(color, notice);
    })
    .map_err(|e| CliError::usage(open_failed(&e)))?;
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
    });
    let exit = runtime.block_on(async move {
        // Listen for the signals before the URL is out: a script may send one at once.
        let mut signals = Signals::listen()?;
        let listener = bind(&config.listen).await?;
        let address = listener
            .local_addr()
            .map_err(|e| CliError::usage(format!("cannot listen on {}: {e}", config.listen)))?;
        output::stdout(format!("http://{address}\n").as_bytes())?;
        if keyless {
            output::warn(
                config.color,
                "no --partner-public-key: every signature is accepted",
            );
        }
        Ok::<u8, anyhow::Error>(serve(listener, app::app(state), &mut signals, config.color).await)
    });
    // A connection still open after the grace period is dropped with the runtime, not waited on.
    runtime.shutdown_background();
    exit
}

/// Serves connections until a signal, then answers the requests in flight for up to [`GRACE`]
/// (exit 0), or until a second signal (exit 130).
async fn serve(
    mut listener: tokio::net::TcpListener,
    app: axum::Router,
    signals: &mut Signals,
    color: ColorMode,
) -> u8 {
    use axum::serve::Listener;
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    let service = Counted {
        inner: TowerToHyperService::new(app),
        in_flight: Arc::new(AtomicUsize::new(0)),
    };
    let in_flight = service.in_flight.clone();
    let graceful = GracefulShutdown::new();
    loop {
        tokio::select! {
            (tcp, _) = Listener::accept(&mut listener) => {
                // Answers go out at once, not held back by Nagle's algorithm for an ACK.
                let _ = tcp.set_nodelay(true);
                let connection = http.serve_connection(TokioIo::new(tcp), service.clone());
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    let _ = connection.await;
                });
            }
            () = signals.next() => break,
        }
    }
    drop(listener);
    let busy = in_flight.load(Ordering::SeqCst);
    if busy > 0 {
        output::warn(
            color,
            &format!(
                "stopping: {busy} request(s) in flight get {} s to be answered (Ctrl-C again: \
                 stop now)",
                GRACE.as_secs()
            ),
        );
    }
    tokio::select! {
        () = graceful.shutdown() => 0,
        () = tokio::time::sleep(GRACE) => {
            let busy = in_flight.load(Ordering::SeqCst);
            if busy > 0 {
                output::warn(
                    color,
                    &format!("stopped: {busy} request(s) still in flight after the grace period were dropped"),
                );
            }
            0
        }
        () = signals.next() => 130,
    }
}

/// The app as hyper calls it, counting the requests in flight (a request whose client hung up
/// is counted out when its future is dropped), so that a stop can say whether it waits for any.
#[derive(Clone)]
struct Counted {
    inner: TowerToHyperService<axum::Router>,
    in_flight: Arc<AtomicUsize>,
}

/// One request in flight, counted out when dropped.
struct InFlight(Arc<AtomicUsize>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl hyper::service::Service<hyper::Request<hyper::body::Incoming>> for Counted {
    type Response = axum::response::Response;
    type Error = std::convert::Infallible;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<Self::Response, Self::Error>> + Send>,
    >;

    fn call(&self, request: hyper::Request<hyper::body::Incoming>) -> Self::Future {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let counted = InFlight(self.in_flight.clone());
        let answer = self.inner.call(request);
        Box::pin(async move {
            let answer = answer.await;
            drop(counted);
            answer
        })
    }
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

/// Ctrl-C and SIGTERM, listened for from the moment this is made.
#[cfg(unix)]
struct Signals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    fn listen() -> Result<Signals, CliError> {
        use tokio::signal::unix::{signal, SignalKind};
        let listen =
            |kind| signal(kind).map_err(|e| CliError::usage(format!("cannot handle signals: {e}")));
        Ok(Signals {
            interrupt: listen(SignalKind::interrupt())?,
            terminate: listen(SignalKind::terminate())?,
        })
    }

    /// Resolves at the next Ctrl-C or SIGTERM.
    async fn next(&mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {},
            _ = self.terminate.recv() => {},
        }
    }
}

/// Ctrl-C.
#[cfg(not(unix))]
struct Signals;

#[cfg(not(unix))]
impl Signals {
    fn listen() -> Result<Signals, CliError> {
        Ok(Signals)
    }

    /// Resolves at the next Ctrl-C.
    async fn next(&mut self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
