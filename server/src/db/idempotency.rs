//! Idempotency keys: a repeated key replays the stored answer; the same key with another
//! request is refused.

use sqlx::AnyConnection;

type Conn = AnyConnection;

/// Claims an idempotency key for `request_hash`. `None`: claimed, go on. `Some(..)`: the key
/// was used before — with this hash (and this stored answer) or another.
pub async fn claim_idempotency_key(
    conn: &mut Conn,
    key: &str,
    request_hash: &str,
    now: i64,
) -> Result<Option<(String, i64, String)>, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO idempotency_keys (key, request_hash, response_status, response_body, created_at) \
         VALUES ($1, $2, 0, '', $3) ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(request_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(None);
    }
    sqlx::query_as(
        "SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE key = $1",
    )
    .bind(key)
    .fetch_optional(conn)
    .await
}

pub async fn store_idempotent_response(
    conn: &mut Conn,
    key: &str,
    status: i64,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE idempotency_keys SET response_status = $1, response_body = $2 WHERE key = $3",
    )
    .bind(status)
    .bind(body)
    .bind(key)
    .execute(conn)
    .await
    .map(|_| ())
}
