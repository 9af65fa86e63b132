//! The catalogue in the back office: a product with two options, an uploaded picture,
//! publishing (at once and scheduled), slugs that move and keep answering, bulk actions,
//! the category tree, brand stores — and bad input explained with nothing written.

use reqwest::Method;
use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{StaffLogin, TestApp};

storekeep_tests::on_both_backends!(
    a_product_with_two_options_and_a_picture_reaches_the_shop_front,
    a_changed_slug_answers_301_from_the_old_one,
    bulk_actions_change_many_products_at_once,
    scheduled_products_are_published_at_their_time,
    the_category_tree_moves_and_refuses_cycles,
    brand_stores_list_their_products,
    bad_catalogue_input_is_explained_and_writes_nothing,
    bad_uploads_are_refused,
    a_raw_material_is_stocked_but_never_sold,
);

/// A PNG of `w`×`h` pixels in one colour.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([75, 83, 32]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encoding a PNG");
    out.into_inner()
}

/// The CRC-32 PNG chunks carry.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffff_u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

async fn manager(app: &TestApp) -> StaffLogin {
    app.with_staff(&[StaffRole::CatalogManager]).await
}

/// A leaf category's id and a brand's id and slug from the demo shop.
async fn places(app: &TestApp, staff: &StaffLogin) -> (i64, i64, String) {
    let cats = app
        .get_with("/api/v1/admin/categories", &staff.cookie)
        .await;
    assert_eq!(cats.status, 200, "{:?}", cats.json);
    let leaf = cats
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| !c["draft"]["parent_id"].is_null())
        .unwrap();
    let brands = app.get_with("/api/v1/admin/brands", &staff.cookie).await;
    assert_eq!(brands.status, 200, "{:?}", brands.json);
    let brand = &brands.json[0];
    (
        leaf["id"].as_i64().unwrap(),
        brand["id"].as_i64().unwrap(),
        brand["draft"]["slug"].as_str().unwrap().to_string(),
    )
}

/// A draft product: 颜色 × 尺码 with two values each (four variants).
fn draft(slug: &str, sku: &str, category: i64, brand: i64, images: Value) -> Value {
    let variant = |n: usize, zh: &str, en: &str, size: &str, barcode: Value| {
        json!({"id": null, "sku": format!("{sku}-{n}"), "barcode": barcode,
               "color": {"zh": zh, "en": en}, "size": size, "price": 19_900 + n as i64 * 100,
               "compare_at": 25_900, "cost": 9_000, "weight_grams": 450})
    };
    json!({
        "slug": slug,
        "name": {"zh": "山岚 抓绒外套", "en": "Mountain mist fleece"},
        "description": {"zh": "<p>轻暖<strong>抓绒</strong></p><script>alert(1)</script>",
                        "en": "<p>Light, <strong>warm</strong> fleece</p><ul><li>Zip pockets</li></ul><a href=\"javascript:x\">x</a>"},
        "category_id": category, "brand_id": brand, "status": "draft", "publish_at": null,
        "featured": false,
        "option1": {"zh": "颜色", "en": "Colour"}, "option2": {"zh": "尺码", "en": "Size"},
        "variants": [
            variant(1, "军绿", "Olive", "M", Value::Null),
            variant(2, "军绿", "Olive", "L", Value::Null),
            variant(3, "黑色", "Black", "M", Value::Null),
            variant(4, "黑色", "Black", "L", Value::Null),
        ],
        "images": images,
        "seo": {"title": {"zh": "", "en": "Mountain mist fleece jacket"}, "description": {"zh": "", "en": ""}},
    })
}

async fn upload(app: &TestApp, staff: &StaffLogin) -> Value {
    let up = app
        .post_bytes(
            "/api/v1/admin/media",
            "image/png",
            png(1600, 1200),
            &staff.cookie,
        )
        .await;
    assert_eq!(up.status, 201, "{:?}", up.json);
    up.json
}

async fn create(app: &TestApp, staff: &StaffLogin, body: &Value) -> Value {
    let made = app
        .post_json("/api/v1/admin/products", body, &staff.cookie)
        .await;
    assert_eq!(made.status, 201, "{:?}", made.json);
    made.json
}

