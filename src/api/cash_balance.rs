//! The cash balance functions: `applyCashTransaction`, `cashBalance`, `addCashPayment`,
//! `reconcileCashBalance` and `canDeleteCustomer`.

use serde::Serialize;
use serde_json::Value;

use crate::api::held::{self, held_answer, Given, Kept};
use crate::api::read::{expect_object, parse_arg, top_level_elements};
use crate::api::write::{answer, answer_sized, Form};
use crate::cash::balance;
use crate::cash::payment::read_payment;
use crate::cash::reconciliation as reconcile;
use crate::cash::settings::{read_settings, CashBalanceSettingsState};
use crate::cash::state::CashBalanceState;
use crate::cash::state_text::read_state_text;
use crate::cash::transaction::{
    read_transaction, CashBalanceTransaction, TransactionInput, MAX_ID_LEN, MAX_TRANSACTIONS,
};
use crate::cash::transaction_text::{read_transaction_text, read_transactions_text};
use crate::input::issue::{Code, Error, Issues, Path};

/// Largest argument text of the cash balance functions (a state remembers every transaction id).
pub const MAX_CASH_INPUT: usize = 32 << 20;
/// Largest single transaction, payment or request.
const MAX_ONE: usize = 64 << 10;

/// What `applyCashTransaction` answers.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CashTransactionResult {
    pub state: CashBalanceState,
    pub transaction: CashBalanceTransaction,
    /// The `applied_to_payment` transactions automatic reconciliation made after it, in order.
    pub applied: Vec<CashBalanceTransaction>,
}

/// What `addCashPayment` and `reconcileCashBalance` answer.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CashReconcileResult {
    pub state: CashBalanceState,
    /// The `applied_to_payment` transactions made, in order.
    pub applied: Vec<CashBalanceTransaction>,
}

/// `applyCashTransaction(state, transaction)`: the new state, the Stripe transaction and, in
/// automatic mode after funds arrived, the `applied_to_payment` transactions reconciliation made.
pub fn apply_cash_transaction(state: &str, transaction: &str) -> String {
    apply_cash_transaction_in(Form::Whole, state, transaction)
}

/// [`apply_cash_transaction`], its state's `recent_transactions` written in `form` (`Shared`: the
/// ones unchanged from the argument as references to it, for the JS bridge; `Held`: shared, and
/// the state it answers kept for the bridge, its handle the envelope's `"held"`). The state is its
/// text, or the one the bridge holds ([`Given::Held`]).
pub fn apply_cash_transaction_in<'a>(
    form: Form,
    state: impl Into<Given<'a>>,
    transaction: &str,
) -> String {
    let state = state.into();
    // The answer: the state with one more id, the transaction with its balance (and, now and then,
    // the payments it funded): written with no copy on the way.
    let capacity = match state {
        Given::Text(text) => text.len(),
        Given::Held(_) => 1024,
    } + 2 * transaction.len();
    let result = (|| {
        let mut state = match state {
            Given::Text(text) => read_state_in(form, text)?,
            Given::Held(handle) => {
                held::cash_state(handle, form != Form::Whole).ok_or_else(held::gone)?
            }
        };
        let t = read_transaction_arg(transaction)?;
        let (currency, adds) = (t.currency, t.kind.adds_funds());
        let transaction = state.apply(t, &Path::root())?;
        let applied = if adds {
            reconcile::reconcile_if_automatic(&mut state, Some(currency), transaction.created)?
        } else {
            Vec::new()
        };
        Ok(CashTransactionResult {
            state,
            transaction,
            applied,
        })
    })();
    // Written first, so the state kept for the bridge is moved there, not copied.
    match result {
        Ok(r) => {
            let answer = answer_sized(Ok(&r), capacity);
            let kept = (form == Form::Held).then(|| Kept::Cash(r.state));
            held_answer(answer, kept, state)
        }
        Err(e) => answer_sized(Err::<&CashTransactionResult, _>(e), capacity),
    }
}

/// A transaction argument: read straight from its text when it is a valid transaction
/// ([`read_transaction_text`]), else parsed and read with every issue at its path (the same
/// answers either way).
fn read_transaction_arg(text: &str) -> Result<TransactionInput, Error> {
    if text.len() <= MAX_ONE {
        if let Some(t) = read_transaction_text(text) {
            return Ok(t);
        }
    }
    let value = parse_arg(text, MAX_ONE)?;
    let mut issues = Issues::new();
    let parsed = read_transaction(&value, &Path::root(), &mut issues);
    issues
        .finish(parsed)?
        .ok_or_else(|| Error::invalid(Vec::new()))
}

