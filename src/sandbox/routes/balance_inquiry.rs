//! Balance Inquiry (`POST /v1.0/balance-inquiry.htm`): the simulated user's DANA balance, for
//! a token whose scopes unlock `BALANCE` (`QUERY_BALANCE`). The amount is the user's
//! `BALANCE` resource (`{"currency": "IDR", "value": "250000.00"}`), else `DEFAULT`. The
//! shared checks, idempotency and token lookup are `customer`'s.

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

/// The balance of a user whose record has no `BALANCE`.
pub(crate) const DEFAULT: (&str, &str) = ("0.00", "IDR");

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
        route: Route::BalanceInquiry,
        resource: Some("BALANCE"),
        fields,
        work,
    };
    customer::serve(state, call, headers, body).await
}

/// What the request asks: whether `BALANCE` is among `balanceTypes` (all types when absent
/// or empty), and the `partnerReferenceNo` to echo.
pub(crate) struct Asked {
    balance: bool,
    reference: Option<String>,
}

pub(crate) fn fields(route: Route, body: &Map<String, Value>) -> Result<Asked, Answer> {
    let balance = match body.get("balanceTypes") {
        None | Some(Value::Null) => true,
        Some(Value::Array(types)) if types.iter().all(Value::is_string) => {
            types.is_empty() || types.iter().any(|t| t == "BALANCE")
        }
        Some(_) => return Err(check::malformed(route, "balanceTypes")),
    };
    let reference = match body.get("partnerReferenceNo") {
        None | Some(Value::Null) => None,
        Some(Value::String(r)) if r.chars().count() <= 64 => Some(r.clone()),
        Some(_) => return Err(check::malformed(route, "partnerReferenceNo")),
    };
    Ok(Asked { balance, reference })
}

fn work(_: &dyn Sql, token: &Token, asked: Asked, now: i64) -> SqlResult<Answer> {
    let user = crate::users::User::from_json(&token.grant.user_json);
    let amount = user
        .as_ref()
        .and_then(|u| u.resources.get("BALANCE"))
        .and_then(|b| serde_json::from_str::<Value>(b).ok())
        .filter(|b| b["value"].is_string() && b["currency"].is_string())
        .unwrap_or_else(|| json!({"value": DEFAULT.0, "currency": DEFAULT.1}));
    let infos: Vec<Value> = if asked.balance {
        vec![json!({"balanceType": "BALANCE", "amount": amount, "availableBalance": amount})]
    } else {
        Vec::new()
    };
    let mut extra = json!({
        "referenceNo": crate::mint::token(now),
        "name": user.map(|u| u.name).unwrap_or_default(),
        "accountInfos": infos,
    });
    if let Some(reference) = asked.reference {
        extra["partnerReferenceNo"] = reference.into();
    }
    Ok(Answer::snap(200, "2001100", "Successful", extra))
}
