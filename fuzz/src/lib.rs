//! What the fuzz targets share: a JSON-like value built from the fuzzer's bytes, biased toward the
//! shapes and field names the api reads (items, customers, orders, options) and toward amount-like
//! numbers and strings, written out as text; raw text as well; and the check every answer must
//! pass (a well-formed envelope whose error, if any, has a known code and says something).

use arbitrary::{Arbitrary, Result, Unstructured};
use serde_json::Value;

/// Whether a code is one the core declares (its own list, so this cannot drift).
pub fn known_code(code: &str) -> bool {
    balance_ledger::Code::ALL.iter().any(|c| c.as_str() == code)
}

const KEYS: &[&str] = &[
    "number",
    "name",
    "price",
    "quantity",
    "unit",
    "vat",
    "rebate",
    "currency",
    "id",
    "balance",
    "total",
    "status",
    "limit",
    "hard",
    "soft",
    "margin",
    "schedule",
    "journal",
    "items",
    "customer",
    "payment",
    "type",
    "charge",
    "now",
    "idempotency_key",
    "detail",
    "kind",
    "at",
    "amount",
    "__proto__",
    "constructor",
    "prototype",
    // The bridge's tag for what JSON cannot carry (NaN, BigInt, …).
    "\u{0}js",
];

const WORDS: &[&str] = &[
    "SEK",
    "sek",
    "752",
    "JPY",
    "BHD",
    "EUR",
    "USD",
    "XXX",
    "XTS",
    "ZZZ",
    "",
    " ",
    "created",
    "active",
    "pending",
    "inactive",
    "suspended",
    "success",
    "failure",
    "customer",
    "private",
    "me",
    "all",
    "full",
    "summary",
    "balance",
    "c1",
    "o1",
    "k1",
    "2026-11-23T10:00:00Z",
    "2026-11-23T10:00:00+01:00",
    "2026-02-30T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "0000-01-01T00:00:00Z",
    "2026-11-23",
    "2026-11-23T10:00:00",
    "12,50",
    "0x10",
    "1e",
    "1e400",
    "-1e400",
    "1e-400",
    "\u{661}\u{662}",
    "\u{ff11}\u{ff12}",
    "-0",
    "+1",
    "1_000",
    ".5",
    "5.",
    "NaN",
    "Infinity",
    "-Infinity",
    "bigint",
    "symbol",
    "function",
    "undefined",
    "0.0000001",
    "1000000000000",
    "1000000000000.000001",
    "999999999999.999999",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "\u{0}",
    "\u{7f}",
    "\u{202e}",
    "\u{fffd}",
];

thread_local! {
    /// How wild the argument being built is: 0 well-formed throughout, 1 now and then a bad
    /// value, 2 and more as often as `rarely` says. Drawn once per argument, so a valid customer
    /// (every field right at once) is as likely as a broken one.
    static CHAOS: std::cell::Cell<u32> = const { std::cell::Cell::new(2) };
}

/// True about once in `n` times (scaled by the argument's chaos), and false when the fuzzer's
/// bytes run out (where `Unstructured::ratio` says true), so short inputs build well-formed values.
fn rarely(u: &mut Unstructured, n: u32) -> Result<bool> {
    let n = match CHAOS.get() {
        0 => return Ok(false),
        1 => n * 8,
        _ => n,
    };
    Ok(u.int_in_range(1..=n)? == n)
}

fn draw_chaos(u: &mut Unstructured) -> Result<()> {
    CHAOS.set(u.int_in_range(0..=3)?);
    Ok(())
}

/// One argument as an api function receives it: JSON text built from a structured value (mostly),
/// or any text at all.
#[derive(Debug)]
pub enum Arg {
    Json(Json),
    Text(String),
}

impl<'a> Arbitrary<'a> for Arg {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        draw_chaos(u)?;
        Ok(if rarely(u, 12)? {
            Arg::Text(u.arbitrary()?)
        } else {
            Arg::Json(Json::arbitrary(u)?)
        })
    }
}

impl Arg {
    pub fn text(&self) -> String {
        match self {
            Arg::Json(j) => j.text(),
            Arg::Text(t) => t.clone(),
        }
    }
}

/// A JSON value; numbers and strings keep the exact text they are written with.
#[derive(Debug, Clone)]
pub enum Json {
    Null,
    Bool(bool),
    /// The text of a JSON number (`-0`, `1e400`, `0.1` …).
    Number(String),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
    /// `depth` brackets around a value, to exercise the depth guard.
    Deep(u32, Box<Json>),
}

const MAX_DEPTH: u32 = 6;

impl<'a> Arbitrary<'a> for Json {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        value(u, 0)
    }
}

/// Any value, weighted toward the shapes the api reads.
pub fn value(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let pick: u8 = if depth >= MAX_DEPTH {
        u.int_in_range(0..=5)?
    } else {
        u.int_in_range(0..=15)?
    };
    Ok(match pick {
        0 => Json::Null,
        1 => Json::Bool(u.arbitrary()?),
        2 | 3 => Json::Number(number(u)?),
        4 => Json::Str(string(u)?),
        5 => Json::Str(amount_text(u)?),
        6 => Json::Array(list(u, depth, 6)?),
        7 => object(u, depth, KEYS)?,
        8 | 9 => item(u, depth)?,
        10 => Json::Array(items(u, depth)?),
        11 | 12 => customer(u, depth)?,
        13 => order(u, depth)?,
        14 => options(u, depth)?,
        _ => Json::Deep(u.int_in_range(1..=200)?, Box::new(value(u, MAX_DEPTH)?)),
    })
}

