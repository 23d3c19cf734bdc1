//! The one face the store's operations see of a database: run a statement, read its rows.
//! SQLite (`sqlite.rs`) and PostgreSQL (`postgres.rs`) each implement it, so every operation in
//! `grants`, `binding`, `faults` and `admin` is written once. Statements use PostgreSQL's
//! numbered parameters (`$1`, `$2`, ...), which SQLite also reads, and the SQL both speak.

/// Which database a connection talks to, for the few statements they spell differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A statement's failure, as the database words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlError(pub String);

impl std::fmt::Display for SqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SqlError {}

impl From<rusqlite::Error> for SqlError {
    fn from(e: rusqlite::Error) -> Self {
        SqlError(e.to_string())
    }
}

pub type SqlResult<T> = Result<T, SqlError>;

/// A value bound to a statement's parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Param<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
}

impl From<i64> for Param<'_> {
    fn from(v: i64) -> Self {
        Param::Int(v)
    }
}

impl From<u16> for Param<'_> {
    fn from(v: u16) -> Self {
        Param::Int(i64::from(v))
    }
}

impl From<f64> for Param<'_> {
    fn from(v: f64) -> Self {
        Param::Real(v)
    }
}

impl<'a> From<&'a str> for Param<'a> {
    fn from(v: &'a str) -> Self {
        Param::Text(v)
    }
}

impl<'a> From<&'a String> for Param<'a> {
    fn from(v: &'a String) -> Self {
        Param::Text(v)
    }
}

impl<'a, T: Into<Param<'a>>> From<Option<T>> for Param<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Param::Null, Into::into)
    }
}

/// The parameters of a statement: `params![a, b]`.
macro_rules! params {
    ($($p:expr),* $(,)?) => {
        &[$($crate::sandbox::store::sql::Param::from($p)),*][..]
    };
}
pub(crate) use params;

/// One column of a row read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// A row read: its columns in the order the statement selects them.
#[derive(Debug, Clone, PartialEq)]
pub struct Row(pub Vec<Cell>);

impl Row {
    /// Column `i` as a `T`.
    pub fn get<T: FromCell>(&self, i: usize) -> SqlResult<T> {
        let cell = self
            .0
            .get(i)
            .ok_or_else(|| SqlError(format!("no column {i}")))?;
        T::from_cell(cell).ok_or_else(|| SqlError(format!("column {i} holds {cell:?}")))
    }

    /// Column `i` taken out as a `T`, leaving a null behind (no copy of a text).
    pub fn take<T: FromCell>(&mut self, i: usize) -> SqlResult<T> {
        let cell = self
            .0
            .get_mut(i)
            .map(|c| std::mem::replace(c, Cell::Null))
            .ok_or_else(|| SqlError(format!("no column {i}")))?;
        T::from_owned(cell).ok_or_else(|| SqlError(format!("column {i} is not of its type")))
    }
}

/// What a column can be read as.
pub trait FromCell: Sized {
    fn from_cell(cell: &Cell) -> Option<Self>;
    fn from_owned(cell: Cell) -> Option<Self> {
        Self::from_cell(&cell)
    }
}

impl FromCell for i64 {
    fn from_cell(cell: &Cell) -> Option<Self> {
        match cell {
            Cell::Int(v) => Some(*v),
            _ => None,
        }
    }
}

impl FromCell for u64 {
    fn from_cell(cell: &Cell) -> Option<Self> {
        i64::from_cell(cell).and_then(|v| u64::try_from(v).ok())
    }
}

impl FromCell for u16 {
    fn from_cell(cell: &Cell) -> Option<Self> {
        i64::from_cell(cell).and_then(|v| u16::try_from(v).ok())
    }
}

impl FromCell for bool {
    fn from_cell(cell: &Cell) -> Option<Self> {
        i64::from_cell(cell).map(|v| v != 0)
    }
}

impl FromCell for f64 {
    fn from_cell(cell: &Cell) -> Option<Self> {
        match cell {
            Cell::Real(v) => Some(*v),
            Cell::Int(v) => Some(*v as f64),
            _ => None,
        }
    }
}

impl FromCell for String {
    fn from_cell(cell: &Cell) -> Option<Self> {
        match cell {
            Cell::Text(v) => Some(v.clone()),
            _ => None,
        }
    }
    fn from_owned(cell: Cell) -> Option<Self> {
        match cell {
            Cell::Text(v) => Some(v),
            _ => None,
        }
    }
}

impl<T: FromCell> FromCell for Option<T> {
    fn from_cell(cell: &Cell) -> Option<Self> {
        match cell {
            Cell::Null => Some(None),
            other => T::from_cell(other).map(Some),
        }
    }
    fn from_owned(cell: Cell) -> Option<Self> {
        match cell {
            Cell::Null => Some(None),
            other => T::from_owned(other).map(Some),
        }
    }
}

/// A connection (inside whatever transaction its owner opened).
pub trait Sql {
    fn dialect(&self) -> Dialect;

    /// Runs a statement; how many rows it changed.
    fn execute(&self, sql: &str, params: &[Param<'_>]) -> SqlResult<u64>;

    /// Runs a statement; every row it returns.
    fn query(&self, sql: &str, params: &[Param<'_>]) -> SqlResult<Vec<Row>>;

    /// The first row a statement returns, if any.
    fn query_opt(&self, sql: &str, params: &[Param<'_>]) -> SqlResult<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// The one row a statement returns.
    fn query_one(&self, sql: &str, params: &[Param<'_>]) -> SqlResult<Row> {
        self.query_opt(sql, params)?
            .ok_or_else(|| SqlError("the statement returned no row".into()))
    }
}

/// Runs `f` on `conn` after `begin`, then COMMIT, or ROLLBACK if `f` failed; `batch` runs such a
/// plain statement on the connection. The one transaction wrapper of both databases.
pub(crate) fn transaction<R>(
    conn: &dyn Sql,
    begin: &str,
    batch: impl Fn(&str) -> SqlResult<()>,
    f: impl FnOnce(&dyn Sql) -> SqlResult<R>,
) -> SqlResult<R> {
    batch(begin)?;
    match f(conn) {
        Ok(r) => {
            batch("COMMIT")?;
            Ok(r)
        }
        Err(e) => {
            let _ = batch("ROLLBACK");
            Err(e)
        }
    }
}
