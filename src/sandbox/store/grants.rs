//! Codes and tokens: recording a minted code, redeeming it once, refreshing, and looking up
//! what an access token grants. Plain functions of a connection; callers provide the
//! transaction (`serve`'s writer commits a batch of them before answering any).

use super::sql::{params, Dialect, Sql, SqlResult};

/// A code as `request` (or the consent page) minted it.
#[derive(Debug, Clone)]
pub struct MintedCode<'a> {
    pub code: &'a str,
    pub scopes: &'a [String],
    pub user_id: &'a str,
    /// The simulated user's record as JSON, so the profile shows what consent showed.
    pub user_json: &'a str,
    pub minted_at: i64,
    /// The wallet it was minted for, as its profile names it ("GCash").
    pub wallet: &'a str,
    /// The gateway that alone redeems it (`Gateway::name`).
    pub gateway: &'a str,
    /// How long it can be exchanged (ms), as its wallet's platform publishes; `None`: the
    /// server's default.
    pub code_ttl: Option<i64>,
}

/// Lifetimes in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ttls {
    pub code: CodeTtl,
    pub access: i64,
    pub refresh: i64,
}

/// How long a code can be exchanged (ms): `given` (`serve --code-ttl`) for every code, else
/// the lifetime recorded with the code (its wallet's platform's), else `default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CodeTtl {
    pub given: Option<i64>,
    pub default: i64,
}

impl CodeTtl {
    /// Every code lives `ms`, whatever its wallet.
    #[cfg(test)]
    pub(crate) const fn all(ms: i64) -> Self {
        CodeTtl {
            given: Some(ms),
            default: ms,
        }
    }

    /// The lifetime of a code recorded with `recorded`.
    pub(crate) fn of(self, recorded: Option<i64>) -> i64 {
        self.given.or(recorded).unwrap_or(self.default)
    }
}

/// What an exchange or a refresh hands out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    pub access_expires_at: i64,
    pub refresh_expires_at: i64,
    pub user_id: String,
    /// The `publicUserId` the user's record sets, if it sets one.
    pub public_user_id: Option<String>,
}

/// Why a code or refresh token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    Unknown,
    Used,
    Expired,
    /// The binding was ended (Account Unbinding, `authcode sandbox unbind`).
    Unbound,
}

/// What a valid access token grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grant {
    pub scopes: Vec<String>,
    pub user_json: String,
}

/// Records a minted code as unused. Minting the same code again (a repeated `--seed`)
/// resets it to unused with the new scopes, user and time.
pub fn record_code(conn: &dyn Sql, minted: &MintedCode<'_>) -> SqlResult<()> {
    let scopes = serde_json::to_string(minted.scopes).expect("strings serialize");
    let user_record = user_record(conn, minted.user_json)?;
    conn.execute(
        "INSERT INTO codes (code, scopes, user_id, user_record, minted_at, redeemed_at,
             wallet, gateway, code_ttl)
         VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8)
         ON CONFLICT (code) DO UPDATE SET scopes = excluded.scopes, user_id = excluded.user_id,
             user_record = excluded.user_record, minted_at = excluded.minted_at,
             redeemed_at = NULL, wallet = excluded.wallet, gateway = excluded.gateway,
             code_ttl = excluded.code_ttl",
        params![
            minted.code,
            &scopes,
            minted.user_id,
            user_record,
            minted.minted_at,
            minted.wallet,
            minted.gateway,
            minted.code_ttl
        ],
    )?;
    Ok(())
}

/// The id of `user_json` in `user_records`, stored there if it is new (by whichever process
/// gets there first: the insert changes nothing when another one stored it meanwhile).
fn user_record(conn: &dyn Sql, user_json: &str) -> SqlResult<i64> {
    let find = "SELECT id FROM user_records WHERE user_json = $1";
    if let Some(row) = conn.query_opt(find, params![user_json])? {
        return row.get(0);
    }
    let insert = "INSERT INTO user_records (user_json) VALUES ($1)
                  ON CONFLICT (user_json) DO NOTHING RETURNING id";
    match conn.query_opt(insert, params![user_json])? {
        Some(row) => row.get(0),
        None => conn.query_one(find, params![user_json])?.get(0),
    }
}

/// Spends `code`, if `gateway` speaks for its wallet, and stores `tokens` (fresh random values
/// from the caller) for it. The one conditional UPDATE is what makes redemption exactly-once
/// across threads and processes. Another gateway's code is unknown here.
pub(crate) fn redeem_code(
    conn: &dyn Sql,
    gateway: &str,
    code: &str,
    now: i64,
    ttls: Ttls,
    tokens: (String, String),
) -> SqlResult<Result<TokenPair, Refusal>> {
    let spent = conn.query_opt(
        "UPDATE codes SET redeemed_at = $2
         WHERE code = $1 AND redeemed_at IS NULL AND gateway = $4
             AND minted_at > $2 - COALESCE($3, code_ttl, $5)
         RETURNING scopes, user_id, user_record, wallet",
        params![code, now, ttls.code.given, gateway, ttls.code.default],
    )?;
    let Some(mut row) = spent else {
        let why = "SELECT CASE WHEN redeemed_at IS NOT NULL THEN 1 ELSE 0 END
                   FROM codes WHERE code = $1 AND gateway = $2";
        return refusal(conn, why, code, gateway).map(Err);
    };
    let spent = Spent {
        code: code.to_string(),
        scopes: row.take(0)?,
        user_id: row.take(1)?,
        user_record: row.get(2)?,
        wallet: row.take(3)?,
        gateway: gateway.to_string(),
    };
    issue(conn, &spent, now, ttls, tokens).map(Ok)
}

