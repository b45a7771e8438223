//! Stripe's expandable references: a field that names another object by its id, or, when the
//! request asked Stripe to expand it, carries that object itself. Either way this package reads
//! the id (and writes the id back): the rest of an expanded object belongs to its own resource.

use serde_json::{Map, Value};

use crate::input::fields::{id_field, required};
use crate::input::issue::{Code, Issues, Path};
use crate::input::json;

/// Longest id (transaction, customer, payment intent, refund, balance transaction).
pub const MAX_ID_LEN: usize = 255;

/// The id at `map[key]`, required: a non-empty string of at most [`MAX_ID_LEN`] characters, or an
/// expanded object with such an `id` (its `object`, when given, must be `object_name`).
pub fn reference(
    map: &Map<String, Value>,
    key: &str,
    object_name: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<String> {
    let value = required(map, key, path, issues)?;
    match value {
        Value::Object(inner) if json::js_tag(value).is_none() => {
            let at = path.key(key);
            let id = id_field(inner, "id", MAX_ID_LEN, &at, issues);
            match inner.get("object") {
                Some(Value::String(o)) if o == object_name => {}
                None => {}
                Some(other) => {
                    issues.push(
                        &at.key("object"),
                        Code::InvalidType,
                        format!(
                            "an expanded {key} is a {} object, got {}",
                            json::quoted(object_name),
                            json::shown_value(other)
                        ),
                    );
                    return None;
                }
            }
            id
        }
        Value::String(_) => id_field(map, key, MAX_ID_LEN, path, issues),
        other => {
            issues.push(
                &path.key(key),
                Code::InvalidType,
                format!(
                    "{key} is an id or the expanded {object_name} object, got {}",
                    json::type_name(other)
                ),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(v: Value) -> (Option<String>, Vec<String>) {
        let map = json!({ "customer": v });
        let mut issues = Issues::new();
        let got = reference(
            map.as_object().unwrap_or(&Map::new()),
            "customer",
            "customer",
            &Path::root(),
            &mut issues,
        );
        let codes = issues
            .into_vec()
            .into_iter()
            .map(|i| format!("{} {}", i.path, i.code.as_str()))
            .collect();
        (got, codes)
    }

    #[test]
    fn an_id_or_an_expanded_object_is_read_as_the_id() {
        assert_eq!(read(json!("cus_1")).0.as_deref(), Some("cus_1"));
        let expanded =
            json!({ "id": "cus_1", "object": "customer", "email": "a@b.c", "balance": 0 });
        assert_eq!(read(expanded).0.as_deref(), Some("cus_1"));
        assert_eq!(read(json!({ "id": "cus_1" })).0.as_deref(), Some("cus_1"));
    }

    #[test]
    fn anything_else_is_refused_at_its_path() {
        assert_eq!(read(json!(7)).1, ["/customer invalid_type"]);
        assert_eq!(read(json!("")).1, ["/customer empty"]);
        assert_eq!(
            read(json!({ "object": "customer" })).1,
            ["/customer/id required"]
        );
        assert_eq!(
            read(json!({ "id": "re_1", "object": "refund" })).1,
            ["/customer/object invalid_type"]
        );
        assert_eq!(read(json!({ "id": 5 })).1, ["/customer/id invalid_type"]);
    }
}
