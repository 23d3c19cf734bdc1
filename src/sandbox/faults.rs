//! Faults in the server, written once for every API route: take the fault armed on the route,
//! then (unless it answers instead) do the route's store work in the same store job, then
//! answer — after the fault's delay, if it asks for one. Arming, listing and taking a fault are
//! the store's (`store::faults`); `authcode sandbox fault` arms them.

use std::time::Duration;

use crate::sandbox::store::{Sql, SqlResult};

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
    W: FnOnce(&dyn Sql) -> SqlResult<T> + Send + 'static,
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

/// How the listing and `authcode sandbox list` show whom a fault hits: `next 3`, or
/// `20% of requests` (a tiny share in exponent form, never hundreds of decimals).
pub(crate) fn reach(fault: &faults::Fault) -> String {
    match fault.remaining {
        Some(n) => format!("next {n}"),
        None => format!("{} of requests", percent(fault.fraction)),
    }
}

/// `fraction` as a percentage: two decimals at most, or three significant digits below 0.01%.
fn percent(fraction: f64) -> String {
    let p = fraction * 100.0;
    let trim = |digits: &str| -> String {
        match digits.contains('.') {
            true => digits
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string(),
            false => digits.to_string(),
        }
    };
    if p >= 0.01 || p == 0.0 {
        format!("{}%", trim(&format!("{p:.2}")))
    } else {
        let text = format!("{p:.2e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        format!("{}e{exponent}%", trim(mantissa))
    }
}

/// A uniform number in [0, 1) from the OS, for a fault's fraction.
fn random_unit() -> f64 {
    use rand::TryRng;
    let mut bytes = [0u8; 8];
    let _ = rand::rngs::SysRng.try_fill_bytes(&mut bytes);
    (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_share_reads_as_a_short_percentage() {
        let p = super::percent;
        assert_eq!(p(1.0), "100%");
        assert_eq!(p(0.2), "20%");
        assert_eq!(p(1.0 / 3.0), "33.33%");
        assert_eq!(p(0.0001), "0.01%");
        assert_eq!(p(1e-300), "1e-298%");
        assert_eq!(p(1.234_567e-7), "1.23e-5%");
    }
}
