//! The product quality report (退货与质量): four units of one product delivered in two
//! orders, one unit sent back as defective, received and scrapped by the warehouse — the
//! report shows 4 delivered, 1 returned, return and defect rates of 25.00 % and 1 scrapped;
//! the period before shows nothing; days that are not days, periods that end before they
//! begin or are too long are refused; staff without `view_reports` are not let in.

use serde_json::{json, Value};
use server::db::Backend;
use shared::reports::{format_day, percent_bp, shop_day, Period};
use shared::staff::StaffRole;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    a_scrapped_defective_unit_is_a_quarter_of_four,
    quality_periods_and_permissions_are_checked,
);

const SKU: &str = "BD-001-01";
const REPORT: &str = "/api/v1/admin/reports/quality";

/// The report's figures of one product (or the totals) must be these.
fn assert_figures(f: &Value, want: &[(&str, i64)]) {
    for (key, value) in want {
        assert_eq!(f[*key].as_i64(), Some(*value), "{key}: {f}");
    }
}

async fn a_scrapped_defective_unit_is_a_quarter_of_four(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, cookie) = app.with_customer().await;
    let (first, variant) = app
        .delivered_order(&cookie, "quality-order-1", SKU, 2)
        .await;
    app.delivered_order(&cookie, "quality-order-2", SKU, 2)
        .await;
    let product: i64 = sqlx::query_scalar("SELECT product_id FROM product_variants WHERE id = $1")
        .bind(variant)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();

    // one unit of the first order comes back: defective
    let asked = app
        .post_json(
            &format!("/api/v1/store/orders/{first}/returns"),
            &json!({"lines": [{"line": 0, "quantity": 1}], "reason": "defective",
                    "comment": "开机就黑屏", "resolution": "refund"}),
            &cookie,
        )
        .await;
    assert_eq!(asked.status, 201, "{:?}", asked.json);
    let id = asked.json["returns"][0]["id"].as_i64().unwrap();
    let service = app.with_staff(&[StaffRole::CustomerService]).await;
    let warehouse = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let step = |s: &str| format!("/api/v1/admin/returns/{id}/{s}");
    let approved = app
        .post_json(
            &step("approve"),
            &json!({"note": "请用顺丰到付寄回上海仓"}),
            &service.cookie,
        )
        .await;
    assert_eq!(approved.status, 200, "{:?}", approved.json);
    let sh = app.warehouse_id("SH-01").await;
    let received = app
        .post_json(
            &step("receive"),
            &json!({"warehouse": sh}),
            &warehouse.cookie,
        )
        .await;
    assert_eq!(received.status, 200, "{:?}", received.json);
    let inspected = app
        .post_json(
            &step("inspect"),
            &json!({"lines": [{"line": 0, "restock": 0, "scrap": 1, "to_supplier": 0}]}),
            &warehouse.cookie,
        )
        .await;
    assert_eq!(inspected.status, 200, "{:?}", inspected.json);
    assert_eq!(inspected.json["lines"][0]["scrapped"], 1);

    // the last 90 days, unasked
    let analyst = app.with_staff(&[StaffRole::Analyst]).await;
    let res = app.get_with(REPORT, &analyst.cookie).await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    let period: Period = serde_json::from_value(res.json["period"].clone()).unwrap();
    assert_eq!(period.days(), 90, "{:?}", res.json["period"]);
    let rows = res.json["products"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "only the product delivered: {rows:?}");
    assert_eq!(rows[0]["id"], product);
    assert!(rows[0]["name"]["zh"]
        .as_str()
        .is_some_and(|n| !n.is_empty()));
    let f = &rows[0]["figures"];
    assert_figures(
        f,
        &[
            ("delivered", 4),
            ("requested", 1),
            ("returned", 1),
            ("received", 1),
            ("restocked", 0),
            ("scrapped", 1),
            ("to_supplier", 0),
            ("defective", 1),
            ("return_rate_bp", 2500),
            ("defect_rate_bp", 2500),
        ],
    );
    let rate = u32::try_from(f["return_rate_bp"].as_u64().unwrap()).unwrap();
    assert_eq!(percent_bp(rate), "25.00%");
    assert_eq!(f["top_reason"], "defective");
    assert_eq!(f["reasons"], json!([{"reason": "defective", "units": 1}]));
    assert_eq!(
        res.json["total"], *f,
        "one product: the totals are its figures"
    );

    // the days of the deliveries, asked for: the same
    let at: i64 = sqlx::query_scalar("SELECT MIN(delivered_at) FROM orders")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let delivered_on = shop_day(at);
    let res = app
        .get_with(
            &format!(
                "{REPORT}?from={}&to={}",
                format_day(delivered_on),
                format_day(shop_day(server::db::now_millis()))
            ),
            &analyst.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_figures(
        &res.json["total"],
        &[("delivered", 4), ("returned", 1), ("return_rate_bp", 2500)],
    );

    // the 90 days before: nothing delivered, nothing asked back
    let before = Period::ending(delivered_on - time::Duration::days(1), 90).unwrap();
    let res = app
        .get_with(
            &format!(
                "{REPORT}?from={}&to={}",
                format_day(before.first),
                format_day(before.last)
            ),
            &analyst.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(res.json["products"], json!([]), "{:?}", res.json);
    assert_figures(
        &res.json["total"],
        &[
            ("delivered", 0),
            ("requested", 0),
            ("returned", 0),
            ("scrapped", 0),
            ("return_rate_bp", 0),
            ("defect_rate_bp", 0),
        ],
    );
    assert_eq!(res.json["total"]["top_reason"], Value::Null);
    app.cleanup().await;
}

async fn quality_periods_and_permissions_are_checked(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let analyst = app.with_staff(&[StaffRole::Analyst]).await;
    for (query, problem, field) in [
        ("from=2026-02-30", "day_invalid", "from"),
        ("from=2026-03-01&to=soon", "day_invalid", "to"),
        ("from=2026-13-01&to=2026-12-01", "day_invalid", "from"),
        ("from=2026-03-02&to=2026-03-01", "period_inverted", "to"),
        ("from=2024-01-01&to=2025-12-31", "period_too_long", "to"),
        ("from=2000-01-01", "period_too_long", "from"),
    ] {
        let res = app
            .get_with(&format!("{REPORT}?{query}"), &analyst.cookie)
            .await;
        assert_eq!(
            (
                res.status,
                res.json["problem"].as_str(),
                res.json["field"].as_str()
            ),
            (422, Some(problem), Some(field)),
            "{query}: {:?}",
            res.json
        );
    }
    // empty days are no days: the default period
    let res = app
        .get_with(&format!("{REPORT}?from=&to="), &analyst.cookie)
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    // only staff who may read reports: not the warehouse, not customers, not strangers
    let operator = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    assert_eq!(app.get_with(REPORT, &operator.cookie).await.status, 403);
    let (_, customer) = app.with_customer().await;
    assert_eq!(app.get_with(REPORT, &customer).await.status, 403);
    assert_eq!(app.get_with(REPORT, "").await.status, 401);
    // whoever holds the permission does
    for role in [
        StaffRole::Finance,
        StaffRole::CatalogManager,
        StaffRole::Marketing,
    ] {
        let member = app.with_staff(&[role]).await;
        assert_eq!(
            app.get_with(REPORT, &member.cookie).await.status,
            200,
            "{role:?}"
        );
    }
    app.cleanup().await;
}
