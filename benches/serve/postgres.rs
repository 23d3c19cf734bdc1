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
    let mut one = wrk_with(addr, &script, seconds, WARMUP_CODES, 64)?;
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
