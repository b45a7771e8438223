//! The text JSON.stringify writes for the decimal `m · 10^-k` (no trailing zeros in `m` past the
//! point, as the bridge reads a double): what the general path is given for a number the object
//! paths read.

pub fn js_text(m: i64, k: u32) -> String {
    let digits = m.unsigned_abs().to_string();
    let k = k as usize;
    let text = if k == 0 {
        digits
    } else if digits.len() > k {
        format!(
            "{}.{}",
            &digits[..digits.len() - k],
            &digits[digits.len() - k..]
        )
    } else {
        format!("0.{}{digits}", "0".repeat(k - digits.len()))
    };
    if m < 0 {
        format!("-{text}")
    } else {
        text
    }
}
