//! The benchmark's inputs: my.getAuthCode responses generated from a fixed seed, with a
//! record of which documents are invalid and why (the ground truth).

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The catalog the responses draw their scopes and error codes from.
const CATALOG: &str = include_str!("../../src/profiles/dana.json");

/// A small, fast, well-known PRNG; enough to make the corpus reproducible without a crate.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// How a generated document breaks the spec, if it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Case {
    /// Valid, no diagnostics expected.
    Clean,
    /// Valid, with an `unknown-field` warning.
    UnknownField,
    /// Valid, with an `unknown-error-code` warning.
    UnknownErrorCode,
    /// Valid, with a `bom` warning.
    Bom,
    Fault(Fault),
}

/// The ways an invalid document is made invalid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fault {
    Truncated,
    TrailingContent,
    SingleQuotes,
    TrailingComma,
    NotUtf8,
    NotObject,
    UnknownKind,
    DuplicateKey,
    UnknownScope,
    NumericErrorValue,
    ScopesAsString,
    SuccessWithoutAuthCode,
    AuthCodeWithoutScopes,
    EmptySuccessScopes,
    EmptyAuthCode,
    EmptyErrorValue,
    EmptyErrorScopes,
    WhitespaceInAuthCode,
    ScopeConflict,
    DuplicateScope,
}

const FAULTS: [Fault; 20] = [
    Fault::Truncated,
    Fault::TrailingContent,
    Fault::SingleQuotes,
    Fault::TrailingComma,
    Fault::NotUtf8,
    Fault::NotObject,
    Fault::UnknownKind,
    Fault::DuplicateKey,
    Fault::UnknownScope,
    Fault::NumericErrorValue,
    Fault::ScopesAsString,
    Fault::SuccessWithoutAuthCode,
    Fault::AuthCodeWithoutScopes,
    Fault::EmptySuccessScopes,
    Fault::EmptyAuthCode,
    Fault::EmptyErrorValue,
    Fault::EmptyErrorScopes,
    Fault::WhitespaceInAuthCode,
    Fault::ScopeConflict,
    Fault::DuplicateScope,
];

impl Case {
    pub fn valid(self) -> bool {
        !matches!(self, Case::Fault(_))
    }

    /// The rule id issue 3 names for this case (advisory: the verdict is what must match).
    pub fn rule(self) -> Option<&'static str> {
        Some(match self {
            Case::Clean => return None,
            Case::UnknownField => "unknown-field",
            Case::UnknownErrorCode => "unknown-error-code",
            Case::Bom => "bom",
            Case::Fault(f) => match f {
                Fault::Truncated
                | Fault::TrailingContent
                | Fault::SingleQuotes
                | Fault::TrailingComma => "syntax",
                Fault::NotUtf8 => "encoding",
                Fault::NotObject => "not-object",
                Fault::UnknownKind => "unknown-kind",
                Fault::DuplicateKey => "duplicate-key",
                Fault::UnknownScope => "unknown-scope",
                Fault::NumericErrorValue | Fault::ScopesAsString => "wrong-type",
                Fault::SuccessWithoutAuthCode | Fault::AuthCodeWithoutScopes => "missing-field",
                Fault::EmptySuccessScopes
                | Fault::EmptyAuthCode
                | Fault::EmptyErrorValue
                | Fault::EmptyErrorScopes => "empty",
                Fault::WhitespaceInAuthCode => "invalid-auth-code",
                Fault::ScopeConflict => "scope-conflict",
                Fault::DuplicateScope => "duplicate-scope",
            },
        })
    }

    pub fn name(self) -> String {
        match self {
            Case::Fault(f) => format!("{f:?}"),
            other => format!("{other:?}"),
        }
    }
}

/// A JSON value as the generator builds it; it can also hold what JSON cannot.
enum J {
    Str(String),
    Num(i64),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
    /// A string in single quotes, as the spec's own success sample writes it.
    SingleQuoted(String),
    /// A string whose bytes are written as they are (e.g. not UTF-8).
    RawStr(Vec<u8>),
}

/// How a document is laid out: pretty-printed (files) or on one line (NDJSON).
struct Style {
    indent: Option<&'static str>,
    colon: &'static str,
}

const COMPACT: Style = Style {
    indent: None,
    colon: ":",
};

