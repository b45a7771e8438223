//! Item columns as the JS bridge sends them to the object paths' core (js/objects.js): what the
//! `preview_settlements_columns` target builds.

/// A cell as the bridge reads it: a mantissa below 2^52 and a scale (0 to 7: 7 is never sent by
/// the bridge, and must be refused).
pub fn cell((m, k): (i64, u8)) -> (i64, u32) {
    (m % (1 << 52), u32::from(k % 8))
}

/// A column brought to its largest scale as the bridge does (None: a value would pass 2^53 − 1).
pub fn align(cells: &[(i64, u32)]) -> Option<(Vec<f64>, u32)> {
    let scale = cells.iter().map(|c| c.1).max().unwrap_or(0);
    let mut out = Vec::with_capacity(cells.len());
    for &(m, k) in cells {
        let v = i128::from(m) * 10i128.pow(scale - k);
        if v.abs() >= 1 << 53 {
            return None;
        }
        out.push(v as f64);
    }
    Some((out, scale))
}
