//! A marketplace order (DESIGN.md §4): lines from the shop itself and from a merchant are
//! placed as one order, but each seller's lines leave from that seller's own warehouse as a
//! shipment of their own, and every ledger row carries the seller whose stock moved.

use crate::fulfilment::{allocate, detail, pack_and_ship, pick_all, pick_list};
use serde_json::json;
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(an_order_from_two_sellers_ships_once_per_seller);

/// Makes a merchant (seller 2) the owner of the Guangzhou warehouse, its stock and its
/// ledger, and of the product of `sku`.
async fn a_merchant_with_a_warehouse(app: &TestApp, sku: &str) {
    let pool = &app.db.pool;
    sqlx::query(
        "INSERT INTO sellers (id, code, name_zh, name_en, kind, created_at) \
         VALUES (2, 'hill-crafts', '山野手作', 'Hill Crafts', 'merchant', 0)",
    )
    .execute(pool)
    .await
    .unwrap();
    let gz = app.warehouse_id("GZ-01").await;
    for table in ["warehouses", "stock_levels", "stock_movements"] {
        let column = if table == "warehouses" {
            "id"
        } else {
            "warehouse_id"
        };
        sqlx::query(&format!(
            "UPDATE {table} SET seller_id = 2 WHERE {column} = $1"
        ))
        .bind(gz)
        .execute(pool)
        .await
        .unwrap();
    }
    let product: i64 = sqlx::query_scalar("SELECT product_id FROM product_variants WHERE sku = $1")
        .bind(sku)
        .fetch_one(pool)
        .await
        .unwrap();
    for (table, column) in [("products", "id"), ("product_variants", "product_id")] {
        sqlx::query(&format!(
            "UPDATE {table} SET seller_id = 2 WHERE {column} = $1"
        ))
        .bind(product)
        .execute(pool)
        .await
        .unwrap();
    }
    app.db.commits.note();
}

async fn an_order_from_two_sellers_ships_once_per_seller(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    a_merchant_with_a_warehouse(&app, "TS-001-01").await;
    let ours = app.variant_with_stock("BD-001-01", 10).await;
    let theirs = app.variant_with_stock("TS-001-01", 10).await;
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let picker = app.with_staff(&[StaffRole::WarehouseOperator]).await;

    let mut body = storekeep_tests::guest_order("two@example.cn", ours, 2, "bank_transfer");
    body["lines"] =
        json!([{"variant_id": ours, "quantity": 2}, {"variant_id": theirs, "quantity": 3}]);
    let placed = app.place_order("two-sellers-1", &body, "").await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    let number = placed.json["number"].as_str().unwrap().to_string();
    let lines: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT variant_id, seller_id FROM order_lines l JOIN orders o ON o.id = l.order_id \
                        WHERE o.number = $1 ORDER BY variant_id",
    )
    .bind(&number)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let mut expected = vec![(ours, 1), (theirs, 2)];
    expected.sort();
    assert_eq!(lines, expected, "each line keeps who sells it");
    let paid = app
        .post_json(
            &format!("/api/v1/admin/orders/{number}/mark-paid"),
            &json!({}),
            &clerk.cookie,
        )
        .await;
    assert_eq!(paid.status, 204, "{:?}", paid.json);

    // the shop's lines from Shanghai (nearest), the merchant's from its own Guangzhou warehouse
    let shipments = allocate(&app, &number, &picker).await;
    assert_eq!(shipments.len(), 2);
    let rows: Vec<(i64, i64, String, i64)> = sqlx::query_as(
        "SELECT s.seller_id, l.variant_id, w.code, s.id FROM shipments s JOIN shipment_lines l ON l.shipment_id = s.id \
         JOIN warehouses w ON w.id = s.warehouse_id WHERE s.order_id = (SELECT id FROM orders WHERE number = $1) \
         ORDER BY s.seller_id",
    )
    .bind(&number)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let placed: Vec<(i64, i64, &str)> = rows.iter().map(|r| (r.0, r.1, r.2.as_str())).collect();
    assert_eq!(
        placed,
        [(1, ours, "SH-01"), (2, theirs, "GZ-01")],
        "one shipment per seller, from that seller's warehouse"
    );
    let mut ids: Vec<i64> = rows.iter().map(|r| r.3).collect();
    ids.sort();
    let mut allocated = shipments.clone();
    allocated.sort();
    assert_eq!(ids, allocated);
    app.assert_books_true().await;

    // both leave; the order is shipped when the second one is
    for (_, _, code, shipment) in &rows {
        let (code, shipment) = (code.as_str(), *shipment);
        let warehouse = app.warehouse_id(code).await;
        let list = pick_list(&app, warehouse, &picker).await;
        pick_all(&app, &list, &picker, |l| l["quantity"].as_u64().unwrap()).await;
        let tracking = format!("SF{shipment:012}");
        let (status, body) = pack_and_ship(&app, shipment, &picker, Some(&tracking)).await;
        assert_eq!(status, 200, "{body:?}");
    }
    assert_eq!(detail(&app, &number, &clerk).await["status"], "shipped");

    // every movement of the order's stock is booked to the seller whose warehouse it left
    let wrong: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM stock_movements m JOIN warehouses w ON w.id = m.warehouse_id \
         WHERE m.variant_id IN ($1, $2) AND m.seller_id <> w.seller_id",
    )
    .bind(ours)
    .bind(theirs)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(wrong, 0);
    let shipped: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT seller_id, CAST(SUM(quantity) AS BIGINT) FROM stock_movements WHERE kind = 'shipment' \
         AND variant_id IN ($1, $2) GROUP BY seller_id ORDER BY seller_id",
    )
    .bind(ours)
    .bind(theirs)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(shipped, [(1, 2), (2, 3)]);
    app.assert_books_true().await;
    app.cleanup().await;
}
