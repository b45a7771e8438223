//! The answers the JS bridge asks for (`Form::Shared`): each run of elements unchanged from the
//! customer argument written as a reference to it. Put back from the argument (as js/bridge.js
//! `unshare` does), every answer is exactly the whole answer; and over the customers the answers
//! themselves write (the host loop), the unchanged items and keys are indeed shared.

#![cfg(not(target_arch = "wasm32"))]

use balance_ledger::api::{self, Form};
use serde_json::{json, Value};

fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

/// `answer` with every reference replaced by the argument's elements; checks each reference's
/// count is the argument's.
fn unshare(answer: &mut Value, customer: &Value) {
    match answer {
        Value::Array(list) => {
            let mut out = Vec::new();
            for mut e in std::mem::take(list) {
                if let Some(r) = e.get("\u{0}shared") {
                    let r: Vec<usize> = serde_json::from_value(r.clone()).unwrap();
                    let field = ["balance", "idempotency_keys"][r[0]];
                    let source = customer[field].as_array().unwrap();
                    assert_eq!(source.len(), r[3], "{field}");
                    assert!(r[1] < r[2] && r[2] <= r[3], "{r:?}");
                    out.extend(source[r[1]..r[2]].iter().cloned());
                } else {
                    unshare(&mut e, customer);
                    out.push(e);
                }
            }
            *list = out;
        }
        Value::Object(map) => map.values_mut().for_each(|v| unshare(v, customer)),
        _ => {}
    }
}

fn call(form: Form, f: &str, args: &[Value]) -> String {
    let a = |i: usize| text(args.get(i).unwrap_or(&Value::Null));
    match f {
        "chargeBalance" => api::charge_balance_in(form, &a(0), &a(1), &a(2)),
        "fundBalance" => api::fund_balance_in(form, &a(0), &a(1), &a(2), &a(3)),
        "previewSettlement" => api::preview_settlement_in(form, &a(0), &a(1)),
        "settleBalance" => api::settle_balance_in(form, &a(0), &a(1), &a(2)),
        "replayJournal" => api::replay_journal_in(form, &a(0), &a(1)),
        _ => unreachable!(),
    }
}

/// Both forms of one call: the whole answer (checked to be the api function's), and the shared
/// one put back; returns the whole answer's value and how many references the shared one had.
fn both(f: &str, args: &[Value]) -> (Value, usize) {
    let whole = call(Form::Whole, f, args);
    let shared = call(Form::Shared, f, args);
    let references = shared.matches("\\u0000shared").count();
    let mut put_back: Value = serde_json::from_str(&shared).unwrap();
    unshare(&mut put_back, &args[0]);
    let whole: Value = serde_json::from_str(&whole).unwrap();
    assert_eq!(
        put_back,
        whole,
        "{f} {}",
        text(&Value::Array(args.to_vec()))
    );
    if references == 0 {
        assert_eq!(shared, text(&whole));
    }
    (whole, references)
}

#[test]
fn the_corpus_answers_are_the_whole_answers_put_back() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/");
    let corpus: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}valid.json")).unwrap())
            .unwrap();
    let mut calls = 0;
    for case in &corpus {
        let f = case["fn"].as_str().unwrap();
        if [
            "chargeBalance",
            "fundBalance",
            "previewSettlement",
            "settleBalance",
            "replayJournal",
        ]
        .contains(&f)
        {
            both(f, case["args"].as_array().unwrap());
            calls += 1;
        }
    }
    assert!(calls >= 20, "{calls}");
}

#[test]
fn the_host_loop_shares_what_did_not_change() {
    let mut customer = json!({ "id": "c-7", "currency": "SEK", "status": "active",
        "schedule": [1, 3], "limit": { "hard": 50000, "soft": 20000 } });
    let at = |i: u32| format!("2026-11-23T{:02}:{:02}:00Z", 7 + i / 60, i % 60);
    for i in 0..40u32 {
        let item = json!({ "number": format!("73100{i}"), "name": format!("Kaffe \"{i}\" ö"),
            "price": 10 + i, "vat": "1.25", "quantity": (i % 3) + 1, "unit": "st" });
        let options = json!({ "now": at(i * 7), "idempotency_key": format!("till-{i}") });
        let (answer, references) = both(
            "chargeBalance",
            &[customer.clone(), item.clone(), options.clone()],
        );
        let before = customer["balance"].as_array().map_or(0, Vec::len);
        // Every earlier item and every live key is shared: one reference each.
        assert_eq!(
            references,
            usize::from(before > 0) + usize::from(i > 0),
            "call {i}"
        );
        assert!(answer["value"]["customer"].is_object(), "{answer}");
        customer = answer["value"]["customer"].clone();
        // A retry replays: everything shared.
        let (replayed, references) = both("chargeBalance", &[customer.clone(), item, options]);
        assert_eq!(replayed["value"]["replayed"], true, "{replayed}");
        assert_eq!(references, 2);
        if i % 10 == 9 {
            let options = json!({ "now": at(i * 7 + 1) });
            let (preview, references) =
                both("previewSettlement", &[customer.clone(), options.clone()]);
            // customer (balance, keys), order (items), after.success (keys; its balance is
            // empty), after.failure (balance, keys).
            assert_eq!(references, 6, "{preview}");
            let outcome = if i == 19 { "failure" } else { "success" };
            let (settled, _) = both(
                "settleBalance",
                &[customer.clone(), json!(outcome), options],
            );
            assert!(settled["value"]["customer"].is_object(), "{settled}");
            customer = settled["value"]["customer"].clone();
        }
    }
    // A customer written by hand (numbers, another key order) shares nothing, and is still right.
    let canonical = json!({ "price": "5.00", "quantity": "1" });
    let hand = json!({ "currency": "SEK", "id": "h", "balance": [{ "price": 5 }, canonical,
        canonical, { "price": "5.00" }, canonical] });
    let (_, references) = both(
        "chargeBalance",
        &[hand, json!({ "price": 1 }), json!({ "now": at(0) })],
    );
    assert_eq!(
        references, 2,
        "only the items written as the answers write them, in two runs"
    );
    // Read by the general reader (a key written with an escape): its elements found in the text.
    let escaped = text(&customer).replacen("\"id\"", "\"\\u0069d\"", 1);
    assert_eq!(serde_json::from_str::<Value>(&escaped).unwrap(), customer);
    let options = text(&json!({ "now": at(999) }));
    let whole = api::charge_balance_in(Form::Whole, &escaped, "1", &options);
    let shared = api::charge_balance_in(Form::Shared, &escaped, "1", &options);
    assert!(shared.contains("\\u0000shared"), "{shared}");
    let mut put_back: Value = serde_json::from_str(&shared).unwrap();
    unshare(&mut put_back, &customer);
    assert_eq!(put_back, serde_json::from_str::<Value>(&whole).unwrap());
}
