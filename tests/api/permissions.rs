//! The permission matrix: every `/api/v1/admin/*` route called as anonymous, as a customer,
//! as staff without the permission and as staff with it → 401 / 403 / 403 / 2xx. The table
//! must name every admin route of the generated document (which the router is built from):
//! a new route without an entry fails this test.

use serde_json::{json, Value};
use server::db::Backend;
use shared::staff::{Permission, StaffRole};
use std::collections::BTreeSet;
use storekeep_tests::{StaffLogin, TestApp};

storekeep_tests::on_both_backends!(every_admin_route_checks_its_permission);

/// `(method, documented path, the permission it needs — None: any staff member)`.
const MATRIX: &[(&str, &str, Option<Permission>)] = &[
    ("get", "/api/v1/admin/me", None),
    ("post", "/api/v1/admin/me/two-factor/setup", None),
    ("post", "/api/v1/admin/me/two-factor/enable", None),
    ("post", "/api/v1/admin/me/two-factor/disable", None),
    ("get", "/api/v1/admin/me/views", None),
    ("post", "/api/v1/admin/me/views", None),
    ("delete", "/api/v1/admin/me/views/{id}", None),
    ("get", "/api/v1/admin/orders", Some(Permission::ViewOrders)),
    (
        "post",
        "/api/v1/admin/orders/{number}/mark-paid",
        Some(Permission::MarkOrderPaid),
    ),
    (
        "post",
        "/api/v1/admin/orders/mark-paid",
        Some(Permission::MarkOrderPaid),
    ),
    // one paid order through fulfilment, in the order of its steps
    (
        "get",
        "/api/v1/admin/orders/{number}",
        Some(Permission::ViewOrders),
    ),
    (
        "post",
        "/api/v1/admin/orders/{number}/notes",
        Some(Permission::ManageOrders),
    ),
    (
        "post",
        "/api/v1/admin/orders/{number}/hold",
        Some(Permission::ManageOrders),
    ),
    (
        "post",
        "/api/v1/admin/orders/{number}/release",
        Some(Permission::ManageOrders),
    ),
    (
        "put",
        "/api/v1/admin/orders/{number}/address",
        Some(Permission::ManageOrders),
    ),
    (
        "post",
        "/api/v1/admin/orders/{number}/allocate",
        Some(Permission::AllocateOrders),
    ),
    (
        "get",
        "/api/v1/admin/warehouses",
        Some(Permission::ViewFulfilment),
    ),
    (
        "get",
        "/api/v1/admin/shipments",
        Some(Permission::ViewFulfilment),
    ),
    (
        "get",
        "/api/v1/admin/shipments/{id}",
        Some(Permission::ViewFulfilment),
    ),
    (
        "post",
        "/api/v1/admin/shipments/{id}/reallocate",
        Some(Permission::AllocateOrders),
    ),
    (
        "get",
        "/api/v1/admin/pick-lists",
        Some(Permission::ViewFulfilment),
    ),
    (
        "post",
        "/api/v1/admin/pick-lists",
        Some(Permission::PickAndPack),
    ),
    (
        "get",
        "/api/v1/admin/pick-lists/{id}",
        Some(Permission::ViewFulfilment),
    ),
    (
        "put",
        "/api/v1/admin/pick-lists/{id}/lines/{variant}",
        Some(Permission::PickAndPack),
    ),
    (
        "post",
        "/api/v1/admin/pick-lists/{id}/complete",
        Some(Permission::PickAndPack),
    ),
    (
        "post",
        "/api/v1/admin/shipments/{id}/pack",
        Some(Permission::PickAndPack),
    ),
    (
        "post",
        "/api/v1/admin/shipments/{id}/ship",
        Some(Permission::ShipOrders),
    ),
    (
        "post",
        "/api/v1/admin/shipments/{id}/deliver",
        Some(Permission::ShipOrders),
    ),
    (
        "post",
        "/api/v1/admin/orders/{number}/refunds",
        Some(Permission::RefundOrders),
    ),
    (
        "post",
        "/api/v1/admin/orders/{number}/cancel",
        Some(Permission::ManageOrders),
    ),
    // own fleet: the day planned, a stop delivered
    (
        "get",
        "/api/v1/admin/fleet",
        Some(Permission::ViewFulfilment),
    ),
    (
        "post",
        "/api/v1/admin/routes/plan",
        Some(Permission::PlanRoutes),
    ),
    (
        "get",
        "/api/v1/admin/routes",
        Some(Permission::ViewFulfilment),
    ),
    (
        "get",
        "/api/v1/admin/me/routes",
        Some(Permission::DeliverParcels),
    ),
    (
        "post",
        "/api/v1/admin/routes/{route}/stops/{shipment}",
        Some(Permission::DeliverParcels),
    ),
    // the fleet kept: a zone made, edited and deleted, a van added and deactivated
    (
        "post",
        "/api/v1/admin/fleet/zones",
        Some(Permission::ManageFleet),
    ),
    (
        "put",
        "/api/v1/admin/fleet/zones/{id}",
        Some(Permission::ManageFleet),
    ),
    (
        "delete",
        "/api/v1/admin/fleet/zones/{id}",
        Some(Permission::ManageFleet),
    ),
    (
        "post",
        "/api/v1/admin/fleet/vehicles",
        Some(Permission::ManageFleet),
    ),
    (
        "put",
        "/api/v1/admin/fleet/vehicles/{id}",
        Some(Permission::ManageFleet),
    ),
    // inventory: a transfer sent and received, one cancelled, a stocktake counted and approved
    ("get", "/api/v1/admin/stock", Some(Permission::ViewStock)),
    (
        "put",
        "/api/v1/admin/stock/{warehouse}/{variant}/reorder-point",
        Some(Permission::ManageStock),
    ),
    (
        "get",
        "/api/v1/admin/transfers",
        Some(Permission::ViewStock),
    ),
    (
        "post",
        "/api/v1/admin/transfers",
        Some(Permission::ManageStock),
    ),
    (
        "get",
        "/api/v1/admin/transfers/{id}",
        Some(Permission::ViewStock),
    ),
    (
        "post",
        "/api/v1/admin/transfers/{id}/ship",
        Some(Permission::ManageStock),
    ),
    (
        "post",
        "/api/v1/admin/transfers/{id}/receive",
        Some(Permission::ManageStock),
    ),
    (
        "post",
        "/api/v1/admin/transfers/{id}/cancel",
        Some(Permission::ManageStock),
    ),
    (
        "get",
        "/api/v1/admin/stocktakes",
        Some(Permission::ViewStock),
    ),
    (
        "post",
        "/api/v1/admin/stocktakes",
        Some(Permission::ManageStock),
    ),
    (
        "get",
        "/api/v1/admin/stocktakes/{id}",
        Some(Permission::ViewStock),
    ),
    (
        "put",
        "/api/v1/admin/stocktakes/{id}/lines/{variant}",
        Some(Permission::ManageStock),
    ),
    (
        "post",
        "/api/v1/admin/stocktakes/{id}/submit",
        Some(Permission::ManageStock),
    ),
    (
        "post",
        "/api/v1/admin/stocktakes/{id}/recount",
        Some(Permission::ApproveStocktake),
    ),
    (
        "post",
        "/api/v1/admin/stocktakes/{id}/approve",
        Some(Permission::ApproveStocktake),
    ),
    (
        "get",
        "/api/v1/admin/reports/valuation",
        Some(Permission::ViewStock),
    ),
    ("get", "/api/v1/admin/staff", Some(Permission::ManageStaff)),
    ("post", "/api/v1/admin/staff", Some(Permission::ManageStaff)),
    (
        "get",
        "/api/v1/admin/staff/{id}",
        Some(Permission::ManageStaff),
    ),
    (
        "put",
        "/api/v1/admin/staff/{id}/roles",
        Some(Permission::ManageStaff),
    ),
    (
        "post",
        "/api/v1/admin/staff/{id}/deactivate",
        Some(Permission::ManageStaff),
    ),
    (
        "post",
        "/api/v1/admin/staff/{id}/reactivate",
        Some(Permission::ManageStaff),
    ),
    (
        "post",
        "/api/v1/admin/staff/{id}/invitation",
        Some(Permission::ManageStaff),
    ),
    (
        "post",
        "/api/v1/admin/staff/{id}/password-reset",
        Some(Permission::ManageStaff),
    ),
    ("get", "/api/v1/admin/audit", Some(Permission::ViewAuditLog)),
    (
        "get",
        "/api/v1/admin/settings/carriers",
        Some(Permission::ViewFulfilment),
    ),
    (
        "put",
        "/api/v1/admin/settings/carriers",
        Some(Permission::ManageShipping),
    ),
    (
        "get",
        "/api/v1/admin/settings/security",
        Some(Permission::ManageSecurity),
    ),
    (
        "put",
        "/api/v1/admin/settings/security",
        Some(Permission::ManageSecurity),
    ),
    (
        "get",
        "/api/v1/admin/products",
        Some(Permission::ViewCatalog),
    ),
    (
        "post",
        "/api/v1/admin/products",
        Some(Permission::ManageCatalog),
    ),
    (
        "get",
        "/api/v1/admin/products/{id}",
        Some(Permission::ViewCatalog),
    ),
    (
        "put",
        "/api/v1/admin/products/{id}",
        Some(Permission::ManageCatalog),
    ),
    (
        "post",
        "/api/v1/admin/products/bulk",
        Some(Permission::ManageCatalog),
    ),
    (
        "get",
        "/api/v1/admin/categories",
        Some(Permission::ViewCatalog),
    ),
    (
        "post",
        "/api/v1/admin/categories",
        Some(Permission::ManageCatalog),
    ),
    (
        "put",
        "/api/v1/admin/categories/{id}",
        Some(Permission::ManageCatalog),
    ),
    (
        "post",
        "/api/v1/admin/categories/{id}/move",
        Some(Permission::ManageCatalog),
    ),
    (
        "delete",
        "/api/v1/admin/categories/{id}",
        Some(Permission::ManageCatalog),
    ),
    ("get", "/api/v1/admin/brands", Some(Permission::ViewCatalog)),
    (
        "post",
        "/api/v1/admin/brands",
        Some(Permission::ManageCatalog),
    ),
    (
        "put",
        "/api/v1/admin/brands/{id}",
        Some(Permission::ManageCatalog),
    ),
    (
        "post",
        "/api/v1/admin/media",
        Some(Permission::ManageCatalog),
    ),
    (
        "get",
        "/api/v1/admin/products/export",
        Some(Permission::ViewCatalog),
    ),
    (
        "post",
        "/api/v1/admin/products/import",
        Some(Permission::ManageCatalog),
    ),
    // a return through its steps; reject and close on returns of their own
    (
        "get",
        "/api/v1/admin/returns",
        Some(Permission::ViewReturns),
    ),
    (
        "get",
        "/api/v1/admin/returns/{id}",
        Some(Permission::ViewReturns),
    ),
    (
        "post",
        "/api/v1/admin/returns/{id}/approve",
        Some(Permission::HandleReturns),
    ),
    (
        "post",
        "/api/v1/admin/returns/{id}/receive",
        Some(Permission::ReceiveReturns),
    ),
    (
        "post",
        "/api/v1/admin/returns/{id}/inspect",
        Some(Permission::ReceiveReturns),
    ),
    (
        "post",
        "/api/v1/admin/returns/{id}/refund",
        Some(Permission::RefundOrders),
    ),
    (
        "post",
        "/api/v1/admin/returns/{id}/exchange",
        Some(Permission::HandleReturns),
    ),
    (
        "post",
        "/api/v1/admin/returns/{id}/reject",
        Some(Permission::HandleReturns),
    ),
    (
        "post",
        "/api/v1/admin/returns/{id}/close",
        Some(Permission::HandleReturns),
    ),
    // a repair through its steps; reject on a second one, asked once the first is closed
    (
        "get",
        "/api/v1/admin/repairs",
        Some(Permission::HandleRepairs),
    ),
    (
        "get",
        "/api/v1/admin/repairs/{id}",
        Some(Permission::HandleRepairs),
    ),
    (
        "post",
        "/api/v1/admin/repairs/{id}/receive",
        Some(Permission::HandleRepairs),
    ),
    (
        "post",
        "/api/v1/admin/repairs/{id}/start",
        Some(Permission::HandleRepairs),
    ),
    (
        "post",
        "/api/v1/admin/repairs/{id}/return",
        Some(Permission::HandleRepairs),
    ),
    (
        "post",
        "/api/v1/admin/repairs/{id}/close",
        Some(Permission::HandleRepairs),
    ),
    (
        "post",
        "/api/v1/admin/repairs/{id}/reject",
        Some(Permission::HandleRepairs),
    ),
    (
        "get",
        "/api/v1/admin/reports/dashboard",
        Some(Permission::ViewReports),
    ),
    (
        "get",
        "/api/v1/admin/reports/quality",
        Some(Permission::ViewReports),
    ),
    // a customer's review, hidden, shown again and answered
    (
        "get",
        "/api/v1/admin/reviews",
        Some(Permission::ModerateReviews),
    ),
    (
        "post",
        "/api/v1/admin/reviews/{id}/hide",
        Some(Permission::ModerateReviews),
    ),
    (
        "post",
        "/api/v1/admin/reviews/{id}/show",
        Some(Permission::ModerateReviews),
    ),
    (
        "post",
        "/api/v1/admin/reviews/{id}/reply",
        Some(Permission::ModerateReviews),
    ), // a customer's question: read, answered, given back to nobody, resolved and closed
    (
        "get",
        "/api/v1/admin/consultations",
        Some(Permission::AnswerConsultations),
    ),
    (
        "get",
        "/api/v1/admin/consultations/unread",
        Some(Permission::AnswerConsultations),
    ),
    (
        "get",
        "/api/v1/admin/consultations/csat",
        Some(Permission::AnswerConsultations),
    ),
    (
        "get",
        "/api/v1/admin/consultations/service-levels",
        Some(Permission::AnswerConsultations),
    ),
    (
        "put",
        "/api/v1/admin/consultations/service-levels",
        Some(Permission::ManageStaff),
    ),
    (
        "get",
        "/api/v1/admin/consultations/{id}",
        Some(Permission::AnswerConsultations),
    ),
    (
        "post",
        "/api/v1/admin/consultations/{id}/messages",
        Some(Permission::AnswerConsultations),
    ),
    (
        "post",
        "/api/v1/admin/consultations/{id}/assign",
        Some(Permission::AnswerConsultations),
    ),
    (
        "post",
        "/api/v1/admin/consultations/{id}/resolve",
        Some(Permission::AnswerConsultations),
    ),
    (
        "post",
        "/api/v1/admin/consultations/{id}/close",
        Some(Permission::AnswerConsultations),
    ),
    // procurement: a supplier and its list, the threshold lowered so that the order the
    // matrix writes needs approval, then written, approved and sent (another cancelled)
    (
        "get",
        "/api/v1/admin/suppliers",
        Some(Permission::ViewProcurement),
    ),
    (
        "post",
        "/api/v1/admin/suppliers",
        Some(Permission::ManageSuppliers),
    ),
    (
        "get",
        "/api/v1/admin/suppliers/{id}",
        Some(Permission::ViewProcurement),
    ),
    (
        "put",
        "/api/v1/admin/suppliers/{id}",
        Some(Permission::ManageSuppliers),
    ),
    (
        "put",
        "/api/v1/admin/suppliers/{id}/offers",
        Some(Permission::ManageSuppliers),
    ),
    (
        "post",
        "/api/v1/admin/suppliers/{id}/accounts",
        Some(Permission::ManageSuppliers),
    ),
    (
        "get",
        "/api/v1/admin/procurement/suggestions",
        Some(Permission::ViewProcurement),
    ),
    (
        "get",
        "/api/v1/admin/procurement/settings",
        Some(Permission::ViewProcurement),
    ),
    (
        "put",
        "/api/v1/admin/procurement/settings",
        Some(Permission::ManageProcurementSettings),
    ),
    (
        "get",
        "/api/v1/admin/purchase-orders",
        Some(Permission::ViewProcurement),
    ),
    (
        "post",
        "/api/v1/admin/purchase-orders",
        Some(Permission::ManagePurchaseOrders),
    ),
    (
        "post",
        "/api/v1/admin/purchase-orders/from-suggestions",
        Some(Permission::ManagePurchaseOrders),
    ),
    (
        "get",
        "/api/v1/admin/purchase-orders/{id}",
        Some(Permission::ViewProcurement),
    ),
    (
        "put",
        "/api/v1/admin/purchase-orders/{id}",
        Some(Permission::ManagePurchaseOrders),
    ),
    (
        "post",
        "/api/v1/admin/purchase-orders/{id}/approve",
        Some(Permission::ApprovePurchaseOrders),
    ),
    (
        "post",
        "/api/v1/admin/purchase-orders/{id}/send",
        Some(Permission::ManagePurchaseOrders),
    ),
    (
        "post",
        "/api/v1/admin/purchase-orders/{id}/cancel",
        Some(Permission::ManagePurchaseOrders),
    ),
    // the order sent above is confirmed (as its supplier would): goods arrive against it
    (
        "post",
        "/api/v1/admin/purchase-orders/{id}/receipts",
        Some(Permission::ReceiveGoods),
    ),
    (
        "get",
        "/api/v1/admin/receipts",
        Some(Permission::ViewProcurement),
    ),
    (
        "get",
        "/api/v1/admin/receipts/{id}",
        Some(Permission::ViewProcurement),
    ),
    (
        "post",
        "/api/v1/admin/receipts/{id}/inspect",
        Some(Permission::ReceiveGoods),
    ),
    (
        "post",
        "/api/v1/admin/receipts/{id}/put-away",
        Some(Permission::ReceiveGoods),
    ),
    (
        "get",
        "/api/v1/admin/products/{id}/inspection-plan",
        Some(Permission::ViewProcurement),
    ),
    (
        "put",
        "/api/v1/admin/products/{id}/inspection-plan",
        Some(Permission::ManageInspectionPlans),
    ),
];

