//! The two purchases issue 3 names, end to end in Chromium: a guest who searches in Chinese
//! and pays by card on the sandbox gateway with a 满减 coupon, and a customer whose guest
//! cart joins the account at registration and who pays on delivery.

use fantoccini::Locator;
use server::db::Backend;
use storekeep_tests::browser::Browser;
use storekeep_tests::TestApp;

/// Every variant of the product gets `on_hand` units in the first warehouse.
async fn stock_product(app: &TestApp, slug: &str, on_hand: i64) {
    sqlx::query(
        "UPDATE stock_levels SET on_hand = $1, reserved = 0 WHERE variant_id IN \
         (SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id WHERE p.slug = $2)",
    )
    .bind(on_hand)
    .bind(slug)
    .execute(&app.db.pool)
    .await
    .unwrap();
    app.db.commits.note(); // a write the server did not make itself
}

async fn badge(b: &Browser) -> String {
    b.text("[data-testid=cart-count]").await
}

/// Adds the product page's current variant; waits for the mini-cart and the badge.
async fn add_current_variant(b: &Browser, expect_badge: &str) {
    b.click_until(
        "[data-testid=add-to-cart]",
        || async { badge(b).await == expect_badge },
        &format!("the cart badge showed {expect_badge}"),
    )
    .await;
    assert!(
        b.has("[data-testid=mini-cart]").await,
        "the mini-cart says what was added"
    );
}

/// Step 1 of checkout with a Shanghai address, through the cascading pickers.
async fn fill_shanghai_address(b: &Browser, email: Option<&str>) {
    if let Some(email) = email {
        b.type_into("[data-testid=email]", email).await;
    }
    b.type_into("[data-testid=recipient]", "李雷").await;
    b.type_into("[data-testid=phone]", "138 0013 8000").await;
    b.select("[data-testid=province]", "31").await;
    b.select("[data-testid=city]", "3101").await;
    b.select("[data-testid=district]", "310115").await;
    b.type_into("[data-testid=detail]", "世纪大道 100 号 8 楼")
        .await;
}

