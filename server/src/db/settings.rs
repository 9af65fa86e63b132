//! Shop settings kept in the database (`app_settings`), so every server process reads the
//! same values.

use sqlx::AnyConnection as Conn;

/// Owners must use two-factor sign-in.
pub const OWNERS_NEED_TWO_FACTOR: &str = "owners_need_two_factor";

pub async fn get_flag(conn: &mut Conn, key: &str) -> Result<bool, sqlx::Error> {
    let value: Option<String> = sqlx::query_scalar("SELECT value FROM app_settings WHERE key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await?;
    Ok(value.as_deref() == Some("true"))
}

/// The carriers staff may ship with (`CarrierSettings`' stored form).
pub const CARRIERS: &str = "carriers";

pub async fn get_text(conn: &mut Conn, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM app_settings WHERE key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await
}

pub async fn set_text(conn: &mut Conn, key: &str, value: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO app_settings (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await
    .map(|_| ())
}

pub async fn set_flag(conn: &mut Conn, key: &str, on: bool) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO app_settings (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(if on { "true" } else { "false" })
    .execute(conn)
    .await
    .map(|_| ())
}
