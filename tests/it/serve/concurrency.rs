//! Exactly-once redemption: 64 clients send the same code at the same instant, to one server
//! or split over two `serve` processes sharing one store.

use std::net::SocketAddr;
use std::sync::Arc;

use crate::serve::support::*;

/// Sends `code` from 64 connections released together; the response codes.
pub(crate) fn race(addrs: &[SocketAddr], code: &str) -> Vec<String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let barrier = Arc::new(tokio::sync::Barrier::new(64));
        let headers = signed_headers();
        let tasks: Vec<_> = (0..64)
            .map(|i| {
                let addr = addrs[i % addrs.len()];
                let barrier = barrier.clone();
                let body = code_body(code);
                let headers = headers.clone();
                tokio::spawn(async move {
                    barrier.wait().await;
                    let (_, _, bytes) = send_async(addr, "POST", APPLY_TOKEN, &headers, body).await;
                    json_of(&bytes)["responseCode"]
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
    })
}

pub(crate) fn assert_exactly_once(codes: &[String]) {
    let won = codes.iter().filter(|c| *c == "2007400").count();
    let used = codes.iter().filter(|c| *c == "4017400").count();
    assert_eq!((won, used), (1, 63), "{codes:?}");
}

#[test]
fn sixty_four_clients_one_server_one_winner() {
    let (_dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            extra: &["--quiet"],
            ..Default::default()
        },
    );
    for _ in 0..3 {
        let code = mint(&store, "USER_LOGIN_ID");
        assert_exactly_once(&race(&[server.addr], &code));
    }
    let conn = authcode::sandbox::store::open(&store).unwrap();
    let tokens: i64 = conn
        .query_row("SELECT count(*) FROM tokens", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tokens, 3, "one token pair per code");
}

#[test]
fn sixty_four_clients_two_servers_one_store_one_winner() {
    let (_dir, store) = temp_store();
    let a = Server::start(
        &store,
        Options {
            signed: true,
            extra: &["--quiet"],
            ..Default::default()
        },
    );
    let b = Server::start(
        &store,
        Options {
            signed: true,
            extra: &["--quiet"],
            ..Default::default()
        },
    );
    for _ in 0..3 {
        let code = mint(&store, "USER_LOGIN_ID");
        assert_exactly_once(&race(&[a.addr, b.addr], &code));
    }
}
