//! The built-in wallet profiles, embedded at compile time from `wallets/*.json` beside this
//! file, by the name `--wallet` knows them by. Each file holds only what its wallet
//! publishes, and names its source.

use std::sync::OnceLock;

use super::{ErrorCode, ErrorValueType, Profile};

/// A built-in profile: the name `--wallet` takes, and its embedded file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Builtin {
    pub(crate) name: &'static str,
    json: &'static str,
}

impl Builtin {
    /// The profile, parsed (the embedded files are checked by a unit test).
    pub(crate) fn profile(&self) -> Profile {
        Profile::parse(self.json.as_bytes()).expect("the embedded profiles are valid")
    }
}

macro_rules! builtin {
    ($name:literal) => {
        Builtin {
            name: $name,
            json: include_str!(concat!("wallets/", $name, ".json")),
        }
    };
}

/// The string error values the family's wallets publish (DANA's table, the failure samples
/// of Alipay+, GCash and Alipay CN), each once, in wallet order: what a wallet that publishes
/// no table of its own is taken to send.
pub(crate) fn family_errors() -> &'static [ErrorCode] {
    static FAMILY: OnceLock<Vec<ErrorCode>> = OnceLock::new();
    FAMILY.get_or_init(|| {
        let mut family: Vec<ErrorCode> = Vec::new();
        for p in BUILTIN.iter().map(Builtin::profile) {
            if p.error_values != ErrorValueType::String {
                continue;
            }
            for e in p.errors {
                if !family.iter().any(|f| f.code == e.code) {
                    family.push(e);
                }
            }
        }
        family
    })
}

/// The built-in profiles, DANA first (the default).
pub(crate) const BUILTIN: [Builtin; 7] = [
    builtin!("dana"),
    builtin!("alipayplus"),
    builtin!("alipayplus-connect"),
    builtin!("gcash"),
    builtin!("tng"),
    builtin!("alipayhk"),
    builtin!("alipaycn"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::StringScopes;

    #[test]
    fn every_builtin_profile_loads_and_names_its_source() {
        for b in BUILTIN {
            let p = b.profile();
            assert!(!p.source.is_empty(), "{} names no source", b.name);
            assert!(!p.scopes.is_empty());
            for s in &p.scopes {
                assert!(!s.description.trim().is_empty(), "{}: {}", b.name, s.scope);
            }
        }
    }

    #[test]
    fn the_profiles_say_what_wallets_md_says() {
        let p = |name| Profile::builtin(name).unwrap();
        assert_eq!(p("dana").scopes.len(), 25);
        let tng = p("tng");
        assert_eq!(tng.default_scopes, ["auth_base"]);
        assert_eq!(tng.string_scopes, StringScopes::One);
        assert!(tng.is_silent("auth_base") && tng.is_silent("BASE_USER_INFO"));
        assert!(!tng.is_silent("USER_INFO"));
        assert_eq!(tng.scopes.len(), 12);
        let gcash = p("gcash");
        assert!(gcash.default_scopes.is_empty());
        assert_eq!(gcash.string_scopes, StringScopes::One);
        let cn = p("alipaycn");
        assert_eq!(cn.string_scopes, StringScopes::CommaSeparated);
        assert_eq!(cn.scopes.len(), 12);
        assert!(cn.publishes("error") && cn.publishes("errorMessage"));
        let hk = p("alipayhk");
        assert_eq!(hk.request_params[0].name, "authClientId");
        assert_eq!(hk.error_values, ErrorValueType::Number);
        let codes: Vec<_> = hk.errors.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["3", "11", "12", "13", "14", "15", "101"]);
        let connect = p("alipayplus-connect");
        assert!(connect.empty_error_scopes && connect.publishes("error"));
        assert!(!p("alipayplus").empty_error_scopes);
        assert_eq!(p("alipayplus").default_scopes, ["auth_base"]);
    }
}
