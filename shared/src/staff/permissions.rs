//! What staff may do. The server checks one permission on every back-office route; the
//! back office hides what a person's roles do not allow, but the server is the guard.
//!
//! Each operations domain adds its own permissions here, each naming the roles that hold it
//! (one arm per permission, so granting is read per action, not per role).

use super::StaffRole::{self, *};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    // orders and fulfilment
    /// See orders with their buyers' contact details.
    ViewOrders,
    /// Record that a bank transfer for an order has arrived.
    MarkOrderPaid,
    /// Cancel, hold and release orders, change their delivery address; write internal notes.
    ManageOrders,
    /// Give money back, in full or in part.
    RefundOrders,
    /// See warehouses, shipments and pick lists.
    ViewFulfilment,
    /// Allocate orders to warehouses, and move a shipment to another warehouse.
    AllocateOrders,
    /// Make pick lists, count what was picked, pack shipments.
    PickAndPack,
    /// Hand shipments to carriers and record their delivery.
    ShipOrders,
    /// Plan the own fleet's delivery routes.
    PlanRoutes,
    /// Drive a route: record what happened at each door.
    DeliverParcels,
    /// Keep the own fleet: delivery zones with their time slots, vans with their capacity
    /// and driver.
    ManageFleet,
    // inventory
    /// See stock per warehouse and bin, transfers, stocktakes and the valuation report.
    ViewStock,
    /// Set reorder points, move stock between warehouses, count stock.
    ManageStock,
    /// Approve a stocktake's variances into the books.
    ApproveStocktake,
    // catalogue
    /// See products, categories and brands as staff do (drafts, costs, stock).
    ViewCatalog,
    /// Create and change products, categories, brands and pictures; import and export.
    ManageCatalog,
    // reports
    /// The sales dashboard.
    ViewReports,
    // settings
    /// Invite staff, change their roles, deactivate them, send them password resets.
    ManageStaff,
    /// Read the audit log of every staff member's changes.
    ViewAuditLog,
    /// Security settings of the shop (two-factor sign-in required for owners).
    ManageSecurity,
    /// Which carriers the shop ships with.
    ManageShipping,
    /// Read the returns (售后): who approves, receives, inspects or refunds them.
    ViewReturns,
    /// Approve, reject or close returns.
    HandleReturns,
    /// Receive returned goods into a warehouse and inspect them.
    ReceiveReturns,
    /// Hide customers' reviews (with the reason) and answer them in public.
    ModerateReviews,
    /// Answer customers' questions (咨询), take and assign them, resolve and close them.
    AnswerConsultations,
    /// Take repairs under warranty (维修) through their steps: receive the item, repair it,
    /// send it back, close; or say why the warranty does not cover it.
    HandleRepairs,
    // procurement
    /// See suppliers, their lists, purchase suggestions and purchase orders.
    ViewProcurement,
    /// Keep suppliers' records and what each sells the shop at what terms.
    ManageSuppliers,
    /// Write purchase orders (from the suggestions or by hand), send and cancel them.
    ManagePurchaseOrders,
    /// Approve a purchase order above the shop's threshold: a second person, not its writer.
    ApprovePurchaseOrders,
    /// Set the amount above which purchase orders need approval.
    ManageProcurementSettings,
    /// Receive deliveries against purchase orders, inspect them and put them away.
    ReceiveGoods,
    /// Set how each product's deliveries are inspected (plan, AQL, characteristics).
    ManageInspectionPlans,
}

impl Permission {
    pub const ALL: [Permission; 34] = [
        Permission::ViewOrders,
        Permission::MarkOrderPaid,
        Permission::ManageOrders,
        Permission::RefundOrders,
        Permission::ViewFulfilment,
        Permission::AllocateOrders,
        Permission::PickAndPack,
        Permission::ShipOrders,
        Permission::PlanRoutes,
        Permission::DeliverParcels,
        Permission::ManageFleet,
        Permission::ViewStock,
        Permission::ManageStock,
        Permission::ApproveStocktake,
        Permission::ViewCatalog,
        Permission::ManageCatalog,
        Permission::ViewReports,
        Permission::ManageStaff,
        Permission::ViewAuditLog,
        Permission::ManageSecurity,
        Permission::ManageShipping,
        Permission::ViewReturns,
        Permission::HandleReturns,
        Permission::ReceiveReturns,
        Permission::ModerateReviews,
        Permission::AnswerConsultations,
        Permission::HandleRepairs,
        Permission::ViewProcurement,
        Permission::ManageSuppliers,
        Permission::ManagePurchaseOrders,
        Permission::ApprovePurchaseOrders,
        Permission::ManageProcurementSettings,
        Permission::ReceiveGoods,
        Permission::ManageInspectionPlans,
    ];