/// The editor's draft of a product, with the variants' ids filled in (for a PUT).
fn draft_of(editor: &Value) -> Value {
    editor["draft"].clone()
}

async fn put(app: &TestApp, staff: &StaffLogin, id: i64, body: &Value) -> (u16, Value) {
    let res = app
        .send(
            Method::PUT,
            &format!("/api/v1/admin/products/{id}"),
            Some(body),
            &staff.cookie,
        )
        .await;
    (res.status, res.json)
}

async fn a_product_with_two_options_and_a_picture_reaches_the_shop_front(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = manager(&app).await;
    let (category, brand, _) = places(&app, &staff).await;
    let picture = upload(&app, &staff).await;
    let url = picture["url"].as_str().unwrap().to_string();
    assert!(
        url.starts_with("/media/") && url.ends_with(".webp"),
        "{url}"
    );
    // the original's size (for the aspect ratio); the files are at most 1280 wide
    assert_eq!(
        (picture["width"].as_i64(), picture["height"].as_i64()),
        (Some(1600), Some(1200))
    );
    assert!(url.ends_with("-640.webp"), "{url}");
    assert!(
        picture["srcset"].as_str().unwrap().contains(" 320w"),
        "{picture}"
    );
    // the sizes are served, immutable
    let file = app.get(&url).await;
    assert_eq!(file.status(), 200);
    assert_eq!(file.headers()["content-type"], "image/webp");
    assert!(file.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));

    let images = json!([{"url": url, "alt": {"zh": "军绿色抓绒外套", "en": "The fleece in olive"}, "color_en": "Olive"}]);
    let mut body = draft("mist-fleece", "MF-24", category, brand, images);
    body["variants"][0]["barcode"] = json!("4006381333931");
    let made = create(&app, &staff, &body).await;
    assert_eq!(made["variants"][0]["draft"]["barcode"], "4006381333931");
    let id = made["id"].as_i64().unwrap();
    assert_eq!(made["variants"].as_array().unwrap().len(), 4);
    // sanitised: no script, no javascript: link
    let zh = made["draft"]["description"]["zh"].as_str().unwrap();
    let en = made["draft"]["description"]["en"].as_str().unwrap();
    assert!(
        !zh.contains("script") && zh.contains("<strong>抓绒</strong>"),
        "{zh}"
    );
    assert!(
        !en.contains("javascript") && en.contains("<li>Zip pockets</li>"),
        "{en}"
    );

    // a draft is not on the shop front
    let (status, _) = app.get_json("/api/v1/store/products/mist-fleece").await;
    assert_eq!(status, 404);
    let (_, found) = app.get_json("/api/v1/store/search?q=抓绒外套").await;
    assert_eq!(found["list"]["total"], 0, "{found}");

    // a year's warranty unless set; at most ten years
    assert_eq!(made["draft"]["warranty_days"], 365);
    let mut body = draft_of(&made);
    body["warranty_days"] = json!(3651);
    let (status, json) = put(&app, &staff, id, &body).await;
    assert_eq!(
        (status, json["problem"].as_str(), json["field"].as_str()),
        (422, Some("warranty_invalid"), Some("warranty_days"))
    );
    body["warranty_days"] = json!(730);
    body["status"] = json!("active");
    let (status, json) = put(&app, &staff, id, &body).await;
    assert_eq!(status, 200, "{json}");
    assert_eq!(json["draft"]["warranty_days"], 730);

    // at once: product page, search in both languages, the listing, the sitemap
    let (status, shown) = app.get_json("/api/v1/store/products/mist-fleece").await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["option1"]["en"], "Colour");
    assert_eq!(shown["option2"]["zh"], "尺码");
    assert_eq!(shown["images"][0]["url"], url);
    assert_eq!(shown["images"][0]["color_en"], "Olive");
    assert_eq!(shown["images"][0]["alt"]["en"], "The fleece in olive");
    assert_eq!(shown["seo"]["title"]["en"], "Mountain mist fleece jacket");
    for q in ["抓绒外套", "mist%20fleece"] {
        let (_, found) = app.get_json(&format!("/api/v1/store/search?q={q}")).await;
        assert_eq!(found["list"]["total"], 1, "{q}: {found}");
    }
    let (_, html) = app.get_html("/en/products/mist-fleece").await;
    assert!(
        html.contains("<title>Mountain mist fleece jacket · Storekeep</title>"),
        "{html:.2000}"
    );
    assert!(html.contains("srcset=\"/media/"), "srcset on the page");
    assert!(html.contains("<li>Zip pockets</li>"));
    assert!(html.contains(">Colour<") && html.contains(">Size<"));
    let (_, html) = app.get_html("/products/mist-fleece").await;
    assert!(html.contains("山岚 抓绒外套") && html.contains(">颜色<"));
    let (_, sitemap) = app.get_html("/sitemap.xml").await;
    assert!(sitemap.contains("/en/products/mist-fleece"));

    // the list finds it with its filters
    let listed = app
        .get_with(
            &format!(
                "/api/v1/admin/products?q=mist&status=active&category={category}&brand={brand}"
            ),
            &staff.cookie,
        )
        .await;
    assert_eq!(listed.status, 200, "{:?}", listed.json);
    assert_eq!(listed.json["total"], 1, "{:?}", listed.json);
    assert_eq!(listed.json["items"][0]["variants"], 4);

    // audited
    let audit = app
        .get_with(
            "/api/v1/admin/audit?entity_type=product",
            &app.owner().await.cookie,
        )
        .await;
    let actions: Vec<&str> = audit.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(
        actions.contains(&"product.create") && actions.contains(&"product.update"),
        "{actions:?}"
    );
    app.cleanup().await;
}

