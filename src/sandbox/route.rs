//! The sandbox's routes, each named once. The name is what `authcode sandbox fault ROUTE`
//! takes and the store's fault rows hold; the path is where the router serves it.

/// One route of the sandbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Route {
    /// Apply Token: a code or refresh token for a token pair (SNAP).
    ApplyToken,
    /// Query User Profile: the user's resources for an access token (Open API).
    Profile,
    /// The web consent page and its form.
    Consent,
    /// What the sandbox holds, as a page or JSON.
    Listing,
    /// The listing page's buttons.
    Actions,
    /// Account Unbinding: the merchant ends the binding (SNAP, customer token).
    AccountUnbinding,
    /// Apply OTT: one-time tokens for DANA's own pages (SNAP, customer token).
    ApplyOtt,
    /// Balance Inquiry: the user's DANA balance (SNAP, customer token).
    BalanceInquiry,
    /// The page an Apply OTT token opens, standing in for DANA's own pages.
    OttPage,
    /// Alipay+ Apply Token: a code or refresh token for a token pair (GCash, TNG, ...).
    AlipayPlusApplyToken,
    /// Alipay+ Inquiry User Info: the user's information for an access token.
    AlipayPlusUserInfo,
    /// Alipay CN's `gateway.do`: `alipay.system.oauth.token` and `alipay.user.info.share`.
    AlipayCnGateway,
    /// The health check for probes and wait loops: 200 when the store answers, else 503.
    Health,
}

/// Where the Alipay+ platform's calls are served: its own paths (v2, and v1 tenants'), under
/// each wallet's prefix (Alipay+ Connect, GCash, TNG), and Antom's (and its sandbox's).
macro_rules! alipay_plus_paths {
    ($resource:literal) => {
        &[
            concat!("/v2/", $resource),
            concat!("/v1/", $resource),
            concat!("/api/open/v2/", $resource),
            concat!("/api/open/v1/", $resource),
            concat!("/api/v2/", $resource),
            concat!("/api/v1/", $resource),
            concat!("/acl/api/v2/", $resource),
            concat!("/acl/api/v1/", $resource),
            concat!("/ams/api/v1/", $resource),
            concat!("/ams/sandbox/api/v1/", $resource),
        ]
    };
}

/// The shape of the JSON answers a route gives for a wrong method or an unreadable body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `responseCode` / `responseMessage`.
    Snap,
    /// DANA's Open API envelope, `response.body.resultInfo`.
    OpenApi,
    /// Alipay+'s `result{resultCode, resultStatus, resultMessage}`.
    AlipayPlus,
    /// Alipay CN's `error_response{code, msg, sub_code, sub_msg}`.
    AlipayCn,
}

impl Route {
    /// The routes a fault can be armed on, in the order the command line lists them.
    pub(crate) const FAULTABLE: [Route; 8] = [
        Route::ApplyToken,
        Route::Profile,
        Route::AccountUnbinding,
        Route::ApplyOtt,
        Route::BalanceInquiry,
        Route::AlipayPlusApplyToken,
        Route::AlipayPlusUserInfo,
        Route::AlipayCnGateway,
    ];

    /// The route's one name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Route::ApplyToken => "apply-token",
            Route::Profile => "profile",
            Route::Consent => "consent",
            Route::Listing => "listing",
            Route::Actions => "actions",
            Route::AccountUnbinding => "account-unbinding",
            Route::ApplyOtt => "apply-ott",
            Route::BalanceInquiry => "balance-inquiry",
            Route::OttPage => "ott-page",
            Route::AlipayPlusApplyToken => "alipay-plus-apply-token",
            Route::AlipayPlusUserInfo => "alipay-plus-user-info",
            Route::AlipayCnGateway => "alipay-cn-gateway",
            Route::Health => "health",
        }
    }

    /// Where the router serves it (its first path; some routes have more).
    pub(crate) fn path(self) -> &'static str {
        self.paths()[0]
    }

    /// Every path the router serves it at.
    pub(crate) fn paths(self) -> &'static [&'static str] {
        match self {
            Route::ApplyToken => &["/v1.0/access-token/b2b2c.htm"],
            Route::Profile => &["/dana/member/query/queryUserProfile.htm"],
            Route::Consent => &["/v1.0/get-auth-code"],
            Route::Listing => &["/"],
            Route::Actions => &["/sandbox/{action}"],
            Route::AccountUnbinding => &["/v1.0/registration-account-unbinding.htm"],
            Route::ApplyOtt => &["/rest/v1.1/qr/apply-ott"],
            Route::BalanceInquiry => &["/v1.0/balance-inquiry.htm"],
            Route::OttPage => &["/sandbox/ott"],
            Route::AlipayPlusApplyToken => alipay_plus_paths!("authorizations/applyToken"),
            Route::AlipayPlusUserInfo => alipay_plus_paths!("users/inquiryUserInfo"),
            Route::AlipayCnGateway => &["/gateway.do"],
            Route::Health => &["/healthz"],
        }
    }

    /// The methods it serves, as a 405's `Allow` header says them (GET serves HEAD too).
    pub(crate) fn allow(self) -> &'static str {
        match self {
            Route::ApplyToken
            | Route::Profile
            | Route::Actions
            | Route::AccountUnbinding
            | Route::ApplyOtt
            | Route::BalanceInquiry
            | Route::AlipayPlusApplyToken
            | Route::AlipayPlusUserInfo => "POST",
            Route::Consent | Route::AlipayCnGateway => "GET, HEAD, POST",
            Route::Listing | Route::OttPage | Route::Health => "GET, HEAD",
        }
    }

    /// SNAP's service code in its result codes (`<HTTP status><service><case>`): Apply
    /// Token's `74`; DANA's UAT suite shows `2000900`, `2004900` and `2001100` for the others.
    pub(crate) fn service(self) -> &'static str {
        match self {
            Route::AccountUnbinding => "09",
            Route::ApplyOtt => "49",
            Route::BalanceInquiry => "11",
            _ => "74",
        }
    }

    /// A page a browser opens: guarded against other sites (`guard`).
    pub(crate) fn is_page(self) -> bool {
        matches!(self, Route::Consent | Route::Listing | Route::Actions)
    }

    /// What the sandbox holds and its buttons: loopback only, or behind `--admin-token`.
    pub(crate) fn is_admin(self) -> bool {
        matches!(self, Route::Listing | Route::Actions)
    }

    /// The shape of its JSON answers.
    pub(crate) fn shape(self) -> Shape {
        match self {
            Route::Profile => Shape::OpenApi,
            Route::AlipayPlusApplyToken | Route::AlipayPlusUserInfo => Shape::AlipayPlus,
            Route::AlipayCnGateway => Shape::AlipayCn,
            _ => Shape::Snap,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_names_are_the_ones_the_store_has_always_held() {
        // Fault rows written by an older authcode name their route so: the names stay.
        let names: Vec<_> = Route::FAULTABLE.iter().map(|r| r.name()).collect();
        assert_eq!(
            names,
            [
                "apply-token",
                "profile",
                "account-unbinding",
                "apply-ott",
                "balance-inquiry",
                "alipay-plus-apply-token",
                "alipay-plus-user-info",
                "alipay-cn-gateway"
            ]
        );
    }
}
