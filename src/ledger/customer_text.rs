//! A customer read straight from its JSON text into a [`Customer`], without a `serde_json::Value`
//! of the whole: the state every ledger call takes, in the form the answers write it. The object
//! and its items are walked member by member; each leaf, and the small parts (`limit`,
//! `schedule`, `last_payment`, the key records), go through the very functions
//! [`read_customer`](crate::ledger::customer::read_customer) uses. Anything those would report,
//! and anything this reader declines (a repeated or unknown field, a key written with an escape,
//! a balance item naming its currency, the journal of an earlier version), answers `None`: the
//! caller then parses the text and reads it with every issue at its path. So a customer read here
//! is the customer the general reader reads from the same text.

use crate::checkout::item::{self, MAX_ITEMS};
use crate::input::fields::text_rule;

use crate::input::reader::{element_texts, Reader};
use crate::input::shared::Spans;
use crate::ledger::customer::{
    Customer, Limit, Status, CUSTOMER_FIELDS, FUNDS_BOUNDS, LIMIT_FIELDS, MAX_ID_LEN,
    MAX_RETRY_DAY, MAX_SCHEDULE, MAX_VERSION,
};
use crate::ledger::idempotency;
use crate::ledger::journal::LastPayment;
use crate::money::amount;
use crate::money::currency::Currency;
use crate::money::rounding::{rescale, Rounding};
use crate::time::stamp::Stamp;
use rust_decimal::Decimal;

/// The customers of `text` (a JSON array of them, as `previewSettlements` takes), each read by
/// [`read_customer_text`], or `None` when any of them (or the array) is for the general reader.
pub fn read_customers_text(text: &str) -> Option<Vec<Customer>> {
    element_texts(text)?
        .into_iter()
        .map(|t| Some(read_customer_text(t)?.0))
        .collect()
}

/// The customer of `text`, or `None` for the general reader to read (and report); with where
/// each of its balance items and key records is in the text (for the answers that share them).
pub fn read_customer_text(text: &str) -> Option<(Customer, Spans)> {
    let mut spans = Spans::default();
    let mut r = Reader::new(text);
    let (mut id, mut currency, mut status) = (None, None, Status::Created);
    let mut balance = Vec::new();
    let mut version = 0;
    // Read once the currency is known (it may come later in the text).
    let mut keys = Vec::new();
    let (mut total, mut limit, mut schedule, mut last_payment) = (None, None, None, None);
    r.members_of(CUSTOMER_FIELDS, |r, key| {
        match key {
            "balance" => {
                r.elements_spanned(&mut spans[0], |r| {
                    if balance.len() == MAX_ITEMS {
                        return None;
                    }
                    balance.push(item::read_item_text(r)?);
                    Some(())
                })?;
            }
            "id" => {
                let s = r.str()?;
                if s.is_empty() || text_rule(&s, MAX_ID_LEN).is_some() {
                    return None;
                }
                id = Some(s.into_owned());
            }
            "currency" => currency = Some(Currency::parse(&r.str()?)?),
            "status" => status = Status::parse(&r.str()?)?,
            "version" => version = r.u64().filter(|&n| n <= MAX_VERSION)?,
            "total" => total = Some(amount::read_bounded(r, FUNDS_BOUNDS)?),
            "limit" => limit = Some(read_limit_text(r)?),
            "schedule" => schedule = Some(read_schedule_text(r)?),
            "idempotency_keys" => keys = idempotency::read_records_text(r, &mut spans[1])?,
            "last_payment" => last_payment = Some(read_last_payment_text(r)?),
            // The journal of an earlier version: the general reader migrates it.
            _ => return None,
        }
        Some(())
    })?;
    if !r.at_end() {
        return None;
    }
    let currency = currency?;
    let scale = currency.minor_units();
    let funds = |d: Decimal| {
        (d >= Decimal::ZERO).then_some(())?;
        rescale(d.mantissa(), d.scale(), scale, Rounding::Exact)
    };
    let customer = Customer {
        id: id?,
        currency,
        balance,
        total: match total {
            None => 0,
            Some(d) => funds(d)?,
        },
        status,
        limit: match limit {
            None => None,
            Some([hard, soft, margin]) => {
                let read = |d: Option<Decimal>| d.map(funds).map_or(Some(None), |f| f.map(Some));
                Some(Limit {
                    hard: read(hard)?,
                    soft: read(soft)?,
                    margin: read(margin)?,
                })
            }
        },
        schedule,
        version,
        keys,
        last_payment: match last_payment {
            None => None,
            Some((at, at_text, amount)) => Some(LastPayment {
                at,
                at_text,
                amount: rescale(amount.mantissa(), amount.scale(), scale, Rounding::Exact)
                    .filter(|&a| a > 0)?,
            }),
        },
    };
    Some((customer, spans))
}

