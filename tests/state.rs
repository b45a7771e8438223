#![cfg(not(target_arch = "wasm32"))]
//! The customer's bounded state (DESIGN section 3, "State and journal"): entries out, versions,
//! Stripe-style idempotency, the journal folded back into the state, and migration.

use balance_ledger::api;
use balance_ledger::{
    account_balance, charge_balance, fund_balance, preview_settlement, replay_journal,
    settle_balance, Code, MAX_KEYS,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const NOW: &str = "2026-11-23T10:00:00Z";

fn v<T: serde::Serialize>(t: T) -> Value {
    serde_json::to_value(t).unwrap()
}
fn customer() -> Value {
    json!({ "id": "c1", "currency": "SEK", "status": "active", "schedule": [1] })
}
fn at(now: &str, key: &str) -> Value {
    json!({ "now": now, "idempotency_key": key })
}
fn order(number: &str, items: Value) -> Value {
    json!({ "number": number, "items": items, "currency": "SEK", "customer": "c1",
            "payment": { "type": "customer", "charge": "balance" } })
}
fn charged(c: &Value, body: Value, opts: &Value) -> Value {
    v(charge_balance(c, &body, opts).unwrap())
}

#[test]
fn every_call_returns_its_entries_and_the_next_version() {
    let r = charged(&customer(), json!(10), &json!({ "now": NOW }));
    assert_eq!(r["customer"]["version"], 1);
    assert_eq!(r["entries"].as_array().unwrap().len(), 1);
    assert_eq!(r["entries"][0]["version"], 1);
    assert_eq!(r["replayed"], false);
    let f = v(fund_balance(
        &r["customer"],
        &order("o1", json!(4)),
        &json!("success"),
        &json!({ "now": NOW }),
    )
    .unwrap());
    assert_eq!(f["customer"]["version"], 2);
    assert_eq!(f["entries"][0]["version"], 2);
    let s = v(settle_balance(&f["customer"], &json!("success"), &json!({ "now": NOW })).unwrap());
    assert_eq!(s["customer"]["version"], 3);
    assert_eq!(s["entries"][0]["id"], "c1/3");
    assert_eq!(s["order"]["number"], "c1-3");
    // A refused call changes nothing, so it produces no version.
    let mut inactive = s["customer"].clone();
    inactive["status"] = json!("inactive");
    assert!(charge_balance(&inactive, &json!(1), &json!({ "now": NOW })).is_err());
}

#[test]
fn a_charge_key_replays_the_same_request_and_refuses_another() {
    let o = at(NOW, "k1");
    let first = charged(&customer(), json!(12.5), &o);
    // The same request in another form is the same request: `12.5`, `"12.50"`, an item.
    for same in [
        json!("12.50"),
        json!({ "price": 12.5 }),
        json!([{ "price": "12.5", "quantity": 1 }]),
    ] {
        let again = charged(&first["customer"], same, &at("2026-11-23T11:00:00Z", "k1"));
        assert_eq!(again["replayed"], true);
        assert_eq!(again["customer"], first["customer"]);
        assert_eq!(again["entries"], json!([]));
        assert_eq!(again["matched"], json!([first["entries"][0]["version"]]));
    }
    // Another body under the same key is refused, naming the key; nothing changes.
    let e = charge_balance(&first["customer"], &json!(99), &o).unwrap_err();
    assert_eq!(e.code, Code::IdempotencyKeyReused);
    assert!(e.message.contains("\"k1\""), "{}", e.message);
    // 24 hours after its use the key is a new request.
    let later = charged(
        &first["customer"],
        json!(99),
        &at("2026-11-24T10:00:00Z", "k1"),
    );
    assert_eq!(later["replayed"], false);
    assert_eq!(later["customer"]["version"], 2);
    assert_eq!(later["customer"]["balance"].as_array().unwrap().len(), 2);
}

#[test]
fn a_fund_key_replays_the_same_order_and_refuses_another() {
    let o = at(NOW, "f1");
    let fund = |c: &Value, ord: Value, outcome: &str| fund_balance(c, &ord, &json!(outcome), &o);
    let first = v(fund(&customer(), order("o1", json!(100)), "success").unwrap());
    let again = v(fund(&first["customer"], order("o1", json!("100.00")), "success").unwrap());
    assert_eq!(again["replayed"], true);
    assert_eq!(again["customer"], first["customer"]);
    assert_eq!(again["entries"], json!([]));
    assert_eq!(again["matched"], json!([1]));
    assert_eq!(again["order"], first["order"]);
    for (other, outcome) in [
        (order("o1", json!(101)), "success"),
        (order("o2", json!(100)), "success"),
        (order("o1", json!(100)), "failure"),
    ] {
        let e = fund(&first["customer"], other, outcome).unwrap_err();
        assert_eq!(e.code, Code::IdempotencyKeyReused);
        assert!(e.message.contains("\"f1\""), "{}", e.message);
    }
}

#[test]
fn a_settle_key_replays_the_same_outcome_and_refuses_another() {
    let c = charged(&customer(), json!(30), &json!({ "now": NOW }))["customer"].clone();
    let o = at(NOW, "s1");
    let first = v(settle_balance(&c, &json!("failure"), &o).unwrap());
    assert_eq!(first["customer"]["status"], "pending");
    let again = v(settle_balance(&first["customer"], &json!("failure"), &o).unwrap());
    assert_eq!(again["replayed"], true);
    assert_eq!(again["customer"], first["customer"]);
    assert_eq!(again["entries"], json!([]));
    // The order is not kept in the state: a replay names it through its entry's version.
    assert_eq!(again["order"], Value::Null);
    assert_eq!(again["matched"], json!([first["entries"][0]["version"]]));
    let e = settle_balance(&first["customer"], &json!("success"), &o).unwrap_err();
    assert_eq!(e.code, Code::IdempotencyKeyReused);
    let numbered = json!({ "now": NOW, "idempotency_key": "s1", "number": "n-9" });
    let e = settle_balance(&first["customer"], &json!("failure"), &numbered).unwrap_err();
    assert_eq!(e.code, Code::IdempotencyKeyReused);
    assert!(e.message.contains("\"s1\""), "{}", e.message);
}

#[test]
fn the_state_keeps_a_bounded_window_of_keys() {
    let mut c = customer();
    for i in 0..MAX_KEYS + 8 {
        c = charged(&c, json!(1), &at(NOW, &format!("k{i}")))["customer"].clone();
    }
    let keys = c["idempotency_keys"].as_array().unwrap();
    assert_eq!(keys.len(), MAX_KEYS);
    assert_eq!(keys[0]["key"], "k8");
    assert_eq!(keys[0]["fingerprint"].as_str().unwrap().len(), 7 + 64);
    // Each key holds what idempotency needs, not the call's entries.
    assert_eq!(keys[0]["versions"], json!([9]));
    let mut fields: Vec<&String> = keys[0].as_object().unwrap().keys().collect();
    fields.sort();
    assert_eq!(fields, ["at", "fingerprint", "key", "versions"]);
    // A day later one unkeyed call forgets every key of the window.
    let r = charged(&c, json!(1), &json!({ "now": "2026-11-24T10:00:00Z" }));
    assert_eq!(r["customer"]["idempotency_keys"], json!([]));
}

#[test]
fn a_key_record_of_an_earlier_version_with_its_entries_still_replays() {
    // Earlier versions kept each key's entries in the state; such a record is read as the
    // versions of its entries and written back in the small shape.
    let first = charged(&customer(), json!(12.5), &at(NOW, "k1"));
    let mut old = first["customer"].clone();
    let record = &mut old["idempotency_keys"][0];
    record.as_object_mut().unwrap().remove("versions");
    record["entries"] = first["entries"].clone();
    let again = charged(&old, json!("12.50"), &at(NOW, "k1"));
    assert_eq!(again["replayed"], true);
    assert_eq!(again["entries"], json!([]));
    assert_eq!(again["matched"], json!([1]));
    assert_eq!(again["customer"], first["customer"]);
    let next = charged(&old, json!(1), &at(NOW, "k2"));
    assert_eq!(
        next["customer"]["idempotency_keys"][0],
        first["customer"]["idempotency_keys"][0]
    );
    // Both shapes at once, or an old record whose entries do not read, are refused with the path.
    let mut both = old.clone();
    both["idempotency_keys"][0]["versions"] = json!([1]);
    let e = charge_balance(&both, &json!(1), &json!({ "now": NOW })).unwrap_err();
    assert_eq!(e.issues[0].path, "/customer/idempotency_keys/0/entries");
    let mut zero = first["customer"].clone();
    zero["idempotency_keys"][0]["versions"] = json!([0]);
    let e = charge_balance(&zero, &json!(1), &json!({ "now": NOW })).unwrap_err();
    assert_eq!(
        (e.code, e.issues[0].path.as_str()),
        (Code::InvalidInput, "/customer/idempotency_keys/0/versions")
    );
    let mut broken = old.clone();
    broken["idempotency_keys"][0]["entries"][0]["version"] = json!("one");
    let e = charge_balance(&broken, &json!(1), &json!({ "now": NOW })).unwrap_err();
    assert_eq!(
        e.issues[0].path,
        "/customer/idempotency_keys/0/entries/0/version"
    );
}

#[test]
fn a_customer_with_a_journal_is_migrated() {
    let old = json!({
        "id": "c1", "currency": "SEK", "status": "active", "total": "5.00",
        "balance": [{ "price": "10.00", "quantity": "1" }],
        "journal": [
            { "id": "c1/1", "kind": "fund", "at": "2026-11-20T09:00:00Z", "currency": "SEK", "amount": "5.00",
              "total_after": "5.00", "unsettled_after": "0.00", "settlement_due": false },
            { "id": "c1/2", "kind": "charge", "at": "2026-11-23T09:00:00Z", "currency": "SEK", "amount": "10.00",
              "items": 1, "idempotency_key": "old-key", "total_after": "5.00", "unsettled_after": "10.00",
              "settlement_due": false },
            { "note": "a caller's own entry" }
        ]
    });
    let r = charged(&old, json!(1), &json!({ "now": NOW }));
    let c = &r["customer"];
    assert_eq!(c.get("journal"), None);
    assert_eq!(c["version"], 4);
    assert_eq!(r["entries"][0]["id"], "c1/4");
    assert_eq!(
        c["last_payment"],
        json!({ "at": "2026-11-20T09:00:00Z", "amount": "5.00" })
    );
    assert_eq!(c["idempotency_keys"][0]["key"], "old-key");
    assert_eq!(c["idempotency_keys"][0]["fingerprint"], Value::Null);
    // A key of the old journal cannot be compared: it is refused, never replayed.
    let e = charge_balance(c, &json!(10), &at(NOW, "old-key")).unwrap_err();
    assert_eq!(e.code, Code::IdempotencyKeyReused);
    // The IVR view reads the last payment from the state now.
    let ivr = v(account_balance(&json!(c), &json!({ "request_tracking_id": "t" })).unwrap());
    assert_eq!(ivr["last_payment_amount"], "5.00");
    assert_eq!(ivr["last_payment_date"], "2026-11-20");
}

#[test]
fn folding_the_entries_gives_the_state() {
    let start = json!({ "id": "c1", "currency": "SEK", "status": "created", "schedule": [1, 2], "limit": { "hard": 1000, "soft": 10 } });
    let mut c = start.clone();
    let mut entries = Vec::new();
    let mut take = |r: Value, c: &mut Value| {
        entries.extend(r["entries"].as_array().unwrap().iter().cloned());
        *c = r["customer"].clone();
    };
    take(
        charged(
            &c,
            json!([{ "price": 19.99, "vat": 5, "quantity": 3 }]),
            &at(NOW, "a"),
        ),
        &mut c,
    );
    take(
        v(fund_balance(
            &c,
            &order("o1", json!(20)),
            &json!("failure"),
            &json!({ "now": NOW }),
        )
        .unwrap()),
        &mut c,
    );
    take(
        v(fund_balance(
            &c,
            &order("o2", json!(20)),
            &json!("success"),
            &at(NOW, "b"),
        )
        .unwrap()),
        &mut c,
    );
    take(
        v(settle_balance(&c, &json!("failure"), &json!({ "now": NOW })).unwrap()),
        &mut c,
    );
    take(
        v(settle_balance(&c, &json!("success"), &at(NOW, "c")).unwrap()),
        &mut c,
    );
    let folded = v(replay_journal(&start, &Value::Array(entries.clone())).unwrap());
    assert_eq!(folded, c);
    // A part of the journal folds onto the state it started from.
    let (head, tail) = entries.split_at(2);
    let mid = v(replay_journal(&start, &json!(head)).unwrap());
    assert_eq!(v(replay_journal(&mid, &json!(tail)).unwrap()), c);

    // A gap, a repeat or a changed amount is refused.
    let mismatch = |list: Vec<Value>| replay_journal(&start, &json!(list)).unwrap_err();
    let e = mismatch(entries[1..].to_vec());
    assert_eq!(
        (e.code, e.issues[0].path.as_str()),
        (Code::JournalMismatch, "/entries/0/version")
    );
    let e = mismatch(vec![entries[0].clone(), entries[0].clone()]);
    assert_eq!(e.code, Code::JournalMismatch);
    let mut changed = entries.clone();
    changed[2]["total_after"] = json!("999.00");
    let e = mismatch(changed);
    assert_eq!(
        (e.code, e.issues[0].path.as_str()),
        (Code::JournalMismatch, "/entries/2/total_after")
    );
    let mut changed = entries.clone();
    changed[0]["charged"][0]["price"] = json!("1.00");
    assert_eq!(mismatch(changed).code, Code::JournalMismatch);
    // A charged item the item rules refuse is refused with the issues the item reader gives that
    // item, at its place in the journal.
    for (field, bad) in [
        ("price", json!("abc")),
        ("price", json!("-1")),
        ("quantity", json!("0")),
        ("vat", json!("1.0000001")),
        ("rebate", json!("99999")),
        ("name", json!("x".repeat(257))),
        ("unit", json!("st\u{7}")),
    ] {
        let mut changed = entries.clone();
        changed[0]["charged"][0][field] = bad.clone();
        let e = mismatch(changed);
        let mut item = entries[0]["charged"][0].clone();
        item[field] = bad;
        let refused = balance_ledger::validate_items(&json!([item]), None).unwrap_err();
        assert_eq!(e.code, Code::InvalidInput, "{field}: {e:?}");
        assert_eq!(e.issues.len(), refused.issues.len(), "{field}: {e:?}");
        for (got, want) in e.issues.iter().zip(&refused.issues) {
            let place = want.path.strip_prefix("/0/").unwrap();
            assert_eq!(got.path, format!("/entries/0/charged/0/{place}"));
            assert_eq!((got.code, &got.message), (want.code, &want.message));
        }
    }
    let e = replay_journal(&start, &json!([{ "id": "x", "colour": 1 }])).unwrap_err();
    let paths: Vec<&str> = e.issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(e.code, Code::InvalidInput);
    for p in [
        "/entries/0/colour",
        "/entries/0/version",
        "/entries/0/kind",
        "/entries/0/settlement_due",
    ] {
        assert!(paths.contains(&p), "{p} in {paths:?}");
    }
}

// --- Property: for random sequences of calls, folding the entries gives the state ---

#[derive(Debug, Clone)]
enum Op {
    Charge(Vec<(u32, u32)>, Option<u8>),
    Fund(u32, bool, Option<u8>),
    Settle(bool, Option<u8>),
    /// A charge above the hard limit (refused).
    OverLimit,
    /// Time passes (keys expire after a day).
    Wait(u32),
    /// The previous call again, as a client retries it.
    Retry,
}

fn key() -> impl Strategy<Value = Option<u8>> {
    proptest::option::of(0u8..6)
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (prop::collection::vec((1u32..50_000, 1u32..4), 1..3), key())
            .prop_map(|(l, k)| Op::Charge(l, k)),
        (1u32..100_000, any::<bool>(), key()).prop_map(|(a, s, k)| Op::Fund(a, s, k)),
        (any::<bool>(), key()).prop_map(|(s, k)| Op::Settle(s, k)),
        Just(Op::OverLimit),
        (1u32..29).prop_map(Op::Wait),
        Just(Op::Retry),
        Just(Op::Retry),
    ]
}

