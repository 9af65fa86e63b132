//! Staff management: invitations by e-mail, roles, deactivation (sessions end at once), the
//! last owner, password resets, idle staff sessions — and bad input changing nothing.

use serde_json::json;
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{link_token, TestApp};

storekeep_tests::on_both_backends!(
    an_invited_member_chooses_a_password_and_signs_in,
    roles_change_and_the_last_owner_stays,
    deactivation_ends_every_session_at_once,
    bad_staff_input_is_explained_and_changes_nothing,
    staff_sessions_end_after_twelve_idle_hours,
    staff_get_password_resets_into_the_back_office,
    two_owners_demoting_each_other_at_once_leave_one,
    only_owners_who_can_sign_in_count,
    deactivation_revokes_outstanding_links,
);

async fn an_invited_member_chooses_a_password_and_signs_in(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let invited = app
        .post_json(
            "/api/v1/admin/staff",
            &json!({"email": " New.Clerk@Storekeep.test ", "display_name": "新员工 王芳", "roles": ["order_clerk", "analyst", "order_clerk"]}),
            &owner.cookie,
        )
        .await;
    assert_eq!(invited.status, 201, "{:?}", invited.json);
    assert_eq!(invited.json["email"], "new.clerk@storekeep.test");
    assert_eq!(invited.json["status"], "invited");
    assert_eq!(invited.json["roles"], json!(["order_clerk", "analyst"]));
    let id = invited.json["id"].as_i64().unwrap();
    // no password yet: nothing signs in
    let res = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": "new.clerk@storekeep.test", "password": "!"}),
            "",
        )
        .await;
    assert_eq!(res.status, 422);

    let mail = app.last_message_to("new.clerk@storekeep.test").await;
    assert!(
        mail.contains("http://shop.test/admin/accept-invitation?token="),
        "{mail}"
    );
    let token = link_token(&mail);
    let weak = app
        .post_json(
            "/api/v1/auth/invitations/accept",
            &json!({"token": token, "password": "password"}),
            "",
        )
        .await;
    assert_eq!(
        (weak.status, weak.json["problem"].as_str()),
        (422, Some("password_too_common"))
    );
    let accepted = app
        .post_json(
            "/api/v1/auth/invitations/accept",
            &json!({"token": token, "password": "a long new staff passphrase"}),
            "",
        )
        .await;
    assert_eq!(accepted.status, 200, "{:?}", accepted.json);
    let cookie = accepted.cookie("sk_session").unwrap();
    let me = app.get_with("/api/v1/admin/me", &cookie).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json["roles"], json!(["order_clerk", "analyst"]));
    assert_eq!(
        me.json["modules"],
        json!([
            {"module": "orders", "pages": ["orders", "fulfilment", "pick_lists", "shipments", "routes", "fleet"]},
            {"module": "catalogue", "pages": ["products", "categories", "brands"]},
            {"module": "inventory", "pages": ["stock", "transfers", "stocktakes", "valuation"]},
            {"module": "procurement", "pages": ["purchase_suggestions", "purchase_orders", "receipts", "suppliers"]},
            {"module": "service", "pages": ["returns"]},
            {"module": "reports", "pages": ["dashboard", "quality"]},
        ]),
        "only the modules of their roles (an analyst reads the catalogue, procurement and the reports)"
    );
    assert_eq!(
        app.get_with("/api/v1/admin/staff", &cookie).await.status,
        403
    );
    // the link works once
    let again = app
        .post_json(
            "/api/v1/auth/invitations/accept",
            &json!({"token": token, "password": "another long passphrase"}),
            "",
        )
        .await;
    assert_eq!(
        (again.status, again.json["problem"].as_str()),
        (422, Some("invitation_invalid"))
    );
    app.login("new.clerk@storekeep.test", "a long new staff passphrase")
        .await;
    let member = app
        .get_with(&format!("/api/v1/admin/staff/{id}"), &owner.cookie)
        .await;
    assert_eq!(member.json["status"], "active");

    // a resent invitation replaces the old link; an expired one is refused
    let other = app
        .post_json(
            "/api/v1/admin/staff",
            &json!({"email": "late@storekeep.test", "display_name": "迟到", "roles": ["marketing"]}),
            &owner.cookie,
        )
        .await;
    let other_id = other.json["id"].as_i64().unwrap();
    let first = link_token(&app.last_message_to("late@storekeep.test").await);
    let resent = app
        .post_json(
            &format!("/api/v1/admin/staff/{other_id}/invitation"),
            &json!({}),
            &owner.cookie,
        )
        .await;
    assert_eq!(resent.status, 204);
    let second = link_token(&app.last_message_to("late@storekeep.test").await);
    assert_ne!(first, second);
    let old = app
        .post_json(
            "/api/v1/auth/invitations/accept",
            &json!({"token": first, "password": "a long new staff passphrase"}),
            "",
        )
        .await;
    assert_eq!(old.json["problem"], "invitation_invalid");
    sqlx::query("UPDATE staff_invitations SET expires_at = 0")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let expired = app
        .post_json(
            "/api/v1/auth/invitations/accept",
            &json!({"token": second, "password": "a long new staff passphrase"}),
            "",
        )
        .await;
    assert_eq!(expired.json["problem"], "invitation_invalid");
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(other_id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(hash, "!", "nothing changed");
    // only invited staff get invitations
    let res = app
        .post_json(
            &format!("/api/v1/admin/staff/{id}/invitation"),
            &json!({}),
            &owner.cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("wrong_status"))
    );
    app.cleanup().await;
}