impl J {
    fn write(&self, out: &mut Vec<u8>, style: &Style, depth: usize) {
        match self {
            J::Str(s) => write_str(s, out),
            J::Num(n) => out.extend_from_slice(n.to_string().as_bytes()),
            J::SingleQuoted(s) => {
                out.push(b'\'');
                out.extend_from_slice(s.as_bytes());
                out.push(b'\'');
            }
            J::RawStr(bytes) => {
                out.push(b'"');
                out.extend_from_slice(bytes);
                out.push(b'"');
            }
            J::Arr(items) if items.is_empty() => out.extend_from_slice(b"[]"),
            J::Obj(members) if members.is_empty() => out.extend_from_slice(b"{}"),
            J::Arr(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    newline(out, style, depth + 1);
                    item.write(out, style, depth + 1);
                }
                newline(out, style, depth);
                out.push(b']');
            }
            J::Obj(members) => {
                out.push(b'{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    newline(out, style, depth + 1);
                    write_str(key, out);
                    out.extend_from_slice(style.colon.as_bytes());
                    value.write(out, style, depth + 1);
                }
                newline(out, style, depth);
                out.push(b'}');
            }
        }
    }
}

fn newline(out: &mut Vec<u8>, style: &Style, depth: usize) {
    if let Some(indent) = style.indent {
        out.push(b'\n');
        for _ in 0..depth {
            out.extend_from_slice(indent.as_bytes());
        }
    }
}

fn write_str(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if (c as u32) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes())
            }
            c => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

/// Where a document goes: a pretty-printed file of ~4 KB, or a short NDJSON line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Size {
    File,
    Line,
}

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

/// The scopes and error codes of the catalog.
struct Catalog {
    scopes: Vec<String>,
    codes: Vec<String>,
}

impl Catalog {
    fn load() -> Catalog {
        let v: serde_json::Value = serde_json::from_str(CATALOG).expect("embedded catalog");
        let strings = |list: &str, field: &str| -> Vec<String> {
            v[list]
                .as_array()
                .expect("catalog list")
                .iter()
                .map(|e| e[field].as_str().expect("catalog string").to_owned())
                .collect()
        };
        Catalog {
            scopes: strings("scopes", "scope"),
            codes: strings("errors", "code"),
        }
    }
}

/// Builds documents; one per call, each decided by the PRNG.
struct Generator {
    rng: SplitMix64,
    catalog: Catalog,
    known_scopes: HashSet<String>,
}

impl Generator {
    fn new(seed: u64) -> Generator {
        let catalog = Catalog::load();
        let known_scopes = catalog.scopes.iter().cloned().collect();
        Generator {
            rng: SplitMix64::new(seed),
            catalog,
            known_scopes,
        }
    }

    /// ~10% invalid, spread over every fault; some valid ones carry warnings only.
    fn case(&mut self, size: Size) -> Case {
        if self.rng.chance(0.10) {
            return Case::Fault(*self.rng.pick(&FAULTS));
        }
        let roll = self.rng.below(1000);
        match roll {
            0..=19 => Case::UnknownField,
            20..=39 => Case::UnknownErrorCode,
            40..=44 if size == Size::File => Case::Bom,
            _ => Case::Clean,
        }
    }

    fn auth_code(&mut self) -> String {
        if self.rng.chance(0.2) {
            // Like the spec's sample: a millisecond timestamp.
            return format!("{}", 1_500_000_000_000 + self.rng.below(200_000_000_000));
        }
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let len = self.rng.between(32, 64);
        (0..len).map(|_| *self.rng.pick(ALPHABET) as char).collect()
    }

    /// `n` distinct scopes in random order.
    fn scopes(&mut self, n: usize) -> Vec<String> {
        let mut all = self.catalog.scopes.clone();
        self.rng.shuffle(&mut all);
        all.truncate(n);
        all
    }

    fn scope_count(&mut self, size: Size) -> usize {
        match size {
            Size::File => self.rng.between(4, 24),
            Size::Line => self.rng.between(1, 2),
        }
    }

    fn known_code(&mut self) -> String {
        self.rng.pick(&self.catalog.codes).clone()
    }

