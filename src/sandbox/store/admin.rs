//! What the sandbox holds, and failures made on demand: list recent codes and tokens, make a
//! code fail at exchange (expired, already used, unknown) or a token expire. Shared by
//! `authcode sandbox` and the server's listing page.

use super::sql::{params, Sql, SqlResult};

use super::grants::CodeTtl;
use serde::Serialize;

/// A code as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CodeRow {
    /// The row's id: what the listing page's buttons name instead of the secret.
    pub id: i64,
    pub code: String,
    pub scopes: Vec<String>,
    pub user_id: String,
    /// The wallet it was minted for.
    pub wallet: String,
    pub minted_at: i64,
    pub redeemed_at: Option<i64>,
    /// `unused`, `redeemed` or `expired`.
    pub state: &'static str,
}

/// A token pair as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TokenRow {
    /// The row's id: what the listing page's buttons name instead of the secret.
    pub id: i64,
    pub access_token: String,
    pub refresh_token: String,
    pub scopes: Vec<String>,
    pub user_id: String,
    /// The wallet of the code it descends from.
    pub wallet: String,
    pub issued_at: i64,
    pub access_expires_at: i64,
    pub refresh_expires_at: i64,
    /// `active`, `expired`, `revoked` (its refresh token was spent), or `unbound` (the
    /// binding was ended).
    pub state: &'static str,
}

/// The `limit` newest codes and token pairs, newest first; a code's state is judged with
/// `code_ttl`.
pub(crate) fn recent(
    conn: &dyn Sql,
    limit: usize,
    now: i64,
    code_ttl: CodeTtl,
) -> SqlResult<(Vec<CodeRow>, Vec<TokenRow>)> {
    page(conn, limit, 0, now, code_ttl)
}

/// How many codes and token pairs the store holds.
pub(crate) fn totals(conn: &dyn Sql) -> SqlResult<(u64, u64)> {
    let row = conn.query_one(
        "SELECT (SELECT count(*) FROM codes), (SELECT count(*) FROM tokens)",
        params![],
    )?;
    Ok((row.get(0)?, row.get(1)?))
}

/// One page of the listing: `limit` codes and `limit` token pairs, newest first, after the
/// `offset` newest of each.
pub(crate) fn page(
    conn: &dyn Sql,
    limit: usize,
    offset: usize,
    now: i64,
    code_ttl: CodeTtl,
) -> SqlResult<(Vec<CodeRow>, Vec<TokenRow>)> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    let scopes = |text: String| serde_json::from_str(&text).unwrap_or_default();
    let codes = conn
        .query(
            "SELECT code, scopes, user_id, minted_at, redeemed_at, rowid, wallet, code_ttl
             FROM codes
             ORDER BY minted_at DESC, rowid DESC LIMIT $1 OFFSET $2",
            params![limit, offset],
        )?
        .into_iter()
        .map(|mut r| {
            let minted_at: i64 = r.get(3)?;
            let redeemed_at: Option<i64> = r.get(4)?;
            Ok(CodeRow {
                id: r.get(5)?,
                code: r.take(0)?,
                scopes: scopes(r.take(1)?),
                user_id: r.take(2)?,
                wallet: r.take(6)?,
                minted_at,
                redeemed_at,
                state: match redeemed_at {
                    Some(_) => "redeemed",
                    None if minted_at <= now.saturating_sub(code_ttl.of(r.get(7)?)) => "expired",
                    None => "unused",
                },
            })
        })
        .collect::<SqlResult<Vec<_>>>()?;
    let tokens = conn
        .query(
            "SELECT access_token, refresh_token, scopes, user_id, issued_at, access_expires_at,
                    refresh_expires_at, refreshed_at, rowid,
                    CASE WHEN unbound_at IS NOT NULL THEN 1 ELSE 0 END, wallet
             FROM tokens
             ORDER BY issued_at DESC, rowid DESC LIMIT $1 OFFSET $2",
            params![limit, offset],
        )?
        .into_iter()
        .map(|mut r| {
            let access_expires_at: i64 = r.get(5)?;
            let refreshed_at: Option<i64> = r.get(7)?;
            Ok(TokenRow {
                id: r.get(8)?,
                access_token: r.take(0)?,
                refresh_token: r.take(1)?,
                scopes: scopes(r.take(2)?),
                user_id: r.take(3)?,
                wallet: r.take(10)?,
                issued_at: r.get(4)?,
                access_expires_at,
                refresh_expires_at: r.get(6)?,
                state: if r.get::<bool>(9)? {
                    "unbound"
                } else if refreshed_at.is_some() {
                    "revoked"
                } else if access_expires_at <= now {
                    "expired"
                } else {
                    "active"
                },
            })
        })
        .collect::<SqlResult<Vec<_>>>()?;
    Ok((codes, tokens))
}

