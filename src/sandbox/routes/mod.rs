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
pub(crate) const ALL: [(Route, Methods); 12] = [
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
];
