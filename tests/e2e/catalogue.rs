//! The catalogue and the dashboard in a real browser: a catalogue manager creates a product
//! with two options and an uploaded picture, publishes it, finds it on the shop front in
//! both languages and moves its slug (the old address redirects); imports a CSV file with
//! a bad row, reads the row's line and column, fixes the file and imports it; a warehouse
//! operator sees no catalogue and the API refuses them; after a shopper buys, the
//! dashboard shows the sale.

use crate::sign_in_staff;
use fantoccini::Locator;
use server::db::Backend;
use std::path::PathBuf;
use storekeep_tests::browser::Browser;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    a_catalogue_manager_puts_a_product_on_the_shop_front,
    a_csv_file_with_a_bad_row_is_fixed_and_imported,
    the_warehouse_sees_no_catalogue_and_the_dashboard_shows_a_sale,
);

/// A file in the temporary directory, removed when dropped.
pub(crate) struct TempFile(pub(crate) PathBuf);

impl TempFile {
    pub(crate) fn new(name: &str, bytes: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("sk-e2e-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).expect("a temporary file");
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 40, 60]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encoding a PNG");
    out.into_inner()
}

async fn id_of(app: &TestApp, table: &str, slug: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE slug = $1"))
        .bind(slug)
        .fetch_one(&app.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{table} {slug}: {e}"))
}

/// `[data-testid=row]:nth-of-type(n) [data-testid=field]`.
fn nth(row: &str, n: usize, field: &str) -> String {
    format!("[data-testid={row}]:nth-of-type({n}) [data-testid={field}]")
}

async fn a_catalogue_manager_puts_a_product_on_the_shop_front(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let category = id_of(&app, "categories", "t-shirts").await;
    let brand = id_of(&app, "brands", "qingyou").await;
    let b = Browser::start("zh-CN").await;
    sign_in_staff(&b, &app, "catalog@storekeep.test", "catalog-demo-2026").await;
    b.goto(&app.url("/admin/catalogue/products")).await;
    b.wait_text(
        "[data-testid=products-table]",
        |t| !t.is_empty(),
        "the products",
    )
    .await;
    b.screenshot("admin-products-zh").await;
    b.click(Locator::Css("[data-testid=product-new]")).await;
    b.wait_for_path(|p| p == "/admin/catalogue/products/new", "the new product")
        .await;

    b.type_into("[data-testid=product-name-zh]", "羊毛围巾")
        .await;
    b.type_into("[data-testid=product-name-en]", "Wool Scarf")
        .await;
    assert_eq!(
        b.eval("return document.querySelector('[data-testid=product-slug]').value")
            .await,
        "wool-scarf",
        "the slug follows the English name"
    );
    b.select("[data-testid=product-category]", &category.to_string())
        .await;
    b.select("[data-testid=product-brand]", &brand.to_string())
        .await;
    b.select("[data-testid=product-status]", "active").await;
    b.type_into(
        "[data-testid=product-description-zh]",
        "柔软保暖。\n\n- 100% 羊毛\n- 可机洗",
    )
    .await;
    b.type_into(
        "[data-testid=product-description-en]",
        "Soft and warm.\n\n- 100% wool\n- Machine washable",
    )
    .await;
    // two colours and two sizes make a grid of four variants
    for _ in 0..2 {
        b.click(Locator::Css("[data-testid=colour-add]")).await;
        b.click(Locator::Css("[data-testid=size-add]")).await;
    }
    for (n, (zh, en)) in [("红色", "Red"), ("灰色", "Grey")].into_iter().enumerate() {
        b.type_into(&nth("colour-value", n + 1, "colour-zh"), zh)
            .await;
        b.type_into(&nth("colour-value", n + 1, "colour-en"), en)
            .await;
    }
    b.type_into(&nth("size-value", 1, "size-text"), "S").await;
    b.type_into(&nth("size-value", 2, "size-text"), "M").await;
    let rows = b
        .eval("return document.querySelectorAll('[data-testid=variant-row]').length")
        .await;
    assert_eq!(rows, 4, "two colours × two sizes");
    for (n, sku) in ["WS-RED-S", "WS-RED-M", "WS-GRY-S", "WS-GRY-M"]
        .iter()
        .enumerate()
    {
        b.type_into(&nth("variant-row", n + 1, "variant-sku"), sku)
            .await;
    }
    b.type_into(&nth("variant-row", 1, "variant-price"), "129")
        .await;
    b.type_into(&nth("variant-row", 1, "variant-weight_grams"), "180")
        .await;
    // a wrong barcode is explained at its cell, and nothing is created
    b.type_into(&nth("variant-row", 1, "variant-barcode"), "6901234567891")
        .await;
    b.click(Locator::Css("[data-testid=fill-prices]")).await;
    b.click(Locator::Css("[data-testid=product-save]")).await;
    b.wait_text(
        "[data-testid=variant-grid] .grid-cell--bad",
        |t| t.contains("EAN-13"),
        "the barcode's error",
    )
    .await;
    b.type_into(&nth("variant-row", 1, "variant-barcode"), "6901234567892")
        .await;

    let picture = TempFile::new("scarf.png", &png(900, 900));
    b.choose_file("[data-testid=product-image-upload]", &picture.0)
        .await;
    b.wait_text("[data-testid=image-tile]", |_| true, "the uploaded picture")
        .await;
    b.type_into("[data-testid=image-alt-en]", "A red wool scarf")
        .await;
    b.select("[data-testid=image-colour]", "Red").await;
    b.screenshot("admin-product-editor-zh").await;
    b.click(Locator::Css("[data-testid=product-save]")).await;
    let path = b
        .wait_for_path(
            |p| p.starts_with("/admin/catalogue/products/") && !p.ends_with("/new"),
            "the saved product",
        )
        .await;
    let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    b.wait_text(
        "[data-testid=product-title]",
        |t| t == "羊毛围巾",
        "the product's name",
    )
    .await;
    let (variants, images): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM product_variants WHERE product_id = $1), \
         (SELECT COUNT(*) FROM product_images WHERE product_id = $1)",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((variants, images), (4, 1));

    // on the shop front in both languages, with its picture in web sizes
    b.goto(&app.url("/products/wool-scarf")).await;
    b.wait_text("h1", |t| t.contains("羊毛围巾"), "the shop's product page")
        .await;
    assert!(
        b.has("img[srcset*='.webp']").await,
        "the picture in web sizes"
    );
    b.goto(&app.url("/en/products/wool-scarf")).await;
    b.wait_text("h1", |t| t.contains("Wool Scarf"), "the English page")
        .await;
    assert!(b.text("main").await.contains("Machine washable"));

    // a new slug: the old address answers with the new one
    b.goto(&app.url(&format!("/admin/catalogue/products/{id}")))
        .await;
    b.type_into("[data-testid=product-slug]", "merino-scarf")
        .await;
    b.click(Locator::Css("[data-testid=product-save]")).await;
    b.wait_text("[data-testid=view-in-shop]", |_| true, "saved again")
        .await;
    b.client
        .wait()
        .at_most(std::time::Duration::from_secs(15))
        .for_element(Locator::Css(
            "a[data-testid=view-in-shop][href='/products/merino-scarf']",
        ))
        .await
        .expect("the shop link with the new slug");
    b.goto(&app.url("/products/wool-scarf")).await;
    b.wait_for_path(|p| p == "/products/merino-scarf", "the redirect")
        .await;
    b.wait_text(
        "h1",
        |t| t.contains("羊毛围巾"),
        "the product at its new address",
    )
    .await;
    b.close().await;
    app.cleanup().await;
}

async fn a_csv_file_with_a_bad_row_is_fixed_and_imported(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let b = Browser::start("en").await;
    sign_in_staff(&b, &app, "catalog@storekeep.test", "catalog-demo-2026").await;
    b.goto(&app.url("/admin/catalogue/products")).await;
    b.click(Locator::Css("[data-testid=import-csv]")).await;
    b.wait_for_path(
        |p| p == "/admin/catalogue/products/import",
        "the import page",
    )
    .await;
    let file = |price: &str| {
        format!(
            "product_slug,category,brand,name_zh,name_en,sku,color_zh,color_en,price\n\
             csv-scarf,t-shirts,qingyou,导入围巾,Imported Scarf,CSV-SCARF-R,红色,Red,59.00\n\
             csv-scarf,,,,,CSV-SCARF-B,蓝色,Blue,{price}\n\
             csv-cap,t-shirts,qingyou,导入帽子,Imported Cap,CSV-CAP-1,,,39.50\n"
        )
    };
    let bad = TempFile::new("bad.csv", file("-5").as_bytes());
    b.choose_file("[data-testid=import-file]", &bad.0).await;
    let errors = b
        .wait_text(
            "[data-testid=import-errors]",
            |t| t.contains("price"),
            "the row error",
        )
        .await;
    assert_eq!(b.text("[data-testid=error-line]").await, "3", "{errors}");
    assert_eq!(b.text("[data-testid=error-column]").await, "price");
    assert!(b
        .text("[data-testid=error-reason]")
        .await
        .contains("Not a price"));
    assert!(
        !b.has("[data-testid=import-apply]").await,
        "nothing can be imported"
    );
    b.screenshot("admin-import-errors-en").await;
    let written: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE slug LIKE 'csv-%'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(written, 0, "a dry run writes nothing");

    let good = TempFile::new("good.csv", file("59.00").as_bytes());
    b.choose_file("[data-testid=import-file]", &good.0).await;
    b.wait_text("[data-testid=import-clean]", |_| true, "a clean check")
        .await;
    assert_eq!(
        b.text("[data-testid=tally-products] [data-testid=tally-new]")
            .await,
        "2"
    );
    assert_eq!(
        b.text("[data-testid=tally-variants] [data-testid=tally-new]")
            .await,
        "3"
    );
    b.click(Locator::Css("[data-testid=import-apply]")).await;
    b.wait_text(
        "[data-testid=import-done]",
        |t| t.contains("Imported"),
        "the import",
    )
    .await;
    let variants: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM product_variants v JOIN products p ON p.id = v.product_id \
         WHERE p.slug IN ('csv-scarf', 'csv-cap')",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(variants, 3);
    // the imported products are in the list
    b.goto(&app.url("/admin/catalogue/products?q=csv-")).await;
    b.wait_text(
        "[data-testid=products-table]",
        |t| t.contains("Imported Scarf"),
        "the imported product",
    )
    .await;
    b.close().await;
    app.cleanup().await;
}

async fn the_warehouse_sees_no_catalogue_and_the_dashboard_shows_a_sale(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let b = Browser::start("zh-CN").await;
    sign_in_staff(&b, &app, "warehouse@storekeep.test", "warehouse-demo-2026").await;
    let links = b
        .eval("return [...document.querySelectorAll('nav.nav a.nav__link')].map(a => a.getAttribute('href')).join(' ')")
        .await;
    assert!(!links.as_str().unwrap().contains("/catalogue"), "{links}");
    b.goto(&app.url("/admin/catalogue/products")).await;
    assert!(!b.has("[data-testid=products-table]").await);
    let warehouse = app
        .login("warehouse@storekeep.test", "warehouse-demo-2026")
        .await;
    let refused = app.get_with("/api/v1/admin/products", &warehouse).await;
    assert_eq!(refused.status, 403, "{:?}", refused.json);
    b.close().await;

    // a shopper buys; the analyst's dashboard shows the sale today
    let placed = app
        .order_sku("e2e-dash-1", "BD-001-01", 2, 20, "cash_on_delivery")
        .await;
    let total: i64 = sqlx::query_scalar("SELECT grand_total FROM orders WHERE number = $1")
        .bind(placed.json["number"].as_str().expect("a number"))
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let b = Browser::start("zh-CN").await;
    sign_in_staff(&b, &app, "analyst@storekeep.test", "analyst-demo-2026").await;
    b.goto(&app.url("/admin/reports/dashboard?period=today"))
        .await;
    b.wait_text("[data-testid=kpi-orders]", |t| t == "1", "one order today")
        .await;
    assert_eq!(b.text("[data-testid=kpi-units]").await, "2");
    let revenue = b.text("[data-testid=kpi-revenue]").await;
    assert!(revenue.contains('¥'), "{revenue}");
    let yuan = format!("{}.{:02}", total / 100, total % 100);
    assert!(
        revenue.replace(',', "").contains(&yuan),
        "{revenue} shows {yuan}"
    );
    b.screenshot("admin-dashboard-today-zh").await;
    b.close().await;
    app.cleanup().await;
}
