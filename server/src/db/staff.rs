//! The staff repository: staff records, their roles, invitations and second factors.

use crate::db::{now_millis, Arg, Backend, SqlBuilder};
use shared::ids::UserId;
use shared::list::{PageRequest, SortDir};
use shared::staff::{Roles, StaffMember, StaffRole, StaffStatus};
use sqlx::AnyConnection as Conn;

/// The password hash of an invited staff member who has not chosen a password: no
/// password verifies against it.
pub const NO_PASSWORD: &str = "!";

/// What the `Staff` extractor needs about the signed-in staff member.
pub struct StaffAuth {
    pub roles: Roles,
    pub two_factor: bool,
}

/// The roles and second factor of an active staff member (`None` for customers and
/// deactivated staff).
pub async fn auth(conn: &mut Conn, user: UserId) -> Result<Option<StaffAuth>, sqlx::Error> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT totp_secret FROM users WHERE id = $1 AND kind = 'staff' AND active = 1",
    )
    .bind(user.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((secret,)) = row else {
        return Ok(None);
    };
    Ok(Some(StaffAuth {
        roles: roles_of(conn, user).await?,
        two_factor: secret.is_some(),
    }))
}

pub async fn roles_of(conn: &mut Conn, user: UserId) -> Result<Roles, sqlx::Error> {
    let codes: Vec<String> = sqlx::query_scalar("SELECT role FROM staff_roles WHERE user_id = $1")
        .bind(user.0)
        .fetch_all(conn)
        .await?;
    Ok(codes.iter().filter_map(|c| StaffRole::parse(c)).collect())
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    email: String,
    display_name: String,
    active: i64,
    password_hash: String,
    totp_secret: Option<String>,
    last_sign_in_at: Option<i64>,
    created_at: i64,
}

impl MemberRow {
    fn into_member(self, roles: Roles) -> StaffMember {
        StaffMember {
            id: UserId(self.id),
            email: self.email,
            display_name: self.display_name,
            roles,
            status: status_of(self.active, &self.password_hash),
            two_factor: self.totp_secret.is_some(),
            last_sign_in_at: self.last_sign_in_at,
            created_at: self.created_at,
        }
    }
}

fn status_of(active: i64, password_hash: &str) -> StaffStatus {
    if active == 0 {
        StaffStatus::Deactivated
    } else if password_hash == NO_PASSWORD {
        StaffStatus::Invited
    } else {
        StaffStatus::Active
    }
}

const MEMBER_COLUMNS: &str =
    "u.id, u.email, u.display_name, u.active, u.password_hash, u.totp_secret, u.last_sign_in_at, u.created_at";

/// The staff list's filters.
#[derive(Debug, Default)]
pub struct StaffFilter {
    pub q: Option<String>,
    pub role: Option<StaffRole>,
    pub status: Option<StaffStatus>,
    pub sort: StaffSortColumn,
    pub dir: SortDir,
}

#[derive(Debug, Default, Clone, Copy)]
pub enum StaffSortColumn {
    #[default]
    Name,
    Email,
    CreatedAt,
    LastSignIn,
}

fn push_status(b: &mut SqlBuilder, status: StaffStatus) {
    match status {
        StaffStatus::Deactivated => b.push(" AND u.active = 0"),
        StaffStatus::Invited => b
            .push(" AND u.active = 1 AND u.password_hash = ")
            .bind(Arg::Text(NO_PASSWORD.into())),
        StaffStatus::Active => b
            .push(" AND u.active = 1 AND u.password_hash <> ")
            .bind(Arg::Text(NO_PASSWORD.into())),
    };
}