/// A limit as [`read_limit`](crate::ledger::customer::read_limit) reads it, its funds as read
/// (`[hard, soft, margin]`, checked against the currency once it is known): an object of those
/// fields (a margin only with a hard limit), or an amount, the hard limit.
fn read_limit_text(r: &mut Reader) -> Option<[Option<Decimal>; 3]> {
    if r.next_byte()? != b'{' {
        return Some([Some(amount::read_bounded(r, FUNDS_BOUNDS)?), None, None]);
    }
    let mut limit = [None; 3];
    r.members_of(LIMIT_FIELDS, |r, key| {
        let field = limit.get_mut(LIMIT_FIELDS.iter().position(|&f| f == key)?)?;
        *field = Some(amount::read_bounded(r, FUNDS_BOUNDS)?);
        Some(())
    })?;
    let [hard, _, margin] = limit;
    (margin.is_none() || hard.is_some()).then_some(limit)
}

/// A last payment as [`read_last_payment`](crate::ledger::journal::read_last_payment) reads it:
/// `{ at, amount }`, both required (the amount checked against the currency once it is known).
fn read_last_payment_text(r: &mut Reader) -> Option<(Stamp, String, Decimal)> {
    let (mut at, mut amount) = (None, None);
    r.members_of(&["at", "amount"], |r, key| match key {
        "at" => {
            let text = r.str()?;
            at = Some((Stamp::parse(&text)?, text.into_owned()));
            Some(())
        }
        _ => {
            amount = Some(amount::read(r)?);
            Some(())
        }
    })?;
    let (at, text) = at?;
    Some((at, text, amount?))
}

