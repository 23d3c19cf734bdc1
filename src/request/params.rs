//! The request parameters a wallet requires besides `scopes` (AlipayHK's `authClientId`):
//! from `--param NAME=VALUE`, or from the request file's fields.

use crate::error::CliError;
use crate::profile::Profile;
use crate::text::{brief, sanitize};

/// Request parameters by name, in order.
pub(super) type Params = Vec<(String, String)>;

/// The parameters the profile requires, from `--param NAME=VALUE` or the request file's
/// fields (already checked by the validator; `--param` does not go with `--from`), in the
/// profile's order. A parameter given twice is refused, as neither obviously wins; a value
/// that is empty or only blanks is refused as the wallet would.
pub(super) fn request_params(
    profile: &Profile,
    given: &[String],
    from_file: &[(String, String)],
) -> anyhow::Result<Vec<(String, String)>> {
    let wallet = sanitize(&profile.name);
    let names: Vec<&str> = profile
        .request_params
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    let mut values: Vec<(String, String)> = Vec::new();
    for pair in given {
        let Some((name, value)) = pair.split_once('=') else {
            return Err(
                CliError::usage(format!("--param {:?} is not NAME=VALUE", brief(pair))).into(),
            );
        };
        if name.trim().is_empty() {
            return Err(CliError::usage(format!(
                "--param {:?} names no parameter: NAME=VALUE is wanted",
                brief(pair)
            ))
            .with_hint(requires(&wallet, &names))
            .into());
        }
        if !names.contains(&name) {
            return Err(CliError::usage(format!(
                "--param {}: not a request parameter of {wallet}",
                brief(name)
            ))
            .with_hint(requires(&wallet, &names))
            .into());
        }
        if value.trim().is_empty() {
            return Err(CliError::usage(format!(
                "--param {name}= gives an empty value: {wallet} requires a non-empty {name}"
            ))
            .with_hint(format!("give it: --param {name}=VALUE"))
            .into());
        }
        if values.iter().any(|(n, _)| n == name) {
            return Err(
                CliError::usage(format!("--param {name} is given twice; give it once")).into(),
            );
        }
        values.push((name.to_string(), value.to_string()));
    }
    let mut params = Vec::new();
    for name in names {
        let in_file = from_file
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone());
        let value = values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .or(in_file);
        match value {
            Some(v) if !v.trim().is_empty() => params.push((name.to_string(), v)),
            _ => {
                return Err(CliError::usage(format!(
                    "{wallet} requires the request parameter {name}"
                ))
                .with_hint(format!("give it: --param {name}=VALUE"))
                .into())
            }
        }
    }
    Ok(params)
}

/// The hint that lists the request parameters `wallet` requires.
fn requires(wallet: &str, names: &[&str]) -> String {
    if names.is_empty() {
        format!("{wallet} requires no request parameter")
    } else {
        format!("{wallet} requires: {}", names.join(", "))
    }
}

/// The top-level string members of the JSON object `bytes` named in `names`. Everything
/// else is skipped without being kept, so a 100 MB `scopes` array costs nothing here.
pub(super) fn strings_named(bytes: &[u8], names: &[&str]) -> Params {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

    struct Members<'n>(&'n [&'n str]);
    impl<'de> Visitor<'de> for Members<'_> {
        type Value = Vec<(String, String)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut found = Vec::new();
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if self.0.contains(&key.as_ref()) {
                    if let serde_json::Value::String(value) = map.next_value()? {
                        found.push((key.into_owned(), value));
                    }
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }
    if names.is_empty() {
        return Vec::new();
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::Deserializer::from_slice(bytes)
        .deserialize_map(Members(names))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::strings_named;

    #[test]
    fn only_the_named_string_members_are_kept() {
        let doc = br#"{"scopes": ["A", "B"], "authClientId": "21", "other": "x", "n": 1}"#;
        assert_eq!(
            strings_named(doc, &["authClientId", "n"]),
            [("authClientId".to_string(), "21".to_string())]
        );
        assert!(strings_named(doc, &[]).is_empty());
        assert!(strings_named(b"[1]", &["a"]).is_empty());
    }
}
