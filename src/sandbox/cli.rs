//! Command-line definitions of the sandbox: `authcode serve` and `authcode sandbox`.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, Subcommand, ValueEnum};

use super::route::Route;

/// How long a minted code can be exchanged unless `--code-ttl` says or its wallet's platform
/// publishes a lifetime; `authcode sandbox list` judges expiry by it too.
pub(crate) const DEFAULT_CODE_TTL: &str = "10m";

pub(crate) const SERVE_EXAMPLES: &str = "\
Examples:
  authcode serve                                  Sandbox on http://127.0.0.1:8470
  authcode serve --listen 127.0.0.1:0             Any free port (the first line says which)
  authcode serve --partner-id P1 --partner-public-key merchant.pub.pem
      Check signatures as DANA does
  authcode request --scopes USER_LOGIN_ID --approve
      Mint a code the sandbox will exchange

Routes (POST; signed when --partner-public-key is given):
  DANA (SNAP):
  /v1.0/access-token/b2b2c.htm              Apply Token: a code or refresh token for tokens
  /dana/member/query/queryUserProfile.htm   Query User Profile: the user's data for a token
  /v1.0/registration-account-unbinding.htm  Account Unbinding: the binding ends
  /rest/v1.1/qr/apply-ott                   Apply OTT: one-time tokens for DANA's pages
  /v1.0/balance-inquiry.htm                 Balance Inquiry: the user's balance
  Alipay+ (Alipay+, GCash, Touch 'n Go, Alipay+ Connect, AlipayHK; also under /api/open, /api,
  /acl/api, /ams/api/v1 and /ams/sandbox/api/v1):
  /v2/authorizations/applyToken             applyToken: a code or refresh token for tokens
  /v2/users/inquiryUserInfo                 inquiryUserInfo: the user's data for a token
  Alipay CN (GET or POST):
  /gateway.do                               alipay.system.oauth.token, alipay.user.info.share
