//! Per-page head tags: title, description, canonical link and language alternates.

use crate::i18n::{use_locale, Msg};
use crate::SiteInfo;
use leptos::prelude::*;
use leptos_meta::{Html, Link, Meta, Title};
use shared::Locale;

/// The site's public address: from the server while rendering, from the page in the browser.
pub fn base_url() -> String {
    if let Some(site) = use_context::<SiteInfo>() {
        return site.base_url;
    }
    #[cfg(feature = "hydrate")]
    if let Some(origin) = web_sys::window().and_then(|w| w.location().origin().ok()) {
        return origin;
    }
    String::new()
}

/// A description cut to what a search result shows (160 columns, a Chinese character
/// taking two), ending in "…" when cut.
pub fn snippet(text: &str) -> String {
    let room = shared::catalog::Seo::DESCRIPTION_ROOM;
    if shared::catalog::display_width(text) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = shared::catalog::display_width(c.encode_utf8(&mut [0; 4]));
        if width + w > room - 1 {
            break;
        }
        width += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Title, description, canonical URL and `hreflang` alternates of a page. `path` is the
/// page's path without the language prefix (e.g. `/products/x`).
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(into)] path: String,
    /// Personal pages (cart, checkout, orders) stay out of search engines.
    #[prop(optional)]
    noindex: bool,
) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let base = base_url();
    let shop = Msg::ShopName.text(locale);
    let full_title = if title.is_empty() {
        format!("{shop} · {}", Msg::Tagline.text(locale))
    } else {
        format!("{title} · {shop}")
    };
    let alternates = Locale::ALL
        .into_iter()
        .map(|l| {
            view! { <Link rel="alternate" hreflang=l.tag() href=format!("{base}{}", l.localize(&path))/> }
        })
        .collect_view();
    view! {
        <Html {..} lang=locale.tag()/>
        <Title text=full_title/>
        <Meta name="description" content=description/>
        {noindex.then(|| view! { <Meta name="robots" content="noindex"/> })}
        <Link rel="canonical" href=format!("{base}{}", locale.localize(&path))/>
        {alternates}
        <Link rel="alternate" hreflang="x-default" href=format!("{base}{}", Locale::ZhCn.localize(&path))/>
    }
}
