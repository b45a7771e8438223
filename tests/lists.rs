#![cfg(not(target_arch = "wasm32"))]
//! List pages in the v1 envelope (DESIGN section 4, seed balanced-v1-credits.rst "List All Credits").

use balance_ledger::api;
use balance_ledger::{list_page, ListOptions};
use serde_json::{json, Value};

const SEED_URI: &str = "/v1/marketplaces/TEST-MP2ujo21OwDxvn5lSWsLKana/credits";

fn options(v: Value) -> ListOptions {
    ListOptions::from_value(&v).unwrap()
}

fn page(items: &Value, opts: Value) -> Value {
    serde_json::to_value(list_page(items, &options(opts)).unwrap()).unwrap()
}

/// `n` credits, CR0 the oldest, one minute apart.
fn credits(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| json!({ "id": format!("CR{i}"), "created_at": format!("2026-03-06T{:02}:{:02}:00-08:00", i / 60, i % 60) }))
            .collect(),
    )
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn seed_list_envelope() {
    let items = json!([
        { "id": "CR2uuOXLOfWMYzLYJxvHS8u0", "amount": 1254, "created_at": "2012-10-31T16:40:14.940398Z" },
        { "id": "CR2uuUeg6O6Z5DiM8Vlua3oU", "amount": 431, "created_at": "2012-10-31T16:40:14.940996Z" }
    ]);
    let p = page(&items, json!({ "uri": SEED_URI }));
    // Every envelope field as the seed shows it.
    assert_eq!(p["first_uri"], format!("{SEED_URI}?limit=10&offset=0"));
    assert_eq!(p["uri"], format!("{SEED_URI}?limit=10&offset=0"));
    assert_eq!(p["last_uri"], format!("{SEED_URI}?limit=10&offset=0"));
    assert_eq!(p["previous_uri"], Value::Null);
    assert_eq!(p["next_uri"], Value::Null);
    assert_eq!(
        (p["limit"].clone(), p["offset"].clone(), p["total"].clone()),
        (json!(10), json!(0), json!(2))
    );
    // Newest first, as v1.1 documents and DESIGN decides (the v1 example happens to list the
    // older of the two first, 0.0006 s apart).
    assert_eq!(
        ids(&p),
        ["CR2uuUeg6O6Z5DiM8Vlua3oU", "CR2uuOXLOfWMYzLYJxvHS8u0"]
    );
    assert_eq!(p["items"][0], items[1]);
}

#[test]
fn pages_and_their_links() {
    let all = credits(25);
    let p = page(&all, json!({ "uri": "/v1/credits" }));
    assert_eq!(ids(&p)[..3], ["CR24", "CR23", "CR22"]);
    assert_eq!(p["items"].as_array().unwrap().len(), 10);
    assert_eq!(p["previous_uri"], Value::Null);
    assert_eq!(p["next_uri"], "/v1/credits?limit=10&offset=10");
    assert_eq!(p["last_uri"], "/v1/credits?limit=10&offset=20");

    let p = page(&all, json!({ "uri": "/v1/credits", "offset": 10 }));
    assert_eq!(ids(&p)[0], "CR14");
    assert_eq!(p["previous_uri"], "/v1/credits?limit=10&offset=0");
    assert_eq!(p["next_uri"], "/v1/credits?limit=10&offset=20");

    let p = page(&all, json!({ "uri": "/v1/credits", "offset": 20 }));
    assert_eq!(ids(&p), ["CR4", "CR3", "CR2", "CR1", "CR0"]);
    assert_eq!(p["next_uri"], Value::Null);
    assert_eq!(p["uri"], "/v1/credits?limit=10&offset=20");

    let p = page(
        &all,
        json!({ "uri": "/v1/credits", "limit": "5", "offset": "3" }),
    );
    assert_eq!(ids(&p), ["CR21", "CR20", "CR19", "CR18", "CR17"]);
    assert_eq!(p["previous_uri"], "/v1/credits?limit=5&offset=0");
    assert_eq!(p["next_uri"], "/v1/credits?limit=5&offset=8");
    assert_eq!(p["last_uri"], "/v1/credits?limit=5&offset=20");

    // Past the end: an empty page whose previous link is the last page.
    let p = page(&all, json!({ "uri": "/v1/credits", "offset": 40 }));
    assert_eq!(p["items"], json!([]));
    assert_eq!(p["previous_uri"], "/v1/credits?limit=10&offset=20");
    assert_eq!(p["next_uri"], Value::Null);

    // An empty list still has its first (and last) page.
    let p = page(&json!([]), json!({ "uri": "/v1/credits" }));
    assert_eq!(p["total"], 0);
    assert_eq!(p["first_uri"], "/v1/credits?limit=10&offset=0");
    assert_eq!(p["last_uri"], "/v1/credits?limit=10&offset=0");
    assert_eq!(p["previous_uri"], Value::Null);
    assert_eq!(p["next_uri"], Value::Null);
}

