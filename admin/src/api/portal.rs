//! The supplier portal's calls (`/api/v1/supplier`): signing in and out, accepting an
//! invitation, and the supplier's own purchase orders with their steps — confirm (or
//! propose other quantities), move expected dates, announce a shipment. The supplier's
//! session is a cookie of its own; a 401 from any call but the session check means it
//! ended, and the portal's frame sends the person to its sign-in page.

use super::json;
use shared::procurement::portal::{
    AcceptSupplierInvitation, AnnounceShipment, ConfirmOrder, MoveDates, SupplierLogin, SupplierMe,
    SupplierOrderSummary, SupplierOrderView,
};
use shared::ErrorCode;
use std::future::Future;
use ui::api::{ApiResult, Method};

const BASE: &str = "/api/v1/supplier";

/// Tells the portal's session about a 401.
fn watch<T>(result: ApiResult<T>) -> ApiResult<T> {
    if let Err(e) = &result {
        if e.code == ErrorCode::Unauthorized {
            crate::supplier_portal::session::ended_elsewhere();
        }
    }
    result
}

fn get<T: serde::de::DeserializeOwned + 'static>(
    path: String,
) -> impl Future<Output = ApiResult<T>> {
    let call = ui::api::get::<T>(path);
    async move { watch(call.await) }
}

fn post<T: serde::de::DeserializeOwned + 'static>(
    path: String,
    body: Option<serde_json::Value>,
) -> impl Future<Output = ApiResult<T>> {
    let call = ui::api::send::<T>(Method::Post, path, body, Vec::new());
    async move { watch(call.await) }
}

// the session ----------------------------------------------------------------------------

/// Who is signed in to the portal (401 when nobody is).
pub fn me() -> impl Future<Output = ApiResult<SupplierMe>> {
    ui::api::get::<SupplierMe>(format!("{BASE}/me"))
}

pub fn login(email: &str, password: &str) -> impl Future<Output = ApiResult<SupplierMe>> {
    ui::api::send(
        Method::Post,
        format!("{BASE}/auth/login"),
        json(&SupplierLogin {
            email: email.to_string(),
            password: password.to_string(),
        }),
        Vec::new(),
    )
}

pub fn logout() -> impl Future<Output = ApiResult<()>> {
    ui::api::send(
        Method::Post,
        format!("{BASE}/auth/logout"),
        None,
        Vec::new(),
    )
}

/// Chooses the password of an invitation; answers the account, signed in.
pub fn accept_invitation(
    token: &str,
    password: &str,
) -> impl Future<Output = ApiResult<SupplierMe>> {
    ui::api::send(
        Method::Post,
        format!("{BASE}/auth/accept"),
        json(&AcceptSupplierInvitation {
            token: token.to_string(),
            password: password.to_string(),
        }),
        Vec::new(),
    )
}

// purchase orders ------------------------------------------------------------------------

pub fn orders() -> impl Future<Output = ApiResult<Vec<SupplierOrderSummary>>> {
    get(format!("{BASE}/purchase-orders"))
}

pub fn order(id: i64) -> impl Future<Output = ApiResult<SupplierOrderView>> {
    get(format!("{BASE}/purchase-orders/{id}"))
}

/// Confirms the order as it is, or proposes other quantities (any line differing).
pub fn confirm(id: i64, req: &ConfirmOrder) -> impl Future<Output = ApiResult<SupplierOrderView>> {
    post(format!("{BASE}/purchase-orders/{id}/confirm"), json(req))
}

pub fn move_dates(id: i64, req: &MoveDates) -> impl Future<Output = ApiResult<SupplierOrderView>> {
    post(format!("{BASE}/purchase-orders/{id}/dates"), json(req))
}

pub fn announce_shipment(
    id: i64,
    req: &AnnounceShipment,
) -> impl Future<Output = ApiResult<SupplierOrderView>> {
    post(format!("{BASE}/purchase-orders/{id}/shipments"), json(req))
}
