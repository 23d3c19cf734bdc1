//! What every handler shares, behind one `Arc`: the store's writer, the merchant's
//! registration, the lifetimes, and what the pages offer.

use super::platform_key::PlatformKey;
use super::routes::consent::check::Choice;
use super::signature::Verifier;
use super::store::writer::Writer;
use super::store::Ttls;

/// The shared state of the server.
pub(crate) struct AppState {
    pub writer: Writer,
    pub partner_id: Option<String>,
    pub verifier: Option<Verifier>,
    pub ttls: Ttls,
    /// Write the access log.
    pub log: bool,
    pub profile: crate::profile::Profile,
    pub users: crate::users::Users,
    pub auto_consent: Option<Choice>,
    /// `--max-clock-skew` (ms); none: any time is accepted.
    pub max_clock_skew: Option<i64>,
    /// `--redirect-url`: the redirect URLs the consent page allows (any when empty).
    pub redirect_urls: Vec<String>,
    /// How the pages are protected (`--admin-token`).
    pub guard: super::guard::Guard,
    /// The key the Alipay+ and Alipay CN answers are signed with.
    pub platform: PlatformKey,
}

impl AppState {
    /// The merchant's registration, as the route checks take it.
    pub(crate) fn merchant(&self) -> Merchant<'_> {
        Merchant {
            partner_id: self.partner_id.as_deref(),
            verifier: self.verifier.as_ref(),
            max_clock_skew: self.max_clock_skew,
        }
    }
}

/// The merchant's registration, as `serve` was started.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Merchant<'a> {
    pub partner_id: Option<&'a str>,
    pub verifier: Option<&'a Verifier>,
    /// `--max-clock-skew` (ms): how far a request's time may be from the server's clock.
    pub max_clock_skew: Option<i64>,
}
