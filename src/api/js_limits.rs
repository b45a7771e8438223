//! The limits and lists the JS bridge checks before it crosses into wasm (js/objects.js,
//! js/keystroke.js, js/settlements.js), written from the Rust definitions when the build exports
//! the TypeScript declarations (`cargo test --features ts --lib export_bindings`): scripts/build.sh
//! passes this `limits.json` to scripts/entries.mjs, which writes it into the package as
//! `limits.js` (and `limits.cjs`). So no limit is a hand-kept copy in JS.

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::api::fast_item::ABSENT;
    use crate::api::ledger::{MAX_CUSTOMERS_INPUT, MAX_CUSTOMER_INPUT, MAX_ENTRIES_INPUT};
    use crate::api::read::{MAX_DEPTH, MAX_ITEMS_INPUT};
    use crate::api::{MAX_CASH_INPUT, MAX_CREDIT_INPUT, MAX_LIST_INPUT};
    use crate::checkout::columns::MAX_SCALE;
    use crate::checkout::item::{MAX_ITEMS, MAX_NAME_LEN, MAX_NUMBER_LEN, MAX_UNIT_LEN};
    use crate::ledger::customer::{Status, CUSTOMER_FIELDS, MAX_ID_LEN, MAX_VERSION};
    use crate::ledger::settlement::MAX_CUSTOMERS;

    #[test]
    fn export_bindings_js_limits() {
        // The largest argument text any function accepts.
        let max_input = [
            MAX_ITEMS_INPUT,
            MAX_CUSTOMER_INPUT,
            MAX_ENTRIES_INPUT,
            MAX_CUSTOMERS_INPUT,
            MAX_CASH_INPUT,
            MAX_CREDIT_INPUT,
            MAX_LIST_INPUT,
        ]
        .into_iter()
        .max();
        let limits = json!({
            "MAX_ITEMS": MAX_ITEMS,
            "MAX_ITEMS_INPUT": MAX_ITEMS_INPUT,
            "MAX_SCALE": MAX_SCALE,
            "TEXT_MAX": { "number": MAX_NUMBER_LEN, "name": MAX_NAME_LEN, "unit": MAX_UNIT_LEN },
            "ABSENT": ABSENT,
            "MAX_DEPTH": MAX_DEPTH,
            "MAX_INPUT": max_input,
            "MAX_CUSTOMERS": MAX_CUSTOMERS,
            "MAX_CUSTOMERS_INPUT": MAX_CUSTOMERS_INPUT,
            "MAX_ID_LEN": MAX_ID_LEN,
            "MAX_VERSION": MAX_VERSION,
            "STATUSES": Status::ALL.map(Status::as_str),
            "CUSTOMER_FIELDS": CUSTOMER_FIELDS,
        });
        let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|_| "bindings".to_owned());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(format!("{dir}/limits.json"), limits.to_string()).unwrap();
    }
}
