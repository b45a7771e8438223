#![cfg(not(target_arch = "wasm32"))]
//! The Fed calendar and Pacific time (DESIGN section 4): holidays year by year, the weekend rule,
//! and each daylight-saving switch.

use balance_ledger::api;
use balance_ledger::{
    add_business_days, fed_holidays, is_business_day, next_business_day, Date, Weekday,
};
use balance_ledger::{pacific_instant, pacific_offset, Instant, PDT, PST};
use serde_json::Value;

fn date(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|| panic!("{s} is a date"))
}

fn at(s: &str) -> Instant {
    Instant::parse(s).unwrap_or_else(|| panic!("{s} is an instant"))
}

/// The weekdays the Fed is closed, 2020–2030, as the Fed's own holiday schedules list them
/// (holidays on a Saturday do not appear: the Friday before is open).
const CLOSED_WEEKDAYS: &[(i64, &[&str])] = &[
    (
        2020,
        &[
            "01-01", "01-20", "02-17", "05-25", "09-07", "10-12", "11-11", "11-26", "12-25",
        ],
    ),
    (
        2021,
        &[
            "01-01", "01-18", "02-15", "05-31", "07-05", "09-06", "10-11", "11-11", "11-25",
        ],
    ),
    (
        2022,
        &[
            "01-17", "02-21", "05-30", "06-20", "07-04", "09-05", "10-10", "11-11", "11-24",
            "12-26",
        ],
    ),
    (
        2023,
        &[
            "01-02", "01-16", "02-20", "05-29", "06-19", "07-04", "09-04", "10-09", "11-23",
            "12-25",
        ],
    ),
    (
        2024,
        &[
            "01-01", "01-15", "02-19", "05-27", "06-19", "07-04", "09-02", "10-14", "11-11",
            "11-28", "12-25",
        ],
    ),
    (
        2025,
        &[
            "01-01", "01-20", "02-17", "05-26", "06-19", "07-04", "09-01", "10-13", "11-11",
            "11-27", "12-25",
        ],
    ),
    (
        2026,
        &[
            "01-01", "01-19", "02-16", "05-25", "06-19", "09-07", "10-12", "11-11", "11-26",
            "12-25",
        ],
    ),
    (
        2027,
        &[
            "01-01", "01-18", "02-15", "05-31", "07-05", "09-06", "10-11", "11-11", "11-25",
        ],
    ),
    (
        2028,
        &[
            "01-17", "02-21", "05-29", "06-19", "07-04", "09-04", "10-09", "11-23", "12-25",
        ],
    ),
    (
        2029,
        &[
            "01-01", "01-15", "02-19", "05-28", "06-19", "07-04", "09-03", "10-08", "11-12",
            "11-22", "12-25",
        ],
    ),
    (
        2030,
        &[
            "01-01", "01-21", "02-18", "05-27", "06-19", "07-04", "09-02", "10-14", "11-11",
            "11-28", "12-25",
        ],
    ),
];

#[test]
fn fed_closed_weekdays_year_by_year_2020_to_2030() {
    for (year, expected) in CLOSED_WEEKDAYS {
        let start = date(&format!("{year}-01-01"));
        let end = date(&format!("{year}-12-31"));
        let mut closed = Vec::new();
        let mut d = start;
        while d <= end {
            let weekend = matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
            if !weekend && !is_business_day(d) {
                closed.push(d.to_string()[5..].to_owned());
            }
            d = d.add_days(1).unwrap();
        }
        assert_eq!(&closed, expected, "{year}");
    }
}

#[test]
fn every_year_has_its_holidays_by_rule() {
    for year in 1900..=2400 {
        let hs = fed_holidays(year);
        assert_eq!(hs.len(), if year >= 2022 { 11 } else { 10 }, "{year}");
        for h in &hs {
            assert!(!is_business_day(h.date), "{} {year}", h.name);
            let named = |n: &str| hs.iter().find(|h| h.name.starts_with(n)).unwrap().date;
            // Monday holidays fall on Mondays; Thanksgiving on a Thursday, the 22nd to the 28th.
            for n in [
                "Birthday of Martin",
                "Washington",
                "Memorial",
                "Labor",
                "Columbus",
            ] {
                assert_eq!(named(n).weekday(), Weekday::Monday, "{n} {year}");
            }
            let t = named("Thanksgiving");
            assert_eq!(t.weekday(), Weekday::Thursday);
            assert!((22..=28).contains(&t.civil().2), "{year}");
            let m = named("Memorial");
            assert!(m.civil().2 >= 25 && m.civil().1 == 5, "{year}");
        }
    }
}

#[test]
fn juneteenth_only_from_2022() {
    assert!(is_business_day(date("2021-06-18")));
    assert!(!fed_holidays(2021)
        .iter()
        .any(|h| h.name.starts_with("Juneteenth")));
    assert!(!is_business_day(date("2022-06-20"))); // Sunday the 19th, observed Monday
    assert!(!is_business_day(date("2024-06-19")));
}

#[test]
fn sunday_holidays_close_the_monday_saturday_holidays_keep_friday_open() {
    // Sunday → Monday closed.
    assert!(!is_business_day(date("2023-01-02"))); // New Year's Day 2023 was a Sunday
    assert!(!is_business_day(date("2022-12-26"))); // Christmas 2022
    assert!(!is_business_day(date("2021-07-05"))); // Independence Day 2021
    assert!(!is_business_day(date("2029-11-12"))); // Veterans Day 2029
                                                   // Saturday → the Friday before stays open.
    assert!(is_business_day(date("2026-07-03"))); // July 4, 2026 is a Saturday
    assert!(is_business_day(date("2021-12-24"))); // Christmas 2021
    assert!(is_business_day(date("2021-12-31"))); // New Year's Day 2022
    assert!(is_business_day(date("2023-11-10"))); // Veterans Day 2023
                                                  // And the Monday after a Saturday holiday is open too.
    assert!(is_business_day(date("2026-07-06")));
}

