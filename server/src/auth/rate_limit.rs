//! Rate limits on log-in and registration, kept in the database so that every server
//! process sees the same counts.

use crate::db::{accounts, now_millis, Db};
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max: i64,
    pub window_ms: i64,
}

/// Ten failed log-ins per IP address or per account in fifteen minutes.
pub const LOGIN_FAILURES: Limit = Limit {
    max: 10,
    window_ms: 15 * 60 * 1000,
};
/// Ten registrations per IP address in fifteen minutes.
pub const REGISTRATIONS: Limit = Limit {
    max: 10,
    window_ms: 15 * 60 * 1000,
};

/// Five wrong two-factor codes per account in fifteen minutes (signing in, turning it on
/// or off): a six-digit code cannot be guessed.
pub const TWO_FACTOR_FAILURES: Limit = Limit {
    max: 5,
    window_ms: 15 * 60 * 1000,
};

/// Twenty order look-ups per IP address, and per order number, in fifteen minutes: neither
/// an order's contact nor other people's order numbers can be guessed (every look-up counts,
/// so that a burst cannot slip through between a check and a record).
pub const TRACKING_LOOKUPS: Limit = Limit {
    max: 20,
    window_ms: 15 * 60 * 1000,
};

/// Thirty return photos per order in an hour: enough for any return, not a free store.
pub const PHOTO_UPLOADS: Limit = Limit {
    max: 30,
    window_ms: 60 * 60 * 1000,
};

/// Twenty unknown coupon codes per IP address in fifteen minutes: codes cannot be guessed.
pub const COUPON_MISSES: Limit = Limit {
    max: 20,
    window_ms: 15 * 60 * 1000,
};

/// Three e-mail change links per account, and per new address, in an hour: the link cannot
/// be used to send mail to anyone, again and again.
pub const EMAIL_CHANGES: Limit = Limit {
    max: 3,
    window_ms: 60 * 60 * 1000,
};

/// Refuses with 429 (and the seconds until a slot frees) when any key is at its limit.
pub async fn check(db: &Db, keys: &[String], limit: Limit) -> AppResult<()> {
    let now = now_millis();
    let (count, oldest) = accounts::attempts_since(db, keys, now - limit.window_ms).await?;
    if count >= limit.max {
        let free_at = oldest.unwrap_or(now) + limit.window_ms;
        let secs = u64::try_from((free_at - now).max(1000) / 1000).unwrap_or(1);
        return Err(AppError::TooManyRequests {
            retry_after_secs: secs,
        });
    }
    Ok(())
}

/// Counts this attempt first, then refuses with 429 when it is past the limit — so attempts
/// made at the same moment cannot all slip through between a check and a record. Clear the
/// key when the attempt succeeds.
pub async fn take(db: &Db, keys: &[String], limit: Limit) -> AppResult<()> {
    record(db, keys, limit).await?;
    let now = now_millis();
    let (count, oldest) = accounts::attempts_since(db, keys, now - limit.window_ms).await?;
    if count > limit.max {
        let free_at = oldest.unwrap_or(now) + limit.window_ms;
        let secs = u64::try_from((free_at - now).max(1000) / 1000).unwrap_or(1);
        return Err(AppError::TooManyRequests {
            retry_after_secs: secs,
        });
    }
    Ok(())
}

pub async fn record(db: &Db, keys: &[String], limit: Limit) -> AppResult<()> {
    accounts::record_attempts(db, keys, now_millis() - limit.window_ms).await?;
    Ok(())
}
