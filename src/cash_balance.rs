//! A customer's Stripe cash balance: the state it is kept in between calls, applying one
//! transaction to it, the `cash_balance` object folded from a list of transactions, and the rule
//! that a customer with any cash balance entry (even 0) cannot be deleted.
//!
//! Balances never go below zero, with Stripe's one exception: a `funding_reversed` (the bank took
//! funds back; nobody asked) may overdraw a currency. The currency is then overdrawn and accepts
//! nothing but the `adjusted_for_overdraft` that links that reversal and brings it back to exactly 0
//! (Stripe takes that amount from the merchant's own balance).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::cash_transaction::{
    self as tx, id_field, lower_code, object, parse_currency, parse_int, CashBalanceTransaction,
    Detail, TransactionInput, TransactionType, MAX_SAFE_INTEGER,
};
use crate::cash_window::{self, id_fits, Window};
use crate::fields::report_unknown_fields;
use crate::issue::{Code, Error, Issues, Path};
use crate::reconcile::{parse_payments, OpenPayment};

/// Most transactions `cashBalance` folds in one call (and open payments a state holds).
pub const MAX_TRANSACTIONS: usize = 200_000;

/// How funds landing in the balance are reconciled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ReconciliationMode {
    Automatic,
    Manual,
}

impl ReconciliationMode {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "automatic" => Some(Self::Automatic),
            "manual" => Some(Self::Manual),
            _ => None,
        }
    }
}

/// The customer's own choice: a mode, or the merchant's default (Stripe's `merchant_default`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ReconciliationSetting {
    Automatic,
    Manual,
    MerchantDefault,
}

/// The settings a state keeps: the customer's choice and the merchant's default (Stripe's default
/// is `automatic`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CashBalanceSettingsState {
    pub reconciliation_mode: ReconciliationSetting,
    pub merchant_default: ReconciliationMode,
}

impl Default for CashBalanceSettingsState {
    fn default() -> Self {
        Self {
            reconciliation_mode: ReconciliationSetting::MerchantDefault,
            merchant_default: ReconciliationMode::Automatic,
        }
    }
}

impl CashBalanceSettingsState {
    /// The mode in force.
    pub fn mode(&self) -> ReconciliationMode {
        match self.reconciliation_mode {
            ReconciliationSetting::Automatic => ReconciliationMode::Automatic,
            ReconciliationSetting::Manual => ReconciliationMode::Manual,
            ReconciliationSetting::MerchantDefault => self.merchant_default,
        }
    }
    /// Stripe's `settings` object.
    pub fn view(&self) -> CashBalanceSettings {
        CashBalanceSettings {
            reconciliation_mode: self.mode(),
            using_merchant_default: self.reconciliation_mode
                == ReconciliationSetting::MerchantDefault,
        }
    }
}

/// Stripe's `customer_balance_customer_balance_settings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CashBalanceSettings {
    pub reconciliation_mode: ReconciliationMode,
    /// True when the mode is the merchant's default rather than this customer's own.
    pub using_merchant_default: bool,
}

/// Stripe's `cash_balance` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CashBalance {
    #[cfg_attr(feature = "ts", ts(type = "\"cash_balance\""))]
    pub object: &'static str,
    /// Minor units per lower-case currency code; `null` while the customer has no cash balance.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number> | null"))]
    pub available: Option<BTreeMap<String, i64>>,
    pub customer: String,
    pub livemode: bool,
    pub settings: CashBalanceSettings,
}

/// What a customer's cash balance keeps between calls (JSON, given back as returned). The smallest
/// state is `{ "customer": "cus_…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CashBalanceState {
    pub customer: String,
    pub livemode: bool,
    pub settings: CashBalanceSettingsState,
    /// Minor units per lower-case currency code; a currency stays once it has had a transaction.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub available: BTreeMap<String, i64>,
    /// Overdrawn currencies, each with the id of the `funding_reversed` that overdrew it.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub overdrafts: BTreeMap<String, String>,
    /// Payments awaiting funds, oldest first.
    pub open_payments: Vec<OpenPayment>,
    /// What was applied, so no transaction is applied twice: `transaction_count`,
    /// `recent_transactions` and `forgotten_through` (see [`cash_window`]).
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub transactions: Window,
}

