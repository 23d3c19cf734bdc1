//! The building blocks of ground-truth documents: codes, scopes, messages, valid responses.

use super::json::{get, strs, J};
use super::{Generator, Size};

const MESSAGE_PARTS: [&str; 10] = [
    "User rejected the authorization request on the consent page.",
    "Pengguna menolak permintaan otorisasi untuk cakupan ini.",
    "The mini program is not permitted this scope; ask the wallet operator to enable it.",
    "Gateway returned \"AUTH_SCOPE_NOT_PERMITTED\" after 3 retries.\nLast attempt: 503.",
    "Sesi pengguna telah berakhir, silakan masuk kembali ke aplikasi DANA.",
    "Unauthorized to get user info: the KYC level of this account is too low.",
    "Détails : réessayez plus tard — le service d'autorisation est indisponible.",
    "Empty data: the user has not filled in this profile field yet.",
    "trace=0a1b2c3d4e5f6071 span=9f8e7d6c region=ap-southeast-5 env=prod",
    "See https://dashboard.dana.id/docs/mini-program/authorization for the list of scopes.",
];

impl Generator {
    pub(super) fn auth_code(&mut self) -> String {
        if self.rng.chance(0.2) {
            // Like the spec's sample: a millisecond timestamp.
            return format!("{}", 1_500_000_000_000 + self.rng.below(200_000_000_000));
        }
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let len = self.rng.between(32, 64);
        (0..len).map(|_| *self.rng.pick(ALPHABET) as char).collect()
    }

    /// `n` distinct scopes in random order.
    pub(super) fn scopes(&mut self, n: usize) -> Vec<String> {
        let mut all = self.scopes.clone();
        self.rng.shuffle(&mut all);
        all.truncate(n);
        all
    }

    pub(super) fn scope_count(&mut self, size: Size) -> usize {
        match size {
            Size::File => self.rng.between(4, 24),
            Size::Line => self.rng.between(1, 2),
        }
    }

    pub(super) fn known_code(&mut self) -> String {
        self.rng.pick(&self.codes).clone()
    }

    pub(super) fn message(&mut self, size: Size) -> String {
        let target = match size {
            Size::File => self.rng.between(2_000, 8_000),
            Size::Line => self.rng.between(20, 60),
        };
        let mut msg = String::new();
        while msg.len() < target {
            if !msg.is_empty() {
                msg.push(' ');
            }
            let part = self.rng.pick(&MESSAGE_PARTS);
            msg.push_str(part);
        }
        if size == Size::Line {
            let mut end = target.min(msg.len());
            while !msg.is_char_boundary(end) {
                end -= 1;
            }
            msg.truncate(end);
        }
        msg
    }

    pub(super) fn error_scopes(
        &mut self,
        scopes: &[String],
        value: impl Fn(&mut Self) -> String,
    ) -> J {
        J::Obj(
            scopes
                .iter()
                .map(|s| (s.clone(), J::Str(value(self))))
                .collect(),
        )
    }

    /// A valid response: success, partial success (some scopes failed), or failure.
    pub(super) fn valid_response(&mut self, size: Size) -> Vec<(String, J)> {
        let n = self.scope_count(size);
        // One more than `n`, so that a partial success can split them.
        let scopes = self.scopes(n + 1);
        let (all, scopes) = (&scopes[..], &scopes[..n]);
        // NDJSON lines are short: a message on fewer of them.
        let message_odds = if size == Size::Line { 0.15 } else { 1.0 };
        let mut members = Vec::new();
        match self.rng.below(100) {
            0..=44 => {
                members.push(("authCode".into(), J::Str(self.auth_code())));
                members.push(("authSuccessScopes".into(), strs(scopes)));
                if self.rng.chance(0.05) {
                    members.push(("authErrorScopes".into(), J::Obj(vec![])));
                }
                if size == Size::File && self.rng.chance(0.5) {
                    let msg = self.message(size);
                    members.push(("errorMessage".into(), J::Str(msg)));
                }
            }
            45..=69 => {
                let split = self.rng.between(1, all.len() - 1);
                members.push(("authCode".into(), J::Str(self.auth_code())));
                members.push(("authSuccessScopes".into(), strs(&all[..split])));
                let failed = self.error_scopes(&all[split..], Self::known_code);
                members.push(("authErrorScopes".into(), failed));
                if self.rng.chance(0.8 * message_odds) {
                    let msg = self.message(size);
                    members.push(("errorMessage".into(), J::Str(msg)));
                }
            }
            _ => {
                let failed = self.error_scopes(scopes, Self::known_code);
                members.push(("authErrorScopes".into(), failed));
                if self.rng.chance(0.3) {
                    let code = self.known_code();
                    let error = if self.rng.chance(0.5) {
                        J::Num(code.parse().expect("numeric catalog code"))
                    } else {
                        J::Str(code)
                    };
                    members.push(("error".into(), error));
                }
                if self.rng.chance(0.9 * message_odds) {
                    let msg = self.message(size);
                    members.push(("errorMessage".into(), J::Str(msg)));
                }
            }
        }
        members
    }

    /// A response that grants scopes (has `authCode` and `authSuccessScopes`).
    pub(super) fn success(&mut self, size: Size) -> Vec<(String, J)> {
        loop {
            let members = self.valid_response(size);
            if members.iter().any(|(k, _)| k == "authCode") {
                return members;
            }
        }
    }

    /// A response that has a non-empty `authErrorScopes`.
    pub(super) fn with_failures(&mut self, size: Size) -> Vec<(String, J)> {
        loop {
            let members = self.valid_response(size);
            if matches!(get(&members, "authErrorScopes"), Some(J::Obj(m)) if !m.is_empty()) {
                return members;
            }
        }
    }

    /// A scope name close to a real one but not in the catalog.
    pub(super) fn misspelled_scope(&mut self) -> String {
        loop {
            let real = self.rng.pick(&self.scopes).clone();
            let candidate = match self.rng.below(4) {
                0 => real.to_lowercase(),
                1 => {
                    let mut s = real.clone();
                    s.remove(self.rng.below(s.len()));
                    s
                }
                2 => real.replace('_', "-"),
                _ => (*self
                    .rng
                    .pick(&["USER_EMAIL", "PHONE_NUMBER", "USER_NAME", "USER_AVATAR"]))
                .to_owned(),
            };
            if !self.known_scopes.contains(&candidate) {
                return candidate;
            }
        }
    }
}