async fn roles_change_and_the_last_owner_stays(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let path = format!("/api/v1/admin/staff/{}/roles", clerk.id);
    let res = app
        .send(
            reqwest::Method::PUT,
            &path,
            Some(&json!({"roles": ["finance", "analyst"]})),
            &owner.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(res.json["roles"], json!(["finance", "analyst"]));
    // the new roles count at once, in the session already open
    let me = app.get_with("/api/v1/admin/me", &clerk.cookie).await;
    assert!(me.json["permissions"]
        .as_array()
        .unwrap()
        .contains(&json!("mark_order_paid")));

    // the only owner cannot demote or deactivate themself
    let own = format!("/api/v1/admin/staff/{}/roles", owner.id);
    let res = app
        .send(
            reqwest::Method::PUT,
            &own,
            Some(&json!({"roles": ["analyst"]})),
            &owner.cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("last_owner"))
    );
    let res = app
        .post_json(
            &format!("/api/v1/admin/staff/{}/deactivate", owner.id),
            &json!({}),
            &owner.cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("cannot_deactivate_self"))
    );
    // with a second owner, the first may step down
    let second = app.with_staff(&[StaffRole::Owner]).await;
    let res = app
        .send(
            reqwest::Method::PUT,
            &own,
            Some(&json!({"roles": ["analyst"]})),
            &second.cookie,
        )
        .await;
    assert_eq!(res.status, 200);
    // and now the second is the last: nobody can deactivate or demote them
    let res = app
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/admin/staff/{}/roles", second.id),
            Some(&json!({"roles": ["finance"]})),
            &second.cookie,
        )
        .await;
    assert_eq!(res.json["problem"], "last_owner");
    let roles: Vec<String> = sqlx::query_scalar("SELECT role FROM staff_roles WHERE user_id = $1")
        .bind(second.id)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(roles, vec!["owner"], "nothing changed");
    app.cleanup().await;
}

async fn deactivation_ends_every_session_at_once(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let second_session = app.login(&clerk.email, &clerk.password).await;
    assert_eq!(
        app.get_with("/api/v1/admin/me", &clerk.cookie).await.status,
        200
    );
    let res = app
        .post_json(
            &format!("/api/v1/admin/staff/{}/deactivate", clerk.id),
            &json!({}),
            &owner.cookie,
        )
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json["status"], "deactivated");
    for cookie in [&clerk.cookie, &second_session] {
        assert_eq!(app.get_with("/api/v1/admin/me", cookie).await.status, 401);
        assert_eq!(app.get_with("/api/v1/auth/me", cookie).await.status, 401);
    }
    let res = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": clerk.email, "password": clerk.password}),
            "",
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("account_deactivated"))
    );
    // and no reset link reaches a deactivated account
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let res = app
        .post_json(
            "/api/v1/auth/password-reset",
            &json!({"email": clerk.email}),
            "",
        )
        .await;
    assert_eq!(res.status, 202);
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(before, after);
    let res = app
        .post_json(
            &format!("/api/v1/admin/staff/{}/reactivate", clerk.id),
            &json!({}),
            &owner.cookie,
        )
        .await;
    assert_eq!(res.json["status"], "active");
    app.login(&clerk.email, &clerk.password).await;
    app.cleanup().await;
}

