//! The customer portal: details and notification preferences (a bad mobile refused with
//! nothing written), a new e-mail confirmed by the link sent to it (the old address stops
//! working and is told; an address another account has is refused), a new password with
//! the current one (other sessions end, this one stays), the download of the customer's
//! data (theirs only), and deleting the account (anonymised, signed out, orders kept).

use serde_json::json;
use server::db::Backend;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    details_and_notifications_are_saved_and_a_bad_mobile_writes_nothing,
    a_new_email_counts_once_its_link_is_opened,
    a_new_password_signs_out_the_other_sessions,
    the_export_holds_the_customers_data_and_no_one_elses,
    a_deleted_account_is_anonymised_and_signed_out,
    order_updates_can_be_turned_off,
);

/// The password `register_customer` gives every customer.
const PASSWORD: &str = "a fine long passphrase";

async fn put(
    app: &TestApp,
    path: &str,
    body: serde_json::Value,
    cookie: &str,
) -> storekeep_tests::Posted {
    app.send(reqwest::Method::PUT, path, Some(&body), cookie)
        .await
}

async fn login_status(app: &TestApp, email: &str, password: &str) -> (u16, Option<String>) {
    let res = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": email, "password": password}),
            "",
        )
        .await;
    (res.status, res.json["problem"].as_str().map(str::to_string))
}

async fn last_kind_to(app: &TestApp, recipient: &str) -> String {
    sqlx::query_scalar("SELECT kind FROM messages WHERE recipient = $1 ORDER BY id DESC LIMIT 1")
        .bind(recipient)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn details_and_notifications_are_saved_and_a_bad_mobile_writes_nothing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (email, cookie) = app.with_customer().await;
    let profile = app.get_with("/api/v1/store/account/profile", &cookie).await;
    assert_eq!(profile.status, 200, "{:?}", profile.json);
    assert_eq!(profile.json["email"], email.as_str());
    assert_eq!(profile.json["display_name"], "韩梅梅");
    assert!(profile.json["phone"].is_null());
    assert!(profile.json["pending_email"].is_null());
    assert_eq!(
        profile.json["notifications"],
        json!({"order_updates": true, "marketing": false}),
        "order updates on, marketing off until asked for"
    );

    let saved = put(
        &app,
        "/api/v1/store/account/profile",
        json!({"display_name": " 李雷 ", "phone": "+86 138-0013-8000"}),
        &cookie,
    )
    .await;
    assert_eq!(saved.status, 200, "{:?}", saved.json);
    assert_eq!(saved.json["display_name"], "李雷");
    assert_eq!(saved.json["phone"], "13800138000");
    let me = app.get_with("/api/v1/auth/me", &cookie).await;
    assert_eq!(me.json["display_name"], "李雷");

    // a bad mobile: refused, naming the field, and the name sent with it is not written
    let bad = put(
        &app,
        "/api/v1/store/account/profile",
        json!({"display_name": "王五", "phone": "12345"}),
        &cookie,
    )
    .await;
    assert_eq!(bad.status, 422, "{:?}", bad.json);
    assert_eq!(bad.json["problem"], "invalid_mobile");
    assert_eq!(bad.json["field"], "phone");
    let blank = put(
        &app,
        "/api/v1/store/account/profile",
        json!({"display_name": "  ", "phone": null}),
        &cookie,
    )
    .await;
    assert_eq!(
        (blank.status, blank.json["problem"].clone()),
        (422, json!("name_missing"))
    );
    let after = app.get_with("/api/v1/store/account/profile", &cookie).await;
    assert_eq!(after.json["display_name"], "李雷");
    assert_eq!(after.json["phone"], "13800138000");
    // an empty mobile removes it
    let cleared = put(
        &app,
        "/api/v1/store/account/profile",
        json!({"display_name": "李雷", "phone": ""}),
        &cookie,
    )
    .await;
    assert_eq!(cleared.status, 200, "{:?}", cleared.json);
    assert!(cleared.json["phone"].is_null());

    let prefs = put(
        &app,
        "/api/v1/store/account/notifications",
        json!({"order_updates": false, "marketing": true}),
        &cookie,
    )
    .await;
    assert_eq!(prefs.status, 200, "{:?}", prefs.json);
    let read = app
        .get_with("/api/v1/store/account/notifications", &cookie)
        .await;
    assert_eq!(
        read.json,
        json!({"order_updates": false, "marketing": true})
    );
    let stored: (i64, i64) =
        sqlx::query_as("SELECT notify_order_updates, notify_marketing FROM users WHERE email = $1")
            .bind(&email)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(stored, (0, 1));

    // signed out: 401; staff: the back office manages them; a write without CSRF: 403
    assert_eq!(
        app.get_with("/api/v1/store/account/profile", "")
            .await
            .status,
        401
    );
    let owner = app.owner().await;
    assert_eq!(
        app.get_with("/api/v1/store/account/profile", &owner.cookie)
            .await
            .status,
        403
    );
    let no_csrf = app
        .client
        .put(app.url("/api/v1/store/account/profile"))
        .header("cookie", &cookie)
        .json(&json!({"display_name": "无令牌"}))
        .send()
        .await
        .unwrap();
    assert_eq!(no_csrf.status(), 403);
    app.cleanup().await;
}

