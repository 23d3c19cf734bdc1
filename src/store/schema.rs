//! The store's schema and its migrations. The version lives in SQLite's `user_version`; each
//! migration moves it up by one, inside the transaction that changes the tables, so a store
//! is always at a version this program (or a newer one) wrote.

use rusqlite::{Connection, TransactionBehavior};

/// The schema version this program writes.
pub(crate) const VERSION: i64 = 2;

/// Migration `n` takes a store from version `n` to `n + 1`.
const MIGRATIONS: [&str; VERSION as usize] = [
    // 0 -> 1: codes minted by `request` (or the consent page) and the tokens they became.
    "CREATE TABLE codes (
        code        TEXT PRIMARY KEY,
        scopes      TEXT NOT NULL,     -- JSON array of the granted scopes
        user_id     TEXT NOT NULL,
        user_json   TEXT NOT NULL,     -- the simulated user as minted, for the profile query
        minted_at   INTEGER NOT NULL,  -- Unix milliseconds
        redeemed_at INTEGER            -- NULL while unused
    );
    CREATE TABLE tokens (
        access_token       TEXT PRIMARY KEY,
        refresh_token      TEXT NOT NULL UNIQUE,
        code               TEXT NOT NULL,
        scopes             TEXT NOT NULL,
        user_id            TEXT NOT NULL,
        user_json          TEXT NOT NULL,
        issued_at          INTEGER NOT NULL,
        access_expires_at  INTEGER NOT NULL,
        refresh_expires_at INTEGER NOT NULL,
        refreshed_at       INTEGER     -- NULL while the refresh token is unspent
    );
    CREATE INDEX codes_minted ON codes (minted_at);
    CREATE INDEX tokens_issued ON tokens (issued_at);",
    // 1 -> 2: faults armed on a route (`authcode sandbox fault`).
    "CREATE TABLE faults (
        id         INTEGER PRIMARY KEY,
        route      TEXT NOT NULL,     -- apply-token | profile
        answer     TEXT NOT NULL,     -- code:<result code> | status:<5xx> | delay:<ms>
        remaining  INTEGER,           -- requests it still hits; NULL: every one
        fraction   REAL NOT NULL,     -- the share of requests it hits, (0, 1]
        created_at INTEGER NOT NULL
    );
    CREATE INDEX faults_route ON faults (route);",
];

/// Why a store cannot be used.
#[derive(Debug)]
pub(crate) enum SchemaError {
    /// Written by a newer authcode: refused, never overwritten.
    Newer(i64),
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for SchemaError {
    fn from(e: rusqlite::Error) -> Self {
        SchemaError::Sql(e)
    }
}

/// Brings the store up to [`VERSION`]. Concurrent processes take turns: the version is read
/// again under the write lock.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), SchemaError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == VERSION {
        return Ok(());
    }
    if version > VERSION {
        return Err(SchemaError::Newer(version));
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > VERSION {
        return Err(SchemaError::Newer(version));
    }
    while version < VERSION {
        tx.execute_batch(MIGRATIONS[version as usize])?;
        version += 1;
        tx.execute_batch(&format!("PRAGMA user_version = {version}"))?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_once_and_refuses_newer() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, VERSION);
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
        assert!(matches!(migrate(&mut conn), Err(SchemaError::Newer(99))));
    }
}
