//! The address book repository: a customer's saved addresses (as the JSON of their
//! `Address`), the most recently used first with the default before them all. Checkout
//! keeps the addresses it ships to; the customer adds, edits and removes them.

use sqlx::AnyConnection as Conn;

/// The most addresses one customer keeps.
pub const MAX: i64 = 20;

/// A saved address: id, its JSON, whether it is the default.
pub type Row = (i64, String, i64);

/// The customer's addresses, the default first, then the most recently used.
pub async fn list(conn: &mut Conn, user: i64) -> Result<Vec<Row>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, address_json, is_default FROM customer_addresses WHERE user_id = $1 \
         ORDER BY is_default DESC, last_used_at DESC, id DESC",
    )
    .bind(user)
    .fetch_all(conn)
    .await
}

/// The id of the customer's address with this JSON.
async fn find(conn: &mut Conn, user: i64, json: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM customer_addresses WHERE user_id = $1 AND address_json = $2")
        .bind(user)
        .bind(json)
        .fetch_optional(conn)
        .await
}

pub async fn count(conn: &mut Conn, user: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM customer_addresses WHERE user_id = $1")
        .bind(user)
        .fetch_one(conn)
        .await
}

/// Whether address `id` is the customer's.
pub async fn owned(conn: &mut Conn, user: i64, id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM customer_addresses WHERE user_id = $1 AND id = $2",
    )
    .bind(user)
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(n == 1)
}

/// Saves `json` for the customer as used `now` (kept already: only the time moves); its
/// id. The first address a customer keeps is their default.
pub async fn keep(conn: &mut Conn, user: i64, json: &str, now: i64) -> Result<i64, sqlx::Error> {
    if let Some(id) = find(&mut *conn, user, json).await? {
        sqlx::query("UPDATE customer_addresses SET last_used_at = $2 WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        return Ok(id);
    }
    let first = count(&mut *conn, user).await? == 0;
    sqlx::query_scalar(
        "INSERT INTO customer_addresses (user_id, address_json, last_used_at, is_default) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(user)
    .bind(json)
    .bind(now)
    .bind(i64::from(first))
    .fetch_one(conn)
    .await
}

/// At checkout: keeps the address shipped to, then lets the oldest go past `MAX` (never
/// the default).
pub async fn remember(conn: &mut Conn, user: i64, json: &str, now: i64) -> Result<(), sqlx::Error> {
    keep(&mut *conn, user, json, now).await?;
    sqlx::query(
        "DELETE FROM customer_addresses WHERE user_id = $1 AND is_default = 0 AND id NOT IN \
         (SELECT id FROM customer_addresses WHERE user_id = $1 ORDER BY is_default DESC, \
          last_used_at DESC, id DESC LIMIT $2)",
    )
    .bind(user)
    .bind(MAX)
    .execute(conn)
    .await?;
    Ok(())
}

/// Address `id` now reads `json` (one the customer kept already under another id goes:
/// the edited one takes its place).
pub async fn replace(conn: &mut Conn, user: i64, id: i64, json: &str) -> Result<(), sqlx::Error> {
    if let Some(twin) = find(&mut *conn, user, json).await?.filter(|t| *t != id) {
        let was_default: i64 =
            sqlx::query_scalar("SELECT is_default FROM customer_addresses WHERE id = $1")
                .bind(twin)
                .fetch_one(&mut *conn)
                .await?;
        forget(&mut *conn, user, twin).await?;
        if was_default == 1 {
            make_default(&mut *conn, user, id).await?;
        }
    }
    sqlx::query("UPDATE customer_addresses SET address_json = $3 WHERE user_id = $1 AND id = $2")
        .bind(user)
        .bind(id)
        .bind(json)
        .execute(conn)
        .await?;
    Ok(())
}

/// Address `id` becomes the customer's default (and no other one is).
pub async fn make_default(conn: &mut Conn, user: i64, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE customer_addresses SET is_default = CASE WHEN id = $2 THEN 1 ELSE 0 END \
         WHERE user_id = $1",
    )
    .bind(user)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes address `id`; `false` when it is not the customer's. A removed default passes
/// to the most recently used of the others.
pub async fn forget(conn: &mut Conn, user: i64, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM customer_addresses WHERE user_id = $1 AND id = $2")
        .bind(user)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let defaults: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM customer_addresses WHERE user_id = $1 AND is_default = 1",
    )
    .bind(user)
    .fetch_one(&mut *conn)
    .await?;
    if defaults == 0 {
        let next: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM customer_addresses WHERE user_id = $1 ORDER BY last_used_at DESC, id DESC LIMIT 1",
        )
        .bind(user)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(next) = next {
            make_default(conn, user, next).await?;
        }
    }
    Ok(done.rows_affected() == 1)
}
