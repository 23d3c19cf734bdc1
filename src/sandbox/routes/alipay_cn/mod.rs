//! Alipay CN's gateway (`/gateway.do`, GET or POST), dispatching on `method`:
//! `alipay.system.oauth.token` (a code or refresh token for a token pair, spent exactly once
//! through the store's one mechanism) and `alipay.user.info.share` (the user's fields the
//! granted scopes unlock). Answers are `{"<method>_response": {…}, "sign": "…"}`, or
//! `error_response`, with `sign` by the sandbox's platform key over the exact inner text.
//! `params` reads the call and checks its app and `sign`.

pub(crate) mod params;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::Uri;
use axum::routing::{get, MethodRouter};
use serde_json::{json, Map, Value};

use crate::profile::Gateway;
use crate::sandbox::answer::{self, Answer};
use crate::sandbox::faults::{self, Injected};
use crate::sandbox::platform_key::PlatformKey;
use crate::sandbox::route::Route;
use crate::sandbox::routes::apply_token::check::Grant;
use crate::sandbox::state::AppState;
use crate::sandbox::store::{self, Refusal};
use crate::sandbox::times;
use params::{Params, Refused};

/// The gateway this route is.
const GATEWAY: &str = Gateway::AlipayCn.name();

const TOKEN: &str = "alipay.system.oauth.token";
const SHARE: &str = "alipay.user.info.share";

/// The route's methods.
pub(crate) fn methods() -> MethodRouter<Arc<AppState>> {
    get(handle).post(handle)
}

async fn handle(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    let sign = |answer: Answer| signed(&state.platform, answer);
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            let (status, why) = answer::unreadable(&rejection);
            let mut answer = error_response(&invalid_parameter(why));
            answer.status = status;
            return sign(answer);
        }
    };
    let params = params::read(uri.query(), &body);
    let method = params.get("method").cloned().unwrap_or_default();
    if method.is_empty() {
        return sign(error_response(&Refused {
            code: "40001",
            msg: "Missing Required Arguments",
            sub_code: "isv.missing-method",
            sub_msg: "method is missing".into(),
        }));
    }
    if let Err(refused) = params::check(&params, state.merchant()) {
        return sign(error_response(&refused));
    }
    let answer = match method.as_str() {
        TOKEN => oauth_token(&state, &params).await,
        SHARE => user_info_share(&state, &params).await,
        other => error_response(&Refused {
            code: "40002",
            msg: "Invalid Arguments",
            sub_code: "isv.invalid-method",
            sub_msg: format!("method {} does not exist", crate::text::brief(other)),
        }),
    };
    sign(answer)
}

/// `answer` (one `<key>: {…}` member) with `sign` over the exact text of its inner object.
fn signed(key: &PlatformKey, mut answer: Answer) -> Answer {
    if let Value::Object(body) = &mut answer.body {
        let inner = body
            .values()
            .next()
            .map(Value::to_string)
            .unwrap_or_default();
        body.insert("sign".into(), key.sign(inner.as_bytes()).into());
    }
    answer
}

/// A method's own answer: `{"<method>_response": inner}`; `logged` for the access log.
fn response(method: &str, inner: Value, logged: &str) -> Answer {
    let mut body = Map::new();
    body.insert(format!("{}_response", method.replace('.', "_")), inner);
    Answer {
        status: 200,
        body: Value::Object(body),
        code: logged.to_string(),
        fault: None,
    }
}

/// `error_response` for `refused`.
fn error_response(refused: &Refused) -> Answer {
    let mut answer = response(
        "error",
        json!({"code": refused.code, "msg": refused.msg, "sub_code": refused.sub_code,
               "sub_msg": refused.sub_msg}),
        refused.sub_code,
    );
    answer.body = json!({ "error_response": answer.body["error_response"].take() });
    answer
}

fn invalid_parameter(why: &str) -> Refused {
    Refused {
        code: "40002",
        msg: "Invalid Arguments",
        sub_code: "isv.invalid-parameter",
        sub_msg: why.to_string(),
    }
}

