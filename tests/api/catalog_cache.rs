//! The catalogue cache: the shop front's reads come from memory, yet a committed change of a
//! price or of what the shop says about stock is never hidden behind an old copy — not
//! through the server that made it (at once), not through another server on the same
//! database (within a second).

use crate::orders::variant_with_stock;
use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use storekeep_tests::{StaffLogin, TestApp};

storekeep_tests::on_both_backends!(
    no_stale_price_or_stock_is_served_after_a_change,
    kept_pages_get_a_fresh_nonce_and_never_an_old_price,
    a_change_through_one_server_shows_on_another_within_a_second,
);

const SKU: &str = "BD-001-01";

/// The demo product that has `SKU`: its id and slug.
async fn product_of_sku(app: &TestApp) -> (i64, String) {
    sqlx::query_as(
        "SELECT p.id, p.slug FROM products p JOIN product_variants v ON v.product_id = p.id \
         WHERE v.sku = $1",
    )
    .bind(SKU)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// `SKU`'s variant as the shop front's product page at `address` shows it.
async fn shown(client: &reqwest::Client, address: &str, slug: &str) -> Value {
    let res = client
        .get(format!("{address}/api/v1/store/products/{slug}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let product: Value = res.json().await.unwrap();
    product["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["sku"] == SKU)
        .cloned()
        .unwrap()
}

async fn price_in_db(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT price FROM product_variants WHERE sku = $1")
        .bind(SKU)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn change_price(app: &TestApp, address: &str, staff: &StaffLogin, id: i64, bp: i64) {
    let res = app
        .client
        .post(format!("{address}/api/v1/admin/products/bulk"))
        .header(
            "cookie",
            format!("sk_csrf=test-csrf-token; {}", staff.cookie),
        )
        .header("x-csrf-token", "test-csrf-token")
        .json(&json!({"ids": [id], "action": "change_price", "basis_points": bp}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

/// A guest buys `quantity` of `variant` (cash on delivery).
async fn buy(app: &TestApp, key: &str, variant: i64, quantity: u32) -> storekeep_tests::Posted {
    let body =
        storekeep_tests::guest_order("guest@example.cn", variant, quantity, "cash_on_delivery");
    app.place_order(key, &body, "").await
}

async fn no_stale_price_or_stock_is_served_after_a_change(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = app.with_staff(&[StaffRole::CatalogManager]).await;
    let (id, slug) = product_of_sku(&app).await;
    let page = |app: &TestApp| {
        let (client, address, slug) = (app.client.clone(), app.address.clone(), slug.clone());
        async move { shown(&client, &address, &slug).await }
    };

    // readers keep the product, its listing and a search busy all along, racing the writes
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicU64::new(0));
    let mut readers = Vec::new();
    for i in 0..4 {
        let (stop, reads) = (stop.clone(), reads.clone());
        let (client, address, slug) = (app.client.clone(), app.address.clone(), slug.clone());
        readers.push(tokio::spawn(async move {
            let paths = [
                format!("/api/v1/store/products/{slug}"),
                "/api/v1/store/products?page_size=24".to_string(),
                "/api/v1/store/search?q=%E7%BE%BD%E7%BB%92".to_string(),
            ];
            while !stop.load(Ordering::Relaxed) {
                let path = &paths[i % paths.len()];
                let res = client.get(format!("{address}{path}")).send().await.unwrap();
                assert_eq!(res.status(), 200);
                reads.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }

    // prices: every answer after a change names the new price
    for round in 0..8 {
        let before = page(&app).await["price"]["minor"].as_i64().unwrap();
        let bp = if round % 2 == 0 { 1000 } else { -900 };
        change_price(&app, &app.address, &staff, id, bp).await;
        let now = price_in_db(&app).await;
        assert_ne!(now, before, "round {round}: the price changed");
        for _ in 0..3 {
            assert_eq!(page(&app).await["price"]["minor"], now, "round {round}");
        }
    }

    // stock: "6 or more" is all a well-stocked item says; from five down every sale shows
    variant_with_stock(&app, SKU, 50).await;
    assert_eq!(page(&app).await["available"], 6);
    let variant = variant_with_stock(&app, SKU, 7).await;
    assert_eq!(page(&app).await["available"], 6);
    for (n, left) in [(1, 6), (2, 5), (3, 4)] {
        let key = format!("cache-order-{n}");
        let placed = buy(&app, &key, variant, 1).await;
        assert_eq!(placed.status, 201, "{:?}", placed.json);
        assert_eq!(page(&app).await["available"], left, "after sale {n}");
    }
    let placed = buy(&app, "cache-order-all", variant, 4).await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    assert_eq!(page(&app).await["available"], 0, "sold out");

    stop.store(true, Ordering::Relaxed);
    for r in readers {
        r.await.unwrap();
    }
    assert!(reads.load(Ordering::Relaxed) > 0);
    let stats = app.catalog.stats();
    assert!(stats.hits > 0, "the cache answered: {stats:?}");
    app.cleanup().await;
}

async fn a_change_through_one_server_shows_on_another_within_a_second(backend: Backend) {
    let Some(mut app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = app.with_staff(&[StaffRole::CatalogManager]).await;
    let (id, slug) = product_of_sku(&app).await;
    let other = app.another_server().await;
    let client = reqwest::Client::new();
    for (writer, reader) in [
        (app.address.clone(), other.clone()),
        (other, app.address.clone()),
    ] {
        // the reader has the product in memory
        let before = shown(&client, &reader, &slug).await["price"]["minor"].clone();
        assert_eq!(
            shown(&client, &reader, &slug).await["price"]["minor"],
            before
        );
        change_price(&app, &writer, &staff, id, 1000).await;
        let now = price_in_db(&app).await;
        assert_eq!(shown(&client, &writer, &slug).await["price"]["minor"], now);
        let start = Instant::now();
        loop {
            if shown(&client, &reader, &slug).await["price"]["minor"] == now {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(1),
                "the other server still shows {before} a second after the change"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        eprintln!("seen by the other server after {:?}", start.elapsed());
    }
    app.cleanup().await;
}

/// The script nonce of a page and of its Content-Security-Policy.
async fn page(app: &TestApp, path: &str, cookie: Option<&str>) -> (String, String, String) {
    let mut req = app.client.get(app.url(path));
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let html = res.text().await.unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .unwrap()
        .to_string();
    (html, nonce, csp)
}

async fn kept_pages_get_a_fresh_nonce_and_never_an_old_price(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = app.with_staff(&[StaffRole::CatalogManager]).await;
    let (id, slug) = product_of_sku(&app).await;
    let path = format!("/en/products/{slug}");
    let (first, nonce1, _) = page(&app, &path, None).await;
    let (second, nonce2, csp2) = page(&app, &path, None).await;
    assert_ne!(nonce1, nonce2, "every response has its own nonce");
    assert!(
        second.contains(&format!("nonce=\"{nonce2}\"")),
        "the page uses its policy's nonce"
    );
    assert!(!second.contains(&nonce1));
    assert!(csp2.contains(&format!("'nonce-{nonce2}'")));
    assert_eq!(
        first.replace(&nonce1, "N"),
        second.replace(&nonce2, "N"),
        "the same page"
    );
    // a signed-in customer's page is their own, never a kept one
    let (_, customer) = app.with_customer().await;
    let (mine, _, _) = page(&app, &path, Some(&customer)).await;
    let account = |href: &str| format!(r#"href="{href}" data-testid="account-link""#);
    assert!(second.contains(&account("/en/account/login")));
    assert!(
        mine.contains(&account("/en/account")),
        "signed in: 'My account'"
    );

    let before = price_text(&second);
    change_price(&app, &app.address, &staff, id, 1000).await;
    let now = price_in_db(&app).await;
    let (after, _, _) = page(&app, &path, None).await;
    assert_ne!(
        price_text(&after),
        before,
        "the page shows the new price at once"
    );
    assert!(
        after.contains(&shared::Money::cny(now).to_string()),
        "{} on the page",
        shared::Money::cny(now)
    );
    assert!(app.catalog.stats().hits > 0);
    app.cleanup().await;
}

/// The prices written on a page (¥…).
fn price_text(html: &str) -> Vec<String> {
    html.split('¥')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
                .collect()
        })
        .collect()
}
