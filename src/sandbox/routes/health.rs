//! The health check (`GET /healthz`): 200 when the store answers a query through the writer
//! within [`WITHIN`], 503 when it fails or does not answer in time — for compose health
//! checks, Kubernetes probes and CI wait loops. It is neither a page nor an admin route, so
//! no guard stands in front of it: probes come from anywhere, and it tells nothing the store
//! holds.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::routing::{get, MethodRouter};
use serde_json::json;

use crate::sandbox::answer::Answer;
use crate::sandbox::state::AppState;
use crate::sandbox::store::health;

/// How long the check waits for the store: a store held locked by another process (the writer
/// waits up to its busy timeout) is unhealthy before a probe's own timeout gives up.
pub(crate) const WITHIN: Duration = Duration::from_secs(2);

/// The route's methods.
pub(crate) fn methods() -> MethodRouter<Arc<AppState>> {
    get(handle)
}

async fn handle(State(state): State<Arc<AppState>>) -> Answer {
    let query = state.writer.run(health::schema_version);
    let why = match tokio::time::timeout(WITHIN, query).await {
        Ok(Ok(schema)) => {
            return answer(200, "ok", json!({"status": "ok", "schema": schema}));
        }
        Ok(Err(failure)) => failure.0,
        Err(_) => format!("the store did not answer within {}s", WITHIN.as_secs()),
    };
    answer(
        503,
        "store-unavailable",
        json!({"status": "unavailable", "why": why}),
    )
}

fn answer(status: u16, logged: &str, body: serde_json::Value) -> Answer {
    Answer {
        status,
        body,
        code: logged.into(),
        fault: None,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use axum::body::{to_bytes, Body};
    use axum::http::{Request, StatusCode};
    use serde_json::Value;
    use tower::ServiceExt;

    use super::WITHIN;
    use crate::sandbox::app_tests::{sandbox, sandbox_guarded};
    use crate::sandbox::guard::Guard;

    /// `method /healthz` from another machine, for another Host, from another site: the
    /// status and the body.
    async fn probe(app: &axum::Router, method: &str) -> (StatusCode, Value) {
        let mut request = Request::builder()
            .method(method)
            .uri("/healthz")
            .header("host", "sandbox.staging.example")
            .header("origin", "https://elsewhere.example")
            .body(Body::empty())
            .unwrap();
        let peer = std::net::SocketAddr::from(([10, 1, 2, 3], 40000));
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    #[tokio::test]
    async fn healthz_is_200_from_anywhere_when_the_store_answers() {
        let guarded = Guard {
            admin_token: Some("s3cret".into()),
        };
        for (_dir, app) in [sandbox(), sandbox_guarded(guarded)] {
            let (status, body) = probe(&app, "GET").await;
            assert_eq!(status, StatusCode::OK, "{body}");
            assert_eq!(body["status"], "ok", "{body}");
            assert_eq!(
                body["schema"],
                crate::sandbox::store::schema::VERSION,
                "{body}"
            );
            assert_eq!(probe(&app, "HEAD").await.0, StatusCode::OK);
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn healthz_is_503_while_the_store_cannot_be_used_and_200_again_after() {
        let (dir, app) = sandbox();
        assert_eq!(probe(&app, "GET").await.0, StatusCode::OK);
        // Another process holds the store's write lock: the writer cannot begin.
        let other = rusqlite::Connection::open(dir.path().join("store.sqlite3")).unwrap();
        other.execute_batch("BEGIN EXCLUSIVE").unwrap();
        let started = Instant::now();
        let (status, body) = probe(&app, "GET").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert_eq!(body["status"], "unavailable", "{body}");
        assert!(
            body["why"].as_str().unwrap().contains("did not answer"),
            "{body}"
        );
        assert!(
            started.elapsed() < WITHIN * 2,
            "the probe waited {:?}",
            started.elapsed()
        );
        other.execute_batch("ROLLBACK").unwrap();
        let (status, body) = probe(&app, "GET").await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
}
