//! Orders in the back office: the list (filters, search, sort and pages from the URL), one
//! order with its history, shipments and notes, and the actions on it: recording bank
//! transfers (one or several at once), allocating, cancelling, holding and releasing.

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::db::orders::{self as repo, StaffOrderFilter};
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::mark_paid::mark_paid;
use crate::workflows::order_actions as actions;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::checkout::Address;
use shared::list::{parse_search, PageRequest, Paged};
use shared::orders::refund::{NewRefund, RefundView};
use shared::orders::{
    BulkOrders, BulkOutcome, NewNote, OrderAction, OrderDetail, OrderListQuery, OrderNumber,
    OrderRow,
};
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_orders))
        .routes(routes!(mark_one_paid))
        .routes(routes!(mark_many_paid))
        .routes(routes!(order))
        .routes(routes!(allocate))
        .routes(routes!(cancel))
        .routes(routes!(hold))
        .routes(routes!(release))
        .routes(routes!(add_note))
        .routes(routes!(refund))
        .routes(routes!(change_address))
}

fn number_of(text: &str) -> AppResult<OrderNumber> {
    OrderNumber::parse(text).ok_or(AppError::NotFound("order"))
}

/// One order: lines, totals, address, history with who and when, shipments, internal notes
/// and the buyer's other orders (permission `view_orders`).
#[utoipa::path(get, path = "/orders/{number}", tag = ADMIN, operation_id = "adminOrder",
    params(("number" = String, Path, description = "The order number", max_length = 20)),
    security(("session" = [])),
    responses(
        (status = 200, description = "The order", body = OrderDetail),
        (status = 404, description = "No order has this number", body = ApiError)))]
async fn order(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(number): ApiPath<String>,
) -> AppResult<Json<OrderDetail>> {
    staff.require(Permission::ViewOrders)?;
    let number = number_of(&number)?;
    let mut conn = state.db.pool.acquire().await?;
    let found = crate::db::order_detail::load(&mut conn, number.as_str()).await?;
    found.map(Json).ok_or(AppError::NotFound("order"))
}

/// The shipments an allocation made.
#[derive(serde::Serialize, utoipa::ToSchema)]
struct Allocated {
    shipments: Vec<i64>,
}

/// Allocate a paid or cash-on-delivery order to warehouses: one shipment per seller from
/// the nearest warehouse that holds everything, else split (permission `allocate_orders`).
#[utoipa::path(post, path = "/orders/{number}/allocate", tag = ADMIN, operation_id = "adminAllocateOrder",
    params(("number" = String, Path, description = "The order number", max_length = 20)),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Allocated: its new shipments", body = Allocated),
        (status = 404, description = "No order has this number", body = ApiError),
        (status = 409, description = "Allocated already (already_allocated), on hold (on_hold), unpaid (not_paid), past fulfilment (not_allocatable) or out of stock (out_of_stock)", body = ApiError)))]
async fn allocate(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(number): ApiPath<String>,
) -> AppResult<Json<Allocated>> {
    staff.require(Permission::AllocateOrders)?;
    let number = number_of(&number)?;
    let shipments = crate::workflows::allocate::allocate(&state.db, &staff.actor, &number).await?;
    Ok(Json(Allocated { shipments }))
}

/// Cancel an order that has not shipped: its shipments are cancelled, its stock and its
/// coupon use given back (permission `manage_orders`).
#[utoipa::path(post, path = "/orders/{number}/cancel", tag = ADMIN, operation_id = "adminCancelOrder",
    params(("number" = String, Path, description = "The order number", max_length = 20)),
    request_body = OrderAction,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Cancelled"),
        (status = 404, description = "No order has this number", body = ApiError),
        (status = 409, description = "Shipped already (already_shipped) or past cancelling (illegal_transition)", body = ApiError),
        (status = 422, description = "No reason given", body = ApiError)))]
async fn cancel(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(number): ApiPath<String>,
    ApiJson(req): ApiJson<OrderAction>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageOrders)?;
    let number = number_of(&number)?;
    actions::cancel(&state.db, &staff.actor, &number, &req.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Put an order on hold: nothing of it is allocated, picked or shipped until it is released
/// (permission `manage_orders`).
#[utoipa::path(post, path = "/orders/{number}/hold", tag = ADMIN, operation_id = "adminHoldOrder",
    params(("number" = String, Path, description = "The order number", max_length = 20)),
    request_body = OrderAction,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "On hold"),
        (status = 404, description = "No order has this number", body = ApiError),
        (status = 409, description = "On hold already (already_on_hold) or shipped (not_holdable)", body = ApiError),
        (status = 422, description = "No reason given", body = ApiError)))]
async fn hold(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(number): ApiPath<String>,
    ApiJson(req): ApiJson<OrderAction>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageOrders)?;
    let number = number_of(&number)?;
    actions::hold(&state.db, &staff.actor, &number, true, &req.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Release an order from hold (permission `manage_orders`).
#[utoipa::path(post, path = "/orders/{number}/release", tag = ADMIN, operation_id = "adminReleaseOrder",
    params(("number" = String, Path, description = "The order number", max_length = 20)),
    request_body = OrderAction,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Released"),
        (status = 404, description = "No order has this number", body = ApiError),
        (status = 409, description = "Not on hold (not_on_hold)", body = ApiError),
        (status = 422, description = "No reason given", body = ApiError)))]
