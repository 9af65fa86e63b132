//! Accounts: registration, log-in, sessions, CSRF, rate limits, password reset.

use serde_json::json;
use server::db::Backend;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    register_signs_in_and_logout_signs_out,
    registration_rules_are_explained,
    login_checks_the_password_and_renews_the_session,
    repeated_failures_are_rate_limited,
    state_changes_need_the_csrf_token,
    password_reset_by_mailed_link,
);

async fn register(app: &TestApp, email: &str, password: &str) -> storekeep_tests::Posted {
    app.post_json(
        "/api/v1/auth/register",
        &json!({"email": email, "password": password, "display_name": "李雷"}),
        "",
    )
    .await
}

async fn register_signs_in_and_logout_signs_out(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let res = register(&app, "Li.Lei@Example.com", "a long enough secret").await;
    assert_eq!(res.status, 201, "{:?}", res.json);
    assert_eq!(res.json["email"], "li.lei@example.com");
    assert_eq!(res.json["kind"], "customer");
    let raw = res
        .set_cookies
        .iter()
        .find(|c| c.starts_with("sk_session="))
        .unwrap();
    assert!(
        raw.contains("HttpOnly") && raw.contains("SameSite=Lax") && !raw.contains("Secure"),
        "{raw}"
    );
    let session = res.cookie("sk_session").unwrap();
    assert_eq!(session.len(), "sk_session=".len() + 32, "128-bit token");

    let me = app.get_with("/api/v1/auth/me", &session).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json["display_name"], "李雷");

    // the password is stored as argon2id, never in clear
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE email = 'li.lei@example.com'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));

    let out = app
        .post_json("/api/v1/auth/logout", &json!({}), &session)
        .await;
    assert_eq!(out.status, 204);
    assert!(out
        .set_cookies
        .iter()
        .any(|c| c.starts_with("sk_session=;") && c.contains("Max-Age=0")));
    assert_eq!(app.get_with("/api/v1/auth/me", &session).await.status, 401);
    assert_eq!(
        app.get_with("/api/v1/auth/me", "").await.json["code"],
        "unauthorized"
    );
    app.cleanup().await;
}

async fn registration_rules_are_explained(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    for (email, password, problem) in [
        ("not-an-email", "a long enough secret", "invalid_email"),
        ("a@b.cn", "short", "password_too_short"),
        ("a@b.cn", &"x".repeat(129), "password_too_long"),
        ("a@b.cn", "password123", "password_too_common"),
        ("a@b.cn", "Woaini1314", "password_too_common"),
        // the demo customer exists already
        (
            "customer@storekeep.test",
            "a long enough secret",
            "email_taken",
        ),
    ] {
        let res = register(&app, email, password).await;
        assert_eq!(res.status, 422, "{email} {password:.20}: {:?}", res.json);
        assert_eq!(res.json["code"], "validation");
        assert_eq!(res.json["problem"], problem);
        assert!(res.json["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let res = app
        .post_json(
            "/api/v1/auth/register",
            &json!({"email": "x@y.cn", "password": "a long enough secret", "display_name": " "}),
            "",
        )
        .await;
    assert_eq!(res.json["problem"], "name_missing");
    let res = app
        .post_json("/api/v1/auth/register", &json!({"email": 5}), "")
        .await;
    assert_eq!(res.status, 400, "malformed JSON");
    assert_eq!(res.json["code"], "bad_request");
    app.cleanup().await;
}

async fn login_checks_the_password_and_renews_the_session(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let login = |email: &'static str, password: &'static str, cookies: String| {
        let app = &app;
        async move {
            app.post_json(
                "/api/v1/auth/login",
                &json!({"email": email, "password": password}),
                &cookies,
            )
            .await
        }
    };
    let wrong = login("customer@storekeep.test", "not the password", String::new()).await;
    assert_eq!(wrong.status, 422);
    assert_eq!(wrong.json["problem"], "invalid_credentials");
    let nobody = login("nobody@storekeep.test", "whatever123", String::new()).await;
    assert_eq!(
        nobody.json, wrong.json,
        "no hint whether the account exists"
    );

    let first = login(
        "customer@storekeep.test",
        "shopper-demo-2026",
        String::new(),
    )
    .await;
    assert_eq!(first.status, 200, "{:?}", first.json);
    assert_eq!(first.json["email"], "customer@storekeep.test");
    let old = first.cookie("sk_session").unwrap();
    // logging in again with the old cookie issues a new token and ends the old session
    let second = login("CUSTOMER@storekeep.test", "shopper-demo-2026", old.clone()).await;
    let new = second.cookie("sk_session").unwrap();
    assert_ne!(old, new);
    assert_eq!(app.get_with("/api/v1/auth/me", &old).await.status, 401);
    assert_eq!(app.get_with("/api/v1/auth/me", &new).await.status, 200);
    app.cleanup().await;
}

async fn repeated_failures_are_rate_limited(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let body = json!({"email": "customer@storekeep.test", "password": "guess guess"});
    for i in 0..10 {
        let res = app.post_json("/api/v1/auth/login", &body, "").await;
        assert_eq!(res.status, 422, "attempt {i}");
    }
    let limited = app.post_json("/api/v1/auth/login", &body, "").await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.json["code"], "too_many_requests");
    let retry: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    // even the right password waits now
    let right = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": "customer@storekeep.test", "password": "shopper-demo-2026"}),
            "",
        )
        .await;
    assert_eq!(right.status, 429);
    app.cleanup().await;
}

async fn state_changes_need_the_csrf_token(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let url = app.url("/api/v1/auth/login");
    let body = json!({"email": "customer@storekeep.test", "password": "shopper-demo-2026"});
    let no_header = app
        .client
        .post(&url)
        .header("cookie", "sk_csrf=abc")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(no_header.status(), 403);
    let mismatch = app
        .client
        .post(&url)
        .header("cookie", "sk_csrf=abc")
        .header("x-csrf-token", "abd")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(mismatch.status(), 403);
    let foreign = app
        .client
        .post(&url)
        .header("cookie", "sk_csrf=abc")
        .header("x-csrf-token", "abc")
        .header("origin", "https://evil.example")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);
    let body: serde_json::Value = foreign.json().await.unwrap();
    assert_eq!(body["code"], "forbidden");
    // pages hand out the cookie the app echoes
    let page = app.get("/").await;
    let cookies: Vec<_> = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("sk_csrf=") && c.contains("SameSite=Lax")),
        "{cookies:?}"
    );
    app.cleanup().await;
}

