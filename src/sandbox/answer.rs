//! What a route answers, before it becomes HTTP: a status, a JSON body, and the result code
//! the access log shows. The two shapes DANA uses — SNAP (`responseCode`/`responseMessage`)
//! and the Open API envelope (`response.body.resultInfo`) — are built here and nowhere else.

use serde_json::{json, Map, Value};

/// An answer to one request.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Answer {
    pub status: u16,
    pub body: Value,
    /// `responseCode` or `resultCode`, for the access log.
    pub code: String,
}

impl Answer {
    /// The body as sent: SNAP's `responseCode` and `responseMessage` first, as DANA sends
    /// them (serde_json's map is ordered by key).
    pub(crate) fn text(&self) -> String {
        let Value::Object(fields) = &self.body else {
            return self.body.to_string();
        };
        let first = ["responseCode", "responseMessage"];
        if !first.iter().all(|k| fields.contains_key(*k)) {
            return self.body.to_string();
        }
        let entries = first.iter().map(|k| (*k, &fields[*k])).chain(
            fields
                .iter()
                .filter(|(k, _)| !first.contains(&k.as_str()))
                .map(|(k, v)| (k.as_str(), v)),
        );
        let mut out = Vec::with_capacity(512);
        out.push(b'{');
        for (i, (key, value)) in entries.enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // Writing a str or a Value into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut out, key);
            out.push(b':');
            let _ = serde_json::to_writer(&mut out, value);
        }
        out.push(b'}');
        String::from_utf8(out).unwrap_or_default()
    }

    /// A SNAP answer: HTTP status, the 7-digit `responseCode`, its message, and any other
    /// fields (`extra` must be an object or null).
    pub(crate) fn snap(status: u16, code: &str, message: &str, extra: Value) -> Answer {
        let mut body = Map::new();
        body.insert("responseCode".into(), code.into());
        body.insert("responseMessage".into(), message.into());
        if let Value::Object(fields) = extra {
            body.extend(fields);
        }
        Answer {
            status,
            body: Value::Object(body),
            code: code.to_string(),
        }
    }

    /// A SNAP failure for Apply Token (service code 74): `<status>74<case>`.
    pub(crate) fn snap_failure(status: u16, case: &str, message: impl AsRef<str>) -> Answer {
        Answer::snap(
            status,
            &format!("{status}74{case}"),
            message.as_ref(),
            Value::Null,
        )
    }

    /// An Open API envelope answer.
    pub(crate) fn open_api(
        status: u16,
        head: Value,
        result: &OpenApiResult,
        detail: Option<&str>,
        resources: Option<Value>,
    ) -> Answer {
        let mut body = Map::new();
        body.insert(
            "resultInfo".into(),
            json!({
                "resultStatus": result.status,
                "resultCodeId": result.code_id,
                "resultCode": result.code,
                "resultMsg": detail.unwrap_or(result.message),
            }),
        );
        if let Some(list) = resources {
            body.insert("userResourceInfos".into(), list);
        }
        Answer {
            status,
            body: json!({
                "response": {"head": head, "body": Value::Object(body)},
                // The sandbox holds no DANA private key; the SDKs do not verify responses.
                "signature": "",
            }),
            code: result.code.to_string(),
        }
    }
}

/// One Open API result (`resultInfo`). DANA publishes `RESOURCE_NOT_DEFINED`; the others
/// follow Alipay+/DANA naming and are the sandbox's choice (README: authcode serve).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OpenApiResult {
    pub status: &'static str,
    pub code_id: &'static str,
    pub code: &'static str,
    pub message: &'static str,
}

macro_rules! results {
    ($($name:ident = $status:literal $id:literal $code:literal $msg:literal;)*) => {
        $(pub(crate) const $name: OpenApiResult = OpenApiResult {
            status: $status, code_id: $id, code: $code, message: $msg,
        };)*
        /// Every Open API result the sandbox answers, for the README and tests.
        pub(crate) const ALL_RESULTS: &[OpenApiResult] = &[$($name),*];
    };
}

results! {
    SUCCESS = "S" "00000000" "SUCCESS" "success";
    PARAM_ILLEGAL = "F" "00000004" "PARAM_ILLEGAL" "param illegal";
    INVALID_SIGNATURE = "F" "00000010" "INVALID_SIGNATURE" "invalid signature";
    INVALID_ACCESS_TOKEN = "F" "00000011" "INVALID_ACCESS_TOKEN" "access token is invalid or expired";
    RESOURCE_NOT_DEFINED = "F" "00000012" "RESOURCE_NOT_DEFINED" "resource not defined";
    ACCESS_DENIED = "F" "00000013" "ACCESS_DENIED" "the granted scopes do not cover the resource";
    SYSTEM_ERROR = "U" "00000900" "SYSTEM_ERROR" "system error";
}
