//! The HTTP layer: routes, thin handlers that hand bytes to the domain checks and the store,
//! the per-route answers for a wrong method, an unknown path and an oversized body, and the
//! access log. Every answer is JSON in the route's shape.

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

use super::answer::{self, Answer};
use super::apply_token::{self, Merchant};
use super::profile;
use super::signature::Verifier;
use crate::sandbox::store::faults;
use crate::sandbox::store::writer::Writer;
use crate::sandbox::store::{self, Ttls};

/// The largest request body accepted.
pub(crate) const BODY_LIMIT: usize = 1 << 20;

/// What every handler shares.
pub(crate) struct AppState {
    pub writer: Writer,
    pub partner_id: Option<String>,
    pub verifier: Option<Verifier>,
    pub ttls: Ttls,
    pub log: bool,
    pub profile: crate::profile::Profile,
    pub users: crate::users::Users,
    pub auto_consent: Option<super::consent_page::Choice>,
}

impl AppState {
    fn merchant(&self) -> Merchant<'_> {
        Merchant {
            partner_id: self.partner_id.as_deref(),
            verifier: self.verifier.as_ref(),
        }
    }
}

/// The result code of an answer, for the access log.
#[derive(Clone)]
pub(super) struct LoggedCode(pub(super) String);

/// The application.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route(
            apply_token::PATH,
            post(apply_token_route).fallback(|| async { wrong_method(Shape::Snap) }),
        )
        .route(
            profile::PATH,
            post(profile_route).fallback(|| async { wrong_method(Shape::OpenApi) }),
        )
        .route("/", axum::routing::get(super::web::listing))
        .route("/sandbox/{action}", post(super::web::act))
        .route(
            super::consent_page::PATH,
            axum::routing::get(super::web::consent_get).post(super::web::consent_post),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(|| async { wrong_method(Shape::Snap) })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state.clone(), access_log))
        .with_state(state)
}

#[derive(Clone, Copy)]
enum Shape {
    Snap,
    OpenApi,
}

fn respond(answer: Answer) -> Response {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        answer.text(),
    )
        .into_response();
    response.extensions_mut().insert(LoggedCode(answer.code));
    response
}

