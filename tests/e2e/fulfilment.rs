//! Fulfilment in a real browser, on a phone-sized window: a warehouse operator allocates
//! today's orders, makes a pick list, picks it (one line short), packs and ships an order
//! with SF Express and a tracking number, and prints its label; a clerk holds and releases an
//! order, writes a note on its page, allocates it, and refunds part of another order.

use crate::sign_in_staff;
use fantoccini::Locator;
use server::db::Backend;
use std::time::Duration;
use storekeep_tests::browser::Browser;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    a_warehouse_operator_picks_packs_and_ships_on_a_phone,
    a_clerk_holds_an_order_and_writes_a_note,
);

async fn a_warehouse_operator_picks_packs_and_ships_on_a_phone(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // two cash-on-delivery orders to Shanghai: ready for the warehouse at once
    app.order_sku("e2e-pick-1", "TS-001-01", 2, 10, "cash_on_delivery")
        .await;
    app.order_sku("e2e-pick-2", "TS-002-01", 1, 10, "cash_on_delivery")
        .await;

    let b = Browser::start("zh-CN").await;
    b.resize(390, 844).await;
    sign_in_staff(&b, &app, "warehouse@storekeep.test", "warehouse-demo-2026").await;
    b.goto(&app.url("/admin/fulfilment")).await;
    b.wait_text(
        "[data-testid=awaiting-allocation]",
        |t| t == "2",
        "two orders to allocate",
    )
    .await;
    b.screenshot("fulfilment-overview-390").await;
    b.click(Locator::Css("[data-testid=allocate-all]")).await;
    b.wait_text(
        "[data-testid=awaiting-allocation]",
        |t| t == "0",
        "all allocated",
    )
    .await;
    b.wait_text(
        "[data-testid=warehouse-waiting]",
        |t| t == "2",
        "both wait in Shanghai",
    )
    .await;
    b.click(Locator::Css("[data-testid=create-pick-list]"))
        .await;
    b.wait_for_path(
        |p| p.starts_with("/admin/fulfilment/pick-lists/"),
        "the new pick list",
    )
    .await;
    b.wait_text(
        "[data-testid=pick-progress]",
        |t| t == "0 / 2",
        "two lines, none counted",
    )
    .await;
    b.screenshot("fulfilment-pick-list-390").await;

    // the line of two: one found (a short pick); the other: all found, by scanning its SKU
    let lines = b
        .eval("return [...document.querySelectorAll('[data-testid=pick-line]')].map(l => [l.querySelector('[data-testid=pick-quantity]').textContent, l.querySelector('.mono.small').textContent])")
        .await;
    let lines = lines.as_array().unwrap();
    let two = lines.iter().position(|l| l[0] == "2").unwrap() + 1;
    let one = lines.iter().position(|l| l[0] == "1").unwrap();
    let sku = lines[one][1]
        .as_str()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    b.type_into(
        &format!("[data-testid=pick-line]:nth-child({two}) [data-testid=pick-found]"),
        "1",
    )
    .await;
    b.click(Locator::Css(&format!(
        "[data-testid=pick-line]:nth-child({two}) [data-testid=pick-save]"
    )))
    .await;
    b.wait_text(
        "[data-testid=pick-progress]",
        |t| t == "1 / 2",
        "one counted",
    )
    .await;
    b.type_into("[data-testid=scan-input]", &format!("{sku}\n"))
        .await;
    b.wait_text(
        "[data-testid=pick-progress]",
        |t| t == "2 / 2",
        "both counted",
    )
    .await;
    b.screenshot("fulfilment-picked-390").await;
    b.click(Locator::Css("[data-testid=complete-pick-list]"))
        .await;
    b.wait_text(
        "[data-testid=pick-status]",
        |t| t == "已完成",
        "the list is done",
    )
    .await;
    assert!(
        b.text("[data-testid=pick-orders]").await.contains("缺货"),
        "the short order is flagged"
    );

    // pack and ship the order that got everything
    let full = b
        .eval("return [...document.querySelectorAll('[data-testid=pick-orders] li')].filter(l => !l.textContent.includes('缺货')).map(l => l.querySelector('a').getAttribute('href'))[0]")
        .await;
    b.goto(&app.url(full.as_str().unwrap())).await;
    b.wait_text(
        "[data-testid=shipment-status]",
        |t| t == "待打包",
        "picked, to pack",
    )
    .await;
    b.select("[data-testid=pack-package]", "small").await;
    b.type_into("[data-testid=pack-weight]", "420").await;
    b.click(Locator::Css("[data-testid=pack]")).await;
    b.wait_text("[data-testid=shipment-status]", |t| t == "待发货", "packed")
        .await;
    b.select("[data-testid=ship-carrier]", "sf_express").await;
    b.type_into("[data-testid=ship-tracking]", "SF 1234 5678 9012")
        .await;
    b.click(Locator::Css("[data-testid=ship]")).await;
    b.wait_text(
        "[data-testid=shipment-status]",
        |t| t == "已发货",
        "shipped",
    )
    .await;
    assert_eq!(
        b.text("[data-testid=shipment-tracking]").await,
        "SF123456789012"
    );
    b.screenshot("fulfilment-shipped-390").await;
    b.click(Locator::Css("[data-testid=label-link]")).await;
    b.wait_text(
        "[data-testid=label-tracking]",
        |t| t == "SF123456789012",
        "the label",
    )
    .await;
    assert!(
        b.has("[data-testid=label-barcode] svg rect").await,
        "a barcode"
    );
    assert!(b
        .text("[data-testid=shipping-label]")
        .await
        .contains("顺丰速运"));
    b.resize(1280, 900).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    b.screenshot("fulfilment-label").await;
    b.close().await;

    // the books agree: what shipped left, the short unit left as an adjustment
    let wrong = app.ledger_mismatches().await;
    assert!(wrong.is_empty(), "{wrong:?}");
    app.cleanup().await;
}

