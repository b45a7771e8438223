//! Idempotency keys as Stripe defines them: a key is bound to a fingerprint of its request for a
//! window of 24 hours. The same key with the same request is a replay: the state is unchanged, no
//! entry is created, and the answer names the versions of the entries the original call created
//! (already in the host's journal), so a host that appends whatever a call returns keeps its
//! journal true. With another request the key is refused (`idempotency_key_reused`), so a reused
//! key can never silently drop a charge. A customer remembers at most [`MAX_KEYS`] keys, oldest
//! first out, each as its key, fingerprint, time and versions only, so its state stays bounded.

use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::rc::Rc;

use crate::input::fields::{report_unknown_fields, text_rule};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::input::reader::{Reader, HIGHS, ONES};
use crate::input::shared::Origin;
use crate::ledger::journal::{read_entry, text_at, MAX_TEXT};
use crate::time::stamp::Stamp;

/// How long a key is remembered after the call that used it.
pub const KEY_WINDOW_DAYS: i64 = 1;
/// Most keys a customer remembers; beyond that the oldest is forgotten first. A remembered call
/// is ~130 bytes of JSON (its key, fingerprint, time and versions), so 20 keys add under 3 KB.
pub const MAX_KEYS: usize = 20;
/// Longest idempotency key, in characters (Stripe's limit).
pub const MAX_KEY_LEN: usize = 255;
/// Most versions one remembered call may name (every call creates at most one entry today).
const MAX_RECORD_ENTRIES: usize = 4;
/// `entries` is the record of earlier versions (the call's entries themselves), read as their
/// versions.
const RECORD_FIELDS: &[&str] = &["key", "fingerprint", "at", "versions", "entries"];

/// One remembered key: the request it was used with and the versions of the entries that call
/// created (the entries themselves are in the host's journal). Its texts are `Rc<str>`, as an
/// item's (`checkout::item::Item`): copies of a customer count references.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct KeyRecord {
    pub key: Rc<str>,
    /// `sha256:<hex>` of the request's canonical form; `null` for a key read from a journal of an
    /// earlier version, whose request cannot be compared (so it is never replayed, only refused).
    pub fingerprint: Option<Rc<str>>,
    /// When the key was used (the call's `now`); it is forgotten 24 hours later.
    pub at: Rc<str>,
    /// The versions of the entries the call created, oldest first (a replay answers them as
    /// `matched`).
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub versions: Vec<u64>,
    /// The customer argument's record this is, unchanged, when its text there is the text the
    /// answers write (`input::shared`): not part of the record as written (`None` for a record
    /// changed in place: no rule changes one, they only keep or drop them).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub origin: Option<Origin>,
}

impl KeyRecord {
    fn live_at(&self, now: Stamp) -> bool {
        // An unreadable time cannot occur (records are checked when read): treat it as live, so
        // a key is never forgotten early.
        Stamp::parse(&self.at)
            .and_then(|at| at.plus_days(KEY_WINDOW_DAYS))
            .is_none_or(|end| end > now)
    }
}

/// SHA-256 of a request's canonical form, written `sha256:<hex>`. A real hash, not a short
/// checksum: two different requests must never share a fingerprint, or a reused key would
/// replay (and silently drop) the second one.
pub fn fingerprint(canonical: &str) -> String {
    let digest = Sha256::digest(canonical.as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest.iter() {
        out.push(hex_digit(b >> 4));
        out.push(hex_digit(b & 15));
    }
    out
}

fn hex_digit(n: u8) -> char {
    char::from_digit(u32::from(n), 16).unwrap_or('0')
}

/// What a key means for a call at `now`.
pub enum Seen<'a> {
    /// Not used within the window: a new request.
    New,
    /// Used with this very request: name its entries' versions, change nothing.
    Replay(&'a KeyRecord),
}

/// Looks `key` up among the records live at `now`; the same key with another request is refused.
pub fn check<'a>(
    records: &'a [KeyRecord],
    key: &str,
    fingerprint: &str,
    now: Stamp,
) -> Result<Seen<'a>, Error> {
    let Some(record) = records
        .iter()
        .rev()
        .find(|r| *r.key == *key && r.live_at(now))
    else {
        return Ok(Seen::New);
    };
    match record.fingerprint.as_deref() {
        Some(f) if f == fingerprint => Ok(Seen::Replay(record)),
        Some(_) => Err(Error::new(
            Code::IdempotencyKeyReused,
            format!(
                "idempotency key {} was used at {} with another request; nothing was changed (use a new key for a new request)",
                crate::input::json::quoted(key),
                record.at
            ),
        )),
        None => Err(Error::new(
            Code::IdempotencyKeyReused,
            format!(
                "idempotency key {} was used at {} by an earlier version, whose request cannot be compared with this one; nothing was changed (use a new key)",
                crate::input::json::quoted(key),
                record.at
            ),
        )),
    }
}

