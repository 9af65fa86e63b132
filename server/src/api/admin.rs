//! Staff actions: `/api/v1/admin/*`. Every handler takes `Staff`, checks a permission and
//! writes the audit log in the same transaction as the change.

use crate::auth::session::Staff;
use crate::db::{accounts, now_millis, orders as repo};
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use axum::extract::Query;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::orders::{OrderNumber, OrderStatus};
use shared::staff::{OrderRow, Permission};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/orders", get(list_orders))
        .route("/orders/{number}/mark-paid", post(mark_paid))
}

#[derive(serde::Deserialize)]
struct ListQuery {
    #[serde(default)]
    awaiting: Option<String>,
}

/// The newest 100 orders, or (`?awaiting=transfer`) those waiting for a bank transfer.
async fn list_orders(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> AppResult<Json<Vec<OrderRow>>> {
    staff.require(Permission::ViewOrders)?;
    let awaiting = match q.awaiting.as_deref() {
        None | Some("") => false,
        Some("transfer") => true,
        Some(_) => {
            return Err(AppError::BadRequest(
                "awaiting may only be `transfer`".into(),
            ))
        }
    };
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(repo::staff_list(&mut conn, awaiting, 100).await?))
}

/// A bank transfer arrived: the order moves from awaiting payment to paid.
async fn mark_paid(
    State(state): State<AppState>,
    staff: Staff,
    Path(number): Path<String>,
) -> AppResult<StatusCode> {
    staff.require(Permission::MarkOrderPaid)?;
    let number = OrderNumber::parse(&number).ok_or(AppError::NotFound("order"))?;
    let mut tx = state.db.begin_write().await?;
    let Some(order) = repo::bank_transfer_order(&mut tx, number.as_str()).await? else {
        return Err(AppError::NotFound("bank-transfer order"));
    };
    let paid = OrderStatus::PendingPayment
        .transition(OrderStatus::Paid)
        .map_err(|e| AppError::Conflict {
            problem: "status".into(),
            message: e.to_string(),
        })?;
    let now = now_millis();
    if !repo::change_status(&mut tx, order, OrderStatus::PendingPayment, paid, now).await? {
        return Err(AppError::Conflict {
            problem: "not_awaiting_payment".into(),
            message: "this order does not wait for payment".into(),
        });
    }
    let actor = format!("staff:{}", staff.me.id);
    repo::insert_event(
        &mut tx,
        order,
        Some(OrderStatus::PendingPayment),
        paid,
        &actor,
        "bank transfer received",
        now,
    )
    .await?;
    accounts::audit(
        &mut tx,
        staff.me.id,
        "order.mark_paid",
        number.as_str(),
        "bank transfer received",
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
