//! The rules on one field's value: scope arrays and their items, the `authErrorScopes` map
//! and its error values, `authCode`, `error` and `errorMessage`. Each takes the value as the
//! visitors read it and reports through the walker; the words name the profile in force.

use super::diagnostic::Rule;
use super::fields::{Listed, ScopeArray, ScopeList, ScopeSet};
use super::finding::{quote, say};
use super::index::ScopeId;
use super::path::Target;
use super::walk::Shape;
use super::walker::{LaneCodes, LaneIds, Walker};
use crate::profile::{ErrorValueFault, StringScopes};
use crate::text::brief;

/// One item of a scope array at `index` (`ids`: its name's, looked up for every lane): a
/// known scope is added to `list`; an unknown, repeated or non-string one is reported.
pub(super) fn scope_item(
    w: &mut Walker<'_, '_>,
    item: &Shape<'_>,
    ids: LaneIds<'_>,
    index: usize,
    field: &str,
    list: &mut ScopeList,
    seen: &mut ScopeSet,
) {
    let name = match item {
        Shape::Text(name) => name.as_ref(),
        other => {
            return w.report(Rule::WrongType, Target::Value, || {
                say(format!(
                    "scope names are strings, found {}",
                    other.type_name()
                ))
            })
        }
    };
    match ids.of(w.current_lane()) {
        Some(id) if seen.contains(id) => {
            let first = list
                .listed
                .iter()
                .find(|l| l.id == id)
                .map_or(0, |l| l.index);
            w.report(Rule::DuplicateScope, Target::Value, || {
                say(format!(
                    "{name} is listed twice in {field} (first at index {first})"
                ))
                .hint("list each scope once")
            });
        }
        Some(id) => {
            seen.insert(id);
            list.listed.push(Listed { id, index });
        }
        None => unknown_scope(w, name, Target::Value),
    }
}

fn unknown_scope(w: &mut Walker<'_, '_>, name: &str, target: Target) {
    let index = w.index();
    w.report(Rule::UnknownScope, target, || {
        say(format!("unknown scope {}", quote(name))).maybe_hint(index.hint(name))
    });
}

/// A `scopes`/`authSuccessScopes` value must be a non-empty array; a request's `scopes`
/// may be a string where the profile says so.
pub(super) fn scope_array(w: &mut Walker<'_, '_>, array: ScopeArray<'_>, field: &str) -> ScopeList {
    let strings = w.index().profile.string_scopes;
    match array {
        ScopeArray::Other(Shape::Text(text))
            if field == "scopes" && strings != StringScopes::No =>
        {
            scope_string(w, &text, strings)
        }
        ScopeArray::List(list, 0) => {
            w.report(Rule::Empty, Target::Value, || {
                say(format!("{field} is empty")).hint("list at least one scope")
            });
            list
        }
        ScopeArray::List(list, _) => list,
        ScopeArray::Other(v) => {
            let index = w.index();
            let wallet = &index.profile.name;
            let string = field == "scopes" && strings != StringScopes::No;
            w.report(Rule::WrongType, Target::Value, || {
                let said = say(format!(
                    "{field} must be an array of scope names{}, found {}",
                    if string { " or a string" } else { "" },
                    v.type_name()
                ));
                match &v {
                    Shape::Text(s) => said.hint(format!(
                        "{} wants an array: \"{field}\": [{}]",
                        crate::text::sanitize(wallet),
                        serde_json::to_string(brief(s).as_ref()).unwrap_or_default()
                    )),
                    _ => said,
                }
            });
            ScopeList::default()
        }
    }
}

/// A request's `scopes` written as a string: one name, or names joined by commas.
fn scope_string(w: &mut Walker<'_, '_>, text: &str, strings: StringScopes) -> ScopeList {
    let mut list = ScopeList::default();
    if text.is_empty() {
        w.report(Rule::Empty, Target::Value, || {
            say("scopes is empty").hint("name at least one scope")
        });
        return list;
    }
    let index = w.index();
    if let Some(hint) = index.profile.joined_names_hint(text) {
        // Names joined by commas where the wallet takes one name: that is the fault, not
        // an unknown scope near one of them.
        let wallet = &index.profile.name;
        w.report(Rule::WrongType, Target::Value, || {
            say(format!(
                "scopes names several scopes in one string, which {} does not take",
                crate::text::sanitize(wallet)
            ))
            .hint(hint)
        });
        return list;
    }
    let mut seen = ScopeSet::new(w.index().scope_count());
    let names: Vec<&str> = match strings {
        StringScopes::CommaSeparated => text.split(',').collect(),
        _ => vec![text],
    };
    for (i, name) in names.into_iter().enumerate() {
        let ids = w.scope_ids(name);
        scope_item(
            w,
            &Shape::Text(name.into()),
            ids,
            i,
            "scopes",
            &mut list,
            &mut seen,
        );
    }
    list
}

/// A request parameter the profile requires: a non-empty string.
pub(super) fn request_param(w: &mut Walker<'_, '_>, name: &str, v: &Shape<'_>) {
    match v {
        Shape::Text(s) if s.is_empty() => w.report(Rule::Empty, Target::Value, || {
            say(format!("{name} is empty"))
        }),
        Shape::Text(_) => {}
        other => w.report(Rule::WrongType, Target::Value, || {
            say(format!(
                "{name} must be a string, found {}",
                other.type_name()
            ))
        }),
    }
}