fn list(u: &mut Unstructured, depth: u32, max: usize) -> Result<Vec<Json>> {
    let n = u.int_in_range(0..=max)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        if u.is_empty() {
            break;
        }
        out.push(value(u, depth + 1)?);
    }
    Ok(out)
}

fn key(u: &mut Unstructured, keys: &[&str]) -> Result<String> {
    Ok(if rarely(u, 8)? {
        u.arbitrary()?
    } else {
        (*u.choose(keys)?).to_string()
    })
}

fn object(u: &mut Unstructured, depth: u32, keys: &[&str]) -> Result<Json> {
    let n = u.int_in_range(0..=keys.len().min(8))?;
    let mut fields = Vec::with_capacity(n);
    for _ in 0..n {
        if u.is_empty() {
            break;
        }
        fields.push((key(u, keys)?, value(u, depth + 1)?));
    }
    Ok(Json::Object(fields))
}

/// A field whose value is usually of the kind it should be and sometimes anything.
fn field(u: &mut Unstructured, depth: u32, good: Json) -> Result<Json> {
    if rarely(u, 12)? {
        value(u, depth + 1)
    } else {
        Ok(good)
    }
}

/// Fields in the given order, each present with its odds in 16 (required ones nearly always),
/// plus now and then a stray key.
fn shaped(u: &mut Unstructured, depth: u32, fields: Vec<(&str, Json, u8)>) -> Result<Json> {
    let mut out = Vec::new();
    for (name, good, odds) in fields {
        if u.ratio(odds, 16)? {
            let v = field(u, depth, good)?;
            out.push((name.to_string(), v));
        }
    }
    if rarely(u, 32)? {
        out.push((key(u, KEYS)?, value(u, depth + 1)?));
    }
    Ok(Json::Object(out))
}

fn amount(u: &mut Unstructured) -> Result<Json> {
    Ok(if u.arbitrary()? {
        Json::Number(number(u)?)
    } else {
        Json::Str(amount_text(u)?)
    })
}

pub fn item(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        ("number", Json::Str(short(u)?), 6),
        ("name", Json::Str(short(u)?), 6),
        ("price", amount(u)?, 15),
        ("quantity", amount(u)?, 8),
        ("unit", Json::Str(short(u)?), 4),
        ("vat", amount(u)?, 8),
        ("rebate", amount(u)?, 4),
        // Only balance items carry a currency; elsewhere it is an unknown field.
        ("currency", one_of(u, CURRENCIES)?, 1),
    ];
    shaped(u, depth, fields)
}

fn items(u: &mut Unstructured, depth: u32) -> Result<Vec<Json>> {
    let n = u.int_in_range(0..=8)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        if u.is_empty() {
            break;
        }
        out.push(if rarely(u, 8)? {
            amount(u)?
        } else {
            item(u, depth + 1)?
        });
    }
    Ok(out)
}

fn word(u: &mut Unstructured) -> Result<Json> {
    Ok(Json::Str((*u.choose(WORDS)?).to_string()))
}

/// Mostly one of the values a field takes, now and then any word.
fn one_of(u: &mut Unstructured, good: &[&str]) -> Result<Json> {
    Ok(if rarely(u, 8)? {
        word(u)?
    } else {
        Json::Str((*u.choose(good)?).to_string())
    })
}

const CURRENCIES: &[&str] = &[
    "SEK", "SEK", "SEK", "JPY", "BHD", "EUR", "752", "sek", "CLF",
];
const STATUSES: &[&str] = &[
    "active",
    "active",
    "created",
    "pending",
    "inactive",
    "suspended",
];
const TIMES: &[&str] = &[
    "2026-11-23T10:00:00Z",
    "2026-11-23T10:00:00+01:00",
    "2026-02-28T23:59:59-05:00",
    "2024-02-29T00:00:00Z",
];

pub fn customer(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let limit = if u.arbitrary()? {
        amount(u)?
    } else {
        let fields = vec![
            ("hard", amount(u)?, 10),
            ("soft", amount(u)?, 6),
            ("margin", amount(u)?, 4),
        ];
        shaped(u, depth + 1, fields)?
    };
    let mut schedule = Vec::new();
    for _ in 0..u.int_in_range(0..=4)? {
        schedule.push(Json::Number(if rarely(u, 8)? {
            number(u)?
        } else {
            u.int_in_range(1u32..=30)?.to_string()
        }));
    }
    let journal = if rarely(u, 8)? {
        let mut entries = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            entries.push(object(u, depth + 1, KEYS)?);
        }
        entries
    } else {
        Vec::new()
    };
    let fields = vec![
        (
            "id",
            if rarely(u, 8)? {
                Json::Str(short(u)?)
            } else {
                one_of(u, &["c1", "c1", "c2"])?
            },
            15,
        ),
        ("currency", one_of(u, CURRENCIES)?, 15),
        ("balance", Json::Array(items(u, depth + 1)?), 12),
        ("total", amount(u)?, 10),
        ("status", one_of(u, STATUSES)?, 12),
        ("limit", limit, 4),
        ("schedule", Json::Array(schedule), 6),
        ("journal", Json::Array(journal), 4),
    ];
    shaped(u, depth, fields)
}

pub fn order(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let payment = vec![
        ("type", Json::Str("customer".into()), 15),
        ("charge", Json::Str("balance".into()), 15),
    ];
    let payment = shaped(u, depth + 1, payment)?;
    let body = if u.arbitrary()? {
        Json::Array(items(u, depth + 1)?)
    } else {
        amount(u)?
    };
    let fields = vec![
        ("number", Json::Str(short(u)?), 15),
        ("items", body, 15),
        ("currency", one_of(u, CURRENCIES)?, 15),
        ("customer", Json::Str("c1".into()), 15),
        ("payment", payment, 15),
    ];
    shaped(u, depth, fields)
}

