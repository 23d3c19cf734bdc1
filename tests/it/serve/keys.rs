//! The merchant's public key at start: a key the verifier cannot use is refused with exit 2,
//! saying what the user gave; the PEM text itself is taken where a path is expected.

use crate::serve::support::*;

const RSA_1024: &str = include_str!("../../keys/rsa-1024.test-only.pub.pem");
const RSA_8192: &str = include_str!("../../keys/rsa-8192.test-only.pub.pem");
const EC_P256: &str = include_str!("../../keys/ec-p256.test-only.pub.pem");

/// `serve` with the key `value` given by `--partner-public-key` (or the environment); stderr.
fn refused(value: &str, by_env: bool) -> String {
    let mut cmd = authcode();
    cmd.args(["serve", "--listen", "127.0.0.1:0"]);
    if by_env {
        cmd.env("AUTHCODE_PARTNER_PUBLIC_KEY", value);
    } else {
        cmd.args(["--partner-public-key", value]);
    }
    cmd.run().refused("cannot use the partner public key")
}

#[test]
fn a_key_the_verifier_cannot_use_is_refused_at_start_saying_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let cases = [
        (
            file("short.pem", RSA_1024),
            "it is a 1024-bit RSA key; signatures are checked with RSA keys of 2,048 to 8,192 bits",
        ),
        (file("ec.pem", EC_P256), "it is an EC public key"),
        (file("empty.pem", ""), "it is empty"),
        (
            file("private.pem", keys().private_pem),
            "it is a private key (PRIVATE KEY); give its public half",
        ),
    ];
    for (path, why) in cases {
        let err = refused(&path, false);
        assert!(err.contains(&format!("{path}: {why}")), "{err}");
        assert!(
            err.contains("hint: give the merchant's RSA public key"),
            "{err}"
        );
    }
    // Given as text, in the option or its variable.
    let err = refused(RSA_1024, true);
    assert!(
        err.contains("given as text: it is a 1024-bit RSA key"),
        "{err}"
    );
    let err = refused(EC_P256, false);
    assert!(
        err.contains("given as text: it is an EC public key"),
        "{err}"
    );
    // The bare base64 of a key where a path is expected.
    let bare: String = RSA_1024
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let err = refused(&bare, true);
    assert!(err.contains("this looks like a key, not a path"), "{err}");
}

/// The PEM text in `AUTHCODE_PARTNER_PUBLIC_KEY` (as a CI secret holds it) registers the key:
/// a signed exchange succeeds and another merchant's signature is refused. An 8,192-bit key
/// is taken.
#[test]
fn the_pem_text_itself_is_taken_where_a_path_is_expected() {
    let (_dir, store) = temp_store();
    let server = Server::start_with_env(
        &store,
        Options {
            extra: &["--partner-id", PARTNER],
            ..Options::default()
        },
        &[("AUTHCODE_PARTNER_PUBLIC_KEY", keys().public_pem)],
    );
    let (status, answer) = server.exchange(&mint(&store, "USER_LOGIN_ID"));
    assert_eq!(
        (status, answer["responseCode"].as_str()),
        (200, Some("2007400"))
    );
    let mut headers = signed_headers();
    for (name, value) in &mut headers {
        if name == "X-SIGNATURE" {
            *value = "c2lnbmVk".repeat(43);
        }
    }
    let (status, _) = server.post(APPLY_TOKEN, &headers, &code_body("any"));
    assert_eq!(status, 401);
    drop(server);

    let big = Server::start(
        &store,
        Options {
            extra: &["--partner-public-key", RSA_8192],
            ..Options::default()
        },
    );
    let (code, log) = big.terminate();
    assert_eq!(code, Some(0), "{log}");
}