async fn a_new_email_counts_once_its_link_is_opened(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (old, cookie) = app.with_customer().await;
    let (other, _) = app.with_customer().await;
    let new = format!("new-{old}");
    let ask = |email: String, password: &'static str| {
        let (app, cookie) = (&app, cookie.clone());
        async move {
            app.post_json(
                "/api/v1/store/account/email",
                &json!({"email": email, "current_password": password}),
                &cookie,
            )
            .await
        }
    };

    let wrong = ask(new.clone(), "not my password").await;
    assert_eq!(wrong.status, 422, "{:?}", wrong.json);
    assert_eq!(wrong.json["problem"], "wrong_password");
    let same = ask(old.to_uppercase(), PASSWORD).await;
    assert_eq!(
        (same.status, same.json["problem"].clone()),
        (422, json!("email_unchanged"))
    );
    // another account's address, and the demo customer's
    for taken in [other.clone(), "customer@storekeep.test".to_string()] {
        let res = ask(taken, PASSWORD).await;
        assert_eq!(res.status, 409, "{:?}", res.json);
        assert_eq!(res.json["problem"], "email_taken");
    }

    let asked = ask(new.clone(), PASSWORD).await;
    assert_eq!(asked.status, 202, "{:?}", asked.json);
    assert_eq!(asked.json["email"], old.as_str(), "nothing changes yet");
    assert_eq!(asked.json["pending_email"], new.as_str());
    assert_eq!(login_status(&app, &old, PASSWORD).await.0, 200);

    let body = app.last_message_to(&new).await;
    assert!(body.contains("/account/confirm-email?token="), "{body}");
    assert!(body.contains(storekeep_tests::PUBLIC_URL), "{body}");
    assert_eq!(last_kind_to(&app, &new).await, "email_change");
    let token = storekeep_tests::link_token(&body);
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM email_changes WHERE token_hash = $1")
            .bind(&token)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(stored, 0, "only the token's hash is kept");

    let confirm = |token: String| {
        let app = &app;
        async move {
            app.post_json(
                "/api/v1/store/account/email/confirm",
                &json!({"token": token}),
                "",
            )
            .await
        }
    };
    let bogus = confirm("0".repeat(32)).await;
    assert_eq!(
        (bogus.status, bogus.json["problem"].clone()),
        (422, json!("email_link_invalid"))
    );
    // opened signed out (another device): enough, the link proves the address
    let done = confirm(token.clone()).await;
    assert_eq!(done.status, 204, "{:?}", done.json);
    let again = confirm(token).await;
    assert_eq!(
        again.json["problem"], "email_link_invalid",
        "a link works once"
    );

    assert_eq!(
        login_status(&app, &old, PASSWORD).await,
        (422, Some("invalid_credentials".into()))
    );
    assert_eq!(login_status(&app, &new, PASSWORD).await.0, 200);
    // the session that asked goes on, with the new address
    let me = app.get_with("/api/v1/auth/me", &cookie).await;
    assert_eq!(me.json["email"], new.as_str());
    let profile = app.get_with("/api/v1/store/account/profile", &cookie).await;
    assert!(profile.json["pending_email"].is_null());
    // the old address is told
    assert_eq!(last_kind_to(&app, &old).await, "account_notice");
    let notice = app.last_message_to(&old).await;
    assert!(!notice.contains("token="), "{notice}");
    app.cleanup().await;
}

