//! The store from the command line's side: a database that is not a store is left alone; the
//! `sandbox` commands that read or change a store never create one and name the one they
//! used; they confirm what they did; `sandbox reset` empties a store a server runs on; a
//! server notices its store file deleted or replaced.

use std::path::Path;

use crate::serve::support::*;

fn sandbox(store: &Path, args: &[&str]) -> crate::support::Run {
    authcode().store(store).arg("sandbox").args(args).run()
}

#[test]
fn a_database_that_is_not_a_store_is_left_untouched_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("app.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT);
         CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, total REAL);
         CREATE INDEX orders_user ON orders (user_id);
         INSERT INTO users (name) VALUES ('ana');",
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    let line = format!(
        "{} is not an authcode store (a SQLite database with other tables); it was left as it is",
        db.display()
    );
    let err = sandbox(&db, &["list"]).refused(&line);
    assert_eq!(
        err.lines().filter(|l| !l.starts_with("  hint:")).count(),
        1,
        "{err}"
    );
    authcode()
        .store(&db)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .run()
        .refused(&line);
    let run = authcode()
        .store(&db)
        .args(["request", "--scopes", "USER_LOGIN_ID", "--approve"])
        .run()
        .success();
    assert!(run.stderr().contains(&line), "{run}");
    assert_eq!(run.stderr().lines().count(), 1, "{run}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database is untouched"
    );
    assert!(
        !dir.path().join("app.db-wal").exists(),
        "not switched to WAL"
    );
}

#[test]
fn commands_that_read_or_change_a_store_never_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("stor").join("store.sqlite3");
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["use-code", "C"],
        &["expire-code", "C"],
        &["forget-code", "C"],
        &["expire-token", "T"],
        &["clear-faults"],
        &["reset"],
    ] {
        let err = sandbox(&typo, args).refused(&format!("there is no store at {}", typo.display()));
        assert!(
            err.contains("hint: `authcode request` and `authcode serve` create it"),
            "{err}"
        );
    }
    assert!(!dir.path().join("stor").exists(), "nothing created");
}

#[test]
fn each_sandbox_command_names_its_store_and_confirms_in_one_line() {
    let (_dir, store) = temp_store();
    let shown = store.display().to_string();
    let code = mint(&store, "USER_LOGIN_ID");
    let listed = sandbox(&store, &["list"]).ok().stdout();
    assert_eq!(
        listed.lines().next(),
        Some(format!("STORE {shown}").as_str())
    );
    assert_eq!(
        sandbox(&store, &["list", "--json"]).ok().json()["store"],
        shown
    );

    let confirmed = |args: &[&str], line: &str| {
        let run = sandbox(&store, args).code(0);
        assert!(run.stdout.is_empty(), "{run}");
        assert_eq!(run.stderr(), format!("{line} (store {shown})\n"));
    };
    confirmed(
        &["expire-code", &code],
        &format!("code {code} marked expired: its next exchange answers \"Auth Code Expired\""),
    );
    confirmed(
        &["use-code", &code],
        &format!("code {code} marked used: its next exchange answers \"Auth Code Used\""),
    );
    // A redeemed code stays redeemed.
    let run = sandbox(&store, &["expire-code", &code]).code(1);
    assert!(
        run.stderr().starts_with(&format!(
            "error: code {code} was already redeemed; it stays redeemed\n"
        )),
        "{run}"
    );
    confirmed(
        &["forget-code", &code],
        &format!("code {code} removed: its next exchange answers \"Auth Code Invalid\""),
    );
    let run = sandbox(&store, &["use-code", &code]).code(1);
    assert!(
        run.stderr()
            .starts_with(&format!("error: the store {shown} holds no code {code}")),
        "{run}"
    );
    // Arming and clearing faults: the result on stdout (scripts read it), the store on stderr.
    let run = sandbox(&store, &["fault", "apply-token", "--http", "503"]).code(0);
    assert_eq!(
        run.stdout(),
        "fault 1 armed on apply-token: fault=http-503\n"
    );
    assert_eq!(run.stderr(), format!("(store {shown})\n"));
    let run = sandbox(&store, &["clear-faults"]).code(0);
    assert_eq!(run.stdout(), "1 fault(s) cleared\n");
    assert_eq!(run.stderr(), format!("(store {shown})\n"));
}

/// `sandbox reset` empties the store a server is running on; the server goes on serving it.
#[test]
fn reset_empties_the_store_while_a_server_runs() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let answer = server.exchange(&mint(&store, "USER_LOGIN_ID")).1;
    let token = answer["accessToken"].as_str().unwrap().to_string();
    let unused = mint(&store, "USER_LOGIN_ID");
    let run = sandbox(&store, &["reset"]).code(0);
    assert!(run.stdout.is_empty(), "{run}");
    assert_eq!(
        run.stderr(),
        format!(
            "emptied the store {}: 2 code(s), 1 token(s), 0 fault(s) removed\n",
            store.display()
        )
    );
    assert_eq!(
        server.exchange(&unused).1["responseMessage"],
        "Unauthorized. Auth Code Invalid"
    );
    let profile = server
        .post(PROFILE, &[], &profile_body(&token, &["LOGIN_ID"]))
        .1;
    assert_eq!(
        profile["response"]["body"]["resultInfo"]["resultCode"],
        "INVALID_ACCESS_TOKEN"
    );
    let (status, answer) = server.exchange(&mint(&store, "USER_LOGIN_ID"));
    assert_eq!(
        (status, answer["responseCode"].as_str()),
        (200, Some("2007400"))
    );
}

/// A store file deleted under a running server: the codes minted into the new store are
/// exchanged, not "Invalid".
#[test]
fn a_running_server_follows_its_store_file_when_it_is_deleted() {
    let (dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    assert_eq!(server.exchange(&mint(&store, "USER_LOGIN_ID")).0, 200);
    for name in ["store.sqlite3", "store.sqlite3-wal", "store.sqlite3-shm"] {
        let _ = std::fs::remove_file(dir.path().join(name));
    }
    let (status, answer) = server.exchange(&mint(&store, "USER_LOGIN_ID"));
    assert_eq!(
        (status, answer["responseCode"].as_str()),
        (200, Some("2007400")),
        "{answer}"
    );
    let log = server.log_when(|log| log.contains("was deleted or replaced"));
    assert!(
        log.contains(&format!(
            "warning: the store file {} was deleted or replaced: serving the store there now",
            store.display()
        )),
        "{log}"
    );
}
