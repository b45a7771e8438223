//! The answers to tests/corpus/valid.json, natively, stay byte for byte the ones recorded in
//! tests/corpus/answers.native.txt (written by `BLESS=1 cargo test --test corpus` when a change
//! of an answer is intended). The JS cross-runtime test compares the same corpus across runtimes;
//! this one catches a change of any answer in a refactoring of the core.

#![cfg(not(target_arch = "wasm32"))]

use balance_ledger::api::{self, Columns, Customers};
use serde_json::Value;

fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

fn numbers(v: &Value, key: &str) -> Option<Vec<f64>> {
    v.get(key).map(|c| {
        c.as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().map_or_else(|| n.to_string(), str::to_owned))
            .map(|n| n.parse::<f64>().unwrap())
            .collect()
    })
}

/// One corpus call through the api, as the package's bridge makes it (every argument as JSON
/// text; `itemTotalsJson`'s body as the text itself; batch columns as numbers).
fn run(name: &str, args: &[Value]) -> String {
    let a = |i: usize| text(args.get(i).unwrap_or(&Value::Null));
    match name {
        "validateItems" => api::validate_items(&a(0), &a(1)),
        "itemTotals" => api::item_totals(&a(0), &a(1)),
        "itemTotalsJson" => api::item_totals(args[0].as_str().unwrap(), &a(1)),
        "itemTotalsBatch" | "previewSettlementsBatch" => {
            let c = &args[0];
            let (price, quantity, vat, rebate) = (
                numbers(c, "price").unwrap(),
                numbers(c, "quantity"),
                numbers(c, "vat"),
                numbers(c, "rebate"),
            );
            let items = Columns {
                price: &price,
                quantity: quantity.as_deref(),
                vat: vat.as_deref(),
                rebate: rebate.as_deref(),
            };
            let scale = text(c.get("scale").unwrap_or(&Value::Null));
            if name == "itemTotalsBatch" {
                api::item_totals_batch(items, &scale, &a(1))
            } else {
                let counts = numbers(c, "counts").unwrap();
                let funds = numbers(c, "funds");
                let customers = Customers {
                    counts: &counts,
                    funds: funds.as_deref(),
                    items,
                };
                api::preview_settlements_batch(customers, &scale, &a(1))
            }
        }
        "chargeBalance" => api::charge_balance(&a(0), &a(1), &a(2)),
        "fundBalance" => api::fund_balance(&a(0), &a(1), &a(2), &a(3)),
        "previewSettlement" => api::preview_settlement(&a(0), &a(1)),
        "settleBalance" => api::settle_balance(&a(0), &a(1), &a(2)),
        "replayJournal" => api::replay_journal(&a(0), &a(1)),
        "previewSettlements" => api::preview_settlements(&a(0), &a(1)),
        "settlementTarget" => api::settlement_target(&a(0), &a(1)),
        "accountBalance" => api::account_balance(&a(0), &a(1)),
        "applyCashTransaction" => api::apply_cash_transaction(&a(0), &a(1)),
        "cashBalance" => api::cash_balance(&a(0), &a(1), &a(2)),
        "addCashPayment" => api::add_cash_payment(&a(0), &a(1)),
        "reconcileCashBalance" => api::reconcile_cash_balance(&a(0), &a(1)),
        "canDeleteCustomer" => api::can_delete_customer(&a(0)),
        "validateCredit" => api::validate_credit(&a(0), &a(1)),
        "transitionCredit" => api::transition_credit(&a(0), &a(1), &a(2)),
        "creditSchedule" => api::credit_schedule(&a(0), &a(1)),
        "listPage" => api::list_page(&a(0), &a(1)),
        "isBusinessDay" => api::is_business_day(&a(0)),
        other => panic!("the corpus calls {other}, which this test does not know"),
    }
}

#[test]
fn corpus_answers_are_unchanged() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/");
    let corpus: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}valid.json")).unwrap())
            .unwrap();
    let answers: Vec<String> = corpus
        .iter()
        .map(|case| {
            let f = case["fn"].as_str().unwrap();
            format!(
                "{} {}",
                case["name"].as_str().unwrap(),
                run(f, case["args"].as_array().unwrap())
            )
        })
        .collect();
    let recorded = format!("{dir}answers.native.txt");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&recorded, answers.join("\n") + "\n").unwrap();
    }
    let expected = std::fs::read_to_string(&recorded).unwrap();
    assert_eq!(expected.lines().count(), corpus.len());
    for (want, got) in expected.lines().zip(&answers) {
        assert_eq!(want, got);
    }
    // Each is an answer envelope: a value, or an error with a code.
    assert!(answers
        .iter()
        .all(|a| a.contains(" {\"value\":") || a.contains(" {\"error\":{\"code\":")));
}
