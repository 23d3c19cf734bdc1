//! Fuzzes what the network hands the sandbox: Apply Token's headers and body, the profile's
//! envelope, the consent link's query, and the headers and body of Account Unbinding, Apply
//! OTT and Balance Inquiry. Any bytes must give a verdict without panicking; a
//! refusal is an answer in the route's shape (a SNAP code that starts with its HTTP status, an
//! Open API result, an HTML page), and nothing from the input reaches HTML unescaped.
#![no_main]

use authcode::sandbox::checks;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// The headers Apply Token reads, which the first bytes of the input pick values for.
const NAMES: [&[u8]; 4] = [
    b"X-TIMESTAMP",
    b"X-CLIENT-KEY",
    b"X-PARTNER-ID",
    b"X-SIGNATURE",
];

/// Splits `data` at the first `sep`: (before, after); all of it before when there is none.
fn cut(data: &[u8], sep: u8) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == sep) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

fn apply_token(data: &[u8], partner: Option<&str>) {
    // Header values are NUL-separated, in NAMES' order; the rest is the body.
    let mut rest = data;
    let mut headers = Vec::new();
    for name in NAMES {
        let (value, after) = cut(rest, 0);
        headers.push((name, value));
        rest = after;
    }
    if let Err(refused) = checks::apply_token(&headers, rest, partner) {
        assert!((400..500).contains(&refused.status), "{}", refused.status);
        let body: Value = serde_json::from_str(&refused.body).expect("a refusal is JSON");
        let code = body["responseCode"].as_str().expect("a SNAP responseCode");
        assert_eq!(code.len(), 7, "{code}");
        assert!(code.starts_with(&refused.status.to_string()), "{code}");
        assert!(body["responseMessage"].is_string(), "{body}");
    }
}

/// The headers the calls with a customer token read.
const CUSTOMER: [&[u8]; 6] = [
    b"X-TIMESTAMP",
    b"X-SIGNATURE",
    b"X-PARTNER-ID",
    b"X-EXTERNAL-ID",
    b"CHANNEL-ID",
    b"Authorization-Customer",
];

fn customer(route: &str, data: &[u8], partner: Option<&str>) {
    let mut rest = data;
    let mut headers = Vec::new();
    for name in CUSTOMER {
        let (value, after) = cut(rest, 0);
        headers.push((name, value));
        rest = after;
    }
    if let Err(refused) = checks::customer(route, &headers, rest, partner) {
        assert!((400..500).contains(&refused.status), "{}", refused.status);
        let body: Value = serde_json::from_str(&refused.body).expect("a refusal is JSON");
        let code = body["responseCode"].as_str().expect("a SNAP responseCode");
        assert_eq!(code.len(), 7, "{code}");
        assert!(code.starts_with(&refused.status.to_string()), "{code}");
        assert!(body["responseMessage"].is_string(), "{body}");
    }
}

fn profile(data: &[u8], partner: Option<&str>) {
    if let Err(refused) = checks::profile(data, partner, 1_700_000_000_000) {
        assert!(matches!(refused.status, 200 | 400), "{}", refused.status);
        let body: Value = serde_json::from_str(&refused.body).expect("a refusal is JSON");
        let result = &body["response"]["body"]["resultInfo"];
        assert!(result["resultCode"].is_string(), "{body}");
        assert_ne!(result["resultCode"], "SUCCESS", "{body}");
        assert!(body["response"]["head"].is_object(), "{body}");
    }
}

fn consent(data: &[u8], partner: Option<&str>) {
    let html = match checks::consent(data, partner) {
        Ok(consent) => {
            for location in [&consent.allow, &consent.deny] {
                let scheme = location.to_ascii_lowercase();
                assert!(
                    scheme.starts_with("http://") || scheme.starts_with("https://"),
                    "a redirect leaves only for http(s): {location}"
                );
            }
            consent.page
        }
        Err(refused) => {
            assert_eq!(refused.status, 400);
            refused.body
        }
    };
    // The pages carry no script of their own: one in the page came from the input.
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the route and whether a partner id is registered.
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let partner = (mode & 4 != 0).then_some("P1");
    match mode % 6 {
        0 => apply_token(rest, partner),
        1 => profile(rest, partner),
        2 => consent(rest, partner),
        3 => customer("account-unbinding", rest, partner),
        4 => customer("apply-ott", rest, partner),
        _ => customer("balance-inquiry", rest, partner),
    }
});
