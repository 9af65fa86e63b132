//! The dashboard's figures against a brute-force recount: a generated order history (with
//! guests, returning customers and cancellations), random periods, and every figure
//! recomputed in plain Rust from the raw rows by the definitions in `shared::reports`.

use rand::{Rng, SeedableRng};
use serde_json::Value;
use server::db::Backend;
use server::seed::history::{seed_history, HistoryOptions};
use shared::orders::OrderStatus;
use shared::reports::{format_day, shop_day, DashboardQuery, Period, PeriodKind};
use shared::staff::StaffRole;
use std::collections::{BTreeMap, HashMap, HashSet};
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    dashboard_figures_equal_a_brute_force_recount,
    dashboard_periods_are_checked,
);

struct Order {
    at: i64,
    status: OrderStatus,
    total: i64,
    email: String,
    method: String,
    /// `(product, quantity, line total)`.
    lines: Vec<(i64, i64, i64)>,
}

async fn all_orders(app: &TestApp) -> Vec<Order> {
    let rows: Vec<(i64, i64, String, i64, String, String)> = sqlx::query_as(
        "SELECT id, created_at, status, grand_total, email, payment_method FROM orders",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let lines: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT l.order_id, v.product_id, CAST(l.quantity AS BIGINT), l.line_total FROM order_lines l \
         JOIN product_variants v ON v.id = l.variant_id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let mut by_order: HashMap<i64, Vec<(i64, i64, i64)>> = HashMap::new();
    for (order, product, qty, total) in lines {
        by_order
            .entry(order)
            .or_default()
            .push((product, qty, total));
    }
    rows.into_iter()
        .map(|(id, at, status, total, email, method)| Order {
            at,
            status: OrderStatus::parse(&status).unwrap(),
            total,
            email,
            method,
            lines: by_order.remove(&id).unwrap_or_default(),
        })
        .collect()
}

/// The figures of `p` by the definitions, the slow way.
fn recount(orders: &[Order], p: &Period) -> Value {
    let in_p: Vec<&Order> = orders.iter().filter(|o| p.contains(o.at)).collect();
    let sales: Vec<&&Order> = in_p.iter().filter(|o| o.status.counts_as_sale()).collect();
    let revenue: i64 = sales.iter().map(|o| o.total).sum();
    let n = sales.len() as i64;
    let units: i64 = sales.iter().flat_map(|o| &o.lines).map(|l| l.1).sum();
    let (start, _) = p.range();
    let customers: HashSet<&str> = sales.iter().map(|o| o.email.as_str()).collect();
    let new = customers
        .iter()
        .filter(|c| {
            !orders
                .iter()
                .any(|o| o.email == **c && o.at < start && o.status.counts_as_sale())
        })
        .count() as i64;
    let aov = if n == 0 {
        0
    } else {
        (revenue as f64 / n as f64).round() as i64
    };
    serde_json::json!({
        "revenue": revenue,
        "orders": n,
        "average_order_value": aov,
        "units": units,
        "new_customers": new,
        "returning_customers": customers.len() as i64 - new,
        "cancellations": in_p.iter().filter(|o| o.status == OrderStatus::Cancelled).count(),
    })
}

fn days(orders: &[Order], p: &Period) -> Vec<(String, i64, i64)> {
    p.each_day()
        .map(|d| {
            let of_day: Vec<&Order> = orders
                .iter()
                .filter(|o| shop_day(o.at) == d && o.status.counts_as_sale())
                .collect();
            (
                format_day(d),
                of_day.iter().map(|o| o.total).sum(),
                of_day.len() as i64,
            )
        })
        .collect()
}

fn top(orders: &[Order], p: &Period) -> Vec<(i64, i64, i64)> {
    let mut by: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for o in orders
        .iter()
        .filter(|o| p.contains(o.at) && o.status.counts_as_sale())
    {
        for (product, qty, total) in &o.lines {
            let e = by.entry(*product).or_default();
            e.0 += total;
            e.1 += qty;
        }
    }
    let mut v: Vec<(i64, i64, i64)> = by.into_iter().map(|(id, (r, u))| (id, r, u)).collect();
    v.sort_by_key(|(id, r, _)| (-r, *id));
    v.truncate(10);
    v
}

fn by_status(orders: &[Order], p: &Period) -> Vec<(String, i64)> {
    OrderStatus::ALL
        .into_iter()
        .filter_map(|s| {
            let n = orders
                .iter()
                .filter(|o| p.contains(o.at) && o.status == s)
                .count() as i64;
            (n > 0).then(|| (s.as_str().to_string(), n))
        })
        .collect()
}

fn waiting(orders: &[Order]) -> Vec<i64> {
    let count = |f: &dyn Fn(&Order) -> bool| orders.iter().filter(|o| f(o)).count() as i64;
    vec![
        count(&|o| o.status == OrderStatus::PendingPayment && o.method == "bank_transfer"),
        count(&|o| {
            o.status == OrderStatus::Paid
                || (o.status == OrderStatus::PendingPayment && o.method == "cash_on_delivery")
        }),
        count(&|o| o.status == OrderStatus::Processing),
    ]
}

fn check(dash: &Value, orders: &[Order], p: &Period, what: &str) {
    let prev = p.previous();
    assert_eq!(dash["period"]["first"], format_day(p.first), "{what}");
    assert_eq!(dash["previous"]["last"], format_day(prev.last), "{what}");
    assert_eq!(dash["current"], recount(orders, p), "{what}: current");
    assert_eq!(
        dash["before"],
        recount(orders, &prev),
        "{what}: previous period"
    );
    let got_days: Vec<(String, i64, i64)> = dash["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["day"].as_str().unwrap().to_string(),
                d["revenue"].as_i64().unwrap(),
                d["orders"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got_days, days(orders, p), "{what}: per day");
    assert_eq!(
        dash["previous_days"].as_array().unwrap().len() as i64,
        prev.days()
    );
    let got_top: Vec<(i64, i64, i64)> = dash["top_products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_i64().unwrap(),
                t["revenue"].as_i64().unwrap(),
                t["units"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got_top, top(orders, p), "{what}: top products");
    let got_status: Vec<(String, i64)> = dash["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["status"].as_str().unwrap().to_string(),
                s["orders"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got_status, by_status(orders, p), "{what}: by status");
    let got_waiting: Vec<i64> = dash["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["orders"].as_i64().unwrap())
        .collect();
    assert_eq!(got_waiting, waiting(orders), "{what}: waiting");
}

async fn dashboard_figures_equal_a_brute_force_recount(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let seed: u64 = rand::thread_rng().gen_range(1..1_000_000);
    let now = server::db::now_millis();
    seed_history(
        &app.db,
        HistoryOptions {
            orders: 1_500,
            customers: 300,
            months: 3,
            seed,
            now_ms: now,
        },
    )
    .await
    .unwrap();
    let orders = all_orders(&app).await;
    assert!(orders.len() >= 1_500);
    assert!(
        orders.iter().any(|o| o.status == OrderStatus::Cancelled),
        "some cancellations"
    );
    let analyst = app.with_staff(&[StaffRole::Analyst]).await;
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let today = shop_day(now);
    // the picker's periods, then random ones (some reaching before the history or past today)
    let mut queries: Vec<DashboardQuery> = [
        PeriodKind::Today,
        PeriodKind::Last7Days,
        PeriodKind::Last30Days,
        PeriodKind::ThisMonth,
    ]
    .into_iter()
    .map(|k| DashboardQuery {
        period: Some(k),
        ..Default::default()
    })
    .collect();
    for _ in 0..12 {
        let first = today - time::Duration::days(rng.gen_range(-3..130));
        let last = first + time::Duration::days(rng.gen_range(0..60));
        queries.push(DashboardQuery {
            period: Some(PeriodKind::Custom),
            from: Some(format_day(first)),
            to: Some(format_day(last)),
        });
    }
    for q in queries {
        let p = Period::resolve(&q, server::db::now_millis()).unwrap();
        let mut url = format!(
            "/api/v1/admin/reports/dashboard?period={}",
            q.period.unwrap().code()
        );
        if let (Some(f), Some(t)) = (&q.from, &q.to) {
            url.push_str(&format!("&from={f}&to={t}"));
        }
        let res = app.get_with(&url, &analyst.cookie).await;
        assert_eq!(res.status, 200, "{url}: {:?}", res.json);
        check(&res.json, &orders, &p, &format!("seed {seed}, {url}"));
    }
    app.cleanup().await;
}

async fn dashboard_periods_are_checked(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let analyst = app.with_staff(&[StaffRole::Analyst]).await;
    for (query, problem, field) in [
        ("period=custom&from=2026-03-01", "day_invalid", "to"),
        (
            "period=custom&from=2026-02-30&to=2026-03-01",
            "day_invalid",
            "from",
        ),
        (
            "period=custom&from=2026-03-02&to=2026-03-01",
            "period_inverted",
            "to",
        ),
        (
            "period=custom&from=2024-01-01&to=2025-12-31",
            "period_too_long",
            "to",
        ),
    ] {
        let res = app
            .get_with(
                &format!("/api/v1/admin/reports/dashboard?{query}"),
                &analyst.cookie,
            )
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
    let res = app
        .get_with(
            "/api/v1/admin/reports/dashboard?period=year",
            &analyst.cookie,
        )
        .await;
    assert_eq!(res.status, 400, "an unknown period: {:?}", res.json);
    // a warehouse operator sees no reports
    let operator = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let res = app
        .get_with("/api/v1/admin/reports/dashboard", &operator.cookie)
        .await;
    assert_eq!(res.status, 403);
    app.cleanup().await;
}
