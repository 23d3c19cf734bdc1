//! `validate --wallet all` (and `A,B`) as lean as one wallet: each input read once, rows in
//! input order as they come, memory bounded whatever the number of documents, and `-q`
//! giving the summary alone.

use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::time::Duration;

use serde_json::{json, Value};

use crate::large_inputs::{assert_peak_below, run_measured};
use crate::support::{authcode, mkfifo, text, WALLETS};

/// A request every wallet refuses (no wallet has this scope), one `gcash` and `tng` accept.
const NOWHERE: &str = r#"{"scopes": ["NO_SUCH_SCOPE"]}"#;
const GCASH_AND_TNG: &str = r#"{"scopes": "auth_base"}"#;

#[test]
fn each_input_is_read_once_so_a_fifo_serves_every_wallet() {
    // A FIFO (or `<(generate-fixtures)`) can be read only once: a run that read its inputs
    // once per wallet would wait for a second writer forever.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fixtures.ndjson");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut f = fs::OpenOptions::new().write(true).open(fifo).unwrap();
            writeln!(f, "{GCASH_AND_TNG}\n{NOWHERE}").unwrap();
        })
    };
    let out = authcode()
        .args(["validate", "--wallet", "gcash,tng"])
        .arg(&fifo)
        .timeout(Duration::from_secs(30))
        .run()
        .code(1);
    writer.join().unwrap();
    let f = fifo.to_str().unwrap();
    assert_eq!(
        out.stdout(),
        format!(
            "{f}:1: accepted by gcash, tng\n\
             {f}:2: refused by gcash (unknown-scope), tng (unknown-scope)\n\
             2 documents in 1 file: 1 accepted by every wallet, 0 by some, 1 by none\n"
        )
    );
}

#[test]
fn rows_come_in_input_order_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for i in 0..40 {
        if i == 20 {
            // NDJSON in the middle ("f20-" sorts before "f20."), long enough to take several
            // blocks of work.
            let mut lines = String::new();
            for n in 1..=30_000 {
                lines.push_str(if n % 7 == 0 { NOWHERE } else { GCASH_AND_TNG });
                lines.push('\n');
                expected.push(("f20-lines.ndjson".to_string(), Some(n)));
            }
            fs::write(dir.path().join("f20-lines.ndjson"), lines).unwrap();
        }
        let name = format!("f{i:02}.json");
        let doc = if i % 3 == 0 { NOWHERE } else { GCASH_AND_TNG };
        fs::write(dir.path().join(&name), doc).unwrap();
        expected.push((name, None));
    }
    for jobs in ["1", "4"] {
        let out = authcode()
            .args([
                "validate",
                "--wallet",
                "gcash,tng",
                "--format",
                "json",
                "-j",
                jobs,
            ])
            .arg(dir.path())
            .run()
            .code(1);
        let report = out.json();
        let got: Vec<(String, Option<u64>)> = report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let path = d["path"].as_str().unwrap();
                let name = path.rsplit('/').next().unwrap().to_string();
                let line = name
                    .ends_with(".ndjson")
                    .then(|| d["line"].as_u64().unwrap());
                (name, line)
            })
            .collect();
        let want: Vec<(String, Option<u64>)> = expected
            .iter()
            .map(|(n, l)| (n.clone(), l.map(|l| l as u64)))
            .collect();
        assert_eq!(got, want, "-j {jobs}");
        assert_eq!(report["summary"]["documents"], want.len());
    }
}

#[test]
fn quiet_json_across_wallets_is_the_summary_alone() {
    let (_dir, path) =
        crate::support::temp_file("two.ndjson", format!("{NOWHERE}\n{GCASH_AND_TNG}\n"));
    let out = authcode()
        .args(["validate", "--wallet", "all", "-q", "--format", "json"])
        .arg(&path)
        .run()
        .code(1);
    let report: Value = out.json();
    assert_eq!(
        report,
        json!({"summary": {"files": 1, "documents": 2, "everywhere": 0, "some": 1, "none": 1}})
    );
    // As with one wallet.
    let one: Value = authcode()
        .args(["validate", "-q", "--format", "json"])
        .arg(&path)
        .run()
        .json();
    assert_eq!(
        one.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["summary"]
    );
}

