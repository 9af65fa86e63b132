//! Loading the bundle without delaying the page: the server-rendered page is complete and
//! readable on its own, so the bundle (the islands' code) is fetched only once the page has
//! loaded and the browser is idle — or at once when the visitor starts to interact. On a slow
//! phone network the page's text and its main picture do not share the bandwidth with the
//! bundle (no preload hints for it), and hydration begins as soon as it arrives.
//!
//! Hydration: `hydrate` sets up what the islands share (`browser::start`), then every
//! `<leptos-island>` of the page is hydrated by its exported function, in document order, each
//! in a task of its own (so that a tap between them is answered, and no one long task blocks
//! the page), and `islands_hydrated` loads the visitor's session and cart.
//!
//! Two bundles: the catalogue pages (home, categories, brands, products, search) load only
//! their islands (search box, mini-cart, product picker); the shopper's own pages (cart,
//! checkout, account, orders, tracking) load `storekeep-buy`, which has every island. A page of the
//! customer portal goes under `/account` or `/orders`, so its code never reaches a catalogue
//! page's download; a new section of own pages is one more prefix in [`OWN_PAGES`].

/// The path prefixes (after the language prefix) of the pages that load the second bundle.
pub const OWN_PAGES: [&str; 5] = ["/cart", "/checkout", "/account", "/orders", "/track"];

/// Whether the page at `path` is one of the shopper's own (see [`OWN_PAGES`]).
pub fn is_own_page(path: &str) -> bool {
    let rest = shared::Locale::split_path(path).1;
    OWN_PAGES.iter().any(|p| {
        rest.strip_prefix(p)
            .is_some_and(|after| after.is_empty() || after.starts_with('/'))
    })
}

use leptos::config::LeptosOptions;
use leptos::prelude::*;

/// The module script that loads `/<pkg>/<output name>.js` and `.wasm` and hydrates the
/// page's islands.
#[component]
pub fn Hydration(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let path = use_context::<http::request::Parts>()
        .map(|p| p.uri.path().to_string())
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let path = String::new();
    let stem = match use_context::<crate::SiteInfo>() {
        Some(site) if is_own_page(&path) => site.buy_bundle,
        _ => options.output_name.to_string(),
    };
    let pkg = format!("/{}/{stem}", options.site_pkg_dir);
    let nonce = leptos::nonce::use_nonce();
    // `js` and `wasm` are the bundle's content-hashed paths (letters, digits, dots, slashes)
    let script = format!(
        "(() => {{\n\
         let started = false;\n\
         const start = () => {{\n\
           if (started) return; started = true;\n\
           import({js:?}).then(m => m.default({{ module_or_path: {wasm:?} }}).then(async () => {{\n\
             m.hydrate();\n\
             try {{\n\
               for (const el of document.querySelectorAll('leptos-island')) {{\n\
                 await new Promise(r => setTimeout(r, 0));\n\
                 const f = m[el.dataset.component];\n\
                 try {{ if (f) f(el); else console.warn('no island', el.dataset.component); }}\n\
                 catch (e) {{ console.error('island', el.dataset.component, e); }}\n\
               }}\n\
             }} finally {{ m.islands_hydrated(); }}\n\
           }}));\n\
         }};\n\
         const idle = () => ('requestIdleCallback' in window) ? requestIdleCallback(start, {{ timeout: 1500 }}) : setTimeout(start, 1);\n\
         if (document.readyState === 'complete') idle(); else addEventListener('load', idle, {{ once: true }});\n\
         for (const e of ['pointerdown', 'keydown', 'touchstart', 'focusin']) addEventListener(e, start, {{ once: true, passive: true }});\n\
         }})();",
        js = format!("{pkg}.js"),
        wasm = format!("{pkg}.wasm"),
    );
    view! { <script type="module" nonce=nonce>{script}</script> }
}

#[cfg(test)]
mod tests {
    use super::is_own_page;

    #[test]
    fn own_pages_in_both_languages() {
        for path in [
            "/cart",
            "/en/cart",
            "/checkout",
            "/account",
            "/account/login",
            "/en/account/register",
            "/orders/SK1",
        ] {
            assert!(is_own_page(path), "{path}");
        }
        for path in [
            "/",
            "/en",
            "/products/x",
            "/en/categories/y",
            "/search",
            "/cartography",
            "/en/accounts",
        ] {
            assert!(!is_own_page(path), "{path}");
        }
    }
}
