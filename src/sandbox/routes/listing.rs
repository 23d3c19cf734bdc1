//! The listing (`GET /`): the newest codes and tokens with their state and the armed faults,
//! as a page with the failure controls as plain forms (no JavaScript), or as JSON
//! (`?format=json`, or `Accept: application/json`) for scripts, a page at a time (`limit`,
//! `offset`; the JSON says the totals, the page says when it does not show everything). The
//! page shortens secrets to their first and last characters; the JSON has them whole.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, MethodRouter};

use crate::sandbox::answer::Page;
use crate::sandbox::pages::{self, escape};
use crate::sandbox::route::Route;
use crate::sandbox::state::AppState;
use crate::sandbox::store::admin::{CodeRow, TokenRow};
use crate::sandbox::store::faults::Fault;
use crate::sandbox::store::{self};
use crate::sandbox::{faults, guard, times};

/// The route's methods.
pub(crate) fn methods() -> MethodRouter<Arc<AppState>> {
    get(handle)
}

/// Rows of each kind on a page unless `limit` says, and the most `limit` may ask for.
const PAGE: usize = 50;
const MOST: usize = 1000;

/// Which page is shown, and how many rows there are in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Paging {
    pub limit: usize,
    pub offset: usize,
    pub codes: u64,
    pub tokens: u64,
}

impl Paging {
    /// The offset of the next page, if some row is past this one.
    fn next(&self) -> Option<usize> {
        let end = self.offset.saturating_add(self.limit) as u64;
        (end < self.codes || end < self.tokens).then_some(self.offset + self.limit)
    }

    /// Whether this page shows every row.
    fn whole(&self) -> bool {
        self.offset == 0 && self.next().is_none()
    }
}

/// `limit` and `offset` from the query, or the page saying which is wrong.
fn paging_of(query: &HashMap<String, String>, json: bool) -> Result<(usize, usize), Page> {
    let number =
        |name: &'static str, default: usize, least: usize, most: usize| match query.get(name) {
            None => Ok(default),
            Some(text) => text
                .parse::<usize>()
                .ok()
                .filter(|n| (least..=most).contains(n))
                .ok_or_else(|| {
                    Page::refused(
                        StatusCode::BAD_REQUEST,
                        "Not a page of the listing",
                        &format!("{name} must be a whole number from {least} to {most}"),
                        "invalid-page",
                        json,
                    )
                }),
        };
    Ok((
        number("limit", PAGE, 1, MOST)?,
        number("offset", 0, 0, usize::MAX)?,
    ))
}