async fn continue_to(b: &Browser, step: u8) {
    let open = format!("[data-testid=step-{step}].step--open");
    b.click_until(
        "[data-testid=continue]",
        || async { b.has(&open).await },
        &format!("step {step} opened"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guest_searches_in_chinese_and_pays_by_card_with_a_spend_and_save_coupon() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    stock_product(&app, "long-down-parka", 10).await;
    let b = Browser::start("zh-CN").await;

    // find it by searching in Chinese
    b.goto(&app.url("/search?q=%E7%BE%BD%E7%BB%92")).await;
    b.click(Locator::Css(
        "a[data-testid=product-card][href='/products/long-down-parka']",
    ))
    .await;
    b.wait_for_path(|p| p == "/products/long-down-parka", "the parka's page")
        .await;

    // two variants: the default colour, then another
    add_current_variant(&b, "1").await;
    let colors = b
        .client
        .find_all(Locator::Css("[data-testid=color-option]"))
        .await
        .unwrap();
    colors[1].click().await.unwrap();
    b.wait_text("[data-testid=sku]", |s| s != "JK-009-01", "another variant")
        .await;
    add_current_variant(&b, "2").await;
    b.screenshot("guest-1-product-added").await;

    // the cart page lists both, checked by the shop
    b.click(Locator::Css("[data-testid=cart-link]")).await;
    b.wait_for_path(|p| p == "/cart", "the cart").await;
    b.wait_text(
        "[data-testid=cart-subtotal]",
        |s| s == "¥2,378.00",
        "the subtotal",
    )
    .await;
    assert_eq!(
        b.client
            .find_all(Locator::Css("[data-testid=cart-line]"))
            .await
            .unwrap()
            .len(),
        2
    );
    b.screenshot("guest-2-cart").await;
    b.click(Locator::Css("a[data-testid=checkout]")).await;
    b.wait_for_path(|p| p == "/checkout", "checkout").await;

    // a bad mobile number is explained in Chinese, then fixed
    fill_shanghai_address(&b, Some("guest@example.cn")).await;
    b.type_into("[data-testid=phone]", "12345").await;
    b.click_until(
        "[data-testid=continue]",
        || async {
            b.text("[data-testid=step-error]")
                .await
                .contains("手机号码")
        },
        "explained the phone number",
    )
    .await;
    b.type_into("[data-testid=phone]", "138 0013 8000").await;
    b.screenshot("guest-3-address").await;
    continue_to(&b, 2).await;
    b.wait_text(
        "[data-testid=sum-shipping]",
        |s| s == "免运费",
        "free delivery over ¥99",
    )
    .await;
    continue_to(&b, 3).await;
    b.click(Locator::Css("[data-testid=payment-card]")).await;
    continue_to(&b, 4).await;

    // 每满 ¥300 减 ¥50: ¥2,378 holds seven ¥300s
    b.type_into("[data-testid=coupon-code]", "mj300-50").await;
    b.click(Locator::Css("[data-testid=apply-coupon]")).await;
    b.wait_text(
        "[data-testid=coupon-outcome]",
        |s| s.contains("MJ300-50: -¥350.00"),
        "the coupon applied",
    )
    .await;
    assert_eq!(b.text("[data-testid=sum-discount]").await, "-¥350.00");
    assert_eq!(b.text("[data-testid=sum-total]").await, "¥2,028.00");
    b.screenshot("guest-4-review").await;

    // a double click places one order (one Idempotency-Key per attempt; the button waits)
    b.eval("const p = document.querySelector('[data-testid=place-order]'); p.click(); p.click(); return true")
        .await;
    b.wait_for_path(|p| p.starts_with("/sandbox-pay/"), "the card gateway")
        .await;
    assert_eq!(b.text("[data-testid=amount]").await, "¥2,028.00");
    b.click(Locator::Css("[data-testid=approve]")).await;
    b.click(Locator::Css("[data-testid=return]")).await;
    b.wait_for_path(|p| p.starts_with("/orders/SK"), "the confirmation")
        .await;
    b.wait_text("[data-testid=order-status]", |s| s == "已付款", "paid")
        .await;
    assert_eq!(b.text("[data-testid=order-total]").await, "¥2,028.00");
    assert!(b
        .text("[data-testid=order]")
        .await
        .contains("上海市 浦东新区"));
    b.screenshot("guest-5-confirmation").await;
    assert_eq!(
        badge(&b).await,
        "0",
        "the guest cart is empty after the order"
    );

    let (lines, discount, status): (i64, i64, String) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id), discount_total, status FROM orders o",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((lines, discount, status.as_str()), (2, 35_000, "paid"));
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(orders, 1, "the double click placed one order");
    b.close().await;
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customer_registers_finds_the_guest_cart_and_pays_on_delivery() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    stock_product(&app, "cotton-crew-neck-tee", 10).await;
    let b = Browser::start("en").await;
    b.resize(390, 844).await;

    // as a guest, on a phone, in English
    b.goto(&app.url("/en/products/cotton-crew-neck-tee")).await;
    add_current_variant(&b, "1").await;

    // registering signs in and hands the guest cart to the account
    b.goto(&app.url("/en/account/register")).await;
    b.submit_form_until(
        &[
            ("name", "Meimei"),
            ("email", "meimei@example.cn"),
            ("password", "plum blossom 2026"),
        ],
        "/en/account",
    )
    .await;
    b.wait_text("[data-testid=cart-count]", |s| s == "1", "the merged cart")
        .await;

    // out and back in: the cart is the account's now
    b.click_until(
        "[data-testid=logout]",
        || async { b.path().await == "/en" },
        "logged out",
    )
    .await;
    b.wait_text(
        "[data-testid=cart-count]",
        |s| s == "0",
        "an empty guest cart",
    )
    .await;
    b.goto(&app.url("/en/account/login?next=/en/cart")).await;
    b.submit_form_until(
        &[
            ("email", "meimei@example.cn"),
            ("password", "plum blossom 2026"),
        ],
        "/en/cart",
    )
    .await;
    b.wait_text("[data-testid=cart-count]", |s| s == "1", "the saved cart")
        .await;
    b.wait_text(
        "[data-testid=cart-subtotal]",
        |s| s == "¥79.00",
        "the cart checked",
    )
    .await;
    // one more of the same
    b.click(Locator::Css(
        "[data-testid=cart-line] button[aria-label='One more']",
    ))
    .await;
    b.wait_text(
        "[data-testid=cart-subtotal]",
        |s| s == "¥158.00",
        "two tees",
    )
    .await;
    b.screenshot("customer-1-cart-phone").await;

    b.click(Locator::Css("a[data-testid=checkout]")).await;
    b.wait_for_path(|p| p == "/en/checkout", "checkout").await;
    b.wait_text("[data-testid=email]", |_| true, "the form")
        .await;
    let email: String = b
        .eval("return document.querySelector('[data-testid=email]').value")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(email, "meimei@example.cn", "a customer's e-mail is known");
    fill_shanghai_address(&b, None).await;
    b.screenshot("customer-2-address-phone").await;
    continue_to(&b, 2).await;
    continue_to(&b, 3).await;
    b.click(Locator::Css("[data-testid=payment-cash_on_delivery]"))
        .await;
    continue_to(&b, 4).await;
    b.wait_text("[data-testid=sum-total]", |s| s == "¥158.00", "the total")
        .await;
    b.screenshot("customer-3-review-phone").await;
    b.click(Locator::Css("[data-testid=place-order]")).await;
    b.wait_for_path(|p| p.starts_with("/en/orders/SK"), "the confirmation")
        .await;
    assert_eq!(b.text("[data-testid=order-status]").await, "Being prepared");
    assert!(b
        .text("[data-testid=order]")
        .await
        .contains("Cash on delivery"));
    b.wait_text("[data-testid=cart-count]", |s| s == "0", "the cart emptied")
        .await;
    b.screenshot("customer-4-confirmation-phone").await;

    let (in_cart, addresses): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM cart_items), (SELECT COUNT(*) FROM customer_addresses)",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((in_cart, addresses), (0, 1), "cart emptied, address kept");
    b.close().await;
    app.cleanup().await;
}

