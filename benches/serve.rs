//! `cargo bench --bench serve`: Apply Token throughput and latency of `authcode serve`
//! beside the JavaScript `oauth2-mock-server` token endpoint, in the same run, with the same
//! load generator: 64 keep-alive connections on 127.0.0.1, each sending its next request as
//! soon as the previous answer arrived.
//!
//! authcode runs as a user would start it — signatures checked with a registered key, access
//! log on (to /dev/null) — against codes pre-minted into its store, each exchanged once and
//! committed before it is answered; the run checks every answer is 2007400 and that the store
//! holds exactly that many redeemed codes. The peer gets `grant_type=authorization_code` with a
//! distinct code per request. Bounded: a fixed number of requests per server (and a time cap).
//!
//! Environment: AUTHCODE_BENCH_REQUESTS (authcode, default 100000), AUTHCODE_BENCH_PEER_REQUESTS
//! (default 10000). The peer is installed with npm under target/bench-peer on first use; without
//! node/npm it is left out with a note.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::signature::{SignatureEncoding, Signer};
use sha2::Sha256;

const CONNECTIONS: usize = 64;
const PARTNER: &str = "BENCHPARTNER";
const PEER_VERSION: &str = "8.2.3";
const TIME_CAP: Duration = Duration::from_secs(60);

/// The result of one load run.
struct Run {
    requests: usize,
    failures: usize,
    wall: Duration,
    latencies_us: Vec<u32>,
    peak_rss_kb: u64,
}

