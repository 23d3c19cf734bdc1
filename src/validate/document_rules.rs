//! The rules on the document as a whole, applied once the pass is over: which kind it is,
//! the findings that belong to that kind, fields of the other kind, missing fields, and the
//! rules that span several fields (conflicts, the scopes a response must answer).

use std::borrow::Cow;

use super::diagnostic::Rule;
use super::fields::{Document, Fields};
use super::finding::{quote, say, Belongs};
use super::index::ScopeId;
use super::path::{Step, Target};
use super::walker::Walker;
use crate::payload::DocKind;
use crate::profile::Field;

/// Decides the kind, keeps the findings that belong to it, and applies the document rules.
/// Returns the kind and, for a request, the known scopes it asks for.
pub(super) fn finish<'a>(
    w: &mut Walker<'_, 'a>,
    document: Document<'a>,
    fields: &Fields<'a>,
) -> (Option<DocKind>, Vec<ScopeId>) {
    match document {
        Document::Other(v) => {
            w.findings().retain(|b| b == Belongs::Always);
            w.report(Rule::NotObject, Target::Value, || {
                say(format!(
                    "a getAuthCode payload is a JSON object, found {}",
                    v.type_name()
                ))
            });
            return (None, Vec::new());
        }
        Document::Object => {}
    }
    let profile = &w.index().profile;
    let has_scopes = fields.scopes.is_some();
    // A failure may be `error` alone where the wallet publishes it (Alipay CN's fail
    // callback); an object without any response field (`error` and `errorMessage` count)
    // is a request where scopes are optional.
    let is_response = fields.auth_code.is_some()
        || fields.success.is_some()
        || fields.errors.is_some()
        || (fields.error && profile.publishes("error"));
    let any_response_field = fields
        .known
        .iter()
        .any(|&i| profile.fields()[i].kind == DocKind::Response);
    let is_request = has_scopes || (!profile.default_scopes.is_empty() && !any_response_field);
    let kind = match (w.options.kind, is_request, is_response) {
        (Some(kind), _, _) => kind,
        (None, true, false) => DocKind::Request,
        (None, false, true) => DocKind::Response,
        (None, has_scopes, _) => {
            w.findings().retain(|b| b == Belongs::Always);
            w.report(Rule::UnknownKind, Target::Value, || {
                if has_scopes {
                    say("the object has both a request's scopes and a response's fields")
                        .hint("check it as one kind with --kind request or --kind response")
                } else {
                    say("neither a request (no scopes) nor a response (no authCode, authSuccessScopes or authErrorScopes)")
                        .hint("a request is {\"scopes\": [...]}; a response has authCode and authSuccessScopes, or authErrorScopes")
                }
            });
            return (None, Vec::new());
        }
    };
    let own = match kind {
        DocKind::Request => Belongs::Request,
        DocKind::Response => Belongs::Response,
    };
    w.findings().retain(|b| b == Belongs::Always || b == own);
    foreign_fields(w, fields, kind);
    match kind {
        DocKind::Request => request_rules(w, fields),
        DocKind::Response => response_rules(w, fields),
    }
    let scopes = fields
        .scopes
        .as_ref()
        .map(|list| list.listed.iter().map(|l| l.id).collect())
        .unwrap_or_default();
    (Some(kind), scopes)
}

/// Fields of the other kind, and fields the profile does not name.
fn foreign_fields<'a>(w: &mut Walker<'_, 'a>, fields: &Fields<'a>, kind: DocKind) {
    let profile_fields = w.index().profile.fields();
    if fields.unknown.is_empty() && fields.known.iter().all(|&i| profile_fields[i].kind == kind) {
        return;
    }
    let foreign: Vec<Cow<'a, str>> = fields
        .known
        .iter()
        .filter(|&&i| profile_fields[i].kind != kind)
        .map(|&i| match fields.misspelled.iter().find(|(m, _)| *m == i) {
            Some((_, written)) => written.clone(),
            None => Cow::Owned(profile_fields[i].name.clone()),
        })
        .chain(fields.unknown.iter().cloned())
        .collect();
    for key in foreign {
        let written = key.clone();
        w.report_at(&[Step::key(key)], Rule::UnknownField, Target::Key, || {
            say(format!(
                "{} is not a field of a getAuthCode {}",
                quote(&written),
                kind.as_str()
            ))
        });
    }
}

