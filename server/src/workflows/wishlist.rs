//! Keeping products in a customer's wishlist: one at a time from a product's heart, or the
//! browser's list at sign-in. The order and the limit are `shared::wishlist`'s rules.

use crate::db::{accounts, now_millis, wishlist as repo, Db};
use crate::error::{AppError, AppResult};
use shared::wishlist::{self, MAX_ITEMS};

/// Keeps product `slug` first in the customer's wishlist; answers the list.
pub async fn keep(db: &Db, user: i64, slug: &str) -> AppResult<Vec<String>> {
    let mut tx = db.begin_write().await?;
    accounts::lock_own_lists(&mut tx, db.backend, user).await?;
    let product = repo::product_for_sale(&mut tx, slug)
        .await?
        .ok_or(AppError::NotFound("product"))?;
    let mut list = repo::slugs(&mut tx, user).await?;
    if !wishlist::add(&mut list, slug) {
        return Err(AppError::Conflict {
            problem: "wishlist_full".into(),
            message: format!("A wishlist keeps at most {MAX_ITEMS} products: remove some first"),
        });
    }
    repo::keep(&mut tx, user, product, now_millis()).await?;
    tx.commit().await?;
    Ok(list)
}

/// Takes product `slug` out of the customer's wishlist; answers the list.
pub async fn forget(db: &Db, user: i64, slug: &str) -> AppResult<Vec<String>> {
    let mut tx = db.begin_write().await?;
    repo::forget(&mut tx, user, slug).await?;
    let list = repo::slugs(&mut tx, user).await?;
    tx.commit().await?;
    Ok(list)
}

/// At sign-in: the browser's wishlist (newest first) joins the saved one, which keeps all
/// its products; those past the limit and those no longer for sale are left out.
pub async fn merge(db: &Db, user: i64, device: &[String]) -> AppResult<Vec<String>> {
    let mut tx = db.begin_write().await?;
    accounts::lock_own_lists(&mut tx, db.backend, user).await?;
    let saved = repo::slugs(&mut tx, user).await?;
    let now = now_millis();
    // the device's newest stays the newest: each one a millisecond before the one above it
    let mut at = now;
    for slug in wishlist::to_hand_over(&saved, device) {
        if let Some(product) = repo::product_for_sale(&mut tx, slug).await? {
            repo::keep(&mut tx, user, product, at).await?;
            at -= 1;
        }
    }
    let list = repo::slugs(&mut tx, user).await?;
    tx.commit().await?;
    Ok(list)
}
