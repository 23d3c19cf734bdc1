//! Ant's official Python SDK (`global-open-sdk-python`, pinned) against `serve --tls` on
//! 127.0.0.1:443 — the port the SDK always connects to — trusting the sandbox's CA through
//! `SSL_CERT_FILE`: applyToken, inquiryUserInfo, refresh, a used code, each answer's signature
//! verified by the SDK. Port 443 needs root (as in CI); elsewhere the test says so and skips
//! (unless AUTHCODE_REQUIRE_TOOLS=1). The SDK is installed into target/sdk-venv-ant.

use std::path::Path;
use std::sync::OnceLock;

use rsa::pkcs1::EncodeRsaPrivateKey;
use serde_json::json;

use super::sdk::{prepare_venv, required};
use crate::serve::support::*;

const SDK: &str = "global-open-sdk-python==1.7.1";

/// The venv's python, or `None` (after one line on stderr).
fn sdk_python() -> Option<std::path::PathBuf> {
    static PYTHON: OnceLock<Result<std::path::PathBuf, String>> = OnceLock::new();
    let prepared = PYTHON.get_or_init(|| {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return Err("the SDK connects to port 443 only, which needs root".into());
        }
        prepare_venv("sdk-venv-ant", SDK)
    });
    match prepared {
        Ok(python) => Some(python.clone()),
        Err(why) if required() => panic!("AUTHCODE_REQUIRE_TOOLS=1, but {why}"),
        Err(why) => {
            eprintln!(
                "skipped: {why}; run the tests as root (as CI does), with python3's venv module and PyPI"
            );
            None
        }
    }
}

#[test]
fn the_official_python_sdk_talks_to_the_alipay_plus_gateway_over_https() {
    let Some(python) = sdk_python() else { return };
    let (dir, store) = temp_store();
    let server = Server::start(
        &store,
        Options {
            signed: true,
            extra: &["--tls"],
            listen: Some("127.0.0.1:443"),
        },
    );
    assert_eq!(server.url, "https://127.0.0.1:443");
    let code = mint_for(&store, "gcash", "auth_user");
    let platform = authcode()
        .store(&store)
        .args(["sandbox", "key", "--base64"])
        .output()
        .unwrap();
    let pkcs1 = |keys: &Keys| {
        let pem = keys
            .private
            .to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)
            .unwrap();
        pem.lines()
            .filter(|l| !l.starts_with("-----"))
            .collect::<String>()
    };
    let bare = |pem: &str| {
        pem.lines()
            .filter(|l| !l.starts_with("-----"))
            .collect::<String>()
    };
    let config = dir.path().join("config.json");
    std::fs::write(
        &config,
        json!({
            "clientId": PARTNER,
            "privateKey": pkcs1(keys()),
            "platformPublicKey": String::from_utf8(platform.stdout).unwrap().trim(),
            "otherPublicKey": bare(other_keys().public_pem),
            "code": code,
        })
        .to_string(),
    )
    .unwrap();
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/serve/sdk/alipay_plus_flow.py");
    let out = crate::support::TestCommand::new(&python)
        .arg(script)
        .arg(&config)
        .env("SSL_CERT_FILE", store.with_file_name("store.ca.pem"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the SDK script failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json_of(&out.stdout);
    assert_eq!(
        report["token"]["result"]["resultCode"], "SUCCESS",
        "{report}"
    );
    assert_eq!(report["info"]["userInfo"]["nickName"], "Budi", "{report}");
    assert_eq!(
        report["refreshed"]["result"]["resultCode"], "SUCCESS",
        "{report}"
    );
    assert_eq!(
        report["used"]["result"]["resultCode"], "USED_CODE",
        "{report}"
    );
    assert_eq!(report["forged"], "refused", "{report}");
}
