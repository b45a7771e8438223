//! A transaction read straight from its JSON text into a [`TransactionInput`], without a
//! `serde_json::Value`: the transaction `applyCashTransaction` takes, as Stripe writes it. Anything
//! [`read_transaction`](crate::cash::transaction::read_transaction) would report, and what this
//! reader declines (a field it does not know, which the general reader keeps; an expanded
//! reference; a repeated field; a key with an escape), answers `None`: the caller then parses the
//! text and reads it with every issue at its path. So a transaction read here is the one the
//! general reader reads from the same text.

use serde_json::Map;

use crate::cash::detail::{detail_object, Detail};
use crate::cash::state_text::id;
use crate::cash::transaction::{
    stripe_currency, TransactionInput, TransactionType, MAX_TRANSACTIONS, OBJECT_TRANSACTION,
};
use crate::input::issue::{Issues, Path};
use crate::input::json::MAX_SAFE_INTEGER;
use crate::input::reader::{element_texts, Reader};
use crate::money::read::read_int;

/// The fields of a transaction (`TRANSACTION_FIELDS`, in the order read below): ten, then the
/// detail objects of the types that have one.
const FIELDS: [&str; 16] = [
    "id",
    "object",
    "type",
    "currency",
    "net_amount",
    "created",
    "ending_balance",
    "customer",
    "customer_account",
    "livemode",
    "adjusted_for_overdraft",
    "applied_to_payment",
    "funded",
    "refunded_from_payment",
    "transferred_to_balance",
    "unapplied_from_payment",
];
/// The types of the detail objects of [`FIELDS`], from its eleventh on.
const DETAILS: [TransactionType; 6] = [
    TransactionType::AdjustedForOverdraft,
    TransactionType::AppliedToPayment,
    TransactionType::Funded,
    TransactionType::RefundedFromPayment,
    TransactionType::TransferredToBalance,
    TransactionType::UnappliedFromPayment,
];

/// The transactions of `text` (a JSON array of them, as `cashBalance` folds), each with its index,
/// or `None` when any of them (or the array) is for the general reader.
pub fn read_transactions_text(text: &str) -> Option<Vec<(usize, TransactionInput)>> {
    let texts = element_texts(text)?;
    if texts.len() > MAX_TRANSACTIONS {
        return None;
    }
    texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| Some((i, read_transaction_text(t)?)))
        .collect()
}

/// The transaction of `text`, or `None` for the general reader to read (and report).
pub fn read_transaction_text(text: &str) -> Option<TransactionInput> {
    let mut r = Reader::new(text);
    let (mut tid, mut kind, mut currency, mut net_amount, mut created) =
        (None, None, None, None, None);
    let (mut customer, mut customer_account, mut livemode, mut ending_balance) =
        (None, None, None, None);
    // The one detail object given (not `null`), and the type whose key it is at.
    let (mut detail, mut detail_of) = (Detail::None, None);
    // The types whose detail key was given as `null` (bit `type as u32`).
    let mut nulls = 0u32;
    r.fields(&FIELDS, |r, field| {
        match field {
            0 => tid = Some(id(r)?),
            1 => (r.str()? == OBJECT_TRANSACTION).then_some(())?,
            2 => kind = Some(TransactionType::parse(&r.str()?)?),
            3 => currency = Some(stripe_currency(&r.str()?)?),
            4 => net_amount = Some(read_int(r, -MAX_SAFE_INTEGER)?),
            5 => created = Some(read_int(r, 0)?),
            6 => ending_balance = Some(read_int(r, -MAX_SAFE_INTEGER)?),
            7 => customer = Some(id(r)?),
            8 => customer_account = Some(nullable(r, id)?),
            9 => livemode = Some(r.bool()?),
            // The detail objects: each read as the type of its key has it (by the general
            // reader, from the object's value: a few fields, any of them kept).
            _ => {
                let of = *DETAILS.get(field - 10)?;
                if r.next_byte()? == b'n' {
                    nulls |= 1 << of as u32;
                    return r.null();
                }
                // A second detail object is one of a type the transaction is not.
                detail_of.is_none().then_some(())?;
                let value = r.value().ok()?;
                let mut issues = Issues::new();
                let key = FIELDS.get(field)?;
                detail = detail_object(of, key, &value, &Path::root(), &mut issues)
                    .filter(|_| issues.is_empty())?;
                detail_of = Some(of);
            }
        }
        Some(())
    })?;
    let kind = kind.filter(|_| r.at_end())?;
    // The type's own detail object, no other; `net_amount` of the type's sign.
    let own = detail_of == kind.detail_key().map(|_| kind) && nulls & 1 << kind as u32 == 0;
    let signed = net_amount.is_some_and(|n| n != 0 && (n > 0) == kind.adds_funds());
    let (Some(id), Some(currency), Some(net_amount), Some(created), true, true) =
        (tid, currency, net_amount, created, own, signed)
    else {
        return None;
    };
    Some(TransactionInput {
        id,
        kind,
        currency,
        net_amount,
        created,
        customer,
        customer_account,
        livemode,
        ending_balance,
        detail,
        kept: Map::new(),
    })
}

