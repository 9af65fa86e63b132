//! The wishlist (收藏): a customer keeps products (the newest first, once each), lets them
//! go, and at sign-in the browser's list joins the saved one; a guest's cards come from the
//! slugs their browser keeps. Unknown products and too long lists are refused with nothing
//! written; one customer's wishlist is nobody else's.

use serde_json::json;
use server::db::Backend;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(a_customer_keeps_products_and_hands_over_the_browsers);

async fn slugs(app: &TestApp, n: i64) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT slug FROM products WHERE status = 'active' AND item_kind = 'finished_good' \
         ORDER BY id LIMIT $1",
    )
    .bind(n)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn kept(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM wishlist_items")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

fn card_slugs(json: &serde_json::Value) -> Vec<String> {
    json.as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap().to_string())
        .collect()
}

async fn a_customer_keeps_products_and_hands_over_the_browsers(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let s = slugs(&app, 4).await;
    let (_, cookie) = app.with_customer().await;
    let put = |slug: String, cookie: String| {
        let app = &app;
        async move {
            app.send(
                reqwest::Method::PUT,
                &format!("/api/v1/store/account/wishlist/{slug}"),
                None,
                &cookie,
            )
            .await
        }
    };
    let anonymous = app.get_with("/api/v1/store/account/wishlist", "").await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(put(s[0].clone(), String::new()).await.status, 401);

    let first = put(s[0].clone(), cookie.clone()).await;
    assert_eq!((first.status, &first.json), (200, &json!([s[0]])));
    put(s[1].clone(), cookie.clone()).await;
    // kept again: now the newest, still once
    let again = put(s[0].clone(), cookie.clone()).await;
    assert_eq!(again.json, json!([s[0], s[1]]));
    let missing = put("no-such-product".into(), cookie.clone()).await;
    assert_eq!(missing.status, 404, "{:?}", missing.json);
    assert_eq!(kept(&app).await, 2);
    let cards = app
        .get_with("/api/v1/store/account/wishlist", &cookie)
        .await;
    assert_eq!(cards.status, 200);
    assert_eq!(card_slugs(&cards.json), [s[0].clone(), s[1].clone()]);
    assert!(cards.json[0]["price"]["minor"].is_i64(), "{:?}", cards.json);

    // a withdrawn product leaves the cards (and may not be kept anew)
    sqlx::query("UPDATE products SET status = 'archived' WHERE slug = $1")
        .bind(&s[1])
        .execute(&app.db.pool)
        .await
        .unwrap();
    let cards = app
        .get_with("/api/v1/store/account/wishlist", &cookie)
        .await;
    assert_eq!(card_slugs(&cards.json), [s[0].clone()]);
    sqlx::query("UPDATE products SET status = 'active' WHERE slug = $1")
        .bind(&s[1])
        .execute(&app.db.pool)
        .await
        .unwrap();

    let gone = app
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/store/account/wishlist/{}", s[0]),
            None,
            &cookie,
        )
        .await;
    assert_eq!((gone.status, &gone.json), (200, &json!([s[1]])));

    // at sign-in: the browser's list (newest first) joins; unknown ones are left out
    let merged = app
        .post_json(
            "/api/v1/store/account/wishlist",
            &json!({"slugs": [s[3], "no-such-product", s[1], s[2]]}),
            &cookie,
        )
        .await;
    assert_eq!(merged.status, 200, "{:?}", merged.json);
    assert_eq!(merged.json, json!([s[3], s[2], s[1]]));
    let too_many: Vec<String> = (0..101).map(|i| format!("p-{i}")).collect();
    let refused = app
        .post_json(
            "/api/v1/store/account/wishlist",
            &json!({ "slugs": too_many }),
            &cookie,
        )
        .await;
    assert_eq!(
        (refused.status, refused.json["problem"].as_str()),
        (422, Some("slugs"))
    );
    assert_eq!(kept(&app).await, 3);

    // another customer's wishlist is their own
    let (_, other) = app.with_customer().await;
    let theirs = app.get_with("/api/v1/store/account/wishlist", &other).await;
    assert_eq!(theirs.json, json!([]));
    let not_theirs = app
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/store/account/wishlist/{}", s[3]),
            None,
            &other,
        )
        .await;
    assert_eq!(not_theirs.json, json!([]));
    assert_eq!(kept(&app).await, 3);

    // a guest's cards, in the browser's order
    let (status, guest) = app
        .get_json(&format!(
            "/api/v1/store/wishlist?slugs={},no-such-product,{}",
            s[2], s[0]
        ))
        .await;
    assert_eq!(status, 200);
    assert_eq!(card_slugs(&guest), [s[2].clone(), s[0].clone()]);
    app.cleanup().await;
}
