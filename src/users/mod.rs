//! Simulated users: who consents in `request` (`--user ID`) and whose data the sandbox's
//! Query User Profile answers. One built-in user (`src/users/default.json`), plus the users of
//! `--users FILE` (same format), which replace a built-in user of the same id.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::CliError;

pub(crate) mod platform_fields;
pub(crate) mod resources;

const DEFAULT_JSON: &str = include_str!("default.json");

/// The user who consents unless `--user` names another.
pub const DEFAULT_USER: &str = "default";

/// One simulated wallet user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct User {
    pub id: String,
    /// Shown in the consent prompt.
    pub name: String,
    /// DANA's static user id; derived from `id` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_user_id: Option<String>,
    /// Query User Profile values by resource type.
    #[serde(default)]
    pub resources: BTreeMap<String, String>,
}

impl User {
    /// The record as stored with a code.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("users serialize")
    }

    /// A record stored with a code.
    pub(crate) fn from_json(text: &str) -> Option<User> {
        serde_json::from_str(text).ok()
    }
}

/// The `publicUserId` Apply Token answers for the user `id` whose record sets `explicit` (or
/// none): that, else a
/// number derived from the id (FNV-1a), so the same user gets the same number in every store.
pub(crate) fn public_user_id(id: &str, explicit: Option<&str>) -> String {
    if let Some(explicit) = explicit {
        return explicit.to_string();
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in id.as_bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("2166{:017}", hash % 100_000_000_000_000_000)
}

/// The users in force, and where each id is among them.
#[derive(Debug, Clone)]
pub struct Users {
    list: Vec<User>,
    index: HashMap<String, usize>,
}

/// How many ids the hint for an unknown user names.
const NAMED: usize = 5;

impl Users {
    /// The built-in users, then those of `path`, in time linear in their number.
    pub fn load(path: Option<&Path>) -> Result<Users, CliError> {
        let mut users = parse(DEFAULT_JSON.as_bytes()).expect("the built-in users are valid");
        if let Some(path) = path {
            let shown = crate::text::display_path(path);
            let bytes = std::fs::read(path).map_err(|e| {
                CliError::usage(format!(
                    "cannot read users {shown}: {}",
                    crate::error::io_reason(&e)
                ))
            })?;
            let extra = parse(&bytes).map_err(|why| {
                CliError::usage(format!(
                    "invalid users {shown}: {}",
                    crate::text::sanitize(&why)
                ))
                .with_hint(
                    r#"a users file is [{"id": "...", "name": "...", "resources": {"LOGIN_ID": "62..."}}]"#,
                )
            })?;
            // A user of the file replaces the built-in one of the same id (and comes after
            // the built-in users, as the file's users do).
            let replaced: HashSet<&str> = extra.iter().map(|u| u.id.as_str()).collect();
            users.retain(|u| !replaced.contains(u.id.as_str()));
            users.extend(extra);
        }
        let index = users
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.clone(), i))
            .collect();
        Ok(Users { list: users, index })
    }

    /// The user `id`.
    pub fn get(&self, id: &str) -> Option<&User> {
        self.index.get(id).map(|&i| &self.list[i])
    }

    /// Every user, built-in first.
    pub(crate) fn all(&self) -> &[User] {
        &self.list
    }

    /// The user `id`, or a usage error that names a few known ones, the likeliest first.
    pub(crate) fn pick(&self, id: &str) -> Result<&User, CliError> {
        self.get(id).ok_or_else(|| {
            let mut known: Vec<(f64, &str)> = self
                .list
                .iter()
                .map(|u| (strsim::jaro_winkler(id, &u.id), u.id.as_str()))
                .collect();
            known.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            let names: Vec<&str> = known.iter().take(NAMED).map(|(_, id)| *id).collect();
            let hint = if self.list.len() > names.len() {
                format!(
                    "known users include {} ({} in all)",
                    names.join(", "),
                    self.list.len()
                )
            } else {
                format!("known users: {}", names.join(", "))
            };
            CliError::usage(format!("unknown user {}", crate::text::brief(id)))
                .with_hint(hint)
                .with_hint("add users with --users FILE (see README: authcode serve)")
        })
    }
}

fn parse(bytes: &[u8]) -> Result<Vec<User>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let users: Vec<User> = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let types = crate::users::resources::types();
    let mut seen = HashSet::new();
    for (i, u) in users.iter().enumerate() {
        if u.id.is_empty() || u.id.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(format!(
                "user #{} has an empty id or one with spaces",
                i + 1
            ));
        }
        if !seen.insert(u.id.as_str()) {
            return Err(format!("user {} is listed twice", u.id));
        }
        if u.public_user_id
            .as_ref()
            .is_some_and(|p| p.is_empty() || p.len() > 64)
        {
            return Err(format!(
                "user {}: publicUserId must be 1 to 64 characters",
                u.id
            ));
        }
        if let Some(unknown) = u.resources.keys().find(|k| !types.contains(&k.as_str())) {
            return Err(format!(
                "user {}: {unknown} is not a Query User Profile resource type",
                u.id
            ));
        }
    }
    Ok(users)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_user_is_indonesian_and_stable() {
        let users = Users::load(None).unwrap();
        let budi = users.get(DEFAULT_USER).unwrap();
        assert!(budi.resources["LOGIN_ID"].starts_with("628"));
        assert!(budi.resources.contains_key("USER_KYC"));
        let derived = public_user_id(&budi.id, None);
        assert_eq!(derived, public_user_id(&budi.id, None));
        assert_eq!(derived.len(), 21);
        assert_ne!(derived, public_user_id("siti", None));
        assert_eq!(
            public_user_id(&budi.id, Some("216600000000000000042")),
            "216600000000000000042"
        );
        assert_eq!(User::from_json(&budi.to_json()).as_ref(), Some(budi));
    }

    #[test]
    fn a_users_file_adds_and_replaces_and_is_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.json");
        std::fs::write(
            &path,
            r#"[{"id":"siti","name":"Siti","resources":{"NICKNAME":"Siti"}},
                {"id":"default","name":"Other"}]"#,
        )
        .unwrap();
        let users = Users::load(Some(&path)).unwrap();
        assert_eq!(users.get("siti").unwrap().resources["NICKNAME"], "Siti");
        assert_eq!(users.get("default").unwrap().name, "Other");
        assert!(users.pick("nobody").unwrap_err().hints[0].contains("siti"));
        assert_eq!(
            users
                .all()
                .iter()
                .map(|u| u.id.as_str())
                .collect::<Vec<_>>(),
            ["siti", "default"],
            "a replaced built-in user comes with the file's"
        );

        std::fs::write(
            &path,
            r#"[{"id":"x","name":"X","resources":{"SHOE_SIZE":"42"}}]"#,
        )
        .unwrap();
        let err = Users::load(Some(&path)).unwrap_err();
        assert!(err.message.contains("SHOE_SIZE"), "{}", err.message);
    }
}
