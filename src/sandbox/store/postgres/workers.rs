//! `serve`'s access to a PostgreSQL store: a few threads, each with its own connection, take
//! the jobs handlers send and run each in its own transaction; a job's answer is released only
//! after its commit. PostgreSQL orders the replicas' writes (row locks under READ COMMITTED),
//! so unlike SQLite's single writer these threads run side by side. A lost connection fails
//! the job at hand at once and is made again before the next one: while the database is away,
//! requests get the store-failure answer quickly (each connection attempt is bounded), and
//! once it is back the server answers normally, without a restart.

use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use super::PgConn;
use crate::sandbox::store::job::Job;
use crate::sandbox::store::sql::{Dialect, Param, Row, Sql, SqlError, SqlResult};

/// Connections per replica: enough to keep the database's group commit busy.
const THREADS: usize = 8;

/// After a failed attempt, how long the next job fails at once before another attempt (so a
/// burst of requests during an outage does not wait on connection timeouts one by one).
const RETRY_AFTER: Duration = Duration::from_millis(250);

/// Starts the worker threads on `url`, taking jobs from `queue`; `first` is the connection
/// the store was opened (and migrated) with.
pub(crate) fn start(url: &str, first: PgConn, queue: mpsc::Receiver<Job>) {
    let queue = Arc::new(Mutex::new(queue));
    let mut first = Some(first);
    for i in 0..THREADS {
        let queue = queue.clone();
        let url = url.to_string();
        let conn = first.take();
        std::thread::Builder::new()
            .name(format!("store-pg-{i}"))
            .spawn(move || work(&url, conn, &queue))
            .expect("a thread can be spawned");
    }
}

fn work(url: &str, conn: Option<PgConn>, queue: &Mutex<mpsc::Receiver<Job>>) {
    // Connected before the first job, so that the first requests after a start do not wait on
    // connecting, and a failure later is one of an established connection.
    let mut conn = conn.or_else(|| PgConn::connect(url).ok());
    let mut failed_at: Option<Instant> = None;
    loop {
        let job = {
            let Ok(queue) = queue.lock() else { return };
            match queue.recv() {
                Ok(job) => job,
                Err(_) => return,
            }
        };
        if conn.as_ref().is_some_and(PgConn::is_closed) {
            conn = None;
            failed_at = None;
        }
        if conn.is_none() && failed_at.is_none_or(|at| at.elapsed() >= RETRY_AFTER) {
            match PgConn::connect(url) {
                Ok(c) => conn = Some(c),
                Err(_) => failed_at = Some(Instant::now()),
            }
        }
        // A connection the database closed (a restart) is noticed only when used: then one
        // new connection is tried at once, so a request after the database came back does not
        // fail on a stale one.
        if conn.as_ref().is_some_and(|c| c.batch("BEGIN").is_err()) {
            conn = PgConn::connect(url)
                .ok()
                .filter(|c| c.batch("BEGIN").is_ok());
            if conn.is_none() {
                failed_at = Some(Instant::now());
            }
        }
        let Some(c) = conn.as_ref() else {
            let (reply, _) = job(&Unreachable);
            reply(false);
            continue;
        };
        let (reply, failed) = job(c);
        let committed = !failed && c.batch("COMMIT").is_ok();
        if !committed {
            let _ = c.batch("ROLLBACK");
        }
        reply(committed);
    }
}

/// Where the database cannot be reached: every statement fails.
struct Unreachable;

impl Sql for Unreachable {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&self, _: &str, _: &[Param<'_>]) -> SqlResult<u64> {
        Err(SqlError("the store's database cannot be reached".into()))
    }

    fn query(&self, _: &str, _: &[Param<'_>]) -> SqlResult<Vec<Row>> {
        Err(SqlError("the store's database cannot be reached".into()))
    }
}
