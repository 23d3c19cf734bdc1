//! `authcode schema`: the exported JSON Schemas, checked with the `jsonschema` crate, and a
//! differential test against `authcode validate` over a generated corpus.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{json, Value};

use crate::support::authcode;
use crate::support::docgen::Generator;

fn exported(kind: &str, catalog: Option<&Path>) -> Value {
    let mut cmd = authcode();
    if let Some(path) = catalog {
        cmd.arg("--catalog").arg(path);
    }
    cmd.args(["schema", kind]).run().ok().json()
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::new(schema).expect("the schema compiles")
}

/// The scope names a schema accepts, in its order.
fn scope_names(schema: &Value) -> Vec<String> {
    schema["$defs"]["scope"]["anyOf"]
        .as_array()
        .expect("scopes are an anyOf of consts")
        .iter()
        .map(|s| s["const"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn both_schemas_are_valid_draft_2020_12() {
    for kind in ["request", "response"] {
        let schema = exported(kind, None);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert!(
            jsonschema::meta::is_valid(&schema),
            "{kind} schema fails its meta-schema"
        );
        assert!(schema["title"].as_str().unwrap().contains("DANA"));
        assert_eq!(scope_names(&schema).len(), 25);
    }
}

#[test]
fn compact_schema_is_one_line_and_the_same() {
    let out = authcode()
        .args(["schema", "response", "--compact"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(text.lines().count(), 1);
    let compact: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(compact, exported("response", None));
}

#[test]
fn a_custom_catalog_gives_its_own_scopes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wallet.json");
    std::fs::write(
        &path,
        r#"{"name": "OtherPay", "scopes": [
            {"scope": "auth_base", "description": "Basic profile"},
            {"scope": "auth_user", "description": "Full profile"}],
           "errors": [{"code": "E1", "message": "Denied"}]}"#,
    )
    .unwrap();
    let request = exported("request", Some(&path));
    assert_eq!(scope_names(&request), ["auth_base", "auth_user"]);
    assert!(request["title"].as_str().unwrap().contains("OtherPay"));
    let response = exported("response", Some(&path));
    assert_eq!(scope_names(&response), ["auth_base", "auth_user"]);
    assert_eq!(response["$defs"]["errorValue"]["examples"], json!(["E1"]));

    let request = validator(&request);
    assert!(request.is_valid(&json!({"scopes": ["auth_user"]})));
    assert!(!request.is_valid(&json!({"scopes": ["USER_LOGIN_ID"]})));
    let response = validator(&response);
    assert!(response.is_valid(&json!({"authErrorScopes": {"auth_base": "E1"}})));
    assert!(!response.is_valid(&json!({"authErrorScopes": {"USER_LOGIN_ID": "E1"}})));
}

#[test]
fn the_env_catalog_is_used_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wallet.json");
    std::fs::write(
        &path,
        r#"{"name": "X", "scopes": [{"scope": "ONLY", "description": "d"}]}"#,
    )
    .unwrap();
    let out = authcode()
        .env("AUTHCODE_CATALOG", &path)
        .args(["schema", "request"])
        .assert()
        .success();
    let schema: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(scope_names(&schema), ["ONLY"]);
}

#[test]
fn dana_schema_accepts_the_specs_samples() {
    let response = validator(&exported("response", None));
    // The failure sample, verbatim.
    let failure: Value = serde_json::from_str(
        "{\n    \"authErrorScopes\":{\n       \"USER_LOGIN_ID\":\"40006\"\n    }\n}",
    )
    .unwrap();
    assert!(response.is_valid(&failure));
    // The success sample with its single quotes made double.
    let success: Value = serde_json::from_str(
        "{\n    \"authCode\":\"1591797390204\",\n    \"authSuccessScopes\":[\"USER_LOGIN_ID\"]\n}",
    )
    .unwrap();
    assert!(response.is_valid(&success));

    let request = validator(&exported("request", None));
    assert!(request.is_valid(&json!({"scopes": ["USER_LOGIN_ID"]})));
}

#[test]
fn dana_schema_accepts_what_request_prints() {
    let response = validator(&exported("response", None));
    // --seed only where a code is made: with --deny it is refused.
    for decision in [
        &["--approve", "--seed", "3"][..],
        &["--deny"],
        &["--grant", "KYC_INFO", "--error-code", "11", "--seed", "3"],
    ] {
        let out = authcode()
            .args(["request", "--scopes", "USER_LOGIN_ID,KYC_INFO"])
            .args(decision)
            .assert()
            .success();
        let doc: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert!(response.is_valid(&doc), "{decision:?}: {doc}");
    }
}

#[test]
fn dana_schema_rejects_what_the_spec_forbids() {
    let response = validator(&exported("response", None));
    for bad in [
        json!({}),
        json!({"authCode": "c"}),
        json!({"authCode": "", "authSuccessScopes": ["USER_LOGIN_ID"]}),
        json!({"authCode": "a b", "authSuccessScopes": ["USER_LOGIN_ID"]}),
        json!({"authCode": "a\u{3000}b", "authSuccessScopes": ["USER_LOGIN_ID"]}),
        json!({"authCode": "ab\u{7f}", "authSuccessScopes": ["USER_LOGIN_ID"]}),
        json!({"authSuccessScopes": ["USER_LOGIN_ID"]}),
        json!({"authErrorScopes": {}}),
        json!({"authErrorScopes": {"USER_LOGIN_ID": 40006}}),
        json!({"authErrorScopes": {"USER_LOGIN_ID": ""}}),
        json!({"authErrorScopes": {"USER_LOGN_ID": "40006"}}),
        json!({"authCode": "c", "authSuccessScopes": ["KYC_INFO", "KYC_INFO"]}),
        json!({"authCode": "c", "authSuccessScopes": ["KYC_INFO"],
               "authErrorScopes": {"KYC_INFO": "3"}}),
        json!({"authErrorScopes": {"KYC_INFO": "3"}, "error": "x"}),
        json!({"authErrorScopes": {"KYC_INFO": "3"}, "errorMessage": 1}),
        // Both kinds at once is unknown-kind in validate.
        json!({"authErrorScopes": {"KYC_INFO": "3"}, "scopes": ["KYC_INFO"]}),
    ] {
        assert!(!response.is_valid(&bad), "accepted {bad}");
    }
    // What validate only warns about, the schema accepts.
    for warned in [
        json!({"authErrorScopes": {"KYC_INFO": "99"}, "traceId": "t"}),
        json!({"authCode": "c", "authSuccessScopes": ["KYC_INFO"], "authErrorScopes": {}}),
        json!({"authErrorScopes": {"KYC_INFO": "3"}, "error": 3, "errorMessage": "no"}),
        json!({"authErrorScopes": {"KYC_INFO": "3"}, "error": "3"}),
        // U+FEFF and U+200B are neither whitespace nor control characters.
        json!({"authCode": "a\u{feff}\u{200b}", "authSuccessScopes": ["KYC_INFO"]}),
    ] {
        assert!(response.is_valid(&warned), "rejected {warned}");
    }
    let request = validator(&exported("request", None));
    for bad in [
        json!({"scopes": []}),
        json!({"scopes": "USER_LOGIN_ID"}),
        json!({"scopes": ["USER_LOGIN_ID", "USER_LOGIN_ID"]}),
        json!({"scopes": ["user_login_id"]}),
        json!({"scopes": [1]}),
        json!(["USER_LOGIN_ID"]),
        json!({"scopes": ["KYC_INFO"], "authCode": "c"}),
    ] {
        assert!(!request.is_valid(&bad), "accepted {bad}");
    }
    assert!(request.is_valid(&json!({"scopes": ["KYC_INFO"], "app": "x"})));
}

// ---------------------------------------------------------------------------------------
// The differential test, on arbitrary documents of the shared generator (support/docgen).
//
// A schema sees a parsed JSON value, so it cannot express:
// - `syntax`: text that is not JSON (or trailing content) has no value to check;
// - `encoding`: likewise for bytes that are not UTF-8 (not generated: NDJSON lines are text);
// - `duplicate-key`: parsers keep one of the repeated keys, so the schema never sees both;
// - `scope-unanswered` / `scope-not-requested`: they compare with `--expect-scopes`/
//   `--request`, a per-run input; the exported schema is per catalog (pairing is not used
//   here);
// - `io`: not about a document.
// Those documents are excluded, identified by the test itself (serde_json cannot parse the
// line; a key repeats in some object), not by what validate reports, so a wrong verdict from
// validate cannot hide a case. `unknown-kind` *is* compared: the test picks the schema with
// validate's detection rule, and a document of neither kind (or of both) must be rejected by
// both schemas, which say "no response fields" in a request and "no scopes" in a response.
// `scope-conflict` is compared too: with a finite catalog the schema has one clause per scope.
// Warnings (`unknown-field`, `unknown-error-code`, `bom`) do not change a verdict without
// `--strict`, and the schema accepts what they flag.
// ---------------------------------------------------------------------------------------

/// Whether any object in the JSON text repeats a key.
struct HasDuplicateKey(bool);

impl<'de> Deserialize<'de> for HasDuplicateKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = HasDuplicateKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(HasDuplicateKey(false))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(HasDuplicateKey(false))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(HasDuplicateKey(false))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(HasDuplicateKey(false))
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(HasDuplicateKey(false))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(HasDuplicateKey(false))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut dup = false;
                while let Some(HasDuplicateKey(d)) = seq.next_element()? {
                    dup |= d;
                }
                Ok(HasDuplicateKey(dup))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut seen = HashSet::new();
                let mut dup = false;
                while let Some(key) = map.next_key::<String>()? {
                    dup |= !seen.insert(key);
                    let HasDuplicateKey(d) = map.next_value()?;
                    dup |= d;
                }
                Ok(HasDuplicateKey(dup))
            }
        }
        d.deserialize_any(V)
    }
}

