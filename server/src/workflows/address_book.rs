//! The customer's address book: addresses checked as checkout checks them (a real district
//! for one in China), at most `db::addresses::MAX`, one of them the default.

use crate::db::{accounts, addresses as repo, now_millis, Db};
use crate::error::{AppError, AppResult};
use shared::checkout::{Address, AddressProblem};

/// `address` trimmed and checked, its district one of the code table's.
pub fn checked(address: &Address) -> AppResult<Address> {
    let address = address
        .check()
        .map_err(|(p, field)| AppError::rule(p).at(field))?;
    if let Address::China { division_code, .. } = &address {
        if !crate::divisions::all().is_district(division_code) {
            return Err(AppError::rule(AddressProblem::InvalidDivision).at("address.division_code"));
        }
    }
    Ok(address)
}

fn json(address: &Address) -> AppResult<String> {
    Ok(serde_json::to_string(address).map_err(anyhow::Error::from)?)
}

/// Adds an address (kept already: it is used now); `default` makes it the default.
pub async fn add(db: &Db, user: i64, address: &Address, default: bool) -> AppResult<()> {
    let text = json(&checked(address)?)?;
    let mut tx = db.begin_write().await?;
    accounts::lock_own_lists(&mut tx, db.backend, user).await?;
    if repo::count(&mut tx, user).await? >= repo::MAX {
        return Err(AppError::Conflict {
            problem: "address_book_full".into(),
            message: format!("An address book keeps at most {} addresses", repo::MAX),
        });
    }
    let id = repo::keep(&mut tx, user, &text, now_millis()).await?;
    if default {
        repo::make_default(&mut tx, user, id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Address `id` of the customer now reads `address`.
pub async fn edit(db: &Db, user: i64, id: i64, address: &Address, default: bool) -> AppResult<()> {
    let text = json(&checked(address)?)?;
    let mut tx = db.begin_write().await?;
    if !repo::owned(&mut tx, user, id).await? {
        return Err(AppError::NotFound("address"));
    }
    repo::replace(&mut tx, user, id, &text).await?;
    if default {
        repo::make_default(&mut tx, user, id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Address `id` becomes the customer's default.
pub async fn make_default(db: &Db, user: i64, id: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    if !repo::owned(&mut tx, user, id).await? {
        return Err(AppError::NotFound("address"));
    }
    repo::make_default(&mut tx, user, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes address `id` of the customer (a removed default passes to the latest used).
pub async fn forget(db: &Db, user: i64, id: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    if !repo::forget(&mut tx, user, id).await? {
        return Err(AppError::NotFound("address"));
    }
    tx.commit().await?;
    Ok(())
}
