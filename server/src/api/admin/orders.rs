//! Orders in the back office: the list (filters, search, sort and pages from the URL) and
//! recording bank transfers, one order or several at once.

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::db::orders::{self as repo, StaffOrderFilter};
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::mark_paid::mark_paid;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::list::{parse_search, PageRequest, Paged};
use shared::orders::{BulkOrders, BulkOutcome, OrderListQuery, OrderNumber, OrderRow};
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_orders))
        .routes(routes!(mark_one_paid))
        .routes(routes!(mark_many_paid))
}

/// Orders, newest first by default (permission `view_orders`).
#[utoipa::path(get, path = "/orders", tag = ADMIN, operation_id = "adminListOrders",
    params(OrderListQuery),
    security(("session" = [])),
    responses((status = 200, description = "A page of orders", body = Paged<OrderRow>)))]
async fn list_orders(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<OrderListQuery>,
) -> AppResult<Json<Paged<OrderRow>>> {
    staff.require(Permission::ViewOrders)?;
    let page = PageRequest::parse(q.page, q.page_size)?;
    let filter = StaffOrderFilter {
        status: q.status,
        payment_method: q.payment_method,
        awaiting_transfer: q.awaiting_transfer.unwrap_or(false),
        q: parse_search(q.q.as_deref())?,
        sort: q.sort.unwrap_or_default(),
        dir: q.dir.unwrap_or_default(),
    };
    let mut conn = state.db.pool.acquire().await?;
    let (items, total) = repo::staff_list(&mut conn, &filter, page).await?;
    Ok(Json(page.of(items, total)))
}

/// A bank transfer arrived: the order becomes paid, with an order event and an audit entry
/// (permission `mark_order_paid`).
#[utoipa::path(post, path = "/orders/{number}/mark-paid", tag = ADMIN, operation_id = "adminMarkOrderPaid",
    params(("number" = String, Path, description = "The order number", max_length = 20)),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Marked paid"),
        (status = 404, description = "No bank-transfer order has this number", body = ApiError),
        (status = 409, description = "The order does not wait for payment (problem not_awaiting_payment)", body = ApiError)))]
async fn mark_one_paid(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(number): ApiPath<String>,
) -> AppResult<StatusCode> {
    staff.require(Permission::MarkOrderPaid)?;
    let number = OrderNumber::parse(&number).ok_or(AppError::NotFound("order"))?;
    mark_paid(&state.db, &staff.actor, &number).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Several bank transfers arrived (a bulk action of the list): each order is marked paid in
/// its own transaction; the answer says what happened to each.
#[utoipa::path(post, path = "/orders/mark-paid", tag = ADMIN, operation_id = "adminMarkOrdersPaid",
    request_body = BulkOrders,
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "What happened to each order", body = Vec<BulkOutcome>)))]
async fn mark_many_paid(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<BulkOrders>,
) -> AppResult<Json<Vec<BulkOutcome>>> {
    staff.require(Permission::MarkOrderPaid)?;
    if req.numbers.len() > 100 {
        return Err(AppError::InvalidInput {
            field: Some("numbers".into()),
            message: "`numbers`: at most 100 orders at once".into(),
        });
    }
    let mut outcomes = Vec::with_capacity(req.numbers.len());
    for text in &req.numbers {
        let result = match OrderNumber::parse(text) {
            Some(number) => mark_paid(&state.db, &staff.actor, &number).await,
            None => Err(AppError::NotFound("order")),
        };
        outcomes.push(match result {
            Ok(()) => BulkOutcome {
                number: text.clone(),
                done: true,
                problem: None,
            },
            Err(AppError::NotFound(_)) => BulkOutcome {
                number: text.clone(),
                done: false,
                problem: Some("not_found".into()),
            },
            Err(AppError::Conflict { problem, .. }) => BulkOutcome {
                number: text.clone(),
                done: false,
                problem: Some(problem),
            },
            Err(e) => return Err(e),
        });
    }
    Ok(Json(outcomes))
}
