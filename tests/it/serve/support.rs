//! Helpers for the serve tests: a server process, an HTTP client, keys and signatures.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

use base64::Engine;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding, Signer};
use rsa::RsaPrivateKey;
use serde_json::Value;
use sha2::Sha256;

use crate::support::Running;
pub use crate::support::{authcode, bin};

pub const APPLY_TOKEN: &str = "/v1.0/access-token/b2b2c.htm";
pub const PROFILE: &str = "/dana/member/query/queryUserProfile.htm";
pub const PARTNER: &str = "2025PARTNER01";

/// Mints a code with `authcode request --approve`, recorded in `store`.
pub fn mint(store: &Path, scopes: &str) -> String {
    let out = authcode()
        .store(store)
        .args(["request", "--approve", "--compact", "--scopes", scopes])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["authCode"].as_str().unwrap().to_string()
}

/// Moves `code`'s minting time `ms` into the past, as if it had waited that long.
pub fn backdate(store: &Path, code: &str, ms: i64) {
    let conn = authcode::sandbox::store::open(store).unwrap();
    let changed = conn
        .execute(
            "UPDATE codes SET minted_at = minted_at - ?2 WHERE code = ?1",
            (code, ms),
        )
        .unwrap();
    assert_eq!(changed, 1, "no code {code} in the store");
}

/// Mints a code for `wallet` with `authcode request --wallet`, recorded in `store`.
pub fn mint_for(store: &Path, wallet: &str, scopes: &str) -> String {
    let out = authcode()
        .store(store)
        .args(["request", "--wallet", wallet, "--approve", "--compact"])
        .args(["--scopes", scopes])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json_of(&out.stdout);
    v["authCode"].as_str().unwrap().to_string()
}

/// The test merchant's key pair: test-only keys committed under `tests/keys/`.
pub struct Keys {
    pub private: RsaPrivateKey,
    pub private_pem: &'static str,
    pub public_pem: &'static str,
}

pub fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        Keys::read(
            include_str!("../../keys/merchant.test-only.key.pem"),
            include_str!("../../keys/merchant.test-only.pub.pem"),
        )
    })
}

/// Another merchant's keys: valid, but not the registered ones.
pub fn other_keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        Keys::read(
            include_str!("../../keys/other-merchant.test-only.key.pem"),
            include_str!("../../keys/other-merchant.test-only.pub.pem"),
        )
    })
}

impl Keys {
    fn read(private_pem: &'static str, public_pem: &'static str) -> Keys {
        let private = RsaPrivateKey::from_pkcs8_pem(private_pem).unwrap();
        let public = rsa::RsaPublicKey::from_public_key_pem(public_pem).unwrap();
        assert_eq!(private.to_public_key(), public, "a key pair's two halves");
        Keys {
            private,
            private_pem,
            public_pem,
        }
    }
}

/// base64 SHA256withRSA of `data` with the test merchant's key.
pub fn sign(data: &[u8]) -> String {
    let key = SigningKey::<Sha256>::new(keys().private.clone());
    base64::engine::general_purpose::STANDARD.encode(key.sign(data).to_bytes())
}

/// Jakarta time now, as the SDKs send it.
pub fn timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    authcode::sandbox::times::jakarta(now)
}

/// Signed Apply Token headers for `PARTNER`.
pub fn signed_headers() -> Vec<(String, String)> {
    let ts = timestamp();
    let sig = sign(format!("{PARTNER}|{ts}").as_bytes());
    vec![
        ("X-TIMESTAMP".into(), ts),
        ("X-CLIENT-KEY".into(), PARTNER.into()),
        ("X-PARTNER-ID".into(), PARTNER.into()),
        ("X-SIGNATURE".into(), sig),
        ("CHANNEL-ID".into(), "95221".into()),
        ("Content-Type".into(), "application/json".into()),
    ]
}

pub fn code_body(code: &str) -> Vec<u8> {
    serde_json::json!({"grantType": "AUTHORIZATION_CODE", "authCode": code, "refreshToken": "", "additionalInfo": {}})
        .to_string()
        .into_bytes()
}