async fn a_changed_slug_answers_301_from_the_old_one(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = manager(&app).await;
    let (category, brand, _) = places(&app, &staff).await;
    let mut body = draft("old-name", "ON-1", category, brand, json!([]));
    body["status"] = json!("active");
    let made = create(&app, &staff, &body).await;
    let id = made["id"].as_i64().unwrap();
    let mut renamed = draft_of(&made);
    renamed["slug"] = json!("new-name");
    let (status, json) = put(&app, &staff, id, &renamed).await;
    assert_eq!(status, 200, "{json}");

    for (old, new) in [
        ("/products/old-name", "/products/new-name"),
        ("/en/products/old-name", "/en/products/new-name"),
    ] {
        let res = app.get(old).await;
        assert_eq!(res.status(), 301, "{old}");
        assert_eq!(res.headers()["location"], new);
    }
    assert_eq!(app.get("/products/new-name").await.status(), 200);
    let (status, moved) = app
        .get_json("/api/v1/store/redirects/product/old-name")
        .await;
    assert_eq!((status, moved["slug"].as_str()), (200, Some("new-name")));
    assert_eq!(app.get("/products/never-was").await.status(), 404);
    let (_, sitemap) = app.get_html("/sitemap.xml").await;
    assert!(sitemap.contains("/products/new-name") && !sitemap.contains("/products/old-name"));

    // a new product may take the old slug: then it is that product's page
    let mut other = draft("old-name", "ON-2", category, brand, json!([]));
    other["status"] = json!("active");
    create(&app, &staff, &other).await;
    assert_eq!(app.get("/products/old-name").await.status(), 200);

    // categories and brands too
    let cats = app
        .get_with("/api/v1/admin/categories", &staff.cookie)
        .await;
    let cat = cats
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == category)
        .unwrap()
        .clone();
    let old_slug = cat["draft"]["slug"].as_str().unwrap().to_string();
    let mut d = cat["draft"].clone();
    d["slug"] = json!("renamed-category");
    let res = app
        .send(
            Method::PUT,
            &format!("/api/v1/admin/categories/{category}"),
            Some(&d),
            &staff.cookie,
        )
        .await;
    assert_eq!(res.status, 204, "{:?}", res.json);
    let res = app
        .get(&format!("/en/categories/{old_slug}?sort=newest"))
        .await;
    assert_eq!(res.status(), 301);
    assert_eq!(res.headers()["location"], "/en/categories/renamed-category");
    app.cleanup().await;
}

