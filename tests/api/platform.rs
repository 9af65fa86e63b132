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

/// The document is generated from the router's own route list: every documented operation
/// reaches a handler (never the unknown-route fallback, never 405), every other method on a
/// documented path is 405, and the public GETs answer 200 with demo data.
async fn openapi_describes_every_route(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, doc) = app.get_json("/api/openapi.json").await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 40, "{} paths", paths.len());
    const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];
    let (_, brands) = app.get_json("/api/v1/store/brands").await;
    let brand = brands[0]["slug"].as_str().unwrap().to_string();
    for (path, item) in paths {
        let slug = if path.contains("/brands/") {
            brand.as_str()
        } else {
            "cotton-crew-neck-tee"
        };
        let concrete = path
            .replace("{slug}", slug)
            .replace("{entity}", "product")
            .replace("{number}", "SK2601010001")
            .replace("{variant_id}", "1")
            .replace("{id}", "1");
        for method in METHODS {
            let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let res = app.send(m, &concrete, None, "").await;
            if item.get(method).is_some() {
                assert_ne!(
                    res.status, 405,
                    "{method} {path} is documented but not routed"
                );
                let fallback = res.status == 404
                    && res.json["message"].as_str() == Some("The API route was not found");
                assert!(!fallback, "{method} {path} is documented but not routed");
                // every answer is one the document lists
                let documented = item[method]["responses"]
                    .as_object()
                    .unwrap()
                    .contains_key(&res.status.to_string());
                assert!(
                    documented,
                    "{method} {path} answered an undocumented {}",
                    res.status
                );
            } else {
                assert_eq!(
                    res.status, 405,
                    "{method} {path} is routed but not documented"
                );
            }
        }
        let public_get = item["get"].is_object()
            && item["get"].get("security").is_none()
            && !path.contains("/orders/")
            // no slug has moved in the demo shop
            && !path.contains("/redirects/");
        if public_get && !path.starts_with("/api/v1/admin") {
            assert_eq!(app.get(&concrete).await.status(), 200, "{concrete}");
        }
    }
    app.cleanup().await;
}

async fn static_files_are_served_compressed(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let assets = server::assets::Assets::load(&storekeep_tests::site_root());
    assert!(
        server::assets::is_fingerprinted(assets.shop_css.trim_start_matches("/pkg/")),
        "the site is built (cargo xtask build --dev), its files named after their content"
    );
    let res = app
        .client
        .get(app.url(&assets.shop_css))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-encoding"], "br");
    // named after their content, bundle files are kept for a year; the list is revalidated
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let wasm = app.get(&format!("/pkg/{}.wasm", assets.shop)).await;
    assert_eq!(wasm.status(), 200);
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let list = app.get("/pkg/assets.txt").await;
    assert_eq!(
        list.headers()["cache-control"],
        "public, max-age=0, must-revalidate"
    );
    // the shop front's pages never load the back office's bundle; the catalogue pages load
    // theirs, the shopper's own pages the one with every island
    let (catalogue, own) = (
        format!("/pkg/{}.js", assets.shop),
        format!("/pkg/{}.js", assets.shop_buy),
    );
    let catalogue_pages = [
        "/",
        "/en/categories/clothing",
        "/products/cotton-crew-neck-tee",
        "/search?q=tee",
    ];
    let own_pages = [
        "/cart",
        "/en/checkout",
        "/account/login",
        "/en/account/register",
        "/orders/SK0000000000",
    ];
    let site = storekeep_tests::site_root();
    let glue = |path: &str| {
        std::fs::read_to_string(site.join(path.trim_start_matches('/'))).expect("the site is built")
    };
    for (pages, loads, not) in [
        (&catalogue_pages[..], &catalogue, &own),
        (&own_pages[..], &own, &catalogue),
    ] {
        for &page in pages {
            let (_, html) = app.get_html(page).await;
            assert!(
                !html.contains("/pkg/admin"),
                "{page} references the back office"
            );
            assert!(
                html.contains(loads.as_str()) && !html.contains(not.as_str()),
                "{page} loads {loads}"
            );
            // every island on the page is one the bundle it loads can hydrate
            let js = glue(loads);
            for island in html.split("data-component=\"").skip(1) {
                let name = island.split('"').next().unwrap_or_default();
                assert!(
                    js.contains(&format!("export function {name}(")),
                    "{page}: {loads} cannot hydrate {name}"
                );
            }
        }
    }
    let (status, shell) = app.get_html("/admin/settings/staff").await;
    assert_eq!(status, 200, "deep links answer the shell");
    assert!(shell.contains(&assets.admin_boot) && !shell.contains(&assets.shop));
    let res = app.get("/img/demo/tshirt-0.svg").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age"));
    app.cleanup().await;
}

