//! A point in time as the caller wrote it: an [`Instant`] and the offset it came with, so the
//! ledger's entries speak in the caller's offset (`Z` stays `Z`). Parsing and calendar arithmetic
//! are the ones of [`crate::time::pacific`] and [`crate::time::calendar`].

use crate::time::pacific::Instant;

const DAY: i64 = 86_400;

/// An instant and the offset (seconds east of UTC) it is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub at: Instant,
    pub offset: i32,
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.at.cmp(&other.at)
    }
}

impl Stamp {
    /// ISO 8601 with an offset (`2026-11-23T16:15:52Z`, `2026-03-06T14:59:59-08:00`).
    pub fn parse(text: &str) -> Option<Stamp> {
        Instant::parse_with_offset(text).map(|(at, offset)| Stamp { at, offset })
    }

    /// `n` whole days (of 24 hours) later.
    pub fn plus_days(self, n: i64) -> Option<Stamp> {
        let secs = self.at.secs.checked_add(n.checked_mul(DAY)?)?;
        Some(Stamp {
            at: Instant {
                secs,
                nanos: self.at.nanos,
            },
            ..self
        })
    }

    /// The text at the stamp's own offset, `Z` for UTC; `None` beyond four-digit years.
    pub fn format(self) -> Option<String> {
        self.at.write(self.offset, true)
    }

    /// The local date, `YYYY-MM-DD`, at the stamp's offset.
    pub fn date(self) -> String {
        self.at.local(self.offset).0.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_callers_offset() {
        let t = Stamp::parse("2026-03-06T14:59:59-08:00").unwrap();
        assert_eq!(t.format().unwrap(), "2026-03-06T14:59:59-08:00");
        assert_eq!(t.date(), "2026-03-06");
        let z = Stamp::parse("2026-01-31T23:30:00.120Z").unwrap();
        assert_eq!(z.format().unwrap(), "2026-01-31T23:30:00.12Z");
        assert_eq!(
            z.plus_days(1).unwrap().format().unwrap(),
            "2026-02-01T23:30:00.12Z"
        );
        assert_eq!(Stamp::parse("2026-11-23T10:00:00"), None);
        assert!(Stamp::parse("2026-01-01T00:00:00+01:00").unwrap() < z);
    }
}
