//! Consultations (咨询): a shopper asks before buying, customer service answers (the answer
//! assigns it and stops the first-response clock; the customer gets a message with a link
//! back), resolves it, and the shopper rates the service, which the CSAT report counts for
//! the one who resolved it. The queue filters by service-level breach; bad questions,
//! another's order, rating too early or twice, writing in a closed one → 4xx, nothing
//! written; the service levels are the owners' to set.

use serde_json::json;
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    a_question_is_answered_resolved_and_rated,
    the_queue_shows_breaches_and_owners_set_service_levels,
);

async fn count(app: &TestApp) -> (i64, i64) {
    let questions = sqlx::query_scalar("SELECT COUNT(*) FROM consultations")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let messages = sqlx::query_scalar("SELECT COUNT(*) FROM consultation_messages")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    (questions, messages)
}

async fn a_product_slug(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT slug FROM products ORDER BY id LIMIT 1")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn ask(app: &TestApp, cookie: &str, body: serde_json::Value) -> storekeep_tests::Posted {
    app.post_json("/api/v1/store/account/consultations", &body, cookie)
        .await
}

async fn a_question_is_answered_resolved_and_rated(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (email, cookie) = app.with_customer().await;
    let slug = a_product_slug(&app).await;
    let (_, stranger) = app.with_customer().await;
    let theirs = app
        .delivered_order(&stranger, "consult-theirs", "BD-001-01", 1)
        .await
        .0;

    // refused, nothing written
    let refusals = [
        (
            json!({"topic": "pre_sale", "product_slug": slug, "subject": " ", "body": "有货吗"}),
            422,
            "subject",
        ),
        (
            json!({"topic": "pre_sale", "product_slug": slug, "subject": "尺码", "body": ""}),
            422,
            "body",
        ),
        (
            json!({"topic": "pre_sale", "subject": "尺码", "body": "有货吗"}),
            422,
            "product",
        ),
        (
            json!({"topic": "pre_sale", "product_slug": "no-such-product", "subject": "尺码", "body": "有货吗"}),
            422,
            "product",
        ),
        (
            json!({"topic": "other", "product_slug": slug, "subject": "尺码", "body": "有货吗"}),
            422,
            "product_not_for_topic",
        ),
        (
            json!({"topic": "order", "order_number": "not a number", "subject": "退款", "body": "何时到账"}),
            422,
            "order",
        ),
        (
            json!({"topic": "pre_sale", "product_slug": slug, "subject": "长".repeat(121), "body": "有货吗"}),
            422,
            "subject",
        ),
    ];
    for (body, status, problem) in refusals {
        let res = ask(&app, &cookie, body.clone()).await;
        assert_eq!(
            (res.status, res.json["problem"].as_str()),
            (status, Some(problem)),
            "{body}"
        );
    }
    // another customer's order: as if there were none
    let res = ask(
        &app,
        &cookie,
        json!({"topic": "order", "order_number": theirs, "subject": "退款", "body": "何时到账"}),
    )
    .await;
    assert_eq!(res.status, 404, "{:?}", res.json);
    let anonymous = ask(
        &app,
        "",
        json!({"topic": "pre_sale", "product_slug": slug, "subject": "尺码", "body": "有货吗"}),
    )
    .await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(count(&app).await, (0, 0));

    let asked = ask(
        &app,
        &cookie,
        json!({"topic": "pre_sale", "product_slug": slug, "subject": " 尺码偏大吗 ", "body": "身高 175 穿什么码？"}),
    )
    .await;
    assert_eq!(asked.status, 201, "{:?}", asked.json);
    let id = asked.json["id"].as_i64().unwrap();
    assert_eq!(asked.json["status"], "open");
    assert_eq!(asked.json["subject"], "尺码偏大吗");
    assert_eq!(asked.json["product"]["slug"], slug.as_str());
    assert!(
        asked.json["sla"].is_null(),
        "the customer is not shown the clocks"
    );

    let service = app.with_staff(&[StaffRole::CustomerService]).await;
    let unread = app
        .get_with("/api/v1/admin/consultations/unread", &service.cookie)
        .await;
    assert_eq!((unread.status, &unread.json["count"]), (200, &json!(1)));
    let queue = app
        .get_with("/api/v1/admin/consultations?status=open", &service.cookie)
        .await;
    assert_eq!(queue.status, 200, "{:?}", queue.json);
    let row = &queue.json["items"][0];
    assert_eq!(row["id"], id);
    assert_eq!(row["unread"], true);
    assert_eq!(row["sla"]["breached"], false);
    let left = row["sla"]["left_millis"].as_i64().unwrap();
    assert!(left > 3 * 3_600_000 && left <= 4 * 3_600_000, "{left}");

    // the answer: assigned to whoever answered, first-response clock stopped, and the
    // customer told with a link back
    let audited = app.audit_count().await;
    let answered = app
        .post_json(
            &format!("/api/v1/admin/consultations/{id}/messages"),
            &json!({"body": "偏大半码，建议选 M。"}),
            &service.cookie,
        )
        .await;
    assert_eq!(answered.status, 200, "{:?}", answered.json);
    assert_eq!(answered.json["status"], "waiting_on_customer");
    assert_eq!(answered.json["assignee"]["id"], service.id);
    assert!(answered.json["sla"]["first_response_at"].is_i64());
    assert_eq!(app.audit_count().await, audited + 1);
    let told = app.last_message_to(&email).await;
    assert!(told.contains(&format!("/account/questions/{id}")), "{told}");
    let seen = app
        .get_with(
            &format!("/api/v1/store/account/consultations/{id}"),
            &cookie,
        )
        .await;
    assert_eq!(seen.status, 200);
    assert_eq!(seen.json["messages"].as_array().unwrap().len(), 2);
    assert_eq!(seen.json["messages"][1]["author"], "staff");
    let mine = app
        .get_with("/api/v1/store/account/consultations", &cookie)
        .await;
    assert_eq!(mine.json.as_array().unwrap().len(), 1);

    // customer B reaches none of it
    for (path, body) in [
        (format!("/api/v1/store/account/consultations/{id}"), None),
        (
            format!("/api/v1/store/account/consultations/{id}/messages"),
            Some(json!({"body": "我也想问"})),
        ),
        (
            format!("/api/v1/store/account/consultations/{id}/rating"),
            Some(json!({"rating": 1})),
        ),
    ] {
        let res = match body {
            Some(b) => app.post_json(&path, &b, &stranger).await,
            None => app.get_with(&path, &stranger).await,
        };
        assert_eq!(res.status, 404, "{path}: {:?}", res.json);
    }
    let others = app
        .get_with("/api/v1/store/account/consultations", &stranger)
        .await;
    assert_eq!(others.json, json!([]));

    let rate = |body: serde_json::Value| {
        let path = format!("/api/v1/store/account/consultations/{id}/rating");
        let cookie = cookie.clone();
        let app = &app;
        async move {
            let res = app.post_json(&path, &body, &cookie).await;
            (res.status, res.json["problem"].as_str().map(str::to_string))
        }
    };
    assert_eq!(
        rate(json!({"rating": 5})).await,
        (409, Some("not_resolved".into()))
    );
    let resolved = app
        .post_json(
            &format!("/api/v1/admin/consultations/{id}/resolve"),
            &json!({}),
            &service.cookie,
        )
        .await;
    assert_eq!(resolved.status, 200, "{:?}", resolved.json);
    assert_eq!(resolved.json["status"], "resolved");
    assert!(resolved.json["sla"]["resolved_at"].is_i64());
    let again = app
        .post_json(
            &format!("/api/v1/admin/consultations/{id}/resolve"),
            &json!({}),
            &service.cookie,
        )
        .await;
    assert_eq!(again.status, 409, "{:?}", again.json);
    assert_eq!(
        rate(json!({"rating": 0})).await,
        (422, Some("rating".into()))
    );
    assert_eq!(
        rate(json!({"rating": 6})).await,
        (422, Some("rating".into()))
    );
    assert_eq!(
        rate(json!({"rating": 4, "comment": "好".repeat(1001)})).await,
        (422, Some("comment_too_long".into()))
    );
    let rated = app
        .post_json(
            &format!("/api/v1/store/account/consultations/{id}/rating"),
            &json!({"rating": 5, "comment": "回复很快"}),
            &cookie,
        )
        .await;
    assert_eq!(rated.status, 200, "{:?}", rated.json);
    assert_eq!(rated.json["rating"], 5);
    assert_eq!(
        rate(json!({"rating": 1})).await,
        (409, Some("already_rated".into()))
    );
    let csat = app
        .get_with("/api/v1/admin/consultations/csat", &service.cookie)
        .await;
    assert_eq!(csat.status, 200, "{:?}", csat.json);
    let row = &csat.json[0];
    assert_eq!(row["staff_id"], service.id);
    assert_eq!(row["ratings"], 1);
    assert_eq!(row["average_tenths"], 50);
    assert_eq!(row["satisfied_percent"], 100);

    // written again after the resolution: open again; then closed, and no more messages
    let reopened = app
        .post_json(
            &format!("/api/v1/store/account/consultations/{id}/messages"),
            &json!({"body": "还想问一下颜色"}),
            &cookie,
        )
        .await;
    assert_eq!(reopened.status, 200, "{:?}", reopened.json);
    assert_eq!(reopened.json["status"], "open");
    let closed = app
        .post_json(
            &format!("/api/v1/admin/consultations/{id}/close"),
            &json!({}),
            &service.cookie,
        )
        .await;
    assert_eq!(closed.status, 200, "{:?}", closed.json);
    let before = count(&app).await;
    let late = app
        .post_json(
            &format!("/api/v1/store/account/consultations/{id}/messages"),
            &json!({"body": "在吗"}),
            &cookie,
        )
        .await;
    assert_eq!(
        (late.status, late.json["problem"].as_str()),
        (409, Some("closed"))
    );
    let staff_late = app
        .post_json(
            &format!("/api/v1/admin/consultations/{id}/messages"),
            &json!({"body": "您好"}),
            &service.cookie,
        )
        .await;
    assert_eq!(staff_late.status, 409);
    assert_eq!(count(&app).await, before);
    let missing = app
        .get_with("/api/v1/admin/consultations/999999", &service.cookie)
        .await;
    assert_eq!(missing.status, 404);
    app.cleanup().await;
}

