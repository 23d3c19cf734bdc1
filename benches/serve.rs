//! `cargo bench --bench serve`: Apply Token throughput and latency of `authcode serve` beside
//! the JavaScript `oauth2-mock-server` token endpoint, in the same run, each loaded by
//! `wrk -t2 -c64` (the tool the peer's published figure was measured with) from 127.0.0.1.
//!
//! authcode runs as a user would start it — signatures checked with a registered key, access
//! log on (to /dev/null) — against codes pre-minted into its store, each exchanged once and
//! committed before it is answered. Requests are signed as the official SDKs sign them: over
//! `client id|X-TIMESTAMP`, the timestamp the current second in Jakarta time; with
//! AUTHCODE_BENCH_UNIQUE_SIGNATURES=1 every request carries a signature of its own (a
//! timestamp with milliseconds), so none is a repeat the server remembers. Every answer must
//! be HTTP 200, and the store must afterwards hold as many redeemed codes as wrk counted
//! (plus at most the 64 still in flight when wrk stopped). The peer gets
//! `grant_type=authorization_code` with a distinct code per request.
//!
//! Bounded: AUTHCODE_BENCH_SECONDS (default 10) per server after a 2 s warm-up, a fixed stock
//! of codes. The size of the store's WAL file is sampled every 20 ms during the measured run.
//! AUTHCODE_BENCH_PEER=0 leaves the peer out; AUTHCODE_BENCH_POSTGRES=0 the PostgreSQL leg
//! (one replica, then two sharing the database: serve/postgres.rs). wrk must be installed (Debian: `apt-get install wrk`); the peer is installed with
//! npm under target/bench-peer on first use, and left out with a note without node/npm.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};

use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use sha2::Sha256;

#[path = "serve/alipay_plus.rs"]
mod alipay_plus;
#[path = "support/binary.rs"]
mod binary;
#[path = "serve/postgres.rs"]
mod postgres;
#[path = "serve/wrk.rs"]
mod wrk;
// The throwaway PostgreSQL server the tests start, started the same way here.
#[path = "../tests/it/support/postgres.rs"]
#[allow(dead_code)]
mod pg_server;
use wrk::{authcode_script, wrk, Run, CONNECTIONS, THREADS};

