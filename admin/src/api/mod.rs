//! The back office's typed API client: one function per call, on `ui`'s transport. A 401
//! from any call means the session ended (signed out elsewhere, deactivated, idle): the
//! session learns it and the frame sends the person to the sign-in page.

use serde::de::DeserializeOwned;
use shared::audit::{AuditEntry, AuditQuery};
use shared::catalog::admin::{
    BrandDraft, BrandRow, BulkProducts, CategoryDraft, CategoryMove, CategoryNode, ProductDraft,
    ProductEditor, ProductListQuery, ProductRow,
};
use shared::catalog::csv::ImportEvent;
use shared::checkout::Address;
use shared::customers::Me;
use shared::fulfilment::{
    NewPickList, PackShipment, PickListDetail, PickListRow, PickListStatus, Reallocate, RecordPick,
    ShipShipment, ShipmentDetail, ShipmentQuery, ShipmentRow, WarehouseView,
};
use shared::ids::UserId;
use shared::ids::{BrandId, CategoryId, ProductId};
use shared::ids::{VariantId, WarehouseId};
use shared::list::Paged;
use shared::orders::refund::RefundView;
use shared::orders::{BulkOutcome, OrderDetail, OrderListQuery, OrderRow};
use shared::reports::{Dashboard, DashboardQuery, PeriodKind};
use shared::staff::{
    InviteStaff, SecuritySettings, StaffListQuery, StaffMember, StaffRole, StaffSession,
    TwoFactorSetup,
};
use shared::stock_views::{
    CountLine, NewStocktake, NewTransfer, ReceiveTransfer, SetReorderPoint, StockQuery, StockRow,
    StocktakeView, TransferView, ValuationRow,
};
use shared::url::QueryString;
use shared::{ApiError, ErrorCode};
use std::future::Future;
use ui::api::{ApiResult, Method};

/// Tells the session about a 401.
fn watch<T>(result: ApiResult<T>) -> ApiResult<T> {
    if let Err(e) = &result {
        if e.code == ErrorCode::Unauthorized {
            crate::session::ended_elsewhere();
        }
    }
    result
}

pub(crate) fn get<T: DeserializeOwned + 'static>(
    path: String,
) -> impl Future<Output = ApiResult<T>> {
    let call = ui::api::get::<T>(path);
    async move { watch(call.await) }
}

pub(crate) fn send<T: DeserializeOwned + 'static>(
    method: Method,
    path: String,
    body: Option<serde_json::Value>,
) -> impl Future<Output = ApiResult<T>> {
    let call = ui::api::send::<T>(method, path, body, Vec::new());
    async move { watch(call.await) }
}

pub(crate) fn json<B: serde::Serialize>(body: &B) -> Option<serde_json::Value> {
    serde_json::to_value(body).ok()
}

/// Appends `key=value` to a query string when there is a value.
pub(crate) fn push<T: ToString>(q: &mut QueryString, key: &str, value: Option<T>) {
    if let Some(v) = value {
        q.push(key, &v.to_string());
    }
}

pub(crate) fn code<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

pub(crate) fn with_query(path: &str, q: QueryString) -> String {
    let q = q.finish();
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{q}")
    }
}

/// POSTs a file the person chose (a picture, a CSV file).
pub(crate) fn send_file<T: DeserializeOwned + 'static>(
    path: String,
    file: web_sys::File,
) -> impl Future<Output = ApiResult<T>> {
    let content_type = match file.type_() {
        t if t.is_empty() => "application/octet-stream".to_string(),
        t => t,
    };
    let call = ui::api::send_blob::<T>(path, file.into(), content_type);
    async move { watch(call.await) }
}

// session ------------------------------------------------------------------------------

/// Who is signed in; `background` calls (the session check every few seconds) do not keep
/// an idle session alive.
pub fn session(background: bool) -> impl Future<Output = ApiResult<StaffSession>> {
    let headers = if background {
        vec![("X-Background-Request", "1".to_string())]
    } else {
        Vec::new()
    };
    ui::api::get_with::<StaffSession>("/api/v1/admin/me".into(), headers)
}

