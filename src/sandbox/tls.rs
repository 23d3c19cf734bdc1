//! `serve --tls`: a local CA, created once beside the store (`store.ca.pem` and its key
//! `store.ca-key.pem`, readable by the user only), issues at each start a server certificate
//! for 127.0.0.1, ::1, localhost and the `--tls-name`s; rustls serves it, hyper-util runs the
//! connections with the same graceful shutdown as the plain listener. rcgen writes the
//! certificates (no hand-written ASN.1); rustls runs on ring (no OpenSSL).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// How long a client may take over its TLS handshake.
pub(crate) const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// The names every server certificate holds.
const NAMES: [&str; 3] = ["127.0.0.1", "::1", "localhost"];

/// What the listener serves with, and where the CA that issued it is.
pub(crate) struct Tls {
    pub config: Arc<rustls::ServerConfig>,
    pub ca_path: PathBuf,
}

/// The CA certificate and key files of the store at `store`.
pub(crate) fn ca_paths(store: &Path) -> (PathBuf, PathBuf) {
    let stem = store
        .file_stem()
        .map_or_else(|| "store".into(), |s| s.to_string_lossy().into_owned());
    (
        store.with_file_name(format!("{stem}.ca.pem")),
        store.with_file_name(format!("{stem}.ca-key.pem")),
    )
}

/// The CA's fixed parameters: the same at every start, so the key on disk issues as the
/// certificate on disk names it.
fn ca_params() -> CertificateParams {
    let mut params = CertificateParams::default();
    params
        .distinguished_name
        .push(DnType::CommonName, "authcode sandbox local CA");
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params
}

/// The server configuration for the store at `store`, with `names` besides the loopback ones.
pub(crate) fn prepare(store: &Path, names: &[String]) -> Result<Tls, String> {
    if let Some(bad) = names
        .iter()
        .find(|n| rustls::pki_types::ServerName::try_from(n.as_str()).is_err())
    {
        return Err(format!(
            "{:?} is neither a DNS name nor an IP address",
            crate::text::brief(bad)
        ));
    }
    let (ca_path, key_path) = ca_paths(store);
    let ca_key = ca_key(&key_path)?;
    let ca_pem = match std::fs::read_to_string(&ca_path) {
        Ok(pem) => pem,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let cert = ca_params()
                .self_signed(&ca_key)
                .map_err(|e| format!("cannot make the CA certificate: {e}"))?;
            write_new(&ca_path, cert.pem().as_bytes())?;
            std::fs::read_to_string(&ca_path).map_err(|e| crate::error::io_reason(&e))?
        }
        Err(e) => return Err(crate::error::io_reason(&e)),
    };
    let ca_der = rustls::pki_types::pem::PemObject::from_pem_slice(ca_pem.as_bytes())
        .map_err(|e| format!("{}: not a certificate: {e}", ca_path.display()))?;
    let issuer = Issuer::new(ca_params(), ca_key);

    let all: Vec<String> = NAMES
        .iter()
        .map(|n| n.to_string())
        .chain(names.iter().cloned())
        .collect();
    let mut params =
        CertificateParams::new(all).map_err(|e| format!("cannot name the certificate: {e}"))?;
    params
        .distinguished_name
        .push(DnType::CommonName, "authcode sandbox");
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let key = KeyPair::generate().map_err(|e| format!("cannot generate a key: {e}"))?;
    let cert = params
        .signed_by(&key, &issuer)
        .map_err(|e| format!("cannot issue the certificate: {e}"))?;
    let chain: Vec<CertificateDer<'static>> = vec![cert.der().clone(), ca_der];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    // ring is deprecated by rustls only for lacking post-quantum key exchange, which a local
    // sandbox does not need; aws-lc-rs would add a C build (cmake) to every build.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| format!("cannot use the certificate: {e}"))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Tls {
        config: Arc::new(config),
        ca_path,
    })
}

/// The CA's key at `path`, created now (0600) if there is none.
fn ca_key(path: &Path) -> Result<KeyPair, String> {
    if !path.exists() {
        let key = KeyPair::generate().map_err(|e| format!("cannot generate a key: {e}"))?;
        write_new(path, key.serialize_pem().as_bytes())?;
    }
    let pem = std::fs::read_to_string(path).map_err(|e| crate::error::io_reason(&e))?;
    KeyPair::from_pem(&pem).map_err(|e| format!("{}: not a key: {e}", path.display()))
}

/// Writes `bytes` to `path` unless it exists (another process won the race: its file is
/// kept); the file is readable by the user only and appears whole.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| crate::error::io_reason(&e))?;
    std::io::Write::write_all(&mut file, bytes).map_err(|e| crate::error::io_reason(&e))?;
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
    fn the_ca_is_made_once_with_a_private_key() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store.sqlite3");
        let first = prepare(&store, &["sandbox.test".into()]).unwrap();
        let (ca, key) = ca_paths(&store);
        assert_eq!(first.ca_path, ca);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let pem = std::fs::read(&ca).unwrap();
        prepare(&store, &[]).unwrap();
        assert_eq!(std::fs::read(&ca).unwrap(), pem, "the CA is kept");
        assert!(prepare(&store, &["not a name!".into()]).is_err());
    }
}
