//! `serve`'s access to the store: one thread owns a connection and runs the jobs handlers send
//! it in batches, one transaction per batch (group commit). A job's answer is released only
//! after its batch committed, so nothing is answered that a killed server could forget; if any
//! job of a batch fails, the whole batch is rolled back and every job in it fails.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use rusqlite::Connection;

use super::checkpoint::{self, Checkpointer};
use super::OpenError;

/// The most jobs one transaction carries.
const MAX_BATCH: usize = 256;

/// How long a batch waits for more jobs when the one before it had company: a commit rewrites
/// the pages it touched whole, so under load a larger batch writes far fewer bytes per job (a
/// third, measured). A lone request never waits.
const GATHER: Duration = Duration::from_millis(1);

type Reply = Box<dyn FnOnce(bool) + Send>;
type Job = Box<dyn FnOnce(&Connection) -> (Reply, bool) + Send>;

/// The store could not carry out a job (I/O error, lock timeout, corrupt file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoreFailure(pub String);

/// A handle to the writer thread; clones share it. The thread ends when the last one drops.
#[derive(Clone)]
pub(crate) struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Opens the store at `path` twice, for the writer thread and the checkpoint thread, and
    /// starts both.
    pub(crate) fn open(path: &Path) -> Result<Writer, OpenError> {
        let conn = super::open(path)?;
        checkpoint::bound_wal(&conn).map_err(|e| OpenError::Unusable {
            path: path.to_path_buf(),
            why: e.to_string(),
        })?;
        let checkpoints = Checkpointer::start(super::open(path)?, path);
        Ok(Writer::start(conn, checkpoints))
    }

    /// Starts the thread that owns `conn`, telling `checkpoints` of each commit.
    fn start(conn: Connection, checkpoints: Checkpointer) -> Writer {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("store-writer".into())
            .spawn(move || write_loop(&conn, &queue, &checkpoints))
            .expect("a thread can be spawned");
        Writer { jobs }
    }

    /// Runs `f` in the next batch; resolves once that batch committed (or failed).
    pub(crate) async fn run<R, F>(&self, f: F) -> Result<R, StoreFailure>
    where
        R: Send + 'static,
        F: FnOnce(&Connection) -> rusqlite::Result<R> + Send + 'static,
    {
        let (done, answer) = tokio::sync::oneshot::channel::<Result<R, StoreFailure>>();
        let job: Job = Box::new(move |conn| {
            let outcome = f(conn).map_err(|e| StoreFailure(e.to_string()));
            let failed = outcome.is_err();
            let reply: Reply = Box::new(move |committed| {
                let result = if committed {
                    outcome
                } else {
                    outcome.and(Err(StoreFailure("the store did not commit".into())))
                };
                let _ = done.send(result);
            });
            (reply, failed)
        });
        self.jobs
            .send(job)
            .map_err(|_| StoreFailure("the store writer has stopped".into()))?;
        answer
            .await
            .unwrap_or_else(|_| Err(StoreFailure("the store writer has stopped".into())))
    }
}

fn write_loop(conn: &Connection, queue: &mpsc::Receiver<Job>, checkpoints: &Checkpointer) {
    let mut previous = 0;
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        collect(queue, &mut batch, previous > 1);
        previous = batch.len();
        if conn.execute_batch("BEGIN IMMEDIATE").is_err() {
            for job in batch {
                let (reply, _) = job(conn);
                reply(false);
            }
            // Whatever the statement left open must not swallow the next batch.
            let _ = conn.execute_batch("ROLLBACK");
            continue;
        }
        let mut replies = Vec::with_capacity(batch.len());
        let mut any_failed = false;
        for job in batch {
            let (reply, failed) = job(conn);
            any_failed |= failed;
            replies.push(reply);
        }
        let committed = !any_failed && conn.execute_batch("COMMIT").is_ok();
        if committed {
            checkpoints.committed();
        } else {
            let _ = conn.execute_batch("ROLLBACK");
        }
        for reply in replies {
            reply(committed);
        }
    }
}

/// Adds the jobs queued to `batch`; when `busy`, after letting more arrive for [`GATHER`]
/// (asleep, so that they do not wake the thread one by one).
fn collect(queue: &mpsc::Receiver<Job>, batch: &mut Vec<Job>, busy: bool) {
    if busy {
        std::thread::sleep(GATHER);
    }
    while batch.len() < MAX_BATCH {
        match queue.try_recv() {
            Ok(job) => batch.push(job),
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn writer() -> (Writer, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        (Writer::open(&dir.path().join("s.sqlite3")).unwrap(), dir)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failing_job_rolls_back_its_batch() {
        let (w, _dir) = writer();
        w.run(|c| c.execute_batch("CREATE TABLE t (x INTEGER)"))
            .await
            .unwrap();
        // A job that writes, then one that fails, sent together: neither write may remain.
        let a = w.run(|c| c.execute("INSERT INTO t VALUES (1)", []));
        let b = w.run(|c| c.execute("INSERT INTO nope VALUES (1)", []));
        let (a, b) = tokio::join!(a, b);
        assert!(b.is_err());
        if a.is_err() {
            let n: i64 = w
                .run(|c| c.query_row("SELECT count(*) FROM t", [], |r| r.get(0)))
                .await
                .unwrap();
            assert_eq!(n, 0, "a rolled-back batch left a row");
        }
        // The writer keeps working after a failed batch.
        w.run(|c| c.execute("INSERT INTO t VALUES (2)", []))
            .await
            .unwrap();
    }
}
