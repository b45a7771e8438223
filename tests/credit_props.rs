#![cfg(not(target_arch = "wasm32"))]
//! Property tests of the schedule, the calendar and the credit functions: availability is always a
//! business day after submission, submission never precedes creation, schedules are monotonic in
//! the creation time, and no input makes a function panic.

use balance_ledger::api;
use balance_ledger::{credit_schedule_at, AVAILABLE_SECS, CUTOFF_SECS, FAILURE_WINDOW_DAYS};
use balance_ledger::{is_business_day, next_business_day, Date};
use balance_ledger::{pacific_local, Instant};
use proptest::prelude::*;

/// Instants from 1990 to 2110, to the second.
fn instant() -> impl Strategy<Value = Instant> {
    (631_152_000i64..4_417_977_600).prop_map(Instant::from_secs)
}

/// Instants clustered around the cutoffs and the DST switches, where bugs hide.
fn near_edges() -> impl Strategy<Value = Instant> {
    (
        2000i64..2100,
        prop_oneof![Just(3u32), Just(11u32), 1u32..=12],
        1u32..=28,
        prop_oneof![Just(CUTOFF_SECS), Just(2 * 3600), 0i64..86_400],
        -7200i64..7200,
    )
        .prop_map(|(y, m, d, secs, jitter)| {
            let date = Date::new(y, m, d).unwrap();
            Instant::from_secs(date.days() * 86_400 + secs + 8 * 3600 + jitter)
        })
}

fn any_instant() -> impl Strategy<Value = Instant> {
    prop_oneof![instant(), near_edges()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn availability_is_the_business_day_after_submission(created in any_instant()) {
        let s = credit_schedule_at(created).unwrap();
        let (sub_day, sub_secs) = pacific_local(s.submitted_at);
        let (avail_day, avail_secs) = pacific_local(s.available_at);
        let (dead_day, dead_secs) = pacific_local(s.failure_deadline);
        prop_assert!(is_business_day(sub_day));
        prop_assert_eq!(sub_secs, CUTOFF_SECS);
        prop_assert!(is_business_day(avail_day));
        prop_assert_eq!(next_business_day(sub_day), Some(avail_day));
        prop_assert!(avail_day > sub_day);
        prop_assert_eq!(avail_secs, AVAILABLE_SECS);
        prop_assert!(is_business_day(dead_day));
        prop_assert_eq!(dead_secs, AVAILABLE_SECS);
        let mut d = avail_day;
        for _ in 0..FAILURE_WINDOW_DAYS { d = next_business_day(d).unwrap(); }
        prop_assert_eq!(d, dead_day);
        prop_assert!(s.submitted_at < s.available_at && s.available_at < s.failure_deadline);
    }

    #[test]
    fn submission_is_never_before_creation_and_is_the_first_batch_after_it(created in any_instant()) {
        let s = credit_schedule_at(created).unwrap();
        prop_assert!(s.submitted_at >= created);
        // No earlier batch after creation was missed: the business day before submission's batch
        // (if any) left before the credit was created.
        let (sub_day, _) = pacific_local(s.submitted_at);
        let (created_day, _) = pacific_local(created);
        let mut d = created_day;
        while d < sub_day {
            if is_business_day(d) {
                let batch = balance_ledger::pacific_instant(d, CUTOFF_SECS).unwrap();
                prop_assert!(batch <= created, "missed the batch of {}", d);
            }
            d = d.add_days(1).unwrap();
        }
        // And within a day of a batch at most 5 calendar days pass (a weekend and a holiday).
        prop_assert!(s.submitted_at.secs - created.secs <= 5 * 86_400);
    }

    #[test]
    fn schedules_are_monotonic_in_the_creation_time(a in any_instant(), delta in 0i64..(10 * 86_400)) {
        let b = Instant::from_secs(a.secs + delta);
        let (sa, sb) = (credit_schedule_at(a).unwrap(), credit_schedule_at(b).unwrap());
        prop_assert!(sa.submitted_at <= sb.submitted_at);
        prop_assert!(sa.available_at <= sb.available_at);
        prop_assert!(sa.failure_deadline <= sb.failure_deadline);
    }

    #[test]
    fn formatted_instants_parse_back_to_themselves(t in any_instant()) {
        let text = t.format_pacific().unwrap();
        prop_assert_eq!(Instant::parse(&text), Some(t));
        prop_assert!(text.ends_with("-08:00") || text.ends_with("-07:00"));
    }

    #[test]
    fn dates_round_trip_through_their_text(days in -719_162i64..2_932_896) {
        let d = Date::from_days(days);
        prop_assert_eq!(Date::parse(&d.to_string()), Some(d));
    }

    #[test]
    fn no_input_panics(a in ".{0,40}", b in ".{0,40}") {
        for text in [a.as_str(), b.as_str()] {
            let json = serde_json::to_string(text).unwrap();
            let _ = api::is_business_day(&json);
            let _ = api::credit_schedule(&json, "null");
            let _ = api::validate_credit(&format!(r#"{{"amount":{json},"appears_on_statement_as":{json},"meta":{{{json}:{json}}}}}"#), "null");
            let _ = api::transition_credit(&format!(r#"{{"status":"succeeded","created_at":{json}}}"#), r#""failed""#, &format!(r#"{{"at":{json}}}"#));
            let _ = api::list_page(&format!(r#"[{{"created_at":{json}}}]"#), &format!(r#"{{"uri":{json},"limit":{json}}}"#));
            let _ = api::validate_credit(text, text);
            let _ = api::list_page(text, text);
        }
    }
}
