//! Products as CSV: an export imported unchanged reports every row unchanged and loses
//! nothing; the dry run lists every row error with its line and column; an import with one
//! bad row writes nothing; formula cells and Chinese survive a spreadsheet.

use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{StaffLogin, TestApp};

storekeep_tests::on_both_backends!(
    an_unchanged_export_imports_as_unchanged,
    the_dry_run_lists_every_row_error,
    an_import_is_all_or_nothing,
);

/// Runs an import and returns its report (the last line of the stream) and the progress
/// lines before it.
pub async fn import(
    app: &TestApp,
    staff: &StaffLogin,
    csv: Vec<u8>,
    apply: bool,
) -> (Value, usize) {
    let res = app
        .post_bytes(
            &format!("/api/v1/admin/products/import?apply={apply}"),
            "text/csv",
            csv,
            &staff.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(res.headers["content-type"], "application/x-ndjson");
    let text = res
        .json
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| res.json.to_string());
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let last = lines.last().unwrap().clone();
    assert_eq!(last["event"], "done", "{last}");
    let progress = lines.iter().filter(|l| l["event"] == "progress").count();
    (last["report"].clone(), progress)
}

pub async fn export(app: &TestApp, staff: &StaffLogin, query: &str) -> Vec<u8> {
    let res = app
        .client
        .get(app.url(&format!("/api/v1/admin/products/export{query}")))
        .header("cookie", &staff.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("products-"));
    res.bytes().await.unwrap().to_vec()
}

async fn an_unchanged_export_imports_as_unchanged(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = app.with_staff(&[StaffRole::CatalogManager]).await;
    // a product whose texts a spreadsheet would run as formulas, with a picture and SEO
    let editor = app
        .get_with("/api/v1/admin/products/1", &staff.cookie)
        .await;
    let mut d = editor.json["draft"].clone();
    d["name"]["en"] = json!("=HYPERLINK(\"http://evil\")");
    d["seo"]["title"]["zh"] = json!("+86 热卖");
    d["variants"][0]["compare_at"] = json!(d["variants"][0]["price"].as_i64().unwrap() + 5_000);
    d["variants"][0]["cost"] = json!(4_321);
    d["variants"][0]["barcode"] = json!("4006381333931");
    let saved = app
        .send(
            reqwest::Method::PUT,
            "/api/v1/admin/products/1",
            Some(&d),
            &staff.cookie,
        )
        .await;
    assert_eq!(saved.status, 200, "{:?}", saved.json);

    let file = export(&app, &staff, "").await;
    assert!(file.starts_with(b"\xEF\xBB\xBF"), "a BOM for spreadsheets");
    let text = std::str::from_utf8(&file[3..]).unwrap();
    assert!(text.starts_with("product_slug,status,category,brand,name_zh,name_en"));
    assert!(text.contains("'=HYPERLINK"), "formula neutralised");
    assert!(text.contains("'+86 热卖"));
    assert!(text.contains("羽绒"), "Chinese as is");
    let rows = text.lines().count() - 1;
    let variants: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM product_variants")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(
        rows as i64 >= variants,
        "one row per variant ({rows} rows, descriptions may span lines)"
    );

    let before = app.audit_count().await;
    let (report, progress) = import(&app, &staff, file.clone(), false).await;
    assert_eq!(report["error_count"], 0, "{report}");
    assert_eq!(report["rows"], variants);
    assert_eq!(
        report["variants"],
        json!({"new": 0, "changed": 0, "unchanged": variants}),
        "{report}"
    );
    assert_eq!(report["products"]["changed"], 0);
    assert_eq!(
        (report["dry_run"].as_bool(), report["applied"].as_bool()),
        (Some(true), Some(false))
    );
    assert!(progress >= 1);
    let (report, _) = import(&app, &staff, file.clone(), true).await;
    assert_eq!(report["applied"], true, "{report}");
    assert_eq!(report["products"]["changed"], 0);
    assert_eq!(
        app.audit_count().await,
        before,
        "nothing changed, nothing audited"
    );
    // nothing lost: the same file again, the same product
    assert_eq!(export(&app, &staff, "").await, file);
    let after = app
        .get_with("/api/v1/admin/products/1", &staff.cookie)
        .await;
    assert_eq!(after.json["draft"], saved.json["draft"]);

    // the list's filters apply
    let drafts = export(&app, &staff, "?status=draft").await;
    assert_eq!(
        std::str::from_utf8(&drafts[3..]).unwrap().lines().count(),
        1,
        "only the header"
    );
    app.cleanup().await;
}

