//! What a route answers: a status, a body, and what the access log shows of it. The two JSON
//! shapes DANA uses — SNAP (`responseCode`/`responseMessage`) and the Open API envelope
//! (`response.body.resultInfo`) — are built here and nowhere else, and every answer becomes
//! HTTP here (`IntoResponse`), which attaches its access-log record: no handler does.

use axum::extract::rejection::BytesRejection;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// An answer to one API request.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Answer {
    pub status: u16,
    pub body: Value,
    /// `responseCode` or `resultCode`, for the access log.
    pub code: String,
    /// The armed fault that made or delayed it, as the access log shows it.
    pub fault: Option<String>,
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
            fault: None,
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
            fault: None,
        }
    }
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let logged = match &self.fault {
            Some(fault) => format!("{} {fault}", self.code),
            None => self.code.clone(),
        };
        logged_as(
            (status, json_type(), NO_STORE, self.text()).into_response(),
            logged,
        )
    }
}

/// Answers carry codes, tokens and what the store holds: no cache keeps them (RFC 6749
/// §5.1 asks it of token answers).
const NO_STORE: [(header::HeaderName, HeaderValue); 1] =
    [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))];

/// A page is never shown inside another site's frame (clickjacking its buttons).
const NOT_FRAMED: [(header::HeaderName, HeaderValue); 2] = [
    (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    (
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("frame-ancestors 'none'"),
    ),
];

/// An answer of the browser-facing routes: a page, a redirect, or the listing's JSON twin.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Page {
    Html {
        status: StatusCode,
        html: String,
        /// What the access log shows (`consent-page`, `invalid-link`, ...).
        logged: String,
    },
    /// A redirect (302 or 303) to a location checked to be a header value.
    Redirect {
        status: StatusCode,
        location: HeaderValue,
        logged: String,
    },
    Json {
        status: StatusCode,
        text: String,
        logged: String,
    },
}

impl Page {
    /// A refusal of the pages: `status`, a title and why, as a page, or as JSON
    /// (`{"error", "why"}`) to a client that asked for JSON (`?format=json`, `Accept`).
    pub(crate) fn refused(
        status: StatusCode,
        title: &str,
        why: &str,
        logged: &str,
        json: bool,
    ) -> Page {
        let logged = logged.to_string();
        if json {
            let text = json!({"error": title, "why": why}).to_string();
            return Page::Json {
                status,
                text,
                logged,
            };
        }
        Page::Html {
            status,
            html: super::pages::refusal(title, why),
            logged,
        }
    }
}

/// Whether a client of the pages asked for JSON: `format=json` in the query, or an `Accept`
/// naming `application/json` (as scripts that read the listing send).
pub(crate) fn wants_json(query: Option<&str>, headers: &axum::http::HeaderMap) -> bool {
    query.is_some_and(|q| {
        form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == "format" && v == "json")
    }) || accepts_json(headers)
}

/// Whether `Accept` names `application/json`.
pub(crate) fn accepts_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"))
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        let response = match self {
            Page::Html {
                status,
                html,
                logged,
            } => {
                let html_type = [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                )];
                logged_as((status, html_type, html).into_response(), logged)
            }
            Page::Redirect {
                status,
                location,
                logged,
            } => logged_as(
                (status, [(header::LOCATION, location)]).into_response(),
                logged,
            ),
            Page::Json {
                status,
                text,
                logged,
            } => logged_as((status, json_type(), text).into_response(), logged),
        };
        (NO_STORE, NOT_FRAMED, response).into_response()
    }
}

fn json_type() -> [(header::HeaderName, HeaderValue); 1] {
    [(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    )]
}

/// The access-log record of a response: its result code, or what the page did.
#[derive(Clone)]
struct Logged(String);

fn logged_as(mut response: Response, logged: String) -> Response {
    response.extensions_mut().insert(Logged(logged));
    response
}

/// What the access log shows of `response` (`-` for one no answer made).
pub(crate) fn logged(response: &Response) -> &str {
    response
        .extensions()
        .get::<Logged>()
        .map_or("-", |l| l.0.as_str())
}

/// A body that could not be read: too large (413), stopped arriving (408), or cut short (400),
/// and why.
pub(crate) fn unreadable(rejection: &BytesRejection) -> (u16, &'static str) {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        (413, "the body is over 1 MiB")
    } else if super::connections::stalled(rejection) {
        (408, "the body stopped arriving (no byte for 10 s)")
    } else {
        (400, "the body could not be read")
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
