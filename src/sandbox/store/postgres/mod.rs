//! The store on a PostgreSQL server (`--store postgres://USER@HOST:PORT/DB`), which several
//! `serve` replicas and every `request` and `sandbox` command share. The client is
//! rust-postgres's blocking `postgres` crate (tokio-postgres underneath, no hand-written wire
//! protocol): the store's operations are plain synchronous functions of a connection, shared
//! with SQLite, and `serve` runs them on worker threads (`workers`) as it runs SQLite's on its
//! writer thread. Every operation is one transaction under READ COMMITTED; the conditional
//! `UPDATE ... RETURNING` of a redemption is what makes it exactly-once across replicas.

pub(crate) mod schema;
mod tls;
pub(crate) mod workers;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use bytes::BytesMut;
use postgres::types::{IsNull, ToSql, Type};

use super::sql::{Cell, Dialect, Param, Row, Sql, SqlError, SqlResult};

/// How long connecting may take before the store counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The URL in `store` when it names a PostgreSQL database (`postgres://` or `postgresql://`).
pub(crate) fn url(store: &Path) -> Option<&str> {
    let text = store.to_str()?;
    let lower = text.get(..13).unwrap_or(text).to_ascii_lowercase();
    (lower.starts_with("postgres://") || lower.starts_with("postgresql://")).then_some(text)
}

/// `url` without its password, to be shown.
pub(crate) fn shown(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split_once(':').map_or(user, |(name, _)| name);
            format!("{scheme}://{user}@{host}{tail}")
        }
        None => url.to_string(),
    }
}

/// A connection to the store's database, with its statements prepared once.
pub struct PgConn {
    client: RefCell<postgres::Client>,
    statements: RefCell<HashMap<String, postgres::Statement>>,
}

/// Why a connection could not be made.
#[derive(Debug)]
pub(crate) struct ConnectError(pub String);

impl PgConn {
    /// Connects to `url` (within [`CONNECT_TIMEOUT`] unless the URL sets `connect_timeout`).
    pub(crate) fn connect(url: &str) -> Result<PgConn, ConnectError> {
        let mut config =
            postgres::Config::from_str(url).map_err(|e| ConnectError(e.to_string()))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_tcp_user_timeout().is_none() {
            // A cut network fails a statement within this, rather than at TCP's own timeout.
            config.tcp_user_timeout(CONNECT_TIMEOUT);
        }
        config.application_name("authcode");
        let client = match config.get_ssl_mode() {
            postgres::config::SslMode::Disable | postgres::config::SslMode::Prefer => {
                config.ssl_mode(postgres::config::SslMode::Disable);
                config.connect(postgres::NoTls)
            }
            _ => config.connect(tls::connector()),
        }
        .map_err(|e| ConnectError(reason(&e)))?;
        Ok(PgConn {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
        })
    }

    /// Whether the connection was lost (the server restarted, the network cut it).
    pub(crate) fn is_closed(&self) -> bool {
        self.client.borrow().is_closed()
    }

    /// Runs `f` in one transaction: committed if it succeeds, rolled back if not.
    pub(crate) fn transaction<R>(&self, f: impl FnOnce(&dyn Sql) -> SqlResult<R>) -> SqlResult<R> {
        super::sql::transaction(self, "BEGIN", |s| self.batch(s), f)
    }

    pub(crate) fn batch(&self, sql: &str) -> SqlResult<()> {
        self.client
            .borrow_mut()
            .batch_execute(sql)
            .map_err(|e| SqlError(reason(&e)))
    }

    fn prepared(&self, sql: &str) -> SqlResult<postgres::Statement> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let statement = self
            .client
            .borrow_mut()
            .prepare(sql)
            .map_err(|e| SqlError(reason(&e)))?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

/// The server's own words for an error (its message, not the client's "db error" wrapper).
fn reason(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => {
            let mut text = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                text = format!("{text}: {s}");
                source = s.source();
            }
            text
        }
    }
}

impl Sql for PgConn {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&self, sql: &str, params: &[Param<'_>]) -> SqlResult<u64> {
        let statement = self.prepared(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        self.client
            .borrow_mut()
            .execute(&statement, &params)
            .map_err(|e| SqlError(reason(&e)))
    }

    fn query(&self, sql: &str, params: &[Param<'_>]) -> SqlResult<Vec<Row>> {
        let statement = self.prepared(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        let rows = self
            .client
            .borrow_mut()
            .query(&statement, &params)
            .map_err(|e| SqlError(reason(&e)))?;
        rows.iter().map(row).collect()
    }
}

fn row(row: &postgres::Row) -> SqlResult<Row> {
    let failed = |e: postgres::Error| SqlError(reason(&e));
    (0..row.len())
        .map(|i| {
            let ty = row.columns()[i].type_();
            Ok(match *ty {
                Type::INT8 => row
                    .try_get::<_, Option<i64>>(i)
                    .map_err(failed)?
                    .map(Cell::Int),
                Type::INT4 => row
                    .try_get::<_, Option<i32>>(i)
                    .map_err(failed)?
                    .map(|v| Cell::Int(v.into())),
                Type::INT2 => row
                    .try_get::<_, Option<i16>>(i)
                    .map_err(failed)?
                    .map(|v| Cell::Int(v.into())),
                Type::BOOL => row
                    .try_get::<_, Option<bool>>(i)
                    .map_err(failed)?
                    .map(|v| Cell::Int(v.into())),
                Type::FLOAT8 => row
                    .try_get::<_, Option<f64>>(i)
                    .map_err(failed)?
                    .map(Cell::Real),
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => row
                    .try_get::<_, Option<String>>(i)
                    .map_err(failed)?
                    .map(Cell::Text),
                _ => return Err(SqlError(format!("column {i} has the unexpected type {ty}"))),
            }
            .unwrap_or(Cell::Null))
        })
        .collect::<SqlResult<Vec<_>>>()
        .map(Row)
}

/// A parameter takes the type PostgreSQL inferred for it (an integer bound where a 4-byte one
/// is expected, say).
impl ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(v) => match *ty {
                Type::INT2 => i16::try_from(v)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(v)?.to_sql(ty, out),
                Type::FLOAT8 => (v as f64).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => v.to_string().to_sql(ty, out),
                Type::BOOL => (v != 0).to_sql(ty, out),
                _ => v.to_sql(ty, out),
            },
            Param::Real(v) => match *ty {
                Type::FLOAT4 => (v as f32).to_sql(ty, out),
                _ => v.to_sql(ty, out),
            },
            Param::Text(v) => v.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths_and_shown_without_passwords() {
        assert!(url(Path::new("postgres://u@h/db")).is_some());
        assert!(url(Path::new("PostgreSQL://u@h:5432/db")).is_some());
        assert!(url(Path::new("/tmp/postgres://x")).is_none());
        assert!(url(Path::new("store.sqlite3")).is_none());
        assert_eq!(
            shown("postgres://me:s3cret@db:5432/auth?sslmode=require"),
            "postgres://me@db:5432/auth?sslmode=require"
        );
        assert_eq!(shown("postgres://me@db/auth"), "postgres://me@db/auth");
        assert_eq!(shown("postgres://db/a:b@c"), "postgres://db/a:b@c");
    }
}
