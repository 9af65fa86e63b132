//! Browser end-to-end tests: the real server with the real WASM bundle, driven in headless
//! Chromium the way a shopper uses it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod back_office;
mod catalogue;
mod consultations;
mod fulfilment;
mod inventory;
mod procurement;
mod profile;
mod purchase;
mod returns;
mod reviews;
mod routes;
mod tracking;
mod wishlist;

use fantoccini::Locator;
use server::db::Backend;
use std::time::{Duration, Instant};
use storekeep_tests::browser::Browser;
use storekeep_tests::TestApp;

/// Signs a staff member in on the back office's page and waits for its start page.
pub(crate) async fn sign_in_staff(b: &Browser, app: &TestApp, email: &str, password: &str) {
    b.goto(&app.url("/admin/login")).await;
    b.type_into("input[name=email]", email).await;
    b.type_into("input[name=password]", password).await;
    b.click(Locator::Css("[data-testid=submit]")).await;
    b.wait_for_path(|p| p == "/admin", "the start page").await;
}

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

/// A shopper creates an account, is signed in, signs out, and signs in again — through the
/// forms, with the CSRF header the app sends; a too-common password is explained.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shopper_registers_logs_out_and_logs_in() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let b = Browser::start("zh-CN").await;
    b.goto(&app.url("/account/register")).await;

    // The form works only once hydrated: retry the first submit until the app answers.
    let fill = |name: &'static str, value: &'static str| {
        let b = &b;
        async move {
            let field = b
                .client
                .find(Locator::Css(&format!("input[name={name}]")))
                .await
                .unwrap();
            field.clear().await.unwrap();
            field.send_keys(value).await.unwrap();
        }
    };
    let started = Instant::now();
    loop {
        fill("name", "韩梅梅").await;
        fill("email", "meimei@example.cn").await;
        fill("password", "password1").await;
        b.click(Locator::Css("[data-testid=submit]")).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        if !b.text("[data-testid=form-error]").await.is_empty() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the form never answered"
        );
    }
    assert!(b.text("[data-testid=form-error]").await.contains("太常见"));

    fill("password", "plum blossom 2026").await;
    b.click(Locator::Css("[data-testid=submit]")).await;
    b.wait_for_path(|p| p == "/account", "the account page")
        .await;
    assert!(b.text("[data-testid=account]").await.contains("韩梅梅"));
    assert_eq!(b.text("[data-testid=account-link]").await, "我的账户");

    // (a click before hydration reloads the page: click until the app handles it)
    let started = Instant::now();
    while b.path().await != "/" {
        b.click(Locator::Css("[data-testid=logout]")).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "log-out never completed"
        );
    }
    assert_eq!(b.text("[data-testid=account-link]").await, "登录");

    b.click(Locator::Css("[data-testid=account-link]")).await;
    b.wait_for_path(|p| p == "/account/login", "the login page")
        .await;
    let started = Instant::now();
    while b.path().await != "/account" {
        fill("email", "meimei@example.cn").await;
        fill("password", "plum blossom 2026").await;
        b.click(Locator::Css("[data-testid=submit]")).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "log-in never completed"
        );
    }
    assert!(b
        .text("[data-testid=account]")
        .await
        .contains("meimei@example.cn"));
    b.close().await;
    app.cleanup().await;
}

/// Searching in Chinese: suggestions appear while typing; Enter shows the results page with
/// facets; a facet narrows the results.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shopper_searches_in_chinese() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let b = Browser::start("zh-CN").await;
    b.goto(&app.url("/")).await;
    let started = Instant::now();
    loop {
        let input = b
            .client
            .find(Locator::Css("[data-testid=search-input]"))
            .await
            .unwrap();
        input.clear().await.unwrap();
        input.send_keys("羽绒").await.unwrap();
        tokio::time::sleep(Duration::from_millis(800)).await;
        if b.client
            .find(Locator::Css("[data-testid=suggestion]"))
            .await
            .is_ok()
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no suggestions appeared"
        );
    }
    let suggestions = b
        .client
        .find_all(Locator::Css("[data-testid=suggestion]"))
        .await
        .unwrap();
    assert_eq!(suggestions.len(), 2, "the two down jackets");

    // Enter submits the plain form to the results page
    let input = b
        .client
        .find(Locator::Css("[data-testid=search-input]"))
        .await
        .unwrap();
    input.send_keys("\u{E007}").await.unwrap();
    b.wait_for_path(|p| p == "/search", "the results page")
        .await;
    assert!(b
        .text("[data-testid=search-heading]")
        .await
        .contains("共 2 件商品"));
    assert_eq!(
        b.client
            .find_all(Locator::Css("[data-testid=product-card]"))
            .await
            .unwrap()
            .len(),
        2
    );
    b.close().await;
    app.cleanup().await;
}

/// A guest's card order: from the order page to the sandbox gateway, approve, and back to
/// the order page, which now says paid.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guest_pays_a_card_order_on_the_sandbox_gateway() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let placed = app
        .order_sku("e2e-card-order-01", "PH-002-01", 1, 5, "card")
        .await;
    let number = placed.json["number"].as_str().unwrap().to_string();
    let token = placed.json["access_token"].as_str().unwrap().to_string();

    let b = Browser::start("zh-CN").await;
    b.goto(&app.url(&format!("/orders/{number}?token={token}")))
        .await;
    assert_eq!(b.text("[data-testid=order-status]").await, "待付款");
    let started = Instant::now();
    while !b.path().await.starts_with("/sandbox-pay/") {
        b.click(Locator::Css("[data-testid=pay]")).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "never reached the gateway"
        );
    }
    assert_eq!(b.text("[data-testid=amount]").await, "¥2,779.00");
    b.click(Locator::Css("[data-testid=approve]")).await;
    assert!(b
        .text("[data-testid=outcome]")
        .await
        .contains("Payment approved"));
    b.click(Locator::Css("[data-testid=return]")).await;
    b.wait_for_path(|p| p == format!("/orders/{number}"), "the order page")
        .await;
    assert_eq!(b.text("[data-testid=order-status]").await, "已付款");
    b.close().await;
    app.cleanup().await;
}
