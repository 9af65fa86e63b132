//! Operations that span several domains, each in one transaction.

pub mod place_order;
pub mod quote;
