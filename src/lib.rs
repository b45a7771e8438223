//! balance-ledger: the money rules of a customer balance, exact, for Rust and (through the `wasm`
//! module) for JavaScript.
//!
//! Two ways in:
//! - [`api`]: every public function as JSON text in, a JSON envelope out (`{"value": …}` or
//!   `{"error": {code, message, issues}}`), exactly what the npm package calls;
//! - the functions and types re-exported here: the same rules on `serde_json::Value` arguments and
//!   typed values, with [`Error`]s carrying a stable [`Code`] and every [`Issue`] at its JSON
//!   Pointer path.
//!
//! ```
//! use balance_ledger::{item_totals, Currency};
//! use serde_json::json;
//!
//! let sek = Currency::parse("SEK").unwrap();
//! let totals = item_totals(&json!({ "price": 119.6, "vat": 29.9, "quantity": 2 }), sek).unwrap();
//! assert_eq!(totals.gross, "299.00");
//!
//! // The same call as the package makes it: text in, text out.
//! let answer = balance_ledger::api::item_totals(r#"{"price":"0.1"}"#, r#""EUR""#);
//! assert_eq!(answer, r#"{"value":{"currency":"EUR","count":1,"net":"0.10","rebate":"0.00","vat":"0.00","gross":"0.10"}}"#);
//! ```
//!
//! Every problem of the input at once, each at its path:
//!
//! ```
//! use balance_ledger::{validate_items, Code};
//! use serde_json::json;
//!
//! let e = validate_items(&json!([{ "price": "12,50", "quantity": 0 }]), None).unwrap_err();
//! assert_eq!(e.code, Code::InvalidInput);
//! let found: Vec<(&str, Code)> = e.issues.iter().map(|i| (i.path.as_str(), i.code)).collect();
//! assert_eq!(found, [("/0/price", Code::InvalidDecimal), ("/0/quantity", Code::NotPositive)]);
//! ```
//!
//! The ledger: a charge, and the settlement preview of the customer it leaves.
//!
//! ```
//! use balance_ledger::{charge_balance, preview_settlement};
//! use serde_json::json;
//!
//! let customer = json!({ "id": "c1", "currency": "SEK", "status": "active", "balance": [], "total": 0 });
//! let now = json!({ "now": "2026-11-23T10:00:00Z" });
//! let charged = charge_balance(&customer, &json!({ "price": 100, "vat": 25 }), &now).unwrap();
//! assert!(!charged.replayed);
//! let after = serde_json::to_value(&charged.customer).unwrap();
//! let preview = preview_settlement(&after, &now).unwrap();
//! assert_eq!(serde_json::to_value(&preview).unwrap()["amount"], "125.00");
//! ```
//!
//! Payouts on the Federal Reserve's calendar, and money in a currency's minor units:
//!
//! ```
//! use balance_ledger::{is_business_day, validate_credit, CreditOptions, Currency, Date, Money};
//! use serde_json::json;
//!
//! // 2026-11-26 is Thanksgiving.
//! assert!(!is_business_day(Date::parse("2026-11-26").unwrap()));
//! let credit = validate_credit(&json!({ "amount": 1500 }), &CreditOptions::default()).unwrap();
//! assert_eq!(serde_json::to_value(&credit).unwrap()["fee"], 25);
//!
//! let bhd = Money { minor: 1235, currency: Currency::parse("BHD").unwrap() };
//! assert_eq!(bhd.to_decimal_string(), "1.235");
//! ```
//!
//! A credit as Balanced's 1.1 API answers it, its ids made from a seed, and its status moved:
//!
//! ```
//! use balance_ledger::{create_credit, transition_credit, CreateOptions, CreditResource, TransitionOptions};
//! use serde_json::json;
//!
//! let options = CreateOptions::from_value(&json!({
//!     "version": "1.1", "now": "2026-03-06T14:59:59-08:00", "seed": "doc",
//! })).unwrap();
//! let request = json!({ "amount": 1500, "destination_uri": "/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm" });
//! let CreditResource::V1_1(credit) = create_credit(&request, &options).unwrap() else { panic!() };
//! assert_eq!(credit.href, format!("/credits/{}", credit.id));
//! assert_eq!(credit.meta["balance_ledger.available_at"], "2026-03-09T16:00:00Z");
//!
//! let at = TransitionOptions::from_value(&json!({ "at": "2026-03-09T09:00:00-07:00" })).unwrap();
//! let done = transition_credit(&serde_json::to_value(&credit).unwrap(), &json!("succeeded"), &at).unwrap();
//! assert_eq!(done["updated_at"], "2026-03-09T16:00:00Z");
//! ```
//!
//! The source is grouped by domain (docs/architecture.md draws it): `money` and `input` at the
//! bottom, `time`, then `checkout`, `ledger`, `payouts` and `cash`, and `api` on top; the core
//! knows nothing of WebAssembly (`wasm`, built for `wasm32` only, binds [`api`] to JS).

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod api;
mod cash;
mod checkout;
mod input;
mod ledger;
mod money;
mod payouts;
mod time;

