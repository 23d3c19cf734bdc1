//! The consent link's checks and redirects, as plain functions.

use super::*;

fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn good() -> Vec<(&'static str, &'static str)> {
    vec![
        ("partnerId", "P1"),
        ("scopes", "QUERY_BALANCE,USER_LOGIN_ID"),
        ("redirectUrl", "https://shop.example/cb?x=1"),
        ("state", "s1"),
    ]
}

#[test]
fn checks_name_the_wrong_parameter() {
    let c = Profile::dana();
    assert!(check(&query(&good()), &c, None, &[]).is_ok());
    let with = |k: &str, v: &str| {
        let mut q = good();
        q.retain(|(key, _)| *key != k);
        if !v.is_empty() {
            q.push((
                Box::leak(k.to_string().into_boxed_str()),
                Box::leak(v.to_string().into_boxed_str()),
            ));
        }
        check(&query(&q), &c, Some("P1"), &[]).unwrap_err()[0].param
    };
    assert_eq!(with("partnerId", ""), "partnerId");
    assert_eq!(with("partnerId", "P2"), "partnerId");
    assert_eq!(with("redirectUrl", ""), "redirectUrl");
    assert_eq!(with("redirectUrl", "javascript:alert(1)"), "redirectUrl");
    assert_eq!(with("redirectUrl", "//evil.example/cb"), "redirectUrl");
    assert_eq!(with("redirectUrl", "ftp://x.example/"), "redirectUrl");
    assert_eq!(
        with("redirectUrl", "https://user@evil.example/"),
        "redirectUrl"
    );
    assert_eq!(with("scopes", "USER_LOGIN_ID,<script>"), "scopes");
    assert_eq!(with("scopes", ""), "scopes");
}

#[test]
fn redirects_keep_the_query_and_escape_values() {
    let c = Profile::dana();
    let mut q = good();
    q.retain(|(k, _)| *k != "state");
    q.push(("state", "a b&c"));
    let r = check(&query(&q), &c, None, &[]).unwrap();
    assert_eq!(
        allow_location(&r, "CODE"),
        "https://shop.example/cb?x=1&authCode=CODE&state=a+b%26c"
    );
    assert_eq!(
        with_query("http://h/cb#frag", &[("a", "1")]),
        "http://h/cb?a=1#frag"
    );
    assert!(deny_location(&r).contains("error=access_denied"));
}

fn errors(q: &[(&str, &str)], registered: &[String]) -> Vec<String> {
    check(&query(q), &Profile::dana(), Some("P1"), registered)
        .unwrap_err()
        .iter()
        .map(|e| format!("{} {}", e.param, e.why))
        .collect()
}

#[test]
fn every_wrong_parameter_is_named_without_debug_quoting() {
    let said = errors(
        &[
            ("partnerId", "P\"2"),
            ("scopes", "USER_LOGIN_ID,QUERY_BALANCEE,user_login_id"),
            ("redirectUrl", "ftp://x"),
            ("autoConsent", "maybe"),
        ],
        &[],
    );
    assert_eq!(
        said,
        [
            "partnerId is \"P\"2\", but this sandbox serves partner \"P1\"",
            "redirectUrl \"ftp://x\" is not an http:// or https:// URL",
            "autoConsent must be allow or deny, not \"maybe\"",
            "scopes names \"QUERY_BALANCEE\", not a scope this sandbox knows: did you mean QUERY_BALANCE?",
            "scopes names \"user_login_id\", not a scope this sandbox knows: did you mean USER_LOGIN_ID? (scope names are case-sensitive)",
        ]
    );
    let mut q = good();
    q.push(("autoConsent", "ALLOW"));
    assert_eq!(
        errors(&q, &[]),
        ["autoConsent must be allow or deny, not \"ALLOW\""]
    );
}

#[test]
fn a_parameter_given_twice_is_refused() {
    let mut q = good();
    q.push(("redirectUrl", "https://evil.example/cb"));
    assert_eq!(errors(&q, &[]), ["redirectUrl is given more than once"]);
}

#[test]
fn registered_redirect_urls_are_the_only_ones_allowed() {
    let registered = vec!["https://shop.example/cb".to_string()];
    assert!(check(&query(&good()), &Profile::dana(), None, &registered).is_ok());
    let mut q = good();
    q.retain(|(k, _)| *k != "redirectUrl");
    q.push(("redirectUrl", "https://shop.example/other"));
    assert_eq!(
        errors(&q, &registered),
        ["redirectUrl \"https://shop.example/other\" is not a registered redirect URL (https://shop.example/cb)"]
    );
}

#[test]
fn a_code_and_state_already_in_the_redirect_url_are_replaced() {
    let mut q = good();
    q.retain(|(k, _)| *k != "redirectUrl");
    q.push((
        "redirectUrl",
        "https://shop.example/cb?authCode=OLD&x=1&state=old#f",
    ));
    let r = check(&query(&q), &Profile::dana(), None, &[]).unwrap();
    assert_eq!(
        allow_location(&r, "NEW"),
        "https://shop.example/cb?x=1&authCode=NEW&state=s1#f"
    );
    assert_eq!(
        with_query(
            "http://h/cb?state=a&error=x",
            &[("error", "e"), ("state", "s")]
        ),
        "http://h/cb?error=e&state=s"
    );
}
