//! Changes to staff, each in one write transaction with its audit entry: invite, change
//! roles, deactivate and reactivate (the last active owner stays), resend an invitation,
//! send a password reset, accept an invitation.

use crate::auth::tokens::{hash_token, new_token};
use crate::config::Config;
use crate::db::audit::{self, ActorRef};
use crate::db::messages::{self, MessageKind};
use crate::db::{staff as repo, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::customers::{parse_display_name, Email};
use shared::ids::UserId;
use shared::staff::{has_an_owner, parse_roles, InviteStaff, StaffMember};
use shared::staff::{StaffProblem, StaffStatus};

/// An invitation link stays valid for three days.
pub const INVITATION_TTL_MS: i64 = 72 * 60 * 60 * 1000;

/// Step one of every change: the staff member as they are now (404 when there is none).
async fn load(conn: &mut sqlx::AnyConnection, id: UserId) -> AppResult<StaffMember> {
    repo::get(conn, id)
        .await?
        .ok_or(AppError::NotFound("staff member"))
}

/// Creates the staff member (no password yet), gives them their roles and mails them a link
/// to choose a password.
pub async fn invite(
    db: &Db,
    config: &Config,
    actor: &ActorRef,
    req: &InviteStaff,
) -> AppResult<StaffMember> {
    let email = Email::parse(&req.email)?;
    let name = parse_display_name(&req.display_name)?;
    let roles = parse_roles(req.roles.clone()).map_err(|p| AppError::from(p).at("roles"))?;
    let mut tx = db.begin_write().await?;
    let Some(id) = repo::create_invited(&mut tx, email.as_str(), &name).await? else {
        return Err(AppError::from(StaffProblem::EmailTaken).at("email"));
    };
    repo::set_roles(&mut tx, id, &roles).await?;
    send_invitation(&mut tx, config, actor, id, email.as_str(), &name).await?;
    let changes = Changes::new()
        .field("email", None::<String>, Some(email.as_str()))
        .field("display_name", None::<String>, Some(name.as_str()))
        .field("roles", None::<String>, Some(roles.describe()))
        .field("status", None::<String>, Some(StaffStatus::Invited.code()));
    audit::record(
        &mut tx,
        actor,
        AuditAction::StaffInvite,
        &id.to_string(),
        changes,
        "",
    )
    .await?;
    let member = load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(member)
}

async fn send_invitation(
    conn: &mut sqlx::AnyConnection,
    config: &Config,
    actor: &ActorRef,
    id: UserId,
    email: &str,
    name: &str,
) -> AppResult<()> {
    let token = new_token();
    repo::insert_invitation(conn, &hash_token(&token), id, actor.id, INVITATION_TTL_MS).await?;
    let link = format!(
        "{}/admin/accept-invitation?token={token}",
        config.public_url
    );
    let body = format!(
        "{name}，您好：\n您受邀加入 Storekeep 良仓的后台。请在三天内打开以下链接设置密码：\n{link}\n\n\
         Hello {name},\nyou are invited to the Storekeep back office. Open this link within three days to choose your password:\n{link}"
    );
    messages::enqueue(
        conn,
        MessageKind::StaffInvitation,
        email,
        "加入良仓后台 / Your Storekeep staff invitation",
        &body,
    )
    .await?;
    Ok(())
}

/// Sends a new invitation link (the old ones stop working) to someone still invited.
pub async fn resend_invitation(
    db: &Db,
    config: &Config,
    actor: &ActorRef,
    id: UserId,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let member = load(&mut tx, id).await?;
    if member.status != StaffStatus::Invited {
        return Err(StaffProblem::WrongStatus.into());
    }
    send_invitation(
        &mut tx,
        config,
        actor,
        id,
        &member.email,
        &member.display_name,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::StaffResendInvitation,
        &id.to_string(),
        Changes::new(),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The last step of every change to roles or activity: the shop must still have an owner
/// who can use the back office (else the transaction is dropped, changing nothing).
async fn still_has_an_owner(conn: &mut sqlx::AnyConnection) -> AppResult<()> {
    has_an_owner(repo::count_active_owners(conn).await?)?;
    Ok(())
}

/// Gives `id` exactly `roles`. Refused when it would leave no active owner.
pub async fn set_roles(
    db: &Db,
    actor: &ActorRef,
    id: UserId,
    roles: Vec<shared::staff::StaffRole>,
) -> AppResult<StaffMember> {
    let roles = parse_roles(roles).map_err(|p| AppError::from(p).at("roles"))?;
    let mut tx = db.begin_write().await?;
    repo::lock_owners(&mut tx, db.backend).await?;
    let before = load(&mut tx, id).await?;
    if before.roles == roles {
        return Ok(before);
    }
    repo::set_roles(&mut tx, id, &roles).await?;
    still_has_an_owner(&mut tx)
        .await
        .map_err(|e| e.at("roles"))?;
    let changes = Changes::new().field(
        "roles",
        Some(before.roles.describe()),
        Some(roles.describe()),
    );
    audit::record(
        &mut tx,
        actor,
        AuditAction::StaffSetRoles,
        &id.to_string(),
        changes,
        "",
    )
    .await?;
    let after = load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(after)
}

/// Deactivates (their sessions end at once) or reactivates a staff member.
pub async fn set_active(
    db: &Db,
    actor: &ActorRef,
    id: UserId,
    active: bool,
) -> AppResult<StaffMember> {
    if !active && id == actor.id {
        return Err(StaffProblem::CannotDeactivateSelf.into());
    }
    let mut tx = db.begin_write().await?;
    repo::lock_owners(&mut tx, db.backend).await?;
    let before = load(&mut tx, id).await?;
    let was_active = before.status != StaffStatus::Deactivated;
    if was_active == active {
        return Ok(before);
    }
    repo::set_active(&mut tx, id, active).await?;
    if !active {
        repo::revoke_access(&mut tx, id).await?;
    }
    still_has_an_owner(&mut tx).await?;
    let after = load(&mut tx, id).await?;
    let changes = Changes::new().field(
        "status",
        Some(before.status.code()),
        Some(after.status.code()),
    );
    let action = if active {
        AuditAction::StaffReactivate
    } else {
        AuditAction::StaffDeactivate
    };
    audit::record(&mut tx, actor, action, &id.to_string(), changes, "").await?;
    tx.commit().await?;
    Ok(after)
}

/// Mails an active staff member a link to choose a new password.
pub async fn send_password_reset(
    db: &Db,
    config: &Config,
    actor: &ActorRef,
    id: UserId,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let member = load(&mut tx, id).await?;
    if member.status != StaffStatus::Active {
        return Err(StaffProblem::WrongStatus.into());
    }
    let me = shared::customers::Me {
        id,
        email: member.email.clone(),
        display_name: member.display_name.clone(),
        kind: shared::customers::AccountKind::Staff,
    };
    crate::workflows::password_reset::send_link(&mut tx, config, &me).await?;
    audit::record(
        &mut tx,
        actor,
        AuditAction::StaffSendPasswordReset,
        &id.to_string(),
        Changes::new(),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An invited staff member chooses their password with the link's token (once).
pub async fn accept_invitation(
    db: &Db,
    token: &str,
    password_hash: &str,
    ip: &str,
) -> AppResult<UserId> {
    let mut tx = db.begin_write().await?;
    let Some(id) = repo::use_invitation(&mut tx, &hash_token(token.trim())).await? else {
        return Err(AppError::from(StaffProblem::InvitationInvalid).at("token"));
    };
    repo::set_password(&mut tx, id, password_hash).await?;
    let actor = ActorRef {
        id,
        ip: ip.to_string(),
    };
    let changes = Changes::new().field(
        "status",
        Some(StaffStatus::Invited.code()),
        Some(StaffStatus::Active.code()),
    );
    audit::record(
        &mut tx,
        &actor,
        AuditAction::StaffAcceptInvitation,
        &id.to_string(),
        changes,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
