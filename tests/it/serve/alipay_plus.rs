//! The Alipay+ gateway over raw HTTP: each result code of Apply Token and Inquiry User Info,
//! the request signature cases, and the platform signature on every answer (verified with
//! the key `authcode sandbox key` prints).

use serde_json::{json, Value};

use crate::serve::support::*;

type Headers = Vec<(String, String)>;

const APPLY: &str = "/v2/authorizations/applyToken";
const INQUIRY: &str = "/v2/users/inquiryUserInfo";

/// A call to `path` with `headers`; the status and the answer, whose platform signature
/// must verify with `store`'s key.
fn call(
    server: &Server,
    store: &std::path::Path,
    path: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> (u16, Value) {
    let (status, answer_headers, answer) = send(server.addr, "POST", path, headers, body.to_vec());
    assert!(
        platform_signed(&platform_key(store), path, &answer_headers, &answer),
        "{path}: the answer is not signed by the platform key: {answer_headers:?} {}",
        String::from_utf8_lossy(&answer)
    );
    (status, json_of(&answer))
}

/// A correctly signed call.
fn signed(server: &Server, store: &std::path::Path, path: &str, body: &Value) -> Value {
    let body = body.to_string().into_bytes();
    let (status, answer) = call(server, store, path, &plus_headers(path, &body), &body);
    assert_eq!(status, 200, "{answer}");
    answer
}

fn result_of(answer: &Value) -> (&str, &str) {
    (
        answer["result"]["resultStatus"].as_str().unwrap(),
        answer["result"]["resultCode"].as_str().unwrap(),
    )
}

fn code(code: &str) -> Value {
    json!({"grantType": "AUTHORIZATION_CODE", "authCode": code, "appId": "A1", "authClientId": PARTNER})
}

fn refresh(token: &str) -> Value {
    json!({"grantType": "REFRESH_TOKEN", "refreshToken": token})
}

fn signed_server(store: &std::path::Path) -> Server {
    Server::start(
        store,
        Options {
            signed: true,
            extra: &[],
            ..Default::default()
        },
    )
}

fn sandbox(store: &std::path::Path, args: &[&str]) {
    let out = authcode()
        .store(store)
        .arg("sandbox")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn apply_token_answers_each_result_of_the_code_and_refresh_token() {
    let (_dir, store) = temp_store();
    let server = signed_server(&store);
    let gcash = mint_for(&store, "gcash", "auth_user");
    let won = signed(&server, &store, APPLY, &code(&gcash));
    assert_eq!(result_of(&won), ("S", "SUCCESS"), "{won}");
    assert_eq!(won["customerId"], "216620000000000000001");
    for field in ["accessTokenExpiryTime", "refreshTokenExpiryTime"] {
        let time = won[field].as_str().unwrap();
        assert!(authcode::sandbox::times::parse(time).is_some(), "{time}");
    }
    let again = signed(&server, &store, APPLY, &code(&gcash));
    assert_eq!(result_of(&again), ("F", "USED_CODE"));
    assert_eq!(
        again["result"]["resultMessage"],
        "The authorization code has been used."
    );

    let dana = mint(&store, "USER_LOGIN_ID");
    let other = signed(&server, &store, APPLY, &code(&dana));
    assert_eq!(result_of(&other), ("F", "INVALID_CODE"), "DANA's code");
    let unknown = signed(&server, &store, APPLY, &code("NO-SUCH-CODE"));
    assert_eq!(result_of(&unknown), ("F", "INVALID_CODE"));
    let tng = mint_for(&store, "tng", "auth_user");
    sandbox(&store, &["expire-code", &tng]);
    let expired = signed(&server, &store, APPLY, &code(&tng));
    assert_eq!(result_of(&expired), ("F", "EXPIRED_CODE"));

    let first = won["refreshToken"].as_str().unwrap();
    let renewed = signed(&server, &store, APPLY, &refresh(first));
    assert_eq!(result_of(&renewed), ("S", "SUCCESS"), "{renewed}");
    let reused = signed(&server, &store, APPLY, &refresh(first));
    assert_eq!(result_of(&reused), ("F", "USED_REFRESH_TOKEN"));
    let unknown = signed(&server, &store, APPLY, &refresh("NO-SUCH-TOKEN"));
    assert_eq!(result_of(&unknown), ("F", "INVALID_REFRESH_TOKEN"));
    let second = renewed["refreshToken"].as_str().unwrap();
    sandbox(&store, &["expire-token", second]);
    let late = signed(&server, &store, APPLY, &refresh(second));
    assert_eq!(result_of(&late), ("F", "EXPIRED_REFRESH_TOKEN"));

    let grant = signed(
        &server,
        &store,
        APPLY,
        &json!({"grantType": "PASSWORD", "authCode": "x"}),
    );
    assert_eq!(
        result_of(&grant),
        ("F", "AUTH_CLIENT_UNSUPPORTED_GRANT_TYPE")
    );
    for body in [
        json!({"grantType": "AUTHORIZATION_CODE"}),
        json!({"grantType": "REFRESH_TOKEN", "refreshToken": ""}),
        json!({"authCode": "x"}),
        json!({"grantType": "AUTHORIZATION_CODE", "authCode": 7}),
        json!(["not", "an", "object"]),
    ] {
        let answer = signed(&server, &store, APPLY, &body);
        assert_eq!(result_of(&answer), ("F", "PARAM_ILLEGAL"), "{body}");
    }
}

#[test]
fn inquiry_user_info_answers_the_fields_the_scopes_unlock() {
    let (_dir, store) = temp_store();
    let server = signed_server(&store);
    let token = |scopes: &str| {
        let won = signed(
            &server,
            &store,
            APPLY,
            &code(&mint_for(&store, "gcash", scopes)),
        );
        won["accessToken"].as_str().unwrap().to_string()
    };
    let inquiry = |token: &str| {
        signed(
            &server,
            &store,
            INQUIRY,
            &json!({"accessToken": token, "appId": "A1", "authClientId": PARTNER}),
        )
    };
    let full = inquiry(&token("auth_user"));
    assert_eq!(result_of(&full), ("S", "SUCCESS"), "{full}");
    let info = &full["userInfo"];
    assert_eq!(info["userId"], "216620000000000000001");
    assert_eq!(info["nickName"], "Budi");
    assert_eq!(info["userName"]["fullName"], "Budi Santoso");
    assert_eq!(info["loginIdInfos"][0]["loginId"], "6281234567890");

    let base = inquiry(&token("auth_base"));
    assert_eq!(result_of(&base), ("F", "ACCESS_DENIED"), "{base}");

    assert_eq!(
        result_of(&inquiry("NO-SUCH-TOKEN")),
        ("F", "INVALID_ACCESS_TOKEN")
    );
    let expiring = token("auth_user");
    sandbox(&store, &["expire-token", &expiring]);
    assert_eq!(
        result_of(&inquiry(&expiring)),
        ("F", "EXPIRED_ACCESS_TOKEN")
    );
    let dana = server.exchange(&mint(&store, "USER_LOGIN_ID")).1;
    let dana_token = dana["accessToken"].as_str().unwrap();
    assert_eq!(
        result_of(&inquiry(dana_token)),
        ("F", "INVALID_ACCESS_TOKEN"),
        "DANA's token"
    );
    let missing = signed(&server, &store, INQUIRY, &json!({"appId": "A1"}));
    assert_eq!(result_of(&missing), ("F", "PARAM_ILLEGAL"));
}

#[test]
fn request_signatures_are_checked_as_the_platform_does() {
    let (_dir, store) = temp_store();
    let server = signed_server(&store);
    let apply = |path: &str, headers: &[(String, String)], body: &[u8]| {
        let (status, answer) = call(&server, &store, path, headers, body);
        assert_eq!(status, 200, "{answer}");
        result_of(&answer).1.to_string()
    };
    let fresh = || code(&mint_for(&store, "gcash", "auth_user")).to_string();

    // Both Request-Time forms, and spaces after the Signature's commas.
    let body = fresh();
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        .to_string();
    let headers = plus_headers_at(APPLY, body.as_bytes(), &millis, keys());
    assert_eq!(apply(APPLY, &headers, body.as_bytes()), "SUCCESS");
    let body = fresh();
    let mut headers = plus_headers(APPLY, body.as_bytes());
    headers[2].1 = headers[2].1.replace(',', ", ");
    assert_eq!(apply(APPLY, &headers, body.as_bytes()), "SUCCESS");

    // Under a wallet's prefix, signed over that path.
    for path in [
        "/api/open/v2/authorizations/applyToken",
        "/acl/api/v2/authorizations/applyToken",
        "/ams/api/v1/authorizations/applyToken",
        "/ams/sandbox/api/v1/authorizations/applyToken",
    ] {
        let body = fresh();
        let headers = plus_headers(path, body.as_bytes());
        assert_eq!(apply(path, &headers, body.as_bytes()), "SUCCESS", "{path}");
    }

    let body = fresh();
    let cases: Vec<(&str, Headers, &str)> = vec![
        (
            "another merchant's key",
            plus_headers_at(APPLY, body.as_bytes(), &timestamp(), other_keys()),
            "INVALID_SIGNATURE",
        ),
        (
            "signed for another path",
            plus_headers("/api/v2/authorizations/applyToken", body.as_bytes()),
            "INVALID_SIGNATURE",
        ),
        (
            "signed for another body",
            plus_headers(APPLY, b"{}"),
            "INVALID_SIGNATURE",
        ),
        (
            "no Signature header",
            plus_headers(APPLY, body.as_bytes())
                .into_iter()
                .filter(|(k, _)| k != "Signature")
                .collect(),
            "INVALID_SIGNATURE",
        ),
        (
            "another client",
            plus_headers(APPLY, body.as_bytes())
                .into_iter()
                .map(|(k, v)| {
                    if k == "Client-Id" {
                        (k, "OTHER".into())
                    } else {
                        (k, v)
                    }
                })
                .collect(),
            "INVALID_AUTH_CLIENT",
        ),
        (
            "no Client-Id",
            plus_headers(APPLY, body.as_bytes())
                .into_iter()
                .filter(|(k, _)| k != "Client-Id")
                .collect(),
            "PARAM_ILLEGAL",
        ),
        (
            "a Request-Time without a zone",
            plus_headers_at(APPLY, body.as_bytes(), "2025-01-01 10:00:00", keys()),
            "PARAM_ILLEGAL",
        ),
    ];
    for (what, headers, want) in cases {
        assert_eq!(apply(APPLY, &headers, body.as_bytes()), want, "{what}");
    }
    // None of those spent the code.
    let headers = plus_headers(APPLY, body.as_bytes());
    assert_eq!(apply(APPLY, &headers, body.as_bytes()), "SUCCESS");
}

#[test]
fn without_a_key_any_signature_is_accepted_and_answers_are_still_signed() {
    let (dir, store) = temp_store();
    let given = dir.path().join("platform.pem");
    std::fs::write(&given, other_keys().private_pem).unwrap();
    let server = Server::start(
        &store,
        Options {
            signed: false,
            extra: &["--platform-private-key", given.to_str().unwrap()],
            ..Default::default()
        },
    );
    let body = code(&mint_for(&store, "alipayplus-connect", "auth_user")).to_string();
    let headers = plus_headers_at(APPLY, body.as_bytes(), &timestamp(), other_keys());
    let (status, answer_headers, answer) = send(
        server.addr,
        "POST",
        APPLY,
        &headers,
        body.clone().into_bytes(),
    );
    assert_eq!(status, 200);
    assert_eq!(result_of(&json_of(&answer)), ("S", "SUCCESS"));
    let given_key = {
        use rsa::pkcs8::DecodePublicKey;
        rsa::RsaPublicKey::from_public_key_pem(other_keys().public_pem).unwrap()
    };
    assert!(platform_signed(&given_key, APPLY, &answer_headers, &answer));
    assert!(
        !platform_signed(&platform_key(&store), APPLY, &answer_headers, &answer),
        "the given key signs, not the store's"
    );
}

#[test]
fn the_store_keeps_one_platform_key_and_sandbox_key_prints_it_both_ways() {
    let (_dir, store) = temp_store();
    let out = authcode()
        .store(&store)
        .args(["sandbox", "key"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "-----BEGIN PUBLIC KEY-----");
    let end = lines
        .iter()
        .position(|l| *l == "-----END PUBLIC KEY-----")
        .unwrap();
    assert_eq!(
        lines[1..end].concat(),
        lines[end + 1],
        "the bare base64 follows"
    );
    assert_eq!(lines.len(), end + 2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let private = store.with_file_name("store.platform-key.pem");
        let mode = std::fs::metadata(&private).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let server = Server::start(&store, Options::default());
    let (_, _, page) = send(server.addr, "GET", "/", &[], Vec::new());
    assert!(
        String::from_utf8_lossy(&page).contains(lines[end + 1]),
        "the listing page shows the key"
    );
    let gcash = mint_for(&store, "gcash", "auth_user");
    let won = signed(&server, &store, APPLY, &code(&gcash));
    assert_eq!(result_of(&won), ("S", "SUCCESS"));
}

#[test]
fn faults_hit_the_alipay_plus_routes_by_name() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    sandbox(
        &store,
        &["fault", "alipay-plus-apply-token", "--answer", "USED_CODE"],
    );
    sandbox(&store, &["fault", "alipay-plus-user-info", "--http", "503"]);
    let gcash = mint_for(&store, "gcash", "auth_user");
    let hit = signed(&server, &store, APPLY, &code(&gcash));
    assert_eq!(result_of(&hit), ("F", "USED_CODE"));
    let won = signed(&server, &store, APPLY, &code(&gcash));
    assert_eq!(
        result_of(&won),
        ("S", "SUCCESS"),
        "the fault did not spend the code"
    );
    let body = json!({"accessToken": won["accessToken"]})
        .to_string()
        .into_bytes();
    let (status, answer) = call(
        &server,
        &store,
        INQUIRY,
        &plus_headers(INQUIRY, &body),
        &body,
    );
    assert_eq!(
        (status, result_of(&answer)),
        (503, ("U", "UNKNOWN_EXCEPTION"))
    );
    let log = server.log_when(|log| log.contains("fault=http-503"));
    assert!(
        log.contains(&format!("POST {APPLY} 200 USED_CODE fault=USED_CODE")),
        "{log}"
    );
    let out = authcode()
        .store(&store)
        .args([
            "sandbox",
            "fault",
            "alipay-plus-apply-token",
            "--answer",
            "4017400",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a DANA code is not this route's"
    );
}

#[test]
fn sixty_four_clients_one_alipay_plus_winner() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            extra: &["--quiet"],
            ..Default::default()
        },
    );
    let gcash = mint_for(&store, "gcash", "auth_user");
    let body = code(&gcash).to_string().into_bytes();
    let headers = plus_headers(APPLY, &body);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .unwrap();
    let codes: Vec<String> = rt.block_on(async {
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(64));
        let tasks: Vec<_> = (0..64)
            .map(|_| {
                let (barrier, headers, body) = (barrier.clone(), headers.clone(), body.clone());
                let addr = server.addr;
                tokio::spawn(async move {
                    barrier.wait().await;
                    let (_, _, bytes) = send_async(addr, "POST", APPLY, &headers, body).await;
                    json_of(&bytes)["result"]["resultCode"]
                        .as_str()
                        .unwrap()
                        .to_string()
                })
            })
            .collect();
        let mut codes = Vec::new();
        for t in tasks {
            codes.push(t.await.unwrap());
        }
        codes
    });
    let won = codes.iter().filter(|c| *c == "SUCCESS").count();
    let used = codes.iter().filter(|c| *c == "USED_CODE").count();
    assert_eq!((won, used), (1, 63), "{codes:?}");
}

