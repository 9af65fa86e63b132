//! The back office's calls for one order, fulfilment, the own fleet, the list's filters and saved views.

use super::*;

// one order ----------------------------------------------------------------------------

fn order_path(number: &str, rest: &str) -> String {
    format!(
        "/api/v1/admin/orders/{}{rest}",
        shared::url::encode_component(number)
    )
}

pub fn order(number: &str) -> impl Future<Output = ApiResult<OrderDetail>> {
    get(order_path(number, ""))
}

/// The shipments an allocation made.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Allocated {
    pub shipments: Vec<i64>,
}

pub fn allocate(number: &str) -> impl Future<Output = ApiResult<Allocated>> {
    send(Method::Post, order_path(number, "/allocate"), None)
}

/// What staff do to an order with a reason: `cancel`, `hold` or `release`.
pub fn order_action(
    number: &str,
    action: &str,
    reason: &str,
) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Post,
        order_path(number, &format!("/{action}")),
        Some(serde_json::json!({ "reason": reason })),
    )
}

pub fn add_note(number: &str, body: &str) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Post,
        order_path(number, "/notes"),
        Some(serde_json::json!({ "body": body })),
    )
}

// fulfilment ---------------------------------------------------------------------------

pub fn warehouses() -> impl Future<Output = ApiResult<Vec<WarehouseView>>> {
    get("/api/v1/admin/warehouses".into())
}

pub fn shipments(q: &ShipmentQuery) -> impl Future<Output = ApiResult<Paged<ShipmentRow>>> {
    let mut s = QueryString::default();
    push(&mut s, "status", q.status.as_ref().and_then(code));
    push(&mut s, "warehouse", q.warehouse.map(|w| w.0));
    push(&mut s, "page", q.page);
    push(&mut s, "page_size", q.page_size);
    get(with_query("/api/v1/admin/shipments", s))
}

pub fn shipment(id: i64) -> impl Future<Output = ApiResult<ShipmentDetail>> {
    get(format!("/api/v1/admin/shipments/{id}"))
}

pub fn reallocate(id: i64, warehouse: WarehouseId) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Post,
        format!("/api/v1/admin/shipments/{id}/reallocate"),
        json(&Reallocate { warehouse }),
    )
}

pub fn pack(id: i64, req: &PackShipment) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Post,
        format!("/api/v1/admin/shipments/{id}/pack"),
        json(req),
    )
}

/// The tracking number a shipment left with.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Shipped {
    pub tracking_number: String,
}

pub fn ship(id: i64, req: &ShipShipment) -> impl Future<Output = ApiResult<Shipped>> {
    send(
        Method::Post,
        format!("/api/v1/admin/shipments/{id}/ship"),
        json(req),
    )
}

pub fn deliver(id: i64) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Post,
        format!("/api/v1/admin/shipments/{id}/deliver"),
        None,
    )
}

pub fn pick_lists(
    status: Option<PickListStatus>,
    page: Option<u32>,
) -> impl Future<Output = ApiResult<Paged<PickListRow>>> {
    let mut s = QueryString::default();
    push(&mut s, "status", status.as_ref().and_then(code));
    push(&mut s, "page", page);
    get(with_query("/api/v1/admin/pick-lists", s))
}

pub fn create_pick_list(warehouse: WarehouseId) -> impl Future<Output = ApiResult<PickListDetail>> {
    send(
        Method::Post,
        "/api/v1/admin/pick-lists".into(),
        json(&NewPickList { warehouse }),
    )
}

pub fn pick_list(id: i64) -> impl Future<Output = ApiResult<PickListDetail>> {
    get(format!("/api/v1/admin/pick-lists/{id}"))
}

pub fn record_pick(
    id: i64,
    variant: VariantId,
    picked: u32,
) -> impl Future<Output = ApiResult<PickListDetail>> {
    send(
        Method::Put,
        format!("/api/v1/admin/pick-lists/{id}/lines/{variant}"),
        json(&RecordPick { picked }),
    )
}

pub fn complete_pick_list(id: i64) -> impl Future<Output = ApiResult<PickListDetail>> {
    send(
        Method::Post,
        format!("/api/v1/admin/pick-lists/{id}/complete"),
        None,
    )
}

/// A refund under `key` (new per refund the person asks for; a retry of the same request
/// keeps it, so it never refunds twice).
pub fn refund(
    number: &str,
    amount: i64,
    reason: &str,
    key: &str,
) -> impl Future<Output = ApiResult<Vec<RefundView>>> {
    let call = ui::api::send::<Vec<RefundView>>(
        Method::Post,
        order_path(number, "/refunds"),
        Some(serde_json::json!({ "amount": amount, "reason": reason })),
        vec![("Idempotency-Key", key.to_string())],
    );
    async move { watch(call.await) }
}

