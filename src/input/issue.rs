//! Problems found in input: each one with an RFC 6901 JSON Pointer, a stable code and a message.

use serde::Serialize;

/// Declares [`Code`], its JSON names and the list of all codes in one place, so they cannot drift.
macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident => $text:literal,)*) => {
        /// Stable, machine-readable words for what is wrong. Serialized in snake_case (`"not_finite"`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(
            feature = "ts",
            derive(ts_rs::TS),
            ts(export, rename = "IssueCode", rename_all = "snake_case")
        )]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        /// Written as its name: one string from the table of `as_str`, where the derive wrote a
        /// call per code (~1.2 KB of each module, measured with twiggy).
        impl Serialize for Code {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The code as it appears in JSON (`"not_finite"`): a slice of all the names written
            /// as one text, cut at the end offsets of a `u16` table built at compile time (a
            /// `match` compiled to a table of pointers and lengths, 8 bytes a code that gzip
            /// cannot shrink).
            pub fn as_str(self) -> &'static str {
                const TEXT: &str = concat!($($text,)*);
                // Evaluated at compile time, where an index out of range fails the build.
                const ENDS: [u16; Code::ALL.len()] = {
                    let lens = [$($text.len(),)*];
                    let mut ends = [0; Code::ALL.len()];
                    let (mut i, mut end) = (0, 0);
                    while i < lens.len() {
                        #[allow(clippy::indexing_slicing)]
                        {
                            end += lens[i];
                            ends[i] = end as u16;
                        }
                        i += 1;
                    }
                    ends
                };
                let i = self as usize;
                let start = match i.checked_sub(1) {
                    Some(before) => ENDS.get(before).copied().unwrap_or(0),
                    None => 0,
                };
                let end = ENDS.get(i).copied().unwrap_or(0);
                TEXT.get(usize::from(start)..usize::from(end)).unwrap_or_default()
            }
        }
    };
}

