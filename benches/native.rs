//! The ceiling: the same Rust core built natively (opt-level 3), on the very columns the Node
//! benchmark times. `benches/run.mjs` writes the columns and runs this through
//! `cargo bench --bench native -- <dir> <repetitions>`; it prints one JSON line: the totals (checked
//! against the package's) and the median time. With `items.json` in `<dir>` it also times the JSON
//! path's two halves (parse, then validate and total), for the where-the-time-goes table.

use std::time::{Duration, Instant};

use balance_ledger::item_totals_batch;
use balance_ledger::Currency;
use balance_ledger::{Columns, Scales};

fn column(dir: &str, name: &str) -> Vec<f64> {
    let bytes = std::fs::read(format!("{dir}/{name}.f64"))
        .unwrap_or_else(|e| panic!("{dir}/{name}.f64: {e}"));
    bytes
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .collect()
}

fn median_ms(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times
        .get(times.len() / 2)
        .map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

fn main() {
    // `cargo bench` appends `--bench`; the positional arguments are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let dir = args.first().map_or("target/bench-data", String::as_str);
    let reps: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(7);

    let sek = Currency::parse("SEK").unwrap_or_else(|| panic!("SEK"));
    let (price, quantity, vat, rebate) = (
        column(dir, "price"),
        column(dir, "quantity"),
        column(dir, "vat"),
        column(dir, "rebate"),
    );
    let cols = Columns {
        price: &price,
        quantity: Some(&quantity),
        vat: Some(&vat),
        rebate: Some(&rebate),
    };
    let scales = Scales {
        price: 2,
        quantity: 3,
        vat: 4,
        rebate: 4,
    };
    let run = || item_totals_batch(cols, scales, sek).unwrap_or_else(|e| panic!("{e}"));
    let totals = run(); // warm-up
    let times = (0..reps)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(run());
            t.elapsed()
        })
        .collect();

    let mut json_split = String::new();
    if let Ok(text) = std::fs::read_to_string(format!("{dir}/items.json")) {
        let (mut parse, mut compute) = (Vec::new(), Vec::new());
        for _ in 0..reps.max(3) {
            let t = Instant::now();
            let value =
                balance_ledger::api::parse_arg(&text, usize::MAX).unwrap_or_else(|e| panic!("{e}"));
            parse.push(t.elapsed());
            let t = Instant::now();
            std::hint::black_box(balance_ledger::item_totals(&value, sek).ok());
            compute.push(t.elapsed());
        }
        json_split = format!(
            r#","json_parse_ms":{:.4},"json_compute_ms":{:.4}"#,
            median_ms(parse),
            median_ms(compute)
        );
    }
    println!(
        r#"{{"count":{},"net":"{}","rebate":"{}","vat":"{}","gross":"{}","median_ms":{:.4}{json_split}}}"#,
        totals.count,
        totals.net,
        totals.rebate,
        totals.vat,
        totals.gross,
        median_ms(times)
    );
}
