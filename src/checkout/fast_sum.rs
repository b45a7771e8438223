//! The tight loop of column totals: runs of ordinary rows summed in plain `i64` arithmetic, with
//! every per-call decision (scales, divisors, bounds, absent columns) taken once before the loop.
//!
//! A row is ordinary when each cell is a whole number in its field's bounds and below 2^31, the
//! quantity at least 1, vat and rebate at least 0, and the rebate at most the price. Then each
//! product of two cells is below 2^62 and all three parts of the line are non-negative, so rounding
//! half away from zero is `(x + d/2) / d`: the very results of [`Line::compute`] (the one rounding
//! point, `money::rounding::mul_round_scaled`), which `tests/columns_fast_sum.rs` checks row by
//! row. Sums are kept in `i128`: a call's rows (at most 4,000,000 lines below 2^63 each) cannot
//! overflow them. Any other row ends the run, and the caller's per-row path takes it.
//!
//! [`Line::compute`]: crate::checkout::item::Line::compute

use crate::checkout::item::Sum;

/// Cells from here on take the per-row path (so products stay below 2^62).
const SMALL: i64 = 1 << 31;

/// How a product of two cells (at the sum of their scales) becomes a line part at the currency's
/// scale: divided with rounding, or multiplied when it has fewer digits.
#[derive(Debug, Clone, Copy)]
enum Scaler {
    /// Divide by `d` (a power of ten, 1 included), half away from zero.
    Div { d: i64, half: i64 },
    /// Multiply by `f`; a product above `limit` would pass `i64` and takes the per-row path.
    Mul { f: i64, limit: i64 },
}

impl Scaler {
    fn new(from: u32, to: u32) -> Option<Self> {
        let pow = |n: u32| 10i64.checked_pow(n);
        if from >= to {
            let d = pow(from - to)?;
            Some(Self::Div { d, half: d / 2 })
        } else {
            let f = pow(to - from)?;
            Some(Self::Mul {
                f,
                limit: i64::MAX / f,
            })
        }
    }

    /// The line part of a product `x` (0 ≤ x < 2^62), or `None` when it would pass `i64`.
    #[inline(always)]
    fn apply(self, x: i64) -> Option<i64> {
        match self {
            // d is 1 or even (a power of ten), so adding half rounds a remainder of half or more up.
            Self::Div { d, half } => Some((x + half) / d),
            Self::Mul { f, limit } => (x <= limit).then(|| x * f),
        }
    }
}

/// The per-call plan of the loop, from the column scales, the currency's and the field bounds.
#[derive(Debug, Clone, Copy)]
pub struct FastSum {
    max_price: i64,
    max_quantity: i64,
    max_vat: i64,
    max_rebate: i64,
    net: Scaler,
    vat: Scaler,
    rebate: Scaler,
    /// `rebate × rebate_factor ≤ price × price_factor`: the two at one scale.
    rebate_factor: i64,
    price_factor: i64,
}

/// The scales `(price, quantity, vat, rebate)` of the columns, each with the largest integer its
/// bounds allow there (at most 2^53 − 1), and the currency's scale.
pub struct Plan {
    pub price: (i64, u32),
    pub quantity: (i64, u32),
    pub vat: (i64, u32),
    pub rebate: (i64, u32),
    pub scale: u32,
}

impl FastSum {
    /// The loop for these columns, or `None` when a scale makes it unsafe (the per-row path then
    /// takes every row). An absent quantity column is quantity 1 at scale 0.
    pub fn new(plan: Plan, has_quantity: bool) -> Option<Self> {
        let (max_price, sp) = plan.price;
        let (max_quantity, sq) = if has_quantity { plan.quantity } else { (1, 0) };
        let (max_vat, sv) = plan.vat;
        let (max_rebate, sr) = plan.rebate;
        let top = sp.max(sr);
        Some(Self {
            max_price,
            max_quantity,
            max_vat,
            max_rebate,
            net: Scaler::new(sp.checked_add(sq)?, plan.scale)?,
            vat: Scaler::new(sv.checked_add(sq)?, plan.scale)?,
            rebate: Scaler::new(sr.checked_add(sq)?, plan.scale)?,
            rebate_factor: 10i64.checked_pow(top - sr)?,
            price_factor: 10i64.checked_pow(top - sp)?,
        })
    }

    /// Sums the ordinary rows of `rows` from its start up to the first other row: that row's
    /// index (`rows.end` when all were) and the sum of those before it. `others` are the
    /// quantity, vat and rebate columns (`None`: absent).
    pub fn run(
        &self,
        price: &[f64],
        others: [Option<&[f64]>; 3],
        rows: std::ops::Range<usize>,
    ) -> (usize, Sum) {
        let (mut net, mut rebate, mut vat) = (0i128, 0i128, 0i128);
        let mut row = rows.start;
        while row < rows.end {
            match self.line(price, others, row) {
                Some((n, r, v)) => {
                    net += i128::from(n);
                    rebate += i128::from(r);
                    vat += i128::from(v);
                }
                None => break,
            }
            row += 1;
        }
        // At most MAX_ROWS rows: the count fits u32 (a call's rows never pass 4,000,000).
        let count = u32::try_from(row - rows.start).unwrap_or(u32::MAX);
        let sum = Sum {
            count,
            net,
            rebate,
            vat,
            gross: net - rebate + vat,
        };
        (row, sum)
    }

