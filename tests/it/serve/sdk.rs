//! DANA's official Python SDK (`dana-python`, pinned) against the real server: every row of
//! the Apply Token result-code table, refresh, the profile query, a key-less server, a
//! SIGKILL restart, and Balance Inquiry, Apply OTT and Account Unbinding through `WidgetApi`. The SDK is installed into target/sdk-venv on first use; without python3
//! (and its venv module) or PyPI the test says how to get them and skips, unless
//! AUTHCODE_REQUIRE_TOOLS=1 (set by .ci/run) makes that a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::{json, Value};

use crate::serve::support::*;

const SDK: &str = "dana-python==2.2.2";

pub(crate) fn required() -> bool {
    std::env::var("AUTHCODE_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// The venv's python with the SDK installed, or `None` (after one line on stderr).
pub(crate) fn sdk_python() -> Option<PathBuf> {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match PYTHON.get_or_init(prepare) {
        Ok(python) => Some(python.clone()),
        Err(why) if required() => panic!("AUTHCODE_REQUIRE_TOOLS=1, but {why}"),
        Err(why) => {
            eprintln!(
                "skipped: {why}; install python3 with its venv module (Debian: apt-get install python3-venv) and let pip reach PyPI"
            );
            None
        }
    }
}

fn prepare() -> Result<PathBuf, String> {
    prepare_venv("sdk-venv", SDK)
}

/// A venv in target/`name` with `sdk` (a pinned requirement) installed; its python.
pub(crate) fn prepare_venv(name: &str, sdk: &str) -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(name);
    let python = venv.join("bin").join("python");
    let marker = venv.join(format!(".installed-{sdk}"));
    if marker.exists() && python.exists() {
        return Ok(python);
    }
    let run = |cmd: &mut Command, what: &str| -> Result<(), String> {
        let out = cmd
            .output()
            .map_err(|e| format!("{what} could not run: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            let stderr = String::from_utf8_lossy(&out.stderr);
            Err(format!(
                "{what} failed: {}",
                stderr.lines().last().unwrap_or("").trim()
            ))
        }
    };
    run(
        Command::new("python3").arg("-m").arg("venv").arg(&venv),
        "python3 -m venv",
    )?;
    run(
        Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            sdk,
        ]),
        &format!("pip install {sdk}"),
    )?;
    std::fs::write(&marker, "").map_err(|e| e.to_string())?;
    Ok(python)
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/serve/sdk/widget_flow.py")
}

/// Runs the SDK script with `config`; its JSON report.
pub(crate) fn drive(python: &Path, dir: &Path, config: Value) -> Value {
    let path = dir.join(format!(
        "config-{}.json",
        config["phase"].as_str().unwrap_or("main")
    ));
    std::fs::write(&path, config.to_string()).unwrap();
    let out = crate::support::TestCommand::new(python)
        .arg(script())
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the SDK script failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_of(&out.stdout)
}

pub(crate) fn key_files(dir: &Path) -> (PathBuf, PathBuf) {
    let private = dir.join("merchant.pem");
    let other = dir.join("other.pem");
    std::fs::write(&private, keys().private_pem).unwrap();
    std::fs::write(&other, other_keys().private_pem).unwrap();
    (private, other)
}

fn refused(case: &Value, status: u16, code: &str, message: &str) {
    assert_eq!(case["status"], status, "{case}");
    assert_eq!(case["body"]["responseCode"], code, "{case}");
    assert_eq!(case["body"]["responseMessage"], message, "{case}");
}

fn result_code(profile: &Value) -> &str {
    profile["response"]["body"]["resultInfo"]["resultCode"]
        .as_str()
        .unwrap_or("?")
}

#[test]
fn the_official_python_sdk_gets_every_answer_of_the_table() {
    let Some(python) = sdk_python() else { return };
    let (dir, store) = temp_store();
    every_answer_of_the_table(&python, dir.path(), &store);
}

#[test]
fn the_official_python_sdk_gets_every_answer_of_the_table_on_a_postgres_store() {
    let Some(python) = sdk_python() else { return };
    let Some(pg) = crate::support::postgres::Postgres::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    every_answer_of_the_table(&python, dir.path(), &pg.database("sdk"));
}

