//! A cash balance state read straight from its JSON text into a [`CashBalanceState`], without a
//! `serde_json::Value`: the state every cash call takes, in the form the answers write it. Anything
//! [`CashBalanceState::parse`] would report, and what this reader declines (Stripe's own
//! `cash_balance` object, an earlier version's `transaction_ids`, settings written as Stripe
//! writes them, a repeated field, a key with an escape), answers `None`: the caller then parses
//! the text and reads it with every issue at its path. So a state read here is the state the
//! general reader reads from the same text.

use std::collections::VecDeque;

use crate::cash::currency_map::CurrencyMap;
use crate::cash::payment::OpenPayment;
use crate::cash::settings::{CashBalanceSettingsState, ReconciliationMode, ReconciliationSetting};
use crate::cash::state::{CashBalanceState, STATE_FIELDS};
use crate::cash::transaction::{lower_code, stripe_currency, MAX_ID_LEN, MAX_TRANSACTIONS};
use crate::cash::window::{id_fits, Recent, Window, CASH_TRANSACTION_WINDOW};
use crate::input::fields::text_rule;
use crate::input::json::MAX_SAFE_INTEGER;
use crate::input::reader::Reader;
use crate::money::read::read_int;

/// The state of `text` and where the elements of its `recent_transactions` are in it, or `None`
/// for the general reader to read (and report).
pub fn read_state_text(text: &str) -> Option<(CashBalanceState, Vec<(usize, usize)>)> {
    let mut r = Reader::new(text);
    let mut customer = None;
    let mut customer_account = None;
    let mut livemode = false;
    let mut settings = CashBalanceSettingsState::default();
    let mut available = CurrencyMap::new();
    let mut overdrafts = CurrencyMap::new();
    let mut open_payments = Vec::new();
    let (mut count, mut recent, mut forgotten_through) = (None, VecDeque::new(), None);
    let mut spans = Vec::new();
    // The general reader's fields; `transaction_ids` (an earlier version's) is declined below.
    r.members_of(STATE_FIELDS, |r, key| {
        let null = r.next_byte()? == b'n';
        if null && !matches!(key, "customer" | "livemode") {
            // Every field but these two reads `null` as absent.
            return r.null();
        }
        match key {
            "customer" => customer = Some(id(r)?),
            "customer_account" => customer_account = Some(id(r)?),
            "livemode" => livemode = r.bool()?,
            "settings" => settings = read_settings(r)?,
            "available" => available = currency_map(r, |r| read_int(r, -MAX_SAFE_INTEGER))?,
            "overdrafts" => {
                overdrafts = currency_map(r, |r| {
                    let s = r.str()?;
                    id_fits(&s).then(|| s.into_owned())
                })?
            }
            "open_payments" => open_payments = read_payments(r)?,
            "transaction_count" => count = Some(read_int(r, 0)?.unsigned_abs()),
            "recent_transactions" => recent = read_recent(r, &mut spans)?,
            "forgotten_through" => forgotten_through = Some(read_int(r, 0)?),
            // `transaction_ids`: the general reader reads it into the window.
            _ => return None,
        }
        Some(())
    })?;
    if !r.at_end() {
        return None;
    }
    // A currency is overdrawn exactly when its balance is below zero.
    let overdrawn = available.iter().filter(|(_, n)| **n < 0).count();
    let matched = overdrafts
        .iter()
        .all(|(c, _)| available.get(c).is_some_and(|n| *n < 0));
    if !matched || overdrawn != overdrafts.iter().count() {
        return None;
    }
    let state = CashBalanceState {
        customer: customer?,
        customer_account,
        livemode,
        settings,
        available,
        overdrafts,
        open_payments,
        transactions: Window::of_recent(recent, count, forgotten_through)?,
    };
    Some((state, spans))
}

/// An id as `id_field` reads it: a string of 1 to [`MAX_ID_LEN`] characters without control
/// characters.
pub fn id(r: &mut Reader) -> Option<String> {
    let s = r.str()?;
    (!s.is_empty() && text_rule(&s, MAX_ID_LEN).is_none()).then(|| s.into_owned())
}

