//! Fulfilment in the back office (订单履行): warehouses, shipments (move, pack, ship,
//! deliver) and batch pick lists (create, count, complete). Reading needs `view_fulfilment`;
//! moving stock between warehouses `allocate_orders`, picking and packing `pick_and_pack`,
//! handing over and delivery `ship_orders`.

use crate::api::{ApiJson, ApiPath, ApiQuery};
use crate::auth::staff::Staff;
use crate::db::{pick_lists, shipments};
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::{allocate, picking, shipping};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use shared::fulfilment::{
    NewPickList, PackShipment, PickListDetail, PickListRow, PickListStatus, Reallocate, RecordPick,
    ShipShipment, ShipmentDetail, ShipmentQuery, ShipmentRow, WarehouseView,
};
use shared::list::{PageRequest, Paged};
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(warehouses))
        .routes(routes!(list_shipments))
        .routes(routes!(shipment))
        .routes(routes!(reallocate))
        .routes(routes!(pack))
        .routes(routes!(ship))
        .routes(routes!(deliver))
        .routes(routes!(list_pick_lists, create_pick_list))
        .routes(routes!(pick_list))
        .routes(routes!(record_pick))
        .routes(routes!(complete_pick_list))
}

/// Warehouses with their provinces and how many shipments wait to be picked in each (for
/// fulfilment, and for those who buy into them or keep their stock).
#[utoipa::path(get, path = "/warehouses", tag = ADMIN, operation_id = "adminListWarehouses",
    security(("session" = [])),
    responses((status = 200, description = "Every warehouse", body = Vec<WarehouseView>)))]
async fn warehouses(
    State(state): State<AppState>,
    staff: Staff,
) -> AppResult<Json<Vec<WarehouseView>>> {
    staff.require_any(&[
        Permission::ViewFulfilment,
        Permission::ViewProcurement,
        Permission::ViewStock,
    ])?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(shipments::warehouses(&mut conn).await?))
}

/// Shipments, newest first, by status and warehouse.
#[utoipa::path(get, path = "/shipments", tag = ADMIN, operation_id = "adminListShipments",
    params(ShipmentQuery),
    security(("session" = [])),
    responses((status = 200, description = "A page of shipments", body = Paged<ShipmentRow>)))]
async fn list_shipments(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<ShipmentQuery>,
) -> AppResult<Json<Paged<ShipmentRow>>> {
    staff.require(Permission::ViewFulfilment)?;
    let page = PageRequest::parse(q.page, q.page_size)?;
    if q.warehouse.is_some_and(|w| w.0 < 1) {
        return Err(AppError::InvalidInput {
            field: Some("warehouse".into()),
            message: "`warehouse`: a warehouse id is 1 or more".into(),
        });
    }
    let mut conn = state.db.pool.acquire().await?;
    let (items, total) = shipments::list(&mut conn, q.status, q.warehouse, page).await?;
    Ok(Json(page.of(items, total)))
}

/// A shipment with its lines, address, package and history (packing slip and label).
#[utoipa::path(get, path = "/shipments/{id}", tag = ADMIN, operation_id = "adminShipment",
    params(("id" = i64, Path, description = "The shipment's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The shipment", body = ShipmentDetail),
        (status = 404, description = "No shipment has this id", body = ApiError)))]
async fn shipment(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<ShipmentDetail>> {
    staff.require(Permission::ViewFulfilment)?;
    let mut conn = state.db.pool.acquire().await?;
    let found = shipments::detail(&mut conn, id).await?;
    found.map(Json).ok_or(AppError::NotFound("shipment"))
}

/// Move a shipment to another warehouse of its seller while nothing of it has left a shelf
/// (not on a pick list yet, or picked and none of it found); the order's held stock moves
/// with it.
#[utoipa::path(post, path = "/shipments/{id}/reallocate", tag = ADMIN, operation_id = "adminReallocateShipment",
    params(("id" = i64, Path, description = "The shipment's id")),
    request_body = Reallocate,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Moved"),
        (status = 404, description = "No shipment has this id", body = ApiError),
        (status = 409, description = "Some of it was picked or it is being picked (not_allocated), it changed meanwhile (status_changed, illegal_transition), or the warehouse lacks stock (out_of_stock)", body = ApiError),
        (status = 422, description = "No such warehouse, another seller's, or the same one", body = ApiError)))]
async fn reallocate(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<Reallocate>,
) -> AppResult<StatusCode> {
    staff.require(Permission::AllocateOrders)?;
    allocate::reallocate(&state.db, &staff.actor, id, req.warehouse).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Packed: the carton and the weight.
#[utoipa::path(post, path = "/shipments/{id}/pack", tag = ADMIN, operation_id = "adminPackShipment",
    params(("id" = i64, Path, description = "The shipment's id")),
    request_body = PackShipment,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Packed"),
        (status = 404, description = "No shipment has this id", body = ApiError),
        (status = 409, description = "Not picked (illegal_transition), or nothing was found to pack (nothing_to_pack)", body = ApiError),
        (status = 422, description = "A weight outside 1 to 50,000 grams", body = ApiError)))]
