//! Fuzzes the validator's entry point for one document: any bytes must give a verdict
//! without panicking, with every position inside the input, and every report format
//! must render it.
#![no_main]

use std::sync::{Arc, OnceLock};

use authcode::validate::diagnostic::Severity;
use authcode::validate::report::{report_one, Format};
use authcode::validate::{check_document, CheckOptions, Options, ScopeIndex};
use authcode::{DocKind, Paint, Profile};
use libfuzzer_sys::fuzz_target;

/// DANA's profile, indexed once, and the three option sets the first byte picks from.
struct Checks {
    index: ScopeIndex,
    plain: CheckOptions,
    request: CheckOptions,
    paired: CheckOptions,
}

fn checks() -> &'static Checks {
    static CHECKS: OnceLock<Checks> = OnceLock::new();
    CHECKS.get_or_init(|| {
        let index = ScopeIndex::new(&Profile::dana());
        let paired = CheckOptions {
            kind: Some(DocKind::Response),
            expected: Some(
                index
                    .ids_of(&["USER_LOGIN_ID".to_string(), "KYC_INFO".to_string()])
                    .unwrap(),
            ),
        };
        Checks {
            plain: CheckOptions::default(),
            request: CheckOptions {
                kind: Some(DocKind::Request),
                expected: None,
            },
            paired,
            index,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options, so one corpus explores them all.
    let (mode, bytes) = match data.split_first() {
        Some((m, rest)) => (*m, rest),
        None => (0, data),
    };
    let all = checks();
    let check = match mode % 3 {
        0 => &all.plain,
        1 => &all.request,
        _ => &all.paired,
    };
    let first_line = 1 + usize::from(mode >> 4);
    let path: Arc<str> = Arc::from("fuzz.json");
    let options = Options {
        strict: mode & 8 != 0,
        ..Options::FULL
    };
    let doc = check_document(bytes, &path, first_line, &all.index, check, options);

    let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count();
    let has_error = doc
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    assert_eq!(doc.valid, !has_error, "verdict disagrees with diagnostics");
    for d in &doc.diagnostics {
        if let Some(line) = d.line {
            assert!(
                line >= first_line && line < first_line + lines,
                "line {line} outside the input ({lines} lines from {first_line}): {d:?}"
            );
            let text = bytes.split(|&b| b == b'\n').nth(line - first_line).unwrap();
            if let Some(column) = d.column {
                // Columns count characters (or bytes, for invalid UTF-8); one past the end
                // is where an unexpected end of input points.
                assert!(
                    column >= 1 && column <= text.len() + 1,
                    "column {column} outside line {line} ({} bytes): {d:?}",
                    text.len()
                );
            }
        }
    }

    let formats = [Format::Human, Format::Json, Format::Github, Format::Junit];
    let format = formats[usize::from(mode >> 2) % formats.len()];
    let out = report_one(format, Paint(mode & 1 != 0), &doc).expect("a Vec takes any report");
    let text = String::from_utf8(out).expect("reports are UTF-8");
    if format != Format::Human || mode & 1 == 0 {
        assert!(!text.contains('\x1b'), "raw escape in the report: {text:?}");
    }
    if format == Format::Json {
        let _: serde_json::Value = serde_json::from_str(&text).expect("the JSON report parses");
    }
});
