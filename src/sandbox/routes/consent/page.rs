//! The consent page's HTML: the page for a checked request, and the page for a link that
//! cannot be served.

use super::check::{ConsentRequest, ParamError};
use crate::sandbox::pages::{self, escape};
use crate::sandbox::route::Route;
use crate::users::Users;

/// The page inside the document, with the sandbox's footer.
fn document(title: &str, body: &str) -> String {
    pages::document(
        title,
        pages::CONSENT,
        &format!(
            "{body}<footer>authcode serve — a local sandbox; no real account is involved.</footer>"
        ),
    )
}

/// The consent page for `request`, with a choice among `users`, in the words of `wallet` (the
/// wallet whose codes the server mints: `authcode --wallet W serve`).
pub(crate) fn page(request: &ConsentRequest, users: &Users, wallet: &str) -> String {
    let mut body = String::new();
    body.push_str(&format!(
        "<div class=\"card\"><div><span class=\"brand\">{}</span><span class=\"sandbox\">sandbox</span></div>",
        escape(wallet)
    ));
    body.push_str(&format!(
        "<h1><span id=\"partner\">{}</span> wants to connect to your {} account</h1>",
        escape(&request.partner_id),
        escape(wallet)
    ));
    body.push_str(&format!(
        "<form method=\"post\" action=\"{}\">",
        Route::Consent.path()
    ));
    for (k, v) in &request.carried {
        body.push_str(&format!(
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            escape(k),
            escape(v)
        ));
    }
    body.push_str("<fieldset><legend>It asks to</legend><ul id=\"scopes\">");
    for s in &request.scopes {
        body.push_str(&format!(
            "<li><code>{}</code><span>{}</span></li>",
            escape(&s.scope),
            escape(&s.description)
        ));
    }
    body.push_str("</ul></fieldset><fieldset><legend>Consent as</legend>");
    for (i, u) in users.all().iter().enumerate() {
        body.push_str(&format!(
            "<label class=\"user\"><input type=\"radio\" name=\"user\" value=\"{}\"{}> <span class=\"who\">{}{}</span></label>",
            escape(&u.id),
            if i == 0 { " checked" } else { "" },
            escape(&u.name),
            u.resources
                .get("LOGIN_ID")
                .map(|p| format!(" <span class=\"phone\">(+{})</span>", escape(p)))
                .unwrap_or_default()
        ));
    }
    body.push_str(
        "</fieldset><div class=\"actions\">\
         <button class=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\
         <button class=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\
         </div></form></div>",
    );
    document(
        &format!("Connect {} to {wallet} (sandbox)", request.partner_id),
        &body,
    )
}

/// The page for a link that cannot be served (HTTP 400), naming every wrong parameter.
pub(crate) fn error_page(errors: &[ParamError]) -> String {
    let said: String = errors
        .iter()
        .map(|e| {
            // A reason that ends in a question ("did you mean X?") takes no full stop.
            let stop = if e.why.ends_with(['?', '.', ')']) {
                ""
            } else {
                "."
            };
            format!(
                "<li>The parameter <code>{}</code> {}{stop}</li>",
                escape(e.param),
                escape(&e.why)
            )
        })
        .collect();
    document(
        "Invalid authorization link (sandbox)",
        &format!(
            "<div class=\"card error\"><div><span class=\"brand\">authcode</span><span class=\"sandbox\">sandbox</span></div>\
             <h1>This authorization link is not valid</h1>\
             <ul id=\"error\">{said}</ul>\
             <p>Nothing was redirected.</p></div>"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use crate::sandbox::routes::consent::check::check;

    fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
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

    /// The page speaks of the wallet whose codes the server mints, not always of DANA.
    #[test]
    fn the_page_names_the_served_wallet() {
        let r = check(&query(&good()), &Profile::dana(), None, &[]).unwrap();
        let html = page(&r, &Users::load(None).unwrap(), "GCash");
        assert!(
            html.contains("wants to connect to your GCash account"),
            "{html}"
        );
        assert!(
            html.contains("<title>Connect P1 to GCash (sandbox)</title>"),
            "{html}"
        );
        assert!(
            !html.contains(">DANA<") && !html.contains("your DANA account"),
            "{html}"
        );
    }

    #[test]
    fn everything_from_the_query_is_escaped() {
        let c = Profile::dana();
        let mut q = good();
        q.retain(|(k, _)| *k != "partnerId" && *k != "state");
        q.push(("partnerId", "<script>alert(1)</script>"));
        q.push(("state", "\"><script>x</script>"));
        let r = check(&query(&q), &c, None, &[]).unwrap();
        let html = page(&r, &Users::load(None).unwrap(), "DANA");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""));
        let err = error_page(&[ParamError {
            param: "scopes",
            why: "\"<img src=x onerror=alert(1)>\" is not".into(),
        }]);
        assert!(!err.contains("<img"));
    }
}
