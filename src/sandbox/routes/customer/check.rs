//! The checks of a call made with a customer's access token, in Apply Token's order: headers
//! (missing, then malformed), the body, the partner, the signature, the customer's token.
//!
//! The signature is SNAP's general one: SHA256withRSA over
//! `POST:<path>:<lowercase hex SHA-256 of the minified body>:<X-TIMESTAMP>`. The body is
//! minified from the bytes received, whitespace outside strings dropped and nothing else
//! touched (no key reordered, no number or escape rewritten): the official SDKs sign their
//! compact serialisation and send one with spaces, as SNAP's `minify(body)` allows.

use axum::http::HeaderMap;
use serde_json::{Map, Value};

use crate::sandbox::answer::Answer;
use crate::sandbox::route::Route;
use crate::sandbox::state::Merchant;
use crate::sandbox::times;

/// A request that passed the shared checks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Checked {
    pub access_token: String,
    pub external_id: String,
    /// Lowercase hex SHA-256 of the minified body: what was signed, and the idempotency key.
    pub body_hash: String,
    /// The body's fields, for the route's own checks.
    pub fields: Map<String, Value>,
}

/// A failure of `route`: `<status><service><case>` and its message.
pub(crate) fn failure(route: Route, status: u16, case: &str, message: &str) -> Answer {
    let code = format!("{status}{}{case}", route.service());
    Answer::snap(status, &code, message, Value::Null)
}

/// `Invalid Mandatory Field <field>` (DANA's UAT suite spells the field without braces).
pub(crate) fn missing(route: Route, field: &str) -> Answer {
    failure(
        route,
        400,
        "02",
        &format!("Invalid Mandatory Field {field}"),
    )
}

/// `Invalid Field Format <field>`, as DANA's UAT suite asserts it for `userResources`.
pub(crate) fn malformed(route: Route, field: &str) -> Answer {
    failure(route, 400, "01", &format!("Invalid Field Format {field}"))
}

/// The headers every call must carry, in the order they are checked.
const REQUIRED: [&str; 5] = [
    "X-TIMESTAMP",
    "X-SIGNATURE",
    "X-PARTNER-ID",
    "X-EXTERNAL-ID",
    "CHANNEL-ID",
];

/// Checks a request to `route`; `Err` is the failure to answer.
pub(crate) fn check(
    route: Route,
    headers: &HeaderMap,
    body: &[u8],
    merchant: Merchant<'_>,
) -> Result<Checked, Answer> {
    let mut values = Vec::with_capacity(REQUIRED.len());
    for name in REQUIRED {
        let value = match headers.get(name).map(|v| v.to_str()) {
            None | Some(Ok("")) => None,
            Some(Ok(v)) => Some(v),
            Some(Err(_)) => return Err(malformed(route, name)),
        };
        values.push(value);
    }
    for (name, value) in REQUIRED.iter().zip(&values) {
        if value.is_none() {
            return Err(missing(route, name));
        }
    }
    let [timestamp, signature, partner, external_id, _channel] =
        [0, 1, 2, 3, 4].map(|i| values[i].unwrap_or_default());
    let Some(sent) = times::parse(timestamp) else {
        return Err(malformed(route, "X-TIMESTAMP"));
    };
    if external_id.chars().count() > 36 {
        return Err(malformed(route, "X-EXTERNAL-ID"));
    }

    let bad = |why: &str| failure(route, 400, "00", &format!("Bad Request. {why}"));
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(bad("The body is empty"));
    }
    let text = std::str::from_utf8(body).map_err(|_| bad("The body is not UTF-8"))?;
    let fields = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(fields)) => fields,
        Ok(_) => return Err(bad("The body is not a JSON object")),
        Err(_) => return Err(bad("The body is not JSON")),
    };
    let access_token = match fields.get("additionalInfo") {
        None | Some(Value::Null) => return Err(missing(route, "additionalInfo")),
        Some(Value::Object(info)) => match info.get("accessToken") {
            None | Some(Value::Null) => return Err(missing(route, "additionalInfo.accessToken")),
            Some(Value::String(t)) if t.is_empty() => {
                return Err(missing(route, "additionalInfo.accessToken"))
            }
            Some(Value::String(t)) if t.chars().count() <= 512 => t.clone(),
            Some(_) => return Err(malformed(route, "additionalInfo.accessToken")),
        },
        Some(_) => return Err(malformed(route, "additionalInfo")),
    };

    if merchant.partner_id.is_some_and(|p| p != partner) {
        return Err(failure(route, 401, "00", "Unauthorized. Unknown Client"));
    }
    let body_hash = hex_sha256(&minify(body));
    if let Some(verifier) = merchant.verifier {
        let signed = format!("POST:{}:{body_hash}:{timestamp}", route.path());
        if !verifier.verify(signed.as_bytes(), signature) {
            return Err(failure(route, 401, "00", "Unauthorized. Invalid Signature"));
        }
    }
    let now = crate::sandbox::store::now_ms();
    if let Some(why) = super::super::clock_skew(sent, now, merchant.max_clock_skew) {
        let why = format!("Unauthorized. X-TIMESTAMP {why}");
        return Err(failure(route, 401, "00", &why));
    }
    if let Some(header) = headers.get("Authorization-Customer") {
        let bearer = header
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        if bearer != Some(access_token.as_str()) {
            return Err(failure(route, 401, "02", "Invalid Customer Token"));
        }
    }
    Ok(Checked {
        access_token,
        external_id: external_id.to_string(),
        body_hash,
        fields,
    })
}