/// A signed Query User Profile envelope (signature over the exact `request` text).
pub fn profile_body(token: &str, resources: &[&str]) -> Vec<u8> {
    let request = serde_json::json!({
        "head": {"version": "2.0", "function": "dana.member.query.queryUserProfile",
                 "clientId": PARTNER, "clientSecret": "secret", "reqTime": timestamp(),
                 "reqMsgId": "test-1", "accessToken": token, "reserve": "{}"},
        "body": {"userResources": resources},
    })
    .to_string();
    format!(
        r#"{{"request":{request},"signature":"{}"}}"#,
        sign(request.as_bytes())
    )
    .into_bytes()
}

/// A running `authcode serve`, killed when dropped (on success and on panic alike).
pub struct Server {
    child: Running,
    pub url: String,
    pub addr: SocketAddr,
    log: Arc<Log>,
    reader: Option<std::thread::JoinHandle<()>>,
}

/// What the server wrote to stderr so far, and a signal for each new line.
#[derive(Default)]
struct Log {
    text: Mutex<String>,
    grew: Condvar,
}

/// Options of a server start.
#[derive(Default)]
pub struct Options<'a> {
    /// Register the test merchant (partner id and public key).
    pub signed: bool,
    pub extra: &'a [&'a str],
    /// Listen here instead of on any free port of 127.0.0.1.
    pub listen: Option<&'a str>,
}

impl Server {
    /// Starts `authcode serve --listen 127.0.0.1:0` on `store`.
    pub fn start(store: &Path, options: Options<'_>) -> Server {
        Server::start_with_env(store, options, &[])
    }

    /// [`Server::start`] with environment variables set.
    pub fn start_with_env(store: &Path, options: Options<'_>, env: &[(&str, &str)]) -> Server {
        let mut cmd = authcode();
        cmd.store(store)
            .args(["serve", "--listen", options.listen.unwrap_or("127.0.0.1:0")])
            .args(options.extra)
            // What `terminate` grants the server to stop after SIGTERM.
            .timeout(Duration::from_secs(10));
        for (key, value) in env {
            cmd.env(key, value);
        }
        if options.signed {
            // The PEM text itself: a database store has no directory to put a key file in.
            cmd.args([
                "--partner-id",
                PARTNER,
                "--partner-public-key",
                keys().public_pem,
            ]);
        }
        let mut child = cmd.spawn().unwrap();
        let log = Arc::new(Log::default());
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.text.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
                sink.grew.notify_all();
            }
        });
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let url = first.trim().to_string();
        let Some(addr) = ["http://", "https://"]
            .iter()
            .find_map(|scheme| url.strip_prefix(scheme))
            .filter(|rest| rest.starts_with("127.0.0.1:"))
        else {
            panic!("first line {first:?}; log: {}", log.text.lock().unwrap());
        };
        let addr = addr.parse().unwrap();
        Server {
            child,
            url,
            addr,
            log,
            reader: Some(reader),
        }
    }

    /// The log once `ready` holds for it (or as it is after 10 s, for the test's assertion
    /// to show): for a line the server writes after it answered.
    pub fn log_when(&self, ready: impl Fn(&str) -> bool) -> String {
        let log = self.log.text.lock().unwrap();
        let (log, _) = self
            .log
            .grew
            .wait_timeout_while(log, Duration::from_secs(10), |log| !ready(log))
            .unwrap();
        log.clone()
    }

    pub fn post(&self, path: &str, headers: &[(String, String)], body: &[u8]) -> (u16, Value) {
        let (status, _, body) = send(self.addr, "POST", path, headers, body.to_vec());
        (status, json_of(&body))
    }

    pub fn apply(&self, body: &[u8]) -> (u16, Value) {
        self.post(APPLY_TOKEN, &signed_headers(), body)
    }

    /// Exchanges `code`; the whole answer.
    pub fn exchange(&self, code: &str) -> (u16, Value) {
        self.apply(&code_body(code))
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL, and wait.
    pub fn kill(mut self) {
        self.child.kill();
    }

    /// Sends `signal` (SIGTERM, SIGINT) and returns at once.
    pub fn signal(&self, signal: i32) {
        assert_eq!(unsafe { libc::kill(self.child.id() as i32, signal) }, 0);
    }

    /// SIGTERM; the exit status and the whole log (read to its end).
    pub fn terminate(self) -> (Option<i32>, String) {
        self.signal(libc::SIGTERM);
        self.exit()
    }

    /// Waits for the exit (within the start's 10 s); the exit status and the whole log.
    pub fn exit(mut self) -> (Option<i32>, String) {
        let status = self.child.wait().unwrap();
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        let log = self.log.text.lock().unwrap().clone();
        (status.code(), log)
    }
}

