//! Inventory in a real browser: a warehouse operator moves stock to the other warehouse by
//! SKU (requested, shipped — in transit — and received), sets a reorder point that puts an
//! item on the low-stock list, and counts a zone on a phone-sized page.

use crate::sign_in_staff;
use fantoccini::Locator;
use server::db::Backend;
use storekeep_tests::browser::Browser;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(a_warehouse_operator_transfers_and_counts_stock);

async fn a_warehouse_operator_transfers_and_counts_stock(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.variant_with_stock("BD-001-01", 12).await;
    let b = Browser::start("zh-CN").await;
    sign_in_staff(&b, &app, "warehouse@storekeep.test", "warehouse-demo-2026").await;

    b.goto(&app.url("/admin/inventory/transfers")).await;
    b.click(Locator::Css("[data-testid=new-transfer] summary"))
        .await;
    b.type_into("[data-testid=transfer-sku-0]", "BD-001-01")
        .await;
    b.type_into("[data-testid=transfer-quantity-0]", "3").await;
    b.click(Locator::Css("[data-testid=transfer-request]"))
        .await;
    b.wait_for_path(
        |p| p.starts_with("/admin/inventory/transfers/"),
        "the new transfer",
    )
    .await;
    b.wait_text(
        "[data-testid=transfer-status]",
        |t| t == "已申请",
        "requested",
    )
    .await;
    b.click(Locator::Css("[data-testid=transfer-ship]")).await;
    b.wait_text(
        "[data-testid=transfer-status]",
        |t| t == "在途",
        "in transit",
    )
    .await;
    b.type_into("[data-testid=transfer-received]", "3").await;
    b.click(Locator::Css("[data-testid=transfer-receive]"))
        .await;
    b.wait_text(
        "[data-testid=transfer-status]",
        |t| t == "已入库",
        "received",
    )
    .await;
    b.screenshot("inventory-transfer-1280").await;

    // Shanghai has 9 now: a reorder point of 10 puts it on the low list
    b.goto(&app.url("/admin/inventory/stock?q=BD-001-01")).await;
    b.wait_text(
        "[data-testid=stock-table]",
        |t| t.contains("SH-01") && t.contains("GZ-01"),
        "both levels",
    )
    .await;
    let sh_row = b
        .eval("return [...document.querySelectorAll('[data-testid=stock-row]')].findIndex(r => r.textContent.includes('SH-01')) + 1")
        .await;
    let row = sh_row.as_i64().unwrap();
    b.type_into(
        &format!("[data-testid=stock-row]:nth-child({row}) [data-testid=reorder-point]"),
        "10",
    )
    .await;
    b.click(Locator::Css(&format!(
        "[data-testid=stock-row]:nth-child({row}) button"
    )))
    .await;
    b.wait_text("[data-testid=toast]", |t| t.contains("已保存"), "saved")
        .await;
    b.goto(&app.url("/admin/inventory/stock?low=true")).await;
    b.wait_text(
        "[data-testid=stock-table]",
        |t| t.contains("BD-001-01") && t.contains("需补货"),
        "on the low list",
    )
    .await;

    // a stocktake of the item's zone, counted on a phone
    let bin: String = sqlx::query_scalar(
        "SELECT b.code FROM stock_levels s JOIN warehouse_bins b ON b.id = s.bin_id JOIN product_variants v ON v.id = s.variant_id \
         JOIN warehouses w ON w.id = s.warehouse_id WHERE v.sku = 'BD-001-01' AND w.code = 'SH-01'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    b.resize(390, 844).await;
    b.goto(&app.url("/admin/inventory/stocktakes")).await;
    b.type_into(
        "[data-testid=stocktake-zone]",
        bin.split('-').next().unwrap(),
    )
    .await;
    b.click(Locator::Css("[data-testid=stocktake-start]")).await;
    b.wait_for_path(
        |p| p.starts_with("/admin/inventory/stocktakes/"),
        "the count sheet",
    )
    .await;
    b.wait_text(
        "[data-testid=stocktake-progress]",
        |t| t.starts_with("0 / "),
        "nothing counted",
    )
    .await;
    b.type_into(
        "[data-testid=count-line]:first-child [data-testid=count-input]",
        "5",
    )
    .await;
    b.click(Locator::Css(
        "[data-testid=count-line]:first-child [data-testid=count-save]",
    ))
    .await;
    b.wait_text(
        "[data-testid=stocktake-progress]",
        |t| t.starts_with("1 / "),
        "one counted",
    )
    .await;
    b.screenshot("inventory-stocktake-390").await;
    b.close().await;
    let wrong = app.ledger_mismatches().await;
    assert!(wrong.is_empty(), "{wrong:?}");
    app.cleanup().await;
}
