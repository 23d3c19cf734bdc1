//! Serving connections until told to stop. Each connection is hyper's HTTP/1 connection with a
//! timer, so that a client that opens a connection and never finishes a request head (or
//! leaves a kept-alive connection idle) is let go after [`HEADER_TIMEOUT`] — axum's `serve`
//! sets no timer, and such a client held the server after SIGTERM, and its memory, for ever.
//! hyper times no body, so each request's body is [`Stalling`]: one that stops arriving for
//! [`BODY_TIMEOUT`] fails with [`BodyStalled`], which the route answers 408 (and the access log
//! logs), and the connection, its body unread, is closed.
//! Over TCP, or TLS with `serve --tls`. Every request is told its peer's address (the pages'
//! guard answers loopback clients only) and counted while in flight. After Ctrl-C or SIGTERM
//! the requests in flight get [`GRACE`]; a second signal stops at once.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
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

/// How long a request body may go without a byte arriving. A gap between bytes, not a
/// deadline for the whole body (nginx's `client_body_timeout` rule): a body that keeps coming,
/// however slowly, is never cut, and one that stalls (a client that declared more than it
/// sent, or hangs mid-upload) is cut 10 s after its last byte, as a head is.
pub(crate) const BODY_TIMEOUT: Duration = Duration::from_secs(10);

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

/// A request body that fails with [`BodyStalled`] once it has been waited for [`BODY_TIMEOUT`]
/// without a byte arriving.
struct Stalling {
    body: hyper::body::Incoming,
    /// Since when the body has been waited for, if it is.
    waiting: Option<Pin<Box<tokio::time::Sleep>>>,
}

/// The error of a body that stopped arriving.
#[derive(Debug)]
pub(crate) struct BodyStalled;

impl std::fmt::Display for BodyStalled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no byte of the body arrived for {} s",
            BODY_TIMEOUT.as_secs()
        )
    }
}

impl std::error::Error for BodyStalled {}

/// Whether `error` (a body's read error, through whatever wraps it) is a body that stopped
/// arriving.
pub(crate) fn stalled(error: &(dyn std::error::Error + 'static)) -> bool {
    std::iter::successors(Some(error), |e| e.source()).any(|e| e.is::<BodyStalled>())
}

impl hyper::body::Body for Stalling {
    type Data = hyper::body::Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        let this = &mut *self;
        match Pin::new(&mut this.body).poll_frame(cx) {
            Poll::Ready(frame) => {
                this.waiting = None;
                Poll::Ready(frame.map(|f| f.map_err(Into::into)))
            }
            Poll::Pending => {
                let waiting = this
                    .waiting
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(BODY_TIMEOUT)));
                match waiting.as_mut().poll(cx) {
                    Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyStalled)))),
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.body.size_hint()
    }
}

impl hyper::service::Service<hyper::Request<hyper::body::Incoming>> for Counted {
    type Response = axum::response::Response;
    type Error = std::convert::Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn call(&self, request: hyper::Request<hyper::body::Incoming>) -> Self::Future {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let counted = InFlight(self.in_flight.clone());
        let mut request = request.map(|body| Stalling {
            body,
            waiting: None,
        });
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
