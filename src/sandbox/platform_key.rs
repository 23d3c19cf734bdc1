//! The sandbox's own platform key: the RSA key pair it signs its Alipay+ and Alipay CN answers
//! with, as the real platforms sign theirs, so that SDKs which verify every response can be
//! given its public key. Created once per store, beside it (`store.sqlite3` →
//! `store.platform-key.pem`, readable by the user only), or given with `--platform-private-key`;
//! `authcode sandbox key` prints the public half. rsa generates and reads the key; ring signs.

use std::path::{Path, PathBuf};

use base64::Engine;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};

/// The size of a generated key: what Alipay+ and Alipay CN use.
const BITS: usize = 2048;

/// A platform key pair, ready to sign.
#[derive(Debug)]
pub(crate) struct PlatformKey {
    pair: ring::signature::RsaKeyPair,
    /// The public key as SPKI DER.
    public_der: Vec<u8>,
}

/// The key file of the store at `store`: beside it, named after it.
pub(crate) fn path_beside(store: &Path) -> PathBuf {
    let stem = store
        .file_stem()
        .map_or_else(|| "store".into(), |s| s.to_string_lossy().into_owned());
    store.with_file_name(format!("{stem}.platform-key.pem"))
}

impl PlatformKey {
    /// The key in `given`, else the store's own key (created now if it has none).
    pub(crate) fn for_store(store: &Path, given: Option<&Path>) -> Result<PlatformKey, String> {
        match given {
            Some(path) => PlatformKey::read(path),
            None if crate::sandbox::store::postgres::url(store).is_some() => {
                // A database store keeps its key in the database, shared by its replicas.
                let conn = crate::sandbox::store::connect(store).map_err(|e| e.to_string())?;
                let pem = crate::sandbox::store::postgres::schema::platform_key(&conn, generate)?;
                PlatformKey::from_pem(&pem)
            }
            None => {
                let path = path_beside(store);
                if !path.exists() {
                    create(&path)?;
                }
                PlatformKey::read(&path)
            }
        }
    }

    /// Reads a private key (PEM, PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`).
    pub(crate) fn read(path: &Path) -> Result<PlatformKey, String> {
        let text = std::fs::read_to_string(path).map_err(|e| crate::error::io_reason(&e))?;
        PlatformKey::from_pem(&text)
    }

    /// Reads a private key from its PEM text.
    fn from_pem(text: &str) -> Result<PlatformKey, String> {
        let text = text.trim();
        let key = if text.starts_with("-----BEGIN RSA PRIVATE KEY-----") {
            rsa::RsaPrivateKey::from_pkcs1_pem(text).map_err(|e| e.to_string())?
        } else if text.starts_with("-----BEGIN PRIVATE KEY-----") {
            rsa::RsaPrivateKey::from_pkcs8_pem(text).map_err(|e| e.to_string())?
        } else {
            return Err("not an RSA private key in PEM (PRIVATE KEY or RSA PRIVATE KEY)".into());
        };
        PlatformKey::of(&key)
    }

    fn of(key: &rsa::RsaPrivateKey) -> Result<PlatformKey, String> {
        let der = key.to_pkcs8_der().map_err(|e| e.to_string())?;
        let pair = ring::signature::RsaKeyPair::from_pkcs8(der.as_bytes())
            .map_err(|e| format!("the key cannot sign: {e}"))?;
        let public_der = key
            .to_public_key()
            .to_public_key_der()
            .map_err(|e| e.to_string())?
            .into_vec();
        Ok(PlatformKey { pair, public_der })
    }

    /// SHA256withRSA (PKCS#1 v1.5) of `data`, base64.
    pub(crate) fn sign(&self, data: &[u8]) -> String {
        let mut signature = vec![0; self.pair.public().modulus_len()];
        let rng = ring::rand::SystemRandom::new();
        // PKCS#1 v1.5 uses no randomness; signing fails only for a buffer of the wrong size.
        let _ = self.pair.sign(
            &ring::signature::RSA_PKCS1_SHA256,
            &rng,
            data,
            &mut signature,
        );
        base64::engine::general_purpose::STANDARD.encode(signature)
    }

    /// The public key as the bare base64 of its SPKI DER (what Ant's SDKs take).
    pub(crate) fn public_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(&self.public_der)
    }

    /// The public key as PEM (`PUBLIC KEY`).
    pub(crate) fn public_pem(&self) -> String {
        let bare = self.public_base64();
        let mut pem = String::from("-----BEGIN PUBLIC KEY-----\n");
        for line in bare.as_bytes().chunks(64) {
            pem.push_str(&String::from_utf8_lossy(line));
            pem.push('\n');
        }
        pem.push_str("-----END PUBLIC KEY-----\n");
        pem
    }
}

/// A new key, as PKCS#8 PEM.
fn generate() -> Result<String, String> {
    let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, BITS)
        .map_err(|e| format!("cannot generate a key: {e}"))?;
    key.to_pkcs8_pem(LineEnding::LF)
        .map(|pem| pem.to_string())
        .map_err(|e| e.to_string())
}

/// Generates a key into `path` (0600). The file appears whole or not at all, and a process
/// that loses the race to create it uses the winner's.
fn create(path: &Path) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let pem = generate()?;
    // tempfile creates the file readable by the user only.
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| crate::error::io_reason(&e))?;
    std::io::Write::write_all(&mut file, pem.as_bytes())
        .map_err(|e| crate::error::io_reason(&e))?;
    match file.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(crate::error::io_reason(&e.error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_gets_one_private_key_that_signs_what_its_public_key_verifies() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store.sqlite3");
        let key = PlatformKey::for_store(&store, None).unwrap();
        let path = dir.path().join("store.platform-key.pem");
        assert_eq!(path_beside(&store), path);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = PlatformKey::for_store(&store, None).unwrap();
        assert_eq!(again.public_base64(), key.public_base64(), "created once");
        let verifier = crate::sandbox::signature::Verifier::from_pem(&key.public_pem()).unwrap();
        let bare = crate::sandbox::signature::Verifier::from_pem(&key.public_base64()).unwrap();
        let signature = key.sign(b"POST /v2/x\nc.t.{}");
        assert!(verifier.verify(b"POST /v2/x\nc.t.{}", &signature));
        assert!(bare.verify(b"POST /v2/x\nc.t.{}", &signature));
        assert!(!verifier.verify(b"POST /v2/x\nc.t.{} ", &signature));
    }

    #[test]
    fn a_given_key_is_used_and_a_public_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let given = dir.path().join("given.pem");
        std::fs::write(
            &given,
            include_str!("../../tests/keys/other-merchant.test-only.key.pem"),
        )
        .unwrap();
        let key = PlatformKey::for_store(&dir.path().join("s.sqlite3"), Some(&given)).unwrap();
        assert!(!path_beside(&dir.path().join("s.sqlite3")).exists());
        let public = include_str!("../../tests/keys/other-merchant.test-only.pub.pem");
        assert_eq!(key.public_pem().trim(), public.trim());
        std::fs::write(&given, public).unwrap();
        assert!(PlatformKey::read(&given)
            .unwrap_err()
            .contains("not an RSA private key"));
    }
}
