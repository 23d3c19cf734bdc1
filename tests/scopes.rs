//! `authcode scopes`: the table, the filter, `--json`, and colors, through the real binary.

mod common;

use std::process::{Command as StdCommand, Stdio};

use common::{authcode, ok};
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

const OFFICE: [&str; 7] = [
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
    let out = ok(&["scopes"]);
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
    let out = ok(&["scopes", "office"]);
    let names: Vec<&str> = out.lines().map(|l| row(l).0).collect();
    assert_eq!(names, OFFICE);
    // Aligned on the widest shown name, not the widest in the catalog.
    for line in out.lines() {
        assert_eq!(row(line).1, "USER_OFFICE_POSTAL_CODE".len() + 2, "{line:?}");
    }
}

#[test]
fn query_is_case_insensitive() {
    let lower = ok(&["scopes", "office"]);
    assert_eq!(ok(&["scopes", "OFFICE"]), lower);
    assert_eq!(ok(&["scopes", "oFfIcE"]), lower);
}

#[test]
fn query_matches_descriptions() {
    let out = ok(&["scopes", "phone"]);
    assert_eq!(
        out.lines().map(|l| row(l).0).collect::<Vec<_>>(),
        ["USER_LOGIN_ID"]
    );
    let out = ok(&["scopes", "Static Amount"]);
    assert_eq!(
        out.lines().map(|l| row(l).0).collect::<Vec<_>>(),
        ["SUBSCRIPTION"]
    );
    // "mother's" has an apostrophe in the description only.
    let out = ok(&["scopes", "mother's name"]);
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
        // A JSON reader gets JSON: the empty array (issue 14).
        .stdout("[]\n")
        .stderr(predicate::str::contains("no scope matches"));
}

#[test]
fn json_is_an_array_of_scope_and_description_in_order() {
    let out = ok(&["scopes", "--json"]);
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
    let out = ok(&["scopes", "OFFICE", "--json"]);
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

#[test]
fn color_always_colors_the_names_only() {
    let out = ok(&["--color", "always", "scopes", "office"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7);
    for (line, name) in lines.iter().zip(OFFICE) {
        assert!(line.starts_with("\x1b["), "{line:?}");
        assert!(
            line.contains(&format!("m{name}\x1b[0m")),
            "{name} is not colored in {line:?}"
        );
        let description = &line[line.rfind("\x1b[0m").unwrap() + 4..];
        assert!(!description.contains('\x1b'), "{line:?}");
        // Padding is computed on the visible name, so columns still line up.
        assert_eq!(
            description.len() - description.trim_start().len() + name.len(),
            "USER_OFFICE_POSTAL_CODE".len() + 2
        );
    }
    // The option is global: after the subcommand too.
    let after = ok(&["scopes", "office", "--color", "always"]);
    assert_eq!(after, out);
}

#[test]
fn color_never_and_pipes_are_plain() {
    let never = ok(&["--color", "never", "scopes"]);
    assert!(!never.contains('\x1b'));
    let auto = ok(&["scopes"]);
    assert_eq!(auto, never);
    assert!(!ok(&["--color", "never", "scopes", "--json"]).contains('\x1b'));
}

#[test]
fn no_color_keeps_a_pipe_plain_and_always_still_wins() {
    let out = authcode()
        .env("NO_COLOR", "1")
        .args(["scopes"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!out.contains(&0x1b));
    // An explicit --color always is a request from the user and beats the environment.
    let out = authcode()
        .env("NO_COLOR", "1")
        .args(["--color", "always", "scopes"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(out.contains(&0x1b));
}

#[test]
fn bad_color_value_is_a_usage_error() {
    authcode()
        .args(["--color", "sometimes", "scopes"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("sometimes"));
}

#[test]
fn json_output_is_not_colored_even_with_color_always() {
    let out = ok(&["--color", "always", "scopes", "--json"]);
    assert!(!out.contains('\x1b'));
    let _: Value = serde_json::from_str(&out).unwrap();
}

/// Runs `authcode scopes` with a stdout pipe that nobody reads: the read end is closed
/// before the program starts writing.
fn run_into_closed_pipe(args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("authcode");
    // The shell sleeps so that the read end is surely closed before authcode writes;
    // `exec` makes the shell's exit status authcode's own.
    let mut child = StdCommand::new("sh")
        .arg("-c")
        .arg("sleep 0.3; exec \"$0\" \"$@\"")
        .arg(&bin)
        .args(args)
        .env_remove("AUTHCODE_CATALOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn closed_stdout_ends_quietly_with_exit_0() {
    for args in [
        &["scopes"][..],
        &["scopes", "--json"],
        &["--color", "always", "scopes"],
    ] {
        let out = run_into_closed_pipe(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} wrote on stderr: {stderr}");
    }
}

#[test]
fn head_dash_1_gets_the_first_row_and_no_panic() {
    let bin = assert_cmd::cargo::cargo_bin("authcode");
    let out = StdCommand::new("sh")
        .arg("-c")
        .arg("\"$0\" scopes 2>&1 | head -1")
        .arg(&bin)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("USER_LOGIN_ID "), "{text:?}");
    assert_eq!(text.lines().count(), 1);
    assert!(!text.contains("panicked"));
}

#[test]
fn help_has_examples() {
    authcode()
        .args(["scopes", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:\n  authcode scopes"));
}
