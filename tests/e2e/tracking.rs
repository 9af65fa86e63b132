//! Following an order in a real browser: a guest looks an order up at `/track` (a wrong
//! contact is told so, in their language); a customer signs in on a phone, finds the order
//! in their history, and sees its parcel with carrier and tracking number and the timeline.

use server::db::Backend;
use storekeep_tests::browser::Browser;
use storekeep_tests::{guest_order, TestApp};

storekeep_tests::on_both_backends!(a_guest_and_a_customer_follow_their_orders);

async fn a_guest_and_a_customer_follow_their_orders(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = app
        .login("warehouse@storekeep.test", "warehouse-demo-2026")
        .await;
    let variant = app.variant_with_stock("TS-001-01", 10).await;
    // a guest's order, shipped
    let guest = app
        .place_order(
            "e2e-track-guest",
            &guest_order("guest@example.cn", variant, 1, "cash_on_delivery"),
            "",
        )
        .await;
    assert_eq!(guest.status, 201, "{:?}", guest.json);
    let guest_number = guest.json["number"].as_str().unwrap().to_string();
    app.ship_order(&staff, &guest_number, "SF8001").await;
    // a customer's order, shipped too
    let email = "tracker@example.cn";
    let cookie = app.register_customer(email).await;
    let mine = app
        .place_order(
            "e2e-track-mine",
            &guest_order(email, variant, 2, "cash_on_delivery"),
            &cookie,
        )
        .await;
    assert_eq!(mine.status, 201, "{:?}", mine.json);
    let number = mine.json["number"].as_str().unwrap().to_string();
    app.ship_order(&staff, &number, "SF8002").await;

    // the guest, in English
    let b = Browser::start("en-US").await;
    b.goto(&app.url("/en/track")).await;
    // typed anew each time: until the form is hydrated, what was typed may be reset
    let track = |contact: &'static str| {
        let (b, n) = (&b, guest_number.clone());
        async move {
            let started = std::time::Instant::now();
            loop {
                b.type_into("[data-testid=track-number]", &n).await;
                b.type_into("[data-testid=track-contact]", contact).await;
                b.click(fantoccini::Locator::Css("[data-testid=track-submit]"))
                    .await;
                tokio::time::sleep(std::time::Duration::from_millis(800)).await;
                let error = b.text("[data-testid=form-error]").await;
                if !error.is_empty() || b.has("[data-testid=tracked]").await {
                    return;
                }
                assert!(
                    started.elapsed().as_secs() < 30,
                    "the look-up never answered"
                );
            }
        }
    };
    track("someone-else@example.cn").await;
    assert!(b
        .text("[data-testid=form-error]")
        .await
        .contains("No order matches"));
    track("guest@example.cn").await;
    b.wait_text(
        "[data-testid=tracked] [data-testid=order-number]",
        |t| t == guest_number,
        "the guest's order",
    )
    .await;
    assert_eq!(b.text("[data-testid=parcel-tracking]").await, "SF8001");
    assert_eq!(b.text("[data-testid=parcel-carrier]").await, "SF Express");
    let timeline = b.text("[data-testid=timeline]").await;
    assert!(
        timeline.contains("Handed to SF Express, tracking number SF8001"),
        "{timeline}"
    );
    assert!(
        !b.text("[data-testid=tracked]").await.contains("世纪大道"),
        "the street is hidden"
    );
    b.screenshot("track-guest-en").await;
    b.close().await;

    // the customer, in Chinese, on a phone
    let b = Browser::start("zh-CN").await;
    b.resize(390, 844).await;
    b.goto(&app.url("/account/login?next=/account/orders"))
        .await;
    b.submit_form_until(
        &[("email", email), ("password", "a fine long passphrase")],
        "/account/orders",
    )
    .await;
    b.wait_text(
        "[data-testid=order-row-number]",
        |t| t == number,
        "the order in the history",
    )
    .await;
    assert_eq!(b.text("[data-testid=order-row-status]").await, "已发货");
    b.screenshot("my-orders-zh-390").await;
    b.goto(&app.url(&format!("/orders/{number}"))).await;
    assert_eq!(b.text("[data-testid=parcel-tracking]").await, "SF8002");
    assert_eq!(b.text("[data-testid=parcel-carrier]").await, "顺丰速运");
    let timeline = b.text("[data-testid=timeline]").await;
    for step in [
        "订单已提交",
        "仓库已接单",
        "商品已拣货",
        "包裹已打包",
        "顺丰速运已揽收，运单号 SF8002",
    ] {
        assert!(timeline.contains(step), "{step} missing from {timeline}");
    }
    let overflow = b
        .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        .await;
    assert!(
        overflow.as_i64().unwrap() <= 0,
        "the order page scrolls sideways: {overflow}"
    );
    b.screenshot("order-tracking-zh-390").await;
    b.close().await;
    app.cleanup().await;
}
