//! The listing page (`GET /`): the newest codes and tokens with their state, and the failure
//! controls as plain forms (no JavaScript). Secrets are shortened to their first and last
//! characters; the JSON form of the listing has them whole, for scripts.

use super::consent_page::escape;
use super::times;
use crate::sandbox::store::admin::{shortened, CodeRow, TokenRow};
use crate::sandbox::store::faults::Fault;

const STYLE: &str = "
body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#eef3f8;color:#1a1a1a}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:1.5rem}
.wrap{overflow-x:auto;background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.45rem .6rem;border-top:1px solid #e6e9ee;vertical-align:top;white-space:nowrap}
th{background:#f6f8fa;border-top:0}
form{display:inline}
button{font:inherit;font-size:.85rem;padding:.2rem .5rem;margin:0 .2rem .2rem 0;border:1px solid #108ee9;border-radius:6px;background:#fff;color:#0b6fb8;cursor:pointer}
button:focus-visible{outline:3px solid #ffb300;outline-offset:1px}
.state{font-weight:600}
";

fn button(action: &str, target: &str, label: &str) -> String {
    format!(
        "<form method=\"post\" action=\"/sandbox/{action}\"><input type=\"hidden\" name=\"target\" value=\"{}\">\
         <button type=\"submit\">{label}</button></form>",
        escape(target)
    )
}

/// The page for `codes`, `tokens` and the `armed` faults.
pub(crate) fn page(codes: &[CodeRow], tokens: &[TokenRow], armed: &[Fault]) -> String {
    let mut b = String::new();
    b.push_str("<h1>authcode serve — what the sandbox holds</h1><p>Newest first. As JSON: <a href=\"/?format=json\">/?format=json</a>.</p>");
    b.push_str("<h2>Codes</h2><div class=\"wrap\"><table id=\"codes\"><thead><tr><th scope=\"col\">Code</th><th scope=\"col\">State</th><th scope=\"col\">Scopes</th><th scope=\"col\">User</th><th scope=\"col\">Minted</th><th scope=\"col\">Make the next exchange fail</th></tr></thead><tbody>");
    for c in codes {
        b.push_str(&format!(
            "<tr><td><code>{}</code></td><td class=\"state\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}{}</td></tr>",
            escape(&shortened(&c.code)),
            c.state,
            escape(&c.scopes.join(", ")),
            escape(&c.user_id),
            times::jakarta(c.minted_at),
            button("expire-code", &c.id.to_string(), "as expired"),
            button("use-code", &c.id.to_string(), "as used"),
            button("forget-code", &c.id.to_string(), "as unknown"),
        ));
    }
    b.push_str("</tbody></table></div><h2>Tokens</h2><div class=\"wrap\"><table id=\"tokens\"><thead><tr><th scope=\"col\">Access token</th><th scope=\"col\">State</th><th scope=\"col\">Scopes</th><th scope=\"col\">User</th><th scope=\"col\">Issued</th><th scope=\"col\">Expires</th><th scope=\"col\">Fail it</th></tr></thead><tbody>");
    for t in tokens {
        b.push_str(&format!(
            "<tr><td><code>{}</code></td><td class=\"state\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&shortened(&t.access_token)),
            t.state,
            escape(&t.scopes.join(", ")),
            escape(&t.user_id),
            times::jakarta(t.issued_at),
            times::jakarta(t.access_expires_at),
            button("expire-token", &t.id.to_string(), "expire now"),
        ));
    }
    b.push_str("</tbody></table></div><h2>Faults armed</h2><p>Arm one with <code>authcode sandbox fault ROUTE --answer CODE|--http STATUS|--delay D [--count N|--fraction F]</code>.</p><div class=\"wrap\"><table id=\"faults\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Route</th><th scope=\"col\">Answer</th><th scope=\"col\">Hits</th><th scope=\"col\"></th></tr></thead><tbody>");
    for f in armed {
        let reach = match f.remaining {
            Some(n) => format!("next {n}"),
            None => format!("{}% of requests", f.fraction * 100.0),
        };
        b.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{reach}</td><td>{}</td></tr>",
            f.id,
            escape(&f.route),
            escape(&f.answer.label()),
            button("clear-fault", &f.id.to_string(), "clear"),
        ));
    }
    b.push_str("</tbody></table></div>");
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>authcode serve — sandbox</title><style>{STYLE}</style></head>\n<body><main>{b}</main></body></html>\n"
    )
}