pub fn login(
    email: &str,
    password: &str,
    totp_code: Option<&str>,
) -> impl Future<Output = ApiResult<Me>> {
    ui::api::send(
        Method::Post,
        "/api/v1/auth/login".into(),
        Some(serde_json::json!({"email": email, "password": password, "totp_code": totp_code})),
        Vec::new(),
    )
}

pub fn logout() -> impl Future<Output = ApiResult<()>> {
    ui::api::send(Method::Post, "/api/v1/auth/logout".into(), None, Vec::new())
}

pub fn request_password_reset(email: &str) -> impl Future<Output = ApiResult<()>> {
    ui::api::send(
        Method::Post,
        "/api/v1/auth/password-reset".into(),
        Some(serde_json::json!({ "email": email })),
        Vec::new(),
    )
}

pub fn confirm_password_reset(token: &str, password: &str) -> impl Future<Output = ApiResult<()>> {
    ui::api::send(
        Method::Post,
        "/api/v1/auth/password-reset/confirm".into(),
        Some(serde_json::json!({ "token": token, "password": password })),
        Vec::new(),
    )
}

pub fn accept_invitation(token: &str, password: &str) -> impl Future<Output = ApiResult<Me>> {
    ui::api::send(
        Method::Post,
        "/api/v1/auth/invitations/accept".into(),
        Some(serde_json::json!({ "token": token, "password": password })),
        Vec::new(),
    )
}

// my two-factor sign-in ---------------------------------------------------------------------

pub fn start_two_factor() -> impl Future<Output = ApiResult<TwoFactorSetup>> {
    send(
        Method::Post,
        "/api/v1/admin/me/two-factor/setup".into(),
        None,
    )
}

pub fn enable_two_factor(code: &str) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Post,
        "/api/v1/admin/me/two-factor/enable".into(),
        Some(serde_json::json!({ "code": code })),
    )
}

pub fn disable_two_factor(code: &str) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Post,
        "/api/v1/admin/me/two-factor/disable".into(),
        Some(serde_json::json!({ "code": code })),
    )
}

// orders -------------------------------------------------------------------------------

pub fn orders(q: &OrderListQuery) -> impl Future<Output = ApiResult<Paged<OrderRow>>> {
    let mut s = QueryString::default();
    push(&mut s, "status", q.status.as_ref().and_then(code));
    push(
        &mut s,
        "payment_method",
        q.payment_method.as_ref().and_then(code),
    );
    push(&mut s, "awaiting_transfer", q.awaiting_transfer);
    push(&mut s, "awaiting_allocation", q.awaiting_allocation);
    push(&mut s, "from", q.from.clone());
    push(&mut s, "to", q.to.clone());
    push(&mut s, "warehouse", q.warehouse.map(|w| w.0));
    push(&mut s, "shipping_method", q.shipping_method.clone());
    push(&mut s, "province", q.province.clone());
    push(&mut s, "q", q.q.clone());
    push(&mut s, "sort", q.sort.as_ref().and_then(code));
    push(&mut s, "dir", q.dir.as_ref().and_then(code));
    push(&mut s, "page", q.page);
    push(&mut s, "page_size", q.page_size);
    get(with_query("/api/v1/admin/orders", s))
}

pub fn mark_paid(numbers: Vec<String>) -> impl Future<Output = ApiResult<Vec<BulkOutcome>>> {
    send(
        Method::Post,
        "/api/v1/admin/orders/mark-paid".into(),
        Some(serde_json::json!({ "numbers": numbers })),
    )
}

// staff --------------------------------------------------------------------------------

