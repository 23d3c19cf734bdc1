//! SQLite's side of [`Sql`]: statements are prepared once per connection (rusqlite's cache)
//! and parameters bound by their `$N` names.

use rusqlite::types::ValueRef;
use rusqlite::Connection;

use super::sql::{Cell, Dialect, Param, Row, Sql, SqlError, SqlResult};

/// The names of the parameters a statement may use, in order.
const NAMES: [&str; 16] = [
    "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15",
    "$16",
];

fn prepared<'c>(
    conn: &'c Connection,
    sql: &str,
    params: &[Param<'_>],
) -> SqlResult<rusqlite::CachedStatement<'c>> {
    let mut statement = conn.prepare_cached(sql)?;
    for (param, name) in params.iter().zip(NAMES) {
        let Some(index) = statement.parameter_index(name)? else {
            return Err(SqlError(format!("the statement has no parameter {name}")));
        };
        match *param {
            Param::Null => statement.raw_bind_parameter(index, rusqlite::types::Null)?,
            Param::Int(v) => statement.raw_bind_parameter(index, v)?,
            Param::Real(v) => statement.raw_bind_parameter(index, v)?,
            Param::Text(v) => statement.raw_bind_parameter(index, v)?,
        }
    }
    if statement.parameter_count() != params.len() {
        return Err(SqlError(format!(
            "the statement takes {} parameters, given {}",
            statement.parameter_count(),
            params.len()
        )));
    }
    Ok(statement)
}

fn cell(value: ValueRef<'_>) -> Cell {
    match value {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(v) => Cell::Int(v),
        ValueRef::Real(v) => Cell::Real(v),
        ValueRef::Text(t) | ValueRef::Blob(t) => {
            Cell::Text(String::from_utf8_lossy(t).into_owned())
        }
    }
}

impl Sql for Connection {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn execute(&self, sql: &str, params: &[Param<'_>]) -> SqlResult<u64> {
        let mut statement = prepared(self, sql, params)?;
        Ok(statement.raw_execute()? as u64)
    }

    fn query(&self, sql: &str, params: &[Param<'_>]) -> SqlResult<Vec<Row>> {
        let mut statement = prepared(self, sql, params)?;
        let columns = statement.column_count();
        let mut rows = statement.raw_query();
        let mut read = Vec::new();
        while let Some(row) = rows.next()? {
            let cells = (0..columns)
                .map(|i| row.get_ref(i).map(cell))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            read.push(Row(cells));
        }
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::store::sql::params;

    #[test]
    fn parameters_bind_by_number_whatever_their_order() {
        let conn = Connection::open_in_memory().unwrap();
        let row = Sql::query_one(
            &conn,
            "SELECT $2, $1, $2 || 'x', $3",
            params!["a", 7i64, None::<i64>],
        )
        .unwrap();
        assert_eq!(row.get::<i64>(0).unwrap(), 7);
        assert_eq!(row.get::<String>(1).unwrap(), "a");
        assert_eq!(row.get::<String>(2).unwrap(), "7x");
        assert_eq!(row.get::<Option<i64>>(3).unwrap(), None);
        assert!(Sql::query_one(&conn, "SELECT $2", params![1i64]).is_err());
    }
}