/// A key of `authErrorScopes` (`ids`: its, looked up for every lane): its id when the
/// profile knows it, else reported.
pub(super) fn failed_scope(w: &mut Walker<'_, '_>, key: &str, ids: LaneIds<'_>) -> Option<ScopeId> {
    let id = ids.of(w.current_lane());
    if id.is_none() {
        unknown_scope(w, key, Target::Key);
    }
    id
}

/// `authErrorScopes` that is not an object.
pub(super) fn not_an_error_map(w: &mut Walker<'_, '_>, v: &Shape<'_>) {
    let index = w.index();
    let profile = &index.profile;
    w.report(Rule::WrongType, Target::Value, || {
        say(format!(
            "authErrorScopes must be an object {{SCOPE: ERROR}}, found {}",
            v.type_name()
        ))
        .hint(format!(
            "for example \"authErrorScopes\": {{\"{}\": {}}}",
            profile.example_scope(),
            profile.example_error()
        ))
    });
}

/// An error value of `authErrorScopes`, judged by the profile (`codes`: whether each lane's
/// profile lists it, looked up for every lane).
pub(super) fn error_value(w: &mut Walker<'_, '_>, value: &Shape<'_>, codes: LaneCodes<'_>) {
    let index = w.index();
    let profile = &index.profile;
    match profile.judge_error_value(value.seen()) {
        Ok(()) => {
            let Some(code) = value.code() else { return };
            if !codes.of(w.current_lane()) {
                let hint = &index.known_codes_hint;
                w.report(Rule::UnknownErrorCode, Target::Value, || {
                    say(format!("error value {} is not in the catalog", quote(code)))
                        .hint(hint.clone())
                });
            }
        }
        Err(fault) => {
            let rule = match fault {
                ErrorValueFault::Empty => Rule::Empty,
                ErrorValueFault::WrongType { .. } | ErrorValueFault::Malformed => Rule::WrongType,
            };
            w.report(rule, Target::Value, || {
                let said = say(profile.explain(&fault));
                match &fault {
                    ErrorValueFault::WrongType { fix: Some(fix), .. } => {
                        said.hint(format!("write {fix}"))
                    }
                    ErrorValueFault::Empty => said.hint(format!(
                        "write the wallet's error code, such as {}",
                        profile.example_error()
                    )),
                    _ => said,
                }
            });
        }
    }
}

/// `authCode`: a non-empty string without spaces or control characters.
pub(super) fn auth_code(w: &mut Walker<'_, '_>, v: &Shape<'_>) {
    match v {
        Shape::Text(s) if s.is_empty() => {
            w.report(Rule::Empty, Target::Value, || say("authCode is empty"))
        }
        // Codes are almost always printable ASCII: check that first (without stopping
        // early, which lets the compiler look at many bytes at once), and only then look
        // for the character to name.
        Shape::Text(s) if s.bytes().fold(true, |ok, b| ok & b.is_ascii_graphic()) => {}
        Shape::Text(s) => {
            if let Some(c) = s.chars().find(|c| c.is_whitespace() || c.is_control()) {
                w.report(Rule::InvalidAuthCode, Target::Value, || {
                    say(format!("authCode contains {}", describe_char(c))).hint(
                        "an authorization code is a single token without spaces or control characters",
                    )
                });
            }
        }
        Shape::Number(n) => w.report(Rule::WrongType, Target::Value, || {
            say(format!("authCode must be a string, found the number {n}"))
                .hint(format!("write \"{n}\""))
        }),
        other => w.report(Rule::WrongType, Target::Value, || {
            say(format!(
                "authCode must be a string, found {}",
                other.type_name()
            ))
        }),
    }
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\n' => "a line feed".into(),
        '\r' => "a carriage return".into(),
        c => format!("the character U+{:04X}", u32::from(c)),
    }
}

/// `error`: a whole number where the profile publishes the field, else a number or a
/// numeric string.
pub(super) fn error_number(w: &mut Walker<'_, '_>, v: &Shape<'_>) {
    let index = w.index();
    if index.profile.publishes("error") {
        if !matches!(v, Shape::Number(n) if crate::profile::whole_number(n).is_ok()) {
            let wallet = &index.profile.name;
            w.report(Rule::WrongType, Target::Value, || {
                let said = say(format!(
                    "error must be a whole number for {}, found {}",
                    crate::text::sanitize(wallet),
                    match v {
                        Shape::Number(n) => crate::profile::whole_number(n)
                            .err()
                            .unwrap_or_else(|| format!("the number {n}")),
                        other => other.type_name().to_string(),
                    }
                ));
                match v {
                    Shape::Text(s) => {
                        said.maybe_hint(s.parse::<i64>().ok().map(|n| format!("write {n}")))
                    }
                    _ => said,
                }
            });
        }
        return;
    }
    let ok = match v {
        Shape::Number(_) => true,
        Shape::Text(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    };
    if !ok {
        w.report(Rule::WrongType, Target::Value, || {
            say(format!(
                "error must be a number or a numeric string, found {}",
                v.type_name()
            ))
        });
    }
}

/// `errorMessage`: a string.
pub(super) fn error_message(w: &mut Walker<'_, '_>, v: &Shape<'_>) {
    if !matches!(v, Shape::Text(_)) {
        w.report(Rule::WrongType, Target::Value, || {
            say(format!(
                "errorMessage must be a string, found {}",
                v.type_name()
            ))
        });
    }
}
