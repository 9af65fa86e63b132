//! Health probes, security headers, compression, OpenAPI, static files.

use server::db::Backend;
use storekeep_tests::TestApp;

storekeep_tests::on_both_backends!(
    probes_answer,
    security_headers_on_pages_and_api,
    openapi_describes_every_route,
    static_files_are_served_compressed,
);

async fn probes_answer(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    assert_eq!(app.get("/healthz").await.status(), 200);
    let res = app.get("/readyz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ready");
    app.cleanup().await;
}

async fn security_headers_on_pages_and_api(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    for path in [
        "/",
        "/api/v1/store/categories",
        "/api/v1/store/products/nope",
    ] {
        let res = app.get(path).await;
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap().to_string();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"),
            "{path}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            h["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        let scripts = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(!scripts.contains("unsafe-inline"), "{path}: {scripts}");
        if path == "/" {
            // the page's inline scripts carry the nonce its policy names
            let nonce = scripts
                .split("'nonce-")
                .nth(1)
                .unwrap()
                .split('\'')
                .next()
                .unwrap();
            let html = res.text().await.unwrap();
            assert!(html.contains(&format!(r#"nonce="{nonce}""#)), "{html:.300}");
        }
    }
    app.cleanup().await;
}

async fn openapi_describes_every_route(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, doc) = app.get_json("/api/openapi.json").await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (method, path) in server::openapi::ROUTES {
        assert!(paths[*path][*method].is_object(), "{method} {path}");
        if *method != "get"
            || path.contains("/auth/")
            || path.contains("/orders")
            || path.contains("/admin/")
            || path.contains("/payments")
            || path.ends_with("/cart")
            || path.contains("/account/")
        {
            continue; // state-changing and signed-in routes have tests of their own
        }
        // and every documented route answers (path parameters filled with demo data)
        let concrete = path.replace("{slug}", "cotton-crew-neck-tee");
        let (status, _) = app.get_json(&concrete).await;
        assert_eq!(status, 200, "{concrete}");
    }
    app.cleanup().await;
}

async fn static_files_are_served_compressed(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let res = app
        .client
        .get(app.url("/pkg/storekeep.css"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        200,
        "the site is built (cargo xtask build --dev)"
    );
    assert_eq!(res.headers()["content-encoding"], "br");
    let res = app.get("/img/demo/tshirt-0.svg").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age"));
    app.cleanup().await;
}