pub fn json_of(body: &[u8]) -> Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(body)))
}

/// One HTTP/1.1 request on a new connection (hyper's client).
pub fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> (u16, hyper::HeaderMap, Vec<u8>) {
    try_send(addr, method, path, headers, body)
        .unwrap_or_else(|e| panic!("{method} {path} on {addr}: {e}"))
}

pub async fn send_async(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> (u16, hyper::HeaderMap, Vec<u8>) {
    try_send_async(addr, method, path, headers, body)
        .await
        .unwrap_or_else(|e| panic!("{method} {path} on {addr}: {e}"))
}

/// [`send`], or why it got no answer (a server not up yet, a connection cut).
pub fn try_send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Result<(u16, hyper::HeaderMap, Vec<u8>), String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(try_send_async(addr, method, path, headers, body))
}

pub async fn try_send_async(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Result<(u16, hyper::HeaderMap, Vec<u8>), String> {
    let stream = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| e.to_string())?;
    let (mut sender, conn) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .map_err(|e| e.to_string())?;
    tokio::spawn(conn);
    let mut request = hyper::Request::builder()
        .method(method)
        .uri(path)
        .header("Host", addr.to_string());
    for (k, v) in headers {
        request = request.header(k.as_str(), v.as_str());
    }
    let response = sender
        .send_request(request.body(Full::new(Bytes::from(body))).unwrap())
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes()
        .to_vec();
    Ok((status, headers, body))
}

/// A temporary directory with a store path in it.
pub fn temp_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite3");
    (dir, store)
}

/// The Alipay+ headers of a call to `path` with `body` at `time`, signed with `keys` as the
/// platform's SDKs sign (URL-encoded base64, no spaces).
pub fn plus_headers_at(path: &str, body: &[u8], time: &str, keys: &Keys) -> Vec<(String, String)> {
    let mut signed = format!("POST {path}\n{PARTNER}.{time}.").into_bytes();
    signed.extend_from_slice(body);
    let key = SigningKey::<Sha256>::new(keys.private.clone());
    let signature = base64::engine::general_purpose::STANDARD.encode(key.sign(&signed).to_bytes());
    let encoded = signature
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    vec![
        ("Client-Id".into(), PARTNER.into()),
        ("Request-Time".into(), time.into()),
        (
            "Signature".into(),
            format!("algorithm=RSA256,keyVersion=1,signature={encoded}"),
        ),
        (
            "Content-Type".into(),
            "application/json; charset=UTF-8".into(),
        ),
    ]
}

/// [`plus_headers_at`] now, with the test merchant's key.
pub fn plus_headers(path: &str, body: &[u8]) -> Vec<(String, String)> {
    plus_headers_at(path, body, &timestamp(), keys())
}

/// The platform public key of `store`, as `authcode sandbox key --base64` prints it.
pub fn platform_key(store: &Path) -> rsa::RsaPublicKey {
    let out = authcode()
        .store(store)
        .args(["sandbox", "key", "--base64"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let der = base64::engine::general_purpose::STANDARD
        .decode(String::from_utf8(out.stdout).unwrap().trim())
        .unwrap();
    rsa::RsaPublicKey::from_public_key_der(&der).unwrap()
}

/// Whether an Alipay+ answer to `path` carries the lowercase `signature`, `response-time`
/// and `client-id` headers, signed by `key` over its exact body.
pub fn platform_signed(
    key: &rsa::RsaPublicKey,
    path: &str,
    headers: &hyper::HeaderMap,
    body: &[u8],
) -> bool {
    use rsa::signature::Verifier;
    let text = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_string());
    let (Some(signature), Some(time), Some(client)) =
        (text("signature"), text("response-time"), text("client-id"))
    else {
        return false;
    };
    let Some(value) = signature.strip_prefix("algorithm=RSA256,keyVersion=1,signature=") else {
        return false;
    };
    let value = value
        .replace("%2B", "+")
        .replace("%2F", "/")
        .replace("%3D", "=");
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(value) else {
        return false;
    };
    let Ok(signature) = rsa::pkcs1v15::Signature::try_from(bytes.as_slice()) else {
        return false;
    };
    let mut signed = format!("POST {path}\n{client}.{time}.").into_bytes();
    signed.extend_from_slice(body);
    rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key.clone())
        .verify(&signed, &signature)
        .is_ok()
}
