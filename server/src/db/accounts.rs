//! The accounts repository: users, sessions, failed attempts, password resets.

use crate::db::{now_millis, Db};
use shared::customers::{AccountKind, Email, Me};
use shared::ids::UserId;

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    display_name: String,
    kind: String,
}

impl From<UserRow> for Me {
    fn from(r: UserRow) -> Me {
        Me {
            id: UserId(r.id),
            email: r.email,
            display_name: r.display_name,
            kind: if r.kind == "staff" {
                AccountKind::Staff
            } else {
                AccountKind::Customer
            },
        }
    }
}

/// Creates a customer; `None` when the e-mail is taken.
pub async fn create_customer(
    db: &Db,
    email: &Email,
    password_hash: &str,
    display_name: &str,
) -> Result<Option<Me>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(
        "INSERT INTO users (email, password_hash, display_name, kind, created_at) \
         VALUES ($1, $2, $3, 'customer', $4) ON CONFLICT (email) DO NOTHING \
         RETURNING id, email, display_name, kind",
    )
    .bind(email.as_str())
    .bind(password_hash)
    .bind(display_name)
    .bind(now_millis())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(Me::from))
}

/// The user with this e-mail and their password hash.
pub async fn credentials(db: &Db, email: &Email) -> Result<Option<(Me, String)>, sqlx::Error> {
    let row: Option<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT id, email, display_name, kind, password_hash FROM users WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(id, email, display_name, kind, hash)| {
        (
            Me::from(UserRow {
                id,
                email,
                display_name,
                kind,
            }),
            hash,
        )
    }))
}

pub async fn set_password(db: &Db, user: UserId, password_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user.0)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

/// A hashed token that lets its holder act as `user` until it expires.
#[derive(Clone, Copy)]
enum TokenTable {
    Sessions,
    PasswordResets,
}

async fn insert_token(
    db: &Db,
    table: TokenTable,
    token_hash: &str,
    user: UserId,
    ttl_ms: i64,
) -> Result<(), sqlx::Error> {
    let sql = match table {
        TokenTable::Sessions => "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        TokenTable::PasswordResets => {
            "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)"
        }
    };
    let now = now_millis();
    sqlx::query(sql)
        .bind(token_hash)
        .bind(user.0)
        .bind(now)
        .bind(now + ttl_ms)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

pub async fn insert_session(
    db: &Db,
    token_hash: &str,
    user: UserId,
    ttl_ms: i64,
) -> Result<(), sqlx::Error> {
    insert_token(db, TokenTable::Sessions, token_hash, user, ttl_ms).await
}

/// The user of a live session.
pub async fn session_user(db: &Db, token_hash: &str) -> Result<Option<Me>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.kind FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now_millis())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(Me::from))
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

pub async fn delete_sessions_of(db: &Db, user: UserId) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.0)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

/// Attempts recorded under any of `keys` since `since`, and the oldest of them.
pub async fn attempts_since(
    db: &Db,
    keys: &[String],
    since: i64,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    let mut worst = (0, None);
    for key in keys {
        let (n, oldest): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(at) FROM auth_attempts WHERE key = $1 AND at > $2",
        )
        .bind(key)
        .bind(since)
        .fetch_one(&db.pool)
        .await?;
        if n > worst.0 {
            worst = (n, oldest);
        }
    }
    Ok(worst)
}

pub async fn record_attempts(
    db: &Db,
    keys: &[String],
    prune_before: i64,
) -> Result<(), sqlx::Error> {
    let now = now_millis();
    for key in keys {
        sqlx::query("DELETE FROM auth_attempts WHERE key = $1 AND at < $2")
            .bind(key)
            .bind(prune_before)
            .execute(&db.pool)
            .await?;
        sqlx::query("INSERT INTO auth_attempts (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(now)
            .execute(&db.pool)
            .await?;
    }
    Ok(())
}

pub async fn clear_attempts(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM auth_attempts WHERE key = $1")
        .bind(key)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

pub async fn insert_password_reset(
    db: &Db,
    token_hash: &str,
    user: UserId,
    ttl_ms: i64,
) -> Result<(), sqlx::Error> {
    insert_token(db, TokenTable::PasswordResets, token_hash, user, ttl_ms).await
}

/// Marks a live, unused reset link as used and returns its user — once: a conditional
/// update, so two concurrent uses cannot both succeed.
pub async fn use_password_reset(db: &Db, token_hash: &str) -> Result<Option<UserId>, sqlx::Error> {
    let now = now_millis();
    let user: Option<i64> = sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(&db.pool)
    .await?;
    Ok(user.map(UserId))
}

/// The role of a staff member (`None` for customers).
pub async fn staff_role(db: &Db, user: UserId) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT staff_role FROM users WHERE id = $1 AND kind = 'staff'")
        .bind(user.0)
        .fetch_optional(&db.pool)
        .await
        .map(Option::flatten)
}

/// Writes one line of the staff audit log.
pub async fn audit(
    conn: &mut sqlx::AnyConnection,
    actor: UserId,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(actor.0)
    .bind(action)
    .bind(subject)
    .bind(detail)
    .bind(now_millis())
    .execute(conn)
    .await
    .map(|_| ())
}
