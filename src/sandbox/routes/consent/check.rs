//! The consent link's checks: the query (or the form that carries it) made a
//! `ConsentRequest`, and the redirects of a decision. Plain functions; nothing redirects to a
//! URL that was not checked to be http(s).

use std::collections::HashMap;

use serde::Deserialize;

use crate::profile::{Profile, Scope};
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

/// Checks the query of a consent link.
pub(crate) fn check(
    params: &HashMap<String, String>,
    catalog: &Profile,
    partner_id: Option<&str>,
) -> Result<ConsentRequest, ParamError> {
    let wrong = |param: &'static str, why: String| ParamError { param, why };
    let given = |name: &str| params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    let partner = given("partnerId").ok_or_else(|| wrong("partnerId", "is missing".into()))?;
    if let Some(registered) = partner_id {
        if partner != registered {
            return Err(wrong(
                "partnerId",
                format!("is {partner:?}, but this sandbox serves partner {registered:?}"),
            ));
        }
    }
    let redirect = given("redirectUrl").ok_or_else(|| wrong("redirectUrl", "is missing".into()))?;
    if !is_http_url(redirect) {
        return Err(wrong(
            "redirectUrl",
            format!("{redirect:?} is not an http:// or https:// URL"),
        ));
    }
    let names: Vec<&str> = given("scopes")
        .ok_or_else(|| wrong("scopes", "is missing".into()))?
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if names.is_empty() {
        return Err(wrong("scopes", "names no scope".into()));
    }
    let web = web_scopes();
    let mut scopes: Vec<Scope> = Vec::new();
    for name in names {
        let scope = catalog
            .scope(name)
            .cloned()
            .or_else(|| web.iter().find(|s| s.scope == name).cloned())
            .ok_or_else(|| {
                wrong(
                    "scopes",
                    format!("{name:?} is not a scope this sandbox knows"),
                )
            })?;
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    let carried = CARRIED
        .iter()
        .filter_map(|k| params.get(*k).map(|v| ((*k).to_string(), v.clone())))
        .collect();
    Ok(ConsentRequest {
        partner_id: partner.to_string(),
        scopes,
        redirect_url: redirect.to_string(),
        state: params.get("state").cloned(),
        carried,
    })
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

/// `url` with `pairs` added to its query (before any fragment), keeping what it had.
pub(crate) fn with_query(url: &str, pairs: &[(&str, &str)]) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
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
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn good() -> Vec<(&'static str, &'static str)> {
        vec![
            ("partnerId", "P1"),
            ("scopes", "QUERY_BALANCE,USER_LOGIN_ID"),
            ("redirectUrl", "https://shop.example/cb?x=1"),
            ("state", "s1"),
        ]
    }

    #[test]
    fn checks_name_the_wrong_parameter() {
        let c = Profile::dana();
        assert!(check(&query(&good()), &c, None).is_ok());
        let with = |k: &str, v: &str| {
            let mut q = good();
            q.retain(|(key, _)| *key != k);
            if !v.is_empty() {
                q.push((
                    Box::leak(k.to_string().into_boxed_str()),
                    Box::leak(v.to_string().into_boxed_str()),
                ));
            }
            check(&query(&q), &c, Some("P1")).unwrap_err().param
        };
        assert_eq!(with("partnerId", ""), "partnerId");
        assert_eq!(with("partnerId", "P2"), "partnerId");
        assert_eq!(with("redirectUrl", ""), "redirectUrl");
        assert_eq!(with("redirectUrl", "javascript:alert(1)"), "redirectUrl");
        assert_eq!(with("redirectUrl", "//evil.example/cb"), "redirectUrl");
        assert_eq!(with("redirectUrl", "ftp://x.example/"), "redirectUrl");
        assert_eq!(
            with("redirectUrl", "https://user@evil.example/"),
            "redirectUrl"
        );
        assert_eq!(with("scopes", "USER_LOGIN_ID,<script>"), "scopes");
        assert_eq!(with("scopes", ""), "scopes");
    }

    #[test]
    fn redirects_keep_the_query_and_escape_values() {
        let c = Profile::dana();
        let mut q = good();
        q.push(("state", "a b&c"));
        let r = check(&query(&q), &c, None).unwrap();
        assert_eq!(
            allow_location(&r, "CODE"),
            "https://shop.example/cb?x=1&authCode=CODE&state=a+b%26c"
        );
        assert_eq!(
            with_query("http://h/cb#frag", &[("a", "1")]),
            "http://h/cb?a=1#frag"
        );
        assert!(deny_location(&r).contains("error=access_denied"));
    }
}