async fn a_new_password_signs_out_the_other_sessions(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (email, here) = app.with_customer().await;
    let elsewhere = app.login(&email, PASSWORD).await;
    let change = |current: &'static str, new: &'static str| {
        let (app, here) = (&app, here.clone());
        async move {
            app.post_json(
                "/api/v1/store/account/password",
                &json!({"current_password": current, "new_password": new}),
                &here,
            )
            .await
        }
    };

    let wrong = change("not my password", "a brand new secret").await;
    assert_eq!(wrong.status, 422, "{:?}", wrong.json);
    assert_eq!(wrong.json["problem"], "wrong_password");
    assert_eq!(wrong.json["field"], "current_password");
    assert_eq!(
        app.get_with("/api/v1/auth/me", &elsewhere).await.status,
        200
    );
    // registration's rules
    for (new, problem) in [
        ("12345678", "password_too_common"),
        ("short", "password_too_short"),
        (PASSWORD, "password_unchanged"),
    ] {
        let res = change(PASSWORD, new).await;
        assert_eq!(res.status, 422, "{new}: {:?}", res.json);
        assert_eq!(res.json["problem"], problem);
    }

    let done = change(PASSWORD, "a brand new secret").await;
    assert_eq!(done.status, 204, "{:?}", done.json);
    assert_eq!(
        app.get_with("/api/v1/auth/me", &elsewhere).await.status,
        401,
        "the other session ended"
    );
    assert_eq!(
        app.get_with("/api/v1/auth/me", &here).await.status,
        200,
        "this one goes on"
    );
    assert_eq!(
        login_status(&app, &email, PASSWORD).await,
        (422, Some("invalid_credentials".into()))
    );
    assert_eq!(
        login_status(&app, &email, "a brand new secret").await.0,
        200
    );
    assert_eq!(last_kind_to(&app, &email).await, "account_notice");
    app.cleanup().await;
}

