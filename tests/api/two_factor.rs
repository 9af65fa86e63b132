//! Two-factor sign-in (TOTP): turning it on with a first code, signing in with a code,
//! refusing a reused or guessed code, turning it off, and requiring it of owners.

use serde_json::json;
use server::auth::totp::code_at;
use server::db::Backend;
use shared::staff::StaffRole;
use storekeep_tests::{StaffLogin, TestApp};

storekeep_tests::on_both_backends!(
    a_staff_member_turns_on_two_factor_and_signs_in_with_a_code,
    wrong_codes_are_limited_and_reused_codes_refused,
    owners_can_be_required_to_use_two_factor,
);

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Turns on two-factor sign-in for `who`; returns the secret and the moment whose code was
/// used (later codes are computed from it, so a step boundary passing meanwhile changes
/// nothing).
pub async fn enable(app: &TestApp, who: &StaffLogin) -> (String, u64) {
    let setup = app
        .post_json("/api/v1/admin/me/two-factor/setup", &json!({}), &who.cookie)
        .await;
    assert_eq!(setup.status, 200, "{:?}", setup.json);
    let secret = setup.json["secret"].as_str().unwrap().to_string();
    assert!(setup.json["otpauth_uri"]
        .as_str()
        .unwrap()
        .contains(&secret));
    assert!(setup.json["qr_svg"].as_str().unwrap().starts_with("<svg"));
    let t = now();
    let code = code_at(&secret, t).unwrap();
    let on = app
        .post_json(
            "/api/v1/admin/me/two-factor/enable",
            &json!({"code": code}),
            &who.cookie,
        )
        .await;
    assert_eq!(on.status, 204, "{:?}", on.json);
    (secret, t)
}

async fn login_with(
    app: &TestApp,
    who: &StaffLogin,
    code: Option<String>,
) -> storekeep_tests::Posted {
    app.post_json(
        "/api/v1/auth/login",
        &json!({"email": who.email, "password": who.password, "totp_code": code}),
        "",
    )
    .await
}

async fn a_staff_member_turns_on_two_factor_and_signs_in_with_a_code(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    // a wrong first code leaves it off
    app.post_json(
        "/api/v1/admin/me/two-factor/setup",
        &json!({}),
        &clerk.cookie,
    )
    .await;
    let res = app
        .post_json(
            "/api/v1/admin/me/two-factor/enable",
            &json!({"code": "000000"}),
            &clerk.cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("two_factor_code_wrong"))
    );
    assert_eq!(res.json["field"], "code");
    let me = app.get_with("/api/v1/admin/me", &clerk.cookie).await;
    assert_eq!(me.json["two_factor"], false);

    let (secret, t) = enable(&app, &clerk).await;
    let me = app.get_with("/api/v1/admin/me", &clerk.cookie).await;
    assert_eq!(me.json["two_factor"], true);
    let res = app
        .post_json(
            "/api/v1/admin/me/two-factor/setup",
            &json!({}),
            &clerk.cookie,
        )
        .await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (409, Some("two_factor_on"))
    );

    // the password alone is no longer enough
    let res = login_with(&app, &clerk, None).await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("two_factor_required"))
    );
    assert!(res.cookie("sk_session").is_none());
    // the code of the next step (a phone's clock a little ahead) signs in
    let res = login_with(&app, &clerk, code_at(&secret, t + 30)).await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    let cookie = res.cookie("sk_session").unwrap();
    // turning it off needs a code too
    let res = app
        .post_json(
            "/api/v1/admin/me/two-factor/disable",
            &json!({"code": "123"}),
            &cookie,
        )
        .await;
    assert_eq!(res.json["problem"], "two_factor_code_wrong");
    let res = app
        .post_json(
            "/api/v1/admin/me/two-factor/disable",
            &json!({"code": code_at(&secret, now() + 90).unwrap()}),
            &cookie,
        )
        .await;
    // a step beyond the window is refused (counted from the clock now: a slow run may have
    // crossed a step boundary since `t`)
    assert_eq!(res.json["problem"], "two_factor_code_wrong");
    // half a minute later (as if): a fresh code turns it off, and the password is enough again
    sqlx::query("UPDATE users SET totp_last_step = totp_last_step - 2 WHERE id = $1")
        .bind(clerk.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let res = app
        .post_json(
            "/api/v1/admin/me/two-factor/disable",
            &json!({"code": code_at(&secret, now()).unwrap()}),
            &cookie,
        )
        .await;
    assert_eq!(res.status, 204, "{:?}", res.json);
    assert_eq!(login_with(&app, &clerk, None).await.status, 200);
    app.cleanup().await;
}

