//! Input: issues with their JSON Pointer paths, and the field readers every domain shares.

pub mod fields;
pub mod issue;
pub mod json;
pub mod order;
pub mod reader;
pub mod shared;
pub mod writer;