/// The Apply Token table, refresh and the profile through the SDK, then a SIGKILL and a
/// restart on the same store; `dir` holds the SDK's key files.
fn every_answer_of_the_table(python: &Path, dir: &Path, store: &Path) {
    let (private, other) = key_files(dir);
    let server = Server::start(
        store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let user = authcode::users::Users::load(None).unwrap();
    let user = user.get("default").unwrap();
    let scopes = vec!["USER_LOGIN_ID".to_string()];
    authcode::sandbox::store::grants::record_code(
        &authcode::sandbox::store::connect(store).unwrap(),
        &authcode::sandbox::store::MintedCode {
            code: "EXPIRED1",
            scopes: &scopes,
            user_id: &user.id,
            user_json: &user.to_json(),
            minted_at: authcode::sandbox::store::now_ms() - 3_600_000,
            wallet: "DANA",
            gateway: "dana",
            code_ttl: None,
        },
    )
    .unwrap();
    let fresh = mint(store, "USER_LOGIN_ID");
    let config = json!({
        "url": server.url, "partner_id": PARTNER,
        "private_key": private, "other_private_key": other,
        "codes": {"fresh": fresh, "spare": mint(store, "USER_LOGIN_ID"), "expired": "EXPIRED1"},
    });
    let r = drive(python, dir, config.clone());

    for success in ["success", "spare_still_unused", "refresh"] {
        assert_eq!(
            r[success]["responseCode"], "2007400",
            "{success}: {}",
            r[success]
        );
        assert_eq!(r[success]["responseMessage"], "Successful");
    }
    refused(&r["used"], 401, "4017400", "Unauthorized. Auth Code Used");
    refused(
        &r["unknown"],
        401,
        "4017400",
        "Unauthorized. Auth Code Invalid",
    );
    refused(
        &r["expired"],
        401,
        "4017400",
        "Unauthorized. Auth Code Expired",
    );
    refused(
        &r["bad_signature"],
        401,
        "4017400",
        "Unauthorized. Invalid Signature",
    );
    refused(
        &r["missing_timestamp"],
        400,
        "4007402",
        "Invalid Mandatory Field {X-TIMESTAMP}",
    );
    refused(
        &r["malformed_timestamp"],
        400,
        "4007401",
        "Invalid Field Format {X-TIMESTAMP}",
    );
    refused(
        &r["refresh_again"],
        401,
        "4017400",
        "Unauthorized. Refresh Token Used",
    );
    assert_ne!(r["refresh"]["accessToken"], r["success"]["accessToken"]);

    assert_eq!(result_code(&r["profile"]), "SUCCESS", "{}", r["profile"]);
    let values: Vec<&str> = r["profile"]["response"]["body"]["userResourceInfos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["6281234567890", "Budi", "62-****7890"]);
    assert_eq!(result_code(&r["profile_denied"]), "ACCESS_DENIED");
    assert_eq!(result_code(&r["profile_revoked"]), "INVALID_ACCESS_TOKEN");
    assert_eq!(result_code(&r["profile_bad_token"]), "INVALID_ACCESS_TOKEN");

    // SIGKILL, restart on the same store: the code stays spent, the token stays valid.
    server.kill();
    let server = Server::start(
        store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let mut after = config;
    after["url"] = server.url.clone().into();
    after["phase"] = "after_restart".into();
    after["codes"]["spent"] = fresh.into();
    // The pair the refresh gave; the first was revoked by it.
    after["token"] = r["refresh"]["accessToken"].clone();
    let r = drive(python, dir, after);
    refused(
        &r["used_after_restart"],
        401,
        "4017400",
        "Unauthorized. Auth Code Used",
    );
    assert_eq!(result_code(&r["profile_after_restart"]), "SUCCESS");
}

#[test]
fn the_official_python_sdk_works_against_a_keyless_server() {
    let Some(python) = sdk_python() else { return };
    let (dir, store) = temp_store();
    let (private, other) = key_files(dir.path());
    let server = Server::start(&store, Options::default());
    let config = json!({
        "url": server.url, "partner_id": "any-merchant", "phase": "keyless",
        "private_key": private, "other_private_key": other,
        "codes": {"fresh": mint(&store, "USER_LOGIN_ID")},
    });
    let r = drive(&python, dir.path(), config);
    assert_eq!(r["success"]["responseCode"], "2007400");
    assert_eq!(result_code(&r["profile"]), "SUCCESS");
}

#[test]
fn the_official_python_sdk_drives_balance_ott_and_unbinding() {
    let Some(python) = sdk_python() else { return };
    let (dir, store) = temp_store();
    let (private, other) = key_files(dir.path());
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let user = authcode::users::Users::load(None).unwrap();
    let user = user.get("default").unwrap();
    let scopes: Vec<String> = ["USER_LOGIN_ID", "QUERY_BALANCE", "MINI_DANA"]
        .map(String::from)
        .to_vec();
    authcode::sandbox::store::grants::record_code(
        &authcode::sandbox::store::open(&store).unwrap(),
        &authcode::sandbox::store::MintedCode {
            code: "WIDGETSDK1",
            scopes: &scopes,
            user_id: &user.id,
            user_json: &user.to_json(),
            minted_at: authcode::sandbox::store::now_ms(),
            wallet: "DANA",
            gateway: "dana",
            code_ttl: None,
        },
    )
    .unwrap();
    let config = json!({
        "url": server.url, "partner_id": PARTNER, "phase": "widget",
        "private_key": private, "other_private_key": other,
        "codes": {"fresh": "WIDGETSDK1"},
    });
    let r = drive(&python, dir.path(), config);

    // Each answer went through the SDK's own response model.
    assert_eq!(r["balance"]["responseCode"], "2001100", "{}", r["balance"]);
    assert_eq!(
        r["balance"]["accountInfos"][0]["amount"],
        json!({"value": "250000.00", "currency": "IDR"})
    );
    assert_eq!(r["balance"]["partnerReferenceNo"], "ref-balance");
    refused(
        &r["balance_bad_signature"],
        401,
        "4011100",
        "Unauthorized. Invalid Signature",
    );
    assert_eq!(r["ott"]["responseCode"], "2004900", "{}", r["ott"]);
    assert_eq!(r["ott"]["userResources"][0]["resourceType"], "OTT");
    assert!(r["ott"]["userResources"][0]["value"]
        .as_str()
        .is_some_and(|v| !v.is_empty()));
    assert_eq!(r["unbind"]["responseCode"], "2000900", "{}", r["unbind"]);
    assert_eq!(r["unbind"]["responseMessage"], "Successful");

    refused(
        &r["balance_after_unbinding"],
        401,
        "4011102",
        "Invalid Customer Token",
    );
    assert_eq!(
        result_code(&r["profile_after_unbinding"]),
        "INVALID_ACCESS_TOKEN"
    );
    refused(
        &r["refresh_after_unbinding"],
        401,
        "4017400",
        "Unauthorized. Refresh Token Invalid",
    );
}