/// Settings as a state writes them (`reconciliation_mode`, `merchant_default`), read as
/// `read_settings` reads them; Stripe's form (`using_merchant_default`) is declined.
fn read_settings(r: &mut Reader) -> Option<CashBalanceSettingsState> {
    let mut out = CashBalanceSettingsState::default();
    let (mut setting, mut merchant) = (None, None);
    r.members_of(&["reconciliation_mode", "merchant_default"], |r, key| {
        let s = r.str()?;
        match key {
            "reconciliation_mode" => {
                setting = Some(match &*s {
                    "automatic" => ReconciliationSetting::Automatic,
                    "manual" => ReconciliationSetting::Manual,
                    "merchant_default" => ReconciliationSetting::MerchantDefault,
                    _ => return None,
                })
            }
            _ => merchant = Some(ReconciliationMode::parse(&s)?),
        }
        Some(())
    })?;
    if let Some(m) = merchant {
        out.merchant_default = m;
    }
    out.reconciliation_mode = setting.unwrap_or(ReconciliationSetting::MerchantDefault);
    Some(out)
}

/// A map of lower-case currency codes, as `currency_map` (cash::state) reads it.
fn currency_map<T>(
    r: &mut Reader,
    mut read: impl FnMut(&mut Reader) -> Option<T>,
) -> Option<CurrencyMap<T>> {
    let mut out = CurrencyMap::new();
    r.members(|r, key| {
        let code = currency(key)?;
        if key.bytes().any(|b| b.is_ascii_uppercase()) || out.contains_key(&code) {
            return None;
        }
        let value = read(r)?;
        out.insert(code, value);
        Some(())
    })?;
    Some(out)
}

/// A currency as `read_currency` (cash::transaction) reads it, written as Stripe writes it.
fn currency(s: &str) -> Option<String> {
    stripe_currency(s).map(lower_code)
}

/// Open payments as `read_payments` (cash::payment) reads them, oldest first.
fn read_payments(r: &mut Reader) -> Option<Vec<OpenPayment>> {
    let mut out: Vec<OpenPayment> = Vec::new();
    r.elements(|r| {
        if out.len() == MAX_TRANSACTIONS {
            return None;
        }
        let (mut pid, mut currency_code, mut amount, mut created) = (None, None, None, None);
        let fields = ["id", "currency", "amount_remaining", "created"];
        r.members_of(&fields, |r, key| {
            match key {
                "id" => pid = Some(id(r)?),
                "currency" => currency_code = Some(currency(&r.str()?)?),
                "amount_remaining" => amount = Some(read_int(r, 1)?),
                _ => created = Some(read_int(r, 0)?),
            }
            Some(())
        })?;
        let p = OpenPayment {
            id: pid?,
            currency: currency_code?,
            amount_remaining: amount?,
            created: created?,
        };
        if out.iter().any(|o| o.id == p.id) {
            return None;
        }
        out.push(p);
        Some(())
    })?;
    crate::input::order::sort_by_key(&mut out, |p| p.created);
    Some(out)
}

/// `recent_transactions` as `Window::read` reads it: at most [`CASH_TRANSACTION_WINDOW`] of
/// `{ id, created }`, both present (`created` may be `null`).
fn read_recent(r: &mut Reader, spans: &mut Vec<(usize, usize)>) -> Option<VecDeque<Recent>> {
    let mut out = VecDeque::new();
    r.elements_spanned(spans, |r| {
        if out.len() == CASH_TRANSACTION_WINDOW {
            return None;
        }
        let (mut rid, mut created) = (None, None);
        r.members_of(&["id", "created"], |r, key| {
            match key {
                "id" => {
                    let s = r.str()?;
                    rid = Some(id_fits(&s).then(|| s.into_owned())?);
                }
                _ => {
                    created = Some(if r.next_byte()? == b'n' {
                        r.null()?;
                        None
                    } else {
                        Some(read_int(r, 0)?)
                    });
                }
            }
            Some(())
        })?;
        out.push_back(Recent {
            id: rid?,
            created: created?,
            origin: None,
        });
        Some(())
    })?;
    Some(out)
}
