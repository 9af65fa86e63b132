//! 设置: staff and their roles, the audit log, the shop's security settings.

pub mod audit;
pub mod carriers;
pub mod member;
pub mod security;
pub mod staff;
mod text;

use crate::kit::Crumb;
use shared::staff::{Module, Page};
use shared::Locale;

/// "Settings / <page>" breadcrumbs, the page linked when `more` follows.
fn crumbs(l: Locale, page: Page, more: Option<String>) -> Vec<Crumb> {
    let settings = Crumb::here(crate::text::module(l, Module::Settings));
    let name = crate::text::page(l, page);
    match more {
        None => vec![settings, Crumb::here(name)],
        Some(last) => vec![
            settings,
            Crumb::link(name, format!("/admin{}", page.path())),
            Crumb::here(last),
        ],
    }
}