/// Changes that write no audit entry of their own, and why.
const NOT_AUDITED: &[(&str, &str)] = &[
    (
        "/api/v1/admin/me/two-factor/setup",
        "a secret offered, nothing turned on yet",
    ),
    (
        "/api/v1/admin/orders/mark-paid",
        "the order was marked paid by the call before: nothing changed",
    ),
    (
        "/api/v1/admin/products/import",
        "one entry per imported product, as many as the file has",
    ),
    // the matrix saves what is there already: nothing changes, so nothing is written
    // (tests/api/audit.rs checks their entries for real changes)
    ("/api/v1/admin/settings/security", "set to what it was"),
    (
        "/api/v1/admin/consultations/service-levels",
        "set to what it was",
    ),
    // a person's own way of looking at a list, not the shop's data
    ("/api/v1/admin/me/views", "a saved view"),
    ("/api/v1/admin/me/views/{id}", "a saved view"),
    ("/api/v1/admin/products/{id}", "saved as it was"),
    ("/api/v1/admin/products/bulk", "published while published"),
    ("/api/v1/admin/categories/{id}", "saved as it was"),
    ("/api/v1/admin/brands/{id}", "saved as it was"),
];

/// The cookie of a staff member holding `permission`.
async fn anyone_with(
    app: &TestApp,
    made: &mut Vec<(StaffRole, StaffLogin)>,
    permission: Permission,
) -> String {
    login_as(app, made, role_with(permission)).await
}

