//! `authcode scopes`: the table, the filter, `--json`, and colors, through the real binary.

use crate::support::authcode;
use predicates::prelude::*;
use serde_json::{json, Value};

/// The 25 DANA scopes and descriptions, in the order of the specification.
const DANA: [(&str, &str); 25] = [
    ("USER_LOGIN_ID", "Authorized to obtain users' phone numbers"),
    ("KYC_INFO", "Authorized to obtain users' KYC information"),
    ("USER_CONTACTINFO_EMAIL", "Authorized to obtain users' email information"),
    ("USER_BIOLOGICAL_MOTHER_NAME", "Authorized to obtain users' biological mother's name information"),
    ("USER_EDUCATION_LEVEL", "Authorized to obtain users' education level information"),
    ("USER_OCCUPATION", "Authorized to obtain users' occupation information"),
    ("USER_MONTHLY_INCOME", "Authorized to obtain users' monthly income information"),
    ("USER_INCOME_SOURCE", "Authorized to obtain users' source of income information"),
    ("INVESTMENT_PURPOSE", "Authorized to obtain users' purpose of investment information"),
    ("USER_INVESTING_EXPERIENCE", "Authorized to obtain users' investing experience information"),
    ("USER_POSTAL_CODE", "Authorized to obtain users' address postal code information"),
    ("USER_OFFICE_NAME", "Authorized to obtain users' office name information"),
    ("EMPLOYER_BIZ_CTG", "Authorized to obtain users' employer business category information"),
    ("USER_JOB", "Authorized to obtain users' job status information"),
    ("USER_WORKING_EXPERIENCE", "Authorized to obtain users' working experience information"),
    ("USER_OFFICE_ADDRESS", "Authorized to obtain users' office address information"),
    ("USER_OFFICE_PROVINCE", "Authorized to obtain users' office province information"),
    ("USER_OFFICE_REGENCY", "Authorized to obtain users' office regency information"),
    ("USER_OFFICE_DISTRICT", "Authorized to obtain users' office district information"),
    ("USER_OFFICE_VILLAGE", "Authorized to obtain users' office village information"),
    ("USER_OFFICE_POSTAL_CODE", "Authorized to obtain users' office postal code information"),
    ("USER_BANK_NAME", "Authorized to obtain users' bank name information"),
    ("USER_BANK_ACCOUNT_NUMBER", "Authorized to obtain users' bank account number information"),
    ("USER_ACCOUNT_HOLDER_NAME", "Authorized to obtain users' account holder name information"),
    ("SUBSCRIPTION", "Authorized to enable users to use the Subscription with Static Amount - Mini Program solution"),
];

pub(crate) const OFFICE: [&str; 7] = [
    "USER_OFFICE_NAME",
    "USER_OFFICE_ADDRESS",
    "USER_OFFICE_PROVINCE",
    "USER_OFFICE_REGENCY",
    "USER_OFFICE_DISTRICT",
    "USER_OFFICE_VILLAGE",
    "USER_OFFICE_POSTAL_CODE",
];

/// Splits a table row into (name, column where the description starts, description).
fn row(line: &str) -> (&str, usize, &str) {
    let name_end = line.find(' ').expect("a name and a description");
    let rest = &line[name_end..];
    let desc_start = name_end + (rest.len() - rest.trim_start().len());
    (&line[..name_end], desc_start, &line[desc_start..])
}

#[test]
fn table_lists_all_25_scopes_in_catalog_order_aligned() {
    let out = authcode().args(["scopes"]).ok();
    assert!(out.ends_with('\n'));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 25, "{out}");
    let widest = DANA.iter().map(|(s, _)| s.len()).max().unwrap();
    for (line, (scope, description)) in lines.iter().zip(DANA) {
        let (name, column, desc) = row(line);
        assert_eq!(name, scope);
        assert_eq!(desc, description);
        assert_eq!(column, widest + 2, "description column of {line:?}");
    }
    assert!(!out.contains('\x1b'), "a pipe gets no colors: {out:?}");
}

#[test]
fn office_lists_exactly_the_seven_office_scopes() {
    let out = authcode().args(["scopes", "office"]).ok();
    let names: Vec<&str> = out.lines().map(|l| row(l).0).collect();
    assert_eq!(names, OFFICE);
    // Aligned on the widest shown name, not the widest in the catalog.
    for line in out.lines() {
        assert_eq!(row(line).1, "USER_OFFICE_POSTAL_CODE".len() + 2, "{line:?}");
    }
}

#[test]
fn query_is_case_insensitive() {
    let lower = authcode().args(["scopes", "office"]).ok();
    assert_eq!(authcode().args(["scopes", "OFFICE"]).ok(), lower);
    assert_eq!(authcode().args(["scopes", "oFfIcE"]).ok(), lower);
}

#[test]
fn query_matches_descriptions() {
    let out = authcode().args(["scopes", "phone"]).ok();
    assert_eq!(
        out.lines().map(|l| row(l).0).collect::<Vec<_>>(),
        ["USER_LOGIN_ID"]
    );
    let out = authcode().args(["scopes", "Static Amount"]).ok();
    assert_eq!(
        out.lines().map(|l| row(l).0).collect::<Vec<_>>(),
        ["SUBSCRIPTION"]
    );
    // "mother's" has an apostrophe in the description only.
    let out = authcode().args(["scopes", "mother's name"]).ok();
    assert_eq!(
        out.lines().map(|l| row(l).0).collect::<Vec<_>>(),
        ["USER_BIOLOGICAL_MOTHER_NAME"]
    );
}

#[test]
fn no_match_is_exit_1_with_a_message_and_empty_stdout() {
    authcode()
        .args(["scopes", "no-such-thing"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: no scope matches \"no-such-thing\"\n",
        ));
    authcode()
        .args(["scopes", "no-such-thing", "--json"])
        .assert()
        .code(1)
        // A JSON reader gets JSON: the empty array.
        .stdout("[]\n")
        .stderr(predicate::str::contains("no scope matches"));
}

#[test]
fn json_is_an_array_of_scope_and_description_in_order() {
    let out = authcode().args(["scopes", "--json"]).ok();
    let value: Value = serde_json::from_str(&out).unwrap();
    let expected: Vec<Value> = DANA
        .iter()
        .map(|(s, d)| json!({"scope": s, "description": d}))
        .collect();
    assert_eq!(value, Value::Array(expected));
    // Exactly two keys per entry, no extras.
    for entry in value.as_array().unwrap() {
        assert_eq!(entry.as_object().unwrap().len(), 2);
    }
}

#[test]
fn json_is_filtered_like_the_table() {
    let out = authcode().args(["scopes", "OFFICE", "--json"]).ok();
    let value: Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["scope"].as_str().unwrap())
        .collect();
    assert_eq!(names, OFFICE);
    assert_eq!(
        value[0]["description"],
        "Authorized to obtain users' office name information"
    );
}
