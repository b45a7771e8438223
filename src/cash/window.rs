//! The transactions a cash balance state remembers so none is applied twice, in bounded space:
//! the ids of the last [`CASH_TRANSACTION_WINDOW`] transactions, and the newest `created` of those that left the
//! window (`forgotten_through`). A transaction whose id is in the window is a duplicate; one
//! created at or before `forgotten_through` cannot be told from a forgotten one, so it is refused
//! (`stale_transaction`). Any other is new. Together: no transaction is ever applied twice.

use std::collections::VecDeque;

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::cash::transaction::MAX_ID_LEN;
use crate::input::issue::{Code, Issues, Path};
use crate::input::reader::plain_run;
use crate::input::shared::{self, Element, Origin};
use crate::money::read::parse_int;

/// Transactions a state remembers by id.
pub const CASH_TRANSACTION_WINDOW: usize = 128;
/// Ids a state of an earlier version (every id in `transaction_ids`) may bring.
pub const MAX_OLD_IDS: usize = 200_000;

/// One remembered transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CashRecentTransaction")
)]
pub struct Recent {
    pub id: String,
    /// Its `created`; `null` for an id of an earlier version's `transaction_ids`.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub created: Option<i64>,
    /// Where it is in the state argument, when its text there is the answers' text of it
    /// ([`Window::mark_written`]): an answer may then share it (`input::shared`).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub origin: Option<Origin>,
}

/// The remembered transactions (written flat into the state).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Window {
    /// Transactions applied so far (`applied_to_payment` ids count from it).
    #[serde(rename = "transaction_count")]
    #[cfg_attr(feature = "ts", ts(rename = "transaction_count", type = "number"))]
    pub count: u64,
    /// The last 128 transactions applied, oldest first: an id among them is a duplicate.
    #[serde(rename = "recent_transactions", serialize_with = "recent_elements")]
    #[cfg_attr(feature = "ts", ts(rename = "recent_transactions", as = "Vec<Recent>"))]
    pub recent: VecDeque<Recent>,
    /// The newest `created` of the transactions that left the window: one created at or before
    /// it is refused (`stale_transaction`); `null` while none has left.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub forgotten_through: Option<i64>,
    /// How many ids are kept: [`CASH_TRANSACTION_WINDOW`] in a state, every one while `cashBalance` folds a log.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub capacity: usize,
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    /// The ids of `recent`, as keys (values unused). serde_json's map (the `IndexMap` every parsed
    /// object already uses) rather than a `HashSet`, whose hash table would be a second copy of
    /// that code in the wasm.
    seen: Map<String, Value>,
}

