//! A review in real browsers: a buyer on a phone reviews a delivered product from "My
//! reviews" with four stars, words and a photo; customer service answers it in the back
//! office; a shopper then sees the rating, the review and the answer on the product page
//! (and its JSON-LD carries the rating).

use crate::catalogue::{png, TempFile};
use crate::sign_in_staff;
use fantoccini::Locator;
use server::db::Backend;
use std::time::{Duration, Instant};
use storekeep_tests::browser::Browser;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(a_verified_buyer_reviews_and_the_rating_shows);

async fn a_verified_buyer_reviews_and_the_rating_shows(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let email = "reviewer@example.cn";
    let cookie = app.register_customer(email).await;
    let (number, variant) = app
        .delivered_order(&cookie, "e2e-review-01", "BD-001-01", 1)
        .await;
    let slug: String = sqlx::query_scalar(
        "SELECT p.slug FROM products p JOIN product_variants v ON v.product_id = p.id WHERE v.id = $1",
    )
    .bind(variant)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();

    let b = Browser::start("zh-CN").await;
    b.resize(390, 844).await;
    b.goto(&app.url("/account/login?next=/account/reviews"))
        .await;
    b.submit_form_until(
        &[("email", email), ("password", "a fine long passphrase")],
        "/account/reviews",
    )
    .await;
    b.wait_text(
        "[data-testid=review-task]",
        |t| t.contains(&number),
        "the delivered product to review",
    )
    .await;
    let picture = TempFile::new("warm.png", &png(640, 480));
    // until the form is hydrated a chosen file goes nowhere: choose again until it shows
    let started = Instant::now();
    while !b.has("[data-testid=review-photo]").await {
        b.choose_file("[data-testid=review-photos]", &picture.0)
            .await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the photo never uploaded"
        );
    }
    // posting without stars is refused in the shopper's language
    b.click(Locator::Css("[data-testid=review-submit]")).await;
    b.wait_text(
        "[data-testid=review-error]",
        |t| t.contains("1 到 5 星"),
        "the stars asked for",
    )
    .await;
    b.click(Locator::Css("[data-testid=star]:nth-of-type(4)"))
        .await;
    b.type_into("[data-testid=review-body]", "很暖和，做工不错，尺码标准")
        .await;
    b.screenshot("review-form-zh-390").await;
    b.click_until(
        "[data-testid=review-submit]",
        || async {
            !b.has("[data-testid=review-form]").await && b.has("[data-testid=review]").await
        },
        "the review posted",
    )
    .await;
    assert!(b.text("[data-testid=review]").await.contains("很暖和"));
    b.screenshot("my-reviews-zh-390").await;
    b.close().await;

    // customer service answers it in the back office
    let staff = Browser::start("zh-CN").await;
    sign_in_staff(&staff, &app, "service@storekeep.test", "service-demo-2026").await;
    staff.goto(&app.url("/admin/reviews")).await;
    staff
        .wait_text(
            "[data-testid=review-row]",
            |t| t.contains("很暖和"),
            "the review to moderate",
        )
        .await;
    staff
        .type_into(
            "[data-testid=review-reply-text]",
            "感谢您的好评，欢迎再次光临！",
        )
        .await;
    staff
        .click_until(
            "[data-testid=review-reply-save]",
            || async {
                staff
                    .text("[data-testid=review-row]")
                    .await
                    .contains("感谢您的好评")
            },
            "the answer saved",
        )
        .await;
    staff.screenshot("admin-reviews-zh").await;
    staff.close().await;

    // any shopper sees the rating, the review and the answer on the product page
    let shopper = Browser::start("en").await;
    shopper
        .goto(&app.url(&format!("/en/products/{slug}")))
        .await;
    assert_eq!(shopper.text("[data-testid=rating-average]").await, "4.0");
    assert_eq!(shopper.text("[data-testid=rating-count]").await, "1 review");
    let review = shopper.text("[data-testid=review]").await;
    assert!(
        review.contains("很暖和") && review.contains("感谢您的好评"),
        "{review}"
    );
    let ld = shopper
        .eval("return document.querySelector('script[type=\"application/ld+json\"]').textContent")
        .await;
    let ld: serde_json::Value = serde_json::from_str(ld.as_str().unwrap()).unwrap();
    assert_eq!(ld["aggregateRating"]["ratingValue"], "4.0");
    assert_eq!(ld["aggregateRating"]["reviewCount"], 1);
    shopper.resize(1280, 900).await;
    shopper.screenshot("product-reviews-en-1280").await;
    shopper.close().await;
    app.cleanup().await;
}
