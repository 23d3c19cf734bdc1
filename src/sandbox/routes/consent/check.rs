//! The consent link's checks: the query (or the form that carries it) made a
//! `ConsentRequest`, and the redirects of a decision. Plain functions; nothing redirects to a
//! URL that was not checked to be http(s).

use std::collections::HashMap;

use serde::Deserialize;

use crate::profile::{Profile, Scope};
use crate::suggest::{self, Suggester};
use crate::users::{User, Users};

const WEB_SCOPES_JSON: &str = include_str!("dana-web-scopes.json");

/// The query parameters the page carries through its form, in the SDKs' order.
const CARRIED: [&str; 9] = [
    "partnerId",
    "scopes",
    "externalId",
    "channelId",
    "redirectUrl",
    "timestamp",
    "state",
    "isSnapBI",
    "merchantId",
];

#[derive(Deserialize)]
struct WebScopes {
    scopes: Vec<Scope>,
}

/// DANA's web-binding scopes, with the sandbox's wording.
pub(crate) fn web_scopes() -> Vec<Scope> {
    serde_json::from_str::<WebScopes>(WEB_SCOPES_JSON)
        .expect("the embedded web scopes are valid")
        .scopes
}

/// A checked consent request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConsentRequest {
    pub partner_id: String,
    pub scopes: Vec<Scope>,
    pub redirect_url: String,
    pub state: Option<String>,
    /// The parameters to carry through the form.
    pub carried: Vec<(String, String)>,
}

/// Which parameter is wrong, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParamError {
    pub param: &'static str,
    pub why: String,
}

/// Parameters that name one value each: given twice, the link is refused (no last-wins).
const SINGLE: [&str; 12] = [
    "partnerId",
    "scopes",
    "externalId",
    "channelId",
    "redirectUrl",
    "timestamp",
    "state",
    "isSnapBI",
    "merchantId",
    "autoConsent",
    "decision",
    "user",
];

/// The parameters of a query or form as a map (each name once: `check` refuses repeats).
pub(crate) fn map_of(pairs: &[(String, String)]) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for (k, v) in pairs {
        map.entry(k.clone()).or_insert_with(|| v.clone());
    }
    map
}

/// What `autoConsent` (a link) or `decision` (the form) asks for: `Ok(None)` when absent;
/// any value but `allow` or `deny` is wrong (an unattended test must not wait on a page).
pub(crate) fn choice(
    param: &'static str,
    value: Option<&String>,
) -> Result<Option<Choice>, ParamError> {
    match value.map(String::as_str) {
        None => Ok(None),
        Some("allow") => Ok(Some(Choice::Allow)),
        Some("deny") => Ok(Some(Choice::Deny)),
        Some(other) => Err(ParamError {
            param,
            why: format!(
                "must be allow or deny, not \"{}\"",
                crate::text::brief(other)
            ),
        }),
    }
}

