//! Operations that span several domains, each in one transaction.

pub mod mark_paid;
pub mod place_order;
pub mod quote;
pub mod staff;
