//! The customer's rights over their data (个人信息保护法 第四十五条、第四十七条): a copy of
//! everything the shop holds about them, and deleting the account.
//!
//! Deleting anonymises the account in one transaction (see `db::profile::anonymise` for
//! what goes and what the books keep): no one signs in to it again, its sessions end, and a
//! last notice goes to the address it had.

use crate::db::profile as repo;
use crate::db::{now_millis, Db};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::workflows::profile::check_password;
use shared::customers::profile::AccountExport;
use shared::customers::Me;

/// Everything about customer `user`: details, saved addresses, orders with their lines,
/// returns, repairs, reviews, consultations with their threads and the wishlist. 401 when the
/// account is gone.
pub async fn export(db: &Db, user: i64) -> AppResult<AccountExport> {
    let mut conn = db.pool.acquire().await?;
    let profile = repo::profile(&mut conn, user)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(AccountExport {
        exported_at: now_millis(),
        profile,
        addresses: repo::addresses(&mut conn, user).await?,
        orders: repo::orders(&mut conn, user).await?,
        returns: repo::returns(&mut conn, user).await?,
        repairs: repo::repairs(&mut conn, user).await?,
        reviews: repo::reviews(&mut conn, user).await?,
        consultations: repo::consultations(&mut conn, user).await?,
        wishlist: repo::wishlist(&mut conn, user).await?,
    })
}

/// Customer `me` deletes their account with their current password. Asking again (or with
/// a session that ended) answers 401: the session is gone with the account.
pub async fn delete(state: &AppState, me: &Me, password: String) -> AppResult<()> {
    check_password(state, me.id, password).await?;
    let mut tx = state.db.begin_write().await?;
    let Some((email, name)) = repo::contact(&mut tx, me.id.0).await? else {
        return Err(AppError::Unauthorized);
    };
    if !repo::anonymise(&mut tx, me.id.0).await? {
        return Err(AppError::Unauthorized);
    }
    let body = format!(
        "{name}，您好：\n您在本店的账户已按您的要求注销：个人资料、地址和登录方式已删除。\n\
         订单记录依法保留。如果这不是您本人的操作，请立即联系客服。\n\n\
         Hello {name},\nyour Storekeep account is deleted as you asked: your details, addresses and sign-in are gone.\n\
         The orders stay in the shop's books as the law requires. If you did not do this, contact customer service at once."
    );
    repo::enqueue(
        &mut tx,
        repo::ACCOUNT_NOTICE,
        &email,
        "账户已注销 / Your Storekeep account is deleted",
        &body,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
