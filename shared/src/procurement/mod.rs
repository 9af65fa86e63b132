//! Procurement (采购管理): who the shop buys from and what they sell it ([`suppliers`]),
//! what to buy, from whom and by when ([`suggest`]), the life of a purchase order
//! ([`orders`]) and what the back office sends and reads of it ([`purchasing`]), what the
//! supplier's own staff do in their portal ([`portal`]), receiving, inspection and put-away
//! ([`receiving`]), and how
//! much of a delivery to inspect and when a lot passes ([`sampling`]). Pure rules, compiled
//! for the server and the browser alike.

pub mod orders;
pub mod portal;
pub mod purchasing;
pub mod receiving;
pub mod sampling;
pub mod suggest;
pub mod suppliers;
