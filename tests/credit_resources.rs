#![cfg(not(target_arch = "wasm32"))]
//! Credit resources (issue 17): `createCredit` in each version's shape, held field for field to the
//! v1 seed's response bodies and to the fields of Balanced's 1.1 schema (the JS test validates them
//! with a JSON-Schema validator); ids and transaction numbers; destinations. Their moves and the
//! v1.1 list envelope: tests/credit_resource_moves.rs.

#[allow(dead_code)]
#[path = "support/credit_resources.rs"]
mod support;

use balance_ledger::{is_id, is_transaction_number};
use serde_json::{json, Value};
use support::*;

#[test]
fn v1_resources_match_the_seed_bodies_field_for_field() {
    for (name, seed) in seed_credits() {
        // The seed's own id, transaction number, creation time, amount, description and meta.
        let request = json!({
            "amount": seed["amount"], "description": seed["description"], "meta": seed["meta"],
            "bank_account": new_account(),
        });
        let options = json!({
            "version": "1", "now": seed["created_at"], "id": seed["id"],
            "transaction_number": seed["transaction_number"], "seed": name, "marketplace": MP,
        });
        let ours = create(request, options).unwrap();
        let ours_map = ours.as_object().unwrap();
        // `account`, the marketplace account object, is the one field this ledger does not hold.
        same_fields(ours_map, &seed, &["account"], &name);
        same_fields(
            ours["destination"].as_object().unwrap(),
            seed["destination"].as_object().unwrap(),
            &[],
            &format!("{name}.destination"),
        );
        for key in [
            "id",
            "transaction_number",
            "amount",
            "fee",
            "created_at",
            "description",
        ] {
            assert_eq!(ours[key], seed[key], "{name}.{key}");
        }
        assert_eq!(
            ours["uri"],
            format!(
                "/v1/marketplaces/{MP}/credits/{}",
                seed["id"].as_str().unwrap()
            )
        );
        assert_eq!(ours["state"], "pending");
        assert!(is_utc_instant(ours["available_at"].as_str().unwrap()));
        assert_eq!(ours["destination"]["name"], seed["destination"]["name"]);
        assert_eq!(
            ours["destination"]["routing_number"],
            seed["destination"]["routing_number"]
        );
        assert_eq!(
            ours["destination"]["last_four"],
            seed["destination"]["last_four"]
        );
        assert!(is_id(ours["destination"]["id"].as_str().unwrap(), &["BA"]));
        // The caller's meta, and the schedule v1 has no field for.
        for (k, v) in seed["meta"].as_object().unwrap() {
            assert_eq!(&ours["meta"][k], v);
        }
        assert!(is_utc_instant(
            ours["meta"]["balance_ledger.submitted_at"]
                .as_str()
                .unwrap()
        ));
        assert!(is_utc_instant(
            ours["meta"]["balance_ledger.failure_deadline"]
                .as_str()
                .unwrap()
        ));
    }
}

#[test]
fn v1_schedule_is_folded_in() {
    // 2012-10-31 16:40 UTC is 09:40 PDT on a Wednesday: submitted in that day's 3 pm batch,
    // available at 9:00 PDT on Thursday, rejectable until 9:00 three business days later (Nov 6:
    // Nov 5 is a Monday; no Fed holiday between).
    let c = create(
        json!({ "amount": 1234, "bank_account": new_account() }),
        json!({ "version": "1", "now": "2012-10-31T16:40:12.425960Z", "seed": "s", "marketplace": MP }),
    )
    .unwrap();
    assert_eq!(c["created_at"], "2012-10-31T16:40:12.425960Z");
    assert_eq!(c["available_at"], "2012-11-01T16:00:00Z");
    assert_eq!(
        c["meta"]["balance_ledger.submitted_at"],
        "2012-10-31T22:00:00Z"
    );
    assert_eq!(
        c["meta"]["balance_ledger.failure_deadline"],
        "2012-11-06T17:00:00Z"
    );
    assert_eq!(
        c["destination"]["created_at"],
        "2012-10-31T16:40:12.425960Z"
    );
    assert!(c.get("appears_on_statement_as").is_none());
}

