//! The browser entry points: the page's loader calls `hydrate`, each island's own
//! hydrate function (exported by the `app` crate), then `islands_hydrated`.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::browser::start();
}

#[wasm_bindgen]
pub fn islands_hydrated() {
    app::browser::islands_hydrated();
}