/// How a code is made to fail at its next exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeFault {
    /// Minted at the epoch: expired under any `--code-ttl`.
    Expired,
    /// Marked redeemed: "Auth Code Used".
    Used,
    /// Removed from the store: unknown.
    Unknown,
}

/// Applies `fault` to `code`; false when the store holds no such code (or, to expire, no
/// such unredeemed code).
pub(crate) fn break_code(
    conn: &dyn Sql,
    code: &str,
    fault: CodeFault,
    now: i64,
) -> SqlResult<bool> {
    let changed = match fault {
        // A redeemed code stays redeemed: its exchange already happened.
        CodeFault::Expired => conn.execute(
            "UPDATE codes SET minted_at = 0 WHERE code = $1 AND redeemed_at IS NULL",
            params![code],
        )?,
        CodeFault::Used => conn.execute(
            "UPDATE codes SET redeemed_at = $2 WHERE code = $1",
            params![code, now],
        )?,
        CodeFault::Unknown => conn.execute("DELETE FROM codes WHERE code = $1", params![code])?,
    };
    Ok(changed > 0)
}

/// Makes the access token `token` (or the pair whose refresh token it is) expire now.
pub(crate) fn expire_token(conn: &dyn Sql, token: &str, now: i64) -> SqlResult<bool> {
    let changed = conn.execute(
        "UPDATE tokens
         SET access_expires_at = CASE WHEN access_expires_at < $2 THEN access_expires_at
                                      ELSE $2 END,
             refresh_expires_at = CASE WHEN refresh_expires_at < $2 THEN refresh_expires_at
                                       ELSE $2 END
         WHERE access_token = $1 OR refresh_token = $1",
        params![token, now],
    )?;
    Ok(changed > 0)
}

/// Whether `code` was redeemed; `None` when the store holds no such code.
pub(crate) fn redeemed(conn: &dyn Sql, code: &str) -> SqlResult<Option<bool>> {
    conn.query_opt(
        "SELECT CASE WHEN redeemed_at IS NOT NULL THEN 1 ELSE 0 END FROM codes WHERE code = $1",
        params![code],
    )?
    .map(|r| r.get(0))
    .transpose()
}

/// What [`reset`] removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Emptied {
    pub codes: usize,
    pub tokens: usize,
    pub faults: usize,
}

/// Empties the store — codes, tokens, faults and user records. Run it in one transaction, so
/// that a server running on the store sees it whole before or empty after.
pub(crate) fn reset(conn: &dyn Sql) -> SqlResult<Emptied> {
    let emptied = Emptied {
        codes: conn.execute("DELETE FROM codes", params![])? as usize,
        tokens: conn.execute("DELETE FROM tokens", params![])? as usize,
        faults: conn.execute("DELETE FROM faults", params![])? as usize,
    };
    conn.execute("DELETE FROM user_records", params![])?;
    Ok(emptied)
}

/// The code of row `id`, for the listing page's buttons, which name rows, not secrets.
pub(crate) fn code_of_row(conn: &dyn Sql, id: i64) -> SqlResult<Option<String>> {
    conn.query_opt("SELECT code FROM codes WHERE rowid = $1", params![id])?
        .map(|mut r| r.take(0))
        .transpose()
}

