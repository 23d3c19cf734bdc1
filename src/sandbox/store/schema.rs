//! The store's schema and its migrations. The version lives in SQLite's `user_version`; each
//! migration moves it up by one, inside the transaction that changes the tables, so a store
//! is always at a version this program (or a newer one) wrote.

use rusqlite::{Connection, TransactionBehavior};

/// The schema version this program writes.
pub(crate) const VERSION: i64 = 6;

/// Migration `n` takes a store from version `n` to `n + 1`.
pub(crate) const MIGRATIONS: [&str; VERSION as usize] = [
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
    // 2 -> 3: each simulated user's record stored once, not with every code and token (it
    // was most of a row's bytes, so most of what a redemption wrote). Row ids are kept: the
    // listing orders by them.
    "CREATE TABLE user_records (
        id        INTEGER PRIMARY KEY,
        user_json TEXT NOT NULL UNIQUE  -- a simulated user as minted, for the profile query
    );
    INSERT OR IGNORE INTO user_records (user_json)
        SELECT user_json FROM codes UNION SELECT user_json FROM tokens;
    CREATE TABLE codes_v3 (
        code        TEXT PRIMARY KEY,
        scopes      TEXT NOT NULL,     -- JSON array of the granted scopes
        user_id     TEXT NOT NULL,
        user_record INTEGER NOT NULL REFERENCES user_records (id),
        minted_at   INTEGER NOT NULL,  -- Unix milliseconds
        redeemed_at INTEGER            -- NULL while unused
    );
    INSERT INTO codes_v3 (rowid, code, scopes, user_id, user_record, minted_at, redeemed_at)
        SELECT c.rowid, c.code, c.scopes, c.user_id, u.id, c.minted_at, c.redeemed_at
        FROM codes c JOIN user_records u ON u.user_json = c.user_json;
    DROP TABLE codes;
    ALTER TABLE codes_v3 RENAME TO codes;
    CREATE INDEX codes_minted ON codes (minted_at);
    CREATE TABLE tokens_v3 (
        access_token       TEXT PRIMARY KEY,
        refresh_token      TEXT NOT NULL UNIQUE,
        code               TEXT NOT NULL,
        scopes             TEXT NOT NULL,
        user_id            TEXT NOT NULL,
        user_record        INTEGER NOT NULL REFERENCES user_records (id),
        issued_at          INTEGER NOT NULL,
        access_expires_at  INTEGER NOT NULL,
        refresh_expires_at INTEGER NOT NULL,
        refreshed_at       INTEGER     -- NULL while the refresh token is unspent
    );
    INSERT INTO tokens_v3 (rowid, access_token, refresh_token, code, scopes, user_id,
            user_record, issued_at, access_expires_at, refresh_expires_at, refreshed_at)
        SELECT t.rowid, t.access_token, t.refresh_token, t.code, t.scopes, t.user_id, u.id,
            t.issued_at, t.access_expires_at, t.refresh_expires_at, t.refreshed_at
        FROM tokens t JOIN user_records u ON u.user_json = t.user_json;
    DROP TABLE tokens;
    ALTER TABLE tokens_v3 RENAME TO tokens;
    CREATE INDEX tokens_issued ON tokens (issued_at);",
    // 3 -> 4: the binding's end, Apply OTT's one-time tokens, the X-EXTERNAL-IDs seen
    // (`binding`).
    "
    ALTER TABLE tokens ADD COLUMN unbound_at INTEGER;  -- NULL while the binding lasts
    CREATE TABLE otts (
        ott          TEXT PRIMARY KEY,
        access_token TEXT NOT NULL,
        issued_at    INTEGER NOT NULL,  -- Unix milliseconds
        expires_at   INTEGER NOT NULL,
        used_at      INTEGER            -- NULL while unused
    );
    CREATE TABLE external_ids (
        route       TEXT NOT NULL,     -- the route's name (account-unbinding, ...)
        external_id TEXT NOT NULL,
        body_hash   TEXT NOT NULL,     -- hex SHA-256 of the minified body
        status      INTEGER NOT NULL,  -- the answer it got, to give again
        answer      TEXT NOT NULL,
        seen_at     INTEGER NOT NULL,
        PRIMARY KEY (route, external_id)
    );
    CREATE INDEX external_ids_seen ON external_ids (seen_at);",
    // 4 -> 5: each code belongs to a wallet, and only the gateway that speaks for the wallet
    // redeems it (its tokens are that gateway's too). Codes and tokens written before were
    // DANA's, the one wallet the sandbox redeemed.
    "ALTER TABLE codes ADD COLUMN wallet TEXT NOT NULL DEFAULT 'DANA';
    ALTER TABLE codes ADD COLUMN gateway TEXT NOT NULL DEFAULT 'dana';
    ALTER TABLE tokens ADD COLUMN wallet TEXT NOT NULL DEFAULT 'DANA';
    ALTER TABLE tokens ADD COLUMN gateway TEXT NOT NULL DEFAULT 'dana';",
    // 5 -> 6: each code's lifetime as its wallet's platform publishes it (ms); NULL, as for
    // DANA and every code written before: the server's --code-ttl.
    "ALTER TABLE codes ADD COLUMN code_ttl INTEGER;",
];

