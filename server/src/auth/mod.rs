//! Authentication building blocks. Sessions, CSRF and rate limits arrive with accounts.

pub mod password;