    /// The rounded `(net, rebate, vat)` of an ordinary row, or `None`.
    #[inline(always)]
    fn line(
        &self,
        price: &[f64],
        [quantity, vat, rebate]: [Option<&[f64]>; 3],
        row: usize,
    ) -> Option<(i64, i64, i64)> {
        let cell = |column: Option<&[f64]>, absent: i64| match column {
            Some(c) => whole(*c.get(row)?),
            None => Some(absent),
        };
        let p = whole(*price.get(row)?)?;
        let q = cell(quantity, 1)?;
        let v = cell(vat, 0)?;
        let r = cell(rebate, 0)?;
        let ordinary = (p | q | v | r) < SMALL
            && p >= 0
            && v >= 0
            && r >= 0
            && q >= 1
            && p <= self.max_price
            && q <= self.max_quantity
            && v <= self.max_vat
            && r <= self.max_rebate
            && r * self.rebate_factor <= p * self.price_factor;
        if !ordinary {
            return None;
        }
        Some((
            self.net.apply(p * q)?,
            self.rebate.apply(r * q)?,
            self.vat.apply(v * q)?,
        ))
    }
}

/// An `f64` holding a whole number exactly, as `i64` (`as` saturates and NaN becomes 0, so the
/// round trip refuses NaN, infinities and fractions; -0 is 0).
#[inline(always)]
fn whole(value: f64) -> Option<i64> {
    let i = value as i64;
    (i as f64 == value).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkout::item::Line;
    use proptest::prelude::*;

    /// A cell around every edge the loop has: zero, one, 2^31, the bounds, negative, fractional.
    fn cell() -> impl Strategy<Value = f64> {
        prop_oneof![
            8 => (0i64..3_000_000).prop_map(|v| v as f64),
            2 => (0i64..(1 << 31) + 2).prop_map(|v| v as f64),
            1 => prop::sample::select(vec![
                0.0, -0.0, 1.0, -1.0, 0.5, f64::NAN, f64::INFINITY,
                ((1i64 << 31) - 1) as f64, (1i64 << 31) as f64, 1e9, 1e9 + 1.0,
                9_007_199_254_740_991.0, 9_223_372_036_854_775_807.0,
            ]),
        ]
    }

    fn plan(scales: (u32, u32, u32, u32), scale: u32) -> Plan {
        // The bounds as Limits gives them for these scales (prices 10^12, quantities 10^9).
        let max = |bound: i64, s: u32| bound.saturating_mul(10i64.pow(s)).min((1 << 53) - 1);
        Plan {
            price: (max(1_000_000_000_000, scales.0), scales.0),
            quantity: (max(1_000_000_000, scales.1), scales.1),
            vat: (max(1_000_000_000_000, scales.2), scales.2),
            rebate: (max(1_000_000_000_000, scales.3), scales.3),
            scale,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

        /// Every row the loop takes has the line of `Line::compute`, the one rounding point; every
        /// row of small whole cells in the rules is taken.
        #[test]
        fn a_taken_row_has_the_line_of_the_rounding_point(
            cells in (cell(), cell(), cell(), cell()),
            scales in (0u32..=6, 0u32..=6, 0u32..=6, 0u32..=6),
            scale in prop::sample::select(vec![0u32, 2, 3, 4]),
            has_quantity in any::<bool>(),
        ) {
            let fast = FastSum::new(plan(scales, scale), has_quantity).unwrap();
            let (p, q, v, r) = cells;
            let (price, quantity, vat, rebate) = ([p], [q], [v], [r]);
            let quantity = has_quantity.then_some(&quantity[..]);
            let (next, sum) = fast.run(&price, [quantity, Some(&vat), Some(&rebate)], 0..1);
            let q = if has_quantity { q } else { 1.0 };
            let sq = if has_quantity { scales.1 } else { 0 };
            let ordinary = [p, q, v, r].iter().all(|x| x.fract() == 0.0 && *x >= 0.0 && *x < 2_147_483_648.0)
                && q >= 1.0
                && (q <= 1e9 || sq > 0)
                && rust_decimal::Decimal::new(r as i64, scales.3) <= rust_decimal::Decimal::new(p as i64, scales.0);
            if next == 1 {
                let line = Line::compute(
                    (p as i128, scales.0), (q as i128, sq),
                    Some((v as i128, scales.2)), Some((r as i128, scales.3)), scale,
                ).unwrap();
                prop_assert!(ordinary);
                prop_assert_eq!(sum, Sum {
                    count: 1, net: line.net, rebate: line.rebate, vat: line.vat, gross: line.amount,
                });
            } else {
                prop_assert_eq!(next, 0);
                prop_assert_eq!(sum, Sum::default());
                // Only a multiplied product too large for i64 may decline an ordinary row.
                prop_assert!(!ordinary || scales.0 + sq < scale || scales.2 + sq < scale || scales.3 + sq < scale);
            }
        }
    }

    #[test]
    fn a_run_stops_at_the_first_row_it_does_not_take_and_sums_those_before() {
        let fast = FastSum::new(plan((2, 3, 4, 4), 2), true).unwrap();
        let price = [1250.0, 999.0, -1.0, 100.0];
        let quantity = [2000.0, 1500.0, 1000.0, 1000.0];
        let vat = [31250.0, 0.0, 0.0, 0.0];
        let rebate = [0.0, 5.0, 0.0, 0.0];
        let (next, sum) = fast.run(&price, [Some(&quantity), Some(&vat), Some(&rebate)], 0..4);
        assert_eq!(next, 2);
        // 12.50 × 2 = 25.00 (VAT 3.125 × 2 = 6.25); 9.99 × 1.5 = 14.985 → 14.99, rebate
        // 0.0005 × 1.5 = 0.00075 → 0.00.
        assert_eq!(
            (sum.count, sum.net, sum.vat, sum.rebate, sum.gross),
            (2, 3999, 625, 0, 4624)
        );
        let (next, sum) = fast.run(&price, [Some(&quantity), Some(&vat), Some(&rebate)], 3..4);
        assert_eq!((next, sum.count, sum.net), (4, 1, 100));
    }
}