async fn handle(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Page {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let wants_json = query.get("format").is_some_and(|f| f == "json")
        || crate::sandbox::answer::accepts_json(&headers);
    let (limit, offset) = match paging_of(&query, wants_json) {
        Ok(paging) => paging,
        Err(page) => return page,
    };
    let code_ttl = state.ttls.code;
    let listed = state
        .writer
        .run(move |conn| {
            let (codes, tokens) =
                store::admin::page(conn, limit, offset, store::now_ms(), code_ttl)?;
            let totals = store::admin::totals(conn)?;
            Ok((codes, tokens, totals, store::faults::armed(conn)?))
        })
        .await;
    let Ok((codes, tokens, (total_codes, total_tokens), armed)) = listed else {
        return super::consent::store_failed();
    };
    let paging = Paging {
        limit,
        offset,
        codes: total_codes,
        tokens: total_tokens,
    };
    if wants_json {
        return Page::Json {
            status: StatusCode::OK,
            text: serde_json::json!({
                "codes": codes, "tokens": tokens, "faults": armed,
                "total": {"codes": paging.codes, "tokens": paging.tokens},
                "limit": limit, "offset": offset, "nextOffset": paging.next(),
            })
            .to_string(),
            logged: Route::Listing.name().into(),
        };
    }
    Page::Html {
        status: StatusCode::OK,
        html: page(
            &codes,
            &tokens,
            &armed,
            &paging,
            &guard::token_query(&state.guard),
            &state.platform.public_base64(),
        ),
        logged: Route::Listing.name().into(),
    }
}

/// What the page says when it does not show every row, with links to the other pages.
fn paging_note(paging: &Paging, shown: (usize, usize), token: &str) -> String {
    if paging.whole() {
        return String::new();
    }
    let span = |shown: usize, total: u64| match shown {
        0 => format!("none of {total}"),
        n => format!("{}–{} of {total}", paging.offset + 1, paging.offset + n),
    };
    let link = |offset: usize, label: &str| {
        let mut href = format!("/?limit={}&offset={offset}", paging.limit);
        if !token.is_empty() {
            href.push('&');
            href.push_str(token);
        }
        format!(" <a href=\"{}\">{label}</a>", escape(&href))
    };
    let mut note = format!(
        "<p id=\"paging\">Not everything is shown: codes {}, token pairs {}.",
        span(shown.0, paging.codes),
        span(shown.1, paging.tokens)
    );
    if paging.offset > 0 {
        note.push_str(&link(paging.offset.saturating_sub(paging.limit), "Newer"));
    }
    if let Some(next) = paging.next() {
        note.push_str(&link(next, "Older"));
    }
    note.push_str("</p>");
    note
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

/// A button of `action` on the row `target`; `token` the admin token's query, if any.
fn button(action: &str, target: &str, label: &str, token: &str) -> String {
    let query = if token.is_empty() {
        String::new()
    } else {
        format!("?{}", escape(token))
    };
    format!(
        "<form method=\"post\" action=\"/sandbox/{action}{query}\"><input type=\"hidden\" name=\"target\" value=\"{}\">\
         <button type=\"submit\">{label}</button></form>",
        escape(target)
    )
}

/// The page for `codes`, `tokens` and the `armed` faults, one page of `paging`; `token` the
/// admin token's query, kept on every link and form.
pub(crate) fn page(
    codes: &[CodeRow],
    tokens: &[TokenRow],
    armed: &[Fault],
    paging: &Paging,
    token: &str,
    platform_key: &str,
) -> String {
    let mut b = String::new();
    let json = if token.is_empty() {
        "/?format=json".to_string()
    } else {
        format!("/?format=json&{token}")
    };
    b.push_str(&format!(
        "<h1>authcode serve — what the sandbox holds</h1><p>Newest first. As JSON: <a href=\"{}\">/?format=json</a>.</p>",
        escape(&json)
    ));
    b.push_str(&paging_note(paging, (codes.len(), tokens.len()), token));
    b.push_str("<h2>Codes</h2><div class=\"wrap\"><table id=\"codes\"><thead><tr><th scope=\"col\">Code</th><th scope=\"col\">State</th><th scope=\"col\">Scopes</th><th scope=\"col\">Wallet</th><th scope=\"col\">User</th><th scope=\"col\">Minted</th><th scope=\"col\">Make the next exchange fail</th></tr></thead><tbody>");
    for c in codes {
        b.push_str(&format!(
            "<tr><td><code>{}</code></td><td class=\"state\">{}</td><td>{}</td><td class=\"wallet\">{}</td><td>{}</td><td>{}</td><td>{}{}{}</td></tr>",
            escape(&shortened(&c.code)),
            c.state,
            escape(&c.scopes.join(", ")),
            escape(&c.wallet),
            escape(&c.user_id),
            times::jakarta(c.minted_at),
            button("expire-code", &c.id.to_string(), "as expired", token),
            button("use-code", &c.id.to_string(), "as used", token),
            button("forget-code", &c.id.to_string(), "as unknown", token),
        ));
    }
    b.push_str("</tbody></table></div><h2>Tokens</h2><div class=\"wrap\"><table id=\"tokens\"><thead><tr><th scope=\"col\">Access token</th><th scope=\"col\">State</th><th scope=\"col\">Scopes</th><th scope=\"col\">Wallet</th><th scope=\"col\">User</th><th scope=\"col\">Issued</th><th scope=\"col\">Expires</th><th scope=\"col\">Fail it</th></tr></thead><tbody>");
    for t in tokens {
        b.push_str(&format!(
            "<tr><td><code>{}</code></td><td class=\"state\">{}</td><td>{}</td><td class=\"wallet\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&shortened(&t.access_token)),
            t.state,
            escape(&t.scopes.join(", ")),
            escape(&t.wallet),
            escape(&t.user_id),
            times::jakarta(t.issued_at),
            times::jakarta(t.access_expires_at),
            button("expire-token", &t.id.to_string(), "expire now", token)
                + &button("unbind", &t.id.to_string(), "unbind", token),
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
            button("clear-fault", &f.id.to_string(), "clear", token),
        ));
    }
    b.push_str("</tbody></table></div>");
    b.push_str(&format!(
        "<h2>Platform public key</h2><p>The Alipay+ and Alipay CN answers are signed with this key \
         (<code>authcode sandbox key</code> prints it as PEM too):</p>\
         <p><code id=\"platform-key\">{}</code></p>",
        escape(platform_key)
    ));
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
