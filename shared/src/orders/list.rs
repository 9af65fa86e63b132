//! The staff's order list: its rows, filters, sort and bulk actions.

use super::{OrderNumber, OrderStatus};
use crate::checkout::PaymentMethod;
use crate::list::SortDir;
use crate::money::Money;
use serde::{Deserialize, Serialize};

/// An order in the staff's order list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderRow {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub number: OrderNumber,
    pub created_at: i64,
    pub email: String,
    pub status: OrderStatus,
    pub payment_method: PaymentMethod,
    pub total: Money,
    pub pay_by: Option<i64>,
}

impl OrderRow {
    /// Whether staff can record a bank transfer for it now.
    pub fn awaits_transfer(&self) -> bool {
        self.payment_method == PaymentMethod::BankTransfer
            && self.status == OrderStatus::PendingPayment
    }
}

/// What the order list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderSort {
    #[default]
    CreatedAt,
    Total,
    Number,
}

impl OrderSort {
    pub fn code(self) -> &'static str {
        match self {
            OrderSort::CreatedAt => "created_at",
            OrderSort::Total => "total",
            OrderSort::Number => "number",
        }
    }
}

/// The order list's filters, sort and page, as they travel in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct OrderListQuery {
    #[cfg_attr(feature = "openapi", param(inline))]
    pub status: Option<OrderStatus>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub payment_method: Option<PaymentMethod>,
    /// `true`: only bank-transfer orders still waiting for their money.
    pub awaiting_transfer: Option<bool>,
    /// `true`: only paid (and cash-on-delivery) orders not allocated to a warehouse yet and
    /// not on hold.
    pub awaiting_allocation: Option<bool>,
    /// Placed on or after this day (`YYYY-MM-DD`, the shop's time zone).
    #[cfg_attr(feature = "openapi", param(format = Date))]
    pub from: Option<String>,
    /// Placed on or before this day.
    #[cfg_attr(feature = "openapi", param(format = Date))]
    pub to: Option<String>,
    /// Orders with a shipment from this warehouse.
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 1))]
    pub warehouse: Option<crate::ids::WarehouseId>,
    /// A delivery method's code (`standard`, `express`).
    #[cfg_attr(
        feature = "openapi",
        param(max_length = 32, pattern = r"^[a-z0-9_-]{1,32}$")
    )]
    pub shipping_method: Option<String>,
    /// The two-digit code of the delivery province (`31` Shanghai).
    #[cfg_attr(feature = "openapi", param(pattern = r"^[1-9][0-9]$"))]
    pub province: Option<String>,
    /// Order number, the buyer's e-mail (part of it) or the recipient's mobile number.
    #[cfg_attr(feature = "openapi", param(max_length = 100))]
    pub q: Option<String>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub sort: Option<OrderSort>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub dir: Option<SortDir>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 10000))]
    pub page: Option<u32>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub page_size: Option<u32>,
}

/// `POST /api/v1/admin/orders/mark-paid`: record bank transfers for several orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkOrders {
    #[cfg_attr(feature = "openapi", schema(max_items = 100, value_type = Vec<String>))]
    pub numbers: Vec<String>,
}

/// What a bulk action did to each order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkOutcome {
    pub number: String,
    pub done: bool,
    /// Why not, when not done (`not_found`, `not_awaiting_payment`).
    pub problem: Option<String>,
}
