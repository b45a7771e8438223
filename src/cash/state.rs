//! A customer's Stripe cash balance: the state it is kept in between calls, applying one
//! transaction to it, the `cash_balance` object folded from a list of transactions, and the rule
//! that a customer with any cash balance entry (even 0) cannot be deleted.
//!
//! Balances never go below zero, with Stripe's one exception: a `funding_reversed` (the bank took
//! funds back; nobody asked) may overdraw a currency. The currency is then overdrawn and accepts
//! nothing but the `adjusted_for_overdraft` that links that reversal and brings it back to exactly 0
//! (Stripe takes that amount from the merchant's own balance).

use serde::Serialize;
use serde_json::Value;

use crate::cash::currency_map::CurrencyMap;
use crate::cash::payment::{read_payments, OpenPayment};
use crate::cash::settings::read_settings;
use crate::cash::settings::CashBalanceSettings;
use crate::cash::settings::CashBalanceSettingsState;
use crate::cash::transaction::{
    lower_code, read_currency, CashBalanceTransaction, Detail, Owner, TransactionInput,
    TransactionType, MAX_ID_LEN,
};
use crate::cash::window::{self, id_fits, Window};
use crate::input::fields::{bool_field, id_field, object, report_unknown_fields};
use crate::input::issue::{refuse, Code, Error, Issues, Path};
use crate::input::json::MAX_SAFE_INTEGER;
use crate::money::read::parse_int;

/// Stripe's `cash_balance` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CashBalance {
    #[cfg_attr(feature = "ts", ts(type = "\"cash_balance\""))]
    pub object: &'static str,
    /// Minor units per lower-case currency code; `null` while the customer has no cash balance.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number> | null"))]
    pub available: Option<CurrencyMap<i64>>,
    pub customer: String,
    /// The Account (Stripe's v2 accounts) that represents the customer, `null` when none does.
    pub customer_account: Option<String>,
    pub livemode: bool,
    pub settings: CashBalanceSettings,
}

/// What a customer's cash balance keeps between calls (JSON, given back as returned). The smallest
/// state is `{ "customer": "cus_…" }`; Stripe's own `cash_balance` object is read as one too (its
/// balances and settings, fields this package does not know ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CashBalanceState {
    pub customer: String,
    /// The Account that represents the customer (`null`: none). A balance without one takes the
    /// first a transaction names before any other; after that a transaction naming another is
    /// refused.
    pub customer_account: Option<String>,
    pub livemode: bool,
    pub settings: CashBalanceSettingsState,
    /// Minor units per lower-case currency code; a currency stays once it has had a transaction.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub available: CurrencyMap<i64>,
    /// Overdrawn currencies, each with the id of the `funding_reversed` that overdrew it.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub overdrafts: CurrencyMap<String>,
    /// Payments awaiting funds, oldest first.
    pub open_payments: Vec<OpenPayment>,
    /// What was applied, so no transaction is applied twice: `transaction_count`,
    /// `recent_transactions` and `forgotten_through` (see [`crate::cash::window`]).
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub transactions: Window,
}

pub const STATE_FIELDS: &[&str] = &[
    "customer",
    "customer_account",
    "livemode",
    "settings",
    "available",
    "overdrafts",
    "open_payments",
    "transaction_count",
    "recent_transactions",
    "forgotten_through",
    // An earlier version's list of every id applied (read into the window).
    "transaction_ids",
];

impl CashBalanceState {
    /// An empty balance of `customer`.
    pub fn new(customer: &str, livemode: bool, settings: CashBalanceSettingsState) -> Self {
        Self {
            customer: customer.to_owned(),
            customer_account: None,
            livemode,
            settings,
            available: CurrencyMap::new(),
            overdrafts: CurrencyMap::new(),
            open_payments: Vec::new(),
            transactions: Window::new(window::CASH_TRANSACTION_WINDOW),
        }
    }

