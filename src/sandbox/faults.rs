//! Faults in the server, written once for every API route: take the fault armed on the route,
//! then (unless it answers instead) do the route's store work in the same store job, then
//! answer — after the fault's delay, if it asks for one. Arming, listing and taking a fault are
//! the store's (`store::faults`); `authcode sandbox fault` arms them.

use std::time::Duration;

use rusqlite::Connection;

use super::answer::Answer;
use super::route::Route;
use super::store::faults::{self, Answer as Armed};
use super::store::writer::{StoreFailure, Writer};

/// A fault that answers instead of the route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Injected {
    /// This result code, in the route's shape.
    Code(String),
    /// This HTTP status (5xx), with a body in the route's shape.
    Status(u16),
}

/// What the store job did: answered by a fault, or the route's work (maybe to be delayed).
enum Taken<T> {
    Instead(Injected),
    Done(Option<u64>, T),
}

/// Runs `work` on `route` behind its faults: `answer` turns the work's outcome into the
/// answer, `injected` gives the answer of a fault that answers instead.
pub(crate) async fn serve<T, W>(
    writer: &Writer,
    route: Route,
    work: W,
    answer: impl FnOnce(Result<T, StoreFailure>) -> Answer,
    injected: impl FnOnce(Injected) -> Answer,
) -> Answer
where
    T: Send + 'static,
    W: FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
{
    let name = route.name();
    let outcome = writer
        .run(move |conn| {
            let fault = faults::take(conn, name, random_unit)?;
            let label = fault.as_ref().map(label);
            let taken = match fault {
                Some(Armed::Code(code)) => Taken::Instead(Injected::Code(code)),
                Some(Armed::Status(status)) => Taken::Instead(Injected::Status(status)),
                Some(Armed::DelayMs(ms)) => Taken::Done(Some(ms), work(conn)?),
                None => Taken::Done(None, work(conn)?),
            };
            Ok((label, taken))
        })
        .await;
    let (label, mut answer) = match outcome {
        Err(e) => (None, answer(Err(e))),
        Ok((label, Taken::Instead(fault))) => (label, injected(fault)),
        Ok((label, Taken::Done(delay, result))) => {
            if let Some(ms) = delay {
                tokio::time::sleep(Duration::from_millis(ms)).await;
            }
            (label, answer(Ok(result)))
        }
    };
    answer.fault = label;
    answer
}

/// How the access log, the listing and `authcode sandbox` show a fault's answer.
pub(crate) fn label(answer: &Armed) -> String {
    match answer {
        Armed::Code(c) => format!("fault={c}"),
        Armed::Status(s) => format!("fault=http-{s}"),
        Armed::DelayMs(ms) => format!("fault=delay-{ms}ms"),
    }
}

/// A uniform number in [0, 1) from the OS, for a fault's fraction.
fn random_unit() -> f64 {
    use rand::TryRng;
    let mut bytes = [0u8; 8];
    let _ = rand::rngs::SysRng.try_fill_bytes(&mut bytes);
    (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
}