#[test]
fn equal_instants_keep_their_order_and_offsets_compare_as_instants() {
    let items = json!([
        { "id": "a", "created_at": "2026-03-06T10:00:00-08:00" },
        { "id": "b", "created_at": "2026-03-06T18:00:00Z" },
        { "id": "c", "created_at": "2026-03-06T17:59:59.5Z" },
        { "id": "d", "created_at": "2026-03-06T10:00:00.000001-08:00" }
    ]);
    assert_eq!(
        ids(&page(&items, json!({ "uri": "/c" }))),
        ["d", "a", "b", "c"]
    );
}

#[test]
fn the_uri_keeps_other_query_parameters() {
    let p = page(
        &credits(3),
        json!({ "uri": "/v1/credits?limit=2&offset=1&state=pending" }),
    );
    assert_eq!(p["uri"], "/v1/credits?state=pending&limit=10&offset=0");
}

fn error(items: &str, options: &str) -> Value {
    let a: Value = serde_json::from_str(&api::list_page(items, options)).unwrap();
    a["error"].clone()
}

#[test]
fn bad_options_and_items_are_refused_with_codes() {
    for (opts, path, code) in [
        (r#"{"uri":"/c","limit":0}"#, "/limit", "not_positive"),
        (r#"{"uri":"/c","limit":101}"#, "/limit", "out_of_range"),
        (r#"{"uri":"/c","limit":2.5}"#, "/limit", "not_integer"),
        (r#"{"uri":"/c","offset":-1}"#, "/offset", "negative"),
        (r#"{"limit":10}"#, "/uri", "required"),
        (r#"{"uri":"credits"}"#, "/uri", "invalid_uri"),
        (r#"{"uri":"/c","page":2}"#, "/page", "unknown_field"),
    ] {
        let e = error("[]", opts);
        assert_eq!(e["code"], "invalid_option", "{opts}");
        assert_eq!(e["issues"][0]["path"], path, "{opts}");
        assert_eq!(e["issues"][0]["code"], code, "{opts}");
    }
    let e = error(
        r#"[{"created_at":"yesterday"},{},7,{"created_at":1}]"#,
        r#"{"uri":"/c"}"#,
    );
    assert_eq!(e["code"], "invalid_input");
    let found: Vec<(String, String)> = e["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_owned(),
                i["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("/0/created_at".to_owned(), "invalid_date_time".to_owned()),
            ("/1/created_at".to_owned(), "required".to_owned()),
            ("/2".to_owned(), "invalid_type".to_owned()),
            ("/3/created_at".to_owned(), "invalid_type".to_owned()),
        ]
    );
    assert_eq!(
        error("{}", r#"{"uri":"/c"}"#)["issues"][0]["code"],
        "invalid_type"
    );
}

#[test]
fn items_pass_through_untouched_proto_keys_included() {
    let items = json!([{ "created_at": "2026-03-06T10:00:00Z", "meta": { "__proto__": "x" }, "extra": [1, {"b": 2}] }]);
    let p = page(&items, json!({ "uri": "/c" }));
    assert_eq!(p["items"][0], items[0]);
}
