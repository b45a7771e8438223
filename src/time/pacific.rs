//! Instants as ISO 8601 text with an offset, and US Pacific time computed by rule.
//!
//! Pacific time is UTC−8 (PST), and UTC−7 (PDT) from the second Sunday of March at 2:00 PST until
//! the first Sunday of November at 2:00 PDT — the rules in force since 2007, applied to every year
//! (no time-zone database is read or downloaded; earlier US rules are out of scope).

use crate::input::issue::{Code, Error, Path};
use crate::time::calendar::{digits, nth_weekday, Date, Weekday};

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
/// PST and PDT, in seconds east of UTC.
pub const PST: i32 = -8 * 3_600;
pub const PDT: i32 = -7 * 3_600;

/// A moment in time: seconds since 1970-01-01T00:00:00Z and the nanoseconds within that second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant {
    pub secs: i64,
    pub nanos: u32,
}

impl Instant {
    pub fn from_secs(secs: i64) -> Self {
        Self { secs, nanos: 0 }
    }

    /// The instant of a wall-clock time (`secs_of_day` after midnight) at a fixed offset.
    pub fn from_local(date: Date, secs_of_day: i64, offset: i32) -> Option<Self> {
        let local = date.days().checked_mul(DAY)?.checked_add(secs_of_day)?;
        Some(Self::from_secs(local.checked_sub(i64::from(offset))?))
    }

    /// Parses ISO 8601 / RFC 3339 text with its offset: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    /// A time without an offset is refused: it would name a different instant in every zone.
    pub fn parse(text: &str) -> Option<Self> {
        Self::parse_with_offset(text).map(|(at, _)| at)
    }

    /// Like [`Instant::parse`], also giving the offset the text was written with (seconds east
    /// of UTC), so an answer can speak in the caller's offset.
    pub fn parse_with_offset(text: &str) -> Option<(Self, i32)> {
        let b = text.as_bytes();
        let date = Date::parse(text.get(0..10)?)?;
        if !matches!(b.get(10), Some(b'T' | b't')) {
            return None;
        }
        let hour = digits(b.get(11..13)?)?;
        let minute = digits(b.get(14..16)?)?;
        let second = digits(b.get(17..19)?)?;
        if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
            return None;
        }
        // Leap seconds (":60") are not representable here; no payout is scheduled in one.
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        let mut rest = b.get(19..)?;
        let mut nanos: u32 = 0;
        if let Some((b'.' | b',', frac)) = rest.split_first() {
            let len = frac.iter().take_while(|c| c.is_ascii_digit()).count();
            if len == 0 {
                return None;
            }
            // Digits beyond nanoseconds are read and dropped (truncated), never rounded up.
            for i in 0..9 {
                let digit = match frac.get(i) {
                    Some(c) if i < len => u32::from(c - b'0'),
                    _ => 0,
                };
                nanos = nanos * 10 + digit;
            }
            rest = frac.get(len..)?;
        }
        let offset: i64 = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let h = digits(&[*h1, *h2])?;
                let m = digits(&[*m1, *m2])?;
                if h > 23 || m > 59 {
                    return None;
                }
                let v = h * HOUR + m * 60;
                if *sign == b'-' {
                    -v
                } else {
                    v
                }
            }
            _ => return None,
        };
        let local = date.days() * DAY + hour * HOUR + minute * 60 + second;
        Some((
            Self {
                secs: local - offset,
                nanos,
            },
            i32::try_from(offset).ok()?,
        ))
    }

    /// Like [`Instant::parse`], with an error naming the rule.
    pub fn parse_field(text: &str, path: &Path, what: &str) -> Result<Self, Error> {
        Instant::parse(text).ok_or_else(|| {
            let shown = crate::input::json::head(text, 48);
            Error::single(
                path,
                Code::InvalidDateTime,
                format!(
                    "{what} must be an ISO 8601 date-time with an offset, such as \
                     \"2026-03-06T14:59:59-08:00\" or \"2012-10-31T16:40:12Z\"; got {}",
                    crate::input::json::quoted(shown)
                ),
            )
        })
    }

    /// The date and the seconds after midnight of this instant at `offset`.
    pub fn local(self, offset: i32) -> (Date, i64) {
        let local = self.secs.saturating_add(i64::from(offset));
        (
            Date::from_days(local.div_euclid(DAY)),
            local.rem_euclid(DAY),
        )
    }

    /// ISO 8601 at `offset`, to the second (`2026-03-06T15:00:00-08:00`); `None` for years that
    /// four digits cannot write.
    pub fn format(self, offset: i32) -> Option<String> {
        self.write(offset, false)
    }

    /// [`Instant::format`], with `Z` for the offset 0 when `zulu` (`2026-03-06T23:00:00Z`).
    /// Written digit by digit: a ledger call writes several stamps, and `format!` was ~5 % of a
    /// settlement preview.
    pub fn write(self, offset: i32, zulu: bool) -> Option<String> {
        let (date, secs) = self.local(offset);
        if !date.is_writable() {
            return None;
        }
        let (y, mo, d) = date.civil();
        let secs = secs.unsigned_abs();
        let mut text = String::with_capacity(36);
        padded(&mut text, y.unsigned_abs(), 4);
        text.push('-');
        padded(&mut text, u64::from(mo), 2);
        text.push('-');
        padded(&mut text, u64::from(d), 2);
        text.push('T');
        padded(&mut text, secs / 3600, 2);
        text.push(':');
        padded(&mut text, secs % 3600 / 60, 2);
        text.push(':');
        padded(&mut text, secs % 60, 2);
        if self.nanos != 0 {
            // The fraction without its trailing zeros.
            let (mut nanos, mut width) = (self.nanos, 9);
            while nanos % 10 == 0 {
                nanos /= 10;
                width -= 1;
            }
            text.push('.');
            padded(&mut text, u64::from(nanos), width);
        }
        if zulu && offset == 0 {
            text.push('Z');
        } else {
            text.push(if offset < 0 { '-' } else { '+' });
            let off = u64::from(offset.unsigned_abs());
            padded(&mut text, off / 3600, 2);
            text.push(':');
            padded(&mut text, off % 3600 / 60, 2);
        }
        Some(text)
    }

    /// ISO 8601 in Pacific time, with the offset in force at this instant.
    pub fn format_pacific(self) -> Option<String> {
        self.format(pacific_offset(self))
    }
}