/// `null` as `None`, anything else as `read` reads it.
fn nullable<T>(r: &mut Reader, read: impl FnOnce(&mut Reader) -> Option<T>) -> Option<Option<T>> {
    if r.next_byte()? == b'n' {
        r.null()?;
        return Some(None);
    }
    read(r).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cash::transaction::read_transaction;
    use crate::input::issue::{Issues, Path};

    fn general(text: &str) -> Option<TransactionInput> {
        let value = crate::input::reader::parse(text).ok()?;
        let mut issues = Issues::new();
        let t = read_transaction(&value, &Path::root(), &mut issues);
        issues.is_empty().then_some(t).flatten()
    }

    #[test]
    fn stripes_transactions_are_read_as_the_general_reader_reads_them() {
        let texts = [
            r#"{"id":"ccsbtxn_1","type":"funded","currency":"eur","net_amount":1000,"created":1700000000,"funded":{"bank_transfer":{"type":"eu_bank_transfer","reference":"Invoice 1"}}}"#,
            r#"{"id":"ccsbtxn_1","object":"customer_cash_balance_transaction","created":1690829143,"currency":"eur","customer":"cus_1","customer_account":null,"ending_balance":5000,"funded":{"bank_transfer":{"eu_bank_transfer":{"bic":"BANKDEAAXXX","iban_last4":"7089","sender_name":"Sample Business GmbH"},"reference":"Transfer+Reference","type":"eu_bank_transfer"}},"livemode":false,"net_amount":5000,"type":"funded"}"#,
            r#"{"id":"t","type":"funded","currency":"USD","net_amount":"5","created":1,"funded":{"bank_transfer":{"type":"us_bank_transfer","reference":null,"us_bank_transfer":{"network":"ach","sender_name":null}}}}"#,
            r#"{"id":"t","type":"funded","currency":"gbp","net_amount":5,"created":1,"funded":{"bank_transfer":{"type":"gb_bank_transfer","gb_bank_transfer":{"sort_code":"108800"}}},"applied_to_payment":null}"#,
            r#"{"id":"t","type":"funded","currency":"jpy","net_amount":5,"created":1,"funded":{"bank_transfer":{"type":"jp_bank_transfer","jp_bank_transfer":{"sender_bank":"B","sender_branch":"Main","sender_name":"caf\u00e9"}}}}"#,
            r#"{"id":"t","type":"funded","currency":"eur","net_amount":5,"created":1,"funded":{"bank_transfer":{"type":"mx_bank_transfer"}}}"#,
            r#"{"id":"t","type":"applied_to_payment","currency":"eur","net_amount":-5,"created":1,"applied_to_payment":{"payment_intent":"pi_1"},"customer_account":"acct_1","livemode":true}"#,
            r#"{"id":"t","type":"unapplied_from_payment","currency":"eur","net_amount":5,"created":1,"unapplied_from_payment":{"payment_intent":"pi_1"}}"#,
            r#"{"id":"t","type":"refunded_from_payment","currency":"eur","net_amount":5,"created":1,"refunded_from_payment":{"refund":"re_1"}}"#,
            r#"{"id":"t","type":"adjusted_for_overdraft","currency":"eur","net_amount":5,"created":1,"adjusted_for_overdraft":{"balance_transaction":"txn_1","linked_transaction":"t0"}}"#,
            r#"{"id":"t","type":"transferred_to_balance","currency":"eur","net_amount":-5,"created":1,"transferred_to_balance":{"balance_transaction":"txn_1"}}"#,
            r#" { "id" : "t" , "type" : "funding_reversed", "currency": "eur", "net_amount": -5e0, "created": 1, "funded": null } "#,
        ];
        for text in texts {
            let typed = read_transaction_text(text);
            assert!(typed.is_some(), "declined: {text}");
            assert_eq!(typed, general(text), "{text}");
        }
    }

    #[test]
    fn its_fields_are_the_general_readers() {
        let mut fields = FIELDS.to_vec();
        let mut known = crate::cash::transaction::TRANSACTION_FIELDS.to_vec();
        fields.sort_unstable();
        known.sort_unstable();
        assert_eq!(fields, known);
        for (t, key) in DETAILS.iter().zip(&FIELDS[10..]) {
            assert_eq!(t.detail_key(), Some(*key));
        }
    }

    #[test]
    fn what_it_declines_goes_to_the_general_reader() {
        let base = r#""id":"t","currency":"eur","created":1"#;
        let declined = [
            // Refused by the general reader.
            r#""type":"funded","net_amount":-5,"funded":{"bank_transfer":{"type":"eu_bank_transfer"}}"#,
            r#""type":"funded","net_amount":5,"funded":null"#,
            r#""type":"funded","net_amount":5"#,
            r#""type":"funded","net_amount":5,"funded":{"bank_transfer":{"type":"gb_bank_transfer","eu_bank_transfer":{}}}"#,
            r#""type":"funded","net_amount":5,"funded":{"bank_transfer":{"type":"eu_bank_transfer","eu_bank_transfer":null}}"#,
            r#""type":"funded","net_amount":5,"funded":{"bank_transfer":{"type":"us_bank_transfer","us_bank_transfer":{"network":null}}}"#,
            r#""type":"return_initiated","net_amount":-5,"funded":{"bank_transfer":{"type":"eu_bank_transfer"}}"#,
            r#""type":"return_initiated","net_amount":-5,"object":null"#,
            r#""type":"return_initiated","net_amount":-5,"livemode":null"#,
            r#""type":"return_initiated","net_amount":-5,"ending_balance":null"#,
            r#""type":"return_initiated","net_amount":0"#,
            // Read by the general reader, declined here.
            r#""type":"return_initiated","net_amount":-5,"extra":1"#,
            r#""type":"return_initiated","net_amount":-5,"customer":{"id":"cus_1"}"#,
            r#""type":"return_initiated","net_amount":-5,"net_amount":-5"#,
            r#""type":"return_initiated","net_\u0061mount":-5"#,
        ];
        for members in declined {
            let text = format!("{{{base},{members}}}");
            assert_eq!(read_transaction_text(&text), None, "{text}");
        }
    }
}
