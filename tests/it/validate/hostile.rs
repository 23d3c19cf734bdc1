//! Hostile inputs to `authcode validate`: bytes that are not JSON or not text, nesting and
//! numbers past every limit, CRLF and escapes, links that loop, FIFOs, unreadable files and
//! names that are not UTF-8. Each gets a verdict with a place; the rest is still checked.
//!
//! The tests run as root in CI, where permissions do not make a file unreadable: unreadable
//! files are provoked with reads that fail for everyone (`/proc/self/mem`, dangling and
//! looping links).

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{
    assert_clean_stderr, authcode, doc, hostile_files, mkfifo, rules, temp_file, text,
    validate_json, validate_json_stderr,
};

#[test]
fn validate_reports_each_bad_input_and_still_checks_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, _) in hostile_files() {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    fs::write(
        dir.path().join("good.json"),
        r#"{"scopes": ["USER_LOGIN_ID"]}"#,
    )
    .unwrap();
    // A BOM is a warning and the rest of the document is still checked.
    fs::write(
        dir.path().join("bom.json"),
        b"\xEF\xBB\xBF{\"scopes\": [\"USER_LOGIN_ID\"]}",
    )
    .unwrap();
    fs::write(
        dir.path().join("bom-bad.json"),
        b"\xEF\xBB\xBF{\"scopes\": [\"USER_LOGN_ID\"]}",
    )
    .unwrap();
    // Numbers past u64 and i64 are still numbers: a wrong type, not a crash.
    fs::write(
        dir.path().join("big-ints.json"),
        r#"{"authErrorScopes": {"USER_LOGIN_ID": 18446744073709551616, "KYC_INFO": -9223372036854775809}}"#,
    )
    .unwrap();

    let (code, report) = validate_json([dir.path().as_os_str()], "");
    assert_eq!(code, 1, "{report:#}");
    for (name, _, rule) in hostile_files() {
        let d = doc(&report, &format!("/{name}"));
        assert_eq!(d["valid"], false, "{name}: {d:#}");
        assert_eq!(rules(d), [rule], "{name}: {d:#}");
        let diag = &d["diagnostics"][0];
        assert!(diag["line"].as_u64().unwrap() >= 1, "{name}: {d:#}");
        assert!(diag["column"].as_u64().unwrap() >= 1, "{name}: {d:#}");
    }
    let surrogate = &doc(&report, "/surrogate.json")["diagnostics"][0];
    assert!(
        surrogate["message"].as_str().unwrap().contains("surrogate"),
        "{surrogate:#}"
    );
    assert_eq!(surrogate["column"], 20);
    assert!(surrogate["hint"].as_str().unwrap().contains("\\uDC00"));
    let nested = &doc(&report, "/deep.json")["diagnostics"][0];
    assert!(nested["message"].as_str().unwrap().contains("nested"));
    assert_eq!(
        doc(&report, "/huge-number.json")["diagnostics"][0]["message"],
        "a number too large to read"
    );
    assert_eq!(doc(&report, "/latin1.json")["diagnostics"][0]["column"], 34);

    assert_eq!(doc(&report, "/good.json")["valid"], true);
    let bom = doc(&report, "/bom.json");
    assert_eq!(
        (bom["valid"].clone(), rules(bom)),
        (json!(true), vec!["bom".into()])
    );
    let bom_bad = doc(&report, "/bom-bad.json");
    assert_eq!(rules(bom_bad), ["bom", "unknown-scope"]);
    assert_eq!(
        bom_bad["diagnostics"][1]["hint"],
        "did you mean USER_LOGIN_ID?"
    );
    let ints = doc(&report, "/big-ints.json");
    assert_eq!(rules(ints), ["wrong-type", "wrong-type"], "{ints:#}");
    let total = hostile_files().len() + 4;
    assert_eq!(report["summary"]["documents"], total);
    assert_eq!(report["summary"]["valid"], 2);
}

