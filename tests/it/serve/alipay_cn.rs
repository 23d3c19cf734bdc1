//! Alipay CN's `gateway.do` over raw HTTP: `alipay.system.oauth.token` and
//! `alipay.user.info.share` as the SDKs call them (POST with the common parameters in the
//! query and the business ones in a form body; GET with everything in the query), the RSA2
//! `sign` check over the sorted parameters, and the platform `sign` over the exact inner text
//! of every answer.

use std::collections::BTreeMap;

use base64::Engine;
use rsa::signature::Verifier;
use serde_json::Value;

use crate::serve::support::*;

const GATEWAY: &str = "/gateway.do";

fn encode(params: &BTreeMap<String, String>) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish()
}

/// The common parameters of `method`, signed with `keys` over every parameter but `sign`
/// (sorted, `k=v` joined by `&`), as the Node SDK signs; `business` goes in the form body.
fn call_with(
    server: &Server,
    method: &str,
    business: &[(&str, &str)],
    keys: &Keys,
    get: bool,
) -> (String, Value) {
    let mut common: BTreeMap<String, String> = [
        ("app_id", PARTNER),
        ("method", method),
        ("format", "JSON"),
        ("charset", "utf-8"),
        ("sign_type", "RSA2"),
        ("timestamp", "2025-01-01 10:00:00"),
        ("version", "1.0"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let mut all = common.clone();
    for (k, v) in business {
        all.insert(k.to_string(), v.to_string());
    }
    let text: Vec<String> = all.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let key = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(keys.private.clone());
    let sign = {
        use rsa::signature::{SignatureEncoding, Signer};
        base64::engine::general_purpose::STANDARD
            .encode(key.sign(text.join("&").as_bytes()).to_bytes())
    };
    let (status, _, body) = if get {
        all.insert("sign".into(), sign);
        send(
            server.addr,
            "GET",
            &format!("{GATEWAY}?{}", encode(&all)),
            &[],
            Vec::new(),
        )
    } else {
        common.insert("sign".into(), sign);
        let form: BTreeMap<String, String> = business
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        send(
            server.addr,
            "POST",
            &format!("{GATEWAY}?{}", encode(&common)),
            &[(
                "Content-Type".into(),
                "application/x-www-form-urlencoded;charset=utf-8".into(),
            )],
            encode(&form).into_bytes(),
        )
    };
    assert_eq!(status, 200);
    let text = String::from_utf8(body).unwrap();
    let value = json_of(text.as_bytes());
    (text, value)
}

fn call(server: &Server, method: &str, business: &[(&str, &str)]) -> (String, Value) {
    call_with(server, method, business, keys(), false)
}

/// Whether `text`'s `sign` is the platform's over the exact text of its first member.
fn platform_signed(store: &std::path::Path, text: &str) -> bool {
    let Some(start) = text.find(":{").map(|i| i + 1) else {
        return false;
    };
    let Some(end) = text.rfind(",\"sign\":\"") else {
        return false;
    };
    let value = json_of(text.as_bytes());
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(value["sign"].as_str().unwrap())
        .unwrap();
    let signature = rsa::pkcs1v15::Signature::try_from(bytes.as_slice()).unwrap();
    rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(platform_key(store))
        .verify(&text.as_bytes()[start..end], &signature)
        .is_ok()
}

fn sub_code(answer: &Value) -> &str {
    answer["error_response"]["sub_code"].as_str().unwrap_or("")
}

#[test]
fn oauth_token_and_user_info_share_as_the_sdks_call_them() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            extra: &[],
            ..Default::default()
        },
    );
    let code = mint_for(&store, "alipaycn", "auth_user");
    let token = "alipay.system.oauth.token";
    let (text, won) = call(
        &server,
        token,
        &[("grant_type", "authorization_code"), ("code", &code)],
    );
    assert!(
        text.starts_with("{\"alipay_system_oauth_token_response\":{"),
        "{text}"
    );
    assert!(platform_signed(&store, &text), "{text}");
    let inner = &won["alipay_system_oauth_token_response"];
    assert_eq!(inner["user_id"], "216620000000000000001");
    assert!(inner["expires_in"].as_i64().unwrap() > 3500);

    let (text, used) = call(
        &server,
        token,
        &[("grant_type", "authorization_code"), ("code", &code)],
    );
    assert_eq!(sub_code(&used), "isv.code-invalid", "{used}");
    assert_eq!(used["error_response"]["code"], "40002");
    assert!(platform_signed(&store, &text), "errors are signed too");
    let gcash = mint_for(&store, "gcash", "auth_user");
    let (_, other) = call(
        &server,
        token,
        &[("grant_type", "authorization_code"), ("code", &gcash)],
    );
    assert_eq!(
        sub_code(&other),
        "isv.code-invalid",
        "another gateway's code"
    );

    let refresh = inner["refresh_token"].as_str().unwrap();
    let (_, renewed) = call(
        &server,
        token,
        &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
    );
    let access = renewed["alipay_system_oauth_token_response"]["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, again) = call(
        &server,
        token,
        &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
    );
    assert_eq!(sub_code(&again), "isv.refresh-token-invalid");

    let share = "alipay.user.info.share";
    let (text, info) = call(&server, share, &[("auth_token", &access)]);
    assert!(platform_signed(&store, &text), "{text}");
    let inner = &info["alipay_user_info_share_response"];
    assert_eq!(
        (inner["code"].as_str(), inner["msg"].as_str()),
        (Some("10000"), Some("Success"))
    );
    assert_eq!(inner["nick_name"], "Budi");
    let (_, unknown) = call(&server, share, &[("auth_token", "NO-SUCH-TOKEN")]);
    assert_eq!(
        unknown["alipay_user_info_share_response"]["sub_code"],
        "aop.invalid-auth-token"
    );
    let base = mint_for(&store, "alipaycn", "auth_base");
    let (_, base) = call(
        &server,
        token,
        &[("grant_type", "authorization_code"), ("code", &base)],
    );
    let base = base["alipay_system_oauth_token_response"]["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, denied) = call(&server, share, &[("auth_token", &base)]);
    assert_eq!(
        denied["alipay_user_info_share_response"]["code"], "40006",
        "{denied}"
    );

    // A GET with everything in the query, biz_content included, as a popular Python SDK sends.
    let code = mint_for(&store, "alipaycn", "auth_user");
    let (_, got) = call_with(
        &server,
        token,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("biz_content", "{}"),
        ],
        keys(),
        true,
    );
    assert!(
        got["alipay_system_oauth_token_response"]["access_token"].is_string(),
        "{got}"
    );
}

