#![cfg(not(target_arch = "wasm32"))]
//! The typed readers of the state calls (ledger/customer_text.rs, ledger/call_text.rs,
//! cash/state_text.rs) read what the general readers read, or decline: every call answers the same
//! text, errors included, whichever path read its arguments. The general path is forced by writing
//! every key with a `\u` escape (the typed readers decline such a key; the general reader reads
//! the same key), so each generated call runs once on each path and the answers are compared byte
//! for byte.

use balance_ledger::api;
use proptest::prelude::*;
use serde_json::{json, Value};

/// JSON as generated: a leaf's text as written, or a container whose keys are written plain or
/// escaped.
#[derive(Debug, Clone)]
enum J {
    Leaf(String),
    Obj(Vec<(String, J)>),
    Arr(Vec<J>),
}

impl J {
    fn text(&self, escaped: bool) -> String {
        match self {
            J::Leaf(t) => t.clone(),
            J::Arr(list) => {
                let items: Vec<String> = list.iter().map(|j| j.text(escaped)).collect();
                format!("[{}]", items.join(","))
            }
            J::Obj(members) => {
                let items: Vec<String> = members
                    .iter()
                    .map(|(k, v)| {
                        let key = if escaped {
                            k.chars().map(|c| format!("\\u{:04x}", c as u32)).collect()
                        } else {
                            k.clone()
                        };
                        format!("\"{key}\": {}", v.text(escaped))
                    })
                    .collect();
                format!("{{ {} }}", items.join(" ,"))
            }
        }
    }
}

fn leaf(texts: &[&str]) -> BoxedStrategy<J> {
    let texts: Vec<String> = texts.iter().map(|t| (*t).to_owned()).collect();
    prop::sample::select(texts).prop_map(J::Leaf).boxed()
}

/// Mostly one of `valid`, now and then one of `invalid`.
fn mostly(valid: &[&str], invalid: &[&str]) -> BoxedStrategy<J> {
    prop_oneof![16 => leaf(valid), 1 => leaf(invalid)].boxed()
}

/// Amounts in every form the readers meet, valid and not.
fn amount() -> BoxedStrategy<J> {
    prop_oneof![
        30 => leaf(&["\"64.90\"", "\"1\"", "15.95", "2", "0.412", "\"0.25\"", "\"12.50\"", "1e2", "1E-2", "\"5E+1\"", "0"]),
        1 => leaf(&["-1", "\"-0\"", "\"0.0000001\"", "1e400", "\"abc\"", "null", "true", "\"\\u0031\"", "\"\"", "1000000000001", "\"1.\"", "{}"]),
        6 => (0u32..100_000, 0u32..4).prop_map(|(m, s)| J::Leaf(if s == 0 { m.to_string() } else { format!("\"{}\"", m as f64 / 10f64.powi(s as i32)) })),
    ]
    .boxed()
}

/// Texts: plain, with escapes, empty, too long, with a control character, not a string.
fn text() -> BoxedStrategy<J> {
    prop_oneof![
        30 => leaf(&["\"Kanelbulle\"", "\"st\"", "\"7310865004703\"", "\"Mellanmjölk 1,5 % 1 l\"", "\"kg\""]),
        3 => leaf(&["\"caf\\u00e9\"", "\"a\\\"b\"", "\"\\ud83c\\udf55\""]),
        2 => leaf(&["\"caf\\u00e9\"", "\"a\\\"b\"", "\"\"", "\"a\\u0001\"", "\"\u{85}\"", "1", "null", "\"\\ud83c\\udf55\""]),
        1 => (1usize..300).prop_map(|n| J::Leaf(format!("\"{}\"", "x".repeat(n)))),
    ]
    .boxed()
}

