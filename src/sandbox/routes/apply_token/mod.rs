//! Apply Token (`POST /v1.0/access-token/b2b2c.htm`): the handler joins the checks (`check`),
//! the store work behind the route's faults, and the answers for each outcome, which are
//! plain functions here.

pub(crate) mod check;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{post, MethodRouter};
use serde_json::{json, Value};

use crate::sandbox::answer::{self, Answer};
use crate::sandbox::faults::{self, Injected};
use crate::sandbox::route::Route;
use crate::sandbox::state::AppState;
use crate::sandbox::store::writer::StoreFailure;
use crate::sandbox::store::{self, Refusal, TokenPair};
use crate::sandbox::times;
use check::{check, unauthorized, Grant};

/// The gateway this route is: it redeems DANA's codes only.
const DANA: &str = crate::profile::Gateway::Dana.name();

/// The route's methods.
pub(crate) fn methods() -> MethodRouter<Arc<AppState>> {
    post(handle)
}

async fn handle(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return unreadable(&rejection),
    };
    let grant = match check(&headers, &body, state.merchant()) {
        Ok(grant) => grant,
        Err(answer) => return answer,
    };
    let ttls = state.ttls;
    let now = store::now_ms();
    let tokens = (crate::mint::token(now), crate::mint::token(now));
    let job_grant = grant.clone();
    let grant_kind = grant.clone();
    let work = move |conn: &dyn crate::sandbox::store::Sql| {
        let now = store::now_ms();
        match job_grant {
            Grant::AuthorizationCode(code) => {
                store::grants::redeem_code(conn, DANA, &code, now, ttls, tokens)
            }
            Grant::RefreshToken(token) => {
                store::grants::refresh(conn, DANA, &token, now, ttls, tokens)
            }
        }
    };
    faults::serve(
        &state.writer,
        Route::ApplyToken,
        work,
        |outcome| answer(&grant, outcome),
        |fault| match fault {
            Injected::Code(code) => injected_code(&code, &grant_kind),
            Injected::Status(status) => injected_status(status),
        },
    )
    .await
}

/// The answer for a body that could not be read: too large (413) or cut short (400).
pub(crate) fn unreadable(rejection: &BytesRejection) -> Answer {
    let (status, why) = answer::unreadable(rejection);
    let mut why = why.chars();
    let why: String = why
        .next()
        .map(|f| f.to_uppercase().chain(why).collect())
        .unwrap_or_default();
    Answer::snap(
        status,
        &format!("{status}7400"),
        &format!("Bad Request. {why}"),
        Value::Null,
    )
}

/// What a refusal calls the grant: "Auth Code" or "Refresh Token".
fn named(grant: &Grant) -> &'static str {
    match grant {
        Grant::AuthorizationCode(_) => "Auth Code",
        Grant::RefreshToken(_) => "Refresh Token",
    }
}

/// The answer to a store operation on `grant`.
pub(crate) fn answer(
    grant: &Grant,
    outcome: Result<Result<TokenPair, Refusal>, StoreFailure>,
) -> Answer {
    let what = named(grant);
    match outcome {
        Ok(Ok(tokens)) => success(&tokens),
        Ok(Err(Refusal::Used)) => unauthorized(&format!("{what} Used")),
        Ok(Err(Refusal::Unknown | Refusal::Unbound)) => unauthorized(&format!("{what} Invalid")),
        Ok(Err(Refusal::Expired)) => unauthorized(&format!("{what} Expired")),
        Err(_) => Answer::snap_failure(500, "01", "Internal Server Error"),
    }
}

/// The result codes a fault can make Apply Token answer, with their messages.
pub(crate) const INJECTABLE: [(&str, &str); 5] = [
    ("4007400", "Bad Request"),
    ("4007401", "Invalid Field Format"),
    ("4007402", "Invalid Mandatory Field"),
    ("4017400", "Unauthorized. Auth Code Used"),
    ("5007401", "Internal Server Error"),
];

/// The answer a fault armed with result code `code` gives to a request for `grant`: 4017400
/// in the words the real refusal of that grant uses ("Refresh Token Used" for a refresh).
pub(crate) fn injected_code(code: &str, grant: &Grant) -> Answer {
    if code == "4017400" {
        return unauthorized(&format!("{} Used", named(grant)));
    }
    let message = INJECTABLE
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("Injected failure", |(_, m)| m);
    let status = code
        .get(..3)
        .and_then(|s| s.parse().ok())
        .filter(|s| (400..600).contains(s))
        .unwrap_or(500);
    Answer::snap(status, code, message, Value::Null)
}

/// The answer a fault armed with HTTP `status` gives: SNAP-shaped, never empty.
pub(crate) fn injected_status(status: u16) -> Answer {
    Answer::snap(
        status,
        &format!("{status}7400"),
        "Injected failure (sandbox fault)",
        Value::Null,
    )
}

fn success(tokens: &TokenPair) -> Answer {
    let public_user_id =
        crate::users::public_user_id(&tokens.user_id, tokens.public_user_id.as_deref());
    Answer::snap(
        200,
        "2007400",
        "Successful",
        json!({
            "tokenType": "Bearer",
            "accessToken": tokens.access_token,
            "accessTokenExpiryTime": times::jakarta(tokens.access_expires_at),
            "refreshToken": tokens.refresh_token,
            "refreshTokenExpiryTime": times::jakarta(tokens.refresh_expires_at),
            "additionalInfo": {"userInfo": {"publicUserId": public_user_id}},
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_and_store_failures_have_their_codes() {
        let g = Grant::AuthorizationCode("c".into());
        let used = answer(&g, Ok(Err(Refusal::Used)));
        assert_eq!((used.status, used.code.as_str()), (401, "4017400"));
        assert_eq!(used.body["responseMessage"], "Unauthorized. Auth Code Used");
        let failed = answer(&g, Err(StoreFailure("disk".into())));
        assert_eq!((failed.status, failed.code.as_str()), (500, "5007401"));
        assert!(
            !failed.body.to_string().contains("disk"),
            "store details stay in the server"
        );
    }
}
