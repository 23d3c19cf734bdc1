//! The listing page's buttons (`POST /sandbox/{action}`): make a code fail at its next
//! exchange, expire a token, end a binding (as the user does in the DANA app), or disarm a
//! fault; then back to the listing (303). The buttons name rows, never secrets.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::routing::{post, MethodRouter};

use crate::sandbox::answer::Page;
use crate::sandbox::state::AppState;
use crate::sandbox::store::admin::{self, CodeFault};
use crate::sandbox::store::{self};
use crate::sandbox::{guard, pages};

/// The route's methods.
pub(crate) fn methods() -> MethodRouter<Arc<AppState>> {
    post(handle)
}

/// What a button asks for.
enum Action {
    Code(CodeFault),
    ExpireToken,
    Unbind,
    ClearFault,
}

/// The actions the buttons name, as the refusal of an unknown one lists them.
const ACTIONS: &str = "expire-code, use-code, forget-code, expire-token, unbind, clear-fault";

/// A refusal in the listing's words: `status`, what went wrong, and the access-log record.
fn refused(status: StatusCode, title: &str, why: &str, logged: String) -> Page {
    Page::Html {
        status,
        html: pages::refusal(title, why),
        logged,
    }
}

async fn handle(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Page {
    let action = match name.as_str() {
        "expire-code" => Action::Code(CodeFault::Expired),
        "use-code" => Action::Code(CodeFault::Used),
        "forget-code" => Action::Code(CodeFault::Unknown),
        "expire-token" => Action::ExpireToken,
        "unbind" => Action::Unbind,
        "clear-fault" => Action::ClearFault,
        _ => {
            return refused(
                StatusCode::NOT_FOUND,
                "No such button",
                &format!(
                    "The listing has no action \"{}\"; its buttons are {ACTIONS}.",
                    crate::text::brief(&name)
                ),
                "unknown-action".into(),
            )
        }
    };
    let target = form
        .ok()
        .and_then(|Form(f)| f.get("target").cloned())
        .unwrap_or_default();
    let Some(id) = target.trim().parse::<i64>().ok().filter(|id| *id > 0) else {
        return refused(
            StatusCode::BAD_REQUEST,
            "Which row?",
            &format!(
                "{name} takes the form field target: the number of a row of the listing, not \"{}\".",
                crate::text::brief(&target)
            ),
            format!("{name}-bad-target"),
        );
    };
    let done = state
        .writer
        .run(move |conn| {
            let now = store::now_ms();
            match action {
                Action::Code(fault) => match admin::code_of_row(conn, id)? {
                    Some(code) => admin::break_code(conn, &code, fault, now),
                    None => Ok(false),
                },
                Action::ExpireToken => match admin::token_of_row(conn, id)? {
                    Some(token) => admin::expire_token(conn, &token, now),
                    None => Ok(false),
                },
                Action::Unbind => match admin::token_of_row(conn, id)? {
                    Some(token) => store::binding::unbind(conn, &token, now),
                    None => Ok(false),
                },
                Action::ClearFault => store::faults::disarm(conn, id).map(|n| n > 0),
            }
        })
        .await;
    match done {
        Ok(true) => {}
        Ok(false) => {
            let what = match name.as_str() {
                "expire-token" => "token pair",
                "clear-fault" => "armed fault",
                _ => "code",
            };
            return refused(
                StatusCode::NOT_FOUND,
                "No such row",
                &format!("The sandbox holds no {what} in row {id}: reload the listing."),
                format!("{name}-not-found"),
            );
        }
        Err(_) => return super::consent::store_failed(),
    }
    // Back to the listing, with the admin token the button was sent with.
    let query = guard::token_query(&state.guard);
    let location = if query.is_empty() {
        HeaderValue::from_static("/")
    } else {
        HeaderValue::from_str(&format!("/?{query}")).unwrap_or(HeaderValue::from_static("/"))
    };
    Page::Redirect {
        status: StatusCode::SEE_OTHER,
        location,
        logged: name,
    }
}