#[cfg(target_arch = "wasm32")]
mod wasm;

// Errors.
pub use input::issue::{Code, Error, Issue};

// Money and time.
pub use money::currency::Currency;
pub use money::rounding::Money;
pub use time::calendar::{
    add_business_days, fed_holidays, is_business_day, next_business_day, Date, Holiday, Weekday,
};
pub use time::pacific::{pacific_instant, pacific_local, pacific_offset, Instant, PDT, PST};

// Checkout: items and their totals, also over columns of integers.
pub use checkout::columns::{item_totals_batch, Columns, Scales, MAX_ROWS};
pub use checkout::item::{
    item_totals, validate_items, Item, ItemView, LineView, Totals, ValidItems, MAX_ITEMS,
};

// The customer balance ledger.
pub use ledger::account::{account_balance, AccountBalance, BalanceLine};
pub use ledger::charge::{charge_balance, fund_balance, ChargeResult, OrderResult};
pub use ledger::customer::{CustomerView, LimitView, Status, MAX_VERSION};
pub use ledger::idempotency::{KeyRecord, KEY_WINDOW_DAYS, MAX_KEYS};
pub use ledger::journal::{EntryKind, LastPaymentView, LedgerEntry};
pub use ledger::operation::{replay_journal, MAX_REPLAY_ENTRIES};
pub use ledger::settle_all::{preview_settlements_batch, Customers, SettlementAmounts};
pub use ledger::settlement::{
    preview_settlement, preview_settlements, settle_balance, settlement_target, AfterEntries,
    SettleAll, SettleAllResult, SettlementPreview, Target,
};

// The Stripe cash balance: how many transactions a state remembers by id.
pub use cash::window::CASH_TRANSACTION_WINDOW;

// Payouts: credits and list pages.
pub use payouts::bank_account::{aba_check_digit_ok, BankAccountType, BankAccountView};
pub use payouts::create::{create_credit, CreateOptions, StoredBankAccount};
pub use payouts::credit::{
    validate_credit, Credit, CreditDetails, StateV1, StatusV1_1, ValidCredit,
};
pub use payouts::descriptor::{descriptor_allows, DESCRIPTOR_SPECIALS};
pub use payouts::ids::{is_id, is_transaction_number, Draw};
pub use payouts::list::{list_page, AnyPage, ListMeta, ListOptions, ListPage, ListPageV1_1};
pub use payouts::options::{CreditOptions, Version};
pub use payouts::resource::{
    CreditResource, CreditResourceV1, CreditResourceV1_1, DestinationV1, LinksV1_1,
};
pub use payouts::schedule::{
    credit_schedule, credit_schedule_at, CreditSchedule, Schedule, AVAILABLE_SECS, CUTOFF_SECS,
    FAILURE_WINDOW_DAYS,
};
pub use payouts::transition::{transition_credit, TransitionOptions};