/// An object of some of `fields` (sometimes one twice, sometimes one unknown).
fn object(fields: Vec<(&'static str, BoxedStrategy<J>)>, required: usize) -> BoxedStrategy<J> {
    let n = fields.len();
    let chosen: Vec<BoxedStrategy<(String, J)>> = fields
        .into_iter()
        .map(|(k, s)| s.prop_map(move |v| (k.to_owned(), v)).boxed())
        .collect();
    (
        chosen,
        prop::collection::vec(any::<bool>(), n),
        prop_oneof![40 => Just(None), 1 => Just(Some("extra")), 1 => Just(Some("dup"))],
        any::<prop::sample::Index>(),
    )
        .prop_map(move |(members, keep, odd, at)| {
            let mut out: Vec<(String, J)> = members
                .into_iter()
                .zip(keep)
                .enumerate()
                .filter(|(i, (_, k))| *i < required || *k)
                .map(|(_, (m, _))| m)
                .collect();
            match odd {
                Some("extra") => out.push(("extra".to_owned(), J::Leaf("1".to_owned()))),
                Some(_) if !out.is_empty() => {
                    let m = out[at.index(out.len())].clone();
                    out.push(m);
                }
                _ => {}
            }
            J::Obj(out)
        })
        .boxed()
}

fn item() -> BoxedStrategy<J> {
    prop_oneof![
        20 => object(
            vec![
                ("price", amount()),
                ("number", text()),
                ("name", text()),
                ("quantity", amount()),
                ("unit", text()),
                ("vat", small()),
                ("rebate", small()),
            ],
            1,
        ),
        1 => leaf(&["1", "null", "[]"]),
    ]
    .boxed()
}

fn body() -> BoxedStrategy<J> {
    prop_oneof![
        4 => item(),
        3 => prop::collection::vec(item(), 0..4).prop_map(J::Arr),
        1 => amount(),
    ]
    .boxed()
}

/// Amounts a price always covers (vat and rebate), now and then anything.
fn small() -> BoxedStrategy<J> {
    prop_oneof![8 => leaf(&["\"0.50\"", "0", "1", "\"1.5\""]), 1 => amount()].boxed()
}

/// Funds: exact in the currency's minor unit, now and then anything.
fn funds() -> BoxedStrategy<J> {
    prop_oneof![8 => leaf(&["\"12.50\"", "100", "0", "50000", "2e4"]), 1 => amount()].boxed()
}

fn stamp() -> BoxedStrategy<J> {
    prop_oneof![
        12 => leaf(&["\"2026-11-23T07:00:00Z\"", "\"2026-11-23T08:30:00+01:00\"", "\"2026-11-22T09:00:00Z\""]),
        1 => leaf(&[
        "\"2026-11-23T07:00:00.5Z\"",
        "\"2026-11-23\"",
        "\"yesterday\"",
        "1",
        "\"2026-11-23T07:00:00\\u005a\"",
    ]),
    ]
    .boxed()
}

fn options() -> BoxedStrategy<J> {
    let key = prop_oneof![4 => leaf(&["\"k1\"", "\"till-7-2000\""]), 1 => text()];
    prop_oneof![
        12 => object(
            vec![
                ("now", stamp()),
                ("idempotency_key", key.boxed()),
                ("number", text()),
                ("detail", mostly(&["\"full\"", "\"summary\""], &["\"x\"", "1"])),
            ],
            1,
        ),
        1 => leaf(&["null", "[]", "\"now\""]),
    ]
    .boxed()
}

const FINGERPRINT: &str =
    "\"sha256:8ef6a4d87c8e26975943029167089c96a19fcd7fa98b52356d9788e886f1e58f\"";

fn key_record() -> BoxedStrategy<J> {
    let key = prop_oneof![4 => leaf(&["\"k1\"", "\"k2\"", "\"till-7-2000\""]), 1 => text()];
    let fingerprint = mostly(
        &["null", FINGERPRINT],
        &[
            "\"sha256:8EF6a4d87c8e26975943029167089c96a19fcd7fa98b52356d9788e886f1e58f\"",
            "\"sha256:8ef6\"",
            "1",
        ],
    );
    let versions = mostly(
        &["[1]", "[]", "[1,2]", "[3]"],
        &["[0]", "[1.0]", "[1,2,3,4,5]", "1", "[\"1\"]"],
    );
    object(
        vec![
            ("key", key.boxed()),
            ("fingerprint", fingerprint),
            ("at", stamp()),
            ("versions", versions),
        ],
        4,
    )
}

fn customer() -> BoxedStrategy<J> {
    let margin = prop_oneof![8 => Just(None), 1 => funds().prop_map(Some)];
    let limit = (funds(), funds(), margin).prop_map(|(hard, soft, margin)| {
        let mut m = vec![("hard".to_owned(), hard), ("soft".to_owned(), soft)];
        m.extend(margin.map(|v| ("margin".to_owned(), v)));
        J::Obj(m)
    });
    object(
        vec![
            (
                "id",
                mostly(&["\"cus-cafe-0042\""], &["\"\"", "1", "\"a\\u0001\""]),
            ),
            (
                "currency",
                mostly(&["\"SEK\"", "\"sek\""], &["\"XXX\"", "1", "\"EUR\""]),
            ),
            (
                "balance",
                prop::collection::vec(item(), 0..4).prop_map(J::Arr).boxed(),
            ),
            (
                "status",
                mostly(
                    &["\"active\"", "\"created\"", "\"pending\""],
                    &["\"gone\"", "null"],
                ),
            ),
            ("total", funds()),
            ("limit", prop_oneof![6 => limit, 1 => funds()].boxed()),
            (
                "schedule",
                mostly(&["[1,3,7]", "[]", "[2]"], &["[0]", "[367]", "[1.5]", "{}"]),
            ),
            (
                "version",
                mostly(
                    &["20", "0", "7"],
                    &["1.5", "-1", "9007199254740992", "\"3\"", "2e1"],
                ),
            ),
            (
                "idempotency_keys",
                prop::collection::vec(key_record(), 0..3)
                    .prop_map(J::Arr)
                    .boxed(),
            ),
            (
                "last_payment",
                prop_oneof![
                    6 => object(vec![("at", stamp()), ("amount", funds())], 2),
                    1 => leaf(&["null", "1", "{}"]),
                ]
                .boxed(),
            ),
        ],
        2,
    )
}

fn order() -> BoxedStrategy<J> {
    object(
        vec![
            ("number", text()),
            ("items", body()),
            ("currency", leaf(&["\"SEK\"", "\"sek\"", "\"EUR\"", "1"])),
            ("customer", leaf(&["\"cus-cafe-0042\"", "\"other\"", "1"])),
            (
                "payment",
                prop_oneof![
                    4 => leaf(&["{\"type\":\"customer\",\"charge\":\"balance\"}"]),
                    1 => leaf(&["{\"type\":\"customer\"}", "{\"type\":\"card\",\"charge\":\"balance\"}", "null"]),
                ]
                .boxed(),
            ),
        ],
        5,
    )
}

fn int() -> BoxedStrategy<J> {
    prop_oneof![
        6 => (0i64..5000).prop_map(|n| J::Leaf(n.to_string())),
        1 => leaf(&["-5", "\"12\"", "1.5", "1e3", "9007199254740992", "null", "\"x\""]),
    ]
    .boxed()
}

fn cash_state() -> BoxedStrategy<J> {
    let recent = object(
        vec![
            ("id", leaf(&["\"t1\"", "\"t2\"", "\"t3\"", "\"\"", "1"])),
            ("created", int()),
        ],
        2,
    );
    let payment = object(
        vec![
            ("id", leaf(&["\"pi_1\"", "\"pi_2\"", "\"\""])),
            ("currency", leaf(&["\"eur\"", "\"EUR\"", "\"xxx\"", "1"])),
            ("amount_remaining", int()),
            ("created", int()),
        ],
        4,
    );
    object(
        vec![
            ("customer", prop_oneof![4 => leaf(&["\"cus_cafe\""]), 1 => text()].boxed()),
            ("customer_account", leaf(&["null", "\"acct_1\"", "\"\"", "1"])),
            ("livemode", leaf(&["false", "true", "null", "1"])),
            (
                "settings",
                prop_oneof![
                    3 => object(
                        vec![
                            ("reconciliation_mode", leaf(&["\"automatic\"", "\"manual\"", "\"merchant_default\"", "\"x\""])),
                            ("merchant_default", leaf(&["\"automatic\"", "\"manual\"", "\"merchant_default\""])),
                            ("using_merchant_default", leaf(&["true", "false"])),
                        ],
                        0,
                    ),
                    1 => leaf(&["null", "1"]),
                ]
                .boxed(),
            ),
            (
                "available",
                prop_oneof![
                    3 => object(vec![("eur", int()), ("usd", int())], 0),
                    1 => leaf(&["{\"EUR\":1}", "{\"eur\":-5}", "{\"xxx\":1}", "null"]),
                ]
                .boxed(),
            ),
            ("overdrafts", leaf(&["{}", "{\"eur\":\"ccsbtxn_1\"}", "null", "{\"eur\":1}"])),
            ("open_payments", prop::collection::vec(payment, 0..3).prop_map(J::Arr).boxed()),
            ("transaction_count", int()),
            ("recent_transactions", prop::collection::vec(recent, 0..4).prop_map(J::Arr).boxed()),
            ("forgotten_through", prop_oneof![2 => leaf(&["null"]), 1 => int()].boxed()),
        ],
        1,
    )
}

fn transaction() -> BoxedStrategy<J> {
    leaf(&[
        r#"{"id":"ccsbtxn_9","type":"funded","currency":"eur","net_amount":1000,"created":1700000100,"funded":{"bank_transfer":{"type":"eu_bank_transfer","reference":"Invoice 9"}}}"#,
        r#"{"id":"t1","type":"funded","currency":"eur","net_amount":10,"created":3,"funded":{"bank_transfer":{"type":"eu_bank_transfer","reference":"x"}}}"#,
        r#"{"id":"ccsbtxn_8","type":"unapplied_from_payment","currency":"eur","net_amount":5,"created":1700000101,"unapplied_from_payment":{"payment_intent":"pi_1"}}"#,
    ])
}

/// A text of the cash detail objects (bank transfer texts), valid and not.
fn cash_text() -> BoxedStrategy<J> {
    mostly(
        &[
            "\"Sample GmbH\"",
            "\"Invoice 9\"",
            "\"\"",
            "null",
            "\"caf\\u00e9\"",
        ],
        &["1", "\"a\\u0001\"", "\"\u{85}\""],
    )
}

/// A reference: mostly an id, now and then expanded or not one.
fn reference(ids: &'static [&'static str]) -> BoxedStrategy<J> {
    prop_oneof![
        12 => leaf(ids),
        1 => leaf(&["{\"id\":\"pi_1\",\"object\":\"payment_intent\"}", "{\"id\":\"re_1\"}", "null", "\"\"", "1"]),
    ]
    .boxed()
}

