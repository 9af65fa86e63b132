//! The back office's calls for procurement (采购): suppliers and what each sells the shop,
//! the purchase suggestions, purchase orders and their steps, the approval threshold, and
//! the goods received against orders with their inspection and put-away.

use super::*;
use shared::procurement::orders::PurchaseOrderStatus;
use shared::procurement::portal::NewSupplierAccount;
use shared::procurement::purchasing::{
    CancelPurchase, FromSuggestions, ProcurementSettings, PurchaseOrderDraft, PurchaseOrderSummary,
    PurchaseOrderView, SuggestionView,
};
use shared::procurement::receiving::{
    InspectReceipt, PutAway, ReceiptStatus, ReceiptSummary, ReceiptView, ReceiveGoods,
};
use shared::procurement::suppliers::{OffersDraft, SupplierDraft, SupplierSummary, SupplierView};

// suppliers ----------------------------------------------------------------------------

pub fn suppliers() -> impl Future<Output = ApiResult<Vec<SupplierSummary>>> {
    get("/api/v1/admin/suppliers".into())
}

pub fn supplier(id: i64) -> impl Future<Output = ApiResult<SupplierView>> {
    get(format!("/api/v1/admin/suppliers/{id}"))
}

/// Creates (`id` = `None`) or saves a supplier's record; answers the supplier with their list.
pub fn save_supplier(
    id: Option<i64>,
    d: &SupplierDraft,
) -> impl Future<Output = ApiResult<SupplierView>> {
    match id {
        None => send(Method::Post, "/api/v1/admin/suppliers".into(), json(d)),
        Some(id) => send(
            Method::Put,
            format!("/api/v1/admin/suppliers/{id}"),
            json(d),
        ),
    }
}

/// Replaces the supplier's whole list (what is left out is no longer bought from them).
pub fn save_offers(id: i64, d: &OffersDraft) -> impl Future<Output = ApiResult<SupplierView>> {
    send(
        Method::Put,
        format!("/api/v1/admin/suppliers/{id}/offers"),
        json(d),
    )
}

/// Invites someone of the supplier's own staff to the supplier portal; answers the
/// supplier with their accounts.
pub fn invite_supplier_account(
    id: i64,
    d: &NewSupplierAccount,
) -> impl Future<Output = ApiResult<SupplierView>> {
    send(
        Method::Post,
        format!("/api/v1/admin/suppliers/{id}/accounts"),
        json(d),
    )
}

// suggestions --------------------------------------------------------------------------

pub fn suggestions() -> impl Future<Output = ApiResult<Vec<SuggestionView>>> {
    get("/api/v1/admin/procurement/suggestions".into())
}

/// Writes the chosen suggestions as drafts, one per supplier.
pub fn orders_from_suggestions(
    req: &FromSuggestions,
) -> impl Future<Output = ApiResult<Vec<PurchaseOrderSummary>>> {
    send(
        Method::Post,
        "/api/v1/admin/purchase-orders/from-suggestions".into(),
        json(req),
    )
}

// purchase orders ----------------------------------------------------------------------

/// The purchase orders, only those in `status` when given.
pub fn purchase_orders(
    status: Option<PurchaseOrderStatus>,
) -> impl Future<Output = ApiResult<Vec<PurchaseOrderSummary>>> {
    let mut s = QueryString::default();
    push(&mut s, "status", status.map(PurchaseOrderStatus::as_str));
    get(with_query("/api/v1/admin/purchase-orders", s))
}

pub fn purchase_order(id: i64) -> impl Future<Output = ApiResult<PurchaseOrderView>> {
    get(format!("/api/v1/admin/purchase-orders/{id}"))
}

/// Writes a new draft (`id` = `None`) or a draft's lines and note again.
pub fn save_purchase_order(
    id: Option<i64>,
    d: &PurchaseOrderDraft,
) -> impl Future<Output = ApiResult<PurchaseOrderView>> {
    match id {
        None => send(
            Method::Post,
            "/api/v1/admin/purchase-orders".into(),
            json(d),
        ),
        Some(id) => send(
            Method::Put,
            format!("/api/v1/admin/purchase-orders/{id}"),
            json(d),
        ),
    }
}

/// `approve` or `send` a draft.
pub fn purchase_order_step(
    id: i64,
    step: &str,
) -> impl Future<Output = ApiResult<PurchaseOrderView>> {
    send(
        Method::Post,
        format!("/api/v1/admin/purchase-orders/{id}/{step}"),
        None,
    )
}

pub fn cancel_purchase_order(
    id: i64,
    reason: &str,
) -> impl Future<Output = ApiResult<PurchaseOrderView>> {
    send(
        Method::Post,
        format!("/api/v1/admin/purchase-orders/{id}/cancel"),
        json(&CancelPurchase {
            reason: reason.to_string(),
        }),
    )
}

// receiving ----------------------------------------------------------------------------

/// Receives what arrived against purchase order `id` (or one of its shipping notices) into
/// the receiving area; answers the new receipt.
pub fn receive_goods(id: i64, d: &ReceiveGoods) -> impl Future<Output = ApiResult<ReceiptView>> {
    send(
        Method::Post,
        format!("/api/v1/admin/purchase-orders/{id}/receipts"),
        json(d),
    )
}

/// The goods receipts, newest first: only those in `status`, or of `purchase_order`, when
/// given.
pub fn receipts(
    status: Option<ReceiptStatus>,
    purchase_order: Option<i64>,
) -> impl Future<Output = ApiResult<Vec<ReceiptSummary>>> {
    let mut s = QueryString::default();
    push(&mut s, "status", status.map(ReceiptStatus::as_str));
    push(&mut s, "purchase_order", purchase_order);
    get(with_query("/api/v1/admin/receipts", s))
}

pub fn receipt(id: i64) -> impl Future<Output = ApiResult<ReceiptView>> {
    get(format!("/api/v1/admin/receipts/{id}"))
}

/// Records the inspection of every line of a receipt.
pub fn inspect_receipt(
    id: i64,
    d: &InspectReceipt,
) -> impl Future<Output = ApiResult<ReceiptView>> {
    send(
        Method::Post,
        format!("/api/v1/admin/receipts/{id}/inspect"),
        json(d),
    )
}

/// Puts every accepted line of a receipt into its bin: then it is stock.
pub fn put_away_receipt(id: i64, d: &PutAway) -> impl Future<Output = ApiResult<ReceiptView>> {
    send(
        Method::Post,
        format!("/api/v1/admin/receipts/{id}/put-away"),
        json(d),
    )
}

// settings -----------------------------------------------------------------------------

pub fn procurement_settings() -> impl Future<Output = ApiResult<ProcurementSettings>> {
    get("/api/v1/admin/procurement/settings".into())
}

pub fn set_procurement_settings(
    s: ProcurementSettings,
) -> impl Future<Output = ApiResult<ProcurementSettings>> {
    send(
        Method::Put,
        "/api/v1/admin/procurement/settings".into(),
        json(&s),
    )
}
