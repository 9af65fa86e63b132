pub mod account;
pub mod category;
pub mod home;
pub mod not_found;
pub mod order;
pub mod product;
pub mod search;