/// A refusal by a balance rule: the error carries the rule's own code and the one issue.
pub fn refuse(path: &Path, code: Code, message: impl Into<String>) -> Error {
    let mut e = Error::single(path, code, message);
    e.code = code;
    e
}

const STATE_FIELDS: &[&str] = &[
    "customer",
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
            livemode,
            settings,
            available: BTreeMap::new(),
            overdrafts: BTreeMap::new(),
            open_payments: Vec::new(),
            transactions: Window::new(cash_window::WINDOW),
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
        report_unknown_fields(map, STATE_FIELDS, "a cash balance state", path, issues);
        let customer = id_field(map, "customer", path, issues);
        let livemode = tx::bool_field(map, "livemode", path, issues).unwrap_or(false);
        let settings = match map.get("settings") {
            None | Some(Value::Null) => Some(CashBalanceSettingsState::default()),
            Some(v) => parse_settings(v, &path.key("settings"), issues),
        };
        let available = match map.get("available") {
            None | Some(Value::Null) => BTreeMap::new(),
            Some(v) => currency_map(v, &path.key("available"), issues, |v, p, issues| {
                parse_int(v, -MAX_SAFE_INTEGER, "a balance", p, issues)
            }),
        };
        let overdrafts = match map.get("overdrafts") {
            None | Some(Value::Null) => BTreeMap::new(),
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
        for (c, n) in &available {
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
            Some(v) => parse_payments(v, &path.key("open_payments"), issues),
        };
        let transactions = Window::read(map, path, issues);
        Some(Self {
            customer: customer?,
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
                    "transaction {:?} was created at {}, no later than the transactions this state no longer remembers (through {}): it cannot be told from one of them",
                    t.id,
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
                format!("transaction {:?} was applied already", t.id),
            ));
        }
        if let Some(c) = t.customer.as_deref().filter(|c| *c != self.customer) {
            return Err(refuse(
                &path.key("customer"),
                Code::CustomerMismatch,
                format!(
                    "the transaction is of customer {c:?}, the balance of {:?}",
                    self.customer
                ),
            ));
        }
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
                            "the overdraft of {currency} is covered by linking {linked:?} and adding exactly {}",
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
                        "{currency} is overdrawn by {linked:?}; only its adjusted_for_overdraft is accepted"
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
        if after < 0 {
            self.overdrafts.insert(currency.clone(), t.id.clone());
        } else {
            self.overdrafts.remove(&currency);
        }
        self.available.insert(currency, after);
        self.transactions.remember(&t.id, t.created);
        let (customer, livemode) = (self.customer.clone(), self.livemode);
        Ok(t.into_object(&customer, livemode, after))
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
                format!("payment {id:?} is in {}, not {currency}", p.currency),
            ));
        }
        if amount > p.amount_remaining {
            return Err(refuse(
                path,
                Code::ExceedsPayment,
                format!(
                    "{amount} is more than the {} payment {id:?} awaits",
                    p.amount_remaining
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
) -> BTreeMap<String, T> {
    let mut out = BTreeMap::new();
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
                format!("currency keys are lower case, as Stripe writes them: {key:?}"),
            );
            continue;
        }
        let Some(c) = parse_currency(&Value::String(key.clone()), &p, issues) else {
            continue;
        };
        if let Some(x) = read(v, &p, issues) {
            out.insert(lower_code(c), x);
        }
    }
    out
}

