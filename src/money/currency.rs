//! ISO 4217 currencies: the active alphabetic codes, their numeric codes and minor units.

use serde::{Serialize, Serializer};

/// An active ISO 4217 currency with a minor unit (funds such as XAU, with no minor unit, are not money
/// a checkout can charge and are not listed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: &'static str,
    numeric: u16,
    minor: u8,
}

impl Currency {
    /// The alphabetic code, `"SEK"`.
    pub fn code(self) -> &'static str {
        self.code
    }
    /// The numeric code, `752`.
    pub fn numeric(self) -> u16 {
        self.numeric
    }
    /// Digits after the decimal point of the minor unit: JPY 0, EUR 2, BHD 3, CLF 4.
    pub fn minor_units(self) -> u32 {
        u32::from(self.minor)
    }

    /// Looks up an alphabetic code (any case: Stripe writes `"sek"`) or a numeric one (`"752"`, `"008"`).
    pub fn parse(text: &str) -> Option<Currency> {
        let t = text.trim();
        if t.len() != 3 {
            return None;
        }
        if t.bytes().all(|b| b.is_ascii_digit()) {
            let n: u16 = t.parse().ok()?;
            return NUMERIC.iter().position(|&m| m == n).and_then(Currency::at);
        }
        // Upper-cased on the stack.
        let mut upper: [u8; 3] = t.as_bytes().try_into().ok()?;
        upper.make_ascii_uppercase();
        Currency::from_letters(upper)
    }

    /// Looks up an alphabetic code given as its three capital letters (the keystroke path's
    /// packed code: no text to check or trim).
    pub fn from_letters(letters: [u8; 3]) -> Option<Currency> {
        // Compared as arrays of three: inlined, where the slices' `cmp` was a tenth of the
        // keystroke's core time (measured natively).
        LETTERS.binary_search(&letters).ok().and_then(Currency::at)
    }

    /// Every currency of the table, sorted by code.
    pub fn all() -> impl Iterator<Item = Currency> {
        (0..LIST.len()).filter_map(Currency::at)
    }

    /// The currency at `i` of the table.
    fn at(i: usize) -> Option<Currency> {
        Some(Currency {
            code: std::str::from_utf8(LETTERS.get(i)?).ok()?,
            numeric: *NUMERIC.get(i)?,
            minor: *MINOR.get(i)?,
        })
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

const fn c(code: &'static str, numeric: u16, minor: u8) -> Currency {
    Currency {
        code,
        numeric,
        minor,
    }
}

// The table kept in the wasm as three arrays of plain bytes (letters, numeric codes, minor units),
// built from LIST at compile time: as `Currency` values each entry held a pointer and a length
// (12 bytes), ~0.5 KB gzipped more of each module. Evaluated at compile time, where an index out
// of range fails the build instead of panicking.
static LETTERS: [[u8; 3]; LIST.len()] = {
    let mut out = [[0; 3]; LIST.len()];
    let mut i = 0;
    while i < LIST.len() {
        #[allow(clippy::indexing_slicing)]
        {
            let b = LIST[i].code.as_bytes();
            out[i] = [b[0], b[1], b[2]];
        }
        i += 1;
    }
    out
};
static NUMERIC: [u16; LIST.len()] = {
    let mut out = [0; LIST.len()];
    let mut i = 0;
    while i < LIST.len() {
        #[allow(clippy::indexing_slicing)]
        {
            out[i] = LIST[i].numeric;
        }
        i += 1;
    }
    out
};
static MINOR: [u8; LIST.len()] = {
    let mut out = [0; LIST.len()];
    let mut i = 0;
    while i < LIST.len() {
        #[allow(clippy::indexing_slicing)]
        {
            out[i] = LIST[i].minor;
        }
        i += 1;
    }
    out
};

/// Sorted by code (binary search relies on it; a test checks). A `const`: only the arrays above are
/// in the module.
const LIST: [Currency; 164] = [
    c("AED", 784, 2),
    c("AFN", 971, 2),
    c("ALL", 8, 2),
    c("AMD", 51, 2),
    c("AOA", 973, 2),
    c("ARS", 32, 2),
    c("AUD", 36, 2),
    c("AWG", 533, 2),
    c("AZN", 944, 2),
    c("BAM", 977, 2),
    c("BBD", 52, 2),
    c("BDT", 50, 2),
    c("BHD", 48, 3),
    c("BIF", 108, 0),
    c("BMD", 60, 2),
    c("BND", 96, 2),
    c("BOB", 68, 2),
    c("BOV", 984, 2),
    c("BRL", 986, 2),
    c("BSD", 44, 2),
    c("BTN", 64, 2),
    c("BWP", 72, 2),
    c("BYN", 933, 2),
    c("BZD", 84, 2),
    c("CAD", 124, 2),
    c("CDF", 976, 2),
    c("CHE", 947, 2),
    c("CHF", 756, 2),
    c("CHW", 948, 2),
    c("CLF", 990, 4),
    c("CLP", 152, 0),
    c("CNY", 156, 2),
    c("COP", 170, 2),
    c("COU", 970, 2),
    c("CRC", 188, 2),
    c("CUP", 192, 2),
    c("CVE", 132, 2),
    c("CZK", 203, 2),
    c("DJF", 262, 0),
    c("DKK", 208, 2),
    c("DOP", 214, 2),
    c("DZD", 12, 2),
    c("EGP", 818, 2),
    c("ERN", 232, 2),
    c("ETB", 230, 2),
    c("EUR", 978, 2),
    c("FJD", 242, 2),
    c("FKP", 238, 2),
    c("GBP", 826, 2),
    c("GEL", 981, 2),
    c("GHS", 936, 2),
    c("GIP", 292, 2),
    c("GMD", 270, 2),
    c("GNF", 324, 0),
    c("GTQ", 320, 2),
    c("GYD", 328, 2),
    c("HKD", 344, 2),
    c("HNL", 340, 2),
    c("HTG", 332, 2),
    c("HUF", 348, 2),
    c("IDR", 360, 2),
    c("ILS", 376, 2),
    c("INR", 356, 2),
    c("IQD", 368, 3),
    c("IRR", 364, 2),
    c("ISK", 352, 0),
    c("JMD", 388, 2),
    c("JOD", 400, 3),
    c("JPY", 392, 0),
    c("KES", 404, 2),
    c("KGS", 417, 2),
    c("KHR", 116, 2),
    c("KMF", 174, 0),
    c("KPW", 408, 2),
    c("KRW", 410, 0),
    c("KWD", 414, 3),
    c("KYD", 136, 2),
    c("KZT", 398, 2),
    c("LAK", 418, 2),
    c("LBP", 422, 2),
    c("LKR", 144, 2),
    c("LRD", 430, 2),
    c("LSL", 426, 2),
    c("LYD", 434, 3),
    c("MAD", 504, 2),
    c("MDL", 498, 2),
    c("MGA", 969, 2),
    c("MKD", 807, 2),
    c("MMK", 104, 2),
    c("MNT", 496, 2),
    c("MOP", 446, 2),
    c("MRU", 929, 2),
    c("MUR", 480, 2),
    c("MVR", 462, 2),
    c("MWK", 454, 2),
    c("MXN", 484, 2),
    c("MXV", 979, 2),
    c("MYR", 458, 2),
    c("MZN", 943, 2),
    c("NAD", 516, 2),
    c("NGN", 566, 2),
    c("NIO", 558, 2),
    c("NOK", 578, 2),
    c("NPR", 524, 2),
    c("NZD", 554, 2),
    c("OMR", 512, 3),
    c("PAB", 590, 2),
    c("PEN", 604, 2),
    c("PGK", 598, 2),
    c("PHP", 608, 2),
    c("PKR", 586, 2),
    c("PLN", 985, 2),
    c("PYG", 600, 0),
    c("QAR", 634, 2),
    c("RON", 946, 2),
    c("RSD", 941, 2),
    c("RUB", 643, 2),
    c("RWF", 646, 0),
    c("SAR", 682, 2),
    c("SBD", 90, 2),
    c("SCR", 690, 2),
    c("SDG", 938, 2),
    c("SEK", 752, 2),
    c("SGD", 702, 2),
    c("SHP", 654, 2),
    c("SLE", 925, 2),
    c("SOS", 706, 2),
    c("SRD", 968, 2),
    c("SSP", 728, 2),
    c("STN", 930, 2),
    c("SVC", 222, 2),
    c("SYP", 760, 2),
    c("SZL", 748, 2),
    c("THB", 764, 2),
    c("TJS", 972, 2),
    c("TMT", 934, 2),
    c("TND", 788, 3),
    c("TOP", 776, 2),
    c("TRY", 949, 2),
    c("TTD", 780, 2),
    c("TWD", 901, 2),
    c("TZS", 834, 2),
    c("UAH", 980, 2),
    c("UGX", 800, 0),
    c("USD", 840, 2),
    c("USN", 997, 2),
    c("UYI", 940, 0),
    c("UYU", 858, 2),
    c("UYW", 927, 4),
    c("UZS", 860, 2),
    c("VED", 926, 2),
    c("VES", 928, 2),
    c("VND", 704, 0),
    c("VUV", 548, 0),
    c("WST", 882, 2),
    c("XAF", 950, 0),
    c("XCD", 951, 2),
    c("XCG", 532, 2),
    c("XOF", 952, 0),
    c("XPF", 953, 0),
    c("YER", 886, 2),
    c("ZAR", 710, 2),
    c("ZMW", 967, 2),
    c("ZWG", 924, 2),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in LIST.windows(2) {
            if let [a, b] = pair {
                assert!(a.code < b.code, "{} before {}", a.code, b.code);
            }
        }
        let mut nums: Vec<u16> = LIST.iter().map(|c| c.numeric).collect();
        nums.sort_unstable();
        nums.dedup();
        assert_eq!(nums.len(), LIST.len(), "numeric codes are unique");
        // The arrays are the list's.
        assert_eq!(Currency::all().collect::<Vec<_>>(), LIST.to_vec());
    }

    #[test]
    fn minor_units_and_numeric_codes() {
        let get = |t: &str| Currency::parse(t).map(|c| (c.code(), c.minor_units()));
        assert_eq!(get("SEK"), Some(("SEK", 2)));
        assert_eq!(get("752"), Some(("SEK", 2)));
        assert_eq!(get("sek"), Some(("SEK", 2)));
        assert_eq!(get("JPY"), Some(("JPY", 0)));
        assert_eq!(get("BHD"), Some(("BHD", 3)));
        assert_eq!(get("CLF"), Some(("CLF", 4)));
        assert_eq!(get("008"), Some(("ALL", 2)));
        assert_eq!(get("XXX"), None);
        assert_eq!(get("SEKK"), None);
        assert_eq!(get("999"), None);
        assert_eq!(get(""), None);
        assert_eq!(get("€"), None);
    }
}