    /// Reads a state, reporting every problem at once.
    pub fn parse(value: &Value) -> Result<Self, Error> {
        let root = Path::root();
        let mut issues = Issues::new();
        let state = Self::read(value, &root, &mut issues);
        issues
            .finish(state)?
            .ok_or_else(|| Error::invalid(Vec::new()))
    }

    fn read(value: &Value, path: &Path, issues: &mut Issues) -> Option<Self> {
        let map = object(value, "a cash balance state", path, issues)?;
        // Stripe's `cash_balance` object is Stripe's to extend; a state is this package's own.
        match map.get("object") {
            None => report_unknown_fields(map, STATE_FIELDS, "a cash balance state", path, issues),
            Some(Value::String(o)) if o == "cash_balance" => {}
            Some(other) => issues.push(
                &path.key("object"),
                Code::InvalidType,
                format!(
                    "a state has no object field; Stripe's cash balance has object \"cash_balance\", got {}",
                    crate::input::json::shown_value(other)
                ),
            ),
        }
        let customer = id_field(map, "customer", MAX_ID_LEN, path, issues);
        let customer_account = match map.get("customer_account") {
            None | Some(Value::Null) => None,
            Some(_) => id_field(map, "customer_account", MAX_ID_LEN, path, issues),
        };
        let livemode = bool_field(map, "livemode", path, issues).unwrap_or(false);
        let settings = match map.get("settings") {
            None | Some(Value::Null) => Some(CashBalanceSettingsState::default()),
            Some(v) => read_settings(v, &path.key("settings"), issues),
        };
        let available = match map.get("available") {
            None | Some(Value::Null) => CurrencyMap::new(),
            Some(v) => currency_map(v, &path.key("available"), issues, |v, p, issues| {
                parse_int(v, -MAX_SAFE_INTEGER, "a balance", p, issues)
            }),
        };
        let overdrafts = match map.get("overdrafts") {
            None | Some(Value::Null) => CurrencyMap::new(),
            Some(v) => currency_map(v, &path.key("overdrafts"), issues, |v, p, issues| match v {
                Value::String(s) if id_fits(s) => Some(s.clone()),
                _ => {
                    issues.push(
                        p,
                        Code::InvalidType,
                        "an overdraft names its transaction id",
                    );
                    None
                }
            }),
        };
        for (c, n) in available.iter() {
            if (*n < 0) != overdrafts.contains_key(c) {
                issues.push(
                    &path.key("overdrafts").key(c),
                    Code::BalanceMismatch,
                    format!("{c} is overdrawn exactly when its balance is below zero"),
                );
            }
        }
        for c in overdrafts.keys() {
            if !available.contains_key(c) {
                issues.push(
                    &path.key("overdrafts").key(c),
                    Code::BalanceMismatch,
                    format!("{c} is overdrawn but has no balance"),
                );
            }
        }
        let open_payments = match map.get("open_payments") {
            None | Some(Value::Null) => Vec::new(),
            Some(v) => read_payments(v, &path.key("open_payments"), issues),
        };
        let transactions = Window::read(map, path, issues);
        Some(Self {
            customer: customer?,
            customer_account,
            livemode,
            settings: settings?,
            available,
            overdrafts,
            open_payments,
            transactions,
        })
    }

    /// The balance of a currency (lower-case code), 0 when it has none.
    pub fn balance(&self, currency: &str) -> i64 {
        self.available.get(currency).copied().unwrap_or(0)
    }

    /// Whether a transaction id is among those remembered.
    pub fn has_transaction(&self, id: &str) -> bool {
        self.transactions.contains(id)
    }