pub fn staff(q: &StaffListQuery) -> impl Future<Output = ApiResult<Paged<StaffMember>>> {
    let mut s = QueryString::default();
    push(&mut s, "q", q.q.clone());
    push(&mut s, "role", q.role.as_ref().and_then(code));
    push(&mut s, "status", q.status.as_ref().and_then(code));
    push(&mut s, "sort", q.sort.as_ref().and_then(code));
    push(&mut s, "dir", q.dir.as_ref().and_then(code));
    push(&mut s, "page", q.page);
    push(&mut s, "page_size", q.page_size);
    get(with_query("/api/v1/admin/staff", s))
}

pub fn staff_member(id: UserId) -> impl Future<Output = ApiResult<StaffMember>> {
    get(format!("/api/v1/admin/staff/{id}"))
}

pub fn invite(req: &InviteStaff) -> impl Future<Output = ApiResult<StaffMember>> {
    send(Method::Post, "/api/v1/admin/staff".into(), json(req))
}

pub fn set_roles(
    id: UserId,
    roles: Vec<StaffRole>,
) -> impl Future<Output = ApiResult<StaffMember>> {
    send(
        Method::Put,
        format!("/api/v1/admin/staff/{id}/roles"),
        Some(serde_json::json!({ "roles": roles })),
    )
}

pub fn set_active(id: UserId, active: bool) -> impl Future<Output = ApiResult<StaffMember>> {
    let what = if active { "reactivate" } else { "deactivate" };
    send(
        Method::Post,
        format!("/api/v1/admin/staff/{id}/{what}"),
        None,
    )
}

pub fn resend_invitation(id: UserId) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Post,
        format!("/api/v1/admin/staff/{id}/invitation"),
        None,
    )
}

pub fn send_password_reset(id: UserId) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Post,
        format!("/api/v1/admin/staff/{id}/password-reset"),
        None,
    )
}

// audit --------------------------------------------------------------------------------

pub fn audit(q: &AuditQuery) -> impl Future<Output = ApiResult<Paged<AuditEntry>>> {
    let mut s = QueryString::default();
    push(&mut s, "actor", q.actor);
    push(&mut s, "entity_type", q.entity_type.as_ref().and_then(code));
    push(&mut s, "entity_id", q.entity_id.clone());
    push(&mut s, "action", q.action.as_ref().and_then(code));
    push(&mut s, "from", q.from.clone());
    push(&mut s, "to", q.to.clone());
    push(&mut s, "page", q.page);
    push(&mut s, "page_size", q.page_size);
    get(with_query("/api/v1/admin/audit", s))
}

// settings -----------------------------------------------------------------------------

pub fn security() -> impl Future<Output = ApiResult<SecuritySettings>> {
    get("/api/v1/admin/settings/security".into())
}

pub fn set_security(s: SecuritySettings) -> impl Future<Output = ApiResult<SecuritySettings>> {
    send(
        Method::Put,
        "/api/v1/admin/settings/security".into(),
        json(&s),
    )
}

/// An error for input the page refused before sending anything.
pub fn local_error(problem: &str, field: &str) -> ApiError {
    let mut e = ApiError::new(ErrorCode::Validation, problem).with_problem(problem);
    e.field = Some(field.to_string());
    e
}

// catalogue ----------------------------------------------------------------------------

/// What a create answers: the new record's id.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
pub struct Created {
    pub id: i64,
}

/// What a bulk action answers.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
pub struct BulkDone {
    pub changed: usize,
}

/// The product list's filters as a query string.
fn product_filters(q: &ProductListQuery) -> QueryString {
    let mut s = QueryString::default();
    push(&mut s, "q", q.q.clone());
    push(&mut s, "category", q.category);
    push(&mut s, "brand", q.brand);
    push(&mut s, "status", q.status.as_ref().and_then(code));
    push(&mut s, "stock", q.stock.as_ref().and_then(code));
    s
}

pub fn products(q: &ProductListQuery) -> impl Future<Output = ApiResult<Paged<ProductRow>>> {
    let mut s = product_filters(q);
    push(&mut s, "sort", q.sort.as_ref().and_then(code));
    push(&mut s, "dir", q.dir.as_ref().and_then(code));
    push(&mut s, "page", q.page);
    push(&mut s, "page_size", q.page_size);
    get(with_query("/api/v1/admin/products", s))
}