/// A state argument: read straight from its text when it is a valid state ([`read_state_text`]),
/// else parsed and read with every issue at its path (the same answers either way).
fn read_state(text: &str) -> Result<CashBalanceState, Error> {
    read_state_in(Form::Whole, text)
}

/// [`read_state`], its remembered transactions marked to be shared when `form` asks (a state the
/// general reader reads shares nothing).
fn read_state_in(form: Form, text: &str) -> Result<CashBalanceState, Error> {
    if text.len() <= MAX_CASH_INPUT {
        if let Some((mut state, spans)) = read_state_text(text) {
            if form != Form::Whole {
                state.transactions.mark_written(text, &spans);
            }
            return Ok(state);
        }
    }
    expect_object(text, "the cash balance state")?;
    CashBalanceState::parse(&parse_arg(text, MAX_CASH_INPUT)?)
}

/// `cashBalance(customerId, transactions, settings?)`: the Stripe `cash_balance` object.
pub fn cash_balance(customer: &str, transactions: &str, settings: &str) -> String {
    answer((|| {
        let customer = customer_id(&parse_arg(customer, 1024)?)?;
        let settings = read_settings_or_default(&parse_arg(settings, MAX_ONE)?)?;
        // Counted before parsing: a log far longer than accepted is refused without building it.
        let len = top_level_elements(transactions);
        if len > MAX_TRANSACTIONS {
            return Err(Error::single(
                &Path::root(),
                Code::TooManyItems,
                format!(
                    "{len} transactions is more than the {} one call folds",
                    MAX_TRANSACTIONS
                ),
            ));
        }
        // Read straight from the text when every transaction is valid (the same answers).
        if transactions.len() <= MAX_CASH_INPUT {
            if let Some(list) = read_transactions_text(transactions) {
                return balance::apply_all(&customer, list, settings).map(|s| s.view());
            }
        }
        let transactions = parse_arg(transactions, MAX_CASH_INPUT)?;
        balance::cash_balance(&customer, &transactions, settings)
    })())
}

/// `addCashPayment(state, payment)`: a payment awaiting funds joins the state; in automatic mode
/// the balance's funds are applied to it at once.
pub fn add_cash_payment(state: &str, payment: &str) -> String {
    answer((|| {
        let mut state = read_state(state)?;
        let value = parse_arg(payment, MAX_ONE)?;
        let mut issues = Issues::new();
        let parsed = read_payment(&value, &Path::root(), &mut issues);
        let payment = issues
            .finish(parsed)?
            .ok_or_else(|| Error::invalid(Vec::new()))?;
        let applied = reconcile::add_payment(&mut state, payment)?;
        Ok(CashReconcileResult { state, applied })
    })())
}

/// `reconcileCashBalance(state, request)`: "apply now", in any mode.
pub fn reconcile_cash_balance(state: &str, request: &str) -> String {
    answer((|| {
        let mut state = read_state(state)?;
        let request = reconcile::read_request(&parse_arg(request, MAX_ONE)?)?;
        let applied = reconcile::apply_funds(&mut state, &request)?;
        Ok(CashReconcileResult { state, applied })
    })())
}

/// `canDeleteCustomer(stateOrCashBalance)`: false while the customer has any cash balance entry.
pub fn can_delete_customer(state: &str) -> String {
    answer((|| {
        // A state read straight from its text (a `cash_balance` object, whose `object` field a
        // state has not, goes to the general reader): the same answers.
        if state.len() <= MAX_CASH_INPUT {
            if let Some((s, _)) = read_state_text(state) {
                return Ok(s.can_delete_customer());
            }
        }
        expect_object(state, "the cash balance state")?;
        balance::can_delete_customer(&parse_arg(state, MAX_CASH_INPUT)?)
    })())
}

fn customer_id(value: &Value) -> Result<String, Error> {
    match value {
        Value::String(s)
            if !s.is_empty()
                && s.chars().count() <= MAX_ID_LEN
                && !s.chars().any(char::is_control) =>
        {
            Ok(s.clone())
        }
        _ => Err(Error::single(
            &Path::root(),
            Code::InvalidType,
            format!("a customer id is a string of 1 to {MAX_ID_LEN} characters"),
        )),
    }
}

fn read_settings_or_default(value: &Value) -> Result<CashBalanceSettingsState, Error> {
    if value.is_null() {
        return Ok(CashBalanceSettingsState::default());
    }
    let mut issues = Issues::new();
    let s = read_settings(value, &Path::root(), &mut issues);
    issues.finish(s)?.ok_or_else(|| Error::invalid(Vec::new()))
}
