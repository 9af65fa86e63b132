//! Background work, run by every server process; each job is safe to run concurrently.

pub mod completion;
pub mod expiry;
pub mod outbox;
pub mod publish;
pub mod statistics;