pub fn product(id: ProductId) -> impl Future<Output = ApiResult<ProductEditor>> {
    get(format!("/api/v1/admin/products/{}", id.0))
}

/// Creates (`id` = `None`) or saves a product; answers it as the editor shows it.
pub fn save_product(
    id: Option<ProductId>,
    draft: &ProductDraft,
) -> impl Future<Output = ApiResult<ProductEditor>> {
    match id {
        None => send(Method::Post, "/api/v1/admin/products".into(), json(draft)),
        Some(id) => send(
            Method::Put,
            format!("/api/v1/admin/products/{}", id.0),
            json(draft),
        ),
    }
}

pub fn bulk_products(req: &BulkProducts) -> impl Future<Output = ApiResult<BulkDone>> {
    send(
        Method::Post,
        "/api/v1/admin/products/bulk".into(),
        json(req),
    )
}

pub fn categories() -> impl Future<Output = ApiResult<Vec<CategoryNode>>> {
    get("/api/v1/admin/categories".into())
}

pub fn create_category(d: &CategoryDraft) -> impl Future<Output = ApiResult<Created>> {
    send(Method::Post, "/api/v1/admin/categories".into(), json(d))
}

pub fn update_category(id: CategoryId, d: &CategoryDraft) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Put,
        format!("/api/v1/admin/categories/{}", id.0),
        json(d),
    )
}

pub fn move_category(id: CategoryId, to: &CategoryMove) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Post,
        format!("/api/v1/admin/categories/{}/move", id.0),
        json(to),
    )
}

pub fn delete_category(id: CategoryId) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Delete,
        format!("/api/v1/admin/categories/{}", id.0),
        None,
    )
}

pub fn brands() -> impl Future<Output = ApiResult<Vec<BrandRow>>> {
    get("/api/v1/admin/brands".into())
}

/// Creates (`id` = `None`) or saves a brand; answers its id.
pub fn save_brand(
    id: Option<BrandId>,
    d: &BrandDraft,
) -> impl Future<Output = ApiResult<Option<Created>>> {
    match id {
        None => send(Method::Post, "/api/v1/admin/brands".into(), json(d)),
        Some(id) => send(
            Method::Put,
            format!("/api/v1/admin/brands/{}", id.0),
            json(d),
        ),
    }
}

// reports ------------------------------------------------------------------------------

pub fn dashboard(q: &DashboardQuery) -> impl Future<Output = ApiResult<Dashboard>> {
    let mut s = QueryString::default();
    push(&mut s, "period", q.period.map(PeriodKind::code));
    push(&mut s, "from", q.from.clone());
    push(&mut s, "to", q.to.clone());
    get(with_query("/api/v1/admin/reports/dashboard", s))
}

/// Sends a CSV file to the product import (a dry run unless `apply`); `on_event` hears its
/// progress and then its report.
pub async fn import_products(
    file: web_sys::File,
    apply: bool,
    mut on_event: impl FnMut(ImportEvent),
) -> ApiResult<()> {
    let path = if apply {
        "/api/v1/admin/products/import?apply=true"
    } else {
        "/api/v1/admin/products/import"
    };
    let result =
        ui::api::send_blob_lines(path.to_string(), file.into(), "text/csv".into(), |line| {
            if let Ok(event) = serde_json::from_str::<ImportEvent>(line) {
                on_event(event);
            }
        })
        .await;
    watch(result)
}

/// The address of the CSV export of the products `q` filters (its page and sort aside).
pub fn export_products_href(q: &ProductListQuery) -> String {
    with_query("/api/v1/admin/products/export", product_filters(q))
}

mod consultations;
mod fulfilment;
mod inventory;
pub mod portal;
mod procurement;
mod repairs;
mod returns;
mod reviews;

pub use consultations::*;
pub use fulfilment::*;
pub use inventory::*;
pub use procurement::*;
pub use repairs::*;
pub use returns::*;
pub use reviews::*;
