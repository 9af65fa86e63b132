//! The audit log: every staff write leaves exactly one entry with who, from where, what and
//! the fields that changed; entries cannot be changed; the log is searched by staff member,
//! entity, action and days.

use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{link_token, TestApp};

storekeep_tests::on_both_backends!(
    every_staff_write_leaves_one_entry_with_its_changes,
    entries_cannot_be_changed_or_deleted,
    the_log_is_searched_by_who_what_and_when,
);

/// The newest entry: action, entity type and id, changes, actor.
async fn newest(app: &TestApp) -> (String, String, String, Value, i64, String) {
    let (action, et, eid, changes, actor, ip): (String, String, String, String, i64, String) =
        sqlx::query_as(
            "SELECT action, entity_type, entity_id, changes, actor_id, actor_ip FROM audit_log ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    (
        action,
        et,
        eid,
        serde_json::from_str(&changes).unwrap(),
        actor,
        ip,
    )
}

async fn every_staff_write_leaves_one_entry_with_its_changes(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let number = app.bank_transfer_order("audit-bank-0001").await;
    let invited = app
        .post_json(
            "/api/v1/admin/staff",
            &json!({"email": "audit.me@storekeep.test", "display_name": "审计", "roles": ["analyst"]}),
            &owner.cookie,
        )
        .await;
    let id = invited.json["id"].as_i64().unwrap();
    let member = |rest: &str| format!("/api/v1/admin/staff/{id}{rest}");
    // the invitation itself is the first entry
    let (action, et, eid, changes, actor, ip) = newest(&app).await;
    assert_eq!(
        (action.as_str(), et.as_str(), eid, actor),
        ("staff.invite", "staff", id.to_string(), owner.id)
    );
    assert_eq!(ip, "127.0.0.1");
    assert_eq!(
        changes[2],
        json!({"field": "roles", "before": null, "after": "analyst"})
    );

    type Step = (reqwest::Method, String, Option<Value>, &'static str, Value);
    let steps: Vec<Step> = vec![
        (
            reqwest::Method::POST,
            format!("/api/v1/admin/orders/{number}/mark-paid"),
            None,
            "order.mark_paid",
            json!([{"field": "status", "before": "pending_payment", "after": "paid"}]),
        ),
        (
            reqwest::Method::PUT,
            member("/roles"),
            Some(json!({"roles": ["finance", "analyst"]})),
            "staff.set_roles",
            json!([{"field": "roles", "before": "analyst", "after": "finance, analyst"}]),
        ),
        (
            reqwest::Method::POST,
            member("/invitation"),
            None,
            "staff.resend_invitation",
            json!([]),
        ),
        (
            reqwest::Method::POST,
            member("/deactivate"),
            None,
            "staff.deactivate",
            json!([{"field": "status", "before": "invited", "after": "deactivated"}]),
        ),
        (
            reqwest::Method::POST,
            member("/reactivate"),
            None,
            "staff.reactivate",
            json!([{"field": "status", "before": "deactivated", "after": "invited"}]),
        ),
    ];
    for (method, path, body, action, changes) in steps {
        let before = app.audit_count().await;
        let res = app.send(method, &path, body.as_ref(), &owner.cookie).await;
        assert!(res.status < 300, "{path}: {} {:?}", res.status, res.json);
        assert_eq!(
            app.audit_count().await,
            before + 1,
            "{path}: exactly one entry"
        );
        let (a, _, _, c, who, _) = newest(&app).await;
        assert_eq!((a.as_str(), who), (action, owner.id), "{path}");
        assert_eq!(c, changes, "{path}");
    }
    // a change to nothing is no change: no entry
    let before = app.audit_count().await;
    let same = app
        .send(
            reqwest::Method::PUT,
            &member("/roles"),
            Some(&json!({"roles": ["analyst", "finance"]})),
            &owner.cookie,
        )
        .await;
    assert_eq!(same.status, 200);
    assert_eq!(app.audit_count().await, before);
    // refused writes leave none either
    let refused = app
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/admin/staff/{}/roles", owner.id),
            Some(&json!({"roles": []})),
            &owner.cookie,
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(app.audit_count().await, before);

    // the invited member accepts (a new link: deactivating them ended the first): their own entry
    let res = app
        .post_json(&member("/invitation"), &json!({}), &owner.cookie)
        .await;
    assert_eq!(res.status, 204);
    let token = link_token(&app.last_message_to("audit.me@storekeep.test").await);
    let res = app
        .post_json(
            "/api/v1/auth/invitations/accept",
            &json!({"token": token, "password": "a long audited passphrase"}),
            "",
        )
        .await;
    assert_eq!(res.status, 200);
    let (a, _, eid, c, who, _) = newest(&app).await;
    assert_eq!(
        (a.as_str(), eid, who),
        ("staff.accept_invitation", id.to_string(), id)
    );
    assert_eq!(
        c,
        json!([{"field": "status", "before": "invited", "after": "active"}])
    );
    let member_cookie = res.cookie("sk_session").unwrap();
    let res = app
        .post_json(
            &format!("/api/v1/admin/staff/{id}/password-reset"),
            &json!({}),
            &owner.cookie,
        )
        .await;
    assert_eq!(res.status, 204);
    assert_eq!(newest(&app).await.0, "staff.send_password_reset");

    // two-factor on and off, and the security setting
    let secret = {
        let setup = app
            .post_json(
                "/api/v1/admin/me/two-factor/setup",
                &json!({}),
                &member_cookie,
            )
            .await;
        setup.json["secret"].as_str().unwrap().to_string()
    };
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let code = server::auth::totp::code_at(&secret, t).unwrap();
    let before = app.audit_count().await;
    let res = app
        .post_json(
            "/api/v1/admin/me/two-factor/enable",
            &json!({"code": code}),
            &member_cookie,
        )
        .await;
    assert_eq!(res.status, 204, "{:?}", res.json);
    assert_eq!(app.audit_count().await, before + 1);
    let (a, _, _, c, _, _) = newest(&app).await;
    assert_eq!(a, "staff.enable_two_factor");
    assert_eq!(
        c,
        json!([{"field": "two_factor", "before": "false", "after": "true"}])
    );
    app.cleanup().await;
}

async fn entries_cannot_be_changed_or_deleted(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let number = app.bank_transfer_order("audit-bank-0002").await;
    app.post_json(
        &format!("/api/v1/admin/orders/{number}/mark-paid"),
        &json!({}),
        &owner.cookie,
    )
    .await;
    assert_eq!(app.audit_count().await, 1);
    for sql in [
        "UPDATE audit_log SET detail = 'forged'",
        "UPDATE audit_log SET actor_id = actor_id",
        "DELETE FROM audit_log",
    ] {
        let err = sqlx::query(sql).execute(&app.db.pool).await.unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    if backend == Backend::Postgres {
        let err = sqlx::query("TRUNCATE audit_log")
            .execute(&app.db.pool)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
    }
    let detail: String = sqlx::query_scalar("SELECT detail FROM audit_log")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(detail, "bank transfer received");
    // and no API route edits or deletes entries
    let (_, doc) = app.get_json("/api/openapi.json").await;
    for (path, item) in doc["paths"].as_object().unwrap() {
        if path.contains("/audit") {
            for method in ["put", "patch", "delete", "post"] {
                assert!(item.get(method).is_none(), "{method} {path}");
            }
        }
    }
    app.cleanup().await;
}

async fn the_log_is_searched_by_who_what_and_when(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let a = app.bank_transfer_order("audit-bank-0003").await;
    let b = app.bank_transfer_order("audit-bank-0004").await;
    app.post_json(
        &format!("/api/v1/admin/orders/{a}/mark-paid"),
        &json!({}),
        &clerk.cookie,
    )
    .await;
    app.post_json(
        &format!("/api/v1/admin/orders/{b}/mark-paid"),
        &json!({}),
        &owner.cookie,
    )
    .await;
    app.send(
        reqwest::Method::PUT,
        &format!("/api/v1/admin/staff/{}/roles", clerk.id),
        Some(&json!({"roles": ["order_clerk", "finance"]})),
        &owner.cookie,
    )
    .await;
    let search = |q: String| {
        let cookie = owner.cookie.clone();
        let app = &app;
        async move {
            let res = app
                .get_with(&format!("/api/v1/admin/audit{q}"), &cookie)
                .await;
            assert_eq!(res.status, 200, "{q}: {:?}", res.json);
            res.json
        }
    };
    let all = search(String::new()).await;
    assert_eq!(all["total"], 3);
    assert_eq!(all["items"][0]["action"], "staff.set_roles", "newest first");
    assert_eq!(all["items"][0]["actor"]["email"], "admin@storekeep.test");
    let by_clerk = search(format!("?actor={}", clerk.id)).await;
    assert_eq!(by_clerk["total"], 1);
    assert_eq!(by_clerk["items"][0]["entity_id"], a.as_str());
    let orders = search("?entity_type=order&action=order.mark_paid".into()).await;
    assert_eq!(orders["total"], 2);
    let one = search(format!("?entity_type=staff&entity_id={}", clerk.id)).await;
    assert_eq!(one["total"], 1, "a staff member's own history");
    let today = ui_day(server::db::now_millis());
    assert_eq!(
        search(format!("?from={today}&to={today}")).await["total"],
        3
    );
    assert_eq!(search("?to=2020-01-01".into()).await["total"], 0);
    assert_eq!(search("?from=2099-01-01".into()).await["total"], 0);
    for bad in [
        "?from=2026-02-30",
        "?to=yesterday",
        "?action=order.delete",
        "?page_size=0",
    ] {
        let res = app
            .get_with(&format!("/api/v1/admin/audit{bad}"), &owner.cookie)
            .await;
        assert_eq!(res.status, 400, "{bad}: {:?}", res.json);
    }
    // only owners read it
    assert_eq!(
        app.get_with("/api/v1/admin/audit", &clerk.cookie)
            .await
            .status,
        403
    );
    app.cleanup().await;
}

/// Today in the shop's time zone, `YYYY-MM-DD`.
fn ui_day(millis: i64) -> String {
    let (y, m, d) = shared::time::civil_date(millis, shared::time::SHOP_UTC_OFFSET_HOURS);
    format!("{y:04}-{m:02}-{d:02}")
}
