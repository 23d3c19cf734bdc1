//! The route checks as the network reaches them, for the fuzz target (`fuzz/fuzz_targets/
//! routes.rs`): Apply Token's headers and body, the profile's envelope, the consent link's
//! query. Each takes raw bytes as a client sends them and gives the route's verdict; nothing
//! here touches a store or a socket.

use axum::http::{HeaderMap, HeaderName, HeaderValue};

use super::routes::apply_token;
use super::routes::consent::{check as consent, page};
use super::routes::profile::check as profile;
use super::state::Merchant;
use crate::profile::Profile;
use crate::users::Users;

/// A request a check refused: the answer's HTTP status and body, as they would be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub status: u16,
    pub body: String,
}

/// The merchant a check is made for: registered with `partner_id`, or any (`None`).
fn merchant(partner_id: Option<&str>) -> Merchant<'_> {
    Merchant {
        max_clock_skew: None,
        partner_id,
        verifier: None,
    }
}

/// Apply Token's checks of `headers` (pairs that are not valid HTTP headers are dropped, as
/// the server never sees them) and `body`.
pub fn apply_token(
    headers: &[(&[u8], &[u8])],
    body: &[u8],
    partner_id: Option<&str>,
) -> Result<(), Refused> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(name), HeaderValue::from_bytes(value))
        {
            map.append(name, value);
        }
    }
    apply_token::check::check(&map, body, merchant(partner_id))
        .map(drop)
        .map_err(|a| Refused {
            status: a.status,
            body: a.text(),
        })
}

/// Query User Profile's checks of the envelope `body`, at `now_ms`.
pub fn profile(body: &[u8], partner_id: Option<&str>, now_ms: i64) -> Result<(), Refused> {
    profile::check(body, merchant(partner_id), now_ms)
        .map(drop)
        .map_err(|a| Refused {
            status: a.status,
            body: a.text(),
        })
}

/// What the consent page makes of a link's query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    /// The page's HTML.
    pub page: String,
    /// Where Allow (with the code `CODE`) and Deny redirect.
    pub allow: String,
    pub deny: String,
}

/// The consent page's checks of a link's `query` (URL-encoded, without `?`) against DANA's
/// scopes and the built-in users; a refusal is the page that says why (HTTP 400).
pub fn consent(query: &[u8], partner_id: Option<&str>) -> Result<Consent, Refused> {
    let params: Vec<(String, String)> = form_urlencoded::parse(query).into_owned().collect();
    let users = Users::load(None).map_err(|e| Refused {
        status: 500,
        body: e.message,
    })?;
    match consent::check(&params, &Profile::dana(), partner_id, &[]) {
        Ok(request) => Ok(Consent {
            page: page::page(&request, &users),
            allow: consent::allow_location(&request, "CODE"),
            deny: consent::deny_location(&request),
        }),
        Err(errors) => Err(Refused {
            status: 400,
            body: page::error_page(&errors),
        }),
    }
}
