//! Staff roles and what each may do. The server checks a permission on every staff action.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Admin,
}

impl StaffRole {
    pub fn parse(text: &str) -> Option<StaffRole> {
        match text {
            "admin" => Some(StaffRole::Admin),
            _ => None,
        }
    }

    pub fn allows(self, permission: Permission) -> bool {
        match self {
            StaffRole::Admin => matches!(
                permission,
                Permission::ViewOrders | Permission::MarkOrderPaid
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// See every order with its buyer's e-mail.
    ViewOrders,
    /// Record that a bank transfer for an order has arrived.
    MarkOrderPaid,
}

/// An order in the staff's order list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    pub number: crate::orders::OrderNumber,
    pub created_at: i64,
    pub email: String,
    pub status: crate::orders::OrderStatus,
    pub payment_method: crate::checkout::PaymentMethod,
    pub total: crate::money::Money,
    pub pay_by: Option<i64>,
}

impl OrderRow {
    /// Whether staff can record a bank transfer for it now.
    pub fn awaits_transfer(&self) -> bool {
        self.payment_method == crate::checkout::PaymentMethod::BankTransfer
            && self.status == crate::orders::OrderStatus::PendingPayment
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles() {
        assert_eq!(StaffRole::parse("admin"), Some(StaffRole::Admin));
        assert_eq!(StaffRole::parse("root"), None);
        assert!(StaffRole::Admin.allows(Permission::MarkOrderPaid));
        assert!(StaffRole::Admin.allows(Permission::ViewOrders));
    }
}
