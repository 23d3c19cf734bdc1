//! No other site gets in: what a page of another site can make the developer's browser send
//! — a form posted across origins, a link that answers the consent page by itself, a
//! DNS-rebinding page's `Host` — is refused on the pages, while the API routes answer any
//! client; pages cannot be framed; answers that carry secrets are not cached; a server that
//! listens beyond loopback says what it exposes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use serde_json::Value;

use crate::serve::support::*;

/// One raw HTTP/1.1 request: `head` lines after the request line (Host included by the
/// caller), then `body`. The status, the header block (lower-cased) and the body.
fn raw(addr: SocketAddr, method: &str, path: &str, head: &[&str], body: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut text = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for line in head {
        text.push_str(line);
        text.push_str("\r\n");
    }
    text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(text.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn has(&self, header: &str) -> bool {
        self.head.lines().any(|l| l.trim() == header)
    }
}

fn host(server: &Server) -> String {
    format!("Host: {}", server.addr)
}

/// The listing's rows, as a loopback script reads them.
fn listing(server: &Server) -> Value {
    let reply = raw(server.addr, "GET", "/?format=json", &[&host(server)], "");
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

fn code_row(server: &Server, code: &str) -> i64 {
    listing(server)["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .and_then(|c| c["id"].as_i64())
        .unwrap_or_else(|| panic!("{code} not listed"))
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[test]
fn a_form_posted_from_another_site_is_refused_and_changes_nothing() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let code = mint(&store, "USER_LOGIN_ID");
    let row = code_row(&server, &code);
    let form = format!("target={row}");
    let kind = "Content-Type: application/x-www-form-urlencoded";
    // What a hidden form on evil.example sends, by today's browsers and by older ones.
    for from in [
        ["Origin: https://evil.example", "Sec-Fetch-Site: cross-site"],
        ["Origin: https://evil.example", "X-Old-Browser: 1"],
        ["Origin: null", "X-Old-Browser: 1"],
    ] {
        let head = [host(&server), kind.into(), from[0].into(), from[1].into()];
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        let reply = raw(server.addr, "POST", "/sandbox/use-code", &head, &form);
        assert_eq!(reply.status, 403, "{from:?}: {}", reply.body);
        assert!(reply.body.contains("another site"), "{}", reply.body);
    }
    // The consent page's form too: no code minted, no redirect.
    let consent = format!(
        "partnerId=P1&scopes=USER_LOGIN_ID&redirectUrl={}&decision=allow",
        enc("http://127.0.0.1:9/cb")
    );
    let head = [
        host(&server),
        kind.into(),
        "Sec-Fetch-Site: cross-site".into(),
    ];
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let reply = raw(server.addr, "POST", "/v1.0/get-auth-code", &head, &consent);
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert!(!reply.head.contains("location:"), "{}", reply.head);
    assert_eq!(listing(&server)["codes"].as_array().unwrap().len(), 1);
    // The code was not spent by the refused button.
    let (status, body) = server.exchange(&code);
    assert_eq!((status, &body["responseCode"]), (200, &"2007400".into()));

    // The page's own form (same origin) and a script without a browser still work.
    let other = mint(&store, "USER_LOGIN_ID");
    let form = format!("target={}", code_row(&server, &other));
    let origin = format!("Origin: http://{}", server.addr);
    for from in [
        vec!["Sec-Fetch-Site: same-origin"],
        vec![origin.as_str()],
        vec![],
    ] {
        let mut head = vec![host(&server), kind.into()];
        head.extend(from.iter().map(|s| s.to_string()));
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        let reply = raw(server.addr, "POST", "/sandbox/use-code", &head, &form);
        assert_eq!(reply.status, 303, "{from:?}: {}", reply.body);
    }
    let (status, body) = server.exchange(&other);
    assert_eq!(status, 401, "{body}");
    let log = server.log_when(|l| l.contains("refused-cross-origin"));
    assert!(
        log.contains("POST /sandbox/use-code 403 refused-cross-origin"),
        "{log}"
    );
}

#[test]
fn a_link_from_another_site_cannot_answer_the_consent_page() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let link = format!(
        "/v1.0/get-auth-code?partnerId=P1&scopes=USER_LOGIN_ID&redirectUrl={}&autoConsent=allow",
        enc("http://127.0.0.1:9/cb")
    );
    let from_evil = raw(
        server.addr,
        "GET",
        &link,
        &[&host(&server), "Sec-Fetch-Site: cross-site"],
        "",
    );
    assert_eq!(from_evil.status, 403, "{}", from_evil.body);
    assert!(
        from_evil.body.contains("--auto-consent"),
        "{}",
        from_evil.body
    );
    assert!(listing(&server)["codes"].as_array().unwrap().is_empty());
    // Typed into the address bar (or driven by a test without a browser): answered.
    for head in [
        vec![host(&server), "Sec-Fetch-Site: none".into()],
        vec![host(&server)],
    ] {
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        let reply = raw(server.addr, "GET", &link, &head, "");
        assert_eq!(reply.status, 302, "{}", reply.body);
    }
}

#[test]
fn a_rebinding_host_is_refused_on_the_pages_and_the_api_answers_any_host() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let code = mint(&store, "USER_LOGIN_ID");
    let port = server.addr.port();
    let evil = format!("Host: evil.example:{port}");
    let consent = format!(
        "/v1.0/get-auth-code?partnerId=P1&scopes=USER_LOGIN_ID&redirectUrl={}",
        enc("http://127.0.0.1:9/cb")
    );
    for path in ["/?format=json", "/", consent.as_str()] {
        let reply = raw(server.addr, "GET", path, &[&evil], "");
        assert_eq!(reply.status, 421, "{path}: {}", reply.body);
        assert!(!reply.body.contains(&code), "{path} leaked the code");
    }
    let reply = raw(
        server.addr,
        "POST",
        "/sandbox/use-code",
        &[&evil, "Content-Type: application/x-www-form-urlencoded"],
        "target=1",
    );
    assert_eq!(reply.status, 421, "{}", reply.body);
    // The sandbox's own names and addresses.
    for name in [
        format!("Host: localhost:{port}"),
        format!("Host: app.localhost:{port}"),
        host(&server),
    ] {
        let reply = raw(server.addr, "GET", "/?format=json", &[&name], "");
        assert_eq!(reply.status, 200, "{name}: {}", reply.body);
        assert!(reply.body.contains(&code));
    }
    // A backend in a container calls the API under a service name: answered.
    let headers: Vec<String> = signed_headers()
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .chain([format!("Host: authcode-sandbox:{port}")])
        .collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let body = String::from_utf8(code_body(&code)).unwrap();
    let reply = raw(server.addr, "POST", APPLY_TOKEN, &headers, &body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("2007400"), "{}", reply.body);
}

#[test]
fn pages_are_not_framed_and_secrets_are_not_cached() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let code = mint(&store, "USER_LOGIN_ID");
    let consent = format!(
        "/v1.0/get-auth-code?partnerId=P1&scopes=USER_LOGIN_ID&redirectUrl={}",
        enc("http://127.0.0.1:9/cb")
    );
    for path in ["/", "/?format=json", consent.as_str()] {
        let reply = raw(server.addr, "GET", path, &[&host(&server)], "");
        assert_eq!(reply.status, 200, "{path}");
        assert!(
            reply.has("cache-control: no-store"),
            "{path}: {}",
            reply.head
        );
        if path != "/?format=json" {
            assert!(reply.has("x-frame-options: deny"), "{path}: {}", reply.head);
            assert!(
                reply.has("content-security-policy: frame-ancestors 'none'"),
                "{path}: {}",
                reply.head
            );
        }
    }
    let headers: Vec<String> = signed_headers()
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .chain([host(&server)])
        .collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let body = String::from_utf8(code_body(&code)).unwrap();
    let reply = raw(server.addr, "POST", APPLY_TOKEN, &headers, &body);
    assert!(reply.body.contains("accessToken"), "{}", reply.body);
    assert!(reply.has("cache-control: no-store"), "{}", reply.head);
}

