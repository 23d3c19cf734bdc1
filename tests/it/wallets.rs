//! Built-in wallet profiles: `--wallet NAME`, `authcode wallets`, `validate --wallet all`,
//! the published samples as fixtures, and each difference between wallets shown by a
//! document (or a command) that one wallet accepts and another refuses.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::support::{authcode, pty, TestCommand, WALLETS};

/// `authcode ARGS`: exit code, stdout, stderr.
fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut cmd = authcode();
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.stdin(input);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The error rules `validate` reports on `doc` under `wallet` (empty: valid).
fn refusals(wallet: &str, doc: &str) -> Vec<String> {
    let (code, out, err) = run(
        &["--wallet", wallet, "validate", "--format", "json", "-"],
        Some(doc),
    );
    assert!(matches!(code, 0 | 1), "{wallet}: exit {code}: {err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    let doc = &report["documents"][0];
    let rules: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(doc["valid"], json!(rules.is_empty()));
    assert_eq!(code, i32::from(!rules.is_empty()), "{wallet}: exit code");
    rules
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_wallets_fixtures_are_valid_under_that_wallet() {
    for wallet in WALLETS {
        let dir = root().join("examples/wallets").join(wallet);
        let files = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .count();
        assert!(files > 0, "{wallet} has no fixture");
        let (code, out, err) = run(
            &[
                "--wallet",
                wallet,
                "validate",
                "--strict",
                dir.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(code, 0, "{wallet}:\n{out}{err}");
        assert!(
            out.ends_with(&format!(
            "{files} documents in {files} files: {files} valid, 0 invalid, 0 errors, 0 warnings\n"
        )) || (files == 1
                && out
                    .ends_with("1 document in 1 file: 1 valid, 0 invalid, 0 errors, 0 warnings\n")),
            "{wallet}: {out}"
        );
    }
}

#[test]
fn each_difference_between_wallets_passes_under_one_and_fails_under_another() {
    // (what differs, document, a wallet that accepts it, a wallet that refuses it, the rule)
    let cases = [
        (
            "scope names",
            r#"{"scopes": ["USER_LOGIN_ID"]}"#,
            "dana",
            "gcash",
            "unknown-scope",
        ),
        (
            "scope names",
            r#"{"scopes": ["auth_zhima"]}"#,
            "alipaycn",
            "tng",
            "unknown-scope",
        ),
        (
            "a single string",
            r#"{"scopes": "auth_base"}"#,
            "tng",
            "dana",
            "wrong-type",
        ),
        (
            "a single string",
            r#"{"scopes": "auth_base"}"#,
            "gcash",
            "alipayplus",
            "wrong-type",
        ),
        (
            "a single string",
            r#"{"scopes": "auth_base"}"#,
            "alipaycn",
            "alipayplus-connect",
            "wrong-type",
        ),
        (
            "comma-separated",
            r#"{"scopes": "auth_base,auth_user"}"#,
            "alipaycn",
            "tng",
            "wrong-type",
        ),
        ("default scopes", r#"{}"#, "tng", "gcash", "unknown-kind"),
        (
            "default scopes",
            r#"{"success": "function"}"#,
            "alipayplus",
            "dana",
            "unknown-kind",
        ),
        (
            "required parameter",
            r#"{"scopes": ["USER_NAME"]}"#,
            "tng",
            "alipayhk",
            "missing-field",
        ),
        (
            "required parameter",
            r#"{"scopes": ["USER_NAME"], "authClientId": ""}"#,
            "tng",
            "alipayhk",
            "empty",
        ),
        (
            "number error values",
            r#"{"authErrorScopes": {"USER_NAME": 11}}"#,
            "alipayhk",
            "tng",
            "wrong-type",
        ),
        (
            "string error values",
            r#"{"authErrorScopes": {"USER_NAME": "11"}}"#,
            "tng",
            "alipayhk",
            "wrong-type",
        ),
        (
            "error alone",
            r#"{"error": 4, "errorMessage": "no permission"}"#,
            "alipaycn",
            "gcash",
            "unknown-kind",
        ),
        (
            "error alone",
            r#"{"error": 4, "errorMessage": "no permission"}"#,
            "alipayplus-connect",
            "dana",
            "unknown-kind",
        ),
        (
            "error checked",
            r#"{"authErrorScopes": {"auth_user": "10001"}, "error": "4"}"#,
            "alipayplus",
            "alipaycn",
            "wrong-type",
        ),
        (
            "errorMessage checked",
            r#"{"authErrorScopes": {"auth_user": "4"}, "error": 4, "errorMessage": 4}"#,
            "alipaycn",
            "alipaycn",
            "wrong-type",
        ),
        (
            "case-sensitive names",
            r#"{"scopes": ["USER_INFO"]}"#,
            "tng",
            "alipaycn",
            "unknown-scope",
        ),
    ];
    for (what, doc, accepts, refuses, rule) in cases {
        if accepts != refuses {
            assert_eq!(
                refusals(accepts, doc),
                Vec::<String>::new(),
                "{what}: {accepts} on {doc}"
            );
        }
        let rules = refusals(refuses, doc);
        assert!(
            rules.iter().any(|r| r == rule),
            "{what}: {refuses} on {doc}: {rules:?}"
        );
    }
}

#[test]
fn a_number_error_fixes_to_a_number_and_a_string_error_to_a_string() {
    let (code, out, _) = run(
        &["--wallet", "alipayhk", "validate", "-"],
        Some(r#"{"authErrorScopes": {"USER_NAME": "11"}}"#),
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("error values are numbers, found a string"),
        "{out}"
    );
    assert!(out.contains("= hint: write 11\n"), "{out}");
    let (_, out, _) = run(
        &["--wallet", "alipaycn", "validate", "-"],
        Some(r#"{"error": "4"}"#),
    );
    assert!(
        out.contains("error must be a whole number for Alipay CN, found a string"),
        "{out}"
    );
    assert!(out.contains("= hint: write 4\n"), "{out}");
}

#[test]
fn wallets_lists_every_profile_as_a_table_and_as_json() {
    let (code, out, err) = run(&["wallets"], None);
    assert_eq!((code, err.as_str()), (0, ""));
    // The table, a blank line, and the note on the ERRORS column.
    let lines: Vec<&str> = out.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1 + WALLETS.len());
    assert!(
        out.ends_with(").\n") && out.contains("\n\nERRORS: "),
        "{out}"
    );
    assert!(lines[0].starts_with("NAME ") && lines[0].contains("SOURCE"));
    for (line, wallet) in lines[1..].iter().zip(WALLETS) {
        assert!(line.starts_with(&format!("{wallet} ")), "{line}");
    }
    let (code, out, _) = run(&["wallets", "--json"], None);
    assert_eq!(code, 0);
    let rows: Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, WALLETS);
    let count = |name: &str| {
        rows.iter().find(|r| r["name"] == name).unwrap()["scopes"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        [
            count("dana"),
            count("gcash"),
            count("tng"),
            count("alipayhk"),
            count("alipaycn")
        ],
        [25, 2, 12, 1, 12]
    );
    assert_eq!(rows[4]["wallet"], "Touch 'n Go eWallet");
    assert!(rows
        .iter()
        .all(|r| !r["source"].as_str().unwrap().is_empty()));
}

#[test]
fn wallet_flag_and_env_choose_the_scopes() {
    let (_, out, _) = run(&["--wallet", "gcash", "scopes"], None);
    assert!(
        out.starts_with("auth_base  ") && out.lines().count() == 2,
        "{out}"
    );
    let out = authcode()
        .env("AUTHCODE_WALLET", "alipayhk")
        .args(["scopes", "--json"])
        .output()
        .unwrap();
    let scopes: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(scopes[0]["scope"], "USER_NAME");
    // An empty variable means unset, as with AUTHCODE_CATALOG.
    let out = authcode()
        .env("AUTHCODE_WALLET", "")
        .arg("scopes")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 25);
    // Silent scopes say so in JSON.
    let (_, out, _) = run(&["--wallet", "tng", "scopes", "--json", "base"], None);
    let scopes: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(scopes[0]["silent"], true);
    let (_, out, _) = run(&["scopes", "--json", "kyc"], None);
    assert!(!out.contains("silent"), "DANA's JSON is unchanged: {out}");
}

#[test]
fn an_unknown_wallet_is_a_usage_error_with_did_you_mean_and_the_list() {
    let (code, out, err) = run(&["--wallet", "GCash", "scopes"], None);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "error: unknown wallet GCash\n  hint: did you mean gcash?\n  hint: wallets: dana, alipayplus, alipayplus-connect, gcash, tng, alipayhk, alipaycn; validate also takes several (A,B) or all\n"
    );
    let (code, _, err) = run(&["--wallet", "paypal", "scopes"], None);
    assert_eq!(code, 2);
    assert!(
        !err.contains("did you mean") && err.contains("wallets: dana"),
        "{err}"
    );
    let (code, _, err) = run(&["--wallet", "all", "scopes"], None);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: --wallet all applies to validate only"),
        "{err}"
    );
}

fn catalog_file(dir: &Path) -> PathBuf {
    let path = dir.join("wallet.json");
    std::fs::write(
        &path,
        r#"{"name": "FilePay", "scopes": [{"scope": "FILE_SCOPE", "description": "d"}]}"#,
    )
    .unwrap();
    path
}

#[test]
fn a_flag_beats_the_environment_and_two_flags_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = catalog_file(dir.path());
    let first = |cmd: &mut TestCommand| {
        let out = cmd.output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        text.split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    // --wallet beats AUTHCODE_CATALOG; --catalog beats AUTHCODE_WALLET.
    assert_eq!(
        first(
            authcode()
                .env("AUTHCODE_CATALOG", &file)
                .args(["--wallet", "gcash", "scopes"])
        ),
        "auth_base"
    );
    assert_eq!(
        first(
            authcode()
                .env("AUTHCODE_WALLET", "gcash")
                .arg("--catalog")
                .arg(&file)
                .arg("scopes")
        ),
        "FILE_SCOPE"
    );
    // Both in the environment: the catalog file, the more specific.
    assert_eq!(
        first(
            authcode()
                .env("AUTHCODE_WALLET", "gcash")
                .env("AUTHCODE_CATALOG", &file)
                .arg("scopes")
        ),
        "FILE_SCOPE"
    );
    let out = authcode()
        .arg("--catalog")
        .arg(&file)
        .args(["--wallet", "gcash", "scopes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with("error: --catalog and --wallet both choose a profile; give one\n"));
}

#[test]
fn a_catalog_file_in_the_extended_format_drives_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wallet.json");
    std::fs::write(
        &path,
        r#"{"name": "ExtPay", "source": "a test", "scopes": [
            {"scope": "base", "description": "b", "silent": true},
            {"scope": "full", "description": "f"}],
           "defaultScopes": ["base"], "stringScopes": "one",
           "requestParams": [{"name": "clientId", "description": "c"}],
           "errorValues": "number", "errors": [{"code": "7", "message": "no"}],
           "responseFields": ["error"], "emptyErrorScopes": true}"#,
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let (code, _, _) = run(
        &["--catalog", p, "validate", "-"],
        Some(r#"{"scopes": "full", "clientId": "x"}"#),
    );
    assert_eq!(code, 0);
    let (code, _, _) = run(
        &["--catalog", p, "validate", "-"],
        Some(r#"{"scopes": "full"}"#),
    );
    assert_eq!(code, 1);
    let (code, out, _) = run(
        &[
            "--catalog",
            p,
            "request",
            "--param",
            "clientId=x",
            "--deny",
            "--scopes",
            "base,full",
            "--seed",
            "1",
            "--compact",
        ],
        None,
    );
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["authSuccessScopes"], json!(["base"]));
    assert_eq!(doc["authErrorScopes"], json!({"full": 7}));
    let (_, out, _) = run(&["--catalog", p, "schema", "request"], None);
    let schema: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(schema["required"], json!(["clientId"]));
}

#[test]
fn validate_all_says_which_wallets_accept_each_document() {
    let dir = tempfile::tempdir().unwrap();
    let everywhere = dir.path().join("everywhere.json");
    std::fs::write(
        &everywhere,
        r#"{"authCode": "c", "authSuccessScopes": ["USER_NAME"]}"#,
    )
    .unwrap();
    let string = dir.path().join("string.json");
    std::fs::write(&string, r#"{"scopes": "auth_base"}"#).unwrap();
    let lines = dir.path().join("two.ndjson");
    std::fs::write(
        &lines,
        "{\"scopes\": [\"nope\"]}\n{\"scopes\": [\"auth_user\"]}\n",
    )
    .unwrap();
    let (e, s, l) = (
        everywhere.to_str().unwrap(),
        string.to_str().unwrap(),
        lines.to_str().unwrap(),
    );
    // USER_NAME is a scope of TNG and AlipayHK only: a success naming it is not everywhere.
    let (code, out, _) = run(&["validate", "--wallet", "all", e], None);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!("{e}: accepted by tng, alipayhk; refused by dana (unknown-scope), alipayplus (unknown-scope), alipayplus-connect (unknown-scope), gcash (unknown-scope), alipaycn (unknown-scope)\n1 document in 1 file: 0 accepted by every wallet, 1 by some, 0 by none\n")
    );
    let (code, out, _) = run(&["validate", "--wallet", "all", s, l], None);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!("{s}: accepted by gcash, tng, alipaycn; refused by dana (wrong-type), alipayplus (wrong-type), alipayplus-connect (wrong-type), alipayhk (missing-field, wrong-type)\n\
{l}:1: refused by dana (unknown-scope), alipayplus (unknown-scope), alipayplus-connect (unknown-scope), gcash (unknown-scope), tng (unknown-scope), alipayhk (missing-field, unknown-scope), alipaycn (unknown-scope)\n\
{l}:2: accepted by alipayplus, alipayplus-connect, gcash, tng, alipaycn; refused by dana (unknown-scope), alipayhk (missing-field, unknown-scope)\n\
3 documents in 2 files: 0 accepted by every wallet, 2 by some, 1 by none\n")
    );
    // A document every wallet accepts exits 0.
    let both = dir.path().join("both.json");
    std::fs::write(&both, r#"{"scopes": ["auth_base"], "authClientId": "x"}"#).unwrap();
    let (code, out, _) = run(
        &["validate", "--wallet", "all", both.to_str().unwrap()],
        None,
    );
    assert!(
        code != 0 || out.contains("1 accepted by every wallet"),
        "{out}"
    );
    let (code, out, _) = run(
        &["--wallet", "all", "validate", "--format", "json", s],
        None,
    );
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["wallets"], json!(WALLETS));
    assert_eq!(
        report["documents"][0]["accepted"],
        json!(["gcash", "tng", "alipaycn"])
    );
    assert_eq!(
        report["documents"][0]["refused"][3],
        json!({"wallet": "alipayhk", "rules": ["missing-field", "wrong-type"]})
    );
    assert_eq!(
        report["summary"],
        json!({"files": 1, "documents": 1, "everywhere": 0, "some": 1, "none": 0})
    );
}

#[test]
fn validate_across_wallets_exits_0_only_when_each_accepts_every_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fail.json");
    std::fs::write(&path, r#"{"authErrorScopes": {"auth_user": "40006"}}"#).unwrap();
    let p = path.to_str().unwrap();
    // DANA shares no scope with the others: under all, this fixture cannot pass.
    let (code, out, _) = run(&["validate", "--wallet", "all", p], None);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("accepted by alipayplus, alipayplus-connect, gcash, tng, alipaycn; refused by dana (unknown-scope), alipayhk (unknown-scope, wrong-type)"), "{out}");
    // The wallets a team ships to: every one accepts it, exit 0.
    let (code, out, _) = run(&["validate", "--wallet", "gcash,tng,alipaycn", p], None);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        format!("{p}: accepted by gcash, tng, alipaycn\n1 document in 1 file: 1 accepted by every wallet, 0 by some, 0 by none\n")
    );
    // One of them refuses it: exit 1.
    let (code, _, _) = run(&["validate", "--wallet", "gcash,dana", p], None);
    assert_eq!(code, 1);
    // --quiet keeps the summary line.
    let (_, out, _) = run(&["validate", "--quiet", "--wallet", "gcash,tng", p], None);
    assert_eq!(
        out,
        "1 document in 1 file: 1 accepted by every wallet, 0 by some, 0 by none\n"
    );
    // Unreadable paths: 2. Stdin, GitHub/JUnit formats, and a misspelled wallet: refused, 2.
    let missing = dir.path().join("missing.json");
    let (code, out, err) = run(
        &["validate", "--wallet", "all", missing.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 2, "{out}");
    // Said once on stderr, as in a one-wallet run, and not a document of the report.
    assert_eq!(err.matches("error: cannot read ").count(), 1, "{err}");
    assert!(
        err.contains("missing.json: No such file or directory"),
        "{err}"
    );
    let (code, _, err) = run(&["validate", "--wallet", "all", "-"], Some("{}"));
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: validate with several wallets reads files, not stdin"),
        "{err}"
    );
    let (code, _, err) = run(
        &["validate", "--wallet", "all", "--format", "junit", p],
        None,
    );
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["validate", "--wallet", "gcash,alipyhk", p], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown wallet alipyhk") && err.contains("did you mean alipayhk?"),
        "{err}"
    );
}

