//! Stable sorting by a key through one shared sort. Each `sort_by_key` of a new element type is
//! another copy of the standard library's sort in the wasm (~4 KB each, three of them measured with
//! `twiggy monos`); here every caller sorts indices with the same non-generic function, then
//! moves its elements into that order.

use std::cmp::Ordering;

/// Sorts `items` by `key`, keeping the order of items with equal keys (as `sort_by_key` does).
/// Each key is computed once.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = indices_in_order(keys.len(), &|a, b| keys.get(a).cmp(&keys.get(b)));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// The indices `0..n` ordered by `cmp`, equal ones by index: a bottom-up merge sort, a few hundred
/// bytes of code (the standard library's sorts inlined 5–9 KB here, measured).
#[inline(never)]
fn indices_in_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged: Vec<usize> = Vec::with_capacity(n);
    let mut width = 1usize;
    while width < n {
        merged.clear();
        for run in order.chunks(width.saturating_mul(2)) {
            let (left, right) = run.split_at(width.min(run.len()));
            let (mut l, mut r) = (
                left.iter().copied().peekable(),
                right.iter().copied().peekable(),
            );
            loop {
                match (l.peek().copied(), r.peek().copied()) {
                    // The right run's item goes first only when strictly less: equal keys keep
                    // their order.
                    (Some(a), Some(b)) if cmp(b, a) == Ordering::Less => {
                        merged.push(b);
                        r.next();
                    }
                    (Some(a), Some(_)) => {
                        merged.push(a);
                        l.next();
                    }
                    (Some(_), None) => {
                        merged.extend(l);
                        break;
                    }
                    (None, _) => {
                        merged.extend(r);
                        break;
                    }
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width = width.saturating_mul(2);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_keep_their_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (3, 'f')];
        let mut expected = v.clone();
        expected.sort_by_key(|p| p.0);
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, expected);
        assert_eq!(
            v,
            [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c'), (3, 'f')]
        );
    }

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        // A deterministic spread of keys with many ties, lengths across the small-sort cut-offs.
        let mut x: u64 = 7;
        for n in [0usize, 1, 2, 19, 20, 21, 33, 100, 1000] {
            let mut v: Vec<(u64, usize)> = (0..n)
                .map(|i| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((x >> 60) % 7, i)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_by_key(|p| std::cmp::Reverse(p.0));
            sort_by_key(&mut v, |p| std::cmp::Reverse(p.0));
            assert_eq!(v, expected, "n = {n}");
        }
    }
}
