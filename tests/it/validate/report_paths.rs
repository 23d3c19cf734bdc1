//! Reports that CI reads: paths with line breaks or control characters encoded as each
//! format encodes them (an annotation never points at a path that does not exist), and a
//! JUnit report of any size written with bounded memory, still well-formed XML.

use std::ffi::OsStr;
use std::fs;
use std::io::Write;

use crate::large_inputs::{assert_peak_below, run_measured};
use crate::support::{authcode, text};

const BAD: &str = r#"{"scopes": ["NOPE"]}"#;

/// GitHub's unescaping of a workflow command property (what the runner does).
fn unescape_property(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_annotations_name_the_real_file_or_none() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("line\nbreak.json"), BAD).unwrap();
    fs::write(dir.path().join("bell\u{7}.json"), BAD).unwrap();
    let out = authcode()
        .args(["validate", "--format", "github", "."])
        .current_dir(dir.path())
        .run()
        .code(1);
    let stdout = out.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    // A line break is escaped as the runner unescapes it: the annotation is on the real file.
    let broken = lines
        .iter()
        .find(|l| l.contains("break.json"))
        .expect("an annotation on line\\nbreak.json");
    let file = broken
        .strip_prefix("::error file=")
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("{broken}"));
    assert_eq!(unescape_property(file), "line\nbreak.json");
    assert!(dir.path().join(unescape_property(file)).exists());
    // A control character the runner cannot be given: no file property (nothing points at a
    // path that does not exist), and the path shown visibly in the message.
    let bell = lines
        .iter()
        .find(|l| l.contains("bell"))
        .expect("an annotation on bell\\u{7}.json");
    assert!(
        bell.starts_with(
            "::error title=authcode unknown-scope::bell\\u{7}.json:1:13: unknown scope"
        ),
        "{bell}"
    );
    assert!(!stdout.contains('\u{7}'), "{stdout:?}");
}

#[test]
fn junit_attributes_hold_the_real_path_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("line\nbreak\tand tab.json");
    fs::write(&broken, BAD).unwrap();
    let bell = dir.path().join("bell\u{7}.json");
    fs::write(&bell, BAD).unwrap();
    let out = authcode()
        .args(["validate", "--format", "junit"])
        .arg(&broken)
        .arg(&bell)
        .run()
        .code(1);
    let xml = out.stdout();
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 2, "{xml}");
    // Read back by an XML parser, the attribute is the path itself (a raw line break would be
    // read as a space).
    assert_eq!(cases[0].attribute("file"), broken.to_str());
    assert_eq!(
        cases[0].attribute("name").map(str::to_string),
        Some(format!("{}:1", broken.to_str().unwrap()))
    );
    // XML 1.0 cannot hold U+0007 at all: no file attribute; the name shows it visibly.
    assert_eq!(cases[1].attribute("file"), None, "{xml}");
    assert!(
        cases[1]
            .attribute("name")
            .unwrap()
            .ends_with("bell\\u{7}.json:1"),
        "{xml}"
    );
}

/// `n` invalid NDJSON lines, each with a long testcase in JUnit.
fn invalid_lines(path: &std::path::Path, n: usize) {
    let mut f = std::io::BufWriter::new(fs::File::create(path).unwrap());
    for _ in 0..n {
        writeln!(
            f,
            r#"{{"scopes": ["USER_LOGN_ID", "KYC_INFO", "KYC_INFO"]}}"#
        )
        .unwrap();
    }
    f.flush().unwrap();
}

#[test]
fn a_junit_report_past_what_is_held_in_memory_is_whole_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.ndjson");
    invalid_lines(&path, 6000);
    let out = authcode()
        .args(["validate", "--format", "junit"])
        .arg(&path)
        .run()
        .code(1);
    let xml = out.stdout();
    assert!(
        xml.len() > 2 << 20,
        "{} bytes: not past the 1 MB held in memory",
        xml.len()
    );
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|n| n.attribute("name").unwrap().to_string())
        .collect();
    let want: Vec<String> = (1..=6000)
        .map(|n| format!("{}:{n}", path.to_str().unwrap()))
        .collect();
    assert_eq!(names, want);
    let suite = doc.root_element();
    assert_eq!(suite.attribute("tests"), Some("6000"));
    assert_eq!(suite.attribute("failures"), Some("6000"));
}

#[test]
fn a_junit_report_does_not_grow_memory_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    // The peak of a run over `lines` invalid lines, and its report's size.
    let peak = |lines: usize| {
        let path = dir.path().join(format!("many-{lines}.ndjson"));
        invalid_lines(&path, lines);
        let (code, stdout, stderr, rss) = run_measured(
            &[
                OsStr::new("validate"),
                OsStr::new("--format"),
                OsStr::new("junit"),
                path.as_os_str(),
            ],
            dir.path(),
        );
        assert_eq!(code, 1, "{}", text(&stderr));
        assert!(stdout.ends_with(b"  </testsuite>\n</testsuites>\n"));
        (rss, stdout.len())
    };
    let (small, small_bytes) = peak(30_000);
    let (large, large_bytes) = peak(120_000);
    // About 15 and 60 MB of XML, that used to be held whole before the totals could be
    // written: then the peak grew with the report (by about 45 MB here). What a loaded machine
    // or a larger binary adds to both runs alike is not growth, and the allocator's peaks vary
    // from run to run by several MB (a debug build: 35 to 51 MB for one input), so the bound
    // is half the growth that holding the report would cause.
    assert!(
        large_bytes > 50_000_000 && small_bytes < 20_000_000,
        "{small_bytes} {large_bytes}"
    );
    if let Some(small) = small {
        assert_peak_below(
            large,
            small + 22 * 1024,
            "a 60 MB JUnit report, against a 15 MB one",
        );
    }
    assert_peak_below(large, 64 * 1024, "a 60 MB JUnit report");
}
