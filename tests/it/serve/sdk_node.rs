//! Alipay CN's official Node SDK (`alipay-sdk`, pinned) against `/gateway.do` with
//! `validateSign: true`: code → token → user info → refresh → the used code's error. The SDK
//! is installed into target/sdk-node on first use; without node and npm (or the npm registry)
//! the test says how to get them and skips, unless AUTHCODE_REQUIRE_TOOLS=1 (set by .ci/run)
//! makes that a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::json;

use crate::serve::support::*;

const SDK: &str = "alipay-sdk@4.14.0";

/// The folder holding `node_modules/alipay-sdk`, or `None` (after one line on stderr).
fn sdk_modules() -> Option<PathBuf> {
    static MODULES: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match MODULES.get_or_init(prepare) {
        Ok(dir) => Some(dir.clone()),
        Err(why) if std::env::var("AUTHCODE_REQUIRE_TOOLS").is_ok_and(|v| v == "1") => {
            panic!("AUTHCODE_REQUIRE_TOOLS=1, but {why}")
        }
        Err(why) => {
            eprintln!(
                "skipped: {why}; install node and npm (Debian: apt-get install nodejs npm) and let npm reach its registry"
            );
            None
        }
    }
}

fn prepare() -> Result<PathBuf, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("sdk-node");
    let marker = dir.join(format!(".installed-{SDK}"));
    let modules = dir.join("node_modules");
    if marker.exists() {
        return Ok(modules);
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let out = Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "--prefix",
        ])
        .arg(&dir)
        .arg(SDK)
        .output()
        .map_err(|e| format!("npm could not run: {e}"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "npm install {SDK} failed: {}",
            stderr.lines().last().unwrap_or("").trim()
        ));
    }
    std::fs::write(&marker, "").map_err(|e| e.to_string())?;
    Ok(modules)
}

#[test]
fn the_official_node_sdk_exchanges_reads_refreshes_and_sees_the_used_code() {
    let Some(modules) = sdk_modules() else { return };
    let (dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            ..Default::default()
        },
    );
    let code = mint_for(&store, "alipaycn", "auth_user");
    let key = |args: &[&str]| {
        let out = authcode()
            .store(&store)
            .args(["sandbox", "key"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let config = dir.path().join("config.json");
    std::fs::write(
        &config,
        json!({
            "appId": PARTNER,
            "privateKey": keys().private_pem,
            "alipayPublicKey": key(&["--base64"]),
            "otherPublicKey": other_keys().public_pem,
            "gateway": format!("{}/gateway.do", server.url),
            "code": code,
        })
        .to_string(),
    )
    .unwrap();
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/serve/sdk/alipay_cn_flow.cjs");
    let out = crate::support::TestCommand::new("node")
        .arg(script)
        .arg(&config)
        .env("NODE_PATH", &modules)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the SDK script failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json_of(&out.stdout);
    assert_eq!(
        report["token"]["userId"], "216620000000000000001",
        "{report}"
    );
    assert!(report["token"]["accessToken"].is_string(), "{report}");
    assert_eq!(report["info"]["code"], "10000", "{report}");
    assert_eq!(report["info"]["nickName"], "Budi", "{report}");
    assert!(report["refreshed"]["accessToken"].is_string(), "{report}");
    assert_ne!(
        report["refreshed"]["accessToken"],
        report["token"]["accessToken"]
    );
    assert_eq!(report["used"]["subCode"], "isv.code-invalid", "{report}");
    assert_eq!(report["forged"], "refused", "{report}");
}
