//! Orders: the status machine and human-readable order numbers.

mod detail;
mod list;
pub mod note;
pub mod refund;
pub mod tracking;

pub use detail::{allocation_refusal, EventView, NewNote, OrderAction, OrderDetail, OrderNote};
pub use list::{BulkOrders, BulkOutcome, OrderListQuery, OrderRow, OrderSort};

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where an order is in its life. Every change asks [`OrderStatus::can_transition`] about
/// the order's current status and is written with an event row (who, when, why), in one
/// place on the server (`server::db::status`).
///
/// Cash-on-delivery and bank-transfer orders start in `PendingPayment` like card orders;
/// COD may move straight to `Processing` (payment is collected at the door and recorded at
/// delivery), the others need `Paid` first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    PendingPayment,
    Paid,
    Processing,
    Shipped,
    Delivered,
    Completed,
    Cancelled,
    Refunded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransitionError {
    pub from: OrderStatus,
    pub to: OrderStatus,
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an order cannot go from {} to {}",
            self.from.as_str(),
            self.to.as_str()
        )
    }
}

impl std::error::Error for TransitionError {}

impl OrderStatus {
    pub const ALL: [OrderStatus; 8] = [
        OrderStatus::PendingPayment,
        OrderStatus::Paid,
        OrderStatus::Processing,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
        OrderStatus::Refunded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "pending_payment",
            OrderStatus::Paid => "paid",
            OrderStatus::Processing => "processing",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Completed => "completed",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Refunded => "refunded",
        }
    }

    pub fn parse(text: &str) -> Option<OrderStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether an order in this status is a sale in the reports: paid or later, and not
    /// cancelled or refunded.
    pub fn counts_as_sale(self) -> bool {
        use OrderStatus::*;
        matches!(self, Paid | Processing | Shipped | Delivered | Completed)
    }

    /// The allowed moves. Anything else is refused.
    pub fn can_transition(self, to: OrderStatus) -> bool {
        use OrderStatus::*;
        matches!(
            (self, to),
            (PendingPayment, Paid | Processing | Cancelled)
                | (Paid, Processing | Cancelled | Refunded)
                | (Processing, Shipped | Cancelled)
                | (Shipped, Delivered)
                | (Delivered, Completed | Refunded)
                | (Completed, Refunded)
        )
    }

    pub fn transition(self, to: OrderStatus) -> Result<OrderStatus, TransitionError> {
        if self.can_transition(to) {
            Ok(to)
        } else {
            Err(TransitionError { from: self, to })
        }
    }

    /// No further moves are possible.
    pub fn is_final(self) -> bool {
        Self::ALL.iter().all(|to| !self.can_transition(*to))
    }

    /// Does the order still hold reserved stock that a cancellation must release?
    pub fn holds_reservation(self) -> bool {
        matches!(
            self,
            OrderStatus::PendingPayment | OrderStatus::Paid | OrderStatus::Processing
        )
    }
}

impl crate::status::Status for OrderStatus {
    fn as_str(self) -> &'static str {
        OrderStatus::as_str(self)
    }

    fn parse(text: &str) -> Option<Self> {
        OrderStatus::parse(text)
    }

    fn can_transition(self, to: Self) -> bool {
        OrderStatus::can_transition(self, to)
    }
}

/// An order number people can read out on the phone: `SK` + `YYMMDD` + a 4-digit daily
/// sequence (`SK2611270001`); past 9999 orders a day the sequence simply grows a digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OrderNumber(String);

impl OrderNumber {
    pub fn new(year: i32, month: u32, day: u32, sequence: u32) -> OrderNumber {
        OrderNumber(format!(
            "SK{:02}{month:02}{day:02}{sequence:04}",
            year.rem_euclid(100)
        ))
    }

    /// Accepts what a customer types: case and surrounding spaces do not matter.
    pub fn parse(text: &str) -> Option<OrderNumber> {
        let t = text.trim().to_ascii_uppercase();
        let digits = t.strip_prefix("SK")?;
        let ok = (10..=12).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
        ok.then_some(OrderNumber(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrderNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus::*;

    #[test]
    fn the_happy_path_is_allowed() {
        let mut s = PendingPayment;
        for next in [Paid, Processing, Shipped, Delivered, Completed] {
            s = s.transition(next).unwrap();
        }
        assert_eq!(s, Completed);
    }

    #[test]
    fn nonsense_is_refused() {
        assert!(PendingPayment.transition(Shipped).is_err());
        assert!(
            Shipped.transition(Cancelled).is_err(),
            "a shipped parcel is returned, not cancelled"
        );
        assert!(Cancelled.transition(Paid).is_err());
        assert!(Refunded.transition(Completed).is_err());
        assert_eq!(
            Delivered
                .transition(PendingPayment)
                .unwrap_err()
                .to_string(),
            "an order cannot go from delivered to pending_payment"
        );
    }

    #[test]
    fn finals_and_reservations() {
        assert!(Cancelled.is_final() && Refunded.is_final());
        assert!(!Completed.is_final());
        assert!(PendingPayment.holds_reservation());
        assert!(!Shipped.holds_reservation());
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
            assert!(!s.can_transition(s), "{s:?} to itself");
        }
    }

    #[test]
    fn order_numbers() {
        let n = OrderNumber::new(2026, 11, 27, 1);
        assert_eq!(n.as_str(), "SK2611270001");
        assert_eq!(OrderNumber::parse(" sk2611270001 "), Some(n));
        assert_eq!(
            OrderNumber::new(2026, 1, 2, 12345).as_str(),
            "SK26010212345"
        );
        for bad in [
            "",
            "SK",
            "2611270001",
            "SK26112700A1",
            "XX2611270001",
            "SK1",
        ] {
            assert_eq!(OrderNumber::parse(bad), None, "{bad}");
        }
    }
}
