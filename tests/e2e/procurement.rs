//! Procurement in a real browser: a procurement clerk turns a suggestion into a purchase
//! order; it is above the approval threshold, so finance approves it in the back office;
//! the clerk sends it to the supplier and prints it, and invites the supplier's sales
//! manager to the supplier portal, who chooses a password from the e-mail, confirms the
//! order with a promised date and announces the shipment; the clerk sees both. A warehouse
//! operator receives the delivery two short, inspects every unit (one rejected, back to the
//! supplier) and puts the rest away: only then is the item in stock on the shop front.
//! Both languages' pages are looked at.

use crate::sign_in_staff;
use fantoccini::Locator;
use server::db::Backend;
use storekeep_tests::browser::Browser;
use storekeep_tests::{link_token, TestApp};

storekeep_tests::on_both_backends!(a_clerk_orders_from_the_suggestions_and_finance_approves);

async fn a_clerk_orders_from_the_suggestions_and_finance_approves(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // sold out, with a reorder point of 10: it is suggested
    let variant = app.variant_with_stock("BD-001-01", 0).await;
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
    // the supplier's sales manager is invited to the portal
    let supplier: i64 =
        sqlx::query_scalar("SELECT supplier_id FROM purchase_orders ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    clerk
        .goto(&app.url(&format!("/admin/procurement/suppliers/{supplier}")))
        .await;
    clerk
        .type_into(
            "[data-testid=sp-account-email]",
            "sales-e2e@supplier.example.cn",
        )
        .await;
    clerk
        .type_into("[data-testid=sp-account-name]", "钱经理")
        .await;
    clerk
        .click_until(
            "[data-testid=sp-account-invite]",
            || async {
                clerk.has("[data-testid=sp-account-row]").await
                    && clerk
                        .text("[data-testid=sp-account-row]:last-child")
                        .await
                        .contains("钱经理")
            },
            "the invitation sent",
        )
        .await;
    let token = link_token(&app.last_message_to("sales-e2e@supplier.example.cn").await);
    let portal = Browser::start("zh-CN").await;
    portal.resize(1280, 900).await;
    portal
        .goto(&app.url(&format!("/supplier/accept-invitation?token={token}")))
        .await;
    portal
        .type_into("[data-testid=password]", "a fine long passphrase")
        .await;
    portal
        .type_into("[data-testid=password-again]", "a fine long passphrase")
        .await;
    portal.click(Locator::Css("[data-testid=submit]")).await;
    portal
        .wait_for_path(|p| p == "/supplier", "the portal's orders")
        .await;
    portal
        .wait_text(
            "[data-testid=sp-order-row]",
            |t| t.contains("PO-"),
            "the order sent to them",
        )
        .await;
    portal.screenshot("supplier-portal-orders-zh").await;
    portal
        .click(Locator::Css("[data-testid=sp-order-link]"))
        .await;
    portal
        .wait_text("[data-testid=sp-status]", |t| !t.is_empty(), "the order")
        .await;
    portal.screenshot("supplier-portal-order-zh").await;
    portal
        .click_until(
            "[data-testid=sp-confirm]",
            || async { portal.has("[data-testid=sp-ship]").await },
            "the order confirmed",
        )
        .await;
    portal
        .type_into("[data-testid=sp-ship-carrier]", "顺丰速运")
        .await;
    portal
        .type_into("[data-testid=sp-ship-tracking]", "SF1234567890")
        .await;
    portal
        .click_until(
            "[data-testid=sp-ship]",
            || async { portal.has("[data-testid=sp-asn]").await },
            "the shipment announced",
        )
        .await;
    portal.screenshot("supplier-portal-shipped-zh").await;
    portal.close().await;
    let (status, announced): (String, i64) = sqlx::query_as(
        "SELECT po.status, CAST(COALESCE(SUM(al.quantity), 0) AS BIGINT) FROM purchase_orders po \
         LEFT JOIN asns a ON a.purchase_order_id = po.id LEFT JOIN asn_lines al ON al.asn_id = a.id \
         WHERE po.supplier_id = $1 GROUP BY po.status",
    )
    .bind(supplier)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(status, "confirmed");
    assert!(announced > 0, "the shipment's units");
    clerk.goto(&app.url(&path)).await;
    clerk
        .wait_text(
            "[data-testid=po-status]",
            |t| t == "已确认",
            "confirmed by the supplier",
        )
        .await;
    assert!(
        clerk.has("[data-testid=po-asn]").await,
        "the shipment announced"
    );
    clerk.screenshot("procurement-order-confirmed-zh").await;

    // the warehouse receives 2 short, inspects every unit (one fails) and puts the rest away
    let product: i64 = sqlx::query_scalar("SELECT product_id FROM product_variants WHERE id = $1")
        .bind(variant)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO inspection_plans (product_id, mode, aql, characteristics) VALUES ($1, 'full', NULL, '外观')")
        .bind(product)
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.db.commits.note();
    let ordered: i64 = sqlx::query_scalar(
        "SELECT quantity FROM purchase_order_lines ORDER BY purchase_order_id DESC LIMIT 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let keeper = Browser::start("zh-CN").await;
    sign_in_staff(
        &keeper,
        &app,
        "warehouse@storekeep.test",
        "warehouse-demo-2026",
    )
    .await;
    keeper.goto(&app.url(&path)).await;
    keeper
        .wait_text(
            "[data-testid=po-status]",
            |t| t == "已确认",
            "the confirmed order",
        )
        .await;
    keeper
        .type_into("[data-testid=po-receive-qty]", &(ordered - 2).to_string())
        .await;
    keeper
        .click(Locator::Css("[data-testid=po-receive-submit]"))
        .await;
    keeper
        .wait_for_path(
            |p| p.starts_with("/admin/procurement/receipts/"),
            "the receipt",
        )
        .await;
    keeper
        .wait_text(
            "[data-testid=receipt-status]",
            |t| t == "待检",
            "to inspect",
        )
        .await;
    keeper
        .type_into("[data-testid=inspect-defective]", "1")
        .await;
    keeper
        .click(Locator::Css("[data-testid=inspect-result-pass]"))
        .await;
    keeper
        .type_into("[data-testid=inspect-result-note]", "包装破损")
        .await;
    keeper.screenshot("receipt-inspect-zh").await;
    keeper
        .click_until(
            "[data-testid=inspect-submit]",
            || async { keeper.text("[data-testid=receipt-status]").await == "待上架" },
            "the inspection",
        )
        .await;
    keeper
        .click_until(
            "[data-testid=putaway-submit]",
            || async { keeper.text("[data-testid=receipt-status]").await == "已上架" },
            "the put-away",
        )
        .await;
    keeper.screenshot("receipt-put-away-zh").await;
    keeper.close().await;
    let on_hand: i64 = sqlx::query_scalar(
        "SELECT CAST(SUM(on_hand) AS BIGINT) FROM stock_levels WHERE variant_id = $1",
    )
    .bind(variant)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(on_hand, ordered - 3, "arrived less the one rejected");
    app.assert_books_true().await;
    let (status, shown) = app
        .get_json(&format!(
            "/api/v1/store/products/{}",
            product_slug(&app, variant).await
        ))
        .await;
    assert_eq!(status, 200);
    let sold = shown["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["sku"] == "BD-001-01")
        .unwrap()["available"]
        .as_i64()
        .unwrap();
    // the shop front says "N left" up to its cap
    assert_eq!(
        sold,
        (ordered - 3).min(shared::catalog::Variant::SHOWN_MAX),
        "sold on the shop front now"
    );
    let shopper = Browser::start("zh-CN").await;
    shopper
        .goto(&app.url(&format!("/products/{}", product_slug(&app, variant).await)))
        .await;
    shopper.screenshot("receipt-in-stock-product-zh").await;
    shopper.close().await;

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

async fn product_slug(app: &TestApp, variant: i64) -> String {
    sqlx::query_scalar(
        "SELECT p.slug FROM products p JOIN product_variants v ON v.product_id = p.id WHERE v.id = $1",
    )
    .bind(variant)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}