impl Window {
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            ..Self::default()
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.seen.contains_key(id)
    }

    /// Whether a transaction created then cannot be told from a forgotten one.
    pub fn is_stale(&self, created: i64) -> bool {
        self.forgotten_through.is_some_and(|f| created <= f)
    }

    /// Remembers an applied transaction; the oldest beyond the capacity are forgotten.
    pub fn remember(&mut self, id: &str, created: i64) {
        self.count = self.count.saturating_add(1);
        self.seen.insert(id.to_owned(), Value::Null);
        self.recent.push_back(Recent {
            id: id.to_owned(),
            created: Some(created),
            origin: None,
        });
        while self.recent.len() > self.capacity {
            let Some(old) = self.recent.pop_front() else {
                break;
            };
            self.seen.remove(&old.id);
            // An id of an earlier version has no time: the newest time the window knows stands
            // for it (it was applied before every transaction there).
            let through = old
                .created
                .or_else(|| self.recent.iter().filter_map(|r| r.created).max());
            self.forgotten_through = self.forgotten_through.max(through);
        }
    }

    /// The window of a state read straight from its text (`cash::state_text`), as [`Window::read`]
    /// builds it; `None` for an id listed twice or a count below the ids listed.
    pub fn of_recent(
        recent: VecDeque<Recent>,
        count: Option<u64>,
        forgotten_through: Option<i64>,
    ) -> Option<Self> {
        let mut w = Self::new(CASH_TRANSACTION_WINDOW);
        // Room for the ids and the one a call adds: the map grows no copies on the way.
        w.seen = Map::with_capacity(recent.len() + 1);
        for r in &recent {
            if w.seen.insert(r.id.clone(), Value::Null).is_some() {
                return None;
            }
        }
        let at_least = u64::try_from(recent.len()).ok()?;
        w.count = count.map_or(Some(at_least), |n| (n >= at_least).then_some(n))?;
        w.recent = recent;
        w.forgotten_through = forgotten_through;
        Some(w)
    }

    /// Marks each remembered transaction whose text in `text` (at `spans`, one per element, where
    /// the state's reader found them) is the text the answers write for it, with its [`Origin`].
    pub fn mark_written(&mut self, text: &str, spans: &[(usize, usize)]) {
        let Ok(count) = u32::try_from(spans.len()) else {
            return;
        };
        if spans.len() != self.recent.len() {
            return;
        }
        for ((r, &(from, to)), index) in self.recent.iter_mut().zip(spans).zip(0..) {
            if text.get(from..to).is_some_and(|t| written_as(r, t)) {
                r.origin = Some(Origin { index, count });
            }
        }
    }

    /// Reads the window of a state (or the `transaction_ids` of an earlier version).
    pub fn read(map: &Map<String, Value>, path: &Path, issues: &mut Issues) -> Self {
        let mut w = Self::new(CASH_TRANSACTION_WINDOW);
        let push =
            |w: &mut Self, id: &Value, created: Option<i64>, at: &Path, issues: &mut Issues| {
                match id {
                    Value::String(s) if id_fits(s) => {
                        if w.seen.insert(s.clone(), Value::Null).is_none() {
                            w.recent.push_back(Recent {
                                id: s.clone(),
                                created,
                                origin: None,
                            });
                        } else {
                            issues.push(
                                at,
                                Code::DuplicateTransaction,
                                "a transaction id is listed twice",
                            );
                        }
                    }
                    _ => issues.push(at, Code::InvalidType, "an id is a string"),
                }
            };
        match map.get("recent_transactions") {
            None | Some(Value::Null) => {}
            Some(Value::Array(list)) if list.len() <= CASH_TRANSACTION_WINDOW => {
                let p = path.key("recent_transactions");
                for (i, r) in list.iter().enumerate() {
                    let at = p.index(i);
                    let Some(m) = r.as_object().filter(|m| {
                        m.len() == 2 && m.contains_key("id") && m.contains_key("created")
                    }) else {
                        issues.push(
                            &at,
                            Code::InvalidType,
                            "recent_transactions: each is { id, created }",
                        );
                        continue;
                    };
                    let created = match m.get("created") {
                        Some(Value::Null) | None => None,
                        Some(v) => parse_int(v, 0, "created", &at.key("created"), issues),
                    };
                    push(
                        &mut w,
                        m.get("id").unwrap_or(&Value::Null),
                        created,
                        &at.key("id"),
                        issues,
                    );
                }
            }
            Some(_) => issues.push(
                &path.key("recent_transactions"),
                Code::InvalidType,
                format!("recent_transactions is an array of at most {CASH_TRANSACTION_WINDOW} {{ id, created }}"),
            ),
        }
        // An earlier version kept every id: read them as ids without a time.
        match map.get("transaction_ids") {
            None | Some(Value::Null) => {}
            Some(Value::Array(ids)) if ids.len() <= MAX_OLD_IDS => {
                let p = path.key("transaction_ids");
                for (i, id) in ids.iter().enumerate() {
                    push(&mut w, id, None, &p.index(i), issues);
                }
            }
            Some(_) => issues.push(
                &path.key("transaction_ids"),
                Code::InvalidType,
                format!("transaction_ids is an array of at most {MAX_OLD_IDS} ids"),
            ),
        }
        let at_least = u64::try_from(w.recent.len()).unwrap_or(u64::MAX);
        w.count = match map.get("transaction_count") {
            None | Some(Value::Null) => at_least,
            Some(v) => {
                let p = path.key("transaction_count");
                match parse_int(v, 0, "transaction_count", &p, issues) {
                    Some(n) if u64::try_from(n).is_ok_and(|n| n >= at_least) => n.unsigned_abs(),
                    Some(_) => {
                        issues.push(
                            &p,
                            Code::OutOfRange,
                            "transaction_count is at least the number of recent transactions",
                        );
                        at_least
                    }
                    None => at_least,
                }
            }
        };
        w.forgotten_through = match map.get("forgotten_through") {
            None | Some(Value::Null) => None,
            Some(v) => parse_int(
                v,
                0,
                "forgotten_through",
                &path.key("forgotten_through"),
                issues,
            ),
        };
        w
    }
}

/// Whether `text` is the writer's text of `r`, `{"id":"…","created":…}`, byte for byte (an id
/// the writer would escape is not compared: it is not shared).
fn written_as(r: &Recent, text: &str) -> bool {
    let mut digits = itoa::Buffer::new();
    let created = r.created.map_or("null", |n| digits.format(n));
    plain_run(r.id.as_bytes()) == r.id.len()
        && text
            .strip_prefix("{\"id\":\"")
            .and_then(|t| t.strip_prefix(r.id.as_str()))
            .and_then(|t| t.strip_prefix("\",\"created\":"))
            .and_then(|t| t.strip_prefix(created))
            == Some("}")
}

/// The remembered transactions as an answer writes them: each one marked unchanged from the state
/// argument as (a run of) a reference to it.
fn recent_elements<S: Serializer>(recent: &VecDeque<Recent>, s: S) -> Result<S::Ok, S::Error> {
    let elements: Vec<Element<&Recent>> = recent
        .iter()
        .map(|r| r.origin.map_or(Element::Own(r), Element::Shared))
        .collect();
    shared::recent(&elements, s)
}

/// An id as transactions accept it: non-empty, at most `MAX_ID_LEN` characters (not bytes), so a
/// state this module answers is always read back.
pub fn id_fits(s: &str) -> bool {
    // No more bytes than the limit: no more characters either, without counting them.
    !s.is_empty() && (s.len() <= MAX_ID_LEN || s.chars().take(MAX_ID_LEN + 1).count() <= MAX_ID_LEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_forgets_the_oldest_and_remembers_their_time() {
        let mut w = Window::new(3);
        for (i, created) in [(1, 10), (2, 12), (3, 11), (4, 13), (5, 13)] {
            w.remember(&format!("t{i}"), created);
        }
        assert_eq!(w.count, 5);
        assert_eq!(w.recent.len(), 3);
        assert!(!w.contains("t1") && !w.contains("t2") && w.contains("t3"));
        // t2 (created 12) left the window: 12 and earlier cannot be told from it.
        assert_eq!(w.forgotten_through, Some(12));
        assert!(w.is_stale(12) && w.is_stale(1) && !w.is_stale(13));
    }
}
