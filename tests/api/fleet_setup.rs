//! Keeping the own fleet: a delivery zone is made with two slots, edited (a slot kept by its
//! id keeps the parcel promised it, one left out is removed), refused with the rule and the
//! field named when its slots overlap or its names and divisions break a rule, and deleted;
//! a van is added (its plate tidied), refused with a taken plate or a driver who does not
//! deliver, and deactivated — the planner then leaves it out. Every change has its audit
//! entry.

use reqwest::Method;
use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{Posted, StaffLogin, TestApp};

storekeep_tests::on_both_backends!(
    a_zone_is_kept_with_its_slots,
    a_van_is_kept_and_an_inactive_one_not_planned
);

fn today() -> String {
    let (y, m, d) = shared::time::civil_date(
        server::db::now_millis(),
        shared::time::SHOP_UTC_OFFSET_HOURS,
    );
    format!("{y:04}-{m:02}-{d:02}")
}

async fn put(app: &TestApp, path: &str, body: &Value, who: &StaffLogin) -> Posted {
    app.send(Method::PUT, path, Some(body), &who.cookie).await
}

/// `(status, problem, field)` of a refusal.
fn refusal(res: &Posted) -> (u16, Option<&str>, Option<&str>) {
    (
        res.status,
        res.json["problem"].as_str(),
        res.json["field"].as_str(),
    )
}

