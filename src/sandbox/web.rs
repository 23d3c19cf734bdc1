//! Handlers of the browser-facing pages: the consent page and its decision. Thin: the checks,
//! the HTML and the redirects are `consent_page`'s; minting is the core's (`consent`, `mint`),
//! recording is the store's.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::consent_page::{self, Choice, ConsentRequest, ParamError};
use super::http::{AppState, LoggedCode};
use crate::consent::{self, Decision};
use crate::mint::{self, CodeSource};
use crate::sandbox::store::{self, MintedCode};

fn html(status: StatusCode, body: String, logged: &str) -> Response {
    let mut response = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        body,
    )
        .into_response();
    response
        .extensions_mut()
        .insert(LoggedCode(logged.to_string()));
    response
}

fn invalid(error: &ParamError) -> Response {
    html(
        StatusCode::BAD_REQUEST,
        consent_page::error_page(error),
        "invalid-link",
    )
}

fn redirect(location: &str, logged: &str) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    match HeaderValue::from_str(location) {
        Ok(value) => {
            response.headers_mut().insert(header::LOCATION, value);
        }
        Err(_) => {
            return invalid(&ParamError {
                param: "redirectUrl",
                why: "cannot be used as a redirect".into(),
            })
        }
    }
    response
        .extensions_mut()
        .insert(LoggedCode(logged.to_string()));
    response
}

fn choice_of(value: Option<&String>) -> Option<Choice> {
    match value.map(String::as_str) {
        Some("allow") => Some(Choice::Allow),
        Some("deny") => Some(Choice::Deny),
        _ => None,
    }
}

