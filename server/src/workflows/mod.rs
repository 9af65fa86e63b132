//! Operations that span several domains, each in one transaction.

pub mod address_book;
pub mod allocate;
pub mod catalog;
pub mod catalog_csv;
pub mod consultations;
pub mod inventory;
pub mod mark_paid;
pub mod my_orders;
pub mod order_actions;
pub mod password_reset;
pub mod picking;
pub mod place_order;
pub mod privacy;
pub mod procurement;
pub mod profile;
pub mod quote;
pub mod refund;
pub mod repairs;
pub mod returns;
pub mod reviews;
pub mod settings;
pub mod shipping;
pub mod staff;
pub mod supplier_portal;
pub mod two_factor;
pub mod wishlist;
