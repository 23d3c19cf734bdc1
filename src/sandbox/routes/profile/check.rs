//! Query User Profile's checks of DANA's Open API envelope: the signature covers the exact
//! bytes of the `request` value as received, so the envelope is split with a raw value and
//! never re-serialised before verifying. Also the envelope's head and failure answers, which
//! every answer of the route shares.

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};

use crate::sandbox::answer::{self, Answer, OpenApiResult};
use crate::sandbox::state::Merchant;
use crate::sandbox::times;

/// The Open API function this route serves.
pub(crate) const FUNCTION: &str = "dana.member.query.queryUserProfile";

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    request: Option<&'a RawValue>,
    signature: Option<Value>,
}

/// A checked query: the token to look up and the resources asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Query {
    pub access_token: String,
    pub resources: Vec<String>,
    /// The response head, echoing the request's.
    pub head: Value,
}

/// A failure answer with `head` (or a bare one when the request has none).
pub(crate) fn failure(status: u16, head: Value, result: &OpenApiResult, detail: &str) -> Answer {
    Answer::open_api(status, head, result, Some(detail), None)
}

/// The response head for a request head (fields echoed where the request had them).
pub(crate) fn response_head(request_head: Option<&Value>, now_ms: i64) -> Value {
    let echo = |name: &str, max: usize| -> Value {
        request_head
            .and_then(|h| h.get(name))
            .and_then(Value::as_str)
            .filter(|s| s.chars().count() <= max)
            .map_or(Value::Null, |s| Value::String(s.to_string()))
    };
    let mut head = json!({
        "version": "2.0",
        "function": FUNCTION,
        "clientId": echo("clientId", 32),
        "respTime": times::jakarta(now_ms),
        "reqMsgId": echo("reqMsgId", 64),
        "reserve": "{}",
    });
    if let Value::Object(fields) = &mut head {
        fields.retain(|_, v| !v.is_null());
    }
    head
}

/// Checks the envelope, its signature and its fields; `Err` is the failure to answer.
pub(crate) fn check(body: &[u8], merchant: Merchant<'_>, now_ms: i64) -> Result<Query, Answer> {
    let bare = || response_head(None, now_ms);
    let illegal = |head: Value, why: &str| failure(400, head, &answer::PARAM_ILLEGAL, why);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(illegal(bare(), "the body is empty"));
    }
    let text = std::str::from_utf8(body).map_err(|_| illegal(bare(), "the body is not UTF-8"))?;
    let envelope: Envelope<'_> = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(_)) => serde_json::from_str(text)
            .map_err(|_| illegal(bare(), "\"request\" must be an object"))?,
        Ok(_) => return Err(illegal(bare(), "the body is not a JSON object")),
        Err(_) => return Err(illegal(bare(), "the body is not JSON")),
    };
    let raw = envelope
        .request
        .ok_or_else(|| illegal(bare(), "\"request\" is missing"))?;
    let request: Value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
    let Value::Object(request) = request else {
        return Err(illegal(bare(), "\"request\" must be an object"));
    };
    let head_value = request.get("head").filter(|h| h.is_object());
    let head = response_head(head_value, now_ms);
    let ok = |result: &OpenApiResult, why: &str| failure(200, head.clone(), result, why);

    if let Some(verifier) = merchant.verifier {
        let signature = match &envelope.signature {
            Some(Value::String(s)) if !s.is_empty() => s.as_str(),
            _ => return Err(ok(&answer::INVALID_SIGNATURE, "\"signature\" is missing")),
        };
        if !verifier.verify(raw.get().as_bytes(), signature) {
            return Err(ok(
                &answer::INVALID_SIGNATURE,
                "the signature does not match the request",
            ));
        }
    }

    let Some(Value::Object(h)) = head_value else {
        return Err(ok(&answer::PARAM_ILLEGAL, "request.head is missing"));
    };
    let field = |name: &str| -> Result<&str, Answer> {
        match h.get(name) {
            Some(Value::String(s)) if !s.is_empty() => Ok(s.as_str()),
            Some(Value::String(_)) | None | Some(Value::Null) => Err(ok(
                &answer::PARAM_ILLEGAL,
                &format!("request.head.{name} is missing"),
            )),
            Some(_) => Err(ok(
                &answer::PARAM_ILLEGAL,
                &format!("request.head.{name} must be a string"),
            )),
        }
    };
    if field("function")? != FUNCTION {
        return Err(ok(
            &answer::PARAM_ILLEGAL,
            &format!("request.head.function must be {FUNCTION}"),
        ));
    }
    let client_id = field("clientId")?;
    if merchant.partner_id.is_some_and(|p| p != client_id) {
        return Err(ok(
            &answer::PARAM_ILLEGAL,
            "request.head.clientId is not the registered partner id",
        ));
    }
    let Some(sent) = times::parse(field("reqTime")?) else {
        return Err(ok(
            &answer::PARAM_ILLEGAL,
            "request.head.reqTime is not an ISO-8601 time with an offset",
        ));
    };
    if let Some(why) = super::super::clock_skew(sent, now_ms, merchant.max_clock_skew) {
        return Err(ok(
            &answer::PARAM_ILLEGAL,
            &format!("request.head.reqTime {why}"),
        ));
    }
    field("reqMsgId")?;
    let access_token = field("accessToken")?.to_string();

    let resources = match request.get("body").and_then(|b| b.get("userResources")) {
        Some(Value::Array(list)) if !list.is_empty() => list
            .iter()
            .map(|r| r.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| {
                ok(
                    &answer::PARAM_ILLEGAL,
                    "request.body.userResources must hold strings",
                )
            })?,
        _ => {
            return Err(ok(
                &answer::PARAM_ILLEGAL,
                "request.body.userResources must be a non-empty array",
            ))
        }
    };
    Ok(Query {
        access_token,
        resources,
        head,
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(crate) const NO_KEY: Merchant<'static> = Merchant {
        max_clock_skew: None,
        partner_id: None,
        verifier: None,
    };

    pub(crate) fn body(resources: &str) -> String {
        format!(
            r#"{{"request": {{"head": {{"version": "2.0", "function": "{FUNCTION}", "clientId": "P1", "clientSecret": "s", "reqTime": "2025-01-01T10:00:00+07:00", "reqMsgId": "m1", "accessToken": "T", "reserve": "{{}}"}}, "body": {{"userResources": {resources}}}}}, "signature": "x"}}"#
        )
    }

    pub(crate) fn result_code(a: &Answer) -> &str {
        a.body["response"]["body"]["resultInfo"]["resultCode"]
            .as_str()
            .unwrap()
    }

    #[test]
    fn malformed_envelopes_are_param_illegal() {
        for (text, why) in [
            ("", "empty"),
            ("[1]", "not a JSON object"),
            ("{\"request\": 5}", "must be an object"),
            ("{}", "missing"),
            ("{\"request\": {}}", "request.head is missing"),
        ] {
            let a = check(text.as_bytes(), NO_KEY, 0).unwrap_err();
            assert_eq!(result_code(&a), "PARAM_ILLEGAL", "{text}");
            let msg = a.body["response"]["body"]["resultInfo"]["resultMsg"]
                .as_str()
                .unwrap();
            assert!(msg.contains(why), "{text}: {msg}");
        }
        let a = check(body("[]").as_bytes(), NO_KEY, 0).unwrap_err();
        assert_eq!(result_code(&a), "PARAM_ILLEGAL");
        let a = check(body("[1]").as_bytes(), NO_KEY, 0).unwrap_err();
        assert_eq!(result_code(&a), "PARAM_ILLEGAL");
    }
}
