//! The store on PostgreSQL (`--store postgres://...`): `request`, `serve` and `sandbox` on one
//! database; replicas that share it (exactly-once across them, a fault armed once hitting
//! whichever replica takes the next request, migration by replicas starting together); the
//! database restarting under a running server; a database that cannot be reached at start.
//! Each test starts a throwaway PostgreSQL of its own (support/postgres.rs).

use std::path::Path;
use std::time::{Duration, Instant};

use crate::serve::concurrency::{assert_exactly_once, race};
use crate::serve::support::*;
use crate::support::postgres::Postgres;

/// `serve` on the database `url`, registering the test merchant.
fn replica(url: &Path) -> Server {
    Server::start(
        url,
        Options {
            extra: &[
                "--quiet",
                "--partner-id",
                PARTNER,
                "--partner-public-key",
                keys().public_pem,
            ],
            ..Default::default()
        },
    )
}

fn response_code(answer: &serde_json::Value) -> &str {
    answer["responseCode"].as_str().unwrap_or_default()
}

#[test]
fn request_serve_and_sandbox_share_one_postgres_store() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.database("one");
    let code = mint(&url, "USER_LOGIN_ID");
    let server = replica(&url);
    let (status, answer) = server.exchange(&code);
    assert_eq!(
        (status, response_code(&answer)),
        (200, "2007400"),
        "{answer}"
    );
    let (_, again) = server.exchange(&code);
    assert_eq!(response_code(&again), "4017400", "{again}");
    assert_eq!(again["responseMessage"], "Unauthorized. Auth Code Used");

    let listed = authcode()
        .store(&url)
        .args(["sandbox", "list", "--json"])
        .run()
        .ok()
        .json();
    assert_eq!(listed["codes"][0]["code"], code.as_str());
    assert_eq!(listed["codes"][0]["state"], "redeemed");
    assert_eq!(listed["tokens"].as_array().unwrap().len(), 1);

    // The platform key is the database's: the same for every command and replica.
    let key = || {
        authcode()
            .store(&url)
            .args(["sandbox", "key", "--base64"])
            .run()
            .ok()
            .stdout()
    };
    assert_eq!(key(), key());

    let fresh = mint(&url, "USER_LOGIN_ID");
    authcode()
        .store(&url)
        .args(["sandbox", "use-code", &fresh])
        .run()
        .success();
    let (_, used) = server.exchange(&fresh);
    assert_eq!(response_code(&used), "4017400", "{used}");

    let emptied = authcode()
        .store(&url)
        .args(["sandbox", "reset"])
        .run()
        .success();
    assert!(
        emptied.stderr().contains("2 code(s), 1 token(s)"),
        "{emptied}"
    );
    let (health, _) = get(&server, "/healthz");
    assert_eq!(health, 200);
}

fn get(server: &Server, path: &str) -> (u16, Vec<u8>) {
    let (status, _, body) = send(server.addr, "GET", path, &[], Vec::new());
    (status, body)
}

#[test]
fn sixty_four_clients_three_replicas_one_winner_and_faults_reach_every_replica() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.database("race");
    let replicas = [replica(&url), replica(&url), replica(&url)];
    let addrs: Vec<_> = replicas.iter().map(|r| r.addr).collect();
    for _ in 0..3 {
        let code = mint(&url, "USER_LOGIN_ID");
        assert_exactly_once(&race(&addrs, &code));
    }
    let mut client = Postgres::client(&url);
    let tokens: i64 = client
        .query_one("SELECT count(*) FROM tokens", &[])
        .unwrap()
        .get(0);
    assert_eq!(tokens, 3, "one token pair per code");

    // One fault, armed once: whichever replica takes the next request answers it, once.
    authcode()
        .store(&url)
        .args(["sandbox", "fault", "apply-token", "--http", "503"])
        .run()
        .success();
    let code = mint(&url, "USER_LOGIN_ID");
    let (status, _) = replicas[2].exchange(&code);
    assert_eq!(status, 503);
    let (status, answer) = replicas[1].exchange(&code);
    assert_eq!(
        (status, response_code(&answer)),
        (200, "2007400"),
        "{answer}"
    );
    // Every replica's listing shows everything.
    for r in &replicas {
        let (_, body) = get(r, "/?format=json");
        let listed = json_of(&body);
        assert_eq!(listed["total"]["codes"], 4, "{listed}");
    }
}

