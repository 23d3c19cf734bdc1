//! `serve`'s checkpoints, off the writer's path. At a checkpoint SQLite copies the WAL back
//! into the database, with an fsync before and after; run in the committing connection (SQLite's
//! automatic checkpoint, every 4 MiB by default), that stalls every request waiting on the
//! writer for tens of milliseconds. Here a thread with its own connection checkpoints shortly
//! after the writer committed, in PASSIVE mode, which never blocks the writer.
//!
//! A passive checkpoint cannot catch up while commits keep coming, and the WAL only starts over
//! once one has. So under sustained load the WAL grows, up to [`WAL_BOUND_PAGES`], where the
//! writer's own automatic checkpoint copies back the rest in one pause. Once the writer has
//! been idle for [`IDLE`], a WAL file grown past [`WAL_KEEP_BYTES`] is truncated. (SQLite's
//! `journal_size_limit` would truncate it at every restart, in the writer, and on a
//! filesystem mounted with `discard` freeing those blocks takes a pause of its own.)

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use rusqlite::Connection;

/// The WAL size (in pages) at which the writer checkpoints itself: 512 MiB, about 250,000
/// exchanges (`cargo bench --bench serve`).
const WAL_BOUND_PAGES: u32 = 131_072;

/// A WAL file larger than this is truncated once the writer is idle.
const WAL_KEEP_BYTES: u64 = 16 << 20;

/// The least time between two checkpoints of the thread, so that a busy writer's commits are
/// copied back in bulk rather than one fsync pair each.
const PAUSE: Duration = Duration::from_millis(100);

/// How long without a commit counts as idle.
const IDLE: Duration = Duration::from_secs(1);

/// Sets the writer connection's checkpoint bound.
pub(crate) fn bound_wal(writer: &Connection) -> rusqlite::Result<()> {
    writer.pragma_update(None, "wal_autocheckpoint", WAL_BOUND_PAGES)
}

/// A handle that tells the checkpoint thread a commit happened; the thread ends when it drops.
pub(crate) struct Checkpointer {
    wrote: mpsc::SyncSender<()>,
}

impl Checkpointer {
    /// Starts the thread that owns `conn`, a connection to the store at `store`.
    pub(crate) fn start(conn: Connection, store: &Path) -> Checkpointer {
        let (wrote, commits) = mpsc::sync_channel(1);
        let mut wal = store.as_os_str().to_owned();
        wal.push("-wal");
        let wal = PathBuf::from(wal);
        std::thread::Builder::new()
            .name("store-checkpoint".into())
            .spawn(move || checkpoint_loop(&conn, &wal, &commits))
            .expect("a thread can be spawned");
        Checkpointer { wrote }
    }

    /// Says that the writer committed; never blocks.
    pub(crate) fn committed(&self) {
        let _ = self.wrote.try_send(());
    }
}

fn checkpoint_loop(conn: &Connection, wal: &Path, commits: &mpsc::Receiver<()>) {
    loop {
        match commits.recv_timeout(IDLE) {
            Ok(()) => {
                // A failed checkpoint (another process holds the lock) is retried after the
                // next commit.
                let _ = checkpoint(conn, "PASSIVE");
                std::thread::sleep(PAUSE);
            }
            Err(RecvTimeoutError::Timeout) => {
                if std::fs::metadata(wal).is_ok_and(|m| m.len() > WAL_KEEP_BYTES) {
                    let _ = checkpoint(conn, "TRUNCATE");
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Runs a checkpoint in `mode` (its outcome is in the WAL, not in the answer).
fn checkpoint(conn: &Connection, mode: &str) -> rusqlite::Result<()> {
    conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |_| Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commits_are_copied_back_by_the_thread_and_an_idle_wal_is_truncated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let wal = dir.path().join("s.sqlite3-wal");
        let len = |p: &Path| std::fs::metadata(p).unwrap().len();
        let writer = crate::sandbox::store::open(&path).unwrap();
        writer.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        writer.execute_batch("CREATE TABLE t (x BLOB)").unwrap();
        let checkpoints = Checkpointer::start(crate::sandbox::store::open(&path).unwrap(), &path);
        // 20 MiB through the WAL; the writer itself never checkpoints.
        for _ in 0..20 {
            writer
                .execute("INSERT INTO t VALUES (zeroblob(1 << 20))", [])
                .unwrap();
            checkpoints.committed();
        }
        assert!(len(&wal) > WAL_KEEP_BYTES);
        // Polled, with room for a slow machine.
        let eventually = |what: &str, done: &dyn Fn() -> bool| {
            let deadline = std::time::Instant::now() + Duration::from_secs(20);
            while !done() {
                assert!(std::time::Instant::now() < deadline, "{what}");
                std::thread::sleep(Duration::from_millis(20));
            }
        };
        eventually("the thread copies the WAL back", &|| len(&path) > 20 << 20);
        eventually("an idle, grown WAL is truncated", &|| len(&wal) == 0);
        let n: i64 = writer
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 20);
    }
}
