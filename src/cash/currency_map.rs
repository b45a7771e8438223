//! Values per currency code, in code order: a sorted vector. It stands where a `BTreeMap` stood
//! (the same order, so the same JSON) because a cash balance holds a handful of currencies and the
//! B-tree's insert, remove and rebalancing were ~14 KB of the wasm (`twiggy top`).

use serde::{Serialize, Serializer};

/// Values keyed by currency code, iterated in code (byte) order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyMap<V>(Vec<(String, V)>);

impl<V> Default for CurrencyMap<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<V> CurrencyMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, code: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(code))
    }

    pub fn get(&self, code: &str) -> Option<&V> {
        self.find(code)
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, v)| v)
    }

    pub fn contains_key(&self, code: &str) -> bool {
        self.find(code).is_ok()
    }

    /// Sets the value of `code` (replacing any it had).
    pub fn insert(&mut self, code: String, value: V) {
        match self.find(&code) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    slot.1 = value;
                }
            }
            Err(i) => self.0.insert(i, (code, value)),
        }
    }

    pub fn remove(&mut self, code: &str) {
        if let Ok(i) = self.find(code) {
            self.0.remove(i);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
}

/// Written as a JSON object, keys in order (as serde writes a `BTreeMap`).
impl<V: Serialize> Serialize for CurrencyMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn behaves_as_the_btree_map_it_replaced() {
        let mut ours = CurrencyMap::new();
        let mut theirs = BTreeMap::new();
        let steps: &[(&str, Option<i64>)] = &[
            ("usd", Some(5)),
            ("eur", Some(-3)),
            ("sek", Some(0)),
            ("eur", Some(7)),
            ("aud", Some(1)),
            ("usd", None),
            ("zzz", None),
            ("jpy", Some(2)),
            ("aud", None),
        ];
        for &(code, value) in steps {
            match value {
                Some(v) => {
                    ours.insert(code.to_owned(), v);
                    theirs.insert(code.to_owned(), v);
                }
                None => {
                    ours.remove(code);
                    theirs.remove(code);
                }
            }
            assert!(ours.iter().eq(theirs.iter()));
            assert!(ours.keys().eq(theirs.keys()));
            assert_eq!(ours.is_empty(), theirs.is_empty());
            for probe in ["aud", "eur", "jpy", "sek", "usd", "zzz"] {
                assert_eq!(ours.get(probe), theirs.get(probe));
                assert_eq!(ours.contains_key(probe), theirs.contains_key(probe));
            }
            assert_eq!(
                serde_json::to_string(&ours).ok(),
                serde_json::to_string(&theirs).ok()
            );
        }
        assert!(CurrencyMap::<i64>::new().is_empty());
        assert_eq!(
            serde_json::to_string(&CurrencyMap::<String>::new()).ok(),
            Some("{}".to_owned())
        );
    }
}