/// A role without `permission` that has other permissions when there is one (so "any staff
/// member may" is told apart from "this permission").
fn role_without(permission: Permission) -> StaffRole {
    let lacking: Vec<StaffRole> = StaffRole::ALL
        .into_iter()
        .filter(|r| !permission.granted_to().contains(r))
        .collect();
    lacking
        .iter()
        .copied()
        .find(|r| Permission::ALL.iter().any(|p| p.granted_to().contains(r)))
        .or(lacking.first().copied())
        .expect("a role without the permission")
}

fn role_with(permission: Permission) -> StaffRole {
    permission.granted_to()[permission.granted_to().len() - 1]
}

struct Fixtures {
    order: String,
    /// A second order, for the cancel route.
    cancel_order: String,
    /// The order's variant, the shipment its allocation made, the pick list it goes on, and
    /// the warehouse it is moved to.
    variant: i64,
    shipment: i64,
    pick_list: i64,
    guangzhou: i64,
    shanghai: i64,
    /// The saved view the matrix makes (and deletes).
    view: i64,
    /// Today, a route the matrix plans and the shipment of its first stop.
    day: String,
    route: i64,
    route_shipment: i64,
    /// The zone and the van the matrix makes (in Guangzhou: the Shanghai plan stays as it is).
    zone: i64,
    vehicle: i64,
    /// A transfer (sent and received), another one (cancelled), a stocktake (counted,
    /// sent back, counted again and approved): made by the matrix's own calls.
    transfer: i64,
    cancelled_transfer: i64,
    stocktake: i64,
    /// An active member the staff routes act on (deactivated and reactivated in turn).
    member: i64,
    /// A member still invited.
    invited: i64,
    /// The two-factor secret set up by the `setup` call, and the moment of the first code.
    secret: Option<String>,
    t: u64,
    /// A demo product, its editor draft, an empty category and a brand with their drafts.
    product: i64,
    product_draft: Value,
    category: i64,
    category_draft: Value,
    brand: i64,
    brand_draft: Value,
    /// Three returns of one delivered order: one taken through its steps, one rejected,
    /// one closed.
    ret: i64,
    rejected_return: i64,
    closed_return: i64,
    /// A fourth, an exchange received and inspected, for the exchange route.
    exchanged_return: i64,
    /// The customer's review of that order's product.
    review: i64,
    /// The customer's question to customer service.
    consultation: i64,
    /// A repair of that order's line taken through its steps, the order's number, and a
    /// second repair (asked once the first is closed) for the reject route.
    repair: i64,
    repair_order: String,
    rejected_repair: i64,
    /// The supplier the matrix makes, its purchase order (written, approved, sent) and a
    /// second one, cancelled.
    supplier: i64,
    purchase_order: i64,
    cancelled_purchase_order: i64,
    /// The receipt of that order's goods and the bin they go to.
    receipt: i64,
    bin: String,
}

