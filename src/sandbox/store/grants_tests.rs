//! The unit tests of `grants`: redemption, refresh and grants on an in-memory store.

use super::*;
use rusqlite::Connection;

const TTLS: Ttls = Ttls {
    code: crate::sandbox::store::CodeTtl::all(600_000),
    access: 3_600_000,
    refresh: 7_200_000,
};

const D: &str = "dana";

fn store() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    crate::sandbox::store::schema::migrate(&mut conn).unwrap();
    conn
}

fn mint(conn: &Connection, code: &str, at: i64) {
    let scopes = vec!["USER_LOGIN_ID".to_string()];
    record_code(
        conn,
        &MintedCode {
            code,
            scopes: &scopes,
            user_id: "default",
            user_json: "{\"id\":\"default\"}",
            minted_at: at,
            wallet: "DANA",
            gateway: D,
            code_ttl: None,
        },
    )
    .unwrap();
}

fn pair(n: u32) -> (String, String) {
    (format!("A{n}"), format!("R{n}"))
}

#[test]
fn a_code_is_redeemed_once_then_used() {
    let conn = store();
    mint(&conn, "C", 1_000);
    let tokens = redeem_code(&conn, D, "C", 2_000, TTLS, pair(1))
        .unwrap()
        .unwrap();
    assert_eq!(tokens.access_token, "A1");
    assert_eq!(tokens.access_expires_at, 2_000 + TTLS.access);
    assert_eq!(
        redeem_code(&conn, D, "C", 2_001, TTLS, pair(2)).unwrap(),
        Err(Refusal::Used)
    );
    assert_eq!(
        redeem_code(&conn, D, "nope", 2_001, TTLS, pair(3)).unwrap(),
        Err(Refusal::Unknown)
    );
}

#[test]
fn an_old_code_is_expired_and_stays_unused() {
    let conn = store();
    mint(&conn, "C", 1_000);
    let late = 1_000 + TTLS.code.default;
    assert_eq!(
        redeem_code(&conn, D, "C", late, TTLS, pair(1)).unwrap(),
        Err(Refusal::Expired)
    );
    assert!(redeem_code(&conn, D, "C", late - 1, TTLS, pair(2))
        .unwrap()
        .is_ok());
}

#[test]
fn minting_the_same_code_again_resets_it() {
    let conn = store();
    mint(&conn, "C", 1_000);
    redeem_code(&conn, D, "C", 1_001, TTLS, pair(1))
        .unwrap()
        .unwrap();
    mint(&conn, "C", 5_000);
    assert!(redeem_code(&conn, D, "C", 5_001, TTLS, pair(2))
        .unwrap()
        .is_ok());
}

#[test]
fn refresh_spends_the_old_refresh_token() {
    let conn = store();
    mint(&conn, "C", 1_000);
    redeem_code(&conn, D, "C", 1_001, TTLS, pair(1))
        .unwrap()
        .unwrap();
    let new = refresh(&conn, D, "R1", 2_000, TTLS, pair(2))
        .unwrap()
        .unwrap();
    assert_eq!(new.refresh_token, "R2");
    assert_eq!(
        refresh(&conn, D, "R1", 2_001, TTLS, pair(3)).unwrap(),
        Err(Refusal::Used)
    );
    assert_eq!(
        refresh(&conn, D, "R9", 2_001, TTLS, pair(4)).unwrap(),
        Err(Refusal::Unknown)
    );
    let late = 2_000 + TTLS.refresh;
    assert_eq!(
        refresh(&conn, D, "R2", late, TTLS, pair(5)).unwrap(),
        Err(Refusal::Expired)
    );
}

#[test]
fn only_the_codes_gateway_redeems_it_and_its_tokens_are_that_gateways() {
    let conn = store();
    mint(&conn, "C", 1_000);
    let other = "alipay-plus";
    assert_eq!(
        redeem_code(&conn, other, "C", 1_001, TTLS, pair(1)).unwrap(),
        Err(Refusal::Unknown),
        "another gateway's code is unknown here"
    );
    redeem_code(&conn, D, "C", 1_002, TTLS, pair(2))
        .unwrap()
        .unwrap();
    assert_eq!(
        redeem_code(&conn, other, "C", 1_003, TTLS, pair(3)).unwrap(),
        Err(Refusal::Unknown),
        "not even as used"
    );
    assert_eq!(
        grant_of(&conn, other, "A2", 1_004).unwrap(),
        Err(Refusal::Unknown)
    );
    assert_eq!(
        refresh(&conn, other, "R2", 1_004, TTLS, pair(4)).unwrap(),
        Err(Refusal::Unknown)
    );
    assert!(grant_of(&conn, D, "A2", 1_004).unwrap().is_ok());
    let wallet: String = conn
        .query_row(
            "SELECT wallet FROM tokens WHERE access_token = 'A2'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(wallet, "DANA");
}

#[test]
fn access_tokens_grant_until_they_expire() {
    let conn = store();
    mint(&conn, "C", 1_000);
    let t = redeem_code(&conn, D, "C", 1_000, TTLS, pair(1))
        .unwrap()
        .unwrap();
    let grant = grant_of(&conn, D, "A1", 1_500).unwrap().unwrap();
    assert_eq!(grant.scopes, ["USER_LOGIN_ID"]);
    assert_eq!(
        grant_of(&conn, D, "A1", t.access_expires_at).unwrap(),
        Err(Refusal::Expired)
    );
    assert_eq!(grant_of(&conn, D, "A9", 0).unwrap(), Err(Refusal::Unknown));
}

#[test]
fn a_code_lives_as_recorded_unless_the_server_is_given_a_lifetime() {
    let conn = store();
    let scopes = vec!["auth_user".to_string()];
    let minted = |code: &'static str, code_ttl| MintedCode {
        code,
        scopes: &scopes,
        user_id: "default",
        user_json: "{}",
        minted_at: 1_000,
        wallet: "GCash",
        gateway: "alipay-plus",
        code_ttl,
    };
    record_code(&conn, &minted("DAY", Some(86_400_000))).unwrap();
    record_code(&conn, &minted("DEFAULT", None)).unwrap();
    record_code(&conn, &minted("GIVEN", Some(86_400_000))).unwrap();
    let by_record = Ttls {
        code: CodeTtl {
            given: None,
            default: 600_000,
        },
        ..TTLS
    };
    let at = 1_000 + 600_000;
    let plus = "alipay-plus";
    assert!(redeem_code(&conn, plus, "DAY", at, by_record, pair(1))
        .unwrap()
        .is_ok());
    assert_eq!(
        redeem_code(&conn, plus, "DEFAULT", at, by_record, pair(2)).unwrap(),
        Err(Refusal::Expired)
    );
    assert_eq!(
        redeem_code(&conn, plus, "GIVEN", at, TTLS, pair(3)).unwrap(),
        Err(Refusal::Expired),
        "--code-ttl is for every code"
    );
}