pub fn change_address(number: &str, address: &Address) -> impl Future<Output = ApiResult<()>> {
    send(Method::Put, order_path(number, "/address"), json(address))
}

// the shop's data the filters offer ----------------------------------------------------

pub fn provinces() -> impl Future<Output = ApiResult<Vec<shared::divisions::Division>>> {
    get("/api/v1/store/divisions".into())
}

pub fn shipping_methods() -> impl Future<Output = ApiResult<Vec<shared::shipping::ShippingMethod>>>
{
    get("/api/v1/store/shipping-methods".into())
}

// saved views --------------------------------------------------------------------------

pub fn my_views(
    page: shared::views::ViewPage,
) -> impl Future<Output = ApiResult<Vec<shared::views::SavedView>>> {
    get(format!("/api/v1/admin/me/views?page={}", page.as_str()))
}

pub fn save_view(
    page: shared::views::ViewPage,
    name: &str,
    query: &str,
) -> impl Future<Output = ApiResult<Vec<shared::views::SavedView>>> {
    send(
        Method::Post,
        "/api/v1/admin/me/views".into(),
        Some(serde_json::json!({ "page": page, "name": name, "query": query })),
    )
}

pub fn delete_view(id: i64) -> impl Future<Output = ApiResult<()>> {
    send(Method::Delete, format!("/api/v1/admin/me/views/{id}"), None)
}

// own fleet ----------------------------------------------------------------------------

pub fn day_routes(
    warehouse: WarehouseId,
    day: &str,
) -> impl Future<Output = ApiResult<shared::fleet::DayPlan>> {
    get(format!(
        "/api/v1/admin/routes?warehouse={warehouse}&day={}",
        shared::url::encode_component(day)
    ))
}

pub fn plan_routes(
    warehouse: WarehouseId,
    day: &str,
) -> impl Future<Output = ApiResult<shared::fleet::DayPlan>> {
    send(
        Method::Post,
        "/api/v1/admin/routes/plan".into(),
        Some(serde_json::json!({ "warehouse": warehouse, "day": day })),
    )
}

pub fn my_routes() -> impl Future<Output = ApiResult<Vec<shared::fleet::RouteView>>> {
    get("/api/v1/admin/me/routes".into())
}

pub fn record_stop(
    route: i64,
    shipment: i64,
    delivered: bool,
    note: &str,
) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Post,
        format!("/api/v1/admin/routes/{route}/stops/{shipment}"),
        Some(serde_json::json!({ "delivered": delivered, "note": note })),
    )
}

pub fn fleet() -> impl Future<Output = ApiResult<shared::fleet::FleetView>> {
    get("/api/v1/admin/fleet".into())
}

/// Creates (`id` = `None`) or saves a delivery zone with its slots; answers it as saved.
pub fn save_zone(
    id: Option<i64>,
    d: &shared::fleet::ZoneDraft,
) -> impl Future<Output = ApiResult<shared::fleet::ZoneView>> {
    match id {
        None => send(Method::Post, "/api/v1/admin/fleet/zones".into(), json(d)),
        Some(id) => send(
            Method::Put,
            format!("/api/v1/admin/fleet/zones/{id}"),
            json(d),
        ),
    }
}

pub fn delete_zone(id: i64) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Delete,
        format!("/api/v1/admin/fleet/zones/{id}"),
        None,
    )
}

/// Creates (`id` = `None`) or saves a van; answers it as saved.
pub fn save_vehicle(
    id: Option<i64>,
    d: &shared::fleet::VehicleDraft,
) -> impl Future<Output = ApiResult<shared::fleet::VehicleView>> {
    match id {
        None => send(Method::Post, "/api/v1/admin/fleet/vehicles".into(), json(d)),
        Some(id) => send(
            Method::Put,
            format!("/api/v1/admin/fleet/vehicles/{id}"),
            json(d),
        ),
    }
}

pub fn carriers() -> impl Future<Output = ApiResult<shared::fulfilment::CarrierSettings>> {
    get("/api/v1/admin/settings/carriers".into())
}

pub fn set_carriers(
    enabled: Vec<shared::fulfilment::Carrier>,
) -> impl Future<Output = ApiResult<shared::fulfilment::CarrierSettings>> {
    send(
        Method::Put,
        "/api/v1/admin/settings/carriers".into(),
        json(&shared::fulfilment::CarrierSettings { enabled }),
    )
}
