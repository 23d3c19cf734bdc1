//! Large inputs: documents of 100 MB cost their input buffer, not copies; a million
//! scopes, a catalog of a million scopes and 10 MB strings are handled in bounded time and
//! quoted briefly.

use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::Path;

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{authcode, bin, text, usable, validate_json, TestCommand};

/// Runs authcode with `args`, stdout and stderr into files, and returns (exit code,
/// stdout, stderr, peak RSS in KiB).
///
/// The peak comes from GNU time, which forks the command from its own small process: a
/// child spawned straight from this test process would inherit the test process's peak
/// (Linux folds the old address space's high-water mark into the child's at exec), and
/// these tests allocate. Without /usr/bin/time the peak is `None` and only the outcome is
/// checked.
pub(crate) fn run_measured(args: &[&OsStr], dir: &Path) -> (i32, Vec<u8>, Vec<u8>, Option<u64>) {
    let out_path = dir.join("stdout");
    let err_path = dir.join("stderr");
    let rss_path = dir.join("rss");
    let time = Path::new("/usr/bin/time");
    let measured =
        time.exists() && usable("/usr/bin/time", &["-f", "%M", "-o", "/dev/null", "true"]);
    let mut cmd = if measured {
        let mut cmd = TestCommand::new(time);
        cmd.args(["-f", "%M", "-o"]).arg(&rss_path).arg(bin());
        cmd
    } else {
        authcode()
    };
    let status = cmd
        .args(args)
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        // A debug build reads 100 MB slowly, the more so on a loaded machine.
        .timeout(std::time::Duration::from_secs(600))
        .output()
        .unwrap()
        .status;
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

pub(crate) fn assert_peak_below(rss: Option<u64>, bound: u64, what: &str) {
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
            OsStr::new("validate"),
            OsStr::new("--format"),
            OsStr::new("json"),
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
            OsStr::new("validate"),
            OsStr::new("--format"),
            OsStr::new("json"),
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
            OsStr::new("request"),
            OsStr::new("--approve"),
            OsStr::new("--compact"),
            OsStr::new("--from"),
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
            OsStr::new("--catalog"),
            catalog.as_os_str(),
            OsStr::new("request"),
            OsStr::new("--scopes"),
            OsStr::new("BIG"),
            OsStr::new("--deny"),
            OsStr::new("--compact"),
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{}", text(&stderr));
    assert_eq!(text(&stdout), "{\"authErrorScopes\":{\"BIG\":\"40006\"}}\n");
    assert_peak_below(rss, 2 * size_kib + 48 * 1024, "--catalog of 100 MB");
}

#[test]
fn a_request_of_a_million_scopes_is_checked_and_read() {
    let dir = tempfile::tempdir().unwrap();
    let million = dir.path().join("million.json");
    let mut body = String::from(r#"{"scopes": ["KYC_INFO""#);
    for _ in 1..1_000_000 {
        body.push_str(r#","KYC_INFO""#);
    }
    body.push_str("]}");
    fs::write(&million, &body).unwrap();

    let (code, report) = validate_json([million.as_os_str()], "");
    assert_eq!(code, 1);
    let diags = report["documents"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 100, "100 listed, the rest counted");
    assert_eq!(diags[0]["pointer"], "/scopes/1");
    assert_eq!(report["documents"][0]["unlisted"], 999_899);
    assert_eq!(report["summary"]["errors"], 999_999);

    let out = authcode()
        .args(["request", "--deny", "--compact", "--from"])
        .arg(&million)
        .run();
    assert_eq!(out.code, 0, "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "{\"authErrorScopes\":{\"KYC_INFO\":\"40006\"}}\n"
    );
}

#[test]
fn a_catalog_of_a_million_scopes_loads_and_answers_a_query() {
    let dir = tempfile::tempdir().unwrap();
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
        .run();
    assert_eq!(out.code, 0, "{}", text(&out.stderr));
    let found: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        found,
        json!([{"scope": "S999999", "description": "scope 999999"}])
    );
}

/// A finding is quoted briefly and found quickly (no did-you-mean over the whole string),
/// by validate and request alike.
#[test]
fn a_10_mb_scope_name_is_quoted_briefly() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let long = dir.path().join("long.json");
    fs::write(
        &long,
        format!(r#"{{"scopes": ["{}"]}}"#, "USER_LOGIN_ID".repeat(800_000)),
    )
    .unwrap();
    let out = authcode()
        .args(["validate", "--color", "never"])
        .arg(&long)
        .run();
    assert_eq!(out.code, 1);
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
    let err = authcode()
        .args([
            OsStr::new("request"),
            OsStr::new("--approve"),
            OsStr::new("--from"),
            long.as_os_str(),
        ])
        .refused("unknown scope \"USER_LOGIN_ID");
    assert!(err.len() < 2048, "{} bytes of error", err.len());
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_10_mb_auth_code_is_simply_valid() {
    let dir = tempfile::tempdir().unwrap();
    let code = dir.path().join("code.json");
    fs::write(
        &code,
        format!(
            r#"{{"authCode": "{}", "authSuccessScopes": ["USER_JOB"]}}"#,
            "x".repeat(10 * MB)
        ),
    )
    .unwrap();
    let (status, report) = validate_json([code.as_os_str()], "");
    assert_eq!((status, &report["summary"]["valid"]), (0, &json!(1)));
}
