//! Fuzzes the validator's entry point for one document: any bytes must give a verdict
//! without panicking, with every position inside the input, and every report format
//! must render it.
#![no_main]

use std::sync::{Arc, OnceLock};

use authcode::catalog::Catalog;
use authcode::output::Paint;
use authcode::validate::check::Context;
use authcode::validate::document::{check_document, Options};
use authcode::validate::report::{reporter, Format, Renderer};
use authcode::validate::rules::{DocKind, Severity, Summary};
use libfuzzer_sys::fuzz_target;

struct Contexts {
    plain: Context,
    request: Context,
    paired: Context,
}

fn contexts() -> &'static Contexts {
    static CONTEXTS: OnceLock<Contexts> = OnceLock::new();
    CONTEXTS.get_or_init(|| {
        let catalog = Catalog::dana();
        let mut paired = Context::new(&catalog, Some(DocKind::Response));
        paired
            .expect(&["USER_LOGIN_ID".to_string(), "KYC_INFO".to_string()])
            .unwrap();
        Contexts {
            plain: Context::new(&catalog, None),
            request: Context::new(&catalog, Some(DocKind::Request)),
            paired,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options, so one corpus explores them all.
    let (mode, bytes) = match data.split_first() {
        Some((m, rest)) => (*m, rest),
        None => (0, data),
    };
    let all = contexts();
    let ctx = match mode % 3 {
        0 => &all.plain,
        1 => &all.request,
        _ => &all.paired,
    };
    let first_line = 1 + usize::from(mode >> 4);
    let path: Arc<str> = Arc::from("fuzz.json");
    let options = Options {
        strict: mode & 8 != 0,
        excerpts: true,
    };
    let doc = check_document(bytes, &path, first_line, ctx, options);

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
    let mut out = Vec::new();
    {
        let paint = Paint(mode & 1 != 0);
        let mut rendered = Vec::new();
        Renderer {
            format,
            quiet: false,
            paint,
        }
        .render(&doc, &mut rendered);
        let mut report = reporter(format, false, paint, Box::new(&mut out));
        report.document(&doc, &rendered).unwrap();
        let mut summary = Summary::default();
        summary.files = 1;
        summary.add(&doc);
        report.finish(&summary).unwrap();
    }
    let text = String::from_utf8(out).expect("reports are UTF-8");
    if format != Format::Human || mode & 1 == 0 {
        assert!(!text.contains('\x1b'), "raw escape in the report: {text:?}");
    }
    if format == Format::Json {
        let _: serde_json::Value = serde_json::from_str(&text).expect("the JSON report parses");
    }
});
