//! The customer's profile in a real browser: a customer on a phone changes their name and
//! mobile number, asks to sign in with a new e-mail address, opens the link the shop sent
//! there and confirms — and then signs in with the new address. And the address book: an
//! address added with checkout's pickers, where Shanghai's city reads 上海市.

use fantoccini::Locator;
use server::db::Backend;
use storekeep_tests::browser::Browser;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    a_customer_edits_the_profile_and_changes_the_email,
    a_customer_adds_an_address_with_the_pickers,
);

async fn a_customer_edits_the_profile_and_changes_the_email(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (old, new) = ("profile-old@example.cn", "profile-new@example.cn");
    app.register_customer(old).await;
    let b = Browser::start("en").await;
    b.resize(390, 844).await;
    b.goto(&app.url("/en/account/login?next=/en/account/profile"))
        .await;
    b.submit_form_until(
        &[("email", old), ("password", "a fine long passphrase")],
        "/en/account/profile",
    )
    .await;
    b.type_into("[data-testid=profile-name]", "Li Lei").await;
    b.type_into("[data-testid=profile-phone]", "13912345678")
        .await;
    b.click_until(
        "[data-testid=profile-save]",
        || async { b.has("[data-testid=profile-saved]").await },
        "the details saved",
    )
    .await;
    let saved: (String, Option<String>) =
        sqlx::query_as("SELECT display_name, phone FROM users WHERE email = $1")
            .bind(old)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        saved,
        ("Li Lei".to_string(), Some("13912345678".to_string()))
    );
    b.screenshot("profile-en-390").await;

    b.type_into("[data-testid=email-new]", new).await;
    b.type_into("[data-testid=email-password]", "a fine long passphrase")
        .await;
    b.click_until(
        "[data-testid=email-send]",
        || async { b.has("[data-testid=pending-email]").await },
        "the link sent",
    )
    .await;
    let token = storekeep_tests::link_token(&app.last_message_to(new).await);
    b.goto(&app.url(&format!("/en/account/confirm-email?token={token}")))
        .await;
    b.click_until(
        "[data-testid=confirm-email-submit]",
        || async { b.has("[data-testid=email-changed]").await },
        "the new address confirmed",
    )
    .await;
    b.screenshot("email-changed-en-390").await;
    b.close().await;

    let again = Browser::start("en").await;
    again.goto(&app.url("/en/account/login")).await;
    again
        .submit_form_until(
            &[("email", new), ("password", "a fine long passphrase")],
            "/en/account",
        )
        .await;
    again
        .click(Locator::Css("[data-testid=my-profile-link]"))
        .await;
    again
        .wait_text(
            "[data-testid=profile-email]",
            |t| t == new,
            "the new address",
        )
        .await;
    again.close().await;
    app.cleanup().await;
}

async fn a_customer_adds_an_address_with_the_pickers(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let email = "book-keeper@example.cn";
    app.register_customer(email).await;
    let b = Browser::start("zh-CN").await;
    b.resize(390, 844).await;
    b.goto(&app.url("/account/login?next=/account/addresses"))
        .await;
    b.submit_form_until(
        &[("email", email), ("password", "a fine long passphrase")],
        "/account/addresses",
    )
    .await;
    b.click_until(
        "[data-testid=address-add]",
        || async { b.has("[data-testid=address-form]").await },
        "the form opened",
    )
    .await;
    b.type_into("[data-testid=recipient]", "李雷").await;
    b.type_into("[data-testid=phone]", "13800138000").await;
    b.select("[data-testid=province]", "31").await;
    b.select("[data-testid=city]", "3101").await;
    let city = b
        .eval("return document.querySelector('[data-testid=city] option[value=\"3101\"]').textContent")
        .await;
    assert_eq!(
        city,
        serde_json::json!("上海市"),
        "not the code table's 市辖区"
    );
    b.select("[data-testid=district]", "310115").await;
    b.type_into("[data-testid=detail]", "世纪大道 100 号").await;
    b.screenshot("address-form-zh-390").await;
    b.click_until(
        "[data-testid=address-save]",
        || async { b.has("[data-testid=address-row]").await },
        "the address saved",
    )
    .await;
    let row = b.text("[data-testid=address-row]").await;
    assert!(
        row.contains("默认") && row.contains("上海市 浦东新区") && row.contains("世纪大道 100 号"),
        "{row}"
    );
    b.screenshot("address-book-zh-390").await;
    b.close().await;
    app.cleanup().await;
}
