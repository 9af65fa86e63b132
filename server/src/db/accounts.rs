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

/// What signing in checks about an account.
pub struct Credentials {
    pub me: Me,
    pub password_hash: String,
    pub active: bool,
    pub totp_secret: Option<String>,
}

#[derive(sqlx::FromRow)]
struct CredentialsRow {
    id: i64,
    email: String,
    display_name: String,
    kind: String,
    password_hash: String,
    active: i64,
    totp_secret: Option<String>,
}

/// The account with this e-mail and what signing in needs to check.
pub async fn credentials(db: &Db, email: &Email) -> Result<Option<Credentials>, sqlx::Error> {
    let row: Option<CredentialsRow> = sqlx::query_as(
        "SELECT id, email, display_name, kind, password_hash, active, totp_secret FROM users WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|r| Credentials {
        me: Me::from(UserRow {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            kind: r.kind,
        }),
        password_hash: r.password_hash,
        active: r.active == 1,
        totp_secret: r.totp_secret,
    }))
}

/// A hashed token that lets its holder act as `user` until it expires.
#[derive(Clone, Copy)]
enum TokenTable {
    Sessions,
    PasswordResets,
}

async fn insert_token<'c, E: sqlx::Executor<'c, Database = sqlx::Any>>(
    db: E,
    table: TokenTable,
    token_hash: &str,
    user: UserId,
    ttl_ms: i64,
) -> Result<(), sqlx::Error> {
    let sql = match table {
        TokenTable::Sessions => "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)",
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
        .execute(db)
        .await
        .map(|_| ())
}

pub async fn insert_session(
    db: &Db,
    token_hash: &str,
    user: UserId,
    ttl_ms: i64,
) -> Result<(), sqlx::Error> {
    insert_token(&db.pool, TokenTable::Sessions, token_hash, user, ttl_ms).await
}

/// The user of a live session of an active account. Staff sessions also end after
/// `staff_idle_ms` without use; `touch` records this use (background polling does not count).
pub async fn session_user(
    db: &Db,
    token_hash: &str,
    staff_idle_ms: i64,
    touch: bool,
) -> Result<Option<Me>, sqlx::Error> {
    let now = now_millis();
    let row: Option<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.kind, s.last_seen_at FROM sessions s \
         JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    let Some((id, email, display_name, kind, last_seen)) = row else {
        return Ok(None);
    };
    if kind == "staff" && now - last_seen > staff_idle_ms {
        delete_session(db, token_hash).await?;
        return Ok(None);
    }
    // at most one write a minute per session
    if touch && now - last_seen > 60_000 {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(token_hash)
            .execute(&db.pool)
            .await?;
    }
    Ok(Some(Me::from(UserRow {
        id,
        email,
        display_name,
        kind,
    })))
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
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

/// As `insert_password_reset`, inside the caller's transaction.
pub async fn insert_password_reset_on(
    conn: &mut sqlx::AnyConnection,
    token_hash: &str,
    user: UserId,
    ttl_ms: i64,
) -> Result<(), sqlx::Error> {
    insert_token(conn, TokenTable::PasswordResets, token_hash, user, ttl_ms).await
}

/// Marks a live, unused reset link of an active account with a password as used and
/// returns its user — once: a conditional update, so two concurrent uses cannot both
/// succeed.
pub async fn use_password_reset(
    conn: &mut sqlx::AnyConnection,
    token_hash: &str,
) -> Result<Option<UserId>, sqlx::Error> {
    let now = now_millis();
    let user: Option<i64> = sqlx::query_scalar(
        "UPDATE password_resets SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
         AND user_id IN (SELECT id FROM users WHERE active = 1 AND password_hash <> $3) \
         RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash)
    .bind(crate::db::staff::NO_PASSWORD)
    .fetch_optional(conn)
    .await?;
    Ok(user.map(UserId))
}

/// Holds a customer's own lists (cart, wishlist, address book) for this transaction: on
/// PostgreSQL their user row is locked, so two changes at once (two tabs, a double click)
/// run one after the other instead of both inserting the same line or both passing a
/// limit; on SQLite the write transaction already does.
pub async fn lock_own_lists(
    conn: &mut sqlx::AnyConnection,
    backend: crate::db::Backend,
    user: i64,
) -> Result<(), sqlx::Error> {
    if backend == crate::db::Backend::Postgres {
        sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
            .bind(user)
            .execute(conn)
            .await?;
    }
    Ok(())
}
