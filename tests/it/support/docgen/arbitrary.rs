//! Arbitrary documents: requests and responses after random mutations, malformed text and
//! repeated keys, for the differential test of validate against the exported schemas.

use serde_json::{json, Value};

use super::{Generator, ERROR_VALUES};

impl Generator {
    /// 1..=4 distinct known scopes.
    fn scope_set(&mut self) -> Vec<String> {
        let n = (1 + self.rng.below(4)).min(self.scopes.len());
        let mut out: Vec<String> = Vec::new();
        while out.len() < n {
            let s = self.scope();
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    fn unknown_scope(&mut self) -> String {
        let s = self.scope();
        match self.rng.below(4) {
            0 => s.to_lowercase(),
            1 => s[..s.len() - 1].to_string(),
            2 => format!("{s} "),
            _ => "NOT_A_SCOPE".into(),
        }
    }

    fn short_code(&mut self) -> String {
        const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        (0..1 + self.rng.below(32))
            .map(|_| *self.rng.pick(ALNUM) as char)
            .collect()
    }

    fn bad_auth_code(&mut self) -> Value {
        let code = self.short_code();
        let odd = [
            " ", "\t", "\n", "\r", "\u{0}", "\u{1f}", "\u{7f}", "\u{85}", "\u{a0}", "\u{1680}",
            "\u{2003}", "\u{2028}", "\u{202f}", "\u{3000}",
            // Not whitespace nor control: these keep the code valid.
            "\u{feff}", "\u{200b}", "\u{180e}", "-", "é",
        ];
        match self.rng.below(6) {
            0 => json!(""),
            1 => json!(1591797390204_u64),
            2 => Value::Null,
            _ => {
                let at = self.rng.below(code.len() + 1);
                json!(format!(
                    "{}{}{}",
                    &code[..at],
                    self.rng.pick(&odd),
                    &code[at..]
                ))
            }
        }
    }

    fn error_value(&mut self) -> Value {
        if self.profile["errorValues"] == "number" {
            return json!(*self.rng.pick(&[3, 11, 12, 101, 99999]));
        }
        json!(*self.rng.pick(ERROR_VALUES))
    }

    /// The profile's required request parameters, with values.
    fn params(&mut self, doc: &mut serde_json::Map<String, Value>) {
        if let Some(params) = self.profile["requestParams"].as_array() {
            for p in params {
                doc.insert(
                    p["name"].as_str().unwrap().into(),
                    json!("2102000000000001"),
                );
            }
        }
    }

    /// `scopes` as a string, in a form the profile may or may not accept.
    fn scope_string(&mut self) -> Value {
        let set = self.scope_set();
        match self.rng.below(5) {
            0 => json!(set.join(",")),
            1 => json!(format!("{},{}", set[0], set[0])),
            2 => json!(format!("{},", set[0])),
            3 => json!(""),
            _ => json!(set[0]),
        }
    }

    fn any_error_scopes(&mut self, scopes: &[String]) -> Value {
        let mut map = serde_json::Map::new();
        for s in scopes {
            map.insert(s.clone(), self.error_value());
        }
        Value::Object(map)
    }

    /// A value of a type that no field expects, or of the wrong one.
    fn junk(&mut self) -> Value {
        match self.rng.below(7) {
            0 => Value::Null,
            1 => json!(true),
            2 => json!(40006),
            3 => json!(-1.5),
            4 => json!("USER_LOGIN_ID"),
            5 => json!([]),
            _ => json!({"USER_LOGIN_ID": "40006"}),
        }
    }

    fn any_request(&mut self) -> Value {
        let mut doc = serde_json::Map::new();
        let scopes = match self.profile["stringScopes"].as_str() {
            Some(_) if self.rng.percent(40) => json!(self.scope_set()[0]),
            _ => json!(self.scope_set()),
        };
        if self.profile["defaultScopes"].is_null() || self.rng.percent(80) {
            doc.insert("scopes".into(), scopes);
        }
        self.params(&mut doc);
        Value::Object(doc)
    }

    fn any_response(&mut self) -> Value {
        let mut set = self.scope_set();
        let mut doc = serde_json::Map::new();
        if self.rng.percent(60) {
            let failed = set.split_off(self.rng.below(set.len()).max(1));
            doc.insert("authCode".into(), json!(self.short_code()));
            doc.insert("authSuccessScopes".into(), json!(set));
            if !failed.is_empty() {
                doc.insert("authErrorScopes".into(), self.any_error_scopes(&failed));
            } else if self.rng.percent(15) {
                doc.insert("authErrorScopes".into(), json!({}));
            }
        } else {
            doc.insert("authErrorScopes".into(), self.any_error_scopes(&set));
        }
        if self.rng.percent(15) {
            let error = match self.rng.below(3) {
                0 => json!(11),
                1 => json!("11"),
                _ => json!("40006"),
            };
            doc.insert("error".into(), error);
        }
        if self.rng.percent(15) {
            doc.insert(
                "errorMessage".into(),
                json!("Unauthorized to Get User Info"),
            );
        }
        Value::Object(doc)
    }

    /// One change to `doc`, often one that breaks it.
    fn mutate(&mut self, doc: &mut Value) {
        let Some(obj) = doc.as_object_mut() else {
            return;
        };
        let keys: Vec<String> = obj.keys().cloned().collect();
        match self.rng.below(24) {
            0 | 1 if keys.is_empty() => {}
            0 => {
                let k = self.rng.pick(&keys).clone();
                obj.remove(&k);
            }
            1 => {
                let k = self.rng.pick(&keys).clone();
                let v = self.junk();
                obj.insert(k, v);
            }
            2 => {
                obj.insert("traceId".into(), json!("abc"));
            }
            3 => {
                let v = self.bad_auth_code();
                obj.insert("authCode".into(), v);
            }
            4 => {
                obj.insert("authCode".into(), json!(self.short_code()));
            }
            5 => {
                obj.insert("authSuccessScopes".into(), json!(self.scope_set()));
            }
            6 => {
                obj.insert("authErrorScopes".into(), json!({}));
            }
            7 => {
                let s = self.scope_set();
                let v = self.any_error_scopes(&s);
                obj.insert("authErrorScopes".into(), v);
            }
            8 | 9 => {
                // An item of a list, or a key of authErrorScopes, made unknown or repeated.
                for field in ["scopes", "authSuccessScopes"] {
                    if let Some(list) = obj.get_mut(field).and_then(Value::as_array_mut) {
                        let item = if self.rng.percent(50) {
                            json!(self.unknown_scope())
                        } else if let Some(first) = list.first().cloned() {
                            first
                        } else {
                            json!(self.scope())
                        };
                        list.push(item);
                    }
                }
                let unknown = self.unknown_scope();
                if let Some(map) = obj
                    .get_mut("authErrorScopes")
                    .and_then(Value::as_object_mut)
                {
                    map.insert(unknown, json!("40006"));
                }
            }
            10 => {
                // Fail a granted scope: scope-conflict.
                let granted = obj
                    .get("authSuccessScopes")
                    .and_then(|v| v.as_array())
                    .and_then(|a| a.first())
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let scope = granted.unwrap_or_else(|| self.scope());
                let entry = obj.entry("authErrorScopes").or_insert_with(|| json!({}));
                if let Some(map) = entry.as_object_mut() {
                    map.insert(scope, json!("11"));
                }
            }
            11 => {
                // An error value of the wrong type or empty.
                if let Some(map) = obj
                    .get_mut("authErrorScopes")
                    .and_then(Value::as_object_mut)
                {
                    if let Some(v) = map.values_mut().next() {
                        *v = match self.rng.below(4) {
                            0 => json!(40006),
                            1 => json!(""),
                            2 => Value::Null,
                            _ => json!(["40006"]),
                        };
                    }
                }
            }
            12 => {
                let v = match self.rng.below(10) {
                    0 => json!(3),
                    1 => json!(-7),
                    2 => json!(1.5),
                    3 => json!("3"),
                    4 => json!("abc"),
                    5 => json!(""),
                    6 => json!("1.5"),
                    7 => json!("-1"),
                    8 => json!(" 3"),
                    _ => json!(true),
                };
                obj.insert("error".into(), v);
            }
            13 => {
                let v = match self.rng.below(4) {
                    0 => json!(""),
                    1 => json!(12),
                    2 => Value::Null,
                    _ => json!("Something failed"),
                };
                obj.insert("errorMessage".into(), v);
            }
            14 => {
                obj.insert("scopes".into(), json!(self.scope_set()));
            }
            15 => {
                let v = match self.rng.below(4) {
                    0 => json!([]),
                    1 => json!(self.scope()),
                    2 => json!([self.scope(), 7]),
                    _ => Value::Null,
                };
                obj.insert("scopes".into(), v);
            }
            16 => {
                let v = match self.rng.below(3) {
                    0 => json!([]),
                    1 => json!(self.scope()),
                    _ => json!([Value::Null]),
                };
                obj.insert("authSuccessScopes".into(), v);
            }
            17 => {
                let v = match self.rng.below(3) {
                    0 => json!([self.scope()]),
                    1 => json!("40006"),
                    _ => Value::Null,
                };
                obj.insert("authErrorScopes".into(), v);
            }
            18 => {
                // A success response loses its code.
                obj.remove("authCode");
            }
            19 => {
                obj.insert("success".into(), json!("function"));
            }
            20 => {
                *doc = json!({});
            }
            21 => {
                let v = self.scope_string();
                obj.insert("scopes".into(), v);
            }
            22 => {
                let v = match self.rng.below(3) {
                    0 => json!(""),
                    1 => json!(7),
                    _ => json!("id"),
                };
                obj.insert("authClientId".into(), v);
            }
            _ => {}
        }
    }

    /// A request or response after random mutations (or text that is not one), as one
    /// line of NDJSON; its verdict is not known in advance.
    pub fn arbitrary_line(&mut self) -> String {
        match self.rng.below(100) {
            0..=2 => self.malformed(),
            3..=5 => self.duplicate_keys(),
            6..=8 => {
                let other = [
                    json!({}),
                    json!({"foo": 1}),
                    json!({"error": 11, "errorMessage": "Unauthorized"}),
                    json!([]),
                    json!([{"scopes": ["USER_LOGIN_ID"]}]),
                    json!(42),
                    json!("USER_LOGIN_ID"),
                    Value::Null,
                    json!(true),
                ];
                self.rng.pick(&other).to_string()
            }
            n => {
                let mut doc = if n < 35 {
                    self.any_request()
                } else {
                    self.any_response()
                };
                // About a third stay valid (apart from what mutations keep valid).
                for _ in 0..self.rng.below(3) {
                    self.mutate(&mut doc);
                }
                doc.to_string()
            }
        }
    }

    fn malformed(&mut self) -> String {
        let s = self.scope();
        let choices = [
            format!("{{\"scopes\": [\"{s}\"]"),
            format!("{{\"authCode\":\"1\",\"authSuccessScopes\":['{s}']}}"),
            format!("{{\"scopes\": [\"{s}\",]}}"),
            format!("{{\"scopes\": [\"{s}\"]}} {{}}"),
            "{\"authCode\": \"\\ud800\", \"authSuccessScopes\": [\"KYC_INFO\"]}".to_string(),
            "{\"error\": 1e999, \"authErrorScopes\": {\"KYC_INFO\": \"3\"}}".to_string(),
            format!("{{scopes: [\"{s}\"]}}"),
            "nul".to_string(),
        ];
        self.rng.pick(&choices).clone()
    }

    fn duplicate_keys(&mut self) -> String {
        let (a, b) = (self.scope(), self.scope());
        let code = self.short_code();
        let choices = [
            format!("{{\"scopes\": [\"{a}\"], \"scopes\": [\"{b}\"]}}"),
            format!("{{\"authErrorScopes\": {{\"{a}\": \"3\", \"{a}\": \"11\"}}}}"),
            format!(
                "{{\"authCode\": \"{code}\", \"authCode\": \"{code}\", \"authSuccessScopes\": [\"{a}\"]}}"
            ),
        ];
        self.rng.pick(&choices).clone()
    }
}