/// The JSON text `body` without whitespace outside strings; everything else byte for byte.
pub(crate) fn minify(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in body {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            in_string = b == b'"';
            out.push(b);
        }
    }
    out
}

/// Lowercase hex SHA-256 (ring's digest) of `data`.
pub(crate) fn hex_sha256(data: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, data);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minify_drops_whitespace_outside_strings_only() {
        let sent = br#"{"a": [1, 2], "b": "x y\" z", "c" : {"d":"\\"}}"#;
        assert_eq!(
            String::from_utf8(minify(sent)).unwrap(),
            r#"{"a":[1,2],"b":"x y\" z","c":{"d":"\\"}}"#
        );
        // What Python's json.dumps sends and what the SDK signed hash alike.
        assert_eq!(
            hex_sha256(&minify(br#"{"k": "v", "n": [1, 2]}"#)),
            hex_sha256(br#"{"k":"v","n":[1,2]}"#)
        );
        assert_eq!(
            hex_sha256(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    fn headers() -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("X-TIMESTAMP", "2025-01-01T10:00:00+07:00"),
            ("X-SIGNATURE", "c2ln"),
            ("X-PARTNER-ID", "P1"),
            ("X-EXTERNAL-ID", "E1"),
            ("CHANNEL-ID", "95221"),
        ] {
            h.insert(k, v.parse().unwrap());
        }
        h
    }

    const NO_KEY: Merchant<'static> = Merchant {
        partner_id: None,
        verifier: None,
        max_clock_skew: None,
    };

    /// `--max-clock-skew` bounds these calls' X-TIMESTAMP too, after the signature.
    #[test]
    fn a_timestamp_past_the_clock_skew_is_refused() {
        let skewed = Merchant {
            max_clock_skew: Some(60_000),
            ..NO_KEY
        };
        let body = br#"{"additionalInfo": {"accessToken": "T"}}"#;
        let a = check(Route::BalanceInquiry, &headers(), body, skewed).unwrap_err();
        let said = a.body["responseMessage"].as_str().unwrap();
        assert!(
            said.contains("X-TIMESTAMP is") && said.contains("(--max-clock-skew 1m)"),
            "{said}"
        );
        assert!(check(Route::BalanceInquiry, &headers(), body, NO_KEY).is_ok());
    }

    fn refusal(h: &HeaderMap, body: &[u8]) -> String {
        let a = check(Route::BalanceInquiry, h, body, NO_KEY).unwrap_err();
        format!("{} {}", a.code, a.body["responseMessage"].as_str().unwrap())
    }

    #[test]
    fn headers_then_the_body_then_the_customer_token() {
        let body = br#"{"additionalInfo": {"accessToken": "T"}}"#;
        let ok = check(Route::BalanceInquiry, &headers(), body, NO_KEY).unwrap();
        assert_eq!(
            (ok.access_token.as_str(), ok.external_id.as_str()),
            ("T", "E1")
        );
        for name in REQUIRED {
            let mut h = headers();
            h.remove(name);
            assert_eq!(
                refusal(&h, body),
                format!("4001102 Invalid Mandatory Field {name}")
            );
        }
        let mut h = headers();
        h.insert("X-TIMESTAMP", "2025-01-01 10:00:00+07:00".parse().unwrap());
        assert_eq!(
            refusal(&h, body),
            "4001101 Invalid Field Format X-TIMESTAMP"
        );
        assert_eq!(
            refusal(&headers(), b"{}"),
            "4001102 Invalid Mandatory Field additionalInfo"
        );
        assert_eq!(
            refusal(&headers(), br#"{"additionalInfo": {"accessToken": 5}}"#),
            "4001101 Invalid Field Format additionalInfo.accessToken"
        );
        assert_eq!(
            refusal(&headers(), b"[]"),
            "4001100 Bad Request. The body is not a JSON object"
        );
        let mut h = headers();
        h.insert("Authorization-Customer", "Bearer OTHER".parse().unwrap());
        assert_eq!(refusal(&h, body), "4011102 Invalid Customer Token");
        h.insert("Authorization-Customer", "Bearer T".parse().unwrap());
        assert!(check(Route::ApplyOtt, &h, body, NO_KEY).is_ok());
    }
}