async fn the_dry_run_lists_every_row_error(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = app.with_staff(&[StaffRole::CatalogManager]).await;
    let before = app.audit_count().await;
    let header = "product_slug,name_zh,name_en,category,brand,sku,barcode,price,compare_at";
    let (cat, brand) = demo_category_and_brand(&app).await;
    let file = format!(
        "{header}\n\
         new-one,新品,New one,{cat},{brand},NEW-1,,99.00,\n\
         new-one,,,,,NEW-2,4006381333932,99.00,\n\
         new-one,,,,,NEW-3,,-5,\n\
         new-one,,,,,NEW-1,,99.00,\n\
         new-two,新品二,,{cat},{brand},NEW-4,,10,8\n\
         new-three,新品三,New three,no-such-category,{brand},NEW-5,,abc,\n\
         new-four,新品四,New four,{cat},{brand},NEW-6,,12,{}\n",
        "9".repeat(25_000)
    );
    let (report, _) = import(&app, &staff, file.into_bytes(), false).await;
    let errors: Vec<(i64, String, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_i64().unwrap(),
                e["column"].as_str().unwrap_or("").to_string(),
                e["rule"]
                    .as_str()
                    .or(e["problem"].as_str())
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    for expected in [
        (4, "price", "price_invalid"),
        (5, "sku", "sku_repeated"),
        (6, "name_en", "required"),
        (7, "category", "category_unknown"),
        (7, "price", "price_invalid"),
        (8, "compare_at", "cell_too_long"),
    ] {
        assert!(
            errors.contains(&(expected.0, expected.1.to_string(), expected.2.to_string())),
            "{expected:?} in {errors:?}"
        );
    }
    // the barcode is checked by the catalogue's own rules once the rest of its product is fine
    assert_eq!(report["applied"], false);
    assert_eq!(app.audit_count().await, before, "a dry run writes nothing");

    // a file in another encoding, with unknown and missing columns
    let gbk = b"product_slug,sku,price\nx,\xC4\xE3\xBA\xC3,1\n".to_vec();
    let (report, _) = import(&app, &staff, gbk, false).await;
    assert_eq!(report["errors"][0]["problem"], "not_utf8", "{report}");
    assert_eq!(report["errors"][0]["line"], 2);
    let (report, _) = import(&app, &staff, b"product_slug,sku,colour\n".to_vec(), false).await;
    let problems: Vec<&str> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["problem"].as_str().unwrap())
        .collect();
    assert_eq!(problems, ["column_unknown", "column_missing"], "{report}");
    assert_eq!(report["errors"][1]["column"], "price");

    // a malformed barcode on an otherwise good product
    let file = format!("{header}\nbar-one,条码,Barcode,{cat},{brand},BAR-1,4006381333932,9,\n");
    let (report, _) = import(&app, &staff, file.into_bytes(), true).await;
    assert_eq!(report["errors"][0]["rule"], "barcode_invalid", "{report}");
    assert_eq!(
        (
            report["errors"][0]["line"].as_i64(),
            report["errors"][0]["column"].as_str()
        ),
        (Some(2), Some("barcode"))
    );
    assert_eq!(report["applied"], false);
    app.cleanup().await;
}