#[test]
fn replicas_starting_together_migrate_once_and_a_newer_database_is_refused() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.database("migrate");
    let children: Vec<_> = (0..4)
        .map(|_| {
            authcode()
                .store(&url)
                .args([
                    "request",
                    "--approve",
                    "--compact",
                    "--scopes",
                    "USER_LOGIN_ID",
                ])
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut client = Postgres::client(&url);
    let versions: i64 = client
        .query_one("SELECT count(*) FROM schema_version", &[])
        .unwrap()
        .get(0);
    assert_eq!(versions, 1);
    let codes: i64 = client
        .query_one("SELECT count(*) FROM codes", &[])
        .unwrap()
        .get(0);
    assert_eq!(codes, 4);

    client
        .batch_execute("UPDATE schema_version SET version = 99")
        .unwrap();
    let refused = authcode()
        .store(&url)
        .args(["sandbox", "list"])
        .run()
        .code(2);
    let said = refused.stderr();
    assert!(said.contains("schema version 99 is newer"), "{said}");
    assert!(said.contains("postgres://postgres@127.0.0.1:"), "{said}");
}

#[test]
fn the_database_restarting_fails_requests_quickly_and_the_server_recovers_by_itself() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.database("restart");
    let server = replica(&url);
    let before = mint(&url, "USER_LOGIN_ID");
    let (status, _) = server.exchange(&before);
    assert_eq!(status, 200);
    let during = mint(&url, "USER_LOGIN_ID");

    pg.stop();
    let asked = Instant::now();
    let (status, answer) = server.exchange(&during);
    assert!(
        asked.elapsed() < Duration::from_secs(3),
        "took {:?}",
        asked.elapsed()
    );
    assert_eq!(
        (status, response_code(&answer)),
        (500, "5007401"),
        "{answer}"
    );
    let (health, _) = get(&server, "/healthz");
    assert_eq!(health, 503);

    pg.start_again();
    // Back without a restart of the server; the code the failed request carried is unspent.
    let deadline = Instant::now() + Duration::from_secs(10);
    let answer = loop {
        let (status, answer) = server.exchange(&during);
        if status != 500 || Instant::now() > deadline {
            break answer;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(response_code(&answer), "2007400", "{answer}");
    let (health, _) = get(&server, "/healthz");
    assert_eq!(health, 200);
}

#[test]
fn a_database_that_cannot_be_reached_at_start_is_named_with_exit_2() {
    // Port 1 of loopback: refused at once. No PostgreSQL is needed.
    let url = Path::new("postgres://someone:s3cret@127.0.0.1:1/sandbox");
    let out = authcode()
        .store(url)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .run()
        .code(2);
    let said = out.stderr();
    assert!(
        said.contains("cannot reach the store's database postgres://someone@127.0.0.1:1/sandbox"),
        "{said}"
    );
    assert!(
        !said.contains("s3cret"),
        "the password is not shown: {said}"
    );
    assert!(out.stdout().is_empty());
    // `request` still prints its code, and says it could not record it, as for any store.
    let minted = authcode()
        .store(url)
        .args(["request", "--approve", "--scopes", "USER_LOGIN_ID"])
        .run()
        .success();
    let said = minted.stderr();
    assert!(
        said.contains("not recorded") && said.contains("postgres://someone@127.0.0.1:1/sandbox"),
        "{said}"
    );
}

#[test]
fn wait_for_store_keeps_trying_a_database_that_comes_up_later() {
    let Some(pg) = Postgres::start() else { return };
    let url = pg.database("late");
    pg.stop();
    let server = std::thread::scope(|s| {
        s.spawn(|| {
            std::thread::sleep(Duration::from_millis(1500));
            pg.start_again();
        });
        Server::start(
            &url,
            Options {
                extra: &["--quiet", "--wait-for-store", "30s"],
                ..Default::default()
            },
        )
    });
    let log = server.log_when(|log| log.contains("trying again"));
    assert!(
        log.contains("cannot reach the store's database") && log.contains("for up to 30s"),
        "{log}"
    );
    let code = mint(&url, "USER_LOGIN_ID");
    let (status, answer) = server.exchange(&code);
    assert_eq!(status, 200, "{answer}");
}

#[test]
fn a_replica_killed_under_load_loses_nothing_and_spends_nothing_twice() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    let Some(pg) = Postgres::start() else { return };
    let url = pg.database("kill");
    let codes: Vec<String> = (0..48).map(|_| mint(&url, "USER_LOGIN_ID")).collect();
    let (doomed, survivor) = (replica(&url), replica(&url));
    // Exchanges answered (by either replica) before the kill: code -> access token.
    let answered = Arc::new(Mutex::new(Vec::<(String, String)>::new()));
    let wins = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = codes
        .chunks(6)
        .enumerate()
        .map(|(i, chunk)| {
            let addr = if i % 2 == 0 {
                doomed.addr
            } else {
                survivor.addr
            };
            let chunk = chunk.to_vec();
            let (answered, wins) = (Arc::clone(&answered), Arc::clone(&wins));
            std::thread::spawn(move || {
                for c in chunk {
                    let sent = std::panic::catch_unwind(|| {
                        send(addr, "POST", APPLY_TOKEN, &signed_headers(), code_body(&c))
                    });
                    let Ok((200, _, answer)) = sent else { return };
                    let answer = json_of(&answer);
                    assert_eq!(response_code(&answer), "2007400", "{answer}");
                    let token = answer["accessToken"].as_str().unwrap().to_string();
                    answered.lock().unwrap().push((c, token));
                    wins.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(20);
    while wins.load(Ordering::SeqCst) < 8 && Instant::now() < deadline {
        std::thread::yield_now();
    }
    assert!(wins.load(Ordering::SeqCst) >= 8, "no load before the kill");
    doomed.kill();
    for w in workers {
        let _ = w.join();
    }
    let answered = answered.lock().unwrap().clone();
    let mut client = Postgres::client(&url);
    let tokens: i64 = client
        .query_one("SELECT count(*) FROM tokens", &[])
        .unwrap()
        .get(0);
    assert!(
        tokens as usize >= answered.len(),
        "every answered exchange is committed: {tokens} < {}",
        answered.len()
    );
    for c in &codes {
        let (_, again) = survivor.exchange(c);
        match answered.iter().find(|(a, _)| a == c) {
            Some(_) => assert_eq!(response_code(&again), "4017400", "{c}: {again}"),
            // Unanswered: spent (committed, the answer lost) or still unused — then once.
            None => match response_code(&again) {
                "4017400" => {}
                "2007400" => {
                    let (_, twice) = survivor.exchange(c);
                    assert_eq!(response_code(&twice), "4017400", "{twice}");
                }
                other => panic!("{c}: {other} {again}"),
            },
        }
    }
    let pairs: i64 = client
        .query_one(
            "SELECT count(*) FROM (SELECT code FROM tokens GROUP BY code HAVING count(*) > 1) t",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(pairs, 0, "no code gave two token pairs");
}

#[test]
fn a_database_restart_under_load_loses_no_answer_and_doubles_none() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    let Some(pg) = Postgres::start() else { return };
    let url = pg.database("bounce");
    let codes: Vec<String> = (0..120).map(|_| mint(&url, "USER_LOGIN_ID")).collect();
    let server = replica(&url);
    let addr = server.addr;
    // code -> (HTTP status, responseCode) of each exchange, as the clients saw them.
    let seen = Arc::new(Mutex::new(Vec::<(String, u16, String)>::new()));
    let go = Arc::new(AtomicBool::new(true));
    let clients: Vec<_> = codes
        .chunks(20)
        .map(|chunk| {
            let chunk = chunk.to_vec();
            let (seen, go) = (Arc::clone(&seen), Arc::clone(&go));
            std::thread::spawn(move || {
                // Each code is tried until it is exchanged or refused as used, through the
                // restart.
                for c in chunk {
                    while go.load(Ordering::SeqCst) {
                        let (status, _, body) =
                            send(addr, "POST", APPLY_TOKEN, &signed_headers(), code_body(&c));
                        let code = response_code(&json_of(&body)).to_string();
                        seen.lock().unwrap().push((c.clone(), status, code.clone()));
                        if status != 500 {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
            })
        })
        .collect();
    while seen.lock().unwrap().len() < 10 {
        std::thread::yield_now();
    }
    pg.stop();
    std::thread::sleep(Duration::from_millis(500));
    pg.start_again();
    let deadline = Instant::now() + Duration::from_secs(30);
    while clients.iter().any(|c| !c.is_finished()) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    go.store(false, Ordering::SeqCst);
    for c in clients {
        c.join().unwrap();
    }
    let seen = seen.lock().unwrap().clone();
    assert!(
        seen.iter().any(|(_, status, _)| *status == 500),
        "no request met the restart"
    );
    let mut client = Postgres::client(&url);
    for c in &codes {
        let answers: Vec<_> = seen.iter().filter(|(s, _, _)| s == c).collect();
        let wins = answers.iter().filter(|(_, _, r)| r == "2007400").count();
        let used = answers.iter().filter(|(_, _, r)| r == "4017400").count();
        let pairs: i64 = client
            .query_one("SELECT count(*) FROM tokens WHERE code = $1", &[c])
            .unwrap()
            .get(0);
        // Exchanged once: one answer, one committed pair. Or the answer was lost with the
        // connection while its commit went through: then "used", and still one pair.
        assert!(
            (wins, pairs) == (1, 1) || (wins, used, pairs) == (0, 1, 1),
            "{c}: {answers:?}, {pairs} pair(s)"
        );
    }
}

#[test]
fn sslmode_require_encrypts_the_connection_and_is_refused_where_the_server_has_no_tls() {
    let Some(pg) = Postgres::start_tls() else {
        return;
    };
    let plain = pg.database("tls");
    let url = std::path::PathBuf::from(format!("{}?sslmode=require", plain.display()));
    let code = mint(&url, "USER_LOGIN_ID");
    let server = replica(&url);
    let (status, answer) = server.exchange(&code);
    assert_eq!(status, 200, "{answer}");
    // The server's own view: authcode's connections are encrypted.
    let mut client = Postgres::client(&plain);
    let encrypted: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE a.application_name = 'authcode' AND s.ssl",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(encrypted > 0, "no encrypted connection of authcode's");
    drop(server);

    let Some(no_tls) = Postgres::start() else {
        return;
    };
    let url = format!("{}?sslmode=require", no_tls.database("plain").display());
    let refused = authcode()
        .store(&url)
        .args(["sandbox", "list"])
        .run()
        .code(2);
    assert!(
        refused
            .stderr()
            .contains("cannot reach the store's database"),
        "{refused}"
    );
}

#[test]
fn a_cut_network_fails_requests_within_seconds_and_the_server_recovers_by_itself() {
    use crate::support::postgres::Link;
    let Some(link) = Link::new() else { return };
    // Dropped before the link: the server is stopped while it can still be reached.
    let Some(pg) = Postgres::start_behind(&link) else {
        return;
    };
    let url = pg.database("cut");
    let server = replica(&url);
    let before = mint(&url, "USER_LOGIN_ID");
    let (status, _) = server.exchange(&before);
    assert_eq!(status, 200);
    let during = mint(&url, "USER_LOGIN_ID");

    // Packets to the database go nowhere, and nothing says so: no reset, no refusal.
    link.set_up(false);
    let asked = Instant::now();
    let (status, answer) = server.exchange(&during);
    let took = asked.elapsed();
    assert_eq!(
        (status, response_code(&answer)),
        (500, "5007401"),
        "{answer}"
    );
    assert!(took < Duration::from_secs(12), "took {took:?}");

    link.set_up(true);
    let deadline = Instant::now() + Duration::from_secs(20);
    let answer = loop {
        let (status, answer) = server.exchange(&during);
        if status != 500 || Instant::now() > deadline {
            break answer;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(response_code(&answer), "2007400", "{answer}");
    drop(server);
    drop(pg);
}
