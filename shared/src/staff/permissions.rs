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
}

impl Permission {
    pub const ALL: [Permission; 8] = [
        Permission::ViewOrders,
        Permission::MarkOrderPaid,
        Permission::ViewCatalog,
        Permission::ManageCatalog,
        Permission::ViewReports,
        Permission::ManageStaff,
        Permission::ViewAuditLog,
        Permission::ManageSecurity,
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
            Permission::ManageStaff | Permission::ViewAuditLog | Permission::ManageSecurity => {
                &[Owner]
            }
        }
    }
}
