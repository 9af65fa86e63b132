//! Procurement in a real browser: a procurement clerk turns a suggestion into a purchase
//! order; it is above the approval threshold, so finance approves it in the back office;
//! the clerk sends it to the supplier and prints it. Both languages' pages are looked at.

use crate::sign_in_staff;
use fantoccini::Locator;
use server::db::Backend;
use storekeep_tests::browser::Browser;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(a_clerk_orders_from_the_suggestions_and_finance_approves);

async fn a_clerk_orders_from_the_suggestions_and_finance_approves(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // one left in each warehouse of a reorder point of 10: it is suggested
    let variant = app.variant_with_stock("BD-001-01", 1).await;
    let sh = app.warehouse_id("SH-01").await;
    sqlx::query(
        "UPDATE stock_levels SET reorder_point = 10 WHERE variant_id = $1 AND warehouse_id = $2",
    )
    .bind(variant)
    .bind(sh)
    .execute(&app.db.pool)
    .await
    .unwrap();
    // approval above ¥1: this order needs finance
    server::db::settings::set_text(
        &mut app.db.pool.acquire().await.unwrap(),
        "procurement.approval_threshold",
        "100",
    )
    .await
    .unwrap();
    app.db.commits.note();

    let clerk = Browser::start("zh-CN").await;
    sign_in_staff(
        &clerk,
        &app,
        "procurement@storekeep.test",
        "procurement-demo-2026",
    )
    .await;
    clerk.goto(&app.url("/admin/procurement/suggestions")).await;
    let row = format!("[data-testid=suggestion-row][data-variant='{variant}']");
    clerk
        .wait_text(&row, |t| t.contains("BD-001-01"), "the suggestion")
        .await;
    clerk.screenshot("procurement-suggestions-zh").await;
    clerk
        .click(Locator::Css(&format!(
            "{row} [data-testid=suggestion-pick]"
        )))
        .await;
    clerk
        .click(Locator::Css("[data-testid=suggestions-create]"))
        .await;
    let path = clerk
        .wait_for_path(
            |p| p.starts_with("/admin/procurement/orders/"),
            "the new purchase order",
        )
        .await;
    clerk
        .wait_text("[data-testid=po-status]", |t| t == "草稿", "a draft")
        .await;
    assert!(clerk.has("[data-testid=po-approval-notice]").await);
    assert!(
        !clerk.has("[data-testid=po-approve]").await,
        "who buys does not approve"
    );
    clerk.screenshot("procurement-order-draft-zh").await;

    // finance approves it
    let finance = Browser::start("en").await;
    sign_in_staff(
        &finance,
        &app,
        "finance@storekeep.test",
        "finance-demo-2026",
    )
    .await;
    finance.goto(&app.url(&path)).await;
    finance
        .click_until(
            "[data-testid=po-approve]",
            || async { !finance.has("[data-testid=po-approve]").await },
            "the approval",
        )
        .await;
    finance
        .wait_text(
            "[data-testid=po-facts]",
            |t| t.contains("Approved") || t.contains("财务"),
            "approved by",
        )
        .await;
    finance.screenshot("procurement-order-approved-en").await;
    finance.close().await;

    // the clerk sends it and prints it
    clerk.goto(&app.url(&path)).await;
    clerk
        .click_until(
            "[data-testid=po-send]",
            || async { clerk.text("[data-testid=po-status]").await == "已下达" },
            "the purchase order sent",
        )
        .await;
    let status: String =
        sqlx::query_scalar("SELECT status FROM purchase_orders ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(status, "sent");
    clerk.screenshot("procurement-order-sent-zh").await;
    clerk.goto(&app.url(&format!("{path}/print"))).await;
    clerk
        .wait_text(
            "[data-testid=po-paper]",
            |t| t.contains("BD-001-01") && t.contains("PO-"),
            "the printable order",
        )
        .await;
    clerk.screenshot("procurement-order-print-zh").await;
    clerk.goto(&app.url("/admin/procurement/suppliers")).await;
    clerk
        .wait_text(
            "[data-testid=supplier-row]",
            |t| t.contains("SUP-001"),
            "the suppliers",
        )
        .await;
    clerk.screenshot("procurement-suppliers-zh").await;
    clerk.goto(&app.url("/admin/procurement/suppliers/4")).await;
    clerk
        .wait_text(
            "[data-testid=offer-row]",
            |t| !t.is_empty(),
            "a supplier's list",
        )
        .await;
    clerk.screenshot("procurement-supplier-zh").await;
    clerk.close().await;
    app.cleanup().await;
}