pub fn options(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        ("now", one_of(u, TIMES)?, 15),
        ("idempotency_key", Json::Str(short(u)?), 6),
        ("number", Json::Str(short(u)?), 4),
        ("detail", one_of(u, &["full", "summary"])?, 4),
        ("currency", one_of(u, CURRENCIES)?, 4),
    ];
    shaped(u, depth, fields)
}

fn short(u: &mut Unstructured) -> Result<String> {
    Ok(if rarely(u, 3)? {
        u.arbitrary()?
    } else {
        (*u.choose(WORDS)?).to_string()
    })
}

fn string(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=3)? {
        0 => u.arbitrary()?,
        // Long strings probe the length limits of each field.
        1 => {
            let c: char = u.arbitrary()?;
            std::iter::repeat_n(c, u.int_in_range(0..=300)?).collect()
        }
        _ => (*u.choose(WORDS)?).to_string(),
    })
}

/// Digits with a decimal point somewhere: the kind of text amounts are written in.
pub fn decimal(u: &mut Unstructured) -> Result<String> {
    let (mantissa, scale): (u64, u32) = if !rarely(u, 4)? {
        (u.int_in_range(0..=100_000)?, u.int_in_range(0..=2)?)
    } else {
        match u.int_in_range(0..=2)? {
            0 => (u.int_in_range(0..=10_000_000)?, u.int_in_range(0..=6)?),
            1 => (
                u.int_in_range(0..=1_000_000_000_000_000_000)?,
                u.int_in_range(0..=8)?,
            ),
            _ => (u.arbitrary()?, u.int_in_range(0..=8)?),
        }
    };
    let digits = mantissa.to_string();
    let scale = scale as usize;
    let text = if scale == 0 {
        digits
    } else if digits.len() > scale {
        let (a, b) = digits.split_at(digits.len() - scale);
        format!("{a}.{b}")
    } else {
        format!("0.{}{digits}", "0".repeat(scale - digits.len()))
    };
    Ok(if rarely(u, 16)? {
        format!("-{text}")
    } else {
        text
    })
}

/// The text of a JSON number.
pub fn number(u: &mut Unstructured) -> Result<String> {
    if !rarely(u, 3)? {
        return decimal(u);
    }
    Ok(match u.int_in_range(0..=3)? {
        0 => u.arbitrary::<i64>()?.to_string(),
        1 => {
            let f: f64 = u.arbitrary()?;
            if f.is_finite() {
                format!("{f:?}")
            } else {
                "0".into()
            }
        }
        2 => (*u.choose(&[
            "-0",
            "0",
            "1e308",
            "-1e308",
            "1e400",
            "5e-324",
            "1E-7",
            "0.1",
            "1e12",
            "1e9",
            "1e-6",
            "1.0000000000000001",
            "123456789012345678901234567890",
            "1e+2",
            "0.000001",
            "1000000000000.0000001",
        ])?)
        .to_string(),
        _ => format!("{}e{}", decimal(u)?, u.int_in_range(-30i32..=30)?),
    })
}

/// An amount as a string: mostly decimal text, sometimes one of the near misses.
fn amount_text(u: &mut Unstructured) -> Result<String> {
    Ok(if !rarely(u, 4)? {
        decimal(u)?
    } else {
        (*u.choose(WORDS)?).to_string()
    })
}

/// One argument of a known shape: mostly the shaped value its generator builds, sometimes any
/// value, now and then any text, so each function's valid path is reached and its refusals too.
#[macro_export]
macro_rules! shaped_arg {
    ($(#[$doc:meta])* $name:ident, $build:path) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name(pub $crate::Arg);

        impl<'a> arbitrary::Arbitrary<'a> for $name {
            fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
                $crate::shaped_or_any(u, $build).map($name)
            }
        }

        impl $name {
            pub fn text(&self) -> String {
                self.0.text()
            }
        }
    };
}

#[doc(hidden)]
pub fn shaped_or_any(
    u: &mut Unstructured,
    build: fn(&mut Unstructured, u32) -> Result<Json>,
) -> Result<Arg> {
    draw_chaos(u)?;
    Ok(if rarely(u, 16)? {
        Arg::Text(u.arbitrary()?)
    } else if rarely(u, 8)? {
        Arg::Json(value(u, 0)?)
    } else {
        Arg::Json(build(u, 0)?)
    })
}

shaped_arg!(CreditRequestArg, credit_request);
shaped_arg!(CreditOptionsArg, credit_options);
shaped_arg!(CreditArg, credit);
shaped_arg!(CreditStatusArg, credit_status);
shaped_arg!(AtOptionsArg, at_options);
shaped_arg!(InstantArg, instant);
shaped_arg!(VersionOptionsArg, version_options);
shaped_arg!(ListItemsArg, list_items);
shaped_arg!(ListOptionsArg, list_options);
shaped_arg!(DateArg, date);
shaped_arg!(CashStateArg, cash_state);
shaped_arg!(CashTransactionArg, cash_transaction);
shaped_arg!(CashTransactionsArg, cash_transactions);
shaped_arg!(CashSettingsArg, cash_settings);
shaped_arg!(CustomerIdArg, customer_id);
shaped_arg!(CashPaymentArg, cash_payment);
shaped_arg!(ReconcileRequestArg, reconcile_request);
shaped_arg!(CustomerArg, customer);
shaped_arg!(AccountExtrasArg, account_extras);
shaped_arg!(CurrencyArg, currency_arg);
shaped_arg!(ScaleArg, scale);

