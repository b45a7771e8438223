//! The answers the JS bridge asks for (`Form::Shared`): each run of elements unchanged from the
//! customer argument written as a reference to it. Put back from the argument (as js/bridge.js
//! `unshare` does), every answer is exactly the whole answer; and over the customers the answers
//! themselves write (the host loop), the unchanged items and keys are indeed shared. An order's
//! lines come packed into one text of their amounts (`checkout::item::Lines`).

#![cfg(not(target_arch = "wasm32"))]

use balance_ledger::api::{self, Form};
use serde_json::{json, Value};

fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

/// `answer` with every reference replaced by the argument's elements; checks each reference's
/// count is the argument's.
fn unshare(answer: &mut Value, customer: &Value) {
    unshare_from(answer, customer, &["balance", "idempotency_keys"]);
}

/// [`unshare`] from the arrays `fields` of `argument` (a reference's source indexes them).
fn unshare_from(answer: &mut Value, argument: &Value, fields: &[&str]) {
    match answer {
        Value::Array(list) => {
            let mut out = Vec::new();
            for mut e in std::mem::take(list) {
                if let Some(r) = e.get("\u{0}shared") {
                    let r: Vec<usize> = serde_json::from_value(r.clone()).unwrap();
                    let field = fields[r[0]];
                    let source = argument[field].as_array().unwrap();
                    assert_eq!(source.len(), r[3], "{field}");
                    assert!(r[1] < r[2] && r[2] <= r[3], "{r:?}");
                    out.extend(source[r[1]..r[2]].iter().cloned());
                } else {
                    unshare_from(&mut e, argument, fields);
                    out.push(e);
                }
            }
            *list = out;
        }
        Value::Object(map) => map.values_mut().for_each(|v| {
            // An order's packed lines (checkout::item::Lines), as the bridge unpacks them.
            if let Some(packed) = v.get("\u{0}lines") {
                let packed = packed.as_str().unwrap();
                let amounts: Vec<&str> = packed
                    .split(' ')
                    .filter(|a| !packed.is_empty() || !a.is_empty())
                    .collect();
                assert_eq!(amounts.len() % 4, 0, "{packed}");
                *v = amounts
                    .chunks(4)
                    .map(|a| json!({ "net": a[0], "rebate": a[1], "vat": a[2], "amount": a[3] }))
                    .collect();
            } else {
                unshare_from(v, argument, fields);
            }
        }),
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
    if references == 0 && !shared.contains("\\u0000lines") {
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

/// The indices of `source`'s elements the array `answer` refers to.
fn referred(answer: &Value, source: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for e in answer.as_array().unwrap() {
        if let Some(r) = e.get("\u{0}shared") {
            let r: Vec<usize> = serde_json::from_value(r.clone()).unwrap();
            assert_eq!(r[0], source);
            out.extend(r[1]..r[2]);
        }
    }
    out
}

#[test]
fn only_elements_written_as_the_answers_write_them_are_shared() {
    // A customer as the answers write it: 4 items, 4 keys.
    let mut customer = json!({ "id": "c-8", "currency": "SEK", "status": "active" });
    for i in 0..4u32 {
        let item = json!({ "number": format!("7310{i}"), "name": format!("Bulle \"{i}\" ö"),
            "price": 64.9, "vat": "6.95", "quantity": 1, "unit": "st" });
        let options =
            json!({ "now": format!("2026-11-23T07:0{i}:00Z"), "idempotency_key": format!("k{i}") });
        let (answer, _) = both("chargeBalance", &[customer.clone(), item, options]);
        customer = answer["value"]["customer"].clone();
    }
    let whole_text = text(&customer);
    let item = text(&customer["balance"][2]);
    let record = text(&customer["idempotency_keys"][2]);
    assert!(item.contains(r#""price":"64.90""#), "{item}");
    // Each spelling of element 2 that is not the writer's: the others are still shared, it is not.
    let items = [
        item.replace(r#","price""#, r#", "price""#),
        item.replacen('{', "{ ", 1),
        item.replace(r#""st""#, r#""s\u0074""#),
        item.replace(r#""price":"64.90""#, r#""price":64.90"#),
        item.replace(r#""price":"64.90""#, r#""price":64.9"#),
        item.replace(r#""price":"64.90""#, r#""price":"64.9""#),
        item.replace(r#""price":"64.90""#, r#""price":"64.900""#),
        item.replace(r#""quantity":"1""#, r#""quantity":1"#),
        // Another key order: the name before the number.
        {
            let v: Value = serde_json::from_str(&item).unwrap();
            let rest = item.replacen(&format!(r#""name":{},"#, text(&v["name"])), "", 1);
            rest.replacen('{', &format!(r#"{{"name":{},"#, text(&v["name"])), 1)
        },
    ];
    let records = [
        record.replace(r#","at""#, r#" ,"at""#),
        record.replace(r#""key":"k2""#, r#""key":"\u006b2""#),
        record.replace(r#""versions":[3]"#, r#""versions":[ 3 ]"#),
        {
            let v: Value = serde_json::from_str(&record).unwrap();
            format!(
                r#"{{"fingerprint":{},"key":"k2","at":{},"versions":[3]}}"#,
                text(&v["fingerprint"]),
                text(&v["at"])
            )
        },
    ];
    let cases = items
        .iter()
        .map(|spelt| (0, whole_text.replacen(&item, spelt, 1)))
        .chain(
            records
                .iter()
                .map(|spelt| (1, whole_text.replacen(&record, spelt, 1))),
        )
        .chain([(2, whole_text.clone())])
        // Each also through the general reader (a key written with an escape).
        .flat_map(|(changed, t)| {
            [
                (changed, t.replacen(r#""id""#, r#""\u0069d""#, 1)),
                (changed, t),
            ]
        });
    let options = r#"{"now":"2026-11-23T08:00:00Z"}"#;
    for (changed, customer_text) in cases {
        assert!(
            changed == 2 || customer_text != whole_text,
            "{customer_text}"
        );
        assert!(customer_text.contains(r#""id""#) || customer_text.contains(r#""\u0069d""#));
        let argument: Value = serde_json::from_str(&customer_text).unwrap();
        assert_eq!(argument, {
            // The same customer, however spelt (a number price reads as its string).
            let mut same = customer.clone();
            if changed == 0 {
                same["balance"][2] = argument["balance"][2].clone();
            }
            same
        });
        for f in ["chargeBalance", "previewSettlement"] {
            let (whole, shared) = match f {
                "chargeBalance" => (
                    api::charge_balance_in(Form::Whole, &customer_text, "1", options),
                    api::charge_balance_in(Form::Shared, &customer_text, "1", options),
                ),
                _ => (
                    api::preview_settlement_in(Form::Whole, &customer_text, options),
                    api::preview_settlement_in(Form::Shared, &customer_text, options),
                ),
            };
            let mut put_back: Value = serde_json::from_str(&shared).unwrap();
            let answer = put_back["value"]["customer"].clone();
            unshare(&mut put_back, &argument);
            assert_eq!(put_back, serde_json::from_str::<Value>(&whole).unwrap());
            let all_but = |n: usize, source: usize| -> Vec<usize> {
                (0..n).filter(|&i| !(i == 2 && changed == source)).collect()
            };
            assert_eq!(
                referred(&answer["balance"], 0),
                all_but(4, 0),
                "{f} {customer_text}"
            );
            assert_eq!(
                referred(&answer["idempotency_keys"], 1),
                all_but(4, 1),
                "{f} {customer_text}"
            );
        }
    }
}

#[test]
fn a_funded_order_of_the_balances_items_shares_them() {
    let mut customer = json!({ "id": "c-9", "currency": "SEK", "status": "active" });
    for i in 0..3u32 {
        let item = json!({ "name": format!("Bulle {i}"), "price": "12.50", "quantity": i + 1 });
        let options = json!({ "now": format!("2026-11-23T07:0{i}:00Z") });
        let (answer, _) = both("chargeBalance", &[customer.clone(), item, options]);
        customer = answer["value"]["customer"].clone();
    }
    let balance = customer["balance"].as_array().unwrap();
    let now = json!({ "now": "2026-11-23T08:00:00Z", "idempotency_key": "fund-1" });
    // Items 1 and 2 of the balance, then one of its own: the first two are the balance's.
    let order = json!({ "number": "o-1", "currency": "SEK", "customer": "c-9",
        "payment": { "type": "customer", "charge": "balance" },
        "items": [balance[1], balance[2], { "price": "1.00" }] });
    let args = [customer.clone(), order, json!("success"), now];
    let (answer, references) = both("fundBalance", &args);
    // The customer's balance and the order's first two items.
    assert_eq!(references, 2, "{answer}");
    let shared: Value = serde_json::from_str(&api::fund_balance_in(
        Form::Shared,
        &text(&args[0]),
        &text(&args[1]),
        &text(&args[2]),
        &text(&args[3]),
    ))
    .unwrap();
    assert_eq!(referred(&shared["value"]["order"]["items"], 0), [1, 2]);
    // The request's fingerprint is the whole order's, whatever the form: a retry in the other
    // form replays.
    let entry = &answer["value"]["entries"][0];
    let retried = api::fund_balance_in(
        Form::Whole,
        &text(&shared["value"]["customer"]).replace(
            r#"[{"\u0000shared":[0,0,3,3]}]"#,
            &text(&customer["balance"]),
        ),
        &text(&args[1]),
        &text(&args[2]),
        &text(&args[3]),
    );
    assert!(entry["fingerprint"].is_string(), "{answer}");
    assert!(retried.contains(r#""replayed":true"#), "{retried}");
}

/// A cash balance state's remembered transactions: put back, the shared answer is the whole one;
/// each transaction an answer wrote is shared by the next call (one reference for the run), and
/// one written otherwise (key order, whitespace, an escape) is written again.
#[test]
fn a_cash_state_shares_its_remembered_transactions() {
    let both = |state: &str, transaction: &Value| {
        let whole = api::apply_cash_transaction_in(Form::Whole, state, &text(transaction));
        assert_eq!(
            whole,
            api::apply_cash_transaction(state, &text(transaction))
        );
        let shared = api::apply_cash_transaction_in(Form::Shared, state, &text(transaction));
        let mut put_back: Value = serde_json::from_str(&shared).unwrap();
        let argument: Value = serde_json::from_str(state).unwrap();
        unshare_from(&mut put_back, &argument, &["recent_transactions"]);
        let whole: Value = serde_json::from_str(&whole).unwrap();
        assert_eq!(put_back, whole, "{state}");
        (whole, shared.matches("\\u0000shared").count())
    };
    let funded = |i: u32| {
        json!({ "id": format!("ccsbtxn_{i}"), "type": "funded", "currency": "eur",
            "net_amount": 100 + i, "created": 1_700_000_000 + i,
            "funded": { "bank_transfer": { "type": "eu_bank_transfer", "reference": format!("Invoice \"{i}\"") } } })
    };
    let mut state = json!({ "customer": "cus_1" });
    for i in 0..140 {
        let (answer, references) = both(&text(&state), &funded(i));
        assert_eq!(references, usize::from(i > 0), "call {i}");
        state = answer["value"]["state"].clone();
    }
    assert_eq!(
        state["recent_transactions"].as_array().map(Vec::len),
        Some(128)
    );
    let odd = r#"{"customer":"cus_1","recent_transactions":[{"created":1,"id":"a"},{"id":"b","created":2},{"id":"\u0063","created":3},{"id":"d", "created":4},{"id":"e","created":null}]}"#;
    let (_, references) = both(odd, &funded(9));
    assert_eq!(references, 2);
}

/// The host loop on a held cash balance state (`Form::Held`, api::held): each call names the state
/// the last one kept by its handle, and every answer, put back from the state the last answer
/// returned, is the whole answer of that state's text; a refused transaction keeps nothing new, a
/// handle names no customer and a customer's handle no state.
#[test]
fn a_held_cash_state_answers_as_its_text() {
    let tx = |i: u32| match i % 9 {
        4 => json!({ "id": format!("ret_{i}"), "type": "return_initiated", "currency": "eur",
            "net_amount": -i64::from(i % 40) - 1, "created": 1_700_000_000 + i }),
        // Applied already: refused as a duplicate.
        7 => json!({ "id": format!("ccsbtxn_{}", i - 1), "type": "funded", "currency": "eur",
            "net_amount": 5, "created": 1_700_000_000 + i,
            "funded": { "bank_transfer": { "type": "eu_bank_transfer" } } }),
        _ => json!({ "id": format!("ccsbtxn_{i}"), "type": "funded", "currency": "eur",
            "net_amount": 100 + i, "created": 1_700_000_000 + i,
            "funded": { "bank_transfer": { "type": "eu_bank_transfer", "reference": format!("Invoice {i}") } } }),
    };
    let mut state = json!({ "customer": "cus_held", "open_payments": [
        { "id": "pi_1", "currency": "eur", "amount_remaining": 9000, "created": 1 }] });
    let mut handle = None;
    let mut refused = 0;
    for i in 0..160u32 {
        let state_text = text(&state);
        let given = match handle {
            Some(h) => api::Given::Held(h),
            None => api::Given::Text(&state_text),
        };
        let held = api::apply_cash_transaction_in(Form::Held, given, &text(&tx(i)));
        let whole: Value =
            serde_json::from_str(&api::apply_cash_transaction(&state_text, &text(&tx(i)))).unwrap();
        let mut put_back: Value = serde_json::from_str(&held).unwrap();
        let kept = put_back.as_object_mut().unwrap().remove("held");
        unshare_from(&mut put_back, &state, &["recent_transactions"]);
        assert_eq!(put_back, whole, "call {i}");
        if whole.get("error").is_some() {
            refused += 1;
            assert_eq!(kept, None, "{held}");
        } else {
            let kept = kept
                .and_then(|h| h.as_u64())
                .expect("a kept state's handle");
            assert_ne!(Some(kept), handle);
            handle = Some(kept);
            state = whole["value"]["state"].clone();
        }
    }
    assert!(refused >= 17, "{refused} refused");
    assert_eq!(
        state["recent_transactions"].as_array().map(Vec::len),
        Some(128)
    );
    assert!(state["forgotten_through"].is_i64());
    // A state's handle names no customer: the call says the value is gone.
    let h = handle.expect("a handle");
    let as_customer =
        api::charge_balance_in(Form::Held, api::Given::Held(h), "{\"price\":1}", "{}");
    assert!(as_customer.contains("internal_error"), "{as_customer}");
    let customer = api::charge_balance_in(
        Form::Held,
        r#"{"id":"c","currency":"EUR"}"#,
        "{\"price\":1}",
        r#"{"now":"2026-11-23T07:00:00Z"}"#,
    );
    let c: Value = serde_json::from_str(&customer).unwrap();
    let c = c["held"].as_u64().expect("a kept customer's handle");
    let as_state = api::apply_cash_transaction_in(Form::Held, api::Given::Held(c), &text(&tx(0)));
    assert!(as_state.contains("internal_error"), "{as_state}");
}

/// The host loop on held customers (`Form::Held`, api::held): each call names the customer the
/// last one kept by its handle instead of passing its text, and every answer, put back from the
/// customer the last answer returned, is the whole answer of that customer's text.
#[test]
fn a_held_customer_answers_as_its_text() {
    let mut customer = json!({ "id": "c-held", "currency": "SEK", "status": "active",
        "schedule": [1, 3], "limit": { "hard": 50000, "soft": 20000 } });
    let mut handle = None;
    let at = |i: u32| format!("2026-11-23T{:02}:{:02}:00Z", 7 + i / 60, i % 60);
    let order = json!({ "number": "o-1", "items": [{ "price": 500 }], "currency": "SEK",
        "customer": "c-held", "payment": { "type": "customer", "charge": "balance" } });
    let mut refused = 0;
    for i in 0..48u32 {
        let options = json!({ "now": at(i * 3), "idempotency_key": format!("k-{}", i % 23) });
        let item = json!({ "number": format!("73100{i}"), "name": format!("Kaffe {i}"),
            "price": 10 + i, "vat": "1.25", "quantity": (i % 3) + 1, "unit": "st" });
        let (f, args) = match i % 8 {
            3 => (
                "fundBalance",
                vec![order.clone(), json!("success"), options],
            ),
            5 => (
                "settleBalance",
                vec![
                    json!(if i % 16 == 5 { "failure" } else { "success" }),
                    options,
                ],
            ),
            6 => ("previewSettlement", vec![json!({ "now": at(i * 3) })]),
            _ => ("chargeBalance", vec![item, options]),
        };
        let a = |k: usize| text(&args[k]);
        let customer_text = text(&customer);
        let given = match handle {
            Some(h) => api::Given::Held(h),
            None => api::Given::Text(&customer_text),
        };
        let held = match f {
            "chargeBalance" => api::charge_balance_in(Form::Held, given, &a(0), &a(1)),
            "fundBalance" => api::fund_balance_in(Form::Held, given, &a(0), &a(1), &a(2)),
            "settleBalance" => api::settle_balance_in(Form::Held, given, &a(0), &a(1)),
            _ => api::preview_settlement_in(Form::Held, given, &a(0)),
        };
        let mut all = vec![customer.clone()];
        all.extend(args.iter().cloned());
        let whole: Value = serde_json::from_str(&call(Form::Whole, f, &all)).unwrap();
        let mut put_back: Value = serde_json::from_str(&held).unwrap();
        let kept = put_back.as_object_mut().unwrap().remove("held");
        unshare(&mut put_back, &customer);
        assert_eq!(put_back, whole, "call {i}: {f}");
        refused += usize::from(whole.get("error").is_some());
        if whole.get("error").is_some() || f == "previewSettlement" {
            // A refusal and a preview keep nothing new: the next call names the same customer.
            assert_eq!(kept, None, "{held}");
            assert!(handle.is_some());
        } else {
            let kept = kept
                .and_then(|h| h.as_u64())
                .expect("a kept customer's handle");
            assert_ne!(Some(kept), handle);
            handle = Some(kept);
            customer = whole["value"]["customer"].clone();
        }
    }
    // Failed settlements leave the customer pending: some charges are refused, on the held path
    // as on the text's.
    assert!((1..20).contains(&refused), "{refused}");
}
