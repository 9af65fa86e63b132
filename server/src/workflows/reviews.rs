//! Reviews (商品评价): a signed-in buyer reviews a product once, from a line of an order
//! of theirs that was delivered; staff hide one with the reason (it leaves the product
//! page and its average) or show it again, and answer it in public. Staff steps are
//! audited.

use crate::db::audit::{self, ActorRef};
use crate::db::reviews as repo;
use crate::db::{now_millis, returns, tracking, Db};
use crate::error::{AppError, AppResult};
use shared::audit::{AuditAction, Changes};
use shared::orders::OrderNumber;
use shared::reviews::{check_reply, check_review, shown_name, NewReview, ReviewProblem};

pub(crate) fn problem(p: ReviewProblem) -> AppError {
    let code = match p {
        ReviewProblem::NotDelivered => "not_delivered",
        ReviewProblem::AlreadyReviewed => "already_reviewed",
        ReviewProblem::Line => "line",
        ReviewProblem::Rating => "rating",
        ReviewProblem::BodyTooLong => "body_too_long",
        ReviewProblem::Photos => "photos",
        ReviewProblem::Reply => "reply",
    };
    if p.is_conflict() {
        AppError::conflict(code, p.to_string())
    } else {
        AppError::validation(code, p.to_string()).at(p.field())
    }
}

/// Customer `user` (named `name`) reviews line `req.line` of their order `req.order`.
/// Another's order, or one that does not exist, answers 404. Returns the review's id.
pub async fn write(db: &Db, user: i64, name: &str, req: &NewReview) -> AppResult<i64> {
    let number = OrderNumber::parse(&req.order).ok_or(AppError::NotFound("order"))?;
    let body = req.body.trim();
    let mut tx = db.begin_write().await?;
    let nobody = crate::auth::tokens::hash_token("");
    let order = tracking::owned(&mut tx, number.as_str(), Some(user), &nobody)
        .await?
        .ok_or(AppError::NotFound("order"))?;
    check_review(req).map_err(problem)?;
    let line = repo::line(&mut tx, order, req.line)
        .await?
        .ok_or(problem(ReviewProblem::Line))?;
    if returns::delivered_at(&mut tx, order).await?.is_none() {
        return Err(problem(ReviewProblem::NotDelivered));
    }
    if repo::written(&mut tx, user, line.product_id).await? {
        return Err(problem(ReviewProblem::AlreadyReviewed));
    }
    let author = shown_name(name);
    let written = repo::Written {
        user,
        order,
        line: &line,
        rating: req.rating,
        body,
        author: &author,
        at: now_millis(),
    };
    let id = repo::insert(&mut tx, &written)
        .await?
        .ok_or(problem(ReviewProblem::AlreadyReviewed))?;
    for (position, key) in req.photos.iter().enumerate() {
        let position = i64::try_from(position).unwrap_or(0);
        if !repo::attach_photo(&mut tx, order, id, position, key).await? {
            return Err(problem(ReviewProblem::Photos));
        }
    }
    tx.commit().await?;
    Ok(id)
}

/// Hides review `id` with `reason` (`Some`), or shows it again (`None`).
pub async fn set_hidden(db: &Db, actor: &ActorRef, id: i64, reason: Option<&str>) -> AppResult<()> {
    let reason = reason.map(check_reply).transpose().map_err(problem)?;
    let mut tx = db.begin_write().await?;
    let before = repo::staff_one(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("review"))?;
    if !repo::set_hidden(&mut tx, id, reason.as_deref(), now_millis()).await? {
        return Err(AppError::NotFound("review"));
    }
    let action = if reason.is_some() {
        AuditAction::ReviewHide
    } else {
        AuditAction::ReviewShow
    };
    let changes = Changes::new().field(
        "hidden_reason",
        before.hidden_reason.as_deref(),
        reason.as_deref(),
    );
    audit::record(
        &mut tx,
        actor,
        action,
        &id.to_string(),
        changes,
        reason.as_deref().unwrap_or(""),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The shop's public answer to review `id` (an empty `text` takes it back).
pub async fn reply(db: &Db, actor: &ActorRef, id: i64, text: &str) -> AppResult<()> {
    let reply = if text.trim().is_empty() {
        String::new()
    } else {
        check_reply(text).map_err(problem)?
    };
    let mut tx = db.begin_write().await?;
    let before = repo::staff_one(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("review"))?;
    repo::set_reply(&mut tx, id, &reply, now_millis()).await?;
    let changes = Changes::new().field(
        "reply",
        before.review.reply.as_deref(),
        Some(reply.as_str()).filter(|r| !r.is_empty()),
    );
    audit::record(
        &mut tx,
        actor,
        AuditAction::ReviewReply,
        &id.to_string(),
        changes,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
