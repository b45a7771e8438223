//! Instants as ISO 8601 / RFC 3339 text with an offset (`2026-11-23T16:15:52Z`,
//! `2026-03-06T14:59:59-08:00`), civil-date arithmetic, and nothing that needs a time-zone database.

use std::fmt::Write;

/// An instant, remembered with the offset it was written in (so outputs keep the caller's offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub unix: i64,
    /// Nanoseconds within the second.
    pub nanos: u32,
    /// Offset from UTC in minutes (`-480` for PST).
    pub offset_minutes: i32,
}

impl PartialOrd for Instant {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Instant {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.unix, self.nanos).cmp(&(other.unix, other.nanos))
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month, day)` of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Day of the week, 0 = Sunday … 6 = Saturday.
pub fn weekday(days: i64) -> u32 {
    (days + 4).rem_euclid(7) as u32
}

pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Years this module reads and writes (four digits, as ISO 8601 without extension).
const YEARS: std::ops::RangeInclusive<i64> = 1..=9999;

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Reads `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<(i64, u32, u32)> {
    let (y, rest) = (s.get(0..4)?, s.get(4..)?);
    let (m, d) = (rest.get(1..3)?, rest.get(4..)?);
    if rest.get(0..1)? != "-" || rest.get(3..4)? != "-" || d.len() != 2 {
        return None;
    }
    let (y, m, d) = (i64::from(num(y)?), num(m)?, num(d)?);
    if !YEARS.contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some((y, m, d))
}

impl Instant {
    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; a lower-case `t`/`z` or a space for `T` too.
    pub fn parse(s: &str) -> Option<Instant> {
        let (date, rest) = (s.get(0..10)?, s.get(10..)?);
        let (y, mo, d) = parse_date(date)?;
        let sep = rest.get(0..1)?;
        if !matches!(sep, "T" | "t" | " ") {
            return None;
        }
        let time = rest.get(1..)?;
        let (h, mi, sec) = (time.get(0..2)?, time.get(3..5)?, time.get(6..8)?);
        if time.get(2..3)? != ":" || time.get(5..6)? != ":" {
            return None;
        }
        let (h, mi, sec) = (num(h)?, num(mi)?, num(sec)?);
        // A leap second (:60) is not accepted: no clock this library talks to produces one.
        if h > 23 || mi > 59 || sec > 59 {
            return None;
        }
        let mut rest = time.get(8..)?;
        let mut nanos = 0u32;
        if let Some(frac) = rest.strip_prefix('.') {
            let len = frac.bytes().take_while(u8::is_ascii_digit).count();
            if len == 0 || len > 9 {
                return None;
            }
            let digits = frac.get(..len)?;
            nanos = num(digits)? * 10u32.pow(9 - len as u32);
            rest = frac.get(len..)?;
        }
        let offset_minutes = match rest {
            "Z" | "z" => 0,
            _ => {
                let sign = match rest.get(0..1)? {
                    "+" => 1,
                    "-" => -1,
                    _ => return None,
                };
                if rest.len() != 6 || rest.get(3..4)? != ":" {
                    return None;
                }
                let (oh, om) = (num(rest.get(1..3)?)?, num(rest.get(4..6)?)?);
                if oh > 23 || om > 59 {
                    return None;
                }
                sign * (oh as i32 * 60 + om as i32)
            }
        };
        let local = days_from_civil(y, mo, d) * 86_400
            + i64::from(h) * 3600
            + i64::from(mi) * 60
            + i64::from(sec);
        Some(Instant {
            unix: local - i64::from(offset_minutes) * 60,
            nanos,
            offset_minutes,
        })
    }

    /// The same instant shown at another offset.
    pub fn with_offset(self, offset_minutes: i32) -> Instant {
        Instant {
            offset_minutes,
            ..self
        }
    }

    /// `n` whole days later (24-hour days; the offset stays as written).
    pub fn plus_days(self, n: i64) -> Option<Instant> {
        Some(Instant {
            unix: self.unix.checked_add(n.checked_mul(86_400)?)?,
            ..self
        })
    }

    /// Local `(days, seconds of day)` at the instant's offset.
    pub fn local(self) -> (i64, i64) {
        let local = self.unix + i64::from(self.offset_minutes) * 60;
        (local.div_euclid(86_400), local.rem_euclid(86_400))
    }

    /// RFC 3339 text at the instant's own offset (`Z` for UTC), with fractions only when present.
    pub fn format(self) -> String {
        let (days, secs) = self.local();
        let (y, m, d) = civil_from_days(days);
        let mut out = format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        );
        if self.nanos > 0 {
            let frac = format!("{:09}", self.nanos);
            out.push('.');
            out.push_str(frac.trim_end_matches('0'));
        }
        if self.offset_minutes == 0 {
            out.push('Z');
        } else {
            let sign = if self.offset_minutes < 0 { '-' } else { '+' };
            let o = self.offset_minutes.unsigned_abs();
            let _ = write!(out, "{sign}{:02}:{:02}", o / 60, o % 60);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_weekdays() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(weekday(days_from_civil(2026, 11, 23)), 1); // a Monday
        for z in -800_000..800_000 {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn parses_and_formats_rfc3339() {
        let t = Instant::parse("2026-03-06T14:59:59-08:00").unwrap();
        assert_eq!(t.format(), "2026-03-06T14:59:59-08:00");
        assert_eq!(t.with_offset(0).format(), "2026-03-06T22:59:59Z");
        assert_eq!(
            Instant::parse("2026-11-23T16:15:52.120Z").unwrap().format(),
            "2026-11-23T16:15:52.12Z"
        );
        assert_eq!(
            Instant::parse("2026-01-31T00:00:00Z")
                .unwrap()
                .plus_days(1)
                .unwrap()
                .format(),
            "2026-02-01T00:00:00Z"
        );
        for bad in [
            "",
            "2026-02-30T00:00:00Z",
            "2026-11-23",
            "2026-11-23T24:00:00Z",
            "2026-11-23T10:00:00",
            "2026-11-23T10:00:00+0100",
            "2026-11-23T10:00:00.Z",
            "2026-11-23T10:00:00.1234567890Z",
            "２026-11-23T10:00:00Z",
            "2026-11-23T10:00:00Zjunk",
        ] {
            assert_eq!(Instant::parse(bad), None, "{bad}");
        }
    }
}
