//! Query User Profile: the envelope, its signature over the raw `request` text, and the
//! answers for granted, ungranted, undefined resources and bad tokens.

use serde_json::Value;

use crate::serve::support::*;

fn result(answer: &Value) -> (&str, &str) {
    let info = &answer["response"]["body"]["resultInfo"];
    (
        info["resultStatus"].as_str().unwrap_or("?"),
        info["resultCode"].as_str().unwrap_or("?"),
    )
}

fn token_for(server: &Server, store: &std::path::Path, scopes: &str) -> String {
    let answer = server.exchange(&mint(store, scopes)).1;
    answer["accessToken"].as_str().unwrap().to_string()
}

#[test]
fn granted_resources_come_from_the_simulated_user() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let token = token_for(&server, &store, "USER_LOGIN_ID,KYC_INFO");
    let (status, answer) = server.post(
        PROFILE,
        &[],
        &profile_body(&token, &["KTP_NUMBER", "LOGIN_ID", "FULLNAME"]),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(result(&answer), ("S", "SUCCESS"));
    let head = &answer["response"]["head"];
    assert_eq!(head["function"], "dana.member.query.queryUserProfile");
    assert_eq!(head["reqMsgId"], "test-1");
    assert_eq!(head["clientId"], PARTNER);
    assert!(head["respTime"].as_str().unwrap().ends_with("+07:00"));
    let infos = answer["response"]["body"]["userResourceInfos"]
        .as_array()
        .unwrap();
    let pairs: Vec<(&str, &str)> = infos
        .iter()
        .map(|i| {
            (
                i["resourceType"].as_str().unwrap(),
                i["value"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("KTP_NUMBER", "3171061708900001"),
            ("LOGIN_ID", "6281234567890"),
            ("FULLNAME", "Budi Santoso")
        ]
    );
    assert!(!server.terminate().1.contains(&token));
}

#[test]
fn ungranted_undefined_resources_and_bad_tokens_fail_with_their_codes() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let token = token_for(&server, &store, "USER_LOGIN_ID");
    let ask = |token: &str, resources: &[&str]| {
        let (status, answer) = server.post(PROFILE, &[], &profile_body(token, resources));
        assert_eq!(status, 200, "{answer}");
        answer
    };
    let denied = ask(&token, &["LOGIN_ID", "KTP_NUMBER"]);
    assert_eq!(result(&denied), ("F", "ACCESS_DENIED"));
    assert!(denied["response"]["body"]
        .get("userResourceInfos")
        .is_none());
    assert_eq!(
        result(&ask(&token, &["SHOE_SIZE"])),
        ("F", "RESOURCE_NOT_DEFINED")
    );
    assert_eq!(
        result(&ask("no-such-token", &["LOGIN_ID"])),
        ("F", "INVALID_ACCESS_TOKEN")
    );

    let conn = authcode::sandbox::store::open(&store).unwrap();
    conn.execute(
        "UPDATE tokens SET access_expires_at = 1 WHERE access_token = ?1",
        [&token],
    )
    .unwrap();
    let expired = ask(&token, &["LOGIN_ID"]);
    assert_eq!(result(&expired), ("F", "INVALID_ACCESS_TOKEN"));
    assert!(expired.to_string().contains("expired"));
    let (_, log) = server.terminate();
    assert!(
        log.contains("POST /dana/member/query/queryUserProfile.htm 200 ACCESS_DENIED "),
        "{log}"
    );
}

#[test]
fn the_signature_covers_the_request_text_exactly_as_sent() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let token = token_for(&server, &store, "USER_LOGIN_ID");
    // Python's json.dumps spacing, signed as sent: accepted.
    let request = format!(
        r#"{{"head": {{"version": "2.0", "function": "dana.member.query.queryUserProfile", "clientId": "{PARTNER}", "clientSecret": "s", "reqTime": "{}", "reqMsgId": "m", "accessToken": "{token}", "reserve": "{{}}"}}, "body": {{"userResources": ["NICKNAME"]}}}}"#,
        timestamp()
    );
    let envelope = |request: &str, signature: &str| {
        format!(r#"{{"request": {request}, "signature": "{signature}"}}"#).into_bytes()
    };
    let sig = sign(request.as_bytes());
    let answer = server.post(PROFILE, &[], &envelope(&request, &sig)).1;
    assert_eq!(result(&answer), ("S", "SUCCESS"), "{answer}");
    // The same JSON value with other spacing is not what was signed.
    let compact = serde_json::to_string(&serde_json::from_str::<Value>(&request).unwrap()).unwrap();
    let answer = server.post(PROFILE, &[], &envelope(&compact, &sig)).1;
    assert_eq!(result(&answer), ("F", "INVALID_SIGNATURE"));
    let unsigned = format!(r#"{{"request": {request}}}"#);
    let answer = server.post(PROFILE, &[], unsigned.as_bytes()).1;
    assert_eq!(result(&answer), ("F", "INVALID_SIGNATURE"));
}

#[test]
fn request_user_picks_whose_data_the_profile_shows() {
    let (dir, store) = temp_store();
    let users = dir.path().join("users.json");
    std::fs::write(
        &users,
        r#"[{"id": "siti", "name": "Siti Rahayu", "publicUserId": "216600000000000000042",
             "resources": {"LOGIN_ID": "6285700000042", "NICKNAME": "Siti"}}]"#,
    )
    .unwrap();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let out = authcode()
        .store(&store)
        .args(["--users"])
        .arg(&users)
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--approve",
            "--user",
            "siti",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = json_of(&out.stdout)["authCode"]
        .as_str()
        .unwrap()
        .to_string();
    let tokens = server.exchange(&code).1;
    assert_eq!(
        tokens["additionalInfo"]["userInfo"]["publicUserId"],
        "216600000000000000042"
    );
    let token = tokens["accessToken"].as_str().unwrap();
    let answer = server
        .post(
            PROFILE,
            &[],
            &profile_body(token, &["LOGIN_ID", "NICKNAME"]),
        )
        .1;
    let infos = &answer["response"]["body"]["userResourceInfos"];
    assert_eq!(infos[0]["value"], "6285700000042");
    assert_eq!(infos[1]["value"], "Siti");

    let out = authcode()
        .store(&store)
        .args([
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--approve",
            "--user",
            "nobody",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: unknown user nobody"));
}

#[test]
fn access_tokens_expire_by_the_servers_access_token_ttl() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            extra: &["--access-token-ttl", "1s", "--quiet"],
            ..Default::default()
        },
    );
    let before_issue = std::time::Instant::now();
    let token = token_for(&server, &store, "USER_LOGIN_ID");
    let ask = || {
        server
            .post(PROFILE, &[], &profile_body(&token, &["LOGIN_ID"]))
            .1
    };
    assert_eq!(result(&ask()), ("S", "SUCCESS"));
    // Refused once the TTL has passed, and not before.
    crate::support::wait_until("the access token to expire", || {
        result(&ask()) == ("F", "INVALID_ACCESS_TOKEN")
    });
    assert!(
        before_issue.elapsed() >= std::time::Duration::from_secs(1),
        "expired after {:?}, before its 1 s TTL",
        before_issue.elapsed()
    );
    assert_eq!(server.terminate().1, "", "--quiet writes no log");
}