/// The access token of row `id`, for the listing page's buttons.
pub(crate) fn token_of_row(conn: &dyn Sql, id: i64) -> SqlResult<Option<String>> {
    conn.query_opt(
        "SELECT access_token FROM tokens WHERE rowid = $1",
        params![id],
    )?
    .map(|mut r| r.take(0))
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::store::grants::{self, MintedCode, Refusal, Ttls};
    use rusqlite::Connection;

    const NOW: i64 = 100_000_000;
    const TTLS: Ttls = Ttls {
        code: crate::sandbox::store::CodeTtl::all(600_000),
        access: 3_600_000,
        refresh: 7_200_000,
    };

    fn store_with(codes: &[&str]) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::sandbox::store::schema::migrate(&mut conn).unwrap();
        let scopes = vec!["USER_LOGIN_ID".to_string()];
        for (i, code) in codes.iter().enumerate() {
            let minted = MintedCode {
                code,
                scopes: &scopes,
                user_id: "default",
                user_json: "{}",
                minted_at: NOW - 1_000 + i as i64,
                wallet: if i == 0 { "DANA" } else { "GCash" },
                gateway: "dana",
                code_ttl: None,
            };
            grants::record_code(&conn, &minted).unwrap();
        }
        conn
    }

    #[test]
    fn each_code_fault_gives_its_refusal() {
        let conn = store_with(&["E", "U", "K"]);
        assert!(break_code(&conn, "E", CodeFault::Expired, NOW).unwrap());
        assert!(break_code(&conn, "U", CodeFault::Used, NOW).unwrap());
        assert!(break_code(&conn, "K", CodeFault::Unknown, NOW).unwrap());
        assert!(!break_code(&conn, "nope", CodeFault::Used, NOW).unwrap());
        assert_eq!(redeemed(&conn, "U").unwrap(), Some(true));
        assert!(
            !break_code(&conn, "U", CodeFault::Expired, NOW).unwrap(),
            "a redeemed code does not expire"
        );
        assert_eq!(redeemed(&conn, "E").unwrap(), Some(false));
        assert_eq!(redeemed(&conn, "K").unwrap(), None);
        let pair = || ("a".to_string(), "r".to_string());
        assert_eq!(
            grants::redeem_code(&conn, "dana", "E", NOW, TTLS, pair()).unwrap(),
            Err(Refusal::Expired)
        );
        assert_eq!(
            grants::redeem_code(&conn, "dana", "U", NOW, TTLS, pair()).unwrap(),
            Err(Refusal::Used)
        );
        assert_eq!(
            grants::redeem_code(&conn, "dana", "K", NOW, TTLS, pair()).unwrap(),
            Err(Refusal::Unknown)
        );
    }

    #[test]
    fn listing_is_newest_first_with_states_and_tokens_expire_on_demand() {
        let conn = store_with(&["OLD", "NEW"]);
        grants::redeem_code(
            &conn,
            "dana",
            "NEW",
            NOW,
            TTLS,
            ("ACCESS123456".into(), "REFRESH12345".into()),
        )
        .unwrap()
        .unwrap();
        let (codes, tokens) = recent(&conn, 10, NOW, TTLS.code).unwrap();
        assert_eq!(
            codes
                .iter()
                .map(|c| (c.code.as_str(), c.state))
                .collect::<Vec<_>>(),
            [("NEW", "redeemed"), ("OLD", "unused")]
        );
        assert_eq!(
            codes.iter().map(|c| c.wallet.as_str()).collect::<Vec<_>>(),
            ["GCash", "DANA"],
            "each code shows its wallet"
        );
        assert_eq!(tokens[0].wallet, "GCash");
        assert_eq!(tokens[0].state, "active");
        assert!(expire_token(&conn, "ACCESS123456", NOW + 500).unwrap());
        assert_eq!(
            grants::grant_of(&conn, "dana", "ACCESS123456", NOW + 500).unwrap(),
            Err(Refusal::Expired)
        );
        let (_, tokens) = recent(&conn, 10, NOW + 500, TTLS.code).unwrap();
        assert_eq!(tokens[0].state, "expired");
    }

    #[test]
    fn reset_empties_every_table() {
        let conn = store_with(&["A", "B"]);
        grants::redeem_code(&conn, "dana", "A", NOW, TTLS, ("AT".into(), "RT".into()))
            .unwrap()
            .unwrap();
        let emptied = reset(&conn).unwrap();
        assert_eq!((emptied.codes, emptied.tokens, emptied.faults), (2, 1, 0));
        let left: i64 = conn
            .query_row(
                "SELECT (SELECT count(*) FROM codes) + (SELECT count(*) FROM tokens)
                      + (SELECT count(*) FROM user_records)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0);
    }
}
