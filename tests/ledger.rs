#![cfg(not(target_arch = "wasm32"))]
//! The customer balance ledger (DESIGN section 3): charge, fund, settle, settle all, targets.

use balance_ledger::Code;
use balance_ledger::{
    charge_balance, fund_balance, preview_settlement, preview_settlements, settle_balance,
    settlement_target,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const NOW: &str = "2026-11-23T10:00:00Z";

fn opts() -> Value {
    json!({ "now": NOW })
}
fn v<T: serde::Serialize>(t: T) -> Value {
    serde_json::to_value(t).unwrap()
}
fn customer() -> Value {
    json!({ "id": "c1", "currency": "SEK", "balance": [], "total": 0, "status": "active" })
}
/// The customer as the ledger writes it back (amounts as decimal strings, version 0).
fn customer_view() -> Value {
    json!({ "id": "c1", "currency": "SEK", "balance": [], "total": "0.00", "status": "active",
            "version": 0, "idempotency_keys": [] })
}
fn code<T: std::fmt::Debug>(r: Result<T, balance_ledger::Error>) -> Code {
    match r {
        Ok(t) => panic!("expected an error, got {t:?}"),
        Err(e) => e.code,
    }
}
fn issue_codes<T: std::fmt::Debug>(r: Result<T, balance_ledger::Error>) -> Vec<(String, Code)> {
    match r {
        Ok(t) => panic!("expected issues, got {t:?}"),
        Err(e) => e.issues.into_iter().map(|i| (i.path, i.code)).collect(),
    }
}
fn charge(c: &Value, body: Value) -> Value {
    v(charge_balance(c, &body, &opts()).unwrap())
}
fn order(items: Value) -> Value {
    json!({ "number": "o1", "items": items, "currency": "SEK", "customer": "c1",
            "payment": { "type": "customer", "charge": "balance" } })
}

#[test]
fn charge_appends_items_in_the_three_body_forms() {
    let r = charge(&customer(), json!(12.5));
    assert_eq!(
        r["customer"]["balance"],
        json!([{ "price": "12.50", "quantity": "1" }])
    );
    assert_eq!(r["entries"][0]["kind"], "charge");
    assert_eq!(r["entries"][0]["amount"], "12.50");
    assert_eq!(r["entries"][0]["id"], "c1/1");
    assert_eq!(r["entries"][0]["at"], NOW);
    let r = charge(
        &r["customer"],
        json!({ "price": 119.6, "vat": 29.9, "quantity": 2 }),
    );
    let r = charge(&r["customer"], json!([{ "price": 1 }, { "price": 2 }]));
    assert_eq!(r["customer"]["balance"].as_array().unwrap().len(), 4);
    assert_eq!(r["entries"][0]["unsettled_after"], "314.50");
    // The state carries no journal: a version, and each entry the version it produced.
    assert_eq!(r["customer"].get("journal"), None);
    assert_eq!(r["customer"]["version"], 3);
    assert_eq!(r["entries"][0]["id"], "c1/3");
    assert_eq!(r["entries"][0]["version"], 3);
    assert_eq!(
        r["entries"][0]["charged"],
        json!([{ "price": "1.00", "quantity": "1" }, { "price": "2.00", "quantity": "1" }])
    );
}

#[test]
fn charge_reports_body_problems_with_paths() {
    let r = charge_balance(&customer(), &json!([{ "price": -1 }]), &opts());
    assert_eq!(
        issue_codes(r),
        [("/body/0/price".to_string(), Code::Negative)]
    );
}

#[test]
fn the_same_idempotency_key_adds_items_once() {
    let o = json!({ "now": NOW, "idempotency_key": "k1" });
    let first = v(charge_balance(&customer(), &json!(10), &o).unwrap());
    let second = v(charge_balance(&first["customer"], &json!(10), &o).unwrap());
    assert_eq!(second["replayed"], true);
    assert_eq!(second["customer"], first["customer"]);
    // A replay creates nothing: no entries, and the versions of the original ones.
    assert_eq!(second["entries"], json!([]));
    assert_eq!(second["matched"], json!([1]));
    assert_eq!(first["entries"][0]["idempotency_key"], "k1");
    assert_eq!(first.get("matched"), None);
}

#[test]
fn a_hard_limit_refuses_and_a_soft_limit_flags() {
    let mut c = customer();
    c["limit"] = json!({ "hard": 100, "soft": 50 });
    c["total"] = json!(20);
    let r = charge(&c, json!(60)); // due 40: under soft
    assert_eq!(r["entries"][0]["settlement_due"], false);
    let r = charge(&r["customer"], json!(15)); // due 55: soft reached
    assert_eq!(r["entries"][0]["settlement_due"], true);
    let e = charge_balance(&r["customer"], &json!(65.01), &opts()).unwrap_err();
    assert_eq!(e.code, Code::LimitExceeded);
    for part in ["65.01", "120.01", "100.00", "55.00"] {
        assert!(e.message.contains(part), "{part} in {}", e.message);
    }
    assert!(charge_balance(&r["customer"], &json!(45), &opts()).is_ok()); // exactly at the limit
                                                                          // A plain number is a hard limit; a margin flags within it of the hard limit.
    c["limit"] = json!(10);
    c["total"] = json!(0);
    assert_eq!(
        code(charge_balance(&c, &json!(10.01), &opts())),
        Code::LimitExceeded
    );
    c["limit"] = json!({ "hard": 100, "margin": 10 });
    assert_eq!(
        charge(&c, json!(89.99))["entries"][0]["settlement_due"],
        false
    );
    assert_eq!(charge(&c, json!(90))["entries"][0]["settlement_due"], true);
}

#[test]
fn inactive_and_suspended_customers_cannot_be_charged() {
    for status in ["inactive", "suspended"] {
        let mut c = customer();
        c["status"] = json!(status);
        assert_eq!(
            code(charge_balance(&c, &json!(1), &opts())),
            Code::CustomerNotChargeable
        );
        // The message names the customer as written, and its status.
        c["id"] = json!("Cust-ÅÄ-1");
        let e = charge_balance(&c, &json!(1), &opts()).unwrap_err();
        assert_eq!(
            e.message,
            format!("customer Cust-ÅÄ-1 is {status} and cannot be charged")
        );
    }
}

#[test]
fn customers_are_validated_with_every_problem() {
    let bad = json!({ "id": "", "currency": "XXX", "total": -1, "status": "gone", "extra": 1,
                      "balance": [{ "price": 1, "currency": "EUR" }], "schedule": [0] });
    let found = issue_codes(charge_balance(&bad, &json!(1), &opts()));
    for expected in [
        ("/customer/extra", Code::UnknownField),
        ("/customer/id", Code::Required),
        ("/customer/currency", Code::UnknownCurrency),
        ("/customer/status", Code::UnknownValue),
        ("/customer/total", Code::Negative),
        ("/customer/schedule/0", Code::OutOfRange),
    ] {
        assert!(
            found.contains(&(expected.0.to_string(), expected.1)),
            "{expected:?} in {found:?}"
        );
    }
    let mut c = customer();
    c["balance"] = json!([{ "price": 1, "currency": "EUR" }]);
    assert_eq!(
        issue_codes(charge_balance(&c, &json!(1), &opts())),
        [(
            "/customer/balance/0/currency".to_string(),
            Code::CurrencyMismatch
        )]
    );
    c["balance"] = json!([]);
    c["total"] = json!("1.005");
    assert_eq!(
        issue_codes(charge_balance(&c, &json!(1), &opts())),
        [("/customer/total".to_string(), Code::TooPrecise)]
    );
    c["total"] = json!("1e999");
    assert_eq!(
        issue_codes(charge_balance(&c, &json!(1), &opts())),
        [("/customer/total".to_string(), Code::OutOfRange)]
    );
}

#[test]
fn options_need_a_valid_time() {
    let r = charge_balance(&customer(), &json!(1), &json!({ "now": "yesterday" }));
    assert_eq!(
        issue_codes(r),
        [("/options/now".to_string(), Code::InvalidDateTime)]
    );
    let r = charge_balance(&customer(), &json!(1), &Value::Null);
    assert_eq!(
        issue_codes(r),
        [("/options/now".to_string(), Code::Required)]
    );
}

#[test]
fn funding_credits_the_total_or_marks_pending_with_retries() {
    let mut c = customer();
    c["status"] = json!("pending");
    c["schedule"] = json!([1, 3, 7]);
    let ok = v(fund_balance(
        &c,
        &order(json!([{ "price": 100 }, { "price": 50, "vat": 12.5 }])),
        &json!("success"),
        &opts(),
    )
    .unwrap());
    assert_eq!(ok["customer"]["total"], "162.50");
    assert_eq!(ok["customer"]["status"], "active");
    assert_eq!(ok["entries"][0]["kind"], "fund");
    assert_eq!(ok["order"]["amount"], "162.50");
    let failed = v(fund_balance(&c, &order(json!(100)), &json!("failure"), &opts()).unwrap());
    assert_eq!(failed["customer"]["total"], "0.00");
    assert_eq!(failed["customer"]["status"], "pending");
    assert_eq!(failed["entries"][0]["kind"], "fund_failed");
    assert_eq!(
        failed["entries"][0]["retries"],
        json!([
            "2026-11-24T10:00:00Z",
            "2026-11-26T10:00:00Z",
            "2026-11-30T10:00:00Z"
        ])
    );
}

#[test]
fn funding_orders_must_match_the_customer() {
    let mut o = order(json!(1));
    o["currency"] = json!("EUR");
    o["customer"] = json!("someone");
    o["payment"] = json!({ "type": "card" });
    let found = issue_codes(fund_balance(&customer(), &o, &json!("success"), &opts()));
    assert_eq!(
        found,
        [
            ("/order/currency".to_string(), Code::CurrencyMismatch),
            ("/order/customer".to_string(), Code::CustomerMismatch),
            ("/order/payment".to_string(), Code::UnsupportedPayment),
        ]
    );
    assert_eq!(
        code(fund_balance(
            &customer(),
            &order(json!(1)),
            &json!("ok"),
            &opts()
        )),
        Code::InvalidInput
    );
}

/// A settled order's default number (`<id>-<version + 1>`) of the longest id and version is an
/// order number that funding and a settle's `number` take: the host that settles then funds the
/// order it was given is never refused it (it was, once: the order number had an item number's 64
/// characters). Through the text API too, whose typed readers check the same limit.
#[test]
fn the_default_order_number_of_the_longest_id_is_accepted_back() {
    let id = "c".repeat(64);
    let mut c = customer();
    c["id"] = json!(id);
    c["version"] = json!((1u64 << 53) - 10);
    let c = charge(&c, json!(10))["customer"].clone();
    let settled = v(settle_balance(&c, &json!("failure"), &opts()).unwrap());
    let number = settled["order"]["number"].as_str().unwrap().to_owned();
    assert_eq!(number, format!("{id}-{}", (1u64 << 53) - 8));
    assert_eq!(number.len(), 64 + 1 + 16);
    let mut o = settled["order"].clone();
    o.as_object_mut().unwrap().retain(|k, _| {
        ["number", "items", "currency", "customer", "payment"].contains(&k.as_str())
    });
    o["items"] = json!(10);
    let before_fund = settled["customer"].clone();
    let funded = v(fund_balance(&before_fund, &o, &json!("success"), &opts()).unwrap());
    assert_eq!(funded["order"]["number"], json!(number));
    // The text API (typed readers) answers the same.
    let text = |v: &Value| v.to_string();
    let answer: Value = serde_json::from_str(&balance_ledger::api::fund_balance(
        &text(&before_fund),
        &text(&o),
        "\"success\"",
        &text(&opts()),
    ))
    .unwrap();
    assert_eq!(
        answer["value"]["order"]["number"],
        json!(number),
        "{answer}"
    );
    let explicit = json!({ "now": NOW, "number": number });
    let r = v(settle_balance(&c, &json!("failure"), &explicit).unwrap());
    assert_eq!(r["order"]["number"], json!(number));
    // One character more is refused, with its path.
    o["number"] = json!(format!("{number}0"));
    let found = issue_codes(fund_balance(&before_fund, &o, &json!("success"), &opts()));
    assert_eq!(found, [("/order/number".to_string(), Code::TooLong)]);
}

fn with_balance(items: Value, total: Value) -> Value {
    let mut c = customer();
    c["balance"] = items;
    c["total"] = total;
    c["schedule"] = json!([2]);
    c
}

#[test]
fn preview_moves_items_into_one_order_with_funds_as_a_negative_item() {
    let c = with_balance(
        json!([{ "price": 100 }, { "price": 20, "vat": 5, "quantity": 2 }]),
        json!(30),
    );
    let p = v(preview_settlement(&c, &opts()).unwrap());
    assert_eq!(p["amount"], "120.00"); // 150 - 30
    let order = &p["order"];
    assert_eq!(
        order["payment"],
        json!({ "type": "customer", "charge": "balance" })
    );
    assert_eq!(order["customer"], "c1");
    assert_eq!(order["currency"], "SEK");
    assert_eq!(order["items"].as_array().unwrap().len(), 3);
    assert_eq!(
        order["items"][2],
        json!({ "number": "balance", "name": "Paid from balance", "price": "-30.00", "quantity": "1" })
    );
    assert_eq!(order["amount"], "120.00");
    let success = &p["after"]["success"];
    assert_eq!(success["balance"], json!([]));
    assert_eq!(success["total"], "0.00");
    assert_eq!(success["version"], 1);
    assert_eq!(p["customer"]["version"], 0);
    let failure = &p["after"]["failure"];
    assert_eq!(failure["balance"], p["customer"]["balance"]);
    assert_eq!(failure["total"], "30.00");
    assert_eq!(failure["status"], "pending");
    assert_eq!(failure["version"], 1);
}

#[test]
fn funds_that_cover_everything_leave_the_rest_on_the_balance() {
    let c = with_balance(json!([{ "price": 10 }]), json!(25));
    let p = v(preview_settlement(&c, &opts()).unwrap());
    assert_eq!(p["amount"], "0.00");
    assert_eq!(p["order"]["items"][1]["price"], "-10.00");
    assert_eq!(p["after"]["success"]["total"], "15.00");
}

#[test]
fn an_empty_balance_previews_no_order_and_zero() {
    let p = v(preview_settlement(&customer(), &opts()).unwrap());
    assert_eq!(p["order"], Value::Null);
    assert_eq!(p["amount"], "0.00");
    assert_eq!(p["after"]["success"], p["customer"]);
    let s = v(settle_balance(&customer(), &json!("success"), &opts()).unwrap());
    assert_eq!(s["entries"], json!([]));
    assert_eq!(s["customer"], customer_view());
}

#[test]
fn settle_is_the_preview_applied() {
    let c = with_balance(json!([{ "price": 7.5, "quantity": 3 }]), json!(5));
    let p = v(preview_settlement(&c, &opts()).unwrap());
    let ok = v(settle_balance(&c, &json!("success"), &opts()).unwrap());
    let failed = v(settle_balance(&c, &json!("failure"), &opts()).unwrap());
    assert_eq!(ok["customer"], p["after"]["success"]);
    assert_eq!(failed["customer"], p["after"]["failure"]);
    assert_eq!(ok["order"], p["order"]);
    assert_eq!(ok["entries"][0]["kind"], "settlement");
    assert_eq!(failed["entries"][0]["kind"], "settlement_failed");
    assert_eq!(
        failed["entries"][0]["retries"],
        json!(["2026-11-25T10:00:00Z"])
    );
}

#[test]
fn settle_all_counts_updated_and_errors_and_never_stops() {
    let customers = json!([
        with_balance(json!([{ "price": 10 }]), json!(0)),
        { "id": "broken", "currency": "XXX" },
        { "id": "c3", "currency": "EUR" },
        42,
        with_balance(json!([{ "price": 1 }]), json!(0)),
    ]);
    let r = v(preview_settlements(&customers, &opts()).unwrap());
    assert_eq!(r["updated"], 1); // c1 once; c3 has nothing to settle; the second c1 is a duplicate
    assert_eq!(r["errors"], 3);
    let results = r["results"].as_array().unwrap();
    assert_eq!(results[0]["ok"], true);
    assert_eq!(results[0]["amount"], "10.00");
    assert_eq!(results[1]["id"], "broken");
    assert_eq!(results[1]["issues"][0]["path"], "/customers/1/currency");
    assert_eq!(results[2]["preview"]["order"], Value::Null);
    assert_eq!(results[3]["issues"][0]["code"], "invalid_type");
    assert_eq!(results[4]["issues"][0]["code"], "duplicate_id");
    let summary =
        v(preview_settlements(&customers, &json!({ "now": NOW, "detail": "summary" })).unwrap());
    assert_eq!(
        summary["results"][0],
        json!({ "ok": true, "id": "c1", "amount": "10.00" })
    );
}

#[test]
fn settlement_targets_follow_the_seed() {
    let t = |k: &str, id: &str| settlement_target(&json!(k), &json!(id));
    assert_eq!(v(t("customer", "me").unwrap()), json!({ "scope": "me" }));
    assert_eq!(
        v(t("private", "c1").unwrap()),
        json!({ "scope": "customer", "customer": "c1" })
    );
    assert_eq!(v(t("private", "all").unwrap()), json!({ "scope": "all" }));
    assert_eq!(code(t("customer", "c1")), Code::ForbiddenTarget);
    assert_eq!(code(t("customer", "all")), Code::ForbiddenTarget);
    assert_eq!(code(t("private", "me")), Code::ForbiddenTarget);
    assert_eq!(code(t("public", "me")), Code::UnknownKeyKind);
    assert_eq!(
        code(settlement_target(&json!("private"), &json!(""))),
        Code::InvalidInput
    );
}

#[test]
fn hostile_customers_get_coded_errors() {
    let many: Vec<Value> = (0..100_000).map(|_| json!({ "price": 1 })).collect();
    let c = with_balance(Value::Array(many), json!(0));
    assert_eq!(
        issue_codes(preview_settlement(&c, &opts())),
        [("/customer/balance".to_string(), Code::TooManyItems)]
    );
    let c = with_balance(json!([{ "price": "1e30" }]), json!(0));
    assert_eq!(code(preview_settlement(&c, &opts())), Code::InvalidInput);
    assert_eq!(
        code(preview_settlement(&json!("c1"), &opts())),
        Code::InvalidInput
    );
}

// --- Conservation, over random customers and operation sequences ---

fn cents(s: &Value) -> i128 {
    s.as_str().unwrap().replace('.', "").parse().unwrap()
}

#[derive(Debug, Clone)]
enum Op {
    Charge(Vec<(u32, u32, u32)>), // (price cents, quantity, vat cents)
    Fund(u32),
    Settle(bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        prop::collection::vec((0u32..100_000, 1u32..5, 0u32..10_000), 1..4).prop_map(Op::Charge),
        (1u32..200_000).prop_map(Op::Fund),
        any::<bool>().prop_map(Op::Settle),
    ]
}

fn amount(c: u32) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn conservation(ops in prop::collection::vec(op(), 1..12)) {
        let mut c = customer();
        // What has been charged and not settled, and the funds, tracked independently here.
        let mut unsettled: i128 = 0;
        let mut funds: i128 = 0;
        let mut items_seen: usize = 0;
        let mut items_settled: usize = 0;
        for op in ops {
            match op {
                Op::Charge(lines) => {
                    let body: Vec<Value> = lines.iter().map(|(p, q, vat)| json!({ "price": amount(*p), "quantity": q, "vat": amount(*vat) })).collect();
                    let r = charge(&c, Value::Array(body));
                    unsettled += lines.iter().map(|(p, q, vat)| i128::from(*p + *vat) * i128::from(*q)).sum::<i128>();
                    items_seen += lines.len();
                    c = r["customer"].clone();
                }
                Op::Fund(cents_in) => {
                    let r = v(fund_balance(&c, &order(json!(amount(cents_in))), &json!("success"), &opts()).unwrap());
                    funds += i128::from(cents_in);
                    c = r["customer"].clone();
                }
                Op::Settle(success) => {
                    let preview = v(preview_settlement(&c, &opts()).unwrap());
                    let r = v(settle_balance(&c, &json!(if success { "success" } else { "failure" }), &opts()).unwrap());
                    // The preview is exactly what settling does.
                    let key = if success { "success" } else { "failure" };
                    prop_assert_eq!(&r["customer"], &preview["after"][key]);
                    prop_assert_eq!(&r["order"], &preview["order"]);
                    if let Some(order) = r["order"].as_object() {
                        // The order's lines sum exactly to the amount charged.
                        let lines: i128 = order["lines"].as_array().unwrap().iter().map(|l| cents(&l["amount"])).sum();
                        prop_assert_eq!(lines, cents(&preview["amount"]));
                        prop_assert_eq!(cents(&order["amount"]), cents(&preview["amount"]));
                        let applied = funds.min(unsettled);
                        prop_assert_eq!(cents(&preview["amount"]), unsettled - applied);
                        if success {
                            items_settled += c["balance"].as_array().unwrap().len();
                            funds -= applied;
                            unsettled = 0;
                        }
                    }
                    c = r["customer"].clone();
                }
            }
            // Funds are never created or lost; items never vanish or settle twice.
            prop_assert_eq!(cents(&c["total"]), funds);
            let balance = c["balance"].as_array().unwrap().len();
            prop_assert_eq!(balance + items_settled, items_seen);
            let on_balance: i128 = balance_gross(&c);
            prop_assert_eq!(on_balance, unsettled);
        }
    }
}

fn balance_gross(c: &Value) -> i128 {
    let body = c["balance"].clone();
    if body.as_array().is_some_and(Vec::is_empty) {
        return 0;
    }
    let t = balance_ledger::item_totals(&body, balance_ledger::Currency::parse("SEK").unwrap())
        .unwrap();
    t.gross.replace('.', "").parse().unwrap()
}