/// Why a document is left out of the comparison, if it is.
fn excluded(line: &str) -> Option<&'static str> {
    if let Err(e) = serde_json::from_str::<Value>(line) {
        // A lone UTF-16 surrogate escape ("\ud800") decodes to no Unicode text: validate
        // calls it `encoding`; serde_json words it "surrogate" or "hex escape".
        let message = e.to_string();
        let lower = line.to_ascii_lowercase();
        let high_surrogate = ["\\ud8", "\\ud9", "\\uda", "\\udb"]
            .iter()
            .any(|h| lower.contains(h));
        let not_text =
            message.contains("surrogate") || (message.contains("hex escape") && high_surrogate);
        return Some(if not_text { "encoding" } else { "syntax" });
    }
    match serde_json::from_str::<HasDuplicateKey>(line) {
        Ok(HasDuplicateKey(true)) => Some("duplicate-key"),
        _ => None,
    }
}

/// The kind by validate's rule: `scopes` makes a request, any response field a response
/// (`error` too where the wallet publishes it), and both make neither; where scopes are
/// optional (default scopes), an object without any response field (`error` and
/// `errorMessage` included) is a request.
fn kind(doc: &Value, profile: &Value) -> Option<&'static str> {
    let obj = doc.as_object()?;
    let has_scopes = obj.contains_key("scopes");
    let publishes_error = profile["responseFields"]
        .as_array()
        .is_some_and(|f| f.contains(&json!("error")));
    let response = ["authCode", "authSuccessScopes", "authErrorScopes"]
        .iter()
        .any(|k| obj.contains_key(*k))
        || (publishes_error && obj.contains_key("error"));
    let any_response_field = [
        "authCode",
        "authSuccessScopes",
        "authErrorScopes",
        "error",
        "errorMessage",
    ]
    .iter()
    .any(|k| obj.contains_key(*k));
    let request = has_scopes || (!profile["defaultScopes"].is_null() && !any_response_field);
    match (request, response) {
        (true, false) => Some("request"),
        (false, true) => Some("response"),
        _ => None,
    }
}