/// A schedule as [`read_schedule`](crate::ledger::customer::read_schedule) reads it.
fn read_schedule_text(r: &mut Reader) -> Option<Vec<u32>> {
    let mut days = Vec::new();
    r.elements(|r| {
        if days.len() == MAX_SCHEDULE {
            return None;
        }
        let day = r.u64().filter(|n| (1..=MAX_RETRY_DAY).contains(n))?;
        days.push(u32::try_from(day).ok()?);
        Some(())
    })?;
    Some(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::issue::Path;
    use crate::ledger::customer::read_customer;

    /// The general reader's customer, or `None` when it reports anything.
    fn general(text: &str) -> Option<Customer> {
        let value = crate::input::reader::parse(text).ok()?;
        read_customer(&value, &Path::root()).ok()
    }

    #[test]
    fn reads_what_the_general_reader_reads_or_declines() {
        let item = r#"{"number":"7310865004703","name":"Bryggkaffe 450 g","price":"64.90","quantity":"1","unit":"st","vat":"6.95"}"#;
        let keys = r#"[{"key":"k1","fingerprint":null,"at":"2026-11-23T07:00:00Z","versions":[1]},{"at":"2026-11-23T08:00:00+01:00","key":"k2","versions":[],"fingerprint":"sha256:8ef6a4d87c8e26975943029167089c96a19fcd7fa98b52356d9788e886f1e58f"}]"#;
        let texts = [
            format!(
                r#"{{"id":"c1","currency":"SEK","balance":[{item},{item}],"total":"12.50","status":"active","limit":{{"hard":"500.00","soft":"200"}},"schedule":[1,3],"version":20,"idempotency_keys":{keys},"last_payment":{{"at":"2026-11-23T07:00:00Z","amount":"10.00"}}}}"#
            ),
            r#"{"currency":"sek","id":"c1","total":12.5,"limit":100,"version":0}"#.to_owned(),
            r#" { "id" : "c1" , "currency" : "SEK" , "balance" : [ ] } "#.to_owned(),
            r#"{"id":"c1","currency":"SEK","balance":[{"price":1e2,"quantity":"0.5","rebate":"1"}]}"#.to_owned(),
            // Each refused or declined.
            r#"{"id":"c1","currency":"SEK","id":"c2"}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","extra":1}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","total":-1}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","total":"0.001"}"#.to_owned(),
            r#"{"id":"","currency":"SEK"}"#.to_owned(),
            r#"{"id":"c1","currency":"XXX"}"#.to_owned(),
            r#"{"id":"c1"}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","status":"gone"}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","version":1.5}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","version":9007199254740992}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","balance":[{"price":"1","vat":"2","rebate":"3"}]}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","balance":[{"quantity":"1"}]}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","balance":[{"price":"1","price":"2"}]}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","balance":[{"price":"1","currency":"SEK"}]}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","balance":[{"price":"1","name":"a\u0001"}]}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","limit":{"margin":"1"}}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","schedule":[0]}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","idempotency_keys":[{"key":""}]}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","idempotency_keys":[{"key":"k","fingerprint":null,"at":"2026-11-23T07:00:00Z","versions":[0]}]}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","idempotency_keys":[{"key":"k","fingerprint":"sha256:1","at":"2026-11-23T07:00:00Z","versions":[1]}]}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","idempotency_keys":[{"key":"k","fingerprint":null,"at":"yesterday","versions":[1]}]}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","idempotency_keys":[{"key":"k","fingerprint":null,"at":"2026-11-23T07:00:00Z","entries":[]}]}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","journal":[]}"#.to_owned(),
            r#"{"id":"c1","currency":"SEK"} x"#.to_owned(),
            r#"{"id":"c1","currency":"SEK","balance":[1]}"#.to_owned(),
            r#"{"\u0069d":"c1","currency":"SEK"}"#.to_owned(),
            format!(r#"{{"id":"c1","currency":"SEK","idempotency_keys":{}1{}}}"#, "[".repeat(70), "]".repeat(70)),
            "[]".to_owned(),
        ];
        let mut read = 0;
        for text in &texts {
            let fast = read_customer_text(text).map(|(c, _)| c);
            if let Some(c) = &fast {
                read += 1;
                assert_eq!(Some(c), general(text).as_ref(), "{text}");
            }
            // Declined only where the general reader reports, or for what is declined on purpose.
            if fast.is_none() && general(text).is_some() {
                assert!(
                    [
                        "\\u0069d",
                        r#""journal""#,
                        r#""currency":"SEK"}]"#,
                        r#""id":"c2""#,
                        r#""price":"2""#,
                        r#""entries":[]"#,
                    ]
                    .iter()
                    .any(|declined| text.contains(declined)),
                    "declined a valid customer: {text}"
                );
            }
        }
        assert_eq!(read, 4);
    }

    #[test]
    fn reads_the_customers_the_answers_write() {
        use crate::ledger::charge::charge_balance;
        let mut c = crate::input::reader::parse(
            r#"{"id":"c1","currency":"SEK","status":"active","schedule":[1,3],"limit":{"hard":50000,"soft":20000}}"#,
        )
        .unwrap();
        for i in 0..25 {
            let body = crate::input::reader::parse(&format!(
                r#"{{"number":"A-{i}","name":"Kaffe {i}","price":{}.5,"quantity":0.25,"unit":"kg","vat":1.5}}"#,
                10 + i
            ))
            .unwrap();
            let options = crate::input::reader::parse(&format!(
                r#"{{"now":"2026-11-23T10:{i:02}:00Z","idempotency_key":"k{i}"}}"#
            ))
            .unwrap();
            let charged = charge_balance(&c, &body, &options).unwrap();
            let text = crate::input::writer::to_string(&charged.customer).unwrap();
            let fast = read_customer_text(&text).map(|(c, _)| c);
            assert!(fast.is_some(), "{text}");
            assert_eq!(fast, general(&text));
            c = crate::input::reader::parse(&text).unwrap();
        }
    }
}
