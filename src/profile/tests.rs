//! A profile as loaded: DANA's against the specification, bad profiles and error values refused,
//! number-valued errors judged as numbers.

use super::*;

#[test]
fn dana_has_the_specs_25_scopes_in_order() {
    let c = Profile::dana();
    assert_eq!(c.name, "DANA");
    assert_eq!(c.scopes.len(), 25);
    assert_eq!(c.scopes[0].scope, "USER_LOGIN_ID");
    assert_eq!(c.scopes[24].scope, "SUBSCRIPTION");
    let mother = c.scope("USER_BIOLOGICAL_MOTHER_NAME").unwrap();
    assert!(mother.description.contains("mother's name"));
    let codes: Vec<_> = c.errors.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["3", "10", "11", "40006"]);
    assert_eq!(c.default_error, ErrorValue::Text("40006".into()));
    assert_eq!(c.example_error(), "\"40006\"");
    assert!(c.default_scopes.is_empty() && c.request_params.is_empty());
    assert_eq!(c.string_scopes, StringScopes::No);
}

#[test]
fn refuses_bad_profiles() {
    assert!(Profile::parse(b"").unwrap_err().contains("empty"));
    assert!(Profile::parse(b"{").is_err());
    assert!(Profile::parse(br#"{"name":"X","scopes":[]}"#)
        .unwrap_err()
        .contains("no scopes"));
    let twice =
        br#"{"name":"X","scopes":[{"scope":"A","description":""},{"scope":"A","description":""}]}"#;
    assert!(Profile::parse(twice)
        .unwrap_err()
        .contains("A is listed twice"));
    let typo = br#"{"name":"X","scope":[]}"#;
    assert!(Profile::parse(typo).is_err());
}

#[test]
fn checks_error_values_at_load() {
    let one = |errors: &str| {
        Profile::parse(
            format!(
                r#"{{"name":"X","scopes":[{{"scope":"A","description":""}}],"errors":{errors}}}"#
            )
            .as_bytes(),
        )
    };
    assert!(one("[]").unwrap_err().contains("\"errors\" is empty"));
    let spaced = one(r#"[{"code":"40 06","message":""}]"#).unwrap_err();
    assert!(spaced.contains("errors[0].code"), "{spaced}");
    assert!(spaced.contains("spaces"), "{spaced}");
    let first = one(r#"[{"code":"USER_CANCELLED","message":""}]"#).unwrap();
    assert_eq!(
        first.default_error,
        ErrorValue::Text("USER_CANCELLED".into())
    );
}

#[test]
fn number_profiles_judge_numbers() {
    let p = Profile::parse(
        br#"{"name":"N","scopes":[{"scope":"auth_base","description":""}],"errorValues":"number","errors":[{"code":"11","message":""}]}"#,
    )
    .unwrap();
    assert_eq!(p.default_error, ErrorValue::Number(11));
    assert_eq!(p.judge_error_value(Seen::Number("11")), Ok(()));
    assert!(matches!(
        p.judge_error_value(Seen::Text("11")),
        Err(ErrorValueFault::WrongType { fix: Some(f), .. }) if f == "11"
    ));
    assert_eq!(p.example_error(), "11");
    let dana = Profile::dana();
    assert!(matches!(
        dana.judge_error_value(Seen::Number("11")),
        Err(ErrorValueFault::WrongType { fix: Some(f), .. }) if f == "\"11\""
    ));
    assert_eq!(
        dana.judge_error_value(Seen::Text("")),
        Err(ErrorValueFault::Empty)
    );
}