/// A comma-separated `scopes` string that repeats a name: validate reports
/// `duplicate-scope`; a schema pattern cannot see the repetition.
fn repeats_in_a_scope_string(doc: &Value, profile: &Value) -> bool {
    if profile["stringScopes"] != "comma-separated" {
        return false;
    }
    let Some(text) = doc.get("scopes").and_then(Value::as_str) else {
        return false;
    };
    let names: Vec<&str> = text.split(',').collect();
    names
        .iter()
        .enumerate()
        .any(|(i, n)| names[..i].contains(n))
}

/// Error rules a schema cannot express, as argued above (pairing and `io` never arise here).
const UNEXPRESSIBLE: &[&str] = &["syntax", "encoding", "duplicate-key"];

/// Error rules the exported schemas express, each of which the corpus must exercise alone.
const EXPRESSIBLE: &[&str] = &[
    "not-object",
    "unknown-kind",
    "missing-field",
    "wrong-type",
    "empty",
    "unknown-scope",
    "duplicate-scope",
    "scope-conflict",
    "invalid-auth-code",
];

const CORPUS_SIZE: usize = 2_400;
const SEED: u64 = 0x00A7_4C0D;

/// The exported schema of `wallet`.
fn wallet_schema(kind: &str, wallet: &str) -> Value {
    let out = authcode()
        .args(["--wallet", wallet, "schema", kind])
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).expect("the schema is JSON")
}