impl Run {
    fn rate(&self) -> f64 {
        self.requests as f64 / self.wall.as_secs_f64()
    }
    fn percentile(&self, p: f64) -> f64 {
        let i = ((self.latencies_us.len() as f64 - 1.0) * p).round() as usize;
        f64::from(self.latencies_us[i]) / 1000.0
    }
}

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> ExitCode {
    // `cargo test --benches` runs this without --bench: a short smoke run then.
    let full = std::env::args().any(|a| a == "--bench");
    let requests = if full {
        env_count("AUTHCODE_BENCH_REQUESTS", 100_000)
    } else {
        2_000
    };
    let peer_requests = if full {
        env_count("AUTHCODE_BENCH_PEER_REQUESTS", 10_000)
    } else {
        0
    };
    match bench(requests, peer_requests) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn bench(requests: usize, peer_requests: usize) -> Result<bool, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let warmup = (requests / 20).max(500);
    eprintln!(
        "generating the merchant key and minting {} codes…",
        requests + warmup
    );
    let key = {
        use rand_chacha::rand_core::SeedableRng;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(27);
        rsa::RsaPrivateKey::new(&mut rng, 2048).map_err(|e| e.to_string())?
    };
    let public = dir.path().join("merchant.pub.pem");
    let pem = key
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| e.to_string())?;
    std::fs::write(&public, pem).map_err(|e| e.to_string())?;
    let store = dir.path().join("store.sqlite3");
    premint(&store, requests + warmup)?;

    let mut server = spawn_authcode(&store, &public)?;
    let addr = first_line_addr(&mut server)?;
    let signer = SigningKey::<Sha256>::new(key);
    // One signed header set per connection, with its own timestamp: the server verifies every
    // request's signature (it keeps no cache of verified ones).
    let headers: Vec<Vec<(String, String)>> = (0..CONNECTIONS)
        .map(|i| {
            let ts = format!("2025-01-01T10:{:02}:{:02}+07:00", i / 60, i % 60);
            let sig = base64::engine::general_purpose::STANDARD
                .encode(signer.sign(format!("{PARTNER}|{ts}").as_bytes()).to_bytes());
            vec![
                ("Content-Type".into(), "application/json".into()),
                ("X-TIMESTAMP".into(), ts),
                ("X-CLIENT-KEY".into(), PARTNER.into()),
                ("X-SIGNATURE".into(), sig),
                ("CHANNEL-ID".into(), "95221".into()),
            ]
        })
        .collect();
    let authcode_request: Build = Arc::new(move |conn: usize, n: usize| {
        let body = format!(
            r#"{{"grantType":"AUTHORIZATION_CODE","authCode":"{}","refreshToken":"","additionalInfo":{{}}}}"#,
            code(n)
        );
        ("/v1.0/access-token/b2b2c.htm", headers[conn].clone(), body)
    });
    let ok = |status: u16, body: &[u8]| status == 200 && memchr_contains(body, b"\"2007400\"");
    load(addr, 0, warmup, &authcode_request, ok)?;
    let mut ours = load(addr, warmup, requests, &authcode_request, ok)?;
    ours.peak_rss_kb = peak_rss_kb(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let redeemed: i64 = authcode::store::open(&store)
        .map_err(|e| e.0)?
        .query_row(
            "SELECT count(*) FROM codes WHERE redeemed_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())?;
    let committed = usize::try_from(redeemed).unwrap_or(0) == warmup + requests - ours.failures;

    let peer = if peer_requests > 0 {
        run_peer(peer_requests)?
    } else {
        None
    };

    println!("| server | requests | failures | exchanges/s | p50 | p99 | peak RSS |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let row = |name: &str, r: &Run| {
        println!(
            "| {name} | {} | {} | {:.0} | {:.2} ms | {:.2} ms | {:.1} MB |",
            r.requests,
            r.failures,
            r.rate(),
            r.percentile(0.50),
            r.percentile(0.99),
            r.peak_rss_kb as f64 / 1024.0
        );
    };
    row("authcode serve", &ours);
    if let Some(peer) = &peer {
        row(&format!("oauth2-mock-server {PEER_VERSION}"), peer);
        println!(
            "\nthroughput {:.1}x the peer's; p99 {:.2} ms vs {:.2} ms",
            ours.rate() / peer.rate(),
            ours.percentile(0.99),
            peer.percentile(0.99)
        );
    }
    println!("every exchange committed: {committed} ({redeemed} codes redeemed in the store)");
    Ok(ours.failures == 0 && committed)
}

fn code(n: usize) -> String {
    format!("BENCH{n:010}")
}

fn memchr_contains(hay: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(hay, needle).is_some()
}

/// Records `count` unused codes in one transaction, as `request` would one by one.
fn premint(store: &Path, count: usize) -> Result<(), String> {
    let mut conn = authcode::store::open(store).map_err(|e| e.0)?;
    let users = authcode::users::Users::load(None).map_err(|e| e.message)?;
    let user = users
        .get(authcode::users::DEFAULT_USER)
        .ok_or("no default user")?;
    let user_json = user.to_json();
    let scopes = vec!["USER_LOGIN_ID".to_string()];
    let now = authcode::store::now_ms();
    let tx = conn.transaction().map_err(|e| e.to_string())?;
    for n in 0..count {
        let code = code(n);
        authcode::store::grants::record_code(
            &tx,
            &authcode::store::MintedCode {
                code: &code,
                scopes: &scopes,
                user_id: &user.id,
                user_json: &user_json,
                minted_at: now,
            },
        )
        .map_err(|e| e.to_string())?;
    }
    tx.commit().map_err(|e| e.to_string())
}

fn spawn_authcode(store: &Path, public: &Path) -> Result<Child, String> {
    Command::new(env!("CARGO_BIN_EXE_authcode"))
        .args(["serve", "--listen", "127.0.0.1:0", "--partner-id", PARTNER])
        .arg("--partner-public-key")
        .arg(public)
        .arg("--store")
        .arg(store)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start authcode serve: {e}"))
}

/// The address in the first stdout line of a server (`http://127.0.0.1:PORT...`).
fn first_line_addr(child: &mut Child) -> Result<SocketAddr, String> {
    let mut line = String::new();
    BufReader::new(child.stdout.take().ok_or("no stdout")?)
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    let rest = line
        .trim()
        .trim_start_matches("http://")
        .replace("localhost", "127.0.0.1");
    let rest = rest.as_str();
    let host_port = rest.split('/').next().unwrap_or(rest);
    host_port
        .parse()
        .map_err(|_| format!("no address in {line:?}"))
}

/// Peak resident set size of a running process, from /proc.
fn peak_rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

type Build =
    Arc<dyn Fn(usize, usize) -> (&'static str, Vec<(String, String)>, String) + Send + Sync>;

/// Sends requests `first..first + count` over 64 connections; latencies of each.
fn load(
    addr: SocketAddr,
    first: usize,
    count: usize,
    build: &Build,
    ok: fn(u16, &[u8]) -> bool,
) -> Result<Run, String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let next = Arc::new(AtomicUsize::new(first));
    let end = first + count;
    let started = Instant::now();
    let results: Vec<Result<(Vec<u32>, usize), String>> = rt.block_on(async {
        let tasks: Vec<_> = (0..CONNECTIONS)
            .map(|conn| {
                let next = next.clone();
                let build = build.clone();
                tokio::spawn(async move {
                    let stream = tokio::net::TcpStream::connect(addr)
                        .await
                        .map_err(|e| e.to_string())?;
                    stream.set_nodelay(true).map_err(|e| e.to_string())?;
                    let (mut sender, connection) =
                        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                            .await
                            .map_err(|e| e.to_string())?;
                    tokio::spawn(connection);
                    let mut latencies = Vec::new();
                    let mut failures = 0;
                    loop {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        if n >= end || started.elapsed() > TIME_CAP {
                            break;
                        }
                        let (path, headers, body) = build(conn, n);
                        let mut request =
                            hyper::Request::post(path).header("Host", addr.to_string());
                        for (k, v) in headers {
                            request = request.header(k, v);
                        }
                        let request = request
                            .body(Full::new(Bytes::from(body)))
                            .map_err(|e| e.to_string())?;
                        let sent = Instant::now();
                        let response = sender
                            .send_request(request)
                            .await
                            .map_err(|e| e.to_string())?;
                        let status = response.status().as_u16();
                        let bytes = response
                            .into_body()
                            .collect()
                            .await
                            .map_err(|e| e.to_string())?
                            .to_bytes();
                        latencies
                            .push(u32::try_from(sent.elapsed().as_micros()).unwrap_or(u32::MAX));
                        if !ok(status, &bytes) {
                            failures += 1;
                        }
                    }
                    Ok::<_, String>((latencies, failures))
                })
            })
            .collect();
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.unwrap_or_else(|e| Err(e.to_string())));
        }
        results
    });
    let wall = started.elapsed();
    let mut latencies = Vec::with_capacity(count);
    let mut failures = 0;
    for r in results {
        let (l, f) = r?;
        latencies.extend(l);
        failures += f;
    }
    latencies.sort_unstable();
    if latencies.is_empty() {
        return Err("no request completed".into());
    }
    Ok(Run {
        requests: latencies.len(),
        failures,
        wall,
        latencies_us: latencies,
        peak_rss_kb: 0,
    })
}