async fn bulk_actions_change_many_products_at_once(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = manager(&app).await;
    let (category, brand, _) = places(&app, &staff).await;
    let a = create(
        &app,
        &staff,
        &draft("bulk-a", "BA", category, brand, json!([])),
    )
    .await;
    let b = create(
        &app,
        &staff,
        &draft("bulk-b", "BB", category, brand, json!([])),
    )
    .await;
    let ids = json!([a["id"], b["id"]]);
    let bulk = |body: Value| {
        let app = &app;
        let cookie = staff.cookie.clone();
        async move {
            app.post_json("/api/v1/admin/products/bulk", &body, &cookie)
                .await
        }
    };
    let res = bulk(json!({"ids": ids, "action": "publish"})).await;
    assert_eq!(
        (res.status, res.json["changed"].as_i64()),
        (200, Some(2)),
        "{:?}",
        res.json
    );
    assert_eq!(app.get_json("/api/v1/store/products/bulk-b").await.0, 200);

    // −10 %: 20,000 → 18,000 fen; the compare-at price stays (a markdown shows what it was)
    let res = bulk(json!({"ids": ids, "action": "change_price", "basis_points": -1000})).await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    let (_, shown) = app.get_json("/api/v1/store/products/bulk-a").await;
    let first = shown["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["sku"] == "BA-1")
        .unwrap();
    assert_eq!(first["price"]["minor"], 18_000, "{first}");
    assert_eq!(first["compare_at"]["minor"], 25_900);
    // +50 %: 27,000, above the compare-at price, which goes
    let res = bulk(json!({"ids": ids, "action": "change_price", "basis_points": 5000})).await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    let (_, shown) = app.get_json("/api/v1/store/products/bulk-a").await;
    let first = shown["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["sku"] == "BA-1")
        .unwrap();
    assert_eq!(
        (
            first["price"]["minor"].as_i64(),
            first["compare_at"].as_i64()
        ),
        (Some(27_000), None),
        "{first}"
    );

    // an absurd change is refused and changes nothing
    let res = bulk(json!({"ids": ids, "action": "change_price", "basis_points": -9000})).await;
    assert_eq!(res.status, 200, "−90 % is allowed: {:?}", res.json);
    let res = bulk(json!({"ids": ids, "action": "change_price", "basis_points": -10000})).await;
    assert_eq!(res.status, 422, "{:?}", res.json);

    let cats = app
        .get_with("/api/v1/admin/categories", &staff.cookie)
        .await;
    let other = cats
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| !c["draft"]["parent_id"].is_null() && c["id"] != category)
        .unwrap()["id"]
        .clone();
    let res = bulk(json!({"ids": ids, "action": "move_to_category", "category_id": other})).await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    let res = bulk(json!({"ids": ids, "action": "unpublish"})).await;
    assert_eq!(res.status, 200);
    assert_eq!(app.get_json("/api/v1/store/products/bulk-a").await.0, 404);
    let editor = app
        .get_with(
            &format!("/api/v1/admin/products/{}", a["id"]),
            &staff.cookie,
        )
        .await;
    assert_eq!(editor.json["draft"]["category_id"], other);
    assert_eq!(editor.json["draft"]["status"], "draft");

    // a warehouse operator may not
    let clerk = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let res = app
        .post_json(
            "/api/v1/admin/products/bulk",
            &json!({"ids": ids, "action": "publish"}),
            &clerk.cookie,
        )
        .await;
    assert_eq!(res.status, 403);
    app.cleanup().await;
}

async fn scheduled_products_are_published_at_their_time(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = manager(&app).await;
    let (category, brand, _) = places(&app, &staff).await;
    let now = server::db::now_millis();
    let mut body = draft("later", "LT", category, brand, json!([]));
    body["publish_at"] = json!(now - 60_000);
    let res = app
        .post_json("/api/v1/admin/products", &body, &staff.cookie)
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("publish_at_past")),
        "{:?}",
        res.json
    );
    body["publish_at"] = json!(now + 1_500);
    create(&app, &staff, &body).await;
    assert!(server::workflows::catalog::publish_due(&app.db)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(app.get_json("/api/v1/store/products/later").await.0, 404);
    tokio::time::sleep(std::time::Duration::from_millis(1_600)).await;
    let published = server::workflows::catalog::publish_due(&app.db)
        .await
        .unwrap();
    assert_eq!(published.len(), 1);
    assert_eq!(app.get_json("/api/v1/store/products/later").await.0, 200);
    let (_, found) = app.get_json("/api/v1/store/search?q=抓绒外套").await;
    assert_eq!(found["list"]["total"], 1, "in the search index: {found}");
    app.cleanup().await;
}