/// One page of staff members matching `filter`, and how many match in all.
pub async fn list(
    conn: &mut Conn,
    filter: &StaffFilter,
    page: PageRequest,
) -> Result<(Vec<StaffMember>, i64), sqlx::Error> {
    let mut where_ = SqlBuilder::default();
    where_.push(" FROM users u WHERE u.kind = 'staff'");
    if let Some(q) = &filter.q {
        let pattern = format!("%{}%", q.to_lowercase());
        where_
            .push(" AND (LOWER(u.email) LIKE ")
            .bind(Arg::Text(pattern.clone()))
            .push(" OR LOWER(u.display_name) LIKE ")
            .bind(Arg::Text(pattern))
            .push(")");
    }
    if let Some(role) = filter.role {
        where_
            .push(" AND EXISTS (SELECT 1 FROM staff_roles r WHERE r.user_id = u.id AND r.role = ")
            .bind(Arg::Text(role.code().into()))
            .push(")");
    }
    if let Some(status) = filter.status {
        push_status(&mut where_, status);
    }
    let count = SqlBuilder {
        sql: format!("SELECT COUNT(*){}", where_.sql),
        args: where_.args.clone(),
    };
    let total: i64 = count.query_scalar().fetch_one(&mut *conn).await?;
    let order = match filter.sort {
        StaffSortColumn::Name => "u.display_name",
        StaffSortColumn::Email => "u.email",
        StaffSortColumn::CreatedAt => "u.created_at",
        StaffSortColumn::LastSignIn => "COALESCE(u.last_sign_in_at, 0)",
    };
    let mut rows = SqlBuilder {
        sql: format!("SELECT {MEMBER_COLUMNS}{}", where_.sql),
        args: where_.args,
    };
    rows.push(&format!(" ORDER BY {order} {}, u.id {0}", filter.dir.sql()))
        .push(" LIMIT ")
        .bind(Arg::Int(page.limit()))
        .push(" OFFSET ")
        .bind(Arg::Int(page.offset()));
    let found: Vec<MemberRow> = rows.query_as().fetch_all(&mut *conn).await?;
    let ids: Vec<i64> = found.iter().map(|r| r.id).collect();
    let mut roles = roles_of_many(conn, &ids).await?;
    let members = found
        .into_iter()
        .map(|r| {
            let of = roles.remove(&r.id).unwrap_or_default();
            r.into_member(Roles::new(of))
        })
        .collect();
    Ok((members, total))
}

/// The roles of several staff members in one query.
async fn roles_of_many(
    conn: &mut Conn,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<StaffRole>>, sqlx::Error> {
    let mut out = std::collections::HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut b = SqlBuilder::default();
    b.push("SELECT user_id, role FROM staff_roles WHERE user_id IN (");
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            b.push(", ");
        }
        b.bind(Arg::Int(*id));
    }
    b.push(")");
    let rows: Vec<(i64, String)> = b.query_as().fetch_all(conn).await?;
    for (user, role) in rows {
        if let Some(role) = StaffRole::parse(&role) {
            out.entry(user).or_insert_with(Vec::new).push(role);
        }
    }
    Ok(out)
}

pub async fn get(conn: &mut Conn, id: UserId) -> Result<Option<StaffMember>, sqlx::Error> {
    let row: Option<MemberRow> = sqlx::query_as(&format!(
        "SELECT {MEMBER_COLUMNS} FROM users u WHERE u.id = $1 AND u.kind = 'staff'"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(r) => {
            let roles = roles_of(conn, id).await?;
            Ok(Some(r.into_member(roles)))
        }
        None => Ok(None),
    }
}

/// Creates an invited staff member (no password yet); `None` when the e-mail has an account.
pub async fn create_invited(
    conn: &mut Conn,
    email: &str,
    display_name: &str,
) -> Result<Option<UserId>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name, kind, created_at) \
         VALUES ($1, $2, $3, 'staff', $4) ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(email)
    .bind(NO_PASSWORD)
    .bind(display_name)
    .bind(now_millis())
    .fetch_optional(conn)
    .await?;
    Ok(id.map(UserId))
}

