//! Minted codes through the binary: fresh on every run, 32 letters and digits, and only
//! ever on stdout (or in the output file), never in a warning. (That 10,000 codes from the
//! OS source never repeat is a unit test of `mint`.)

use std::fs;

use serde_json::Value;

use crate::support::{authcode, is_code, text};

#[test]
fn codes_are_fresh_well_formed_and_never_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = std::collections::HashSet::new();
    for i in 0..40 {
        // Warnings on stderr (a repeated scope, an unknown error code) beside the code.
        let mut cmd = authcode();
        cmd.args([
            "request",
            "--scopes",
            "USER_LOGIN_ID,KYC_INFO,USER_LOGIN_ID",
            "--grant",
            "USER_LOGIN_ID",
            "--error-code",
            "77",
            "--compact",
        ]);
        let output = dir.path().join(format!("r{i}.json"));
        if i % 2 == 1 {
            cmd.arg("-o").arg(&output);
        }
        let out = cmd.run();
        assert_eq!(out.code, 0, "{}", text(&out.stderr));
        let doc = if i % 2 == 1 {
            assert!(out.stdout.is_empty());
            fs::read(&output).unwrap()
        } else {
            out.stdout.clone()
        };
        let response: Value = serde_json::from_slice(&doc).unwrap();
        assert!(is_code(&response["authCode"]), "{response}");
        let code = response["authCode"].as_str().unwrap().to_string();
        let err = text(&out.stderr);
        assert!(err.contains("warning:"), "{err}");
        assert!(!err.contains(&code), "the code reached stderr: {err}");
        assert!(!err.contains(&code[..8]), "part of the code reached stderr");
        assert!(seen.insert(code), "a repeated code");
    }
}
