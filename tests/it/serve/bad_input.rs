//! Bad input on every route: each answer is JSON in the route's shape, never a panic or an
//! empty 500, and the server keeps serving; no secret reaches the log.

use serde_json::Value;

use crate::serve::support::*;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Shape {
    Snap,
    OpenApi,
}

fn shape_of(body: &Value) -> Option<Shape> {
    if body["responseCode"].is_string() && body["responseMessage"].is_string() {
        Some(Shape::Snap)
    } else if body["response"]["body"]["resultInfo"]["resultCode"].is_string() {
        Some(Shape::OpenApi)
    } else {
        None
    }
}

fn check(server: &Server, method: &str, path: &str, body: Vec<u8>, status: u16, shape: Shape) {
    let shown = String::from_utf8_lossy(&body[..body.len().min(60)]).into_owned();
    let (got, headers, bytes) = send(server.addr, method, path, &signed_headers(), body);
    assert_eq!(
        got,
        status,
        "{method} {path} {shown:?}: {}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(
        headers["content-type"], "application/json",
        "{method} {path} {shown:?}"
    );
    let value = json_of(&bytes);
    assert_eq!(
        shape_of(&value),
        Some(shape),
        "{method} {path} {shown:?}: {value}"
    );
}

#[test]
fn every_route_answers_bad_input_with_json_and_keeps_serving() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let too_big = {
        let mut b = br#"{"grantType":"AUTHORIZATION_CODE","authCode":""#.to_vec();
        b.resize((1 << 20) + 10, b'x');
        b.extend_from_slice(b"\"}");
        b
    };
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("not JSON", b"hello".to_vec()),
        ("not an object", b"[1, 2]".to_vec()),
        ("a number", b"42".to_vec()),
        (
            "wrong types",
            br#"{"grantType": 7, "request": "x"}"#.to_vec(),
        ),
        ("empty", Vec::new()),
        ("invalid UTF-8", b"{\"grantType\": \"\xff\xfe\"}".to_vec()),
        ("truncated", br#"{"request": {"head": "#.to_vec()),
        ("nested deep", "[".repeat(10_000).into_bytes()),
    ];
    for (path, shape) in [(APPLY_TOKEN, Shape::Snap), (PROFILE, Shape::OpenApi)] {
        for (what, body) in &bodies {
            let (status, _, bytes) =
                send(server.addr, "POST", path, &signed_headers(), body.clone());
            assert!(
                (400..500).contains(&status) || status == 200,
                "{path} {what}: {status}"
            );
            assert_eq!(shape_of(&json_of(&bytes)), Some(shape), "{path} {what}");
        }
    }
    // Every 404, 405 and 413 case is src/sandbox/app_tests.rs's, in-process; one of each here
    // shows them through a real socket and in the access log.
    check(&server, "POST", APPLY_TOKEN, too_big, 413, Shape::Snap);
    check(&server, "PUT", PROFILE, Vec::new(), 405, Shape::OpenApi);
    check(&server, "GET", "/nope", Vec::new(), 404, Shape::Snap);

    // Still serving, with the code table intact.
    let code = mint(&store, "USER_LOGIN_ID");
    let tokens = server.exchange(&code).1;
    assert_eq!(tokens["responseCode"], "2007400");

    let (_, log) = server.terminate();
    assert!(!log.contains("panicked"), "{log}");
    assert!(
        !log.contains("PRIVATE KEY") && !log.contains("secret"),
        "{log}"
    );
    assert!(
        !log.contains(tokens["accessToken"].as_str().unwrap()),
        "{log}"
    );
    assert!(
        log.contains("POST /v1.0/access-token/b2b2c.htm 413 4137400 "),
        "{log}"
    );
    assert!(
        log.contains("PUT /dana/member/query/queryUserProfile.htm 405 PARAM_ILLEGAL "),
        "{log}"
    );
    assert!(log.contains("GET /nope 404 4040000 "), "{log}");
}

#[test]
fn a_client_that_hangs_up_mid_body_does_not_stop_the_server() {
    use std::io::Write;
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    for _ in 0..20 {
        let mut s = std::net::TcpStream::connect(server.addr).unwrap();
        let _ = s.write_all(
            b"POST /v1.0/access-token/b2b2c.htm HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"grantType\"",
        );
        drop(s);
        let mut s = std::net::TcpStream::connect(server.addr).unwrap();
        let _ = s.write_all(b"\x16\x03\x01 garbage that is not HTTP\r\n\r\n");
        drop(s);
    }
    assert_eq!(
        server.exchange(&mint(&store, "USER_LOGIN_ID")).1["responseCode"],
        "2007400"
    );
}

#[test]
fn an_unknown_button_or_a_bad_target_gets_a_clear_error() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let form = |path: &str, body: &str| {
        let (status, _, bytes) = send(
            server.addr,
            "POST",
            path,
            &[(
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            )],
            body.as_bytes().to_vec(),
        );
        (status, String::from_utf8(bytes).unwrap())
    };
    let (status, page) = form("/sandbox/unknown", "target=1");
    assert_eq!(status, 404, "{page}");
    assert!(
        page.contains(
            "The listing has no action &quot;unknown&quot;; its buttons are expire-code, use-code"
        ),
        "{page}"
    );
    assert!(!page.contains("authorization link"), "{page}");
    for target in ["", "target=abc", "target=-3"] {
        let (status, page) = form("/sandbox/use-code", target);
        assert_eq!(status, 400, "{target}: {page}");
        assert!(
            page.contains("use-code takes the form field target"),
            "{page}"
        );
    }
    let (status, page) = form("/sandbox/expire-code", "target=999");
    assert_eq!(status, 404, "{page}");
    assert!(
        page.contains("The sandbox holds no code in row 999"),
        "{page}"
    );
    let (status, page) = form("/sandbox/clear-fault", "target=5");
    assert_eq!(status, 404, "{page}");
    assert!(page.contains("no armed fault in row 5"), "{page}");
    let log = server.log_when(|l| l.contains("clear-fault-not-found"));
    assert!(
        log.contains("POST /sandbox/unknown 404 unknown-action"),
        "{log}"
    );
}

#[test]
fn an_oversized_body_announced_with_expect_100_continue_is_refused_before_it_is_sent() {
    use std::io::{Read, Write};
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    for (path, code) in [(APPLY_TOKEN, "4137400"), (PROFILE, "PARAM_ILLEGAL")] {
        let mut client = std::net::TcpStream::connect(server.addr).unwrap();
        client
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        write!(
            client,
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nExpect: 100-continue\r\n\r\n",
            server.addr,
            (1 << 20) + 1
        )
        .unwrap();
        // The body is never sent: the answer must come without it.
        let mut answer = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&answer).contains(code) {
            match client.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buf[..n]),
            }
        }
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 413 "), "{path}: {answer}");
        assert!(!answer.contains("100 Continue"), "{path}: {answer}");
        assert!(answer.contains(code), "{path}: {answer}");
    }
}
