//! Hardening (issue 5): hostile inputs, closed pipes, terminals, signals, failing writes,
//! escape sequences and minted codes, through the real binary (and, where a failure cannot
//! be provoked from outside, through the library's injection points).
//!
//! The tests run as root in CI, where permissions do not make a file unreadable or a
//! directory read-only: unreadable files are provoked with reads that fail for everyone
//! (`/proc/self/mem`, dangling and looping links), and read-only or full file systems with
//! a private tmpfs mount when the test may create one (`unshare -m`), else they are
//! reported as skipped on stderr and the injected-error path is tested instead.

#![cfg(unix)]

use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, FileTypeExt, PermissionsExt};
use std::os::unix::io::FromRawFd;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::{json, Value};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_authcode"))
}

fn authcode() -> Command {
    let mut cmd = Command::new(bin());
    cmd.env_remove("AUTHCODE_CATALOG")
        .env_remove("NO_COLOR")
        .timeout(Duration::from_secs(60));
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// No panic message, backtrace or raw control character other than newline on stderr.
fn assert_clean_stderr(stderr: &[u8]) {
    let s = text(stderr);
    assert!(!s.contains("panicked"), "panic: {s}");
    assert!(!s.contains("RUST_BACKTRACE"), "backtrace hint: {s}");
    assert!(
        !stderr.iter().any(|&b| b < 0x20 && b != b'\n'),
        "control characters on stderr: {s:?}"
    );
}

/// Runs `authcode validate --format json ARGS`, returns the report and the exit code.
fn validate_json(args: &[&OsStr]) -> (Value, i32) {
    let out = authcode()
        .args(["validate", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_clean_stderr(&out.stderr);
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("report is not JSON ({e}): {}", text(&out.stdout)));
    (report, out.status.code().unwrap())
}

/// [`validate_json`], with stderr too.
fn validate_json_stderr(args: &[&OsStr]) -> (Value, i32, String) {
    let out = authcode()
        .args(["validate", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_clean_stderr(&out.stderr);
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("report is not JSON ({e}): {}", text(&out.stdout)));
    (report, out.status.code().unwrap(), text(&out.stderr))
}

/// The document of `report` whose path ends with `name`.
fn doc<'r>(report: &'r Value, name: &str) -> &'r Value {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no document {name} in {report:#}"))
}

fn rules(doc: &Value) -> Vec<String> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Runs `authcode ARGS` expecting exit 2 and one `error: ...` line naming `needle`.
fn refused(args: &[&OsStr], needle: &str) -> String {
    let out = authcode().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "{args:?} printed {}",
        text(&out.stdout)
    );
    assert_clean_stderr(&out.stderr);
    let err = text(&out.stderr);
    assert!(err.starts_with("error: "), "{args:?}: {err}");
    assert!(err.contains(needle), "{args:?}: {needle:?} not in {err}");
    err
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

// ---------------------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------------------

/// Contents every reader must survive, with what `validate` says about each.
fn hostile_files() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    vec![
        ("empty.json", b"".to_vec(), "syntax"),
        ("blank.json", b"  \n\t \r\n ".to_vec(), "syntax"),
        (
            "nul.json",
            b"{\"scopes\": [\"USER_LOGIN_ID\"]\x00}".to_vec(),
            "syntax",
        ),
        (
            "binary.json",
            vec![
                0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0xff, 0xfe, 0x00, 0x9c,
            ],
            "encoding",
        ),
        (
            "latin1.json",
            b"{\"scopes\": [\"USER_LOGIN_ID\", \"caf\xe9\"]}".to_vec(),
            "encoding",
        ),
        (
            "surrogate.json",
            br#"{"scopes": ["\ud800"]}"#.to_vec(),
            "encoding",
        ),
        (
            "huge-number.json",
            br#"{"authErrorScopes": {"USER_LOGIN_ID": 1e999}}"#.to_vec(),
            "syntax",
        ),
        (
            "deep.json",
            [b"[".repeat(100_000), b"]".repeat(100_000)].concat(),
            "syntax",
        ),
        (
            "deep-object.json",
            [
                br#"{"scopes":"#.repeat(100_000),
                b"1".to_vec(),
                b"}".repeat(100_000),
            ]
            .concat(),
            "syntax",
        ),
    ]
}

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

    let (report, code) = validate_json(&[dir.path().as_os_str()]);
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
            .write_stdin(bytes.clone())
            .output()
            .unwrap();
        assert_clean_stderr(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}");
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
        .write_stdin(lines)
        .output()
        .unwrap();
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
fn request_from_refuses_each_bad_input_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let expected = [
        ("empty.json", "is empty"),
        ("blank.json", "is empty"),
        ("nul.json", "control character U+0000"),
        ("binary.json", "not UTF-8"),
        ("latin1.json", "not UTF-8"),
        ("surrogate.json", "surrogate"),
        ("huge-number.json", "a number too large to read"),
        ("deep.json", "recursion limit"),
        ("deep-object.json", "recursion limit"),
    ];
    for (name, bytes, _) in hostile_files() {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let needle = expected.iter().find(|(n, _)| *n == name).unwrap().1;
        let err = refused(
            &[
                os("request"),
                os("--approve"),
                os("--from"),
                path.as_os_str(),
            ],
            needle,
        );
        assert!(err.contains(name), "the message names the file: {err}");
    }
    // A directory, and a file whose read fails for everyone (root included).
    refused(
        &[
            os("request"),
            os("--approve"),
            os("--from"),
            dir.path().as_os_str(),
        ],
        "Is a directory",
    );
    refused(
        &[
            os("request"),
            os("--approve"),
            os("--from"),
            os("/proc/self/mem"),
        ],
        "Input/output error",
    );
    refused(
        &[
            os("request"),
            os("--approve"),
            os("--from"),
            os("/nonexistent/x.json"),
        ],
        "No such file",
    );
}

