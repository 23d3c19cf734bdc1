//! Codes and tokens: recording a minted code, redeeming it once, refreshing, and looking up
//! what an access token grants. Plain functions of a connection; callers provide the
//! transaction (`serve`'s writer commits a batch of them before answering any).

use rusqlite::{params, Connection, OptionalExtension};

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
pub fn record_code(conn: &Connection, minted: &MintedCode<'_>) -> rusqlite::Result<()> {
    let scopes = serde_json::to_string(minted.scopes).expect("strings serialize");
    let user_record = user_record(conn, minted.user_json)?;
    conn.prepare_cached(
        "INSERT INTO codes (code, scopes, user_id, user_record, minted_at, redeemed_at,
             wallet, gateway, code_ttl)
         VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8)
         ON CONFLICT (code) DO UPDATE SET scopes = excluded.scopes, user_id = excluded.user_id,
             user_record = excluded.user_record, minted_at = excluded.minted_at,
             redeemed_at = NULL, wallet = excluded.wallet, gateway = excluded.gateway,
             code_ttl = excluded.code_ttl",
    )?
    .execute(params![
        minted.code,
        scopes,
        minted.user_id,
        user_record,
        minted.minted_at,
        minted.wallet,
        minted.gateway,
        minted.code_ttl
    ])?;
    Ok(())
}

/// The id of `user_json` in `user_records`, stored there if it is new.
fn user_record(conn: &Connection, user_json: &str) -> rusqlite::Result<i64> {
    let known = conn
        .prepare_cached("SELECT id FROM user_records WHERE user_json = ?1")?
        .query_row([user_json], |r| r.get(0))
        .optional()?;
    match known {
        Some(id) => Ok(id),
        None => conn
            .prepare_cached("INSERT INTO user_records (user_json) VALUES (?1) RETURNING id")?
            .query_row([user_json], |r| r.get(0)),
    }
}

/// Spends `code`, if `gateway` speaks for its wallet, and stores `tokens` (fresh random values
/// from the caller) for it. The one conditional UPDATE is what makes redemption exactly-once
/// across threads and processes. Another gateway's code is unknown here.
pub(crate) fn redeem_code(
    conn: &Connection,
    gateway: &str,
    code: &str,
    now: i64,
    ttls: Ttls,
    tokens: (String, String),
) -> rusqlite::Result<Result<TokenPair, Refusal>> {
    let spent = conn
        .prepare_cached(
            "UPDATE codes SET redeemed_at = ?2
             WHERE code = ?1 AND redeemed_at IS NULL AND gateway = ?4
                 AND minted_at > ?2 - COALESCE(?3, code_ttl, ?5)
             RETURNING scopes, user_id, user_record, wallet",
        )?
        .query_row(
            params![code, now, ttls.code.given, gateway, ttls.code.default],
            |r| {
                Ok(Spent {
                    code: code.to_string(),
                    scopes: r.get(0)?,
                    user_id: r.get(1)?,
                    user_record: r.get(2)?,
                    wallet: r.get(3)?,
                    gateway: gateway.to_string(),
                })
            },
        )
        .optional()?;
    let Some(spent) = spent else {
        let why = "SELECT redeemed_at IS NOT NULL FROM codes WHERE code = ?1 AND gateway = ?2";
        return refusal(conn, why, code, gateway).map(Err);
    };
    issue(conn, &spent, now, ttls, tokens).map(Ok)
}

/// Spends `refresh_token`, if `gateway` issued it, and stores a new pair descending from the
/// same code.
pub(crate) fn refresh(
    conn: &Connection,
    gateway: &str,
    refresh_token: &str,
    now: i64,
    ttls: Ttls,
    tokens: (String, String),
) -> rusqlite::Result<Result<TokenPair, Refusal>> {
    let spent = conn
        .prepare_cached(
            "UPDATE tokens SET refreshed_at = ?2
             WHERE refresh_token = ?1 AND refreshed_at IS NULL AND refresh_expires_at > ?2
                 AND unbound_at IS NULL AND gateway = ?3
             RETURNING code, scopes, user_id, user_record, wallet",
        )?
        .query_row(params![refresh_token, now, gateway], |r| {
            Ok(Spent {
                code: r.get(0)?,
                scopes: r.get(1)?,
                user_id: r.get(2)?,
                user_record: r.get(3)?,
                wallet: r.get(4)?,
                gateway: gateway.to_string(),
            })
        })
        .optional()?;
    let Some(spent) = spent else {
        let why = "SELECT CASE WHEN unbound_at IS NOT NULL THEN 2 ELSE refreshed_at IS NOT NULL END
                   FROM tokens WHERE refresh_token = ?1 AND gateway = ?2";
        return refusal(conn, why, refresh_token, gateway).map(Err);
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
fn refusal(conn: &Connection, used: &str, key: &str, gateway: &str) -> rusqlite::Result<Refusal> {
    let used = conn
        .prepare_cached(used)?
        .query_row([key, gateway], |r| r.get::<_, i64>(0))
        .optional()?;
    Ok(match used {
        None => Refusal::Unknown,
        Some(1) => Refusal::Used,
        Some(2) => Refusal::Unbound,
        Some(_) => Refusal::Expired,
    })
}

fn issue(
    conn: &Connection,
    spent: &Spent,
    now: i64,
    ttls: Ttls,
    (access_token, refresh_token): (String, String),
) -> rusqlite::Result<TokenPair> {
    let access_expires_at = now.saturating_add(ttls.access);
    let refresh_expires_at = now.saturating_add(ttls.refresh);
    conn.prepare_cached(
        "INSERT INTO tokens (access_token, refresh_token, code, scopes, user_id, user_record,
             issued_at, access_expires_at, refresh_expires_at, wallet, gateway)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        access_token,
        refresh_token,
        spent.code,
        spent.scopes,
        spent.user_id,
        spent.user_record,
        now,
        access_expires_at,
        refresh_expires_at,
        spent.wallet,
        spent.gateway
    ])?;
    // SQLite reads the one field; the record is not parsed in Rust on every exchange.
    let public_user_id = conn
        .prepare_cached(
            "SELECT json_extract(user_json, '$.publicUserId') FROM user_records WHERE id = ?1",
        )?
        .query_row([spent.user_record], |r| r.get(0))?;
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
    conn: &Connection,
    gateway: &str,
    access_token: &str,
    now: i64,
) -> rusqlite::Result<Result<Grant, Refusal>> {
    let row = conn
        .prepare_cached(
            "SELECT t.scopes, u.user_json, t.access_expires_at, t.unbound_at IS NOT NULL,
                    t.refreshed_at IS NOT NULL
             FROM tokens t JOIN user_records u ON u.id = t.user_record
             WHERE t.access_token = ?1 AND t.gateway = ?2",
        )?
        .query_row([access_token, gateway], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })
        .optional()?;
    Ok(match row {
        None => Err(Refusal::Unknown),
        Some((_, _, _, true, _)) => Err(Refusal::Unbound),
        Some((_, _, _, _, true)) => Err(Refusal::Used),
        Some((_, _, expires, _, _)) if expires <= now => Err(Refusal::Expired),
        Some((scopes, user_json, _, _, _)) => Ok(Grant {
            scopes: serde_json::from_str(&scopes).unwrap_or_default(),
            user_json,
        }),
    })
}

#[cfg(test)]
#[path = "grants_tests.rs"]
mod tests;
