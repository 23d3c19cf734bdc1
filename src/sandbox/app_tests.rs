//! The router in-process (`oneshot`, no socket, no child process): the plain HTTP answers —
//! an unknown path, a wrong method with the route's own `Allow`, a body over the limit — in
//! each route's JSON shape.

use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use serde_json::Value;
use tower::ServiceExt;

use super::app::{app, BODY_LIMIT};
use super::guard::Guard;
use super::route::{Route, Shape};
use super::routes::ALL;
use super::state::AppState;
use super::store::writer::Writer;
use super::store::Ttls;

/// The app over a store of its own (kept until the test ends).
pub(super) fn sandbox() -> (tempfile::TempDir, axum::Router) {
    sandbox_guarded(Guard::default())
}

/// The same, with the pages guarded by `guard`.
pub(super) fn sandbox_guarded(guard: Guard) -> (tempfile::TempDir, axum::Router) {
    let dir = tempfile::tempdir().unwrap();
    let writer = Writer::open(&dir.path().join("store.sqlite3")).unwrap();
    let state = AppState {
        writer,
        partner_id: None,
        verifier: None,
        ttls: Ttls {
            code: crate::sandbox::store::CodeTtl::all(600_000),
            access: 3_600_000,
            refresh: 7_200_000,
        },
        log: false,
        profile: crate::profile::Profile::dana(),
        users: crate::users::Users::load(None).unwrap(),
        auto_consent: None,
        redirect_urls: Vec::new(),
        max_clock_skew: None,
        guard,
        platform: platform(),
    };
    (dir, app(Arc::new(state)))
}

/// A platform key to sign with (a test-only key of the repository: generating one is slow).
fn platform() -> crate::sandbox::platform_key::PlatformKey {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("platform.pem");
    std::fs::write(
        &path,
        include_str!("../../tests/keys/other-merchant.test-only.key.pem"),
    )
    .unwrap();
    crate::sandbox::platform_key::PlatformKey::read(&path).unwrap()
}

/// Sends one request; the status, the `Allow` header, the content type and the body as JSON.
async fn send(
    app: &axum::Router,
    method: &str,
    path: &str,
    body: Vec<u8>,
) -> (StatusCode, Option<String>, String, Value) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::from(body))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    let (allow, kind) = (header(header::ALLOW), header(header::CONTENT_TYPE));
    let status = response.status();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, allow, kind.unwrap_or_default(), json)
}

/// The result code of an answer in `shape`.
fn code_in(shape: Shape, body: &Value) -> Option<&str> {
    match shape {
        Shape::Snap => body["responseCode"].as_str(),
        Shape::OpenApi => body["response"]["body"]["resultInfo"]["resultCode"].as_str(),
        Shape::AlipayPlus => body["result"]["resultCode"].as_str(),
        Shape::AlipayCn => body["error_response"]["sub_code"].as_str(),
    }
}

/// A concrete path of a route (`{action}` filled in).
fn path_of(route: Route) -> String {
    route.path().replace("{action}", "expire-code")
}

#[tokio::test]
async fn an_unknown_path_is_a_snap_404_for_any_method() {
    let (_dir, app) = sandbox();
    for path in [
        "/nope",
        "/v1.0/access-token/b2b2c",
        "/dana/member",
        "/%ff",
        "/v1.0/access-token/b2b2c.htm/x",
        "/sandbox",
    ] {
        for method in ["GET", "POST"] {
            let (status, _, kind, body) = send(&app, method, path, b"{}".to_vec()).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}");
            assert_eq!(kind, "application/json", "{method} {path}");
            assert_eq!(body["responseCode"], "4040000", "{method} {path}: {body}");
            // It names every route the table serves, so a newcomer learns where to go.
            let said = body["responseMessage"].as_str().unwrap();
            for (route, _) in crate::sandbox::routes::ALL {
                assert!(
                    said.contains(route.path()),
                    "{} missing: {said}",
                    route.path()
                );
            }
        }
    }
}