fn unavailable() -> Refused {
    Refused {
        code: "20000",
        msg: "Service Currently Unavailable",
        sub_code: "isp.unknow-error",
        sub_msg: "the sandbox's store failed".into(),
    }
}

/// The answer for a body declared over 1 MiB, before it is read.
pub(crate) fn too_large() -> Answer {
    let mut answer = error_response(&invalid_parameter("the body is over 1 MiB"));
    answer.status = 413;
    answer
}

/// The answer to a method other than GET and POST.
pub(crate) fn wrong_method() -> Answer {
    let mut answer = error_response(&invalid_parameter("method not allowed: use GET or POST"));
    answer.status = 405;
    answer
}

/// The `sub_code`s a fault can make the gateway answer (as `error_response`).
pub(crate) const INJECTABLE: [&str; 4] = [
    "isv.code-invalid",
    "isv.refresh-token-invalid",
    "aop.invalid-auth-token",
    "isp.unknow-error",
];

fn injected(fault: Injected) -> Answer {
    let why = "injected failure (sandbox fault)".to_string();
    match fault {
        Injected::Code(sub_code) if sub_code == "aop.invalid-auth-token" => {
            error_response(&Refused {
                code: "20001",
                msg: "Insufficient Token Permissions",
                sub_code: "aop.invalid-auth-token",
                sub_msg: why,
            })
        }
        Injected::Code(sub_code) => match INJECTABLE[..2].iter().find(|c| **c == sub_code) {
            Some(sub_code) => error_response(&Refused {
                code: "40002",
                msg: "Invalid Arguments",
                sub_code,
                sub_msg: why,
            }),
            None => error_response(&unavailable()),
        },
        Injected::Status(status) => {
            let mut answer = error_response(&unavailable());
            answer.status = status;
            answer
        }
    }
}

/// The parameter `name`, or the `error_response` that says it is missing.
fn required<'p>(params: &'p Params, name: &str) -> Result<&'p str, Answer> {
    match params.get(name).filter(|v| !v.is_empty()) {
        Some(v) => Ok(v),
        None => Err(error_response(&Refused {
            code: "40001",
            msg: "Missing Required Arguments",
            sub_code: "isv.missing-parameter",
            sub_msg: format!("{name} is missing"),
        })),
    }
}

async fn oauth_token(state: &AppState, params: &Params) -> Answer {
    let grant = match params.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            required(params, "code").map(|c| Grant::AuthorizationCode(c.into()))
        }
        Some("refresh_token") => {
            required(params, "refresh_token").map(|t| Grant::RefreshToken(t.into()))
        }
        _ => Err(error_response(&invalid_parameter(
            "grant_type is neither authorization_code nor refresh_token",
        ))),
    };
    let grant = match grant {
        Ok(grant) => grant,
        Err(answer) => return answer,
    };
    let ttls = state.ttls;
    let now = store::now_ms();
    let tokens = (crate::mint::token(now), crate::mint::token(now));
    let job = grant.clone();
    let work = move |conn: &dyn crate::sandbox::store::Sql| {
        let now = store::now_ms();
        match job {
            Grant::AuthorizationCode(code) => {
                store::grants::redeem_code(conn, GATEWAY, &code, now, ttls, tokens)
            }
            Grant::RefreshToken(token) => {
                store::grants::refresh(conn, GATEWAY, &token, now, ttls, tokens)
            }
        }
    };
    let answer = |outcome: Result<Result<store::TokenPair, Refusal>, _>| {
        let refused = |sub_code, what: &str, why: &str| {
            error_response(&Refused {
                code: "40002",
                msg: "Invalid Arguments",
                sub_code,
                sub_msg: format!("the {what} {why}"),
            })
        };
        let (sub_code, what) = match grant {
            Grant::AuthorizationCode(_) => ("isv.code-invalid", "code"),
            Grant::RefreshToken(_) => ("isv.refresh-token-invalid", "refresh token"),
        };
        match outcome {
            Ok(Ok(t)) => {
                let now = store::now_ms();
                let user_id = crate::users::public_user_id(&t.user_id, t.public_user_id.as_deref());
                response(
                    TOKEN,
                    json!({
                        "access_token": t.access_token,
                        "auth_start": times::beijing(now),
                        "expires_in": (t.access_expires_at - now) / 1000,
                        "re_expires_in": (t.refresh_expires_at - now) / 1000,
                        "refresh_token": t.refresh_token,
                        "user_id": user_id,
                    }),
                    "10000",
                )
            }
            Ok(Err(Refusal::Used)) => refused(sub_code, what, "has been used"),
            Ok(Err(Refusal::Expired)) => refused(sub_code, what, "has expired"),
            Ok(Err(Refusal::Unknown | Refusal::Unbound)) => refused(sub_code, what, "is unknown"),
            Err(_) => error_response(&unavailable()),
        }
    };
    faults::serve(
        &state.writer,
        Route::AlipayCnGateway,
        work,
        answer,
        injected,
    )
    .await
}

