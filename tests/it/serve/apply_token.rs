//! Apply Token: every row of the spec's result-code table, refresh, lifetimes, and restarts.

use serde_json::Value;

use crate::serve::support::*;

fn is_jakarta_time(v: &Value) -> bool {
    let s = v.as_str().unwrap_or("");
    let b = s.as_bytes();
    s.len() == 25
        && s.ends_with("+07:00")
        && b[10] == b'T'
        && authcode::sandbox::times::parse(s).is_some()
}

fn assert_refused(answer: (u16, Value), status: u16, code: &str, message: &str) {
    assert_eq!(answer.0, status, "{}", answer.1);
    assert_eq!(answer.1["responseCode"], code, "{}", answer.1);
    assert_eq!(answer.1["responseMessage"], message, "{}", answer.1);
    assert!(answer.1.get("accessToken").is_none());
}

#[test]
fn a_minted_code_is_exchanged_once_with_the_specs_fields() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let code = mint(&store, "USER_LOGIN_ID");
    let (status, ok) = server.exchange(&code);
    assert_eq!(status, 200, "{ok}");
    assert_eq!(ok["responseCode"], "2007400");
    assert_eq!(ok["responseMessage"], "Successful");
    assert_eq!(ok["tokenType"], "Bearer");
    assert!(ok["accessToken"].as_str().unwrap().len() >= 32);
    assert!(ok["refreshToken"].as_str().unwrap().len() >= 32);
    assert_ne!(ok["accessToken"], ok["refreshToken"]);
    assert!(is_jakarta_time(&ok["accessTokenExpiryTime"]), "{ok}");
    assert!(is_jakarta_time(&ok["refreshTokenExpiryTime"]), "{ok}");
    let public_id = ok["additionalInfo"]["userInfo"]["publicUserId"].clone();
    assert!(public_id
        .as_str()
        .is_some_and(|p| !p.is_empty() && p.len() <= 64));

    assert_refused(
        server.exchange(&code),
        401,
        "4017400",
        "Unauthorized. Auth Code Used",
    );

    // The same simulated user has the same publicUserId on every exchange.
    let again = server.exchange(&mint(&store, "KYC_INFO")).1;
    assert_eq!(
        again["additionalInfo"]["userInfo"]["publicUserId"],
        public_id
    );

    let (_, log) = server.terminate();
    assert!(
        log.contains("POST /v1.0/access-token/b2b2c.htm 200 2007400 "),
        "{log}"
    );
    assert!(
        log.contains("POST /v1.0/access-token/b2b2c.htm 401 4017400 "),
        "{log}"
    );
    assert!(!log.contains(&code), "the log holds a code: {log}");
    assert!(!log.contains(ok["accessToken"].as_str().unwrap()), "{log}");
}

