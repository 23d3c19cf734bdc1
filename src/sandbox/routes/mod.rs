//! The routes, one file (or folder) each holding its handler beside its checks and answers.
//! `ALL` is where they are named: adding a route is a file here, a `Route`, and a line below.

pub(crate) mod account_unbinding;
pub(crate) mod actions;
pub(crate) mod alipay_cn;
pub(crate) mod alipay_plus;
pub(crate) mod apply_ott;
pub(crate) mod apply_token;
pub(crate) mod balance_inquiry;
pub(crate) mod consent;
pub(crate) mod customer;
pub(crate) mod health;
pub(crate) mod listing;
pub(crate) mod ott_page;
pub(crate) mod profile;

use std::sync::Arc;

use axum::routing::MethodRouter;

use super::route::Route;
use super::state::AppState;

/// A route's handlers by method (its `methods()`).
pub(crate) type Methods = fn() -> MethodRouter<Arc<AppState>>;

/// Every route the server serves, with its methods.
pub(crate) const ALL: [(Route, Methods); 13] = [
    (Route::ApplyToken, apply_token::methods),
    (Route::Profile, profile::methods),
    (Route::Consent, consent::methods),
    (Route::Listing, listing::methods),
    (Route::Actions, actions::methods),
    (Route::AccountUnbinding, account_unbinding::methods),
    (Route::ApplyOtt, apply_ott::methods),
    (Route::BalanceInquiry, balance_inquiry::methods),
    (Route::OttPage, ott_page::methods),
    (
        Route::AlipayPlusApplyToken,
        alipay_plus::apply_token::methods,
    ),
    (Route::AlipayPlusUserInfo, alipay_plus::user_info::methods),
    (Route::AlipayCnGateway, alipay_cn::methods),
    (Route::Health, health::methods),
];

/// Why a request's time `sent` is refused under `--max-clock-skew` (`max_ms`) at `now_ms`:
/// how far it is from the server's clock, and the bound. `None` when it is within the bound,
/// or no bound is set (the default: DANA's SDKs and tests send whatever time they like).
pub(crate) fn clock_skew(
    sent: jiff::Timestamp,
    now_ms: i64,
    max_ms: Option<i64>,
) -> Option<String> {
    let max = max_ms?;
    let off = sent.as_millisecond().saturating_sub(now_ms);
    if off.unsigned_abs() <= max.unsigned_abs() {
        return None;
    }
    let words = |ms: u64| humantime::format_duration(std::time::Duration::from_secs(ms / 1000));
    Some(format!(
        "is {} {} the server's clock (--max-clock-skew {})",
        words(off.unsigned_abs()),
        if off > 0 { "ahead of" } else { "behind" },
        words(max.unsigned_abs())
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_time_past_the_bound_says_how_far() {
        let at = |ms: i64| jiff::Timestamp::from_millisecond(ms).unwrap();
        assert_eq!(super::clock_skew(at(0), 10_000_000, None), None);
        assert_eq!(
            super::clock_skew(at(9_700_000), 10_000_000, Some(300_000)),
            None
        );
        assert_eq!(
            super::clock_skew(at(9_600_000), 10_000_000, Some(300_000)).as_deref(),
            Some("is 6m 40s behind the server's clock (--max-clock-skew 5m)")
        );
        assert_eq!(
            super::clock_skew(at(10_301_000), 10_000_000, Some(300_000)).as_deref(),
            Some("is 5m 1s ahead of the server's clock (--max-clock-skew 5m)")
        );
    }
}
