//! The native charge of the state benchmark (benches/state.mjs writes its input and runs this as
//! `cargo bench --bench state -- <file>`): `api::charge_balance` on the café customer's JSON text,
//! as the package calls it; prints the median µs per call of blocks of calls. With `--shared`,
//! the answer the JS bridge asks for (`Form::Shared`: unchanged elements as references); with
//! `--preview`, `api::preview_settlement` of the same customer instead.

use std::time::Instant;

fn main() {
    let file = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_else(|| "target/bench-data/cafe.json".to_owned());
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let input = balance_ledger::api::parse_arg(&text, usize::MAX).unwrap_or_else(|e| panic!("{e}"));
    let arg = |k: &str| serde_json::to_string(&input[k]).unwrap_or_else(|e| panic!("{e}"));
    let (customer, body, options) = (arg("customer"), arg("body"), arg("options"));
    let form = if std::env::args().any(|a| a == "--shared") {
        balance_ledger::api::Form::Shared
    } else {
        balance_ledger::api::Form::Whole
    };
    let preview = std::env::args().any(|a| a == "--preview");
    let charge = || {
        if preview {
            balance_ledger::api::preview_settlement_in(form, &customer, &options)
        } else {
            balance_ledger::api::charge_balance_in(form, &customer, &body, &options)
        }
    };
    let answer = charge();
    assert!(answer.starts_with(r#"{"value":"#), "{answer}");
    // `--quick` (the test command): one short block.
    let (blocks, calls) = if std::env::args().any(|a| a == "--quick") {
        (1, 3)
    } else {
        (41, 200)
    };
    let mut times: Vec<f64> = (0..blocks)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..calls {
                std::hint::black_box(charge());
            }
            t.elapsed().as_secs_f64() * 1e6 / f64::from(calls)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("{:.1}", times.get(times.len() / 2).copied().unwrap_or(0.0));
}