async fn bad_staff_input_is_explained_and_changes_nothing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let cases = [
        (
            json!({"email": "x", "display_name": "A", "roles": ["analyst"]}),
            422,
            "invalid_email",
            "email",
        ),
        (
            json!({"email": "a@b.cn", "display_name": " ", "roles": ["analyst"]}),
            422,
            "name_missing",
            "display_name",
        ),
        (
            json!({"email": "a@b.cn", "display_name": "A", "roles": []}),
            422,
            "no_roles",
            "roles",
        ),
        (
            json!({"email": "customer@storekeep.test", "display_name": "A", "roles": ["analyst"]}),
            422,
            "email_taken",
            "email",
        ),
        (
            json!({"email": "a@b.cn", "display_name": "A", "roles": ["root"]}),
            422,
            "unknown_value",
            "roles[0]",
        ),
        (
            json!({"email": "a@b.cn", "display_name": "A"}),
            400,
            "invalid_input",
            "",
        ),
    ];
    for (body, status, problem, field) in cases {
        let res = app
            .post_json("/api/v1/admin/staff", &body, &owner.cookie)
            .await;
        assert_eq!(res.status, status, "{body}: {:?}", res.json);
        assert_eq!(res.json["problem"], problem, "{body}");
        if !field.is_empty() {
            assert_eq!(res.json["field"], field, "{body}");
        }
    }
    let res = app
        .post_json(
            "/api/v1/admin/staff",
            &json!({"email": "a@b.cn", "display_name": "A", "roles": ["root"]}),
            &owner.cookie,
        )
        .await;
    assert!(
        res.json["message"]
            .as_str()
            .unwrap()
            .contains("unknown variant `root`"),
        "{:?}",
        res.json
    );
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(before, after);
    // unknown members, and ids that are not numbers
    let res = app
        .post_json(
            "/api/v1/admin/staff/999999/deactivate",
            &json!({}),
            &owner.cookie,
        )
        .await;
    assert_eq!(res.status, 404);
    let res = app.get_with("/api/v1/admin/staff/abc", &owner.cookie).await;
    assert_eq!(
        (res.status, res.json["code"].as_str()),
        (404, Some("not_found")),
        "a path that is not an id names nothing"
    );
    // customers are not staff members
    let customer: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'customer@storekeep.test'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let res = app
        .get_with(&format!("/api/v1/admin/staff/{customer}"), &owner.cookie)
        .await;
    assert_eq!(res.status, 404);
    app.cleanup().await;
}