/// What the differential run of one wallet counted.
struct Tallies {
    compared: usize,
    valid: usize,
    tally: BTreeMap<String, usize>,
    sole_error: BTreeMap<String, usize>,
    warned_valid: BTreeMap<String, usize>,
}

#[test]
fn schema_verdicts_equal_validate_verdicts() {
    let t = differential("dana");
    let (compared, valid, tally, sole_error, warned_valid) =
        (t.compared, t.valid, t.tally, t.sole_error, t.warned_valid);
    assert!(compared >= 2_000, "only {compared} compared: {tally:?}");
    assert!(
        valid >= 400 && compared - valid >= 400,
        "a lopsided corpus: {tally:?}"
    );
    for rule in EXPRESSIBLE {
        let n = sole_error.get(*rule).copied().unwrap_or(0);
        assert!(
            n >= 5,
            "only {n} documents fail by {rule} alone; the corpus should exercise every rule a schema expresses: {sole_error:?}"
        );
    }
    for rule in ["unknown-field", "unknown-error-code"] {
        let n = warned_valid.get(rule).copied().unwrap_or(0);
        assert!(
            n >= 5,
            "only {n} valid documents warn {rule}: {warned_valid:?}"
        );
    }
}

/// The same comparison under every other built-in wallet: its own scopes, string or
/// comma-separated `scopes`, default scopes, required parameters, number error values and
/// the `error` field where it publishes them.
#[test]
fn every_wallets_schema_agrees_with_validate() {
    for wallet in &crate::support::WALLETS[1..] {
        let t = differential(wallet);
        assert!(
            t.compared >= 2_000,
            "{wallet}: only {} compared: {:?}",
            t.compared,
            t.tally
        );
        assert!(
            t.valid >= 300 && t.compared - t.valid >= 300,
            "{wallet}: a lopsided corpus: {:?}",
            t.tally
        );
    }
}