async fn the_queue_shows_breaches_and_owners_set_service_levels(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, cookie) = app.with_customer().await;
    let question = |subject: &'static str| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            let res = ask(
                app,
                &cookie,
                json!({"topic": "other", "subject": subject, "body": "请问发票怎么开？"}),
            )
            .await;
            assert_eq!(res.status, 201, "{:?}", res.json);
            res.json["id"].as_i64().unwrap()
        }
    };
    let fresh = question("发票").await;
    let late = question("发票抬头").await;
    // asked five hours ago: past the four hours to a first answer
    sqlx::query("UPDATE consultations SET created_at = created_at - $1 WHERE id = $2")
        .bind(5 * 3_600_000_i64)
        .bind(late)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let service = app.with_staff(&[StaffRole::CustomerService]).await;
    let ids = |json: &serde_json::Value| -> Vec<i64> {
        json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    let breached = app
        .get_with("/api/v1/admin/consultations?breached=true", &service.cookie)
        .await;
    assert_eq!(breached.status, 200, "{:?}", breached.json);
    assert_eq!(ids(&breached.json), vec![late]);
    assert!(
        breached.json["items"][0]["sla"]["left_millis"]
            .as_i64()
            .unwrap()
            < 0
    );
    let within = app
        .get_with(
            "/api/v1/admin/consultations?breached=false",
            &service.cookie,
        )
        .await;
    assert_eq!(ids(&within.json), vec![fresh]);

    // taken by one staff member, then the queue by assignee
    let taken = app
        .post_json(
            &format!("/api/v1/admin/consultations/{fresh}/assign"),
            &json!({"staff": service.id}),
            &service.cookie,
        )
        .await;
    assert_eq!(taken.status, 200, "{:?}", taken.json);
    let mine = app
        .get_with("/api/v1/admin/consultations?assignee=me", &service.cookie)
        .await;
    assert_eq!(ids(&mine.json), vec![fresh]);
    let nobodys = app
        .get_with(
            "/api/v1/admin/consultations?assignee=unassigned",
            &service.cookie,
        )
        .await;
    assert_eq!(ids(&nobodys.json), vec![late]);
    let (customer_id,): (i64,) =
        sqlx::query_as("SELECT id FROM users WHERE kind = 'customer' ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let not_staff = app
        .post_json(
            &format!("/api/v1/admin/consultations/{fresh}/assign"),
            &json!({"staff": customer_id}),
            &service.cookie,
        )
        .await;
    assert_eq!(
        (not_staff.status, not_staff.json["problem"].as_str()),
        (422, Some("assignee"))
    );
    let bad_filter = app
        .get_with(
            "/api/v1/admin/consultations?assignee=everyone",
            &service.cookie,
        )
        .await;
    assert_eq!(bad_filter.status, 400, "{:?}", bad_filter.json);

    // service levels: read by the service desk, set by owners; a longer first-response
    // time takes the late one out of breach
    let levels = app
        .get_with(
            "/api/v1/admin/consultations/service-levels",
            &service.cookie,
        )
        .await;
    assert_eq!(
        levels.json,
        json!({"first_response_minutes": 240, "resolution_minutes": 2880})
    );
    let put = |cookie: String, body: serde_json::Value| {
        let app = &app;
        async move {
            app.send(
                reqwest::Method::PUT,
                "/api/v1/admin/consultations/service-levels",
                Some(&body),
                &cookie,
            )
            .await
        }
    };
    let longer = json!({"first_response_minutes": 480, "resolution_minutes": 2880});
    assert_eq!(
        put(service.cookie.clone(), longer.clone()).await.status,
        403
    );
    let owner = app.owner().await;
    let wrong = put(
        owner.cookie.clone(),
        json!({"first_response_minutes": 3000, "resolution_minutes": 2880}),
    )
    .await;
    assert_eq!(
        (wrong.status, wrong.json["problem"].as_str()),
        (422, Some("first_response_time"))
    );
    let audited = app.audit_count().await;
    let set = put(owner.cookie.clone(), longer.clone()).await;
    assert_eq!((set.status, &set.json), (200, &longer));
    assert_eq!(app.audit_count().await, audited + 1);
    let breached = app
        .get_with("/api/v1/admin/consultations?breached=true", &service.cookie)
        .await;
    assert_eq!(ids(&breached.json), Vec::<i64>::new());
    app.cleanup().await;
}