async fn pack(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<PackShipment>,
) -> AppResult<StatusCode> {
    staff.require(Permission::PickAndPack)?;
    shipping::pack(&state.db, &staff.actor, id, &req).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The tracking number a shipment left with.
#[derive(serde::Serialize, utoipa::ToSchema)]
struct Shipped {
    tracking_number: String,
}

/// Handed to the carrier: the units leave the books, the order is shipped once nothing of
/// it is left in a warehouse, and the customer gets a message.
#[utoipa::path(post, path = "/shipments/{id}/ship", tag = ADMIN, operation_id = "adminShipShipment",
    params(("id" = i64, Path, description = "The shipment's id")),
    request_body = ShipShipment,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Shipped", body = Shipped),
        (status = 404, description = "No shipment has this id", body = ApiError),
        (status = 409, description = "Not packed (illegal_transition), shipped by someone else meanwhile (status_changed), or the order is on hold (on_hold)", body = ApiError),
        (status = 422, description = "A tracking number that is malformed or another parcel's (tracking_number, tracking_number_taken), a carrier the shop does not use (carrier_disabled), or a delivery slot that is not for this parcel (slot_not_own_fleet, no_such_slot, slot_other_zone)", body = ApiError)))]
async fn ship(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ShipShipment>,
) -> AppResult<Json<Shipped>> {
    staff.require(Permission::ShipOrders)?;
    let tracking_number = shipping::ship(&state.db, &staff.actor, id, &req).await?;
    Ok(Json(Shipped { tracking_number }))
}

/// Delivered (staff confirm it); the order is delivered once all its parcels are.
#[utoipa::path(post, path = "/shipments/{id}/deliver", tag = ADMIN, operation_id = "adminDeliverShipment",
    params(("id" = i64, Path, description = "The shipment's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Delivered"),
        (status = 404, description = "No shipment has this id", body = ApiError),
        (status = 409, description = "Not shipped (illegal_transition)", body = ApiError)))]
async fn deliver(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    staff.require(Permission::ShipOrders)?;
    shipping::deliver(&state.db, &staff.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The pick lists' filter.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct PickListQuery {
    #[param(inline)]
    status: Option<PickListStatus>,
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
    #[param(minimum = 1, maximum = 100)]
    page_size: Option<u32>,
}

/// Pick lists, newest first.
#[utoipa::path(get, path = "/pick-lists", tag = ADMIN, operation_id = "adminListPickLists",
    params(PickListQuery),
    security(("session" = [])),
    responses((status = 200, description = "A page of pick lists", body = Paged<PickListRow>)))]
async fn list_pick_lists(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(q): ApiQuery<PickListQuery>,
) -> AppResult<Json<Paged<PickListRow>>> {
    staff.require(Permission::ViewFulfilment)?;
    let page = PageRequest::parse(q.page, q.page_size)?;
    let mut conn = state.db.pool.acquire().await?;
    let (items, total) = pick_lists::list(&mut conn, q.status, page).await?;
    Ok(Json(page.of(items, total)))
}

/// A pick list of every allocated shipment waiting in a warehouse (orders on hold wait),
/// up to 200.
#[utoipa::path(post, path = "/pick-lists", tag = ADMIN, operation_id = "adminCreatePickList",
    request_body = NewPickList,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "The new pick list", body = PickListDetail),
        (status = 409, description = "Nothing waits to be picked there (nothing_to_pick)", body = ApiError),
        (status = 422, description = "No such warehouse", body = ApiError)))]
async fn create_pick_list(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(req): ApiJson<NewPickList>,
) -> AppResult<(StatusCode, Json<PickListDetail>)> {
    staff.require(Permission::PickAndPack)?;
    let id = picking::create(&state.db, &staff.actor, req.warehouse).await?;
    Ok((StatusCode::CREATED, Json(load_list(&state, id).await?)))
}

async fn load_list(state: &AppState, id: i64) -> AppResult<PickListDetail> {
    let mut conn = state.db.pool.acquire().await?;
    let found = pick_lists::detail(&mut conn, id).await?;
    found.ok_or(AppError::NotFound("pick list"))
}

/// A pick list: its lines in bin order and its shipments.
#[utoipa::path(get, path = "/pick-lists/{id}", tag = ADMIN, operation_id = "adminPickList",
    params(("id" = i64, Path, description = "The pick list's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The pick list", body = PickListDetail),
        (status = 404, description = "No pick list has this id", body = ApiError)))]
async fn pick_list(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<PickListDetail>> {
    staff.require(Permission::ViewFulfilment)?;
    Ok(Json(load_list(&state, id).await?))
}

/// What the picker found of one line (fewer than asked: a short pick).
#[utoipa::path(put, path = "/pick-lists/{id}/lines/{variant}", tag = ADMIN, operation_id = "adminRecordPick",
    params(("id" = i64, Path, description = "The pick list's id"), ("variant" = i64, Path, description = "The line's variant")),
    request_body = RecordPick,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Counted: the list as it is now", body = PickListDetail),
        (status = 404, description = "No such list or line", body = ApiError),
        (status = 409, description = "The list is completed (pick_list_done)", body = ApiError),
        (status = 422, description = "More than the line asks for", body = ApiError)))]
async fn record_pick(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath((id, variant)): ApiPath<(i64, i64)>,
    ApiJson(req): ApiJson<RecordPick>,
) -> AppResult<Json<PickListDetail>> {
    staff.require(Permission::PickAndPack)?;
    picking::record(&state.db, &staff.actor, id, variant, req.picked).await?;
    Ok(Json(load_list(&state, id).await?))
}

/// Every line counted: the list is done, its shipments picked (short ones flagged).
#[utoipa::path(post, path = "/pick-lists/{id}/complete", tag = ADMIN, operation_id = "adminCompletePickList",
    params(("id" = i64, Path, description = "The pick list's id")),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Completed", body = PickListDetail),
        (status = 404, description = "No pick list has this id", body = ApiError),
        (status = 409, description = "Lines are not counted (lines_left) or it is done already (pick_list_done)", body = ApiError)))]
async fn complete_pick_list(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<PickListDetail>> {
    staff.require(Permission::PickAndPack)?;
    picking::complete(&state.db, &staff.actor, id).await?;
    Ok(Json(load_list(&state, id).await?))
}
