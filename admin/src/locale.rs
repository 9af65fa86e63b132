//! The back office's language: chosen with the switch in the top bar and remembered on the
//! device; on a first visit the shop's `lang` cookie or the browser's language decides.

use leptos::prelude::*;
use shared::Locale;

const KEY: &str = "sk_admin_locale";

/// The switchable language (the `Memo<Locale>` that `ui::i18n` reads follows it).
#[derive(Clone, Copy)]
pub struct AdminLocale(pub RwSignal<Locale>);

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn initial() -> Locale {
    if let Some(l) = storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|c| Locale::from_code(&c))
    {
        return l;
    }
    if let Some(l) = ui::api::cookie("lang").and_then(|c| Locale::from_code(&c)) {
        return l;
    }
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if browser.starts_with("zh") || browser.is_empty() {
        Locale::ZhCn
    } else {
        Locale::En
    }
}

pub fn provide() {
    let locale = RwSignal::new(initial());
    provide_context(AdminLocale(locale));
    provide_context(Memo::new(move |_| locale.get()));
    Effect::new(move |_| {
        let l = locale.get();
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("lang", l.tag());
        }
    });
}

/// A function that switches the language and remembers it on this device (taken while the
/// component is built, called from its event handlers).
pub fn use_switch() -> impl Fn(Locale) + Copy + 'static {
    let locale = use_context::<AdminLocale>().map(|l| l.0);
    move |to: Locale| {
        if let Some(locale) = locale {
            locale.set(to);
        }
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, to.code());
        }
    }
}