/// The text of a valid one-scope catalog.
fn catalog_text(scope: &str, description: &str) -> String {
    format!(
        r#"{{"name": "Test", "scopes": [{{"scope": "{scope}", "description": "{description}"}}], "errors": [{{"code": "40006", "message": "denied"}}]}}"#
    )
}

#[test]
fn catalog_refuses_each_bad_input_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases: Vec<(&str, Vec<u8>, &str)> = hostile_files()
        .into_iter()
        .map(|(name, bytes, _)| (name, bytes, "invalid catalog"))
        .collect();
    cases.extend([
        (
            "nul-in-name.json",
            catalog_text("A", "d")
                .replace("Test", "Te\u{0}st")
                .into_bytes(),
            "control character",
        ),
        (
            "latin1-description.json",
            catalog_text("A", "caf\u{e9}")
                .into_bytes()
                .iter()
                .flat_map(|&b| match b {
                    0xc3 => vec![],
                    0xa9 => vec![0xe9],
                    b => vec![b],
                })
                .collect(),
            "invalid catalog",
        ),
        (
            "surrogate-description.json",
            catalog_text("A", "\\ud800").into_bytes(),
            "invalid catalog",
        ),
        (
            "number-name.json",
            br#"{"name": 1e999, "scopes": []}"#.to_vec(),
            "number out of range",
        ),
    ]);
    for (name, bytes, needle) in cases {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let err = refused(&[os("--catalog"), path.as_os_str(), os("scopes")], needle);
        assert!(err.contains(name), "the message names the file: {err}");
        // Every subcommand loads the catalog first.
        refused(
            &[
                os("--catalog"),
                path.as_os_str(),
                os("request"),
                os("--scopes"),
                os("A"),
                os("--approve"),
            ],
            name,
        );
    }
    refused(
        &[os("--catalog"), dir.path().as_os_str(), os("scopes")],
        "Is a directory",
    );
    refused(
        &[os("--catalog"), os("/proc/self/mem"), os("scopes")],
        "Input/output error",
    );
}

#[test]
fn bom_crlf_and_escaped_names_are_accepted_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    // request --from: BOM (warned about), CRLF and a \u-escaped name decode to the scope.
    let from = dir.path().join("req.json");
    fs::write(
        &from,
        b"\xEF\xBB\xBF{\r\n  \"scopes\": [\r\n    \"\\u0055SER_LOGIN_ID\"\r\n  ]\r\n}\r\n",
    )
    .unwrap();
    let out = authcode()
        .args(["request", "--approve", "--compact", "--seed", "1", "--from"])
        .arg(&from)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("byte order mark"));
    let response: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(response["authSuccessScopes"], json!(["USER_LOGIN_ID"]));

    // --catalog: the same, and the decoded name is what the catalog knows.
    let catalog = dir.path().join("catalog.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(
        catalog_text("\\u0041BC", "first\\r\\nline")
            .replace(", ", ",\r\n ")
            .into_bytes(),
    );
    fs::write(&catalog, bytes).unwrap();
    let out = authcode()
        .arg("--catalog")
        .arg(&catalog)
        .args(["scopes", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let scopes: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        scopes,
        json!([{"scope": "ABC", "description": "first\r\nline"}])
    );
    // The human table does not pass the CR through raw.
    let out = authcode()
        .arg("--catalog")
        .arg(&catalog)
        .arg("scopes")
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&b'\r'), "{:?}", text(&out.stdout));

    // A CRLF catalog with an error: serde's line number counts CRLF lines.
    let broken = dir.path().join("broken.json");
    fs::write(
        &broken,
        "{\r\n\"name\": \"T\",\r\n\"scopes\": [\r\n{\"scope\": 7}\r\n]}\r\n",
    )
    .unwrap();
    refused(
        &[os("--catalog"), broken.as_os_str(), os("scopes")],
        "line 4",
    );

    // validate: CRLF line numbers and columns, escaped names compared decoded.
    let crlf = dir.path().join("crlf.json");
    fs::write(
        &crlf,
        "{\r\n  \"authCode\": \"abc\",\r\n  \"authSuccessScopes\": [\r\n    \"\\u0055SER_JOB\",\r\n    \"USER_LOGN_ID\"\r\n  ]\r\n}\r\n",
    )
    .unwrap();
    let (report, code) = validate_json(&[crlf.as_os_str()]);
    assert_eq!(code, 1);
    let d = &report["documents"][0];
    assert_eq!(rules(d), ["unknown-scope"], "{d:#}");
    assert_eq!(d["diagnostics"][0]["line"], 5);
    assert_eq!(d["diagnostics"][0]["column"], 5);
    assert_eq!(d["diagnostics"][0]["pointer"], "/authSuccessScopes/1");
    let escaped = dir.path().join("escaped.json");
    fs::write(
        &escaped,
        r#"{"authCode": "c", "authSuccessScopes": ["\u0055SER_JOB"], "authErrorScopes": {"\u004bYC_INFO": "\u0034\u0030\u0030\u0030\u0036"}}"#,
    )
    .unwrap();
    let (report, code) = validate_json(&[
        os("--expect-scopes"),
        os("USER_JOB,KYC_INFO"),
        escaped.as_os_str(),
    ]);
    assert_eq!(code, 0, "{report:#}");
    assert!(rules(&report["documents"][0]).is_empty());
}