/// A bank transfer of each type: mostly with the details of its own region (or none), now and
/// then another's.
fn bank_transfer() -> BoxedStrategy<J> {
    const REGIONS: &[(&str, &str, [&str; 3])] = &[
        (
            "eu_bank_transfer",
            "\"eu_bank_transfer\"",
            ["bic", "iban_last4", "sender_name"],
        ),
        (
            "gb_bank_transfer",
            "\"gb_bank_transfer\"",
            ["account_number_last4", "sender_name", "sort_code"],
        ),
        (
            "jp_bank_transfer",
            "\"jp_bank_transfer\"",
            ["sender_bank", "sender_branch", "sender_name"],
        ),
        (
            "us_bank_transfer",
            "\"us_bank_transfer\"",
            ["network", "sender_name", "sender_name"],
        ),
        (
            "mx_bank_transfer",
            "\"mx_bank_transfer\"",
            ["sender_name", "sender_name", "sender_name"],
        ),
    ];
    (prop::sample::select(REGIONS), prop::sample::select(REGIONS))
        .prop_flat_map(|((key, quoted, fields), (odd, _, odd_fields))| {
            let region = |key: &'static str, fields: [&'static str; 3]| {
                let texts = fields.into_iter().map(|f| {
                    let v = if f == "network" {
                        mostly(&["\"ach\"", "\"domestic_wire_us\"", "\"fednow\"", "\"rtp\"", "\"swift\""], &["\"x\"", "null"])
                    } else {
                        cash_text()
                    };
                    (f, v)
                });
                let details = prop_oneof![8 => object(texts.collect(), 0), 1 => leaf(&["null", "1"])];
                prop_oneof![2 => Just(vec![]), 3 => details.prop_map(move |d| vec![(key.to_owned(), d)])]
            };
            let own = region(key, fields);
            let other = prop_oneof![12 => Just(vec![]), 1 => region(odd, odd_fields)];
            let kind = mostly(&[quoted], &["\"x\"", "null", "\"eu_bank_transfer\""]);
            (object(vec![("type", kind), ("reference", cash_text())], 1), own, other).prop_map(
                |(base, own, other)| {
                    let J::Obj(mut members) = base else { return base };
                    members.extend(own);
                    members.extend(other);
                    J::Obj(members)
                },
            )
        })
        .boxed()
}