codes! {
    // Whole input
    /// The input text is larger than the function accepts.
    InputTooLarge => "input_too_large",
    /// Nesting deeper than the function accepts.
    InputTooDeep => "input_too_deep",
    /// The input could not be read (a throwing getter, a cycle, text that is not JSON).
    UnreadableInput => "unreadable_input",
    /// An array has more elements than the function accepts.
    TooManyItems => "too_many_items",
    /// An item body that is neither a positive number, an item nor a non-empty array of items.
    InvalidBody => "invalid_body",
    /// An array that must not be empty is empty.
    Empty => "empty",
    /// More problems than are reported; the list was cut.
    TooManyIssues => "too_many_issues",

    // Fields
    /// A required field is missing.
    Required => "required",
    /// A field the object does not have.
    UnknownField => "unknown_field",
    /// A value of the wrong JSON type (a string where a number goes, `null`, a BigInt, …).
    InvalidType => "invalid_type",
    /// A string too long for its field.
    TooLong => "too_long",
    /// A string with control characters or other characters its field does not allow.
    InvalidCharacters => "invalid_characters",

    // Amounts
    /// `NaN`, `Infinity` or `-Infinity`.
    NotFinite => "not_finite",
    /// An empty string where an amount goes.
    EmptyAmount => "empty_amount",
    /// Text that is not a decimal number (`"12,50"`, `"1e"`, `"0x10"`).
    InvalidDecimal => "invalid_decimal",
    /// A number beyond the range the field allows (or than a decimal can hold, `"1e999"`).
    OutOfRange => "out_of_range",
    /// More digits after the decimal point than the field allows.
    TooPrecise => "too_precise",
    /// A negative amount where only zero or more is allowed.
    Negative => "negative",
    /// Zero or a negative amount where only more than zero is allowed.
    NotPositive => "not_positive",
    /// An amount that is not a whole number of minor units where one is required.
    NotInteger => "not_integer",
    /// An arithmetic result too large to represent.
    Overflow => "overflow",
    /// A column with another number of rows than the price column (`itemTotalsBatch`).
    LengthMismatch => "length_mismatch",

    // Item rules
    /// `vat` given without `price`.
    VatWithoutPrice => "vat_without_price",
    /// `rebate` larger than `price`.
    RebateExceedsPrice => "rebate_exceeds_price",

    // Currency
    /// Not an active ISO 4217 currency.
    UnknownCurrency => "unknown_currency",
    /// An amount in another currency than the one expected.
    CurrencyMismatch => "currency_mismatch",

    // Customer ledger
    /// A charge that would take what the customer owes above its hard limit.
    LimitExceeded => "limit_exceeded",
    /// An inactive or suspended customer cannot be charged.
    CustomerNotChargeable => "customer_not_chargeable",
    /// An order, or a cash transaction, of another customer (or livemode) than the one given.
    CustomerMismatch => "customer_mismatch",
    /// A payment that is not `{ type: "customer", charge: "balance" }`.
    UnsupportedPayment => "unsupported_payment",
    /// The same customer twice in one call.
    DuplicateId => "duplicate_id",
    /// A settlement target the key may not name (a customer key names only `"me"`).
    ForbiddenTarget => "forbidden_target",
    /// A key kind other than `"customer"` or `"private"`.
    UnknownKeyKind => "unknown_key_kind",
    /// An idempotency key used before with another request (Stripe refuses that reuse too).
    IdempotencyKeyReused => "idempotency_key_reused",
    /// A journal entry that does not follow from the state it is folded onto (a gap, a
    /// duplicate, or amounts the rules do not give).
    JournalMismatch => "journal_mismatch",
    // Cash balance
    /// Not one of Stripe's cash balance transaction types.
    UnknownType => "unknown_type",
    /// A `net_amount` whose sign is not the one its transaction type has.
    WrongSign => "wrong_sign",
    /// A transaction id the balance has already applied.
    DuplicateTransaction => "duplicate_transaction",
    /// A transaction created at or before the state's window of remembered ids: it cannot be
    /// told from one already applied, so it is refused.
    StaleTransaction => "stale_transaction",
    /// The transaction would take the currency's balance below zero.
    InsufficientFunds => "insufficient_funds",
    /// The currency is overdrawn: only the `adjusted_for_overdraft` covering it is accepted.
    OverdraftPending => "overdraft_pending",
    /// An `adjusted_for_overdraft` where no overdraft is open.
    NoOverdraft => "no_overdraft",
    /// A given `ending_balance` differs from the one the transactions add up to.
    BalanceMismatch => "balance_mismatch",
    /// More applied to a payment than it still awaits.
    ExceedsPayment => "exceeds_payment",
    /// A payment the balance does not hold as open.
    UnknownPayment => "unknown_payment",
    /// A payment id the balance already holds.
    DuplicatePayment => "duplicate_payment",
    // Dates, times and credits
    /// Not a calendar date written `YYYY-MM-DD` (or no such day, `2023-02-29`).
    InvalidDate => "invalid_date",
    /// Not an ISO 8601 date-time with an offset (`2026-03-06T14:59:59-08:00`).
    InvalidDateTime => "invalid_date_time",
    /// A string outside the field's set of values (a version, a status, an account type).
    UnknownValue => "unknown_value",
    /// A bank routing number that is not 9 digits or fails the ABA check digit.
    InvalidRoutingNumber => "invalid_routing_number",
    /// A URI that is not a path of the API (`/v1/…`).
    InvalidUri => "invalid_uri",
    /// Fields that exclude each other are both given (`destination_uri` and `bank_account`).
    ConflictingFields => "conflicting_fields",
    /// A status change the credit's status machine does not allow.
    InvalidTransition => "invalid_transition",
    /// A bank rejection reported after the credit's failure deadline.
    FailureWindowClosed => "failure_window_closed",

    // Whole-call errors
    /// An option of the call (version, bounds, limit, …) is invalid; `issues` point into the options.
    InvalidOption => "invalid_option",
    /// The input has problems; `issues` lists them.
    InvalidInput => "invalid_input",
    /// The engine failed unexpectedly (a bug); the instance was restored.
    InternalError => "internal_error",
    /// The browser build was used before `await init()`.
    NotInitialized => "not_initialized",
}

/// One problem: where (`"/2/quantity"`), what (a [`Code`]) and a sentence naming the field and the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Issue {
    pub path: String,
    pub code: Code,
    pub message: String,
}

/// Reports beyond this many are dropped (hostile input must not produce megabytes of errors).
pub const MAX_ISSUES: usize = 100;

/// Collects issues, capped at [`MAX_ISSUES`].
#[derive(Debug, Default)]
pub struct Issues(Vec<Issue>);