#[test]
fn the_same_bad_inputs_through_stdin_and_ndjson() {
    for (name, bytes, rule) in hostile_files() {
        let out = authcode()
            .args(["validate", "--format", "json", "-"])
            .stdin(bytes.clone())
            .run();
        assert_clean_stderr(&out.stderr);
        assert_eq!(out.code, 1, "{name}");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(rules(&report["documents"][0]), [rule], "{name}: {report:#}");
    }
    // One NDJSON file with a bad line among good ones: each line is its own verdict.
    let mut lines =
        b"{\"scopes\": [\"USER_JOB\"]}\n\x00\x01\xff\n{\"scopes\": [\"\\ud800\"]}\n".to_vec();
    lines.extend_from_slice(&b"[".repeat(100_000));
    lines.extend_from_slice(b"\n{\"scopes\": [\"KYC_INFO\"]}\r\n");
    let out = authcode()
        .args(["validate", "--format", "json", "--ndjson", "-"])
        .stdin(lines)
        .run();
    assert_clean_stderr(&out.stderr);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = report["documents"].as_array().unwrap();
    let verdicts: Vec<(u64, bool)> = docs
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["valid"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        verdicts,
        [(1, true), (2, false), (3, false), (4, false), (5, true)]
    );
    assert_eq!(rules(&docs[1]), ["encoding"]);
    assert_eq!(rules(&docs[2]), ["encoding"]);
    assert_eq!(rules(&docs[3]), ["syntax"]);
}

#[test]
fn a_directory_with_loops_fifos_and_unreadable_files_never_hangs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("good.json"), r#"{"scopes": ["USER_JOB"]}"#).unwrap();
    // Links that loop: a file link cycle, and a directory link back up the tree.
    symlink("b.json", root.join("a.json")).unwrap();
    symlink("a.json", root.join("b.json")).unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    symlink("..", root.join("sub/up")).unwrap();
    symlink(".", root.join("sub/self.json")).unwrap();
    fs::write(root.join("sub/inner.json"), r#"{"scopes": ["KYC_INFO"]}"#).unwrap();
    // A FIFO nobody writes to: opening it would block forever.
    let fifo = root.join("pipe.json");
    mkfifo(&fifo);
    // Unreadable files, honestly so for root too: a dangling link, and a link to a file
    // whose every read fails (the reading process's own /proc/self/mem at offset 0).
    symlink("nowhere.json", root.join("dangling.json")).unwrap();
    symlink("/proc/self/mem", root.join("mem.json")).unwrap();
    // A directory named like a document is walked, not read.
    fs::create_dir(root.join("dir.json")).unwrap();
    fs::write(
        root.join("dir.json/deep.json"),
        r#"{"scopes": ["USER_JOB"]}"#,
    )
    .unwrap();
    // When not root, a file without read permission is unreadable too.
    let not_root = unsafe { libc::geteuid() } != 0;
    if not_root {
        let locked = root.join("locked.json");
        fs::write(&locked, "{}").unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    }

    let started = Instant::now();
    let (code, report, stderr) = validate_json_stderr([root.as_os_str()], "");
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(code, 2, "an unreadable path means exit 2: {report:#}");
    // Unreadable inputs are errors of the run on stderr, not documents of the report.
    let paths: Vec<String> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let p = d["path"].as_str().unwrap();
            p[root.to_str().unwrap().len() + 1..].to_string()
        })
        .collect();
    assert_eq!(
        paths,
        ["dir.json/deep.json", "good.json", "sub/inner.json"],
        "{report:#}"
    );
    let mut unreadable = vec!["a.json", "b.json", "dangling.json"];
    if not_root {
        unreadable.push("locked.json");
    }
    unreadable.extend(["mem.json", "pipe.json"]);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), unreadable.len(), "{stderr}");
    for (line, name) in lines.iter().zip(&unreadable) {
        assert!(
            line.starts_with("error: cannot read ") && line.contains(&format!("/{name}: ")),
            "{name}: {line}"
        );
    }
    let message = |name: &str| {
        lines
            .iter()
            .find(|l| l.contains(&format!("/{name}: ")))
            .unwrap()
            .to_string()
    };
    assert!(message("a.json").contains("symbolic links"));
    assert!(message("dangling.json").contains("a broken symbolic link"));
    assert!(message("mem.json").contains("Input/output error"));
    assert!(message("pipe.json").contains("FIFO"));
    for name in ["good.json", "dir.json/deep.json", "sub/inner.json"] {
        assert_eq!(doc(&report, name)["valid"], true, "{name}");
    }
    assert_eq!(report["summary"]["files"], 3);
}

