//! One order as staff see it, and the actions they take on it.

use super::{OrderNumber, OrderRow, OrderStatus};
use crate::checkout::{Address, OrderLineView, PaymentMethod};
use crate::fulfilment::ShipmentRow;
use crate::money::Money;
use crate::pricing::Totals;
use serde::{Deserialize, Serialize};

/// One event of a history (an order's, a shipment's): a status change or a fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventView {
    pub at: i64,
    pub from_status: Option<String>,
    pub to_status: String,
    /// `staff:<id>`, `system`, `customer`, `payment:<provider>`, `carrier:<code>`…
    pub actor: String,
    /// The name of the staff member (or the customer) who acted.
    pub actor_name: Option<String>,
    /// What a person wrote (a reason, a note); empty when `about` says it all.
    pub note: String,
    /// What the system recorded, for each app to say in its reader's language.
    pub about: Option<super::note::Note>,
}

/// An internal note (内部备注): staff only, never shown to the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderNote {
    pub at: i64,
    pub author: String,
    pub body: String,
}

/// `GET /api/v1/admin/orders/{number}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderDetail {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub number: OrderNumber,
    pub status: OrderStatus,
    pub payment_method: PaymentMethod,
    pub shipping_method: String,
    pub created_at: i64,
    pub email: String,
    pub totals: Totals,
    pub coupon_code: Option<String>,
    pub address: Address,
    pub region: Option<String>,
    pub lines: Vec<OrderLineView>,
    /// On hold (挂起): nothing is allocated, picked or shipped until it is released.
    pub on_hold: bool,
    /// Its stock has been allocated to warehouses (its shipments exist).
    pub allocated: bool,
    /// A picker found less than it needed.
    pub short_pick: bool,
    pub shipments: Vec<ShipmentRow>,
    /// What the order took, and what went back (refunds that succeeded).
    pub paid: Money,
    pub refunded: Money,
    pub refunds: Vec<super::refund::RefundView>,
    /// Oldest first.
    pub events: Vec<EventView>,
    pub notes: Vec<OrderNote>,
    /// The buyer's other orders, newest first (at most ten).
    pub other_orders: Vec<OrderRow>,
}

/// Cancel, hold or release an order: why (shown in its history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderAction {
    /// 1 to 500 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
}

/// `POST /api/v1/admin/orders/{number}/notes`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewNote {
    /// 1 to 2,000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub body: String,
}

/// Why an order cannot be allocated now, if it cannot.
pub fn allocation_refusal(
    status: OrderStatus,
    method: PaymentMethod,
    on_hold: bool,
    allocated: bool,
) -> Option<&'static str> {
    if allocated {
        Some("already_allocated")
    } else if on_hold {
        Some("on_hold")
    } else {
        match (status, method) {
            (OrderStatus::Paid, _) | (OrderStatus::Processing, PaymentMethod::CashOnDelivery) => {
                None
            }
            (OrderStatus::PendingPayment, _) => Some("not_paid"),
            _ => Some("not_allocatable"),
        }
    }
}

impl OrderStatus {
    /// Whether an order in this status can be put on hold (before anything has shipped).
    pub fn can_hold(self) -> bool {
        matches!(
            self,
            OrderStatus::PendingPayment | OrderStatus::Paid | OrderStatus::Processing
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus::*;
    use PaymentMethod::*;

    #[test]
    fn paid_and_cash_on_delivery_orders_are_allocated_once() {
        assert_eq!(allocation_refusal(Paid, Card, false, false), None);
        assert_eq!(
            allocation_refusal(Processing, CashOnDelivery, false, false),
            None
        );
        assert_eq!(
            allocation_refusal(PendingPayment, BankTransfer, false, false),
            Some("not_paid")
        );
        assert_eq!(
            allocation_refusal(Paid, Card, false, true),
            Some("already_allocated")
        );
        assert_eq!(allocation_refusal(Paid, Card, true, false), Some("on_hold"));
        assert_eq!(
            allocation_refusal(Shipped, Card, false, false),
            Some("not_allocatable")
        );
        assert!(Processing.can_hold() && !Shipped.can_hold());
    }
}
