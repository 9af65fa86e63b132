//! `/robots.txt` and `/sitemap.xml`, generated from the catalogue.

use crate::db::catalog;
use crate::error::AppResult;
use crate::state::AppState;
use crate::text::escape_html;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use shared::Locale;
use std::fmt::Write;

pub async fn robots(State(state): State<AppState>) -> impl IntoResponse {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /account\nDisallow: /orders\nDisallow: /admin\nDisallow: /cart\nDisallow: /checkout\nDisallow: /en/account\nDisallow: /en/orders\nDisallow: /en/admin\nDisallow: /en/cart\nDisallow: /en/checkout\n\nSitemap: {}/sitemap.xml\n",
        state.config.public_url
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body)
}

/// Every page in both languages, each `<url>` naming its alternates (`hreflang`).
pub async fn sitemap(State(state): State<AppState>) -> AppResult<impl IntoResponse> {
    let base = &state.config.public_url;
    let mut paths: Vec<(String, Option<i64>)> = vec![("/".to_string(), None)];
    for c in catalog::list_categories(&state.db).await? {
        paths.push((format!("/categories/{}", c.slug), None));
    }
    for slug in catalog::brand_slugs(&state.db).await? {
        paths.push((format!("/brands/{slug}"), None));
    }
    for (slug, modified) in catalog::product_slugs(&state.db).await? {
        paths.push((format!("/products/{slug}"), Some(modified)));
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for (path, modified) in &paths {
        for locale in Locale::ALL {
            let _ = write!(
                xml,
                "<url><loc>{base}{}</loc>",
                escape_html(&locale.localize(path))
            );
            for alt in Locale::ALL {
                let _ = write!(
                    xml,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{base}{}\"/>",
                    alt.tag(),
                    escape_html(&alt.localize(path))
                );
            }
            if let Some(ms) = modified {
                let _ = write!(xml, "<lastmod>{}</lastmod>", shared::time::iso_date(*ms));
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    ))
}
