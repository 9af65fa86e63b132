//! A question before buying in real browsers: a signed-in shopper on a phone asks about a
//! product from its page; customer service sees the unread badge and the time left in the
//! queue, answers within the service level and resolves it; the shopper reads the answer
//! and rates the service five stars, which the back office's CSAT report then shows.

use crate::sign_in_staff;
use fantoccini::Locator;
use server::db::Backend;
use std::time::{Duration, Instant};
use storekeep_tests::browser::Browser;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(a_shopper_asks_staff_answer_in_time_and_the_shopper_rates);

/// Fills the form's fields and sends it until the page leaves `from` (typing before the
/// form is hydrated reaches no signal: type again each time).
async fn send_until_left(b: &Browser, fields: &[(&str, &str)], submit: &str, from: &str) {
    let started = Instant::now();
    loop {
        for (css, text) in fields {
            b.type_into(css, text).await;
        }
        if let Ok(el) = b.client.find(Locator::Css(submit)).await {
            let _ = el.click().await;
        }
        tokio::time::sleep(Duration::from_millis(1200)).await;
        if b.path().await != from {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the form at {from} was never sent"
        );
    }
}

async fn a_shopper_asks_staff_answer_in_time_and_the_shopper_rates(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let email = "asker@example.cn";
    app.register_customer(email).await;
    let (slug, name): (String, String) =
        sqlx::query_as("SELECT slug, name_zh FROM products ORDER BY id LIMIT 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();

    let b = Browser::start("zh-CN").await;
    b.resize(390, 844).await;
    let page = format!("/products/{slug}");
    b.goto(&app.url(&format!("/account/login?next={page}")))
        .await;
    b.submit_form_until(
        &[("email", email), ("password", "a fine long passphrase")],
        &page,
    )
    .await;
    b.click(Locator::Css("[data-testid=ask-about-product]"))
        .await;
    b.wait_text(
        "[data-testid=ask-about]",
        |t| t.contains(&name),
        "the product asked about",
    )
    .await;
    b.screenshot("ask-question-zh-390").await;
    send_until_left(
        &b,
        &[
            ("[data-testid=ask-subject]", "尺码偏大吗"),
            (
                "[data-testid=ask-body]",
                "身高 175，体重 70 公斤，穿什么码？",
            ),
        ],
        "[data-testid=ask-submit]",
        "/account/questions/new",
    )
    .await;
    let question = b.path().await;
    assert!(question.starts_with("/account/questions/"), "{question}");
    b.wait_text(
        "[data-testid=question-status]",
        |t| t.contains("待客服回复"),
        "the question open",
    )
    .await;

    // customer service: the badge, the queue with the time left, the answer, resolved
    let staff = Browser::start("zh-CN").await;
    sign_in_staff(&staff, &app, "service@storekeep.test", "service-demo-2026").await;
    staff.goto(&app.url("/admin/consultations")).await;
    staff
        .wait_text(
            "[data-testid=consultations-unread]",
            |t| t.trim() == "1",
            "the unread badge",
        )
        .await;
    staff
        .wait_text(
            "[data-testid=consultation-row]",
            |t| t.contains("尺码偏大吗"),
            "the question in the queue",
        )
        .await;
    let left = staff.text("[data-testid=consultation-sla]").await;
    assert!(left.contains("剩余"), "within the service level: {left}");
    staff.screenshot("admin-consultations-zh").await;
    staff
        .click(Locator::Css("[data-testid=consultation-link]"))
        .await;
    staff
        .wait_text(
            "[data-testid=consultation-thread]",
            |t| t.contains("身高 175"),
            "the question's thread",
        )
        .await;
    staff
        .type_into(
            "[data-testid=consultation-reply]",
            "这款偏大半码，建议选 M 码。",
        )
        .await;
    staff
        .click_until(
            "[data-testid=consultation-send]",
            || async {
                staff
                    .text("[data-testid=consultation-thread]")
                    .await
                    .contains("建议选 M 码")
            },
            "the answer sent",
        )
        .await;
    staff
        .click_until(
            "[data-testid=consultation-resolve]",
            || async {
                staff
                    .text("[data-testid=consultation-status]")
                    .await
                    .contains("已解决")
            },
            "the question resolved",
        )
        .await;
    let sla = staff.text("[data-testid=consultation-sla]").await;
    assert!(
        sla.contains("已达标"),
        "answered and resolved in time: {sla}"
    );
    staff.screenshot("admin-consultation-zh").await;

    // the shopper reads the answer and rates the service
    b.goto(&app.url(&question)).await;
    let thread = b.text(".messages").await;
    assert!(thread.contains("建议选 M 码"), "{thread}");
    b.wait_text(
        "[data-testid=question-status]",
        |t| t.contains("已解决"),
        "the question resolved",
    )
    .await;
    b.click_until(
        "[data-testid=star]:nth-of-type(5)",
        || async {
            b.eval("return document.querySelectorAll('.star-pick--on').length")
                .await
                == serde_json::json!(5)
        },
        "five stars chosen",
    )
    .await;
    b.type_into("[data-testid=rate-comment]", "回复很快，很专业")
        .await;
    b.click_until(
        "[data-testid=rate-submit]",
        || async { b.has("[data-testid=question-rated]").await },
        "the rating sent",
    )
    .await;
    b.screenshot("question-rated-zh-390").await;
    b.close().await;

    staff.goto(&app.url("/admin/consultations")).await;
    staff
        .wait_text(
            "[data-testid=csat-average]",
            |t| t == "5.0",
            "the CSAT report",
        )
        .await;
    staff.close().await;
    app.cleanup().await;
}
