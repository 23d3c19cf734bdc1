//! The command line around the sandbox: where request records codes, how it warns when it
//! cannot, and how serve starts, refuses, and stops.

use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;

use crate::serve::support::*;

fn codes_in(store: &std::path::Path) -> i64 {
    let conn = authcode::sandbox::store::open(store).unwrap();
    conn.query_row("SELECT count(*) FROM codes", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn request_records_in_the_state_directory_readable_by_the_user_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = authcode()
        .store(dir.path().join("unused"))
        .env_remove("AUTHCODE_STORE")
        .env("XDG_STATE_HOME", dir.path())
        .args(["request", "--scopes", "USER_LOGIN_ID", "--approve"])
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = dir.path().join("authcode").join("store.sqlite3");
    assert_eq!(codes_in(&store), 1);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&store), 0o600);
    assert_eq!(mode(store.parent().unwrap()), 0o700);
}

#[test]
fn store_flag_wins_and_no_store_and_denials_record_nothing() {
    let (dir, store) = temp_store();
    let other = dir.path().join("other.sqlite3");
    let run = |args: &[&str]| {
        let out = authcode().store(&store).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&[
        "request",
        "--scopes",
        "USER_LOGIN_ID",
        "--approve",
        "--no-store",
    ]);
    run(&["request", "--scopes", "USER_LOGIN_ID", "--deny"]);
    run(&["request", "--scopes", "USER_LOGIN_ID", "--payload"]);
    assert!(!store.exists(), "nothing to record, nothing created");
    run(&[
        "--store",
        other.to_str().unwrap(),
        "request",
        "--scopes",
        "KYC_INFO",
        "--approve",
    ]);
    run(&[
        "request",
        "--scopes",
        "USER_LOGIN_ID,KYC_INFO",
        "--grant",
        "KYC_INFO",
    ]);
    assert_eq!(codes_in(&other), 1);
    assert_eq!(codes_in(&store), 1);
    let conn = authcode::sandbox::store::open(&store).unwrap();
    let scopes: String = conn
        .query_row("SELECT scopes FROM codes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        scopes, r#"["KYC_INFO"]"#,
        "only granted scopes are recorded"
    );
}

