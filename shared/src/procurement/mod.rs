//! Procurement (采购管理): what to buy, from whom and by when ([`suggest`]), the life of a
//! purchase order ([`orders`]), and how much of a delivery to inspect and when a lot passes
//! ([`sampling`]). Pure rules, compiled for the server and the browser alike.

pub mod orders;
pub mod sampling;
pub mod suggest;