/// A whole number: mostly small and positive, sometimes an edge.
fn integer(u: &mut Unstructured) -> Result<Json> {
    Ok(Json::Number(if !rarely(u, 6)? {
        u.int_in_range(1u32..=100_000)?.to_string()
    } else {
        match u.int_in_range(0..=2)? {
            0 => u.arbitrary::<i64>()?.to_string(),
            1 => (*u.choose(&[
                "0",
                "-1",
                "-0",
                "1.5",
                "1e3",
                "9007199254740991",
                "9007199254740992",
                "-9007199254740991",
                "100000000",
                "2147483648",
            ])?)
            .to_string(),
            _ => number(u)?,
        }
    }))
}

fn text_of(u: &mut Unstructured, good: &[&str]) -> Result<Json> {
    Ok(if rarely(u, 6)? {
        Json::Str(string(u)?)
    } else {
        Json::Str((*u.choose(good)?).to_string())
    })
}

const INSTANTS: &[&str] = &[
    "2012-10-31T16:40:12.425960Z",
    "2026-11-23T10:00:00Z",
    "2026-11-23T10:00:00+01:00",
    "2026-11-27T23:59:59-08:00",
    "2026-03-08T02:30:00-08:00",
    "2026-11-01T01:30:00-07:00",
    "2026-12-31T23:00:00-05:00",
    "2024-02-29T12:00:00+14:00",
    "2026-07-04T00:00:00-12:00",
    "2026-11-23T10:00:00.123+05:30",
];

/// An ISO 8601 instant with an offset: a known one, or one built from parts (now and then broken).
pub fn instant(u: &mut Unstructured, _depth: u32) -> Result<Json> {
    if u.arbitrary()? {
        return one_of(u, INSTANTS);
    }
    let year = if rarely(u, 8)? {
        u.int_in_range(0..=9999)?
    } else {
        u.int_in_range(1990..=2040)?
    };
    let (month, day) = (u.int_in_range(1..=12u32)?, u.int_in_range(1..=31u32)?);
    let (h, m, s) = (
        u.int_in_range(0..=23u32)?,
        u.int_in_range(0..=59u32)?,
        u.int_in_range(0..=59u32)?,
    );
    let frac = match u.int_in_range(0..=3)? {
        0 => format!(".{}", u.int_in_range(0..=999_999u32)?),
        _ => String::new(),
    };
    let offset = match u.int_in_range(0..=3)? {
        0 => "Z".to_string(),
        1 => "-08:00".into(),
        2 => "-07:00".into(),
        _ => {
            let h: i32 = u.int_in_range(-14..=14)?;
            format!(
                "{}{:02}:{:02}",
                if h < 0 { '-' } else { '+' },
                h.abs(),
                *u.choose(&[0, 30, 45])?
            )
        }
    };
    let offset = if rarely(u, 16)? {
        String::new()
    } else {
        offset
    };
    Ok(Json::Str(format!(
        "{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}{frac}{offset}"
    )))
}

/// A `YYYY-MM-DD` date, around the US federal holidays now and then.
pub fn date(u: &mut Unstructured, _depth: u32) -> Result<Json> {
    if rarely(u, 6)? {
        return one_of(
            u,
            &[
                "2026-11-26",
                "2026-12-25",
                "2027-07-05",
                "2026-02-29",
                "0000-01-01",
                "9999-12-31",
                "2026-1-1",
                "2026-11-23T00:00:00Z",
            ],
        );
    }
    let year = if rarely(u, 8)? {
        u.int_in_range(0..=9999)?
    } else {
        u.int_in_range(1990..=2060)?
    };
    let (month, day) = (u.int_in_range(1..=12u32)?, u.int_in_range(1..=31u32)?);
    Ok(Json::Str(format!("{year:04}-{month:02}-{day:02}")))
}

pub fn bank_account(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        (
            "name",
            text_of(u, &["Fit Finlay", "Johann Bernoulli", ""])?,
            14,
        ),
        (
            "routing_number",
            text_of(
                u,
                &[
                    "325182797",
                    "011000015",
                    "121000358",
                    "325182798",
                    "32518279",
                ],
            )?,
            14,
        ),
        (
            "account_number",
            text_of(u, &["4444", "9900000001", "0", "12345678901234567890"])?,
            14,
        ),
        ("type", one_of(u, &["checking", "savings", "CHECKING"])?, 12),
    ];
    shaped(u, depth + 1, fields)
}

fn meta(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let mut fields = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        let k = text_of(u, &["my-id", "order", "x"])?;
        let Json::Str(k) = k else { continue };
        let v = if rarely(u, 6)? {
            value(u, depth + 1)?
        } else {
            text_of(u, &["0987654321", "", "abc"])?
        };
        fields.push((k, v));
    }
    Ok(Json::Object(fields))
}

/// A credit request: `{ amount, description?, meta?, appears_on_statement_as?, destination_uri?,
/// bank_account? }`.
pub fn credit_request(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let amount = if u.ratio(3, 4)? {
        integer(u)?
    } else {
        amount(u)?
    };
    let fields = vec![
        ("amount", amount, 15),
        ("description", text_of(u, &["my new description", ""])?, 5),
        ("meta", meta(u, depth + 1)?, 5),
        (
            "appears_on_statement_as",
            text_of(u, &["Fit Finlay", "ACME*ORDER 1", "a\u{e9}b", "<>"])?,
            5,
        ),
        (
            "destination_uri",
            text_of(
                u,
                &[
                    "/v1/bank_accounts/BA1",
                    "/v1/marketplaces/MP1/bank_accounts/BA2",
                    "x",
                ],
            )?,
            3,
        ),
        ("bank_account", bank_account(u, depth + 1)?, 5),
    ];
    shaped(u, depth, fields)
}