async fn a_clerk_holds_an_order_and_writes_a_note(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let placed = app
        .order_sku("e2e-hold-1", "TS-001-01", 1, 10, "cash_on_delivery")
        .await;
    let number = placed.json["number"].as_str().unwrap().to_string();
    let b = Browser::start("zh-CN").await;
    sign_in_staff(&b, &app, "orders@storekeep.test", "orders-demo-2026").await;
    b.goto(&app.url("/admin/orders")).await;
    b.click(Locator::Css("[data-testid=order-link]")).await;
    b.wait_for_path(
        |p| p == format!("/admin/orders/{number}"),
        "the order's page",
    )
    .await;
    b.click(Locator::Css("[data-testid=order-hold]")).await;
    b.type_into("[data-testid=reason-input]", "地址待客户确认")
        .await;
    b.click(Locator::Css("[data-testid=reason-confirm]")).await;
    b.wait_text("[data-testid=order-held]", |t| t == "已挂起", "on hold")
        .await;
    assert!(
        !b.has("[data-testid=order-allocate]").await,
        "no allocation while held"
    );
    b.click(Locator::Css("[data-testid=order-release]")).await;
    b.type_into("[data-testid=reason-input]", "客户已确认")
        .await;
    b.click(Locator::Css("[data-testid=reason-confirm]")).await;
    b.wait_text("main", |t| !t.contains("已挂起"), "released")
        .await;
    b.type_into("[data-testid=note-input]", "客户要求下午送货")
        .await;
    b.click(Locator::Css("[data-testid=note-form] button"))
        .await;
    b.wait_text(
        "[data-testid=order-note]",
        |t| t.contains("客户要求下午送货"),
        "the note",
    )
    .await;
    let history = b.text(".timeline").await;
    assert!(
        history.contains("挂起：地址待客户确认") && history.contains("解除挂起：客户已确认"),
        "{history}"
    );
    b.click(Locator::Css("[data-testid=order-allocate]")).await;
    b.wait_text(
        "[data-testid=order-shipments]",
        |t| t.contains("SH-01"),
        "allocated to Shanghai",
    )
    .await;
    b.screenshot("order-detail-1280").await;

    // another order, paid by transfer: the clerk refunds part of it
    let paid = app.bank_transfer_order("e2e-refund-1").await;
    let owner = app.owner().await;
    let marked = app
        .post_json(
            &format!("/api/v1/admin/orders/{paid}/mark-paid"),
            &serde_json::json!({}),
            &owner.cookie,
        )
        .await;
    assert_eq!(marked.status, 204);
    b.goto(&app.url(&format!("/admin/orders/{paid}"))).await;
    b.type_into("[data-testid=refund-amount]", "10.5").await;
    b.type_into("[data-testid=refund-reason]", "少发一件赠品，部分退款")
        .await;
    b.click(Locator::Css("[data-testid=refund]")).await;
    b.wait_text(
        "[data-testid=refunded]",
        |t| t.contains("10.50"),
        "the part refund",
    )
    .await;
    assert!(b
        .text("[data-testid=refund-row]")
        .await
        .contains("少发一件赠品"));
    b.screenshot("order-refund-1280").await;
    b.close().await;
    app.cleanup().await;
}
