//! The web OAuth consent page (`GET /v1.0/get-auth-code`, as DANA's SDKs build its URL) and
//! its decision (`POST` of the page's form). Thin handlers: the checks and redirects are
//! `check`'s, the HTML `page`'s; minting is the core's (`consent`, `mint`), recording the
//! store's.

pub(crate) mod check;
pub(crate) mod page;

use std::sync::Arc;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::routing::{get, MethodRouter};

use crate::consent::{self, Decision};
use crate::mint::{self, CodeSource};
use crate::sandbox::answer::Page;
use crate::sandbox::state::AppState;
use crate::sandbox::store::{self, MintedCode};
use crate::sandbox::{guard, pages};
use check::{Choice, ConsentRequest, ParamError};

/// The route's methods.
pub(crate) fn methods() -> MethodRouter<Arc<AppState>> {
    get(consent_get).post(consent_post)
}

fn html(status: StatusCode, html: String, logged: &str) -> Page {
    Page::Html {
        status,
        html,
        logged: logged.to_string(),
    }
}

/// The page for a link (or a form, or a button) that cannot be served (HTTP 400), naming
/// each wrong parameter.
pub(crate) fn invalid(errors: &[ParamError]) -> Page {
    html(
        StatusCode::BAD_REQUEST,
        page::error_page(errors),
        "invalid-link",
    )
}

/// The page for a request the store failed (HTTP 500).
pub(crate) fn store_failed() -> Page {
    failed("could not be served: the store failed")
}

fn failed(why: &str) -> Page {
    html(
        StatusCode::INTERNAL_SERVER_ERROR,
        page::error_page(&[ParamError {
            param: "(none)",
            why: why.into(),
        }]),
        "error",
    )
}

fn redirect(location: &str, logged: &str) -> Page {
    match HeaderValue::from_str(location) {
        Ok(location) => Page::Redirect {
            status: StatusCode::FOUND,
            location,
            logged: logged.to_string(),
        },
        Err(_) => invalid(&[ParamError {
            param: "redirectUrl",
            why: "cannot be used as a redirect".into(),
        }]),
    }
}

/// `GET /v1.0/get-auth-code`: the page, or at once the redirect `autoConsent` (query) or
/// `--auto-consent` (server) asks for.
async fn consent_get(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Page {
    let Ok(Query(pairs)) = query else {
        return invalid(&[ParamError {
            param: "query",
            why: "is not a valid URL query".into(),
        }]);
    };
    let request = match checked(&state, &pairs) {
        Ok(request) => request,
        Err(page) => return page,
    };
    let asked = check::choice("autoConsent", check::map_of(&pairs).get("autoConsent"))
        .ok()
        .flatten();
    if asked.is_some() && guard::from_another_site(&headers) {
        // Another site's link would mint codes (or deny) in the developer's name.
        return html(
            StatusCode::FORBIDDEN,
            pages::refusal(
                "autoConsent from another site",
                "A link from another site cannot answer the consent page by itself. \
                 For unattended browser tests, start the sandbox with --auto-consent allow.",
            ),
            "refused-cross-origin",
        );
    }
    match asked.or(state.auto_consent) {
        Some(choice) => decide(&state, &request, choice, None).await,
        None => html(
            StatusCode::OK,
            page::page(&request, &state.users, &state.profile.name),
            "consent-page",
        ),
    }
}

/// `POST /v1.0/get-auth-code`: the page's form. Everything is checked again: the form's
/// hidden fields are as untrusted as the query they came from.
async fn consent_post(
    State(state): State<Arc<AppState>>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Page {
    let Ok(Form(pairs)) = form else {
        return invalid(&[ParamError {
            param: "form",
            why: "is not a valid form submission".into(),
        }]);
    };
    let request = match checked(&state, &pairs) {
        Ok(request) => request,
        Err(page) => return page,
    };
    let params = check::map_of(&pairs);
    let choice = match check::choice("decision", params.get("decision")) {
        Ok(Some(choice)) => choice,
        Ok(None) => {
            return invalid(&[ParamError {
                param: "decision",
                why: "must be allow or deny".into(),
            }])
        }
        Err(error) => return invalid(&[error]),
    };
    decide(
        &state,
        &request,
        choice,
        params.get("user").map(String::as_str),
    )
    .await
}

/// The link's (or form's) checks against this server's registration; the error page names
/// every wrong parameter.
fn checked(state: &AppState, pairs: &[(String, String)]) -> Result<ConsentRequest, Page> {
    check::check(
        pairs,
        &state.profile,
        state.partner_id.as_deref(),
        &state.redirect_urls,
    )
    .map_err(|errors| invalid(&errors))
}

async fn decide(
    state: &AppState,
    request: &ConsentRequest,
    choice: Choice,
    user: Option<&str>,
) -> Page {
    if choice == Choice::Deny {
        return redirect(&check::deny_location(request), "deny");
    }
    let Some(user) = check::picked_user(&state.users, user).cloned() else {
        return invalid(&[ParamError {
            param: "user",
            why: "is not a simulated user of this sandbox".into(),
        }]);
    };
    let scopes: Vec<String> = request.scopes.iter().map(|s| s.scope.clone()).collect();
    // The same core as `authcode request --approve`: decide, then mint only if granted.
    let granted = Decision::ApproveAll
        .granted(&scopes)
        .unwrap_or_else(|_| vec![true; scopes.len()]);
    let response = consent::respond(&scopes, &granted, &state.profile.default_error, || {
        mint::mint(CodeSource::Os, &scopes)
    });
    let Ok(Some(code)) = response.map(|r| r.auth_code) else {
        return failed("could not be served: no random bytes for a code");
    };
    let recorded = {
        let code = code.clone();
        let wallet = state.profile.name.clone();
        let gateway = state.profile.gateway.name();
        let code_ttl = state.profile.code_ttl_ms();
        state
            .writer
            .run(move |conn| {
                store::grants::record_code(
                    conn,
                    &MintedCode {
                        code: &code,
                        scopes: &scopes,
                        user_id: &user.id,
                        user_json: &user.to_json(),
                        minted_at: store::now_ms(),
                        wallet: &wallet,
                        gateway,
                        code_ttl,
                    },
                )
            })
            .await
    };
    if recorded.is_err() {
        return store_failed();
    }
    redirect(&check::allow_location(request, &code), "allow")
}