/// Reads settings: `{ reconciliation_mode?: "automatic" | "manual" | "merchant_default",
/// merchant_default?: "automatic" | "manual", using_merchant_default?: boolean }`. Without a
/// `reconciliation_mode` the merchant's default applies; Stripe's own settings object
/// (`using_merchant_default: true` with the mode in force) reads back as the same settings.
pub fn parse_settings(
    value: &Value,
    path: &Path,
    issues: &mut Issues,
) -> Option<CashBalanceSettingsState> {
    let map = object(value, "settings", path, issues)?;
    report_unknown_fields(
        map,
        &[
            "reconciliation_mode",
            "merchant_default",
            "using_merchant_default",
        ],
        "settings",
        path,
        issues,
    );
    let before = issues.len();
    let mode = |key: &str, allowed: &[&str], issues: &mut Issues| -> Option<&str> {
        let v = map.get(key)?;
        match v.as_str().filter(|s| allowed.contains(s)) {
            Some(s) => Some(s),
            None => {
                issues.push(
                    &path.key(key),
                    Code::InvalidType,
                    format!("{key} must be one of {}", allowed.join(", ")),
                );
                None
            }
        }
    };
    let setting = mode(
        "reconciliation_mode",
        &["automatic", "manual", "merchant_default"],
        issues,
    );
    let merchant = mode("merchant_default", &["automatic", "manual"], issues)
        .and_then(ReconciliationMode::parse);
    let using_default = tx::bool_field(map, "using_merchant_default", path, issues);
    let mut out = CashBalanceSettingsState::default();
    if let Some(m) = merchant {
        out.merchant_default = m;
    }
    out.reconciliation_mode = match (setting, using_default) {
        (None | Some("merchant_default"), _) => ReconciliationSetting::MerchantDefault,
        (Some(s), Some(true)) => {
            // Stripe's object says which mode the merchant default is.
            let m = ReconciliationMode::parse(s)?;
            if merchant.is_some_and(|d| d != m) {
                issues.push(
                    &path.key("reconciliation_mode"),
                    Code::InvalidType,
                    "using_merchant_default is true but the mode is not merchant_default",
                );
            }
            out.merchant_default = m;
            ReconciliationSetting::MerchantDefault
        }
        (Some("manual"), _) => ReconciliationSetting::Manual,
        (Some(_), _) => ReconciliationSetting::Automatic,
    };
    (issues.len() == before).then_some(out)
}

/// Folds transactions (oldest first) into the `cash_balance` object of `customer`. Each must
/// follow the balance rules in order; a given `ending_balance` must match. `livemode` is the
/// transactions' (false without any).
pub fn cash_balance(
    customer: &str,
    transactions: &Value,
    settings: CashBalanceSettingsState,
) -> Result<CashBalance, Error> {
    let state = fold(customer, transactions, settings)?;
    Ok(state.view())
}

/// The state the transactions lead to.
pub fn fold(
    customer: &str,
    transactions: &Value,
    settings: CashBalanceSettingsState,
) -> Result<CashBalanceState, Error> {
    let root = Path::root();
    let list = match transactions {
        Value::Array(list) if list.len() <= MAX_TRANSACTIONS => list,
        Value::Array(list) => {
            return Err(Error::single(
                &root,
                Code::TooManyItems,
                format!(
                    "{} transactions is more than the {MAX_TRANSACTIONS} accepted",
                    list.len()
                ),
            ))
        }
        other => {
            return Err(Error::single(
                &root,
                Code::InvalidType,
                format!(
                    "transactions must be an array, got {}",
                    crate::amount::type_name(other)
                ),
            ))
        }
    };
    let mut issues = Issues::new();
    let parsed: Vec<Option<TransactionInput>> = list
        .iter()
        .enumerate()
        .map(|(i, v)| tx::parse_transaction(v, &root.index(i), &mut issues))
        .collect();
    let parsed = issues.finish(parsed)?;
    let livemode = parsed
        .iter()
        .flatten()
        .next()
        .and_then(|t| t.livemode)
        .unwrap_or(false);
    let mut state = CashBalanceState::new(customer, livemode, settings);
    // A log folded in one call remembers every id it holds.
    state.transactions.capacity = MAX_TRANSACTIONS;
    for (i, t) in parsed.into_iter().enumerate() {
        if let Some(t) = t {
            state.apply(t, &root.index(i))?;
        }
    }
    Ok(state)
}

/// Reads `available` of a state or of a `cash_balance` object and says whether the customer may
/// be deleted.
pub fn can_delete_customer(value: &Value) -> Result<bool, Error> {
    let is_cash_balance = value
        .as_object()
        .and_then(|m| m.get("object"))
        .and_then(Value::as_str)
        == Some("cash_balance");
    if is_cash_balance {
        let available = value.as_object().and_then(|m| m.get("available"));
        return match available {
            None | Some(Value::Null) => Ok(true),
            Some(Value::Object(m)) => Ok(m.is_empty()),
            Some(_) => Err(Error::single(
                &Path::root().key("available"),
                Code::InvalidType,
                "available must be an object or null",
            )),
        };
    }
    Ok(CashBalanceState::parse(value)?.can_delete_customer())
}