    fn message(&mut self, size: Size) -> String {
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

    fn error_scopes(&mut self, scopes: &[String], value: impl Fn(&mut Self) -> String) -> J {
        J::Obj(
            scopes
                .iter()
                .map(|s| (s.clone(), J::Str(value(self))))
                .collect(),
        )
    }

    /// A valid response: success, partial success (some scopes failed), or failure.
    fn valid_response(&mut self, size: Size) -> Vec<(String, J)> {
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
    fn success(&mut self, size: Size) -> Vec<(String, J)> {
        loop {
            let members = self.valid_response(size);
            if members.iter().any(|(k, _)| k == "authCode") {
                return members;
            }
        }
    }

    /// A response that has a non-empty `authErrorScopes`.
    fn with_failures(&mut self, size: Size) -> Vec<(String, J)> {
        loop {
            let members = self.valid_response(size);
            if matches!(get(&members, "authErrorScopes"), Some(J::Obj(m)) if !m.is_empty()) {
                return members;
            }
        }
    }

    /// A scope name close to a real one but not in the catalog.
    fn misspelled_scope(&mut self) -> String {
        loop {
            let real = self.rng.pick(&self.catalog.scopes).clone();
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

    /// One document's bytes (without a line end) for `case`.
    fn document(&mut self, case: Case, size: Size) -> Vec<u8> {
        let style = match size {
            Size::Line => COMPACT,
            Size::File => Style {
                indent: Some(*self.rng.pick(&["  ", "    ", "    ", "\t"])),
                colon: if self.rng.chance(0.8) { ": " } else { ":" },
            },
        };
        let render = |j: &J| {
            let mut out = Vec::new();
            j.write(&mut out, &style, 0);
            out
        };
        let fault = match case {
            Case::Clean => return render(&J::Obj(self.valid_response(size))),
            Case::Bom => {
                let mut out = b"\xEF\xBB\xBF".to_vec();
                out.extend(render(&J::Obj(self.valid_response(size))));
                return out;
            }
            Case::UnknownField => {
                let mut members = self.valid_response(size);
                let field = *self
                    .rng
                    .pick(&["traceId", "resultCode", "authScopes", "userId"]);
                let at = self.rng.below(members.len() + 1);
                members.insert(at, (field.into(), J::Str(self.auth_code())));
                return render(&J::Obj(members));
            }
            Case::UnknownErrorCode => {
                let mut members = self.with_failures(size);
                if let Some(J::Obj(failed)) = get_mut(&mut members, "authErrorScopes") {
                    let code = *self.rng.pick(&["50001", "1002", "AUTH_DENIED", "999"]);
                    let i = self.rng.below(failed.len());
                    failed[i].1 = J::Str(code.into());
                }
                return render(&J::Obj(members));
            }
            Case::Fault(f) => f,
        };
        match fault {
            Fault::Truncated => {
                let full = render(&J::Obj(self.valid_response(size)));
                // Any cut before the closing brace leaves an unclosed object.
                full[..self.rng.between(2, full.len() - 2)].to_vec()
            }
            Fault::TrailingContent => {
                let mut out = render(&J::Obj(self.valid_response(size)));
                let tail: &[u8] = match (size, self.rng.below(3)) {
                    (Size::File, 0) => b"\n}",
                    (_, 0) | (_, 1) => b" {\"authErrorScopes\":{\"USER_LOGIN_ID\":\"40006\"}}",
                    _ => b",",
                };
                out.extend_from_slice(tail);
                out
            }
            Fault::SingleQuotes => {
                let mut members = self.success(size);
                if let Some(J::Arr(items)) = get_mut(&mut members, "authSuccessScopes") {
                    for item in items.iter_mut() {
                        if let J::Str(s) = item {
                            *item = J::SingleQuoted(std::mem::take(s));
                        }
                    }
                }
                render(&J::Obj(members))
            }
            Fault::TrailingComma => {
                let mut out = render(&J::Obj(self.valid_response(size)));
                let last = out.len() - 1; // the closing brace
                let at = out[..last]
                    .iter()
                    .rposition(|b| !b.is_ascii_whitespace())
                    .expect("non-empty object")
                    + 1;
                out.insert(at, b',');
                out
            }
            Fault::NotUtf8 => {
                let mut members = self.with_failures(size);
                members.retain(|(k, _)| k != "errorMessage");
                let mut bytes = Vec::new();
                write_str(&self.message(size), &mut bytes);
                let mut bytes = bytes[1..bytes.len() - 1].to_vec(); // the text between the quotes
                                                                    // After a space, so that the bytes do not land inside an escape sequence.
                let spaces: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b' ').collect();
                let at = if spaces.is_empty() {
                    0
                } else {
                    *self.rng.pick(&spaces) + 1
                };
                let bad = *self.rng.pick(&[&b"\xC3\x28"[..], b"\xFF", b"\xE2\x82"]);
                bytes.splice(at..at, bad.iter().copied());
                members.push(("errorMessage".into(), J::RawStr(bytes)));
                render(&J::Obj(members))
            }
            Fault::NotObject => {
                if self.rng.chance(0.5) {
                    render(&J::Arr(vec![J::Obj(self.valid_response(size))]))
                } else {
                    render(&J::Str(self.auth_code()))
                }
            }
            Fault::UnknownKind => {
                // A backend's token response saved in place of the JSAPI's response.
                render(&J::Obj(vec![
                    ("accessToken".into(), J::Str(self.auth_code())),
                    ("refreshToken".into(), J::Str(self.auth_code())),
                    ("expiresIn".into(), J::Num(1800)),
                ]))
            }
            Fault::DuplicateKey => {
                let mut members = self.valid_response(size);
                if let Some(i) = members.iter().position(|(k, _)| k == "authCode") {
                    let at = self.rng.between(i + 1, members.len());
                    members.insert(at, ("authCode".into(), J::Str(self.auth_code())));
                } else if let Some(J::Obj(failed)) = get_mut(&mut members, "authErrorScopes") {
                    let again = failed[0].0.clone();
                    failed.push((again, J::Str("11".into())));
                }
                render(&J::Obj(members))
            }
            Fault::UnknownScope => {
                let mut members = self.valid_response(size);
                let wrong = self.misspelled_scope();
                if let Some(J::Arr(items)) = get_mut(&mut members, "authSuccessScopes") {
                    let i = self.rng.below(items.len());
                    items[i] = J::Str(wrong);
                } else if let Some(J::Obj(failed)) = get_mut(&mut members, "authErrorScopes") {
                    let i = self.rng.below(failed.len());
                    failed[i].0 = wrong;
                }
                render(&J::Obj(members))
            }
            Fault::NumericErrorValue => {
                let mut members = self.with_failures(size);
                if let Some(J::Obj(failed)) = get_mut(&mut members, "authErrorScopes") {
                    let i = self.rng.below(failed.len());
                    failed[i].1 = J::Num(40006);
                }
                render(&J::Obj(members))
            }
            Fault::ScopesAsString => {
                let mut members = self.success(size);
                let scope = self.rng.pick(&self.catalog.scopes).clone();
                if let Some(v) = get_mut(&mut members, "authSuccessScopes") {
                    *v = J::Str(scope);
                }
                render(&J::Obj(members))
            }
            Fault::SuccessWithoutAuthCode => {
                let mut members = self.success(size);
                members.retain(|(k, _)| k != "authCode");
                render(&J::Obj(members))
            }
            Fault::AuthCodeWithoutScopes => {
                render(&J::Obj(vec![("authCode".into(), J::Str(self.auth_code()))]))
            }
            Fault::EmptySuccessScopes => {
                let mut members = self.success(size);
                if let Some(v) = get_mut(&mut members, "authSuccessScopes") {
                    *v = J::Arr(vec![]);
                }
                render(&J::Obj(members))
            }
            Fault::EmptyAuthCode => {
                let mut members = self.success(size);
                if let Some(v) = get_mut(&mut members, "authCode") {
                    *v = J::Str(String::new());
                }
                render(&J::Obj(members))
            }
            Fault::EmptyErrorValue => {
                let mut members = self.with_failures(size);
                if let Some(J::Obj(failed)) = get_mut(&mut members, "authErrorScopes") {
                    let i = self.rng.below(failed.len());
                    failed[i].1 = J::Str(String::new());
                }
                render(&J::Obj(members))
            }
            Fault::EmptyErrorScopes => {
                let mut members = vec![("authErrorScopes".into(), J::Obj(vec![]))];
                if self.rng.chance(0.5) {
                    members.push(("errorMessage".into(), J::Str(self.message(size))));
                }
                render(&J::Obj(members))
            }
            Fault::WhitespaceInAuthCode => {
                let mut members = self.success(size);
                let mut code = self.auth_code();
                let at = self.rng.below(code.len() + 1);
                code.insert(at, *self.rng.pick(&[' ', '\t', '\n', '\r']));
                if let Some(v) = get_mut(&mut members, "authCode") {
                    *v = J::Str(code);
                }
                render(&J::Obj(members))
            }
            Fault::ScopeConflict => {
                let mut members = self.success(size);
                let granted = match get(&members, "authSuccessScopes") {
                    Some(J::Arr(items)) => match self.rng.pick(items) {
                        J::Str(s) => s.clone(),
                        _ => unreachable!("scopes are strings"),
                    },
                    _ => unreachable!("a success has authSuccessScopes"),
                };
                let code = self.known_code();
                match get_mut(&mut members, "authErrorScopes") {
                    Some(J::Obj(failed)) => failed.push((granted, J::Str(code))),
                    _ => members.push((
                        "authErrorScopes".into(),
                        J::Obj(vec![(granted, J::Str(code))]),
                    )),
                }
                render(&J::Obj(members))
            }
            Fault::DuplicateScope => {
                let mut members = self.success(size);
                if let Some(J::Arr(items)) = get_mut(&mut members, "authSuccessScopes") {
                    let again = match self.rng.pick(items) {
                        J::Str(s) => s.clone(),
                        _ => unreachable!("scopes are strings"),
                    };
                    let at = self.rng.below(items.len() + 1);
                    items.insert(at, J::Str(again));
                }
                render(&J::Obj(members))
            }
        }
    }
}

fn strs(items: &[String]) -> J {
    J::Arr(items.iter().map(|s| J::Str(s.clone())).collect())
}

fn get<'a>(members: &'a [(String, J)], key: &str) -> Option<&'a J> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn get_mut<'a>(members: &'a mut [(String, J)], key: &str) -> Option<&'a mut J> {
    members.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// The generated inputs and their ground truth.
pub struct Corpus {
    /// The directory of response files.
    pub dir: PathBuf,
    /// Each file's path under `dir` and case, in generation order; file names are unique.
    pub files: Vec<(PathBuf, Case)>,
    pub dir_bytes: u64,
    pub ndjson: PathBuf,
    /// Each document's 1-based line and case.
    pub lines: Vec<(usize, Case)>,
    pub ndjson_bytes: u64,
    /// The NDJSON file twice over, to see whether memory grows with the input.
    pub ndjson2x: PathBuf,
    pub ndjson2x_bytes: u64,
    /// One valid small file, for the start-to-exit measurement.
    pub one: PathBuf,
    pub one_bytes: u64,
}

pub const FILES: usize = 10_000;
pub const LINES: usize = 100_000;

/// Writes the corpus under `root` (replacing what was there) and returns its ground truth.
pub fn generate(root: &Path, seed: u64) -> io::Result<Corpus> {
    if root.exists() {
        fs::remove_dir_all(root)?;
    }
    let dir = root.join("responses");
    let mut generator = Generator::new(seed);
    let mut files = Vec::with_capacity(FILES);
    let mut dir_bytes = 0;
    let mut one = None;
    for i in 0..FILES {
        // A tree of teams, apps and fixture folders, one to four levels deep.
        let team = format!("team-{}", generator.rng.below(6));
        let mut folder = dir.join(team);
        if generator.rng.chance(0.75) {
            folder.push(format!("app-{:02}", generator.rng.below(12)));
            if generator.rng.chance(0.5) {
                folder.push(
                    *generator
                        .rng
                        .pick(&["fixtures", "responses", "regressions"]),
                );
            }
        }
        fs::create_dir_all(&folder)?;
        let case = generator.case(Size::File);
        let mut bytes = generator.document(case, Size::File);
        bytes.push(b'\n');
        let name = format!("resp-{i:05}.json");
        let path = folder.join(&name);
        fs::write(&path, &bytes)?;
        dir_bytes += bytes.len() as u64;
        files.push((path.strip_prefix(&dir).expect("under dir").to_owned(), case));
        if one.is_none() && case == Case::Clean {
            one = Some((path, bytes.len() as u64));
        }
        if i % 997 == 0 {
            // Files the walk must skip.
            fs::write(
                folder.join("NOTES.md"),
                b"Fixtures captured from staging.\n",
            )?;
        }
    }

    let ndjson = root.join("responses.ndjson");
    let mut lines = Vec::with_capacity(LINES);
    let mut text = Vec::with_capacity(12 << 20);
    let mut line = 0;
    while lines.len() < LINES {
        line += 1;
        if generator.rng.chance(0.002) {
            text.push(b'\n'); // a blank line is not a document
            continue;
        }
        let case = generator.case(Size::Line);
        text.extend(generator.document(case, Size::Line));
        text.push(b'\n');
        lines.push((line, case));
    }
    fs::write(&ndjson, &text)?;

    let ndjson2x = root.join("responses-2x.ndjson");
    let mut file = io::BufWriter::new(fs::File::create(&ndjson2x)?);
    file.write_all(&text)?;
    file.write_all(&text)?;
    file.into_inner()?.sync_all()?;

    let (one, one_bytes) = one.expect("some file is clean");
    Ok(Corpus {
        dir,
        files,
        dir_bytes,
        ndjson,
        lines,
        ndjson_bytes: text.len() as u64,
        ndjson2x,
        ndjson2x_bytes: 2 * text.len() as u64,
        one,
        one_bytes,
    })
}
