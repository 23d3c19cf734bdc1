//! What the three calls a merchant makes with a customer's access token share — Account
//! Unbinding, Apply OTT, Balance Inquiry (SNAP, general signature). `check` holds the
//! request's checks and the failure answers; `serve` runs a checked request: its
//! `X-EXTERNAL-ID` (same body: the same answer again; other body: SNAP's duplicate code),
//! the token's lookup and scope, then the route's own work, all in one store job behind the
//! route's faults. A route's file gives only its body's fields, its scope and its success.

pub(crate) mod check;

use std::sync::Arc;

use crate::sandbox::store::{Sql, SqlResult};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::HeaderMap;
use serde_json::{Map, Value};

use crate::profile::Gateway;
use crate::sandbox::answer::{self, Answer};
use crate::sandbox::faults::{self, Injected};
use crate::sandbox::route::Route;
use crate::sandbox::state::AppState;
use crate::sandbox::store::binding::{self, Seen};
use crate::sandbox::store::{self, Grant, Refusal};
pub(crate) use check::failure;

/// A route's part: what it needs of the token, how it reads its body, what it does.
pub(crate) struct Call<R> {
    pub route: Route,
    /// The resource the token's scopes must unlock (`users/dana-resources.json`), if any.
    pub resource: Option<&'static str>,
    /// The route's own fields of the body; `Err` is the refusal to answer.
    pub fields: fn(Route, &Map<String, Value>) -> Result<R, Answer>,
    /// The route's work for a token that may make the call, in the store job.
    pub work: fn(&dyn Sql, &Token, R, i64) -> SqlResult<Answer>,
}

/// The customer's token and what it grants.
pub(crate) struct Token {
    pub access_token: String,
    pub grant: Grant,
}

/// Answers one request to `call`'s route.
pub(crate) async fn serve<R: Send + 'static>(
    state: Arc<AppState>,
    call: Call<R>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    let route = call.route;
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            let (status, why) = answer::unreadable(&rejection);
            return failure(route, status, "00", &format!("Bad Request. {why}"));
        }
    };
    let checked = match check::check(route, &headers, &body, state.merchant()) {
        Ok(checked) => checked,
        Err(answer) => return answer,
    };
    let request = match (call.fields)(route, &checked.fields) {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    let (resource, work) = (call.resource, call.work);
    faults::serve(
        &state.writer,
        route,
        move |conn| {
            let now = store::now_ms();
            let (id, hash) = (&checked.external_id, &checked.body_hash);
            match binding::seen(conn, route.name(), id, hash, now)? {
                Seen::Same(status, text) => return Ok(replayed(status, &text)),
                Seen::Other => return Ok(failure(route, 409, "00", "Conflict")),
                Seen::New => {}
            }
            let token = checked.access_token;
            let answer = match store::grants::grant_of(conn, Gateway::Dana.name(), &token, now)? {
                Err(refusal) => refused(route, refusal),
                Ok(grant)
                    if resource.is_some_and(|r| {
                        !crate::users::resources::unlocked_by(&grant.scopes, r)
                    }) =>
                {
                    failure(route, 403, "01", "Feature Not Allowed")
                }
                Ok(grant) => {
                    let token = Token {
                        access_token: token,
                        grant,
                    };
                    work(conn, &token, request, now)?
                }
            };
            binding::remember(
                conn,
                route.name(),
                id,
                hash,
                (answer.status, &answer.text()),
                now,
            )?;
            Ok(answer)
        },
        move |outcome| {
            outcome.unwrap_or_else(|_| failure(route, 500, "01", "Internal Server Error"))
        },
        move |fault| match fault {
            Injected::Code(code) => injected_code(route, &code),
            Injected::Status(status) => {
                failure(route, status, "00", "Injected failure (sandbox fault)")
            }
        },
    )
    .await
}

/// The answer a remembered external id got, given again.
fn replayed(status: u16, text: &str) -> Answer {
    let body: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let code = body["responseCode"].as_str().unwrap_or("-").to_string();
    Answer {
        status,
        body,
        code,
        fault: None,
    }
}

/// The answer for a token the store refused.
pub(crate) fn refused(route: Route, refusal: Refusal) -> Answer {
    match refusal {
        Refusal::Expired => failure(route, 401, "01", "Token Expired"),
        Refusal::Unknown | Refusal::Used | Refusal::Unbound => {
            failure(route, 401, "02", "Invalid Customer Token")
        }
    }
}

/// The cases (HTTP status, case code, message) the three routes answer, for faults and the
/// README: `<status><service><case>`.
pub(crate) const CASES: [(u16, &str, &str); 9] = [
    (400, "00", "Bad Request"),
    (400, "01", "Invalid Field Format"),
    (400, "02", "Invalid Mandatory Field"),
    (401, "00", "Unauthorized. Invalid Signature"),
    (401, "01", "Token Expired"),
    (401, "02", "Invalid Customer Token"),
    (403, "01", "Feature Not Allowed"),
    (409, "00", "Conflict"),
    (500, "01", "Internal Server Error"),
];

/// The result codes a fault can make `route` answer.
pub(crate) fn injectable(route: Route) -> impl Iterator<Item = String> {
    CASES
        .iter()
        .map(move |(status, case, _)| format!("{status}{}{case}", route.service()))
}

/// The answer a fault armed with result code `code` gives on `route`.
pub(crate) fn injected_code(route: Route, code: &str) -> Answer {
    let found = CASES
        .iter()
        .find(|(status, case, _)| format!("{status}{}{case}", route.service()) == code);
    match found {
        Some((status, case, message)) => failure(route, *status, case, message),
        None => failure(route, 500, "01", "Internal Server Error"),
    }
}
