//! Query User Profile resources: the types DANA defines, and which scope unlocks which. The
//! mapping is not public; the sandbox's assumption is data (`src/users/dana-resources.json`),
//! kept beside the scope catalog it extends.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

const JSON: &str = include_str!("dana-resources.json");

#[derive(Debug, Deserialize)]
struct Data {
    types: Vec<String>,
    resources: BTreeMap<String, Vec<String>>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| serde_json::from_str(JSON).expect("the embedded resource map is valid"))
}

/// Every resource type Query User Profile defines.
pub(crate) fn types() -> Vec<&'static str> {
    data().types.iter().map(String::as_str).collect()
}

/// Whether `resource` is a defined resource type.
pub(crate) fn is_defined(resource: &str) -> bool {
    data().types.iter().any(|t| t == resource)
}

/// Whether one of the granted `scopes` unlocks `resource`.
pub(crate) fn unlocked_by(scopes: &[String], resource: &str) -> bool {
    scopes.iter().any(|s| {
        data()
            .resources
            .get(s)
            .is_some_and(|list| list.iter().any(|r| r == resource))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_names_only_defined_types_and_known_scopes() {
        assert_eq!(types().len(), 15);
        let catalog = crate::profile::Profile::dana();
        let web = [
            "CASHIER",
            "AGREEMENT_PAY",
            "QUERY_BALANCE",
            "DEFAULT_BASIC_PROFILE",
            "MINI_DANA",
        ];
        for (scope, list) in &data().resources {
            assert!(
                catalog.scope(scope).is_some() || web.contains(&scope.as_str()),
                "{scope}"
            );
            assert!(list.iter().all(|r| is_defined(r)), "{scope}");
        }
        let login = vec!["USER_LOGIN_ID".to_string()];
        assert!(unlocked_by(&login, "LOGIN_ID"));
        assert!(!unlocked_by(&login, "KTP_NUMBER"));
    }
}