#[test]
fn unknown_expired_and_badly_signed_codes_are_refused() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    assert_refused(
        server.exchange("test123"),
        401,
        "4017400",
        "Unauthorized. Auth Code Invalid",
    );

    // A code minted 11 minutes ago: past the default 10m --code-ttl.
    let user = authcode::users::Users::load(None).unwrap();
    let user = user.get("default").unwrap();
    let scopes = vec!["USER_LOGIN_ID".to_string()];
    let conn = authcode::sandbox::store::open(&store).unwrap();
    authcode::sandbox::store::grants::record_code(
        &conn,
        &authcode::sandbox::store::MintedCode {
            code: "OLD",
            scopes: &scopes,
            user_id: &user.id,
            user_json: &user.to_json(),
            minted_at: authcode::sandbox::store::now_ms() - 11 * 60 * 1000,
            wallet: "DANA",
            gateway: "dana",
            code_ttl: None,
        },
    )
    .unwrap();
    assert_refused(
        server.exchange("OLD"),
        401,
        "4017400",
        "Unauthorized. Auth Code Expired",
    );
    // The server judges expiry by its own --code-ttl: a server with 1h accepts the code.
    let patient = Server::start(
        &store,
        Options {
            signed: true,
            extra: &["--code-ttl", "1h"],
            ..Default::default()
        },
    );
    assert_eq!(patient.exchange("OLD").1["responseCode"], "2007400");

    // A bad signature does not spend the code.
    let code = mint(&store, "USER_LOGIN_ID");
    let mut headers = signed_headers();
    headers[3].1 = sign(b"something else");
    let refused = server.post(APPLY_TOKEN, &headers, &code_body(&code));
    assert_refused(refused, 401, "4017400", "Unauthorized. Invalid Signature");
    headers[3].1 = "bm90IGEgc2lnbmF0dXJl".into();
    let refused = server.post(APPLY_TOKEN, &headers, &code_body(&code));
    assert_refused(refused, 401, "4017400", "Unauthorized. Invalid Signature");
    // Another merchant's client key.
    let mut other = signed_headers();
    other[1].1 = "SOMEONE".into();
    other[2].1 = "SOMEONE".into();
    let refused = server.post(APPLY_TOKEN, &other, &code_body(&code));
    assert_refused(refused, 401, "4017400", "Unauthorized. Unknown Client");
    assert_eq!(server.exchange(&code).1["responseCode"], "2007400");
}

#[test]
fn header_checks_come_before_the_signature_check() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let code = mint(&store, "USER_LOGIN_ID");
    // DANA's scenario: no X-TIMESTAMP, and so no valid signature either.
    let mut headers = signed_headers();
    headers.remove(0);
    let answer = server.post(APPLY_TOKEN, &headers, &code_body(&code));
    assert_refused(
        answer,
        400,
        "4007402",
        "Invalid Mandatory Field {X-TIMESTAMP}",
    );
    // DANA's scenario: a space instead of the T.
    let mut headers = signed_headers();
    headers[0].1 = "2025-01-01 10:00:00+07:00".into();
    let answer = server.post(APPLY_TOKEN, &headers, &code_body(&code));
    assert_refused(answer, 400, "4007401", "Invalid Field Format {X-TIMESTAMP}");
    let mut headers = signed_headers();
    headers.retain(|(k, _)| k != "X-SIGNATURE");
    let answer = server.post(APPLY_TOKEN, &headers, &code_body(&code));
    assert_refused(
        answer,
        400,
        "4007402",
        "Invalid Mandatory Field {X-SIGNATURE}",
    );
    let mut headers = signed_headers();
    headers.retain(|(k, _)| k != "X-CLIENT-KEY" && k != "X-PARTNER-ID");
    let answer = server.post(APPLY_TOKEN, &headers, &code_body(&code));
    assert_refused(
        answer,
        400,
        "4007402",
        "Invalid Mandatory Field {X-CLIENT-KEY}",
    );
    // None of these spent the code.
    assert_eq!(server.exchange(&code).1["responseCode"], "2007400");
}

#[test]
fn any_iso_8601_offset_is_accepted_and_signed_as_sent() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    for ts in [
        "2025-01-01T03:00:00Z",
        "2025-01-01T10:00:00.250+07:00",
        "2024-12-31T22:00:00-05:00",
    ] {
        let code = mint(&store, "USER_LOGIN_ID");
        let headers = vec![
            ("X-TIMESTAMP".to_string(), ts.to_string()),
            ("X-CLIENT-KEY".to_string(), PARTNER.to_string()),
            (
                "X-SIGNATURE".to_string(),
                sign(format!("{PARTNER}|{ts}").as_bytes()),
            ),
        ];
        let (status, answer) = server.post(APPLY_TOKEN, &headers, &code_body(&code));
        assert_eq!(
            (status, answer["responseCode"].as_str()),
            (200, Some("2007400")),
            "{ts}: {answer}"
        );
    }
}

