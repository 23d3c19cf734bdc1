//! The PostgreSQL leg of `cargo bench --bench serve`: the same Apply Token load against one
//! `serve` on a PostgreSQL store, then against two replicas sharing it (one wrk each, with
//! half the connections, at once). PostgreSQL runs with its defaults (durable commits, fsync
//! on), a throwaway server started as the tests start theirs; without PostgreSQL the leg is
//! left out with a note.

use std::path::Path;

use rsa::pkcs1v15::SigningKey;
use sha2::Sha256;

use super::pg_server::Postgres;
use super::wrk::{authcode_script, wrk_with, Run};

/// Codes minted per measured second and replica: above what one replica exchanges here.
const CODES_PER_SECOND: usize = 12_000;
const WARMUP_CODES: usize = 20_000;

/// What the leg measured: one replica; two replicas (each one's run); every answered exchange
/// committed in both.
pub(crate) struct Figures {
    pub(crate) one: Run,
    pub(crate) two: [Run; 2],
    pub(crate) committed: bool,
    /// CPU seconds during the one-replica run: the server's, PostgreSQL's (every process
    /// named `postgres`), everything's (both cores).
    pub(crate) cpu: (f64, f64, f64),
}

/// CPU seconds (user + system) a process has used, from /proc.
fn cpu_of(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command (which may hold spaces), from its closing parenthesis.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command.
    (ticks(11) + ticks(12)) / 100.0
}

/// CPU seconds used so far by every process named `postgres`, and by the whole machine.
fn cpu_now() -> (f64, f64) {
    let postgres = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|pid| pid.bytes().all(|b| b.is_ascii_digit()))
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|c| c.trim() == "postgres")
        })
        .map(|pid| cpu_of(&pid))
        .sum();
    let all = std::fs::read_to_string("/proc/stat")
        .unwrap_or_default()
        .lines()
        .next()
        .map_or(0.0, |cpu| {
            // user, nice, system, (idle, iowait,) irq, softirq: a process's own time counts
            // the softirq work (here: loopback networking) done on its behalf, which this
            // line counts apart, so leaving it out made the whole smaller than its parts.
            cpu.split_whitespace()
                .skip(1)
                .take(7)
                .enumerate()
                .filter(|(i, _)| !matches!(i, 3 | 4))
                .filter_map(|(_, v)| v.parse::<f64>().ok())
                .sum::<f64>()
                / 100.0
        });
    (postgres, all)
}

