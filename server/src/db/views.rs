//! Saved views: a staff member's named filters of a list.

use shared::views::{SavedView, ViewPage};
use sqlx::AnyConnection as Conn;

pub async fn list(
    conn: &mut Conn,
    user: i64,
    page: ViewPage,
) -> Result<Vec<SavedView>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, query FROM saved_views WHERE user_id = $1 AND page = $2 ORDER BY name",
    )
    .bind(user)
    .bind(page.as_str())
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, query)| SavedView {
            id,
            page,
            name,
            query,
        })
        .collect())
}

/// Keeps a view; one of the same name is replaced.
pub async fn save(
    conn: &mut Conn,
    user: i64,
    page: ViewPage,
    name: &str,
    query: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO saved_views (user_id, page, name, query, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id, page, name) DO UPDATE SET query = excluded.query",
    )
    .bind(user)
    .bind(page.as_str())
    .bind(name)
    .bind(query)
    .bind(super::now_millis())
    .execute(conn)
    .await
    .map(|_| ())
}

/// Forgets one of `user`'s views; `false` when they have no such view.
pub async fn delete(conn: &mut Conn, user: i64, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM saved_views WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
