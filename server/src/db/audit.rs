//! The audit-log repository: entries are only ever inserted (the database refuses updates
//! and deletes) and searched.

use crate::db::{now_millis, Arg, SqlBuilder};
use shared::audit::{Actor, AuditAction, AuditEntry, Changes, EntityType, FieldChange};
use shared::ids::UserId;
use shared::list::PageRequest;
use sqlx::AnyConnection as Conn;

/// Who acted and from where.
#[derive(Debug, Clone)]
pub struct ActorRef {
    pub id: UserId,
    pub ip: String,
}

/// Writes one entry — on the connection of the change's own transaction, so the change and
/// its record commit together or not at all.
pub async fn record(
    conn: &mut Conn,
    actor: &ActorRef,
    action: AuditAction,
    entity_id: &str,
    changes: Changes,
    reason: &str,
) -> Result<(), sqlx::Error> {
    let changes = serde_json::to_string(&changes.into_vec()).unwrap_or_else(|_| "[]".into());
    sqlx::query(
        "INSERT INTO audit_log (actor_id, actor_ip, action, entity_type, entity_id, changes, detail, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(actor.id.0)
    .bind(&actor.ip)
    .bind(action.code())
    .bind(action.entity().code())
    .bind(entity_id)
    .bind(changes)
    .bind(reason)
    .bind(now_millis())
    .execute(conn)
    .await
    .map(|_| ())
}

/// The audit page's filters, checked; times in milliseconds, `to` exclusive.
#[derive(Debug, Default)]
pub struct AuditFilter {
    pub actor: Option<UserId>,
    pub entity_type: Option<EntityType>,
    pub entity_id: Option<String>,
    pub action: Option<AuditAction>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    at: i64,
    actor_id: i64,
    display_name: String,
    email: String,
    actor_ip: String,
    action: String,
    entity_type: String,
    entity_id: String,
    changes: String,
    detail: String,
}

/// Newest first.
pub async fn search(
    conn: &mut Conn,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<(Vec<AuditEntry>, i64), sqlx::Error> {
    let mut where_ = SqlBuilder::default();
    where_.push(" FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE 1 = 1");
    if let Some(actor) = filter.actor {
        where_.push(" AND a.actor_id = ").bind(Arg::Int(actor.0));
    }
    if let Some(t) = filter.entity_type {
        where_
            .push(" AND a.entity_type = ")
            .bind(Arg::Text(t.code().into()));
    }
    if let Some(id) = &filter.entity_id {
        where_
            .push(" AND a.entity_id = ")
            .bind(Arg::Text(id.clone()));
    }
    if let Some(action) = filter.action {
        where_
            .push(" AND a.action = ")
            .bind(Arg::Text(action.code().into()));
    }
    if let Some(from) = filter.from_ms {
        where_.push(" AND a.at >= ").bind(Arg::Int(from));
    }
    if let Some(to) = filter.to_ms {
        where_.push(" AND a.at < ").bind(Arg::Int(to));
    }
    let count = SqlBuilder {
        sql: format!("SELECT COUNT(*){}", where_.sql),
        args: where_.args.clone(),
    };
    let total: i64 = count.query_scalar().fetch_one(&mut *conn).await?;
    let mut rows = SqlBuilder {
        sql: format!(
            "SELECT a.id, a.at, a.actor_id, u.display_name, u.email, a.actor_ip, a.action, \
             a.entity_type, a.entity_id, a.changes, a.detail{}",
            where_.sql
        ),
        args: where_.args,
    };
    rows.push(" ORDER BY a.id DESC LIMIT ")
        .bind(Arg::Int(page.limit()))
        .push(" OFFSET ")
        .bind(Arg::Int(page.offset()));
    let found: Vec<EntryRow> = rows.query_as().fetch_all(conn).await?;
    let entries = found
        .into_iter()
        .filter_map(|r| {
            Some(AuditEntry {
                id: r.id,
                at: r.at,
                actor: Actor {
                    id: UserId(r.actor_id),
                    display_name: r.display_name,
                    email: r.email,
                },
                actor_ip: r.actor_ip,
                action: AuditAction::parse(&r.action)?,
                entity_type: EntityType::parse(&r.entity_type)?,
                entity_id: r.entity_id,
                changes: serde_json::from_str::<Vec<FieldChange>>(&r.changes).unwrap_or_default(),
                reason: r.detail,
            })
        })
        .collect();
    Ok((entries, total))
}
