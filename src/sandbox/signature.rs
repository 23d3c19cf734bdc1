//! SHA256withRSA (PKCS#1 v1.5) verification with the merchant's registered public key, as
//! DANA checks `X-SIGNATURE` and the Open API envelope's `signature`.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use base64::Engine;
use rsa::pkcs1::der::{pem, Decode};
use rsa::pkcs8::{ObjectIdentifier, SubjectPublicKeyInfoRef};

/// How many verified (data, signature) pairs a [`Verifier`] remembers.
const REMEMBERED: usize = 32;

/// The key sizes ring's SHA256withRSA verification takes (DANA requires RSA-2048).
const BITS: std::ops::RangeInclusive<usize> = 2048..=8192;

/// Signed data and its base64 signature, as verified.
type Pair = (Box<[u8]>, Box<str>);

/// Where the merchant's public key was given: `--partner-public-key` /
/// `AUTHCODE_PARTNER_PUBLIC_KEY` name a file, or hold the PEM text itself (as a CI secret
/// often does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeySource {
    File(PathBuf),
    Text(String),
}

impl KeySource {
    /// What the option's value is: PEM text (it begins `-----BEGIN`) or a path.
    pub(crate) fn of(value: PathBuf) -> KeySource {
        match value.to_str() {
            Some(text) if text.trim_start().starts_with("-----BEGIN") => {
                KeySource::Text(text.to_string())
            }
            _ => KeySource::File(value),
        }
    }

    /// The key, or why it cannot be used (a sentence that names the source).
    pub(crate) fn verifier(&self) -> Result<Verifier, String> {
        match self {
            KeySource::Text(text) => Verifier::from_pem(text)
                .map_err(|why| format!("cannot use the partner public key given as text: {why}")),
            KeySource::File(path) if !path.exists() && looks_like_base64(path) => Err(
                "cannot use the partner public key: this looks like a key, not a path (no such \
                 file); give the key as PEM text (-----BEGIN PUBLIC KEY-----...) or a file's path"
                    .into(),
            ),
            KeySource::File(path) => Verifier::from_file(path).map_err(|why| {
                format!(
                    "cannot use the partner public key {}: {why}",
                    crate::text::display_path(path)
                )
            }),
        }
    }
}

/// Whether `path` reads as the bare base64 of a key rather than a file name: long, and only
/// base64's characters.
fn looks_like_base64(path: &Path) -> bool {
    path.to_str().is_some_and(|text| {
        let text: String = text.split_whitespace().collect();
        text.len() >= 128
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    })
}

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
    /// base64 of either, as merchant dashboards show it; refuses, saying what it is, anything
    /// else and an RSA key ring cannot verify with (outside 2,048 to 8,192 bits).
    pub(crate) fn from_pem(text: &str) -> Result<Verifier, String> {
        let text = text.trim().replace("\\n", "\n");
        if text.is_empty() {
            return Err("it is empty".into());
        }
        let (n, e) = if text.starts_with("-----BEGIN") {
            let (label, der) = pem::decode_vec(text.as_bytes())
                .map_err(|e| format!("not a readable PEM ({e})"))?;
            match label {
                "PUBLIC KEY" => spki_rsa(&der)?,
                "RSA PUBLIC KEY" => pkcs1_rsa(&der)?,
                l if l.contains("PRIVATE KEY") => {
                    return Err(format!(
                        "it is a private key ({l}); give its public half, which \
                         `openssl pkey -in KEY -pubout` prints"
                    ))
                }
                "CERTIFICATE" => {
                    return Err("it is a certificate; give its public key, which \
                                `openssl x509 -in CERT -pubkey -noout` prints"
                        .into())
                }
                l => return Err(format!("it is a PEM {l}, not a public key")),
            }
        } else {
            let compact: String = text.split_whitespace().collect();
            let der = base64::engine::general_purpose::STANDARD
                .decode(compact)
                .map_err(|_| "neither PEM nor base64".to_string())?;
            spki_rsa(&der).or_else(|spki| pkcs1_rsa(&der).map_err(|_| spki))?
        };
        let bits = bit_length(&n);
        if !BITS.contains(&bits) {
            return Err(format!(
                "it is a {bits}-bit RSA key; signatures are checked with RSA keys of 2,048 to \
                 8,192 bits (DANA requires 2,048)"
            ));
        }
        if !(e.len() <= 5 && bit_length(&e) >= 2 && e.last().is_some_and(|b| b & 1 == 1)) {
            return Err(
                "its public exponent is not one signatures can be checked with \
                        (an odd number from 3 to 2^33)"
                    .into(),
            );
        }
        Ok(Verifier {
            n,
            e,
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

/// The RSA modulus and exponent of a SubjectPublicKeyInfo, or what kind of key it holds.
fn spki_rsa(der: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
    const EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
    const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
    let info =
        SubjectPublicKeyInfoRef::from_der(der).map_err(|e| format!("not a public key ({e})"))?;
    match info.algorithm.oid {
        rsa::pkcs1::ALGORITHM_OID => pkcs1_rsa(info.subject_public_key.raw_bytes()),
        EC => Err(
            "it is an EC public key; DANA signs with RSA (SHA256withRSA): give the \
                   merchant's RSA public key"
                .into(),
        ),
        ED25519 => Err("it is an Ed25519 public key; DANA signs with RSA (SHA256withRSA)".into()),
        other => Err(format!("it is not an RSA public key (algorithm {other})")),
    }
}

/// The modulus and exponent of a PKCS#1 RSAPublicKey, without leading zeros.
fn pkcs1_rsa(der: &[u8]) -> Result<(Vec<u8>, Vec<u8>), String> {
    let key = rsa::pkcs1::RsaPublicKey::from_der(der)
        .map_err(|e| format!("not an RSA public key ({e})"))?;
    Ok((
        key.modulus.as_bytes().to_vec(),
        key.public_exponent.as_bytes().to_vec(),
    ))
}

/// The number of bits of a big-endian unsigned number without leading zero bytes.
fn bit_length(bytes: &[u8]) -> usize {
    bytes
        .first()
        .map_or(0, |b| bytes.len() * 8 - b.leading_zeros() as usize)
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
            .starts_with("it is a private key (PRIVATE KEY)"));
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