pub(crate) fn run(
    dir: &Path,
    public: &Path,
    signer: &SigningKey<Sha256>,
    seconds: u64,
    unique: bool,
) -> Result<Option<Figures>, String> {
    let Some(pg) = Postgres::start() else {
        eprintln!("note: the PostgreSQL leg is left out");
        return Ok(None);
    };
    let per_run = WARMUP_CODES + CODES_PER_SECOND * usize::try_from(seconds).unwrap_or(1);
    let script = dir.join("postgres.lua");
    std::fs::write(
        &script,
        authcode_script(signer, super::WARMUP_SECONDS + seconds, unique),
    )
    .map_err(|e| e.to_string())?;

    eprintln!("minting {per_run} codes into PostgreSQL…");
    let one_url = pg.database("bench_one");
    super::premint(&one_url, per_run, "BENCH", ("DANA", "dana"))?;
    let mut server = super::spawn_authcode(&one_url, Some(public))?;
    let addr = super::first_line_addr(&mut server)?;
    wrk_with(addr, &script, super::WARMUP_SECONDS, 0, 64)?;
    let pid = server.id().to_string();
    let (server_before, (pg_before, all_before)) = (cpu_of(&pid), cpu_now());
    let mut one = wrk_with(addr, &script, seconds, WARMUP_CODES, 64)?;
    let (pg_after, all_after) = cpu_now();
    let cpu = (
        cpu_of(&pid) - server_before,
        pg_after - pg_before,
        all_after - all_before,
    );
    one.peak_rss_kb = super::peak_rss_kb(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let one_ok = super::committed(&one_url, &super::code_of("BENCH", WARMUP_CODES), &one)?;

    eprintln!("minting {} codes for two replicas…", 2 * per_run);
    let two_url = pg.database("bench_two");
    super::premint(&two_url, 2 * per_run, "BENCH", ("DANA", "dana"))?;
    let mut replicas = [
        super::spawn_authcode(&two_url, Some(public))?,
        super::spawn_authcode(&two_url, Some(public))?,
    ];
    let addrs = [
        super::first_line_addr(&mut replicas[0])?,
        super::first_line_addr(&mut replicas[1])?,
    ];
    // Replica r's wrk sends codes from r * per_run on, so the two never send the same one.
    let load = |warm: bool| {
        std::thread::scope(|s| {
            let runs: Vec<_> = (0..2)
                .map(|r| {
                    let script = &script;
                    let (time, first) = if warm {
                        (super::WARMUP_SECONDS, r * per_run)
                    } else {
                        (seconds, r * per_run + WARMUP_CODES)
                    };
                    s.spawn(move || wrk_with(addrs[r], script, time, first, 32))
                })
                .collect();
            runs.into_iter()
                .map(|t| t.join().unwrap_or_else(|_| Err("wrk panicked".into())))
                .collect::<Result<Vec<_>, _>>()
        })
    };
    load(true)?;
    let mut two = load(false)?;
    for (run, server) in two.iter_mut().zip(&replicas) {
        run.peak_rss_kb = super::peak_rss_kb(server.id());
    }
    for server in &mut replicas {
        let _ = server.kill();
        let _ = server.wait();
    }
    let (b, a) = (two.pop().ok_or("no run")?, two.pop().ok_or("no run")?);
    let answered = a.requests - a.failures + b.requests - b.failures;
    let redeemed = redeemed_since(&two_url, per_run)?;
    let two_ok = (answered..=answered + 64).contains(&redeemed);
    Ok(Some(Figures {
        one,
        two: [a, b],
        committed: one_ok && two_ok,
        cpu,
    }))
}

/// Codes redeemed in the two-replica database after each replica's warm-up.
fn redeemed_since(url: &Path, per_run: usize) -> Result<u64, String> {
    let mut client = Postgres::client(url);
    let mut count = |from: usize, to: usize| -> Result<i64, String> {
        client
            .query_one(
                "SELECT count(*) FROM codes WHERE code >= $1 AND code < $2 \
                 AND redeemed_at IS NOT NULL",
                &[&super::code_of("BENCH", from), &super::code_of("BENCH", to)],
            )
            .map(|r| r.get(0))
            .map_err(|e| e.to_string())
    };
    let total = count(WARMUP_CODES, per_run)?;
    let total = total + count(per_run + WARMUP_CODES, 2 * per_run)?;
    Ok(u64::try_from(total).unwrap_or(0))
}

/// Prints the leg's rows of the table and says where the time goes.
pub(crate) fn report(figures: &Figures, row: &dyn Fn(&str, &Run)) {
    row(
        "authcode serve, PostgreSQL store, one replica",
        &figures.one,
    );
    row(
        "… two replicas, replica 1 (32 connections)",
        &figures.two[0],
    );
    row(
        "… two replicas, replica 2 (32 connections)",
        &figures.two[1],
    );
}

/// Where the one-replica run's time went, in CPU seconds.
pub(crate) fn where_the_time_goes(figures: &Figures) {
    let (server, postgres, all) = figures.cpu;
    let exchanges = figures.one.requests.max(1) as f64;
    println!(
        "PostgreSQL store, one replica: CPU {all:.1} s of both cores' {:.1} s — the server \
         {server:.1} s ({:.0} µs an exchange), PostgreSQL {postgres:.1} s ({:.0} µs), the rest \
         (wrk, the kernel) {:.1} s",
        2.0 * figures.one.seconds,
        server * 1e6 / exchanges,
        postgres * 1e6 / exchanges,
        (all - server - postgres).max(0.0)
    );
}
