//! The typical mistakes, per catalog, and the hint each must get.

use super::*;
use crate::profile::Profile;

fn suggester(catalog: &Profile) -> Suggester {
    Suggester::new(
        catalog
            .scopes
            .iter()
            .map(|s| (s.scope.as_str(), s.description.as_str())),
    )
}

/// Checks every `(typed, expected)` row and reports all the rows that fail at once.
fn check(catalog: &Profile, table: &[(&str, &[&str])]) {
    let s = suggester(catalog);
    let failures: Vec<String> = table
        .iter()
        .filter_map(|&(typed, expected)| {
            let got = s.suggest(typed);
            (got != expected).then(|| format!("{typed}: expected {expected:?}, got {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

const NONE: &[&str] = &[];

#[test]
fn dana_typical_mistakes() {
    check(
        &Profile::dana(),
        &[
            // The table: what the old hint got wrong.
            ("USER_EMAIL", &["USER_CONTACTINFO_EMAIL"]),
            ("USER_PHONE", &["USER_LOGIN_ID"]),
            ("OFFICE_ADDRESS", &["USER_OFFICE_ADDRESS"]),
            // Case and separators.
            ("user_login_id", &["USER_LOGIN_ID"]),
            ("User_Job", &["USER_JOB"]),
            ("user-login-id", &["USER_LOGIN_ID"]),
            ("USERLOGINID", &["USER_LOGIN_ID"]),
            ("userLoginId", &["USER_LOGIN_ID"]),
            ("kyc_info", &["KYC_INFO"]),
            // Word order.
            ("ID_LOGIN_USER", &["USER_LOGIN_ID"]),
            ("LOGIN_ID_USER", &["USER_LOGIN_ID"]),
            ("USER_NAME_BANK", &["USER_BANK_NAME"]),
            ("USER_EMAIL_CONTACTINFO", &["USER_CONTACTINFO_EMAIL"]),
            // Missing prefix.
            ("LOGIN_ID", &["USER_LOGIN_ID"]),
            ("OFFICE_VILLAGE", &["USER_OFFICE_VILLAGE"]),
            ("BIOLOGICAL_MOTHER_NAME", &["USER_BIOLOGICAL_MOTHER_NAME"]),
            ("CONTACTINFO_EMAIL", &["USER_CONTACTINFO_EMAIL"]),
            // Extra or wrong prefix.
            ("USER_KYC_INFO", &["KYC_INFO"]),
            ("DANA_USER_LOGIN_ID", &["USER_LOGIN_ID"]),
            ("CUSTOMER_OCCUPATION", &["USER_OCCUPATION"]),
            ("USER_SUBSCRIPTION", &["SUBSCRIPTION"]),
            ("USER_INVESTMENT_PURPOSE", &["INVESTMENT_PURPOSE"]),
            // Description words.
            ("MOTHER", &["USER_BIOLOGICAL_MOTHER_NAME"]),
            ("USER_MOTHER_NAME", &["USER_BIOLOGICAL_MOTHER_NAME"]),
            ("PHONE_NUMBER", &["USER_LOGIN_ID"]),
            ("USER_PHONE_NUMBER", &["USER_LOGIN_ID"]),
            ("EMAIL", &["USER_CONTACTINFO_EMAIL"]),
            ("USER_SALARY", NONE),
            // Parts and abbreviations.
            ("USER_CONTACT_EMAIL", &["USER_CONTACTINFO_EMAIL"]),
            ("USER_EDU_LEVEL", &["USER_EDUCATION_LEVEL"]),
            ("KYC", &["KYC_INFO"]),
            // One-letter slips, inside a word and across the name.
            ("USER_LOGN_ID", &["USER_LOGIN_ID"]),
            ("USER_OFICE_NAME", &["USER_OFFICE_NAME"]),
            ("KYC_INF", &["KYC_INFO"]),
            ("KYC_INOF", &["KYC_INFO"]),
            ("USER_JB", &["USER_JOB"]),
            ("USER_OCUPATION", &["USER_OCCUPATION"]),
            ("SUBSCRIPTIONS", &["SUBSCRIPTION"]),
            ("USER_BANK_ACCOUNT_NUMBERS", &["USER_BANK_ACCOUNT_NUMBER"]),
            // Two or three about equally close: all of them, best first.
            ("INCOME", &["USER_MONTHLY_INCOME", "USER_INCOME_SOURCE"]),
            (
                "EXPERIENCE",
                &["USER_INVESTING_EXPERIENCE", "USER_WORKING_EXPERIENCE"],
            ),
            (
                "POSTAL_CODE",
                &["USER_POSTAL_CODE", "USER_OFFICE_POSTAL_CODE"],
            ),
            ("BANK", &["USER_BANK_NAME", "USER_BANK_ACCOUNT_NUMBER"]),
            // Seven share OFFICE: the three whose names it explains most.
            (
                "OFFICE",
                &[
                    "USER_OFFICE_NAME",
                    "USER_OFFICE_ADDRESS",
                    "USER_OFFICE_PROVINCE",
                ],
            ),
            // Nothing in common: no hint rather than the least bad one.
            ("FOO", NONE),
            ("X", NONE),
            ("", NONE),
            ("___", NONE),
            ("PAYMENT", NONE),
            ("PAYMENT_TOKEN_XYZ", NONE),
            ("USER", NONE),
            ("USER_FOO", NONE),
            ("USERR", NONE),
            ("USER_PASSWORD", NONE),
            ("AUTHORIZED", NONE),
            ("INFORMATION", NONE),
            ("auth_base", NONE),
            ("scope", NONE),
        ],
    );
}

#[test]
fn other_wallet_typical_mistakes() {
    let other = Profile::parse(include_bytes!("../../examples/other-wallet.json")).unwrap();
    check(
        &other,
        &[
            ("AUTH_USER", &["auth_user"]),
            ("authBase", &["auth_base"]),
            ("user_auth", &["auth_user"]),
            ("base", &["auth_base"]),
            ("auth_bse", &["auth_base"]),
            ("auth_usr", &["auth_user"]),
            // Description words, from this wallet's own descriptions.
            ("PHONE", &["auth_user"]),
            ("auth_phone", &["auth_user"]),
            ("NICKNAME", &["auth_base"]),
            // A word of every scope says nothing about which one.
            ("profile", NONE),
            ("auth", NONE),
            // DANA's names get no hint from this wallet's unrelated scopes.
            ("USER_LOGIN_ID", NONE),
            ("KYC_INFO", NONE),
            ("USER_CONTACTINFO_EMAIL", NONE),
            ("auth_foo", NONE),
            ("FOO", NONE),
        ],
    );
}

#[test]
fn a_long_or_strange_input_gets_no_hint_and_no_panic() {
    let s = suggester(&Profile::dana());
    assert!(s.suggest(&"USER_LOGIN_ID".repeat(1000)).is_empty());
    assert!(s.suggest("ÜSER_LÖGIN_ID").len() <= MAX_SUGGESTIONS);
    assert!(s.suggest("\u{0}\n\t").is_empty());
}

#[test]
fn knows_exact_names_only() {
    let s = suggester(&Profile::dana());
    assert!(s.knows("USER_LOGIN_ID"));
    assert!(!s.knows("user_login_id"));
    assert!(!s.knows("auth_base"));
}

#[test]
fn which_other_catalogs_know_a_name() {
    let dana = suggester(&Profile::dana());
    let other = Profile::parse(include_bytes!("../../examples/other-wallet.json")).unwrap();
    let other = suggester(&other);
    let all = [("DANA", &dana), ("OtherPay", &other)];
    assert_eq!(known_by("auth_base", all), ["OtherPay"]);
    assert_eq!(known_by("KYC_INFO", all), ["DANA"]);
    assert!(known_by("AUTH_BASE", all).is_empty());
}

#[test]
fn hint_wording() {
    assert_eq!(did_you_mean::<&str>(&[]), None);
    assert_eq!(did_you_mean(&["A"]).unwrap(), "did you mean A?");
    assert_eq!(did_you_mean(&["A", "B"]).unwrap(), "did you mean A or B?");
    assert_eq!(
        did_you_mean(&["A", "B", "C"]).unwrap(),
        "did you mean A, B or C?"
    );
}

#[test]
fn one_edit() {
    for (a, b, yes) in [
        ("LOGIN", "LOGN", true),
        ("LOGIN", "LOGIN", true),
        ("LOGIN", "LOGINS", true),
        ("LOGIN", "LGOIN", true),
        ("LOGIN", "LOGAN", true),
        ("LOGIN", "LOG", false),
        ("LOGIN", "LGONI", false),
        ("BASE", "BASIC", false),
    ] {
        assert_eq!(within_one_edit(a, b), yes, "{a} {b}");
        assert_eq!(within_one_edit(b, a), yes, "{b} {a}");
    }
}

#[test]
fn edit_distance_with_a_budget() {
    let mut rows = Vec::new();
    for (a, b, edits) in [
        ("USERLOGINID", "USERLOGNID", 1),
        ("USERLOGINID", "USERLGOINID", 1),
        ("KYCINFO", "KYCINOF", 1),
        ("ABC", "ABC", 0),
        ("USERJOB", "USERJB", 1),
        ("KITTEN", "SITTING", 3),
        ("CA", "ABC", 3),
    ] {
        assert_eq!(
            osa_within(a.as_bytes(), b.as_bytes(), 9, &mut rows),
            Some(edits),
            "{a} {b}"
        );
        assert_eq!(
            osa_within(b.as_bytes(), a.as_bytes(), edits, &mut rows),
            Some(edits)
        );
        if edits > 0 {
            assert_eq!(
                osa_within(a.as_bytes(), b.as_bytes(), edits - 1, &mut rows),
                None
            );
        }
    }
}
