//! Flags mean the same everywhere: flags that cannot apply are refused, scope lists are read
//! the same way wherever they are read, a response that cannot be delivered is an error, the
//! prompt fits a narrow terminal, and README tells the truth about the toolchain and the
//! flags.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::{bin, std_command, text};

/// `authcode ARGS` in the support module's clean environment, as CI runs it.
fn authcode(args: &[&str]) -> Command {
    let mut cmd = std_command();
    cmd.args(args).env("CI", "true").stdin(Stdio::null());
    cmd
}

fn run(args: &[&str]) -> Output {
    authcode(args).output().expect("run authcode")
}

/// Runs `args`, which must exit `code`; returns (stdout, stderr).
fn expect(args: &[&str], code: i32) -> (String, String) {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}\nstdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
    (text(&out.stdout), text(&out.stderr))
}

/// A refused command (the support module's `refused`): exit 2, nothing on stdout,
/// `error: ...` on stderr; returns stderr.
fn refused(args: &[&str]) -> String {
    crate::support::authcode()
        .env("CI", "true")
        .args(args)
        .refused("")
}

fn write(dir: &Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_str().unwrap().to_string()
}

// ---------------------------------------------------------------------------------------
// A flag that cannot apply is refused, never ignored
// ---------------------------------------------------------------------------------------

#[test]
fn error_code_with_nothing_denied_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let both = write(
        dir.path(),
        "both.json",
        r#"{"scopes": ["KYC_INFO", "USER_JOB"]}"#,
    );
    for args in [
        &[
            "request",
            "-s",
            "USER_LOGIN_ID",
            "--approve",
            "--error-code",
            "11",
        ][..],
        &[
            "request",
            "-s",
            "KYC_INFO,USER_JOB",
            "--approve",
            "--error-code",
            "3",
        ],
        // --grant of every requested scope denies none either, whatever the order.
        &[
            "request",
            "-s",
            "KYC_INFO,USER_JOB",
            "--grant",
            "USER_JOB,KYC_INFO",
            "--error-code",
            "11",
        ],
        &[
            "request",
            "--from",
            &both,
            "--grant",
            "KYC_INFO,USER_JOB",
            "--error-code",
            "10",
        ],
    ] {
        let stderr = refused(args);
        assert!(stderr.contains("--error-code"), "{args:?}: {stderr}");
        assert!(stderr.contains("cannot apply"), "{args:?}: {stderr}");
        assert!(
            stderr.contains("denie"),
            "{args:?}: says nothing is denied: {stderr}"
        );
    }
    let stderr = refused(&[
        "request",
        "-s",
        "USER_LOGIN_ID",
        "--approve",
        "--error-code",
        "11",
    ]);
    assert!(
        stderr.starts_with("error: --error-code 11 cannot apply: --approve denies no scope\n"),
        "{stderr}"
    );
}

#[test]
fn seed_with_nothing_granted_is_refused() {
    for args in [
        &["request", "-s", "USER_LOGIN_ID", "--deny", "--seed", "7"][..],
        &[
            "request",
            "-s",
            "KYC_INFO,USER_JOB",
            "--deny",
            "--seed",
            "0",
            "--error-code",
            "11",
        ],
    ] {
        let stderr = refused(args);
        assert!(
            stderr.starts_with("error: --seed cannot apply"),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("authCode"), "{stderr}");
    }
}

#[test]
fn app_name_without_a_prompt_is_refused() {
    for decision in [
        &["--approve"][..],
        &["--deny"],
        &["--grant", "USER_LOGIN_ID"],
        &["--payload"],
    ] {
        let mut args = vec!["request", "-s", "USER_LOGIN_ID", "--app-name", "Shop"];
        args.extend_from_slice(decision);
        let stderr = refused(&args);
        assert!(stderr.contains("--app-name"), "{args:?}: {stderr}");
    }
}