async fn wrong_codes_are_limited_and_reused_codes_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    let (secret, t) = enable(&app, &clerk).await;
    // the code that turned it on cannot sign in (same step)
    let res = login_with(&app, &clerk, code_at(&secret, t)).await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (422, Some("two_factor_code_reused"))
    );
    let ok = login_with(&app, &clerk, code_at(&secret, t + 30)).await;
    assert_eq!(ok.status, 200);
    let again = login_with(&app, &clerk, code_at(&secret, t + 30)).await;
    assert_eq!(
        again.json["problem"], "two_factor_code_reused",
        "never twice"
    );

    // guessing: five wrong codes, then 429 even for the right one
    let other = app.with_staff(&[StaffRole::Analyst]).await;
    let (secret, t) = enable(&app, &other).await;
    for guess in ["111111", "222222", "333333", "444444", "555555"] {
        let res = login_with(&app, &other, Some(guess.into())).await;
        assert_eq!(res.json["problem"], "two_factor_code_wrong", "{guess}");
    }
    let res = login_with(&app, &other, code_at(&secret, t + 30)).await;
    assert_eq!(res.status, 429);
    assert!(res.headers.contains_key("retry-after"));
    let last: Option<i64> = sqlx::query_scalar("SELECT totp_last_step FROM users WHERE id = $1")
        .bind(other.id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        last,
        Some(i64::try_from(t / 30).unwrap()),
        "only the enabling code was used"
    );
    app.cleanup().await;
}

async fn owners_can_be_required_to_use_two_factor(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let owner = app.owner().await;
    let path = "/api/v1/admin/settings/security";
    let refused = app
        .send(
            reqwest::Method::PUT,
            path,
            Some(&json!({"owners_need_two_factor": true})),
            &owner.cookie,
        )
        .await;
    assert_eq!(
        (refused.status, refused.json["problem"].as_str()),
        (422, Some("enable_your_own_two_factor_first"))
    );
    let (secret, t) = enable(&app, &owner).await;
    let res = app
        .send(
            reqwest::Method::PUT,
            path,
            Some(&json!({"owners_need_two_factor": true})),
            &owner.cookie,
        )
        .await;
    assert_eq!(res.status, 200, "{:?}", res.json);
    assert_eq!(
        app.get_with(path, &owner.cookie).await.json["owners_need_two_factor"],
        true
    );

    // another owner without a second factor may only set it up
    let second = app.with_staff(&[StaffRole::Owner]).await;
    let me = app.get_with("/api/v1/admin/me", &second.cookie).await;
    assert_eq!(me.json["must_enable_two_factor"], true);
    let res = app.get_with("/api/v1/admin/orders", &second.cookie).await;
    assert_eq!(
        (res.status, res.json["problem"].as_str()),
        (403, Some("two_factor_setup_required"))
    );
    enable(&app, &second).await;
    assert_eq!(
        app.get_with("/api/v1/admin/orders", &second.cookie)
            .await
            .status,
        200
    );
    // staff of other roles are not affected
    let clerk = app.with_staff(&[StaffRole::OrderClerk]).await;
    assert_eq!(
        app.get_with("/api/v1/admin/orders", &clerk.cookie)
            .await
            .status,
        200
    );
    // owners cannot turn it off while it is required
    let res = app
        .post_json(
            "/api/v1/admin/me/two-factor/disable",
            &json!({"code": code_at(&secret, t + 30).unwrap()}),
            &owner.cookie,
        )
        .await;
    assert_eq!(res.json["problem"], "owners_need_two_factor");
    app.cleanup().await;
}