fn cents(s: &Value) -> i128 {
    s.as_str().unwrap().replace('.', "").parse().unwrap()
}
fn amount(c: u32) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}
fn time(hours: u32) -> String {
    let day = 1 + hours / 24;
    format!("2027-01-{day:02}T{:02}:00:00Z", hours % 24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn the_journal_folds_into_the_state(ops in prop::collection::vec(op(), 1..24)) {
        let start = json!({ "id": "c1", "currency": "SEK", "status": "active", "schedule": [1], "limit": { "hard": 2_000_000 } });
        let mut c = start.clone();
        let mut entries: Vec<Value> = Vec::new();
        let mut hours = 0u32;
        // Tracked independently of the ledger: funds, what is on the balance, items.
        let (mut funds, mut unsettled, mut items_seen, mut items_settled) = (0i128, 0i128, 0usize, 0usize);
        let mut last: Option<Op> = None;
        for op in ops {
            let op = match op {
                Op::Retry => match &last {
                    Some(l) => l.clone(),
                    None => continue,
                },
                op => op,
            };
            last = Some(op.clone());
            let now = time(hours);
            let opts = |k: Option<u8>| match k {
                Some(k) => json!({ "now": now, "idempotency_key": format!("k{k}") }),
                None => json!({ "now": now }),
            };
            let before = c.clone();
            let result = match &op {
                Op::Charge(lines, k) => {
                    let body: Vec<Value> = lines.iter().map(|(p, q)| json!({ "price": amount(*p), "quantity": q })).collect();
                    charge_balance(&c, &Value::Array(body), &opts(*k)).map(v)
                }
                Op::Fund(a, success, k) => {
                    let outcome = if *success { "success" } else { "failure" };
                    fund_balance(&c, &order("o", json!(amount(*a))), &json!(outcome), &opts(*k)).map(v)
                }
                Op::Settle(success, k) => {
                    let outcome = if *success { "success" } else { "failure" };
                    let preview = v(preview_settlement(&c, &opts(*k)).unwrap());
                    let r = settle_balance(&c, &json!(outcome), &opts(*k)).map(v);
                    if let Ok(r) = &r {
                        if r["replayed"] == false {
                            // The preview is exactly what settling does.
                            prop_assert_eq!(&r["customer"], &preview["after"][outcome]);
                            prop_assert_eq!(&r["order"], &preview["order"]);
                            prop_assert_eq!(&r["entries"], &preview["entries"][outcome]);
                        }
                    }
                    r
                }
                Op::OverLimit => charge_balance(&c, &json!("20000.01"), &opts(None)).map(v),
                Op::Wait(h) => { hours += h; continue; }
                Op::Retry => continue,
            };
            match result {
                Ok(r) => {
                    let new: Vec<Value> = r["entries"].as_array().unwrap().clone();
                    if r["replayed"] == true {
                        // A replay changes and creates nothing; the entries it names are already
                        // in the journal.
                        prop_assert_eq!(&r["customer"], &before);
                        prop_assert!(new.is_empty());
                        let matched = r["matched"].as_array().unwrap();
                        prop_assert!(!matched.is_empty());
                        for m in matched {
                            prop_assert!(entries.iter().any(|e| &e["version"] == m));
                        }
                    } else {
                        prop_assert_eq!(r.get("matched"), None);
                        prop_assert_eq!(new.len(), usize::from(r["customer"]["version"].as_u64() != Some(before["version"].as_u64().unwrap_or(0))));
                        for e in &new {
                            match e["kind"].as_str().unwrap() {
                                "charge" => {
                                    unsettled += cents(&e["amount"]);
                                    items_seen += e["items"].as_u64().unwrap() as usize;
                                }
                                "fund" => funds += cents(&e["amount"]),
                                "settlement" => {
                                    let applied = funds.min(unsettled);
                                    prop_assert_eq!(cents(&e["amount"]), unsettled - applied);
                                    funds -= applied;
                                    unsettled = 0;
                                    items_settled += e["items"].as_u64().unwrap() as usize;
                                }
                                _ => {}
                            }
                        }
                        entries.extend(new);
                    }
                    c = r["customer"].clone();
                }
                Err(e) => {
                    // Only the refusals this sequence can meet: a reused key, the hard limit.
                    prop_assert!(matches!(e.code, Code::IdempotencyKeyReused | Code::LimitExceeded), "{:?}", e);
                }
            }
            // Funds are never created or lost; items never vanish or settle twice.
            prop_assert_eq!(cents(&c["total"]), funds);
            prop_assert_eq!(c["balance"].as_array().unwrap().len() + items_settled, items_seen);
            prop_assert_eq!(c["version"].as_u64().unwrap() as usize, entries.len());
            // The state as the answers write it reads (straight from its text) as the general
            // reader reads it: the same text with its first key written twice, which only the
            // general reader takes, answers the same bytes.
            let text = c.to_string();
            let general = format!("{{\"id\":{},{}", c["id"], &text[1..]);
            let o = json!({ "now": time(hours), "idempotency_key": "probe" }).to_string();
            prop_assert_eq!(api::preview_settlement(&text, &o), api::preview_settlement(&general, &o));
            prop_assert_eq!(api::charge_balance(&text, "[1.5]", &o), api::charge_balance(&general, "[1.5]", &o));
            // Folding the entries gives exactly the state the calls returned.
            let folded = v(replay_journal(&start, &json!(entries)).unwrap());
            prop_assert_eq!(&folded, &c);
            hours += 1;
        }
        let _ = unsettled;
    }
}

#[test]
fn the_state_stays_small_over_many_operations() {
    // 1,000 keyed charges with a settlement every 50, an hour apart: the state is bounded by the
    // unsettled items and the key window, not by history.
    let mut c = customer();
    let mut largest = 0;
    for i in 0..1_000u32 {
        let now = time(i % 24);
        let r = if i % 50 == 49 {
            v(settle_balance(&c, &json!("success"), &at(&now, &format!("s{i}"))).unwrap())
        } else {
            charged(
                &c,
                json!({ "price": "123.45", "name": "Coffee" }),
                &at(&now, &format!("k{i}")),
            )
        };
        c = r["customer"].clone();
        largest = largest.max(c.to_string().len());
    }
    assert_eq!(c["version"], 1_000);
    // 49 unsettled items and 20 keys of key, fingerprint, time and versions (~130 bytes each).
    assert!(largest < 8 * 1024, "the state reached {largest} bytes");
}
