//! Who may use the pages: the sandbox listens where the developer's browser also visits other
//! sites, so the browser-facing routes (the consent page, the listing and its buttons) refuse
//! what another site could make a browser send. Three checks, in this order:
//!
//! - **Host** (421): a page answers only a `Host` that is an IP address, `localhost` or a name
//!   under `.localhost`. A DNS-rebinding page reaches the sandbox under its own domain name, so
//!   its requests carry that name; an IP address in `Host` means the browser really asked
//!   for that address.
//! - **Origin** (403): a state-changing request (any method but GET, HEAD, OPTIONS) from a
//!   browser is refused unless it comes from the page's own origin: `Sec-Fetch-Site` must be
//!   `same-origin` or `none`; without it, `Origin`, when present, must name the `Host` (the
//!   rule of Go's `http.CrossOriginProtection`). Clients that send neither (curl, a test's
//!   HTTP client) are not browsers another site drives.
//! - **Admin** (403/401): the listing and its buttons answer only loopback clients, unless
//!   `--admin-token` is given: then every client must present it (`Authorization: Bearer T`
//!   or `?token=T`).
//!
//! The API routes backends call (Apply Token, the profile) check none of these: they carry no
//! ambient authority (no cookie; the code, token and signature travel in the request, so a
//! page that reaches them learns nothing it did not send), and backends in containers reach
//! the sandbox under a service name (`http://authcode:8470`).

use std::net::{IpAddr, SocketAddr};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::answer::Page;
use super::route::Route;

/// How the pages are protected, as `serve` was started.
#[derive(Debug, Clone, Default)]
pub(crate) struct Guard {
    /// `--admin-token`: required from every client of the listing and its buttons.
    pub admin_token: Option<String>,
}

/// The middleware of the page routes: the three checks, then the route.
pub(crate) async fn pages(
    State((guard, route)): State<(Guard, Route)>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let headers = request.headers();
    let json = super::answer::wants_json(request.uri().query(), headers);
    if !host_allowed(headers) {
        return refused(
            StatusCode::MISDIRECTED_REQUEST,
            "This host name is not the sandbox's",
            "The sandbox's pages answer only a Host that is an IP address, localhost or a name under .localhost: \
             a page of another site that reaches the sandbox under its own name is refused.",
            "refused-host",
            json,
        );
    }
    if !is_safe(request.method()) && cross_origin(headers) {
        return refused(
            StatusCode::FORBIDDEN,
            "A request from another site",
            "The sandbox's forms accept submissions from its own pages only.",
            "refused-cross-origin",
            json,
        );
    }
    if route.is_admin() {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(a)| a.ip());
        if let Some(refusal) = admin_refusal(&guard, peer, &request) {
            return refusal;
        }
    }
    next.run(request).await
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether `Host` names the sandbox as a browser on this machine (or one that asked for its
/// address) would: an IP address, `localhost`, or a name under `.localhost`. No `Host` is
/// not a browser's request.
pub(crate) fn host_allowed(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST) else {
        return true;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let name = host_name(host);
    if name.parse::<IpAddr>().is_ok() {
        return true;
    }
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

/// The name of `host` (`HOST[:PORT]`, `[V6][:PORT]`) without its port or brackets.
fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split_once(']').map_or(rest, |(v6, _)| v6);
    }
    host.rsplit_once(':').map_or(host, |(name, _)| name)
}

/// Whether a browser sent this request from another origin than the sandbox's own.
pub(crate) fn cross_origin(headers: &HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).map(|v| v.to_str().unwrap_or("?"));
    if let Some(site) = text("sec-fetch-site") {
        return !matches!(site, "same-origin" | "none");
    }
    match (text("origin"), text("host")) {
        (None, _) => false,
        (Some(origin), Some(host)) => {
            let authority = origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"));
            !authority.is_some_and(|a| a.eq_ignore_ascii_case(host))
        }
        (Some(_), None) => true,
    }
}

/// Whether a browser followed a link from another site here (`Sec-Fetch-Site`): such a link
/// cannot answer the consent page by itself.
pub(crate) fn from_another_site(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site" || v.as_bytes() == b"same-site")
}

