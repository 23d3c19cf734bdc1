//! Apply OTT (`POST /rest/v1.1/qr/apply-ott`): a one-time token per requested resource (only
//! `OTT` is defined), for a token whose scopes unlock `OTT` (`MINI_DANA`). Each is recorded
//! with its lifetime (`store::binding::OTT_TTL_MS`). The shared checks, idempotency and
//! token lookup are `customer`'s.

use std::sync::Arc;

use crate::sandbox::store::{Sql, SqlResult};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{post, MethodRouter};
use serde_json::{json, Map, Value};

use super::customer::{self, check, Call, Token};
use crate::sandbox::answer::Answer;
use crate::sandbox::route::Route;
use crate::sandbox::state::AppState;
use crate::sandbox::store::binding;

/// The route's methods.
pub(crate) fn methods() -> MethodRouter<Arc<AppState>> {
    post(handle)
}

async fn handle(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    let call = Call {
        route: Route::ApplyOtt,
        resource: Some("OTT"),
        fields,
        work,
    };
    customer::serve(state, call, headers, body).await
}

/// `userResources`: a non-empty list of `OTT` (DANA's UAT suite: anything else is
/// `4004901 Invalid Field Format userResources`); how many tokens to hand out.
pub(crate) fn fields(route: Route, body: &Map<String, Value>) -> Result<usize, Answer> {
    match body.get("userResources") {
        None | Some(Value::Null) => Err(check::missing(route, "userResources")),
        Some(Value::Array(list)) if list.is_empty() => Err(check::missing(route, "userResources")),
        Some(Value::Array(list)) if list.iter().all(|r| r == "OTT") && list.len() <= 8 => {
            Ok(list.len())
        }
        Some(_) => Err(check::malformed(route, "userResources")),
    }
}

fn work(conn: &dyn Sql, token: &Token, count: usize, now: i64) -> SqlResult<Answer> {
    let mut resources = Vec::with_capacity(count);
    for _ in 0..count {
        let ott = crate::mint::token(now);
        binding::record_ott(conn, &ott, &token.access_token, now)?;
        resources.push(json!({"resourceType": "OTT", "value": ott}));
    }
    Ok(Answer::snap(
        200,
        "2004900",
        "Successful",
        json!({"userResources": resources}),
    ))
}
