//! Property tests: the validator never panics and always gives a verdict whose positions
//! lie inside the input, for arbitrary bytes and arbitrary JSON; the shared generator's
//! documents get the verdict of their ground truth, whatever the seed; every response
//! `request` can produce validates clean against its request; and the memory-bounded
//! readers agree with the straightforward ones they replaced.
//!
//! Failing cases proptest finds are kept in `properties.proptest-regressions` beside this
//! file and re-run first.

use std::sync::{Arc, OnceLock};

use authcode::validate::diagnostic::{DocResult, Rule, Severity};
use authcode::validate::{check_document, read_request, CheckOptions, Options, ScopeIndex};
use authcode::{CodeSource, Decision, DocKind, ErrorValue, Profile, Request};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::Value;

use crate::support::authcode;
use crate::support::docgen::{self, Case, Generator, Size, ERROR_VALUES, FIELDS};

fn profile() -> &'static Profile {
    static PROFILE: OnceLock<Profile> = OnceLock::new();
    PROFILE.get_or_init(Profile::dana)
}

/// DANA's profile indexed for the checks, built once.
fn index() -> &'static ScopeIndex {
    static INDEX: OnceLock<ScopeIndex> = OnceLock::new();
    INDEX.get_or_init(|| ScopeIndex::new(profile().clone()))
}

/// The verdict on one document, every detail worked out.
fn verdict(
    bytes: &[u8],
    first_line: usize,
    kind: Option<DocKind>,
    expected: Option<&[String]>,
    strict: bool,
) -> DocResult {
    let check = CheckOptions {
        kind,
        expected: expected.map(|names| index().ids_of(names).unwrap()),
    };
    let options = Options {
        strict,
        ..Options::FULL
    };
    check_document(bytes, &path(), first_line, index(), &check, options)
}

fn path() -> Arc<str> {
    Arc::from("prop.json")
}

/// The invariants every verdict keeps, whatever the input.
fn check_invariants(bytes: &[u8], first_line: usize, doc: &DocResult) -> Result<(), TestCaseError> {
    let has_error = doc
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    prop_assert_eq!(doc.valid, !has_error, "verdict and diagnostics disagree");
    prop_assert_eq!(doc.line, Some(first_line));
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    for d in &doc.diagnostics {
        match (d.line, d.column) {
            (Some(line), Some(column)) => {
                prop_assert!(
                    line >= first_line && line < first_line + lines.len(),
                    "line {} outside {} lines from {}: {:?}",
                    line,
                    lines.len(),
                    first_line,
                    d
                );
                let text = lines[line - first_line];
                // Characters (bytes for text that is not UTF-8); one past the end is
                // where an unexpected end of input points.
                prop_assert!(
                    column >= 1 && column <= text.len() + 1,
                    "column {} outside line {} of {} bytes: {:?}",
                    column,
                    line,
                    text.len(),
                    d
                );
            }
            (None, None) => {}
            (l, c) => prop_assert!(false, "line {:?} without column {:?}", l, c),
        }
        prop_assert!(!d.message.is_empty());
        if let Some(source) = &d.source_line {
            prop_assert!(!source.chars().any(|c| c.is_control() && c != '\t'));
            prop_assert!(
                source.chars().count() <= 102,
                "excerpt too long: {}",
                source
            );
        }
    }
    Ok(())
}

