//! `cargo bench -p storekeep-tests --bench back_office` (run by `cargo xtask bench`): the
//! back office on a big shop. Seeds 100,000 orders by 20,000 customers over 12 months
//! (`storekeep seed --orders 100000 --customers 20000` does the same), then times the
//! dashboard API for today, 30 days and 12 months, next to the trivial health route in the
//! same run. SQLite and PostgreSQL. The figures replace the `back-office` block of
//! BENCHMARKS.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use server::db::Backend;
use server::seed::history::{seed_history, HistoryOptions};
use shared::staff::StaffRole;
use std::time::{Duration, Instant};
use storekeep_tests::TestApp;

const ORDERS: u64 = 100_000;
const CUSTOMERS: u64 = 20_000;
const REQUESTS: usize = 20;
const IMPORT_ROWS: usize = 10_000;

struct Row {
    backend: &'static str,
    seed: Duration,
    /// The CSV import of `IMPORT_ROWS` new rows: dry run, then apply.
    import: (Duration, Duration),
    /// `(label, p50, max)` in milliseconds.
    timings: Vec<(&'static str, f64, f64)>,
}

#[tokio::main]
async fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        eprintln!("the back-office benchmark runs with `cargo bench` (or `cargo xtask bench`)");
        return;
    }
    let mut rows = Vec::new();
    for (backend, name) in [
        (Backend::Sqlite, "SQLite"),
        (Backend::Postgres, "PostgreSQL"),
    ] {
        // as `storekeep seed --orders … --customers …` before `storekeep serve`
        let seeding = std::sync::Arc::new(std::sync::Mutex::new(Duration::ZERO));
        let took = seeding.clone();
        let spawned = TestApp::spawn_prepared(
            backend,
            |_| {},
            move |db| {
                Box::pin(async move {
                    db.migrate().await.unwrap();
                    server::seed::seed_demo(&db).await.unwrap();
                    let started = Instant::now();
                    seed_history(&db, HistoryOptions::new(ORDERS, CUSTOMERS))
                        .await
                        .unwrap();
                    *took.lock().unwrap() = started.elapsed();
                })
            },
        )
        .await;
        let Some(app) = spawned else {
            continue;
        };
        let seed = *seeding.lock().unwrap();
        eprintln!("{name}: {ORDERS} orders seeded in {seed:.1?}");
        let analyst = app.with_staff(&[StaffRole::Analyst]).await;
        let today = shared::reports::shop_day(server::db::now_millis());
        let year_ago = shared::reports::format_day(today - time::Duration::days(364));
        let year = format!(
            "/api/v1/admin/reports/dashboard?period=custom&from={year_ago}&to={}",
            shared::reports::format_day(today)
        );
        let mut timings = vec![time_route(&app, "/healthz", "", "health (reference)").await];
        for (label, url) in [
            (
                "dashboard, today",
                "/api/v1/admin/reports/dashboard?period=today".to_string(),
            ),
            (
                "dashboard, 30 days",
                "/api/v1/admin/reports/dashboard?period=30d".to_string(),
            ),
            ("dashboard, 12 months", year),
        ] {
            timings.push(time_route(&app, &url, &analyst.cookie, label).await);
        }
        // the order list (issue 10): ≤ 200 ms with its total count on 100,000 orders
        let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
        let phone: String = sqlx::query_scalar(
            "SELECT phone FROM orders WHERE phone IS NOT NULL ORDER BY id LIMIT 1",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        let month_ago = shared::reports::format_day(today - time::Duration::days(29));
        for (label, url) in [
            (
                "order list, newest first",
                "/api/v1/admin/orders".to_string(),
            ),
            (
                "order list, completed",
                "/api/v1/admin/orders?status=completed".to_string(),
            ),
            (
                "order list, to Guangdong",
                "/api/v1/admin/orders?province=44".to_string(),
            ),
            (
                "order list, by mobile",
                format!("/api/v1/admin/orders?q={phone}"),
            ),
            (
                "order list, 30 days by total",
                format!("/api/v1/admin/orders?from={month_ago}&sort=total&dir=desc"),
            ),
            (
                "order list, by e-mail",
                "/api/v1/admin/orders?q=example".to_string(),
            ),
        ] {
            timings.push(time_route(&app, &url, &clerk.cookie, label).await);
        }
        timings.push(time_allocation(&app, &clerk.cookie).await);
        let import = time_import(&app).await;
        rows.push(Row {
            backend: name,
            seed,
            import,
            timings,
        });
        app.cleanup().await;
    }
    write_report(&rows);
}

