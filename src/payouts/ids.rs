//! Balanced's identifiers: resource ids (`CR…`, `BA…`: two letters and base-62 characters) and
//! transaction numbers (`CR###-###-####`), generated from a seed or checked when given.
//!
//! The core draws no randomness of its own (it stays deterministic and needs no entropy source in
//! wasm): a caller passes a seed, and the JS bridge passes random bytes from
//! `crypto.getRandomValues` when its caller gives none.

/// Characters after the prefix of the ids this ledger makes, as Balanced's own (`CR2rFsIqLsc63vwNkv2BKlmY`).
pub const ID_BODY_LEN: usize = 22;
/// The length Balanced's 1.1 schemas allow after an id's two-letter prefix.
pub const MIN_ID_BODY: usize = 16;
pub const MAX_ID_BODY: usize = 32;
/// Longest seed read (its bytes are hashed).
pub const MAX_SEED_LEN: usize = 256;

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A deterministic stream of numbers from a seed: SplitMix64 over the FNV-1a hash of the seed's
/// bytes. Not a cryptographic generator: unpredictability comes from the seed (random bytes).
#[derive(Debug, Clone)]
pub struct Draw(u64);

impl Draw {
    pub fn from_seed(seed: &str) -> Self {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Draw(h)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (n ≥ 1), without modulo bias.
    fn below(&mut self, n: u64) -> u64 {
        let n = n.max(1);
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let v = self.next();
            if v < zone {
                return v % n;
            }
        }
    }

    /// An id: `prefix` and `ID_BODY_LEN` base-62 characters.
    pub fn id(&mut self, prefix: &str) -> String {
        let mut out = String::with_capacity(prefix.len() + ID_BODY_LEN);
        out.push_str(prefix);
        for _ in 0..ID_BODY_LEN {
            let i = usize::try_from(self.below(62)).unwrap_or_default();
            out.push(char::from(BASE62.get(i).copied().unwrap_or(b'0')));
        }
        out
    }

    /// A transaction number `CR###-###-####`.
    pub fn transaction_number(&mut self) -> String {
        format!(
            "CR{:03}-{:03}-{:04}",
            self.below(1_000),
            self.below(1_000),
            self.below(10_000)
        )
    }
}

/// Whether `s` is an id of one of `prefixes`: the prefix, then 16 to 32 ASCII letters or digits
/// (the pattern of Balanced's 1.1 schemas, anchored).
pub fn is_id(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        s.strip_prefix(p).is_some_and(|body| {
            (MIN_ID_BODY..=MAX_ID_BODY).contains(&body.len())
                && body.bytes().all(|b| b.is_ascii_alphanumeric())
        })
    })
}

/// Whether `s` is a transaction number `CR###-###-####` (digits, as both seeds show them).
pub fn is_transaction_number(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 14
        && s.starts_with("CR")
        && b.iter().enumerate().skip(2).all(|(i, c)| match i {
            5 | 9 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_balanced_formats_and_the_seed() {
        let mut d = Draw::from_seed("seed-1");
        let id = d.id("CR");
        assert_eq!(id.len(), 24);
        assert!(is_id(&id, &["CR"]), "{id}");
        let tn = d.transaction_number();
        assert!(is_transaction_number(&tn), "{tn}");
        let mut again = Draw::from_seed("seed-1");
        assert_eq!(again.id("CR"), id);
        assert_ne!(Draw::from_seed("seed-2").id("CR"), id);
    }

    #[test]
    fn checks_refuse_near_misses() {
        assert!(is_id("CR2rFsIqLsc63vwNkv2BKlmY", &["CR"]));
        assert!(!is_id("CR2rFsIqLsc63vwNkv2BKlmY", &["BA"]));
        assert!(!is_id("CRshort", &["CR"]));
        assert!(!is_id("CR2rFsIqLsc63vwNkv2BKl-Y", &["CR"]));
        assert!(!is_id(&format!("CR{}", "a".repeat(33)), &["CR"]));
        assert!(is_transaction_number("CR560-489-3182"));
        for bad in [
            "CR560-489-318",
            "CR560-489-31822",
            "CR560_489-3182",
            "DR560-489-3182",
            "CR56A-489-3182",
        ] {
            assert!(!is_transaction_number(bad), "{bad}");
        }
    }
}