/// Any JSON value, with keys and strings that sometimes are the spec's own names.
fn json_value() -> impl Strategy<Value = Value> {
    let names = docgen::scope_names();
    let mut odd_strings = ERROR_VALUES.to_vec();
    odd_strings.extend(["", " ", "user_login_id"]);
    let string = prop_oneof![
        3 => prop::sample::select(names.clone()),
        1 => prop::sample::select(odd_strings).prop_map(str::to_string),
        2 => any::<String>(),
    ];
    let key = prop_oneof![
        3 => prop::sample::select(FIELDS.to_vec()).prop_map(str::to_string),
        2 => prop::sample::select(names),
        1 => any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        string.prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// A JSON text for `value`: compact or pretty, with LF or CRLF line ends.
fn render(value: &Value, pretty: bool, crlf: bool) -> String {
    let text = if pretty {
        serde_json::to_string_pretty(value).unwrap()
    } else {
        serde_json::to_string(value).unwrap()
    };
    if crlf {
        text.replace('\n', "\r\n")
    } else {
        text
    }
}

/// The byte offset of 1-based `line` and character `column` in `src`.
fn offset_of(src: &str, line: usize, column: usize) -> Option<usize> {
    let start: usize = src.split('\n').take(line - 1).map(|l| l.len() + 1).sum();
    let rest = src.get(start..)?;
    Some(
        start
            + rest
                .char_indices()
                .nth(column - 1)
                .map_or(rest.len(), |(i, _)| i),
    )
}

proptest! {
    // 512 cases by default; PROPTEST_CASES=N runs more.
    // Regressions live beside this file (proptest's default looks for a sibling of the
    // directory holding main.rs, i.e. tests/proptest-regressions/).
    #![proptest_config(ProptestConfig {
        cases: ProptestConfig::default().cases.max(512),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// Whatever the seed, a generated document gets the verdict of its ground truth, and
    /// the rule its case names.
    #[test]
    fn generated_documents_get_their_ground_truth_verdict(seed: u64, line: bool) {
        let mut gen = Generator::new(seed);
        let size = if line { Size::Line } else { Size::File };
        let case = gen.case(size);
        let bytes = gen.document(case, size);
        let doc = verdict(&bytes, 1, None, None, false);
        prop_assert_eq!(doc.valid, case.valid(), "{:?}: {}: {:#?}", case, String::from_utf8_lossy(&bytes), doc.diagnostics);
        match case.rule() {
            None => prop_assert!(doc.diagnostics.is_empty(), "{:?}: {:#?}", case, doc.diagnostics),
            Some(rule) => prop_assert!(
                doc.diagnostics.iter().any(|d| d.rule.id() == rule),
                "{:?} wants {}: {:#?}", case, rule, doc.diagnostics
            ),
        }
    }

    /// Every fault of the ground truth, drawn on purpose rather than at the generator's 10%.
    #[test]
    fn every_fault_gets_an_invalid_verdict(seed: u64, pick: prop::sample::Index, line: bool) {
        let mut gen = Generator::new(seed);
        let size = if line { Size::Line } else { Size::File };
        let case = Case::Fault(*pick.get(&Case::FAULTS));
        let bytes = gen.document(case, size);
        let doc = verdict(&bytes, 1, None, None, false);
        prop_assert!(!doc.valid, "{:?}: {}", case, String::from_utf8_lossy(&bytes));
        let rule = case.rule().unwrap();
        prop_assert!(
            doc.diagnostics.iter().any(|d| d.rule.id() == rule),
            "{:?} wants {}: {:#?}", case, rule, doc.diagnostics
        );
    }

    #[test]
    fn any_bytes_get_a_verdict(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        first_line in 1usize..5,
        strict: bool,
        kind in prop::option::of(prop_oneof![Just(DocKind::Request), Just(DocKind::Response)]),
    ) {
        let doc = verdict(&bytes, first_line, kind, None, strict);
        check_invariants(&bytes, first_line, &doc)?;
        prop_assert!(!doc.valid || std::str::from_utf8(&bytes).is_ok()
            || bytes.starts_with(b"\xEF\xBB\xBF"));
    }

    #[test]
    fn json_like_bytes_get_a_verdict(
        // Bytes drawn mostly from JSON's alphabet reach deeper than uniform noise.
        bytes in prop::collection::vec(
            prop::sample::select(b"{}[]:,\" \n\r\t\\u0123456789.eE+-truefalsnl\xEF\xBB\xBFSCOPEScopesauthCode".to_vec()),
            0..256,
        ),
    ) {
        let doc = verdict(&bytes, 1, None, None, false);
        check_invariants(&bytes, 1, &doc)?;
    }

    #[test]
    fn any_json_value_gets_a_verdict_pointing_at_its_values(
        value in json_value(),
        pretty: bool,
        crlf: bool,
        paired: bool,
    ) {
        let text = render(&value, pretty, crlf);
        let pair = ["USER_LOGIN_ID".to_string(), "KYC_INFO".to_string()];
        let doc = verdict(text.as_bytes(), 1, None, paired.then_some(&pair[..]), false);
        check_invariants(text.as_bytes(), 1, &doc)?;
        // Generated text is valid JSON without duplicate keys: no syntax, encoding or
        // duplicate-key finding, and every pointer names a value that exists, whose token
        // (or key) starts at the reported position.
        for d in &doc.diagnostics {
            let rule = d.rule.id();
            prop_assert!(!["syntax", "encoding", "bom", "duplicate-key", "io"].contains(&rule), "{:?}", d);
            let Some(pointer) = &d.pointer else { continue };
            prop_assert!(value.pointer(pointer).is_some(), "{} not in {}", pointer, text);
            let at = offset_of(&text, d.line.unwrap(), d.column.unwrap()).unwrap();
            let c = text[at..].chars().next().unwrap_or(' ');
            prop_assert!(
                "\"[{-0123456789tfn".contains(c),
                "{} at {}:{} starts with {:?} in {}", pointer, d.line.unwrap(), d.column.unwrap(), c, text
            );
        }
    }

    /// Every response `request` can mint, under any decision, error value and code
    /// source, validates clean against its request (and the request itself is clean).
    #[test]
    fn every_minted_response_validates_against_its_request(
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..25),
        decision in 0u8..3,
        granted in prop::collection::vec(any::<bool>(), 25),
        error in any::<prop::sample::Index>(),
        seed in prop::option::of(any::<u64>()),
        compact: bool,
    ) {
        let names = docgen::scope_names();
        let mut requested: Vec<String> = Vec::new();
        for p in &picks {
            let name = p.get(&names).clone();
            if !requested.contains(&name) {
                requested.push(name);
            }
        }
        let decision = match decision {
            0 => Decision::ApproveAll,
            1 => Decision::DenyAll,
            _ => Decision::Grant(
                requested.iter().zip(&granted).filter(|(_, &g)| g).map(|(s, _)| s.clone()).collect(),
            ),
        };
        let error_value = ErrorValue::Text(error.get(&profile().errors).code.clone());
        let source = seed.map_or(CodeSource::Os, CodeSource::Seeded);
        let flags = decision.granted(&requested).unwrap();
        let response = authcode::respond(&requested, &flags, &error_value, || {
            authcode::mint(source, &requested)
        })
        .unwrap();
        let text = authcode::to_json(&response, compact);

        let doc = verdict(text.as_bytes(), 1, None, Some(&requested), true);
        prop_assert!(doc.valid, "{}: {:#?}", text, doc.diagnostics);
        prop_assert!(doc.diagnostics.is_empty(), "{}: {:#?}", text, doc.diagnostics);
        prop_assert_eq!(doc.kind, Some(DocKind::Response));

        let request = authcode::to_json(&Request { scopes: requested.clone() }, compact);
        let doc = verdict(request.as_bytes(), 1, None, None, true);
        prop_assert!(doc.diagnostics.is_empty(), "{}: {:#?}", request, doc.diagnostics);
        prop_assert_eq!(doc.kind, Some(DocKind::Request));
    }

    /// The windowed excerpt equals the one built from the whole line.
    #[test]
    fn excerpts_match_the_whole_line_version(
        src in "([a-z\u{e9}\u{1F600}\t\r\u{1b}]{0,30}\n?){0,4}[a-z\u{e9}]{0,400}",
        at: prop::sample::Index,
    ) {
        let offset = at.index(src.len() + 1);
        prop_assert_eq!(
            authcode::validate::excerpt(&src, offset),
            whole_line_excerpt(&src, offset)
        );
    }

    /// The one request reader (`request --from`, `validate --request`) keeps the known
    /// scopes in first-seen order, each once, warns about each repeat, and ignores what
    /// else the object holds.
    #[test]
    fn request_reader_keeps_scopes_in_first_seen_order(
        value in json_value(),
        scopes in prop::collection::vec(prop::sample::select(vec!["USER_LOGIN_ID", "KYC_INFO", "USER_JOB"]), 1..30),
        escaped: bool,
    ) {
        let mut object = match value {
            Value::Object(o) => o,
            other => {
                let mut o = serde_json::Map::new();
                o.insert("other".into(), other);
                o
            }
        };
        object.insert("scopes".into(), Value::from(scopes.clone()));
        let mut text = serde_json::to_string(&Value::Object(object)).unwrap();
        if escaped {
            text = text.replace("\"KYC_INFO\"", "\"\\u004bYC_INFO\"");
        }
        let scopes: Vec<String> = scopes.iter().map(|s| s.to_string()).collect();
        let read = read_request(text.as_bytes(), "prop.json", index()).unwrap();
        prop_assert_eq!(&read.scopes, &dedup(&scopes));
        // One warning for each scope that repeats, however often.
        let warned = read.warnings.iter().filter(|d| d.rule == Rule::DuplicateScope).count();
        let repeated = dedup(&scopes)
            .iter()
            .filter(|s| scopes.iter().filter(|t| t == s).count() > 1)
            .count();
        prop_assert_eq!(warned, repeated, "{}", text);
    }

    /// The reader accepts exactly the payloads a plain value parse finds to be an object
    /// whose `scopes` is a non-empty array of known scope names.
    #[test]
    fn request_reader_accepts_what_a_value_parse_accepts(
        bytes in prop::collection::vec(
            prop::sample::select(b"{}[]:,\" \n1e9\\uscopesKYC_INFO".to_vec()),
            0..64,
        ),
        value in json_value(),
    ) {
        for input in [bytes, serde_json::to_vec(&value).unwrap()] {
            let read = read_request(&input, "prop.json", index());
            let Some(expected) = value_parse(&input) else {
                // Not JSON a value parse takes, or with a repeated key: refused either way.
                prop_assert!(read.is_err() || has_repeated_key(&input), "{:?}", String::from_utf8_lossy(&input));
                continue;
            };
            prop_assert_eq!(
                read.as_ref().map(|r| r.scopes.clone()).ok(),
                expected,
                "{:?}", String::from_utf8_lossy(&input)
            );
        }
    }
}

fn dedup(scopes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in scopes {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

/// What a plain value parse makes of a request payload: `None` when it is not JSON,
/// `Some(None)` when it is JSON but not a request of known scopes, else its scopes.
fn value_parse(bytes: &[u8]) -> Option<Option<Vec<String>>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).ok()?;
    let Some(Value::Array(items)) = value.as_object().and_then(|o| o.get("scopes")) else {
        return Some(None);
    };
    let names: Option<Vec<String>> = items
        .iter()
        .map(|item| match item {
            Value::String(s) if profile().scope(s).is_some() => Some(s.clone()),
            _ => None,
        })
        .collect();
    Some(names.filter(|n| !n.is_empty()).map(|n| dedup(&n)))
}

/// Whether the JSON text repeats a key in one object (which a value parse does not see).
fn has_repeated_key(bytes: &[u8]) -> bool {
    let check = CheckOptions::default();
    let doc = check_document(bytes, &path(), 1, index(), &check, Options::FULL);
    doc.diagnostics.iter().any(|d| d.rule == Rule::DuplicateKey)
}

/// The excerpt as first written: the whole line collected into characters.
fn whole_line_excerpt(src: &str, offset: usize) -> (String, usize) {
    const WINDOW: usize = 100;
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let b = src.as_bytes();
    let start = b[..offset]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1);
    let end = b[offset..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |i| offset + i);
    let line = &src[start..end];
    let line = line.strip_suffix('\r').unwrap_or(line);
    let col = src[start..offset].chars().count();
    let chars: Vec<char> = line.chars().collect();
    let from = col
        .saturating_sub(WINDOW / 2)
        .min(chars.len().saturating_sub(WINDOW));
    let to = (from + WINDOW).min(chars.len());
    let shown = |c: char| -> String {
        if c.is_control() && c != '\t' {
            c.escape_default().collect()
        } else if c == '\t' {
            " ".into()
        } else {
            c.to_string()
        }
    };
    // Escapes are wider than their characters: at most WINDOW shown characters, cut on the
    // side farther from the caret.
    let width = |range: std::ops::Range<usize>| -> usize {
        chars[range].iter().map(|&c| shown(c).chars().count()).sum()
    };
    let (mut lo, mut hi) = (from, to);
    while width(lo..hi) > WINDOW && hi > lo + 1 {
        if width(lo..col.min(hi).max(lo)) > WINDOW / 2 && lo < col {
            lo += 1;
        } else {
            hi -= 1;
        }
    }
    let mut text = String::new();
    let mut caret = 1;
    if lo > 0 {
        text.push('…');
        caret += 1;
    }
    for (i, &c) in chars[lo..hi].iter().enumerate() {
        let shown = shown(c);
        if lo + i < col {
            caret += shown.chars().count();
        }
        text.push_str(&shown);
    }
    if hi < chars.len() {
        text.push('…');
    }
    (text, caret)
}