#[test]
fn request_follows_the_wallet() {
    // Default scopes: TNG asks for auth_base when none are named; GCash has none.
    let (code, out, _) = run(
        &[
            "--wallet",
            "tng",
            "request",
            "--approve",
            "--seed",
            "1",
            "--compact",
        ],
        None,
    );
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["authSuccessScopes"], json!(["auth_base"]));
    let (code, _, err) = run(&["--wallet", "gcash", "request", "--approve"], None);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: no scopes to request"), "{err}");
    // Silent scopes are granted whatever the decision.
    let (_, out, _) = run(
        &[
            "--wallet",
            "tng",
            "request",
            "--scopes",
            "auth_base,USER_NAME",
            "--deny",
            "--seed",
            "1",
            "--compact",
        ],
        None,
    );
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["authSuccessScopes"], json!(["auth_base"]));
    assert_eq!(doc["authErrorScopes"], json!({"USER_NAME": "40006"}));
    // Only silent scopes: nothing to ask, so no terminal is needed.
    let (code, out, err) = run(
        &[
            "--wallet",
            "gcash",
            "request",
            "--scopes",
            "auth_base",
            "--seed",
            "1",
            "--compact",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["authSuccessScopes"], json!(["auth_base"]));
    let (code, _, err) = run(
        &["--wallet", "gcash", "request", "--scopes", "auth_user"],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.starts_with("error: cannot ask for consent"), "{err}");
    // Alipay+ Connect's success carries an empty authErrorScopes; Alipay+'s does not.
    let success = |wallet: &str| {
        run(
            &[
                "--wallet",
                wallet,
                "request",
                "--scopes",
                "auth_user",
                "--approve",
                "--seed",
                "1",
                "--compact",
            ],
            None,
        )
        .1
    };
    assert!(success("alipayplus-connect").contains(r#""authErrorScopes":{}"#));
    assert!(!success("alipayplus").contains("authErrorScopes"));
    // AlipayHK: number error values, and authClientId required.
    let (code, _, err) = run(
        &[
            "--wallet",
            "alipayhk",
            "request",
            "--scopes",
            "USER_NAME",
            "--deny",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: AlipayHK requires the request parameter authClientId\n  hint: give it: --param authClientId=VALUE\n"
    );
    let (code, out, _) = run(
        &[
            "--wallet",
            "alipayhk",
            "request",
            "--scopes",
            "USER_NAME",
            "--param",
            "authClientId=2102",
            "--deny",
            "--compact",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(out, "{\"authErrorScopes\":{\"USER_NAME\":11}}\n");
    let (_, out, _) = run(
        &[
            "--wallet",
            "alipayhk",
            "request",
            "--scopes",
            "USER_NAME",
            "--param",
            "authClientId=2102",
            "--payload",
            "--format",
            "js",
        ],
        None,
    );
    assert_eq!(
        out,
        "my.getAuthCode({\n  scopes: ['USER_NAME'],\n  authClientId: '2102',\n  success: (res) => {\n    my.alert({\n      content: res.authCode,\n    });\n  },\n  fail: (res) => {\n    console.log(res.authErrorScopes);\n  },\n});\n"
    );
    let (_, out, _) = run(
        &[
            "--wallet",
            "alipayhk",
            "request",
            "--scopes",
            "USER_NAME",
            "--param",
            "authClientId=2102",
            "--payload",
            "--compact",
        ],
        None,
    );
    assert_eq!(
        out,
        "{\"scopes\":[\"USER_NAME\"],\"authClientId\":\"2102\"}\n"
    );
    // The parameter from a request file; a parameter DANA does not know is refused.
    let (code, out, _) = run(
        &[
            "--wallet",
            "alipayhk",
            "request",
            "--from",
            "-",
            "--payload",
            "--compact",
        ],
        Some(r#"{"scopes": ["USER_NAME"], "authClientId": "77"}"#),
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "{\"scopes\":[\"USER_NAME\"],\"authClientId\":\"77\"}\n")
    );
    let (code, _, err) = run(
        &[
            "request",
            "--scopes",
            "KYC_INFO",
            "--param",
            "authClientId=1",
            "--approve",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("not a request parameter of DANA")
            && err.contains("DANA requires no request parameter"),
        "{err}"
    );
    // String scopes in a request file, where the wallet allows them.
    let (code, out, _) = run(
        &[
            "--wallet",
            "alipaycn",
            "request",
            "--from",
            "-",
            "--approve",
            "--seed",
            "2",
            "--compact",
        ],
        Some(r#"{"scopes": "auth_base,auth_user"}"#),
    );
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["authSuccessScopes"], json!(["auth_base", "auth_user"]));
}

#[test]
fn a_request_without_scopes_pairs_with_the_default_scopes() {
    let dir = tempfile::tempdir().unwrap();
    let request = dir.path().join("request.json");
    std::fs::write(&request, "{}").unwrap();
    let r = request.to_str().unwrap();
    let granted = r#"{"authCode": "c", "authSuccessScopes": ["auth_base"]}"#;
    let (code, out, err) = run(
        &["--wallet", "tng", "validate", "--request", r, "-"],
        Some(granted),
    );
    assert_eq!(code, 0, "{out}{err}");
    let other = r#"{"authCode": "c", "authSuccessScopes": ["USER_NAME"]}"#;
    let (code, out, _) = run(
        &["--wallet", "tng", "validate", "--request", r, "-"],
        Some(other),
    );
    assert_eq!(code, 1);
    assert!(out.contains("error[scope-not-requested]"), "{out}");
}

#[test]
fn what_request_prints_validates_under_the_same_wallet() {
    for wallet in WALLETS {
        let (_, scopes, _) = run(&["--wallet", wallet, "scopes", "--json"], None);
        let scopes: Value = serde_json::from_str(&scopes).unwrap();
        let names: Vec<&str> = scopes
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["scope"].as_str().unwrap())
            .take(2)
            .collect();
        let mut args = vec!["--wallet", wallet, "request", "--scopes"];
        let list = names.join(",");
        args.push(&list);
        if wallet == "alipayhk" {
            args.extend(["--param", "authClientId=1"]);
        }
        for decision in ["--approve", "--deny"] {
            let mut args = args.clone();
            args.push(decision);
            if decision == "--approve" {
                args.extend(["--seed", "4"]);
            }
            let (code, out, err) = run(&args, None);
            assert_eq!(code, 0, "{wallet} {decision}: {err}");
            assert_eq!(
                refusals(wallet, &out),
                Vec::<String>::new(),
                "{wallet} {decision}: {out}"
            );
        }
    }
}

#[test]
fn each_wallets_schema_names_it_and_follows_it() {
    for wallet in WALLETS {
        for kind in ["request", "response"] {
            let (code, out, _) = run(&["--wallet", wallet, "schema", kind], None);
            assert_eq!(code, 0);
            let schema: Value = serde_json::from_str(&out).unwrap();
            assert!(jsonschema::meta::is_valid(&schema), "{wallet} {kind}");
        }
    }
    let request = |wallet: &str| {
        let (_, out, _) = run(&["--wallet", wallet, "schema", "request"], None);
        jsonschema::draft202012::new(&serde_json::from_str::<Value>(&out).unwrap()).unwrap()
    };
    assert!(request("tng").is_valid(&json!({"scopes": "auth_base"})));
    assert!(!request("dana").is_valid(&json!({"scopes": "KYC_INFO"})));
    assert!(request("alipaycn").is_valid(&json!({"scopes": "auth_base,auth_user"})));
    assert!(!request("alipaycn").is_valid(&json!({"scopes": "auth_base,"})));
    assert!(!request("alipayhk").is_valid(&json!({"scopes": ["USER_NAME"]})));
    assert!(request("tng").is_valid(&json!({})));
}

#[test]
fn completions_follow_the_wallet() {
    let (_, script, _) = run(&["--wallet", "tng", "completions", "bash"], None);
    assert!(script.contains("USER_INFO_EKYC") && !script.contains("USER_LOGIN_ID"));
    let (_, script, _) = run(&["--wallet", "alipayhk", "completions", "fish"], None);
    assert!(
        script.contains("authClientId="),
        "--param offers the wallet's parameters"
    );
    let (_, script, _) = run(&["completions", "zsh"], None);
    for wallet in WALLETS {
        assert!(script.contains(wallet), "--wallet completes {wallet}");
    }
}

#[cfg(unix)]
#[test]
fn the_prompt_names_the_wallet_and_skips_silent_scopes() {
    use expectrl::{Eof, Expect};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let mut p = pty::spawn(
        &[
            "--wallet",
            "tng",
            "request",
            "--scopes",
            "auth_base,USER_NAME",
            "--app-name",
            "Shop",
            "--color",
            "never",
            "--seed",
            "1",
        ],
        Some(&out),
        &[],
    );
    let shown = p.expect("Your decision").expect("the prompt shows");
    let shown = String::from_utf8_lossy(shown.before()).to_string();
    assert!(
        shown.contains("Shop wants to access your Touch 'n Go eWallet account:"),
        "{shown}"
    );
    assert!(
        shown.contains("USER_NAME") && !shown.contains("auth_base"),
        "{shown}"
    );
    p.send("\r").unwrap();
    p.expect(Eof).unwrap();
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(doc["authSuccessScopes"], json!(["auth_base", "USER_NAME"]));
}

#[test]
fn the_js_fail_callback_reads_what_each_wallet_sends_it() {
    let fail = |wallet: &str, scopes: &str| {
        let (code, out, err) = run(
            &[
                "--wallet",
                wallet,
                "request",
                "--scopes",
                scopes,
                "--payload",
                "--format",
                "js",
                "--compact",
            ],
            None,
        );
        assert_eq!(code, 0, "{err}");
        let start = out.find("fail: ").expect("a fail callback");
        out[start..].to_string()
    };
    // Alipay CN's fail callback gets {error, errorMessage} (@mini-types/my), not authErrorScopes.
    assert_eq!(
        fail("alipaycn", "auth_user"),
        "fail: (res) => { console.log(res.error, res.errorMessage); } });\n"
    );
    assert_eq!(
        fail("alipayplus-connect", "auth_user"),
        "fail: (res) => { console.log(res.error, res.errorMessage); } });\n"
    );
    for (wallet, scope) in [
        ("dana", "USER_LOGIN_ID"),
        ("gcash", "auth_user"),
        ("tng", "auth_user"),
    ] {
        assert_eq!(
            fail(wallet, scope),
            "fail: (res) => { console.log(res.authErrorScopes); } });\n",
            "{wallet}"
        );
    }
}