#[test]
fn a_refresh_token_gives_a_new_pair_once() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let first = server.exchange(&mint(&store, "USER_LOGIN_ID")).1;
    let refresh = |token: &Value| {
        let body = serde_json::json!({"grantType": "REFRESH_TOKEN", "refreshToken": token});
        server.apply(body.to_string().as_bytes())
    };
    let (status, second) = refresh(&first["refreshToken"]);
    assert_eq!(status, 200, "{second}");
    assert_eq!(second["responseCode"], "2007400");
    assert_ne!(second["accessToken"], first["accessToken"]);
    assert_ne!(second["refreshToken"], first["refreshToken"]);
    assert!(is_jakarta_time(&second["accessTokenExpiryTime"]));
    assert_eq!(
        second["additionalInfo"]["userInfo"]["publicUserId"],
        first["additionalInfo"]["userInfo"]["publicUserId"]
    );
    assert_refused(
        refresh(&first["refreshToken"]),
        401,
        "4017400",
        "Unauthorized. Refresh Token Used",
    );
    assert_refused(
        refresh(&"nope".into()),
        401,
        "4017400",
        "Unauthorized. Refresh Token Invalid",
    );
    assert_eq!(
        refresh(&second["refreshToken"]).1["responseCode"],
        "2007400"
    );
}

#[test]
fn an_exchange_survives_sigkill_and_tokens_survive_a_restart() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let code = mint(&store, "USER_LOGIN_ID");
    let tokens = server.exchange(&code).1;
    assert_eq!(tokens["responseCode"], "2007400");
    // The answer came after the commit: killed without a chance to flush anything, the
    // restarted server still knows the code is spent and the token is valid.
    server.kill();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    assert_refused(
        server.exchange(&code),
        401,
        "4017400",
        "Unauthorized. Auth Code Used",
    );
    let token = tokens["accessToken"].as_str().unwrap();
    let (status, profile) = server.post(PROFILE, &[], &profile_body(token, &["LOGIN_ID"]));
    assert_eq!(status, 200, "{profile}");
    assert_eq!(
        profile["response"]["body"]["resultInfo"]["resultCode"],
        "SUCCESS"
    );
    let body =
        serde_json::json!({"grantType": "REFRESH_TOKEN", "refreshToken": tokens["refreshToken"]});
    assert_eq!(
        server.apply(body.to_string().as_bytes()).1["responseCode"],
        "2007400"
    );
}

