//! Faults armed on a route: the next N requests (or a fraction of them, or every one) answer
//! a chosen failure instead — a result code of the spec's tables, an HTTP 5xx, or a delay
//! before the normal answer. Armed from `authcode sandbox fault`; taken by the server inside
//! the same store job as the request's own work, so an unarmed route costs one indexed read.

use super::sql::{params, Sql, SqlResult};
use serde::Serialize;

/// What a fault does to the request it hits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub(crate) enum Answer {
    /// Answer this result code (`4017400`, `INVALID_ACCESS_TOKEN`, ...).
    Code(String),
    /// Answer this HTTP status (5xx) with a body in the route's shape.
    Status(u16),
    /// Wait this many milliseconds, then answer normally.
    DelayMs(u64),
}

impl Answer {
    fn to_text(&self) -> String {
        match self {
            Answer::Code(c) => format!("code:{c}"),
            Answer::Status(s) => format!("status:{s}"),
            Answer::DelayMs(ms) => format!("delay:{ms}"),
        }
    }

    fn from_text(text: &str) -> Option<Answer> {
        let (kind, value) = text.split_once(':')?;
        match kind {
            "code" => Some(Answer::Code(value.to_string())),
            "status" => value.parse().ok().map(Answer::Status),
            "delay" => value.parse().ok().map(Answer::DelayMs),
            _ => None,
        }
    }
}

/// An armed fault, as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Fault {
    pub id: i64,
    pub route: String,
    pub answer: Answer,
    /// Requests it still hits; `None`: every request (subject to `fraction`).
    pub remaining: Option<i64>,
    pub fraction: f64,
}

/// Arms a fault; its id.
pub(crate) fn arm(
    conn: &dyn Sql,
    route: &str,
    answer: &Answer,
    count: Option<i64>,
    fraction: f64,
    now: i64,
) -> SqlResult<i64> {
    conn.query_one(
        "INSERT INTO faults (route, answer, remaining, fraction, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        params![route, &answer.to_text(), count, fraction, now],
    )?
    .get(0)
}

/// The faults still armed, oldest first.
pub(crate) fn armed(conn: &dyn Sql) -> SqlResult<Vec<Fault>> {
    conn.query(
        "SELECT id, route, answer, remaining, fraction FROM faults
         WHERE remaining IS NULL OR remaining > 0 ORDER BY id",
        params![],
    )?
    .into_iter()
    .map(|mut r| {
        Ok(Fault {
            id: r.get(0)?,
            route: r.take(1)?,
            answer: Answer::from_text(&r.get::<String>(2)?).unwrap_or(Answer::DelayMs(0)),
            remaining: r.get(3)?,
            fraction: r.get(4)?,
        })
    })
    .collect()
}

/// Disarms every fault (of `route`, when given); how many.
pub(crate) fn clear(conn: &dyn Sql, route: Option<&str>) -> SqlResult<usize> {
    let n = match route {
        Some(route) => conn.execute("DELETE FROM faults WHERE route = $1", params![route])?,
        None => conn.execute("DELETE FROM faults", params![])?,
    };
    Ok(n as usize)
}

/// Disarms the fault `id`; how many (0 or 1).
pub(crate) fn disarm(conn: &dyn Sql, id: i64) -> SqlResult<usize> {
    Ok(conn.execute("DELETE FROM faults WHERE id = $1", params![id])? as usize)
}

/// The fault that hits this request on `route`, if any; `roll` gives a uniform number in
/// [0, 1) to compare with a fault's fraction below 1. A counted fault is used up by the hit.
pub(crate) fn take(
    conn: &dyn Sql,
    route: &str,
    roll: impl FnOnce() -> f64,
) -> SqlResult<Option<Answer>> {
    let first = conn.query_opt(
        "SELECT id, answer, fraction FROM faults
         WHERE route = $1 AND (remaining IS NULL OR remaining > 0) ORDER BY id LIMIT 1",
        params![route],
    )?;
    let Some(mut first) = first else {
        return Ok(None);
    };
    let (id, answer, fraction): (i64, String, f64) = (first.get(0)?, first.take(1)?, first.get(2)?);
    if fraction < 1.0 && roll() >= fraction {
        return Ok(None);
    }
    // A counted fault is spent by one request only, whichever process takes it: the decrement
    // is conditional, and a request that finds it spent meanwhile is not hit.
    let spent = conn.execute(
        "UPDATE faults SET remaining = remaining - 1 WHERE id = $1 AND remaining > 0",
        params![id],
    )?;
    let counted = conn
        .query_opt("SELECT remaining FROM faults WHERE id = $1", params![id])?
        .map(|r| r.get::<Option<i64>>(0))
        .transpose()?;
    match counted {
        None => return Ok(None),
        Some(Some(_)) if spent == 0 => return Ok(None),
        _ => {}
    }
    // A used-up fault is gone, so the store lists (and clears) only armed ones.
    conn.execute(
        "DELETE FROM faults WHERE id = $1 AND remaining <= 0",
        params![id],
    )?;
    Ok(Answer::from_text(&answer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn store() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::sandbox::store::schema::migrate(&mut conn).unwrap();
        conn
    }

    #[test]
    fn a_counted_fault_hits_exactly_n_requests_of_its_route() {
        let conn = store();
        arm(
            &conn,
            "apply-token",
            &Answer::Code("4017400".into()),
            Some(2),
            1.0,
            0,
        )
        .unwrap();
        assert_eq!(take(&conn, "profile", || 0.0).unwrap(), None);
        assert_eq!(
            take(&conn, "apply-token", || 0.5).unwrap(),
            Some(Answer::Code("4017400".into()))
        );
        assert_eq!(
            take(&conn, "apply-token", || 0.5).unwrap(),
            Some(Answer::Code("4017400".into()))
        );
        assert_eq!(take(&conn, "apply-token", || 0.5).unwrap(), None);
        assert!(armed(&conn).unwrap().is_empty());
    }

    #[test]
    fn a_fraction_hits_only_rolls_below_it_and_clear_disarms() {
        let conn = store();
        arm(&conn, "profile", &Answer::Status(503), None, 0.25, 0).unwrap();
        assert_eq!(take(&conn, "profile", || 0.3).unwrap(), None);
        assert_eq!(
            take(&conn, "profile", || 0.1).unwrap(),
            Some(Answer::Status(503))
        );
        assert_eq!(
            armed(&conn).unwrap().len(),
            1,
            "an uncounted fault stays armed"
        );
        assert_eq!(clear(&conn, None).unwrap(), 1);
        assert_eq!(take(&conn, "profile", || 0.0).unwrap(), None);
    }
}