async fn staff_sessions_end_after_twelve_idle_hours(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let (_, customer) = app.with_customer().await;
    let thirteen_hours_ago = server::db::now_millis() - 13 * 60 * 60 * 1000;
    sqlx::query("UPDATE sessions SET last_seen_at = $1")
        .bind(thirteen_hours_ago)
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        app.get_with("/api/v1/admin/me", &clerk.cookie).await.status,
        401
    );
    assert_eq!(
        app.get_with("/api/v1/auth/me", &customer).await.status,
        200,
        "customers stay signed in"
    );
    let staff_sessions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
            .bind(clerk.id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(staff_sessions, 0, "the idle session is gone");

    // background checks do not count as use; anything else does
    let clerk = app.login(&clerk.email, &clerk.password).await;
    let long_ago = server::db::now_millis() - 2 * 60 * 60 * 1000;
    sqlx::query("UPDATE sessions SET last_seen_at = $1")
        .bind(long_ago)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let res = app
        .client
        .get(app.url("/api/v1/admin/me"))
        .header("cookie", &clerk)
        .header("x-background-request", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let seen: i64 = sqlx::query_scalar("SELECT MAX(last_seen_at) FROM sessions")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(seen, long_ago);
    assert_eq!(
        app.get_with("/api/v1/admin/orders", &clerk).await.status,
        200
    );
    let seen: i64 = sqlx::query_scalar("SELECT MAX(last_seen_at) FROM sessions")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(seen > long_ago);
    app.cleanup().await;
}

async fn staff_get_password_resets_into_the_back_office(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let res = app
        .post_json(
            &format!("/api/v1/admin/staff/{}/password-reset", clerk.id),
            &json!({}),
            &owner.cookie,
        )
        .await;
    assert_eq!(res.status, 204);
    let mail = app.last_message_to(&clerk.email).await;
    assert!(
        mail.contains("http://shop.test/admin/reset-password?token="),
        "{mail}"
    );
    let res = app
        .post_json(
            "/api/v1/auth/password-reset/confirm",
            &json!({"token": link_token(&mail), "password": "a brand new passphrase"}),
            "",
        )
        .await;
    assert_eq!(res.status, 204);
    assert_eq!(
        app.get_with("/api/v1/admin/me", &clerk.cookie).await.status,
        401,
        "old sessions end"
    );
    let (action, actor): (String, i64) =
        sqlx::query_as("SELECT action, actor_id FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((action.as_str(), actor), ("staff.reset_password", clerk.id));
    app.login(&clerk.email, "a brand new passphrase").await;
    // customers asking for themselves get the shop's page
    app.post_json(
        "/api/v1/auth/password-reset",
        &json!({"email": "customer@storekeep.test"}),
        "",
    )
    .await;
    let mail = app.last_message_to("customer@storekeep.test").await;
    assert!(
        mail.contains("http://shop.test/account/reset-password?token="),
        "{mail}"
    );
    app.cleanup().await;
}

async fn two_owners_demoting_each_other_at_once_leave_one(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let demo_owner = app.owner().await;
    let a = app.with_staff(&[StaffRole::Owner]).await;
    // the demo owner steps down first, so exactly a and b remain
    let b = app.with_staff(&[StaffRole::Owner]).await;
    let res = app
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/admin/staff/{}/roles", demo_owner.id),
            Some(&json!({"roles": ["analyst"]})),
            &a.cookie,
        )
        .await;
    assert_eq!(res.status, 200);
    let app = std::sync::Arc::new(app);
    for round in 0..3 {
        let (x, y) = if round % 2 == 0 { (&a, &b) } else { (&b, &a) };
        let demote = |who: &storekeep_tests::StaffLogin, target: i64| {
            let (app, cookie) = (app.clone(), who.cookie.clone());
            tokio::spawn(async move {
                app.send(
                    reqwest::Method::PUT,
                    &format!("/api/v1/admin/staff/{target}/roles"),
                    Some(&json!({"roles": ["finance"]})),
                    &cookie,
                )
                .await
                .status
            })
        };
        let (one, two) = (demote(x, y.id), demote(y, x.id));
        let mut statuses = vec![one.await.unwrap(), two.await.unwrap()];
        statuses.sort_unstable();
        let owners: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM staff_roles WHERE role = 'owner'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        assert_eq!(owners, 1, "round {round}: {statuses:?}");
        // one demotion went through; the other was refused, or found its actor demoted
        assert_eq!(statuses[0], 200, "round {round}: {statuses:?}");
        assert!(
            [403, 422].contains(&statuses[1]),
            "round {round}: {statuses:?}"
        );
        // make both owners again for the next round
        for who in [&a, &b] {
            sqlx::query("INSERT INTO staff_roles (user_id, role) VALUES ($1, 'owner') ON CONFLICT DO NOTHING")
                .bind(who.id)
                .execute(&app.db.pool)
                .await
                .unwrap();
            sqlx::query("DELETE FROM staff_roles WHERE user_id = $1 AND role = 'finance'")
                .bind(who.id)
                .execute(&app.db.pool)
                .await
                .unwrap();
        }
    }
    if let Ok(app) = std::sync::Arc::try_unwrap(app) {
        app.cleanup().await;
    }
}

async fn only_owners_who_can_sign_in_count(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    // an invitation as owner does not make the one real owner expendable
    let invited = app
        .post_json(
            "/api/v1/admin/staff",
            &json!({"email": "future.owner@storekeep.test", "display_name": "未来店主", "roles": ["owner"]}),
            &owner.cookie,
        )
        .await;
    assert_eq!(invited.status, 201);
    let res = app
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/admin/staff/{}/roles", owner.id),
            Some(&json!({"roles": ["analyst"]})),
            &owner.cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("last_owner"))
    );
    // and no reset link reaches someone who never chose a password: the invitation does
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM password_resets")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let res = app
        .post_json(
            "/api/v1/auth/password-reset",
            &json!({"email": "future.owner@storekeep.test"}),
            "",
        )
        .await;
    assert_eq!(res.status, 202);
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM password_resets")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(before, after);
    app.cleanup().await;
}

async fn deactivation_revokes_outstanding_links(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    app.post_json(
        "/api/v1/auth/password-reset",
        &json!({"email": clerk.email}),
        "",
    )
    .await;
    let token = link_token(&app.last_message_to(&clerk.email).await);
    for action in ["deactivate", "reactivate"] {
        let res = app
            .post_json(
                &format!("/api/v1/admin/staff/{}/{action}", clerk.id),
                &json!({}),
                &owner.cookie,
            )
            .await;
        assert_eq!(res.status, 200);
    }
    let res = app
        .post_json(
            "/api/v1/auth/password-reset/confirm",
            &json!({"token": token, "password": "a sneaky new passphrase"}),
            "",
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("reset_link_invalid"))
    );
    app.login(&clerk.email, &clerk.password).await;
    app.cleanup().await;
}
