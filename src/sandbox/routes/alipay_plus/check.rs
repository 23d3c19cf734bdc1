//! The checks every Alipay+ call gets, in the platform's order: the headers (`Client-Id`,
//! `Request-Time`, `Signature`), the registered client, the signature over
//! `POST <path>\n<Client-Id>.<Request-Time>.<body>`, then the body as a JSON object. Plain
//! functions of what the client sent; `Err` is the answer to give.

use axum::http::HeaderMap;
use serde_json::{Map, Value};

use super::{failure, INVALID_AUTH_CLIENT, INVALID_SIGNATURE, PARAM_ILLEGAL};
use crate::sandbox::answer::Answer;
use crate::sandbox::state::Merchant;
use crate::sandbox::times;

/// A well-formed, correctly signed call: its body's fields.
#[derive(Debug)]
pub(crate) struct Call {
    pub fields: Map<String, Value>,
}

/// A header's value: `None` when absent, empty or not visible ASCII.
pub(crate) fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// The time of a `Request-Time`: ISO-8601 with an offset, or epoch milliseconds (as Ant's
/// Java SDK sends it).
fn request_time(text: &str) -> Option<jiff::Timestamp> {
    let epoch_ms = !text.is_empty() && text.len() <= 16 && text.bytes().all(|b| b.is_ascii_digit());
    if epoch_ms {
        return text
            .parse()
            .ok()
            .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok());
    }
    times::parse(text)
}

/// The signature of a `Signature` header (`algorithm=RSA256,keyVersion=1,signature=<v>`,
/// with or without spaces after the commas), URL-decoded.
pub(crate) fn signature_of(header: &str) -> Option<String> {
    let mut signature = None;
    for part in header.split(',') {
        let (key, value) = part.trim().split_once('=')?;
        match key.trim() {
            "algorithm" if value.trim() != "RSA256" => return None,
            "signature" => {
                let decoded = percent_encoding::percent_decode_str(value.trim()).decode_utf8();
                signature = Some(decoded.ok()?.into_owned());
            }
            _ => {}
        }
    }
    signature.filter(|s| !s.is_empty())
}

/// Checks a call to `path`; `Err` is the failure to answer.
pub(crate) fn check(
    headers: &HeaderMap,
    path: &str,
    body: &[u8],
    merchant: Merchant<'_>,
) -> Result<Call, Answer> {
    let client_id = header(headers, "Client-Id")
        .ok_or_else(|| failure(&PARAM_ILLEGAL, "Client-Id is missing"))?;
    let time = header(headers, "Request-Time")
        .ok_or_else(|| failure(&PARAM_ILLEGAL, "Request-Time is missing"))?;
    let Some(sent) = request_time(time) else {
        return Err(failure(
            &PARAM_ILLEGAL,
            "Request-Time is neither ISO-8601 with an offset nor epoch milliseconds",
        ));
    };
    let signature = header(headers, "Signature")
        .ok_or_else(|| failure(&INVALID_SIGNATURE, "the Signature header is missing"))?;
    let signature = signature_of(signature).ok_or_else(|| {
        failure(
            &INVALID_SIGNATURE,
            "the Signature header is not algorithm=RSA256,keyVersion=1,signature=<value>",
        )
    })?;
    if let Some(partner) = merchant.partner_id {
        if client_id != partner {
            return Err(failure(
                &INVALID_AUTH_CLIENT,
                "the Client-Id is not the registered client",
            ));
        }
    }
    if let Some(verifier) = merchant.verifier {
        let mut signed = format!("POST {path}\n{client_id}.{time}.").into_bytes();
        signed.extend_from_slice(body);
        if !verifier.verify(&signed, &signature) {
            return Err(failure(
                &INVALID_SIGNATURE,
                "the signature does not verify with the registered public key",
            ));
        }
    }
    let now = crate::sandbox::store::now_ms();
    if let Some(why) = super::super::clock_skew(sent, now, merchant.max_clock_skew) {
        return Err(failure(&PARAM_ILLEGAL, &format!("Request-Time {why}")));
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| failure(&PARAM_ILLEGAL, "the body is not JSON"))?;
    match value {
        Value::Object(fields) => Ok(Call { fields }),
        _ => Err(failure(&PARAM_ILLEGAL, "the body is not a JSON object")),
    }
}

/// The string field `name` of `call`, required and not empty.
pub(crate) fn required<'c>(call: &'c Call, name: &str) -> Result<&'c str, Answer> {
    match call.fields.get(name) {
        Some(Value::String(s)) if !s.is_empty() && s.chars().count() <= 512 => Ok(s),
        None | Some(Value::Null) => Err(failure(&PARAM_ILLEGAL, &format!("{name} is missing"))),
        Some(Value::String(s)) if s.is_empty() => {
            Err(failure(&PARAM_ILLEGAL, &format!("{name} is missing")))
        }
        Some(_) => Err(failure(&PARAM_ILLEGAL, &format!("{name} is malformed"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_signature_header_with_or_without_spaces_url_decoded() {
        for header in [
            "algorithm=RSA256,keyVersion=1,signature=ab%2Bc%2F%3D%3D",
            "algorithm=RSA256, keyVersion=1, signature=ab%2Bc%2F%3D%3D",
            "algorithm=RSA256,keyVersion=1,signature=ab+c/==",
        ] {
            assert_eq!(signature_of(header).as_deref(), Some("ab+c/=="), "{header}");
        }
        assert_eq!(signature_of("algorithm=RSA256,keyVersion=1"), None);
        assert_eq!(signature_of("algorithm=RSA,signature=abc"), None);
        assert_eq!(signature_of("nonsense"), None);
    }

    #[test]
    fn request_time_is_iso_8601_or_epoch_milliseconds() {
        let iso = request_time("2025-01-01T10:00:00+08:00").unwrap();
        assert_eq!(request_time("1735696800000"), Some(iso), "the same instant");
        assert_eq!(request_time("2025-01-01 10:00:00"), None);
        assert_eq!(request_time("17356968000001234567"), None);
    }
}