/// Remembers a key used at `now`: keys past their window are forgotten, then the oldest beyond
/// [`MAX_KEYS`].
pub fn remember(records: &mut Vec<KeyRecord>, record: KeyRecord, now: Stamp) {
    records.retain(|r| r.live_at(now));
    records.push(record);
    let excess = records.len().saturating_sub(MAX_KEYS);
    records.drain(..excess);
}

/// Forgets the keys past their window at `now` (every applied call does, so the state carries
/// only live keys).
pub fn forget_expired(records: &mut Vec<KeyRecord>, now: Stamp) {
    records.retain(|r| r.live_at(now));
}

/// Reads the `idempotency_keys` of a customer, oldest first.
pub fn read_records(value: &Value, path: &Path, issues: &mut Issues) -> Vec<KeyRecord> {
    let Value::Array(list) = value else {
        issues.push(
            path,
            Code::InvalidType,
            "idempotency_keys must be an array of { key, fingerprint, at, versions }",
        );
        return Vec::new();
    };
    if list.len() > MAX_KEYS {
        issues.push(
            path,
            Code::TooManyItems,
            format!("a customer remembers at most {MAX_KEYS} idempotency keys"),
        );
        return Vec::new();
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        let at = path.index(i);
        let Some(map) = v.as_object().filter(|_| json::js_tag(v).is_none()) else {
            issues.push(
                &at,
                Code::InvalidType,
                "idempotency_keys: a record is { key, fingerprint, at, versions }",
            );
            continue;
        };
        report_unknown_fields(map, RECORD_FIELDS, "an idempotency key record", &at, issues);
        let key = text_at(map, "key", true, &at, issues);
        if let Some(code) = key.as_deref().and_then(|k| {
            text_rule(k, MAX_KEY_LEN).or_else(|| k.is_empty().then_some(Code::Required))
        }) {
            issues.push(
                &at.key("key"),
                code,
                "an idempotency key is 1 to 255 characters without control characters",
            );
        }
        let fingerprint = match map.get("fingerprint") {
            None => {
                issues.push(
                    &at.key("fingerprint"),
                    Code::Required,
                    "fingerprint is required (null for none)",
                );
                None
            }
            Some(Value::Null) => Some(None),
            Some(Value::String(f)) if is_fingerprint(f) => Some(Some(f.clone())),
            Some(_) => {
                issues.push(
                    &at.key("fingerprint"),
                    Code::InvalidType,
                    "a fingerprint is sha256: and 64 hex digits, or null",
                );
                None
            }
        };
        let time = text_at(map, "at", true, &at, issues);
        if time.as_deref().is_some_and(|t| Stamp::parse(t).is_none()) {
            issues.push(
                &at.key("at"),
                Code::InvalidDateTime,
                "at must be an ISO 8601 time with an offset",
            );
        }
        let versions = read_versions(map, &at, issues);
        if let (Some(key), Some(fingerprint), Some(at), Some(versions)) =
            (key, fingerprint, time, versions)
        {
            out.push(KeyRecord {
                key: key.into(),
                fingerprint: fingerprint.map(Rc::from),
                at: at.into(),
                versions,
                origin: None,
            });
        }
    }
    out
}

