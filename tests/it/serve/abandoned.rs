//! A request whose client hung up: it still does what it does, and the access log says so.

use std::io::Write;
use std::net::TcpStream;

use crate::serve::support::*;

#[test]
fn a_request_whose_client_hung_up_is_logged_with_what_it_did() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let code = mint(&store, "USER_LOGIN_ID");
    authcode()
        .store(&store)
        .args(["sandbox", "fault", "apply-token", "--delay", "1s"])
        .run()
        .success();
    let body = code_body(&code);
    let mut request = format!("POST {APPLY_TOKEN} HTTP/1.1\r\nHost: {}\r\n", server.addr);
    for (k, v) in signed_headers() {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut client = TcpStream::connect(server.addr).unwrap();
    client.write_all(request.as_bytes()).unwrap();
    client.write_all(&body).unwrap();
    // The delay fault answers after the code is spent: hang up while it waits.
    let listing = || {
        let (_, _, bytes) = send(server.addr, "GET", "/?format=json", &[], Vec::new());
        json_of(&bytes)
    };
    crate::support::wait_until("the code to be spent", || {
        listing()["codes"][0]["state"] == "redeemed"
    });
    drop(client);
    let log = server.log_when(|l| l.contains("client-gone"));
    assert!(
        log.contains(
            "POST /v1.0/access-token/b2b2c.htm 200 2007400 fault=delay-1000ms client-gone"
        ),
        "{log}"
    );
    // What it did stands: the retry of a client that gave up sees the code used.
    let (status, answer) = server.exchange(&code);
    assert_eq!(status, 401, "{answer}");
    assert_eq!(answer["responseMessage"], "Unauthorized. Auth Code Used");
}
