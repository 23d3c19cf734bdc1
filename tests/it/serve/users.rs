//! A large users file: loaded in time linear in its size, and the hint for an unknown user
//! names a few ids, not all.

use std::time::{Duration, Instant};

use crate::serve::support::*;

/// 32,000 users (`u00000` to `u31999`).
fn many_users(dir: &std::path::Path) -> std::path::PathBuf {
    let users: Vec<serde_json::Value> = (0..32_000)
        .map(|i| {
            serde_json::json!({
                "id": format!("u{i:05}"),
                "name": format!("User {i}"),
                "resources": {"LOGIN_ID": format!("62811{i:07}")},
            })
        })
        .collect();
    let path = dir.join("users.json");
    std::fs::write(&path, serde_json::to_vec(&users).unwrap()).unwrap();
    path
}

#[test]
fn thirty_two_thousand_users_load_at_once_and_a_miss_names_a_few() {
    let dir = tempfile::tempdir().unwrap();
    let users = many_users(dir.path());
    let started = Instant::now();
    let out = authcode()
        .env("AUTHCODE_USERS", &users)
        .args(["request", "--scopes", "USER_LOGIN_ID", "--approve"])
        .args(["--user", "u31999", "--compact"])
        .run()
        .ok();
    // Quadratic loading took 18 s (release); linear takes a fraction of a second, even in a
    // debug build on a loaded machine.
    let took = started.elapsed();
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert!(out.json()["authCode"].is_string());

    let err = authcode()
        .env("AUTHCODE_USERS", &users)
        .args(["request", "--scopes", "USER_LOGIN_ID", "--approve"])
        .args(["--user", "u3199"])
        .run()
        .refused("unknown user u3199");
    let hint = err
        .lines()
        .find(|l| l.contains("known users"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(hint.contains("(32001 in all)"), "{hint}");
    assert!(hint.len() < 120, "{hint}");
    assert_eq!(hint.matches(", ").count(), 4, "five ids: {hint}");
    let named = hint
        .split("include ")
        .nth(1)
        .unwrap()
        .split(" (")
        .next()
        .unwrap();
    assert!(
        named.split(", ").all(|id| id.starts_with("u319")),
        "the likeliest: {hint}"
    );
}
