#![cfg(not(target_arch = "wasm32"))]
//! Regressions of what the fuzzers and the hostile-input corpus (tests/js/hostile.test.mjs) found,
//! against the api natively: each was accepted, slow or unclear before its fix.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use balance_ledger::api;
use serde_json::Value;

/// The system allocator, counting the bytes each thread allocates: a test measures what a call
/// allocates (deterministic, unlike its time on a shared machine).
struct Counting;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.with(|a| a.set(a.get().saturating_add(layout.size())));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// What `f` returns and the bytes it allocated on this thread.
fn allocated<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATED.with(Cell::get);
    let out = f();
    (out, ALLOCATED.with(Cell::get) - before)
}

fn answer(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// The whole-call code and the (path, code) of each issue.
fn refused(text: &str) -> (String, Vec<(String, String)>) {
    let a = answer(text);
    let e = a.get("error").unwrap_or_else(|| panic!("accepted: {text}"));
    let issues = e["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_owned(),
                i["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (e["code"].as_str().unwrap().to_owned(), issues)
}

const ITEM: &str = r#"{"price":"10"}"#;

#[test]
fn validate_items_options_that_are_not_options_are_refused() {
    // NaN, a BigInt, a Symbol… arrive tagged as objects; they were read as "no options".
    for tagged in ["NaN", "bigint", "symbol", "function", "Map"] {
        let options = format!(r#"{{"\u0000js":"{tagged}"}}"#);
        // Options are not the body: their problems are thrown, not answered as `ok: false`.
        let a = answer(&api::validate_items(ITEM, &options));
        assert_eq!(a["error"]["code"], "invalid_input", "{tagged}: {a}");
        assert_eq!(a["error"]["issues"][0]["code"], "invalid_type", "{tagged}");
        let message = a["error"]["issues"][0]["message"].as_str().unwrap();
        assert!(
            message.contains("options") && message.contains(tagged),
            "{message}"
        );
    }
    // Keys options do not have (a typo, "__proto__") were ignored.
    for key in ["__proto__", "constructor", "curency"] {
        let options = format!(r#"{{"currency":"SEK","{key}":1}}"#);
        assert_eq!(
            refused(&api::validate_items(ITEM, &options)).1,
            [(format!("/{key}"), "unknown_field".to_owned())]
        );
    }
    // Null and {} are no options; a currency still works as before.
    for none in ["null", "{}"] {
        assert_eq!(
            answer(&api::validate_items(ITEM, none))["value"]["totals"]["gross"],
            "10"
        );
    }
    assert_eq!(
        answer(&api::validate_items(ITEM, r#"{"currency":"SEK"}"#))["value"]["totals"]["gross"],
        "10.00"
    );
    // NaN where the currency goes is named as the currency it should be.
    let nan = answer(&api::item_totals(ITEM, r#"{"\u0000js":"NaN"}"#));
    assert_eq!(nan["error"]["code"], "unknown_currency");
    assert!(
        nan["error"]["message"]
            .as_str()
            .is_some_and(|m| m.ends_with("got NaN")),
        "{nan}"
    );
}

#[test]
fn settlement_target_refuses_control_characters_in_the_customer_id() {
    for id in ["\"\\u0000\"", "\"c\\n1\"", "\"\\u009f\""] {
        assert_eq!(
            refused(&api::settlement_target("\"private\"", id)).1,
            [("/customerId".to_owned(), "invalid_characters".to_owned())]
        );
    }
    // Any other text is a customer id.
    let a = answer(&api::settlement_target("\"private\"", "\"0x10\""));
    assert_eq!(a["value"]["customer"], "0x10");
}

#[test]
fn settle_all_refuses_a_million_customers_before_parsing_them() {
    // A sparse JS array of a million holes arrives as a million tagged objects (24 MB): parsing
    // them all took seconds before the count was checked.
    let hole = r#"{"\u0000js":"undefined"}"#;
    let text = format!("[{}]", vec![hole; 1_000_000].join(","));
    let (out, bytes) =
        allocated(|| api::preview_settlements(&text, r#"{"now":"2026-11-23T10:00:00Z"}"#));
    // Refused from the count alone: parsing the 24 MB would allocate far more than the text.
    assert!(
        bytes < 64 * 1024,
        "{bytes} bytes allocated for a refusal of {} bytes of text",
        text.len()
    );
    let (code, issues) = refused(&out);
    assert_eq!(code, "invalid_input");
    assert_eq!(
        issues,
        [("/customers".to_owned(), "too_many_items".to_owned())]
    );
    // 100,000 is the limit and still works.
    let text = format!("[{}]", vec!["null"; 100_000].join(","));
    let (out, parsed) = allocated(|| {
        api::preview_settlements(
            &text,
            r#"{"now":"2026-11-23T10:00:00Z","detail":"summary"}"#,
        )
    });
    let a = answer(&out);
    assert_eq!(a["value"]["errors"], 100_000);
    // The counter sees a parse: 100,000 values read allocate more than the text's 500 KB.
    assert!(parsed > text.len(), "{parsed} bytes allocated");
}

#[test]
fn messages_name_their_field() {
    let now = r#"{"now":"2026-11-23T10:00:00Z"}"#;
    let customer =
        r#"{"id":"c1","currency":"SEK","schedule":[0],"balance":[{"price":1,"currency":"EUR"}]}"#;
    let a = answer(&api::charge_balance(customer, "1", now));
    for issue in a["error"]["issues"].as_array().unwrap() {
        let path = issue["path"].as_str().unwrap();
        let field = path
            .rsplit('/')
            .find(|s| s.parse::<usize>().is_err())
            .unwrap();
        let message = issue["message"].as_str().unwrap();
        assert!(message.contains(field), "{path}: {message}");
    }
    assert_eq!(a["error"]["issues"].as_array().unwrap().len(), 2);
}

/// Found by fuzzing apply_cash_transaction: an id of 100 four-byte characters was accepted (ids are
/// counted in characters) but the answered state was refused (its ids were counted in bytes).
#[test]
fn a_cash_state_with_long_unicode_ids_is_read_back() {
    let id = "\u{f6179}".repeat(100);
    let tx = serde_json::json!({
        "id": id, "type": "funded", "currency": "eur", "net_amount": 2314, "created": 1,
        "funded": { "bank_transfer": { "type": "eu_bank_transfer", "reference": "r" } }
    });
    let first: serde_json::Value = serde_json::from_str(
        &balance_ledger::api::apply_cash_transaction(r#"{"customer":"cus_1"}"#, &tx.to_string()),
    )
    .unwrap();
    let state = first["value"]["state"].to_string();
    let again: serde_json::Value =
        serde_json::from_str(&balance_ledger::api::can_delete_customer(&state)).unwrap();
    assert_eq!(again["value"], false, "{again}");
}