/// `oauth2-mock-server` under target/bench-peer, started on a free port; `None` (with a note)
/// when node or npm is missing.
fn run_peer(count: usize) -> Result<Option<Run>, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-peer");
    let module = dir
        .join("node_modules")
        .join("oauth2-mock-server")
        .join("package.json");
    let installed = std::fs::read_to_string(&module)
        .is_ok_and(|p| p.contains(&format!("\"version\": \"{PEER_VERSION}\"")));
    if !installed {
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent"])
            .arg(format!("oauth2-mock-server@{PEER_VERSION}"))
            .current_dir(&dir)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("note: the peer is left out: `npm install oauth2-mock-server@{PEER_VERSION}` failed (needs node >= 20 and npm)");
            return Ok(None);
        }
    }
    let script: PathBuf = dir.join("start.mjs");
    std::fs::write(
        &script,
        "import { OAuth2Server } from 'oauth2-mock-server';\n\
         const server = new OAuth2Server();\n\
         await server.issuer.keys.generate('RS256');\n\
         await server.start(0, '127.0.0.1');\n\
         console.log(server.issuer.url);\n",
    )
    .map_err(|e| e.to_string())?;
    let mut node = Command::new("node")
        .arg(&script)
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start node: {e}"))?;
    let addr = first_line_addr(&mut node)?;
    let request: Build = Arc::new(|_conn: usize, n: usize| {
        let body = format!(
            "grant_type=authorization_code&code={}&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&client_id=bench",
            code(n)
        );
        let headers = vec![(
            "Content-Type".to_string(),
            "application/x-www-form-urlencoded".to_string(),
        )];
        ("/token", headers, body)
    });
    let ok = |status: u16, body: &[u8]| status == 200 && memchr_contains(body, b"access_token");
    let warmup = (count / 20).max(500);
    load(addr, 0, warmup, &request, ok)?;
    let mut run = load(addr, warmup, count, &request, ok)?;
    run.peak_rss_kb = peak_rss_kb(node.id());
    let _ = node.kill();
    let _ = node.wait();
    Ok(Some(run))
}
