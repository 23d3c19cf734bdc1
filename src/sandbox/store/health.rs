//! The health check's query: the cheapest statement that still needs the store, run by
//! `GET /healthz` through the writer (so it also waits for the write lock, as an exchange does).

use rusqlite::Connection;

/// The store's schema version, read from the file.
pub(crate) fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}