/// Allocation of large orders (issue 10: ≤ 100 ms): five orders of 1,000 units over 50 lines,
/// half of the lines kept only in Shanghai and half only in Guangzhou, so that each is split
/// into two shipments; each allocation timed over HTTP.
async fn time_allocation(app: &TestApp, cookie: &str) -> (&'static str, f64, f64) {
    let variants: Vec<i64> = sqlx::query_scalar(
        "SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id WHERE p.status = 'active' ORDER BY v.id LIMIT 50",
    )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    for (i, v) in variants.iter().enumerate() {
        let keep = if i < 25 { "SH-01" } else { "GZ-01" };
        sqlx::query(
            "UPDATE stock_levels SET on_hand = CASE WHEN warehouse_id = (SELECT id FROM warehouses WHERE code = $1) THEN 100 ELSE 0 END, \
             reserved = 0 WHERE variant_id = $2",
        )
        .bind(keep)
        .bind(v)
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    app.db.commits.note();
    let mut ms = Vec::new();
    for n in 0..5 {
        let lines: Vec<serde_json::Value> = variants
            .iter()
            .map(|v| serde_json::json!({"variant_id": v, "quantity": 20}))
            .collect();
        let mut body =
            storekeep_tests::guest_order("big@example.cn", variants[0], 1, "cash_on_delivery");
        body["lines"] = serde_json::Value::Array(lines);
        let placed = app
            .place_order(&format!("bench-big-order-{n:04}"), &body, "")
            .await;
        assert_eq!(placed.status, 201, "{:?}", placed.json);
        let number = placed.json["number"].as_str().unwrap().to_string();
        let t = Instant::now();
        let res = app
            .post_json(
                &format!("/api/v1/admin/orders/{number}/allocate"),
                &serde_json::json!({}),
                cookie,
            )
            .await;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(res.status, 200, "{:?}", res.json);
        assert_eq!(
            res.json["shipments"].as_array().unwrap().len(),
            2,
            "split in two"
        );
    }
    ms.sort_by(f64::total_cmp);
    (
        "allocating 1,000 units / 50 lines (split)",
        ms[ms.len() / 2],
        ms[ms.len() - 1],
    )
}

/// A CSV of `IMPORT_ROWS` new variants (four per product, two options), imported as a dry
/// run and then applied, each timed from the upload to the report.
async fn time_import(app: &TestApp) -> (Duration, Duration) {
    let manager = app.with_staff(&[StaffRole::CatalogManager]).await;
    let (_, cats) = app.get_json("/api/v1/store/categories").await;
    let leaf = cats
        .as_array()
        .unwrap()
        .iter()
        .find(|c| !c["parent_id"].is_null())
        .unwrap()["slug"]
        .clone();
    let (_, brands) = app.get_json("/api/v1/store/brands").await;
    let brand = brands[0]["slug"].clone();
    let mut csv = String::from(
        "product_slug,status,category,brand,name_zh,name_en,description_zh,description_en,color_zh,color_en,size,sku,barcode,price,compare_at,weight_grams\n",
    );
    for i in 0..IMPORT_ROWS {
        let p = i / 4;
        let (color, size) = [
            (("黑色", "Black"), "M"),
            (("黑色", "Black"), "L"),
            (("白色", "White"), "M"),
            (("白色", "White"), "L"),
        ][i % 4];
        csv.push_str(&format!(
            "bulk-{p},active,{},{},批量商品 {p},Bulk product {p},<p>说明 {p}</p>,<p>About {p}</p>,{},{},{size},BULK-{i:05},,{}.00,{}.00,300\n",
            leaf.as_str().unwrap(), brand.as_str().unwrap(), color.0, color.1, 100 + p % 50, 200 + p % 50,
        ));
    }
    let mut took = [Duration::ZERO; 2];
    for (n, apply) in [false, true].into_iter().enumerate() {
        let started = Instant::now();
        let res = app
            .post_bytes(
                &format!("/api/v1/admin/products/import?apply={apply}"),
                "text/csv",
                csv.clone().into_bytes(),
                &manager.cookie,
            )
            .await;
        took[n] = started.elapsed();
        let text = res.json.as_str().unwrap_or_default().to_string();
        let last: serde_json::Value =
            serde_json::from_str(text.lines().last().unwrap_or("{}")).unwrap();
        assert_eq!(last["report"]["error_count"], 0, "{last}");
        assert_eq!(last["report"]["applied"], apply);
    }
    (took[0], took[1])
}

/// `(label, p50 ms, slowest ms)` of `REQUESTS` sequential requests after one warm-up.
async fn time_route(
    app: &TestApp,
    url: &str,
    cookie: &str,
    label: &'static str,
) -> (&'static str, f64, f64) {
    let res = app.get_with(url, cookie).await;
    assert_eq!(res.status, 200, "{url}: {:?}", res.json);
    let mut ms = Vec::with_capacity(REQUESTS);
    for _ in 0..REQUESTS {
        let t = Instant::now();
        let res = app.get_with(url, cookie).await;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(res.status, 200);
    }
    ms.sort_by(f64::total_cmp);
    (label, ms[ms.len() / 2], ms[ms.len() - 1])
}

fn write_report(rows: &[Row]) {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut md = format!(
        "Measured by `cargo xtask bench` (`cargo bench -p storekeep-tests --bench back_office`) on {cores} cores: \
         release build, {ORDERS} orders by {CUSTOMERS} customers over 12 months (the history seeder), \
         {REQUESTS} sequential requests per route after one warm-up, over HTTP on the same machine. \
         Each time is also given as a multiple of the trivial health route's in the same run.\n\n\
         | database | seeding | route | p50 | slowest | p50 ÷ health p50 |\n|---|---:|---|---:|---:|---:|\n"
    );
    let import_rows: Vec<String> = rows
        .iter()
        .map(|r| {
            let (dry, apply) = (r.import.0.as_secs_f64(), r.import.1.as_secs_f64());
            format!(
                "| {} | {dry:.1} s | {apply:.1} s | {:.1} s | {:.0} |\n",
                r.backend,
                dry + apply,
                IMPORT_ROWS as f64 / apply.max(0.001)
            )
        })
        .collect();
    for r in rows {
        let reference = r.timings[0].1.max(0.001);
        for (i, (label, p50, max)) in r.timings.iter().enumerate() {
            let seed = if i == 0 {
                format!("{:.1} s", r.seed.as_secs_f64())
            } else {
                String::new()
            };
            md.push_str(&format!(
                "| {} | {seed} | {label} | {p50:.1} ms | {max:.1} ms | {:.0}× |\n",
                if i == 0 { r.backend } else { "" },
                p50 / reference
            ));
        }
    }
    md.push_str(&format!(
        "\nCSV import of {IMPORT_ROWS} new rows (2,500 products with four variants each, after the history above), \
         timed from the upload to the report; the target is dry run plus apply ≤ 10 s on SQLite.\n\n\
         | database | dry run | apply | together | rows/s applied |\n|---|---:|---:|---:|---:|\n"
    ));
    for r in import_rows {
        md.push_str(&r);
    }
    storekeep_tests::write_benchmark_block("back-office", "Back office on a big shop", &md);
}