/// Shoppers never download the back office: its strings and API calls are in its own
/// bundle and nowhere in the shop front's.
#[test]
fn the_shop_front_bundle_carries_no_back_office_code() {
    let site = storekeep_tests::site_root();
    let assets = server::assets::Assets::load(&site);
    let file = |path: &str| site.join(path.trim_start_matches('/'));
    let shop =
        std::fs::read(site.join(format!("pkg/{}.wasm", assets.shop))).expect("the site is built");
    let admin = std::fs::read(file(&assets.admin_wasm)).expect("the back office is built");
    let contains =
        |hay: &[u8], needle: &str| hay.windows(needle.len()).any(|w| w == needle.as_bytes());
    for only_admin in [
        "审计日志",
        "员工与角色",
        "Audit log",
        "/api/v1/admin/staff",
        "/api/v1/admin/me/two-factor",
        "/api/v1/admin/orders/mark-paid",
    ] {
        assert!(
            contains(&admin, only_admin),
            "the back office has {only_admin}"
        );
        assert!(
            !contains(&shop, only_admin),
            "the shop front's bundle has {only_admin}"
        );
    }
    // and the shop front's page never loads it
    let boot = std::fs::read_to_string(file(&assets.admin_boot)).unwrap();
    assert!(boot.contains(&assets.admin_js) && boot.contains(&assets.admin_wasm));
}

/// The catalogue pages' bundle has only their islands (search box, mini-cart, product
/// picker, the cards' hearts): the cart, checkout and the account's forms are in the own
/// pages' bundle, with the rest.
#[test]
fn the_catalogue_bundle_carries_only_the_catalogue_islands() {
    let site = storekeep_tests::site_root();
    let assets = server::assets::Assets::load(&site);
    let glue = |stem: &str| {
        std::fs::read_to_string(site.join(format!("pkg/{stem}.js"))).expect("the site is built")
    };
    let (catalogue, own) = (glue(&assets.shop), glue(&assets.shop_buy));
    let exports = |js: &str, island: &str| js.contains(&format!("export function {island}_"));
    for island in ["SearchBox", "MiniCart", "ProductArticle", "WishHeart"] {
        assert!(
            exports(&catalogue, island),
            "the catalogue bundle hydrates {island}"
        );
        assert!(
            exports(&own, island),
            "the own pages' bundle hydrates {island}"
        );
    }
    for island in [
        "CartView",
        "Checkout",
        "LoginForm",
        "RegisterForm",
        "ResetPasswordForm",
        "LogOut",
        "PayButton",
        "ReturnForm",
        "ReviewForm",
        "AskForm",
        "ReplyForm",
        "RateForm",
        "WishlistView",
        "AddressBook",
    ] {
        assert!(
            !exports(&catalogue, island),
            "the catalogue bundle has {island}"
        );
        assert!(
            exports(&own, island),
            "the own pages' bundle hydrates {island}"
        );
    }
}

/// The browser apps' clients call only routes the generated document has: every
/// `/api/v1/...` address written in their API modules matches a documented path (with its
/// `{…}` parameters).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_clients_call_only_documented_routes() {
    let doc = serde_json::to_value(server::openapi::document()).unwrap();
    let documented: Vec<Vec<String>> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(|p| segments(p))
        .collect();
    // the workspace at run time (see `storekeep_tests::site_root` for why not at compile time)
    let workspace = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("..");
    let mut checked = 0;
    for file in [
        "app/src/api/mod.rs",
        "admin/src/api/mod.rs",
        "admin/src/api/fulfilment.rs",
        "admin/src/api/inventory.rs",
        "admin/src/reports/quality.rs",
    ] {
        let text =
            std::fs::read_to_string(workspace.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        for literal in text.split('"').filter(|s| s.starts_with("/api/v1/")) {
            let path = literal.split('?').next().unwrap();
            let wanted = segments(path);
            let known = documented.iter().any(|d| {
                d.len() == wanted.len()
                    && d.iter()
                        .zip(&wanted)
                        .all(|(a, b)| a == b || a == "{}" || b == "{}")
            });
            assert!(
                known,
                "{file} calls {literal}, which the API does not document"
            );
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} addresses found");
}

/// `/api/v1/admin/staff/{id}/roles` → `["api", "v1", "admin", "staff", "{}", "roles"]`.
fn segments(path: &str) -> Vec<String> {
    path.trim_matches('/')
        .split('/')
        .map(|s| {
            if s.starts_with('{') {
                "{}".into()
            } else {
                s.to_string()
            }
        })
        .collect()
}