/// The answer for a body that could not be read: too large (413) or cut short (400).
fn unreadable(shape: Shape, rejection: &BytesRejection) -> Answer {
    let too_large = rejection.status() == StatusCode::PAYLOAD_TOO_LARGE;
    let (status, why) = if too_large {
        (413, "the body is over 1 MiB")
    } else {
        (400, "the body could not be read")
    };
    match shape {
        Shape::Snap => Answer::snap(
            status,
            &format!("{status}7400"),
            &format!("Bad Request. {}", capitalized(why)),
            serde_json::Value::Null,
        ),
        Shape::OpenApi => profile::failure(
            status,
            profile::response_head(None, store::now_ms()),
            &answer::PARAM_ILLEGAL,
            why,
        ),
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

async fn apply_token_route(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return respond(unreadable(Shape::Snap, &rejection)),
    };
    let grant = match apply_token::check(&headers, &body, state.merchant()) {
        Ok(grant) => grant,
        Err(answer) => return respond(answer),
    };
    let ttls = state.ttls;
    let tokens = fresh_pair();
    let job_grant = grant.clone();
    let outcome = state
        .writer
        .run(move |conn| {
            let fault = faults::take(conn, "apply-token", random_unit)?;
            if fault
                .as_ref()
                .is_some_and(|f| !matches!(f, faults::Answer::DelayMs(_)))
            {
                return Ok((fault, None));
            }
            let now = store::now_ms();
            let result = match job_grant {
                apply_token::Grant::AuthorizationCode(code) => {
                    store::grants::redeem_code(conn, &code, now, ttls, tokens)?
                }
                apply_token::Grant::RefreshToken(token) => {
                    store::grants::refresh(conn, &token, now, ttls, tokens)?
                }
            };
            Ok((fault, Some(result)))
        })
        .await;
    match outcome {
        Err(e) => respond(apply_token::answer(&grant, Err(e))),
        Ok((fault, result)) => {
            let label = fault.as_ref().map(faults::Answer::label);
            let answer = match (fault, result) {
                (Some(faults::Answer::Code(code)), _) => apply_token::injected_code(&code),
                (Some(faults::Answer::Status(status)), _) => apply_token::injected_status(status),
                (fault, Some(result)) => {
                    if let Some(faults::Answer::DelayMs(ms)) = fault {
                        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
                    }
                    apply_token::answer(&grant, Ok(result))
                }
                (_, None) => apply_token::injected_status(500),
            };
            respond_with_fault(answer, label)
        }
    }
}

/// A uniform number in [0, 1) from the OS, for a fault's fraction.
fn random_unit() -> f64 {
    use rand::TryRng;
    let mut bytes = [0u8; 8];
    let _ = rand::rngs::SysRng.try_fill_bytes(&mut bytes);
    (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
}

fn respond_with_fault(answer: Answer, fault: Option<String>) -> Response {
    let logged = match fault {
        Some(label) => format!("{} {label}", answer.code),
        None => answer.code.clone(),
    };
    let mut response = respond(answer);
    response.extensions_mut().insert(LoggedCode(logged));
    response
}

/// A new access and refresh token (time-ordered, random).
fn fresh_pair() -> (String, String) {
    let now = store::now_ms();
    (crate::mint::token(now), crate::mint::token(now))
}

async fn profile_route(
    State(state): State<Arc<AppState>>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return respond(unreadable(Shape::OpenApi, &rejection)),
    };
    let query = match profile::check(&body, state.merchant(), store::now_ms()) {
        Ok(query) => query,
        Err(answer) => return respond(answer),
    };
    let token = query.access_token.clone();
    let outcome = state
        .writer
        .run(move |conn| {
            let fault = faults::take(conn, "profile", random_unit)?;
            if fault
                .as_ref()
                .is_some_and(|f| !matches!(f, faults::Answer::DelayMs(_)))
            {
                return Ok((fault, None));
            }
            let grant = store::grants::grant_of(conn, &token, store::now_ms())?;
            Ok((fault, Some(grant)))
        })
        .await;
    match outcome {
        Err(e) => respond(profile::answer(&query, Err(e))),
        Ok((fault, grant)) => {
            let label = fault.as_ref().map(faults::Answer::label);
            let answer = match (fault, grant) {
                (Some(faults::Answer::Code(code)), _) => profile::injected_code(&query, &code),
                (Some(faults::Answer::Status(status)), _) => {
                    profile::injected_status(&query, status)
                }
                (fault, Some(grant)) => {
                    if let Some(faults::Answer::DelayMs(ms)) = fault {
                        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
                    }
                    profile::answer(&query, Ok(grant))
                }
                (_, None) => profile::injected_status(&query, 500),
            };
            respond_with_fault(answer, label)
        }
    }
}

fn wrong_method(shape: Shape) -> Response {
    let answer = match shape {
        Shape::Snap => Answer::snap(
            405,
            "4057400",
            "Method Not Allowed",
            serde_json::Value::Null,
        ),
        Shape::OpenApi => profile::failure(
            405,
            profile::response_head(None, store::now_ms()),
            &answer::PARAM_ILLEGAL,
            "method not allowed: use POST",
        ),
    };
    let mut response = respond(answer);
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("POST"));
    response
}

async fn not_found() -> Response {
    respond(Answer::snap(
        404,
        "4040000",
        "Not Found. This sandbox serves POST /v1.0/access-token/b2b2c.htm, POST /dana/member/query/queryUserProfile.htm, GET /v1.0/get-auth-code and GET /",
        serde_json::Value::Null,
    ))
}

/// One line per request on stderr: method, path, HTTP status, result code, milliseconds.
/// Only the path is logged — never a query, a header or a body, where secrets travel.
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
    let response = next.run(request).await;
    let code = response
        .extensions()
        .get::<LoggedCode>()
        .map_or("-", |c| c.0.as_str());
    let line = format!(
        "{method} {path} {} {code} {:.1}ms\n",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
    response
}