fn concrete(path: &str, f: &Fixtures, method: &str) -> String {
    let id = if path.ends_with("/invitation") {
        f.invited
    } else if path.starts_with("/api/v1/admin/me/views") {
        f.view
    } else if path.starts_with("/api/v1/admin/shipments") {
        f.shipment
    } else if path.starts_with("/api/v1/admin/pick-lists") {
        f.pick_list
    } else if path.ends_with("/cancel") && path.starts_with("/api/v1/admin/transfers") {
        f.cancelled_transfer
    } else if path.starts_with("/api/v1/admin/transfers") {
        f.transfer
    } else if path.starts_with("/api/v1/admin/stocktakes") {
        f.stocktake
    } else if path.starts_with("/api/v1/admin/products") {
        f.product
    } else if path.starts_with("/api/v1/admin/categories") {
        f.category
    } else if path.starts_with("/api/v1/admin/brands") {
        f.brand
    } else if path.starts_with("/api/v1/admin/fleet/zones") {
        f.zone
    } else if path.starts_with("/api/v1/admin/fleet/vehicles") {
        f.vehicle
    } else if path.starts_with("/api/v1/admin/returns") && path.ends_with("/reject") {
        f.rejected_return
    } else if path.starts_with("/api/v1/admin/returns") && path.ends_with("/close") {
        f.closed_return
    } else if path.starts_with("/api/v1/admin/returns") && path.ends_with("/exchange") {
        f.exchanged_return
    } else if path.starts_with("/api/v1/admin/returns") {
        f.ret
    } else if path.starts_with("/api/v1/admin/repairs") && path.ends_with("/reject") {
        f.rejected_repair
    } else if path.starts_with("/api/v1/admin/repairs") {
        f.repair
    } else if path.starts_with("/api/v1/admin/reviews") {
        f.review
    } else if path.starts_with("/api/v1/admin/consultations") {
        f.consultation
    } else if path.starts_with("/api/v1/admin/receipts") {
        f.receipt
    } else if path.starts_with("/api/v1/admin/suppliers") {
        f.supplier
    } else if path.starts_with("/api/v1/admin/purchase-orders") && path.ends_with("/cancel") {
        f.cancelled_purchase_order
    } else if path.starts_with("/api/v1/admin/purchase-orders") {
        f.purchase_order
    } else {
        f.member
    };
    if method == "get" && path == "/api/v1/admin/me/views" {
        return format!("{path}?page=orders");
    }
    if method == "get" && path == "/api/v1/admin/routes" {
        return format!("{path}?warehouse={}&day={}", f.shanghai, f.day);
    }
    if path.contains("{route}") {
        return path
            .replace("{route}", &f.route.to_string())
            .replace("{shipment}", &f.route_shipment.to_string());
    }
    let order = if path.ends_with("/cancel") {
        &f.cancel_order
    } else {
        &f.order
    };
    path.replace("{number}", order)
        .replace("{id}", &id.to_string())
        .replace("{variant}", &f.variant.to_string())
        .replace("{warehouse}", &f.guangzhou.to_string())
}

