//! Inventory in the back office (库存与仓储): stock per warehouse and bin with reorder points
//! and the low-stock list, transfers between warehouses, stocktakes, and the valuation and
//! turnover report. Reading needs `view_stock`; changes `manage_stock`; approving a count's
//! variances `approve_stocktake`.

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::db::{inventory as repo, now_millis};
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::inventory as flows;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::ids::{VariantId, WarehouseId};
use shared::list::{parse_search, PageRequest, Paged};
use shared::staff::Permission;
use shared::stock_views::{
    CountLine, NewStocktake, NewTransfer, ReceiveTransfer, SetReorderPoint, StockQuery, StockRow,
    StocktakeView, TransferView, ValuationRow,
};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(stock))
        .routes(routes!(reorder_point))
        .routes(routes!(transfers, create_transfer))
        .routes(routes!(transfer))
        .routes(routes!(ship_transfer))
        .routes(routes!(receive_transfer))
        .routes(routes!(cancel_transfer))
        .routes(routes!(stocktakes, create_stocktake))
        .routes(routes!(stocktake))
        .routes(routes!(count))
        .routes(routes!(submit_stocktake))
        .routes(routes!(recount))
        .routes(routes!(approve_stocktake))
        .routes(routes!(valuation))
}

/// A page of a list.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct PageQuery {
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
    #[param(minimum = 1, maximum = 100)]
    page_size: Option<u32>,
}

/// Stock per warehouse and SKU: on hand, held for orders, free, in transit, its bin and its
/// reorder point; `low=true` is the low-stock list.
#[utoipa::path(get, path = "/stock", tag = ADMIN, operation_id = "adminStock",
    params(StockQuery),
    security(("session" = [])),
    responses((status = 200, description = "A page of stock levels", body = Paged<StockRow>)))]
async fn stock(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<StockQuery>,
) -> AppResult<Json<Paged<StockRow>>> {
    staff.require(Permission::ViewStock)?;
    let page = PageRequest::parse(q.page, q.page_size)?;
    if q.warehouse.is_some_and(|w| w.0 < 1) {
        return Err(AppError::InvalidInput {
            field: Some("warehouse".into()),
            message: "`warehouse`: a warehouse id is 1 or more".into(),
        });
    }
    let filter = repo::StockFilter {
        warehouse: q.warehouse,
        kind: q.kind,
        low: q.low.unwrap_or(false),
        q: parse_search(q.q.as_deref())?,
    };
    let mut conn = state.db.pool.acquire().await?;
    let (items, total) = repo::stock(&mut conn, &filter, page).await?;
    Ok(Json(page.of(items, total)))
}

/// Sets (or clears) the reorder point of one SKU in one warehouse.
#[utoipa::path(put, path = "/stock/{warehouse}/{variant}/reorder-point", tag = ADMIN, operation_id = "adminSetReorderPoint",
    params(("warehouse" = i64, Path, description = "The warehouse"), ("variant" = i64, Path, description = "The variant")),
    request_body = SetReorderPoint,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Set"),
        (status = 404, description = "That warehouse keeps no such item", body = ApiError),
        (status = 422, description = "Outside 0 to 1,000,000", body = ApiError)))]
async fn reorder_point(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath((warehouse, variant)): ApiPath<(i64, i64)>,
    ApiJson(req): ApiJson<SetReorderPoint>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ManageStock)?;
    flows::set_reorder_point(
        &state.db,
        &staff.actor,
        WarehouseId(warehouse),
        VariantId(variant),
        req.reorder_point,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Transfers between warehouses, newest first.
#[utoipa::path(get, path = "/transfers", tag = ADMIN, operation_id = "adminListTransfers",
    params(PageQuery),
    security(("session" = [])),
    responses((status = 200, description = "A page of transfers", body = Paged<TransferView>)))]
async fn transfers(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<Paged<TransferView>>> {
    staff.require(Permission::ViewStock)?;
    let page = PageRequest::parse(q.page, q.page_size)?;
    let mut conn = state.db.pool.acquire().await?;
    let (items, total) = repo::transfers(&mut conn, page).await?;
    Ok(Json(page.of(items, total)))
}

async fn load_transfer(state: &AppState, id: i64) -> AppResult<TransferView> {
    let mut conn = state.db.pool.acquire().await?;
    repo::transfer(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound("transfer"))
}

/// Asks for stock to move from one warehouse to another of the same seller.
#[utoipa::path(post, path = "/transfers", tag = ADMIN, operation_id = "adminCreateTransfer",
    request_body = NewTransfer,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Requested", body = TransferView),
        (status = 422, description = "No such warehouse, the same one twice, another seller's, an item not kept there, or a quantity out of bounds", body = ApiError)))]
