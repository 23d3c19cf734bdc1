//! Account Unbinding (`POST /v1.0/registration-account-unbinding.htm`): the merchant ends the
//! binding; every token of it stops working on every route (`store::binding::unbind`). The
//! shared checks, idempotency and token lookup are `customer`'s.

use std::sync::Arc;

use crate::sandbox::store::{Sql, SqlResult};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{post, MethodRouter};
use serde_json::{Map, Value};

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
        route: Route::AccountUnbinding,
        resource: None,
        fields,
        work,
    };
    customer::serve(state, call, headers, body).await
}

/// The fields echoed in the answer.
pub(crate) type Echoed = Map<String, Value>;

/// `merchantId` is mandatory (the SDK's model); the identifiers it sent are echoed.
pub(crate) fn fields(route: Route, body: &Map<String, Value>) -> Result<Echoed, Answer> {
    match body.get("merchantId") {
        None | Some(Value::Null) => return Err(check::missing(route, "merchantId")),
        Some(Value::String(m)) if m.is_empty() => return Err(check::missing(route, "merchantId")),
        Some(Value::String(m)) if m.chars().count() <= 64 => {}
        Some(_) => return Err(check::malformed(route, "merchantId")),
    }
    let mut echoed = Map::new();
    for (name, max) in [
        ("merchantId", 64),
        ("subMerchantId", 32),
        ("partnerReferenceNo", 64),
        ("linkId", 24),
    ] {
        match body.get(name) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if s.chars().count() <= max => {
                echoed.insert(name.into(), s.as_str().into());
            }
            Some(_) => return Err(check::malformed(route, name)),
        }
    }
    Ok(echoed)
}

fn work(conn: &dyn Sql, token: &Token, mut echoed: Echoed, now: i64) -> SqlResult<Answer> {
    binding::unbind(conn, &token.access_token, now)?;
    echoed.insert("referenceNo".into(), crate::mint::token(now).into());
    Ok(Answer::snap(
        200,
        "2000900",
        "Successful",
        Value::Object(echoed),
    ))
}
