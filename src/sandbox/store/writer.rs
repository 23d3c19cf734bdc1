//! `serve`'s access to the store: one thread owns a connection and runs the jobs handlers send
//! it in batches, one transaction per batch (group commit). A job's answer is released only
//! after its batch committed, so nothing is answered that a killed server could forget; if any
//! job of a batch fails, the whole batch is rolled back and every job in it fails. Before each
//! batch the writer checks that the file at the store's path is still the one it has open
//! (device and inode, one `stat`), and moves to the new one when it was deleted or replaced.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use rusqlite::Connection;

use super::checkpoint::{self, Checkpointer};
use super::job::{Job, Reply};
use super::sql::{Sql, SqlResult};
use super::OpenError;

/// The most jobs one transaction carries.
const MAX_BATCH: usize = 256;

/// How long a batch waits for more jobs when the one before it had company: a commit rewrites
/// the pages it touched whole, so under load a larger batch writes far fewer bytes per job (a
/// third, measured). A lone request never waits.
const GATHER: Duration = Duration::from_millis(1);

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
    /// starts both (for tests: `serve` hears of a replaced store file).
    #[cfg(test)]
    pub(crate) fn open(path: &Path) -> Result<Writer, OpenError> {
        Writer::open_noticing(path, |_| {})
    }

    /// [`Writer::open`], telling `notice` when the store file was deleted or replaced and the
    /// writer moved to the file now at `path` (or could not).
    pub(crate) fn open_noticing(
        path: &Path,
        notice: impl Fn(&str) + Send + 'static,
    ) -> Result<Writer, OpenError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        if let Some(url) = super::postgres::url(path) {
            let super::Opened::Postgres(first) = super::connect_postgres(url)? else {
                unreachable!("a PostgreSQL URL opens a PostgreSQL store")
            };
            super::postgres::workers::start(url, *first, queue);
            return Ok(Writer { jobs });
        }
        let store = Store::open(path)?;
        std::thread::Builder::new()
            .name("store-writer".into())
            .spawn(move || write_loop(store, &queue, &notice))
            .expect("a thread can be spawned");
        Ok(Writer { jobs })
    }

    /// Runs `f` in the next batch; resolves once that batch committed (or failed).
    pub(crate) async fn run<R, F>(&self, f: F) -> Result<R, StoreFailure>
    where
        R: Send + 'static,
        F: FnOnce(&dyn Sql) -> SqlResult<R> + Send + 'static,
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

/// The writer's connection, the checkpoint thread on the same file, and which file that is.
struct Store {
    path: PathBuf,
    conn: Connection,
    /// `None` while broken.
    checkpoints: Option<Checkpointer>,
    file: Option<FileId>,
    /// The file now at `path` cannot be used (it replaced the one open, which was let go).
    broken: bool,
}

impl Store {
    fn open(path: &Path) -> Result<Store, OpenError> {
        let conn = super::open(path)?;
        checkpoint::bound_wal(&conn).map_err(|e| OpenError::Unusable {
            path: path.to_path_buf(),
            why: e.to_string(),
        })?;
        let checkpoints = Checkpointer::start(super::open(path)?, path);
        Ok(Store {
            path: path.to_path_buf(),
            conn,
            checkpoints: Some(checkpoints),
            file: file_id(path),
            broken: false,
        })
    }