/// Spends `refresh_token`, if `gateway` issued it, and stores a new pair descending from the
/// same code.
pub(crate) fn refresh(
    conn: &dyn Sql,
    gateway: &str,
    refresh_token: &str,
    now: i64,
    ttls: Ttls,
    tokens: (String, String),
) -> SqlResult<Result<TokenPair, Refusal>> {
    let spent = conn.query_opt(
        "UPDATE tokens SET refreshed_at = $2
         WHERE refresh_token = $1 AND refreshed_at IS NULL AND refresh_expires_at > $2
             AND unbound_at IS NULL AND gateway = $3
         RETURNING code, scopes, user_id, user_record, wallet",
        params![refresh_token, now, gateway],
    )?;
    let Some(mut row) = spent else {
        let why = "SELECT CASE WHEN unbound_at IS NOT NULL THEN 2
                               WHEN refreshed_at IS NOT NULL THEN 1 ELSE 0 END
                   FROM tokens WHERE refresh_token = $1 AND gateway = $2";
        return refusal(conn, why, refresh_token, gateway).map(Err);
    };
    let spent = Spent {
        code: row.take(0)?,
        scopes: row.take(1)?,
        user_id: row.take(2)?,
        user_record: row.get(3)?,
        wallet: row.take(4)?,
        gateway: gateway.to_string(),
    };
    issue(conn, &spent, now, ttls, tokens).map(Ok)
}

/// A spent code or refresh token: what the new pair descends from.
struct Spent {
    code: String,
    scopes: String,
    user_id: String,
    user_record: i64,
    wallet: String,
    gateway: String,
}

/// Why `key`, a code or refresh token that could not be spent, was refused; `used` selects
/// whether its row (of `gateway`) was spent before (no row: unknown; 1: used; 2: unbound; else
/// expired).
fn refusal(conn: &dyn Sql, used: &str, key: &str, gateway: &str) -> SqlResult<Refusal> {
    let used = match conn.query_opt(used, params![key, gateway])? {
        Some(row) => Some(row.get::<i64>(0)?),
        None => None,
    };
    Ok(match used {
        None => Refusal::Unknown,
        Some(1) => Refusal::Used,
        Some(2) => Refusal::Unbound,
        Some(_) => Refusal::Expired,
    })
}

fn issue(
    conn: &dyn Sql,
    spent: &Spent,
    now: i64,
    ttls: Ttls,
    (access_token, refresh_token): (String, String),
) -> SqlResult<TokenPair> {
    let access_expires_at = now.saturating_add(ttls.access);
    let refresh_expires_at = now.saturating_add(ttls.refresh);
    conn.execute(
        "INSERT INTO tokens (access_token, refresh_token, code, scopes, user_id, user_record,
             issued_at, access_expires_at, refresh_expires_at, wallet, gateway)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        params![
            &access_token,
            &refresh_token,
            &spent.code,
            &spent.scopes,
            &spent.user_id,
            spent.user_record,
            now,
            access_expires_at,
            refresh_expires_at,
            &spent.wallet,
            &spent.gateway
        ],
    )?;
    // The database reads the one field; the record is not parsed in Rust on every exchange.
    let public_user_id = match conn.dialect() {
        Dialect::Sqlite => {
            "SELECT json_extract(user_json, '$.publicUserId') FROM user_records WHERE id = $1"
        }
        Dialect::Postgres => {
            "SELECT user_json::json ->> 'publicUserId' FROM user_records WHERE id = $1"
        }
    };
    let public_user_id = conn
        .query_one(public_user_id, params![spent.user_record])?
        .take(0)?;
    Ok(TokenPair {
        access_token,
        refresh_token,
        access_expires_at,
        refresh_expires_at,
        user_id: spent.user_id.clone(),
        public_user_id,
    })
}

/// What `access_token` grants at `now` on `gateway`: unknown (or another gateway's), unbound,
/// expired and revoked tokens are refused (a refresh revokes the access token of the pair it
/// spent, as OAuth servers do: `Used`).
pub(crate) fn grant_of(
    conn: &dyn Sql,
    gateway: &str,
    access_token: &str,
    now: i64,
) -> SqlResult<Result<Grant, Refusal>> {
    let row = conn.query_opt(
        "SELECT t.scopes, u.user_json, t.access_expires_at,
                CASE WHEN t.unbound_at IS NOT NULL THEN 1 ELSE 0 END,
                CASE WHEN t.refreshed_at IS NOT NULL THEN 1 ELSE 0 END
         FROM tokens t JOIN user_records u ON u.id = t.user_record
         WHERE t.access_token = $1 AND t.gateway = $2",
        params![access_token, gateway],
    )?;
    let Some(mut row) = row else {
        return Ok(Err(Refusal::Unknown));
    };
    Ok(if row.get::<bool>(3)? {
        Err(Refusal::Unbound)
    } else if row.get::<bool>(4)? {
        Err(Refusal::Used)
    } else if row.get::<i64>(2)? <= now {
        Err(Refusal::Expired)
    } else {
        Ok(Grant {
            scopes: serde_json::from_str(&row.take::<String>(0)?).unwrap_or_default(),
            user_json: row.take(1)?,
        })
    })
}

#[cfg(test)]
#[path = "grants_tests.rs"]
mod tests;
