//! Own-fleet delivery: a day's parcels of the Shanghai warehouse are planned into routes
//! (every parcel on one route, no van over capacity, no longer than the naive order), the
//! driver sees their route and records each door — delivered with the recipient's name, or
//! failed with a reason — and a day that has started is not planned again.

use serde_json::{json, Value};
use server::db::Backend;
use storekeep_tests::{StaffLogin, TestApp};

storekeep_tests::on_both_backends!(
    a_day_is_planned_and_driven,
    a_parcel_keeps_its_delivery_slot
);

async fn post(app: &TestApp, path: &str, body: Value, who: &StaffLogin) -> (u16, Value) {
    let res = app.post_json(path, &body, &who.cookie).await;
    (res.status, res.json)
}

fn today() -> String {
    let (y, m, d) = shared::time::civil_date(
        server::db::now_millis(),
        shared::time::SHOP_UTC_OFFSET_HOURS,
    );
    format!("{y:04}-{m:02}-{d:02}")
}

async fn a_day_is_planned_and_driven(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let parcels = app
        .own_fleet_parcels(
            &owner.cookie,
            "fleet",
            &["310115", "310104", "310106", "310110", "310112", "310101"],
        )
        .await;
    let sh = app.warehouse_id("SH-01").await;
    let day = today();
    let missing = app
        .get_with(
            &format!("/api/v1/admin/routes?warehouse={sh}&day={day}"),
            &owner.cookie,
        )
        .await;
    assert_eq!(missing.status, 404, "not planned yet");
    let (status, plan) = post(
        &app,
        "/api/v1/admin/routes/plan",
        json!({"warehouse": sh, "day": day}),
        &owner,
    )
    .await;
    assert_eq!(status, 200, "{plan:?}");
    let mut on_routes: Vec<i64> = plan["routes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| {
            r["stops"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["shipment"].as_i64().unwrap())
                .collect::<Vec<_>>()
        })
        .collect();
    on_routes.sort_unstable();
    let mut expected = parcels.clone();
    expected.sort_unstable();
    assert_eq!(on_routes, expected, "every parcel on exactly one route");
    assert!(plan["unplanned"].as_array().unwrap().is_empty());
    assert!(
        plan["distance_m"].as_i64().unwrap() <= plan["naive_distance_m"].as_i64().unwrap(),
        "{plan:?}"
    );
    for r in plan["routes"].as_array().unwrap() {
        assert!(
            r["load_grams"].as_i64().unwrap() <= r["vehicle"]["max_weight_grams"].as_i64().unwrap()
        );
        assert!(r["parcels"].as_i64().unwrap() <= r["vehicle"]["max_parcels"].as_i64().unwrap());
        for s in r["stops"].as_array().unwrap() {
            assert!(
                s["eta"].as_i64().unwrap() <= s["window"][1].as_i64().unwrap(),
                "inside its window: {s:?}"
            );
        }
    }
    // the demo warehouse operator drives the Shanghai vans
    sqlx::query("UPDATE vehicles SET driver_id = (SELECT id FROM users WHERE email = 'warehouse@storekeep.test') WHERE warehouse_id = $1")
        .bind(sh)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let driver = StaffLogin {
        id: 0,
        email: "warehouse@storekeep.test".into(),
        password: "warehouse-demo-2026".into(),
        cookie: app
            .login("warehouse@storekeep.test", "warehouse-demo-2026")
            .await,
    };
    let mine = app
        .get_with("/api/v1/admin/me/routes", &driver.cookie)
        .await;
    assert_eq!(mine.status, 200, "{:?}", mine.json);
    let route = mine.json[0].clone();
    let first = route["stops"][0].clone();
    let path = format!(
        "/api/v1/admin/routes/{}/stops/{}",
        route["id"], first["shipment"]
    );
    let (status, _) = post(
        &app,
        &path,
        json!({"delivered": true, "note": " "}),
        &driver,
    )
    .await;
    assert_eq!(status, 422, "a name is needed");
    let (status, body) = post(
        &app,
        &path,
        json!({"delivered": true, "note": "王芳"}),
        &driver,
    )
    .await;
    assert_eq!(status, 204, "{body:?}");
    let (status, body) = post(
        &app,
        &path,
        json!({"delivered": true, "note": "王芳"}),
        &driver,
    )
    .await;
    assert_eq!((status, body["problem"].as_str()), (409, Some("stop_done")));
    let order = first["order"].as_str().unwrap();
    let detail = app
        .get_with(&format!("/api/v1/admin/orders/{order}"), &owner.cookie)
        .await;
    assert_eq!(detail.json["status"], "delivered");
    if let Some(second) = route["stops"].as_array().unwrap().get(1) {
        let path = format!(
            "/api/v1/admin/routes/{}/stops/{}",
            route["id"], second["shipment"]
        );
        let (status, _) = post(
            &app,
            &path,
            json!({"delivered": false, "note": "家中无人，电话未接"}),
            &driver,
        )
        .await;
        assert_eq!(status, 204);
        let ship = app
            .get_with(
                &format!("/api/v1/admin/shipments/{}", second["shipment"]),
                &owner.cookie,
            )
            .await;
        assert_eq!(ship.json["row"]["status"], "shipped", "still on its way");
        assert!(ship.json["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["about"]["kind"] == "delivery_failed"
                && e["about"]["reason"] == "家中无人，电话未接"));
    }
    // a day on the road is not planned again
    let (status, body) = post(
        &app,
        "/api/v1/admin/routes/plan",
        json!({"warehouse": sh, "day": day}),
        &owner,
    )
    .await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (409, Some("routes_started"))
    );
    let (status, _) = post(
        &app,
        "/api/v1/admin/routes/plan",
        json!({"warehouse": sh, "day": "2026-13-40"}),
        &owner,
    )
    .await;
    assert_eq!(status, 400);
    app.cleanup().await;
}

