//! `api::list_page` on lists of items with `created_at` and `{ limit, offset, uri }` (shaped, any
//! value, any text): every answer is a well-formed envelope with a known code, and a page holds at
//! most `limit` items.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, ListItemsArg, ListOptionsArg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (ListItemsArg, ListOptionsArg)| {
    let options = args.1.text();
    let answer = check(&api::list_page(&args.0.text(), &options));
    if let Some(page) = answer.get("value") {
        let items = page["items"].as_array().map_or(0, Vec::len);
        let limit: Option<u64> = serde_json::from_str::<serde_json::Value>(&options)
            .ok()
            .and_then(|o| o.get("limit").and_then(serde_json::Value::as_u64));
        if let Some(limit) = limit {
            assert!(
                items as u64 <= limit,
                "{items} items over limit {limit}: {page}"
            );
        }
    }
});