/// `n` in decimal, zeros before it up to `width` digits (as `{n:0width$}`).
fn padded(text: &mut String, n: u64, width: usize) {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    for _ in digits.len()..width {
        text.push('0');
    }
    text.push_str(digits);
}

/// The instants daylight-saving time starts and ends in `year`: the second Sunday of March at
/// 2:00 PST (10:00 UTC) and the first Sunday of November at 2:00 PDT (09:00 UTC).
pub fn dst_bounds(year: i64) -> Option<(Instant, Instant)> {
    let start = nth_weekday(year, 3, Weekday::Sunday, 2)?;
    let end = nth_weekday(year, 11, Weekday::Sunday, 1)?;
    Some((
        Instant::from_local(start, 2 * HOUR, PST)?,
        Instant::from_local(end, 2 * HOUR, PDT)?,
    ))
}

/// The Pacific offset in force at an instant: PDT from the March switch (inclusive) to the
/// November switch (exclusive), PST otherwise.
pub fn pacific_offset(at: Instant) -> i32 {
    // The Pacific year equals the UTC year around both switches (March and November).
    let (date, _) = at.local(0);
    match dst_bounds(date.year()) {
        Some((start, end)) if start <= at && at < end => PDT,
        _ => PST,
    }
}

/// The instant of a Pacific wall-clock time. In the November hour that occurs twice the earlier
/// (PDT) one is taken; a time in the skipped March hour is read as PST (it lands an hour later in
/// PDT). The schedule only asks for 9:00 and 15:00, which are never ambiguous.
pub fn pacific_instant(date: Date, secs_of_day: i64) -> Option<Instant> {
    let as_pdt = Instant::from_local(date, secs_of_day, PDT)?;
    if pacific_offset(as_pdt) == PDT {
        return Some(as_pdt);
    }
    Instant::from_local(date, secs_of_day, PST)
}

/// The Pacific date and seconds after midnight of an instant.
pub fn pacific_local(at: Instant) -> (Date, i64) {
    at.local(pacific_offset(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_format_round_trip() {
        let t = Instant::parse("2026-03-06T14:59:59-08:00");
        assert_eq!(
            t.and_then(|t| t.format(PST)),
            Some("2026-03-06T14:59:59-08:00".to_owned())
        );
        let z = Instant::parse("2012-10-31T16:40:12.425960Z");
        assert_eq!(z.map(|z| z.nanos), Some(425_960_000));
        assert_eq!(
            z.and_then(|z| z.format(0)),
            Some("2012-10-31T16:40:12.42596+00:00".to_owned())
        );
    }

    #[test]
    fn parse_refuses_what_is_not_iso_8601_with_an_offset() {
        for bad in [
            "2026-03-06T14:59:59",
            "2026-03-06 14:59:59Z",
            "2026-03-06T24:00:00Z",
            "2026-03-06T14:60:00Z",
            "2026-03-06T14:59:60Z",
            "2026-03-06T14:59:59.Z",
            "2026-03-06T14:59:59+0800",
            "2026-03-06T14:59:59+24:00",
            "2026-02-30T14:59:59Z",
            "2026-03-06T14:59:59Z ",
            "2026-03-06",
            "",
        ] {
            assert_eq!(Instant::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn written_as_format_wrote_it() {
        // What `format!` wrote before `Instant::write` (and `Stamp::format`'s `Z` for +00:00).
        fn old(t: Instant, offset: i32) -> Option<String> {
            let (date, secs) = t.local(offset);
            if !date.is_writable() {
                return None;
            }
            let (h, m, s) = (secs / HOUR, secs % HOUR / 60, secs % 60);
            let sign = if offset < 0 { '-' } else { '+' };
            let off = offset.unsigned_abs();
            let frac = if t.nanos == 0 {
                String::new()
            } else {
                format!(".{:09}", t.nanos).trim_end_matches('0').to_owned()
            };
            Some(format!(
                "{date}T{h:02}:{m:02}:{s:02}{frac}{sign}{:02}:{:02}",
                off / 3600,
                off % 3600 / 60
            ))
        }
        let mut secs: i64 = -62_135_596_900;
        for k in 0..20_000i64 {
            let nanos = [0, 120_000_000, 1, 999_999_999, 500, 10][(k % 6) as usize];
            let t = Instant { secs, nanos };
            for offset in [
                0,
                3600,
                -8 * 3600,
                5 * 3600 + 1800,
                -(23 * 3600 + 59 * 60),
                59 * 60,
            ] {
                assert_eq!(t.format(offset), old(t, offset), "{secs} {nanos} {offset}");
                let z = old(t, offset).map(|s| match s.strip_suffix("+00:00") {
                    Some(utc) if offset == 0 => format!("{utc}Z"),
                    _ => s,
                });
                assert_eq!(t.write(offset, true), z);
            }
            secs = secs.wrapping_add(12_345_678_901 + k * 7_919);
            if secs > 253_402_400_000 {
                secs -= 316_000_000_000;
            }
        }
    }
}
