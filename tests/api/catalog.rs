//! The shop front's catalogue API: listing, filters, sort, pagination, product, errors.

use serde_json::Value;
use server::db::Backend;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    categories_form_a_two_level_tree_with_counts,
    default_listing_pages_through_all_80_products,
    filters_narrow_the_listing,
    sorts_by_price_and_date,
    product_by_slug_has_variants_stock_and_breadcrumbs,
    unknown_things_are_404_json,
    bad_input_is_a_clear_400,
    seeding_twice_changes_nothing,
);

fn slugs(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_string())
        .collect()
}

fn prices(list: &Value) -> Vec<i64> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["price"]["minor"].as_i64().unwrap())
        .collect()
}

async fn categories_form_a_two_level_tree_with_counts(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, cats) = app.get_json("/api/v1/store/categories").await;
    assert_eq!(status, 200);
    let cats = cats.as_array().unwrap();
    assert_eq!(cats.len(), 12);
    let top: Vec<&Value> = cats.iter().filter(|c| c["parent_id"].is_null()).collect();
    assert_eq!(top.len(), 4);
    // parents come first
    assert!(cats[..4].iter().all(|c| c["parent_id"].is_null()));
    let by_slug = |s: &str| cats.iter().find(|c| c["slug"] == s).unwrap();
    assert_eq!(by_slug("clothing")["product_count"], 20);
    assert_eq!(by_slug("t-shirts")["product_count"], 10);
    assert_eq!(by_slug("t-shirts")["parent_id"], by_slug("clothing")["id"]);
    assert_eq!(by_slug("phones")["name"]["zh"], "手机");
    assert_eq!(by_slug("phones")["name"]["en"], "Phones");
    let (status, brands) = app.get_json("/api/v1/store/brands").await;
    assert_eq!(status, 200);
    assert_eq!(brands.as_array().unwrap().len(), 6);
    app.cleanup().await;
}

async fn default_listing_pages_through_all_80_products(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, first) = app.get_json("/api/v1/store/products").await;
    assert_eq!(status, 200);
    assert_eq!(first["total"], 80);
    assert_eq!(first["page"], 1);
    assert_eq!(first["page_size"], 24);
    assert_eq!(slugs(&first).len(), 24);
    // featured products come first by default
    assert_eq!(first["items"][0]["featured"], true);

    let mut seen = std::collections::HashSet::new();
    for page in 1..=8 {
        let (status, list) = app
            .get_json(&format!(
                "/api/v1/store/products?page_size=10&page={page}&sort=newest"
            ))
            .await;
        assert_eq!(status, 200);
        assert_eq!(list["total"], 80);
        assert_eq!(slugs(&list).len(), 10);
        seen.extend(slugs(&list));
    }
    assert_eq!(seen.len(), 80, "pages neither overlap nor skip");
    let (_, past_end) = app
        .get_json("/api/v1/store/products?page_size=10&page=9")
        .await;
    assert_eq!(past_end["total"], 80);
    assert!(slugs(&past_end).is_empty());
    let (_, big) = app.get_json("/api/v1/store/products?page_size=100").await;
    assert_eq!(slugs(&big).len(), 80);
    app.cleanup().await;
}

