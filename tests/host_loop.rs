#![cfg(not(target_arch = "wasm32"))]
//! The host loop of docs/host-loop.md, run exactly as documented — read the stored (state,
//! version); call; in one transaction append the returned entries and store the state only if the
//! version is still the one read (else read again and call again) — by several clients at once,
//! with retries, replays, reused keys and crashes between every two steps, for charge, fund and
//! settle. Whatever happens, folding the stored journal gives the stored state, and a keyed
//! request is applied at most once.

use balance_ledger::{charge_balance, fund_balance, replay_journal, settle_balance, Code, Error};
use proptest::prelude::*;
use serde_json::{json, Value};

fn v<T: serde::Serialize>(t: T) -> Value {
    serde_json::to_value(t).unwrap()
}

/// The host's two tables for one customer: the `customers` row (state, version) and the
/// `journal` rows keyed by (customer, version).
struct Store {
    state: Value,
    version: u64,
    journal: Vec<Value>,
}

impl Store {
    /// `SELECT state, version FROM customers WHERE id = $1`.
    fn read(&self) -> (Value, u64) {
        (self.state.clone(), self.version)
    }
    /// One transaction: `UPDATE customers SET state = $2, version = $3 WHERE id = $1 AND version
    /// = $4`; when it updated a row, `INSERT INTO journal` each entry (primary key (customer,
    /// version): a repeated version would abort the transaction). False when another writer got
    /// there first (nothing is written).
    fn commit(&mut self, read: u64, state: &Value, entries: &[Value]) -> bool {
        if self.version != read {
            return false;
        }
        for (i, e) in entries.iter().enumerate() {
            let next = self.journal.len() as u64 + 1 + i as u64;
            assert_eq!(e["version"], next, "the journal's primary key refuses {e}");
        }
        self.journal.extend(entries.iter().cloned());
        self.state = state.clone();
        self.version = state["version"].as_u64().unwrap();
        true
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Charge(Vec<(u32, u32)>),
    Fund(u32, bool),
    Settle(bool),
}

#[derive(Debug, Clone)]
struct Request {
    kind: Kind,
    /// `k<n>` from a small pool, so different requests meet under one key.
    key: Option<u8>,
}

fn request() -> impl Strategy<Value = Request> {
    let kind = prop_oneof![
        prop::collection::vec((1u32..50_000, 1u32..4), 1..3).prop_map(Kind::Charge),
        (1u32..100_000, any::<bool>()).prop_map(|(a, s)| Kind::Fund(a, s)),
        any::<bool>().prop_map(Kind::Settle),
    ];
    (kind, proptest::option::weighted(0.8, 0u8..6)).prop_map(|(kind, key)| Request { kind, key })
}

/// What the scheduler does next: advance a client one step, crash it between two steps (it
/// retries from the start), or have a finished client send its request again (a replay).
#[derive(Debug, Clone)]
enum Event {
    Step(usize),
    Crash(usize),
    Resend(usize),
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        6 => any::<usize>().prop_map(Event::Step),
        2 => any::<usize>().prop_map(Event::Crash),
        1 => any::<usize>().prop_map(Event::Resend),
    ]
}

/// Where a client is in the loop.
#[derive(Debug, Clone)]
enum Phase {
    /// About to read the stored state.
    Start,
    /// Read (state, version); about to call.
    Read(Value, u64),
    /// Called; about to commit the answer.
    Called(Value, u64),
    /// Committed; the client has not seen the answer yet.
    Committed(Value),
    /// The client saw this answer (or refusal).
    Done(Result<Value, Code>),
}

fn amount(c: u32) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

/// Minutes after 2027-01-01T00:00Z: every run stays within one day, so no key leaves its window.
fn time(minutes: u32) -> String {
    format!("2027-01-01T{:02}:{:02}:00Z", minutes / 60, minutes % 60)
}

fn call(req: &Request, state: &Value, now: &str) -> Result<Value, Error> {
    let opts = match req.key {
        Some(k) => json!({ "now": now, "idempotency_key": format!("k{k}") }),
        None => json!({ "now": now }),
    };
    let outcome = |s: bool| json!(if s { "success" } else { "failure" });
    match &req.kind {
        Kind::Charge(lines) => {
            let body: Vec<Value> = lines
                .iter()
                .map(|(p, q)| json!({ "price": amount(*p), "quantity": q }))
                .collect();
            charge_balance(state, &Value::Array(body), &opts).map(v)
        }
        Kind::Fund(a, s) => {
            let order = json!({ "number": "o1", "items": [{ "price": amount(*a) }], "currency": "SEK",
                                "customer": "c1", "payment": { "type": "customer", "charge": "balance" } });
            fund_balance(state, &order, &outcome(*s), &opts).map(v)
        }
        Kind::Settle(s) => settle_balance(state, &outcome(*s), &opts).map(v),
    }
}