#[test]
fn a_bad_sign_another_app_or_method_is_an_error_response() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            extra: &[],
            ..Default::default()
        },
    );
    let code = mint_for(&store, "alipaycn", "auth_user");
    let business = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
    ];
    let (text, forged) = call_with(
        &server,
        "alipay.system.oauth.token",
        &business,
        other_keys(),
        false,
    );
    assert_eq!(sub_code(&forged), "isv.invalid-signature", "{forged}");
    assert!(platform_signed(&store, &text));
    let (_, unknown) = call(&server, "alipay.trade.pay", &[]);
    assert_eq!(sub_code(&unknown), "isv.invalid-method");
    assert!(
        unknown["error_response"]["sub_msg"]
            .as_str()
            .unwrap()
            .contains("alipay.trade.pay"),
        "{unknown}"
    );
    let (status, _, body) = send(
        server.addr,
        "GET",
        "/gateway.do?method=alipay.system.oauth.token&app_id=OTHER",
        &[],
        Vec::new(),
    );
    assert_eq!(status, 200);
    assert_eq!(sub_code(&json_of(&body)), "isv.invalid-app-id");
    let (_, won) = call(&server, "alipay.system.oauth.token", &business);
    assert!(
        won["alipay_system_oauth_token_response"].is_object(),
        "the refusals spent nothing"
    );

    let out = authcode()
        .store(&store)
        .args([
            "sandbox",
            "fault",
            "alipay-cn-gateway",
            "--answer",
            "isp.unknow-error",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = mint_for(&store, "alipaycn", "auth_user");
    let business = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
    ];
    let (_, hit) = call(&server, "alipay.system.oauth.token", &business);
    assert_eq!(sub_code(&hit), "isp.unknow-error");
    let log = server.log_when(|log| log.contains("fault=isp.unknow-error"));
    assert!(
        log.contains("POST /gateway.do 200 isp.unknow-error fault="),
        "{log}"
    );
}

#[test]
fn alipay_cn_codes_live_three_minutes() {
    // Alipay CN publishes 3 minutes to 24 hours; the sandbox keeps to the shortest.
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            extra: &[],
            ..Default::default()
        },
    );
    let token = "alipay.system.oauth.token";
    let late = mint_for(&store, "alipaycn", "auth_user");
    backdate(&store, &late, 4 * 60 * 1000);
    let (_, refused) = call(
        &server,
        token,
        &[("grant_type", "authorization_code"), ("code", &late)],
    );
    assert_eq!(sub_code(&refused), "isv.code-invalid", "{refused}");
    let fresh = mint_for(&store, "alipaycn", "auth_user");
    backdate(&store, &fresh, 2 * 60 * 1000);
    let (_, won) = call(
        &server,
        token,
        &[("grant_type", "authorization_code"), ("code", &fresh)],
    );
    assert!(
        won["alipay_system_oauth_token_response"]["access_token"].is_string(),
        "{won}"
    );
}

#[test]
fn max_clock_skew_bounds_the_timestamp_read_as_beijing_time() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            extra: &["--max-clock-skew", "5m"],
            ..Default::default()
        },
    );
    let beijing = |minutes_ago: i64| {
        (jiff::Timestamp::now() + jiff::SignedDuration::from_mins(8 * 60 - minutes_ago))
            .strftime("%Y-%m-%d %H:%M:%S")
            .to_string()
    };
    let token = |timestamp: &str| {
        let params: BTreeMap<String, String> = [
            ("app_id", PARTNER),
            ("method", "alipay.system.oauth.token"),
            ("timestamp", timestamp),
            ("grant_type", "authorization_code"),
            ("code", "NO-SUCH-CODE"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let path = format!("{GATEWAY}?{}", encode(&params));
        let (status, _, body) = send(server.addr, "GET", &path, &[], Vec::new());
        assert_eq!(status, 200);
        json_of(&body)
    };
    let late = token(&beijing(10));
    assert_eq!(sub_code(&late), "isv.invalid-timestamp", "{late}");
    let why = late["error_response"]["sub_msg"].as_str().unwrap();
    assert!(
        why.starts_with("timestamp is 10m")
            && why.ends_with(" behind the server's clock (--max-clock-skew 5m)"),
        "{why}"
    );
    let garbled = token("yesterday");
    assert_eq!(sub_code(&garbled), "isv.invalid-timestamp", "{garbled}");
    // In time (Beijing time, not UTC): as far as the code.
    let on_time = token(&beijing(0));
    assert_eq!(sub_code(&on_time), "isv.code-invalid", "{on_time}");
}
