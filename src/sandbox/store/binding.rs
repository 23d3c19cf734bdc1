//! What a merchant does with a binding after Apply Token: end it (Account Unbinding, or the
//! user from the DANA app: `authcode sandbox unbind`), record the one-time tokens Apply OTT
//! hands out, and remember each `X-EXTERNAL-ID` with the answer it got, so a retry is answered
//! the same and a reused id with another body is refused. Plain functions of a connection.

use super::sql::{params, Sql, SqlResult};

use super::grants::Refusal;

/// How long an `X-EXTERNAL-ID` is remembered: SNAP asks for ids unique within a day.
pub(crate) const EXTERNAL_ID_WINDOW_MS: i64 = 24 * 3_600_000;

/// How long a one-time token from Apply OTT is valid.
pub(crate) const OTT_TTL_MS: i64 = 5 * 60_000;

/// Ends the binding `token` (an access or a refresh token) belongs to: every token pair
/// issued from the same code stops working. False when the store holds no such token;
/// ending an ended binding again changes nothing.
pub(crate) fn unbind(conn: &dyn Sql, token: &str, now: i64) -> SqlResult<bool> {
    let found = conn.query_opt(
        "SELECT code FROM tokens WHERE access_token = $1 OR refresh_token = $1",
        params![token],
    )?;
    let Some(mut row) = found else {
        return Ok(false);
    };
    let code: String = row.take(0)?;
    conn.execute(
        "UPDATE tokens SET unbound_at = $2 WHERE code = $1 AND unbound_at IS NULL",
        params![&code, now],
    )?;
    Ok(true)
}

/// Records `ott`, handed out for `access_token` at `now`.
pub(crate) fn record_ott(conn: &dyn Sql, ott: &str, access_token: &str, now: i64) -> SqlResult<()> {
    conn.execute(
        "INSERT INTO otts (ott, access_token, issued_at, expires_at) VALUES ($1, $2, $3, $4)",
        params![ott, access_token, now, now.saturating_add(OTT_TTL_MS)],
    )?;
    Ok(())
}

/// Spends `ott`: once, before it expires, while its binding lasts; the user record of its
/// binding.
pub(crate) fn spend_ott(conn: &dyn Sql, ott: &str, now: i64) -> SqlResult<Result<String, Refusal>> {
    let spent = conn.query_opt(
        "UPDATE otts SET used_at = $2
         WHERE ott = $1 AND used_at IS NULL AND expires_at > $2
             AND NOT EXISTS (SELECT 1 FROM tokens t
                             WHERE t.access_token = otts.access_token
                                 AND t.unbound_at IS NOT NULL)
         RETURNING access_token",
        params![ott, now],
    )?;
    if let Some(mut row) = spent {
        let access_token: String = row.take(0)?;
        let user_json = conn.query_opt(
            "SELECT u.user_json FROM tokens t JOIN user_records u ON u.id = t.user_record
             WHERE t.access_token = $1",
            params![&access_token],
        )?;
        return match user_json {
            Some(mut row) => Ok(Ok(row.take(0)?)),
            None => Ok(Err(Refusal::Unknown)),
        };
    }
    let why = conn.query_opt(
        "SELECT CASE
             WHEN (SELECT t.unbound_at IS NOT NULL FROM tokens t
                   WHERE t.access_token = o.access_token) THEN 2
             WHEN o.used_at IS NOT NULL THEN 1
             ELSE 0 END
         FROM otts o WHERE o.ott = $1",
        params![ott],
    )?;
    let why = match why {
        Some(row) => Some(row.get::<i64>(0)?),
        None => None,
    };
    Ok(Err(match why {
        None => Refusal::Unknown,
        Some(2) => Refusal::Unbound,
        Some(1) => Refusal::Used,
        Some(_) => Refusal::Expired,
    }))
}

/// What an `X-EXTERNAL-ID` was seen with before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seen {
    /// Not within the window.
    New,
    /// With the same body: the answer it got (HTTP status, body).
    Same(u16, String),
    /// With another body.
    Other,
}

/// What `external_id` was seen with on `route` within the window; older ids are forgotten.
pub(crate) fn seen(
    conn: &dyn Sql,
    route: &str,
    external_id: &str,
    body_hash: &str,
    now: i64,
) -> SqlResult<Seen> {
    conn.execute(
        "DELETE FROM external_ids WHERE seen_at <= $1",
        params![now.saturating_sub(EXTERNAL_ID_WINDOW_MS)],
    )?;
    let row = conn.query_opt(
        "SELECT body_hash, status, answer FROM external_ids
         WHERE route = $1 AND external_id = $2",
        params![route, external_id],
    )?;
    let Some(mut row) = row else {
        return Ok(Seen::New);
    };
    Ok(if row.get::<String>(0)? == body_hash {
        Seen::Same(row.get(1)?, row.take(2)?)
    } else {
        Seen::Other
    })
}

