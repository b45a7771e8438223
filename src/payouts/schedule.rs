//! When a credit moves, on the Federal Reserve's calendar in Pacific time: submitted in a 3 pm
//! batch, expected at 9:00 am the business day after, open to rejection three business days more.

use serde::Serialize;

use crate::input::issue::{Code, Error, Path};
use crate::time::calendar::{add_business_days, is_business_day, next_business_day, Date};
use crate::time::pacific::{pacific_instant, pacific_local, Instant};

/// Batches leave at 3 pm Pacific; a credit created at 15:00:00 or later waits for the next one.
pub const CUTOFF_SECS: i64 = 15 * 3_600;
/// Money is expected at 9:00 am Pacific on the business day after submission.
pub const AVAILABLE_SECS: i64 = 9 * 3_600;
/// Banks may reject up to this many business days after the money should be available.
pub const FAILURE_WINDOW_DAYS: u32 = 3;
/// When a credit moves: submitted in a 3 pm Pacific batch, expected at 9:00 am Pacific the
/// business day after, and open to a bank's rejection until three business days after that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub submitted_at: Instant,
    pub available_at: Instant,
    pub failure_deadline: Instant,
}

/// The schedule as returned: ISO 8601 in Pacific time, each with its offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CreditSchedule {
    pub submitted_at: String,
    pub available_at: String,
    pub failure_deadline: String,
}

/// The schedule of a credit created at `created`. A credit created before 15:00:00 Pacific on a
/// business day goes in that day's batch; at 15:00:00 exactly or later (or on any other day), in
/// the next business day's. The same in both versions.
pub fn credit_schedule_at(created: Instant) -> Option<Schedule> {
    let (date, secs) = pacific_local(created);
    let submit_day: Date = if is_business_day(date) && secs < CUTOFF_SECS {
        date
    } else {
        next_business_day(date)?
    };
    let available_day = next_business_day(submit_day)?;
    let deadline_day = add_business_days(available_day, FAILURE_WINDOW_DAYS)?;
    Some(Schedule {
        submitted_at: pacific_instant(submit_day, CUTOFF_SECS)?,
        available_at: pacific_instant(available_day, AVAILABLE_SECS)?,
        failure_deadline: pacific_instant(deadline_day, AVAILABLE_SECS)?,
    })
}

/// [`credit_schedule_at`] of ISO 8601 text, as ISO 8601 text in Pacific time.
pub fn credit_schedule(created_at: &str) -> Result<CreditSchedule, Error> {
    let created = Instant::parse_field(created_at, &Path::root(), "createdAt")?;
    let beyond = || {
        Error::single(
            &Path::root(),
            Code::OutOfRange,
            "the schedule of this credit runs beyond the year 9999",
        )
    };
    let s = credit_schedule_at(created).ok_or_else(beyond)?;
    Ok(CreditSchedule {
        submitted_at: s.submitted_at.format_pacific().ok_or_else(beyond)?,
        available_at: s.available_at.format_pacific().ok_or_else(beyond)?,
        failure_deadline: s.failure_deadline.format_pacific().ok_or_else(beyond)?,
    })
}