async fn the_category_tree_moves_and_refuses_cycles(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = manager(&app).await;
    let new_cat = |slug: &str, parent: Value| {
        json!({"slug": slug, "name": {"zh": "户外", "en": "Outdoor"}, "parent_id": parent, "image": null,
               "seo": {"title": {"zh": "户外装备", "en": "Outdoor gear"}, "description": {"zh": "", "en": ""}}})
    };
    let top = app
        .post_json(
            "/api/v1/admin/categories",
            &new_cat("outdoor", Value::Null),
            &staff.cookie,
        )
        .await;
    assert_eq!(top.status, 201, "{:?}", top.json);
    let top_id = top.json["id"].as_i64().unwrap();
    let child = app
        .post_json(
            "/api/v1/admin/categories",
            &new_cat("tents", json!(top_id)),
            &staff.cookie,
        )
        .await;
    assert_eq!(child.status, 201, "{:?}", child.json);
    let child_id = child.json["id"].as_i64().unwrap();

    // under its own child: refused, nothing moves
    let res = app
        .post_json(
            &format!("/api/v1/admin/categories/{top_id}/move"),
            &json!({"parent_id": child_id, "position": 0}),
            &staff.cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("category_cycle")),
        "{:?}",
        res.json
    );
    assert!(res.json["message"]
        .as_str()
        .unwrap()
        .contains("sub-categories"));
    // first among the top level
    let res = app
        .post_json(
            &format!("/api/v1/admin/categories/{top_id}/move"),
            &json!({"parent_id": null, "position": 0}),
            &staff.cookie,
        )
        .await;
    assert_eq!(res.status, 204, "{:?}", res.json);
    let (_, cats) = app.get_json("/api/v1/store/categories").await;
    assert_eq!(cats[0]["slug"], "outdoor", "first now: {cats}");
    assert_eq!(cats[0]["seo"]["title"]["en"], "Outdoor gear");
    let (_, html) = app.get_html("/en/categories/outdoor").await;
    assert!(html.contains("<title>Outdoor gear · Storekeep</title>"));

    // a category with a sub-category stays; an empty one goes
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/v1/admin/categories/{top_id}"),
            None,
            &staff.cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("category_not_empty")),
        "{:?}",
        res.json
    );
    let res = app
        .send(
            Method::DELETE,
            &format!("/api/v1/admin/categories/{child_id}"),
            None,
            &staff.cookie,
        )
        .await;
    assert_eq!(res.status, 204, "{:?}", res.json);
    app.cleanup().await;
}

async fn brand_stores_list_their_products(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = manager(&app).await;
    let made = app
        .post_json(
            "/api/v1/admin/brands",
            &json!({"slug": "peak-lab", "name": {"zh": "峰行", "en": "Peak Lab"},
                    "description": {"zh": "<p>为山而生</p>", "en": "<p>Made for mountains</p>"}, "logo": null,
                    "seo": {"title": {"zh": "", "en": ""}, "description": {"zh": "", "en": ""}}}),
            &staff.cookie,
        )
        .await;
    assert_eq!(made.status, 201, "{:?}", made.json);
    let brand = made.json["id"].as_i64().unwrap();
    let (category, _, _) = places(&app, &staff).await;
    let mut body = draft("peak-fleece", "PK", category, brand, json!([]));
    body["status"] = json!("active");
    create(&app, &staff, &body).await;

    let (status, page) = app.get_json("/api/v1/store/brands/peak-lab").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["description"]["en"], "<p>Made for mountains</p>");
    for (path, words) in [
        ("/brands/peak-lab", ["峰行", "为山而生"]),
        ("/en/brands/peak-lab", ["Peak Lab", "Made for mountains"]),
    ] {
        let (status, html) = app.get_html(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(words.iter().all(|w| html.contains(w)), "{path}");
        assert!(
            html.contains("/products/peak-fleece"),
            "{path} lists the product"
        );
    }
    let (_, sitemap) = app.get_html("/sitemap.xml").await;
    assert!(sitemap.contains("/en/brands/peak-lab"));
    assert_eq!(app.get("/brands/nobody").await.status(), 404);
    app.cleanup().await;
}

