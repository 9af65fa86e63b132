pub mod breadcrumbs;
pub mod error_view;
pub mod form;
pub mod layout;
pub mod photo_upload;
pub mod product_card;
pub mod search_box;
pub mod sign_in_first;