async fn create_transfer(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<NewTransfer>,
) -> AppResult<(StatusCode, Json<TransferView>)> {
    staff.require(Permission::ManageStock)?;
    let id = flows::create_transfer(&state.db, &staff.actor, &req).await?;
    Ok((StatusCode::CREATED, Json(load_transfer(&state, id).await?)))
}

/// A transfer with its lines and history.
#[utoipa::path(get, path = "/transfers/{id}", tag = ADMIN, operation_id = "adminTransfer",
    params(("id" = i64, Path, description = "The transfer's id")),
    security(("session" = [])),
    responses((status = 200, description = "The transfer", body = TransferView),
        (status = 404, description = "No transfer has this id", body = ApiError)))]
async fn transfer(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<TransferView>> {
    staff.require(Permission::ViewStock)?;
    Ok(Json(load_transfer(&state, id).await?))
}

/// It leaves the sending warehouse: out of its books, in transit.
#[utoipa::path(post, path = "/transfers/{id}/ship", tag = ADMIN, operation_id = "adminShipTransfer",
    params(("id" = i64, Path, description = "The transfer's id")),
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "Shipped", body = TransferView),
        (status = 404, description = "No transfer has this id", body = ApiError),
        (status = 409, description = "Not requested (illegal_transition) or not enough free stock (out_of_stock)", body = ApiError)))]
async fn ship_transfer(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<TransferView>> {
    staff.require(Permission::ManageStock)?;
    flows::ship_transfer(&state.db, &staff.actor, id).await?;
    Ok(Json(load_transfer(&state, id).await?))
}

/// It arrived: what was received goes into the receiving warehouse's books.
#[utoipa::path(post, path = "/transfers/{id}/receive", tag = ADMIN, operation_id = "adminReceiveTransfer",
    params(("id" = i64, Path, description = "The transfer's id")),
    request_body = ReceiveTransfer,
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "Received", body = TransferView),
        (status = 404, description = "No transfer has this id", body = ApiError),
        (status = 409, description = "Not on its way (illegal_transition)", body = ApiError),
        (status = 422, description = "A line not on it, or more received than sent", body = ApiError)))]
async fn receive_transfer(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ReceiveTransfer>,
) -> AppResult<Json<TransferView>> {
    staff.require(Permission::ManageStock)?;
    flows::receive_transfer(&state.db, &staff.actor, id, &req).await?;
    Ok(Json(load_transfer(&state, id).await?))
}

/// Cancels a transfer that has not left.
#[utoipa::path(post, path = "/transfers/{id}/cancel", tag = ADMIN, operation_id = "adminCancelTransfer",
    params(("id" = i64, Path, description = "The transfer's id")),
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "Cancelled", body = TransferView),
        (status = 404, description = "No transfer has this id", body = ApiError),
        (status = 409, description = "It has left already (illegal_transition)", body = ApiError)))]
async fn cancel_transfer(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<TransferView>> {
    staff.require(Permission::ManageStock)?;
    flows::cancel_transfer(&state.db, &staff.actor, id).await?;
    Ok(Json(load_transfer(&state, id).await?))
}

/// Stocktakes, newest first.
#[utoipa::path(get, path = "/stocktakes", tag = ADMIN, operation_id = "adminListStocktakes",
    params(PageQuery),
    security(("session" = [])),
    responses((status = 200, description = "A page of stocktakes", body = Paged<StocktakeView>)))]
async fn stocktakes(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> AppResult<Json<Paged<StocktakeView>>> {
    staff.require(Permission::ViewStock)?;
    let page = PageRequest::parse(q.page, q.page_size)?;
    let mut conn = state.db.pool.acquire().await?;
    let (items, total) = repo::stocktakes(&mut conn, page).await?;
    Ok(Json(page.of(items, total)))
}

async fn load_stocktake(state: &AppState, id: i64) -> AppResult<StocktakeView> {
    let mut conn = state.db.pool.acquire().await?;
    repo::stocktake(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound("stocktake"))
}

/// A count sheet of a warehouse or one zone of it: every SKU kept there with its bin.
#[utoipa::path(post, path = "/stocktakes", tag = ADMIN, operation_id = "adminCreateStocktake",
    request_body = NewStocktake,
    security(("session" = [], "csrf" = [])),
    responses((status = 201, description = "The sheet", body = StocktakeView),
        (status = 409, description = "Nothing is kept there (nothing_to_count)", body = ApiError),
        (status = 422, description = "No such warehouse, or a malformed zone", body = ApiError)))]
