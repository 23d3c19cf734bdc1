//! A simulated user as the other platforms' user-info calls answer it — Alipay+'s Inquiry User
//! Info, Alipay CN's `alipay.user.info.share` — the fields the granted scopes unlock, filled
//! from the same user record as DANA's resources. Which scope unlocks which field, and where
//! each comes from, is data: one file per platform (`alipay-plus-fields.json`,
//! `alipay-cn-fields.json`).

use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::User;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    /// The field the user's id is answered in, beside any unlocked field.
    user_id_field: String,
    fields: Vec<FieldRule>,
}

#[derive(Debug, Deserialize)]
struct FieldRule {
    /// The answer's field, dotted for a nested one (`userName.fullName`).
    field: String,
    /// The user's resource, or `RESOURCE.key` inside a resource holding JSON.
    from: String,
    /// A one-element list of this object instead of the value (`$` is the value).
    #[serde(default)]
    item: Option<Map<String, Value>>,
    scopes: Vec<String>,
}

fn parsed(json: &str) -> Data {
    serde_json::from_str(json).expect("the embedded field maps are valid")
}

fn alipay_plus_data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| parsed(include_str!("alipay-plus-fields.json")))
}

fn alipay_cn_data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| parsed(include_str!("alipay-cn-fields.json")))
}

/// Alipay+'s `userInfo` of `user` for the granted `scopes`; `None` when they unlock no field.
pub(crate) fn alipay_plus(user: &User, scopes: &[String]) -> Option<Value> {
    user_info(alipay_plus_data(), user, scopes)
}

/// Alipay CN's `alipay.user.info.share` fields of `user` for the granted `scopes`; `None`
/// when they unlock no field.
pub(crate) fn alipay_cn(user: &User, scopes: &[String]) -> Option<Value> {
    user_info(alipay_cn_data(), user, scopes)
}

fn user_info(data: &Data, user: &User, scopes: &[String]) -> Option<Value> {
    let unlocked: Vec<&FieldRule> = data
        .fields
        .iter()
        .filter(|rule| rule.scopes.iter().any(|s| scopes.contains(s)))
        .collect();
    if unlocked.is_empty() {
        return None;
    }
    let mut info = Map::new();
    info.insert(
        data.user_id_field.clone(),
        super::public_user_id(&user.id, user.public_user_id.as_deref()).into(),
    );
    for rule in unlocked {
        let Some(value) = value_of(user, &rule.from) else {
            continue;
        };
        let value = match &rule.item {
            None => Value::String(value),
            Some(item) => Value::Array(vec![Value::Object(
                item.iter()
                    .map(|(k, v)| {
                        let v = if v == "$" {
                            Value::String(value.clone())
                        } else {
                            v.clone()
                        };
                        (k.clone(), v)
                    })
                    .collect(),
            )]),
        };
        insert(&mut info, &rule.field, value);
    }
    Some(Value::Object(info))
}

/// The user's value for `from`: a resource, or a key of a resource that holds JSON.
fn value_of(user: &User, from: &str) -> Option<String> {
    match from.split_once('.') {
        None => user.resources.get(from).cloned(),
        Some((resource, key)) => {
            let inner: Value = serde_json::from_str(user.resources.get(resource)?).ok()?;
            inner.get(key)?.as_str().map(str::to_string)
        }
    }
}

/// Puts `value` at the dotted `path` of `map`.
fn insert(map: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            map.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let inner = map
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = inner {
                insert(inner, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budi() -> User {
        super::super::Users::load(None)
            .unwrap()
            .get(super::super::DEFAULT_USER)
            .unwrap()
            .clone()
    }

    #[test]
    fn scopes_unlock_their_fields_from_the_user_record() {
        let user = budi();
        let full = alipay_plus(&user, &["auth_user".to_string()]).unwrap();
        assert_eq!(full["userId"], "216620000000000000001");
        assert_eq!(full["nickName"], "Budi");
        assert_eq!(full["userName"]["fullName"], "Budi Santoso");
        assert_eq!(full["gender"], "MALE");
        assert_eq!(full["birthDate"], "1990-08-17");
        assert_eq!(full["loginIdInfos"][0]["loginId"], "6281234567890");
        assert_eq!(full["loginIdInfos"][0]["loginIdType"], "MOBILE_PHONE");
        assert!(full.get("contactInfos").is_none());
        let avatar = alipay_plus(&user, &["USER_AVATAR".to_string()]).unwrap();
        let keys: Vec<&String> = avatar.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["avatar", "userId"]);
        assert_eq!(alipay_plus(&user, &["auth_base".to_string()]), None);
        let cn = alipay_cn(&user, &["auth_user".to_string()]).unwrap();
        assert_eq!(cn["user_id"], "216620000000000000001");
        assert_eq!(cn["nick_name"], "Budi");
        assert_eq!(alipay_cn(&user, &["auth_base".to_string()]), None);
    }

    #[test]
    fn every_rule_reads_a_resource_the_default_user_has() {
        let user = budi();
        for rule in alipay_plus_data()
            .fields
            .iter()
            .chain(&alipay_cn_data().fields)
        {
            assert!(value_of(&user, &rule.from).is_some(), "{}", rule.from);
        }
    }
}