#[test]
fn a_store_that_cannot_be_used_warns_once_and_request_still_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, vec![b'x'; 8192]).unwrap();
    let newer = dir.path().join("newer.sqlite3");
    drop(authcode::sandbox::store::open(&newer).unwrap());
    authcode::sandbox::store::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "").unwrap();
    for (store, why) in [
        (junk.clone(), "cannot open the store"),
        (newer.clone(), "schema version 99, newer"),
        (file.join("below-a-file.sqlite3"), "cannot open the store"),
        (dir.path().to_path_buf(), "cannot open the store"),
    ] {
        let out = authcode()
            .store(&store)
            .args([
                "request",
                "--scopes",
                "USER_LOGIN_ID",
                "--approve",
                "--compact",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{store:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{store:?}: {stderr}");
        assert!(
            stderr.starts_with("warning: the code was not recorded"),
            "{stderr}"
        );
        assert!(stderr.contains(why), "{store:?}: {stderr}");
        assert!(json_of(&out.stdout)["authCode"].is_string());
    }
    assert_eq!(
        std::fs::read(&junk).unwrap(),
        vec![b'x'; 8192],
        "never overwritten"
    );
    // serve refuses the newer store outright.
    let out = authcode()
        .store(&newer)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer than this authcode"));
}

#[test]
fn serve_prints_its_url_first_and_stops_cleanly_on_sigterm() {
    let (_dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    assert!(server.url.starts_with("http://127.0.0.1:"));
    let (code, log) = server.terminate();
    assert_eq!(code, Some(0), "{log}");
    assert!(!log.contains("error"), "{log}");
}

#[test]
fn serve_refuses_a_busy_port_and_bad_options_with_exit_2() {
    let (dir, store) = temp_store();
    let server = Server::start(&store, Options::default());
    let busy = server.addr.to_string();
    let key = dir.path().join("not-a-key.pem");
    std::fs::write(
        &key,
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    )
    .unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["--listen".into(), busy.clone()], "cannot listen on"),
        (
            vec!["--listen".into(), "nonsense".into()],
            "cannot listen on nonsense",
        ),
        (
            vec!["--listen".into(), "192.0.2.1:9".into()],
            "cannot listen on 192.0.2.1:9",
        ),
        (
            vec!["--code-ttl".into(), "soon".into()],
            "--code-ttl \"soon\" is not a duration",
        ),
        (
            vec!["--access-token-ttl".into(), "0s".into()],
            "--access-token-ttl \"0s\" must be more than zero",
        ),
        (
            vec!["--code-ttl".into(), "10M".into()],
            "--code-ttl \"10M\" is ambiguous: M reads as months, m as minutes",
        ),
        (
            vec!["--refresh-token-ttl".into(), "8000years".into()],
            "--refresh-token-ttl \"8000years\" is too long: what is issued would expire after the year 9999",
        ),
        (
            vec!["--access-token-ttl".into(), "999999999999d".into()],
            "is too long",
        ),
        (
            vec!["--partner-public-key".into(), key.to_str().unwrap().into()],
            "cannot use the partner public key",
        ),
        (
            vec!["--partner-public-key".into(), "/nonexistent.pem".into()],
            "cannot use the partner public key",
        ),
        (
            vec!["--redirect-url".into(), "notaurl".into()],
            "--redirect-url \"notaurl\" is not an http(s) URL",
        ),
        (
            vec!["--redirect-url".into(), "ftp://shop.example/cb".into()],
            "is not an http(s) URL",
        ),
    ];
    for (args, message) in cases {
        let out = authcode()
            .store(&store)
            .arg("serve")
            .args(&args)
            .stdout(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(message),
            "{args:?}: {stderr}"
        );
        if args[0] == "--listen" && args[1] == busy {
            assert!(stderr.contains(&busy), "names the address: {stderr}");
            assert!(
                stderr.contains("hint: another `authcode serve` (or another program) may be running on that port")
                    && stderr.contains("hint: --listen 127.0.0.1:0 takes any free port"),
                "{stderr}"
            );
            assert!(
                !stderr.contains("HOST:PORT"),
                "not a syntax error: {stderr}"
            );
        }
    }
}

/// The consent prompt says who consents, and a code granted there is recorded like one
/// granted by flags, for that user.
#[test]
fn a_code_granted_at_the_prompt_is_recorded_for_the_user_shown() {
    use expectrl::{Eof, Expect};
    let (dir, store) = temp_store();
    let users = dir.path().join("users.json");
    std::fs::write(&users, r#"[{"id": "siti", "name": "Siti Rahayu"}]"#).unwrap();
    let out = dir.path().join("out.json");
    let mut p = crate::support::pty::spawn(
        &["request", "--scopes", "USER_LOGIN_ID", "--user", "siti"],
        Some(&out),
        &[
            ("AUTHCODE_STORE", store.to_str().unwrap()),
            ("AUTHCODE_USERS", users.to_str().unwrap()),
        ],
    );
    p.expect("Consenting as Siti Rahayu (user siti")
        .expect("the prompt says who consents");
    p.expect("Deny all").unwrap();
    p.send("\r").unwrap();
    p.expect(Eof).unwrap();
    let code = json_of(&std::fs::read(&out).unwrap())["authCode"]
        .as_str()
        .unwrap()
        .to_string();
    let conn = authcode::sandbox::store::open(&store).unwrap();
    let user: String = conn
        .query_row("SELECT user_id FROM codes WHERE code = ?1", [&code], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(user, "siti");
}

/// `serve --help` names the routes and pages and where the store is by default; README's
/// options table lists every option of `serve`.
#[test]
fn serve_help_names_routes_pages_and_the_store_and_readme_lists_every_option() {
    let help = authcode().args(["serve", "--help"]).run().ok().stdout();
    for path in [
        APPLY_TOKEN,
        PROFILE,
        "/v1.0/get-auth-code?",
        "  /  ",
        "/sandbox/{action}",
        "$XDG_STATE_HOME/authcode/store.sqlite3",
    ] {
        assert!(help.contains(path), "{path} not in:\n{help}");
    }
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let table = readme
        .split("\n### Options\n")
        .nth(1)
        .and_then(|rest| rest.split("\n### ").next())
        .unwrap();
    let options = help
        .split("Options:")
        .nth(1)
        .and_then(|o| o.split("Global options:").next())
        .unwrap();
    let flags: Vec<&str> = options
        .lines()
        .map(str::trim_start)
        .filter_map(|l| l.split([' ', ',']).find(|w| w.starts_with("--")))
        .filter(|f| *f != "--help")
        .collect();
    assert!(flags.contains(&"--auto-consent"), "{flags:?}");
    for flag in flags {
        assert!(
            table.contains(&format!("`{flag} ")) || table.contains(&format!("`{flag}`")),
            "README's options table lacks {flag}"
        );
    }
}
