//! Verdicts CI can trust: true counts, quiet forms that parse, unreadable inputs on stderr,
//! a walk like ripgrep's, and messages that name the real fault.

use std::io::Read;
use std::path::Path;
use std::process::{Output, Stdio};

use serde_json::Value;

use crate::support::{text, TestCommand};

/// `authcode ARGS` from the support builder, without colors.
fn no_color(args: &[&str]) -> TestCommand {
    let mut cmd = crate::support::authcode();
    cmd.args(args).env("NO_COLOR", "1");
    cmd
}

fn run(args: &[&str]) -> Output {
    no_color(args).output().unwrap()
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    no_color(args).current_dir(dir).output().unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&out.stdout)))
}

fn write(dir: &Path, name: &str, body: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, body).unwrap();
}

/// The paths of a JSON report's documents, relative to `root`.
fn documents(report: &Value) -> Vec<String> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect()
}

const FORMATS: [&str; 4] = ["human", "json", "github", "junit"];

/// An NDJSON file of `n` invalid requests.
fn many_invalid(dir: &Path, n: usize) -> String {
    let body = "{\"scopes\": [\"NOT_A_SCOPE\"]}\n".repeat(n);
    write(dir, "bad.ndjson", &body);
    dir.join("bad.ndjson").to_str().unwrap().to_string()
}

/// Runs `authcode ARGS`, reads `keep` bytes of its stdout, closes the pipe, and returns
/// the exit code and stderr.
fn closed_early(args: &[&str], keep: usize) -> (Option<i32>, String) {
    let mut child = no_color(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = vec![0; keep];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (out.status.code(), text(&out.stderr))
}

// 1. The exit code does not depend on how much of the report was read.

#[test]
fn a_report_closed_early_keeps_the_verdict_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let bad = many_invalid(dir.path(), 5_000);
    write(dir.path(), "good.json", r#"{"scopes": ["USER_LOGIN_ID"]}"#);
    let good = dir.path().join("good.json");
    let good = good.to_str().unwrap();
    let missing = dir.path().join("missing.json");
    let missing = missing.to_str().unwrap();
    for format in FORMATS {
        for jobs in ["1", "2"] {
            let (code, stderr) = closed_early(
                &["validate", "--format", format, "-j", jobs, bad.as_str()],
                8,
            );
            assert_eq!(code, Some(1), "{format} -j {jobs}: {stderr}");
            assert!(
                stderr.is_empty(),
                "{format}: a closed pipe is quiet: {stderr}"
            );
            // An unreadable input after the cut still makes it an I/O error (2).
            let (code, stderr) = closed_early(
                &[
                    "validate",
                    "--format",
                    format,
                    "-j",
                    jobs,
                    bad.as_str(),
                    missing,
                ],
                8,
            );
            assert_eq!(code, Some(2), "{format}: {stderr}");
            assert!(stderr.contains("cannot read"), "{stderr}");
        }
        // All valid, and nobody reads the report: 0. (Read 1 byte of the short report.)
        let (code, stderr) = closed_early(&["validate", "--format", format, good, good], 1);
        assert_eq!(code, Some(0), "{format}: {stderr}");
    }
}

#[test]
fn a_full_disk_is_an_io_error_in_plain_words() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped: no /dev/full on this system");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bad = many_invalid(dir.path(), 2_000);
    for args in [
        vec!["validate", bad.as_str()],
        vec!["validate", "--format", "junit", bad.as_str()],
        vec!["scopes"],
        vec!["request", "--scopes", "USER_LOGIN_ID", "--approve"],
    ] {
        let out = no_color(&args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert_eq!(
            stderr, "error: cannot write to stdout: No space left on device\n",
            "{args:?}"
        );
    }
}

// 2. --quiet in each format's own form, which still parses.

#[test]
fn quiet_keeps_each_format_parseable() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.json",
        r#"{"scopes": ["USER_LOGIN_ID", "NOPE"]}"#,
    );
    write(
        dir.path(),
        "b.ndjson",
        "{\"scopes\": [\"KYC_INFO\"]}\n{\"x\": 1}\n",
    );
    let root = dir.path().to_str().unwrap();

    let out = run(&["validate", "-q", "--format", "json", root]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let keys: Vec<&String> = report.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["summary"]);
    assert_eq!(report["summary"]["documents"], 3);
    assert_eq!(report["summary"]["invalid"], 2);
    assert_eq!(report["summary"]["errors"], 2);

    let out = run(&["validate", "--quiet", "--format", "junit", root]);
    assert_eq!(out.status.code(), Some(1));
    let xml = text(&out.stdout);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("tests"), Some("3"));
    assert_eq!(suite.attribute("failures"), Some("2"));
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .count(),
        0
    );

    for format in ["human", "github"] {
        let out = run(&["validate", "-q", "--format", format, root]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            text(&out.stdout),
            "3 documents in 2 files: 1 valid, 2 invalid, 2 errors, 0 warnings\n",
            "{format}"
        );
    }
    let help = text(&run(&["validate", "--help"]).stdout);
    assert!(help.contains("{\"summary\": {...}} (json)"), "{help}");
}

