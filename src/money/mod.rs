//! Money: currencies and their minor units, exact amounts read from input, and the one rounding
//! point (scaled integers, rounded half away from zero to a currency's minor unit).

pub mod amount;
pub mod currency;
pub mod read;
pub mod rounding;
