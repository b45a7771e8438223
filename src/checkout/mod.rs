//! Checkout: line items, their validation and totals, and the same rules over columns of integers.

pub mod columns;
pub mod fast_sum;
pub mod item;
