//! The listing (`GET /`): the newest codes and tokens with their state and the armed faults,
//! as a page with the failure controls as plain forms (no JavaScript), or as JSON
//! (`?format=json`, or `Accept: application/json`) for scripts. The page shortens secrets to
//! their first and last characters; the JSON has them whole.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::{get, MethodRouter};

use crate::sandbox::answer::Page;
use crate::sandbox::pages::{self, escape};
use crate::sandbox::route::Route;
use crate::sandbox::state::AppState;
use crate::sandbox::store::admin::{CodeRow, TokenRow};
use crate::sandbox::store::faults::Fault;
use crate::sandbox::store::{self};
use crate::sandbox::{faults, times};

/// The route's methods.
pub(crate) fn methods() -> MethodRouter<Arc<AppState>> {
    get(handle)
}

async fn handle(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Page {
    let wants_json = query
        .as_ref()
        .is_ok_and(|Query(q)| q.get("format").is_some_and(|f| f == "json"))
        || headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("application/json"));
    let code_ttl = state.ttls.code;
    let listed = state
        .writer
        .run(move |conn| {
            let (codes, tokens) = store::admin::recent(conn, 50, store::now_ms(), code_ttl)?;
            Ok((codes, tokens, store::faults::armed(conn)?))
        })
        .await;
    let Ok((codes, tokens, armed)) = listed else {
        return super::consent::store_failed();
    };
    if wants_json {
        return Page::Json {
            text: serde_json::json!({"codes": codes, "tokens": tokens, "faults": armed})
                .to_string(),
            logged: Route::Listing.name().into(),
        };
    }
    Page::Html {
        status: StatusCode::OK,
        html: page(&codes, &tokens, &armed),
        logged: Route::Listing.name().into(),
    }
}

/// The first and last four characters of a secret, for the page.
fn shortened(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() <= 10 {
        return "…".to_string();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

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
        let reach = crate::sandbox::faults::reach(f);
        b.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{reach}</td><td>{}</td></tr>",
            f.id,
            escape(&f.route),
            escape(&faults::label(&f.answer)),
            button("clear-fault", &f.id.to_string(), "clear"),
        ));
    }
    b.push_str("</tbody></table></div>");
    pages::document("authcode serve — sandbox", pages::LISTING, &b)
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_are_shortened_to_their_ends() {
        assert_eq!(super::shortened("ACCESS123456"), "ACCE…3456");
        assert_eq!(super::shortened("SHORT"), "…");
    }
}
