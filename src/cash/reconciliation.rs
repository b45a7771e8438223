//! Reconciliation: applying cash balance funds to the customer's open payments awaiting them,
//! oldest first, each for exactly what it still awaits or, when funds fall short, for what there is.
//! In `automatic` mode this runs whenever funds arrive or a payment opens; in `manual` mode only
//! when asked ([`apply_funds`]).

use serde_json::Value;

use crate::cash::detail::PaymentRef;
use crate::cash::payment::OpenPayment;
use crate::cash::state::CashBalanceState;
use crate::cash::transaction::{
    read_currency, CashBalanceTransaction, Detail, TransactionInput, TransactionType, MAX_ID_LEN,
    MAX_TRANSACTIONS,
};
use crate::input::fields::{id_field, object, report_unknown_fields, required};
use crate::input::issue::{refuse, Code, Error, Issues, Path};
use crate::input::json::MAX_SAFE_INTEGER;
use crate::money::currency::Currency;
use crate::money::read::parse_int;

/// Which funds to apply, and when.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplyRequest {
    /// Only payments in this currency.
    pub currency: Option<Currency>,
    /// Only this payment (which must be open).
    pub payment_intent: Option<String>,
    /// At most this much in all.
    pub amount: Option<i64>,
    /// The `created` of the transactions made.
    pub created: i64,
}

/// Reads `{ created, currency?, payment_intent?, amount? }`.
pub fn read_request(value: &Value) -> Result<ApplyRequest, Error> {
    let root = Path::root();
    let mut issues = Issues::new();
    let Some(map) = object(value, "a request", &root, &mut issues) else {
        return Err(Error::invalid(issues.into_vec()));
    };
    report_unknown_fields(
        map,
        &["created", "currency", "payment_intent", "amount"],
        "a request",
        &root,
        &mut issues,
    );
    let created = required(map, "created", &root, &mut issues)
        .and_then(|v| parse_int(v, 0, "created", &root.key("created"), &mut issues));
    let currency = map
        .get("currency")
        .and_then(|v| read_currency(v, &root.key("currency"), &mut issues));
    let payment_intent = match map.get("payment_intent") {
        None => None,
        Some(_) => id_field(map, "payment_intent", MAX_ID_LEN, &root, &mut issues),
    };
    let amount = map
        .get("amount")
        .and_then(|v| parse_int(v, 1, "amount", &root.key("amount"), &mut issues));
    let created = issues.finish(created)?;
    Ok(ApplyRequest {
        currency,
        payment_intent,
        amount,
        created: created.unwrap_or(0),
    })
}

/// Applies funds to open payments as `request` says, oldest payment first: each gets what it still
/// awaits or what the balance holds, whichever is less. Returns the `applied_to_payment`
/// transactions made (none when there is nothing to apply).
pub fn apply_funds(
    state: &mut CashBalanceState,
    request: &ApplyRequest,
) -> Result<Vec<CashBalanceTransaction>, Error> {
    let root = Path::root();
    let currency = request.currency.map(crate::cash::transaction::lower_code);
    if let Some(id) = &request.payment_intent {
        let Some(p) = state.open_payments.iter().find(|p| &p.id == id) else {
            return Err(refuse(
                &root.key("payment_intent"),
                Code::UnknownPayment,
                format!(
                    "payment {} is not awaiting funds",
                    crate::input::json::quoted(id)
                ),
            ));
        };
        if request.amount.is_some_and(|a| a > p.amount_remaining) {
            return Err(refuse(
                &root.key("amount"),
                Code::ExceedsPayment,
                format!(
                    "payment {} awaits {}, less than the amount asked",
                    crate::input::json::quoted(id),
                    p.amount_remaining
                ),
            ));
        }
    }
    let mut left = request.amount.unwrap_or(MAX_SAFE_INTEGER);
    let mut made = Vec::new();
    // Each round pays a payment off, empties a currency or uses up `left`, so this ends.
    while left > 0 {
        let next = state.open_payments.iter().find(|p| {
            request.payment_intent.as_ref().is_none_or(|id| &p.id == id)
                && currency.as_ref().is_none_or(|c| &p.currency == c)
                && state.balance(&p.currency) > 0
        });
        let Some(p) = next else { break };
        let amount = p.amount_remaining.min(state.balance(&p.currency)).min(left);
        let Some(c) = Currency::parse(&p.currency) else {
            break;
        };
        let id = applied_id(state, &p.id);
        let t = TransactionInput::own(
            id,
            TransactionType::AppliedToPayment,
            c,
            -amount,
            request.created,
            Detail::AppliedToPayment(PaymentRef::to(&p.id)),
        );
        made.push(state.apply_own(t, &root)?);
        left -= amount;
    }
    Ok(made)
}

/// A fresh id for an `applied_to_payment` the balance makes: `ccsbtxn_<n>_<payment>`, `n` counting
/// the balance's transactions, so reruns of the same history give the same ids. The payment's id
/// is cut where the whole would pass `MAX_ID_LEN` characters: every reader of a transaction id,
/// the state's window included, refuses a longer one (a fuzzer found a 255-character payment id
/// making a state the next call refused).
fn applied_id(state: &CashBalanceState, payment: &str) -> String {
    let mut n = state.transactions.count.saturating_add(1);
    loop {
        let prefix = format!("ccsbtxn_{n}_");
        let room = MAX_ID_LEN.saturating_sub(prefix.len());
        let id: String = prefix.chars().chain(payment.chars().take(room)).collect();
        if !state.has_transaction(&id) {
            return id;
        }
        n += 1;
    }
}

/// Adds a payment awaiting funds (after those created no later); in automatic mode the balance's
/// funds go to it (and any older open payment of its currency) at once.
pub fn add_payment(
    state: &mut CashBalanceState,
    payment: OpenPayment,
) -> Result<Vec<CashBalanceTransaction>, Error> {
    let root = Path::root();
    if state.open_payments.iter().any(|p| p.id == payment.id) {
        return Err(refuse(
            &root.key("id"),
            Code::DuplicatePayment,
            format!(
                "payment {} is already awaiting funds",
                crate::input::json::quoted(&payment.id)
            ),
        ));
    }
    if state.open_payments.len() >= MAX_TRANSACTIONS {
        return Err(refuse(
            &root,
            Code::TooManyItems,
            format!("a balance holds at most {MAX_TRANSACTIONS} open payments"),
        ));
    }
    let at = state
        .open_payments
        .iter()
        .position(|p| p.created > payment.created)
        .unwrap_or(state.open_payments.len());
    let currency = Currency::parse(&payment.currency);
    let created = payment.created;
    state.open_payments.insert(at, payment);
    reconcile_if_automatic(state, currency, created)
}

/// Automatic mode: applies the funds of `currency` to its open payments.
pub fn reconcile_if_automatic(
    state: &mut CashBalanceState,
    currency: Option<Currency>,
    created: i64,
) -> Result<Vec<CashBalanceTransaction>, Error> {
    if state.settings.mode() != crate::cash::settings::ReconciliationMode::Automatic {
        return Ok(Vec::new());
    }
    apply_funds(
        state,
        &ApplyRequest {
            currency,
            payment_intent: None,
            amount: None,
            created,
        },
    )
}
