//! The report formats of `authcode validate`: human (place, source line, caret, hint),
//! `--quiet`, GitHub workflow commands, JUnit XML and JSON.

use serde_json::Value;

use super::SUCCESS_SAMPLE;
use crate::support::{authcode, validate_json};

#[test]
fn human_report_shows_place_source_caret_and_hint() {
    let out = authcode()
        .args(["validate", "--color", "never", "-"])
        .stdin(SUCCESS_SAMPLE)
        .run();
    assert_eq!(out.code, 1);
    let text = String::from_utf8(out.stdout).unwrap();
    let expected = "\
<stdin>:3:26: error[syntax]: a single quote where JSON expects a value or a key
3 |     \"authSuccessScopes\":['USER_LOGIN_ID']
  |                          ^
  = hint: JSON strings use double quotes

1 document in 1 file: 0 valid, 1 invalid, 1 error, 0 warnings
";
    assert_eq!(text, expected);

    let colored = authcode()
        .args(["validate", "--color", "always", "-"])
        .stdin(SUCCESS_SAMPLE)
        .run();
    assert!(String::from_utf8(colored.stdout).unwrap().contains("\x1b["));
}

#[test]
fn quiet_prints_only_the_count_line() {
    let out = authcode()
        .args(["validate", "--quiet", "-"])
        .stdin(r#"{"scopes": []}"#)
        .run();
    assert_eq!(out.code, 1);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "1 document in 1 file: 0 valid, 1 invalid, 1 error, 0 warnings\n"
    );
}

#[test]
fn github_format_lines_follow_the_workflow_command_pattern() {
    let text = "{\"scopes\": [\"USER_LOGN_ID\"], \"x,y\": 1}\n{\"scopes\": [\"USER_JOB\"]}\n";
    let out = authcode()
        .args(["validate", "--format", "github", "--ndjson", "-"])
        .stdin(text)
        .run();
    assert_eq!(out.code, 1);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let commands: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), 2, "{stdout}");
    for line in &commands {
        let rest = line
            .strip_prefix("::error ")
            .or_else(|| line.strip_prefix("::warning "))
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let (props, message) = rest.split_once("::").unwrap();
        let props: Vec<(&str, &str)> = props
            .split(',')
            .map(|p| p.split_once('=').unwrap())
            .collect();
        let names: Vec<&str> = props.iter().map(|(k, _)| *k).collect();
        assert_eq!(names, ["file", "line", "col", "title"]);
        assert!(props[1].1.parse::<u32>().is_ok() && props[2].1.parse::<u32>().is_ok());
        assert!(props[3].1.starts_with("authcode "));
        assert!(!message.contains('\n'));
    }
    assert!(commands[0].starts_with(
        "::error file=<stdin>,line=1,col=13,title=authcode unknown-scope::unknown scope"
    ));
    assert!(commands[0].contains("%0Ahint: did you mean USER_LOGIN_ID?"));
    assert!(commands[1]
        .starts_with("::warning file=<stdin>,line=1,col=30,title=authcode unknown-field::"));
}

#[test]
fn junit_format_is_xml_with_a_testcase_per_document() {
    let text = "{\"scopes\": [\"USER_JOB\"]}\n{\"scopes\": [\"<&>\"]}\n{\"scopes\": [\"KYC_INFO\"], \"x\": 1}\n";
    let out = authcode()
        .args(["validate", "--format", "junit", "--ndjson", "-"])
        .stdin(text)
        .run();
    assert_eq!(out.code, 1);
    let xml = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("tests"), Some("3"));
    assert_eq!(suite.attribute("failures"), Some("1"));
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 3);
    let failures: Vec<_> = cases
        .iter()
        .map(|c| c.children().find(|n| n.has_tag_name("failure")))
        .collect();
    assert!(failures[0].is_none() && failures[2].is_none());
    let failure = failures[1].unwrap();
    assert_eq!(failure.attribute("type"), Some("unknown-scope"));
    assert!(failure.attribute("message").unwrap().contains("<&>"));
    assert_eq!(cases[1].attribute("name"), Some("<stdin>:2"));
}

#[test]
fn json_report_shape() {
    let (code, value) = validate_json(["--ndjson"], "{\"scopes\": [\"USER_JOB\"]}\n[]\n");
    assert_eq!(code, 1);
    let summary = &value["summary"];
    for (key, n) in [
        ("files", 1),
        ("documents", 2),
        ("valid", 1),
        ("invalid", 1),
        ("errors", 1),
        ("warnings", 0),
    ] {
        assert_eq!(summary[key], n, "{key}");
    }
    let docs = value["documents"].as_array().unwrap();
    assert_eq!(docs[0]["kind"], "request");
    assert_eq!(docs[1]["kind"], Value::Null);
    let d = &docs[1]["diagnostics"][0];
    for key in [
        "rule", "severity", "message", "pointer", "line", "column", "hint",
    ] {
        assert!(d.get(key).is_some(), "missing {key} in {d}");
    }
    assert_eq!(d["pointer"], "");
}

#[test]
fn github_annotations_take_repository_relative_paths() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.json"), "{}").unwrap();
    let out = authcode()
        .current_dir(dir.path())
        .args(["validate", "--format", "github", "."])
        .run()
        .code(1)
        .stdout();
    assert!(
        out.starts_with("::error file=bad.json,line=1,col=1,"),
        "{out}"
    );
}

#[test]
fn in_junit_an_unreadable_path_is_an_error_of_the_run_not_a_failed_document() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.json"), "{}").unwrap();
    let run = authcode()
        .args(["validate", "--format", "junit"])
        .arg(dir.path().join("missing.json"))
        .arg(dir.path().join("bad.json"))
        .run()
        .code(2);
    // Not a testcase: an error of the run, on stderr.
    assert!(run.stderr().contains("missing.json: No such file"), "{run}");
    let xml = run.stdout();
    let parsed = roxmltree::Document::parse(&xml).unwrap();
    let suite = parsed
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(
        (suite.attribute("failures"), suite.attribute("errors")),
        (Some("1"), Some("0"))
    );
    assert_eq!(
        parsed
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .count(),
        1
    );
}