fn check_fold(start: &Value, store: &Store) -> Result<(), TestCaseError> {
    let folded = v(replay_journal(start, &json!(store.journal)).unwrap());
    prop_assert_eq!(&folded, &store.state);
    prop_assert_eq!(store.version as usize, store.journal.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn the_documented_loop_keeps_the_journal_true(
        requests in prop::collection::vec(request(), 1..8),
        events in prop::collection::vec(event(), 0..80),
    ) {
        let start = json!({ "id": "c1", "currency": "SEK", "status": "active", "schedule": [1],
                            "limit": { "hard": 10_000_000 } });
        let mut store = Store { state: start.clone(), version: 0, journal: Vec::new() };
        let mut phases: Vec<Phase> = vec![Phase::Start; requests.len()];
        // Every answer a client saw, with the request it answered.
        let mut seen: Vec<(usize, Value)> = Vec::new();
        let mut clock = 0u32;

        let step = |i: usize, phases: &mut Vec<Phase>, store: &mut Store, clock: &mut u32,
                        seen: &mut Vec<(usize, Value)>| -> Result<(), TestCaseError> {
            let req = &requests[i];
            let next = match std::mem::replace(&mut phases[i], Phase::Start) {
                Phase::Start => {
                    let (state, version) = store.read();
                    Phase::Read(state, version)
                }
                Phase::Read(state, version) => {
                    *clock += 1 + (*clock % 3);
                    match call(req, &state, &time(*clock)) {
                        Ok(answer) => Phase::Called(answer, version),
                        Err(e) => {
                            // A refusal stores nothing. This loop meets only a reused key.
                            prop_assert_eq!(e.code, Code::IdempotencyKeyReused, "{:?}", e);
                            Phase::Done(Err(e.code))
                        }
                    }
                }
                Phase::Called(answer, version) => {
                    let entries = answer["entries"].as_array().unwrap().clone();
                    if answer["replayed"] == true {
                        prop_assert!(entries.is_empty());
                        prop_assert_eq!(&answer["customer"]["version"], &json!(version));
                    }
                    let committed = store.commit(version, &answer["customer"], &entries);
                    check_fold(&start, store)?;
                    if committed { Phase::Committed(answer) } else { Phase::Start }
                }
                Phase::Committed(answer) => {
                    seen.push((i, answer.clone()));
                    Phase::Done(Ok(answer))
                }
                done @ Phase::Done(_) => done,
            };
            phases[i] = next;
            Ok(())
        };

        for event in events {
            let n = requests.len();
            match event {
                Event::Step(i) => step(i % n, &mut phases, &mut store, &mut clock, &mut seen)?,
                // Lost between two steps: before the call, after it before the commit, or after
                // the commit before the client saw the answer. The client sends it again.
                Event::Crash(i) => {
                    if !matches!(phases[i % n], Phase::Done(_)) {
                        phases[i % n] = Phase::Start;
                    }
                }
                // A finished client sends its request again (a replay when it was keyed).
                Event::Resend(i) => {
                    if matches!(phases[i % n], Phase::Done(_)) {
                        phases[i % n] = Phase::Start;
                    }
                }
            }
        }
        // Then every client finishes.
        while let Some(i) = phases.iter().position(|p| !matches!(p, Phase::Done(_))) {
            step(i, &mut phases, &mut store, &mut clock, &mut seen)?;
        }
        check_fold(&start, &store)?;

        // Nothing lost, nothing twice: a key is in at most one entry (all within its window),
        // every answer's entries are in the journal as answered, and a replay names an entry of
        // its key.
        for k in 0..6u8 {
            let key = json!(format!("k{k}"));
            let with = store.journal.iter().filter(|e| e["idempotency_key"] == key).count();
            prop_assert!(with <= 1, "key k{} in {} entries", k, with);
        }
        for (i, phase) in phases.iter().enumerate() {
            if let Phase::Done(Err(_)) = phase {
                // Refused for a key another request holds: that request's entry has it.
                let key = json!(format!("k{}", requests[i].key.unwrap()));
                prop_assert!(store.journal.iter().any(|e| e["idempotency_key"] == key));
            }
        }
        for (i, answer) in &seen {
            let entries = answer["entries"].as_array().unwrap();
            for e in entries {
                let at = e["version"].as_u64().unwrap() as usize - 1;
                prop_assert_eq!(&store.journal[at], e);
            }
            if answer["replayed"] == true {
                let key = json!(format!("k{}", requests[*i].key.unwrap()));
                let matched = answer["matched"].as_array().unwrap();
                prop_assert_eq!(matched.len(), 1);
                let at = matched[0].as_u64().unwrap() as usize - 1;
                prop_assert_eq!(&store.journal[at]["idempotency_key"], &key);
            } else {
                prop_assert_eq!(answer.get("matched"), None);
            }
        }
    }
}
