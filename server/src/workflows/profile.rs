//! The customer's own account, from `/account/profile`: their details and the messages they
//! want; a new sign-in e-mail, confirmed by a link to the new address (the address changes
//! only when it is opened, and the old one is told); and a new password with the current
//! one, which signs out every other session. Changing the e-mail or the password needs the
//! current password, checked against a limit of ten wrong ones in fifteen minutes.

use crate::auth::rate_limit::{self, LOGIN_FAILURES};
use crate::auth::tokens::{hash_token, new_token};
use crate::db::profile as repo;
use crate::db::{accounts, Db};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use shared::customers::profile::{
    check_profile, EmailChangeRequest, NotificationPrefs, PasswordChange, Profile, ProfileProblem,
    ProfileUpdate,
};
use shared::customers::{check_password_length, AccountProblem, Email, Me};
use shared::ids::UserId;

/// A link to a new address stays valid for a day.
pub const EMAIL_LINK_TTL_MS: i64 = 24 * 60 * 60 * 1000;

/// 409 for a clash with another account, else 422 naming the field.
impl From<ProfileProblem> for AppError {
    fn from(p: ProfileProblem) -> AppError {
        if p.is_conflict() {
            AppError::conflict(p.code(), p.to_string())
        } else {
            AppError::validation(p.code(), p.to_string()).at(p.field())
        }
    }
}

/// The portal is the customers': staff accounts are managed in the back office (403).
pub fn customer(me: Me) -> AppResult<Me> {
    match me.kind {
        shared::customers::AccountKind::Customer => Ok(me),
        shared::customers::AccountKind::Staff => Err(AppError::Forbidden(
            "Staff accounts are managed in the back office",
        )),
    }
}

/// The profile of `user`; 401 when the account is gone meanwhile.
pub async fn load(db: &Db, user: i64) -> AppResult<Profile> {
    let mut conn = db.pool.acquire().await?;
    repo::profile(&mut conn, user)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// New name and mobile (checked first: a refusal writes nothing).
pub async fn update(db: &Db, user: i64, req: &ProfileUpdate) -> AppResult<Profile> {
    let (name, phone) = check_profile(req)?;
    let mut tx = db.begin_write().await?;
    repo::set_details(&mut tx, user, &name, phone.as_deref()).await?;
    tx.commit().await?;
    load(db, user).await
}

pub async fn set_notifications(db: &Db, user: i64, prefs: NotificationPrefs) -> AppResult<Profile> {
    let mut tx = db.begin_write().await?;
    repo::set_notifications(&mut tx, user, prefs).await?;
    tx.commit().await?;
    load(db, user).await
}

/// Checks that `password` is the current password of `user`: 422 `wrong_password` when it
/// is not, 429 after ten wrong ones in fifteen minutes (a stolen session cannot guess it).
pub async fn check_password(state: &AppState, user: UserId, password: String) -> AppResult<()> {
    let keys = [format!("password-check:{}", user.0)];
    rate_limit::check(&state.db, &keys, LOGIN_FAILURES).await?;
    let stored = {
        let mut conn = state.db.pool.acquire().await?;
        repo::password_hash(&mut conn, user.0).await?
    };
    // verified against a decoy when there is none: the same time either way
    if state.hasher.verify(password, stored).await {
        accounts::clear_attempts(&state.db, &keys[0]).await?;
        Ok(())
    } else {
        rate_limit::record(&state.db, &keys, LOGIN_FAILURES).await?;
        Err(ProfileProblem::WrongPassword.into())
    }
}

/// What every new password must pass — registration's rules: 8 to 128 characters, not on
/// the list of common passwords.
pub fn check_new_password(password: &str) -> AppResult<()> {
    let at = |p: AccountProblem| AppError::rule(p).at("new_password");
    check_password_length(password).map_err(at)?;
    if crate::auth::common_passwords::is_common(password) {
        return Err(at(AccountProblem::PasswordTooCommon));
    }
    Ok(())
}

/// `a***@example.cn`: enough for the owner of an address to recognise it in a notice.
fn masked(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_string(),
    }
}

