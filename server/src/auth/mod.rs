//! Authentication: argon2id passwords, server-side sessions, CSRF protection, rate limits.

pub mod common_passwords;
pub mod csrf;
pub mod password;
pub mod rate_limit;
pub mod session;
pub mod staff;
pub mod supplier;
pub mod tokens;
pub mod totp;