#[tokio::test]
async fn a_wrong_method_is_405_with_the_routes_own_allow_in_its_shape() {
    let (_dir, app) = sandbox();
    let wrong = |route: Route| match route {
        Route::ApplyToken
        | Route::Profile
        | Route::Actions
        | Route::AccountUnbinding
        | Route::ApplyOtt
        | Route::BalanceInquiry
        | Route::AlipayPlusApplyToken
        | Route::AlipayPlusUserInfo => ["GET", "PUT", "DELETE", "PATCH"],
        Route::Listing | Route::OttPage | Route::Health => ["POST", "PUT", "DELETE", "PATCH"],
        Route::Consent | Route::AlipayCnGateway => ["PUT", "DELETE", "PATCH", "OPTIONS"],
    };
    for (route, _) in ALL {
        for method in wrong(route) {
            let (status, allow, kind, body) = send(&app, method, &path_of(route), Vec::new()).await;
            let what = format!("{method} {}", route.path());
            assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{what}");
            assert_eq!(allow.as_deref(), Some(route.allow()), "{what}");
            assert_eq!(kind, "application/json", "{what}");
            let want = match route.shape() {
                Shape::Snap => format!("405{}00", route.service()),
                Shape::OpenApi | Shape::AlipayPlus => "PARAM_ILLEGAL".into(),
                Shape::AlipayCn => "isv.invalid-parameter".into(),
            };
            assert_eq!(
                code_in(route.shape(), &body),
                Some(want.as_str()),
                "{what}: {body}"
            );
        }
    }
    // The header names what each route serves (GET serves HEAD too), not POST everywhere.
    for (path, want) in [
        ("/", "GET, HEAD"),
        ("/v1.0/get-auth-code", "GET, HEAD, POST"),
        ("/v1.0/access-token/b2b2c.htm", "POST"),
        ("/sandbox/use-code", "POST"),
    ] {
        let (_, allow, _, _) = send(&app, "PUT", path, Vec::new()).await;
        assert_eq!(allow.as_deref(), Some(want), "PUT {path}");
    }
    let (status, _, _, _) = send(&app, "HEAD", "/", Vec::new()).await;
    assert_eq!(status, StatusCode::OK, "HEAD / is served, as Allow says");
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_in_the_routes_shape() {
    let (_dir, app) = sandbox();
    let mut too_big = br#"{"grantType":"AUTHORIZATION_CODE","authCode":""#.to_vec();
    too_big.resize(BODY_LIMIT + 10, b'x');
    too_big.extend_from_slice(b"\"}");
    for route in [
        Route::ApplyToken,
        Route::Profile,
        Route::AccountUnbinding,
        Route::ApplyOtt,
        Route::BalanceInquiry,
        Route::AlipayPlusApplyToken,
        Route::AlipayPlusUserInfo,
        Route::AlipayCnGateway,
    ] {
        let (status, _, kind, body) = send(&app, "POST", route.path(), too_big.clone()).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{}", route.path());
        assert_eq!(kind, "application/json");
        let want = match route.shape() {
            Shape::Snap => format!("413{}00", route.service()),
            Shape::OpenApi | Shape::AlipayPlus => "PARAM_ILLEGAL".into(),
            Shape::AlipayCn => "isv.invalid-parameter".into(),
        };
        assert_eq!(code_in(route.shape(), &body), Some(want.as_str()), "{body}");
    }
    let (status, _, _, body) = send(&app, "POST", Route::ApplyToken.path(), too_big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        body["responseMessage"], "Bad Request. The body is over 1 MiB",
        "{body}"
    );
}

/// `GET /` from `peer` with `extra` headers: the status.
async fn listing_from(
    app: &axum::Router,
    peer: [u8; 4],
    extra: &[(&str, &str)],
    query: &str,
) -> StatusCode {
    let mut request = Request::builder().uri(format!("/?format=json{query}"));
    for (k, v) in extra {
        request = request.header(*k, *v);
    }
    let mut request = request.body(Body::empty()).unwrap();
    let peer = std::net::SocketAddr::from((peer, 40000));
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(peer));
    app.clone().oneshot(request).await.unwrap().status()
}

#[tokio::test]
async fn the_listing_answers_loopback_only_unless_the_admin_token_is_presented() {
    let (_dir, app) = sandbox();
    assert_eq!(
        listing_from(&app, [127, 0, 0, 1], &[], "").await,
        StatusCode::OK
    );
    assert_eq!(
        listing_from(&app, [192, 0, 2, 7], &[], "").await,
        StatusCode::FORBIDDEN
    );
    let (_dir, app) = sandbox_guarded(Guard {
        admin_token: Some("s3cret".into()),
    });
    for peer in [[127, 0, 0, 1], [192, 0, 2, 7]] {
        assert_eq!(
            listing_from(&app, peer, &[], "").await,
            StatusCode::UNAUTHORIZED
        );
        let wrong = [("authorization", "Bearer s3cre")];
        assert_eq!(
            listing_from(&app, peer, &wrong, "").await,
            StatusCode::UNAUTHORIZED
        );
        let right = [("authorization", "Bearer s3cret")];
        assert_eq!(listing_from(&app, peer, &right, "").await, StatusCode::OK);
        assert_eq!(
            listing_from(&app, peer, &[], "&token=s3cret").await,
            StatusCode::OK
        );
    }
}

/// A script that asks the listing for JSON gets its refusals as JSON too (`{"error", "why"}`),
/// not a page: without the admin token, and for a page number out of range.
#[tokio::test]
async fn a_json_client_of_the_listing_is_refused_in_json() {
    let (_dir, app) = sandbox_guarded(Guard {
        admin_token: Some("s3cret".into()),
    });
    for (path, status) in [
        ("/?format=json", StatusCode::UNAUTHORIZED),
        (
            "/?format=json&token=s3cret&limit=5000",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let (got, _, kind, body) = send(&app, "GET", path, Vec::new()).await;
        assert_eq!(got, status, "{path}");
        assert_eq!(kind, "application/json", "{path}");
        assert!(
            body["error"].is_string() && body["why"].is_string(),
            "{path}: {body}"
        );
    }
    // A browser still gets the page.
    let (got, _, kind, _) = send(&app, "GET", "/", Vec::new()).await;
    assert_eq!(got, StatusCode::UNAUTHORIZED);
    assert!(kind.starts_with("text/html"), "{kind}");
}
