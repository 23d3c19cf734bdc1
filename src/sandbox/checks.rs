//! The route checks as the network reaches them, for the fuzz target (`fuzz/fuzz_targets/
//! routes.rs`): Apply Token's headers and body, the profile's envelope, the consent link's
//! query, the headers and body of the calls made with a customer token. Each takes raw bytes as a client sends them and gives the route's verdict; nothing
//! here touches a store or a socket.

use axum::http::{HeaderMap, HeaderName, HeaderValue};

use super::route::Route;
use super::routes::consent::{check as consent, page};
use super::routes::profile::check as profile;
use super::routes::{account_unbinding, apply_ott, apply_token, balance_inquiry, customer};
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

/// The checks of `route` (`account-unbinding`, `apply-ott`, `balance-inquiry`; any other
/// name checks nothing) of `headers` and `body`: the shared ones, then the route's fields.
pub fn customer(
    route: &str,
    headers: &[(&[u8], &[u8])],
    body: &[u8],
    partner_id: Option<&str>,
) -> Result<(), Refused> {
    let Some(route) = Route::FAULTABLE.into_iter().find(|r| r.name() == route) else {
        return Ok(());
    };
    let checked = customer::check::check(route, &header_map(headers), body, merchant(partner_id));
    let fields = checked.and_then(|c| match route {
        Route::AccountUnbinding => account_unbinding::fields(route, &c.fields).map(drop),
        Route::ApplyOtt => apply_ott::fields(route, &c.fields).map(drop),
        Route::BalanceInquiry => balance_inquiry::fields(route, &c.fields).map(drop),
        _ => Ok(()),
    });
    fields.map_err(|a| Refused {
        status: a.status,
        body: a.text(),
    })
}

/// `headers` as the server sees them: pairs that are not valid HTTP headers are dropped.
fn header_map(headers: &[(&[u8], &[u8])]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(name), HeaderValue::from_bytes(value))
        {
            map.append(name, value);
        }
    }
    map
}

/// Apply Token's checks of `headers` (pairs that are not valid HTTP headers are dropped, as
/// the server never sees them) and `body`.
pub fn apply_token(
    headers: &[(&[u8], &[u8])],
    body: &[u8],
    partner_id: Option<&str>,
) -> Result<(), Refused> {
    apply_token::check::check(&header_map(headers), body, merchant(partner_id))
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
            page: page::page(&request, &users, "DANA"),
            allow: consent::allow_location(&request, "CODE"),
            deny: consent::deny_location(&request),
        }),
        Err(errors) => Err(Refused {
            status: 400,
            body: page::error_page(&errors),
        }),
    }
}
