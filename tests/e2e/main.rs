//! Browser end-to-end tests: the real server with the real WASM bundle, driven in headless
//! Chromium the way a shopper uses it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use fantoccini::Locator;
use server::db::Backend;
use std::time::{Duration, Instant};
use storekeep_tests::browser::Browser;
use storekeep_tests::TestApp;

/// Home → category → sub-category → product; a variant click changes the price without a
/// reload (which only works once the WASM bundle has hydrated the page); English and back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shopper_browses_picks_a_variant_and_switches_language() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let b = Browser::start("zh-CN").await;

    b.goto(&app.url("/")).await;
    assert_eq!(b.lang().await, "zh-CN");
    assert!(b.client.title().await.unwrap().contains("良仓"));

    b.click(Locator::LinkText("数码")).await;
    b.wait_for_path(
        |p| p == "/categories/electronics",
        "the electronics category",
    )
    .await;
    assert_eq!(b.text("h1").await, "数码");

    b.click(Locator::Css(".side-nav a[href='/categories/phones']"))
        .await;
    b.wait_for_path(|p| p == "/categories/phones", "the phones category")
        .await;
    assert!(b.text("[data-testid=result-count]").await.contains("10"));

    b.click(Locator::Css("[data-testid=product-card]")).await;
    let product_path = b
        .wait_for_path(|p| p.starts_with("/products/"), "a product page")
        .await;
    let first_price = b.text("[data-testid=price]").await;
    let first_sku = b.text("[data-testid=sku]").await;
    assert!(first_price.starts_with('¥'), "{first_price}");

    // Pick the largest storage: its price is higher. Clicks before hydration do nothing,
    // so click until the page reacts (or give up after 30 s).
    let started = Instant::now();
    let new_price = loop {
        let sizes = b
            .client
            .find_all(Locator::Css("[data-testid=size-option]"))
            .await
            .unwrap();
        sizes.last().unwrap().click().await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let price = b.text("[data-testid=price]").await;
        if price != first_price {
            break price;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the price never changed: not hydrated?"
        );
    };
    assert!(new_price.starts_with('¥'));
    assert_ne!(b.text("[data-testid=sku]").await, first_sku);
    assert_eq!(b.path().await, product_path, "no navigation happened");
    let pressed = b
        .eval("return [...document.querySelectorAll('[data-testid=size-option]')].pop().getAttribute('aria-pressed')")
        .await;
    assert_eq!(pressed, "true");

    // To English and back.
    b.click(Locator::Css("[data-testid=lang-switch]")).await;
    b.wait_for_path(|p| p == format!("/en{product_path}"), "the English page")
        .await;
    assert_eq!(b.lang().await, "en");
    assert!(b.text("main").await.contains("Size"));
    b.click(Locator::Css("[data-testid=lang-switch]")).await;
    b.wait_for_path(|p| p == product_path, "the Chinese page")
        .await;
    assert_eq!(b.lang().await, "zh-CN");
    assert!(b.text("main").await.contains("规格"));

    b.close().await;
    app.cleanup().await;
}

/// An English browser lands on English pages; on a phone-sized window nothing overflows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_reader_on_a_phone() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let b = Browser::start("en-US").await;
    b.client.set_window_size(375, 812).await.unwrap();
    // The first visit follows Accept-Language; from then on the URL says the language.
    b.goto(&app.url("/")).await;
    b.wait_for_path(|p| p == "/en", "the English home page")
        .await;
    for path in [
        "/en",
        "/en/categories/clothing",
        "/en/products/cotton-crew-neck-tee",
    ] {
        b.goto(&app.url(path)).await;
        assert_eq!(b.lang().await, "en");
        let overflow = b
            .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await;
        assert!(
            overflow.as_i64().unwrap() <= 0,
            "{path} scrolls sideways on a phone: {overflow}"
        );
    }
    assert!(b.text("h1").await.contains("Cotton crew-neck tee"));
    b.close().await;
    app.cleanup().await;
}