    /// Applies one transaction given by the caller (its problems reported at `path`): the Stripe
    /// object it becomes.
    pub fn apply(
        &mut self,
        t: TransactionInput,
        path: &Path,
    ) -> Result<CashBalanceTransaction, Error> {
        if self.transactions.is_stale(t.created) && !self.transactions.contains(&t.id) {
            return Err(refuse(
                &path.key("created"),
                Code::StaleTransaction,
                format!(
                    "transaction {} was created at {}, no later than the transactions this state no longer remembers (through {}): it cannot be told from one of them",
                    crate::input::json::quoted(&t.id),
                    t.created,
                    self.transactions.forgotten_through.unwrap_or_default()
                ),
            ));
        }
        self.apply_own(t, path)
    }

    /// Applies a transaction, the balance's own included (an `applied_to_payment` reconciliation
    /// makes has a fresh id, so it is never stale).
    pub fn apply_own(
        &mut self,
        t: TransactionInput,
        path: &Path,
    ) -> Result<CashBalanceTransaction, Error> {
        if self.transactions.contains(&t.id) {
            return Err(refuse(
                &path.key("id"),
                Code::DuplicateTransaction,
                format!(
                    "transaction {} was applied already",
                    crate::input::json::quoted(&t.id)
                ),
            ));
        }
        if let Some(c) = t.customer.as_deref().filter(|c| *c != self.customer) {
            return Err(refuse(
                &path.key("customer"),
                Code::CustomerMismatch,
                format!(
                    "the transaction is of customer {}, the balance of {}",
                    crate::input::json::quoted(c),
                    crate::input::json::quoted(&self.customer)
                ),
            ));
        }
        // A balance that has had no transaction yet takes the account the first one names.
        let adopt = match &t.customer_account {
            Some(given) if *given != self.customer_account => {
                if self.customer_account.is_none() && self.available.is_empty() {
                    given.clone()
                } else {
                    return Err(refuse(
                        &path.key("customer_account"),
                        Code::CustomerMismatch,
                        format!(
                            "the transaction is of customer account {}, the balance of {}",
                            shown_account(given.as_deref()),
                            shown_account(self.customer_account.as_deref())
                        ),
                    ));
                }
            }
            _ => None,
        };
        if t.livemode.is_some_and(|l| l != self.livemode) {
            return Err(refuse(
                &path.key("livemode"),
                Code::CustomerMismatch,
                "the transaction's livemode is not the balance's",
            ));
        }
        let currency = lower_code(t.currency);
        let before = self.balance(&currency);
        let after = before
            .checked_add(t.net_amount)
            .filter(|n| n.abs() <= MAX_SAFE_INTEGER)
            .ok_or_else(|| {
                refuse(
                    &path.key("net_amount"),
                    Code::Overflow,
                    "the balance would exceed 2^53 - 1 minor units",
                )
            })?;
        let net_path = path.key("net_amount");
        match (self.overdrafts.get(&currency), &t.detail) {
            (Some(linked), Detail::AdjustedForOverdraft(adj)) => {
                if adj.linked_transaction != *linked || after != 0 {
                    return Err(refuse(
                        &path.key("adjusted_for_overdraft"),
                        Code::OverdraftPending,
                        format!(
                            "the overdraft of {currency} is covered by linking {} and adding exactly {}",
                            crate::input::json::quoted(linked),
                            before.unsigned_abs()
                        ),
                    ));
                }
            }
            (Some(linked), _) => {
                return Err(refuse(
                    path,
                    Code::OverdraftPending,
                    format!(
                    "{currency} is overdrawn by {}; only its adjusted_for_overdraft is accepted",
                    crate::input::json::quoted(linked)
                ),
                ))
            }
            (None, Detail::AdjustedForOverdraft(_)) => {
                return Err(refuse(
                    path,
                    Code::NoOverdraft,
                    format!("{currency} is not overdrawn; there is nothing to adjust"),
                ))
            }
            (None, _) if after < 0 && t.kind != TransactionType::FundingReversed => {
                return Err(refuse(
                    &net_path,
                    Code::InsufficientFunds,
                    format!(
                        "{} {currency} is more than the {before} available",
                        t.net_amount.unsigned_abs()
                    ),
                ))
            }
            (None, _) => {}
        }
        if let Detail::AppliedToPayment(p) = &t.detail {
            self.take_from_payment(&p.payment_intent, &currency, -t.net_amount, &net_path)?;
        }
        if let Some(given) = t.ending_balance.filter(|g| *g != after) {
            return Err(refuse(
                &path.key("ending_balance"),
                Code::BalanceMismatch,
                format!("the ending_balance is {after}, not {given}"),
            ));
        }
        // Every check passed: change the state.
        if adopt.is_some() {
            self.customer_account = adopt;
        }
        if after < 0 {
            self.overdrafts.insert(currency.clone(), t.id.clone());
        } else {
            self.overdrafts.remove(&currency);
        }
        self.available.insert(currency, after);
        self.transactions.remember(&t.id, t.created);
        let of = Owner {
            customer: &self.customer,
            customer_account: self.customer_account.as_deref(),
            livemode: self.livemode,
        };
        Ok(t.into_object(of, after))
    }

