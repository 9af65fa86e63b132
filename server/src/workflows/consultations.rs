//! Consultations (咨询): a signed-in customer asks before buying (about a product), about one
//! of their orders, or about anything; customer service answers in the thread, takes or
//! gives the question to a colleague, and resolves or closes it; the customer writes again
//! (reopening a resolved one) and rates the service once it is resolved. The first answer
//! and the resolution are timed against the service levels; every status change is an
//! event, every staff step an audit entry, and every staff answer a message to the customer
//! with the link back.

use crate::db::audit::{self, ActorRef};
use crate::db::consultations::{self as repo, ConsultationState};
use crate::db::messages::{self, MessageKind};
use crate::db::status::{self, Move};
use crate::db::{now_millis, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::service::consultations::{
    check_consultation, check_message, check_rating, Author, ConsultationProblem,
    ConsultationRating, ConsultationStatus, NewConsultation, NewMessage,
};
use sqlx::AnyConnection;

pub(crate) fn problem(p: ConsultationProblem) -> AppError {
    if p.is_conflict() {
        AppError::conflict(p.code(), p.to_string())
    } else {
        AppError::validation(p.code(), p.to_string()).at(p.field())
    }
}

/// Customer `user` asks; the new consultation's id. An order that is not theirs answers
/// 404, as one that does not exist.
pub async fn ask(db: &Db, user: i64, req: &NewConsultation) -> AppResult<i64> {
    check_consultation(req).map_err(problem)?;
    let mut tx = db.begin_write().await?;
    let product = match req
        .product_slug
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(slug) => Some(
            repo::product_id(&mut tx, slug)
                .await?
                .ok_or(problem(ConsultationProblem::Product))?,
        ),
        None => None,
    };
    let order = match req
        .order_number
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(number) => Some(
            repo::order_of(&mut tx, user, number)
                .await?
                .ok_or(AppError::NotFound("order"))?,
        ),
        None => None,
    };
    let at = now_millis();
    let id = repo::insert(
        &mut tx,
        &repo::NewConsultation {
            user,
            topic: req.topic,
            product,
            order,
            subject: req.subject.trim(),
            at,
        },
    )
    .await?;
    repo::add_message(&mut tx, id, Author::Customer, user, req.body.trim(), at).await?;
    let who = format!("customer:{user}");
    status::record(&mut tx, id, None, ConsultationStatus::Open, &who, "", at).await?;
    tx.commit().await?;
    Ok(id)
}

/// Moves consultation `c` to `to`, unless it is there already.
async fn move_to(
    tx: &mut AnyConnection,
    c: &ConsultationState,
    to: ConsultationStatus,
    who: &str,
    at: i64,
) -> AppResult<()> {
    if c.status() == to {
        return Ok(());
    }
    status::change(
        tx,
        c.id,
        Move {
            to,
            only_from: &[],
            actor: who,
            reason: "",
            at,
        },
    )
    .await?;
    Ok(())
}