pub fn credit_options(u: &mut Unstructured, depth: u32) -> Result<Json> {
    if rarely(u, 4)? {
        return Ok(Json::Null);
    }
    let fields = vec![
        ("version", one_of(u, &["1", "1.1"])?, 12),
        ("minAmount", integer(u)?, 3),
        ("maxAmount", integer(u)?, 3),
        ("fee", integer(u)?, 3),
    ];
    shaped(u, depth, fields)
}

const CREDIT_STATES: &[&str] = &["pending", "succeeded", "failed", "cleared", "rejected"];
const V1_STATES: &[&str] = &["pending", "pending", "cleared", "rejected"];
const V11_STATES: &[&str] = &["pending", "pending", "succeeded", "failed"];

/// A credit as `validateCredit` answers it (v1 `state` or v1.1 `status`), some fields bent.
pub fn credit(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let v11 = u.arbitrary::<bool>()?;
    let mut fields = vec![
        (
            "version",
            Json::Str((if v11 { "1.1" } else { "1" }).into()),
            13,
        ),
        (
            if v11 { "status" } else { "state" },
            one_of(u, if v11 { V11_STATES } else { V1_STATES })?,
            16,
        ),
        ("amount", integer(u)?, 16),
        ("fee", integer(u)?, 15),
        ("description", Json::Null, 12),
        ("meta", meta(u, depth + 1)?, 12),
        ("appears_on_statement_as", Json::Null, 12),
        ("destination_uri", Json::Null, 12),
        ("bank_account", Json::Null, 12),
    ];
    if u.ratio(1, 3)? {
        fields.push(("created_at", instant(u, depth + 1)?, 15));
    }
    shaped(u, depth, fields)
}

pub fn credit_status(u: &mut Unstructured, _depth: u32) -> Result<Json> {
    one_of(u, CREDIT_STATES)
}

pub fn at_options(u: &mut Unstructured, depth: u32) -> Result<Json> {
    if rarely(u, 4)? {
        return Ok(Json::Null);
    }
    let fields = vec![("at", instant(u, depth + 1)?, 12)];
    shaped(u, depth, fields)
}

pub fn version_options(u: &mut Unstructured, depth: u32) -> Result<Json> {
    if rarely(u, 3)? {
        return Ok(Json::Null);
    }
    let fields = vec![("version", one_of(u, &["1", "1.1"])?, 12)];
    shaped(u, depth, fields)
}

/// Items of a list page: objects with a `created_at`, in any order.
pub fn list_items(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let n = u.int_in_range(0..=12)?;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        if u.is_empty() {
            break;
        }
        let fields = vec![
            ("id", Json::Str(format!("CR{i}")), 12),
            ("created_at", instant(u, depth + 2)?, 16),
            ("amount", integer(u)?, 8),
        ];
        out.push(if rarely(u, 12)? {
            value(u, depth + 1)?
        } else {
            shaped(u, depth + 1, fields)?
        });
    }
    Ok(Json::Array(out))
}

pub fn list_options(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let small = |u: &mut Unstructured| -> Result<Json> {
        Ok(if rarely(u, 6)? {
            integer(u)?
        } else {
            Json::Number(u.int_in_range(1u32..=15)?.to_string())
        })
    };
    let fields = vec![
        ("limit", small(u)?, 8),
        ("offset", small(u)?, 8),
        (
            "uri",
            text_of(
                u,
                &[
                    "/v1/marketplaces/TEST-MP2ujo21OwDxvn5lSWsLKana/credits",
                    "/v1/credits",
                ],
            )?,
            15,
        ),
    ];
    shaped(u, depth, fields)
}

const CASH_CURRENCIES: &[&str] = &["eur", "eur", "eur", "usd", "jpy", "gbp", "EUR"];
const CASH_TYPES: &[&str] = &[
    "funded",
    "funded",
    "applied_to_payment",
    "unapplied_from_payment",
    "refunded_from_payment",
    "adjusted_for_overdraft",
    "funding_reversed",
    "return_initiated",
    "return_canceled",
];

fn cash_id(u: &mut Unstructured, prefix: &str) -> Result<Json> {
    Ok(if rarely(u, 8)? {
        Json::Str(short(u)?)
    } else {
        Json::Str(format!("{prefix}_{}", u.int_in_range(0u8..=5)?))
    })
}

/// A whole amount in minor units: mostly of the given sign (1 positive, -1 negative, 0 either).
fn cash_amount(u: &mut Unstructured, sign: i64) -> Result<Json> {
    Ok(if rarely(u, 6)? {
        integer(u)?
    } else {
        let n: i64 = u.int_in_range(1..=10000)?;
        let n = match sign {
            0 if u.arbitrary()? => -n,
            -1 => -n,
            _ => n,
        };
        Json::Number(n.to_string())
    })
}

fn created(u: &mut Unstructured) -> Result<Json> {
    Ok(if rarely(u, 8)? {
        integer(u)?
    } else {
        Json::Number(
            u.int_in_range(1_690_829_000u32..=1_690_840_000)?
                .to_string(),
        )
    })
}

