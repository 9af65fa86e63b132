//! After-sales service (售后服务): returns and exchanges, with what a return gives back, and
//! repairs under warranty.

pub mod repairs;
pub mod returns;
pub mod share;
