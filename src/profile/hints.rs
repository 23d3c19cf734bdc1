//! Did-you-mean hints for a scope the profile does not know: its own scopes nearest to the
//! name, else the built-in wallets that have a scope of exactly that name.

use std::sync::OnceLock;

use super::builtin::BUILTIN;
use super::{Profile, StringScopes};
use crate::suggest::{self, Suggester};

impl Profile {
    /// The ranking of this profile's scopes, by name and description.
    pub(crate) fn suggester(&self) -> Suggester {
        Suggester::new(
            self.scopes
                .iter()
                .map(|s| (s.scope.as_str(), s.description.as_str())),
        )
    }

    /// The hint for the unknown scope `name` (builds the ranking: for one-off use).
    #[cfg(test)]
    pub(crate) fn scope_hint(&self, name: &str) -> Option<String> {
        self.scope_hint_with(&self.suggester(), name)
    }

    /// The hint for the unknown scope `name`, ranked by `suggester` (this profile's).
    pub(crate) fn scope_hint_with(&self, suggester: &Suggester, name: &str) -> Option<String> {
        if let Some(hint) = suggest::scope_hint(name, &suggester.suggest(name)) {
            return Some(hint);
        }
        let others = other_wallets(&self.name, name);
        let first = others.first()?;
        let wallets = if others.len() == 1 {
            format!("the {first} wallet")
        } else {
            format!("the {} wallets", others.join(", "))
        };
        Some(format!(
            "{} is a scope of {wallets}: --wallet {first}",
            crate::text::brief(name)
        ))
    }
}

impl Profile {
    /// Scope names joined by commas in one string, where this profile does not take them so
    /// (TNG's `"auth_user,USER_NAME"`): the hint that the names go in an array, when one of
    /// them is a scope of the profile (validate's wrong-type rule gives it, not the nearest
    /// single name).
    pub(crate) fn joined_names_hint(&self, name: &str) -> Option<String> {
        if !name.contains(',') || self.string_scopes == StringScopes::CommaSeparated {
            return None;
        }
        let parts: Vec<&str> = name.split(',').map(str::trim).collect();
        if !parts.iter().any(|p| self.scope(p).is_some()) {
            return None;
        }
        let array: Vec<String> = parts
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| format!("{:?}", crate::text::brief(p)))
            .collect();
        let takes = match self.string_scopes {
            StringScopes::One => "takes one scope name in a string",
            _ => "takes no names joined by commas",
        };
        Some(format!(
            "{} {takes}: several go in an array, \"scopes\": [{}]",
            crate::text::sanitize(&self.name),
            array.join(", ")
        ))
    }
}

/// The built-in wallets, other than the one named `current`, that have a scope `name`.
fn other_wallets(current: &str, name: &str) -> Vec<&'static str> {
    static RANKINGS: OnceLock<Vec<(&'static str, String, Suggester)>> = OnceLock::new();
    let rankings = RANKINGS.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|b| {
                let profile = b.profile();
                (b.name, profile.name.clone(), profile.suggester())
            })
            .collect()
    });
    let others = rankings
        .iter()
        .filter(|(_, shown, _)| shown != current)
        .map(|(wallet, _, suggester)| (*wallet, suggester));
    suggest::known_by(name, others)
}

#[cfg(test)]
mod tests {
    use crate::profile::Profile;

    #[test]
    fn a_scope_of_another_wallet_names_that_wallet() {
        let dana = Profile::dana();
        let hint = dana.scope_hint("auth_base").unwrap();
        assert!(hint.starts_with("auth_base is a scope of the "), "{hint}");
        assert!(hint.contains("tng"), "{hint}");
        assert!(hint.contains(": --wallet "), "{hint}");
        assert_eq!(
            dana.scope_hint("user_login_id").as_deref(),
            Some("did you mean USER_LOGIN_ID? (scope names are case-sensitive)")
        );
        assert_eq!(dana.scope_hint("PAYMENT_TOKEN_XYZ"), None);
        let tng = Profile::builtin("tng").unwrap();
        assert_eq!(
            tng.joined_names_hint("auth_user,USER_NAME").as_deref(),
            Some(
                r#"Touch 'n Go eWallet takes one scope name in a string: several go in an array, "scopes": ["auth_user", "USER_NAME"]"#
            )
        );
        let hint = tng.scope_hint("USER_LOGIN_ID").unwrap_or_default();
        assert!(hint.contains("dana"), "{hint}");
        assert!(!hint.contains("tng"), "{hint}");
    }
}