Pages (for a browser):
  /v1.0/get-auth-code?...                   The web consent page (DANA's authorization link)
  /sandbox/ott                              Spends a one-time token from Apply OTT
  /                                         What the store holds (?format=json: as JSON)
  /healthz                                  200 when the store answers, else 503 (for probes)
  /sandbox/{action}                         The listing page's buttons (POST)";

#[cfg(test)]
mod tests {
    #[test]
    fn serve_help_names_every_route() {
        for (route, _) in crate::sandbox::routes::ALL {
            assert!(
                super::SERVE_EXAMPLES.contains(&format!("  {} ", route.path()))
                    || super::SERVE_EXAMPLES.contains(&format!("  {}?", route.path())),
                "serve --help does not name {}",
                route.path()
            );
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct SandboxArgs {
    #[command(subcommand)]
    pub action: SandboxAction,
}

#[derive(Debug, Subcommand)]
pub(crate) enum SandboxAction {
    /// List the newest codes and tokens
    List {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
        /// How many of each
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
    },
    /// Print the public key the sandbox signs its Alipay+ and Alipay CN answers with (PEM, then
    /// bare base64)
    Key {
        /// Only the PEM
        #[arg(long, conflicts_with = "base64")]
        pem: bool,
        /// Only the bare base64 (what Ant's SDKs take)
        #[arg(long)]
        base64: bool,
    },
    /// Make a code fail at its next exchange as expired
    ExpireCode { code: String },
    /// Make a code fail at its next exchange as already used
    UseCode { code: String },
    /// Make a code fail at its next exchange as unknown (removes it)
    ForgetCode { code: String },
    /// Make an access token (or the pair of a refresh token) expire now
    ExpireToken { token: String },
    /// End the binding of an access (or refresh) token, as the user does in the DANA app
    Unbind { token: String },
    /// Arm a fault: the next requests to ROUTE answer a chosen failure
    #[command(group(clap::ArgGroup::new("what").required(true).args(["answer", "http", "delay"])))]
    Fault {
        /// The route it hits
        #[arg(value_enum)]
        route: Route,
        /// Answer this result code (Apply Token: 4007400, 4007401, 4007402, 4017400,
        /// 5007401; profile: a resultCode such as INVALID_ACCESS_TOKEN; balance-inquiry,
        /// apply-ott, account-unbinding: a code of their table such as 4011102; the Alipay+
        /// routes: a failing resultCode such as USED_CODE; alipay-cn-gateway:
        /// isv.code-invalid, isv.refresh-token-invalid, aop.invalid-auth-token,
        /// isp.unknow-error)
        #[arg(long, value_name = "CODE")]
        answer: Option<String>,
        /// Answer this HTTP status, 500 to 599, with a body in the route's shape
        #[arg(long, value_name = "STATUS", value_parser = http_status)]
        http: Option<u16>,
        /// Wait this long (e.g. 2s, at most 5m), then answer normally
        #[arg(long, value_name = "DURATION")]
        delay: Option<String>,
        /// Hit the next N requests [default: 1, unless --fraction]
        #[arg(long, value_name = "N", conflicts_with = "fraction", value_parser = clap::value_parser!(u32).range(1..))]
        count: Option<u32>,
        /// Hit this share of the requests (0 < F <= 1) until cleared
        #[arg(long, value_name = "F")]
        fraction: Option<f64>,
    },
    /// Disarm every fault (of one route)
    ClearFaults {
        #[arg(value_enum)]
        route: Option<Route>,
    },
    /// Empty the store: every code, token and fault (safe while a server runs on it)
    Reset,
}

/// A `--http` status: a server error, 500 to 599 (clap's range would say "500..600").
fn http_status(text: &str) -> Result<u16, String> {
    text.trim()
        .parse()
        .ok()
        .filter(|status| (500..=599).contains(status))
        .ok_or_else(|| "not a server error status (500 to 599)".to_string())
}

/// On the command line a route is one a fault can be armed on, by its one name.
impl ValueEnum for Route {
    fn value_variants<'a>() -> &'a [Self] {
        &Route::FAULTABLE
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on, HOST:PORT (port 0: any free port)
    #[arg(
        long,
        value_name = "HOST:PORT",
        default_value = "127.0.0.1:8470",
        env = "AUTHCODE_LISTEN"
    )]
    pub listen: String,

    /// The merchant's partner id (client id); any is accepted when unset
    #[arg(long, value_name = "ID", env = "AUTHCODE_PARTNER_ID")]
    pub partner_id: Option<String>,

    /// The merchant's RSA public key (PEM, 2,048 to 8,192 bits) that signatures are checked
    /// with: a file, or the PEM text itself
    // A value may begin `-----BEGIN`: the PEM text, not an option.
    #[arg(
        long,
        value_name = "FILE",
        env = "AUTHCODE_PARTNER_PUBLIC_KEY",
        allow_hyphen_values = true
    )]
    pub partner_public_key: Option<PathBuf>,

    /// The RSA private key (PEM) the Alipay+ and Alipay CN answers are signed with [default: the
    /// store's own, created once beside it; `authcode sandbox key` prints its public key]
    #[arg(long, value_name = "FILE", env = "AUTHCODE_PLATFORM_PRIVATE_KEY")]
    pub platform_private_key: Option<PathBuf>,

    /// With a PostgreSQL store: keep trying to reach the database at start for this long
    /// (e.g. 30s in a compose file), saying so, before giving up
    #[arg(long, value_name = "DURATION", env = "AUTHCODE_WAIT_FOR_STORE")]
    pub wait_for_store: Option<String>,

    /// Serve HTTPS, with a certificate from a local CA kept beside the store
    #[arg(long)]
    pub tls: bool,

    /// Another name for the certificate besides 127.0.0.1, ::1 and localhost (repeatable)
    #[arg(long, value_name = "NAME", requires = "tls")]
    pub tls_name: Vec<String>,

    /// How long a minted code can be exchanged, whatever its wallet [default: the lifetime its
    /// wallet's platform publishes, else 10m]
    #[arg(long, value_name = "DURATION")]
    pub code_ttl: Option<String>,

    /// How long an access token is valid
    #[arg(long, value_name = "DURATION", default_value = "1h")]
    pub access_token_ttl: String,

    /// How long a refresh token is valid
    #[arg(long, value_name = "DURATION", default_value = "7d")]
    pub refresh_token_ttl: String,

    /// Do not write the access log on stderr
    #[arg(short, long)]
    pub quiet: bool,

    /// Required from every client of the listing and its buttons (else they answer loopback
    /// clients only)
    #[arg(
        long,
        value_name = "TOKEN",
        env = "AUTHCODE_ADMIN_TOKEN",
        hide_env_values = true
    )]
    pub admin_token: Option<String>,

    /// A redirect URL the consent page allows, as registered in DANA's merchant portal
    /// (repeatable; the query may differ; any http(s) URL when none is given)
    #[arg(long, value_name = "URL")]
    pub redirect_url: Vec<String>,

    /// Refuse requests whose time (X-TIMESTAMP, reqTime, Request-Time, timestamp) is further than this from the
    /// server's clock [default: any time]
    #[arg(long, value_name = "DURATION")]
    pub max_clock_skew: Option<String>,

    /// Answer the consent page without showing it (for unattended tests)
    #[arg(long, value_enum, value_name = "DECISION")]
    pub auto_consent: Option<AutoConsent>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AutoConsent {
    Allow,
    Deny,
}
