//! What `authcode validate` reads: files, directories walked in sorted order, NDJSON with
//! file line numbers, stdin, many files and large NDJSON across threads, and exit codes.

use std::path::Path;

use super::FAILURE_SAMPLE;
use crate::support::{authcode, pty, rules, text, validate_json};

#[test]
fn a_bom_is_a_warning_and_text_that_is_not_utf8_an_error_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.json");
    std::fs::write(&bad, b"{\"scopes\": [\"USER_JOB\"],\n \"x\": \"caf\xe9\"}").unwrap();
    let bom = dir.path().join("bom.json");
    std::fs::write(&bom, b"\xEF\xBB\xBF{\"scopes\": [\"USER_JOB\"]}").unwrap();
    let good = dir.path().join("good.json");
    std::fs::write(&good, "{\"scopes\": [\"USER_JOB\"], \"x\": \"café\"}").unwrap();
    let (code, value) = validate_json([dir.path().to_str().unwrap()], "");
    assert_eq!(code, 1);
    let docs = value["documents"].as_array().unwrap();
    // Sorted: bom.json, good.json, latin1.json.
    assert_eq!(rules(&docs[0]), ["bom"]);
    assert_eq!(docs[0]["valid"], true);
    assert_eq!(docs[0]["kind"], "request");
    assert_eq!(rules(&docs[1]), ["unknown-field"]);
    assert_eq!(rules(&docs[2]), ["encoding"]);
    assert_eq!(docs[2]["diagnostics"][0]["line"], 2);
    assert_eq!(docs[2]["diagnostics"][0]["column"], 11);
    assert_eq!(docs[2]["valid"], false);
}

#[test]
fn ndjson_line_numbers_are_file_lines() {
    let text = "{\"scopes\": [\"USER_JOB\"]}\n\n   \n{\"scopes\": [\"NOPE\"]}\r\n{\"scopes\": [\"KYC_INFO\"]}\n{bad\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs.ndjson");
    std::fs::write(&path, text).unwrap();
    let (code, value) = validate_json([path.to_str().unwrap()], "");
    assert_eq!(code, 1);
    let docs = value["documents"].as_array().unwrap();
    let lines: Vec<u64> = docs.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [1, 4, 5, 6]);
    assert_eq!(docs[1]["diagnostics"][0]["line"], 4);
    assert_eq!(docs[1]["diagnostics"][0]["column"], 13);
    assert_eq!(docs[3]["diagnostics"][0]["rule"], "syntax");
    assert_eq!(docs[3]["diagnostics"][0]["line"], 6);
    assert_eq!(value["summary"]["files"], 1);
    assert_eq!(value["summary"]["documents"], 4);

    // --ndjson on stdin and on a .json file.
    let (_, value) = validate_json(["--ndjson"], text);
    assert_eq!(value["summary"]["documents"], 4);
    let json = dir.path().join("docs.json");
    std::fs::write(&json, text).unwrap();
    let (_, value) = validate_json([json.to_str().unwrap()], "");
    assert_eq!(
        value["summary"]["documents"], 1,
        "a .json file is one document"
    );
    let (_, value) = validate_json(["--ndjson", json.to_str().unwrap()], "");
    assert_eq!(value["summary"]["documents"], 4);
}

#[test]
fn directories_are_walked_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (path, body) in [
        ("b/z.json", FAILURE_SAMPLE),
        ("b/a.jsonl", "{\"scopes\": [\"USER_JOB\"]}\n"),
        ("a.json", FAILURE_SAMPLE),
        ("c/d/e.ndjson", "{\"scopes\": [\"USER_JOB\"]}\n"),
        ("notes.txt", "not json"),
        ("B.json", FAILURE_SAMPLE),
    ] {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, body).unwrap();
    }
    let (code, value) = validate_json([root.to_str().unwrap()], "");
    assert_eq!(code, 0);
    let paths: Vec<String> = value["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            Path::new(d["path"].as_str().unwrap())
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        paths,
        ["B.json", "a.json", "b/a.jsonl", "b/z.json", "c/d/e.ndjson"]
    );
}

#[test]
fn stdin_is_read_without_paths_and_with_dash() {
    let out = authcode().args(["validate"]).stdin(FAILURE_SAMPLE).run();
    assert_eq!(out.code, 0);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "1 document in 1 file: 1 valid, 0 invalid, 0 errors, 0 warnings\n"
    );
    let (code, value) = validate_json(["-"], r#"{"scopes": []}"#);
    assert_eq!(code, 1);
    assert_eq!(value["documents"][0]["path"], "<stdin>");
}

