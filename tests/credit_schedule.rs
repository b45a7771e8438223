#![cfg(not(target_arch = "wasm32"))]
//! The ACH schedule of a credit (seeds balanced-v1-credits.rst and balanced-v1.1-credits.rst): the
//! 3 pm Pacific batch, 9:00 am the business day after, the failure window; Pacific time and the
//! Fed's calendar.

#[allow(dead_code)]
#[path = "support/credits.rs"]
mod support;

use balance_ledger::{api, credit_schedule, Code};
use support::*;

// ---- the schedule ----

fn schedule(created: &str) -> [String; 3] {
    let s = credit_schedule(created).unwrap();
    [s.submitted_at, s.available_at, s.failure_deadline]
}

#[test]
fn before_the_cutoff_goes_in_the_same_days_batch() {
    assert_eq!(
        schedule("2026-03-06T14:59:59-08:00"),
        [
            "2026-03-06T15:00:00-08:00",
            "2026-03-09T09:00:00-07:00",
            "2026-03-12T09:00:00-07:00"
        ]
    );
    // The same instant written in UTC.
    assert_eq!(
        schedule("2026-03-06T22:59:59Z"),
        schedule("2026-03-06T14:59:59-08:00")
    );
    assert_eq!(
        schedule("2026-03-06T14:59:59.999999-08:00")[0],
        "2026-03-06T15:00:00-08:00"
    );
}

#[test]
fn created_exactly_at_15_00_00_waits_for_the_next_batch() {
    // 15:00:00 is not before the 3 pm cutoff: that batch has left.
    assert_eq!(
        schedule("2026-03-06T15:00:00-08:00"),
        [
            "2026-03-09T15:00:00-07:00",
            "2026-03-10T09:00:00-07:00",
            "2026-03-13T09:00:00-07:00"
        ]
    );
    assert_eq!(
        schedule("2026-03-06T23:00:00Z"),
        schedule("2026-03-06T15:00:00-08:00")
    );
    // In summer time too: 15:00:00 PDT.
    assert_eq!(
        schedule("2026-07-07T15:00:00-07:00")[0],
        "2026-07-08T15:00:00-07:00"
    );
    assert_eq!(
        schedule("2026-07-07T14:59:59-07:00")[0],
        "2026-07-07T15:00:00-07:00"
    );
}

#[test]
fn the_pacific_date_decides_not_the_utc_date() {
    // 01:00Z on Saturday is 17:00 PST on Friday: after Friday's cutoff, so Monday.
    assert_eq!(
        schedule("2026-03-07T01:00:00Z")[0],
        "2026-03-09T15:00:00-07:00"
    );
    // 07:00Z on Monday is still Sunday night in Pacific time: Monday's batch.
    assert_eq!(
        schedule("2026-03-09T06:59:59Z")[0],
        "2026-03-09T15:00:00-07:00"
    );
}

#[test]
fn weekends_and_holidays_push_every_step() {
    // Wednesday after the cutoff → Thanksgiving → Friday's batch; available Monday.
    assert_eq!(
        schedule("2026-11-25T16:00:00-08:00"),
        [
            "2026-11-27T15:00:00-08:00",
            "2026-11-30T09:00:00-08:00",
            "2026-12-03T09:00:00-08:00"
        ]
    );
    // Friday before a Sunday Christmas (observed Monday): Tuesday's batch.
    assert_eq!(
        schedule("2022-12-23T16:00:00-08:00")[0],
        "2022-12-27T15:00:00-08:00"
    );
    // Juneteenth 2026 is a Friday; a Thursday credit after the cutoff waits until Monday.
    assert_eq!(
        schedule("2026-06-18T15:30:00-07:00"),
        [
            "2026-06-22T15:00:00-07:00",
            "2026-06-23T09:00:00-07:00",
            "2026-06-26T09:00:00-07:00"
        ]
    );
    // July 4, 2026 is a Saturday: Friday the 3rd is a business day.
    assert_eq!(
        schedule("2026-07-03T10:00:00-07:00")[0],
        "2026-07-03T15:00:00-07:00"
    );
    // Availability on the day before a holiday moves the deadline past it.
    assert_eq!(
        schedule("2026-11-23T10:00:00-08:00"),
        [
            "2026-11-23T15:00:00-08:00",
            "2026-11-24T09:00:00-08:00",
            "2026-11-30T09:00:00-08:00"
        ]
    );
    // A credit created on Saturday goes in Monday's batch.
    assert_eq!(
        schedule("2026-03-07T09:00:00-08:00")[0],
        "2026-03-09T15:00:00-07:00"
    );
}

#[test]
fn schedules_across_each_dst_switch() {
    // Created on the March switch night (a Sunday), before and after 2:00.
    assert_eq!(
        schedule("2026-03-08T01:59:59-08:00")[0],
        "2026-03-09T15:00:00-07:00"
    );
    assert_eq!(
        schedule("2026-03-08T03:00:00-07:00")[0],
        "2026-03-09T15:00:00-07:00"
    );
    // Submitted in PDT (Friday before the November switch), available in PST.
    assert_eq!(
        schedule("2026-10-30T10:00:00-07:00"),
        [
            "2026-10-30T15:00:00-07:00",
            "2026-11-02T09:00:00-08:00",
            "2026-11-05T09:00:00-08:00"
        ]
    );
    // The repeated hour of November: both 01:30s are Sunday, so Monday's batch.
    assert_eq!(
        schedule("2026-11-01T01:30:00-07:00")[0],
        "2026-11-02T15:00:00-08:00"
    );
    assert_eq!(
        schedule("2026-11-01T01:30:00-08:00")[0],
        "2026-11-02T15:00:00-08:00"
    );
}

#[test]
fn schedule_input_is_checked() {
    for bad in [
        "2026-03-06T14:59:59",
        "2026-03-06",
        "next friday",
        "2026-02-30T10:00:00Z",
    ] {
        let e = credit_schedule(bad).unwrap_err();
        assert_eq!(e.issues[0].code, Code::InvalidDateTime, "{bad}");
    }
    let e = credit_schedule("9999-12-31T16:00:00-08:00").unwrap_err();
    assert_eq!(e.issues[0].code, Code::OutOfRange);
    let a = answer(&api::credit_schedule(
        r#""2026-03-06T14:59:59-08:00""#,
        r#"{"version":"1"}"#,
    ));
    assert_eq!(a["value"]["submitted_at"], "2026-03-06T15:00:00-08:00");
    let a = answer(&api::credit_schedule(
        r#""2026-03-06T14:59:59-08:00""#,
        r#"{"version":"3"}"#,
    ));
    assert_eq!(a["error"]["code"], "invalid_option");
    let a = answer(&api::credit_schedule("1772837999", "null"));
    assert_eq!(a["error"]["issues"][0]["code"], "invalid_type");
}