#[test]
fn format_without_payload_says_what_format_is_for() {
    for format in ["json", "js"] {
        let stderr = refused(&[
            "request",
            "-s",
            "USER_LOGIN_ID",
            "--approve",
            "--format",
            format,
        ]);
        assert!(
            stderr.starts_with(&format!(
                "error: --format {format} applies to --payload only"
            )),
            "{stderr}"
        );
        assert!(stderr.contains("the response is always JSON"), "{stderr}");
        // The hint offers the format that was asked for, not another one.
        assert!(
            stderr.contains(&format!("--payload --format {format}\n")),
            "{stderr}"
        );
    }
}

#[test]
fn flags_that_apply_are_still_accepted() {
    for args in [
        &[
            "request",
            "-s",
            "USER_LOGIN_ID,KYC_INFO",
            "--grant",
            "KYC_INFO",
            "--error-code",
            "11",
        ][..],
        &[
            "request",
            "-s",
            "USER_LOGIN_ID",
            "--deny",
            "--error-code",
            "11",
        ],
        &["request", "-s", "USER_LOGIN_ID", "--approve", "--seed", "1"],
        &[
            "request",
            "-s",
            "USER_LOGIN_ID,KYC_INFO",
            "--grant",
            "KYC_INFO",
            "--seed",
            "1",
        ],
        &[
            "request",
            "-s",
            "USER_LOGIN_ID",
            "--payload",
            "--format",
            "json",
            "--compact",
        ],
    ] {
        let (stdout, stderr) = expect(args, 0);
        assert_eq!(stderr, "", "{args:?}");
        assert!(stdout.starts_with('{'), "{args:?}: {stdout}");
    }
    let (denied, _) = expect(
        &[
            "request",
            "-s",
            "USER_LOGIN_ID",
            "--deny",
            "--error-code",
            "11",
        ],
        0,
    );
    assert!(denied.contains(r#""USER_LOGIN_ID": "11""#), "{denied}");
}

#[test]
fn compact_applies_to_the_javascript_call_too() {
    let scopes = "USER_LOGIN_ID,KYC_INFO";
    let (pretty, _) = expect(&["request", "-s", scopes, "--payload", "--format", "js"], 0);
    let (compact, stderr) = expect(
        &[
            "request",
            "-s",
            scopes,
            "--payload",
            "--format",
            "js",
            "--compact",
        ],
        0,
    );
    assert_eq!(stderr, "");
    assert!(pretty.lines().count() > 1);
    assert_eq!(compact.lines().count(), 1, "{compact}");
    assert!(compact.ends_with(");\n"), "{compact}");
    assert!(
        compact.starts_with("my.getAuthCode({ scopes: ['USER_LOGIN_ID', 'KYC_INFO'],"),
        "{compact}"
    );
    // The same call: the same characters once blanks and trailing commas are set aside.
    let squeeze =
        |s: &str| -> String { s.split_whitespace().collect::<String>().replace(",}", "}") };
    assert_eq!(squeeze(&pretty), squeeze(&compact));
    // And a JavaScript engine accepts it, when there is one.
    let Some(node) = ["node", "nodejs"].into_iter().find(|n| {
        Command::new(n)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }) else {
        eprintln!("note: node is not on PATH; skipping `node --check` of the compact call");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "call.js", &compact);
    let check = Command::new(node)
        .arg("--check")
        .arg(&file)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", text(&check.stderr));
}

// ---------------------------------------------------------------------------------------
// The same scope faults get the same treatment wherever a scope list is read
// ---------------------------------------------------------------------------------------

/// Every unknown name is reported, each with its did-you-mean, and a case typo says that
/// scope names are case-sensitive.
fn assert_reports_all(output: &str, place: &str) {
    for name in ["user_job", "NOPE_SCOPE", "KYC_INF"] {
        assert!(
            output.contains(name),
            "{place}: {name} not reported: {output}"
        );
    }
    assert!(
        output.contains("did you mean USER_JOB? (scope names are case-sensitive)"),
        "{place}: {output}"
    );
    assert!(
        output.contains("did you mean KYC_INFO?"),
        "{place}: {output}"
    );
    assert_eq!(
        output.matches("case-sensitive").count(),
        1,
        "{place}: the case note belongs to the case typo only: {output}"
    );
}

#[test]
fn every_unknown_scope_is_reported_wherever_a_list_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "user_job,NOPE_SCOPE,KYC_INF";
    let request = write(
        dir.path(),
        "request.json",
        r#"{"scopes": ["user_job", "NOPE_SCOPE", "KYC_INF"]}"#,
    );
    let response = write(
        dir.path(),
        "response.json",
        r#"{"authErrorScopes": {"KYC_INFO": "11"}}"#,
    );

    let scopes = refused(&["request", "--scopes", bad, "--approve"]);
    assert!(
        scopes.starts_with("error: unknown scope user_job in the DANA catalog\n"),
        "{scopes}"
    );
    assert_reports_all(&scopes, "--scopes");

    let grant = refused(&["request", "--scopes", "KYC_INFO,USER_JOB", "--grant", bad]);
    assert!(
        grant.starts_with("error: --grant: unknown scope user_job"),
        "{grant}"
    );
    assert_reports_all(&grant, "--grant");

    let expect_scopes = refused(&["validate", &response, "--expect-scopes", bad]);
    assert!(
        expect_scopes.starts_with("error: --expect-scopes: unknown scope user_job"),
        "{expect_scopes}"
    );
    assert_reports_all(&expect_scopes, "--expect-scopes");

    let from = refused(&["request", "--from", &request, "--approve"]);
    assert_reports_all(&from, "--from");

    let as_request = refused(&["validate", &response, "--request", &request]);
    assert_reports_all(&as_request, "validate --request");

    let (report, _) = expect(&["validate", "--color", "never", &request], 1);
    assert_reports_all(&report, "validate");
    assert_eq!(
        report.matches("error[unknown-scope]").count(),
        3,
        "{report}"
    );
}

#[test]
fn a_repeated_scope_is_warned_about_wherever_a_list_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let response = write(
        dir.path(),
        "response.json",
        r#"{"authErrorScopes": {"KYC_INFO": "11"}}"#,
    );
    let request = write(
        dir.path(),
        "request.json",
        r#"{"scopes": ["KYC_INFO", "USER_JOB", "KYC_INFO"]}"#,
    );
    let cases: [(&[&str], &str); 4] = [
        (
            &[
                "request",
                "--scopes",
                "KYC_INFO,USER_JOB,KYC_INFO",
                "--approve",
            ],
            "warning: --scopes names KYC_INFO more than once; kept once\n",
        ),
        (
            &[
                "request",
                "--scopes",
                "KYC_INFO,USER_JOB",
                "--grant",
                "KYC_INFO, KYC_INFO",
                "--compact",
            ],
            "warning: --grant names KYC_INFO more than once; kept once\n",
        ),
        (
            &[
                "validate",
                &response,
                "--expect-scopes",
                "KYC_INFO,KYC_INFO",
            ],
            "warning: --expect-scopes names KYC_INFO more than once; kept once\n",
        ),
        (
            &["request", "--from", &request, "--deny"],
            "KYC_INFO is listed twice in scopes",
        ),
    ];
    for (args, warning) in cases {
        let (stdout, stderr) = expect(args, 0);
        assert!(stderr.contains(warning), "{args:?}: {stderr}");
        assert_eq!(
            stderr.matches("warning:").count(),
            1,
            "{args:?}: once: {stderr}"
        );
        assert!(!stdout.is_empty(), "{args:?}");
    }
    // Kept once: the response names the scope once.
    let (granted, _) = expect(
        &[
            "request",
            "--scopes",
            "KYC_INFO,USER_JOB,KYC_INFO",
            "--grant",
            "KYC_INFO,KYC_INFO",
            "--compact",
            "--seed",
            "1",
        ],
        0,
    );
    assert!(
        granted.trim_end().ends_with(
            r#""authSuccessScopes":["KYC_INFO"],"authErrorScopes":{"USER_JOB":"40006"}}"#
        ),
        "{granted}"
    );
    // A document that repeats a scope is reported by validate (as an error: the document
    // itself is wrong).
    let (report, _) = expect(&["validate", "--color", "never", &request], 1);
    assert!(report.contains("error[duplicate-scope]"), "{report}");
}