/// The detail object of a type (an object of its references; `funded`'s bank transfer).
fn cash_detail(kind: &'static str) -> BoxedStrategy<J> {
    let detail = match kind {
        "funded" => object(vec![("bank_transfer", bank_transfer())], 1),
        "applied_to_payment" | "unapplied_from_payment" => object(
            vec![("payment_intent", reference(&["\"pi_1\"", "\"pi_2\""]))],
            1,
        ),
        "refunded_from_payment" => object(vec![("refund", reference(&["\"re_1\""]))], 1),
        "adjusted_for_overdraft" => object(
            vec![
                ("balance_transaction", reference(&["\"txn_1\""])),
                (
                    "linked_transaction",
                    reference(&["\"ccsbtxn_1\"", "\"t1\""]),
                ),
            ],
            2,
        ),
        _ => object(vec![("balance_transaction", reference(&["\"txn_1\""]))], 1),
    };
    prop_oneof![12 => detail, 1 => leaf(&["null", "1", "{}"])].boxed()
}

/// A Stripe cash balance transaction of each type, its detail object mostly its own, its amount
/// mostly of its sign.
fn cash_transaction() -> BoxedStrategy<J> {
    const KINDS: &[(&str, &str)] = &[
        ("funded", "\"funded\""),
        ("funded", "\"funded\""),
        ("applied_to_payment", "\"applied_to_payment\""),
        ("unapplied_from_payment", "\"unapplied_from_payment\""),
        ("refunded_from_payment", "\"refunded_from_payment\""),
        ("adjusted_for_overdraft", "\"adjusted_for_overdraft\""),
        ("transferred_to_balance", "\"transferred_to_balance\""),
        ("funding_reversed", "\"funding_reversed\""),
        ("return_initiated", "\"return_initiated\""),
        ("return_canceled", "\"return_canceled\""),
    ];
    prop::sample::select(KINDS)
        .prop_flat_map(|(kind, quoted)| {
            let adds = matches!(
                kind,
                "funded" | "unapplied_from_payment" | "refunded_from_payment" | "return_canceled" | "adjusted_for_overdraft"
            );
            let net = if adds { &["1000", "5", "\"500\"", "2e2"][..] } else { &["-300", "-5", "\"-10\""][..] };
            let other = if kind == "funded" { "refunded_from_payment" } else { "funded" };
            let fields = object(
                vec![
                    ("id", mostly(&["\"ccsbtxn_9\"", "\"ccsbtxn_8\"", "\"t1\""], &["\"\"", "1", "null", "\"a\\u0001\""])),
                    ("type", mostly(&[quoted], &["\"funded\"", "\"x\"", "null"])),
                    ("currency", mostly(&["\"eur\"", "\"EUR\"", "\"usd\""], &["\"xxx\"", "\"978\"", "\"eu\"", "1"])),
                    ("net_amount", mostly(net, &["0", "1.5", "-1e2", "9007199254740992", "null", "\"x\""])),
                    ("created", int()),
                    (kind, cash_detail(kind)),
                    ("object", mostly(&["\"customer_cash_balance_transaction\""], &["\"x\"", "null"])),
                    ("customer", mostly(&["\"cus_cafe\""], &["\"cus_2\"", "{\"id\":\"cus_cafe\"}", "null", "\"\""])),
                    ("customer_account", mostly(&["null"], &["\"acct_1\"", "\"\"", "1"])),
                    ("livemode", mostly(&["false"], &["true", "null", "1"])),
                ],
                6,
            );
            // Now and then: an ending balance (mostly not the balance's), another type's detail.
            let rare = prop_oneof![
                8 => Just(vec![]),
                1 => int().prop_map(|n| vec![("ending_balance".to_owned(), n)]),
                1 => leaf(&["null", "{\"refund\":\"re_1\"}"]).prop_map(move |d| vec![(other.to_owned(), d)]),
            ];
            (fields, rare).prop_map(|(base, rare)| {
                let J::Obj(mut members) = base else { return base };
                members.extend(rare);
                J::Obj(members)
            })
        })
        .boxed()
}