/// Why a store cannot be used.
#[derive(Debug)]
pub(crate) enum SchemaError {
    /// Written by a newer authcode: refused, never overwritten.
    Newer(i64),
    Sql(String),
}

impl From<rusqlite::Error> for SchemaError {
    fn from(e: rusqlite::Error) -> Self {
        SchemaError::Sql(e.to_string())
    }
}

/// Whether the database is another program's: it holds tables, but not a store's (a store is
/// empty, as just created, or has a version and its `codes` table). Read before anything is
/// written, so that a database given by mistake is left as it is.
pub(crate) fn foreign(conn: &Connection) -> rusqlite::Result<bool> {
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if objects == 0 {
        return Ok(false);
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let codes: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'codes'",
        [],
        |r| r.get(0),
    )?;
    Ok(version == 0 || codes == 0)
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

    #[test]
    fn version_2_codes_and_tokens_keep_their_data_and_order() {
        let mut conn = Connection::open_in_memory().unwrap();
        for step in &MIGRATIONS[..2] {
            conn.execute_batch(step).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 2;
             INSERT INTO codes (rowid, code, scopes, user_id, user_json, minted_at, redeemed_at)
             VALUES (7, 'OLD', '[\"A\"]', 'u1', '{\"id\":\"u1\"}', 1, 2),
                    (9, 'NEW', '[\"B\"]', 'u2', '{\"id\":\"u2\"}', 3, NULL),
                    (8, 'MID', '[\"A\"]', 'u1', '{\"id\":\"u1\"}', 2, NULL);
             INSERT INTO tokens (rowid, access_token, refresh_token, code, scopes, user_id,
                 user_json, issued_at, access_expires_at, refresh_expires_at, refreshed_at)
             VALUES (5, 'AT', 'RT', 'OLD', '[\"A\"]', 'u1', '{\"id\":\"u1\"}', 2, 10, 20, NULL);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let codes: Vec<(i64, String, String, Option<i64>)> = conn
            .prepare(
                "SELECT c.rowid, c.code, u.user_json, c.redeemed_at
                 FROM codes c JOIN user_records u ON u.id = c.user_record ORDER BY c.rowid",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            codes,
            [
                (7, "OLD".into(), r#"{"id":"u1"}"#.into(), Some(2)),
                (8, "MID".into(), r#"{"id":"u1"}"#.into(), None),
                (9, "NEW".into(), r#"{"id":"u2"}"#.into(), None),
            ]
        );
        let users: i64 = conn
            .query_row("SELECT count(*) FROM user_records", [], |r| r.get(0))
            .unwrap();
        assert_eq!(users, 2, "each user record is stored once");
        let token: (i64, String, String) = conn
            .query_row(
                "SELECT t.rowid, t.refresh_token, u.user_json
                 FROM tokens t JOIN user_records u ON u.id = t.user_record",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(token, (5, "RT".into(), r#"{"id":"u1"}"#.into()));
    }

    #[test]
    fn version_3_codes_and_tokens_become_danas() {
        let mut conn = Connection::open_in_memory().unwrap();
        for step in &MIGRATIONS[..3] {
            conn.execute_batch(step).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 3;
             INSERT INTO user_records (id, user_json) VALUES (1, '{}');
             INSERT INTO codes (code, scopes, user_id, user_record, minted_at)
             VALUES ('OLD', '[]', 'u1', 1, 1);
             INSERT INTO tokens (access_token, refresh_token, code, scopes, user_id,
                 user_record, issued_at, access_expires_at, refresh_expires_at)
             VALUES ('AT', 'RT', 'OLD', '[]', 'u1', 1, 2, 10, 20);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let of = |sql: &str| -> (String, String) {
            conn.query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
        };
        let dana = ("DANA".to_string(), "dana".to_string());
        assert_eq!(of("SELECT wallet, gateway FROM codes"), dana);
        assert_eq!(of("SELECT wallet, gateway FROM tokens"), dana);
    }
}