/// Customer `user` writes in their consultation `id` (404 when it is not theirs).
pub async fn customer_writes(db: &Db, user: i64, id: i64, req: &NewMessage) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let c = repo::state(&mut tx, id, Some(user))
        .await?
        .ok_or(AppError::NotFound("consultation"))?;
    check_message(c.status(), req).map_err(problem)?;
    let at = now_millis();
    repo::add_message(&mut tx, id, Author::Customer, user, req.body.trim(), at).await?;
    if let Some(to) = c.status().after_message(Author::Customer) {
        move_to(&mut tx, &c, to, &format!("customer:{user}"), at).await?;
        if c.status() == ConsultationStatus::Resolved {
            repo::reopened(&mut tx, id).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Customer `user` rates the service of their resolved consultation `id`.
pub async fn rate(db: &Db, user: i64, id: i64, req: &ConsultationRating) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let c = repo::state(&mut tx, id, Some(user))
        .await?
        .ok_or(AppError::NotFound("consultation"))?;
    check_rating(c.status(), c.rating.is_some(), req).map_err(problem)?;
    if !repo::rate(&mut tx, id, req.rating, req.comment.trim(), now_millis()).await? {
        // rated by another request meanwhile
        return Err(problem(ConsultationProblem::AlreadyRated));
    }
    tx.commit().await?;
    Ok(())
}

/// The consultation `id` for staff, 404 when there is none.
async fn for_staff(tx: &mut AnyConnection, id: i64) -> AppResult<ConsultationState> {
    repo::state(tx, id, None)
        .await?
        .ok_or(AppError::NotFound("consultation"))
}

async fn audited(
    tx: &mut AnyConnection,
    actor: &ActorRef,
    action: AuditAction,
    id: i64,
    changes: Changes,
) -> AppResult<()> {
    audit::record(tx, actor, action, &id.to_string(), changes, "").await?;
    Ok(())
}

/// Staff member `actor` answers consultation `id`: the first answer stops the
/// first-response clock, an unassigned question becomes theirs, and the customer is told.
/// `site`: the shop's public address, for the link in the customer's message.
pub async fn staff_writes(
    db: &Db,
    site: &str,
    actor: &ActorRef,
    id: i64,
    req: &NewMessage,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let c = for_staff(&mut tx, id).await?;
    check_message(c.status(), req).map_err(problem)?;
    let at = now_millis();
    let me = actor.id.0;
    repo::add_message(&mut tx, id, Author::Staff, me, req.body.trim(), at).await?;
    repo::answered(&mut tx, id, at).await?;
    if c.assignee_id.is_none() {
        // unless a colleague took it meanwhile
        repo::claim(&mut tx, id, me, at).await?;
    }
    let who = format!("staff:{me}");
    if let Some(to) = c.status().after_message(Author::Staff) {
        move_to(&mut tx, &c, to, &who, at).await?;
    }
    let changes = Changes::new().field("messages", None::<String>, Some("+1"));
    audited(&mut tx, actor, AuditAction::ConsultationReply, id, changes).await?;
    tell(
        &mut tx,
        &c,
        site,
        (
            "客服回复了您的咨询",
            "Customer service answered your question",
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Gives consultation `id` to staff member `to` (none: back to nobody).
pub async fn assign(db: &Db, actor: &ActorRef, id: i64, to: Option<i64>) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let c = for_staff(&mut tx, id).await?;
    if let Some(staff) = to {
        if !repo::is_staff(&mut tx, staff).await? {
            return Err(
                AppError::validation("assignee", "Choose an active staff member").at("staff"),
            );
        }
    }
    repo::assign(&mut tx, id, to, now_millis()).await?;
    let text = |v: Option<i64>| v.map(|s| s.to_string());
    let changes = Changes::new().field("assignee", text(c.assignee_id), text(to));
    audited(&mut tx, actor, AuditAction::ConsultationAssign, id, changes).await?;
    tx.commit().await?;
    Ok(())
}

/// Staff resolve (`Resolved`: the customer is asked to rate) or close (`Closed`)
/// consultation `id`.
pub async fn finish(
    db: &Db,
    site: &str,
    actor: &ActorRef,
    id: i64,
    to: ConsultationStatus,
) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let c = for_staff(&mut tx, id).await?;
    let at = now_millis();
    let me = actor.id.0;
    let from = c.status();
    if from == to || !from.can_transition(to) {
        return Err(AppError::conflict(
            "illegal_transition",
            format!(
                "A consultation that is {} cannot become {}",
                from.as_str(),
                to.as_str()
            ),
        ));
    }
    move_to(&mut tx, &c, to, &format!("staff:{me}"), at).await?;
    if from.is_open() {
        repo::resolved(&mut tx, id, at, Some(me)).await?;
    }
    let action = if to == ConsultationStatus::Resolved {
        AuditAction::ConsultationResolve
    } else {
        AuditAction::ConsultationClose
    };
    let changes = Changes::new().field("status", Some(from.as_str()), Some(to.as_str()));
    audited(&mut tx, actor, action, id, changes).await?;
    if to == ConsultationStatus::Resolved {
        tell(
            &mut tx,
            &c,
            site,
            (
                "您的咨询已解决，欢迎评价我们的服务",
                "Your question is resolved: tell us how we did",
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A message to the customer about consultation `c`, with the link back to it.
async fn tell(
    tx: &mut AnyConnection,
    c: &ConsultationState,
    site: &str,
    (zh, en): (&str, &str),
) -> AppResult<()> {
    let body = format!(
        "「{subject}」：{zh}。\n\"{subject}\": {en}.\n{site}/account/questions/{id}",
        subject = c.subject,
        id = c.id
    );
    messages::enqueue(
        tx,
        MessageKind::ConsultationReply,
        &c.email,
        &format!("{zh} / {en}"),
        &body,
    )
    .await?;
    Ok(())
}