// 3. True counts: every problem counted, only the listing capped.

#[test]
fn counts_are_true_past_the_listing_limit() {
    let dir = tempfile::tempdir().unwrap();
    // 150 unknown fields: 150 warnings, 100 listed.
    let fields: Vec<String> = (0..150).map(|i| format!("\"extra{i}\": {i}")).collect();
    write(
        dir.path(),
        "wide.json",
        &format!("{{\"scopes\": [\"USER_LOGIN_ID\"], {}}}", fields.join(", ")),
    );
    // 101 unknown scopes: one past the limit, said in the singular.
    let scopes = vec!["\"NOPE\""; 101].join(", ");
    write(
        dir.path(),
        "long.json",
        &format!("{{\"scopes\": [{scopes}]}}"),
    );

    let wide = dir.path().join("wide.json");
    let out = run(&["validate", "--format", "json", wide.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "warnings alone do not fail");
    let report = json(&out);
    let doc = &report["documents"][0];
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 100);
    assert_eq!(
        (doc["warnings"].as_u64(), doc["unlisted"].as_u64()),
        (Some(150), Some(50))
    );
    assert_eq!(report["summary"]["warnings"], 150);
    assert_eq!(report["summary"]["unlisted"], 50);
    // Every listed diagnostic has a place: the notice is not one of them.
    assert!(doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["line"].is_u64() && d["rule"] == "unknown-field"));
    // --strict counts the unlisted warnings as errors, and so fails.
    let out = run(&["validate", "--strict", "-q", wide.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("150 errors, 0 warnings"));

    let long = dir.path().join("long.json");
    let long = long.to_str().unwrap();
    let out = run(&["validate", long]);
    let human = text(&out.stdout);
    assert!(
        human.contains(
            "long.json: note: 1 more problem in this document is not listed (the first 100 are)"
        ),
        "{human}"
    );
    assert!(human.ends_with("1 document in 1 file: 0 valid, 1 invalid, 101 errors, 0 warnings\n"));
    assert_eq!(human.matches("error[unknown-scope]").count(), 100);
    // The same totals quietly (no words are made, yet every problem is counted).
    let quiet = text(&run(&["validate", "-q", long]).stdout);
    assert_eq!(
        quiet,
        "1 document in 1 file: 0 valid, 1 invalid, 101 errors, 0 warnings\n"
    );
    // GitHub: one annotation per listed problem, none for the notice.
    let github = text(&run(&["validate", "--format", "github", long]).stdout);
    assert_eq!(github.matches("::error ").count(), 100);
    assert!(github
        .lines()
        .filter(|l| l.starts_with("::"))
        .all(|l| l.contains(",line=1,")));
    // JUnit: the count is in the failure text.
    let xml = text(&run(&["validate", "--format", "junit", long]).stdout);
    roxmltree::Document::parse(&xml).unwrap();
    assert!(xml.contains("note: 1 more problem in this document is not listed"));
}

// 4. Unreadable inputs: errors on stderr, not documents, the run goes on and exits 2.

