//! Query User Profile (`POST /dana/member/query/queryUserProfile.htm`): the handler joins
//! the envelope's checks (`check`), the token's lookup behind the route's faults, and the
//! answers for each outcome, which are plain functions here.

pub(crate) mod check;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::routing::{post, MethodRouter};
use serde_json::{json, Value};

use crate::profile::Gateway;
use crate::sandbox::answer::{self, Answer, OpenApiResult};
use crate::sandbox::faults::{self, Injected};
use crate::sandbox::route::Route;
use crate::sandbox::state::AppState;
use crate::sandbox::store::writer::StoreFailure;
use crate::sandbox::store::{self, Grant, Refusal};
use check::{check, failure, response_head, Query};

/// The route's methods.
pub(crate) fn methods() -> MethodRouter<Arc<AppState>> {
    post(handle)
}

async fn handle(State(state): State<Arc<AppState>>, body: Result<Bytes, BytesRejection>) -> Answer {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            let (status, why) = answer::unreadable(&rejection);
            return failure(
                status,
                response_head(None, store::now_ms()),
                &answer::PARAM_ILLEGAL,
                why,
            );
        }
    };
    let query = match check(&body, state.merchant(), store::now_ms()) {
        Ok(query) => query,
        Err(answer) => return answer,
    };
    let token = query.access_token.clone();
    faults::serve(
        &state.writer,
        Route::Profile,
        move |conn| store::grants::grant_of(conn, Gateway::Dana.name(), &token, store::now_ms()),
        |grant| answer(&query, grant),
        |fault| match fault {
            Injected::Code(code) => injected_code(&query, &code),
            Injected::Status(status) => injected_status(&query, status),
        },
    )
    .await
}

/// The answer to a method other than POST.
pub(crate) fn wrong_method() -> Answer {
    failure(
        405,
        response_head(None, store::now_ms()),
        &answer::PARAM_ILLEGAL,
        "method not allowed: use POST",
    )
}

/// The answer to a body declared over the limit (`Content-Length`), before it is read.
pub(crate) fn too_large() -> Answer {
    failure(
        413,
        response_head(None, store::now_ms()),
        &answer::PARAM_ILLEGAL,
        "the body is over 1 MiB",
    )
}

/// The answer for `query` given what its token grants.
pub(crate) fn answer(query: &Query, grant: Result<Result<Grant, Refusal>, StoreFailure>) -> Answer {
    let fail = |result: &OpenApiResult, why: &str| failure(200, query.head.clone(), result, why);
    let grant = match grant {
        Err(_) => {
            return failure(
                500,
                query.head.clone(),
                &answer::SYSTEM_ERROR,
                "system error",
            )
        }
        Ok(Err(Refusal::Expired)) => {
            return fail(
                &answer::INVALID_ACCESS_TOKEN,
                "the access token has expired",
            )
        }
        Ok(Err(Refusal::Unbound)) => {
            return fail(
                &answer::INVALID_ACCESS_TOKEN,
                "the binding was ended (unbound)",
            )
        }
        Ok(Err(Refusal::Used)) => {
            return fail(
                &answer::INVALID_ACCESS_TOKEN,
                "the access token was revoked: its refresh token was spent",
            )
        }
        Ok(Err(_)) => return fail(&answer::INVALID_ACCESS_TOKEN, "unknown access token"),
        Ok(Ok(grant)) => grant,
    };
    if let Some(undefined) = query
        .resources
        .iter()
        .find(|r| !crate::users::resources::is_defined(r))
    {
        return fail(
            &answer::RESOURCE_NOT_DEFINED,
            &format!("resource {} is not defined", crate::text::brief(undefined)),
        );
    }
    if let Some(denied) = query
        .resources
        .iter()
        .find(|r| !crate::users::resources::unlocked_by(&grant.scopes, r))
    {
        return fail(
            &answer::ACCESS_DENIED,
            &format!(
                "resource {denied} is not covered by the granted scopes ({})",
                grant.scopes.join(", ")
            ),
        );
    }
    let user = crate::users::User::from_json(&grant.user_json);
    let infos: Vec<Value> = query
        .resources
        .iter()
        .map(|r| {
            let value = user
                .as_ref()
                .and_then(|u| u.resources.get(r))
                .cloned()
                .unwrap_or_default();
            json!({"resourceType": r, "value": value})
        })
        .collect();
    Answer::open_api(
        200,
        query.head.clone(),
        &answer::SUCCESS,
        None,
        Some(Value::Array(infos)),
    )
}

/// The result codes a fault can make the route answer: every failure of the table.
pub(crate) fn injectable() -> impl Iterator<Item = &'static str> {
    answer::ALL_RESULTS
        .iter()
        .map(|r| r.code)
        .filter(|c| *c != "SUCCESS")
}

/// The answer a fault armed with result code `code` (one of `answer::ALL_RESULTS`) gives.
pub(crate) fn injected_code(query: &Query, code: &str) -> Answer {
    let result = answer::ALL_RESULTS
        .iter()
        .find(|r| r.code == code)
        .unwrap_or(&answer::SYSTEM_ERROR);
    let status = if result.status == "U" { 500 } else { 200 };
    failure(
        status,
        query.head.clone(),
        result,
        "injected by a sandbox fault",
    )
}

/// The answer a fault armed with HTTP `status` gives, in the envelope's shape.
pub(crate) fn injected_status(query: &Query, status: u16) -> Answer {
    failure(
        status,
        query.head.clone(),
        &answer::SYSTEM_ERROR,
        "injected by a sandbox fault",
    )
}

#[cfg(test)]
mod tests {
    use super::check::tests::{body, result_code, NO_KEY};
    use super::*;

    fn grant(scopes: &[&str]) -> Result<Result<Grant, Refusal>, StoreFailure> {
        let user = crate::users::Users::load(None).unwrap();
        Ok(Ok(Grant {
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            user_json: user.get("default").unwrap().to_json(),
        }))
    }

    #[test]
    fn a_granted_resource_is_answered_from_the_users_data() {
        let q = check(body(r#"["LOGIN_ID", "NICKNAME"]"#).as_bytes(), NO_KEY, 0).unwrap();
        assert_eq!(q.access_token, "T");
        assert_eq!(q.head["reqMsgId"], "m1");
        let a = answer(&q, grant(&["USER_LOGIN_ID"]));
        assert_eq!(result_code(&a), "SUCCESS");
        let infos = &a.body["response"]["body"]["userResourceInfos"];
        assert_eq!(infos[0]["resourceType"], "LOGIN_ID");
        assert_eq!(infos[0]["value"], "6281234567890");
        assert_eq!(infos[1]["value"], "Budi");
    }

    #[test]
    fn failures_have_their_result_codes() {
        let q = check(body(r#"["KTP_NUMBER"]"#).as_bytes(), NO_KEY, 0).unwrap();
        assert_eq!(
            result_code(&answer(&q, grant(&["USER_LOGIN_ID"]))),
            "ACCESS_DENIED"
        );
        assert_eq!(
            result_code(&answer(&q, Ok(Err(Refusal::Expired)))),
            "INVALID_ACCESS_TOKEN"
        );
        let q = check(body(r#"["SHOE_SIZE"]"#).as_bytes(), NO_KEY, 0).unwrap();
        assert_eq!(
            result_code(&answer(&q, grant(&["KYC_INFO"]))),
            "RESOURCE_NOT_DEFINED"
        );
        let a = answer(&q, Err(StoreFailure("x".into())));
        assert_eq!((a.status, result_code(&a)), (500, "SYSTEM_ERROR"));
    }
}
