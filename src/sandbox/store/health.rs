//! The health check's query: the cheapest statement that still needs the store, run by
//! `GET /healthz` through the writer (so it also waits for the write lock, as an exchange does).

use super::sql::{params, Dialect, Sql, SqlResult};

/// The store's schema version, read from the database.
pub(crate) fn schema_version(conn: &dyn Sql) -> SqlResult<i64> {
    let sql = match conn.dialect() {
        Dialect::Sqlite => "PRAGMA user_version",
        Dialect::Postgres => "SELECT version FROM schema_version",
    };
    conn.query_one(sql, params![])?.get(0)
}