async fn filters_narrow_the_listing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, tees) = app
        .get_json("/api/v1/store/products?category=t-shirts&page_size=100")
        .await;
    assert_eq!(tees["total"], 10);
    assert!(tees["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["category"]["slug"] == "t-shirts"));

    // a top-level category includes its sub-categories
    let (_, clothing) = app
        .get_json("/api/v1/store/products?category=clothing&page_size=100")
        .await;
    assert_eq!(clothing["total"], 20);

    let (_, moshi) = app
        .get_json("/api/v1/store/products?brand=moshi&page_size=100")
        .await;
    let n = moshi["total"].as_i64().unwrap();
    assert!(n > 0);
    assert!(moshi["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["brand"]["slug"] == "moshi"));
    let (_, two) = app
        .get_json("/api/v1/store/products?brand=moshi,aurora&page_size=100")
        .await;
    assert!(two["total"].as_i64().unwrap() > n);

    let (_, ranged) = app
        .get_json("/api/v1/store/products?min_price=10000&max_price=50000&page_size=100")
        .await;
    let ps = prices(&ranged);
    assert!(!ps.is_empty());
    assert!(ps.iter().all(|p| (10_000..=50_000).contains(p)), "{ps:?}");
    assert_eq!(
        ranged["total"].as_i64().unwrap(),
        i64::try_from(ps.len()).unwrap()
    );

    let (_, combined) = app
        .get_json("/api/v1/store/products?category=phones&brand=moshi&max_price=400000")
        .await;
    for p in combined["items"].as_array().unwrap() {
        assert_eq!(p["category"]["slug"], "phones");
        assert_eq!(p["brand"]["slug"], "moshi");
        assert!(p["price"]["minor"].as_i64().unwrap() <= 400_000);
    }

    let (_, featured) = app
        .get_json("/api/v1/store/products?featured=true&page_size=100")
        .await;
    assert!(featured["total"].as_i64().unwrap() >= 8);
    assert!(featured["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["featured"] == true));

    let (_, none) = app
        .get_json("/api/v1/store/products?category=t-shirts&min_price=99999900")
        .await;
    assert_eq!(none["total"], 0);
    app.cleanup().await;
}

async fn sorts_by_price_and_date(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, asc) = app
        .get_json("/api/v1/store/products?sort=price_asc&page_size=100")
        .await;
    let ps = prices(&asc);
    assert_eq!(ps.len(), 80);
    assert!(ps.windows(2).all(|w| w[0] <= w[1]));
    let (_, desc) = app
        .get_json("/api/v1/store/products?sort=price_desc&page_size=100")
        .await;
    let ps = prices(&desc);
    assert!(ps.windows(2).all(|w| w[0] >= w[1]));
    let (_, newest) = app
        .get_json("/api/v1/store/products?sort=newest&page_size=2")
        .await;
    // the demo catalogue is dated one day apart in seeding order: the last bedding item is newest
    assert_eq!(newest["items"][0]["category"]["slug"], "bedding");
    app.cleanup().await;
}

async fn product_by_slug_has_variants_stock_and_breadcrumbs(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, p) = app
        .get_json("/api/v1/store/products/cotton-crew-neck-tee")
        .await;
    assert_eq!(status, 200);
    assert_eq!(p["name"]["zh"], "纯棉圆领T恤");
    assert_eq!(p["name"]["en"], "Cotton crew-neck tee");
    assert_eq!(p["currency"], "CNY");
    let variants = p["variants"].as_array().unwrap();
    assert_eq!(variants.len(), 12, "3 colours × 4 sizes");
    assert!(variants
        .iter()
        .all(|v| v["available"].as_i64().unwrap() >= 0));
    assert!(variants
        .iter()
        .any(|v| v["available"].as_i64().unwrap() > 0));
    let crumbs: Vec<&str> = p["breadcrumbs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(crumbs, ["clothing", "t-shirts"]);
    assert_eq!(p["images"].as_array().unwrap().len(), 3);

    // variant prices differ by storage on phones
    let (_, phone) = app.get_json("/api/v1/store/products/x1-smartphone").await;
    let mut prices: Vec<i64> = phone["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["price"]["minor"].as_i64().unwrap())
        .collect();
    prices.sort_unstable();
    prices.dedup();
    assert_eq!(prices.len(), 3);
    app.cleanup().await;
}

async fn unknown_things_are_404_json(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    for path in [
        "/api/v1/store/products/no-such-product",
        "/api/v1/store/products?category=no-such-category",
        "/api/v1/nothing-here",
    ] {
        let (status, body) = app.get_json(path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(body["code"], "not_found", "{path}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    app.cleanup().await;
}

async fn bad_input_is_a_clear_400(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let long = format!("/api/v1/store/products?category={}", "a".repeat(10 * 1024));
    for (path, mentions) in [
        ("/api/v1/store/products?page_size=0", "page_size"),
        ("/api/v1/store/products?page_size=10000", "page_size"),
        ("/api/v1/store/products?min_price=-100", "min_price"),
        ("/api/v1/store/products?max_price=abc", "max_price"),
        ("/api/v1/store/products?page=abc", "page"),
        ("/api/v1/store/products?page=-1", "page"),
        ("/api/v1/store/products?sort=cheapest", "sort"),
        ("/api/v1/store/products?category=DROP%20TABLE", "category"),
        ("/api/v1/store/products/Not%20A%20Slug", "slug"),
    ] {
        let (status, body) = app.get_json(path).await;
        assert_eq!(status, 400, "{path:.80}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(mentions), "{path:.80}: {message}");
        assert!(["bad_request", "invalid_query"].contains(&body["code"].as_str().unwrap()));
    }
    // an address past what the server reads: 414
    let (status, body) = app.get_json(&long).await;
    assert_eq!(status, 414);
    assert!(body["message"].as_str().unwrap().contains("query string"));
    // a range that ends before it starts is well-formed but breaks a rule: 422
    {
        let (status, body) = app
            .get_json("/api/v1/store/products?min_price=500&max_price=100")
            .await;
        assert_eq!((status, body["field"].as_str()), (422, Some("min_price")));
    }
    app.cleanup().await;
}

async fn seeding_twice_changes_nothing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let count = |table: &'static str| {
        let pool = app.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let tables = [
        "categories",
        "brands",
        "products",
        "product_variants",
        "stock_levels",
        "users",
        "warehouses",
    ];
    let mut before = Vec::new();
    for t in tables {
        before.push(count(t).await);
    }
    assert_eq!(before[2], 80);
    assert_eq!(
        before[5], 10,
        "the demo customer and one staff member per role"
    );
    // force a full re-run of the seeder, not just the fast path
    sqlx::query("DELETE FROM app_settings")
        .execute(&app.db.pool)
        .await
        .unwrap();
    server::seed::seed_demo(&app.db).await.unwrap();
    server::seed::seed_demo(&app.db).await.unwrap();
    let mut after = Vec::new();
    for t in tables {
        after.push(count(t).await);
    }
    assert_eq!(before, after);
    app.cleanup().await;
}
