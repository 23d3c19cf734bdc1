//! Account Unbinding, Apply OTT and Balance Inquiry over raw HTTP: their answers, what
//! unbinding does to every route, and each refusal (body hash altered, a signature over
//! Apply Token's scheme, another user's token, a scope not granted, an X-EXTERNAL-ID reused
//! with another body).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::serve::support::*;

pub const UNBIND: &str = "/v1.0/registration-account-unbinding.htm";
pub const OTT: &str = "/rest/v1.1/qr/apply-ott";
pub const BALANCE: &str = "/v1.0/balance-inquiry.htm";

/// A code for `scopes` (web scopes too, which `request` does not mint) of the user `id`.
fn record(store: &std::path::Path, scopes: &[&str], id: &str) -> String {
    let users = authcode::users::Users::load(None).unwrap();
    let user = match users.get(id) {
        Some(user) => user.clone(),
        None => authcode::users::User {
            id: id.into(),
            name: "Siti Rahayu".into(),
            public_user_id: None,
            resources: BTreeMap::new(),
        },
    };
    static N: AtomicU32 = AtomicU32::new(0);
    let code = format!("WIDGET{id}{}", N.fetch_add(1, Ordering::Relaxed));
    let scopes: Vec<String> = scopes.iter().map(|s| s.to_string()).collect();
    authcode::sandbox::store::grants::record_code(
        &authcode::sandbox::store::open(store).unwrap(),
        &authcode::sandbox::store::MintedCode {
            code: &code,
            scopes: &scopes,
            user_id: &user.id,
            user_json: &user.to_json(),
            minted_at: authcode::sandbox::store::now_ms(),
            wallet: "DANA",
            gateway: "dana",
            code_ttl: None,
        },
    )
    .unwrap();
    code
}

/// A bound token pair (Apply Token's answer) for `scopes` of the user `id`.
fn bind(server: &Server, store: &std::path::Path, scopes: &[&str], id: &str) -> Value {
    let (status, tokens) = server.exchange(&record(store, scopes, id));
    assert_eq!(status, 200, "{tokens}");
    tokens
}

fn hex_sha256(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Headers as the SDKs send them, signed over `signed` (the body the signature covers).
fn headers_for(path: &str, signed: &Value, external_id: &str) -> Vec<(String, String)> {
    let ts = timestamp();
    let compact = signed.to_string();
    let data = format!("POST:{path}:{}:{ts}", hex_sha256(compact.as_bytes()));
    let token = signed["additionalInfo"]["accessToken"]
        .as_str()
        .unwrap_or("");
    vec![
        ("Content-Type".into(), "application/json".into()),
        ("X-TIMESTAMP".into(), ts),
        ("X-PARTNER-ID".into(), PARTNER.into()),
        ("X-EXTERNAL-ID".into(), external_id.into()),
        ("CHANNEL-ID".into(), "95221".into()),
        ("X-SIGNATURE".into(), sign(data.as_bytes())),
        ("Authorization-Customer".into(), format!("Bearer {token}")),
    ]
}

fn next_id() -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!("ext-{}", N.fetch_add(1, Ordering::Relaxed))
}

/// A signed call to `path` with `body`, sent as Python's json.dumps sends it (with spaces).
fn call(server: &Server, path: &str, body: &Value) -> (u16, Value) {
    call_as(server, path, body, &next_id())
}

fn call_as(server: &Server, path: &str, body: &Value, external_id: &str) -> (u16, Value) {
    let headers = headers_for(path, body, external_id);
    server.post(path, &headers, spaced(body).as_bytes())
}