/// Runs authcode with `args`, stdout and stderr into files, and returns (exit code,
/// stdout, stderr, peak RSS in KiB).
///
/// The peak comes from GNU time, which forks the command from its own small process: a
/// child spawned straight from this test process would inherit the test process's peak
/// (Linux folds the old address space's high-water mark into the child's at exec), and
/// these tests allocate. Without /usr/bin/time the peak is `None` and only the outcome is
/// checked.
fn run_measured(args: &[&OsStr], dir: &Path) -> (i32, Vec<u8>, Vec<u8>, Option<u64>) {
    let out_path = dir.join("stdout");
    let err_path = dir.join("stderr");
    let rss_path = dir.join("rss");
    let time = Path::new("/usr/bin/time");
    let measured =
        time.exists() && usable("/usr/bin/time", &["-f", "%M", "-o", "/dev/null", "true"]);
    let mut cmd = if measured {
        let mut cmd = StdCommand::new(time);
        cmd.args(["-f", "%M", "-o"]).arg(&rss_path).arg(bin());
        cmd
    } else {
        StdCommand::new(bin())
    };
    let status = cmd
        .args(args)
        .env_remove("AUTHCODE_CATALOG")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .status()
        .unwrap();
    let rss = measured.then(|| {
        let text = fs::read_to_string(&rss_path).unwrap();
        text.lines().last().unwrap().trim().parse().unwrap()
    });
    if !measured {
        eprintln!("peak RSS not measured: /usr/bin/time (GNU) is missing");
    }
    (
        status.code().unwrap(),
        fs::read(&out_path).unwrap(),
        fs::read(&err_path).unwrap(),
        rss,
    )
}

fn assert_peak_below(rss: Option<u64>, bound: u64, what: &str) {
    if let Some(rss) = rss {
        assert!(rss < bound, "{what}: peak RSS {rss} KiB, bound {bound} KiB");
    }
}

/// Writes `head`, then `body` repeated to about `size` bytes, then `tail`, without holding
/// the file in memory.
fn write_big(path: &Path, head: &[u8], body: &[u8], size: usize, tail: &[u8]) {
    let mut f = std::io::BufWriter::new(fs::File::create(path).unwrap());
    f.write_all(head).unwrap();
    for _ in 0..size / body.len() {
        f.write_all(body).unwrap();
    }
    f.write_all(tail).unwrap();
    f.flush().unwrap();
}

const MB: usize = 1024 * 1024;

