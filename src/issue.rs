//! Problems found in input: each one with an RFC 6901 JSON Pointer, a stable code and a message.

use serde::Serialize;

/// Stable, machine-readable words for what is wrong. Serialized in snake_case (`"not_finite"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "IssueCode"))]
#[serde(rename_all = "snake_case")]
pub enum Code {
    // Whole input
    /// The input text is larger than the function accepts.
    InputTooLarge,
    /// Nesting deeper than the function accepts.
    InputTooDeep,
    /// The input could not be read (a throwing getter, a cycle, text that is not JSON).
    UnreadableInput,
    /// An array has more elements than the function accepts.
    TooManyItems,
    /// An item body that is neither a positive number, an item nor a non-empty array of items.
    InvalidBody,
    /// An array that must not be empty is empty.
    Empty,
    /// More problems than are reported; the list was cut.
    TooManyIssues,

    // Fields
    /// A required field is missing.
    Required,
    /// A field the object does not have.
    UnknownField,
    /// A value of the wrong JSON type (a string where a number goes, `null`, a BigInt, …).
    InvalidType,
    /// A string too long for its field.
    TooLong,
    /// A string with control characters or other characters its field does not allow.
    InvalidCharacters,

    // Amounts
    /// `NaN`, `Infinity` or `-Infinity`.
    NotFinite,
    /// An empty string where an amount goes.
    EmptyAmount,
    /// Text that is not a decimal number (`"12,50"`, `"1e"`, `"0x10"`).
    InvalidDecimal,
    /// A number beyond the range the field allows (or than a decimal can hold, `"1e999"`).
    OutOfRange,
    /// More digits after the decimal point than the field allows.
    TooPrecise,
    /// A negative amount where only zero or more is allowed.
    Negative,
    /// Zero or a negative amount where only more than zero is allowed.
    NotPositive,
    /// An amount that is not a whole number of minor units where one is required.
    NotInteger,
    /// An arithmetic result too large to represent.
    Overflow,
    /// A column with another number of rows than the price column (`itemTotalsBatch`).
    LengthMismatch,

    // Item rules
    /// `vat` given without `price`.
    VatWithoutPrice,
    /// `rebate` larger than `price`.
    RebateExceedsPrice,

    // Currency
    /// Not an active ISO 4217 currency.
    UnknownCurrency,
    /// An amount in another currency than the one expected.
    CurrencyMismatch,

    // Customer ledger
    /// A status that is not one of the model's.
    InvalidStatus,
    /// An outcome other than `"success"` or `"failure"`.
    InvalidOutcome,
    /// A timestamp that is not ISO 8601 with an offset.
    InvalidTime,
    /// A charge that would take what the customer owes above its hard limit.
    LimitExceeded,
    /// An inactive or suspended customer cannot be charged.
    CustomerNotChargeable,
    /// An order for another customer.
    CustomerMismatch,
    /// A payment that is not `{ type: "customer", charge: "balance" }`.
    UnsupportedPayment,
    /// The same customer twice in one call.
    DuplicateId,
    /// A settlement target the key may not name (a customer key names only `"me"`).
    ForbiddenTarget,
    /// A key kind other than `"customer"` or `"private"`.
    UnknownKeyKind,

    // Whole-call errors
    /// The input has problems; `issues` lists them.
    InvalidInput,
    /// The engine failed unexpectedly (a bug); the instance was restored.
    InternalError,
    /// The browser build was used before `await init()`.
    NotInitialized,
}

impl Code {
    /// The code as it appears in JSON (`"not_finite"`).
    pub fn as_str(self) -> &'static str {
        code_name(self)
    }
}

fn code_name(code: Code) -> &'static str {
    use Code::*;
    match code {
        InputTooLarge => "input_too_large",
        InputTooDeep => "input_too_deep",
        UnreadableInput => "unreadable_input",
        TooManyItems => "too_many_items",
        InvalidBody => "invalid_body",
        Empty => "empty",
        TooManyIssues => "too_many_issues",
        Required => "required",
        UnknownField => "unknown_field",
        InvalidType => "invalid_type",
        TooLong => "too_long",
        InvalidCharacters => "invalid_characters",
        NotFinite => "not_finite",
        EmptyAmount => "empty_amount",
        InvalidDecimal => "invalid_decimal",
        OutOfRange => "out_of_range",
        TooPrecise => "too_precise",
        Negative => "negative",
        NotPositive => "not_positive",
        NotInteger => "not_integer",
        Overflow => "overflow",
        LengthMismatch => "length_mismatch",
        VatWithoutPrice => "vat_without_price",
        RebateExceedsPrice => "rebate_exceeds_price",
        UnknownCurrency => "unknown_currency",
        CurrencyMismatch => "currency_mismatch",
        InvalidStatus => "invalid_status",
        InvalidOutcome => "invalid_outcome",
        InvalidTime => "invalid_time",
        LimitExceeded => "limit_exceeded",
        CustomerNotChargeable => "customer_not_chargeable",
        CustomerMismatch => "customer_mismatch",
        UnsupportedPayment => "unsupported_payment",
        DuplicateId => "duplicate_id",
        ForbiddenTarget => "forbidden_target",
        UnknownKeyKind => "unknown_key_kind",
        InvalidInput => "invalid_input",
        InternalError => "internal_error",
        NotInitialized => "not_initialized",
    }
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
        if self.0.len() < MAX_ISSUES {
            self.0.push(Issue {
                path: path.pointer(),
                code,
                message: message.into(),
            });
        } else if self.0.len() == MAX_ISSUES {
            self.0.push(Issue {
                path: String::new(),
                code: Code::TooManyIssues,
                message: format!("more than {MAX_ISSUES} problems; the rest are not listed"),
            });
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
    pub fn as_slice(&self) -> &[Issue] {
        &self.0
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

/// An RFC 6901 JSON Pointer, built segment by segment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(Vec<Segment>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

impl Path {
    /// The pointer to the whole input (`""`).
    pub fn root() -> Self {
        Self::default()
    }
    pub fn key(&self, key: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Key(key.to_owned()));
        p
    }
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Index(i));
        p
    }
    /// The pointer text: `~` is written `~0` and `/` is written `~1`.
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        for s in &self.0 {
            out.push('/');
            match s {
                Segment::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
                Segment::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
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
    /// Input problems. The message repeats the first issue so a log line alone is useful.
    pub fn invalid(issues: Vec<Issue>) -> Self {
        let message = match issues.first() {
            Some(first) if issues.len() == 1 => format!("invalid input: {}", describe(first)),
            Some(first) => format!(
                "invalid input: {} (and {} more)",
                describe(first),
                issues.len() - 1
            ),
            None => "invalid input".to_owned(),
        };
        Self {
            code: Code::InvalidInput,
            message,
            issues,
        }
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
        for code in [Code::NotFinite, Code::VatWithoutPrice, Code::InputTooDeep] {
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
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
}