/// States a transaction meets: new, with funds and an open payment (automatic), overdrawn; now
/// and then any generated one.
fn cash_state_for_transactions() -> BoxedStrategy<J> {
    prop_oneof![
        6 => leaf(&[
            r#"{"customer":"cus_cafe"}"#,
            r#"{"customer":"cus_cafe","settings":{"reconciliation_mode":"automatic"},"available":{"eur":5000},"open_payments":[{"id":"pi_1","currency":"eur","amount_remaining":300,"created":1}],"transaction_count":1,"recent_transactions":[{"id":"t1","created":2}]}"#,
            r#"{"customer":"cus_cafe","available":{"eur":-500},"overdrafts":{"eur":"ccsbtxn_1"}}"#,
        ]),
        1 => cash_state(),
    ]
    .boxed()
}

/// A JSON value as generated (its keys then written plain or escaped).
fn j_of(v: &Value) -> J {
    match v {
        Value::Object(m) => J::Obj(m.iter().map(|(k, v)| (k.clone(), j_of(v))).collect()),
        Value::Array(list) => J::Arr(list.iter().map(j_of).collect()),
        leaf => J::Leaf(leaf.to_string()),
    }
}

/// A customer's initial state and the entries its calls returned: charges (keyed and not),
/// fundings that succeeded and failed, settlements that succeeded and failed.
fn journal() -> (String, Vec<Value>) {
    static JOURNAL: std::sync::OnceLock<(String, Vec<Value>)> = std::sync::OnceLock::new();
    JOURNAL.get_or_init(run_journal).clone()
}