async fn password_reset_by_mailed_link(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let session = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": "customer@storekeep.test", "password": "shopper-demo-2026"}),
            "",
        )
        .await
        .cookie("sk_session")
        .unwrap();
    // unknown addresses get the same answer and no message
    let unknown = app
        .post_json(
            "/api/v1/auth/password-reset",
            &json!({"email": "nobody@x.cn"}),
            "",
        )
        .await;
    assert_eq!(unknown.status, 202);
    let res = app
        .post_json(
            "/api/v1/auth/password-reset",
            &json!({"email": "customer@storekeep.test"}),
            "",
        )
        .await;
    assert_eq!(res.status, 202);
    let (recipient, body): (String, String) =
        sqlx::query_as("SELECT recipient, body FROM messages WHERE kind = 'password_reset'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(recipient, "customer@storekeep.test");
    let link = body
        .split_whitespace()
        .find(|w| w.contains("/account/reset-password?token="))
        .unwrap();
    assert!(link.starts_with(storekeep_tests::PUBLIC_URL));
    let token = link.split("token=").nth(1).unwrap();

    // the development mailbox shows it
    let (status, html) = app.get_html("/dev/mailbox").await;
    assert_eq!(status, 200);
    assert!(html.contains(token));

    let weak = app
        .post_json(
            "/api/v1/auth/password-reset/confirm",
            &json!({"token": token, "password": "12345678"}),
            "",
        )
        .await;
    assert_eq!(weak.json["problem"], "password_too_common");
    let ok = app
        .post_json(
            "/api/v1/auth/password-reset/confirm",
            &json!({"token": token, "password": "a brand new secret"}),
            "",
        )
        .await;
    assert_eq!(ok.status, 204, "{:?}", ok.json);
    // the old session is gone, the new password works, the link works once
    assert_eq!(app.get_with("/api/v1/auth/me", &session).await.status, 401);
    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"email": "customer@storekeep.test", "password": "a brand new secret"}),
            "",
        )
        .await;
    assert_eq!(login.status, 200);
    let again = app
        .post_json(
            "/api/v1/auth/password-reset/confirm",
            &json!({"token": token, "password": "another new secret"}),
            "",
        )
        .await;
    assert_eq!(again.json["problem"], "reset_link_invalid");
    app.cleanup().await;
}