#[test]
fn codes_live_as_long_as_their_platform_publishes_unless_code_ttl_says() {
    const MINUTE: i64 = 60 * 1000;
    let (_dir, store) = temp_store();
    let server = signed_server(&store);
    // Alipay+ codes "expire within one day": GCash's code is good after 11 minutes (past the
    // 10m default) and gone after 25 hours.
    let gcash = mint_for(&store, "gcash", "auth_user");
    backdate(&store, &gcash, 11 * MINUTE);
    let won = signed(&server, &store, APPLY, &code(&gcash));
    assert_eq!(result_of(&won), ("S", "SUCCESS"), "{won}");
    let late = mint_for(&store, "alipayplus", "auth_user");
    backdate(&store, &late, 25 * 60 * MINUTE);
    let expired = signed(&server, &store, APPLY, &code(&late));
    assert_eq!(result_of(&expired), ("F", "EXPIRED_CODE"), "{expired}");
    // AlipayHK's live 10 minutes.
    let hk = || {
        let out = authcode()
            .store(&store)
            .args(["request", "--wallet", "alipayhk", "--approve", "--compact"])
            .args(["--scopes", "USER_NAME", "--param", "authClientId=C1"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        json_of(&out.stdout)["authCode"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let hk_code = hk();
    backdate(&store, &hk_code, 11 * MINUTE);
    let expired = signed(&server, &store, APPLY, &code(&hk_code));
    assert_eq!(result_of(&expired), ("F", "EXPIRED_CODE"), "{expired}");
    let fresh = hk();
    backdate(&store, &fresh, 9 * MINUTE);
    let won = signed(&server, &store, APPLY, &code(&fresh));
    assert_eq!(result_of(&won), ("S", "SUCCESS"), "{won}");
    drop(server);

    // --code-ttl is for every code, whatever its wallet.
    let patient = Server::start(
        &store,
        Options {
            signed: true,
            extra: &["--code-ttl", "1h"],
            ..Default::default()
        },
    );
    let hk_code = hk();
    backdate(&store, &hk_code, 11 * MINUTE);
    let won = signed(&patient, &store, APPLY, &code(&hk_code));
    assert_eq!(result_of(&won), ("S", "SUCCESS"), "{won}");
    let gcash = mint_for(&store, "gcash", "auth_user");
    backdate(&store, &gcash, 61 * MINUTE);
    let expired = signed(&patient, &store, APPLY, &code(&gcash));
    assert_eq!(result_of(&expired), ("F", "EXPIRED_CODE"), "{expired}");
}

#[test]
fn max_clock_skew_bounds_the_request_time() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            extra: &["--max-clock-skew", "5m"],
            ..Default::default()
        },
    );
    let body = code("NO-SUCH-CODE").to_string().into_bytes();
    let now = jiff::Timestamp::now();
    let late = now - jiff::SignedDuration::from_mins(10);
    let ahead = now + jiff::SignedDuration::from_mins(10);
    for (time, words) in [
        (late.as_millisecond().to_string(), "behind"),
        (ahead.to_string(), "ahead of"),
    ] {
        let headers = plus_headers_at(APPLY, &body, &time, keys());
        let (status, answer) = call(&server, &store, APPLY, &headers, &body);
        assert_eq!(status, 200);
        assert_eq!(
            result_of(&answer),
            ("F", "PARAM_ILLEGAL"),
            "{time}: {answer}"
        );
        let message = answer["result"]["resultMessage"].as_str().unwrap();
        assert!(
            message.starts_with("Request-Time is ")
                && message.ends_with(&format!(
                    " {words} the server's clock (--max-clock-skew 5m)"
                )),
            "{message}"
        );
    }
    // A time within the bound gets as far as the code.
    let (_, answer) = call(&server, &store, APPLY, &plus_headers(APPLY, &body), &body);
    assert_eq!(result_of(&answer), ("F", "INVALID_CODE"), "{answer}");
}

#[test]
fn alipay_plus_exchanges_survive_sigkill_under_load_each_code_once() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    let (_dir, store) = temp_store();
    let codes: Vec<String> = (0..48)
        .map(|_| mint_for(&store, "gcash", "auth_user"))
        .collect();
    let server = signed_server(&store);
    let addr = server.addr;
    // Exchanges answered before the kill: code -> access token.
    let answered = Arc::new(Mutex::new(Vec::<(String, String)>::new()));
    let wins = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = codes
        .chunks(6)
        .map(|chunk| {
            let chunk = chunk.to_vec();
            let (answered, wins) = (Arc::clone(&answered), Arc::clone(&wins));
            std::thread::spawn(move || {
                for c in chunk {
                    let body = code(&c).to_string().into_bytes();
                    let headers = plus_headers(APPLY, &body);
                    let sent =
                        std::panic::catch_unwind(|| send(addr, "POST", APPLY, &headers, body));
                    let Ok((200, _, answer)) = sent else { return };
                    let answer = json_of(&answer);
                    assert_eq!(result_of(&answer), ("S", "SUCCESS"), "{answer}");
                    let token = answer["accessToken"].as_str().unwrap().to_string();
                    answered.lock().unwrap().push((c, token));
                    wins.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while wins.load(Ordering::SeqCst) < 8 && std::time::Instant::now() < deadline {
        std::thread::yield_now();
    }
    assert!(wins.load(Ordering::SeqCst) >= 8, "no load before the kill");
    server.kill();
    for w in workers {
        let _ = w.join();
    }
    let answered = answered.lock().unwrap().clone();
    assert!(
        answered.len() < codes.len(),
        "the kill came after every exchange"
    );

    let server = signed_server(&store);
    let mut redeemed_now = 0;
    for c in &codes {
        let again = signed(&server, &store, APPLY, &code(c));
        match answered.iter().find(|(a, _)| a == c) {
            // Nothing lost: an answered exchange stays spent, and its token works.
            Some((_, token)) => {
                assert_eq!(result_of(&again), ("F", "USED_CODE"), "{c}: {again}");
                let info = signed(
                    &server,
                    &store,
                    INQUIRY,
                    &json!({"accessToken": token, "authClientId": PARTNER}),
                );
                assert_eq!(result_of(&info), ("S", "SUCCESS"), "{info}");
            }
            // Unanswered: spent (committed, the answer lost) or still unused — then once.
            None => match result_of(&again) {
                ("F", "USED_CODE") => {}
                ("S", "SUCCESS") => {
                    redeemed_now += 1;
                    let twice = signed(&server, &store, APPLY, &code(c));
                    assert_eq!(result_of(&twice), ("F", "USED_CODE"), "{twice}");
                }
                other => panic!("{c}: {other:?}"),
            },
        }
    }
    assert!(redeemed_now > 0 || answered.len() == codes.len());
}
