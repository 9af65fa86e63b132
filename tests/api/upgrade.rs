//! Upgrading a shop keeps its data: a database made by the previous release's migrations
//! (one `staff_role` column, the old audit log) is migrated in place — accounts, their
//! sessions (which a cascading delete would have taken), outbox messages and audit entries
//! survive, and the old admin becomes an owner.

use server::db::Backend;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(an_older_shop_keeps_its_data_when_upgraded);

async fn an_older_shop_keeps_its_data_when_upgraded(backend: Backend) {
    let Some(app) = TestApp::spawn_prepared(backend, |_| {}, |db| {
        Box::pin(async move {
            // the schema of the release before staff roles, with a few rows in it
            db.migrate_until(10).await.expect("the old schema");
            let hash = server::auth::password::hash("an old customer password").unwrap();
            for sql in [
                format!("INSERT INTO users (id, email, password_hash, display_name, kind, staff_role, created_at) \
                 VALUES (500, 'old.customer@example.cn', '{hash}', '老顾客', 'customer', NULL, 1)"),
                format!("INSERT INTO users (id, email, password_hash, display_name, kind, staff_role, created_at) \
                 VALUES (501, 'old.admin@example.cn', '{hash}', '老管理员', 'staff', 'admin', 1)"),
                // a live session: the token's hash (BLAKE2s of "old-session-token")
                format!("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('{}', 500, 1, 9999999999999)",
                    server::auth::tokens::hash_token("old-session-token")),
                "INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES (501, 'order.mark_paid', 'SK2601010001', 'bank transfer received', 5)".into(),
                "INSERT INTO messages (kind, recipient, subject, body, created_at) VALUES ('password_reset', 'old.customer@example.cn', 's', 'b', 1)".into(),
            ] {
                sqlx::query(&sql).execute(&db.pool).await.expect(&sql);
            }
        })
    })
    .await
    else {
        return;
    };
    // the customer is still signed in with the old session
    let me = app
        .get_with("/api/v1/auth/me", "sk_session=old-session-token")
        .await;
    assert_eq!(me.status, 200, "{:?}", me.json);
    assert_eq!(me.json["id"], 500);
    // the old admin is an owner now and signs in to the back office
    let cookie = app
        .login("old.admin@example.cn", "an old customer password")
        .await;
    let session = app.get_with("/api/v1/admin/me", &cookie).await;
    assert_eq!(session.json["roles"], serde_json::json!(["owner"]));
    // the old audit entry names its order
    let audit = app.get_with("/api/v1/admin/audit", &cookie).await;
    assert_eq!(audit.json["total"], 1);
    assert_eq!(audit.json["items"][0]["entity_type"], "order");
    assert_eq!(audit.json["items"][0]["entity_id"], "SK2601010001");
    // the outbox message and nothing dangling
    let messages: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages WHERE recipient = 'old.customer@example.cn'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(messages, 1);
    app.cleanup().await;
}