async fn demo_category_and_brand(app: &TestApp) -> (String, String) {
    let (_, cats) = app.get_json("/api/v1/store/categories").await;
    let leaf = cats
        .as_array()
        .unwrap()
        .iter()
        .find(|c| !c["parent_id"].is_null())
        .unwrap();
    let (_, brands) = app.get_json("/api/v1/store/brands").await;
    (
        leaf["slug"].as_str().unwrap().to_string(),
        brands[0]["slug"].as_str().unwrap().to_string(),
    )
}

async fn an_import_is_all_or_nothing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = app.with_staff(&[StaffRole::CatalogManager]).await;
    let (cat, brand) = demo_category_and_brand(&app).await;
    let header =
        "product_slug,status,name_zh,name_en,category,brand,color_zh,color_en,size,sku,price";
    let good = format!(
        "{header}\n\
         trail-tee,active,峡谷速干T恤,Trail tee,{cat},{brand},黑色,Black,M,TT-1,129.00\n\
         trail-tee,,,,,,黑色,Black,L,TT-2,129.00\n\
         trail-cap,active,峡谷帽,Trail cap,{cat},{brand},,,,TC-1,59\n"
    );
    let bad = format!("{good}trail-sock,active,峡谷袜,Trail socks,{cat},{brand},,,,TS-1,-1\n");
    let before = app.audit_count().await;
    let (report, _) = import(&app, &staff, bad.into_bytes(), true).await;
    assert_eq!(
        (report["applied"].as_bool(), report["error_count"].as_i64()),
        (Some(false), Some(1)),
        "{report}"
    );
    assert_eq!(report["errors"][0]["line"], 5);
    assert_eq!(
        app.get_json("/api/v1/store/products/trail-tee").await.0,
        404,
        "nothing written"
    );
    assert_eq!(app.audit_count().await, before);

    let (report, _) = import(&app, &staff, good.clone().into_bytes(), true).await;
    assert_eq!(report["applied"], true, "{report}");
    assert_eq!(
        report["products"],
        json!({"new": 2, "changed": 0, "unchanged": 0})
    );
    assert_eq!(
        report["variants"],
        json!({"new": 3, "changed": 0, "unchanged": 0})
    );
    let (status, tee) = app.get_json("/api/v1/store/products/trail-tee").await;
    assert_eq!(status, 200);
    assert_eq!(tee["variants"].as_array().unwrap().len(), 2);
    let (_, found) = app.get_json("/api/v1/store/search?q=峡谷").await;
    assert_eq!(found["list"]["total"], 2, "in the search index at once");
    let audit = app
        .get_with(
            "/api/v1/admin/audit?action=product.import",
            &app.owner().await.cookie,
        )
        .await;
    assert_eq!(audit.json["total"], 2, "{:?}", audit.json);

    // a price changed in one row: that row changes, the rest stay
    let changed = good.replace("TT-2,129.00", "TT-2,119.00");
    let (report, _) = import(&app, &staff, changed.into_bytes(), true).await;
    assert_eq!(
        report["variants"],
        json!({"new": 0, "changed": 1, "unchanged": 2}),
        "{report}"
    );
    assert_eq!(
        report["products"],
        json!({"new": 0, "changed": 1, "unchanged": 1})
    );
    // only some columns: the rest stays as it is
    let (report, _) = import(
        &app,
        &staff,
        b"sku,product_slug,price\nTC-1,trail-cap,49.00\n".to_vec(),
        true,
    )
    .await;
    assert_eq!(report["applied"], true, "{report}");
    let (_, cap) = app.get_json("/api/v1/store/products/trail-cap").await;
    assert_eq!(
        (
            cap["name"]["en"].as_str(),
            cap["variants"][0]["price"]["minor"].as_i64()
        ),
        (Some("Trail cap"), Some(4_900))
    );

    let clerk = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let res = app
        .post_bytes(
            "/api/v1/admin/products/import",
            "text/csv",
            good.into_bytes(),
            &clerk.cookie,
        )
        .await;
    assert_eq!(res.status, 403);
    let res = app
        .get_with("/api/v1/admin/products/export", &clerk.cookie)
        .await;
    assert_eq!(res.status, 403);
    app.cleanup().await;
}
