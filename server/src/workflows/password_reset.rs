//! Password resets: a link by e-mail (through the outbox) to choose a new password — into
//! the shop for customers, into the back office for staff — and using it, once: the new
//! password is set, every session and every other outstanding link of the account ends, and
//! a staff member's reset is audited. Invited staff who never chose a password get no link:
//! their invitation is the way in.

use crate::auth::tokens::{hash_token, new_token};
use crate::config::Config;
use crate::db::audit::{self, ActorRef};
use crate::db::messages::{self, MessageKind};
use crate::db::{accounts, staff, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::customers::{AccountKind, Email, Me};
use shared::ids::UserId;

/// A reset link stays valid for an hour.
pub const TTL_MS: i64 = 60 * 60 * 1000;

/// Writes a new link for `me` and queues the message that carries it (in the caller's
/// transaction).
pub async fn send_link(conn: &mut sqlx::AnyConnection, config: &Config, me: &Me) -> AppResult<()> {
    let token = new_token();
    accounts::insert_password_reset_on(conn, &hash_token(&token), me.id, TTL_MS).await?;
    let page = match me.kind {
        AccountKind::Staff => "/admin/reset-password",
        AccountKind::Customer => "/account/reset-password",
    };
    let link = format!("{}{page}?token={token}", config.public_url);
    let name = &me.display_name;
    let body = format!(
        "{name}，您好：\n请在一小时内打开以下链接设置新密码：\n{link}\n如果这不是您本人的操作，请忽略本邮件。\n\n\
         Hello {name},\nopen this link within an hour to choose a new password:\n{link}\nIf you did not ask for this, ignore this message."
    );
    messages::enqueue(
        conn,
        MessageKind::PasswordReset,
        &me.email,
        "重设密码 / Reset your Storekeep password",
        &body,
    )
    .await?;
    Ok(())
}

/// Someone asked for a link for `email`: sent when the address has an active account with a
/// password; otherwise nothing happens, and the caller answers the same either way.
pub async fn request(db: &Db, config: &Config, email: &Email) -> AppResult<()> {
    let Some(account) = accounts::credentials(db, email).await? else {
        return Ok(());
    };
    if !account.active || account.password_hash == staff::NO_PASSWORD {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    send_link(&mut tx, config, &account.me).await?;
    tx.commit().await?;
    Ok(())
}

/// Uses the link's token to set the password (already hashed by the caller).
pub async fn confirm(db: &Db, token: &str, password_hash: &str, ip: &str) -> AppResult<UserId> {
    let mut tx = db.begin_write().await?;
    let Some(user) = accounts::use_password_reset(&mut tx, &hash_token(token.trim())).await? else {
        return Err(AppError::validation(
            "reset_link_invalid",
            "This reset link is not valid any more; ask for a new one",
        )
        .at("token"));
    };
    staff::set_password(&mut tx, user, password_hash).await?;
    // everyone signed in with the old password is signed out; other links stop working
    staff::revoke_access(&mut tx, user).await?;
    if staff::auth(&mut tx, user).await?.is_some() {
        let actor = ActorRef {
            id: user,
            ip: ip.to_string(),
        };
        let changes = Changes::new().field("password", Some("…"), Some("(new)"));
        audit::record(
            &mut tx,
            &actor,
            AuditAction::StaffResetPassword,
            &user.to_string(),
            changes,
            "with a reset link",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(user)
}