/// A parcel shipped with the own fleet is promised one of its zone's slots; the planner
/// keeps to that window. A slot is for the own fleet only, and only one of a zone that
/// covers the address.
async fn a_parcel_keeps_its_delivery_slot(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let parcels = app
        .packed_parcels(&owner.cookie, "slots", &["310115", "310104", "310106"])
        .await;
    let fleet = app.get_with("/api/v1/admin/fleet", &owner.cookie).await;
    assert_eq!(fleet.status, 200, "{:?}", fleet.json);
    let sh = app.warehouse_id("SH-01").await;
    let zone = |warehouse: i64| {
        fleet.json["zones"]
            .as_array()
            .unwrap()
            .iter()
            .find(|z| z["warehouse"] == warehouse)
            .unwrap()
            .clone()
    };
    let afternoon = &zone(sh)["slots"][1];
    assert_eq!(afternoon["starts"], 13 * 60, "{afternoon:?}");
    let guangzhou = &zone(app.warehouse_id("GZ-01").await)["slots"][0];
    let ship = |body: Value| {
        let path = format!("/api/v1/admin/shipments/{}/ship", parcels[0]);
        let cookie = owner.cookie.clone();
        let app = &app;
        async move { app.post_json(&path, &body, &cookie).await }
    };
    for (body, problem) in [
        (
            json!({"carrier": "sf_express", "slot": afternoon["id"]}),
            "slot_not_own_fleet",
        ),
        (
            json!({"carrier": "own_fleet", "slot": guangzhou["id"]}),
            "no_such_slot",
        ),
    ] {
        let res = ship(body).await;
        assert_eq!(
            (
                res.status,
                res.json["problem"].as_str(),
                res.json["field"].as_str()
            ),
            (422, Some(problem), Some("slot")),
            "{:?}",
            res.json
        );
    }
    // Pudong has a zone of its own inside Shanghai's: its parcels take Pudong's slots
    let pudong = app
        .post_json(
            "/api/v1/admin/fleet/zones",
            &json!({"warehouse": sh, "name": {"zh": "浦东新区", "en": "Pudong"}, "divisions": ["310115"],
                    "slots": [{"starts": 10 * 60, "ends": 11 * 60}]}),
            &owner.cookie,
        )
        .await;
    assert_eq!(pudong.status, 201, "{:?}", pudong.json);
    let res = ship(json!({"carrier": "own_fleet", "slot": afternoon["id"]})).await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("slot_other_zone")),
        "{:?}",
        res.json
    );
    let res = ship(json!({"carrier": "own_fleet", "slot": pudong.json["slots"][0]["id"]})).await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    for (parcel, body) in [
        (
            parcels[1],
            json!({"carrier": "own_fleet", "slot": afternoon["id"]}),
        ),
        (parcels[2], json!({"carrier": "own_fleet"})),
    ] {
        let res = app
            .post_json(
                &format!("/api/v1/admin/shipments/{parcel}/ship"),
                &body,
                &owner.cookie,
            )
            .await;
        assert_eq!(res.status, 200, "{:?}", res.json);
    }

    let (status, plan) = post(
        &app,
        "/api/v1/admin/routes/plan",
        json!({"warehouse": sh, "day": today()}),
        &owner,
    )
    .await;
    assert_eq!(status, 200, "{plan:?}");
    let window = |shipment: i64| {
        plan["routes"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["stops"].as_array().unwrap().iter())
            .find(|s| s["shipment"] == shipment)
            .map(|s| {
                (
                    s["window"][0].as_i64().unwrap(),
                    s["window"][1].as_i64().unwrap(),
                )
            })
    };
    assert_eq!(
        window(parcels[0]),
        Some((10 * 60, 11 * 60)),
        "Pudong's slot"
    );
    assert_eq!(
        window(parcels[1]),
        Some((13 * 60, 18 * 60)),
        "the slot chosen"
    );
    assert_eq!(
        window(parcels[2]),
        Some((9 * 60, 12 * 60)),
        "the zone's first slot"
    );
    app.cleanup().await;
}