fn bank_transfer(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let kind = *u.choose(&[
        "eu_bank_transfer",
        "gb_bank_transfer",
        "jp_bank_transfer",
        "mx_bank_transfer",
        "us_bank_transfer",
    ])?;
    let name = text_of(u, &["Sample GmbH", "Jenny Rosen"])?;
    let detail = match kind {
        "eu_bank_transfer" => vec![
            ("bic", Json::Str("BANKDEAAXXX".into()), 6),
            ("iban_last4", Json::Str("7089".into()), 6),
            ("sender_name", name, 8),
        ],
        "gb_bank_transfer" => vec![
            ("account_number_last4", Json::Str("4242".into()), 6),
            ("sort_code", Json::Str("108800".into()), 6),
            ("sender_name", name, 8),
        ],
        "jp_bank_transfer" => vec![
            ("sender_bank", Json::Str("Sample Bank".into()), 6),
            ("sender_branch", Json::Str("Main".into()), 6),
            ("sender_name", name, 8),
        ],
        "us_bank_transfer" => vec![
            (
                "network",
                one_of(u, &["ach", "domestic_wire_us", "swift"])?,
                8,
            ),
            ("sender_name", name, 8),
        ],
        _ => vec![("sender_name", name, 8)],
    };
    let detail = shaped(u, depth + 2, detail)?;
    let fields = vec![
        ("type", Json::Str(kind.into()), 16),
        ("reference", text_of(u, &["Invoice 28278FC-155", ""])?, 10),
        (kind, detail, 10),
    ];
    shaped(u, depth + 1, fields)
}

/// A Stripe cash balance transaction: `{ id, type, currency, net_amount, created, <type details> }`.
pub fn cash_transaction(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let kind = *u.choose(CASH_TYPES)?;
    let details = match kind {
        "funded" => {
            let bt = bank_transfer(u, depth + 1)?;
            shaped(u, depth + 1, vec![("bank_transfer", bt, 15)])?
        }
        "applied_to_payment" | "unapplied_from_payment" => {
            let pi = cash_id(u, "pi")?;
            shaped(u, depth + 1, vec![("payment_intent", pi, 15)])?
        }
        "refunded_from_payment" => {
            let r = cash_id(u, "re")?;
            shaped(u, depth + 1, vec![("refund", r, 15)])?
        }
        _ => {
            let b = cash_id(u, "txn")?;
            let l = cash_id(u, "ccsbtxn")?;
            shaped(
                u,
                depth + 1,
                vec![
                    ("balance_transaction", b, 15),
                    ("linked_transaction", l, 15),
                ],
            )?
        }
    };
    let adds = matches!(
        kind,
        "funded"
            | "unapplied_from_payment"
            | "refunded_from_payment"
            | "return_canceled"
            | "adjusted_for_overdraft"
    );
    let has_detail = !matches!(
        kind,
        "funding_reversed" | "return_canceled" | "return_initiated"
    );
    let mut fields = vec![
        ("id", cash_id(u, "ccsbtxn")?, 16),
        (
            "object",
            Json::Str("customer_cash_balance_transaction".into()),
            2,
        ),
        ("type", one_of(u, &[kind])?, 16),
        ("currency", one_of(u, CASH_CURRENCIES)?, 16),
        ("net_amount", cash_amount(u, if adds { 1 } else { -1 })?, 16),
        ("created", created(u)?, 16),
        (kind, details, if has_detail { 15 } else { 1 }),
        ("livemode", Json::Bool(false), 1),
        ("customer", one_of(u, &["cus_1", "cus_2"])?, 2),
    ];
    if rarely(u, 4)? {
        fields.push(("ending_balance", cash_amount(u, 0)?, 15));
    }
    shaped(u, depth, fields)
}

pub fn cash_transactions(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let mut out = Vec::new();
    for _ in 0..u.int_in_range(0..=8)? {
        if u.is_empty() {
            break;
        }
        out.push(cash_transaction(u, depth + 1)?);
    }
    Ok(Json::Array(out))
}

pub fn cash_settings(u: &mut Unstructured, depth: u32) -> Result<Json> {
    if rarely(u, 3)? {
        return Ok(Json::Null);
    }
    let modes = &["automatic", "manual", "merchant_default"];
    let fields = vec![
        ("reconciliation_mode", one_of(u, modes)?, 12),
        ("merchant_default", one_of(u, &["automatic", "manual"])?, 4),
        ("using_merchant_default", Json::Bool(u.arbitrary()?), 3),
    ];
    shaped(u, depth, fields)
}

pub fn customer_id(u: &mut Unstructured, _depth: u32) -> Result<Json> {
    one_of(u, &["cus_9s6XKzkNRiz8i3", "cus_1"])
}

pub fn cash_payment(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        ("id", cash_id(u, "pi")?, 16),
        ("currency", one_of(u, CASH_CURRENCIES)?, 16),
        ("amount_remaining", cash_amount(u, 1)?, 16),
        ("created", created(u)?, 16),
    ];
    shaped(u, depth, fields)
}

pub fn reconcile_request(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        ("created", created(u)?, 15),
        ("currency", one_of(u, CASH_CURRENCIES)?, 6),
        ("payment_intent", cash_id(u, "pi")?, 6),
        ("amount", cash_amount(u, 1)?, 5),
    ];
    shaped(u, depth, fields)
}

fn currency_map(u: &mut Unstructured) -> Result<Json> {
    let mut out = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        let Json::Str(c) = one_of(u, CASH_CURRENCIES)? else {
            continue;
        };
        out.push((c.to_lowercase(), cash_amount(u, 1)?));
    }
    Ok(Json::Object(out))
}

