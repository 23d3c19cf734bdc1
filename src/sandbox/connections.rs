//! Serving connections until told to stop. Each connection is hyper's HTTP/1 connection with a
//! timer, so that a client that opens a connection and never finishes a request head (or
//! leaves a kept-alive connection idle) is let go after [`HEADER_TIMEOUT`] — axum's `serve`
//! sets no timer, and such a client held the server after SIGTERM, and its memory, for ever.
//! Over TCP, or TLS with `serve --tls`. Every request is told its peer's address (the pages'
//! guard answers loopback clients only) and counted while in flight. After Ctrl-C or SIGTERM
//! the requests in flight get [`GRACE`]; a second signal stops at once.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;

use crate::error::CliError;
use crate::output::{self, ColorMode};

use super::tls::HANDSHAKE_TIMEOUT;

/// How long a connection may take to send a request head, and stay idle between requests.
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long the requests in flight get to be answered after Ctrl-C or SIGTERM.
pub(crate) const GRACE: Duration = Duration::from_secs(5);

/// Serves connections until a signal, then answers the requests in flight for up to [`GRACE`]
/// (exit 0), or until a second signal (exit 130).
pub(super) async fn serve(
    mut listener: tokio::net::TcpListener,
    app: axum::Router,
    tls: Option<Arc<rustls::ServerConfig>>,
    signals: &mut Signals,
    color: ColorMode,
) -> u8 {
    use axum::serve::Listener;
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    let app = TowerToHyperService::new(app);
    let in_flight = Arc::new(AtomicUsize::new(0));
    let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
    let graceful = GracefulShutdown::new();
    loop {
        tokio::select! {
            (tcp, peer) = Listener::accept(&mut listener) => {
                // Answers go out at once, not held back by Nagle's algorithm for an ACK.
                let _ = tcp.set_nodelay(true);
                let service = Counted { app: app.clone(), in_flight: in_flight.clone(), peer };
                let (http, watcher) = (http.clone(), graceful.watcher());
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    match acceptor {
                        None => {
                            let connection = http.serve_connection(TokioIo::new(tcp), service);
                            let _ = watcher.watch(connection).await;
                        }
                        Some(acceptor) => {
                            let handshake = acceptor.accept(tcp);
                            let Ok(Ok(tls)) = tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake).await
                            else {
                                return;
                            };
                            let connection = http.serve_connection(TokioIo::new(tls), service);
                            let _ = watcher.watch(connection).await;
                        }
                    }
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

/// The app as hyper calls it for one connection: each request told its peer's address (as
/// axum's connect info), and counted in flight (a request whose client hung up is counted out
/// when its future is dropped), so that a stop can say whether it waits for any.
#[derive(Clone)]
struct Counted {
    app: TowerToHyperService<axum::Router>,
    in_flight: Arc<AtomicUsize>,
    peer: SocketAddr,
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

    fn call(&self, mut request: hyper::Request<hyper::body::Incoming>) -> Self::Future {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let counted = InFlight(self.in_flight.clone());
        request.extensions_mut().insert(ConnectInfo(self.peer));
        let answer = self.app.call(request);
        Box::pin(async move {
            let answer = answer.await;
            drop(counted);
            answer
        })
    }
}

/// Ctrl-C and SIGTERM, listened for from the moment this is made.
#[cfg(unix)]
pub(super) struct Signals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    pub(super) fn listen() -> Result<Signals, CliError> {
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
pub(super) struct Signals;

#[cfg(not(unix))]
impl Signals {
    pub(super) fn listen() -> Result<Signals, CliError> {
        Ok(Signals)
    }

    /// Resolves at the next Ctrl-C.
    async fn next(&mut self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