async fn release(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(number): ApiPath<String>,
    ApiJson(req): ApiJson<OrderAction>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageOrders)?;
    let number = number_of(&number)?;
    actions::hold(&state.db, &staff.actor, &number, false, &req.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An internal note on an order, for staff only (permission `manage_orders`).
#[utoipa::path(post, path = "/orders/{number}/notes", tag = ADMIN, operation_id = "adminAddOrderNote",
    params(("number" = String, Path, description = "The order number", max_length = 20)),
    request_body = NewNote,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Written"),
        (status = 404, description = "No order has this number", body = ApiError),
        (status = 422, description = "An empty or too long note", body = ApiError)))]
async fn add_note(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(number): ApiPath<String>,
    ApiJson(req): ApiJson<NewNote>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageOrders)?;
    let number = number_of(&number)?;
    actions::note(&state.db, &staff.actor, &number, &req.body).await?;
    Ok(StatusCode::NO_CONTENT)
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
    if q.warehouse.is_some_and(|w| w.0 < 1) {
        return Err(AppError::InvalidInput {
            field: Some("warehouse".into()),
            message: "`warehouse`: a warehouse id is 1 or more".into(),
        });
    }
    let province = match q.province.as_deref() {
        Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) && !p.starts_with('0') => {
            Some(p.to_string())
        }
        Some(_) => {
            return Err(AppError::InvalidInput {
                field: Some("province".into()),
                message: "`province`: the two digits of a province's code (31 for Shanghai)".into(),
            })
        }
        None => None,
    };
    let shipping_method = match q.shipping_method.as_deref() {
        Some(m)
            if (1..=32).contains(&m.len())
                && m.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-'
                }) =>
        {
            Some(m.to_string())
        }
        Some(_) => {
            return Err(AppError::InvalidInput {
                field: Some("shipping_method".into()),
                message: "`shipping_method`: a delivery method's code".into(),
            })
        }
        None => None,
    };
    let filter = StaffOrderFilter {
        from_ms: q
            .from
            .as_deref()
            .map(crate::time::shop_day_start)
            .transpose()?,
        to_ms: q.to.as_deref().map(crate::time::shop_day_end).transpose()?,
        warehouse: q.warehouse.map(|w| w.0),
        shipping_method,
        province,
        status: q.status,
        payment_method: q.payment_method,
        awaiting_transfer: q.awaiting_transfer.unwrap_or(false),
        awaiting_allocation: q.awaiting_allocation.unwrap_or(false),
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

/// Give money back, in full or in part: through the card gateway (its signed answer settles
/// it) or, for bank-transfer and cash-on-delivery orders, recorded as paid back by transfer.
/// Never more than was paid, also when two refunds are asked for at once (permission
/// `refund_orders`).
#[utoipa::path(post, path = "/orders/{number}/refunds", tag = ADMIN, operation_id = "adminRefundOrder",
    params(("number" = String, Path, description = "The order number", max_length = 20),
        ("Idempotency-Key" = String, Header,
            description = "New per refund, 8 to 100 visible ASCII characters: a repeat returns the first answer",
            min_length = 8, max_length = 100, pattern = r"^[!-~]+$")),
    request_body = NewRefund,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Refunded (or asked of the gateway): the order's refunds", body = Vec<RefundView>),
        (status = 404, description = "No order has this number", body = ApiError),
        (status = 409, description = "Nothing was paid for it (not_paid)", body = ApiError),
        (status = 422, description = "Zero, or more than was paid and not refunded (more_than_paid), no reason, or the Idempotency-Key used for another refund (idempotency_key_reused)", body = ApiError)))]
async fn refund(
    State(state): State<AppState>,
    staff: Staff,
    headers: axum::http::HeaderMap,
    ApiPath(number): ApiPath<String>,
    ApiJson(req): ApiJson<NewRefund>,
) -> AppResult<(StatusCode, Json<Vec<RefundView>>)> {
    staff.require(Permission::RefundOrders)?;
    let key = crate::api::orders::idempotency_key(&headers)?;
    let number = number_of(&number)?;
    crate::workflows::refund::refund(&state, &staff.actor, &number, &req, &key).await?;
    let mut conn = state.db.pool.acquire().await?;
    let order = crate::workflows::allocate::order_by_number(&mut conn, &number).await?;
    let refunds = crate::db::refunds::of_order(&mut conn, order.id).await?;
    Ok((StatusCode::CREATED, Json(refunds)))
}

/// A new delivery address, before anything of the order has shipped (permission
/// `manage_orders`).
#[utoipa::path(put, path = "/orders/{number}/address", tag = ADMIN, operation_id = "adminChangeOrderAddress",
    params(("number" = String, Path, description = "The order number", max_length = 20)),
    request_body = Address,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Changed"),
        (status = 404, description = "No order has this number", body = ApiError),
        (status = 409, description = "Part of it has shipped (already_shipped)", body = ApiError),
        (status = 422, description = "The address breaks a rule: `field` says which part", body = ApiError)))]
async fn change_address(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(number): ApiPath<String>,
    ApiJson(address): ApiJson<Address>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageOrders)?;
    let number = number_of(&number)?;
    actions::change_address(&state.db, &staff.actor, &number, &address).await?;
    Ok(StatusCode::NO_CONTENT)
}
