//! The sandbox's store: an embedded SQLite database (WAL) that `request` writes minted codes
//! into and `serve` redeems them from. Any number of processes may share one file; SQLite's
//! locks (with a busy timeout) order their writes, and every state change is one conditional
//! `UPDATE ... RETURNING`, so a code or refresh token is spent exactly once.
//!
//! `schema` creates and migrates the tables; `grants` holds the operations on them as plain
//! functions of a connection, which `serve` runs in its writer thread and tests call directly;
//! `binding` what follows a binding (its end, one-time tokens, the external ids seen).

pub(crate) mod admin;
pub(crate) mod binding;
pub(crate) mod checkpoint;
pub(crate) mod faults;
pub mod grants;
pub(crate) mod health;
mod job;
pub mod postgres;
pub(crate) mod schema;
pub mod sql;
mod sqlite;
pub(crate) mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use grants::MintedCode;
pub(crate) use grants::{CodeTtl, Grant, Refusal, TokenPair, Ttls};
pub use sql::{Sql, SqlError, SqlResult};

/// How long a process waits for another one's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The file name of the store in the state directory.
const FILE_NAME: &str = "store.sqlite3";

/// Where the store lives when neither `--store` nor `AUTHCODE_STORE` says:
/// `$XDG_STATE_HOME/authcode/store.sqlite3`, else `~/.local/state/authcode/store.sqlite3`.
pub(crate) fn default_path() -> Option<PathBuf> {
    let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
    let state = std::env::var_os("XDG_STATE_HOME")
        .and_then(absolute)
        .or_else(|| {
            std::env::var_os("HOME")
                .and_then(absolute)
                .map(|h| h.join(".local").join("state"))
        })?;
    Some(state.join("authcode").join(FILE_NAME))
}

/// Why the store could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// The file or its directory cannot be used, or is not a store.
    Unusable { path: PathBuf, why: String },
    /// Its schema is newer than this authcode's; it was left as it is.
    Newer { path: PathBuf, version: i64 },
    /// A SQLite database of something else; it was left as it is.
    Foreign { path: PathBuf },
    /// No store there (a command that only reads or changes one does not create it).
    Missing { path: PathBuf },
    /// The PostgreSQL server cannot be reached, or refused the connection (`shown`: the URL
    /// without its password).
    Unreachable { shown: String, why: String },
    /// The PostgreSQL store is newer than this authcode, or its tables cannot be made.
    Database { shown: String, why: String },
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Unusable { path, why } => write!(
                f,
                "cannot open the store {}: {why}",
                crate::text::display_path(path)
            ),
            OpenError::Newer { path, version } => write!(
                f,
                "the store {} has schema version {version}, newer than this authcode's {}; \
                 it was left as it is",
                crate::text::display_path(path),
                schema::VERSION
            ),
            OpenError::Foreign { path } => write!(
                f,
                "{} is not an authcode store (a SQLite database with other tables); it was left \
                 as it is",
                crate::text::display_path(path)
            ),
            OpenError::Missing { path } => write!(
                f,
                "there is no store at {}",
                crate::text::display_path(path)
            ),
            OpenError::Unreachable { shown, why } => {
                write!(f, "cannot reach the store's database {shown}: {why}")
            }
            OpenError::Database { shown, why } => {
                write!(f, "cannot use the store's database {shown}: {why}")
            }
        }
    }
}

impl std::error::Error for OpenError {}

/// A connection to the store, SQLite's or PostgreSQL's, for a command's few statements.
pub enum Opened {
    Sqlite(Connection),
    Postgres(Box<postgres::PgConn>),
}

impl Opened {
    /// Runs `f` in one transaction (SQLite: holding the write lock from the start).
    pub fn transaction<R>(&self, f: impl FnOnce(&dyn Sql) -> SqlResult<R>) -> SqlResult<R> {
        match self {
            Opened::Sqlite(conn) => {
                sql::transaction(conn, "BEGIN IMMEDIATE", |s| Ok(conn.execute_batch(s)?), f)
            }
            Opened::Postgres(conn) => conn.transaction(f),
        }
    }

    fn inner(&self) -> &dyn Sql {
        match self {
            Opened::Sqlite(conn) => conn,
            Opened::Postgres(conn) => conn.as_ref(),
        }
    }
}