/// A record's `versions`, or the versions of the `entries` a record of an earlier version holds
/// (read as strictly as before, then kept as their versions: such a state converts on its next
/// call, and its keys still replay).
fn read_versions(map: &Map<String, Value>, at: &Path, issues: &mut Issues) -> Option<Vec<u64>> {
    match (map.get("versions"), map.get("entries")) {
        (Some(Value::Array(list)), None) if list.len() <= MAX_RECORD_ENTRIES => {
            let mut versions = Vec::with_capacity(list.len());
            for v in list {
                let Some(n) = v.as_u64().filter(|n| *n > 0) else {
                    issues.push(
                        &at.key("versions"),
                        Code::InvalidType,
                        "versions are whole numbers above 0",
                    );
                    return None;
                };
                versions.push(n);
            }
            Some(versions)
        }
        (None, Some(Value::Array(list))) if list.len() <= MAX_RECORD_ENTRIES => {
            let before = issues.len();
            let mut versions = Vec::with_capacity(list.len());
            for (j, e) in list.iter().enumerate() {
                if let Some(entry) = read_entry(e, &at.key("entries").index(j), issues) {
                    versions.push(entry.version);
                }
            }
            (issues.len() == before).then_some(versions)
        }
        (None, None) => {
            issues.push(
                &at.key("versions"),
                Code::Required,
                "versions is required: the versions of the entries the call created",
            );
            None
        }
        (Some(_), Some(_)) => {
            issues.push(
                &at.key("entries"),
                Code::InvalidType,
                "a record has versions, or (written by an earlier version) entries, not both",
            );
            None
        }
        (Some(_), None) => {
            issues.push(
                &at.key("versions"),
                Code::InvalidType,
                format!("versions: the versions of the call's entries, an array of at most {MAX_RECORD_ENTRIES}"),
            );
            None
        }
        (None, Some(_)) => {
            issues.push(
                &at.key("entries"),
                Code::InvalidType,
                format!(
                    "entries: the entries of the call, an array of at most {MAX_RECORD_ENTRIES}"
                ),
            );
            None
        }
    }
}

fn is_fingerprint(f: &str) -> bool {
    f.strip_prefix("sha256:").is_some_and(|h| {
        h.len() == 64
            && h.as_bytes()
                .chunks_exact(8)
                .all(|c| <[u8; 8]>::try_from(c).is_ok_and(|w| lower_hex(u64::from_le_bytes(w))))
    })
}

/// Whether each of eight bytes is `0`–`9` or `a`–`f`, the eight at once: below 0x80, a byte's
/// high bit in `(byte | 0x80) - n` says `byte >= n`, and no byte borrows from the next.
fn lower_hex(word: u64) -> bool {
    let at_least = |n: u8| ((word | HIGHS).wrapping_sub(ONES * u64::from(n))) & HIGHS;
    let digit = at_least(b'0') & !at_least(b'9' + 1);
    let letter = at_least(b'a') & !at_least(b'f' + 1);
    word & HIGHS == 0 && digit | letter == HIGHS
}

/// The `idempotency_keys` of a customer read straight from JSON text (`ledger::customer_text`),
/// as the answers write them (`{ key, fingerprint, at, versions }`): the records [`read_records`]
/// reads from the same text, or `None` for anything it would report and for a record of an
/// earlier version (with `entries`), which [`read_records`] reads; each record's span in the
/// text is pushed to `spans`.
pub fn read_records_text(
    r: &mut Reader,
    spans: &mut Vec<(usize, usize)>,
) -> Option<Vec<KeyRecord>> {
    const FIELDS: [&str; 4] = ["key", "fingerprint", "at", "versions"];
    let mut out = Vec::new();
    r.elements_spanned(spans, |r| {
        if out.len() == MAX_KEYS {
            return None;
        }
        let (mut key, mut fingerprint, mut at, mut versions) = (None, None, None, None);
        r.members_of(&FIELDS, |r, name| {
            match name {
                "key" => {
                    let k = r.str()?;
                    if k.is_empty() || text_rule(&k, MAX_KEY_LEN).is_some() || !short(&k) {
                        return None;
                    }
                    key = Some(Rc::from(&*k));
                }
                "fingerprint" => {
                    fingerprint = Some(if r.next_byte()? == b'n' {
                        r.null()?;
                        None
                    } else {
                        Some(Rc::from(&*r.str().filter(|f| is_fingerprint(f))?))
                    });
                }
                "at" => {
                    let t = r.str()?;
                    if !short(&t) || Stamp::parse(&t).is_none() {
                        return None;
                    }
                    at = Some(Rc::from(&*t));
                }
                _ => {
                    let mut v = Vec::new();
                    r.elements(|r| {
                        if v.len() == MAX_RECORD_ENTRIES {
                            return None;
                        }
                        v.push(r.u64().filter(|&n| n > 0)?);
                        Some(())
                    })?;
                    versions = Some(v);
                }
            }
            Some(())
        })?;
        out.push(KeyRecord {
            key: key?,
            fingerprint: fingerprint?,
            at: at?,
            versions: versions?,
            origin: None,
        });
        Some(())
    })?;
    Some(out)
}

