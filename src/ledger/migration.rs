//! Customers written by earlier versions carried their whole `journal`. Such a customer is still
//! accepted: its journal is read once for what the state now keeps (the version, the recent
//! idempotency keys, the last payment) and is not written back; the host stores the entries.

use serde_json::Value;

use crate::input::issue::{Code, Issues, Path};
use crate::ledger::idempotency::{KeyRecord, MAX_KEYS};
use crate::ledger::journal::LastPayment;
use crate::time::stamp::Stamp;

/// What an old journal gives the state.
pub struct Migrated {
    /// One operation per entry.
    pub version: u64,
    /// The newest keyed entries, without fingerprints (earlier versions kept none): such a key
    /// is refused, never replayed, while it is in its window.
    pub keys: Vec<KeyRecord>,
    pub last_payment: Option<LastPayment>,
}

/// Reads an old journal (entries this library wrote, or the caller's own objects).
pub fn migrate(entries: &[Value], scale: u32, path: &Path, issues: &mut Issues) -> Migrated {
    let mut keys = Vec::new();
    let mut last_payment = None;
    for (i, e) in entries.iter().enumerate() {
        if !e.is_object() {
            issues.push(
                &path.index(i),
                Code::InvalidType,
                "a journal entry must be an object",
            );
            continue;
        }
        let at = e.get("at").and_then(Value::as_str);
        last_payment = LastPayment::latest(
            last_payment,
            LastPayment::of_entry(
                e.get("kind").and_then(Value::as_str),
                at,
                e.get("amount"),
                scale,
            ),
        );
        let key = e.get("idempotency_key").and_then(Value::as_str);
        if let (Some(key), Some(at)) = (key, at.filter(|t| Stamp::parse(t).is_some())) {
            keys.push(KeyRecord {
                key: key.into(),
                fingerprint: None,
                at: at.into(),
                // An old journal's entry i produced version i + 1.
                versions: vec![u64::try_from(i).map_or(u64::MAX, |i| i.saturating_add(1))],
                origin: None,
            });
        }
    }
    let excess = keys.len().saturating_sub(MAX_KEYS);
    keys.drain(..excess);
    Migrated {
        version: u64::try_from(entries.len()).unwrap_or(u64::MAX),
        keys,
        last_payment,
    }
}