#[test]
fn listening_beyond_loopback_warns_what_it_exposes() {
    let (_dir, store) = temp_store();
    let mut child = authcode()
        .store(&store)
        .args(["serve", "--listen", "0.0.0.0:0"])
        .timeout(Duration::from_secs(20))
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    assert!(url.starts_with("http://0.0.0.0:"), "{url}");
    // This machine still uses the listing; its access-log line comes after the warnings.
    let port: u16 = url.trim().rsplit(':').next().unwrap().parse().unwrap();
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let reply = raw(
        addr,
        "GET",
        "/?format=json",
        &[&format!("Host: {addr}")],
        "",
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut warnings = String::new();
    while !warnings.contains("GET / 200") {
        if stderr.read_line(&mut warnings).unwrap() == 0 {
            break;
        }
    }
    assert!(
        warnings.contains("beyond loopback: every host that reaches this machine can exchange codes and read profiles with any signature"),
        "{warnings}"
    );
    assert!(
        warnings.contains("loopback clients only (--admin-token TOKEN"),
        "{warnings}"
    );

    // On loopback there is nothing to warn about.
    let server = Server::start(&store, Options::default());
    let reply = raw(server.addr, "GET", "/", &[&host(&server)], "");
    assert_eq!(reply.status, 200);
    let log = server.log_when(|l| l.contains("GET / 200"));
    assert!(!log.contains("beyond loopback"), "{log}");
}
