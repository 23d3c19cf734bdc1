//! Ground truth: the ways a generated response is clean, warned about or broken, and the
//! document built for each.

use super::json::{get, get_mut, write_str, Style, COMPACT, J};
use super::{Generator, Size};

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
    /// Every fault, in declaration order.
    pub const FAULTS: [Fault; 20] = FAULTS;

    pub fn valid(self) -> bool {
        !matches!(self, Case::Fault(_))
    }

    /// The rule id validate reports for this case (advisory: the verdict is what must match).
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

impl Generator {
    /// ~10% invalid, spread over every fault; some valid ones carry warnings only.
    pub fn case(&mut self, size: Size) -> Case {
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

    /// A case of the warning-heavy corpus: about 40% of documents carry an error value the
    /// catalog does not list (as other wallets send), 5% are invalid, the rest clean.
    pub fn warning_heavy_case(&mut self) -> Case {
        if self.rng.chance(0.05) {
            return Case::Fault(*self.rng.pick(&FAULTS));
        }
        if self.rng.chance(0.42) {
            Case::UnknownErrorCode
        } else {
            Case::Clean
        }
    }

    /// One document's bytes (without a line end) for `case`.
    pub fn document(&mut self, case: Case, size: Size) -> Vec<u8> {
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
                    // Values other wallets of the family send, which DANA's table lacks.
                    let code =
                        *self
                            .rng
                            .pick(&["50001", "1002", "AUTH_DENIED", "999", "40004", "13"]);
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
                // Any cut before the closing brace leaves an unclosed object; a cut inside
                // a character would make it an encoding fault instead, so it moves back to
                // the character's start.
                let mut cut = self.rng.between(2, full.len() - 2);
                while full[cut] & 0xC0 == 0x80 {
                    cut -= 1;
                }
                full[..cut].to_vec()
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
                let scope = self.rng.pick(&self.scopes).clone();
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
