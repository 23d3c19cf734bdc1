//! Terminal escape sequences in file names, documents, arguments and catalogs never reach
//! the terminal raw: reports, errors and tables show them visibly, JSON escapes them, JUnit
//! stays well-formed XML.

use std::fs;

use serde_json::Value;
use tempfile::TempDir;

use crate::support::{assert_clean_stderr, authcode, text};

/// A file whose name holds escapes, with escapes in its strings and keys.
const EVIL_NAME: &str = "e\x1b]0;owned\x07\x1b[31mvil.json";

/// A directory with the file named [`EVIL_NAME`], and a raw escape byte inside a string
/// (a syntax error whose excerpt must not echo it).
fn documents_with_escapes() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(EVIL_NAME),
        r#"{"scopes": ["\u001b[2J\u001b[H", "USER_LOGIN_ID"], "\u001b[5m": 1, "\u009b1m": 2}"#,
    )
    .unwrap();
    fs::write(dir.path().join("raw.json"), b"{\"scopes\": [\"\x1b[2J\"]}").unwrap();
    dir
}

#[test]
fn human_and_github_reports_show_escapes_visibly() {
    let dir = documents_with_escapes();
    for format in ["human", "github"] {
        let out = authcode()
            .args(["validate", "--color", "never", "--format", format])
            .arg(dir.path())
            .run();
        assert_eq!(out.code, 1);
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
}

#[test]
fn with_colors_on_the_only_escapes_in_a_report_are_color_codes() {
    let dir = documents_with_escapes();
    let out = authcode()
        .args(["validate", "--color", "always"])
        .arg(dir.path())
        .run();
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
}

#[test]
fn junit_stays_well_formed_xml_with_escapes_in_the_input() {
    let dir = documents_with_escapes();
    let out = authcode()
        .args(["validate", "--format", "junit"])
        .arg(dir.path())
        .run();
    let xml = text(&out.stdout);
    roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
}

#[test]
fn json_reports_escape_control_characters_and_keep_the_real_name() {
    let dir = documents_with_escapes();
    let path = dir.path().join(EVIL_NAME);
    let out = authcode()
        .args(["validate", "--format", "json"])
        .arg(&path)
        .run();
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
}

#[test]
fn request_errors_show_escapes_in_arguments_visibly() {
    let dir = documents_with_escapes();
    let evil = "\x1b[2J\x1b[31mUSER";
    let out = authcode()
        .args(["request", "--approve", "--scopes", evil])
        .run();
    assert_eq!(out.code, 2);
    assert_clean_stderr(&out.stderr);
    let out = authcode()
        .args(["request", "--scopes", "USER_JOB", "--grant", evil])
        .run();
    assert_eq!(out.code, 2);
    assert_clean_stderr(&out.stderr);
    let out = authcode()
        .args(["request", "--approve", "--from"])
        .arg(dir.path().join(EVIL_NAME))
        .arg("--error-code")
        .arg(evil)
        .run();
    assert_clean_stderr(&out.stderr);
    let out = authcode()
        .args(["request", "--approve", "--from"])
        .arg(dir.path().join("missing\x1b[2J.json"))
        .run();
    assert_eq!(out.code, 2);
    assert_clean_stderr(&out.stderr);
}

#[test]
fn catalog_escapes_are_refused_in_keys_and_shown_visibly_in_text() {
    let dir = tempfile::tempdir().unwrap();
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
        .run();
    assert_eq!(out.code, 2, "the unknown key is refused");
    assert_clean_stderr(&out.stderr);
    let text_ = fs::read_to_string(&catalog).unwrap();
    fs::write(&catalog, text_.replace(r#", "\u001b[3mx": 0"#, "")).unwrap();
    let out = authcode()
        .arg("--catalog")
        .arg(&catalog)
        .arg("scopes")
        .run();
    assert_eq!(out.code, 0, "{}", text(&out.stderr));
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
    let out = authcode()
        .arg("--catalog")
        .arg(&catalog)
        .args(["scopes", "--json"])
        .run();
    assert!(!out.stdout.contains(&0x1b));
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed[0]["description"], "d\u{1b}]0;t\u{7}");
    let out = authcode()
        .arg("--catalog")
        .arg(&catalog)
        .args(["request", "--scopes", "A", "--deny", "--error-code", "9"])
        .run();
    assert_eq!(out.code, 0);
    assert_clean_stderr(&out.stderr);
    assert!(text(&out.stderr).contains("warning:"));
}