/// `scopes`, unless the wallet has default scopes, and the parameters it requires. An object
/// with a response's fields and no `scopes` is a response, whatever the defaults: checked as
/// a request (`--kind request`, `request --from`), it is refused as one.
fn request_rules(w: &mut Walker<'_, '_>, fields: &Fields<'_>) {
    let index = w.index();
    let profile = &index.profile;
    let response_fields: Vec<&str> = fields
        .known
        .iter()
        .map(|&i| &profile.fields()[i])
        .filter(|f| f.kind == DocKind::Response)
        .map(|f| f.name.as_str())
        .collect();
    if fields.scopes.is_none() && !response_fields.is_empty() {
        let names = response_fields.join(", ");
        w.report(Rule::UnknownKind, Target::Value, || {
            say(format!(
                "a response, not a request: it has {names} and no scopes"
            ))
            .hint("a request is {\"scopes\": [...]}; authCode, authSuccessScopes and authErrorScopes are the wallet's answer")
        });
    } else if fields.scopes.is_none() && profile.default_scopes.is_empty() {
        missing(w, "scopes", "a request needs \"scopes\": [...]");
    }
    for p in &profile.request_params {
        let present = fields
            .known
            .iter()
            .any(|&i| profile.fields()[i].name == p.name);
        if !present {
            let why = format!(
                "{} requires it beside scopes",
                crate::text::sanitize(&profile.name)
            );
            missing(w, &p.name, &why);
        }
    }
}

/// The key at `step` misspells `field`: one finding at the key, counted with the kind of
/// document the field belongs to (the document is then judged as if it were spelled right).
pub(super) fn misspelled<'a>(w: &mut Walker<'_, 'a>, step: &Step<'a>, field: &Field) {
    let Step::Key { name, .. } = step else {
        return;
    };
    let belongs = match field.kind {
        DocKind::Request => Belongs::Request,
        DocKind::Response => Belongs::Response,
    };
    let written = name.clone();
    let meant = field.name.as_str();
    w.in_field(belongs, |w| {
        w.report_at(
            std::slice::from_ref(step),
            Rule::MisspelledField,
            Target::Key,
            || {
                let case = if written.eq_ignore_ascii_case(meant) {
                    " (field names are case-sensitive)"
                } else {
                    ""
                };
                say(format!(
                    "{} is not a field; did you mean {meant}?{case}",
                    quote(&written)
                ))
            },
        )
    });
}

fn missing(w: &mut Walker<'_, '_>, field: &str, why: &str) {
    w.report(Rule::MissingField, Target::Value, || {
        say(format!("missing field {field}: {why}"))
    });
}

fn response_rules<'a>(w: &mut Walker<'_, 'a>, fields: &Fields<'a>) {
    let has_code = fields.auth_code.is_some();
    match (has_code, &fields.success, &fields.errors) {
        (false, Some(_), _) => missing(
            w,
            "authCode",
            "a response with authSuccessScopes carries the authorization code",
        ),
        (true, None, _) => missing(
            w,
            "authSuccessScopes",
            "a response with authCode lists the granted scopes",
        ),
        (false, None, None) if !(fields.error && w.index().profile.publishes("error")) => missing(
            w,
            "authErrorScopes",
            "a response has authCode and authSuccessScopes, or authErrorScopes",
        ),
        _ => {}
    }
    if let Some(errors) = &fields.errors {
        if errors.is_object && errors.len == 0 && !has_code {
            w.report_at(&[Step::key("authErrorScopes")], Rule::Empty, Target::Value, || {
                say("authErrorScopes is empty and there is no authCode: the response grants nothing and names no failure")
            });
        }
    }
    let success = fields.success.as_ref().map_or(&[][..], |s| &s.listed[..]);
    let failed = fields.errors.as_ref().map_or(&[][..], |e| &e.failed[..]);
    for f in failed {
        if success.iter().any(|s| s.id == f.id) {
            let key = f.key.clone();
            w.report_at(
                &[Step::key("authErrorScopes"), Step::key(f.key.clone())],
                Rule::ScopeConflict,
                Target::Key,
                || {
                    say(format!(
                        "{key} is both granted (authSuccessScopes) and failed (authErrorScopes)"
                    ))
                },
            );
        }
    }
    let options = w.options;
    let Some(expected) = options.expected.as_deref() else {
        return;
    };
    let index = w.index();
    for s in success {
        if !expected.contains(&s.id) {
            w.report_at(
                &[Step::key("authSuccessScopes"), Step::Index(s.index)],
                Rule::ScopeNotRequested,
                Target::Value,
                || {
                    say(format!(
                        "{} is granted but was not requested",
                        index.name(s.id)
                    ))
                },
            );
        }
    }
    for f in failed {
        if !expected.contains(&f.id) {
            let key = f.key.clone();
            w.report_at(
                &[Step::key("authErrorScopes"), Step::key(f.key.clone())],
                Rule::ScopeNotRequested,
                Target::Key,
                || say(format!("{key} is answered but was not requested")),
            );
        }
    }
    for &id in expected {
        let answered = success.iter().any(|s| s.id == id) || failed.iter().any(|f| f.id == id);
        if !answered {
            w.report(Rule::ScopeUnanswered, Target::Value, || {
                say(format!(
                    "{} was requested but is neither in authSuccessScopes nor in authErrorScopes",
                    index.name(id)
                ))
            });
        }
    }
}