    /// Before a batch: when the file at the path is no longer the one open (deleted, or
    /// replaced by a new store), moves to the one there now, creating it if it is gone, so that
    /// the codes `request` records in it can be exchanged. If that file cannot be used, every
    /// batch fails until one can.
    fn follow(&mut self, notice: &dyn Fn(&str)) {
        let now = file_id(&self.path);
        if now == self.file || (self.broken && now.is_none()) {
            return;
        }
        // The old file is let go first, its WAL copied back and emptied (after the checkpoint
        // thread, which could be checkpointing it, has ended): the -wal and -shm files beside
        // the path must not serve two databases, nor carry the old one's pages into the new.
        self.checkpoints = None;
        if !self.broken {
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
        let Ok(placeholder) = Connection::open_in_memory() else {
            return;
        };
        drop(std::mem::replace(&mut self.conn, placeholder));
        let shown = crate::text::display_path(&self.path);
        match Store::open(&self.path) {
            Ok(new) => {
                notice(&format!(
                    "the store file {shown} was deleted or replaced: serving the store there now"
                ));
                *self = new;
            }
            Err(e) => {
                if !self.broken {
                    notice(&format!(
                        "the store file {shown} was replaced by one that cannot be used: {e}"
                    ));
                }
                self.broken = true;
            }
        }
    }
}

/// Which file a path names (device and inode), to notice a deleted or replaced store.
#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = ();

fn file_id(path: &Path) -> Option<FileId> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(())
    }
}

fn write_loop(mut store: Store, queue: &mpsc::Receiver<Job>, notice: &dyn Fn(&str)) {
    let mut previous = 0;
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        collect(queue, &mut batch, previous > 1);
        previous = batch.len();
        store.follow(notice);
        if let Some(checkpoints) = &store.checkpoints {
            checkpoints.restart_if_asked(&store.conn);
        }
        let conn = &store.conn;
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
        let mut any_failed = store.broken;
        for job in batch {
            let (reply, failed) = job(conn);
            any_failed |= failed;
            replies.push(reply);
        }
        let committed = !any_failed && conn.execute_batch("COMMIT").is_ok();
        if committed {
            if let Some(checkpoints) = &store.checkpoints {
                checkpoints.committed();
            }
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
    use crate::sandbox::store::sql::params;

    fn writer() -> (Writer, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        (Writer::open(&dir.path().join("s.sqlite3")).unwrap(), dir)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failing_job_rolls_back_its_batch() {
        let (w, _dir) = writer();
        w.run(|c| c.execute("CREATE TABLE t (x INTEGER)", params![]))
            .await
            .unwrap();
        // A job that writes, then one that fails, sent together: neither write may remain.
        let a = w.run(|c| c.execute("INSERT INTO t VALUES (1)", params![]));
        let b = w.run(|c| c.execute("INSERT INTO nope VALUES (1)", params![]));
        let (a, b) = tokio::join!(a, b);
        assert!(b.is_err());
        if a.is_err() {
            let n: i64 = w
                .run(|c| {
                    c.query_one("SELECT count(*) FROM t", params![])?
                        .get::<i64>(0)
                })
                .await
                .unwrap();
            assert_eq!(n, 0, "a rolled-back batch left a row");
        }
        // The writer keeps working after a failed batch.
        w.run(|c| c.execute("INSERT INTO t VALUES (2)", params![]))
            .await
            .unwrap();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_deleted_or_replaced_store_file_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let notices = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let heard = notices.clone();
        let w =
            Writer::open_noticing(&path, move |n| heard.lock().unwrap().push(n.into())).unwrap();
        let arm = |c: &dyn Sql| {
            crate::sandbox::store::faults::arm(
                c,
                "profile",
                &crate::sandbox::store::faults::Answer::Status(503),
                Some(1),
                1.0,
                0,
            )
        };
        let count = |c: &dyn Sql| {
            c.query_one("SELECT count(*) FROM faults", params![])?
                .get::<i64>(0)
        };
        w.run(arm).await.unwrap();
        assert_eq!(w.run(count).await.unwrap(), 1);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        assert_eq!(w.run(count).await.unwrap(), 0, "a new, empty store");
        assert!(path.exists());
        // Replaced by another store (renamed over it).
        let other = dir.path().join("other.sqlite3");
        let conn = crate::sandbox::store::open(&other).unwrap();
        for _ in 0..3 {
            arm(&conn as &dyn Sql).unwrap();
        }
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        drop(conn);
        std::fs::rename(&other, &path).unwrap();
        assert_eq!(w.run(count).await.unwrap(), 3, "the store now at the path");
        assert_eq!(
            notices.lock().unwrap().len(),
            2,
            "{:?}",
            notices.lock().unwrap()
        );
    }
}
