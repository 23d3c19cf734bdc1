//! Durations on the command line — `serve`'s lifetimes (`--code-ttl`, `--access-token-ttl`,
//! `--refresh-token-ttl`) and a fault's `--delay` — read one way: humantime's words (`90s`,
//! `10m`, `1h`, `7d`), more than zero, and never a bare `M`, which humantime reads as months
//! where a reader may mean minutes.

use std::time::Duration;

use crate::error::CliError;
use crate::text::brief;

/// `text`, given to `flag`, as a duration more than zero.
pub(crate) fn parse(flag: &str, text: &str) -> Result<Duration, CliError> {
    let shown = brief(text);
    if units(text).any(|unit| unit == "M") {
        return Err(CliError::usage(format!(
            "{flag} {shown:?} is ambiguous: M reads as months, m as minutes"
        ))
        .with_hint("write minutes as 10m, and months in days (30d)"));
    }
    let d = humantime::parse_duration(text.trim()).map_err(|_| {
        CliError::usage(format!("{flag} {shown:?} is not a duration"))
            .with_hint("write durations like 500ms, 90s, 10m, 1h or 7d")
    })?;
    if d.is_zero() {
        return Err(CliError::usage(format!(
            "{flag} {shown:?} must be more than zero"
        )));
    }
    Ok(d)
}

/// `d` in milliseconds (saturated).
pub(crate) fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// The unit words of `text`: the runs of letters after a number.
fn units(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(flag: &str, text: &str) -> String {
        parse(flag, text).unwrap_err().to_string()
    }

    #[test]
    fn reads_humantimes_words() {
        assert_eq!(parse("--x", "90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse("--x", " 1h 30m ").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse("--x", "2months").unwrap().as_secs(), 2 * 2_630_016);
        assert_eq!(millis(Duration::MAX), i64::MAX);
    }

    #[test]
    fn zero_is_not_a_lifetime_and_a_bare_m_is_ambiguous() {
        assert_eq!(
            error("--code-ttl", "0s"),
            "--code-ttl \"0s\" must be more than zero"
        );
        assert_eq!(
            error("--code-ttl", "10M"),
            "--code-ttl \"10M\" is ambiguous: M reads as months, m as minutes"
        );
        assert!(error("--delay", "1h 10M").contains("ambiguous"));
        assert_eq!(
            error("--delay", "soon"),
            "--delay \"soon\" is not a duration"
        );
    }
}