/// A text `text_at` takes (at most the journal's longest text).
fn short(s: &str) -> bool {
    // No more bytes than the limit: no more characters either.
    s.len() <= MAX_TEXT || s.chars().take(MAX_TEXT + 1).count() <= MAX_TEXT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_sha256_of_the_canonical_text() {
        // The SHA-256 test vector of "abc" (FIPS 180-2).
        assert_eq!(
            fingerprint("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(is_fingerprint(&fingerprint("")));
        assert_ne!(fingerprint("a"), fingerprint("b"));
    }

    /// Every byte at every place of a fingerprint: only `0`–`9` and `a`–`f` are hex digits.
    #[test]
    fn a_fingerprint_is_sha256_and_64_lower_hex_digits() {
        let good = fingerprint("abc");
        for at in 7..good.len() {
            for b in 0..=255u8 {
                let mut bytes = good.clone().into_bytes();
                if let Some(x) = bytes.get_mut(at) {
                    *x = b;
                }
                if let Ok(f) = String::from_utf8(bytes) {
                    let hex = b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
                    assert_eq!(is_fingerprint(&f), hex, "{b:#x} at {at}");
                }
            }
        }
        assert!(!is_fingerprint(&good[..good.len() - 1]));
        assert!(!is_fingerprint(&format!("{good}0")));
        assert!(!is_fingerprint(&good.replace("sha256:", "sha512:")));
    }

    fn record(key: &str, at: &str, fp: Option<&str>) -> KeyRecord {
        KeyRecord {
            key: key.into(),
            fingerprint: fp.map(|f| fingerprint(f).into()),
            at: at.into(),
            versions: Vec::new(),
            origin: None,
        }
    }

    #[test]
    fn a_key_replays_the_same_request_refuses_another_and_expires() {
        let now = Stamp::parse("2026-11-23T10:00:00Z").unwrap();
        let records = vec![record("k", "2026-11-22T10:00:01Z", Some("r1"))];
        assert!(matches!(
            check(&records, "k", &fingerprint("r1"), now),
            Ok(Seen::Replay(_))
        ));
        let e = check(&records, "k", &fingerprint("r2"), now).err().unwrap();
        assert_eq!(e.code, Code::IdempotencyKeyReused);
        assert!(e.message.contains("\"k\""), "{}", e.message);
        assert!(matches!(
            check(&records, "other", &fingerprint("r2"), now),
            Ok(Seen::New)
        ));
        // 24 hours after its use the key is a new request.
        let later = Stamp::parse("2026-11-23T10:00:01Z").unwrap();
        assert!(matches!(
            check(&records, "k", &fingerprint("r2"), later),
            Ok(Seen::New)
        ));
        // A key of an earlier version (no fingerprint) is refused, never replayed.
        let old = vec![record("k", "2026-11-23T09:00:00Z", None)];
        assert!(check(&old, "k", &fingerprint("r1"), now)
            .is_err_and(|e| e.code == Code::IdempotencyKeyReused));
    }

    #[test]
    fn the_window_keeps_the_newest_keys() {
        let now = Stamp::parse("2026-11-23T10:00:00Z").unwrap();
        let mut records = vec![record("expired", "2026-11-22T09:00:00Z", Some("x"))];
        for i in 0..MAX_KEYS + 5 {
            remember(
                &mut records,
                record(&format!("k{i}"), "2026-11-23T10:00:00Z", Some("x")),
                now,
            );
        }
        assert_eq!(records.len(), MAX_KEYS);
        assert_eq!(&*records[0].key, "k5");
        assert_eq!(*records[MAX_KEYS - 1].key, format!("k{}", MAX_KEYS + 4));
    }
}