async fn the_export_holds_the_customers_data_and_no_one_elses(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (a_email, a) = app.with_customer().await;
    let (b_email, b) = app.with_customer().await;
    let variant = app.variant_with_stock("BD-001-01", 50).await;
    let order = |contact: &str| {
        let mut body = storekeep_tests::guest_order(contact, variant, 2, "bank_transfer");
        body["save_address"] = json!(true);
        body
    };
    let placed_a = app
        .place_order("export-a", &order("a-contact@example.cn"), &a)
        .await;
    assert_eq!(placed_a.status, 201, "{:?}", placed_a.json);
    let number_a = placed_a.json["number"].as_str().unwrap().to_string();
    let placed_b = app
        .place_order("export-b", &order("b-contact@example.cn"), &b)
        .await;
    assert_eq!(placed_b.status, 201, "{:?}", placed_b.json);
    let number_b = placed_b.json["number"].as_str().unwrap().to_string();
    let asked = app
        .post_json(
            "/api/v1/store/account/consultations",
            &json!({"topic": "order", "order_number": number_a, "subject": "发票", "body": "请开发票"}),
            &a,
        )
        .await;
    assert_eq!(asked.status, 201, "{:?}", asked.json);

    let export = app.get_with("/api/v1/store/account/export", &a).await;
    assert_eq!(export.status, 200, "{:?}", export.json);
    let disposition = export.headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(disposition.contains(".json"), "{disposition}");
    let doc = &export.json;
    assert_eq!(doc["profile"]["email"], a_email.as_str());
    let orders = doc["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 1, "{orders:?}");
    assert_eq!(orders[0]["number"], number_a.as_str());
    assert_eq!(orders[0]["email"], "a-contact@example.cn");
    assert_eq!(orders[0]["lines"][0]["sku"], "BD-001-01");
    assert_eq!(orders[0]["lines"][0]["quantity"], 2);
    assert_eq!(orders[0]["address"]["recipient"], "李雷");
    assert_eq!(doc["addresses"].as_array().unwrap().len(), 1, "{doc}");
    let consultations = doc["consultations"].as_array().unwrap();
    assert_eq!(consultations.len(), 1);
    assert_eq!(consultations[0]["order_number"], number_a.as_str());
    assert_eq!(consultations[0]["messages"][0]["body"], "请开发票");
    for list in ["returns", "reviews", "wishlist"] {
        assert!(doc[list].is_array(), "{list}: {doc}");
    }
    // nothing of B's
    let text = doc.to_string();
    for theirs in [number_b.as_str(), b_email.as_str(), "b-contact@example.cn"] {
        assert!(!text.contains(theirs), "A's export names {theirs}");
    }
    assert_eq!(
        app.get_with("/api/v1/store/account/export", "")
            .await
            .status,
        401
    );
    app.cleanup().await;
}

async fn a_deleted_account_is_anonymised_and_signed_out(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (email, cookie) = app.with_customer().await;
    let other_device = app.login(&email, PASSWORD).await;
    let variant = app.variant_with_stock("BD-001-01", 20).await;
    let mut body = storekeep_tests::guest_order("buyer@example.cn", variant, 1, "bank_transfer");
    body["save_address"] = json!(true);
    let placed = app.place_order("delete-me", &body, &cookie).await;
    assert_eq!(placed.status, 201, "{:?}", placed.json);
    let number = placed.json["number"].as_str().unwrap().to_string();
    let cart = app
        .post_json(
            "/api/v1/store/cart/items",
            &json!({"variant_id": variant, "quantity": 1}),
            &cookie,
        )
        .await;
    assert_eq!(cart.status, 200, "{:?}", cart.json);
    let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(&email)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();

    let delete = |password: &'static str, cookie: String| {
        let app = &app;
        async move {
            app.post_json(
                "/api/v1/store/account/delete",
                &json!({"current_password": password}),
                &cookie,
            )
            .await
        }
    };
    let wrong = delete("not my password", cookie.clone()).await;
    assert_eq!(
        (wrong.status, wrong.json["problem"].clone()),
        (422, json!("wrong_password"))
    );
    assert_eq!(app.get_with("/api/v1/auth/me", &cookie).await.status, 200);

    let done = delete(PASSWORD, cookie.clone()).await;
    assert_eq!(done.status, 204, "{:?}", done.json);
    assert!(
        done.set_cookies
            .iter()
            .any(|c| c.starts_with("sk_session=;") && c.contains("Max-Age=0")),
        "{:?}",
        done.set_cookies
    );
    for session in [&cookie, &other_device] {
        assert_eq!(app.get_with("/api/v1/auth/me", session).await.status, 401);
    }
    assert_eq!(
        login_status(&app, &email, PASSWORD).await,
        (422, Some("invalid_credentials".into()))
    );
    assert_eq!(delete(PASSWORD, cookie.clone()).await.status, 401, "twice");
    assert_eq!(
        app.get_with("/api/v1/store/account/export", &cookie)
            .await
            .status,
        401
    );

    // the account is anonymised, its personal data gone
    let (name, address, phone, active): (String, String, Option<String>, i64) =
        sqlx::query_as("SELECT display_name, email, phone, active FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(name, "已注销用户");
    assert_eq!(address, format!("deleted-{id}@invalid"));
    assert_eq!((phone, active), (None, 0));
    for table in ["customer_addresses", "cart_items", "sessions"] {
        let n: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE user_id = $1"))
                .bind(id)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    // the order stays in the books, with its snapshot, naming the anonymised account
    let (owner, snapshot): (Option<i64>, String) =
        sqlx::query_as("SELECT user_id, address_json FROM orders WHERE number = $1")
            .bind(&number)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(owner, Some(id));
    assert!(snapshot.contains("李雷"), "{snapshot}");
    // a last notice to the address it had; the address is free again
    assert_eq!(last_kind_to(&app, &email).await, "account_notice");
    let again = app
        .post_json(
            "/api/v1/auth/register",
            &json!({"email": email, "password": PASSWORD, "display_name": "新顾客"}),
            "",
        )
        .await;
    assert_eq!(again.status, 201, "{:?}", again.json);
    app.cleanup().await;
}

async fn order_updates_can_be_turned_off(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (_, cookie) = app.with_customer().await;
    let off = put(
        &app,
        "/api/v1/store/account/notifications",
        json!({"order_updates": false, "marketing": false}),
        &cookie,
    )
    .await;
    assert_eq!(off.status, 200, "{:?}", off.json);
    // delivered_order ships to the contact buyer@example.cn
    app.delivered_order(&cookie, "quiet-order-1", "BD-001-01", 1)
        .await;
    let shipped: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages WHERE kind = 'order_shipped' AND recipient = 'buyer@example.cn'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        shipped, 0,
        "no shipping e-mail for a customer who turned them off"
    );
    let confirmed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages WHERE kind = 'order_confirmation' AND recipient = 'buyer@example.cn'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(confirmed, 1, "order confirmations always go");
    app.cleanup().await;
}