    /// Lowers what an open payment awaits (a payment the balance does not hold is someone else's
    /// bookkeeping and is not checked); a paid payment is no longer open.
    fn take_from_payment(
        &mut self,
        id: &str,
        currency: &str,
        amount: i64,
        path: &Path,
    ) -> Result<(), Error> {
        let Some(pos) = self.open_payments.iter().position(|p| p.id == id) else {
            return Ok(());
        };
        let Some(p) = self.open_payments.get_mut(pos) else {
            return Ok(());
        };
        if p.currency != currency {
            return Err(refuse(
                path,
                Code::CurrencyMismatch,
                format!(
                    "payment {} is in {}, not {currency}",
                    crate::input::json::quoted(id),
                    p.currency
                ),
            ));
        }
        if amount > p.amount_remaining {
            return Err(refuse(
                path,
                Code::ExceedsPayment,
                format!(
                    "{amount} is more than the {} payment {} awaits",
                    p.amount_remaining,
                    crate::input::json::quoted(id)
                ),
            ));
        }
        p.amount_remaining -= amount;
        if p.amount_remaining == 0 {
            self.open_payments.remove(pos);
        }
        Ok(())
    }

    /// Stripe's `cash_balance` object of this state.
    pub fn view(&self) -> CashBalance {
        CashBalance {
            object: "cash_balance",
            available: (!self.available.is_empty()).then(|| self.available.clone()),
            customer: self.customer.clone(),
            customer_account: self.customer_account.clone(),
            livemode: self.livemode,
            settings: self.settings.view(),
        }
    }

    /// Stripe: a customer with any cash balance, even 0, cannot be deleted.
    pub fn can_delete_customer(&self) -> bool {
        self.available.is_empty()
    }
}

/// An object keyed by currency code (normalised to lower case), values read by `read`.
fn currency_map<T>(
    value: &Value,
    path: &Path,
    issues: &mut Issues,
    read: impl Fn(&Value, &Path, &mut Issues) -> Option<T>,
) -> CurrencyMap<T> {
    let mut out = CurrencyMap::new();
    let Some(map) = object(value, "a map of currencies", path, issues) else {
        return out;
    };
    for (key, v) in map {
        let p = path.key(key);
        // Keys are written as Stripe writes them (lower case), so no currency can appear twice.
        if key.bytes().any(|b| b.is_ascii_uppercase()) {
            issues.push(
                &p,
                Code::UnknownCurrency,
                format!(
                    "currency keys are lower case, as Stripe writes them: {}",
                    crate::input::json::quoted(key)
                ),
            );
            continue;
        }
        let Some(c) = read_currency(&Value::String(key.clone()), &p, issues) else {
            continue;
        };
        if let Some(x) = read(v, &p, issues) {
            out.insert(lower_code(c), x);
        }
    }
    out
}

/// An account id for a message (`null` when none).
fn shown_account(id: Option<&str>) -> String {
    id.map_or_else(|| "null".to_owned(), crate::input::json::quoted)
}