#[test]
fn unreadable_inputs_are_errors_not_documents_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.json", r#"{"scopes": ["USER_LOGIN_ID"]}"#);
    #[cfg(unix)]
    std::os::unix::fs::symlink("gone.json", dir.path().join("dangling.json")).unwrap();
    let d = dir.path();
    for format in FORMATS {
        for quiet in [false, true] {
            let mut args = vec!["validate", "--format", format];
            if quiet {
                args.push("-q");
            }
            args.extend(["missing.json", "good.json"]);
            #[cfg(unix)]
            args.push("dangling.json");
            let out = run_in(d, &args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let stderr = text(&out.stderr);
            let mut expected =
                "error: cannot read missing.json: No such file or directory\n".to_string();
            #[cfg(unix)]
            expected.push_str(
                "error: cannot read dangling.json: a broken symbolic link (to gone.json, which does not exist)\n",
            );
            assert_eq!(stderr, expected, "{args:?}");
            let stdout = text(&out.stdout);
            assert!(!stdout.contains("missing"), "{args:?}: {stdout}");
            match format {
                "json" => assert_eq!(json(&out)["summary"]["documents"], 1),
                "junit" => {
                    let doc = roxmltree::Document::parse(&stdout).unwrap();
                    let root = doc.root_element();
                    assert_eq!(root.attribute("tests"), Some("1"));
                    assert_eq!(root.attribute("errors"), Some("0"));
                }
                _ => assert!(
                    stdout.ends_with(
                        "1 document in 1 file: 1 valid, 0 invalid, 0 errors, 0 warnings\n"
                    ),
                    "{stdout}"
                ),
            }
        }
    }
    // Nothing readable at all: still the I/O error (2), not "no file to validate" (1).
    let out = run_in(d, &["validate", "missing.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: cannot read missing.json: No such file or directory\n"
    );
}

// 5. A directory walk like ripgrep's and fd's.

/// A mini-program repository: what a walk must take and what it must leave.
fn fake_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join(".git")).unwrap();
    write(d, ".git/config.json", "not json at all");
    write(d, ".gitignore", "build/\n*.tmp.json\n");
    write(d, ".ignore", "vendor.json\n");
    write(
        d,
        ".github/fixture.json",
        r#"{"scopes": ["USER_LOGIN_ID"]}"#,
    );
    write(d, "node_modules/pkg/package.json", r#"{"name": "pkg"}"#);
    write(d, "build/out.json", r#"{"built": true}"#);
    write(d, "cache.tmp.json", "{}");
    write(d, "vendor.json", "{}");
    write(d, "notes.txt", "not json");
    write(d, "b/request.json", r#"{"scopes": ["KYC_INFO"]}"#);
    write(d, "a.ndjson", "{\"scopes\": [\"USER_LOGIN_ID\"]}\n");
    write(d, "a/z.jsonl", "{\"scopes\": [\"USER_LOGIN_ID\"]}\n");
    write(
        d,
        "a/response.JSON",
        r#"{"authErrorScopes": {"USER_LOGIN_ID": "40006"}}"#,
    );
    dir
}

fn walked(dir: &Path, extra: &[&str]) -> (Vec<String>, Option<i32>) {
    let mut args = vec!["validate", "--format", "json"];
    args.extend(extra);
    args.push(".");
    let out = run_in(dir, &args);
    (documents(&json(&out)), out.status.code())
}

#[test]
fn the_walk_honours_ignores_hidden_files_and_node_modules() {
    let repo = fake_repo();
    let d = repo.path();
    let (paths, code) = walked(d, &[]);
    assert_eq!(
        paths,
        [
            "./a/response.JSON",
            "./a/z.jsonl",
            "./a.ndjson",
            "./b/request.json"
        ],
    );
    assert_eq!(code, Some(0));
    // The same order on every run, with any number of threads.
    for jobs in ["1", "2", "8"] {
        assert_eq!(walked(d, &["-j", jobs]).0, paths);
    }

    let (hidden, _) = walked(d, &["--hidden"]);
    assert!(
        hidden.contains(&"./.github/fixture.json".to_string()),
        "{hidden:?}"
    );
    assert!(
        !hidden.iter().any(|p| p.starts_with("./.git/")),
        "never .git: {hidden:?}"
    );
    assert!(!hidden
        .iter()
        .any(|p| p.contains("node_modules") || p.contains("build/")));

    let (all, code) = walked(d, &["--no-ignore"]);
    for p in [
        "./build/out.json",
        "./cache.tmp.json",
        "./vendor.json",
        "./node_modules/pkg/package.json",
    ] {
        assert!(all.contains(&p.to_string()), "{p} in {all:?}");
    }
    assert!(
        !all.iter().any(|p| p.starts_with("./.")),
        "still no hidden: {all:?}"
    );
    let (everything, _) = walked(d, &["--no-ignore", "--hidden"]);
    assert!(everything.contains(&"./.github/fixture.json".to_string()));
    assert!(
        !everything.iter().any(|p| p.starts_with("./.git/")),
        "{everything:?}"
    );
    assert!(!all.iter().any(|p| p.ends_with(".txt")));
    assert_eq!(code, Some(1), "package.json is not a getAuthCode payload");

    // A path named on the command line is always read, ignored or hidden.
    for named in [
        "build/out.json",
        "vendor.json",
        ".github/fixture.json",
        "notes.txt",
    ] {
        let out = run_in(d, &["validate", "--format", "json", named]);
        assert_eq!(documents(&json(&out)), [named]);
    }
    // A named directory that is hidden or ignored is walked (its contents by the rules).
    let out = run_in(d, &["validate", "--format", "json", "build"]);
    assert_eq!(documents(&json(&out)), ["build/out.json"]);
}

#[test]
fn gitignore_applies_inside_a_git_repository_only_as_in_ripgrep() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, ".gitignore", "skipped.json\n");
    write(d, "skipped.json", "{}");
    write(d, "kept.json", r#"{"scopes": ["USER_LOGIN_ID"]}"#);
    // No .git: a .gitignore is not read (`.ignore` would be).
    assert_eq!(walked(d, &[]).0, ["./kept.json", "./skipped.json"]);
    std::fs::create_dir(d.join(".git")).unwrap();
    assert_eq!(walked(d, &[]).0, ["./kept.json"]);
    let help = text(&run(&["validate", "--help"]).stdout);
    for needle in [
        "--no-ignore",
        "--hidden",
        "*.json, *.ndjson and",
        "node_modules",
    ] {
        assert!(help.contains(needle), "{needle} in {help}");
    }
}

// 6. Misspelled field names.

#[test]
fn misspelled_fields_get_did_you_mean_and_the_document_is_judged_as_meant() {
    let cases = [
        (
            r#"{"authCode": "abc", "authSucessScopes": ["USER_LOGIN_ID"]}"#,
            "response",
            1,
            21,
            "\"authSucessScopes\" is not a field; did you mean authSuccessScopes?",
        ),
        (
            r#"{"authErrorScope": {"KYC_INFO": "40006"}}"#,
            "response",
            1,
            2,
            "\"authErrorScope\" is not a field; did you mean authErrorScopes?",
        ),
        (
            "{\n  \"scope\": [\"USER_LOGIN_ID\"]\n}",
            "request",
            2,
            3,
            "\"scope\" is not a field; did you mean scopes?",
        ),
        (
            r#"{"authcode": "abc", "authSuccessScopes": ["KYC_INFO"]}"#,
            "response",
            1,
            2,
            "\"authcode\" is not a field; did you mean authCode? (field names are case-sensitive)",
        ),
    ];
    for (doc, kind, line, column, message) in cases {
        let out = no_color(&["validate", "--format", "json", "-"])
            .stdin_from(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child.stdin.take().unwrap().write_all(doc.as_bytes())?;
                child.wait_with_output()
            })
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{doc}");
        let report = json(&out);
        let d = &report["documents"][0];
        assert_eq!(d["kind"], kind, "{doc}");
        let diags = d["diagnostics"].as_array().unwrap();
        assert_eq!(diags.len(), 1, "one finding for {doc}: {diags:#?}");
        assert_eq!(diags[0]["rule"], "misspelled-field");
        assert_eq!(diags[0]["message"], message);
        assert_eq!(
            (diags[0]["line"].as_u64(), diags[0]["column"].as_u64()),
            (Some(line), Some(column))
        );
    }
    // The meant field's rules apply to the misspelled one: an unknown scope in it is found.
    let out = run_stdin(
        &["validate", "--format", "json", "-"],
        r#"{"scope": ["USER_LOGN_ID"]}"#,
    );
    let rules: Vec<Value> = json(&out)["documents"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].clone())
        .collect();
    assert_eq!(rules, ["misspelled-field", "unknown-scope"]);
    // A field far from every name stays an unknown field (a warning).
    let out = run_stdin(
        &["validate", "--format", "json", "-"],
        r#"{"scopes": ["KYC_INFO"], "traceId": "x"}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        json(&out)["documents"][0]["diagnostics"][0]["rule"],
        "unknown-field"
    );
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    no_color(args).stdin(input).output().unwrap()
}

