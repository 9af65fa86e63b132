//! Server-rendered pages: complete HTML on the first byte, per-language URLs, SEO tags,
//! real status codes.

use server::db::Backend;
use storekeep_tests::{TestApp, PUBLIC_URL};

storekeep_tests::on_both_backends!(
    home_is_complete_html_in_chinese_and_english,
    category_page_lists_filters_and_paginates,
    product_page_carries_json_ld_and_alternates,
    missing_pages_are_404_html_and_bad_queries_400,
    first_visit_follows_accept_language,
    robots_and_sitemap_come_from_the_catalogue,
);

async fn home_is_complete_html_in_chinese_and_english(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, zh) = app.get_html("/").await;
    assert_eq!(status, 200);
    assert!(zh.contains(r#"<html lang="zh-CN""#), "{zh:.400}");
    assert!(zh.contains("<title>Storekeep 良仓"));
    assert!(zh.contains("精选推荐"));
    assert!(zh.contains("服装"), "categories are rendered on the server");
    assert!(
        zh.contains("data-testid=\"product-card\""),
        "products are rendered on the server"
    );
    assert!(zh.contains(&format!(r#"<link href="{PUBLIC_URL}/" rel="canonical">"#)));
    assert!(zh.contains(&format!(
        r#"<link href="{PUBLIC_URL}/en" hreflang="en" rel="alternate">"#
    )));
    let assets = server::assets::Assets::load(&storekeep_tests::site_root());
    assert!(
        zh.contains(&format!("/pkg/{}.js", assets.shop)) && zh.contains(&assets.shop_css),
        "the hydration script and the style sheet are included, under their current names"
    );

    let (status, en) = app.get_html("/en").await;
    assert_eq!(status, 200);
    assert!(en.contains(r#"<html lang="en""#));
    assert!(en.contains("Featured"));
    assert!(en.contains("Clothing"));
    assert!(
        en.contains(r#"href="/en/products/"#),
        "English pages link to English pages"
    );
    assert!(!en.contains("精选推荐"));
    app.cleanup().await;
}

async fn category_page_lists_filters_and_paginates(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, html) = app.get_html("/categories/clothing").await;
    assert_eq!(status, 200);
    assert!(html.contains("共 20 件商品"));
    assert!(
        html.contains("T恤") && html.contains("外套"),
        "sub-categories"
    );
    assert_eq!(html.matches("data-testid=\"product-card\"").count(), 20);

    let (_, filtered) = app
        .get_html("/en/categories/phones?brand=moshi&price_from=2000&sort=price_asc")
        .await;
    assert!(filtered.contains("Phones"));
    assert!(
        filtered.contains(r#"value="moshi" checked"#),
        "the brand box stays ticked"
    );
    let cards = filtered.matches("data-testid=\"product-card\"").count();
    assert!(cards > 0 && cards < 10, "{cards}");

    let (_, paged) = app.get_html("/en/categories/electronics").await;
    assert!(paged.contains("20 products"));
    // 24 per page: one page, no pagination
    assert!(!paged.contains("data-testid=\"next-page\""));
    app.cleanup().await;
}

async fn product_page_carries_json_ld_and_alternates(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, html) = app.get_html("/products/cotton-crew-neck-tee").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<title>纯棉圆领T恤 · Storekeep 良仓</title>"),
        "{html:.600}"
    );
    assert!(html.contains(r#"<meta name="description""#));
    assert!(html.contains(r#"<script type="application/ld+json">"#));
    assert!(html.contains(r#""@type":"Product""#));
    assert!(html.contains(r#""priceCurrency":"CNY""#));
    assert!(html.contains("¥79.00"), "price formatted as yuan");
    assert!(html.contains(&format!(r#"<link href="{PUBLIC_URL}/en/products/cotton-crew-neck-tee" hreflang="en" rel="alternate">"#)));
    assert!(html.contains(&format!(
        r#"<link href="{PUBLIC_URL}/products/cotton-crew-neck-tee" rel="canonical">"#
    )));
    assert!(html.contains("data-testid=\"color-option\""));

    let (_, en) = app.get_html("/en/products/cotton-crew-neck-tee").await;
    assert!(en.contains("<title>Cotton crew-neck tee · Storekeep</title>"));
    assert!(en.contains(&format!(
        r#"<link href="{PUBLIC_URL}/en/products/cotton-crew-neck-tee" rel="canonical">"#
    )));
    app.cleanup().await;
}

async fn missing_pages_are_404_html_and_bad_queries_400(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    for path in [
        "/products/no-such-thing",
        "/categories/no-such-thing",
        "/no/such/page",
        "/en/products/nope",
    ] {
        let (status, html) = app.get_html(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("data-testid=\"not-found\""), "{path}");
    }
    let (_, en) = app.get_html("/en/products/nope").await;
    assert!(en.contains("Page not found"));
    let (status, html) = app.get_html("/categories/phones?page_size=0").await;
    assert_eq!(status, 400);
    assert!(html.contains("请求参数有误"));
    let (status, _) = app
        .get_html(&format!("/categories/phones?x={}", "a".repeat(10_000)))
        .await;
    assert_eq!(status, 414);
    app.cleanup().await;
}

async fn first_visit_follows_accept_language(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let res = app
        .client
        .get(app.url("/products/cotton-crew-neck-tee"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    assert_eq!(
        res.headers()["location"],
        "/en/products/cotton-crew-neck-tee"
    );

    // a reader who chose Chinese stays on Chinese pages
    let res = app
        .client
        .get(app.url("/products/cotton-crew-neck-tee"))
        .header("accept-language", "en-GB,en;q=0.9")
        .header("cookie", "lang=zh")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // Chinese browsers are not redirected, and each page records its language
    let res = app
        .client
        .get(app.url("/en"))
        .header("accept-language", "zh-CN,zh;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    app.cleanup().await;
}

async fn robots_and_sitemap_come_from_the_catalogue(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let (status, robots) = app.get_html("/robots.txt").await;
    assert_eq!(status, 200);
    assert!(robots.contains(&format!("Sitemap: {PUBLIC_URL}/sitemap.xml")));
    assert!(robots.contains("Disallow: /api/"));
    assert!(robots.contains("Disallow: /checkout") && robots.contains("Disallow: /en/cart"));
    // the shopper's own pages render, and ask search engines to stay away
    for path in ["/cart", "/en/checkout", "/admin/orders"] {
        let (status, html) = app.get_html(path).await;
        assert!(matches!(status, 200 | 401), "{path}: {status}");
        assert!(
            html.contains(r#"<meta name="robots" content="noindex"#),
            "{path}"
        );
    }
    let (status, xml) = app.get_html("/sitemap.xml").await;
    assert_eq!(status, 200);
    // home + 12 categories + 6 brand stores + 80 products, in two languages
    assert_eq!(xml.matches("<url>").count(), (1 + 12 + 6 + 80) * 2);
    assert!(xml.contains(&format!("<loc>{PUBLIC_URL}/en/brands/")));
    assert!(xml.contains(&format!(
        "<loc>{PUBLIC_URL}/en/products/x1-smartphone</loc>"
    )));
    assert!(xml.contains(r#"hreflang="zh-CN""#));
    app.cleanup().await;
}
