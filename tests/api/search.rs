//! Search over both languages, Chinese without spaces, with facets — the same answers on
//! SQLite (FTS5 trigram) and PostgreSQL (pg_trgm).

use serde_json::Value;
use server::db::Backend;
use std::collections::BTreeSet;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    finds_products_in_both_languages_with_facets,
    search_input_is_checked,
    typos_are_forgiven_the_same_way_on_both,
);

fn slugs(v: &Value) -> BTreeSet<String> {
    v["list"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_string())
        .collect()
}

async fn search(app: &TestApp, query: &str) -> Value {
    let (status, body) = app
        .get_json(&format!("/api/v1/store/search?page_size=100&{query}"))
        .await;
    assert_eq!(status, 200, "{query}: {body}");
    body
}

async fn finds_products_in_both_languages_with_facets(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // Chinese, no spaces: 羽绒 matches 羽绒服 (down jackets) and 白鹅绒枕 does not
    let down = search(&app, "q=%E7%BE%BD%E7%BB%92").await;
    assert_eq!(
        slugs(&down),
        ["lightweight-down-jacket", "long-down-parka"]
            .map(String::from)
            .into_iter()
            .collect()
    );
    // case-insensitive, and every word must match ("phone" alone would also find headphones)
    let moshi = search(&app, "q=Moshi%20%E6%89%8B%E6%9C%BA").await; // "Moshi 手机"
    let found = slugs(&moshi);
    assert!(!found.is_empty());
    for p in moshi["list"]["items"].as_array().unwrap() {
        assert_eq!(p["brand"]["slug"], "moshi");
        assert_eq!(p["category"]["slug"], "phones");
    }
    // brand names in Chinese and category names match too
    assert_eq!(
        search(&app, "q=%E5%A2%A8%E7%9F%B3").await["list"]["total"],
        moshi_total(&app).await
    );
    let tees = search(&app, "q=t%E6%81%A4").await; // "t恤"
    assert_eq!(tees["list"]["total"], 10);

    // facets count the whole match set
    let phones = search(&app, "q=phone").await; // phones and headphones
    let total = phones["list"]["total"].as_i64().unwrap();
    let sum = |key: &str| -> i64 {
        phones["facets"][key]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["count"].as_i64().unwrap())
            .sum()
    };
    assert_eq!(sum("categories"), total);
    assert_eq!(sum("brands"), total);
    assert_eq!(sum("price_bands"), total);
    assert!(phones["facets"]["in_stock"].as_i64().unwrap() <= total);
    // combined with filters: in stock only
    assert_eq!(phones["facets"]["categories"].as_array().unwrap().len(), 2);
    let stocked = search(&app, "q=phone&in_stock=true").await;
    assert_eq!(stocked["list"]["total"], phones["facets"]["in_stock"]);
    // nothing found is an empty list, not an error
    assert_eq!(search(&app, "q=zzzzqqq").await["list"]["total"], 0);
    app.cleanup().await;
}

async fn moshi_total(app: &TestApp) -> Value {
    let (_, body) = app
        .get_json("/api/v1/store/products?brand=moshi&page_size=1")
        .await;
    body["total"].clone()
}

async fn search_input_is_checked(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, body) = app
        .get_json(&format!("/api/v1/store/search?q={}", "a".repeat(101)))
        .await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains('q'));
    // LIKE wildcards are just characters people typed: they match nothing special
    let (status, body) = app.get_json("/api/v1/store/search?q=%25%25").await;
    assert_eq!(status, 200);
    assert_eq!(
        body["list"]["total"], 80,
        "an empty search lists everything"
    );
    app.cleanup().await;
}

async fn typos_are_forgiven_the_same_way_on_both(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // "dwon parkka": two typos, one of them a swap
    let found = search(&app, "q=dwon%20parkka").await;
    assert_eq!(found["corrected"], "down parka");
    assert_eq!(
        slugs(&found),
        ["long-down-parka"].map(String::from).into_iter().collect()
    );
    assert_eq!(
        found["facets"]["in_stock"].as_i64().map(|n| n <= 1),
        Some(true)
    );
    // spelled right: no correction; hopeless: nothing, and said so
    let right = search(&app, "q=parka").await;
    assert_eq!(right["corrected"], Value::Null);
    let nothing = search(&app, "q=qwxzv").await;
    assert_eq!(
        (
            nothing["corrected"].clone(),
            nothing["list"]["total"].clone()
        ),
        (Value::Null, 0.into())
    );
    // a Chinese miss is not guessed at
    let chinese = search(&app, "q=%E9%9B%A8%E7%BB%92%E6%9C%8D").await; // 雨绒服
    assert_eq!(chinese["list"]["total"], 0);
    app.cleanup().await;
}
