//! The Alipay+ platform's gateway (GCash, Touch 'n Go, Alipay+ Connect, Alipay+, AlipayHK):
//! Apply Token (`apply_token`) and Inquiry User Info (`user_info`) as the platform answers
//! them — HTTP 200 with `result{resultCode, resultStatus, resultMessage}` — each answer signed
//! by the sandbox's platform key in lowercase `signature`, `response-time` and `client-id`
//! headers over `POST <path>\n<client-id>.<response-time>.<body>`. `check` holds the checks
//! both calls share; the result table and the signed reply are here.

pub(crate) mod apply_token;
pub(crate) mod check;
pub(crate) mod user_info;

use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use crate::profile::Gateway;
use crate::sandbox::answer::{self, Answer};
use crate::sandbox::faults::Injected;
use crate::sandbox::platform_key::PlatformKey;
use crate::sandbox::store;
use crate::sandbox::times;

/// The gateway these routes are: they redeem the codes of the wallets it speaks for only.
pub(crate) const GATEWAY: &str = Gateway::AlipayPlus.name();

/// One result of the platform's tables (spec §1): its code, status and message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PlusResult {
    pub code: &'static str,
    /// `S`, `F` or `U`.
    pub status: &'static str,
    pub message: &'static str,
}

macro_rules! results {
    ($($name:ident = $status:literal $code:literal $msg:literal;)*) => {
        $(pub(crate) const $name: PlusResult = PlusResult {
            status: $status, code: $code, message: $msg,
        };)*
        /// Every result the Alipay+ routes answer, for faults, the README and tests.
        pub(crate) const ALL_RESULTS: &[PlusResult] = &[$($name),*];
    };
}

results! {
    SUCCESS = "S" "SUCCESS" "Success";
    USED_CODE = "F" "USED_CODE" "The authorization code has been used.";
    EXPIRED_CODE = "F" "EXPIRED_CODE" "The authorization code has expired.";
    INVALID_CODE = "F" "INVALID_CODE" "The authorization code is invalid.";
    USED_REFRESH_TOKEN = "F" "USED_REFRESH_TOKEN" "The refresh token has been used.";
    EXPIRED_REFRESH_TOKEN = "F" "EXPIRED_REFRESH_TOKEN" "The refresh token has expired.";
    INVALID_REFRESH_TOKEN = "F" "INVALID_REFRESH_TOKEN" "The refresh token is invalid.";
    INVALID_AUTH_CLIENT = "F" "INVALID_AUTH_CLIENT" "The client is not registered.";
    AUTH_CLIENT_UNSUPPORTED_GRANT_TYPE = "F" "AUTH_CLIENT_UNSUPPORTED_GRANT_TYPE" "The grant type is not supported.";
    PARAM_ILLEGAL = "F" "PARAM_ILLEGAL" "Illegal parameters.";
    INVALID_SIGNATURE = "F" "INVALID_SIGNATURE" "The signature is invalid.";
    INVALID_ACCESS_TOKEN = "F" "INVALID_ACCESS_TOKEN" "The access token is invalid.";
    EXPIRED_ACCESS_TOKEN = "F" "EXPIRED_ACCESS_TOKEN" "The access token has expired.";
    ACCESS_DENIED = "F" "ACCESS_DENIED" "The granted scopes do not cover the user information.";
    UNKNOWN_EXCEPTION = "U" "UNKNOWN_EXCEPTION" "An unknown exception occurred.";
}

/// An answer with `result` (its message, or `detail` when given) and `fields`, HTTP 200.
pub(crate) fn answer_with(result: &PlusResult, detail: Option<&str>, fields: Value) -> Answer {
    let mut body = Map::new();
    body.insert(
        "result".into(),
        json!({
            "resultCode": result.code,
            "resultStatus": result.status,
            "resultMessage": detail.unwrap_or(result.message),
        }),
    );
    if let Value::Object(fields) = fields {
        body.extend(fields);
    }
    Answer {
        status: 200,
        body: Value::Object(body),
        code: result.code.to_string(),
        fault: None,
    }
}