// ---------------------------------------------------------------------------------------
// Pipes
// ---------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------
// No terminal
// ---------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------
// Prompt steps in a pseudo-terminal
// ---------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------
// --output: signals and failing writes
// ---------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------
// Escape sequences
// ---------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------------------

#[test]
fn unreadable_paths_named_explicitly_are_reported_and_the_rest_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("good.json"), r#"{"scopes": ["USER_JOB"]}"#).unwrap();
    let (code, report, stderr) = validate_json_stderr(
        [
            OsStr::new("/proc/self/mem"),
            root.join("good.json").as_os_str(),
            root.join("missing.json").as_os_str(),
        ],
        "",
    );
    assert_eq!(code, 2);
    // Unreadable inputs are said on stderr and are not documents of the report.
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["summary"]["documents"], 1);
    assert_eq!(report["documents"][0]["valid"], true);
    assert!(
        stderr.contains("error: cannot read /proc/self/mem: "),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing.json: No such file or directory"),
        "{stderr}"
    );
}

#[test]
fn crlf_documents_get_file_line_numbers_and_columns() {
    let (_dir, crlf) = temp_file(
        "crlf.json",
        "{\r\n  \"authCode\": \"abc\",\r\n  \"authSuccessScopes\": [\r\n    \"\\u0055SER_JOB\",\r\n    \"USER_LOGN_ID\"\r\n  ]\r\n}\r\n",
    );
    let (code, report) = validate_json([&crlf], "");
    assert_eq!(code, 1);
    let d = &report["documents"][0];
    assert_eq!(rules(d), ["unknown-scope"], "{d:#}");
    assert_eq!(d["diagnostics"][0]["line"], 5);
    assert_eq!(d["diagnostics"][0]["column"], 5);
    assert_eq!(d["diagnostics"][0]["pointer"], "/authSuccessScopes/1");
}

#[test]
fn escaped_names_and_error_values_are_compared_decoded() {
    let (_dir, escaped) = temp_file(
        "escaped.json",
        r#"{"authCode": "c", "authSuccessScopes": ["\u0055SER_JOB"], "authErrorScopes": {"\u004bYC_INFO": "\u0034\u0030\u0030\u0030\u0036"}}"#,
    );
    let (code, report) = validate_json(
        [
            OsStr::new("--expect-scopes"),
            OsStr::new("USER_JOB,KYC_INFO"),
            escaped.as_os_str(),
        ],
        "",
    );
    assert_eq!(code, 0, "{report:#}");
    assert!(rules(&report["documents"][0]).is_empty());
}

#[test]
fn paths_that_are_not_utf8_are_reported_lossily() {
    let dir = tempfile::tempdir().unwrap();
    let name = OsStr::from_bytes(b"caf\xe9.json");
    let path = dir.path().join(name);
    fs::write(&path, r#"{"scopes": ["USER_LOGN_ID"]}"#).unwrap();

    for target in [dir.path().as_os_str(), path.as_os_str()] {
        let (code, report) = validate_json([target], "");
        assert_eq!(code, 1, "{report:#}");
        let d = &report["documents"][0];
        assert!(
            d["path"].as_str().unwrap().ends_with("caf\u{fffd}.json"),
            "{d:#}"
        );
        assert_eq!(rules(d), ["unknown-scope"]);
        let out = authcode()
            .args(["validate", "--format", "github"])
            .arg(target)
            .run();
        assert!(text(&out.stdout).contains("caf\u{fffd}.json,line=1,col=13"));
    }
}