/// A catalog is checked once, fully, when it is loaded: each fault is refused by every
/// command, even one that never uses the faulty field, with the file and the field named.
#[test]
fn a_broken_catalog_is_refused_at_load_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write(dir.path(), "doc.json", r#"{"scopes": ["A"]}"#);
    let faults = [
        (r#""errors": []"#, "\"errors\" is empty"),
        (
            r#""errors": [{"code": "40 06", "message": "spaced"}]"#,
            "errors[0].code \"40 06\"",
        ),
        (
            r#""errors": [{"code": "1", "message": ""}, {"code": "", "message": ""}]"#,
            "errors[1].code",
        ),
        (
            r#""errors": [{"code": "1", "message": ""}], "defaultError": "2""#,
            "defaultError \"2\"",
        ),
    ];
    for (i, (errors, field)) in faults.into_iter().enumerate() {
        let catalog = write(
            dir.path(),
            &format!("wallet{i}.json"),
            &format!(
                r#"{{"name": "W", "scopes": [{{"scope": "A", "description": "a"}}], {errors}}}"#
            ),
        );
        for command in [
            &["scopes"][..],
            &["schema", "request"],
            &["completions", "bash"],
            &["validate", &doc],
            &["request", "--scopes", "A", "--approve"],
        ] {
            let mut args = vec!["--catalog", catalog.as_str()];
            args.extend_from_slice(command);
            let stderr = refused(&args);
            assert!(
                stderr.starts_with(&format!("error: invalid catalog {catalog}: ")),
                "{command:?}: {stderr}"
            );
            assert!(
                stderr.contains(field),
                "{command:?}: {field} not named: {stderr}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Results nobody receives
// ---------------------------------------------------------------------------------------

#[test]
fn scopes_json_without_a_match_prints_an_empty_array() {
    let (stdout, stderr) = expect(&["scopes", "--json", "no-such-scope-anywhere"], 1);
    assert_eq!(stdout, "[]\n");
    assert!(stderr.starts_with("error: no scope matches"), "{stderr}");
    // The table says nothing on stdout, as before.
    let (stdout, _) = expect(&["scopes", "no-such-scope-anywhere"], 1);
    assert_eq!(stdout, "");
}

/// `authcode ARGS` with fd 1 closed by the shell (`>&-`).
#[cfg(target_os = "linux")]
fn with_stdout_closed(args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" >&-")
        .arg(bin())
        .args(args)
        .env_remove("AUTHCODE_CATALOG")
        .env("CI", "true")
        .stdin(Stdio::null())
        .output()
        .expect("run sh")
}

// The binary notes a closed fd 1 before Rust's runtime reopens it; it does so on Linux.
#[cfg(target_os = "linux")]
#[test]
fn request_with_stdout_closed_is_exit_2() {
    for args in [
        &["request", "-s", "USER_LOGIN_ID", "--approve"][..],
        &["request", "-s", "USER_LOGIN_ID", "--deny", "-o", "-"],
        &[
            "request",
            "-s",
            "USER_LOGIN_ID",
            "--payload",
            "--format",
            "js",
        ],
        // Refused before the prompt would be reached (and not for the lack of a terminal).
        &["request", "-s", "USER_LOGIN_ID"],
    ] {
        let out = with_stdout_closed(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).starts_with("error: stdout is closed"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    // -o FILE does not need stdout.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("response.json");
    let out = with_stdout_closed(&[
        "request",
        "-s",
        "USER_LOGIN_ID",
        "--deny",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(&file).unwrap().contains("40006"));
    // Neither do listings, which end quietly as before.
    let out = with_stdout_closed(&["scopes"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // And stdout sent to /dev/null on purpose is delivered where it was sent.
    let out = authcode(&["request", "-s", "USER_LOGIN_ID", "--approve"])
        .stdout(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/null")
                .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// `authcode ARGS` writing to a pipe whose reader is already gone (`| head -0`).
fn to_a_closed_pipe(args: &[&str], stdin: Option<&str>) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut child = authcode(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    child.wait_with_output().unwrap()
}

#[test]
fn request_to_a_pipe_closed_by_its_reader_is_exit_2() {
    for (args, stdin) in [
        (&["request", "-s", "USER_LOGIN_ID", "--approve"][..], None),
        (
            &["request", "--from", "-", "--deny"],
            Some(r#"{"scopes": ["KYC_INFO"]}"#),
        ),
        (&["request", "-s", "KYC_INFO", "--payload"], None),
    ] {
        let out = to_a_closed_pipe(args, stdin);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).starts_with(
                "error: stdout was closed before the output was written: it was not delivered\n"
            ),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn listings_to_a_pipe_closed_by_its_reader_end_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let valid = write(dir.path(), "ok.json", r#"{"scopes": ["KYC_INFO"]}"#);
    for (args, stdin) in [
        (&["scopes"][..], None),
        (&["scopes", "--json"], None),
        (&["validate", &valid], None),
        (
            &["validate", "--ndjson", "-"],
            Some("{\"scopes\": [\"KYC_INFO\"]}\n"),
        ),
        (&["schema", "request"], None),
    ] {
        let out = to_a_closed_pipe(args, stdin);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
}

// ---------------------------------------------------------------------------------------
// README
// ---------------------------------------------------------------------------------------

/// A `rust-version` as (major, minor, patch).
fn version(v: &str) -> (u64, u64, u64) {
    let mut parts = v.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

fn ours() -> String {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("Cargo.toml has a rust-version")
        .to_string()
}

#[test]
fn rust_version_holds_for_every_locked_crate() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let host = Command::new("rustc")
        .arg("-vV")
        .output()
        .ok()
        .and_then(|out| {
            text(&out.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        });
    let mut cmd = Command::new(&cargo);
    cmd.args(["metadata", "--locked", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    if let Some(host) = &host {
        cmd.args(["--filter-platform", host]);
    }
    let Ok(out) = cmd.output() else {
        eprintln!("note: cargo is not on PATH; skipping the rust-version check (install Rust with rustup to run it)");
        return;
    };
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        text(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ours = ours();
    let mut newest = ("", "0");
    for package in metadata["packages"].as_array().unwrap() {
        let Some(needs) = package["rust_version"].as_str() else {
            continue;
        };
        let name = package["name"].as_str().unwrap();
        assert!(
            version(needs) <= version(&ours),
            "{name} {} needs Rust {needs}, but Cargo.toml says rust-version {ours}: raise it, or pin an older {name}",
            package["version"]
        );
        if version(needs) > version(newest.1) {
            newest = (name, needs);
        }
    }
    eprintln!(
        "newest rust-version in the lock: {} ({}); ours: {ours}",
        newest.1, newest.0
    );
    // README says the same.
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("It needs Rust {ours} or newer.")),
        "README must name rust-version {ours}"
    );
}

/// README's section on `authcode NAME`: from its `### \`authcode NAME` heading to the next.
fn section<'a>(readme: &'a str, name: &str) -> &'a str {
    let start = readme
        .find(&format!("### `authcode {name}"))
        .unwrap_or_else(|| panic!("README has no section for {name}"));
    let rest = &readme[start + 4..];
    let end = rest
        .find("\n### ")
        .or_else(|| rest.find("\n## "))
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn readme_documents_every_flag_of_every_command_in_its_section() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut missing = Vec::new();
    for command in ["scopes", "request", "validate", "schema", "completions"] {
        let help = text(&run(&[command, "--help"]).stdout);
        let doc = section(&readme, command);
        let options = help
            .split("Options:")
            .nth(1)
            .and_then(|o| o.split("Global options:").next())
            .unwrap();
        for line in options
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with('-'))
        {
            let mut words = line.split([' ', ',']).filter(|w| w.starts_with('-'));
            for flag in words.by_ref().take(2) {
                if flag == "-h" || flag == "--help" {
                    continue;
                }
                // A flag is documented as `--flag` (or `-f`), not inside another word.
                let shown = [' ', '`', '(', '/'].iter().any(|before| {
                    [' ', '`', ')', ',', '=', '.']
                        .iter()
                        .any(|after| doc.contains(&format!("{before}{flag}{after}")))
                });
                if !shown {
                    missing.push(format!("{command} {flag}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "README's section on each command does not document: {}",
        missing.join(", ")
    );
}

// ---------------------------------------------------------------------------------------
// The prompt in a narrow terminal, read back from a terminal emulator
// ---------------------------------------------------------------------------------------

#[cfg(unix)]
mod narrow_prompt {
    use std::path::Path;
    use std::process::Command;
    use std::time::Duration;

    use expectrl::process::unix::WaitStatus;
    use expectrl::session::OsSession;
    use expectrl::{Eof, Expect, Session};

    use super::{bin, text};

    const DOWN: &str = "\x1b[B";
    const UP: &str = "\x1b[A";
    const ENTER: &str = "\r";
    const SPACE: &str = " ";
    const CTRL_C: &str = "\x03";
    const ESC: &str = "\x1b";
    const ROWS: u16 = 24;
    const SCOPES: &str = "USER_LOGIN_ID,KYC_INFO,USER_JOB";

    /// `authcode ARGS` in a pty of `columns` x 24, stdout to `stdout_file`, with every byte
    /// it shows fed to a VT100 emulator.
    struct Pty {
        session: OsSession,
        screen: vt100::Parser,
        columns: u16,
    }

    impl Pty {
        fn spawn(columns: u16, colors: bool, stdout_file: &Path) -> Pty {
            let mut cmd = Command::new("sh");
            // The size is set before authcode starts, so it reads it at once; and after the
            // spawner has set its own default (80x24), hence the wait for a first line.
            cmd.arg("-c")
                .arg("read -r _ && stty cols \"$1\" rows \"$2\" && out=$3 && shift 3 && exec \"$0\" \"$@\" > \"$out\"")
                .arg(bin())
                .arg(columns.to_string())
                .arg(ROWS.to_string())
                .arg(stdout_file)
                .args(["request", "--scopes", SCOPES, "--seed", "5", "--compact"])
                .env_remove("CI")
                .env_remove("AUTHCODE_CATALOG")
                .env_remove("NO_COLOR")
                .env("TERM", "xterm-256color");
            if !colors {
                cmd.env("NO_COLOR", "1");
            }
            let mut session = Session::spawn(cmd).expect("spawn authcode in a pty");
            session.set_expect_timeout(Some(Duration::from_secs(30)));
            session.send("go\r").expect("start the shell");
            Pty {
                session,
                screen: vt100::Parser::new(
                    std::num::NonZeroU16::new(ROWS).unwrap(),
                    std::num::NonZeroU16::new(columns).unwrap(),
                    0,
                ),
                columns,
            }
        }

        /// Waits until the terminal was sent `text`, and shows it all to the emulator.
        fn wait_for(&mut self, text: &str) {
            match self.session.expect(text) {
                // Everything read up to the end of the match.
                Ok(found) => self.screen.process(found.as_bytes()),
                Err(e) => panic!(
                    "the prompt never showed {text:?}: {e}\n{}",
                    self.rows().join("\n")
                ),
            }
        }

        fn send(&mut self, keys: &str) {
            self.session.send(keys).expect("send keys to the pty");
        }

        /// The rows of the screen, blanks at the end of each trimmed, empty rows at the end
        /// dropped.
        fn rows(&self) -> Vec<String> {
            let mut rows: Vec<String> = self
                .screen
                .screen()
                .rows(0, self.columns)
                .map(|r| r.trim_end().to_string())
                .collect();
            while rows.last().is_some_and(|r| r.is_empty()) {
                rows.pop();
            }
            rows
        }

        /// Waits for the end; returns the final screen and the exit code.
        fn finish(mut self) -> (Vec<String>, i32) {
            match self.session.expect(Eof) {
                Ok(found) => self.screen.process(found.as_bytes()),
                Err(e) => panic!("authcode did not finish: {e}"),
            }
            let code = match self
                .session
                .get_process()
                .wait()
                .expect("wait for authcode")
            {
                WaitStatus::Exited(_, code) => code,
                other => panic!("authcode did not exit normally: {other:?}"),
            };
            (self.rows(), code)
        }
    }

    /// The header both widths show above every question and answer.
    fn header(columns: u16) -> Vec<&'static str> {
        match columns {
            40 => vec![
                "",
                "This mini program wants to access your",
                "DANA account:",
                "Consenting as Budi Santoso (user",
                "default; --user picks another)",
                "  • USER_LOGIN_ID  Authorized to obtai…",
                "  • KYC_INFO       Authorized to obtai…",
                "  • USER_JOB       Authorized to obtai…",
            ],
            30 => vec![
                "",
                "This mini program wants to",
                "access your DANA account:",
                "Consenting as Budi Santoso",
                "(user default; --user picks",
                "another)",
                "  • USER_LOGIN_ID  Authorize…",
                "  • KYC_INFO       Authorize…",
                "  • USER_JOB       Authorize…",
            ],
            _ => unreachable!(),
        }
    }

    /// The screen holds the header, then exactly `answered`, and no row reaches the last
    /// column (a row that does was wrapped by the terminal).
    fn assert_screen(rows: &[String], columns: u16, answered: &[&str]) {
        let mut expected = header(columns);
        expected.extend_from_slice(answered);
        assert_eq!(rows, expected, "at {columns} columns:\n{}", rows.join("\n"));
        for row in rows {
            assert!(row.chars().count() < usize::from(columns), "{row:?}");
        }
    }

    /// Past the first question ("Choose scopes"), into the scope list.
    fn to_the_list(p: &mut Pty) {
        p.wait_for("Deny all");
        p.send(DOWN);
        p.wait_for("Choose scopes");
        p.send(ENTER);
        p.wait_for("USER_JOB");
        p.wait_for("…");
    }

    /// Each way a run can end, at 40 and at 30 columns, without colors: the final screen.
    #[test]
    fn after_each_answer_only_the_answered_lines_stay() {
        for columns in [40, 30] {
            type Steps = fn(&mut Pty);
            let runs: [(&str, Steps, i32, &[&str]); 7] = [
                (
                    "Enter",
                    |p| {
                        p.wait_for("Deny all");
                        p.send(ENTER);
                    },
                    0,
                    &["Your decision: Allow all"],
                ),
                (
                    "Ctrl-C at the decision",
                    |p| {
                        p.wait_for("Deny all");
                        p.send(CTRL_C);
                    },
                    130,
                    &[],
                ),
                (
                    "Esc at the decision",
                    |p| {
                        p.wait_for("Deny all");
                        p.send(ESC);
                    },
                    130,
                    &[],
                ),
                (
                    "Esc in the list",
                    |p| {
                        to_the_list(p);
                        p.send(ESC);
                    },
                    130,
                    &["Your decision: Choose scopes"],
                ),
                (
                    "Ctrl-C in the list",
                    |p| {
                        to_the_list(p);
                        p.send(DOWN);
                        p.wait_for("USER_JOB");
                        p.send(CTRL_C);
                    },
                    130,
                    &["Your decision: Choose scopes"],
                ),
                (
                    "Ctrl-C at the error value",
                    |p| {
                        p.wait_for("Deny all");
                        p.send(UP);
                        p.wait_for("Deny all");
                        p.send(ENTER);
                        p.wait_for("40006");
                        p.send(CTRL_C);
                    },
                    130,
                    &["Your decision: Deny all"],
                ),
                (
                    "Esc at the error value",
                    |p| {
                        p.wait_for("Deny all");
                        p.send(UP);
                        p.wait_for("Deny all");
                        p.send(ENTER);
                        p.wait_for("40006");
                        p.send(ESC);
                    },
                    130,
                    &["Your decision: Deny all"],
                ),
            ];
            for (what, steps, code, answered) in runs {
                let dir = tempfile::tempdir().unwrap();
                let out = dir.path().join("stdout.json");
                let mut p = Pty::spawn(columns, false, &out);
                steps(&mut p);
                let (rows, exit) = p.finish();
                assert_eq!(exit, code, "{what} at {columns}: {}", rows.join("\n"));
                assert_screen(&rows, columns, answered);
                if code != 0 {
                    assert_eq!(std::fs::read_to_string(&out).unwrap(), "", "{what}");
                }
            }
        }
    }

    /// A whole consent at both widths: every question and list fits, and afterwards the
    /// answers wrap by words.
    #[test]
    fn choosing_scopes_and_an_error_value_leaves_the_answers() {
        for (columns, answered) in [
            (
                40,
                &[
                    "Your decision: Choose scopes",
                    "Scopes to grant: USER_LOGIN_ID,",
                    "USER_JOB",
                    "Error value for the denied scopes: 11",
                    "(Unauthorized to Get User Info)",
                ][..],
            ),
            (
                30,
                &[
                    "Your decision: Choose scopes",
                    "Scopes to grant:",
                    "USER_LOGIN_ID, USER_JOB",
                    "Error value for the denied",
                    "scopes: 11 (Unauthorized to",
                    "Get User Info)",
                ],
            ),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("stdout.json");
            let mut p = Pty::spawn(columns, false, &out);
            to_the_list(&mut p);
            p.send(DOWN);
            p.wait_for("USER_JOB");
            p.wait_for("…");
            let list = p.rows();
            // The question fits its row: a shorter wording, not a wrapped one.
            let question = list
                .iter()
                .find(|r| r.starts_with("Scopes to grant"))
                .unwrap();
            assert!(question.ends_with(':'), "{list:?}");
            // Header and list follow one rule: one row each, cut with "…" at the width.
            let kyc = "KYC_INFO       Authorized to obtain users' KYC information";
            let in_header = list.iter().find(|r| r.starts_with("  • KYC_INFO")).unwrap();
            let in_list = list.iter().find(|r| r.contains("] KYC_INFO")).unwrap();
            for row in [in_header, in_list] {
                let shown = row[row.find("KYC_INFO").unwrap()..].trim_end_matches('…');
                assert!(row.ends_with('…') && kyc.starts_with(shown), "{row:?}");
                assert!(row.chars().count() < usize::from(columns), "{row:?}");
            }
            // Without colors the active row is still marked.
            assert!(in_list.starts_with("> [x] KYC_INFO"), "{list:?}");
            let login = list.iter().find(|r| r.contains("] USER_LOGIN_ID")).unwrap();
            assert!(login.starts_with("  [x] USER_LOGIN_ID"), "{list:?}");

            p.send(SPACE);
            p.wait_for("[ ] KYC_INFO");
            p.send(ENTER);
            p.wait_for("40006");
            p.wait_for("\n");
            p.send(UP);
            p.wait_for("11 ");
            p.send(ENTER);
            let (rows, code) = p.finish();
            assert_eq!(code, 0, "{}", rows.join("\n"));
            assert_screen(&rows, columns, answered);
            assert!(
                std::fs::read_to_string(&out).unwrap().ends_with(
                    r#""authSuccessScopes":["USER_LOGIN_ID","USER_JOB"],"authErrorScopes":{"KYC_INFO":"11"}}
"#
                ),
                "{}",
                text(&std::fs::read(&out).unwrap())
            );
        }
    }

    /// With colors the active row carries a glyph too, not only a color, and the screen
    /// ends with the answers alone.
    #[test]
    fn with_colors_the_active_row_is_marked_and_the_screen_is_clean() {
        let columns = 30;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("stdout.json");
        let mut p = Pty::spawn(columns, true, &out);
        to_the_list(&mut p);
        p.send(DOWN);
        p.wait_for("USER_JOB");
        p.wait_for("…");
        let list = p.rows();
        let kyc = list.iter().find(|r| r.contains("✔ KYC_INFO")).unwrap();
        assert!(kyc.starts_with("❯ ✔ KYC_INFO"), "{list:?}");
        let login = list.iter().find(|r| r.contains("✔ USER_LOGIN_ID")).unwrap();
        assert!(login.starts_with("  ✔ USER_LOGIN_ID"), "{list:?}");
        p.send(CTRL_C);
        let (rows, code) = p.finish();
        assert_eq!(code, 130);
        assert_screen(&rows, columns, &["✔ Your decision · Choose", "scopes"]);
    }
}