fn body(method: &str, path: &str, f: &Fixtures, n: usize) -> Option<Value> {
    let code = |dt: u64| {
        f.secret
            .as_deref()
            .and_then(|s| server::auth::totp::code_at(s, f.t + dt))
            .unwrap_or_else(|| "000000".into())
    };
    Some(match (method, path) {
        ("post", "/api/v1/admin/me/two-factor/enable") => json!({"code": code(0)}),
        ("post", "/api/v1/admin/me/two-factor/disable") => json!({"code": code(30)}),
        ("post", "/api/v1/admin/orders/mark-paid") => json!({"numbers": [f.order]}),
        ("post", "/api/v1/admin/returns/{id}/approve")
        | ("post", "/api/v1/admin/returns/{id}/reject")
        | ("post", "/api/v1/admin/returns/{id}/close") => json!({"note": "矩阵"}),
        ("post", "/api/v1/admin/returns/{id}/receive") => json!({"warehouse": f.shanghai}),
        ("post", "/api/v1/admin/repairs/{id}/return")
        | ("post", "/api/v1/admin/repairs/{id}/reject") => json!({"note": "矩阵"}),
        ("post", "/api/v1/admin/reviews/{id}/hide") => json!({"text": "矩阵隐藏"}),
        ("post", "/api/v1/admin/reviews/{id}/reply") => json!({"text": "矩阵回复"}),
        ("post", "/api/v1/admin/consultations/{id}/messages") => json!({"body": "矩阵答复"}),
        ("post", "/api/v1/admin/consultations/{id}/assign") => json!({"staff": null}),
        ("put", "/api/v1/admin/consultations/service-levels") => {
            json!({"first_response_minutes": 240, "resolution_minutes": 2880})
        }
        ("post", "/api/v1/admin/returns/{id}/inspect") => {
            json!({"lines": [{"line": 0, "restock": 1, "scrap": 0, "to_supplier": 0}]})
        }
        ("post", "/api/v1/admin/orders/{number}/notes") => json!({"body": "矩阵备注"}),
        ("post", "/api/v1/admin/me/views") => {
            json!({"page": "orders", "name": "矩阵", "query": "status=paid"})
        }
        ("post", "/api/v1/admin/routes/plan") => json!({"warehouse": f.shanghai, "day": f.day}),
        ("post", "/api/v1/admin/routes/{route}/stops/{shipment}") => {
            json!({"delivered": true, "note": "矩阵"})
        }
        ("post", "/api/v1/admin/fleet/zones") => json!({"warehouse": f.guangzhou,
            "name": {"zh": "矩阵区域", "en": "Matrix zone"}, "divisions": ["4401"],
            "slots": [{"starts": 540, "ends": 720}]}),
        ("put", "/api/v1/admin/fleet/zones/{id}") => json!({"warehouse": f.guangzhou,
            "name": {"zh": "矩阵区域二", "en": "Matrix zone two"}, "divisions": ["4401", "4406"],
            "slots": [{"starts": 540, "ends": 720}, {"starts": 780, "ends": 1080}]}),
        ("post", "/api/v1/admin/fleet/vehicles") => json!({"warehouse": f.guangzhou,
            "plate": format!("粤A·M{n:04}"), "max_weight_grams": 500_000, "max_parcels": 80,
            "driver": null, "active": true}),
        ("put", "/api/v1/admin/fleet/vehicles/{id}") => json!({"warehouse": f.guangzhou,
            "plate": "粤A·M9999", "max_weight_grams": 400_000, "max_parcels": 60,
            "driver": null, "active": false}),
        ("post", "/api/v1/admin/suppliers") => json!({"code": format!("MX-{n}"),
            "name": "矩阵供应商", "payment_terms_days": 30, "lead_time_days": 7,
            "currency": "CNY", "active": true}),
        ("put", "/api/v1/admin/suppliers/{id}") => json!({"code": "MX-MATRIX",
            "name": "矩阵供应商二", "contact_name": "王经理", "payment_terms_days": 45,
            "lead_time_days": 5, "currency": "CNY", "active": true}),
        ("put", "/api/v1/admin/suppliers/{id}/offers") => json!({"offers": [
            {"sku": "BD-001-01", "unit_cost": 100, "min_order": 1, "pack": 1}]}),
        ("post", "/api/v1/admin/suppliers/{id}/accounts") => json!({
            "email": format!("matrix-{n}@supplier.example.cn"), "display_name": "矩阵"}),
        ("post", "/api/v1/admin/purchase-orders/{id}/receipts") => json!({
            "lines": [{"variant": f.variant, "quantity": 3}]}),
        ("post", "/api/v1/admin/receipts/{id}/inspect") => json!({
            "lines": [{"variant": f.variant, "defective": 0, "rejected_to": "supplier"}]}),
        ("post", "/api/v1/admin/receipts/{id}/put-away") => json!({
            "lines": [{"variant": f.variant, "bin": f.bin}]}),
        ("put", "/api/v1/admin/products/{id}/inspection-plan") => json!({
            "plan": {"kind": "full"}, "characteristics": ["外观"]}),
        ("put", "/api/v1/admin/procurement/settings") => json!({"approval_threshold": 100}),
        ("post", "/api/v1/admin/purchase-orders") => json!({"supplier": f.supplier,
            "warehouse": f.shanghai, "lines": [{"variant": f.variant, "quantity": 2}]}),
        ("put", "/api/v1/admin/purchase-orders/{id}") => json!({"supplier": f.supplier,
            "warehouse": f.shanghai, "lines": [{"variant": f.variant, "quantity": 3}],
            "note": "矩阵"}),
        ("post", "/api/v1/admin/purchase-orders/from-suggestions") => json!({
            "warehouse": f.guangzhou,
            "lines": [{"supplier": f.supplier, "variant": f.variant, "quantity": 1}]}),
        ("post", p)
            if p.ends_with("/hold") || p.ends_with("/release") || p.ends_with("/cancel") =>
        {
            json!({"reason": "矩阵"})
        }
        ("post", "/api/v1/admin/shipments/{id}/reallocate")
        | ("post", "/api/v1/admin/pick-lists") => {
            json!({"warehouse": f.guangzhou})
        }
        ("put", "/api/v1/admin/pick-lists/{id}/lines/{variant}") => json!({"picked": 1}),
        ("post", "/api/v1/admin/orders/{number}/refunds") => {
            json!({"amount": 100, "reason": "矩阵"})
        }
        ("put", "/api/v1/admin/orders/{number}/address") => {
            json!({"type": "china", "recipient": "李雷",
            "phone": "13800138000", "division_code": "310115", "detail": "世纪大道 2 号"})
        }
        ("post", "/api/v1/admin/shipments/{id}/pack") => {
            json!({"package": "small", "weight_grams": 500})
        }
        ("post", "/api/v1/admin/shipments/{id}/ship") => json!({"carrier": "sf_express"}),
        ("put", "/api/v1/admin/stock/{warehouse}/{variant}/reorder-point") => {
            json!({"reorder_point": 3})
        }
        ("post", "/api/v1/admin/transfers") => json!({"from": f.shanghai, "to": f.guangzhou,
            "lines": [{"variant": f.variant, "quantity": 1}]}),
        ("post", "/api/v1/admin/transfers/{id}/receive") => json!({}),
        ("post", "/api/v1/admin/stocktakes") => json!({"warehouse": f.guangzhou}),
        ("put", "/api/v1/admin/stocktakes/{id}/lines/{variant}") => json!({"counted": 0}),
        ("post", "/api/v1/admin/staff") => json!({
            "email": format!("matrix-{n}@storekeep.test"), "display_name": "矩阵", "roles": ["analyst"]}),
        ("put", "/api/v1/admin/staff/{id}/roles") => json!({"roles": ["analyst", "finance"]}),
        ("put", "/api/v1/admin/settings/security") => json!({"owners_need_two_factor": false}),
        ("put", "/api/v1/admin/settings/carriers") => {
            json!({"enabled": ["sf_express", "zto", "own_fleet"]})
        }
        ("post", "/api/v1/admin/products") => {
            let mut d = f.product_draft.clone();
            d["slug"] = json!(format!("matrix-{n}"));
            for (i, v) in d["variants"].as_array_mut().unwrap().iter_mut().enumerate() {
                v["id"] = Value::Null;
                v["sku"] = json!(format!("MATRIX-{n}-{i}"));
                v["barcode"] = Value::Null;
            }
            d
        }
        ("put", "/api/v1/admin/products/{id}") => f.product_draft.clone(),
        ("post", "/api/v1/admin/products/bulk") => json!({"ids": [f.product], "action": "publish"}),
        ("post", "/api/v1/admin/categories") | ("post", "/api/v1/admin/brands") => {
            let mut d = if path.ends_with("categories") {
                f.category_draft.clone()
            } else {
                f.brand_draft.clone()
            };
            d["slug"] = json!(format!("matrix-{n}"));
            d
        }
        ("put", "/api/v1/admin/categories/{id}") => f.category_draft.clone(),
        ("post", "/api/v1/admin/categories/{id}/move") => json!({"parent_id": null, "position": 0}),
        ("put", "/api/v1/admin/brands/{id}") => f.brand_draft.clone(),
        ("post", _) => json!({}),
        _ => return None,
    })
}