impl Issues {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, path: &Path, code: Code, message: impl Into<String>) {
        self.push_message(path, code, message.into());
    }
    /// [`Issues::push`] compiled once (not once per message type; smaller wasm).
    #[inline(never)]
    fn push_message(&mut self, path: &Path, code: Code, message: String) {
        if self.0.len() < MAX_ISSUES {
            self.0.push(Issue {
                path: path.pointer(),
                code,
                message,
            });
        } else if self.0.len() == MAX_ISSUES {
            self.0.push(too_many_issues());
        }
    }
    /// These issues and `more` as one list in the order `key` gives (a stable sort), under the
    /// same cap: what one reader meeting every problem in that order would have collected. (A
    /// capped list kept its first problems, so the first [`MAX_ISSUES`] of both are all here.)
    pub fn merge_by_key<K: Ord>(self, more: Issues, key: impl Fn(&Issue) -> K) -> Issues {
        let capped = self.0.len() > MAX_ISSUES || more.0.len() > MAX_ISSUES;
        let mut all: Vec<Issue> = self
            .0
            .into_iter()
            .chain(more.0)
            .filter(|i| i.code != Code::TooManyIssues)
            .collect();
        crate::input::order::sort_by_key(&mut all, key);
        let over = capped || all.len() > MAX_ISSUES;
        all.truncate(MAX_ISSUES);
        if over {
            all.push(too_many_issues());
        }
        Issues(all)
    }
    /// Adds issues already made (another reader's), under the same cap.
    pub fn extend(&mut self, more: Vec<Issue>) {
        for issue in more {
            if self.0.len() < MAX_ISSUES {
                self.0.push(issue);
            }
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn into_vec(self) -> Vec<Issue> {
        self.0
    }
    /// `Ok(value)` when nothing was reported, else the issues as an [`Error`].
    pub fn finish<T>(self, value: T) -> Result<T, Error> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(Error::invalid(self.0))
        }
    }
}

/// The last issue of a capped list.
fn too_many_issues() -> Issue {
    Issue {
        path: String::new(),
        code: Code::TooManyIssues,
        message: format!("more than {MAX_ISSUES} problems; the rest are not listed"),
    }
}

/// An RFC 6901 JSON Pointer, built segment by segment. Held as its text, so a step down is one
/// allocation: the readers make a path for every field they read, issue or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(String);

impl Path {
    /// The pointer to the whole input (`""`).
    pub fn root() -> Self {
        Self::default()
    }
    /// The member `key`: `~` is written `~0` and `/` is written `~1`.
    pub fn key(&self, key: &str) -> Self {
        let mut p = String::with_capacity(self.0.len() + 1 + key.len());
        p.push_str(&self.0);
        p.push('/');
        for c in key.chars() {
            match c {
                '~' => p.push_str("~0"),
                '/' => p.push_str("~1"),
                c => p.push(c),
            }
        }
        Self(p)
    }
    /// The element `i`.
    pub fn index(&self, i: usize) -> Self {
        let mut digits = itoa::Buffer::new();
        // As a u64: the one `itoa` instance the amounts' writer has anyway (smaller wasm).
        let digits = digits.format(i as u64);
        let mut p = String::with_capacity(self.0.len() + 1 + digits.len());
        p.push_str(&self.0);
        p.push('/');
        p.push_str(digits);
        Self(p)
    }
    /// The pointer text.
    pub fn pointer(&self) -> String {
        self.0.clone()
    }
}

/// A failed call: a [`Code`], a message and, for input problems, every issue found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "ErrorBody"))]
pub struct Error {
    pub code: Code,
    pub message: String,
    pub issues: Vec<Issue>,
}

impl Error {
    /// Input problems. The message is the first issue (where, then what) so a log line alone is
    /// useful; the code already says it is invalid input, so the message does not repeat it.
    pub fn invalid(issues: Vec<Issue>) -> Self {
        let message = match issues.first() {
            Some(first) if issues.len() == 1 => describe(first),
            Some(first) if issues.len() == 2 => format!("{} (and 1 more problem)", describe(first)),
            Some(first) => format!(
                "{} (and {} more problems)",
                describe(first),
                issues.len() - 1
            ),
            None => "the input has problems".to_owned(),
        };
        Self {
            code: Code::InvalidInput,
            message,
            issues,
        }
    }
    /// Problems in the options of a call (they throw even from `validate…` functions, which answer
    /// `{ ok: false }` only for problems in the input itself).
    pub fn invalid_option(issues: Vec<Issue>) -> Self {
        let mut e = Self::invalid(issues);
        e.code = Code::InvalidOption;
        e
    }
    /// One problem at one place.
    pub fn single(path: &Path, code: Code, message: impl Into<String>) -> Self {
        let mut issues = Issues::new();
        issues.push(path, code, message);
        Self::invalid(issues.into_vec())
    }
    /// An error that is not about one field (`code` is the error's own code).
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            issues: Vec::new(),
        }
    }
}

