//! Which of `authcode serve`'s gateways redeems a wallet's codes: data in the wallet's
//! profile (`"gateway"`), not code.

use serde::{Deserialize, Serialize};

/// The server-side platform a wallet's backend exchanges its codes at: which of the
/// sandbox's gateways redeems the codes minted for the wallet (`authcode serve`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Gateway {
    /// DANA's SNAP Apply Token and Open API user profile.
    #[default]
    Dana,
    /// The Alipay+ platform's `applyToken` and `inquiryUserInfo`.
    AlipayPlus,
    /// Alipay CN's `gateway.do`.
    AlipayCn,
}

impl Gateway {
    /// The name the store and the profile files hold.
    pub const fn name(self) -> &'static str {
        match self {
            Gateway::Dana => "dana",
            Gateway::AlipayPlus => "alipay-plus",
            Gateway::AlipayCn => "alipay-cn",
        }
    }
}