async fn create_stocktake(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<NewStocktake>,
) -> AppResult<(StatusCode, Json<StocktakeView>)> {
    staff.require(Permission::ManageStock)?;
    let id = flows::create_stocktake(&state.db, &staff.actor, &req).await?;
    Ok((StatusCode::CREATED, Json(load_stocktake(&state, id).await?)))
}

/// A stocktake with its lines (counts and variances) and history.
#[utoipa::path(get, path = "/stocktakes/{id}", tag = ADMIN, operation_id = "adminStocktake",
    params(("id" = i64, Path, description = "The stocktake's id")),
    security(("session" = [])),
    responses((status = 200, description = "The stocktake", body = StocktakeView),
        (status = 404, description = "No stocktake has this id", body = ApiError)))]
async fn stocktake(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<StocktakeView>> {
    staff.require(Permission::ViewStock)?;
    Ok(Json(load_stocktake(&state, id).await?))
}

/// What was counted of one line (against the books at this moment).
#[utoipa::path(put, path = "/stocktakes/{id}/lines/{variant}", tag = ADMIN, operation_id = "adminCountStocktakeLine",
    params(("id" = i64, Path, description = "The stocktake's id"), ("variant" = i64, Path, description = "The line's variant")),
    request_body = CountLine,
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "Counted: the sheet as it is now", body = StocktakeView),
        (status = 404, description = "No such stocktake or line", body = ApiError),
        (status = 409, description = "Not being counted (not_counting)", body = ApiError),
        (status = 422, description = "A count out of bounds", body = ApiError)))]
async fn count(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath((id, variant)): ApiPath<(i64, i64)>,
    ApiJson(req): ApiJson<CountLine>,
) -> AppResult<Json<StocktakeView>> {
    staff.require(Permission::ManageStock)?;
    flows::count(&state.db, &staff.actor, id, VariantId(variant), req.counted).await?;
    Ok(Json(load_stocktake(&state, id).await?))
}

/// Counting done: its variances wait for approval.
#[utoipa::path(post, path = "/stocktakes/{id}/submit", tag = ADMIN, operation_id = "adminSubmitStocktake",
    params(("id" = i64, Path, description = "The stocktake's id")),
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "In review", body = StocktakeView),
        (status = 404, description = "No stocktake has this id", body = ApiError),
        (status = 409, description = "Lines uncounted (lines_left) or not being counted (illegal_transition)", body = ApiError)))]
async fn submit_stocktake(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<StocktakeView>> {
    staff.require(Permission::ManageStock)?;
    flows::submit(&state.db, &staff.actor, id, false).await?;
    Ok(Json(load_stocktake(&state, id).await?))
}

/// Sends a sheet in review back for a recount.
#[utoipa::path(post, path = "/stocktakes/{id}/recount", tag = ADMIN, operation_id = "adminRecountStocktake",
    params(("id" = i64, Path, description = "The stocktake's id")),
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "Being counted again", body = StocktakeView),
        (status = 404, description = "No stocktake has this id", body = ApiError),
        (status = 409, description = "Not in review (illegal_transition)", body = ApiError)))]
async fn recount(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<StocktakeView>> {
    staff.require(Permission::ApproveStocktake)?;
    flows::submit(&state.db, &staff.actor, id, true).await?;
    Ok(Json(load_stocktake(&state, id).await?))
}

/// Approves the variances: they go into the ledger as stocktake corrections.
#[utoipa::path(post, path = "/stocktakes/{id}/approve", tag = ADMIN, operation_id = "adminApproveStocktake",
    params(("id" = i64, Path, description = "The stocktake's id")),
    security(("session" = [], "csrf" = [])),
    responses((status = 200, description = "Approved", body = StocktakeView),
        (status = 404, description = "No stocktake has this id", body = ApiError),
        (status = 409, description = "Not in review (illegal_transition), or a count below what orders hold (reserved_exceeds_count)", body = ApiError)))]
async fn approve_stocktake(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<StocktakeView>> {
    staff.require(Permission::ApproveStocktake)?;
    flows::approve(&state.db, &staff.actor, id).await?;
    Ok(Json(load_stocktake(&state, id).await?))
}

/// Stock value (on hand × cost) and 30-day turnover per category, finished goods and raw
/// materials apart.
#[utoipa::path(get, path = "/reports/valuation", tag = ADMIN, operation_id = "adminValuation",
    security(("session" = [])),
    responses((status = 200, description = "One row per category and kind", body = Vec<ValuationRow>)))]
async fn valuation(
    State(state): State<AppState>,
    staff: Staff,
) -> AppResult<Json<Vec<ValuationRow>>> {
    staff.require(Permission::ViewStock)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(
        repo::valuation(&mut conn, now_millis() - 30 * 86_400_000).await?,
    ))
}
