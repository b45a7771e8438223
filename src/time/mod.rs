//! Time: the civil calendar and US federal business days, Pacific time, and time stamps.

pub mod calendar;
pub mod pacific;
pub mod stamp;
