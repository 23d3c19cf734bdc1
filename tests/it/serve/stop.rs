//! How `serve` stops: a client that never finishes its request, or a request held by a delay
//! fault, does not keep it running after SIGTERM beyond the grace period (5 s); a second
//! signal stops it at once; a connection that sends no complete request head is let go after
//! the header timeout (10 s), nor one whose body stops arriving for the body timeout (10 s
//! without a byte); `--delay` is capped.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::serve::support::*;
use crate::support::wait_until;

/// The grace period and the header timeout that README states.
const GRACE: Duration = Duration::from_secs(5);
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// Arms a delay fault on apply-token.
fn arm_delay(store: &Path, delay: &str) {
    authcode()
        .store(store)
        .args(["sandbox", "fault", "apply-token", "--delay", delay])
        .run()
        .success();
}

/// Faults still armed (a taken `--count 1` fault is gone).
fn armed(store: &Path) -> i64 {
    let conn = authcode::sandbox::store::open(store).unwrap();
    conn.query_row("SELECT count(*) FROM faults", [], |r| r.get(0))
        .unwrap()
}

/// A connection that sent half a request head and waits.
fn half_a_head(server: &Server) -> TcpStream {
    let mut tcp = TcpStream::connect(server.addr).unwrap();
    write!(
        tcp,
        "POST {APPLY_TOKEN} HTTP/1.1\r\nHost: {}\r\nX-Never-Ends: ",
        server.addr
    )
    .unwrap();
    tcp
}

/// An exchange that the armed delay fault holds in the server (the fault was taken); the
/// connection stays open while the returned stream lives.
fn held_exchange(server: &Server, store: &Path) -> TcpStream {
    let code = mint(store, "USER_LOGIN_ID");
    let body = code_body(&code);
    let mut tcp = TcpStream::connect(server.addr).unwrap();
    write!(
        tcp,
        "POST {APPLY_TOKEN} HTTP/1.1\r\nHost: {}\r\n",
        server.addr
    )
    .unwrap();
    for (name, value) in signed_headers() {
        write!(tcp, "{name}: {value}\r\n").unwrap();
    }
    write!(tcp, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
    tcp.write_all(&body).unwrap();
    wait_until("the exchange to take the delay fault", || armed(store) == 0);
    tcp
}

#[test]
fn sigterm_stops_serve_within_the_grace_period_whatever_its_clients_do() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    arm_delay(&store, "5m");
    let _slow = half_a_head(&server);
    let _held = held_exchange(&server, &store);
    let sent = Instant::now();
    server.signal(libc::SIGTERM);
    let (code, log) = server.exit();
    let took = sent.elapsed();
    assert_eq!(code, Some(0), "{log}");
    assert!(
        took < GRACE + Duration::from_secs(3),
        "stopped after {took:?}: {log}"
    );
    assert!(log.contains("stopping: "), "{log}");
    assert!(
        log.contains("stopping: 1 request(s) in flight get 5 s to be answered"),
        "{log}"
    );
    assert!(
        log.contains("stopped: 1 request(s) still in flight after the grace period were dropped"),
        "{log}"
    );
}

#[test]
fn a_second_signal_stops_serve_at_once() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    arm_delay(&store, "5m");
    let _held = held_exchange(&server, &store);
    server.signal(libc::SIGTERM);
    let log = server.log_when(|log| log.contains("stopping: "));
    assert!(log.contains("Ctrl-C again: stop now"), "{log}");
    let sent = Instant::now();
    server.signal(libc::SIGINT);
    let (code, log) = server.exit();
    let took = sent.elapsed();
    assert_eq!(code, Some(130), "{log}");
    assert!(
        took < Duration::from_secs(2),
        "stopped after {took:?}: {log}"
    );
}

#[test]
fn a_connection_without_a_complete_request_head_is_let_go_after_the_header_timeout() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let opened = Instant::now();
    let mut silent = TcpStream::connect(server.addr).unwrap();
    let mut slow = half_a_head(&server);
    for tcp in [&mut silent, &mut slow] {
        tcp.set_read_timeout(Some(HEADER_TIMEOUT * 2)).unwrap();
        let mut byte = [0u8; 1];
        // The server closes the connection (end of file, or a reset), not the read timeout.
        match tcp.read(&mut byte) {
            Ok(n) => assert_eq!(n, 0, "the server answered"),
            Err(e) => assert!(
                !matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ),
                "still open after {:?}",
                opened.elapsed()
            ),
        }
    }
    let took = opened.elapsed();
    assert!(
        took >= HEADER_TIMEOUT - Duration::from_secs(1) && took < HEADER_TIMEOUT * 2,
        "closed after {took:?}"
    );
    // The server still serves.
    let (status, _, _) = send(server.addr, "GET", "/?format=json", &[], Vec::new());
    assert_eq!(status, 200);
}

#[test]
fn a_request_whose_body_stops_arriving_is_answered_408_and_closed_after_the_body_timeout() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let code = mint(&store, "USER_LOGIN_ID");
    let mut stalled = TcpStream::connect(server.addr).unwrap();
    write!(
        stalled,
        "POST {APPLY_TOKEN} HTTP/1.1\r\nHost: {}\r\n",
        server.addr
    )
    .unwrap();
    for (name, value) in signed_headers() {
        write!(stalled, "{name}: {value}\r\n").unwrap();
    }
    // 1,000 bytes declared, 10 sent.
    write!(stalled, "Content-Length: 1000\r\n\r\n{{\"grantType").unwrap();
    let sent = Instant::now();
    // Meanwhile the server serves others, the stalled request's code among them.
    let (status, answer) = server.exchange(&code);
    assert_eq!(status, 200, "{answer}");
    let (status, _, _) = send(server.addr, "GET", "/?format=json", &[], Vec::new());
    assert_eq!(status, 200);
    assert!(sent.elapsed() < BODY_TIMEOUT / 2, "the others waited");
    stalled.set_read_timeout(Some(BODY_TIMEOUT * 2)).unwrap();
    let mut answer = Vec::new();
    // Read to the end: the server closes the connection after its answer.
    let read = stalled.read_to_end(&mut answer);
    let took = sent.elapsed();
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        read.is_ok(),
        "still open after {took:?}: {read:?}, {answer:?}"
    );
    assert!(
        took >= BODY_TIMEOUT - Duration::from_secs(1) && took < BODY_TIMEOUT * 2,
        "closed after {took:?}"
    );
    assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    assert!(
        answer.contains("\"responseCode\":\"4087400\"")
            && answer.contains("The body stopped arriving (no byte for 10 s)"),
        "{answer}"
    );
    let log = server.log_when(|log| log.contains(" 408 "));
    assert!(
        log.lines()
            .any(|l| l.starts_with(&format!("POST {APPLY_TOKEN} 408 4087400 "))),
        "{log}"
    );
}

#[test]
fn delay_must_be_more_than_zero_and_at_most_five_minutes() {
    let (_dir, store) = temp_store();
    let fault = |delay: &str| {
        authcode()
            .store(&store)
            .args(["sandbox", "fault", "apply-token", "--delay", delay])
            .run()
    };
    let err = fault("0s").refused("--delay \"0s\" must be more than zero");
    assert!(err.contains("error: "), "{err}");
    fault("99999d").refused("--delay \"99999d\" is longer than the cap of 5m");
    fault("5m 1s").refused("longer than the cap of 5m");
    fault("soon").refused("--delay \"soon\" is not a duration");
    assert_eq!(armed(&store), 0, "nothing armed by a refused --delay");
    assert!(fault("5m")
        .success()
        .stdout()
        .contains("fault=delay-300000ms"));
}