/// Generates a corpus for `wallet`, checks it with `validate --wallet` and with the exported
/// schemas, and fails on any disagreement.
fn differential(wallet: &str) -> Tallies {
    let catalog: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("src/profile/wallets/{wallet}.json")),
        )
        .unwrap(),
    )
    .unwrap();
    let mut gen = Generator::for_profile(SEED, catalog.clone());
    let lines: Vec<String> = (0..CORPUS_SIZE).map(|_| gen.arbitrary_line()).collect();

    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.ndjson");
    std::fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    let out = authcode()
        .args(["--wallet", wallet, "validate", "--format", "json"])
        .arg(&corpus)
        .run();
    assert!(
        matches!(out.code, 0 | 1),
        "validate failed to run: {:?}\n{}",
        out.code,
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");
    let documents = report["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), lines.len(), "one report entry per line");

    let request = validator(&wallet_schema("request", wallet));
    let response = validator(&wallet_schema("response", wallet));

    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    // Documents whose only error is this rule: proof that the schema decides on it alone.
    let mut sole_error: BTreeMap<String, usize> = BTreeMap::new();
    // Warnings on valid documents: what the schema must accept.
    let mut warned_valid: BTreeMap<String, usize> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for (i, (line, reported)) in lines.iter().zip(documents).enumerate() {
        assert_eq!(reported["line"], json!(i + 1), "report order");
        let by_validate = reported["valid"].as_bool().expect("valid is a boolean");
        let errors: Vec<&str> = reported["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| d["rule"].as_str().unwrap())
            .collect();
        let unexpressible = errors.iter().find(|r| UNEXPRESSIBLE.contains(r));
        if let Some(why) = excluded(line) {
            // Not compared; validate must reject it for that very reason.
            assert!(
                errors.contains(&why),
                "validate does not report {why}: {line}\n  {}",
                reported["diagnostics"]
            );
            *tally.entry(format!("excluded {why}")).or_default() += 1;
            continue;
        }
        assert!(
            unexpressible.is_none(),
            "validate reports {unexpressible:?} on a document the test compares: {line}\n  {}",
            reported["diagnostics"]
        );
        if let [only] = errors.as_slice() {
            *sole_error.entry(only.to_string()).or_default() += 1;
        }
        if by_validate {
            for d in reported["diagnostics"].as_array().unwrap() {
                *warned_valid
                    .entry(d["rule"].as_str().unwrap().to_string())
                    .or_default() += 1;
            }
        }
        let doc: Value = serde_json::from_str(line).unwrap();
        if kind(&doc, &catalog) == Some("request") && repeats_in_a_scope_string(&doc, &catalog) {
            assert!(errors.contains(&"duplicate-scope"), "{wallet}: {line}");
            *tally.entry("excluded comma-duplicate".into()).or_default() += 1;
            continue;
        }
        let kind = kind(&doc, &catalog);
        let by_schema = match kind {
            Some("request") => request.is_valid(&doc),
            Some(_) => response.is_valid(&doc),
            None => request.is_valid(&doc) || response.is_valid(&doc),
        };
        *tally
            .entry(format!(
                "compared {} {}",
                kind.unwrap_or("neither"),
                if by_schema { "valid" } else { "invalid" }
            ))
            .or_default() += 1;
        if by_schema != by_validate {
            let errors: Vec<String> = match kind {
                Some("request") => request.iter_errors(&doc).map(|e| e.to_string()).collect(),
                _ => response.iter_errors(&doc).map(|e| e.to_string()).collect(),
            };
            disagreements.push(format!(
                "{wallet} line {}: {line}\n  schema says {}, validate says {}\n  schema errors: {errors:?}\n  validate diagnostics: {}",
                i + 1,
                if by_schema { "valid" } else { "invalid" },
                if by_validate { "valid" } else { "invalid" },
                reported["diagnostics"]
            ));
        }
    }
    let compared: usize = tally
        .iter()
        .filter(|(k, _)| k.starts_with("compared"))
        .map(|(_, n)| n)
        .sum();
    let valid: usize = tally
        .iter()
        .filter(|(k, _)| k.starts_with("compared") && k.ends_with(" valid"))
        .map(|(_, n)| n)
        .sum();
    assert!(
        disagreements.is_empty(),
        "{} of {compared} documents disagree (tally {tally:?}):\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    Tallies {
        compared,
        valid,
        tally,
        sole_error,
        warned_valid,
    }
}