/// Payloads at the edges: each refused with the rule the validator names, or read.
#[test]
fn request_reader_edge_cases() {
    let deep = format!(
        "{{\"scopes\": [\"KYC_INFO\"], \"x\": {}{}}}",
        "[".repeat(200),
        "]".repeat(200)
    );
    for (text, outcome) in [
        (
            r#"{"scopes": 1, "scopes": ["KYC_INFO"]}"#,
            Err(Rule::DuplicateKey),
        ),
        (r#"{"scopes": ["KYC_INFO"], "x": 1e999}"#, Err(Rule::Syntax)),
        (deep.as_str(), Err(Rule::Syntax)),
        (r#"{"scopes": "KYC_INFO"}"#, Err(Rule::WrongType)),
        (r#"{"scopes": ["\ud800"]}"#, Err(Rule::Encoding)),
        (r#"[{"scopes": ["KYC_INFO"]}]"#, Err(Rule::NotObject)),
        (r#"{"scopes": ["KYC_INFO"]} {"#, Err(Rule::Syntax)),
        (r#"{"scopes": []}"#, Err(Rule::Empty)),
        (r#"{"scopes": ["KYC_INFOS"]}"#, Err(Rule::UnknownScope)),
        (r#"{}"#, Err(Rule::MissingField)),
        (
            "\u{feff}{\"scopes\": [\"KYC_INFO\", \"KYC_INFO\"]}",
            Ok(vec!["KYC_INFO"]),
        ),
        (
            r#"{"scopes": ["KYC_INFO"], "authCode": 1}"#,
            Ok(vec!["KYC_INFO"]),
        ),
    ] {
        let read = read_request(text.as_bytes(), "edge.json", index());
        match (read, outcome) {
            (Ok(read), Ok(scopes)) => assert_eq!(read.scopes, scopes, "{text}"),
            (Err(refused), Err(rule)) => {
                let errors = &refused.errors;
                assert!(errors.iter().any(|d| d.rule == rule), "{text}: {errors:?}")
            }
            (read, outcome) => panic!("{text}: {read:?}, expected {outcome:?}"),
        }
    }
}

/// The round trip through the binary: `request` with flags, then `validate --request`.
#[test]
fn binary_round_trip_under_every_decision() {
    let dir = tempfile::tempdir().unwrap();
    let request = dir.path().join("request.json");
    let scopes = "USER_LOGIN_ID,KYC_INFO,USER_OFFICE_NAME,SUBSCRIPTION";
    authcode()
        .args(["request", "--scopes", scopes, "--payload", "-o"])
        .arg(&request)
        .run()
        .ok();
    let decisions: [&[&str]; 5] = [
        &["--approve"],
        &["--deny"],
        &["--grant", "KYC_INFO,SUBSCRIPTION", "--error-code", "11"],
        &["--grant", "USER_LOGIN_ID", "--seed", "7", "--compact"],
        &["--deny", "--error-code", "3", "--compact"],
    ];
    for flags in decisions {
        let response = authcode()
            .args(["request", "--scopes", scopes])
            .args(flags)
            .run()
            .ok()
            .stdout;
        let checked = authcode()
            .args(["validate", "--strict", "--format", "json", "--request"])
            .arg(&request)
            .arg("-")
            .stdin(response)
            .run();
        let report = checked.json();
        assert_eq!(checked.code, 0, "{flags:?}: {report:#}");
        assert_eq!(report["documents"][0]["diagnostics"], serde_json::json!([]));
        assert_eq!(report["documents"][0]["kind"], "response");
    }
}