fn run_journal() -> (String, Vec<Value>) {
    let initial = json!({ "id": "c-j", "currency": "SEK", "status": "active", "schedule": [1, 3],
        "limit": { "hard": 5000, "soft": 2000 } });
    let mut customer = initial.clone();
    let mut entries = Vec::new();
    let order = json!({ "number": "o-1", "items": [{ "price": 100 }], "currency": "SEK",
        "customer": "c-j", "payment": { "type": "customer", "charge": "balance" } });
    for i in 0..12u32 {
        let now = format!("2026-11-23T07:{:02}:00Z", i * 4);
        let options = if i % 3 == 0 {
            json!({ "now": now, "idempotency_key": format!("k-{i}") })
        } else {
            json!({ "now": now })
        };
        let item = json!([{ "number": format!("7310{i}"), "name": format!("Kaffe \"{i}\" ö"),
            "price": 10 + i, "vat": "1.25", "quantity": (i % 3) + 1, "unit": "st" },
            { "price": "2.50", "rebate": "0.50" }]);
        let answer = match i % 6 {
            2 => api::fund_balance(
                &customer.to_string(),
                &order.to_string(),
                &json!(if i == 2 { "failure" } else { "success" }).to_string(),
                &options.to_string(),
            ),
            5 => api::settle_balance(
                &customer.to_string(),
                &json!(if i == 5 { "failure" } else { "success" }).to_string(),
                &options.to_string(),
            ),
            _ => api::charge_balance(
                &customer.to_string(),
                &item.to_string(),
                &options.to_string(),
            ),
        };
        let answer: Value = serde_json::from_str(&answer).unwrap();
        let value = &answer["value"];
        assert!(value.is_object(), "call {i}: {answer}");
        customer = value["customer"].clone();
        entries.extend(value["entries"].as_array().unwrap().iter().cloned());
    }
    (initial.to_string(), entries)
}