/// `GET /v1.0/get-auth-code`: the page, or at once the redirect `autoConsent` (query) or
/// `--auto-consent` (server) asks for.
pub(super) async fn consent_get(
    State(state): State<Arc<AppState>>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Response {
    let Ok(Query(params)) = query else {
        return invalid(&ParamError {
            param: "query",
            why: "is not a valid URL query".into(),
        });
    };
    let request = match consent_page::check(&params, &state.profile, state.partner_id.as_deref()) {
        Ok(request) => request,
        Err(error) => return invalid(&error),
    };
    match choice_of(params.get("autoConsent")).or(state.auto_consent) {
        Some(choice) => decide(&state, &request, choice, None).await,
        None => html(
            StatusCode::OK,
            consent_page::page(&request, &state.users),
            "consent-page",
        ),
    }
}

/// `POST /v1.0/get-auth-code`: the page's form. Everything is checked again: the form's
/// hidden fields are as untrusted as the query they came from.
pub(super) async fn consent_post(
    State(state): State<Arc<AppState>>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    let Ok(Form(params)) = form else {
        return invalid(&ParamError {
            param: "form",
            why: "is not a valid form submission".into(),
        });
    };
    let request = match consent_page::check(&params, &state.profile, state.partner_id.as_deref()) {
        Ok(request) => request,
        Err(error) => return invalid(&error),
    };
    let Some(choice) = choice_of(params.get("decision")) else {
        return invalid(&ParamError {
            param: "decision",
            why: "must be allow or deny".into(),
        });
    };
    decide(
        &state,
        &request,
        choice,
        params.get("user").map(String::as_str),
    )
    .await
}

async fn decide(
    state: &AppState,
    request: &ConsentRequest,
    choice: Choice,
    user: Option<&str>,
) -> Response {
    if choice == Choice::Deny {
        return redirect(&consent_page::deny_location(request), "deny");
    }
    let Some(user) = consent_page::picked_user(&state.users, user).cloned() else {
        return invalid(&ParamError {
            param: "user",
            why: "is not a simulated user of this sandbox".into(),
        });
    };
    let scopes: Vec<String> = request.scopes.iter().map(|s| s.scope.clone()).collect();
    // The same core as `authcode request --approve`: decide, then mint only if granted.
    let granted = Decision::ApproveAll
        .granted(&scopes)
        .unwrap_or_else(|_| vec![true; scopes.len()]);
    let response = consent::respond(&scopes, &granted, &state.profile.default_error, || {
        mint::mint(CodeSource::Os, &scopes)
    });
    let Ok(Some(code)) = response.map(|r| r.auth_code) else {
        return html(
            StatusCode::INTERNAL_SERVER_ERROR,
            consent_page::error_page(&ParamError {
                param: "(none)",
                why: "could not be served: no random bytes for a code".into(),
            }),
            "error",
        );
    };
    let recorded = {
        let code = code.clone();
        state
            .writer
            .run(move |conn| {
                store::grants::record_code(
                    conn,
                    &MintedCode {
                        code: &code,
                        scopes: &scopes,
                        user_id: &user.id,
                        user_json: &user.to_json(),
                        minted_at: store::now_ms(),
                    },
                )
            })
            .await
    };
    if recorded.is_err() {
        return html(
            StatusCode::INTERNAL_SERVER_ERROR,
            consent_page::error_page(&ParamError {
                param: "(none)",
                why: "could not be served: the store failed".into(),
            }),
            "error",
        );
    }
    redirect(&consent_page::allow_location(request, &code), "allow")
}

/// `GET /`: the newest codes and tokens, as a page with the failure controls as buttons, or
/// as JSON (`?format=json`, or `Accept: application/json`) for scripts.
pub(super) async fn listing(
    State(state): State<Arc<AppState>>,
    headers: axum::http::HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Response {
    let wants_json = query
        .as_ref()
        .is_ok_and(|Query(q)| q.get("format").is_some_and(|f| f == "json"))
        || headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("application/json"));
    let code_ttl = state.ttls.code;
    let listed = state
        .writer
        .run(move |conn| {
            let (codes, tokens) = store::admin::recent(conn, 50, store::now_ms(), code_ttl)?;
            Ok((codes, tokens, store::faults::armed(conn)?))
        })
        .await;
    let Ok((codes, tokens, armed)) = listed else {
        return html(
            StatusCode::INTERNAL_SERVER_ERROR,
            consent_page::error_page(&ParamError {
                param: "(none)",
                why: "could not be served: the store failed".into(),
            }),
            "error",
        );
    };
    if wants_json {
        let mut response = (
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            serde_json::json!({"codes": codes, "tokens": tokens, "faults": armed}).to_string(),
        )
            .into_response();
        response
            .extensions_mut()
            .insert(LoggedCode("listing".into()));
        return response;
    }
    html(
        StatusCode::OK,
        super::listing_page::page(&codes, &tokens, &armed),
        "listing",
    )
}

/// `POST /sandbox/{action}` from the listing page's buttons; back to the listing (303).
pub(super) async fn act(
    State(state): State<Arc<AppState>>,
    axum::extract::Path(action): axum::extract::Path<String>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    let target = form
        .ok()
        .and_then(|Form(f)| f.get("target").cloned())
        .unwrap_or_default();
    let fault = match action.as_str() {
        "expire-code" => Some(store::admin::CodeFault::Expired),
        "use-code" => Some(store::admin::CodeFault::Used),
        "forget-code" => Some(store::admin::CodeFault::Unknown),
        "expire-token" => None,
        "clear-fault" => {
            let done = state
                .writer
                .run(move |conn| {
                    let id: i64 = target.parse().unwrap_or(-1);
                    conn.execute("DELETE FROM faults WHERE id = ?1", [id])
                })
                .await;
            let mut response = StatusCode::SEE_OTHER.into_response();
            response
                .headers_mut()
                .insert(header::LOCATION, HeaderValue::from_static("/"));
            let logged = if done.is_ok() { "clear-fault" } else { "error" };
            response.extensions_mut().insert(LoggedCode(logged.into()));
            return response;
        }
        _ => {
            return invalid(&ParamError {
                param: "action",
                why: "is not one of expire-code, use-code, forget-code, expire-token".into(),
            })
        }
    };
    let done = state
        .writer
        .run(move |conn| {
            // The page's buttons name rows; the secrets never appear in it.
            let id: i64 = target.parse().unwrap_or(-1);
            let table = if fault.is_some() { "codes" } else { "tokens" };
            let Some(secret) = store::admin::secret_of(conn, table, id)? else {
                return Ok(false);
            };
            match fault {
                Some(fault) => store::admin::break_code(conn, &secret, fault, store::now_ms()),
                None => store::admin::expire_token(conn, &secret, store::now_ms()),
            }
        })
        .await;
    let mut response = StatusCode::SEE_OTHER.into_response();
    response
        .headers_mut()
        .insert(header::LOCATION, HeaderValue::from_static("/"));
    let logged = match done {
        Ok(true) => action,
        Ok(false) => format!("{action}-not-found"),
        Err(_) => "error".into(),
    };
    response.extensions_mut().insert(LoggedCode(logged));
    response
}
