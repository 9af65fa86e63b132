//! 分类与品牌: the category tree (re-ordered with up / down / indent / outdent, edited
//! beside it) and the brands with their store pages — and the fields every catalogue editor
//! shares: a text in both shop languages, a picture with its preview, and the search-engine
//! title and description with a preview of the search result.

pub mod brands;
pub mod categories;
pub mod fields;
pub mod seo;
pub(crate) mod text;

use crate::kit::Crumb;
use leptos::prelude::*;
use shared::staff::{Module, Page};
use shared::Locale;
use ui::i18n::Translate;

/// "Catalogue / <page>" breadcrumbs.
fn crumbs(l: Locale, page: Page) -> Vec<Crumb> {
    vec![
        Crumb::here(crate::text::module(l, Module::Catalogue)),
        Crumb::here(crate::text::page(l, page)),
    ]
}

/// Asks the person with the browser's own dialog; no window means no.
fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Before throwing unsaved changes away: asks when `dirty`, and forgets them when allowed.
fn may_discard(dirty: RwSignal<bool>, locale: Locale) -> bool {
    if !dirty.get_untracked() {
        return true;
    }
    let ok = confirm(crate::text::T::UnsavedChanges.text(locale));
    if ok {
        dirty.set(false);
    }
    ok
}
