//! The page a one-time token opens (`GET /sandbox/ott?ott=…`): it stands in for DANA's own
//! pages (top-up, transactions) that a merchant opens with Apply OTT's token, so a backend
//! can see its token spent: once, within its lifetime, while the binding lasts. The token
//! travels in the query, which the access log never shows.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, MethodRouter};

use crate::sandbox::answer::Page;
use crate::sandbox::pages::{self, escape};
use crate::sandbox::state::AppState;
use crate::sandbox::store::{self, binding, Refusal};

/// The route's methods.
pub(crate) fn methods() -> MethodRouter<Arc<AppState>> {
    get(handle)
}

async fn handle(
    State(state): State<Arc<AppState>>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Page {
    let ott = query
        .ok()
        .and_then(|Query(q)| q.get("ott").cloned())
        .filter(|o| !o.is_empty());
    let Some(ott) = ott else {
        return refused("ott-missing", "No one-time token was given (?ott=…).");
    };
    let spent = state
        .writer
        .run(move |conn| binding::spend_ott(conn, &ott, store::now_ms()))
        .await;
    let user_json = match spent {
        Ok(Ok(user_json)) => user_json,
        Ok(Err(Refusal::Used)) => {
            return refused("ott-used", "This one-time token was used already.")
        }
        Ok(Err(Refusal::Expired)) => {
            return refused("ott-expired", "This one-time token has expired.")
        }
        Ok(Err(Refusal::Unbound)) => {
            return refused(
                "ott-unbound",
                "The binding of this one-time token was ended.",
            )
        }
        Ok(Err(Refusal::Unknown)) => {
            return refused("ott-unknown", "This one-time token is unknown.")
        }
        Err(_) => return super::consent::store_failed(),
    };
    let name = crate::users::User::from_json(&user_json)
        .map(|u| u.name)
        .unwrap_or_default();
    Page::Html {
        status: StatusCode::OK,
        html: document(&format!(
            "<h1>Signed in as <span id=\"user\">{}</span></h1>\
             <p>A DANA page opened with a one-time token from Apply OTT. It stands in for DANA's \
             own pages (top-up, transactions); the token is now spent.</p>",
            escape(&name)
        )),
        logged: "ott-accepted".into(),
    }
}

fn refused(logged: &str, why: &str) -> Page {
    Page::Html {
        status: StatusCode::BAD_REQUEST,
        html: document(&format!(
            "<h1>This link cannot be opened</h1><p id=\"error\">{}</p>",
            escape(why)
        )),
        logged: logged.into(),
    }
}

fn document(body: &str) -> String {
    pages::document(
        "DANA page (sandbox)",
        pages::CONSENT,
        &format!(
            "<div class=\"card\"><div><span class=\"brand\">DANA</span><span class=\"sandbox\">sandbox</span></div>{body}</div>\
             <footer>authcode serve — a local DANA sandbox; no real account is involved.</footer>"
        ),
    )
}