/// A cash balance state as `applyCashTransaction` answers it.
pub fn cash_state(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let mut payments = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        payments.push(cash_payment(u, depth + 2)?);
    }
    let mut ids = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        ids.push(cash_id(u, "ccsbtxn")?);
    }
    let fields = vec![
        ("customer", customer_id(u, depth + 1)?, 16),
        ("livemode", Json::Bool(false), 2),
        ("settings", cash_settings(u, depth + 1)?, 6),
        ("available", currency_map(u)?, 8),
        ("overdrafts", Json::Object(Vec::new()), 2),
        ("open_payments", Json::Array(payments), 5),
        ("transaction_ids", Json::Array(ids), 5),
    ];
    shaped(u, depth, fields)
}

pub fn account_extras(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        ("request_tracking_id", text_of(u, &["234", "t", ""])?, 12),
        (
            "billing_name",
            text_of(u, &["FAIRPOINT COMMUNICATIONS INC ", ""])?,
            6,
        ),
        ("ivr_fee", amount(u)?, 6),
    ];
    shaped(u, depth, fields)
}

pub fn currency_arg(u: &mut Unstructured, _depth: u32) -> Result<Json> {
    one_of(u, CURRENCIES)
}

/// The `scale` of item columns: `null` (the defaults) or `{ price?, quantity?, vat?, rebate? }`.
pub fn scale(u: &mut Unstructured, depth: u32) -> Result<Json> {
    if u.arbitrary()? {
        return Ok(Json::Null);
    }
    let mut s = || -> Result<Json> {
        Ok(Json::Number(if rarely(u, 8)? {
            number(u)?
        } else {
            u.int_in_range(0u32..=6)?.to_string()
        }))
    };
    let fields = vec![
        ("price", s()?, 6),
        ("quantity", s()?, 6),
        ("vat", s()?, 6),
        ("rebate", s()?, 4),
    ];
    shaped(u, depth, fields)
}

impl Json {
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::Str(s) => out.push_str(&quote(s)),
            Json::Array(xs) => {
                out.push('[');
                for (i, x) in xs.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    x.write(out);
                }
                out.push(']');
            }
            Json::Object(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&quote(k));
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
            Json::Deep(n, inner) => {
                for i in 0..*n {
                    out.push_str(if i % 2 == 0 { "[" } else { "{\"items\":" });
                }
                inner.write(out);
                for i in (0..*n).rev() {
                    out.push(if i % 2 == 0 { ']' } else { '}' });
                }
            }
        }
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Fields only a cash balance state has. Not `customer` or `livemode`: a transaction has those too.
const STATE_ONLY: &[&str] = &[
    "/settings",
    "/available",
    "/overdrafts",
    "/open_payments",
    "/transaction_ids",
    "/transaction_count",
    "/recent_transactions",
    "/forgotten_through",
];

/// An argument to pass beside a state when checking the state is accepted: the same text without
/// the state's own fields at its top level, so that an issue under one of those can only be about
/// the state (issue paths of the cash functions are relative to each argument).
pub fn without_state_fields(text: String) -> String {
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(mut map)) => {
            for key in STATE_ONLY {
                map.shift_remove(key.trim_start_matches('/'));
            }
            Value::Object(map).to_string()
        }
        _ => text,
    }
}

/// Whether an answer refuses the cash balance state argument itself (an issue under one of the
/// state's own fields), as opposed to the transaction, payment or request beside it, which must
/// not have those fields (see [`without_state_fields`]).
pub fn state_refused(answer: &Value) -> bool {
    answer
        .pointer("/error/issues")
        .and_then(Value::as_array)
        .is_some_and(|issues| {
            issues.iter().any(|i| {
                let path = i["path"].as_str().unwrap_or_default();
                // The whole first segment: "/settingsX" is another field.
                STATE_ONLY.iter().any(|p| {
                    path.strip_prefix(p)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                })
            })
        })
}