#[test]
fn memory_does_not_grow_with_the_documents_across_wallets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.ndjson");
    let mut f = std::io::BufWriter::new(fs::File::create(&path).unwrap());
    for i in 0..60_000 {
        writeln!(
            f,
            r#"{{"authCode": "c{i}", "authSuccessScopes": ["USER_LOGIN_ID"], "authErrorScopes": {{"NOPE_{i}": "40006"}}}}"#
        )
        .unwrap();
    }
    f.flush().unwrap();
    drop(f);
    let (code, stdout, stderr, rss) = run_measured(
        &[
            OsStr::new("validate"),
            OsStr::new("--wallet"),
            OsStr::new("all"),
            path.as_os_str(),
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{}", text(&stderr));
    let stdout = text(&stdout);
    assert_eq!(stdout.lines().count(), 60_001);
    assert!(
        stdout.ends_with(
            "60000 documents in 1 file: 0 accepted by every wallet, 0 by some, 60000 by none\n"
        ),
        "{}",
        &stdout[stdout.len() - 200..]
    );
    // Holding every document's verdicts took about 5 kB each (300 MB here).
    assert_peak_below(rss, 48 * 1024, "validate --wallet all, 60,000 lines");
}

#[test]
fn a_refusal_lists_its_rules_in_text_order() {
    // The conflict is found once the document is read, at the key; the wrong type while it
    // is read, at the value after it: listed as they stand in the text.
    let (_dir, path) = crate::support::temp_file(
        "conflict.json",
        r#"{"authCode": "abc", "authSuccessScopes": ["KYC_INFO"], "authErrorScopes": {"KYC_INFO": 11}}"#,
    );
    let out = authcode()
        .args(["validate", "--wallet", "dana,gcash"])
        .arg(&path)
        .run()
        .code(1);
    assert!(
        out.stdout()
            .contains("conflict.json: refused by dana (scope-conflict, wrong-type), gcash ("),
        "{out}"
    );
    // The same order as one wallet's report lists them.
    let one = authcode()
        .args(["validate", "--format", "json"])
        .arg(&path)
        .run()
        .json();
    assert_eq!(
        crate::support::rules(&one["documents"][0]),
        ["scope-conflict", "wrong-type"]
    );
}

/// A directory of documents every wallet judges differently: each wallet's own generated
/// requests and responses (mutated), DANA's response cases, and what no generator writes
/// (a BOM mid-file, bytes that are not UTF-8, numbers beyond 64 bits, many findings).
fn mixed_corpus() -> tempfile::TempDir {
    use crate::support::docgen::{Generator, Size};
    let dir = tempfile::tempdir().unwrap();
    let mut lines: Vec<Vec<u8>> = Vec::new();
    for (i, wallet) in WALLETS.iter().enumerate() {
        let profile: Value = serde_json::from_str(
            &fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("src/profile/wallets/{wallet}.json")),
            )
            .unwrap(),
        )
        .unwrap();
        let mut gen = Generator::for_profile(0xA11 + i as u64, profile);
        lines.extend((0..120).map(|_| gen.arbitrary_line().into_bytes()));
    }
    let mut gen = Generator::new(0xD0C);
    for _ in 0..300 {
        let case = gen.case(Size::Line);
        lines.push(gen.document(case, Size::Line));
    }
    let many_unknown: Vec<String> = (0..130).map(|i| format!("\"NOPE_{i}\"")).collect();
    let many_unknown = format!(
        r#"{{"authCode": 7, "authSuccessScopes": [{}], "x": 1}}"#,
        many_unknown.join(", ")
    );
    for extra in [
        b"\xEF\xBB\xBF{\"scopes\": [\"USER_LOGIN_ID\"]}".to_vec(),
        b"{\"scopes\": [\"USER_\xFF\"]}".to_vec(),
        br#"{"authErrorScopes": {"USER_NAME": 99999999999999999999}}"#.to_vec(),
        br#"{"authErrorScopes": {"USER_NAME": -9223372036854775809, "auth_base": 4}}"#.to_vec(),
        br#"{"error": 11, "errorMessage": 3}"#.to_vec(),
        br#"{"scopes": "auth_base,USER_NAME", "scopes": []}"#.to_vec(),
        br#"{"authCode": "a b", "authSuccessScope": ["USER_NAME"], "Scopes": 1}"#.to_vec(),
        br#"{"authCode": "", "authSuccessScopes": [], "authErrorScopes": {}}"#.to_vec(),
        many_unknown.into_bytes(),
    ] {
        lines.push(extra);
    }
    let mut ndjson = lines.join(&b"\n"[..]);
    ndjson.push(b'\n');
    fs::write(dir.path().join("mixed.ndjson"), ndjson).unwrap();
    for (name, bytes) in [
        (
            "bom.json",
            &b"\xEF\xBB\xBF{\"authErrorScopes\": {\"USER_NAME\": \"40006\"}}"[..],
        ),
        ("latin1.json", &b"{\"scopes\": [\"caf\xE9\"]}"[..]),
        (
            "pretty.json",
            &b"\n\n{\n  \"scopes\": [\n    \"auth_user\", 3\n  ]\n}\n"[..],
        ),
        ("broken.json", &b"{\"scopes\": [\"auth_base\"]"[..]),
    ] {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

#[test]
fn every_wallet_at_once_says_what_each_wallet_alone_says() {
    // A run across wallets parses each document once and walks it once, a lane per wallet;
    // its rows must be what seven one-wallet runs say: accepted where valid, else the rules of
    // the errors in the order the one-wallet report lists them.
    let dir = mixed_corpus();
    for strict in [false, true] {
        let extra: &[&str] = if strict { &["--strict"] } else { &[] };
        let mut expected: Vec<Value> = Vec::new();
        for wallet in WALLETS {
            let report = authcode()
                .args(["validate", "--wallet", wallet, "--format", "json"])
                .args(extra)
                .arg(dir.path())
                .run()
                .json();
            let docs = report["documents"].as_array().unwrap();
            if expected.is_empty() {
                expected = docs
                    .iter()
                    .map(|d| json!({"path": d["path"], "line": d["line"], "accepted": [], "refused": []}))
                    .collect();
            }
            assert_eq!(docs.len(), expected.len(), "{wallet}");
            for (row, d) in expected.iter_mut().zip(docs) {
                assert_eq!((&row["path"], &row["line"]), (&d["path"], &d["line"]));
                if d["valid"] == json!(true) {
                    row["accepted"].as_array_mut().unwrap().push(json!(wallet));
                    continue;
                }
                let mut rules: Vec<Value> = Vec::new();
                for diagnostic in d["diagnostics"].as_array().unwrap() {
                    if diagnostic["severity"] == "error" && !rules.contains(&diagnostic["rule"]) {
                        rules.push(diagnostic["rule"].clone());
                    }
                }
                row["refused"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"wallet": wallet, "rules": rules}));
            }
        }
        let accepted = |row: &Value| row["accepted"].as_array().unwrap().len();
        let refused = |row: &Value| row["refused"].as_array().unwrap().len();
        assert!(expected.len() > 1000, "{}", expected.len());
        assert!(expected.iter().any(|r| accepted(r) > 0 && refused(r) > 0));
        assert!(expected
            .iter()
            .any(|r| refused(r) > 0 && r["refused"][0]["rules"].as_array().unwrap().len() > 1));

        let across = authcode()
            .args(["validate", "--wallet", "all", "--format", "json"])
            .args(extra)
            .arg(dir.path())
            .run()
            .code(1)
            .json();
        let documents = across["documents"].as_array().unwrap();
        assert_eq!(documents.len(), expected.len());
        for (got, want) in documents.iter().zip(&expected) {
            assert_eq!(got, want, "--strict: {strict}");
        }

        // The human rows say the same, one line each.
        let human = authcode()
            .args(["validate", "--wallet", "all"])
            .args(extra)
            .arg(dir.path())
            .run()
            .code(1)
            .stdout();
        let mut want = String::new();
        for row in &expected {
            let path = row["path"].as_str().unwrap();
            want.push_str(path);
            if path.ends_with(".ndjson") {
                want.push_str(&format!(":{}", row["line"]));
            }
            want.push_str(": ");
            let names: Vec<&str> = row["accepted"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w.as_str().unwrap())
                .collect();
            if !names.is_empty() {
                want.push_str(&format!("accepted by {}", names.join(", ")));
                if refused(row) > 0 {
                    want.push_str("; ");
                }
            }
            let refusals: Vec<String> = row["refused"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let rules: Vec<&str> = r["rules"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|x| x.as_str().unwrap())
                        .collect();
                    format!("{} ({})", r["wallet"].as_str().unwrap(), rules.join(", "))
                })
                .collect();
            if !refusals.is_empty() {
                want.push_str(&format!("refused by {}", refusals.join(", ")));
            }
            want.push('\n');
        }
        let rows: Vec<&str> = human.lines().collect();
        let want: Vec<&str> = want.lines().collect();
        assert_eq!(rows.len(), want.len() + 1, "--strict: {strict}");
        for (got, want) in rows.iter().zip(&want) {
            assert_eq!(got, want, "--strict: {strict}");
        }
    }
}