/// Checks the query of a consent link (or the form that carries it): every wrong parameter
/// is named, not only the first. `registered` are the redirect URLs `--redirect-url` allows
/// (any http(s) URL when empty).
pub(crate) fn check(
    pairs: &[(String, String)],
    catalog: &Profile,
    partner_id: Option<&str>,
    registered: &[String],
) -> Result<ConsentRequest, Vec<ParamError>> {
    let mut errors = Vec::new();
    let mut wrong = |param: &'static str, why: String| errors.push(ParamError { param, why });
    for name in SINGLE {
        if pairs.iter().filter(|(k, _)| k == name).count() > 1 {
            wrong(name, "is given more than once".into());
        }
    }
    let params = map_of(pairs);
    let given = |name: &str| params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    let partner = given("partnerId");
    match (partner, partner_id) {
        (None, _) => wrong("partnerId", "is missing".into()),
        (Some(partner), Some(registered)) if partner != registered => wrong(
            "partnerId",
            format!(
                "is \"{}\", but this sandbox serves partner \"{registered}\"",
                crate::text::brief(partner)
            ),
        ),
        _ => {}
    }
    let redirect = given("redirectUrl");
    match redirect {
        None => wrong("redirectUrl", "is missing".into()),
        Some(url) if !is_http_url(url) => wrong(
            "redirectUrl",
            format!(
                "\"{}\" is not an http:// or https:// URL",
                crate::text::brief(url)
            ),
        ),
        Some(url)
            if !registered.is_empty() && !registered.iter().any(|r| same_endpoint(r, url)) =>
        {
            wrong(
                "redirectUrl",
                format!(
                    "\"{}\" is not a registered redirect URL ({})",
                    crate::text::brief(url),
                    registered.join(", ")
                ),
            )
        }
        _ => {}
    }
    if let Err(e) = choice("autoConsent", params.get("autoConsent")) {
        wrong(e.param, e.why);
    }
    let names: Vec<&str> = given("scopes")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if given("scopes").is_none() {
        wrong("scopes", "is missing".into());
    } else if names.is_empty() {
        wrong("scopes", "names no scope".into());
    }
    let web = web_scopes();
    let mut scopes: Vec<Scope> = Vec::new();
    let mut unknown = Vec::new();
    for name in names {
        match catalog
            .scope(name)
            .or_else(|| web.iter().find(|s| s.scope == name))
        {
            Some(scope) if !scopes.contains(scope) => scopes.push(scope.clone()),
            Some(_) => {}
            None => unknown.push(name),
        }
    }
    if !unknown.is_empty() {
        let suggester = Suggester::new(
            catalog
                .scopes
                .iter()
                .chain(&web)
                .map(|s| (s.scope.as_str(), s.description.as_str())),
        );
        for name in unknown {
            let hint = suggest::scope_hint(name, &suggester.suggest(name))
                .map(|h| format!(": {h}"))
                .unwrap_or_default();
            wrong(
                "scopes",
                format!(
                    "names \"{}\", not a scope this sandbox knows{hint}",
                    crate::text::brief(name)
                ),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let carried = CARRIED
        .iter()
        .filter_map(|k| params.get(*k).map(|v| ((*k).to_string(), v.clone())))
        .collect();
    Ok(ConsentRequest {
        partner_id: partner.unwrap_or_default().to_string(),
        scopes,
        redirect_url: redirect.unwrap_or_default().to_string(),
        state: params.get("state").cloned(),
        carried,
    })
}

/// Whether `url` goes where the registered URL `registered` does: the same scheme, host,
/// port and path; the query (which carries the merchant's own values) may differ.
fn same_endpoint(registered: &str, url: &str) -> bool {
    let endpoint = |u: &str| {
        u.parse::<axum::http::Uri>().ok().map(|u| {
            (
                u.scheme_str().map(str::to_ascii_lowercase),
                u.authority().map(|a| a.as_str().to_ascii_lowercase()),
                u.path().to_string(),
            )
        })
    };
    endpoint(registered).is_some_and(|r| Some(r) == endpoint(url))
}

/// An absolute http(s) URL with a host, no whitespace or control characters, no user info.
fn is_http_url(text: &str) -> bool {
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Ok(uri) = text.parse::<axum::http::Uri>() else {
        return false;
    };
    let scheme_ok = matches!(uri.scheme_str(), Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"));
    let host_ok = uri
        .authority()
        .is_some_and(|a| !a.host().is_empty() && !a.as_str().contains('@'));
    scheme_ok && host_ok
}

/// `url` with `pairs` added to its query (before any fragment), keeping what it had but for
/// the names `pairs` set: those are replaced, not given twice.
pub(crate) fn with_query(url: &str, pairs: &[(&str, &str)]) -> String {
    let (whole, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let kept;
    let base = match whole.split_once('?') {
        Some((path, query)) => {
            let replaced = |item: &&str| {
                let name = item.split('=').next().unwrap_or("");
                form_urlencoded::parse(name.as_bytes())
                    .next()
                    .is_some_and(|(k, _)| pairs.iter().any(|(p, _)| *p == k))
                    || pairs.iter().any(|(p, _)| *p == name)
            };
            let rest: Vec<&str> = query.split('&').filter(|i| !replaced(i)).collect();
            kept = format!("{path}?{}", rest.join("&"));
            kept.as_str()
        }
        None => whole,
    };
    let mut added = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        added.append_pair(k, v);
    }
    let added = added.finish();
    let separator = if !base.contains('?') {
        "?"
    } else if base.ends_with('?') || base.ends_with('&') {
        ""
    } else {
        "&"
    };
    let mut out = format!("{base}{separator}{added}");
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// What the person (or `autoConsent`) decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Choice {
    Allow,
    Deny,
}

/// Where Deny redirects: the sandbox's choice (DANA does not publish it), OAuth 2.0's
/// `error=access_denied` with the same `state`.
pub(crate) fn deny_location(request: &ConsentRequest) -> String {
    let mut pairs = vec![
        ("error", "access_denied"),
        ("error_description", "The user denied the request"),
    ];
    if let Some(state) = &request.state {
        pairs.push(("state", state));
    }
    with_query(&request.redirect_url, &pairs)
}

/// Where Allow redirects: `authCode` and `state` added to the redirect URL's query.
pub(crate) fn allow_location(request: &ConsentRequest, code: &str) -> String {
    let mut pairs = vec![("authCode", code)];
    if let Some(state) = &request.state {
        pairs.push(("state", state.as_str()));
    }
    with_query(&request.redirect_url, &pairs)
}

/// The user a form picked (the first user when it names none).
pub(crate) fn picked_user<'u>(users: &'u Users, id: Option<&str>) -> Option<&'u User> {
    match id {
        Some(id) => users.get(id),
        None => users.all().first(),
    }
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
