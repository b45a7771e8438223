//! Civil dates and the US Federal Reserve's business days, computed by rule for any year.
//!
//! Dates are days since 1970-01-01 underneath (Howard Hinnant's `days_from_civil` /
//! `civil_from_days`, exact for the proleptic Gregorian calendar), so date arithmetic is integer
//! arithmetic and no calendar crate or time-zone database is needed.
//!
//! The Fed's holidays: New Year's Day, Martin Luther King Jr.'s Birthday, Washington's Birthday,
//! Memorial Day, Juneteenth (from 2022, the first year the Fed closed for it), Independence Day,
//! Labor Day, Columbus Day, Veterans Day, Thanksgiving and Christmas. A fixed-date holiday on a
//! Sunday is observed the Monday after; one on a Saturday is not moved (the Fed stays open the
//! Friday before). The current rules apply to every year (the history of MLK Day before 1986 and of
//! Monday holidays before 1971 is out of scope for scheduling payouts).

use std::fmt;

use crate::input::issue::{Code, Error, Path};

/// Earliest and latest years a date may have: ISO 8601's four-digit years.
pub const MIN_YEAR: i64 = 1;
pub const MAX_YEAR: i64 = 9999;

/// A day of the week, Monday first (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// 0 for Monday … 6 for Sunday.
    pub fn index(self) -> i64 {
        self as i64
    }
    fn from_index(i: i64) -> Self {
        match i.rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }
}

/// A calendar date (proleptic Gregorian), held as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i64,
}

impl Date {
    /// The date of `year-month-day`, or `None` when there is no such day (`2023-02-29`).
    pub fn new(year: i64, month: u32, day: u32) -> Option<Self> {
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        // Years far outside ±10^9 would overflow the arithmetic below; no caller needs them.
        if year.abs() > 1_000_000_000 {
            return None;
        }
        Some(Self {
            days: days_from_civil(year, month, day),
        })
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    pub fn from_days(days: i64) -> Self {
        Self { days }
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        self.days
    }

    /// `(year, month, day)`.
    pub fn civil(self) -> (i64, u32, u32) {
        civil_from_days(self.days)
    }

    pub fn year(self) -> i64 {
        self.civil().0
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::from_index(self.days + 3)
    }

    /// The date `n` days later (earlier when negative); `None` on overflow.
    pub fn add_days(self, n: i64) -> Option<Self> {
        Some(Self {
            days: self.days.checked_add(n)?,
        })
    }

    /// Parses `"YYYY-MM-DD"` exactly (four-digit year 0001–9999, a real calendar day).
    pub fn parse(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let year = digits(b.get(0..4)?)?;
        let month = digits(b.get(5..7)?)?;
        let day = digits(b.get(8..10)?)?;
        if year < MIN_YEAR {
            return None;
        }
        Date::new(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
    }

    /// Like [`Date::parse`], with an error naming the rule.
    pub fn parse_field(text: &str, path: &Path, what: &str) -> Result<Self, Error> {
        Date::parse(text).ok_or_else(|| {
            let shown = crate::input::json::head(text, 40);
            Error::single(
                path,
                Code::InvalidDate,
                format!(
                    "{what} must be a calendar date written YYYY-MM-DD, got {}",
                    crate::input::json::quoted(shown)
                ),
            )
        })
    }

    /// Whether the year is within 0001–9999, the years ISO 8601 text can carry.
    pub fn is_writable(self) -> bool {
        (MIN_YEAR..=MAX_YEAR).contains(&self.year())
    }
}

/// `YYYY-MM-DD` (years beyond four digits are written with their digits, so never silently wrong).
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.civil();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// The value of ASCII digits, `None` if any byte is not a digit.
pub(crate) fn digits(bytes: &[u8]) -> Option<i64> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0i64, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
    })
}

pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to `y-m-d` (Hinnant's algorithm: eras of 400 years, March-based years).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let mp = (m + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + d - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let y = yoe + era * 400 + i64::from(m <= 2);
    // d and m are within [1, 31] and [1, 12] by construction.
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

/// The `n`-th (1-based) `weekday` of a month; `n = 0` means the last one.
pub fn nth_weekday(year: i64, month: u32, weekday: Weekday, n: u32) -> Option<Date> {
    if n == 0 {
        let last = Date::new(year, month, days_in_month(year, month))?;
        let back = (last.weekday().index() - weekday.index()).rem_euclid(7);
        return last.add_days(-back);
    }
    let first = Date::new(year, month, 1)?;
    let forward = (weekday.index() - first.weekday().index()).rem_euclid(7);
    first.add_days(forward + 7 * (i64::from(n) - 1))
}

/// One of the Fed's holidays in a year: the day it is observed, its date by rule and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub name: &'static str,
    /// The date the rule gives (`July 4`).
    pub date: Date,
    /// The day the Fed is closed for it: `date`, or the Monday after when `date` is a Sunday. A
    /// holiday on a Saturday is observed on no business day (the Friday before stays open).
    pub observed: Date,
}

/// The Fed's holidays of `year`, in calendar order.
pub fn fed_holidays(year: i64) -> Vec<Holiday> {
    use Weekday::*;
    let fixed = |name, month, day| -> Option<Holiday> {
        let date = Date::new(year, month, day)?;
        let observed = match date.weekday() {
            Sunday => date.add_days(1)?,
            _ => date,
        };
        Some(Holiday {
            name,
            date,
            observed,
        })
    };
    let floating = |name, month, weekday, n| -> Option<Holiday> {
        let date = nth_weekday(year, month, weekday, n)?;
        Some(Holiday {
            name,
            date,
            observed: date,
        })
    };
    let juneteenth = if year >= 2022 {
        fixed("Juneteenth National Independence Day", 6, 19)
    } else {
        None
    };
    [
        fixed("New Year's Day", 1, 1),
        floating("Birthday of Martin Luther King, Jr.", 1, Monday, 3),
        floating("Washington's Birthday", 2, Monday, 3),
        floating("Memorial Day", 5, Monday, 0),
        juneteenth,
        fixed("Independence Day", 7, 4),
        floating("Labor Day", 9, Monday, 1),
        floating("Columbus Day", 10, Monday, 2),
        fixed("Veterans Day", 11, 11),
        floating("Thanksgiving Day", 11, Thursday, 4),
        fixed("Christmas Day", 12, 25),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The holiday the Fed is closed for on `date`, if any.
pub fn holiday_on(date: Date) -> Option<Holiday> {
    // A Sunday holiday of Dec 31 would be observed Jan 1 of the next year, but Dec 31 is no
    // holiday, so each date's own year holds every holiday observed on it.
    fed_holidays(date.year())
        .into_iter()
        .find(|h| h.observed == date)
}

/// A business day: Monday to Friday and not a Fed holiday.
pub fn is_business_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) && holiday_on(date).is_none()
}

/// The first business day strictly after `date`.
pub fn next_business_day(date: Date) -> Option<Date> {
    let mut d = date.add_days(1)?;
    // At most a weekend plus a holiday lie in between; the bound only guards against a bug.
    for _ in 0..14 {
        if is_business_day(d) {
            return Some(d);
        }
        d = d.add_days(1)?;
    }
    None
}

/// The business day `n` business days after `date` (`n = 0`: `date` itself).
pub fn add_business_days(date: Date, n: u32) -> Option<Date> {
    let mut d = date;
    for _ in 0..n {
        d = next_business_day(d)?;
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_epoch() {
        assert_eq!(Date::new(1970, 1, 1).map(Date::days), Some(0));
        assert_eq!(Date::new(2000, 3, 1).map(Date::days), Some(11_017));
        assert_eq!(Date::new(1969, 12, 31).map(Date::days), Some(-1));
        for days in (-800_000..3_000_000).step_by(997) {
            let d = Date::from_days(days);
            let (y, m, dd) = d.civil();
            assert_eq!(Date::new(y, m, dd), Some(d));
        }
    }

    #[test]
    fn parse_is_exact() {
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "24-01-01",
            "2024/01/01",
            "0000-01-01",
            "2024-01-01T",
            "２０２４-01-01",
            "+202-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }
}