    /// The roles that hold this permission.
    pub fn granted_to(self) -> &'static [StaffRole] {
        match self {
            Permission::ViewOrders => &[
                Owner,
                OrderClerk,
                WarehouseOperator,
                CustomerService,
                Finance,
                Analyst,
            ],
            Permission::MarkOrderPaid => &[Owner, OrderClerk, Finance],
            Permission::ManageOrders => &[Owner, OrderClerk, CustomerService],
            Permission::RefundOrders => &[Owner, OrderClerk, Finance],
            Permission::ViewFulfilment => &[Owner, OrderClerk, WarehouseOperator, Analyst],
            // the warehouse allocates too: in a small shop nobody else is there to do it
            Permission::AllocateOrders => &[Owner, OrderClerk, WarehouseOperator],
            Permission::PickAndPack => &[Owner, WarehouseOperator],
            Permission::ShipOrders => &[Owner, OrderClerk, WarehouseOperator],
            Permission::PlanRoutes => &[Owner, OrderClerk, WarehouseOperator],
            // the fleet's drivers are warehouse staff: their vans name them
            Permission::DeliverParcels => &[Owner, WarehouseOperator],
            // who plans the routes keeps the zones and vans they are planned with
            Permission::ManageFleet => &[Owner, OrderClerk, WarehouseOperator],
            Permission::ViewStock => &[
                Owner,
                OrderClerk,
                WarehouseOperator,
                Procurement,
                Finance,
                Analyst,
            ],
            Permission::ManageStock => &[Owner, WarehouseOperator],
            // who counts does not approve the count: four eyes on the books
            Permission::ApproveStocktake => &[Owner, Finance],
            Permission::ViewCatalog => &[
                Owner,
                CatalogManager,
                CustomerService,
                Marketing,
                Procurement,
                Analyst,
            ],
            Permission::ManageCatalog => &[Owner, CatalogManager],
            Permission::ViewReports => &[Owner, CatalogManager, Marketing, Finance, Analyst],
            Permission::ViewReturns => &[
                Owner,
                OrderClerk,
                WarehouseOperator,
                CustomerService,
                Finance,
            ],
            Permission::HandleReturns => &[Owner, OrderClerk, CustomerService],
            Permission::ReceiveReturns => &[Owner, WarehouseOperator],
            // marketing answers reviews in public too
            Permission::ModerateReviews => &[Owner, CustomerService, Marketing],
            Permission::AnswerConsultations => &[Owner, CustomerService],
            // customer service decides what the warranty covers; the warehouse takes the
            // item in and sends it back
            Permission::HandleRepairs => &[Owner, CustomerService, WarehouseOperator],
            // the warehouse sees what is coming; finance sees what it will pay
            Permission::ViewProcurement => {
                &[Owner, WarehouseOperator, Procurement, Finance, Analyst]
            }
            Permission::ManageSuppliers | Permission::ManagePurchaseOrders => &[Owner, Procurement],
            // who buys does not approve the spending: four eyes on the money
            Permission::ApprovePurchaseOrders => &[Owner, Finance],
            Permission::ReceiveGoods => &[Owner, WarehouseOperator],
            // who buys agrees with the supplier how its goods are inspected
            Permission::ManageInspectionPlans => &[Owner, Procurement],
            Permission::ManageStaff
            | Permission::ViewAuditLog
            | Permission::ManageSecurity
            | Permission::ManageShipping
            | Permission::ManageProcurementSettings => &[Owner],
        }
    }
}
