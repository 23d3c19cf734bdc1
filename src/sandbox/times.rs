//! Times on the wire: any ISO-8601 date-time with an offset is accepted (official clients send
//! `+07:00` and `Z`); answers are written as DANA writes them, `YYYY-MM-DDTHH:mm:ss+07:00`.

use jiff::tz::{Offset, TimeZone};
use jiff::Timestamp;

/// `text` as an instant, if it is `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` and a real
/// date and time. A space for the `T`, a missing offset or a basic-format offset is refused.
pub fn parse(text: &str) -> Option<Timestamp> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    if b.len() < 20
        || !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        || b[10] != b'T'
        || !(digits(11..13) && b[13] == b':' && digits(14..16) && b[16] == b':' && digits(17..19))
    {
        return None;
    }
    let mut rest = &b[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let n = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 || n > 9 {
            return None;
        }
        rest = &fraction[n..];
    }
    let offset_ok = match rest {
        b"Z" => true,
        [sign, h1, h2, b':', m1, m2] => {
            matches!(sign, b'+' | b'-') && [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit())
        }
        _ => false,
    };
    if !offset_ok {
        return None;
    }
    text.parse().ok()
}

/// Whether `millis` can be written by [`jakarta`] (it lies in the years 1 to 9999).
pub(crate) fn writable(millis: i64) -> bool {
    Timestamp::from_millisecond(millis).is_ok()
}

/// Jakarta time, as DANA writes expiry and response times.
pub fn jakarta(millis: i64) -> String {
    let ts = Timestamp::from_millisecond(millis).unwrap_or(Timestamp::UNIX_EPOCH);
    ts.to_zoned(TimeZone::fixed(Offset::constant(7)))
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// China Standard Time without a zone, `yyyy-MM-dd HH:mm:ss`, as Alipay CN writes times.
pub fn beijing(millis: i64) -> String {
    let ts = Timestamp::from_millisecond(millis).unwrap_or(Timestamp::UNIX_EPOCH);
    ts.to_zoned(TimeZone::fixed(Offset::constant(8)))
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// UTC with an explicit offset (`+00:00`), as the Alipay+ answers write their times.
pub fn utc(millis: i64) -> String {
    let ts = Timestamp::from_millisecond(millis).unwrap_or(Timestamp::UNIX_EPOCH);
    ts.to_zoned(TimeZone::UTC)
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_iso_8601_with_any_offset() {
        for ok in [
            "2025-01-01T10:00:00+07:00",
            "2025-01-01T03:00:00Z",
            "2025-01-01T03:00:00.123Z",
            "2025-01-01T03:00:00.123456-05:30",
        ] {
            assert!(parse(ok).is_some(), "{ok}");
        }
        assert_eq!(
            parse("2025-01-01T10:00:00+07:00"),
            parse("2025-01-01T03:00:00Z")
        );
    }

    #[test]
    fn refuses_other_shapes() {
        for bad in [
            "2025-01-01 10:00:00+07:00",
            "2025-01-01T10:00:00",
            "2025-01-01T10:00:00+0700",
            "2025-13-01T10:00:00+07:00",
            "2025-02-30T10:00:00+07:00",
            "2025-01-01T10:00:00.Z",
            "1735700400",
            "",
            "2025-01-01T10:00:00+07:00x",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn writes_jakarta_time_in_25_characters() {
        let t = jakarta(0);
        assert_eq!(t, "1970-01-01T07:00:00+07:00");
        assert_eq!(t.len(), 25);
    }

    #[test]
    fn writes_up_to_the_year_9999_only() {
        let last = Timestamp::MAX.as_second() * 1000;
        assert!(writable(last));
        assert_eq!(jakarta(last), "9999-12-31T05:00:00+07:00");
        assert!(!writable(last + 1000));
        assert!(!writable(i64::MAX));
    }
}