// 7. Syntax errors in the user's words, for a file and for a line.

#[test]
fn syntax_errors_are_said_in_the_users_words_per_mode() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let broken = [
        ("cut", r#"{"scopes": ["#),
        ("cut-value", r#"{"scopes": "#),
        ("comment", "{\"scopes\": [\"KYC_INFO\"] // granted\n}"),
        ("block-comment", "{/* c */ \"scopes\": []}"),
        ("bare-word", r#"{"scopes": [KYC_INFO]}"#),
        ("no-colon", r#"{"scopes" ["KYC_INFO"]}"#),
        ("no-comma", r#"{"scopes": ["A" "B"]}"#),
        ("bad-escape", r#"{"scopes": ["\q"]}"#),
        ("two-values", r#"{"scopes": []} {"scopes": []}"#),
    ];
    let serde_words = [
        "EOF",
        "expected",
        "while parsing",
        "ident",
        "trailing characters",
        "key must",
    ];
    let mut lines = String::new();
    for (name, body) in broken {
        write(d, &format!("{name}.json"), body);
        if !body.contains('\n') {
            lines.push_str(body);
            lines.push('\n');
        }
    }
    write(d, "all.ndjson", &lines);
    let out = run_in(d, &["validate", "--format", "json", "."]);
    let report = json(&out);
    for doc in report["documents"].as_array().unwrap() {
        let path = doc["path"].as_str().unwrap();
        let diag = &doc["diagnostics"][0];
        assert_eq!(diag["rule"], "syntax", "{path}: {doc}");
        let words = format!("{} {}", diag["message"], diag["hint"]);
        for w in serde_words {
            assert!(!words.contains(w), "{path}:{}: {words}", doc["line"]);
        }
        if path.ends_with(".ndjson") {
            assert!(
                !words.contains(".ndjson"),
                "no file hint on a line: {words}"
            );
            assert!(!words.contains("the document"), "{words}");
        }
    }
    let message = |path: &str, line: u64| -> String {
        report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"] == path && d["line"] == line)
            .map(|d| d["diagnostics"][0]["message"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{path}:{line}"))
    };
    assert_eq!(
        message("./cut-value.json", 1),
        "the document ends before the JSON value is complete"
    );
    assert_eq!(
        message("./all.ndjson", 2),
        "the line ends before the JSON value is complete"
    );
    assert_eq!(
        message("./cut.json", 1),
        "the document ends inside an array"
    );
    assert_eq!(
        message("./comment.json", 1),
        "a comment: JSON has no comments"
    );
    assert_eq!(
        message("./block-comment.json", 1),
        "a comment: JSON has no comments"
    );
    assert_eq!(
        message("./all.ndjson", 3),
        "a comment: JSON has no comments"
    );
    assert_eq!(
        message("./two-values.json", 1),
        "trailing content after the JSON document"
    );
    assert_eq!(
        message("./all.ndjson", 8),
        "more than one JSON value on this line"
    );
    // --ndjson on a .json file is line mode too.
    let out = run_in(
        d,
        &["validate", "--ndjson", "--format", "json", "cut-value.json"],
    );
    assert_eq!(
        json(&out)["documents"][0]["diagnostics"][0]["message"],
        "the line ends before the JSON value is complete"
    );
}

// 8. The caret by display width.

#[test]
fn the_caret_stands_under_the_fault_after_wide_and_combining_characters() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // CJK takes two columns each; "e" + U+0301 (combining acute) takes one.
    write(d, "cjk.json", "{\"名前\": \"値\", \"scopes\": [\"NOPE\"]}");
    write(
        d,
        "accent.json",
        "{\"cafe\u{301}\": 1, \"scopes\": [\"NOPE\"]}",
    );
    write(d, "tab.json", "{\t\"scopes\": [\"NOPE\"]}");
    let out = run_in(
        d,
        &[
            "validate",
            "--color",
            "never",
            "cjk.json",
            "accent.json",
            "tab.json",
        ],
    );
    let report = text(&out.stdout);
    // line:col stay in characters (the 24th and 25th); the caret goes by screen columns:
    // 23 characters before it, 3 of them two columns wide, is 26 columns; in the accented
    // line 24 characters, one of them combining (no column), is 23.
    let expect = [
        format!(
            "cjk.json:1:24: error[unknown-scope]: unknown scope \"NOPE\"\n\
             1 | {{\"名前\": \"値\", \"scopes\": [\"NOPE\"]}}\n  | {}^\n",
            " ".repeat(26)
        ),
        format!(
            "accent.json:1:25: error[unknown-scope]: unknown scope \"NOPE\"\n\
             1 | {{\"cafe\u{301}\": 1, \"scopes\": [\"NOPE\"]}}\n  | {}^\n",
            " ".repeat(23)
        ),
        // A tab in the excerpt is shown as one blank, and counted so.
        format!(
            "tab.json:1:14: error[unknown-scope]: unknown scope \"NOPE\"\n\
             1 | {{ \"scopes\": [\"NOPE\"]}}\n  | {}^\n",
            " ".repeat(13)
        ),
    ];
    for e in &expect {
        assert!(report.contains(e.as_str()), "{e}\nnot in\n{report}");
    }
}

// 9. Messages that name the real fault.

#[test]
fn a_catalog_from_the_environment_is_named_and_help_shows_it_only_when_set() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.json", r#"{"scopes": ["USER_LOGIN_ID"]}"#);
    let out = no_color(&["validate", "ok.json"])
        .current_dir(dir.path())
        .env("AUTHCODE_CATALOG", "/nope/catalog.json")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(
            "error: cannot read catalog /nope/catalog.json (from AUTHCODE_CATALOG): No such file or directory\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("hint: unset AUTHCODE_CATALOG"), "{stderr}");
    // An invalid catalog from the variable says so too.
    write(dir.path(), "bad-catalog.json", "{}");
    let out = no_color(&["scopes"])
        .env("AUTHCODE_CATALOG", dir.path().join("bad-catalog.json"))
        .output()
        .unwrap();
    assert!(text(&out.stderr).contains("bad-catalog.json (from AUTHCODE_CATALOG)"));
    // The same path from --catalog names no variable.
    let out = run(&["--catalog", "/nope/catalog.json", "scopes"]);
    assert!(!text(&out.stderr).contains("AUTHCODE_CATALOG"));

    for args in [
        vec!["--help"],
        vec!["validate", "--help"],
        vec!["scopes", "--help"],
    ] {
        let unset = text(&run(&args).stdout);
        assert!(unset.contains("--catalog <FILE>"), "{unset}");
        assert!(!unset.contains("AUTHCODE_CATALOG"), "{args:?}: {unset}");
        let set = no_color(&args)
            .env("AUTHCODE_CATALOG", "/x.json")
            .output()
            .unwrap();
        let set = text(&set.stdout).replace(|c: char| c.is_whitespace(), "");
        assert!(
            set.contains("[env:AUTHCODE_CATALOG=/x.json]"),
            "{args:?}: {set}"
        );
    }
}

#[test]
fn no_raw_rust_or_os_wording_reaches_the_user() {
    for jobs in ["0", "many", "70000", "1.5"] {
        let out = run(&["validate", "-j", jobs, "x.json"]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("a number of threads from 1 to 65535"),
            "{stderr}"
        );
        assert!(!stderr.contains("is not in"), "{stderr}");
        assert!(!stderr.contains("invalid digit"), "{stderr}");
    }
    // Invisible characters in a scope name are named.
    let out = run_stdin(
        &["validate", "--color", "never", "-"],
        "{\"scopes\": [\"KYC_INFO\\u200b\", \"USER_\u{feff}LOGIN_ID\"]}",
    );
    let report = text(&out.stdout);
    assert!(
        report.contains(
            "unknown scope \"KYC_INFO<U+200B>\" (it holds the invisible character U+200B)"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "unknown scope \"USER_<U+FEFF>LOGIN_ID\" (it holds the invisible character U+FEFF)"
        ),
        "{report}"
    );
    assert!(!report.contains("\\u{"), "no Rust escapes: {report}");
    assert!(report.contains("hint: did you mean KYC_INFO?"));
    // -o onto a file of a pseudo-file system says what is wrong, not "No such file".
    if Path::new("/proc/version").exists() {
        let out = run(&[
            "request",
            "--scopes",
            "USER_LOGIN_ID",
            "--approve",
            "-o",
            "/proc/version",
        ]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("No such file"), "{stderr}");
        assert!(
            stderr.contains("cannot write /proc/version: its directory does not take new files"),
            "{stderr}"
        );
    }
    let out = run(&[
        "request",
        "--scopes",
        "USER_LOGIN_ID",
        "--approve",
        "-o",
        "/no-such-dir-authcode/out.json",
    ]);
    assert!(text(&out.stderr).contains("its directory /no-such-dir-authcode does not exist"));
}

// 10. `validate - -` reads stdin once.

#[test]
fn stdin_named_twice_is_read_once() {
    let input = "{\"scopes\": [\"USER_LOGIN_ID\"]}\n";
    let out = run_stdin(&["validate", "--format", "json", "-", "-"], input);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["summary"]["documents"], 1);
    let out = run_stdin(
        &["validate", "--ndjson", "-q", "-", "-", "-"],
        &input.repeat(3),
    );
    assert_eq!(
        text(&out.stdout),
        "3 documents in 1 file: 3 valid, 0 invalid, 0 errors, 0 warnings\n"
    );
}
