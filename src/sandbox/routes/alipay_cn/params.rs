//! What a `gateway.do` call sent: its parameters, from the query and (for POST) a form body,
//! as the SDKs send them (the Node SDK: common ones in the query, business ones in the body;
//! others: everything in a GET query), and the checks of the app and its `sign`.

use std::collections::BTreeMap;

use crate::sandbox::state::Merchant;

/// A call's parameters, by name; a name sent twice keeps its last value (the body's).
pub(crate) type Params = BTreeMap<String, String>;

/// The parameters of `query` and, unless empty, a form `body`.
pub(crate) fn read(query: Option<&str>, body: &[u8]) -> Params {
    let mut params = Params::new();
    for (k, v) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        params.insert(k.into_owned(), v.into_owned());
    }
    for (k, v) in form_urlencoded::parse(body) {
        params.insert(k.into_owned(), v.into_owned());
    }
    params
}

/// Why a call is refused before its method runs: `error_response`'s code, msg and sub_code,
/// and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refused {
    pub code: &'static str,
    pub msg: &'static str,
    pub sub_code: &'static str,
    pub sub_msg: String,
}

fn missing(sub_code: &'static str, what: &str) -> Refused {
    Refused {
        code: "40001",
        msg: "Missing Required Arguments",
        sub_code,
        sub_msg: format!("{what} is missing"),
    }
}

fn invalid(sub_code: &'static str, why: String) -> Refused {
    Refused {
        code: "40002",
        msg: "Invalid Arguments",
        sub_code,
        sub_msg: why,
    }
}

/// The string the SDKs sign: `k=v` pairs sorted by name, joined by `&`, without `sign` (and,
/// as some SDKs and the V1 rule do, without empty values or `sign_type`): each variant the
/// platform accepts.
fn signed_strings(params: &Params) -> [String; 3] {
    let join = |keep: &dyn Fn(&str, &str) -> bool| {
        params
            .iter()
            .filter(|(k, v)| k.as_str() != "sign" && keep(k, v))
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    };
    [
        join(&|_, _| true),
        join(&|_, v| !v.is_empty()),
        join(&|k, v| k != "sign_type" && !v.is_empty()),
    ]
}

/// The time of a `timestamp` (`yyyy-MM-dd HH:mm:ss`, no zone), read as Alipay's gateway and
/// its Java SDK read it: Beijing time (UTC+8).
fn beijing_time(text: &str) -> Option<jiff::Timestamp> {
    let b = text.as_bytes();
    if b.len() != 19 || b[10] != b' ' {
        return None;
    }
    crate::sandbox::times::parse(&format!("{}T{}+08:00", &text[..10], &text[11..]))
}

/// Checks the app, the time (with `--max-clock-skew`) and the signature; `Err` is the
/// `error_response` to give.
pub(crate) fn check(params: &Params, merchant: Merchant<'_>) -> Result<(), Refused> {
    let app_id = params.get("app_id").filter(|a| !a.is_empty());
    let Some(app_id) = app_id else {
        return Err(missing("isv.missing-app-id", "app_id"));
    };
    if let Some(partner) = merchant.partner_id {
        if app_id != partner {
            return Err(invalid(
                "isv.invalid-app-id",
                format!(
                    "app_id {} is not the registered app",
                    crate::text::brief(app_id)
                ),
            ));
        }
    }
    if let Some(max) = merchant.max_clock_skew {
        let sent = params.get("timestamp").and_then(|t| beijing_time(t));
        let Some(sent) = sent else {
            return Err(invalid(
                "isv.invalid-timestamp",
                "timestamp is not yyyy-MM-dd HH:mm:ss".into(),
            ));
        };
        let now = crate::sandbox::store::now_ms();
        if let Some(why) = super::super::clock_skew(sent, now, Some(max)) {
            return Err(invalid("isv.invalid-timestamp", format!("timestamp {why}")));
        }
    }
    let Some(verifier) = merchant.verifier else {
        return Ok(());
    };
    let Some(sign) = params.get("sign").filter(|s| !s.is_empty()) else {
        return Err(missing("isv.missing-signature", "sign"));
    };
    if params.get("sign_type").is_some_and(|t| t != "RSA2") {
        return Err(invalid(
            "isv.invalid-signature-type",
            "sign_type must be RSA2".into(),
        ));
    }
    if signed_strings(params)
        .iter()
        .any(|text| verifier.verify(text.as_bytes(), sign))
    {
        Ok(())
    } else {
        Err(invalid(
            "isv.invalid-signature",
            "the sign does not verify with the registered public key".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_adds_to_the_query_and_wins() {
        let params = read(Some("method=a.b&app_id=1&x=q"), b"x=body&code=C%2B1");
        assert_eq!(params["method"], "a.b");
        assert_eq!(params["x"], "body");
        assert_eq!(params["code"], "C+1");
    }

    #[test]
    fn the_signed_string_is_sorted_without_sign() {
        let params = read(Some("b=2&a=1&sign=S&sign_type=RSA2&e="), b"");
        let [all, filled, v1] = signed_strings(&params);
        assert_eq!(all, "a=1&b=2&e=&sign_type=RSA2");
        assert_eq!(filled, "a=1&b=2&sign_type=RSA2");
        assert_eq!(v1, "a=1&b=2");
    }

    #[test]
    fn a_registered_app_must_match() {
        let merchant = Merchant {
            partner_id: Some("2021"),
            verifier: None,
            max_clock_skew: None,
        };
        assert_eq!(check(&read(Some("app_id=2021"), b""), merchant), Ok(()));
        let other = check(&read(Some("app_id=9"), b""), merchant).unwrap_err();
        assert_eq!(other.sub_code, "isv.invalid-app-id");
        let none = check(&read(None, b""), merchant).unwrap_err();
        assert_eq!(none.sub_code, "isv.missing-app-id");
    }

    #[test]
    fn a_timestamp_is_beijing_time() {
        let utc = crate::sandbox::times::parse("2025-01-01T02:00:00Z").unwrap();
        assert_eq!(beijing_time("2025-01-01 10:00:00"), Some(utc));
        assert_eq!(beijing_time("2025-01-01T10:00:00"), None);
        assert_eq!(beijing_time("2025-01-01 10:00"), None);
        assert_eq!(beijing_time("2025-01-01 10:00:00é"), None);
    }
}