/// A failure: `result` with what was wrong as its message.
pub(crate) fn failure(result: &PlusResult, why: &str) -> Answer {
    answer_with(result, Some(why), Value::Null)
}

/// The answer for a body that could not be read: too large (413) or cut short.
pub(crate) fn unreadable(rejection: &BytesRejection) -> Answer {
    let (status, why) = answer::unreadable(rejection);
    let mut answer = failure(&PARAM_ILLEGAL, why);
    answer.status = status;
    answer
}

/// The answer for a body declared over 1 MiB, before it is read (so not signed: nothing of
/// the request was taken).
pub(crate) fn too_large() -> Answer {
    let mut answer = failure(&PARAM_ILLEGAL, "the body is over 1 MiB");
    answer.status = 413;
    answer
}

/// The answer to a method other than POST.
pub(crate) fn wrong_method() -> Answer {
    let mut answer = failure(&PARAM_ILLEGAL, "method not allowed: use POST");
    answer.status = 405;
    answer
}

/// The result codes a fault can make an Alipay+ route answer.
pub(crate) fn injectable() -> impl Iterator<Item = &'static str> {
    ALL_RESULTS
        .iter()
        .filter(|r| r.status != "S")
        .map(|r| r.code)
}

/// The answer of a fault that answers instead of the route.
pub(crate) fn injected(fault: Injected) -> Answer {
    match fault {
        Injected::Code(code) => {
            let result = ALL_RESULTS
                .iter()
                .find(|r| r.code == code)
                .unwrap_or(&UNKNOWN_EXCEPTION);
            failure(result, "injected failure (sandbox fault)")
        }
        Injected::Status(status) => {
            let mut answer = failure(&UNKNOWN_EXCEPTION, "injected failure (sandbox fault)");
            answer.status = status;
            answer
        }
    }
}

/// What an answer is signed for: the request's path and client id.
pub(crate) struct Reply<'a> {
    key: &'a PlatformKey,
    path: String,
    client_id: String,
}

impl<'a> Reply<'a> {
    /// The reply to a request to `path` with `headers`.
    pub(crate) fn to(key: &'a PlatformKey, path: &str, headers: &HeaderMap) -> Reply<'a> {
        Reply {
            key,
            path: path.to_string(),
            client_id: check::header(headers, "Client-Id")
                .unwrap_or_default()
                .to_string(),
        }
    }

    /// `answer`, signed as the platform signs: over the exact body text sent.
    pub(crate) fn send(self, answer: Answer) -> Response {
        let text = answer.text();
        let time = times::utc(store::now_ms());
        let signed = format!("POST {}\n{}.{time}.{text}", self.path, self.client_id);
        let signature = self.key.sign(signed.as_bytes());
        let encoded =
            percent_encoding::utf8_percent_encode(&signature, percent_encoding::NON_ALPHANUMERIC);
        let mut response = answer.into_response();
        let headers = response.headers_mut();
        let value = |text: String| HeaderValue::from_str(&text).ok();
        for (name, value) in [
            ("client-id", value(self.client_id)),
            ("response-time", value(time)),
            (
                "signature",
                value(format!("algorithm=RSA256,keyVersion=1,signature={encoded}")),
            ),
        ] {
            if let Some(value) = value {
                headers.insert(name, value);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_have_their_status_and_faults_take_the_failures() {
        let used = failure(&USED_CODE, "x");
        assert_eq!(used.body["result"]["resultStatus"], "F");
        assert_eq!((used.status, used.code.as_str()), (200, "USED_CODE"));
        assert!(injectable().all(|c| c != "SUCCESS"));
        let five = injected(Injected::Status(503));
        assert_eq!(
            (five.status, five.code.as_str()),
            (503, "UNKNOWN_EXCEPTION")
        );
        let code = injected(Injected::Code("EXPIRED_CODE".into()));
        assert_eq!(code.body["result"]["resultCode"], "EXPIRED_CODE");
    }
}
