//! Apply Token's checks, in DANA's order: headers (missing, then malformed), the body, the
//! signature. Plain functions of what the client sent; `Err` is the answer to give.

use axum::http::HeaderMap;
use serde_json::Value;

use crate::sandbox::answer::Answer;
use crate::sandbox::state::Merchant;
use crate::sandbox::times;

/// What a well-formed, correctly signed request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Grant {
    AuthorizationCode(String),
    RefreshToken(String),
}

fn missing(field: &str) -> Answer {
    Answer::snap_failure(400, "02", format!("Invalid Mandatory Field {{{field}}}"))
}

fn malformed(field: &str) -> Answer {
    Answer::snap_failure(400, "01", format!("Invalid Field Format {{{field}}}"))
}

pub(super) fn unauthorized(why: &str) -> Answer {
    Answer::snap_failure(401, "00", format!("Unauthorized. {why}"))
}

/// A header's value: `Ok(None)` when absent or empty, `Err` when not visible ASCII.
fn header<'h>(headers: &'h HeaderMap, name: &str) -> Result<Option<&'h str>, Answer> {
    match headers.get(name) {
        None => Ok(None),
        Some(v) => match v.to_str() {
            Ok("") => Ok(None),
            Ok(s) => Ok(Some(s)),
            Err(_) => Err(malformed(name)),
        },
    }
}

/// Checks a request; `Err` is the failure to answer.
pub(crate) fn check(
    headers: &HeaderMap,
    body: &[u8],
    merchant: Merchant<'_>,
) -> Result<Grant, Answer> {
    let timestamp = header(headers, "X-TIMESTAMP")?;
    let client_key = match header(headers, "X-CLIENT-KEY")? {
        Some(key) => Some(key),
        None => header(headers, "X-PARTNER-ID")?,
    };
    let signature = header(headers, "X-SIGNATURE")?;
    let timestamp = timestamp.ok_or_else(|| missing("X-TIMESTAMP"))?;
    let client_key = client_key.ok_or_else(|| missing("X-CLIENT-KEY"))?;
    let signature = signature.ok_or_else(|| missing("X-SIGNATURE"))?;
    let Some(sent) = times::parse(timestamp) else {
        return Err(malformed("X-TIMESTAMP"));
    };

    let grant = body_grant(body)?;

    if let Some(partner) = merchant.partner_id {
        if client_key != partner {
            return Err(unauthorized("Unknown Client"));
        }
    }
    if let Some(verifier) = merchant.verifier {
        let signed = format!("{client_key}|{timestamp}");
        if !verifier.verify(signed.as_bytes(), signature) {
            return Err(unauthorized("Invalid Signature"));
        }
    }
    let now = crate::sandbox::store::now_ms();
    if let Some(why) = super::super::clock_skew(sent, now, merchant.max_clock_skew) {
        return Err(unauthorized(&format!("X-TIMESTAMP {why}")));
    }
    Ok(grant)
}

