//! The shop's security settings, changed in one write transaction with their audit entry.
//! Requiring two-factor sign-in of owners needs it turned on for oneself first, so nobody
//! locks themself out by surprise.

use crate::db::audit::{self, ActorRef};
use crate::db::{settings, staff, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::staff::{SecuritySettings, StaffProblem};

pub async fn read(db: &Db) -> AppResult<SecuritySettings> {
    let mut conn = db.pool.acquire().await?;
    Ok(SecuritySettings {
        owners_need_two_factor: settings::get_flag(&mut conn, settings::OWNERS_NEED_TWO_FACTOR)
            .await?,
    })
}

pub async fn update(
    db: &Db,
    actor: &ActorRef,
    wanted: SecuritySettings,
) -> AppResult<SecuritySettings> {
    let mut tx = db.begin_write().await?;
    let before = settings::get_flag(&mut tx, settings::OWNERS_NEED_TWO_FACTOR).await?;
    let after = wanted.owners_need_two_factor;
    if after && !before && staff::two_factor(&mut tx, actor.id).await?.secret.is_none() {
        return Err(
            AppError::from(StaffProblem::EnableYourOwnTwoFactorFirst).at("owners_need_two_factor")
        );
    }
    if before != after {
        settings::set_flag(&mut tx, settings::OWNERS_NEED_TWO_FACTOR, after).await?;
        let changes = Changes::new().field(
            "owners_need_two_factor",
            Some(before.to_string()),
            Some(after.to_string()),
        );
        audit::record(
            &mut tx,
            actor,
            AuditAction::SettingsSecurity,
            settings::OWNERS_NEED_TWO_FACTOR,
            changes,
            "",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(wanted)
}