async fn bad_catalogue_input_is_explained_and_writes_nothing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = manager(&app).await;
    let (category, brand, _) = places(&app, &staff).await;
    let before = app.audit_count().await;
    let good = draft("fine-one", "FN", category, brand, json!([]));
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "/variants/0/barcode",
            json!("4006381333932"),
            "barcode_invalid",
        ),
        ("/variants/1/size", json!("M"), "variants_repeat"),
        ("/variants/1/sku", json!("FN-1"), "sku_taken"),
        ("/slug", json!("Bad Slug"), "slug_invalid"),
        (
            "/variants/0/compare_at",
            json!(100),
            "compare_at_not_above_price",
        ),
        ("/variants/2/size", Value::Null, "option_missing"),
        ("/category_id", json!(999_999), "category_unknown"),
        (
            "/images",
            json!([{"url": "/media/not-there.webp", "alt": {"zh": "", "en": ""}, "color_en": null}]),
            "image_unknown",
        ),
        ("/name/en", json!(""), "text_missing"),
        ("/name/zh", json!("长".repeat(200_000)), "too_long"),
    ];
    for (pointer, value, problem) in cases {
        let mut body = good.clone();
        *body.pointer_mut(pointer).unwrap() = value;
        let res = app
            .post_json("/api/v1/admin/products", &body, &staff.cookie)
            .await;
        assert_eq!(
            (res.status, res.json["problem"].as_str()),
            (422, Some(problem)),
            "{pointer}: {:?}",
            res.json
        );
        assert!(res.json["field"].is_string(), "{pointer}: names the field");
    }
    // negative prices
    let mut body = good.clone();
    body["variants"][0]["price"] = json!(-1);
    let res = app
        .post_json("/api/v1/admin/products", &body, &staff.cookie)
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("price_invalid")),
        "{:?}",
        res.json
    );
    // slugs that collide
    create(&app, &staff, &good).await;
    let mut again = draft("fine-one", "FN2", category, brand, json!([]));
    let res = app
        .post_json("/api/v1/admin/products", &again, &staff.cookie)
        .await;
    assert_eq!(res.json["problem"], "slug_taken", "{:?}", res.json);
    again["slug"] = json!("fine-two");
    again["variants"][0]["sku"] = json!("FN-1");
    let res = app
        .post_json("/api/v1/admin/products", &again, &staff.cookie)
        .await;
    assert_eq!(
        (res.json["problem"].as_str(), res.json["field"].as_str()),
        (Some("sku_taken"), Some("variants[0].sku"))
    );
    // a variant with stock on a shelf is not dropped (its stock would go with it), and one
    // variant cannot be sent twice
    let made = create(
        &app,
        &staff,
        &draft("fine-three", "FN3", category, brand, json!([])),
    )
    .await;
    let id = made["id"].as_i64().unwrap();
    let stocked = made["draft"]["variants"][0]["id"].as_i64().unwrap();
    sqlx::query("UPDATE stock_levels SET on_hand = 3 WHERE variant_id = $1")
        .bind(stocked)
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.db.commits.note(); // a write the server did not make itself
    let mut fewer = draft_of(&made);
    fewer["variants"].as_array_mut().unwrap().remove(0);
    let (status, json) = put(&app, &staff, id, &fewer).await;
    assert_eq!(
        (status, json["problem"].as_str()),
        (422, Some("variant_in_stock")),
        "{json:?}"
    );
    let mut twice = draft_of(&made);
    twice["variants"][1]["id"] = json!(stocked);
    let (status, json) = put(&app, &staff, id, &twice).await;
    assert_eq!(
        (status, json["problem"].as_str(), json["field"].as_str()),
        (422, Some("variants_repeat"), Some("variants[1].id")),
        "{json:?}"
    );
    let kept: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM product_variants WHERE product_id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        kept,
        made["draft"]["variants"].as_array().unwrap().len() as i64
    );
    // only the two good products were written
    assert_eq!(app.audit_count().await, before + 2);
    let listed = app
        .get_with("/api/v1/admin/products?q=fine", &staff.cookie)
        .await;
    assert_eq!(listed.json["total"], 2);
    app.cleanup().await;
}

