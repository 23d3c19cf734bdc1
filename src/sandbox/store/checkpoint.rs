//! `serve`'s checkpoints, off the writer's path. At a checkpoint SQLite copies the WAL back
//! into the database, with an fsync before and after; run in the committing connection (SQLite's
//! automatic checkpoint, every 4 MiB by default), that stalls every request waiting on the
//! writer for tens of milliseconds. Here a thread with its own connection checkpoints shortly
//! after the writer committed, in PASSIVE mode, which never blocks the writer.
//!
//! A passive checkpoint cannot catch up while commits keep coming, and the WAL only starts over
//! once one has: the last frames must be copied back, and the database flushed, with no commit
//! in between, so that moment is the writer's. What it costs the writer is what is left to
//! flush then, so the thread leaves it next to nothing: once the WAL is past [`RESTART_FRAMES`],
//! it flushes the database itself (the bulk of what its checkpoints copied, while the writer
//! goes on committing), checkpoints again (the few milliseconds of commits made meanwhile) and
//! flushes again, and only then asks the writer to start the WAL over. Before its next batch
//! the writer copies back the tail of that tail and flushes it — fsyncs of a few hundred
//! kilobytes rather than of everything copied since the last restart (tens of megabytes, which
//! took 15–70 ms here) — and its next commit writes the WAL from its start.
//! [`WAL_BOUND_PAGES`] stays as the writer's own automatic checkpoint, a backstop. Once the
//! writer has been idle for [`IDLE`], a WAL file grown past [`WAL_KEEP_BYTES`] is truncated.
//! (SQLite's `journal_size_limit` would truncate it at every restart, in the writer, and on a
//! filesystem mounted with `discard` freeing those blocks takes a pause of its own.)

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use rusqlite::Connection;

/// The WAL size (in pages) at which the writer checkpoints by itself, should the restarts not
/// keep it below: 234 MiB.
const WAL_BOUND_PAGES: u32 = 60_000;

/// The WAL size (in frames, a page each) past which the thread has the writer start the WAL
/// over: 64 MiB, about once a second at full speed. A restart costs the writer little (see the
/// module's text), so it can come often, and a small WAL stays in the page cache.
const RESTART_FRAMES: i64 = 16_384;

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

