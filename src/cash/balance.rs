//! The `cash_balance` object folded from a customer's transactions (oldest first), and Stripe's
//! rule that a customer with any cash balance entry, even 0, cannot be deleted.

use serde_json::Value;

use crate::cash::settings::CashBalanceSettingsState;
use crate::cash::state::{CashBalance, CashBalanceState};
use crate::cash::transaction::{self as tx, TransactionInput, MAX_TRANSACTIONS};
use crate::input::issue::{Code, Error, Issues, Path};

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
    apply_all(customer, read_transactions(transactions)?, settings)
}

/// Reads a list of transactions, every problem of every one at its path; each comes with its
/// index in the list (where a balance rule it breaks points).
pub fn read_transactions(transactions: &Value) -> Result<Vec<(usize, TransactionInput)>, Error> {
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
                    crate::input::json::type_name(other)
                ),
            ))
        }
    };
    let mut issues = Issues::new();
    let parsed: Vec<(usize, TransactionInput)> = list
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((i, tx::read_transaction(v, &root.index(i), &mut issues)?)))
        .collect();
    issues.finish(parsed)
}

/// Applies the transactions, oldest first, to a new state of `customer`: each must follow the
/// balance rules in order. `livemode` is the first transaction's (false without any).
pub fn apply_all(
    customer: &str,
    transactions: Vec<(usize, TransactionInput)>,
    settings: CashBalanceSettingsState,
) -> Result<CashBalanceState, Error> {
    let root = Path::root();
    let livemode = transactions
        .first()
        .and_then(|(_, t)| t.livemode)
        .unwrap_or(false);
    let mut state = CashBalanceState::new(customer, livemode, settings);
    // A log folded in one call remembers every id it holds.
    state.transactions.capacity = MAX_TRANSACTIONS;
    for (i, t) in transactions {
        state.apply(t, &root.index(i))?;
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
