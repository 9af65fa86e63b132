//! The wishlist in a real browser: a guest on a phone keeps a product with the heart on its
//! card, finds it on "My wishlist" (kept in this browser), signs in — and the product is
//! now in their account, shown pressed on its page, where letting it go empties the list.

use server::db::Backend;
use storekeep_tests::browser::Browser;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(a_guest_keeps_a_product_and_signs_in);

async fn a_guest_keeps_a_product_and_signs_in(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let email = "keeper@example.cn";
    app.register_customer(email).await;
    let b = Browser::start("zh-CN").await;
    b.resize(390, 844).await;
    b.goto(&app.url("/")).await;
    let slug = b
        .eval("return document.querySelector('.product-tile [data-testid=wish]').dataset.product")
        .await;
    let slug = slug
        .as_str()
        .expect("a heart on the first card")
        .to_string();
    let heart = format!(".product-tile [data-testid=wish][data-product='{slug}']");
    // clicks before the heart has hydrated and the wishlist loaded do nothing: again until
    // it is pressed
    b.click_until(
        &heart,
        || async {
            b.eval(&format!(
                "return document.querySelector(\"{heart}\").getAttribute('aria-pressed')"
            ))
            .await
                == serde_json::json!("true")
        },
        "the heart pressed",
    )
    .await;
    b.screenshot("wishlist-heart-zh-390").await;

    b.goto(&app.url("/account/wishlist")).await;
    b.wait_text(
        "[data-testid=wishlist]",
        |t| !t.is_empty(),
        "the kept product's card",
    )
    .await;
    assert!(
        b.has("[data-testid=wishlist-guest]").await,
        "kept on this device"
    );
    b.screenshot("wishlist-guest-zh-390").await;

    // signing in hands the browser's wishlist to the account
    b.goto(&app.url("/account/login?next=/account/wishlist"))
        .await;
    b.submit_form_until(
        &[("email", email), ("password", "a fine long passphrase")],
        "/account/wishlist",
    )
    .await;
    b.wait_text(
        "[data-testid=wishlist]",
        |t| !t.is_empty(),
        "the account's wishlist",
    )
    .await;
    assert!(!b.has("[data-testid=wishlist-guest]").await);
    let saved: Vec<String> = sqlx::query_scalar(
        "SELECT p.slug FROM wishlist_items w JOIN products p ON p.id = w.product_id \
         JOIN users u ON u.id = w.user_id WHERE u.email = $1",
    )
    .bind(email)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(saved, std::slice::from_ref(&slug));

    // on its page the heart is pressed; letting it go empties the list
    b.goto(&app.url(&format!("/products/{slug}"))).await;
    let labelled = ".wish--labelled [data-testid=wish]";
    b.wait_text(labelled, |t| t.contains("已收藏"), "the product shown kept")
        .await;
    b.screenshot("product-kept-zh-390").await;
    b.click_until(
        labelled,
        || async {
            b.text(labelled).await.contains("收藏") && !b.text(labelled).await.contains("已收藏")
        },
        "the product let go",
    )
    .await;
    b.goto(&app.url("/account/wishlist")).await;
    b.wait_text(
        "[data-testid=wishlist-empty]",
        |t| !t.is_empty(),
        "the empty wishlist",
    )
    .await;
    b.close().await;
    app.cleanup().await;
}
