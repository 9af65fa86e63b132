//! Reviews (商品评价): a buyer reviews what was delivered to them, once, with stars, words and a
//! photo; the product's page and its JSON-LD show the rating; customer service hides one
//! (it leaves the average) and answers another in public. Reviewing what was not
//! delivered, another's order, twice, or with bad stars is refused with nothing written.

use serde_json::json;
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    a_delivered_buyer_reviews_once_and_the_page_shows_the_rating,
    staff_hide_show_and_answer_reviews,
);

async fn review_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM reviews")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn slug_of(app: &TestApp, variant: i64) -> String {
    sqlx::query_scalar(
        "SELECT p.slug FROM products p JOIN product_variants v ON v.product_id = p.id WHERE v.id = $1",
    )
    .bind(variant)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

async fn write(app: &TestApp, cookie: &str, body: serde_json::Value) -> (u16, Option<String>) {
    let res = app
        .post_json("/api/v1/store/account/reviews", &body, cookie)
        .await;
    (res.status, res.json["problem"].as_str().map(str::to_string))
}

async fn a_delivered_buyer_reviews_once_and_the_page_shows_the_rating(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, cookie) = app.with_customer().await;
    // paid but not delivered: nothing to review yet
    let variant = app.variant_with_stock("BD-001-01", 20).await;
    let placed = app
        .place_order(
            "review-early",
            &storekeep_tests::guest_order("buyer@example.cn", variant, 1, "card"),
            &cookie,
        )
        .await;
    let early = placed.json["number"].as_str().unwrap().to_string();
    app.pay_by_card(&early, placed.json["access_token"].as_str().unwrap())
        .await;
    let none = app.get_with("/api/v1/store/account/reviews", &cookie).await;
    assert_eq!((none.status, none.json), (200, json!([])));
    assert_eq!(
        write(
            &app,
            &cookie,
            json!({"order": early, "line": 0, "rating": 5})
        )
        .await,
        (409, Some("not_delivered".into()))
    );

    let (number, variant) = app
        .delivered_order(&cookie, "review-1", "BD-001-01", 1)
        .await;
    let slug = slug_of(&app, variant).await;
    let tasks = app.get_with("/api/v1/store/account/reviews", &cookie).await;
    assert_eq!(tasks.status, 200, "{:?}", tasks.json);
    assert_eq!(tasks.json.as_array().unwrap().len(), 1, "{:?}", tasks.json);
    assert_eq!(tasks.json[0]["order"], number.as_str());
    assert_eq!(tasks.json[0]["product_slug"], slug.as_str());
    assert!(tasks.json[0]["review"].is_null());

    // a photo for the review, long after any return window would matter
    let photo = app
        .post_bytes(
            &format!("/api/v1/store/orders/{number}/photos?purpose=review"),
            "image/png",
            crate::catalog_admin::png(640, 480),
            &cookie,
        )
        .await;
    assert_eq!(photo.status, 201, "{:?}", photo.json);
    let key = photo.json["key"].as_str().unwrap().to_string();

    // refused, nothing written: bad stars, a line the order lacks, a photo not theirs,
    // another customer's order (404, as if it did not exist)
    let refusals = [
        (
            json!({"order": number, "line": 0, "rating": 0}),
            422,
            "rating",
        ),
        (
            json!({"order": number, "line": 0, "rating": 6}),
            422,
            "rating",
        ),
        (
            json!({"order": number, "line": 3, "rating": 4}),
            422,
            "line",
        ),
        (
            json!({"order": number, "line": 0, "rating": 4, "photos": ["0123456789abcdef"]}),
            422,
            "photos",
        ),
        (
            json!({"order": number, "line": 0, "rating": 4, "body": "好".repeat(2001)}),
            422,
            "body_too_long",
        ),
    ];
    for (body, status, problem) in refusals {
        assert_eq!(
            write(&app, &cookie, body.clone()).await,
            (status, Some(problem.to_string())),
            "{body}"
        );
    }
    let (_, stranger) = app.with_customer().await;
    let theirs = app
        .post_json(
            "/api/v1/store/account/reviews",
            &json!({"order": number, "line": 0, "rating": 1, "body": "差评"}),
            &stranger,
        )
        .await;
    assert_eq!(theirs.status, 404, "{:?}", theirs.json);
    assert_eq!(review_count(&app).await, 0);

    let written = app
        .post_json(
            "/api/v1/store/account/reviews",
            &json!({"order": number, "line": 0, "rating": 4, "body": "  很暖和，做工不错  ", "photos": [key]}),
            &cookie,
        )
        .await;
    assert_eq!(written.status, 201, "{:?}", written.json);
    let mine = &written.json[0]["review"];
    assert_eq!(mine["rating"], 4);
    assert_eq!(mine["body"], "很暖和，做工不错");
    assert_eq!(mine["author"], "韩**", "masked");
    assert_eq!(mine["photos"].as_array().unwrap().len(), 1);
    // once per product
    assert_eq!(
        write(
            &app,
            &cookie,
            json!({"order": number, "line": 0, "rating": 5})
        )
        .await,
        (409, Some("already_reviewed".into()))
    );
    assert_eq!(review_count(&app).await, 1);

    let (status, page) = app
        .get_json(&format!("/api/v1/store/products/{slug}/reviews"))
        .await;
    assert_eq!(status, 200, "{page:?}");
    assert_eq!(page["summary"]["count"], 1);
    assert_eq!(page["summary"]["average_tenths"], 40);
    assert_eq!(page["summary"]["distribution"], json!([0, 0, 0, 1, 0]));
    assert_eq!(page["reviews"]["items"][0]["body"], "很暖和，做工不错");
    let (status, html) = app.get_html(&format!("/products/{slug}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(r#""aggregateRating""#),
        "JSON-LD has the rating"
    );
    assert!(html.contains(r#""ratingValue":"4.0""#), "{html}");
    assert!(html.contains("很暖和，做工不错"));
    let (status, _) = app
        .get_json("/api/v1/store/products/no-such-product/reviews")
        .await;
    assert_eq!(status, 404);
    app.cleanup().await;
}

async fn staff_hide_show_and_answer_reviews(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (email, cookie) = app.with_customer().await;
    let (number, variant) = app
        .delivered_order(&cookie, "review-2", "BD-001-01", 1)
        .await;
    let slug = slug_of(&app, variant).await;
    let written = app
        .post_json(
            "/api/v1/store/account/reviews",
            &json!({"order": number, "line": 0, "rating": 1, "body": "加我微信 买便宜货"}),
            &cookie,
        )
        .await;
    assert_eq!(written.status, 201, "{:?}", written.json);
    let id = written.json[0]["review"]["id"].as_i64().unwrap();
    let service = app.with_staff(&[StaffRole::CustomerService]).await;
    let warehouse = app.with_staff(&[StaffRole::WarehouseOperator]).await;

    let listed = app
        .get_with("/api/v1/admin/reviews?rating=1", &service.cookie)
        .await;
    assert_eq!(listed.status, 200, "{:?}", listed.json);
    assert_eq!(listed.json["items"][0]["review"]["id"], id);
    assert_eq!(listed.json["items"][0]["order"], number.as_str());
    assert_eq!(listed.json["items"][0]["customer_email"], email.as_str());
    let marketer = app.with_staff(&[StaffRole::Marketing]).await;
    let seen = app
        .get_with("/api/v1/admin/reviews?rating=1", &marketer.cookie)
        .await;
    assert_eq!(seen.status, 200, "{:?}", seen.json);
    assert_eq!(
        seen.json["items"][0]["customer_email"], "c***@example.cn",
        "a marketer moderates without the customer's address"
    );
    let forbidden = app
        .post_json(
            &format!("/api/v1/admin/reviews/{id}/hide"),
            &json!({"text": "广告"}),
            &warehouse.cookie,
        )
        .await;
    assert_eq!(forbidden.status, 403);
    let empty = app
        .post_json(
            &format!("/api/v1/admin/reviews/{id}/hide"),
            &json!({"text": "  "}),
            &service.cookie,
        )
        .await;
    assert_eq!(
        (empty.status, empty.json["problem"].as_str()),
        (422, Some("reply"))
    );
    let audited = app.audit_count().await;
    let hidden = app
        .post_json(
            &format!("/api/v1/admin/reviews/{id}/hide"),
            &json!({"text": "含有广告"}),
            &service.cookie,
        )
        .await;
    assert_eq!(hidden.status, 200, "{:?}", hidden.json);
    assert_eq!(hidden.json["hidden_reason"], "含有广告");
    assert_eq!(app.audit_count().await, audited + 1);
    let (_, page) = app
        .get_json(&format!("/api/v1/store/products/{slug}/reviews"))
        .await;
    assert_eq!(page["summary"]["count"], 0, "out of the average");
    assert_eq!(page["reviews"]["items"], json!([]));
    let tasks = app.get_with("/api/v1/store/account/reviews", &cookie).await;
    assert_eq!(
        tasks.json[0]["hidden_reason"], "含有广告",
        "the writer is told"
    );
    let only_hidden = app
        .get_with("/api/v1/admin/reviews?hidden=true", &service.cookie)
        .await;
    assert_eq!(only_hidden.json["total"], 1);

    let shown = app
        .post_json(
            &format!("/api/v1/admin/reviews/{id}/show"),
            &json!({}),
            &service.cookie,
        )
        .await;
    assert_eq!(shown.status, 200, "{:?}", shown.json);
    let answered = app
        .post_json(
            &format!("/api/v1/admin/reviews/{id}/reply"),
            &json!({"text": "抱歉给您带来不便，客服已联系您。"}),
            &service.cookie,
        )
        .await;
    assert_eq!(answered.status, 200, "{:?}", answered.json);
    let (_, page) = app
        .get_json(&format!("/api/v1/store/products/{slug}/reviews"))
        .await;
    assert_eq!(page["summary"]["count"], 1);
    assert_eq!(
        page["reviews"]["items"][0]["reply"],
        "抱歉给您带来不便，客服已联系您。"
    );
    let unanswered = app
        .get_with("/api/v1/admin/reviews?unanswered=true", &service.cookie)
        .await;
    assert_eq!(unanswered.json["total"], 0);
    let missing = app
        .post_json(
            "/api/v1/admin/reviews/999999/show",
            &json!({}),
            &service.cookie,
        )
        .await;
    assert_eq!(missing.status, 404);
    app.cleanup().await;
}