/// Checks an answer envelope and returns it: `{"value": …}`, or `{"error": {code, message,
/// issues}}` with a known code other than `internal_error`, a message, and issues that each have a
/// JSON Pointer path, a known code and a message. Panics (a finding) otherwise.
pub fn check(answer: &str) -> Value {
    let v: Value = match serde_json::from_str(answer) {
        Ok(v) => v,
        Err(e) => panic!("answer is not JSON ({e}): {answer}"),
    };
    let Some(map) = v.as_object() else {
        panic!("answer is not an object: {answer}")
    };
    assert_eq!(map.len(), 1, "envelope has one key: {answer}");
    if let Some(err) = map.get("error") {
        let code = err["code"].as_str().unwrap_or_default();
        assert!(known_code(code), "unknown code {code:?}: {answer}");
        assert_ne!(code, "internal_error", "internal error: {answer}");
        assert!(
            !err["message"].as_str().unwrap_or_default().is_empty(),
            "error without message: {answer}"
        );
        let issues = err["issues"].as_array().expect("issues is an array");
        for issue in issues {
            let path = issue["path"].as_str().expect("issue path");
            assert!(
                path.is_empty() || path.starts_with('/'),
                "path is a JSON pointer: {answer}"
            );
            let code = issue["code"].as_str().unwrap_or_default();
            assert!(known_code(code), "unknown issue code {code:?}: {answer}");
            assert!(
                !issue["message"].as_str().unwrap_or_default().is_empty(),
                "issue without message: {answer}"
            );
        }
    } else {
        assert!(
            map.contains_key("value"),
            "envelope is value or error: {answer}"
        );
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator must reach the functions' valid paths, not only their refusals.
    #[test]
    fn structured_inputs_are_often_enough_valid() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut bytes = vec![0u8; 512];
        let (mut values, mut total) = (0, 0);
        let mut codes = std::collections::BTreeMap::new();
        for _ in 0..5000 {
            for b in bytes.iter_mut() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *b = state as u8;
            }
            let mut u = Unstructured::new(&bytes);
            draw_chaos(&mut u).unwrap();
            let Ok(customer) = super::customer(&mut u, 0) else {
                continue;
            };
            let Ok(body) = super::item(&mut u, 0) else {
                continue;
            };
            let answer = check(&balance_ledger::api::charge_balance(
                &customer.text(),
                &body.text(),
                r#"{"now":"2026-11-23T10:00:00Z"}"#,
            ));
            total += 1;
            values += usize::from(answer.get("value").is_some());
            if let Some(code) = answer.pointer("/error/issues/0/code") {
                *codes.entry(code.to_string()).or_insert(0) += 1;
            }
        }
        eprintln!("{values} of {total} charges valid; first issues: {codes:?}");
        assert!(values * 20 >= total, "{values} of {total} valid");
    }

    /// The same for the credit, list and cash balance generators: each reaches its valid path.
    #[test]
    fn shaped_arguments_are_often_enough_valid() {
        use balance_ledger::api;
        type Case = (&'static str, fn(&mut Unstructured) -> Result<String>);
        fn t(
            u: &mut Unstructured,
            f: fn(&mut Unstructured, u32) -> Result<Json>,
        ) -> Result<String> {
            draw_chaos(u)?;
            Ok(f(u, 0)?.text())
        }
        let cases: Vec<Case> = vec![
            ("validate_credit", |u| {
                let (r, o) = (t(u, credit_request)?, t(u, credit_options)?);
                Ok(api::validate_credit(&r, &o))
            }),
            ("transition_credit", |u| {
                let (c, s, o) = (t(u, credit)?, t(u, credit_status)?, t(u, at_options)?);
                Ok(api::transition_credit(&c, &s, &o))
            }),
            ("credit_schedule", |u| {
                let (c, o) = (t(u, instant)?, t(u, version_options)?);
                Ok(api::credit_schedule(&c, &o))
            }),
            ("list_page", |u| {
                let (i, o) = (t(u, list_items)?, t(u, list_options)?);
                Ok(api::list_page(&i, &o))
            }),
            ("is_business_day", |u| {
                Ok(api::is_business_day(&t(u, date)?))
            }),
            ("apply_cash_transaction", |u| {
                let (s, x) = (t(u, cash_state)?, t(u, cash_transaction)?);
                Ok(api::apply_cash_transaction(&s, &x))
            }),
            ("cash_balance", |u| {
                let (c, x, s) = (
                    t(u, customer_id)?,
                    t(u, cash_transactions)?,
                    t(u, cash_settings)?,
                );
                Ok(api::cash_balance(&c, &x, &s))
            }),
            ("add_cash_payment", |u| {
                let (s, p) = (t(u, cash_state)?, t(u, cash_payment)?);
                Ok(api::add_cash_payment(&s, &p))
            }),
            ("reconcile_cash_balance", |u| {
                let (s, r) = (t(u, cash_state)?, t(u, reconcile_request)?);
                Ok(api::reconcile_cash_balance(&s, &r))
            }),
            ("can_delete_customer", |u| {
                Ok(api::can_delete_customer(&t(u, cash_state)?))
            }),
            ("account_balance", |u| {
                let (c, x) = (t(u, customer)?, t(u, account_extras)?);
                Ok(api::account_balance(&c, &x))
            }),
        ];
        let mut low = Vec::new();
        for (name, call) in cases {
            let mut state = 0x2545_F491_4F6C_DD1Du64;
            let mut bytes = vec![0u8; 512];
            let (mut values, mut total) = (0, 0);
            let mut codes = std::collections::BTreeMap::new();
            for _ in 0..2000 {
                for b in bytes.iter_mut() {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    *b = state as u8;
                }
                let Ok(answer) = call(&mut Unstructured::new(&bytes)) else {
                    continue;
                };
                let answer = check(&answer);
                total += 1;
                values += usize::from(answer.get("value").is_some());
                let code = answer
                    .pointer("/error/issues/0")
                    .map(|i| format!("{}{}", i["path"], i["code"]))
                    .or(answer.pointer("/error/code").map(Value::to_string));
                if let Some(code) = code {
                    *codes.entry(code).or_insert(0) += 1;
                }
            }
            eprintln!("{name}: {values} of {total} valid; first issues: {codes:?}");
            if values * 20 < total {
                low.push(name);
            }
        }
        assert!(low.is_empty(), "under 5% valid: {low:?}");
    }
}

/// A cell of a column of the batch entries: integers mostly, any `f64` now and then.
pub fn column_cell(u: &mut Unstructured) -> Result<f64> {
    Ok(match u.int_in_range(0..=9)? {
        0 => u.arbitrary()?,
        1 => u.arbitrary::<i64>()? as f64,
        2 => *u.choose(&[
            -0.0,
            9_007_199_254_740_991.0,
            9_007_199_254_740_992.0,
            -9_007_199_254_740_991.0,
            0.5,
            f64::NAN,
            f64::INFINITY,
            1e300,
        ])?,
        3 => f64::from(u.int_in_range(0u32..=3)?),
        _ => f64::from(u.int_in_range(-100i32..=1_000_000)?),
    })
}

/// `n / 10^scale` as decimal text: a column cell written as the JSON entry would take it.
pub fn scaled_decimal(n: f64, scale: u32) -> String {
    let n = n as i64;
    let digits = n.unsigned_abs().to_string();
    let scale = scale as usize;
    let digits = format!("{digits:0>width$}", width = scale + 1);
    let (a, b) = digits.split_at(digits.len() - scale);
    let sign = if n < 0 { "-" } else { "" };
    if scale == 0 {
        format!("{sign}{a}")
    } else {
        format!("{sign}{a}.{b}")
    }
}