const PARTNER: &str = "BENCHPARTNER";
const PEER_VERSION: &str = "8.2.3";
const WARMUP_SECONDS: u64 = 2;
/// Codes set aside for the warm-up, and for each measured second (over twice the rate seen).
const WARMUP_CODES: usize = 80_000;
const CODES_PER_SECOND: usize = 30_000;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> ExitCode {
    // `cargo test --benches` runs this without --bench: a one-second smoke run then.
    let full = full_run();
    if Command::new("wrk").arg("--version").output().is_err() {
        eprintln!("note: the serve benchmark needs wrk (Debian: apt-get install wrk)");
        return if full {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let seconds = if full {
        env_number("AUTHCODE_BENCH_SECONDS", 10).max(1)
    } else {
        1
    };
    let unique = std::env::var_os("AUTHCODE_BENCH_UNIQUE_SIGNATURES").is_some_and(|v| v == "1");
    match bench(seconds, full, unique) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn bench(seconds: u64, with_peer: bool, unique: bool) -> Result<bool, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let stock = WARMUP_CODES + CODES_PER_SECOND * usize::try_from(seconds).unwrap_or(1);
    eprintln!("minting {stock} codes…");
    // The tests' merchant (test-only keys committed under tests/keys/).
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(include_str!(
        "../tests/keys/merchant.test-only.key.pem"
    ))
    .map_err(|e| e.to_string())?;
    let public = dir.path().join("merchant.pub.pem");
    std::fs::write(
        &public,
        include_str!("../tests/keys/merchant.test-only.pub.pem"),
    )
    .map_err(|e| e.to_string())?;
    let store = dir.path().join("store.sqlite3");
    premint(&store, stock, "BENCH", ("DANA", "dana"))?;

    let mut server = spawn_authcode(&store, Some(&public))?;
    let addr = first_line_addr(&mut server)?;
    let signer_key = key.clone();
    let signer = SigningKey::<Sha256>::new(key);
    let script = dir.path().join("authcode.lua");
    std::fs::write(
        &script,
        authcode_script(&signer, WARMUP_SECONDS + seconds, unique),
    )
    .map_err(|e| e.to_string())?;
    wrk(addr, &script, WARMUP_SECONDS, 0)?;
    let wal = WalWatch::start(&store);
    let mut ours = wrk(addr, &script, seconds, WARMUP_CODES)?;
    let wal_peak = wal.stop();
    ours.peak_rss_kb = peak_rss_kb(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let (answered, redeemed) = counts(&store, &code(WARMUP_CODES), &ours)?;
    let committed = (answered..=answered + CONNECTIONS as u64).contains(&redeemed);
    eprintln!("minting the Alipay+ leg's codes…");
    let (plus, plus_committed) = alipay_plus::run(dir.path(), seconds)?;
    let signing_us = alipay_plus::signing_cost_us(&signer_key)?;

    let pg = if std::env::var_os("AUTHCODE_BENCH_POSTGRES").is_some_and(|v| v == "0") {
        None
    } else {
        postgres::run(dir.path(), &public, &signer, seconds, unique)?
    };

    let peer_off = std::env::var_os("AUTHCODE_BENCH_PEER").is_some_and(|v| v == "0");
    let peer = if with_peer && !peer_off {
        run_peer(seconds)?
    } else {
        None
    };

    println!(
        "wrk -t{THREADS} -c{CONNECTIONS} -d{seconds}s, after a {WARMUP_SECONDS} s warm-up; signatures: {}\n",
        if unique {
            "a new one on every request"
        } else {
            "as the SDKs sign (one timestamp per second)"
        }
    );
    println!("| server | requests | failures | exchanges/s | p50 | p99 | p99.9 | peak RSS |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let row = |name: &str, r: &Run| {
        println!(
            "| {name} | {} | {} | {:.0} | {:.2} ms | {:.2} ms | {:.2} ms | {:.1} MB |",
            r.requests,
            r.failures,
            r.rate(),
            r.p50_us / 1000.0,
            r.p99_us / 1000.0,
            r.p999_us / 1000.0,
            r.peak_rss_kb as f64 / 1024.0
        );
    };
    row("authcode serve (DANA Apply Token)", &ours);
    row("authcode serve (Alipay+ applyToken)", &plus);
    if let Some(pg) = &pg {
        postgres::report(pg, &row);
    }
    if let Some(peer) = &peer {
        row(&format!("oauth2-mock-server {PEER_VERSION}"), peer);
        println!(
            "\nthroughput {:.1}x the peer's; p99 {:.2} ms vs {:.2} ms",
            ours.rate() / peer.rate(),
            ours.p99_us / 1000.0,
            peer.p99_us / 1000.0
        );
    }
    println!(
        "every exchange committed: {committed} ({redeemed} codes redeemed in the store for \
         {answered} answers)"
    );
    println!(
        "Alipay+: {:.2}x DANA's throughput; one RSA-2048 signature (what every Alipay+ answer \
         adds) costs {signing_us:.0} µs (ring, as the server signs; median of 200); every exchange committed: \
         {plus_committed}",
        plus.rate() / ours.rate()
    );
    let verdict = |pass: bool| if pass { "PASS" } else { "FAIL" };
    println!("\n| target | measured | result |\n|---|---:|---|");
    match &peer {
        Some(peer) => {
            let ratio = ours.rate() / peer.rate();
            println!(
                "| throughput ≥ 5x the peer's (same run) | {ratio:.1}x | {} |",
                verdict(ratio >= 5.0)
            );
        }
        None => println!("| throughput ≥ 5x the peer's (same run) | - | not measured |"),
    }
    println!(
        "| p99 ≤ 10 ms | {:.2} ms | {} |",
        ours.p99_us / 1000.0,
        verdict(ours.p99_us <= 10_000.0)
    );
    println!(
        "| p99.9 ≤ 25 ms | {:.2} ms | {} |",
        ours.p999_us / 1000.0,
        verdict(ours.p999_us <= 25_000.0)
    );
    println!(
        "| WAL on disk ≤ 256 MiB (largest seen, every 20 ms) | {:.1} MiB | {} |",
        wal_peak as f64 / f64::from(1 << 20),
        verdict(wal_peak <= 256 << 20)
    );
    println!(
        "| every answered exchange committed | {committed} | {} |",
        verdict(committed)
    );
    if let Some(pg) = &pg {
        postgres::where_the_time_goes(pg);
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "\nload average (1, 5, 15 min) at the end: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(ours.failures == 0
        && ours.requests > 0
        && committed
        && plus.failures == 0
        && plus.requests > 0
        && plus_committed
        && pg
            .as_ref()
            .is_none_or(|pg| pg.committed && pg.one.failures == 0))
}

/// A thread that samples the size of the store's WAL file while the load runs.
struct WalWatch {
    stop: std::sync::mpsc::Sender<()>,
    thread: std::thread::JoinHandle<u64>,
}

impl WalWatch {
    fn start(store: &Path) -> WalWatch {
        let wal = PathBuf::from(format!("{}-wal", store.display()));
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let mut peak = 0;
            loop {
                peak = peak.max(std::fs::metadata(&wal).map_or(0, |m| m.len()));
                match stopped.recv_timeout(std::time::Duration::from_millis(20)) {
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                    _ => return peak,
                }
            }
        });
        WalWatch { stop, thread }
    }

    /// The largest size seen, in bytes.
    fn stop(self) -> u64 {
        let _ = self.stop.send(());
        self.thread.join().unwrap_or(0)
    }
}

fn code(n: usize) -> String {
    code_of("BENCH", n)
}

fn code_of(prefix: &str, n: usize) -> String {
    format!("{prefix}{n:010}")
}

/// The answers wrk counted in `run`, and the codes from `first` on redeemed in `store`.
fn counts(store: &Path, first: &str, run: &Run) -> Result<(u64, u64), String> {
    let opened = authcode::sandbox::store::connect(store).map_err(|e| e.to_string())?;
    let redeemed: i64 = authcode::sandbox::store::Sql::query_one(
        &opened,
        "SELECT count(*) FROM codes WHERE code >= $1 AND redeemed_at IS NOT NULL",
        &[authcode::sandbox::store::sql::Param::Text(first)],
    )
    .and_then(|row| row.get(0))
    .map_err(|e| e.to_string())?;
    Ok((
        run.requests - run.failures,
        u64::try_from(redeemed).unwrap_or(0),
    ))
}

/// Whether every exchange wrk saw answered is committed in `store` (plus at most the
/// connections' worth still in flight when wrk stopped).
fn committed(store: &Path, first: &str, run: &Run) -> Result<bool, String> {
    let (answered, redeemed) = counts(store, first, run)?;
    Ok((answered..=answered + CONNECTIONS as u64).contains(&redeemed))
}

/// Records `count` unused codes in one transaction, as `request` would one by one.
fn premint(
    store: &Path,
    count: usize,
    prefix: &str,
    (wallet, gateway): (&str, &str),
) -> Result<(), String> {
    let opened = authcode::sandbox::store::connect(store).map_err(|e| e.to_string())?;
    let users = authcode::users::Users::load(None).map_err(|e| e.message)?;
    let user = users
        .get(authcode::users::DEFAULT_USER)
        .ok_or("no default user")?;
    let user_json = user.to_json();
    let scopes = vec!["USER_LOGIN_ID".to_string()];
    let now = authcode::sandbox::store::now_ms();
    opened
        .transaction(|sql| {
            for n in 0..count {
                let code = code_of(prefix, n);
                authcode::sandbox::store::grants::record_code(
                    sql,
                    &authcode::sandbox::store::MintedCode {
                        code: &code,
                        scopes: &scopes,
                        user_id: &user.id,
                        user_json: &user_json,
                        minted_at: now,
                        wallet,
                        gateway,
                        code_ttl: None,
                    },
                )?;
            }
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    let authcode::sandbox::store::Opened::Sqlite(conn) = &opened else {
        return Ok(());
    };
    // Copied back and on disk before the server starts, so that the kernel is not still
    // writing hundreds of megabytes out during the measurement.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .map_err(|e| e.to_string())?;
    std::fs::File::open(store)
        .and_then(|f| f.sync_all())
        .map_err(|e| e.to_string())
}

/// Whether this is `cargo bench` (not a smoke run under `cargo test --benches`).
fn full_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn spawn_authcode(store: &Path, public: Option<&Path>) -> Result<Child, String> {
    let mut command = Command::new(binary::authcode(full_run())?);
    command.args(["serve", "--listen", "127.0.0.1:0", "--partner-id", PARTNER]);
    if let Some(public) = public {
        command.arg("--partner-public-key").arg(public);
    }
    command
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

/// `oauth2-mock-server` under target/bench-peer, started on a free port and loaded like
/// authcode; `None` (with a note) when node or npm is missing.
fn run_peer(seconds: u64) -> Result<Option<Run>, String> {
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
    let start: PathBuf = dir.join("start.mjs");
    std::fs::write(
        &start,
        "import { OAuth2Server } from 'oauth2-mock-server';\n\
         const server = new OAuth2Server();\n\
         await server.issuer.keys.generate('RS256');\n\
         await server.start(0, '127.0.0.1');\n\
         console.log(server.issuer.url);\n",
    )
    .map_err(|e| e.to_string())?;
    let script = dir.join("token.lua");
    std::fs::write(&script, wrk::peer_script()).map_err(|e| e.to_string())?;
    let mut node = Command::new("node")
        .arg(&start)
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start node: {e}"))?;
    let addr = first_line_addr(&mut node)?;
    let run = wrk(addr, &script, WARMUP_SECONDS, 0)
        .and_then(|_| wrk(addr, &script, seconds, WARMUP_CODES));
    let peak_rss_kb = peak_rss_kb(node.id());
    let _ = node.kill();
    let _ = node.wait();
    run.map(|mut run| {
        run.peak_rss_kb = peak_rss_kb;
        Some(run)
    })
}
