//! Alipay+ Apply Token (`POST /v2/authorizations/applyToken` and its prefixes): a code or a
//! refresh token for a token pair, spent exactly once through the store's one mechanism (the
//! same as DANA's route), for the codes of the wallets the Alipay+ gateway speaks for.

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
use crate::sandbox::routes::apply_token::check::Grant;
use crate::sandbox::state::AppState;
use crate::sandbox::store::writer::StoreFailure;
use crate::sandbox::store::{Refusal, TokenPair};

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
    let grant =
        match check(&headers, uri.path(), &body, state.merchant()).and_then(|call| match required(
            &call,
            "grantType",
        )? {
            "AUTHORIZATION_CODE" => Ok(Grant::AuthorizationCode(
                required(&call, "authCode")?.to_string(),
            )),
            "REFRESH_TOKEN" => Ok(Grant::RefreshToken(
                required(&call, "refreshToken")?.to_string(),
            )),
            _ => Err(failure(
                &AUTH_CLIENT_UNSUPPORTED_GRANT_TYPE,
                "grantType is neither AUTHORIZATION_CODE nor REFRESH_TOKEN",
            )),
        }) {
            Ok(grant) => grant,
            Err(answer) => return reply.send(answer),
        };
    let ttls = state.ttls;
    let now = store::now_ms();
    let tokens = (crate::mint::token(now), crate::mint::token(now));
    let job_grant = grant.clone();
    let work = move |conn: &dyn crate::sandbox::store::Sql| {
        let now = store::now_ms();
        match job_grant {
            Grant::AuthorizationCode(code) => {
                store::grants::redeem_code(conn, GATEWAY, &code, now, ttls, tokens)
            }
            Grant::RefreshToken(token) => {
                store::grants::refresh(conn, GATEWAY, &token, now, ttls, tokens)
            }
        }
    };
    let answer = faults::serve(
        &state.writer,
        Route::AlipayPlusApplyToken,
        work,
        |outcome| answer(&grant, outcome),
        injected,
    )
    .await;
    reply.send(answer)
}

/// The answer to a store operation on `grant`.
pub(crate) fn answer(
    grant: &Grant,
    outcome: Result<Result<TokenPair, Refusal>, StoreFailure>,
) -> Answer {
    let code = matches!(grant, Grant::AuthorizationCode(_));
    let refused = |result: &PlusResult| answer_with(result, None, serde_json::Value::Null);
    match outcome {
        Ok(Ok(tokens)) => success(&tokens),
        Ok(Err(Refusal::Used)) if code => refused(&USED_CODE),
        Ok(Err(Refusal::Expired)) if code => refused(&EXPIRED_CODE),
        Ok(Err(Refusal::Unknown)) if code => refused(&INVALID_CODE),
        Ok(Err(Refusal::Used)) => refused(&USED_REFRESH_TOKEN),
        Ok(Err(Refusal::Expired)) => refused(&EXPIRED_REFRESH_TOKEN),
        // Only DANA's bindings end (Account Unbinding): an unbound pair is unknown here.
        Ok(Err(Refusal::Unknown | Refusal::Unbound)) => refused(&INVALID_REFRESH_TOKEN),
        Err(_) => refused(&UNKNOWN_EXCEPTION),
    }
}

fn success(tokens: &TokenPair) -> Answer {
    answer_with(
        &SUCCESS,
        None,
        json!({
            "accessToken": tokens.access_token,
            "accessTokenExpiryTime": times::utc(tokens.access_expires_at),
            "refreshToken": tokens.refresh_token,
            "refreshTokenExpiryTime": times::utc(tokens.refresh_expires_at),
            "customerId": crate::users::public_user_id(
                &tokens.user_id,
                tokens.public_user_id.as_deref(),
            ),
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_what_was_refused() {
        let code = Grant::AuthorizationCode("c".into());
        let token = Grant::RefreshToken("r".into());
        let of = |g: &Grant, r| answer(g, Ok(Err(r))).code;
        assert_eq!(of(&code, Refusal::Used), "USED_CODE");
        assert_eq!(of(&code, Refusal::Expired), "EXPIRED_CODE");
        assert_eq!(of(&code, Refusal::Unknown), "INVALID_CODE");
        assert_eq!(of(&token, Refusal::Used), "USED_REFRESH_TOKEN");
        assert_eq!(of(&token, Refusal::Expired), "EXPIRED_REFRESH_TOKEN");
        assert_eq!(of(&token, Refusal::Unknown), "INVALID_REFRESH_TOKEN");
        let failed = answer(&code, Err(StoreFailure("disk".into())));
        assert_eq!(failed.body["result"]["resultStatus"], "U");
        assert!(!failed.body.to_string().contains("disk"));
    }
}