/// Both renderings of each argument through `call`: the same answer.
fn same(args: &[J], call: impl Fn(&[String]) -> String) {
    let plain: Vec<String> = args.iter().map(|a| a.text(false)).collect();
    let escaped: Vec<String> = args.iter().map(|a| a.text(true)).collect();
    assert_eq!(call(&plain), call(&escaped), "{plain:#?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn a_charge_answers_the_same_on_either_path(c in customer(), b in body(), o in options()) {
        same(&[c, b, o], |a| api::charge_balance(&a[0], &a[1], &a[2]));
    }

    #[test]
    fn a_funding_answers_the_same_on_either_path(
        c in customer(),
        order in order(),
        outcome in leaf(&["\"success\"", "\"failure\"", "\"x\"", "1", " \"success\" "]),
        o in options(),
    ) {
        same(&[c, order, outcome, o], |a| api::fund_balance(&a[0], &a[1], &a[2], &a[3]));
    }

    #[test]
    fn a_settlement_and_its_preview_answer_the_same_on_either_path(
        c in customer(),
        outcome in leaf(&["\"success\"", "\"failure\"", "\"x\"", "null"]),
        o in options(),
    ) {
        same(&[c.clone(), o.clone()], |a| api::preview_settlement(&a[0], &a[1]));
        same(&[c, outcome, o], |a| api::settle_balance(&a[0], &a[1], &a[2]));
    }

    #[test]
    fn a_settle_all_answers_the_same_on_either_path(
        customers in prop::collection::vec(customer(), 0..5),
        twice in any::<bool>(),
        o in options(),
    ) {
        // Now and then a customer listed twice (a duplicate id, refused for that customer only).
        let mut customers = customers;
        if twice {
            if let Some(first) = customers.first().cloned() {
                customers.push(first);
            }
        }
        same(&[J::Arr(customers), o], |a| api::preview_settlements(&a[0], &a[1]));
    }

    #[test]
    fn a_replay_answers_the_same_on_either_path(
        cut in 0usize..20,
        change in 0usize..6,
        at in any::<prop::sample::Index>(),
        value in leaf(&["1", "\"x\"", "null", "\"2026-11-23T07:00:00Z\"", "[]", "{}", "-1", "true", "\"1.00\""]),
    ) {
        let (initial, mut entries) = journal();
        // The journal or a prefix of it, now and then with one change.
        entries.truncate(cut.max(1));
        let entry = at.index(entries.len());
        let fields: Vec<String> = entries[entry].as_object().unwrap().keys().cloned().collect();
        let field = fields[at.index(fields.len())].clone();
        let value: Value = serde_json::from_str(&value.text(false)).unwrap();
        match change {
            0 => { entries[entry][field.as_str()] = value; }
            1 => { entries[entry].as_object_mut().unwrap().remove(&field); }
            2 => { entries[entry]["extra"] = value; }
            3 => { entries.remove(entry); }
            _ => {}
        }
        same(&[J::Arr(entries.iter().map(j_of).collect())], |a| api::replay_journal(&initial, &a[0]));
    }

    #[test]
    fn a_cash_balance_answers_the_same_on_either_path(
        list in prop::collection::vec(cash_transaction(), 0..4),
        settings in leaf(&["null", "{\"reconciliation_mode\":\"manual\"}"]),
    ) {
        let settings = settings.text(false);
        same(&[J::Arr(list)], |a| api::cash_balance("\"cus_cafe\"", &a[0], &settings));
    }

    #[test]
    fn a_deletion_check_answers_the_same_on_either_path(s in cash_state()) {
        same(&[s], |a| api::can_delete_customer(&a[0]));
    }

    #[test]
    fn a_cash_transaction_answers_the_same_on_either_state_path(s in cash_state(), t in transaction()) {
        let plain = s.text(false);
        let escaped = s.text(true);
        let t = t.text(false);
        prop_assert_eq!(
            api::apply_cash_transaction(&plain, &t),
            api::apply_cash_transaction(&escaped, &t),
            "{}", plain
        );
    }

    #[test]
    fn a_cash_transaction_answers_the_same_on_either_transaction_path(
        s in cash_state_for_transactions(),
        t in cash_transaction(),
    ) {
        let s = s.text(false);
        same(&[t], |a| api::apply_cash_transaction(&s, &a[0]));
    }
}

