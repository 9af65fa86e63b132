//! `/robots.txt` and `/sitemap.xml`, generated from the catalogue.

use crate::db::catalog;
use crate::error::AppResult;
use crate::startup::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use shared::Locale;
use std::fmt::Write;

pub async fn robots(State(state): State<AppState>) -> impl IntoResponse {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /account\nDisallow: /admin\n\nSitemap: {}/sitemap.xml\n",
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
                xml_escape(&locale.localize(path))
            );
            for alt in Locale::ALL {
                let _ = write!(
                    xml,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{base}{}\"/>",
                    alt.tag(),
                    xml_escape(&alt.localize(path))
                );
            }
            if let Some(ms) = modified {
                let _ = write!(xml, "<lastmod>{}</lastmod>", iso_date(*ms));
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

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `YYYY-MM-DD` of a millisecond timestamp (UTC), by the civil-from-days algorithm.
pub fn iso_date(millis: i64) -> String {
    let days = millis.div_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates() {
        assert_eq!(super::iso_date(0), "1970-01-01");
        assert_eq!(super::iso_date(1_795_651_200_000), "2026-11-26");
        assert_eq!(super::iso_date(951_782_400_000), "2000-02-29");
    }
}