#[test]
fn exit_0_when_every_document_is_valid_and_1_when_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    std::fs::write(&good, FAILURE_SAMPLE).unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{}").unwrap();
    authcode().arg("validate").arg(&good).run().code(0);
    authcode()
        .arg("validate")
        .arg(&good)
        .arg(&bad)
        .run()
        .code(1);
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    authcode()
        .args(["validate", "--format", "yaml"])
        .run()
        .code(2)
        .stdout_is("");
}

#[test]
fn a_directory_without_documents_is_not_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    authcode()
        .arg("validate")
        .arg(dir.path())
        .run()
        .code(1)
        .stderr_has("no *.json, *.ndjson or *.jsonl file to validate");
}

#[test]
fn zero_jobs_is_refused_in_plain_words() {
    authcode()
        .args(["validate", "-j", "0", "-"])
        .run()
        .code(2)
        .stderr_has("a number of threads from 1 to 65535");
}

#[test]
fn validate_without_paths_on_a_terminal_is_refused_at_once() {
    // stdin is the terminal: reading it would wait for a person; it must refuse at once.
    let p = pty::spawn(&["validate", "--color", "never"], None, &[]);
    let (rest, code) = pty::finish(p);
    let shown = text(&rest);
    assert_eq!(code, 2, "{shown}");
    assert!(shown.contains("error: no input to validate"), "{shown}");
    assert!(shown.contains("hint: name files or directories"), "{shown}");
}

#[test]
fn many_files_keep_input_order_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for i in 0..300 {
        let name = format!("f{i:04}.json");
        let body = if i % 7 == 0 {
            "{\"scopes\": []}".to_string()
        } else {
            FAILURE_SAMPLE.to_string()
        };
        std::fs::write(dir.path().join(&name), body).unwrap();
        expected.push((name, i % 7 != 0));
    }
    for jobs in ["1", "2", "8"] {
        let (code, value) = validate_json(["--jobs", jobs, dir.path().to_str().unwrap()], "");
        assert_eq!(code, 1);
        let got: Vec<(String, bool)> = value["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let p = Path::new(d["path"].as_str().unwrap());
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    d["valid"].as_bool().unwrap(),
                )
            })
            .collect();
        assert_eq!(got, expected, "--jobs {jobs}");
    }
}

#[test]
fn large_ndjson_keeps_line_numbers_and_order_across_blocks_and_threads() {
    // Well past the reader's 128 KiB blocks, with blank and CRLF lines and a line longer
    // than a block.
    let mut text = String::new();
    let mut expected = Vec::new();
    let long = format!(
        "{{\"scopes\": [\"USER_JOB\"], \"note\": \"{}\"}}",
        "x".repeat(300_000)
    );
    for line in 1..=6000 {
        match line % 1000 {
            0 => {
                text.push_str("{\"scopes\": [\"NOPE\"]}\n");
                expected.push((line, false));
            }
            1 => text.push('\n'),
            2 => {
                text.push_str("{\"scopes\": [\"KYC_INFO\"]}\r\n");
                expected.push((line, true));
            }
            500 => {
                text.push_str(&long);
                text.push('\n');
                expected.push((line, true));
            }
            _ => {
                text.push_str("{\"authErrorScopes\": {\"USER_LOGIN_ID\": \"40006\"}}\n");
                expected.push((line, true));
            }
        }
    }
    text.push_str("{\"scopes\": []}");
    expected.push((6001, false));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ndjson");
    std::fs::write(&path, &text).unwrap();
    for jobs in ["1", "2", "3"] {
        let (code, value) = validate_json(["--jobs", jobs, path.to_str().unwrap()], "");
        assert_eq!(code, 1);
        let got: Vec<(usize, bool)> = value["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["line"].as_u64().unwrap() as usize,
                    d["valid"].as_bool().unwrap(),
                )
            })
            .collect();
        assert_eq!(got, expected, "--jobs {jobs}");
        let bad = &value["documents"][expected.iter().position(|e| e.0 == 3000).unwrap()];
        assert_eq!(bad["diagnostics"][0]["line"], 3000);
        assert_eq!(bad["diagnostics"][0]["column"], 13);
    }
    // The same through stdin.
    let (_, value) = validate_json(["--ndjson", "--jobs", "2"], text.as_str());
    assert_eq!(value["summary"]["documents"], expected.len());
    assert_eq!(value["summary"]["invalid"], 7);
}