async fn user_info_share(state: &AppState, params: &Params) -> Answer {
    let refused = |code, msg, sub_code, sub_msg: &str| {
        response(
            SHARE,
            json!({"code": code, "msg": msg, "sub_code": sub_code, "sub_msg": sub_msg}),
            sub_code,
        )
    };
    let token_refused =
        |sub_code, why: &str| refused("20001", "Insufficient Token Permissions", sub_code, why);
    let Some(token) = params.get("auth_token").filter(|t| !t.is_empty()).cloned() else {
        return token_refused("aop.invalid-auth-token", "auth_token is missing");
    };
    let answer = |grant: Result<Result<store::Grant, Refusal>, _>| {
        let grant = match grant {
            Err(_) => return error_response(&unavailable()),
            Ok(Err(Refusal::Expired)) => {
                return token_refused("aop.expired-auth-token", "the auth_token has expired")
            }
            Ok(Err(_)) => return token_refused("aop.invalid-auth-token", "unknown auth_token"),
            Ok(Ok(grant)) => grant,
        };
        let fields = crate::users::User::from_json(&grant.user_json)
            .and_then(|user| crate::users::platform_fields::alipay_cn(&user, &grant.scopes));
        match fields {
            Some(Value::Object(fields)) => {
                let mut inner = Map::new();
                inner.insert("code".into(), "10000".into());
                inner.insert("msg".into(), "Success".into());
                inner.extend(fields);
                response(SHARE, Value::Object(inner), "10000")
            }
            _ => refused(
                "40006",
                "Insufficient Permissions",
                "isv.insufficient-user-permissions",
                &format!(
                    "the granted scopes ({}) unlock no user information",
                    grant.scopes.join(", ")
                ),
            ),
        }
    };
    faults::serve(
        &state.writer,
        Route::AlipayCnGateway,
        move |conn| store::grants::grant_of(conn, GATEWAY, &token, store::now_ms()),
        answer,
        injected,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_put_the_method_response_first_and_sign_its_exact_text() {
        let dir = tempfile::tempdir().unwrap();
        let key = PlatformKey::for_store(&dir.path().join("s.sqlite3"), None).unwrap();
        let answer = signed(&key, response(TOKEN, json!({"b": 1, "a": "x"}), "10000"));
        let text = answer.text();
        let inner = r#"{"a":"x","b":1}"#;
        assert!(
            text.starts_with(&format!(
                r#"{{"alipay_system_oauth_token_response":{inner},"sign":""#
            )),
            "{text}"
        );
        let verifier = crate::sandbox::signature::Verifier::from_pem(&key.public_pem()).unwrap();
        assert!(verifier.verify(inner.as_bytes(), answer.body["sign"].as_str().unwrap()));
        let error = error_response(&invalid_parameter("x"));
        assert_eq!(
            error.body["error_response"]["sub_code"],
            "isv.invalid-parameter"
        );
        assert_eq!(error.code, "isv.invalid-parameter");
    }
}