/// The generators reach the typed paths' successes, not only their refusals: a share of the
/// generated calls answer a value.
#[test]
fn the_generated_calls_are_often_valid() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (customer(), body(), options(), cash_state(), transaction());
    let stripe = (cash_state_for_transactions(), cash_transaction());
    let (mut charged, mut applied, mut typed, mut all) = (0, 0, 0, 0);
    let cash = prop::collection::vec(cash_transaction(), 1..4);
    let (mut folded, mut deletable) = (0, 0);
    // The whole journal replays to the customer its calls returned.
    let (initial, entries) = journal();
    let replayed = api::replay_journal(&initial, &Value::Array(entries).to_string());
    assert!(replayed.starts_with(r#"{"value""#), "{replayed}");
    for _ in 0..2000 {
        let (c, b, o, s, t) = strategy.new_tree(&mut runner).unwrap().current();
        let answer = api::charge_balance(&c.text(false), &b.text(false), &o.text(false));
        charged += usize::from(answer.starts_with(r#"{"value""#));
        // A settle-all of the customer twice: the first settled (or not), the second a duplicate.
        let two = J::Arr(vec![c.clone(), c]).text(false);
        let answer = api::preview_settlements(&two, &o.text(false));
        all += usize::from(answer.contains(r#""ok":true"#));
        let answer = api::apply_cash_transaction(&s.text(false), &t.text(false));
        applied += usize::from(answer.starts_with(r#"{"value""#));
        let (s, t) = stripe.new_tree(&mut runner).unwrap().current();
        let answer = api::apply_cash_transaction(&s.text(false), &t.text(false));
        typed += usize::from(answer.starts_with(r#"{"value""#));
        let list = cash.new_tree(&mut runner).unwrap().current();
        let value = |answer: String| usize::from(answer.starts_with(r#"{"value""#));
        folded += value(api::cash_balance(
            "\"c\"",
            &J::Arr(list).text(false),
            "null",
        ));
        deletable += value(api::can_delete_customer(&s.text(false)));
    }
    eprintln!(
        "{charged} charges, {applied} and {typed} cash transactions of 2000 answered a value, \
         {all} settle-alls settled a customer"
    );
    assert!(
        charged > 200 && applied > 200 && typed > 200 && all > 200,
        "{charged} charges, {applied} and {typed} cash transactions, {all} settle-alls"
    );
    eprintln!("{folded} cash balances and {deletable} deletion checks of 2000 answered a value");
    assert!(
        folded > 80 && deletable > 200,
        "{folded} cash balances, {deletable} checks"
    );
}