/// The refusal of the listing or a button, if any: off loopback without `--admin-token`, or
/// without the token when it is given. A request with no peer address did not come from the
/// network (the app called in-process).
fn admin_refusal(guard: &Guard, peer: Option<IpAddr>, request: &Request<Body>) -> Option<Response> {
    let json = super::answer::wants_json(request.uri().query(), request.headers());
    match &guard.admin_token {
        Some(token) => {
            if presented(request).is_some_and(|p| same(p.as_bytes(), token.as_bytes())) {
                return None;
            }
            let mut response = refused(
                StatusCode::UNAUTHORIZED,
                "The admin token is required",
                "This sandbox was started with --admin-token: open the listing as /?token=TOKEN, \
                 or send Authorization: Bearer TOKEN.",
                "refused-admin",
                json,
            );
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
            Some(response)
        }
        None if peer.is_some_and(|ip| !is_loopback(ip)) => Some(refused(
            StatusCode::FORBIDDEN,
            "The listing answers this machine only",
            "The listing and its buttons answer loopback clients only. To use them from another host, \
             start the sandbox with --admin-token TOKEN.",
            "refused-admin",
            json,
        )),
        None => None,
    }
}

fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

/// The admin token the request presents: `Authorization: Bearer T`, else `?token=T`.
fn presented(request: &Request<Body>) -> Option<String> {
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());
    bearer.or_else(|| {
        form_urlencoded::parse(request.uri().query().unwrap_or("").as_bytes())
            .find(|(k, _)| k == "token")
            .map(|(_, v)| v.into_owned())
    })
}

/// Compares without an early exit, so the time taken says nothing of the token.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The query that keeps the admin token on the listing's links and forms (empty without one).
pub(crate) fn token_query(guard: &Guard) -> String {
    guard.admin_token.as_ref().map_or_else(String::new, |t| {
        format!(
            "token={}",
            form_urlencoded::byte_serialize(t.as_bytes()).collect::<String>()
        )
    })
}

/// The warning for a server that listens beyond loopback (`--listen 0.0.0.0:PORT`), saying
/// what the network can reach; none on loopback.
pub(crate) fn exposure(
    address: SocketAddr,
    keyless: bool,
    admin_token: &Option<String>,
) -> Option<String> {
    if is_loopback(address.ip()) {
        return None;
    }
    let signatures = if keyless {
        " with any signature (no --partner-public-key)"
    } else {
        ""
    };
    let admin = if admin_token.is_some() {
        "the listing and its buttons ask for the --admin-token"
    } else {
        "the listing and its buttons answer loopback clients only (--admin-token TOKEN opens them \
         to clients that present it)"
    };
    Some(format!(
        "listening on {address}, beyond loopback: every host that reaches this machine can exchange \
         codes and read profiles{signatures}, and use the consent page; {admin}"
    ))
}

/// A refusal: `status`, a title and why, and what the access log shows; as JSON when the
/// client asked for JSON.
fn refused(status: StatusCode, title: &str, why: &str, logged: &str, json: bool) -> Response {
    Page::refused(status, title, why, logged, json).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn hosts_a_rebinding_page_sends_are_refused() {
        for good in [
            "127.0.0.1:8470",
            "localhost:8470",
            "LOCALHOST",
            "app.localhost:1",
            "[::1]:8470",
            "10.0.0.7:8470",
            "localhost.",
        ] {
            assert!(host_allowed(&headers(&[("host", good)])), "{good}");
        }
        for bad in [
            "evil.example:8470",
            "localhost.evil.example",
            "127.0.0.1.nip.io:8470",
            "sandbox",
        ] {
            assert!(!host_allowed(&headers(&[("host", bad)])), "{bad}");
        }
    }

    #[test]
    fn only_the_pages_own_origin_may_change_state() {
        let host = ("host", "127.0.0.1:8470");
        assert!(!cross_origin(&headers(&[host])), "curl: no browser");
        assert!(!cross_origin(&headers(&[
            host,
            ("origin", "http://127.0.0.1:8470")
        ])));
        assert!(cross_origin(&headers(&[
            host,
            ("origin", "http://evil.example")
        ])));
        assert!(cross_origin(&headers(&[host, ("origin", "null")])));
        assert!(!cross_origin(&headers(&[
            host,
            ("sec-fetch-site", "same-origin"),
            ("origin", "http://127.0.0.1:8470")
        ])));
        for site in ["cross-site", "same-site"] {
            assert!(cross_origin(&headers(&[host, ("sec-fetch-site", site)])));
        }
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
    }
}
