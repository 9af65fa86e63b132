//! Loading the bundle without delaying the page: the server-rendered page is complete and
//! readable on its own, so the bundle (the islands' code) is fetched only once the page has
//! loaded and the browser is idle — or at once when the visitor starts to interact. On a slow
//! phone network the page's text and its main picture do not share the bandwidth with the
//! bundle (no preload hints for it), and hydration begins as soon as it arrives.
//!
//! Hydration: `hydrate` sets up what the islands share (`browser::start`), then every
//! `<leptos-island>` of the page is hydrated by its exported function, in document order, and
//! `islands_hydrated` loads the visitor's session and cart.

use leptos::config::LeptosOptions;
use leptos::prelude::*;

/// The module script that loads `/<pkg>/<output name>.js` and `.wasm` and hydrates the
/// page's islands.
#[component]
pub fn Hydration(options: LeptosOptions) -> impl IntoView {
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    let nonce = leptos::nonce::use_nonce();
    // `js` and `wasm` are the bundle's content-hashed paths (letters, digits, dots, slashes)
    let script = format!(
        "(() => {{\n\
         let started = false;\n\
         const start = () => {{\n\
           if (started) return; started = true;\n\
           import({js:?}).then(m => m.default({{ module_or_path: {wasm:?} }}).then(() => {{\n\
             m.hydrate();\n\
             for (const el of document.querySelectorAll('leptos-island')) {{\n\
               const f = m[el.dataset.component];\n\
               if (f) f(el); else console.warn('no island', el.dataset.component);\n\
             }}\n\
             m.islands_hydrated();\n\
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