/// A handle that tells the checkpoint thread a commit happened, and tells the writer when to
/// start the WAL over; the thread ends when it drops.
pub(crate) struct Checkpointer {
    /// `None` once dropped, which tells the thread to end.
    wrote: Option<mpsc::SyncSender<()>>,
    restart: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Dropping the handle waits for the thread to end and let go of its connection: a writer that
/// moves to a new store file must not share the WAL beside it with a connection to the old one.
impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.wrote.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Checkpointer {
    /// Starts the thread that owns `conn`, a connection to the store at `store`.
    pub(crate) fn start(conn: Connection, store: &Path) -> Checkpointer {
        Checkpointer::start_restarting_at(conn, store, RESTART_FRAMES)
    }

    /// [`Checkpointer::start`], asking for a restart past `restart_frames`.
    fn start_restarting_at(conn: Connection, store: &Path, restart_frames: i64) -> Checkpointer {
        let (wrote, commits) = mpsc::sync_channel(1);
        let mut wal = store.as_os_str().to_owned();
        wal.push("-wal");
        let wal = PathBuf::from(wal);
        // The database file, for the thread's own flushes. Held until the thread's connection
        // is closed: closing a descriptor of the file drops every POSIX lock this process holds
        // on it, SQLite's included (the writer's handle drops the thread after its own
        // connection, or when the file was deleted or replaced).
        let db = File::open(store).ok();
        let restart = Arc::new(AtomicBool::new(false));
        let asked = restart.clone();
        let thread = std::thread::Builder::new()
            .name("store-checkpoint".into())
            .spawn(move || {
                let thread = Thread {
                    conn,
                    db,
                    wal,
                    restart: asked,
                    restart_frames,
                };
                thread.run(&commits);
            })
            .expect("a thread can be spawned");
        Checkpointer {
            wrote: Some(wrote),
            restart,
            thread: Some(thread),
        }
    }

    /// Says that the writer committed; never blocks.
    pub(crate) fn committed(&self) {
        if let Some(wrote) = &self.wrote {
            let _ = wrote.try_send(());
        }
    }

    /// In the writer, before a batch: when the thread asked for it, copies back what is left of
    /// the WAL (with its fsyncs, of what the few milliseconds since the thread's own last
    /// checkpoint wrote), so that this batch starts the WAL over, and returns true. Passive: no
    /// wait for another process's reader, which would only make the WAL be appended to once
    /// more. A failure leaves the restart to the next ask, or to the automatic checkpoint.
    pub(crate) fn restart_if_asked(&self, writer: &Connection) -> bool {
        if !self.restart.load(Ordering::Acquire) {
            return false;
        }
        let _ = checkpoint(writer, "PASSIVE");
        self.restart.store(false, Ordering::Release);
        true
    }
}

/// What the checkpoint thread owns.
struct Thread {
    conn: Connection,
    /// The database file, to flush; `None` if it could not be opened (then the writer's
    /// checkpoint flushes it all, as SQLite's own would).
    db: Option<File>,
    wal: PathBuf,
    restart: Arc<AtomicBool>,
    restart_frames: i64,
}

impl Thread {
    fn run(self, commits: &mpsc::Receiver<()>) {
        loop {
            match commits.recv_timeout(IDLE) {
                // While the writer has a restart to do, the thread keeps out of its way.
                Ok(()) if self.restart.load(Ordering::Acquire) => {}
                Ok(()) => {
                    // A failed checkpoint (another process holds the lock) is retried after
                    // the next commit.
                    if checkpoint(&self.conn, "PASSIVE")
                        .is_ok_and(|frames| frames > self.restart_frames)
                        && self.prepare_restart()
                    {
                        self.restart.store(true, Ordering::Release);
                    }
                    std::thread::sleep(PAUSE);
                }
                Err(RecvTimeoutError::Timeout) => {
                    if std::fs::metadata(&self.wal).is_ok_and(|m| m.len() > WAL_KEEP_BYTES) {
                        let _ = checkpoint(&self.conn, "TRUNCATE");
                    }
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        // The connection first, then the file (see `start_restarting_at`).
        let Thread { conn, db, .. } = self;
        drop(conn);
        drop(db);
    }

    /// Leaves the writer's restart little to flush: flushes what the checkpoints copied into
    /// the database, copies back what was committed meanwhile (its checkpoint flushes the WAL
    /// first), and flushes that. Whether all went well.
    fn prepare_restart(&self) -> bool {
        let Some(db) = &self.db else {
            return true;
        };
        db.sync_data().is_ok()
            && checkpoint(&self.conn, "PASSIVE").is_ok()
            && db.sync_data().is_ok()
    }
}

/// Runs a checkpoint in `mode`; the frames in the WAL (its outcome is in the WAL, not in the
/// answer).
fn checkpoint(conn: &Connection, mode: &str) -> rusqlite::Result<i64> {
    conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |r| r.get(1))
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

    /// A store with a table `t`, its writer (no automatic checkpoints) and a checkpoint
    /// thread that asks for a restart past 256 frames; the directory lives as long as it.
    fn restarting_store() -> (
        tempfile::TempDir,
        std::path::PathBuf,
        Connection,
        Checkpointer,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let writer = crate::sandbox::store::open(&path).unwrap();
        writer.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        writer.execute_batch("CREATE TABLE t (x BLOB)").unwrap();
        let checkpoints = Checkpointer::start_restarting_at(
            crate::sandbox::store::open(&path).unwrap(),
            &path,
            256,
        );
        (dir, path, writer, checkpoints)
    }

    #[test]
    fn under_steady_writes_the_writer_starts_the_wal_over_when_asked() {
        let (_dir, _path, writer, checkpoints) = restarting_store();
        let frames = |c: &Connection| checkpoint(c, "PASSIVE").unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        // 64 KiB a commit, with no pause the thread could use to catch up by itself.
        let before = loop {
            assert!(std::time::Instant::now() < deadline, "no restart was asked");
            if checkpoints.restart_if_asked(&writer) {
                break frames(&writer);
            }
            writer
                .execute("INSERT INTO t VALUES (zeroblob(65536))", [])
                .unwrap();
            checkpoints.committed();
        };
        assert!(before > 256, "asked at {before} frames");
        writer
            .execute("INSERT INTO t VALUES (zeroblob(65536))", [])
            .unwrap();
        let after = frames(&writer);
        assert!(
            after < 64,
            "the WAL started over: {after} frames after, {before} before"
        );
    }

    #[test]
    fn the_writers_restart_never_waits_for_a_reader() {
        let (_dir, path, writer, checkpoints) = restarting_store();
        let write = || {
            writer
                .execute("INSERT INTO t VALUES (zeroblob(65536))", [])
                .unwrap();
            checkpoints.committed();
        };
        write();
        // Another process's reader (`sandbox list`, say) holding its snapshot meanwhile.
        let reader = crate::sandbox::store::open(&path).unwrap();
        reader.execute_batch("BEGIN").unwrap();
        let _: i64 = reader
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let took = loop {
            assert!(std::time::Instant::now() < deadline, "no restart was asked");
            let started = std::time::Instant::now();
            if checkpoints.restart_if_asked(&writer) {
                break started.elapsed();
            }
            write();
        };
        // A checkpoint that waited for the reader would have taken the busy timeout (10 s).
        assert!(took < Duration::from_secs(1), "the writer waited {took:?}");
        write();
        reader.execute_batch("COMMIT").unwrap();
    }
}