/// The body's grant, or the SNAP failure that names the field at fault.
fn body_grant(body: &[u8]) -> Result<Grant, Answer> {
    let bad = |why: &str| Answer::snap_failure(400, "00", format!("Bad Request. {why}"));
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(bad("The body is empty"));
    }
    let text = std::str::from_utf8(body).map_err(|_| bad("The body is not UTF-8"))?;
    let value: Value = serde_json::from_str(text).map_err(|_| bad("The body is not JSON"))?;
    let Value::Object(fields) = value else {
        return Err(bad("The body is not a JSON object"));
    };
    let string = |name: &str, max: usize| -> Result<Option<&str>, Answer> {
        match fields.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.chars().count() > max => Err(malformed(name)),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(malformed(name)),
        }
    };
    if !matches!(
        fields.get("additionalInfo"),
        None | Some(Value::Null | Value::Object(_))
    ) {
        return Err(malformed("additionalInfo"));
    }
    let grant_type = string("grantType", 64)?.filter(|s| !s.is_empty());
    let auth_code = string("authCode", 256)?;
    let refresh_token = string("refreshToken", 512)?;
    match grant_type {
        None => Err(missing("grantType")),
        Some("AUTHORIZATION_CODE") => match auth_code.filter(|c| !c.is_empty()) {
            None => Err(missing("authCode")),
            Some(code) => Ok(Grant::AuthorizationCode(code.to_string())),
        },
        Some("REFRESH_TOKEN") => match refresh_token.filter(|t| !t.is_empty()) {
            None => Err(missing("refreshToken")),
            Some(token) => Ok(Grant::RefreshToken(token.to_string())),
        },
        Some(_) => Err(malformed("grantType")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_KEY: Merchant<'static> = Merchant {
        max_clock_skew: None,
        partner_id: None,
        verifier: None,
    };

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, v.parse().unwrap());
        }
        map
    }

    fn good() -> HeaderMap {
        headers(&[
            ("X-TIMESTAMP", "2025-01-01T10:00:00+07:00"),
            ("X-CLIENT-KEY", "P1"),
            ("X-SIGNATURE", "c2ln"),
        ])
    }

    const CODE: &[u8] = br#"{"grantType":"AUTHORIZATION_CODE","authCode":"ABC","refreshToken":"","additionalInfo":{}}"#;

    fn code_of(a: Result<Grant, Answer>) -> String {
        match a {
            Ok(g) => format!("{g:?}"),
            Err(a) => format!(
                "{} {} {}",
                a.status,
                a.code,
                a.body["responseMessage"].as_str().unwrap()
            ),
        }
    }

    #[test]
    fn the_spec_example_body_is_an_authorization_code_grant() {
        assert_eq!(
            check(&good(), CODE, NO_KEY).unwrap(),
            Grant::AuthorizationCode("ABC".into())
        );
    }

    #[test]
    fn header_checks_name_the_header_and_come_first() {
        let mut h = good();
        h.remove("X-TIMESTAMP");
        assert_eq!(
            code_of(check(&h, b"", NO_KEY)),
            "400 4007402 Invalid Mandatory Field {X-TIMESTAMP}"
        );
        let mut h = good();
        h.insert("X-TIMESTAMP", "2025-01-01 10:00:00+07:00".parse().unwrap());
        assert_eq!(
            code_of(check(&h, CODE, NO_KEY)),
            "400 4007401 Invalid Field Format {X-TIMESTAMP}"
        );
        let mut h = good();
        h.remove("X-SIGNATURE");
        assert_eq!(
            code_of(check(&h, CODE, NO_KEY)),
            "400 4007402 Invalid Mandatory Field {X-SIGNATURE}"
        );
        let mut h = good();
        h.remove("X-CLIENT-KEY");
        h.insert("X-PARTNER-ID", "P1".parse().unwrap());
        assert!(
            check(&h, CODE, NO_KEY).is_ok(),
            "X-PARTNER-ID stands in for X-CLIENT-KEY"
        );
    }

    #[test]
    fn body_checks_name_the_field() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "400 4007400 Bad Request. The body is empty"),
            (
                b"\xff\xfe",
                "400 4007400 Bad Request. The body is not UTF-8",
            ),
            (b"{", "400 4007400 Bad Request. The body is not JSON"),
            (
                b"[]",
                "400 4007400 Bad Request. The body is not a JSON object",
            ),
            (b"{}", "400 4007402 Invalid Mandatory Field {grantType}"),
            (
                br#"{"grantType":7}"#,
                "400 4007401 Invalid Field Format {grantType}",
            ),
            (
                br#"{"grantType":"PASSWORD"}"#,
                "400 4007401 Invalid Field Format {grantType}",
            ),
            (
                br#"{"grantType":"AUTHORIZATION_CODE"}"#,
                "400 4007402 Invalid Mandatory Field {authCode}",
            ),
            (
                br#"{"grantType":"AUTHORIZATION_CODE","authCode":["x"]}"#,
                "400 4007401 Invalid Field Format {authCode}",
            ),
            (
                br#"{"grantType":"REFRESH_TOKEN","refreshToken":""}"#,
                "400 4007402 Invalid Mandatory Field {refreshToken}",
            ),
            (
                br#"{"grantType":"AUTHORIZATION_CODE","authCode":"c","additionalInfo":"x"}"#,
                "400 4007401 Invalid Field Format {additionalInfo}",
            ),
        ];
        for (body, want) in cases {
            assert_eq!(
                code_of(check(&good(), body, NO_KEY)),
                *want,
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        let long = format!(
            r#"{{"grantType":"AUTHORIZATION_CODE","authCode":"{}"}}"#,
            "x".repeat(257)
        );
        assert_eq!(
            code_of(check(&good(), long.as_bytes(), NO_KEY)),
            "400 4007401 Invalid Field Format {authCode}"
        );
    }

    #[test]
    fn a_registered_partner_id_must_match() {
        let merchant = Merchant {
            max_clock_skew: None,
            partner_id: Some("OTHER"),
            verifier: None,
        };
        assert_eq!(
            code_of(check(&good(), CODE, merchant)),
            "401 4017400 Unauthorized. Unknown Client"
        );
    }
}
