//! The application: the router assembled from the route table, the answers for a wrong
//! method and an unknown path, the body limit, the guard in front of the pages, and the access
//! log. A function of the state,
//! so tests can call it without a socket.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;

use super::answer::{self, Answer};
use super::guard;
use super::route::{Route, Shape};
use super::routes::{self, alipay_cn, alipay_plus, profile};
use super::state::AppState;

/// The largest request body accepted.
pub(crate) const BODY_LIMIT: usize = 1 << 20;

/// The application.
pub(crate) fn app(state: Arc<AppState>) -> Router {
    routes::ALL
        .iter()
        .flat_map(|&(route, methods)| route.paths().iter().map(move |p| (route, methods, p)))
        .fold(Router::new(), |router, (route, methods, path)| {
            let methods = methods()
                .fallback(move || async move { wrong_method(route) })
                .layer(middleware::from_fn_with_state(route, declared_too_large));
            let methods = if route.is_page() {
                methods.layer(middleware::from_fn_with_state(
                    (state.guard.clone(), route),
                    guard::pages,
                ))
            } else {
                methods
            };
            router.route(path, methods)
        })
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state.clone(), access_log))
        .with_state(state)
}

/// 405 in the route's shape, with the methods it serves in `Allow`.
fn wrong_method(route: Route) -> Response {
    let answer = match route.shape() {
        Shape::Snap => Answer::snap(
            405,
            &format!("405{}00", route.service()),
            "Method Not Allowed",
            serde_json::Value::Null,
        ),
        Shape::OpenApi => profile::wrong_method(),
        Shape::AlipayPlus => alipay_plus::wrong_method(),
        Shape::AlipayCn => alipay_cn::wrong_method(),
    };
    let mut response = answer.into_response();
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(route.allow()));
    response
}

/// 413 in the route's shape for a body whose `Content-Length` is over the limit, before
/// anything reads it: hyper sends `100 Continue` when the body is first read, so a client that
/// asked `Expect: 100-continue` is refused without sending the body.
async fn declared_too_large(
    State(route): State<Route>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_none_or(|n| n <= BODY_LIMIT as u64) {
        return next.run(request).await;
    }
    match route.shape() {
        Shape::Snap => Answer::snap(
            413,
            "4137400",
            "Bad Request. The body is over 1 MiB",
            serde_json::Value::Null,
        ),
        Shape::OpenApi => profile::too_large(),
        Shape::AlipayPlus => alipay_plus::too_large(),
        Shape::AlipayCn => alipay_cn::too_large(),
    }
    .into_response()
}

async fn not_found() -> Answer {
    Answer::snap(404, "4040000", &served(), serde_json::Value::Null)
}

/// "Not Found. This sandbox serves ...": every route of the table, by its first path and its
/// methods (`serve --help` names the other paths).
fn served() -> String {
    let routes: Vec<String> = routes::ALL
        .iter()
        .map(|(route, _)| format!("{} {}", route.allow(), route.path()))
        .collect();
    format!(
        "Not Found. This sandbox serves {} (see authcode serve --help)",
        routes.join("; ")
    )
}

/// One line per request on stderr: method, path, HTTP status, result code, milliseconds.
/// Only the path is logged — never a query, a header or a body, where secrets travel.
///
/// The route runs in a task of its own, so a request whose client hung up still finishes
/// (what it did in the store is done either way) and is logged, marked `client-gone`.
async fn access_log(
    State(state): State<Arc<AppState>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if !state.log {
        return next.run(request).await;
    }
    let started = Instant::now();
    let method: Method = request.method().clone();
    let path = crate::text::brief(request.uri().path()).into_owned();
    let waiting = Waiting(Arc::new(AtomicBool::new(true)));
    let still_waiting = waiting.0.clone();
    let task = tokio::spawn(async move {
        let response = next.run(request).await;
        let gone = if still_waiting.load(Ordering::SeqCst) {
            ""
        } else {
            " client-gone"
        };
        let line = format!(
            "{method} {path} {} {}{gone} {:.1}ms\n",
            response.status().as_u16(),
            answer::logged(&response),
            started.elapsed().as_secs_f64() * 1000.0
        );
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
        response
    });
    let response = task.await;
    drop(waiting);
    response.unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Set while the connection still waits for the answer; cleared when hyper drops the
/// request's future (the client hung up).
struct Waiting(Arc<AtomicBool>);

impl Drop for Waiting {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}