#[test]
fn v1_1_resources_have_exactly_the_schema_fields() {
    let schema = reference("_models/credit.json");
    let properties: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let link_fields: Vec<&String> = schema["properties"]["links"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    let c = create(
        json!({ "amount": 1500, "description": "June payout", "meta": { "order": "42", "__proto__": "kept" },
                "appears_on_statement_as": "ACME PAYOUT", "destination_uri": "/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm" }),
        json!({ "version": "1.1", "now": "2026-03-06T14:59:59-08:00", "seed": "a", "customer": "CU2rwa8Bc4OYTFpJINYC3Izi" }),
    )
    .unwrap();
    let mut keys: Vec<&String> = c.as_object().unwrap().keys().collect();
    let mut want = properties.clone();
    keys.sort();
    want.sort();
    assert_eq!(keys, want);
    for r in required {
        assert!(c.get(r).is_some(), "{r}");
    }
    let mut links: Vec<&String> = c["links"].as_object().unwrap().keys().collect();
    links.sort();
    let mut want_links = link_fields.clone();
    want_links.sort();
    assert_eq!(links, want_links);
    let id = c["id"].as_str().unwrap();
    assert!(is_id(id, &["CR"]), "{id}");
    assert_eq!(c["href"], format!("/credits/{id}"));
    assert!(is_transaction_number(
        c["transaction_number"].as_str().unwrap()
    ));
    assert_eq!(c["status"], "pending");
    assert_eq!(c["currency"], "USD");
    assert_eq!(c["created_at"], "2026-03-06T22:59:59Z");
    assert_eq!(c["updated_at"], c["created_at"]);
    assert_eq!(
        (&c["failure_reason_code"], &c["failure_reason"]),
        (&Value::Null, &Value::Null)
    );
    assert_eq!(
        c["links"],
        json!({ "customer": "CU2rwa8Bc4OYTFpJINYC3Izi", "destination": "BA2rvRdkxZ1w1B8cVSSAkgpm", "order": null })
    );
    assert_eq!(c["appears_on_statement_as"], "ACME PAYOUT");
    // 14:59:59 PST on a Friday: that day's batch, Monday 9:00 PDT (DST began on Sunday the 8th).
    assert_eq!(
        c["meta"],
        json!({ "order": "42", "__proto__": "kept",
                "balance_ledger.submitted_at": "2026-03-06T23:00:00Z",
                "balance_ledger.failure_deadline": "2026-03-12T16:00:00Z",
                "balance_ledger.available_at": "2026-03-09T16:00:00Z",
                "balance_ledger.fee": "25" })
    );
    // No statement text given: the options' default, else PAYOUT.
    let plain = |opts: Value| {
        create(
            json!({ "amount": 1, "destination_uri": "/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm" }),
            opts,
        )
        .unwrap()
    };
    assert_eq!(
        plain(json!({ "version": "1.1", "now": "2026-03-06T10:00:00Z", "seed": "x" }))
            ["appears_on_statement_as"],
        "PAYOUT"
    );
    assert_eq!(
        plain(
            json!({ "version": "1.1", "now": "2026-03-06T10:00:00Z", "seed": "x", "appearsOnStatementAs": "ACME" })
        )["appears_on_statement_as"],
        "ACME"
    );
}

#[test]
fn ids_come_from_the_seed_or_are_accepted_when_given() {
    let req = json!({ "amount": 100, "bank_account": new_account() });
    let opts = |extra: Value| {
        let mut o = json!({ "version": "1.1", "now": "2026-03-06T10:00:00Z" });
        o.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        o
    };
    let a = create(req.clone(), opts(json!({ "seed": "one" }))).unwrap();
    let b = create(req.clone(), opts(json!({ "seed": "one" }))).unwrap();
    let c = create(req.clone(), opts(json!({ "seed": "two" }))).unwrap();
    assert_eq!(a, b, "the same seed gives the same resource");
    assert_ne!(a["id"], c["id"]);
    assert_ne!(a["links"]["destination"], c["links"]["destination"]);
    assert!(is_id(a["links"]["destination"].as_str().unwrap(), &["BA"]));
    let given = create(
        req.clone(),
        opts(json!({ "id": "CR2rFsIqLsc63vwNkv2BKlmY", "transaction_number": "CR560-489-3182", "seed": "one" })),
    )
    .unwrap();
    assert_eq!(
        (given["id"].as_str(), given["transaction_number"].as_str()),
        (Some("CR2rFsIqLsc63vwNkv2BKlmY"), Some("CR560-489-3182"))
    );
    // Nothing to make ids from.
    let e = create(req.clone(), opts(json!({}))).unwrap_err();
    assert_eq!(
        (e["code"].as_str(), e["issues"][0]["path"].as_str()),
        (Some("invalid_option"), Some("/seed"))
    );
    // Given ids in the wrong format.
    let e = create(
        req,
        opts(json!({ "id": "CR-1", "transaction_number": "CR56-489-3182", "seed": "s" })),
    )
    .unwrap_err();
    let paths: Vec<&str> = e["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["/id", "/transaction_number"]);
}

#[test]
fn options_and_request_are_checked_together() {
    let e = create(json!({ "amount": 1 }), json!({})).unwrap_err();
    let paths: Vec<&str> = e["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        (e["code"].as_str(), paths),
        (Some("invalid_option"), vec!["/version", "/now"])
    );
    // Without a marketplace a v1 credit's uri is the server's own path of it.
    let c = create(
        json!({ "amount": 1, "bank_account": new_account() }),
        json!({ "version": "1", "now": "2026-03-06T10:00:00Z", "seed": "s" }),
    )
    .unwrap();
    assert_eq!(
        c["uri"],
        format!("/v1/credits/{}", c["id"].as_str().unwrap())
    );
    let ba = c["destination"]["id"].as_str().unwrap();
    assert_eq!(c["destination"]["uri"], format!("/v1/bank_accounts/{ba}"));
    let e = create(
        json!({ "amount": 1, "bank_account": new_account() }),
        json!({ "version": "1", "now": "2026-03-06T10:00:00Z", "seed": "s", "marketplace": "a/b" }),
    )
    .unwrap_err();
    assert_eq!(e["issues"][0]["path"], "/marketplace");
    let e = create(
        json!({ "amount": 1 }),
        json!({ "version": "1.1", "now": "yesterday", "seed": "s", "colour": 1 }),
    )
    .unwrap_err();
    let codes: Vec<&str> = e["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unknown_field", "invalid_date_time"]);
    // Request problems, validateCredit's and the resource's own, all at once.
    let e = create(
        json!({ "amount": 0, "meta": { "balance_ledger.fee": "0" }, "destination_uri": "/bank_accounts/nope" }),
        json!({ "version": "1.1", "now": "2026-03-06T10:00:00Z", "seed": "s" }),
    )
    .unwrap_err();
    let found: Vec<(&str, &str)> = e["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["path"].as_str().unwrap(), i["code"].as_str().unwrap()))
        .collect();
    assert_eq!(e["code"], "invalid_input");
    assert_eq!(
        found,
        [
            ("/amount", "not_positive"),
            ("/meta/balance_ledger.fee", "conflicting_fields"),
            ("/destination_uri", "invalid_uri")
        ]
    );
    // No destination at all.
    let e = create(
        json!({ "amount": 1 }),
        json!({ "version": "1.1", "now": "2026-03-06T10:00:00Z", "seed": "s" }),
    )
    .unwrap_err();
    assert_eq!(
        (
            e["issues"][0]["path"].as_str(),
            e["issues"][0]["code"].as_str()
        ),
        (Some("/destination_uri"), Some("required"))
    );
}

#[test]
fn a_stored_destination_serves_the_nested_endpoint_and_v1_uris() {
    let stored = json!({ "id": "BA2rvRdkxZ1w1B8cVSSAkgpm", "name": "Fit Finlay", "routing_number": "325182797",
                         "last_four": "1234", "created_at": "2012-10-31T16:40:12.274947Z" });
    let c = create(
        json!({ "amount": 1234 }),
        json!({ "version": "1", "now": "2012-10-31T16:40:12.425960Z", "seed": "s", "marketplace": MP, "destination": stored }),
    )
    .unwrap();
    assert_eq!(
        c["destination"],
        json!({ "id": "BA2rvRdkxZ1w1B8cVSSAkgpm", "uri": format!("/v1/marketplaces/{MP}/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm"),
                "name": "Fit Finlay", "bank_name": null, "routing_number": "325182797", "last_four": "1234",
                "is_valid": true, "created_at": "2012-10-31T16:40:12.274947Z", "meta": {} })
    );
    // A v1 credit to a URI needs the account's details.
    let e = create(
        json!({ "amount": 1, "destination_uri": "/v1/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm" }),
        json!({ "version": "1", "now": "2026-03-06T10:00:00Z", "seed": "s", "marketplace": MP }),
    )
    .unwrap_err();
    assert_eq!(
        (e["code"].as_str(), e["issues"][0]["path"].as_str()),
        (Some("invalid_option"), Some("/destination"))
    );
    // The URI and the stored account must agree.
    let mut other = stored.clone();
    other["id"] = json!("BA0000000000000000000000");
    let e = create(
        json!({ "amount": 1, "destination_uri": "/v1/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm" }),
        json!({ "version": "1.1", "now": "2026-03-06T10:00:00Z", "seed": "s", "destination": other }),
    )
    .unwrap_err();
    assert_eq!(e["issues"][0]["code"], "conflicting_fields");
    let mut bad = stored;
    bad["routing_number"] = json!("325182798");
    let e = create(
        json!({ "amount": 1 }),
        json!({ "version": "1.1", "now": "2026-03-06T10:00:00Z", "seed": "s", "destination": bad }),
    )
    .unwrap_err();
    assert_eq!(e["issues"][0]["code"], "invalid_routing_number");
}
