//! The listing page's buttons (`POST /sandbox/{action}`): make a code fail at its next
//! exchange, expire a token, or disarm a fault; then back to the listing (303). The buttons
//! name rows, never secrets.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::routing::{post, MethodRouter};

use super::consent::{check::ParamError, invalid};
use crate::sandbox::answer::Page;
use crate::sandbox::guard;
use crate::sandbox::state::AppState;
use crate::sandbox::store::admin::{self, CodeFault};
use crate::sandbox::store::{self};

/// The route's methods.
pub(crate) fn methods() -> MethodRouter<Arc<AppState>> {
    post(handle)
}

/// What a button asks for.
enum Action {
    Code(CodeFault),
    ExpireToken,
    ClearFault,
}

async fn handle(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Page {
    let target = form
        .ok()
        .and_then(|Form(f)| f.get("target").cloned())
        .unwrap_or_default();
    let action = match name.as_str() {
        "expire-code" => Action::Code(CodeFault::Expired),
        "use-code" => Action::Code(CodeFault::Used),
        "forget-code" => Action::Code(CodeFault::Unknown),
        "expire-token" => Action::ExpireToken,
        "clear-fault" => Action::ClearFault,
        _ => {
            return invalid(&[ParamError {
                param: "action",
                why: "is not one of expire-code, use-code, forget-code, expire-token".into(),
            }])
        }
    };
    let id: i64 = target.parse().unwrap_or(-1);
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
                Action::ClearFault => store::faults::disarm(conn, id).map(|_| true),
            }
        })
        .await;
    let logged = match done {
        Ok(true) => name,
        Ok(false) => format!("{name}-not-found"),
        Err(_) => "error".into(),
    };
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
        logged,
    }
}