#[test]
fn minting_the_same_seed_again_makes_the_code_usable_again() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let seeded = || {
        let out = authcode()
            .store(&store)
            .args([
                "request",
                "--scopes",
                "USER_LOGIN_ID",
                "--approve",
                "--seed",
                "5",
                "--compact",
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        json_of(&out.stdout)["authCode"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let code = seeded();
    assert_eq!(server.exchange(&code).1["responseCode"], "2007400");
    assert_eq!(server.exchange(&code).1["responseCode"], "4017400");
    assert_eq!(seeded(), code);
    assert_eq!(server.exchange(&code).1["responseCode"], "2007400");
}

#[test]
fn without_a_key_any_signature_is_accepted_and_the_server_says_so() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let code = mint(&store, "USER_LOGIN_ID");
    let headers = vec![
        ("X-TIMESTAMP".to_string(), timestamp()),
        ("X-CLIENT-KEY".to_string(), "anyone".to_string()),
        ("X-SIGNATURE".to_string(), "not-a-signature".to_string()),
    ];
    let (status, answer) = server.post(APPLY_TOKEN, &headers, &code_body(&code));
    assert_eq!(
        (status, answer["responseCode"].as_str()),
        (200, Some("2007400"))
    );
    let (_, log) = server.terminate();
    assert_eq!(
        log.lines().next(),
        Some("warning: no --partner-public-key: every signature is accepted"),
        "{log}"
    );
}

#[test]
fn a_used_fault_on_a_refresh_says_refresh_token_used() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let pair = server.exchange(&mint(&store, "USER_LOGIN_ID")).1;
    let refresh =
        serde_json::json!({"grantType": "REFRESH_TOKEN", "refreshToken": pair["refreshToken"]})
            .to_string();
    authcode()
        .store(&store)
        .args([
            "sandbox",
            "fault",
            "apply-token",
            "--answer",
            "4017400",
            "--count",
            "2",
        ])
        .run()
        .success();
    assert_refused(
        server.apply(refresh.as_bytes()),
        401,
        "4017400",
        "Unauthorized. Refresh Token Used",
    );
    assert_refused(
        server.exchange(&mint(&store, "USER_LOGIN_ID")),
        401,
        "4017400",
        "Unauthorized. Auth Code Used",
    );
    // The fault answered instead: the refresh token was not spent.
    let (status, renewed) = server.apply(refresh.as_bytes());
    assert_eq!(
        (status, &renewed["responseCode"]),
        (200, &"2007400".into()),
        "{renewed}"
    );
}

#[test]
fn max_clock_skew_refuses_a_time_too_far_from_the_servers_clock() {
    let (_dir, store) = temp_store();
    let start = |extra: &'static [&'static str]| {
        Server::start(
            &store,
            Options {
                signed: true,
                extra,
                ..Default::default()
            },
        )
    };
    let ago = |ms: i64| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64;
        authcode::sandbox::times::jakarta(now - ms)
    };
    let headers_at = |ts: String| {
        let sig = sign(format!("{PARTNER}|{ts}").as_bytes());
        vec![
            ("X-TIMESTAMP".to_string(), ts),
            ("X-CLIENT-KEY".into(), PARTNER.into()),
            ("X-SIGNATURE".into(), sig),
            ("Content-Type".into(), "application/json".into()),
        ]
    };
    // Off by default: a time ten minutes old is accepted.
    let server = start(&[]);
    let (status, body) = server.post(
        APPLY_TOKEN,
        &headers_at(ago(600_000)),
        &code_body(&mint(&store, "USER_LOGIN_ID")),
    );
    assert_eq!(status, 200, "{body}");
    drop(server);

    let server = start(&["--max-clock-skew", "5m"]);
    let code = mint(&store, "USER_LOGIN_ID");
    let (status, body) = server.post(APPLY_TOKEN, &headers_at(ago(600_000)), &code_body(&code));
    assert_eq!(
        (status, &body["responseCode"]),
        (401, &"4017400".into()),
        "{body}"
    );
    let message = body["responseMessage"].as_str().unwrap();
    assert!(
        message.starts_with("Unauthorized. X-TIMESTAMP is ")
            && message.ends_with(" behind the server's clock (--max-clock-skew 5m)"),
        "{message}"
    );
    // Within the bound: answered, and the code was not spent by the refusal.
    let (status, body) = server.post(APPLY_TOKEN, &headers_at(ago(60_000)), &code_body(&code));
    assert_eq!(status, 200, "{body}");

    // The profile's reqTime too.
    let token = body["accessToken"].as_str().unwrap();
    let request = serde_json::json!({
        "head": {"version": "2.0", "function": "dana.member.query.queryUserProfile",
                 "clientId": PARTNER, "clientSecret": "secret", "reqTime": ago(-600_000),
                 "reqMsgId": "skew-1", "accessToken": token, "reserve": "{}"},
        "body": {"userResources": ["LOGIN_ID"]},
    })
    .to_string();
    let envelope = format!(
        r#"{{"request":{request},"signature":"{}"}}"#,
        sign(request.as_bytes())
    );
    let (_, answer) = server.post(PROFILE, &[], envelope.as_bytes());
    let info = &answer["response"]["body"]["resultInfo"];
    assert_eq!(info["resultCode"], "PARAM_ILLEGAL", "{answer}");
    assert!(
        info["resultMsg"]
            .as_str()
            .unwrap()
            .ends_with("ahead of the server's clock (--max-clock-skew 5m)"),
        "{answer}"
    );
}