/// A refusal by a balance rule: the error carries the rule's own code and the one issue.
pub fn refuse(path: &Path, code: Code, message: impl Into<String>) -> Error {
    let mut e = Error::single(path, code, message);
    e.code = code;
    e
}

fn describe(issue: &Issue) -> String {
    if issue.path.is_empty() {
        issue.message.clone()
    } else {
        format!("{}: {}", issue.path, issue.message)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The field names of a generated TypeScript object type, in order (tests compare them with the
/// field lists the core validates against, so the declarations cannot drift).
#[cfg(all(test, feature = "ts"))]
pub fn top_level_fields(decl: &str) -> Vec<String> {
    let body = decl.split_once('=').map_or(decl, |(_, b)| b);
    let (mut depth, mut fields, mut current) = (0i32, Vec::new(), String::new());
    for ch in body.chars() {
        match ch {
            '{' | '<' | '(' | '[' => {
                depth += 1;
                current.clear();
            }
            '}' | '>' | ')' | ']' => depth -= 1,
            ',' if depth == 1 => current.clear(),
            ':' if depth == 1 => {
                let name = current.trim().trim_end_matches('?').to_owned();
                if !name.is_empty() {
                    fields.push(name);
                }
                current.clear();
            }
            c if depth == 1 => current.push(c),
            _ => {}
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_tilde_and_slash() {
        let p = Path::root().index(2).key("a/b~c");
        assert_eq!(p.pointer(), "/2/a~1b~0c");
        assert_eq!(Path::root().pointer(), "");
    }

    #[test]
    fn codes_serialize_as_their_names() {
        for &code in Code::ALL {
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            // The name is the variant's in snake_case (what `rename_all` wrote before, and what
            // the TypeScript declaration lists).
            let snake: String = format!("{code:?}")
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let sep = (i > 0 && c.is_ascii_uppercase()).then_some('_');
                    sep.into_iter()
                        .chain(std::iter::once(c.to_ascii_lowercase()))
                })
                .collect();
            assert_eq!(code.as_str(), snake);
        }
    }

    #[test]
    fn issues_are_capped() {
        let mut issues = Issues::new();
        for _ in 0..(MAX_ISSUES + 50) {
            issues.push(&Path::root(), Code::Required, "x");
        }
        let v = issues.into_vec();
        assert_eq!(v.len(), MAX_ISSUES + 1);
        assert_eq!(v.last().map(|i| i.code), Some(Code::TooManyIssues));
    }

    #[test]
    fn merged_issues_keep_the_order_and_the_cap() {
        let at = |k: &str| Path::root().key(k);
        let mut read = Issues::new();
        read.push(&at("a"), Code::Required, "a");
        read.push(&at("c"), Code::Required, "c");
        let mut rules = Issues::new();
        rules.push(&at("b"), Code::OutOfRange, "b");
        rules.push(&at("a"), Code::OutOfRange, "a, a rule");
        let paths: Vec<(String, Code)> = read
            .merge_by_key(rules, |i| i.path.clone())
            .into_vec()
            .into_iter()
            .map(|i| (i.path, i.code))
            .collect();
        assert_eq!(
            paths,
            [
                ("/a".to_owned(), Code::Required),
                ("/a".to_owned(), Code::OutOfRange),
                ("/b".to_owned(), Code::OutOfRange),
                ("/c".to_owned(), Code::Required),
            ]
        );

        // A capped list and one more problem that comes first: that one, then the first of the
        // capped list, then the marker.
        let mut read = Issues::new();
        for _ in 0..(MAX_ISSUES + 5) {
            read.push(&at("z"), Code::Required, "z");
        }
        let mut rules = Issues::new();
        rules.push(&at("a"), Code::OutOfRange, "a");
        let v = read.merge_by_key(rules, |i| i.path.clone()).into_vec();
        assert_eq!(v.len(), MAX_ISSUES + 1);
        assert_eq!(v.first().map(|i| i.path.as_str()), Some("/a"));
        assert_eq!(v.get(MAX_ISSUES - 1).map(|i| i.path.as_str()), Some("/z"));
        assert_eq!(v.last().map(|i| i.code), Some(Code::TooManyIssues));

        // Exactly the cap, and nothing more: no marker.
        let mut read = Issues::new();
        for _ in 0..MAX_ISSUES {
            read.push(&at("z"), Code::Required, "z");
        }
        let v = read
            .merge_by_key(Issues::new(), |i| i.path.clone())
            .into_vec();
        assert_eq!(v.len(), MAX_ISSUES);
        assert!(v.iter().all(|i| i.code == Code::Required));
    }
}