/// Customer `me` asks to sign in with `req.email` from now on: the current password is
/// checked, then a link goes to the new address (earlier links stop working). Answers the
/// profile with the address waiting for its link.
pub async fn request_email_change(
    state: &AppState,
    me: &Me,
    req: &EmailChangeRequest,
) -> AppResult<Profile> {
    let email = Email::parse(&req.email)?;
    if email.as_str() == me.email {
        return Err(ProfileProblem::EmailUnchanged.into());
    }
    check_password(state, me.id, req.current_password.clone()).await?;
    let keys = [
        format!("email-change:{}", me.id.0),
        format!("email-change-to:{}", email.as_str()),
    ];
    rate_limit::take(&state.db, &keys, rate_limit::EMAIL_CHANGES).await?;
    let mut tx = state.db.begin_write().await?;
    if repo::email_taken(&mut tx, email.as_str(), me.id.0).await? {
        return Err(ProfileProblem::EmailTaken.into());
    }
    let token = new_token();
    repo::insert_email_change(
        &mut tx,
        &hash_token(&token),
        me.id.0,
        email.as_str(),
        EMAIL_LINK_TTL_MS,
    )
    .await?;
    let link = format!(
        "{}/account/confirm-email?token={token}",
        state.config.public_url
    );
    // to an address not yet confirmed: nothing the customer wrote (their name) goes in it
    let body = format!(
        "您好：\n请在 24 小时内打开以下链接，将此邮箱设为您在本店的登录邮箱：\n{link}\n\
         打开链接前，您的登录邮箱不会改变。如果这不是您本人的操作，请忽略本邮件。\n\n\
         Hello,\nopen this link within 24 hours to sign in to the shop with this address from now on:\n{link}\n\
         Until you open it, nothing changes. If you did not ask for this, ignore this message."
    );
    repo::enqueue(
        &mut tx,
        repo::EMAIL_CHANGE,
        email.as_str(),
        "确认新邮箱 / Confirm your new Storekeep e-mail",
        &body,
    )
    .await?;
    tx.commit().await?;
    load(&state.db, me.id.0).await
}

/// Opens the link: the account signs in with the new address from now on, its other links
/// (e-mail changes, password resets) stop working, and the old address is told (once: the
/// link is used up).
pub async fn confirm_email_change(db: &Db, token: &str) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let Some((user, new_email)) =
        repo::use_email_change(&mut tx, &hash_token(token.trim())).await?
    else {
        return Err(ProfileProblem::EmailLinkInvalid.into());
    };
    // someone registered the address meanwhile
    if repo::email_taken(&mut tx, &new_email, user).await? {
        return Err(ProfileProblem::EmailTaken.into());
    }
    let Some((old_email, name)) = repo::contact(&mut tx, user).await? else {
        return Err(ProfileProblem::EmailLinkInvalid.into());
    };
    repo::set_email(&mut tx, user, &new_email).await?;
    repo::end_email_changes(&mut tx, user).await?;
    // a reset link still on its way to the old address must not open the account
    repo::end_password_resets(&mut tx, user).await?;
    let new = masked(&new_email);
    let body = format!(
        "{name}，您好：\n您在本店的登录邮箱已改为 {new}，今后请用新邮箱登录。\n\
         如果这不是您本人的操作，请立即联系客服。\n\n\
         Hello {name},\nyour Storekeep account now signs in with {new}.\n\
         If you did not do this, contact customer service at once."
    );
    repo::enqueue(
        &mut tx,
        repo::ACCOUNT_NOTICE,
        &old_email,
        "登录邮箱已更改 / Your Storekeep e-mail was changed",
        &body,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Customer `me` chooses a new password with the current one: every other session ends
/// (the one whose token hashes to `keep` stays), unused reset links end, and a notice goes
/// to the account's address.
pub async fn change_password(
    state: &AppState,
    me: &Me,
    keep: &str,
    req: &PasswordChange,
) -> AppResult<()> {
    check_new_password(&req.new_password)?;
    if req.new_password == req.current_password {
        return Err(ProfileProblem::PasswordUnchanged.into());
    }
    check_password(state, me.id, req.current_password.clone()).await?;
    let hash = state.hasher.hash(req.new_password.clone()).await?;
    let mut tx = state.db.begin_write().await?;
    repo::set_password(&mut tx, me.id.0, &hash).await?;
    repo::end_other_sessions(&mut tx, me.id.0, keep).await?;
    let name = &me.display_name;
    let body = format!(
        "{name}，您好：\n您在本店的登录密码刚刚修改，其他设备上的登录已退出。\n\
         如果这不是您本人的操作，请立即通过“忘记密码”重设密码并联系客服。\n\n\
         Hello {name},\nthe password of your Storekeep account was just changed, and your other devices were signed out.\n\
         If you did not do this, reset it with “Forgot your password?” at once and contact customer service."
    );
    repo::enqueue(
        &mut tx,
        repo::ACCOUNT_NOTICE,
        &me.email,
        "密码已修改 / Your Storekeep password was changed",
        &body,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