/// `body` with a space after each `,` and `:` between tokens, as Python's json.dumps writes.
fn spaced(body: &Value) -> String {
    serde_json::to_string_pretty(body)
        .unwrap()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

fn balance_body(token: &str) -> Value {
    json!({"partnerReferenceNo": "ref-1", "balanceTypes": ["BALANCE"],
           "additionalInfo": {"accessToken": token, "deviceId": "device-1"}})
}

fn ott_body(token: &str) -> Value {
    json!({"userResources": ["OTT"], "additionalInfo": {"accessToken": token, "deviceId": "device-1"}})
}

fn unbind_body(token: &str) -> Value {
    json!({"merchantId": "216620000000000000001", "partnerReferenceNo": "ref-2",
           "additionalInfo": {"accessToken": token, "deviceId": "device-1"}})
}

fn code_and_message(answer: &(u16, Value)) -> (u16, &str, &str) {
    (
        answer.0,
        answer.1["responseCode"].as_str().unwrap_or("?"),
        answer.1["responseMessage"].as_str().unwrap_or("?"),
    )
}

fn signed_server(store: &std::path::Path) -> Server {
    Server::start(
        store,
        Options {
            signed: true,
            ..Default::default()
        },
    )
}

const ALL_SCOPES: [&str; 3] = ["USER_LOGIN_ID", "QUERY_BALANCE", "MINI_DANA"];

#[test]
fn balance_ott_and_unbinding_answer_then_the_binding_is_dead_everywhere() {
    let (_dir, store) = temp_store();
    let server = signed_server(&store);
    let tokens = bind(&server, &store, &ALL_SCOPES, "default");
    let token = tokens["accessToken"].as_str().unwrap();

    let balance = call(&server, BALANCE, &balance_body(token));
    assert_eq!(code_and_message(&balance), (200, "2001100", "Successful"));
    assert_eq!(balance.1["partnerReferenceNo"], "ref-1");
    assert_eq!(balance.1["name"], "Budi Santoso");
    let info = &balance.1["accountInfos"][0];
    assert_eq!(info["balanceType"], "BALANCE");
    assert_eq!(
        info["amount"],
        json!({"value": "250000.00", "currency": "IDR"})
    );

    let ott = call(&server, OTT, &ott_body(token));
    assert_eq!(code_and_message(&ott), (200, "2004900", "Successful"));
    assert_eq!(ott.1["userResources"][0]["resourceType"], "OTT");
    let value = ott.1["userResources"][0]["value"].as_str().unwrap();
    assert!(value.len() >= 32 && value != token, "{value}");

    let unbound = call(&server, UNBIND, &unbind_body(token));
    assert_eq!(code_and_message(&unbound), (200, "2000900", "Successful"));
    assert_eq!(unbound.1["merchantId"], "216620000000000000001");
    assert_eq!(unbound.1["partnerReferenceNo"], "ref-2");

    // The token and its refresh token are dead on every route.
    assert_eq!(
        code_and_message(&call(&server, BALANCE, &balance_body(token))),
        (401, "4011102", "Invalid Customer Token")
    );
    assert_eq!(
        code_and_message(&call(&server, OTT, &ott_body(token))),
        (401, "4014902", "Invalid Customer Token")
    );
    assert_eq!(
        code_and_message(&call(&server, UNBIND, &unbind_body(token))),
        (401, "4010902", "Invalid Customer Token"),
        "unbinding twice"
    );
    let profile = server
        .post(PROFILE, &[], &profile_body(token, &["LOGIN_ID"]))
        .1;
    assert_eq!(
        profile["response"]["body"]["resultInfo"]["resultCode"],
        "INVALID_ACCESS_TOKEN"
    );
    let refresh = json!({"grantType": "REFRESH_TOKEN", "refreshToken": tokens["refreshToken"]});
    assert_eq!(
        code_and_message(&server.apply(refresh.to_string().as_bytes())),
        (401, "4017400", "Unauthorized. Refresh Token Invalid")
    );

    let listing = json_of(&send(server.addr, "GET", "/?format=json", &[], Vec::new()).2);
    assert_eq!(listing["tokens"][0]["accessToken"], token);
    assert_eq!(listing["tokens"][0]["state"], "unbound");

    let (_, log) = server.terminate();
    for line in [
        "POST /v1.0/balance-inquiry.htm 200 2001100 ",
        "POST /rest/v1.1/qr/apply-ott 200 2004900 ",
        "POST /v1.0/registration-account-unbinding.htm 200 2000900 ",
        "POST /v1.0/balance-inquiry.htm 401 4011102 ",
    ] {
        assert!(log.contains(line), "{line}: {log}");
    }
    assert!(!log.contains(token), "the log holds a token: {log}");
}

#[test]
fn a_signature_over_another_body_or_the_apply_token_scheme_is_refused() {
    let (_dir, store) = temp_store();
    let server = signed_server(&store);
    let token = bind(&server, &store, &ALL_SCOPES, "default")["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    for (path, service) in [(BALANCE, "11"), (OTT, "49"), (UNBIND, "09")] {
        let body = match path {
            BALANCE => balance_body(&token),
            OTT => ott_body(&token),
            _ => unbind_body(&token),
        };
        // Signed over one body, another sent: the hash in the signed string differs.
        let mut altered = body.clone();
        altered["additionalInfo"]["deviceId"] = "device-2".into();
        let headers = headers_for(path, &body, &next_id());
        let answer = server.post(path, &headers, altered.to_string().as_bytes());
        let want = format!("401{service}00");
        assert_eq!(
            code_and_message(&answer),
            (401, want.as_str(), "Unauthorized. Invalid Signature"),
            "{path}: body altered"
        );
        // Apply Token's `<client>|<timestamp>` is not this call's signature.
        let mut headers = headers_for(path, &body, &next_id());
        let ts = headers[1].1.clone();
        headers[5].1 = sign(format!("{PARTNER}|{ts}").as_bytes());
        let answer = server.post(path, &headers, body.to_string().as_bytes());
        assert_eq!(
            code_and_message(&answer),
            (401, want.as_str(), "Unauthorized. Invalid Signature"),
            "{path}: apply-token scheme"
        );
        // A header missing comes before the signature.
        let mut headers = headers_for(path, &body, &next_id());
        headers.retain(|(k, _)| k != "X-EXTERNAL-ID");
        let answer = server.post(path, &headers, body.to_string().as_bytes());
        let want = format!("400{service}02");
        assert_eq!(
            code_and_message(&answer),
            (400, want.as_str(), "Invalid Mandatory Field X-EXTERNAL-ID"),
            "{path}"
        );
    }
    // Nothing was unbound by the refused calls.
    assert_eq!(call(&server, BALANCE, &balance_body(&token)).0, 200);
}

#[test]
fn another_users_token_and_a_scope_not_granted_are_refused() {
    let (_dir, store) = temp_store();
    let server = signed_server(&store);
    let budi = bind(&server, &store, &ALL_SCOPES, "default")["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let siti = bind(&server, &store, &ALL_SCOPES, "siti")["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    // Authorization-Customer carries Siti's token, the body Budi's.
    let body = balance_body(&budi);
    let mut headers = headers_for(BALANCE, &body, &next_id());
    headers[6].1 = format!("Bearer {siti}");
    assert_eq!(
        code_and_message(&server.post(BALANCE, &headers, body.to_string().as_bytes())),
        (401, "4011102", "Invalid Customer Token")
    );
    // Siti's own balance: her record has none, so the documented default.
    let balance = call(&server, BALANCE, &balance_body(&siti));
    assert_eq!(balance.0, 200, "{}", balance.1);
    assert_eq!(
        balance.1["accountInfos"][0]["amount"],
        json!({"value": "0.00", "currency": "IDR"})
    );
    assert_eq!(balance.1["name"], "Siti Rahayu");

    let login_only = bind(&server, &store, &["USER_LOGIN_ID"], "default")["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        code_and_message(&call(&server, BALANCE, &balance_body(&login_only))),
        (403, "4031101", "Feature Not Allowed")
    );
    assert_eq!(
        code_and_message(&call(&server, OTT, &ott_body(&login_only))),
        (403, "4034901", "Feature Not Allowed")
    );
    // Unbinding needs no scope.
    assert_eq!(
        call(&server, UNBIND, &unbind_body(&login_only)).0,
        200,
        "unbinding a token without QUERY_BALANCE or MINI_DANA"
    );
    // DANA's UAT case: a resource other than OTT.
    let mut bad = ott_body(&budi);
    bad["userResources"] = json!(["OTTasd!#$"]);
    assert_eq!(
        code_and_message(&call(&server, OTT, &bad)),
        (400, "4004901", "Invalid Field Format userResources")
    );
    // An expired token.
    let out = authcode()
        .store(&store)
        .args(["sandbox", "expire-token", &budi])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        code_and_message(&call(&server, OTT, &ott_body(&budi))),
        (401, "4014901", "Token Expired")
    );
}

#[test]
fn an_external_id_answers_the_same_again_and_refuses_another_body() {
    let (_dir, store) = temp_store();
    let server = signed_server(&store);
    let token = bind(&server, &store, &ALL_SCOPES, "default")["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let first = call_as(&server, OTT, &ott_body(&token), "retry-1");
    assert_eq!(first.0, 200, "{}", first.1);
    // A retry (new timestamp and signature, same body): the same one-time token again.
    let again = call_as(&server, OTT, &ott_body(&token), "retry-1");
    assert_eq!(again, first);
    let fresh = call(&server, OTT, &ott_body(&token));
    assert_ne!(fresh.1["userResources"], first.1["userResources"]);

    let mut other = ott_body(&token);
    other["additionalInfo"]["deviceId"] = "device-2".into();
    assert_eq!(
        code_and_message(&call_as(&server, OTT, &other, "retry-1")),
        (409, "4094900", "Conflict")
    );
    // The same id on another route is another request.
    assert_eq!(
        call_as(&server, BALANCE, &balance_body(&token), "retry-1").0,
        200
    );

    // An unbinding retried after it succeeded answers its success again, not the dead token.
    let unbind = call_as(&server, UNBIND, &unbind_body(&token), "unbind-1");
    assert_eq!(unbind.0, 200);
    assert_eq!(
        call_as(&server, UNBIND, &unbind_body(&token), "unbind-1"),
        unbind
    );
}

#[test]
fn faults_apply_to_the_three_routes() {
    let (_dir, store) = temp_store();
    let server = signed_server(&store);
    let token = bind(&server, &store, &ALL_SCOPES, "default")["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    for (route, code) in [
        ("balance-inquiry", "5001101"),
        ("apply-ott", "4014901"),
        ("account-unbinding", "4090900"),
    ] {
        let out = authcode()
            .store(&store)
            .args(["sandbox", "fault", route, "--answer", code])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = authcode()
        .store(&store)
        .args(["sandbox", "fault", "apply-ott", "--answer", "4017400"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a code of another route");
    assert!(String::from_utf8_lossy(&out.stderr).contains("4014902"));

    assert_eq!(
        code_and_message(&call(&server, BALANCE, &balance_body(&token))),
        (500, "5001101", "Internal Server Error")
    );
    assert_eq!(
        code_and_message(&call(&server, OTT, &ott_body(&token))),
        (401, "4014901", "Token Expired")
    );
    assert_eq!(
        code_and_message(&call(&server, UNBIND, &unbind_body(&token))),
        (409, "4090900", "Conflict")
    );
    // Each fault hit once: the token still works, and was never unbound.
    assert_eq!(call(&server, BALANCE, &balance_body(&token)).0, 200);
    let (_, log) = server.terminate();
    assert!(
        log.contains("POST /v1.0/balance-inquiry.htm 500 5001101 fault=5001101 "),
        "{log}"
    );
}

#[test]
fn the_user_ends_the_binding_from_the_command_line_or_the_listing() {
    let (_dir, store) = temp_store();
    let server = signed_server(&store);
    let by_cli = bind(&server, &store, &ALL_SCOPES, "default");
    let by_button = bind(&server, &store, &ALL_SCOPES, "default");

    // `authcode sandbox unbind` takes the access token or the refresh token.
    let out = authcode()
        .store(&store)
        .args([
            "sandbox",
            "unbind",
            by_cli["refreshToken"].as_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    // It says what it did, in one line on stderr, naming the store.
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.lines().count() == 1
            && said.contains("unbound: the binding ended")
            && said.contains("store"),
        "{said}"
    );
    let token = by_cli["accessToken"].as_str().unwrap();
    assert_eq!(
        code_and_message(&call(&server, BALANCE, &balance_body(token))),
        (401, "4011102", "Invalid Customer Token")
    );
    let out = authcode()
        .store(&store)
        .args(["sandbox", "unbind", "NO-SUCH-TOKEN"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with("error: the store ") && said.contains(" holds no token NO-SUCH-TOKEN"),
        "{said}"
    );

    // The listing's button names the row, not the token.
    let token = by_button["accessToken"].as_str().unwrap();
    let listing = json_of(&send(server.addr, "GET", "/?format=json", &[], Vec::new()).2);
    assert_eq!(listing["tokens"][0]["accessToken"], token);
    assert_eq!(listing["tokens"][0]["state"], "active");
    let row = listing["tokens"][0]["id"].as_i64().unwrap();
    let page = String::from_utf8(send(server.addr, "GET", "/", &[], Vec::new()).2).unwrap();
    assert!(
        page.contains("action=\"/sandbox/unbind\"") && page.contains(">unbind</button>"),
        "{page}"
    );
    let form = vec![(
        "Content-Type".to_string(),
        "application/x-www-form-urlencoded".to_string(),
    )];
    let (status, headers, _) = send(
        server.addr,
        "POST",
        "/sandbox/unbind",
        &form,
        format!("target={row}").into_bytes(),
    );
    assert_eq!((status, headers["location"].to_str().unwrap()), (303, "/"));
    assert_eq!(
        code_and_message(&call(&server, OTT, &ott_body(token))),
        (401, "4014902", "Invalid Customer Token")
    );
    let listing = json_of(&send(server.addr, "GET", "/?format=json", &[], Vec::new()).2);
    assert_eq!(listing["tokens"][0]["state"], "unbound");
    assert_eq!(listing["tokens"][1]["state"], "unbound");
    let (_, log) = server.terminate();
    assert!(log.contains("POST /sandbox/unbind 303 unbind "), "{log}");
}

#[test]
fn a_one_time_token_opens_its_page_once_while_the_binding_lasts() {
    let (_dir, store) = temp_store();
    let server = signed_server(&store);
    let token = bind(&server, &store, &ALL_SCOPES, "default")["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let ott = |server: &Server| {
        let answer = call(server, OTT, &ott_body(&token));
        assert_eq!(answer.0, 200, "{}", answer.1);
        answer.1["userResources"][0]["value"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let open = |value: &str| {
        let (status, _, page) = send(
            server.addr,
            "GET",
            &format!("/sandbox/ott?ott={value}"),
            &[],
            Vec::new(),
        );
        (status, String::from_utf8(page).unwrap())
    };
    let first = ott(&server);
    let (status, page) = open(&first);
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<span id=\"user\">Budi Santoso</span>"),
        "{page}"
    );
    let (status, page) = open(&first);
    assert_eq!(status, 400);
    assert!(page.contains("used already"), "{page}");
    let (status, page) = open("NO-SUCH-OTT");
    assert_eq!(status, 400);
    assert!(page.contains("unknown"), "{page}");

    let second = ott(&server);
    assert_eq!(call(&server, UNBIND, &unbind_body(&token)).0, 200);
    let (status, page) = open(&second);
    assert_eq!(status, 400);
    assert!(
        page.contains("binding of this one-time token was ended"),
        "{page}"
    );

    let (_, log) = server.terminate();
    assert!(log.contains("GET /sandbox/ott 200 ott-accepted "), "{log}");
    assert!(log.contains("GET /sandbox/ott 400 ott-used "), "{log}");
    assert!(log.contains("GET /sandbox/ott 400 ott-unbound "), "{log}");
    assert!(
        !log.contains(&first),
        "the log holds a one-time token: {log}"
    );
}

#[test]
fn the_fuzzed_checks_give_the_routes_verdicts() {
    use authcode::sandbox::checks;
    let headers: Vec<(&[u8], &[u8])> = vec![
        (b"X-TIMESTAMP", b"2025-01-01T10:00:00+07:00"),
        (b"X-SIGNATURE", b"c2ln"),
        (b"X-PARTNER-ID", b"P1"),
        (b"X-EXTERNAL-ID", b"E1"),
        (b"CHANNEL-ID", b"95221"),
    ];
    let body = br#"{"userResources": ["OTT"], "additionalInfo": {"accessToken": "T"}}"#;
    assert_eq!(
        checks::customer("apply-ott", &headers, body, Some("P1")),
        Ok(())
    );
    let refused = checks::customer("apply-ott", &headers, body, Some("P2")).unwrap_err();
    assert_eq!(refused.status, 401);
    assert!(refused.body.contains("4014900"), "{}", refused.body);
    // The route's own fields are checked too.
    let refused = checks::customer("account-unbinding", &headers, body, None).unwrap_err();
    assert!(
        refused.body.contains("Invalid Mandatory Field merchantId"),
        "{}",
        refused.body
    );
    let refused = checks::customer("balance-inquiry", &headers[1..], body, None).unwrap_err();
    assert!(
        refused.body.starts_with(r#"{"responseCode":"4001102","#),
        "{}",
        refused.body
    );
    // Headers that are not valid HTTP are dropped, as the server never sees them.
    let mut bad = headers.clone();
    bad[3] = (b"X-EXTERNAL-ID", b"a\nb");
    let refused = checks::customer("apply-ott", &bad, body, None).unwrap_err();
    assert!(refused.body.contains("X-EXTERNAL-ID"), "{}", refused.body);
}