async fn every_admin_route_checks_its_permission(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    // the table names exactly the admin routes the router has
    let documented = app
        .documented_routes(|p| p.starts_with("/api/v1/admin"))
        .await;
    let table: BTreeSet<(String, String)> = MATRIX
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(
        documented, table,
        "every admin route needs an entry in MATRIX, and only those"
    );

    let (_, customer) = app.with_customer().await;
    let owner = app.owner().await;
    let member = app.with_staff(&[StaffRole::Analyst]).await;
    let invited = app
        .post_json(
            "/api/v1/admin/staff",
            &json!({"email": "matrix-invited@storekeep.test", "display_name": "待入职", "roles": ["marketing"]}),
            &owner.cookie,
        )
        .await;
    let editor = app
        .get_with("/api/v1/admin/products/1", &owner.cookie)
        .await;
    let empty = app
        .post_json(
            "/api/v1/admin/categories",
            &json!({"slug": "matrix-empty", "name": {"zh": "空", "en": "Empty"}, "parent_id": null, "image": null}),
            &owner.cookie,
        )
        .await;
    assert_eq!(empty.status, 201, "{:?}", empty.json);
    let category = empty.json["id"].as_i64().unwrap();
    let categories = app
        .get_with("/api/v1/admin/categories", &owner.cookie)
        .await;
    let category_draft = categories
        .json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == category)
        .unwrap()["draft"]
        .clone();
    let brands = app.get_with("/api/v1/admin/brands", &owner.cookie).await;
    let guangzhou: i64 = sqlx::query_scalar("SELECT id FROM warehouses WHERE code = 'GZ-01'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    // a parcel on its way with the own fleet, for the route planner (before the orders
    // below: it sets the stock they are placed from)
    let owner_login = app.owner().await;
    app.own_fleet_parcels(&owner_login.cookie, "matrix-fleet", &["310115"])
        .await;
    let order = app.bank_transfer_order("matrix-bank-0001").await;
    let variant: i64 =
        sqlx::query_scalar("SELECT id FROM product_variants WHERE sku = 'BD-001-01'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let mut f = Fixtures {
        order,
        cancel_order: {
            // the same stock, not set again: the first order keeps what it holds
            let body =
                storekeep_tests::guest_order("guest@example.cn", variant, 1, "bank_transfer");
            let placed = app.place_order("matrix-bank-0002", &body, "").await;
            placed.json["number"].as_str().unwrap().to_string()
        },
        variant,
        shipment: 0,
        pick_list: 0,
        guangzhou,
        shanghai: sqlx::query_scalar("SELECT id FROM warehouses WHERE code = 'SH-01'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap(),
        view: 0,
        day: {
            let (y, m, d) = shared::time::civil_date(
                server::db::now_millis(),
                shared::time::SHOP_UTC_OFFSET_HOURS,
            );
            format!("{y:04}-{m:02}-{d:02}")
        },
        route: 0,
        route_shipment: 0,
        zone: 0,
        vehicle: 0,
        transfer: 0,
        cancelled_transfer: 0,
        stocktake: 0,
        member: member.id,
        invited: invited.json["id"].as_i64().unwrap(),
        secret: None,
        t: 0,
        product: 1,
        product_draft: editor.json["draft"].clone(),
        category,
        category_draft,
        brand: brands.json[0]["id"].as_i64().unwrap(),
        brand_draft: brands.json[0]["draft"].clone(),
        ret: 0,
        rejected_return: 0,
        closed_return: 0,
        exchanged_return: 0,
        review: 0,
        consultation: 0,
        repair: 0,
        repair_order: String::new(),
        rejected_repair: 0,
        supplier: 0,
        purchase_order: 0,
        cancelled_purchase_order: 0,
        receipt: 0,
        bin: String::new(),
    };
    // a customer's card order of three, paid and delivered (set so: the warehouse's own fixtures above
    // stay as they are), and three returns of one unit each
    [f.ret, f.rejected_return, f.closed_return] = {
        let tee = app.variant_with_stock("TS-001-01", 10).await;
        let body = storekeep_tests::guest_order("matrix@example.cn", tee, 4, "card");
        let placed = app.place_order("matrix-return-01", &body, &customer).await;
        assert_eq!(placed.status, 201, "{:?}", placed.json);
        let number = placed.json["number"].as_str().unwrap().to_string();
        app.pay_by_card(&number, placed.json["access_token"].as_str().unwrap())
            .await;
        sqlx::query("UPDATE orders SET status = 'delivered', delivered_at = $1 WHERE number = $2")
            .bind(server::db::now_millis())
            .bind(&number)
            .execute(&app.db.pool)
            .await
            .unwrap();
        app.db.commits.note();
        let mut ids = [0; 3];
        for id in &mut ids {
            let res = app
                .post_json(
                    &format!("/api/v1/store/orders/{number}/returns"),
                    &json!({"lines": [{"line": 0, "quantity": 1}], "reason": "changed_mind", "resolution": "refund"}),
                    &customer,
                )
                .await;
            assert_eq!(res.status, 201, "{:?}", res.json);
            *id = res.json["returns"].as_array().unwrap().last().unwrap()["id"]
                .as_i64()
                .unwrap();
        }
        f.exchanged_return = {
            let other = app.variant_with_stock("TS-001-02", 5).await;
            let res = app
                .post_json(
                    &format!("/api/v1/store/orders/{number}/returns"),
                    &json!({"lines": [{"line": 0, "quantity": 1}], "reason": "wrong_item",
                            "resolution": "exchange", "exchange_for": other}),
                    &customer,
                )
                .await;
            assert_eq!(res.status, 201, "{:?}", res.json);
            let id = res.json["returns"].as_array().unwrap().last().unwrap()["id"]
                .as_i64()
                .unwrap();
            let owner = app.owner().await;
            for (step, body) in [
                ("approve", json!({"note": "矩阵"})),
                ("receive", json!({"warehouse": f.shanghai})),
                (
                    "inspect",
                    json!({"lines": [{"line": 0, "restock": 1, "scrap": 0, "to_supplier": 0}]}),
                ),
            ] {
                let res = app
                    .post_json(
                        &format!("/api/v1/admin/returns/{id}/{step}"),
                        &body,
                        &owner.cookie,
                    )
                    .await;
                assert_eq!(res.status, 200, "{step}: {:?}", res.json);
            }
            id
        };
        let review = app
            .post_json(
                "/api/v1/store/account/reviews",
                &json!({"order": number, "line": 0, "rating": 3, "body": "矩阵评价"}),
                &customer,
            )
            .await;
        assert_eq!(review.status, 201, "{:?}", review.json);
        f.review = review.json[0]["review"]["id"].as_i64().unwrap();
        let asked = app
            .post_json(
                "/api/v1/store/account/consultations",
                &json!({"topic": "order", "order_number": number, "subject": "矩阵咨询", "body": "什么时候退款？"}),
                &customer,
            )
            .await;
        assert_eq!(asked.status, 201, "{:?}", asked.json);
        f.consultation = asked.json["id"].as_i64().unwrap();
        let repaired = app
            .post_json(
                &format!("/api/v1/store/orders/{number}/repairs"),
                &json!({"line": 0, "description": "矩阵维修"}),
                &customer,
            )
            .await;
        assert_eq!(repaired.status, 201, "{:?}", repaired.json);
        f.repair = repaired.json["repairs"][0]["id"].as_i64().unwrap();
        f.repair_order = number.clone();
        ids
    };
    // one staff member for the routes any staff member may use
    let anyone = app.with_staff(&[StaffRole::Marketing]).await;
    let mut staff_by_role: Vec<(StaffRole, StaffLogin)> = Vec::new();
    let mut unaudited = Vec::new();
    for (n, (method, path, permission)) in MATRIX.iter().enumerate() {
        let url = concrete(path, &f, method);
        let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let b = body(method, path, &f, n);
        let anonymous = call(&app, m.clone(), &url, b.as_ref(), "").await;
        assert_eq!(
            anonymous.status, 401,
            "anonymous {method} {path}: {:?}",
            anonymous.json
        );
        let res = call(&app, m.clone(), &url, b.as_ref(), &customer).await;
        assert_eq!(res.status, 403, "customer {method} {path}: {:?}", res.json);
        let allowed = match permission {
            Some(p) => {
                let without = role_without(*p);
                let cookie = login_as(&app, &mut staff_by_role, without).await;
                let res = call(&app, m.clone(), &url, b.as_ref(), &cookie).await;
                assert_eq!(
                    res.status, 403,
                    "{without:?} {method} {path}: {:?}",
                    res.json
                );
                login_as(&app, &mut staff_by_role, role_with(*p)).await
            }
            None => anyone.cookie.clone(),
        };
        let audited = app.audit_count().await;
        let res = call(&app, m, &url, b.as_ref(), &allowed).await;
        assert!(
            (200..300).contains(&res.status),
            "allowed {method} {path}: {} {:?}",
            res.status,
            res.json
        );
        // every staff change leaves its audit entry
        let entries = app.audit_count().await - audited;
        let expected = match (*method, *path) {
            ("get", _) => 0,
            (_, p) if NOT_AUDITED.iter().any(|(np, _)| *np == p) => entries,
            _ => 1,
        };
        if entries != expected {
            unaudited.push(format!("{method} {path}: {entries} entries"));
        }
        if *path == "/api/v1/admin/routes/plan" {
            f.route = res.json["routes"][0]["id"].as_i64().unwrap();
            f.route_shipment = res.json["routes"][0]["stops"][0]["shipment"]
                .as_i64()
                .unwrap();
            // whoever holds `deliver_parcels` in this test drives the vans
            let driver = role_with(Permission::DeliverParcels);
            login_as(&app, &mut staff_by_role, driver).await;
            let id = staff_by_role
                .iter()
                .find(|(r, _)| *r == driver)
                .unwrap()
                .1
                .id;
            sqlx::query("UPDATE vehicles SET driver_id = $1")
                .bind(id)
                .execute(&app.db.pool)
                .await
                .unwrap();
        }
        if *method == "post" && *path == "/api/v1/admin/repairs/{id}/close" {
            // the first repair is done: the line may have another, for the reject route
            let again = app
                .post_json(
                    &format!("/api/v1/store/orders/{}/repairs", f.repair_order),
                    &json!({"line": 0, "description": "矩阵维修二"}),
                    &customer,
                )
                .await;
            assert_eq!(again.status, 201, "{:?}", again.json);
            f.rejected_repair = again.json["repairs"].as_array().unwrap().last().unwrap()["id"]
                .as_i64()
                .unwrap();
        }
        if *method == "post" && *path == "/api/v1/admin/me/views" {
            f.view = res.json[0]["id"].as_i64().unwrap();
        }
        if *path == "/api/v1/admin/purchase-orders/{id}/send" {
            sqlx::query("UPDATE purchase_orders SET status = 'confirmed' WHERE id = $1")
                .bind(f.purchase_order)
                .execute(&app.db.pool)
                .await
                .unwrap();
            app.db.commits.note();
        }
        if *path == "/api/v1/admin/purchase-orders/{id}/receipts" {
            f.receipt = res.json["id"].as_i64().unwrap();
            f.bin = res.json["lines"][0]["suggested_bin"]
                .as_str()
                .unwrap()
                .to_string();
        }
        if *method == "post" && *path == "/api/v1/admin/suppliers" {
            f.supplier = res.json["id"].as_i64().unwrap();
        }
        if *method == "post" && *path == "/api/v1/admin/purchase-orders" {
            f.purchase_order = res.json["id"].as_i64().unwrap();
            // a second one, for the cancel route
            let again = call(&app, reqwest::Method::POST, &url, b.as_ref(), &allowed).await;
            assert_eq!(again.status, 201, "{:?}", again.json);
            f.cancelled_purchase_order = again.json["id"].as_i64().unwrap();
        }
        if *method == "post" && *path == "/api/v1/admin/fleet/zones" {
            f.zone = res.json["id"].as_i64().unwrap();
        }
        if *method == "post" && *path == "/api/v1/admin/fleet/vehicles" {
            f.vehicle = res.json["id"].as_i64().unwrap();
        }
        if path.ends_with("/allocate") {
            f.shipment = res.json["shipments"][0].as_i64().unwrap();
        }
        if *method == "post" && *path == "/api/v1/admin/pick-lists" {
            f.pick_list = res.json["row"]["id"].as_i64().unwrap();
        }
        if *method == "post" && *path == "/api/v1/admin/transfers" {
            f.transfer = res.json["id"].as_i64().unwrap();
            // a second one, for the cancel route
            let again = call(&app, reqwest::Method::POST, &url, b.as_ref(), &allowed).await;
            f.cancelled_transfer = again.json["id"].as_i64().unwrap();
        }
        if *method == "post" && *path == "/api/v1/admin/stocktakes" {
            f.stocktake = res.json["id"].as_i64().unwrap();
            // every line counted, so that it can be submitted
            for line in res.json["lines"].as_array().unwrap() {
                let count = format!(
                    "/api/v1/admin/stocktakes/{}/lines/{}",
                    f.stocktake, line["variant"]
                );
                let body = json!({"counted": line["expected"]});
                let done = call(&app, reqwest::Method::PUT, &count, Some(&body), &allowed).await;
                assert_eq!(done.status, 200, "{:?}", done.json);
            }
        }
        if path.ends_with("/recount") {
            let submit = format!("/api/v1/admin/stocktakes/{}/submit", f.stocktake);
            let again = call(
                &app,
                reqwest::Method::POST,
                &submit,
                Some(&json!({})),
                &anyone_with(&app, &mut staff_by_role, Permission::ManageStock).await,
            )
            .await;
            assert_eq!(again.status, 200, "{:?}", again.json);
        }
        if path.ends_with("/setup") {
            f.secret = res.json["secret"].as_str().map(str::to_string);
            f.t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs();
        }
    }
    assert!(
        unaudited.is_empty(),
        "each change needs one audit entry: {unaudited:#?}"
    );
    app.cleanup().await;
}

/// The request as the back office sends it: JSON, or a picture for the upload route.
async fn call(
    app: &TestApp,
    method: reqwest::Method,
    url: &str,
    body: Option<&Value>,
    cookie: &str,
) -> storekeep_tests::Posted {
    if url.ends_with("/admin/media") {
        return app
            .post_bytes(url, "image/png", crate::catalog_admin::png(40, 30), cookie)
            .await;
    }
    if url.contains("/admin/products/import") {
        return app
            .post_bytes(
                url,
                "text/csv",
                b"product_slug,sku,price\n".to_vec(),
                cookie,
            )
            .await;
    }
    if let Some(number) = url
        .strip_suffix("/refunds")
        .and_then(|u| u.rsplit('/').next())
    {
        let key = format!(
            "matrix-refund-{}",
            cookie.len() + url.len() + body.map_or(0, |b| b.to_string().len())
        );
        let key = format!("{key}-{}", server::db::now_millis());
        return app
            .refund(number, body.unwrap_or(&Value::Null), cookie, &key)
            .await;
    }
    app.send(method, url, body, cookie).await
}

/// A signed-in staff member holding only `role` (one per role, made on first use).
async fn login_as(
    app: &TestApp,
    made: &mut Vec<(StaffRole, StaffLogin)>,
    role: StaffRole,
) -> String {
    if let Some((_, s)) = made.iter().find(|(r, _)| *r == role) {
        return s.cookie.clone();
    }
    let s = app.with_staff(&[role]).await;
    let cookie = s.cookie.clone();
    made.push((role, s));
    cookie
}
