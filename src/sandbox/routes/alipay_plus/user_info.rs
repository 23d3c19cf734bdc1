//! Alipay+ Inquiry User Info (`POST /v2/users/inquiryUserInfo` and its prefixes): the user's
//! information for an access token the Alipay+ gateway issued, the fields the granted scopes
//! unlock (`users::platform_fields`); `ACCESS_DENIED` when they unlock none.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::routing::{post, MethodRouter};
use serde_json::json;

use super::check::{check, required};
use super::*;
use crate::sandbox::faults;
use crate::sandbox::route::Route;
use crate::sandbox::state::AppState;
use crate::sandbox::store::writer::StoreFailure;
use crate::sandbox::store::{Grant, Refusal};

/// The route's methods.
pub(crate) fn methods() -> MethodRouter<Arc<AppState>> {
    post(handle)
}

async fn handle(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let reply = Reply::to(&state.platform, uri.path(), &headers);
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return reply.send(unreadable(&rejection)),
    };
    let token = match check(&headers, uri.path(), &body, state.merchant())
        .and_then(|call| required(&call, "accessToken").map(str::to_string))
    {
        Ok(token) => token,
        Err(answer) => return reply.send(answer),
    };
    let answer = faults::serve(
        &state.writer,
        Route::AlipayPlusUserInfo,
        move |conn| store::grants::grant_of(conn, GATEWAY, &token, store::now_ms()),
        answer,
        injected,
    )
    .await;
    reply.send(answer)
}

/// The answer given what the token grants.
pub(crate) fn answer(grant: Result<Result<Grant, Refusal>, StoreFailure>) -> Answer {
    let refused = |result: &PlusResult| answer_with(result, None, serde_json::Value::Null);
    let grant = match grant {
        Err(_) => return refused(&UNKNOWN_EXCEPTION),
        Ok(Err(Refusal::Expired)) => return refused(&EXPIRED_ACCESS_TOKEN),
        Ok(Err(_)) => return refused(&INVALID_ACCESS_TOKEN),
        Ok(Ok(grant)) => grant,
    };
    let info = crate::users::User::from_json(&grant.user_json)
        .and_then(|user| crate::users::platform_fields::alipay_plus(&user, &grant.scopes));
    match info {
        Some(info) => answer_with(&SUCCESS, None, json!({ "userInfo": info })),
        None => failure(
            &ACCESS_DENIED,
            &format!(
                "the granted scopes ({}) unlock no user information",
                grant.scopes.join(", ")
            ),
        ),
    }
}