/// The audit log's actions about one entity, newest first.
async fn audited(app: &TestApp, who: &StaffLogin, entity_type: &str, id: i64) -> Vec<String> {
    let res = app
        .get_with(
            &format!("/api/v1/admin/audit?entity_type={entity_type}&entity_id={id}"),
            &who.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    res.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect()
}

fn slot_times(zone: &Value) -> Vec<(i64, i64)> {
    zone["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["starts"].as_i64().unwrap(), s["ends"].as_i64().unwrap()))
        .collect()
}

async fn promised_slot(app: &TestApp, shipment: i64) -> Option<i64> {
    sqlx::query_scalar("SELECT slot_id FROM shipments WHERE id = $1")
        .bind(shipment)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn a_zone_is_kept_with_its_slots(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let sh = app.warehouse_id("SH-01").await;
    let created = app
        .post_json(
            "/api/v1/admin/fleet/zones",
            &json!({"warehouse": sh, "name": {"zh": " 浦东新区 ", "en": "Pudong"},
                "divisions": [" 310115"],
                "slots": [{"starts": 14 * 60, "ends": 17 * 60}, {"starts": 10 * 60, "ends": 12 * 60}]}),
            &owner.cookie,
        )
        .await;
    assert_eq!(created.status, 201, "{:?}", created.json);
    let id = created.json["id"].as_i64().unwrap();
    assert_eq!(
        created.json["name"],
        json!({"zh": "浦东新区", "en": "Pudong"})
    );
    assert_eq!(created.json["divisions"], json!(["310115"]));
    assert_eq!(
        slot_times(&created.json),
        vec![(600, 720), (840, 1020)],
        "in the order of the day"
    );
    let morning = created.json["slots"][0]["id"].as_i64().unwrap();
    let afternoon = created.json["slots"][1]["id"].as_i64().unwrap();
    let fleet = app.get_with("/api/v1/admin/fleet", &owner.cookie).await;
    assert!(
        fleet.json["zones"]
            .as_array()
            .unwrap()
            .iter()
            .any(|z| z["id"] == id && z["slots"].as_array().unwrap().len() == 2),
        "{:?}",
        fleet.json["zones"]
    );

    // a parcel to Pudong is promised the afternoon
    let parcel = app
        .packed_parcels(&owner.cookie, "zone-slot", &["310115"])
        .await[0];
    let shipped = app
        .post_json(
            &format!("/api/v1/admin/shipments/{parcel}/ship"),
            &json!({"carrier": "own_fleet", "slot": afternoon}),
            &owner.cookie,
        )
        .await;
    assert_eq!(shipped.status, 200, "{:?}", shipped.json);

    // edited: the afternoon kept by its id with other times, the morning replaced
    let path = format!("/api/v1/admin/fleet/zones/{id}");
    let edit = json!({"warehouse": sh, "name": {"zh": "浦东", "en": "Pudong New Area"},
        "divisions": ["310115", "310112"],
        "slots": [{"id": afternoon, "starts": 13 * 60, "ends": 18 * 60}, {"starts": 8 * 60, "ends": 10 * 60}]});
    let saved = put(&app, &path, &edit, &owner).await;
    assert_eq!(saved.status, 200, "{:?}", saved.json);
    assert_eq!(saved.json["name"]["en"], "Pudong New Area");
    assert_eq!(saved.json["divisions"], json!(["310115", "310112"]));
    assert_eq!(slot_times(&saved.json), vec![(480, 600), (780, 1080)]);
    assert_eq!(saved.json["slots"][1]["id"], afternoon, "kept by its id");
    assert_ne!(saved.json["slots"][0]["id"], morning, "a new slot");
    assert_eq!(
        promised_slot(&app, parcel).await,
        Some(afternoon),
        "the parcel keeps its slot"
    );

    // refused, each with its rule next to its field, and nothing changed
    let with = |change: Value| {
        let mut body = edit.clone();
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    for (change, problem, field) in [
        (
            json!({"slots": [{"starts": 540, "ends": 720}, {"starts": 700, "ends": 800}]}),
            "slots_overlap",
            "slots[1].starts",
        ),
        (
            json!({"slots": [{"starts": 540, "ends": 500}]}),
            "slot_invalid",
            "slots[0].ends",
        ),
        (json!({"slots": []}), "no_slots", "slots"),
        (
            json!({"slots": [{"id": morning, "starts": 540, "ends": 720}]}),
            "slot_unknown",
            "slots[0].id",
        ),
        (
            json!({"name": {"zh": "浦东", "en": "  "}}),
            "text_missing",
            "name.en",
        ),
        (
            json!({"divisions": ["3101a"]}),
            "division_invalid",
            "divisions",
        ),
        (
            json!({"divisions": ["3101", "3101"]}),
            "division_repeated",
            "divisions",
        ),
        (json!({"divisions": []}), "no_divisions", "divisions"),
        (json!({"warehouse": 999_999}), "warehouse", "warehouse"),
    ] {
        let res = put(&app, &path, &with(change.clone()), &owner).await;
        assert_eq!(
            refusal(&res),
            (422, Some(problem), Some(field)),
            "{change}: {:?}",
            res.json
        );
        assert!(
            !res.json["message"].as_str().unwrap_or_default().is_empty(),
            "{:?}",
            res.json
        );
    }
    let overlapping = app
        .post_json(
            "/api/v1/admin/fleet/zones",
            &with(json!({"slots": [{"starts": 600, "ends": 720}, {"starts": 540, "ends": 660}]})),
            &owner.cookie,
        )
        .await;
    assert_eq!(
        refusal(&overlapping),
        (422, Some("slots_overlap"), Some("slots[1].starts")),
        "the slot sent later is the one named, though it starts earlier: {:?}",
        overlapping.json
    );
    let fleet = app.get_with("/api/v1/admin/fleet", &owner.cookie).await;
    let zones = fleet.json["zones"].as_array().unwrap();
    let ours: Vec<&Value> = zones
        .iter()
        .filter(|z| {
            z["name"]["en"]
                .as_str()
                .unwrap_or_default()
                .starts_with("Pudong")
        })
        .collect();
    assert_eq!(ours.len(), 1, "the refused zone was not made: {zones:?}");
    assert_eq!(slot_times(ours[0]), vec![(480, 600), (780, 1080)]);

    // deleted: its parcel falls back to the fleet's day
    let gone = app.send(Method::DELETE, &path, None, &owner.cookie).await;
    assert_eq!(gone.status, 204, "{:?}", gone.json);
    assert_eq!(promised_slot(&app, parcel).await, None);
    let again = app.send(Method::DELETE, &path, None, &owner.cookie).await;
    assert_eq!(again.status, 404);
    assert_eq!(put(&app, &path, &edit, &owner).await.status, 404);
    assert_eq!(
        audited(&app, &owner, "delivery_zone", id).await,
        ["zone.delete", "zone.update", "zone.create"]
    );
    app.cleanup().await;
}

/// A van as a draft for `PUT`, with `active` set.
fn draft(van: &Value, active: bool) -> Value {
    json!({"warehouse": van["warehouse"], "plate": van["plate"],
        "max_weight_grams": van["max_weight_grams"], "max_parcels": van["max_parcels"],
        "driver": van["driver_id"], "active": active})
}

async fn plan(app: &TestApp, warehouse: i64, who: &StaffLogin) -> Value {
    let res = app
        .post_json(
            "/api/v1/admin/routes/plan",
            &json!({"warehouse": warehouse, "day": today()}),
            &who.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    res.json
}

async fn a_van_is_kept_and_an_inactive_one_not_planned(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let (sh, gz) = (
        app.warehouse_id("SH-01").await,
        app.warehouse_id("GZ-01").await,
    );
    let mut parcels = app
        .own_fleet_parcels(&owner.cookie, "vans", &["310115", "310104"])
        .await;
    parcels.sort_unstable();
    let driver = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let analyst = app.with_staff(&[StaffRole::Analyst]).await;
    let van = json!({"warehouse": sh, "plate": " 沪a·t0001 ", "max_weight_grams": 200_000,
        "max_parcels": 30, "driver": driver.id, "active": true});
    let created = app
        .post_json("/api/v1/admin/fleet/vehicles", &van, &owner.cookie)
        .await;
    assert_eq!(created.status, 201, "{:?}", created.json);
    let id = created.json["id"].as_i64().unwrap();
    assert_eq!(created.json["plate"], "沪A·T0001", "tidied");
    assert_eq!(created.json["driver_id"], driver.id);
    assert_eq!(created.json["driver"], "测试员工");
    assert_eq!(created.json["active"], true);

    // refused, each with its rule next to its field
    let with = |change: Value| {
        let mut body = van.clone();
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    for (change, problem, field) in [
        (json!({"plate": "沪A·T0001"}), "plate_taken", "plate"),
        (json!({"plate": "沪A·D1001"}), "plate_taken", "plate"),
        (json!({"plate": "  "}), "plate_invalid", "plate"),
        (
            json!({"plate": "沪A·T0002", "driver": analyst.id}),
            "driver_unknown",
            "driver",
        ),
        (
            json!({"plate": "沪A·T0002", "max_weight_grams": 0}),
            "max_weight_invalid",
            "max_weight_grams",
        ),
        (
            json!({"plate": "沪A·T0002", "max_parcels": 10_001}),
            "max_parcels_invalid",
            "max_parcels",
        ),
        (
            json!({"plate": "沪A·T0002", "warehouse": 999_999}),
            "warehouse",
            "warehouse",
        ),
    ] {
        let res = app
            .post_json(
                "/api/v1/admin/fleet/vehicles",
                &with(change.clone()),
                &owner.cookie,
            )
            .await;
        assert_eq!(
            refusal(&res),
            (422, Some(problem), Some(field)),
            "{change}: {:?}",
            res.json
        );
    }
    let fleet = app.get_with("/api/v1/admin/fleet", &owner.cookie).await;
    let drivers: Vec<i64> = fleet.json["drivers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_i64().unwrap())
        .collect();
    assert!(drivers.contains(&driver.id), "{drivers:?}");
    assert!(!drivers.contains(&analyst.id), "an analyst does not drive");

    // only our van stays active in Shanghai: the day is planned with it alone
    let others: Vec<Value> = fleet.json["vehicles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["warehouse"] == sh && v["id"] != id)
        .cloned()
        .collect();
    assert!(!others.is_empty());
    for v in &others {
        let path = format!("/api/v1/admin/fleet/vehicles/{}", v["id"]);
        let res = put(&app, &path, &draft(v, false), &owner).await;
        assert_eq!(res.status, 200, "{:?}", res.json);
        assert_eq!(res.json["active"], false);
    }
    let fleet = app.get_with("/api/v1/admin/fleet", &owner.cookie).await;
    assert!(
        fleet.json["vehicles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["id"] == others[0]["id"] && v["active"] == false),
        "inactive vans are listed"
    );
    let day = plan(&app, sh, &owner).await;
    let routes = day["routes"].as_array().unwrap();
    assert!(!routes.is_empty(), "{day:?}");
    assert!(routes.iter().all(|r| r["vehicle"]["id"] == id), "{day:?}");

    // a van with routes stays with its warehouse
    let path = format!("/api/v1/admin/fleet/vehicles/{id}");
    let mut moved = draft(&created.json, true);
    moved["warehouse"] = json!(gz);
    let res = put(&app, &path, &moved, &owner).await;
    assert_eq!(
        refusal(&res),
        (422, Some("vehicle_has_routes"), Some("warehouse")),
        "{:?}",
        res.json
    );

    // deactivated, it is planned no more: nobody is left to take the parcels
    let res = put(&app, &path, &draft(&created.json, false), &owner).await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(res.json["active"], false);
    assert_eq!(res.json["plate"], "沪A·T0001");
    let day = plan(&app, sh, &owner).await;
    assert!(day["routes"].as_array().unwrap().is_empty(), "{day:?}");
    let mut unplanned: Vec<i64> = day["unplanned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_i64().unwrap())
        .collect();
    unplanned.sort_unstable();
    assert_eq!(unplanned, parcels);

    let missing = put(
        &app,
        "/api/v1/admin/fleet/vehicles/999999",
        &draft(&created.json, true),
        &owner,
    )
    .await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        audited(&app, &owner, "vehicle", id).await,
        ["vehicle.update", "vehicle.create"]
    );
    app.cleanup().await;
}