async fn bad_uploads_are_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = manager(&app).await;
    let res = app
        .post_bytes(
            "/api/v1/admin/media",
            "image/png",
            b"GIF89a not a png".to_vec(),
            &staff.cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("not_an_image")),
        "{:?}",
        res.json
    );
    let res = app
        .post_bytes(
            "/api/v1/admin/media",
            "text/plain",
            b"hello".to_vec(),
            &staff.cookie,
        )
        .await;
    assert_eq!(res.status, 422, "{:?}", res.json);
    // over 10 MB
    let res = app
        .post_bytes(
            "/api/v1/admin/media",
            "image/png",
            vec![0; 10 * 1024 * 1024 + 1],
            &staff.cookie,
        )
        .await;
    assert_eq!(res.status, 413, "{:?}", res.json);
    // a decompression bomb: a tiny file claiming 60,000 × 60,000 pixels
    let mut bomb = png(1, 1);
    bomb[16..20].copy_from_slice(&60_000_u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&60_000_u32.to_be_bytes());
    // the header chunk's checksum (type and data), so that only the size is wrong
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let res = app
        .post_bytes("/api/v1/admin/media", "image/png", bomb, &staff.cookie)
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("image_too_large")),
        "{:?}",
        res.json
    );
    // nothing was stored
    let stored = std::fs::read_dir(&app.media_dir)
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(stored, 0);
    // staff without the catalogue may not upload
    let clerk = app.with_staff(&[StaffRole::WarehouseOperator]).await;
    let res = app
        .post_bytes(
            "/api/v1/admin/media",
            "image/png",
            png(10, 10),
            &clerk.cookie,
        )
        .await;
    assert_eq!(res.status, 403);
    app.cleanup().await;
}

/// 原材料: an active raw material stays off the shop front (page, search, sitemap, cart) and
/// keeps its kind in the editor; turned into a finished good it is sold.
async fn a_raw_material_is_stocked_but_never_sold(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let staff = manager(&app).await;
    let (category, brand, _) = places(&app, &staff).await;
    let mut body = draft("fleece-fabric", "FAB-1", category, brand, json!([]));
    body["status"] = json!("active");
    body["kind"] = json!("raw_material");
    let made = create(&app, &staff, &body).await;
    assert_eq!(made["draft"]["kind"], "raw_material", "{made}");
    let id = made["id"].as_i64().unwrap();
    let variant = made["variants"][0]["draft"]["id"].as_i64().unwrap();

    let (status, _) = app.get_json("/api/v1/store/products/fleece-fabric").await;
    assert_eq!(status, 404);
    let (_, found) = app.get_json("/api/v1/store/search?q=抓绒外套").await;
    assert_eq!(found["list"]["total"], 0, "{found}");
    let (_, sitemap) = app.get_html("/sitemap.xml").await;
    assert!(!sitemap.contains("fleece-fabric"));
    let shopper = app.register_customer("fabric@example.cn").await;
    let add = json!({"variant_id": variant, "quantity": 1});
    let res = app
        .send(
            Method::POST,
            "/api/v1/store/cart/items",
            Some(&add),
            &shopper,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("variant_unavailable")),
        "{:?}",
        res.json
    );

    // made a finished good, it is on sale at once
    let mut body = draft_of(&made);
    body["kind"] = json!("finished_good");
    let (status, json) = put(&app, &staff, id, &body).await;
    assert_eq!(
        (status, &json["draft"]["kind"]),
        (200, &json!("finished_good")),
        "{json}"
    );
    let (status, _) = app.get_json("/api/v1/store/products/fleece-fabric").await;
    assert_eq!(status, 200);
    app.cleanup().await;
}