#[test]
fn weekends_are_not_business_days() {
    assert!(!is_business_day(date("2026-03-07")));
    assert!(!is_business_day(date("2026-03-08")));
    assert!(is_business_day(date("2026-03-09")));
}

#[test]
fn business_day_arithmetic_skips_weekends_and_holidays() {
    assert_eq!(
        next_business_day(date("2026-11-25")),
        Some(date("2026-11-27"))
    );
    assert_eq!(
        next_business_day(date("2022-12-23")),
        Some(date("2022-12-27"))
    );
    assert_eq!(
        add_business_days(date("2026-12-23"), 3),
        Some(date("2026-12-29"))
    );
    assert_eq!(
        add_business_days(date("2026-12-23"), 0),
        Some(date("2026-12-23"))
    );
}

#[test]
fn dst_starts_second_sunday_of_march_at_2am() {
    // 2026-03-08 02:00 PST is 10:00Z.
    assert_eq!(pacific_offset(at("2026-03-08T09:59:59Z")), PST);
    assert_eq!(pacific_offset(at("2026-03-08T10:00:00Z")), PDT);
    assert_eq!(
        at("2026-03-08T09:59:59Z").format_pacific().unwrap(),
        "2026-03-08T01:59:59-08:00"
    );
    assert_eq!(
        at("2026-03-08T10:00:00Z").format_pacific().unwrap(),
        "2026-03-08T03:00:00-07:00"
    );
    // Not the first Sunday (2026-03-01) nor the third.
    assert_eq!(pacific_offset(at("2026-03-01T12:00:00Z")), PST);
    assert_eq!(pacific_offset(at("2026-03-15T12:00:00Z")), PDT);
    // Other years: 2024-03-10, 2025-03-09, 2027-03-14.
    for (before, after) in [
        ("2024-03-10T09:59:59Z", "2024-03-10T10:00:00Z"),
        ("2025-03-09T09:59:59Z", "2025-03-09T10:00:00Z"),
        ("2027-03-14T09:59:59Z", "2027-03-14T10:00:00Z"),
    ] {
        assert_eq!(pacific_offset(at(before)), PST, "{before}");
        assert_eq!(pacific_offset(at(after)), PDT, "{after}");
    }
}

#[test]
fn dst_ends_first_sunday_of_november_at_2am() {
    // 2026-11-01 02:00 PDT is 09:00Z; 01:30 happens twice.
    assert_eq!(pacific_offset(at("2026-11-01T08:59:59Z")), PDT);
    assert_eq!(pacific_offset(at("2026-11-01T09:00:00Z")), PST);
    assert_eq!(
        at("2026-11-01T08:30:00Z").format_pacific().unwrap(),
        "2026-11-01T01:30:00-07:00"
    );
    assert_eq!(
        at("2026-11-01T09:30:00Z").format_pacific().unwrap(),
        "2026-11-01T01:30:00-08:00"
    );
    for (before, after) in [
        ("2024-11-03T08:59:59Z", "2024-11-03T09:00:00Z"),
        ("2025-11-02T08:59:59Z", "2025-11-02T09:00:00Z"),
        ("2012-11-04T08:59:59Z", "2012-11-04T09:00:00Z"),
    ] {
        assert_eq!(pacific_offset(at(before)), PDT, "{before}");
        assert_eq!(pacific_offset(at(after)), PST, "{after}");
    }
}

#[test]
fn pacific_wall_clock_times_map_to_their_instants() {
    assert_eq!(
        pacific_instant(date("2026-03-09"), 9 * 3600)
            .unwrap()
            .format(0)
            .unwrap(),
        "2026-03-09T16:00:00+00:00"
    );
    assert_eq!(
        pacific_instant(date("2026-03-06"), 15 * 3600)
            .unwrap()
            .format(0)
            .unwrap(),
        "2026-03-06T23:00:00+00:00"
    );
    // The repeated hour takes the earlier (PDT) instant.
    assert_eq!(
        pacific_instant(date("2026-11-01"), 3600 + 1800).unwrap(),
        at("2026-11-01T01:30:00-07:00")
    );
}

#[test]
fn instants_parse_with_any_offset_and_compare_as_instants() {
    assert_eq!(at("2026-03-06T14:59:59-08:00"), at("2026-03-06T22:59:59Z"));
    assert_eq!(
        at("2026-03-06T14:59:59-08:00"),
        at("2026-03-07T04:29:59+05:30")
    );
    assert!(at("2012-10-31T16:40:14.940398Z") < at("2012-10-31T16:40:14.940996Z"));
}

fn value(answer: &str) -> Value {
    serde_json::from_str::<Value>(answer).unwrap()
}

#[test]
fn is_business_day_through_the_api() {
    assert_eq!(
        value(&api::is_business_day("\"2026-07-03\""))["value"],
        true
    );
    assert_eq!(
        value(&api::is_business_day("\"2026-07-04\""))["value"],
        false
    );
    assert_eq!(
        value(&api::is_business_day("\"2026-11-26\""))["value"],
        false
    );
    for bad in ["\"2026-02-30\"", "\"2026-7-3\"", "\"03/07/2026\"", "\"\""] {
        let e = value(&api::is_business_day(bad));
        assert_eq!(e["error"]["code"], "invalid_input", "{bad}");
        assert_eq!(e["error"]["issues"][0]["code"], "invalid_date", "{bad}");
    }
    let e = value(&api::is_business_day("20260703"));
    assert_eq!(e["error"]["issues"][0]["code"], "invalid_type");
}
