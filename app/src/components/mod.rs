pub mod breadcrumbs;
pub mod error_view;
pub mod layout;
pub mod product_card;
pub mod search_box;