/// Remembers the answer `external_id` got on `route` for the body of `body_hash`.
pub(crate) fn remember(
    conn: &dyn Sql,
    route: &str,
    external_id: &str,
    body_hash: &str,
    (status, answer): (u16, &str),
    now: i64,
) -> SqlResult<()> {
    conn.execute(
        "INSERT INTO external_ids (route, external_id, body_hash, status, answer, seen_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (route, external_id) DO UPDATE SET body_hash = excluded.body_hash,
             status = excluded.status, answer = excluded.answer, seen_at = excluded.seen_at",
        params![route, external_id, body_hash, status, answer, now],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::store::grants::{self, MintedCode, Ttls};
    use rusqlite::Connection;

    const TTLS: Ttls = Ttls {
        code: crate::sandbox::store::CodeTtl::all(600_000),
        access: 3_600_000,
        refresh: 7_200_000,
    };

    fn bound() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::sandbox::store::schema::migrate(&mut conn).unwrap();
        let scopes = vec!["QUERY_BALANCE".to_string()];
        grants::record_code(
            &conn,
            &MintedCode {
                code: "C",
                scopes: &scopes,
                user_id: "default",
                user_json: "{}",
                minted_at: 1_000,
                wallet: "DANA",
                gateway: "dana",
                code_ttl: None,
            },
        )
        .unwrap();
        grants::redeem_code(&conn, "dana", "C", 1_000, TTLS, ("A1".into(), "R1".into()))
            .unwrap()
            .unwrap();
        conn
    }

    #[test]
    fn unbinding_ends_every_pair_of_the_binding_and_its_refresh() {
        let conn = bound();
        grants::refresh(&conn, "dana", "R1", 2_000, TTLS, ("A2".into(), "R2".into()))
            .unwrap()
            .unwrap();
        assert!(unbind(&conn, "A2", 3_000).unwrap());
        for token in ["A1", "A2"] {
            assert_eq!(
                grants::grant_of(&conn, "dana", token, 3_001).unwrap(),
                Err(Refusal::Unbound),
                "{token}"
            );
        }
        assert_eq!(
            grants::refresh(&conn, "dana", "R2", 3_001, TTLS, ("A3".into(), "R3".into())).unwrap(),
            Err(Refusal::Unbound)
        );
        assert!(unbind(&conn, "R2", 4_000).unwrap(), "again: still found");
        let at: i64 = conn
            .query_row(
                "SELECT unbound_at FROM tokens WHERE access_token = 'A2'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(at, 3_000, "unbinding again changes nothing");
        assert!(!unbind(&conn, "nope", 4_000).unwrap());
    }

    #[test]
    fn a_one_time_token_is_spent_once_before_it_expires_while_bound() {
        let conn = bound();
        for ott in ["O1", "O2", "O3"] {
            record_ott(&conn, ott, "A1", 2_000).unwrap();
        }
        assert_eq!(spend_ott(&conn, "O1", 2_001).unwrap(), Ok("{}".into()));
        assert_eq!(spend_ott(&conn, "O1", 2_002).unwrap(), Err(Refusal::Used));
        assert_eq!(
            spend_ott(&conn, "O2", 2_000 + OTT_TTL_MS).unwrap(),
            Err(Refusal::Expired)
        );
        assert_eq!(
            spend_ott(&conn, "nope", 2_002).unwrap(),
            Err(Refusal::Unknown)
        );
        unbind(&conn, "A1", 2_003).unwrap();
        assert_eq!(
            spend_ott(&conn, "O3", 2_004).unwrap(),
            Err(Refusal::Unbound)
        );
    }

    #[test]
    fn an_external_id_answers_again_for_its_body_within_the_window() {
        let conn = bound();
        assert_eq!(seen(&conn, "r", "X1", "h1", 10).unwrap(), Seen::New);
        remember(&conn, "r", "X1", "h1", (200, "{\"a\":1}"), 10).unwrap();
        assert_eq!(
            seen(&conn, "r", "X1", "h1", 20).unwrap(),
            Seen::Same(200, "{\"a\":1}".into())
        );
        assert_eq!(seen(&conn, "r", "X1", "h2", 20).unwrap(), Seen::Other);
        assert_eq!(seen(&conn, "other", "X1", "h2", 20).unwrap(), Seen::New);
        assert_eq!(
            seen(&conn, "r", "X1", "h2", 10 + EXTERNAL_ID_WINDOW_MS).unwrap(),
            Seen::New,
            "forgotten after the window"
        );
    }

    #[test]
    fn a_version_3_store_keeps_its_tokens_bound() {
        let mut conn = Connection::open_in_memory().unwrap();
        for step in &crate::sandbox::store::schema::MIGRATIONS[..3] {
            conn.execute_batch(step).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 3;
             INSERT INTO user_records (id, user_json) VALUES (1, '{}');
             INSERT INTO tokens (access_token, refresh_token, code, scopes, user_id,
                 user_record, issued_at, access_expires_at, refresh_expires_at)
             VALUES ('AT', 'RT', 'C', '[\"A\"]', 'u1', 1, 1, 100, 200);",
        )
        .unwrap();
        crate::sandbox::store::schema::migrate(&mut conn).unwrap();
        assert!(grants::grant_of(&conn, "dana", "AT", 50).unwrap().is_ok());
        record_ott(&conn, "O1", "AT", 50).unwrap();
        assert!(unbind(&conn, "AT", 60).unwrap());
        assert_eq!(
            grants::grant_of(&conn, "dana", "AT", 61).unwrap(),
            Err(Refusal::Unbound)
        );
    }
}