/// The guest cart survives a reload; shown again after the shop changed, it says what
/// changed (a new price, a sold-out line) and holds checkout until the shopper fixes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cart_keeps_its_items_and_says_what_changed() {
    let mut app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    stock_product(&app, "cotton-crew-neck-tee", 10).await;
    let b = Browser::start("zh-CN").await;
    b.goto(&app.url("/products/cotton-crew-neck-tee")).await;
    add_current_variant(&b, "1").await;
    let first = b.text("[data-testid=sku]").await;
    let sizes = b
        .client
        .find_all(Locator::Css("[data-testid=size-option]"))
        .await
        .unwrap();
    sizes[1].click().await.unwrap();
    let second = b
        .wait_text("[data-testid=sku]", |s| s != first, "another size")
        .await;
    add_current_variant(&b, "2").await;

    // kept in IndexedDB: a reload finds it
    b.client.refresh().await.unwrap();
    b.wait_text("[data-testid=cart-count]", |s| s == "2", "the kept cart")
        .await;

    // meanwhile the shop raises one price and sells out the other item
    sqlx::query("UPDATE product_variants SET price = 8900 WHERE sku = $1")
        .bind(&first)
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.db.commits.note(); // a write the server did not make itself
    sqlx::query("UPDATE stock_levels SET on_hand = 0 WHERE variant_id = (SELECT id FROM product_variants WHERE sku = $1)")
        .bind(&second)
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.db.commits.note(); // a write the server did not make itself
    b.goto(&app.url("/cart")).await;
    let problems = || async {
        let mut texts = Vec::new();
        for el in b
            .client
            .find_all(Locator::Css("[data-testid=line-problem]"))
            .await
            .unwrap()
        {
            texts.push(el.text().await.unwrap());
        }
        texts
    };
    b.wait_text("[data-testid=line-problem]", |_| true, "the problems")
        .await;
    let texts = problems().await;
    assert!(
        texts
            .iter()
            .any(|t| t.contains("¥79.00") && t.contains("¥89.00")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains("已售罄")), "{texts:?}");
    assert!(
        b.has("button[data-testid=checkout][disabled]").await,
        "checkout waits"
    );
    b.screenshot("cart-problems").await;

    // removing the sold-out line lets the shopper go on, at the new price
    let lines = b
        .client
        .find_all(Locator::Css("[data-testid=cart-line]"))
        .await
        .unwrap();
    for line in lines {
        if line.text().await.unwrap().contains("已售罄") {
            line.find(Locator::Css("[data-testid=remove-line]"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
        }
    }
    b.wait_text(
        "[data-testid=cart-subtotal]",
        |s| s == "¥89.00",
        "the new subtotal",
    )
    .await;
    assert!(b.has("a[data-testid=checkout]").await);
    assert_eq!(b.text("[data-testid=cart-count]").await, "1");

    // the shop goes away: a change is still kept on the device, and the page says so
    app.stop_server();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    b.click(Locator::Css(
        "[data-testid=cart-line] button[aria-label='增加数量']",
    ))
    .await;
    b.wait_text(
        "[data-testid=cart-offline]",
        |t| t.contains("保存在本机"),
        "the offline notice",
    )
    .await;
    assert_eq!(b.text("[data-testid=cart-count]").await, "2");
    b.close().await;
    app.cleanup().await;
}