impl Sql for Opened {
    fn dialect(&self) -> sql::Dialect {
        self.inner().dialect()
    }
    fn execute(&self, sql: &str, params: &[sql::Param<'_>]) -> SqlResult<u64> {
        self.inner().execute(sql, params)
    }
    fn query(&self, sql: &str, params: &[sql::Param<'_>]) -> SqlResult<Vec<sql::Row>> {
        self.inner().query(sql, params)
    }
}

/// Opens the store `store` names: a PostgreSQL URL, or a SQLite file (created if needed).
pub fn connect(store: &Path) -> Result<Opened, OpenError> {
    match postgres::url(store) {
        Some(url) => connect_postgres(url),
        None => open(store).map(Opened::Sqlite),
    }
}

/// [`connect`], creating no SQLite file (a database server's store is made by whoever comes
/// first: its tables are created on connecting).
pub(crate) fn connect_existing(store: &Path) -> Result<Opened, OpenError> {
    match postgres::url(store) {
        Some(url) => connect_postgres(url),
        None => open_existing(store).map(Opened::Sqlite),
    }
}

/// Connects to the PostgreSQL store at `url` and brings its tables up to date.
pub(crate) fn connect_postgres(url: &str) -> Result<Opened, OpenError> {
    let shown = postgres::shown(url);
    let conn = postgres::PgConn::connect(url).map_err(|e| OpenError::Unreachable {
        shown: shown.clone(),
        why: e.0,
    })?;
    postgres::schema::migrate(&conn).map_err(|e| OpenError::Database {
        shown,
        why: match e {
            schema::SchemaError::Newer(version) => format!(
                "its schema version {version} is newer than this authcode's {}; it was left \
                 as it is",
                schema::VERSION
            ),
            schema::SchemaError::Sql(why) => why,
        },
    })?;
    Ok(Opened::Postgres(Box::new(conn)))
}

/// Where the files kept beside the store go (`serve --tls`'s local CA): beside a SQLite
/// store; for a database store, in the state directory.
pub(crate) fn local_files(store: &Path) -> Result<PathBuf, crate::error::CliError> {
    match postgres::url(store) {
        None => Ok(store.to_path_buf()),
        Some(_) => default_path().ok_or_else(|| {
            crate::error::CliError::usage(
                "no state directory for the local CA (neither XDG_STATE_HOME nor HOME is set)",
            )
        }),
    }
}

/// How `store` is shown in messages: a path as a path, a URL without its password.
pub(crate) fn shown(store: &Path) -> String {
    match postgres::url(store) {
        Some(url) => postgres::shown(url),
        None => crate::text::display_path(store).to_string(),
    }
}

/// Opens (creating if needed, readable by the user only) and migrates the store at `path`.
pub fn open(path: &Path) -> Result<Connection, OpenError> {
    create_private(path).map_err(|e| unusable(path, crate::error::io_reason(&e)))?;
    open_with(path, OpenFlags::default())
}

/// Opens and migrates the store at `path` if there is one, creating nothing.
pub(crate) fn open_existing(path: &Path) -> Result<Connection, OpenError> {
    if !path.exists() {
        return Err(OpenError::Missing {
            path: path.to_path_buf(),
        });
    }
    open_with(path, OpenFlags::default() - OpenFlags::SQLITE_OPEN_CREATE)
}

fn unusable(path: &Path, why: String) -> OpenError {
    OpenError::Unusable {
        path: path.to_path_buf(),
        why,
    }
}

fn open_with(path: &Path, flags: OpenFlags) -> Result<Connection, OpenError> {
    let fail = |why: String| unusable(path, why);
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| fail(e.to_string()))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| fail(e.to_string()))?;
    // Before anything is changed (WAL is a change to the file): another program's database is
    // left as it is.
    if schema::foreign(&conn).map_err(|e| fail(e.to_string()))? {
        return Err(OpenError::Foreign {
            path: path.to_path_buf(),
        });
    }
    configure(&conn).map_err(|e| fail(e.to_string()))?;
    schema::migrate(&mut conn).map_err(|e| match e {
        schema::SchemaError::Newer(version) => OpenError::Newer {
            path: path.to_path_buf(),
            version,
        },
        schema::SchemaError::Sql(e) => fail(e),
    })?;
    conn.execute_batch("PRAGMA synchronous = NORMAL")
        .map_err(|e| fail(e.to_string()))?;
    Ok(conn)
}

/// WAL lets readers and one writer work at once across processes; `NORMAL` (set after the
/// schema is in place) syncs at checkpoints, so a commit survives a killed process (not a
/// power cut) without an fsync each. Creating the empty store skips syncing altogether.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("PRAGMA synchronous = OFF")?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::ToSqlConversionFailure(
            format!("cannot switch to WAL (journal mode {mode})").into(),
        ));
    }
    // Each `request` is a short-lived process: without this, closing its connection would
    // checkpoint (two fsyncs) every time. SQLite's automatic checkpoints still run.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )?;
    Ok(())
}

/// Creates the store's directory (0700) and an empty file (0600) unless they exist, so that
/// SQLite, which copies the file's mode to its -wal and -shm files, never widens them.
fn create_private(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(dir)?;
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}

/// Milliseconds since the Unix epoch, the store's clock.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_a_private_store_and_refuses_a_newer_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a").join("b").join("store.sqlite3");
        drop(open(&path).unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(path.parent().unwrap()), 0o700);
        }
        Connection::open(&path)
            .unwrap()
            .execute_batch("PRAGMA user_version = 7")
            .unwrap();
        let err = open(&path).unwrap_err().to_string();
        assert!(err.contains("schema version 7, newer"), "{err}");
        let v: i64 = Connection::open(&path)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 7, "a newer store must be left alone");
    }

    #[test]
    fn another_programs_database_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.db");
        let other = Connection::open(&path).unwrap();
        other
            .execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')")
            .unwrap();
        drop(other);
        let before = std::fs::read(&path).unwrap();
        let err = open(&path).unwrap_err().to_string();
        assert!(err.ends_with("app.db is not an authcode store (a SQLite database with other tables); it was left as it is"), "{err}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "not even switched to WAL"
        );
        assert!(!dir.path().join("app.db-wal").exists());
    }

    #[test]
    fn open_existing_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo").join("store.sqlite3");
        let err = open_existing(&path).unwrap_err().to_string();
        assert!(err.starts_with("there is no store at "), "{err}");
        assert!(!dir.path().join("typo").exists());
        drop(open(&path).unwrap());
        assert!(open_existing(&path).is_ok());
    }

    #[test]
    fn a_file_that_is_not_a_database_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junk");
        std::fs::write(&path, vec![b'x'; 4096]).unwrap();
        let err = open(&path).unwrap_err().to_string();
        assert!(err.starts_with("cannot open the store"), "{err}");
    }
}
