//! What a credit shows on the bank statement (`appears_on_statement_as`): the v1 document's
//! characters only, at most the version's length.

use crate::input::issue::{Code, Issues, Path};
use crate::payouts::options::Version;

/// The special characters the v1 document allows on a statement, besides ASCII letters and digits,
/// exactly as it lists them (the space included; `,` and `/` are not among them).
pub const DESCRIPTOR_SPECIALS: &str = ".<>(){}[]+&!$*;-%_?:#@~='\" ^\\`|";

/// Whether the v1 document allows a character on a bank statement.
pub fn descriptor_allows(c: char) -> bool {
    // On bytes (the list is ASCII): `str::contains(char)` searches for a non-ASCII char with the
    // substring searcher, which brings its panic formatting into the wasm.
    u8::try_from(c).is_ok_and(|b| {
        b.is_ascii_alphanumeric() || (b.is_ascii() && DESCRIPTOR_SPECIALS.as_bytes().contains(&b))
    })
}

/// How a character is named in a message: `"," (U+002C)`, or only its code point when it would
/// not show (`U+0009`, `U+00A0`, `U+200B`). Decided without Unicode's letter tables, which would
/// add kilobytes to the wasm for a message.
fn name_char(c: char) -> String {
    let invisible = matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
    );
    if c.is_control() || c.is_whitespace() || invisible {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("\"{c}\" (U+{:04X})", u32::from(c))
    }
}

/// The rules of a statement descriptor: at most the version's length, from the v1 character set
/// only (the first five characters it may not contain named). Whether `s` keeps them.
pub fn check_descriptor(s: &str, version: Version, path: &Path, issues: &mut Issues) -> bool {
    let max = version.max_descriptor();
    let mut ok = true;
    let len = s.chars().take(max + 1).count();
    if len > max {
        let limit = match version {
            Version::V1 => format!("{max} characters"),
            Version::V1_1 => format!("{max} characters on a bank credit (v1.1)"),
        };
        issues.push(
            path,
            Code::TooLong,
            format!("appears_on_statement_as is longer than {limit}"),
        );
        ok = false;
    }
    let mut bad: Vec<(usize, char)> = Vec::new();
    for (i, c) in s.chars().enumerate() {
        if !descriptor_allows(c) && !bad.iter().any(|(_, b)| *b == c) {
            bad.push((i, c));
            if bad.len() == 5 {
                break;
            }
        }
    }
    if let Some((i, c)) = bad.first() {
        let others: Vec<String> = bad.iter().skip(1).map(|(_, c)| name_char(*c)).collect();
        let also = if others.is_empty() {
            String::new()
        } else {
            format!(" (also {})", others.join(", "))
        };
        issues.push(
            path,
            Code::InvalidCharacters,
            format!(
                "appears_on_statement_as may not contain {} at position {}{also}; allowed are \
                 ASCII letters, digits, the space and {}",
                name_char(*c),
                i + 1,
                DESCRIPTOR_SPECIALS.replace(' ', "")
            ),
        );
        ok = false;
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_what_the_character_list_holds() {
        // Every char against the list read as text (the definition before the byte check).
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let listed = c.is_ascii_alphanumeric() || DESCRIPTOR_SPECIALS.contains(c);
            assert_eq!(descriptor_allows(c), listed, "{c:?}");
        }
    }
}
