//! SHA256withRSA (PKCS#1 v1.5) verification with the merchant's registered public key, as
//! DANA checks `X-SIGNATURE` and the Open API envelope's `signature`.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Mutex;

use base64::Engine;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::pkcs8::DecodePublicKey;
use rsa::RsaPublicKey;

/// How many verified (data, signature) pairs a [`Verifier`] remembers.
const REMEMBERED: usize = 32;

/// Signed data and its base64 signature, as verified.
type Pair = (Box<[u8]>, Box<str>);

/// A registered public key.
#[derive(Debug)]
pub(crate) struct Verifier {
    /// Its modulus and exponent, for ring's verification.
    n: Vec<u8>,
    e: Vec<u8>,
    /// The pairs that verified last, newest at the back. The official SDKs sign
    /// `client id|X-TIMESTAMP` with a timestamp to the second, and PKCS#1 v1.5 signatures are
    /// deterministic, so a busy merchant sends the same pair many times a second: a repeat
    /// costs a comparison here instead of an RSA operation. Only pairs that verified are kept.
    verified: Mutex<VecDeque<Pair>>,
}

impl Verifier {
    /// Reads a PEM public key (SPKI `PUBLIC KEY` or PKCS#1 `RSA PUBLIC KEY`), or the bare
    /// base64 of either, as merchant dashboards show it.
    pub(crate) fn from_pem(text: &str) -> Result<Verifier, String> {
        let text = text.trim().replace("\\n", "\n");
        let key = if text.starts_with("-----BEGIN RSA PUBLIC KEY-----") {
            RsaPublicKey::from_pkcs1_pem(&text).map_err(|e| e.to_string())?
        } else if text.starts_with("-----BEGIN PUBLIC KEY-----") {
            RsaPublicKey::from_public_key_pem(&text).map_err(|e| e.to_string())?
        } else if text.starts_with("-----BEGIN") {
            return Err("not a public key (a private key or certificate?)".into());
        } else {
            let compact: String = text.split_whitespace().collect();
            let der = base64::engine::general_purpose::STANDARD
                .decode(compact)
                .map_err(|_| "neither PEM nor base64".to_string())?;
            RsaPublicKey::from_public_key_der(&der)
                .or_else(|_| RsaPublicKey::from_pkcs1_der(&der))
                .map_err(|e| e.to_string())?
        };
        use rsa::traits::PublicKeyParts;
        Ok(Verifier {
            n: key.n().to_bytes_be(),
            e: key.e().to_bytes_be(),
            verified: Mutex::new(VecDeque::with_capacity(REMEMBERED)),
        })
    }

    /// The key in `path`.
    pub(crate) fn from_file(path: &Path) -> Result<Verifier, String> {
        let text = std::fs::read_to_string(path).map_err(|e| crate::error::io_reason(&e))?;
        Verifier::from_pem(&text)
    }

    /// Whether `signature` (base64) signs `data`.
    pub(crate) fn verify(&self, data: &[u8], signature: &str) -> bool {
        let signature = signature.trim();
        let seen = |pair: &Pair| *pair.0 == *data && *pair.1 == *signature;
        if self.remembered().iter().any(seen) {
            return true;
        }
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(signature) else {
            return false;
        };
        let key = ring::signature::RsaPublicKeyComponents {
            n: &self.n,
            e: &self.e,
        };
        let good = key
            .verify(&ring::signature::RSA_PKCS1_2048_8192_SHA256, data, &bytes)
            .is_ok();
        if good {
            let mut verified = self.remembered();
            if verified.len() == REMEMBERED {
                verified.pop_front();
            }
            verified.push_back((data.into(), signature.into()));
        }
        good
    }

    /// The remembered pairs (a poisoned lock only means a panic elsewhere mid-update of a
    /// list that is valid at every step).
    fn remembered(&self) -> std::sync::MutexGuard<'_, VecDeque<Pair>> {
        self.verified
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::pkcs1::EncodeRsaPublicKey;
    use rsa::pkcs1v15::SigningKey;
    use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
    use rsa::signature::{SignatureEncoding, Signer};
    use sha2::Sha256;

    fn key() -> rsa::RsaPrivateKey {
        use rand_chacha::rand_core::SeedableRng;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        // ring accepts 2048 bits and more, as DANA requires RSA-2048.
        rsa::RsaPrivateKey::new(&mut rng, 2048).unwrap()
    }

    fn sign(key: &rsa::RsaPrivateKey, data: &[u8]) -> String {
        let signer = SigningKey::<Sha256>::new(key.clone());
        base64::engine::general_purpose::STANDARD.encode(signer.sign(data).to_bytes())
    }

    #[test]
    fn reads_spki_pkcs1_and_bare_base64_keys_and_checks_signatures() {
        let key = key();
        let public = key.to_public_key();
        let spki = public.to_public_key_pem(LineEnding::LF).unwrap();
        let pkcs1 = public.to_pkcs1_pem(LineEnding::LF).unwrap();
        let bare: String = spki.lines().filter(|l| !l.starts_with("-----")).collect();
        let signature = sign(&key, b"P1|2025-01-01T10:00:00+07:00");
        for text in [spki.as_str(), pkcs1.as_str(), bare.as_str()] {
            let verifier = Verifier::from_pem(text).unwrap();
            assert!(verifier.verify(b"P1|2025-01-01T10:00:00+07:00", &signature));
            assert!(!verifier.verify(b"P1|2025-01-01T10:00:01+07:00", &signature));
            assert!(!verifier.verify(b"P1|2025-01-01T10:00:00+07:00", "not base64!"));
            assert!(!verifier.verify(b"P1|2025-01-01T10:00:00+07:00", "AAAA"));
        }
        let private = key.to_pkcs8_pem(LineEnding::LF).unwrap();
        assert!(Verifier::from_pem(&private)
            .unwrap_err()
            .contains("not a public key"));
        assert!(Verifier::from_pem("hello").is_err());
    }

    #[test]
    fn remembers_only_pairs_that_verified_and_only_the_last_ones() {
        let key = key();
        let verifier = Verifier::from_pem(
            &key.to_public_key()
                .to_public_key_pem(LineEnding::LF)
                .unwrap(),
        )
        .unwrap();
        let data = |i: usize| format!("P1|2025-01-01T10:00:{i:02}+07:00");
        let good = sign(&key, data(0).as_bytes());
        assert!(!verifier.verify(data(1).as_bytes(), &good));
        assert!(
            verifier.remembered().is_empty(),
            "a failure is not remembered"
        );
        assert!(verifier.verify(data(0).as_bytes(), &good));
        assert!(verifier.verify(data(0).as_bytes(), &format!(" {good}\n")));
        assert_eq!(
            verifier.remembered().len(),
            1,
            "a repeat is found, not added"
        );
        // A remembered signature proves nothing for other data, nor a changed signature.
        assert!(!verifier.verify(data(1).as_bytes(), &good));
        let mut forged = good.clone().into_bytes();
        forged[10] = if forged[10] == b'A' { b'B' } else { b'A' };
        assert!(!verifier.verify(data(0).as_bytes(), std::str::from_utf8(&forged).unwrap()));
        for i in 1..=REMEMBERED {
            assert!(verifier.verify(data(i).as_bytes(), &sign(&key, data(i).as_bytes())));
        }
        let remembered = verifier.remembered();
        assert_eq!(remembered.len(), REMEMBERED);
        assert_eq!(
            *remembered[0].0,
            *data(1).as_bytes(),
            "the oldest was let go"
        );
    }
}
