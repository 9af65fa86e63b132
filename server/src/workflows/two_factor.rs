//! One's own two-factor sign-in: set up (a new secret, nothing on yet), turn on with a
//! first code, turn off with a current code, and the code at sign-in. Every code is counted
//! against the account before it is checked (five in fifteen minutes, then 429, however many
//! arrive at once), claimed so it never works twice, and the change audited in its
//! transaction.

use crate::auth::rate_limit::{self, TWO_FACTOR_FAILURES};
use crate::auth::totp;
use crate::db::audit::{self, ActorRef};
use crate::db::{accounts, settings, staff as repo, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::ids::UserId;
use shared::staff::{Roles, StaffRole, TwoFactorProblem, TwoFactorSetup};

/// A new secret to scan; it only counts once a code from it is confirmed.
pub async fn start(db: &Db, user: UserId, account: &str, on: bool) -> AppResult<TwoFactorSetup> {
    if on {
        return Err(TwoFactorProblem::TwoFactorOn.into());
    }
    let secret = totp::new_secret();
    let setup = totp::setup(&secret, account)?;
    // not audited: nothing about signing in changes until `enable`
    let mut conn = db.pool.acquire().await?;
    repo::set_pending_secret(&mut conn, user, &secret).await?;
    Ok(setup)
}

/// Counts the attempt, checks `code` against the secret `pick` chooses, claims its step and
/// runs `then` — all in one write transaction; a wrong or reused code changes nothing.
async fn with_code(
    db: &Db,
    user: UserId,
    code: &str,
    pick: fn(repo::TwoFactor) -> Result<String, TwoFactorProblem>,
    then: impl AsyncFnOnce(&mut sqlx::AnyConnection) -> AppResult<()>,
) -> AppResult<()> {
    let keys = totp::failure_keys(user);
    rate_limit::take(db, &keys, TWO_FACTOR_FAILURES).await?;
    let mut tx = db.begin_write().await?;
    let secret = pick(repo::two_factor(&mut tx, user).await?)?;
    if let Err(problem) = totp::check_and_claim(&mut tx, user, &secret, code).await? {
        return Err(AppError::from(problem));
    }
    then(&mut tx).await?;
    tx.commit().await?;
    accounts::clear_attempts(db, &keys[0]).await?;
    Ok(())
}

async fn record(
    conn: &mut sqlx::AnyConnection,
    actor: &ActorRef,
    action: AuditAction,
    on: bool,
) -> Result<(), sqlx::Error> {
    let changes = Changes::new().field("two_factor", Some((!on).to_string()), Some(on.to_string()));
    audit::record(conn, actor, action, &actor.id.to_string(), changes, "").await
}

/// A code from the app proves it holds the pending secret: two-factor sign-in is on.
pub async fn enable(db: &Db, actor: &ActorRef, on: bool, code: &str) -> AppResult<()> {
    if on {
        return Err(TwoFactorProblem::TwoFactorOn.into());
    }
    with_code(
        db,
        actor.id,
        code,
        |f| f.pending.ok_or(TwoFactorProblem::TwoFactorNotStarted),
        async |tx| {
            repo::enable_two_factor(tx, actor.id).await?;
            record(tx, actor, AuditAction::StaffEnableTwoFactor, true).await?;
            Ok(())
        },
    )
    .await
}

/// Off again, with a current code; not for owners while the shop requires it of them.
pub async fn disable(db: &Db, actor: &ActorRef, roles: &Roles, code: &str) -> AppResult<()> {
    {
        let mut conn = db.pool.acquire().await?;
        let required = settings::get_flag(&mut conn, settings::OWNERS_NEED_TWO_FACTOR).await?;
        if required && roles.contains(StaffRole::Owner) {
            return Err(TwoFactorProblem::OwnersNeedTwoFactor.into());
        }
    }
    with_code(
        db,
        actor.id,
        code,
        |f| f.secret.ok_or(TwoFactorProblem::TwoFactorOff),
        async |tx| {
            repo::disable_two_factor(tx, actor.id).await?;
            record(tx, actor, AuditAction::StaffDisableTwoFactor, false).await?;
            Ok(())
        },
    )
    .await
}

/// The second step of signing in, once the password was right.
pub async fn sign_in(db: &Db, user: UserId, code: Option<&str>) -> AppResult<()> {
    let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
        return Err(AppError::validation(
            "two_factor_required",
            "Enter the code from your authenticator app",
        )
        .at("totp_code"));
    };
    with_code(
        db,
        user,
        code,
        |f| f.secret.ok_or(TwoFactorProblem::TwoFactorOff),
        async |_| Ok(()),
    )
    .await
    .map_err(|e| e.at("totp_code"))
}
