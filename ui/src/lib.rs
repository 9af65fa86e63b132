//! What both browser apps (the shop front and the back office) need, in one place: the i18n
//! machinery, the API transport (in-process during server rendering, `fetch` in the
//! browser), formatting of money and dates, and form helpers.
//!
//! Each app keeps its own strings; this crate has only the machinery and the texts of
//! error codes that every app shows alike.

pub mod api;
pub mod format;
pub mod history;
pub mod i18n;