#[test]
fn a_refresh_revokes_the_old_access_token_as_the_listing_says() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let first = server.exchange(&mint(&store, "USER_LOGIN_ID")).1;
    let old = first["accessToken"].as_str().unwrap().to_string();
    let body =
        serde_json::json!({"grantType": "REFRESH_TOKEN", "refreshToken": first["refreshToken"]});
    let second = server.apply(body.to_string().as_bytes()).1;
    assert_eq!(second["responseCode"], "2007400", "{second}");
    let new = second["accessToken"].as_str().unwrap();
    let ask = |token: &str| {
        server
            .post(PROFILE, &[], &profile_body(token, &["LOGIN_ID"]))
            .1
    };
    let answer = ask(&old);
    assert_eq!(result(&answer), ("F", "INVALID_ACCESS_TOKEN"), "{answer}");
    assert_eq!(
        answer["response"]["body"]["resultInfo"]["resultMsg"],
        "the access token was revoked: its refresh token was spent"
    );
    assert_eq!(result(&ask(new)), ("S", "SUCCESS"));
    // The listing calls the old pair what the profile route treats it as.
    let (_, _, listing) = send(server.addr, "GET", "/?format=json", &[], Vec::new());
    let listing = json_of(&listing);
    let state_of = |token: &str| {
        listing["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["accessToken"] == token)
            .map(|t| t["state"].clone())
    };
    assert_eq!(state_of(&old), Some("revoked".into()), "{listing}");
    assert_eq!(state_of(new), Some("active".into()), "{listing}");
}