pub async fn set_roles(conn: &mut Conn, user: UserId, roles: &Roles) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM staff_roles WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *conn)
        .await?;
    for role in roles.iter() {
        sqlx::query("INSERT INTO staff_roles (user_id, role) VALUES ($1, $2)")
            .bind(user.0)
            .bind(role.code())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn set_active(conn: &mut Conn, user: UserId, active: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET active = $1 WHERE id = $2 AND kind = 'staff'")
        .bind(i64::from(active))
        .bind(user.0)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Serialises changes to who the owners are, until the transaction ends: on PostgreSQL a
/// transaction-scoped advisory lock (row locks would not do: two owners demoting each other
/// change role rows, not the rows they would lock), on SQLite the write transaction itself.
pub async fn lock_owners(conn: &mut Conn, backend: Backend) -> Result<(), sqlx::Error> {
    if backend == Backend::Postgres {
        // 0x5354_4146 = "STAF"
        sqlx::query("SELECT pg_advisory_xact_lock(1398030662)")
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// How many owners can use the back office: active, with a password (an invitation that
/// may never be accepted does not count).
pub async fn count_active_owners(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM users u JOIN staff_roles r ON r.user_id = u.id \
         WHERE r.role = 'owner' AND u.active = 1 AND u.kind = 'staff' AND u.password_hash <> '{NO_PASSWORD}'"
    ))
    .fetch_one(conn)
    .await
}

/// Ends what an account could still use to get in: its sessions, and unused invitation and
/// password-reset links (so that reactivating it later revives none of them).
pub async fn revoke_access(conn: &mut Conn, user: UserId) -> Result<(), sqlx::Error> {
    let now = now_millis();
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *conn)
        .await?;
    for table in ["staff_invitations", "password_resets"] {
        sqlx::query(&format!(
            "UPDATE {table} SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL"
        ))
        .bind(now)
        .bind(user.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn insert_invitation(
    conn: &mut Conn,
    token_hash: &str,
    user: UserId,
    by: UserId,
    ttl_ms: i64,
) -> Result<(), sqlx::Error> {
    let now = now_millis();
    // a new invitation replaces the earlier ones
    sqlx::query("UPDATE staff_invitations SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(user.0)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO staff_invitations (token_hash, user_id, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(by.0)
    .bind(now)
    .bind(now + ttl_ms)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Uses a live invitation of an active, still invited staff member — once (a conditional
/// update). Returns whom it invited.
pub async fn use_invitation(
    conn: &mut Conn,
    token_hash: &str,
) -> Result<Option<UserId>, sqlx::Error> {
    let now = now_millis();
    let user: Option<i64> = sqlx::query_scalar(
        "UPDATE staff_invitations SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
         AND user_id IN (SELECT id FROM users WHERE active = 1 AND password_hash = $3) \
         RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash)
    .bind(NO_PASSWORD)
    .fetch_optional(conn)
    .await?;
    Ok(user.map(UserId))
}

pub async fn set_password(conn: &mut Conn, user: UserId, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user.0)
        .execute(conn)
        .await
        .map(|_| ())
}

/// The second factor of a user: the active secret, the pending one (during set-up) and the
/// last time step a code was accepted for.
pub struct TwoFactor {
    pub secret: Option<String>,
    pub pending: Option<String>,
}

pub async fn two_factor(conn: &mut Conn, user: UserId) -> Result<TwoFactor, sqlx::Error> {
    let (secret, pending): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT totp_secret, totp_pending_secret FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_one(conn)
            .await?;
    Ok(TwoFactor { secret, pending })
}

pub async fn set_pending_secret(
    conn: &mut Conn,
    user: UserId,
    secret: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET totp_pending_secret = $1 WHERE id = $2")
        .bind(secret)
        .bind(user.0)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Turns the pending secret into the active one.
pub async fn enable_two_factor(conn: &mut Conn, user: UserId) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL \
         WHERE id = $1 AND totp_pending_secret IS NOT NULL",
    )
    .bind(user.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn disable_two_factor(conn: &mut Conn, user: UserId) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_last_step = NULL \
         WHERE id = $1",
    )
    .bind(user.0)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Claims time step `step` for a code: succeeds only when no code of this step or a later
/// one was accepted before (a conditional update, so a code can never be used twice, not
/// even by two requests at once).
pub async fn claim_totp_step(
    conn: &mut Conn,
    user: UserId,
    step: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE users SET totp_last_step = $1 \
         WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
    )
    .bind(step)
    .bind(user.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn record_sign_in(conn: &mut Conn, user: UserId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET last_sign_in_at = $1 WHERE id = $2")
        .bind(now_millis())
        .bind(user.0)
        .execute(conn)
        .await
        .map(|_| ())
}