#[test]
fn a_100_mb_document_costs_its_input_buffer_not_copies() {
    let dir = tempfile::tempdir().unwrap();
    // A valid response whose code is 100 MB: no finding, so no positions are worked out.
    let response = dir.path().join("response.json");
    write_big(
        &response,
        br#"{"authSuccessScopes": ["USER_LOGIN_ID"], "authCode": ""#,
        &[b'A'; 4096],
        100 * MB,
        b"\"}\n",
    );
    // A request whose 100 MB are one scopes array of ~6 million names, all but one
    // repeated: every repeat is a finding (100 listed, the rest counted).
    let request = dir.path().join("request.json");
    write_big(
        &request,
        br#"{"scopes": ["USER_LOGIN_ID""#,
        br#", "USER_LOGIN_ID""#,
        100 * MB,
        b"]}",
    );
    let size_kib = fs::metadata(&request).unwrap().len() / 1024;
    // The input buffer plus a fixed allowance (the binary, threads, report buffers).
    let bound = size_kib + 48 * 1024;

    let (code, stdout, stderr, rss) = run_measured(
        &[
            os("validate"),
            os("--format"),
            os("json"),
            response.as_os_str(),
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{}", text(&stderr));
    let report: Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(report["summary"]["valid"], 1);
    assert_peak_below(rss, bound, "validate a 100 MB response");

    let (code, stdout, stderr, rss) = run_measured(
        &[
            os("validate"),
            os("--format"),
            os("json"),
            request.as_os_str(),
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{}", text(&stderr));
    let report: Value = serde_json::from_slice(&stdout).unwrap();
    let diags = report["documents"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 100);
    assert!(diags.iter().all(|d| d["rule"] == "duplicate-scope"));
    assert!(diags.iter().all(|d| d["line"] == 1));
    let unlisted = report["documents"][0]["unlisted"].as_u64().unwrap();
    assert!(unlisted > 0);
    assert_eq!(
        report["summary"]["errors"].as_u64().unwrap(),
        100 + unlisted
    );
    assert_peak_below(rss, bound, "validate a 100 MB request");
    // Diagnostics on one 100 MB line quote a short window of it.
    assert!(stdout.len() < 64 * 1024, "{} bytes of report", stdout.len());

    let (code, stdout, stderr, rss) = run_measured(
        &[
            os("request"),
            os("--approve"),
            os("--compact"),
            os("--from"),
            request.as_os_str(),
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{}", text(&stderr));
    let response: Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(response["authSuccessScopes"], json!(["USER_LOGIN_ID"]));
    assert_eq!(text(&stderr).lines().count(), 1, "one repeat warning");
    assert_peak_below(rss, bound, "request --from a 100 MB file");

    // A catalog is data the program keeps, so it may cost its size once more, not more.
    let catalog = dir.path().join("catalog.json");
    write_big(
        &catalog,
        br#"{"name": "Test", "scopes": [{"scope": "BIG", "description": ""#,
        &[b'd'; 4096],
        100 * MB,
        br#""}]}"#,
    );
    let (code, stdout, stderr, rss) = run_measured(
        &[
            os("--catalog"),
            catalog.as_os_str(),
            os("request"),
            os("--scopes"),
            os("BIG"),
            os("--deny"),
            os("--compact"),
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{}", text(&stderr));
    assert_eq!(text(&stdout), "{\"authErrorScopes\":{\"BIG\":\"40006\"}}\n");
    assert_peak_below(rss, 2 * size_kib + 48 * 1024, "--catalog of 100 MB");
}

#[test]
fn a_million_scopes_and_a_10_mb_string() {
    let dir = tempfile::tempdir().unwrap();
    let million = dir.path().join("million.json");
    let mut body = String::from(r#"{"scopes": ["KYC_INFO""#);
    for _ in 1..1_000_000 {
        body.push_str(r#","KYC_INFO""#);
    }
    body.push_str("]}");
    fs::write(&million, &body).unwrap();

    let started = Instant::now();
    let (report, code) = validate_json(&[million.as_os_str()]);
    assert_eq!(code, 1);
    let diags = report["documents"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 100, "100 listed, the rest counted");
    assert_eq!(diags[0]["pointer"], "/scopes/1");
    assert_eq!(report["documents"][0]["unlisted"], 999_899);
    assert_eq!(report["summary"]["errors"], 999_999);

    let out = authcode()
        .args(["request", "--deny", "--compact", "--from"])
        .arg(&million)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "{\"authErrorScopes\":{\"KYC_INFO\":\"40006\"}}\n"
    );

    // A catalog of a million scopes loads and answers a query.
    let catalog = dir.path().join("catalog.json");
    let mut text_ = String::from(r#"{"name": "Many", "scopes": ["#);
    for i in 0..1_000_000 {
        if i > 0 {
            text_.push(',');
        }
        text_.push_str(&format!(
            r#"{{"scope": "S{i}", "description": "scope {i}"}}"#
        ));
    }
    text_.push_str("]}");
    fs::write(&catalog, text_).unwrap();
    let out = authcode()
        .arg("--catalog")
        .arg(&catalog)
        .args(["scopes", "--json", "scope 999999"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let found: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        found,
        json!([{"scope": "S999999", "description": "scope 999999"}])
    );

    // A 10 MB scope name: a finding quoted briefly, found quickly (no did-you-mean over
    // the whole string), and the same for request.
    let long = dir.path().join("long.json");
    fs::write(
        &long,
        format!(r#"{{"scopes": ["{}"]}}"#, "USER_LOGIN_ID".repeat(800_000)),
    )
    .unwrap();
    let out = authcode()
        .args(["validate", "--color", "never"])
        .arg(&long)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains("error[unknown-scope]"),
        "{}",
        &report[..300]
    );
    assert!(report.contains("(10400000 bytes)"), "{}", &report[..300]);
    assert!(
        out.stdout.len() < 2048,
        "{} bytes of report",
        out.stdout.len()
    );
    let err = refused(
        &[
            os("request"),
            os("--approve"),
            os("--from"),
            long.as_os_str(),
        ],
        "unknown scope USER_LOGIN_ID",
    );
    assert!(err.len() < 2048, "{} bytes of error", err.len());
    // A 10 MB string where one is allowed is simply valid.
    let code = dir.path().join("code.json");
    fs::write(
        &code,
        format!(
            r#"{{"authCode": "{}", "authSuccessScopes": ["USER_JOB"]}}"#,
            "x".repeat(10 * MB)
        ),
    )
    .unwrap();
    let (report, status) = validate_json(&[code.as_os_str()]);
    assert_eq!((status, &report["summary"]["valid"]), (0, &json!(1)));
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
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
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
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
    let (report, code, stderr) = validate_json_stderr(&[root.as_os_str()]);
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

    // Named explicitly, an unreadable file is reported and the others are still checked.
    let (report, code, stderr) = validate_json_stderr(&[
        os("/proc/self/mem"),
        root.join("good.json").as_os_str(),
        root.join("missing.json").as_os_str(),
    ]);
    assert_eq!(code, 2);
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
fn paths_that_are_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let name = OsStr::from_bytes(b"caf\xe9.json");
    let path = dir.path().join(name);
    fs::write(&path, r#"{"scopes": ["USER_LOGN_ID"]}"#).unwrap();

    for target in [dir.path().as_os_str(), path.as_os_str()] {
        let (report, code) = validate_json(&[target]);
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
            .output()
            .unwrap();
        assert!(text(&out.stdout).contains("caf\u{fffd}.json,line=1,col=13"));
    }

    let good = dir.path().join(OsStr::from_bytes(b"req-\xff.json"));
    fs::write(&good, r#"{"scopes": ["USER_JOB"]}"#).unwrap();
    let out = authcode()
        .args(["request", "--deny", "--compact", "--from"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let missing = dir.path().join(OsStr::from_bytes(b"gone-\xff.json"));
    refused(
        &[
            os("request"),
            os("--deny"),
            os("--from"),
            missing.as_os_str(),
        ],
        "gone-\u{fffd}.json",
    );
    let catalog = dir.path().join(OsStr::from_bytes(b"cat-\xfe.json"));
    fs::write(&catalog, catalog_text("ONE", "the one")).unwrap();
    authcode()
        .arg("--catalog")
        .arg(&catalog)
        .arg("scopes")
        .assert()
        .success()
        .stdout(predicates::str::contains("ONE"));
    refused(
        &[os("--catalog"), missing.as_os_str(), os("scopes")],
        "gone-\u{fffd}.json",
    );
    let out_file = dir.path().join(OsStr::from_bytes(b"out-\xfd.json"));
    authcode()
        .args(["request", "--scopes", "USER_JOB", "--deny", "-o"])
        .arg(&out_file)
        .assert()
        .success();
    assert!(fs::read_to_string(&out_file).unwrap().contains("USER_JOB"));
}

// ---------------------------------------------------------------------------------------
// Pipes
// ---------------------------------------------------------------------------------------

/// A pipe whose read end is already closed: every write to it fails with EPIPE.
fn closed_pipe() -> fs::File {
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    unsafe {
        libc::close(fds[0]);
        fs::File::from_raw_fd(fds[1])
    }
}

fn every_command(fixtures: &Path) -> Vec<Vec<String>> {
    let f = fixtures.to_str().unwrap();
    let mut all: Vec<Vec<&str>> = vec![
        vec!["scopes"],
        vec!["scopes", "--json"],
        vec!["scopes", "office"],
        vec!["--color", "always", "scopes"],
        vec!["request", "--scopes", "USER_LOGIN_ID,KYC_INFO", "--approve"],
        vec![
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--deny",
            "--compact",
        ],
        vec![
            "request",
            "--scopes",
            "USER_LOGIN_ID,KYC_INFO",
            "--grant",
            "KYC_INFO",
        ],
        vec!["request", "--scopes", "USER_LOGIN_ID", "--payload"],
        vec![
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--payload",
            "--format",
            "js",
        ],
        vec!["schema", "request"],
        vec!["schema", "response", "--compact"],
        vec!["--help"],
        vec!["--version"],
        vec!["validate", "--help"],
        vec!["request", "--help"],
    ];
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        all.push(vec!["completions", shell]);
    }
    for format in ["human", "json", "github", "junit"] {
        all.push(vec!["validate", "--format", format, f]);
        all.push(vec!["validate", "--format", format, "-j", "1", f]);
    }
    all.push(vec!["validate", "--quiet", f]);
    all.into_iter()
        .map(|args| args.into_iter().map(String::from).collect())
        .collect()
}

/// A directory of many documents, some invalid, for long reports.
fn fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        let body = if i % 3 == 0 {
            r#"{"scopes": ["USER_LOGN_ID", "KYC_INFO", "KYC_INFO"]}"#
        } else {
            r#"{"authErrorScopes": {"USER_LOGIN_ID": "40006"}}"#
        };
        fs::write(dir.path().join(format!("doc{i:04}.json")), body).unwrap();
    }
    let mut lines = String::new();
    for _ in 0..2000 {
        lines.push_str("{\"scopes\": [\"BAD\"]}\n");
    }
    fs::write(dir.path().join("many.ndjson"), lines).unwrap();
    dir
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let dir = fixtures();
    for args in every_command(dir.path()) {
        let out = StdCommand::new(bin())
            .args(&args)
            .env_remove("AUTHCODE_CATALOG")
            .stdin(Stdio::null())
            .stdout(closed_pipe())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        // A closed stdout ends the report, not the verdict: the fixtures hold invalid
        // documents, so validate still exits 1.
        let verdict = if args.iter().any(|a| a == "validate") && !args.iter().any(|a| a == "--help")
        {
            1
        } else {
            0
        };
        assert_eq!(
            out.status.code(),
            Some(verdict),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
    }
    // stdin streamed to a closed stdout.
    let out = StdCommand::new(bin())
        .args(["validate", "--ndjson", "-"])
        .stdin(fs::File::open(dir.path().join("many.ndjson")).unwrap())
        .stdout(closed_pipe())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    // Every line is invalid: the verdict stands though nobody reads the report.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn head_dash_1_ends_long_reports_quietly() {
    let dir = fixtures();
    for args in [
        vec!["validate", "--format", "human"],
        vec!["validate", "--format", "github"],
        vec!["validate", "--format", "junit"],
        vec!["validate", "--format", "json"],
    ] {
        let mut child = StdCommand::new(bin())
            .args(&args)
            .arg(dir.path())
            .env_remove("AUTHCODE_CATALOG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader is dropped here, like `head -1` exiting.
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty(), "{args:?}");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {:?} {}",
            out.status,
            text(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
    }
}

// ---------------------------------------------------------------------------------------
// No terminal
// ---------------------------------------------------------------------------------------

#[test]
fn request_without_a_terminal_or_decision_exits_2_at_once() {
    type Stdin = fn() -> Stdio;
    let stdins: [(&str, Stdin); 2] = [
        ("/dev/null", || {
            Stdio::from(fs::File::open("/dev/null").unwrap())
        }),
        // A pipe that stays open and never delivers a byte: reading it would hang.
        ("an open pipe", Stdio::piped),
    ];
    for ci in [Some("true"), Some("1"), None] {
        for (what, stdin) in &stdins {
            let mut cmd = StdCommand::new(bin());
            cmd.args(["request", "--scopes", "USER_LOGIN_ID"])
                .env_remove("AUTHCODE_CATALOG")
                .stdin(stdin())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            match ci {
                Some(v) => cmd.env("CI", v),
                None => cmd.env_remove("CI"),
            };
            let started = Instant::now();
            let child = cmd.spawn().unwrap();
            let out = child.wait_with_output().unwrap();
            let took = started.elapsed();
            assert!(took < Duration::from_secs(5), "CI={ci:?}, {what}: {took:?}");
            assert_eq!(out.status.code(), Some(2), "CI={ci:?}, {what}");
            assert!(out.stdout.is_empty());
            let err = text(&out.stderr);
            for flag in ["--approve", "--deny", "--grant"] {
                assert!(err.contains(flag), "CI={ci:?}, {what}: {err}");
            }
            assert_clean_stderr(&out.stderr);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Prompt steps in a pseudo-terminal
// ---------------------------------------------------------------------------------------

mod pty {
    use super::*;
    use expectrl::process::unix::WaitStatus;
    use expectrl::{Eof, Expect, Session};

    pub const DOWN: &str = "\x1b[B";
    pub const UP: &str = "\x1b[A";
    pub const ENTER: &str = "\r";
    pub const CTRL_C: &str = "\x03";
    pub const ESC: &str = "\x1b";

    /// The prompt step to interrupt, and how to get there from the first step.
    #[derive(Debug, Clone, Copy)]
    pub enum Step {
        Decision,
        ScopeList,
        ErrorValue,
    }

    /// Runs `authcode request` in a pty inside a shell that records the terminal mode
    /// (`stty -g`) before and after it, interrupts `step` with `key`, and checks the
    /// outcome: exit 130, cursor shown again, terminal mode as before, nothing on stdout.
    pub fn interrupt(step: Step, key: &str) {
        let dir = tempfile::tempdir().unwrap();
        // The shell survives a SIGINT (a Ctrl-C typed while the prompt is between two reads and
        // the terminal is cooked) so that it can record the outcome; its child still gets one.
        let script = r#"trap true INT; stty -g > "$1/before"; "$0" --color never request --scopes USER_LOGIN_ID,KYC_INFO > "$1/stdout"; echo $? > "$1/rc"; stty -g > "$1/after""#;
        let mut cmd = StdCommand::new("sh");
        cmd.arg("-c")
            .arg(script)
            .arg(bin())
            .arg(dir.path())
            .env_remove("CI")
            .env_remove("NO_COLOR")
            .env_remove("AUTHCODE_CATALOG")
            .env("TERM", "xterm-256color");
        let mut p = Session::spawn(cmd).expect("spawn in a pty");
        p.set_expect_timeout(Some(Duration::from_secs(30)));
        let wait = |p: &mut expectrl::session::OsSession, s: &str| {
            p.expect(s)
                .unwrap_or_else(|e| panic!("{step:?}: never showed {s:?}: {e}"));
        };
        wait(&mut p, "Deny all");
        match step {
            Step::Decision => {}
            Step::ScopeList => {
                p.send(DOWN).unwrap();
                wait(&mut p, "> Choose scopes");
                p.send(ENTER).unwrap();
                wait(&mut p, "[x] KYC_INFO");
            }
            Step::ErrorValue => {
                p.send(UP).unwrap();
                wait(&mut p, "> Deny all");
                p.send(ENTER).unwrap();
                wait(&mut p, "Error value");
            }
        }
        p.send(key).unwrap();
        let rest = p.expect(Eof).expect("the session ends").as_bytes().to_vec();
        match p.get_process().wait().unwrap() {
            WaitStatus::Exited(_, 0) => {}
            other => panic!("the shell did not finish: {other:?}"),
        }
        let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
        let shown = text(&rest);
        assert_eq!(read("rc").trim(), "130", "{step:?} {key:?}: {shown}");
        assert_eq!(read("stdout"), "", "{step:?} {key:?}");
        assert!(
            rest.windows(6).any(|w| w == b"\x1b[?25h"),
            "{step:?} {key:?}: cursor not shown again: {shown:?}"
        );
        assert!(!shown.contains("panicked"), "{shown}");
        assert!(!shown.contains("authCode"), "{shown}");
        assert_eq!(
            read("before"),
            read("after"),
            "{step:?} {key:?}: terminal mode not restored"
        );
    }
}

#[test]
fn ctrl_c_at_each_prompt_step_restores_the_terminal() {
    for step in [
        pty::Step::Decision,
        pty::Step::ScopeList,
        pty::Step::ErrorValue,
    ] {
        pty::interrupt(step, pty::CTRL_C);
    }
}

#[test]
fn esc_at_each_prompt_step_restores_the_terminal() {
    for step in [
        pty::Step::Decision,
        pty::Step::ScopeList,
        pty::Step::ErrorValue,
    ] {
        pty::interrupt(step, pty::ESC);
    }
}

// ---------------------------------------------------------------------------------------
// --output: signals and failing writes
// ---------------------------------------------------------------------------------------

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn usable(program: &str, args: &[&str]) -> bool {
    StdCommand::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// SIGTERM while the temp file of `--output` is written: strace holds the process in the
/// temp file's fsync (the only way to hit that moment reliably from outside), the signal
/// arrives then, and the handler must remove the temp file and leave the old file alone.
#[test]
fn sigterm_during_the_output_write_leaves_no_partial_file() {
    if !usable("strace", &["-qq", "-o", "/dev/null", "true"]) {
        eprintln!("skipped: strace is missing or ptrace is not allowed here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    fs::write(&target, "old").unwrap();
    let pid_file = dir.path().join("pid");
    let strace = StdCommand::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e", "trace=fsync"])
        .args(["-e", "inject=fsync:delay_enter=4000000", "--", "sh", "-c"])
        .arg(r#"echo $$ > "$1"; shift; exec "$0" "$@""#)
        .arg(bin())
        .arg(&pid_file)
        .args(["request", "--scopes", "USER_LOGIN_ID", "--approve", "-o"])
        .arg(&target)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the temp file to appear beside the target.
    let started = Instant::now();
    let temp = loop {
        let temps: Vec<String> = names_in(dir.path())
            .into_iter()
            .filter(|n| n.starts_with(".authcode-"))
            .collect();
        if let Some(t) = temps.first() {
            break t.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no temp file appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    std::thread::sleep(Duration::from_millis(200));
    let pid: i32 = fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let out = strace.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{temp}: {}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    assert_eq!(
        names_in(dir.path()),
        ["out.json", "pid"],
        "{temp} left behind"
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "old");
}

/// SIGTERM while `request --from` still waits for its input (a FIFO): nothing is written.
#[test]
fn sigterm_while_reading_the_request_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.fifo");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let target = dir.path().join("out.json");
    fs::write(&target, "old").unwrap();
    let mut child = StdCommand::new(bin())
        .args(["request", "--approve", "-o"])
        .arg(&target)
        .arg("--from")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Open the writing end and send half a payload, so the reader is inside read().
    let mut writer = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    writer.write_all(br#"{"scopes": ["USER_"#).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    let status = child.wait().unwrap();
    assert!(!status.success());
    drop(writer);
    assert_eq!(names_in(dir.path()), ["in.fifo", "out.json"]);
    assert_eq!(fs::read_to_string(&target).unwrap(), "old");
}

#[test]
fn output_into_a_missing_directory_or_onto_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/dir/out.json");
    let err = refused(
        &[
            os("request"),
            os("--scopes"),
            os("USER_LOGIN_ID"),
            os("--approve"),
            os("-o"),
            missing.as_os_str(),
        ],
        "does not exist",
    );
    assert!(err.contains("out.json"), "{err}");
    assert!(names_in(dir.path()).is_empty());

    let sub = dir.path().join("taken");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("keep"), "x").unwrap();
    refused(
        &[
            os("request"),
            os("--scopes"),
            os("USER_LOGIN_ID"),
            os("--deny"),
            os("-o"),
            sub.as_os_str(),
        ],
        "cannot write",
    );
    assert_eq!(names_in(&sub), ["keep"]);
    assert_eq!(names_in(dir.path()), ["taken"], "temp file left behind");
}

/// A write that fails inside the device: /dev/full, and (in a private mount namespace)
/// a full tmpfs and a read-only one, each holding an old file that must survive.
#[test]
fn output_onto_full_and_read_only_file_systems() {
    // /dev/full is written in place (it is not a regular file) and refuses every byte.
    refused(
        &[
            os("request"),
            os("--scopes"),
            os("USER_LOGIN_ID"),
            os("--approve"),
            os("-o"),
            os("/dev/full"),
        ],
        "No space left on device",
    );
    assert!(
        fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device(),
        "/dev/full was replaced"
    );

    if !usable(
        "unshare",
        &["-m", "sh", "-c", "mount -t tmpfs -o size=16k t /mnt"],
    ) {
        eprintln!(
            "skipped: cannot mount a private tmpfs here (the injected errors below still run)"
        );
    } else {
        let script = r#"
            set -u
            m=$(mktemp -d)
            mount -t tmpfs -o size=16k,nr_inodes=64 authcode-test "$m" || exit 90
            echo old > "$m/out.json"
            # Fill the device: the temp file can be created but not written.
            dd if=/dev/zero of="$m/filler" bs=1k count=64 2>/dev/null
            "$0" request --scopes USER_LOGIN_ID --approve -o "$m/out.json" 2> "$1/full.err"
            echo $? > "$1/full.rc"
            cat "$m/out.json" > "$1/full.old"
            ls -A "$m" > "$1/full.ls"
            rm "$m/filler"
            mount -o remount,ro "$m" || exit 91
            "$0" request --scopes USER_LOGIN_ID --approve -o "$m/out.json" 2> "$1/ro.err"
            echo $? > "$1/ro.rc"
            cat "$m/out.json" > "$1/ro.old"
            ls -A "$m" > "$1/ro.ls"
        "#;
        let dir = tempfile::tempdir().unwrap();
        let status = StdCommand::new("unshare")
            .args(["-m", "sh", "-c", script])
            .arg(bin())
            .arg(dir.path())
            .status()
            .unwrap();
        assert!(status.success(), "{status:?}");
        let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
        for (case, reason) in [
            ("full", "No space left on device"),
            ("ro", "Read-only file system"),
        ] {
            assert_eq!(read(&format!("{case}.rc")).trim(), "2", "{case}");
            let err = read(&format!("{case}.err"));
            assert!(err.starts_with("error: cannot write"), "{case}: {err}");
            assert!(err.contains(reason), "{case}: {err}");
            assert_eq!(read(&format!("{case}.old")), "old\n", "{case}");
        }
        assert_eq!(
            read("full.ls"),
            "filler\nout.json\n",
            "temp file left behind"
        );
        assert_eq!(read("ro.ls"), "out.json\n");
    }

    // The same failures injected into the write itself, through the same code path.
    for kind in [
        std::io::ErrorKind::StorageFull,
        std::io::ErrorKind::ReadOnlyFilesystem,
        std::io::ErrorKind::PermissionDenied,
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, "old").unwrap();
        let err = authcode::write_atomic_with(&path, |f| {
            f.write_all(b"{\"partial\": ")?;
            Err(std::io::Error::from(kind))
        })
        .unwrap_err();
        assert_eq!(err.kind(), kind);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names_in(dir.path()), ["out.json"], "{kind:?}");
        assert!(authcode::pending_temp().is_none());
    }
}

/// What the signal handler relies on: while the content is written, the pending temp
/// file is known and exists; afterwards it is forgotten.
#[test]
fn the_pending_temp_file_is_known_while_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    authcode::write_atomic_with(&path, |f| {
        let pending = authcode::pending_temp();
        let pending = pending.expect("the temp file is registered");
        assert!(pending.exists());
        assert_eq!(pending.parent(), Some(dir.path()));
        f.write_all(b"{}")
    })
    .unwrap();
    assert!(authcode::pending_temp().is_none());
    assert_eq!(fs::read_to_string(&path).unwrap(), "{}");
}

#[test]
fn output_through_links_fifos_and_devices_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    // A link to a file: the file gets the document, the link stays a link.
    fs::write(dir.path().join("real.json"), "old").unwrap();
    symlink("real.json", dir.path().join("link.json")).unwrap();
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_JOB",
            "--deny",
            "--compact",
            "-o",
        ])
        .arg(dir.path().join("link.json"))
        .assert()
        .success();
    let link = fs::symlink_metadata(dir.path().join("link.json")).unwrap();
    assert!(link.file_type().is_symlink());
    assert_eq!(
        fs::read_to_string(dir.path().join("real.json")).unwrap(),
        "{\"authErrorScopes\":{\"USER_JOB\":\"40006\"}}\n"
    );
    // A FIFO: the reader gets the document, the FIFO stays a FIFO.
    let fifo = dir.path().join("out.fifo");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    authcode()
        .args([
            "request",
            "--scopes",
            "USER_JOB",
            "--deny",
            "--compact",
            "-o",
        ])
        .arg(&fifo)
        .assert()
        .success();
    assert_eq!(
        reader.join().unwrap(),
        "{\"authErrorScopes\":{\"USER_JOB\":\"40006\"}}\n"
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(names_in(dir.path()), ["link.json", "out.fifo", "real.json"]);
    // /dev/stdout: written through, and /dev/stdout is still the link it was.
    let before = fs::read_link("/dev/stdout").ok();
    let out = authcode()
        .args([
            "request",
            "--scopes",
            "USER_JOB",
            "--deny",
            "--compact",
            "-o",
            "/dev/stdout",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "{\"authErrorScopes\":{\"USER_JOB\":\"40006\"}}\n"
    );
    assert_eq!(fs::read_link("/dev/stdout").ok(), before);
}

// ---------------------------------------------------------------------------------------
// Escape sequences
// ---------------------------------------------------------------------------------------

#[test]
fn escape_sequences_in_names_and_strings_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let name = "e\x1b]0;owned\x07\x1b[31mvil.json";
    let path = dir.path().join(name);
    fs::write(
        &path,
        r#"{"scopes": ["\u001b[2J\u001b[H", "USER_LOGIN_ID"], "\u001b[5m": 1, "\u009b1m": 2}"#,
    )
    .unwrap();
    // A raw escape byte inside a string is a syntax error; its excerpt must not echo it.
    fs::write(dir.path().join("raw.json"), b"{\"scopes\": [\"\x1b[2J\"]}").unwrap();

    for format in ["human", "github"] {
        let out = authcode()
            .args(["validate", "--color", "never", "--format", format])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let s = text(&out.stdout);
        assert!(!s.contains('\x1b'), "{format}: raw ESC in {s:?}");
        assert!(!s.contains('\x07'), "{format}: raw BEL in {s:?}");
        assert!(!s.contains('\u{9b}'), "{format}: raw CSI in {s:?}");
        assert!(
            s.contains("\\u{1b}"),
            "{format}: escapes shown visibly: {s}"
        );
        assert!(s.contains("raw.json"), "{format}");
    }
    // With colors on, the only escapes are our own SGR color codes.
    let out = authcode()
        .args(["validate", "--color", "always"])
        .arg(dir.path())
        .output()
        .unwrap();
    let s = text(&out.stdout);
    for (i, _) in s.match_indices('\x1b') {
        let rest = &s[i + 1..];
        let sgr = rest.starts_with('[')
            && rest[1..]
                .chars()
                .take_while(|&c| c != 'm')
                .all(|c| c.is_ascii_digit() || c == ';');
        assert!(
            sgr,
            "a non-color escape: {:?}",
            &s[i..(i + 12).min(s.len())]
        );
    }
    assert!(!s.contains("owned\x07"), "{s:?}");
    // JUnit must stay well-formed XML (which cannot hold ESC at all).
    let out = authcode()
        .args(["validate", "--format", "junit"])
        .arg(dir.path())
        .output()
        .unwrap();
    let xml = text(&out.stdout);
    roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    // In JSON, the same text is escaped as JSON and decodes to the real name.
    let out = authcode()
        .args(["validate", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("\\u001b"));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["documents"][0]["path"], path.to_str().unwrap());
    let pointers: Vec<&str> = report["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/scopes/0", "/\u{1b}[5m", "/\u{9b}1m"]);

    // request and the catalog: errors and tables on stderr/stdout show escapes visibly.
    let evil = "\x1b[2J\x1b[31mUSER";
    let out = authcode()
        .args(["request", "--approve", "--scopes", evil])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_clean_stderr(&out.stderr);
    let out = authcode()
        .args(["request", "--scopes", "USER_JOB", "--grant", evil])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_clean_stderr(&out.stderr);
    let out = authcode()
        .args(["request", "--approve", "--from"])
        .arg(dir.path().join(name))
        .arg("--error-code")
        .arg(evil)
        .output()
        .unwrap();
    assert_clean_stderr(&out.stderr);
    let out = authcode()
        .args(["request", "--approve", "--from"])
        .arg(dir.path().join("missing\x1b[2J.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_clean_stderr(&out.stderr);
    let catalog = dir.path().join("catalog.json");
    fs::write(
        &catalog,
        r#"{"name": "W\u001b[1mallet", "scopes": [{"scope": "A", "description": "d\u001b]0;t\u0007"}], "errors": [{"code": "1", "message": "m\u001b[2J"}], "\u001b[3mx": 0}"#,
    )
    .unwrap();
    let out = authcode()
        .arg("--catalog")
        .arg(&catalog)
        .arg("scopes")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "the unknown key is refused");
    assert_clean_stderr(&out.stderr);
    let text_ = fs::read_to_string(&catalog).unwrap();
    fs::write(&catalog, text_.replace(r#", "\u001b[3mx": 0"#, "")).unwrap();
    let out = authcode()
        .arg("--catalog")
        .arg(&catalog)
        .arg("scopes")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
    let out = authcode()
        .arg("--catalog")
        .arg(&catalog)
        .args(["scopes", "--json"])
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b));
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed[0]["description"], "d\u{1b}]0;t\u{7}");
    let out = authcode()
        .arg("--catalog")
        .arg(&catalog)
        .args(["request", "--scopes", "A", "--deny", "--error-code", "9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_clean_stderr(&out.stderr);
    assert!(text(&out.stderr).contains("warning:"));
}

// ---------------------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------------------

#[test]
fn ten_thousand_os_codes_never_repeat_and_use_every_class() {
    let mut seen = std::collections::HashSet::new();
    let (mut digit, mut upper, mut lower) = (false, false, false);
    let scopes = vec!["USER_LOGIN_ID".to_string()];
    for _ in 0..10_000 {
        let code = authcode::mint(authcode::CodeSource::Os, &scopes).unwrap();
        assert_eq!(code.len(), 32);
        assert!(code.bytes().all(|b| b.is_ascii_alphanumeric()), "{code}");
        digit |= code.bytes().any(|b| b.is_ascii_digit());
        upper |= code.bytes().any(|b| b.is_ascii_uppercase());
        lower |= code.bytes().any(|b| b.is_ascii_lowercase());
        assert!(seen.insert(code), "a repeated code");
    }
    assert!(digit && upper && lower);
}

#[test]
fn codes_from_the_binary_differ_and_never_reach_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = std::collections::HashSet::new();
    for i in 0..40 {
        // Warnings on stderr (a repeated scope, an unknown error code) beside the code.
        let mut cmd = authcode();
        cmd.args([
            "request",
            "--scopes",
            "USER_LOGIN_ID,KYC_INFO,USER_LOGIN_ID",
            "--grant",
            "USER_LOGIN_ID",
            "--error-code",
            "77",
            "--compact",
        ]);
        let output = dir.path().join(format!("r{i}.json"));
        if i % 2 == 1 {
            cmd.arg("-o").arg(&output);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let doc = if i % 2 == 1 {
            assert!(out.stdout.is_empty());
            fs::read(&output).unwrap()
        } else {
            out.stdout.clone()
        };
        let response: Value = serde_json::from_slice(&doc).unwrap();
        let code = response["authCode"].as_str().unwrap().to_string();
        let err = text(&out.stderr);
        assert!(err.contains("warning:"), "{err}");
        assert!(!err.contains(&code), "the code reached stderr: {err}");
        assert!(!err.contains(&code[..8]), "part of the code reached stderr");
        assert!(seen.insert(code), "a repeated code");
    }
}
