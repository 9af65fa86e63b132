//! Storekeep's domain: types and pure rules shared by the server and the browser.
//!
//! Nothing in this crate does I/O. It compiles for `wasm32-unknown-unknown` and
//! native targets, so the browser shows exactly what the server enforces.

pub mod after_sales;
pub mod audit;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod codes;
pub mod customers;
pub mod divisions;
pub mod error;
pub mod fleet;
pub mod fulfilment;
pub mod ids;
pub mod list;
pub mod locale;
pub mod money;
pub mod orders;
pub mod pricing;
pub mod procurement;
pub mod promotions;
pub mod reports;
pub mod reviews;
pub mod service;
pub mod shipping;
pub mod staff;
pub mod status;
pub mod stock;
pub mod stock_views;
pub mod time;
pub mod url;
pub mod views;
pub mod wishlist;

pub use error::{ApiError, ErrorCode};
pub use locale::Locale;
pub use money::{Currency, Money, MoneyError};
