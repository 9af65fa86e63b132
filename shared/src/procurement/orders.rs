//! Purchase orders (采购订单): their statuses and moves, and which ones need a second
//! person's approval before they go to the supplier.

use crate::coded;
use crate::status::Status;

coded! {
    /// Where a purchase order is. Every change asks [`PurchaseOrderStatus::can_transition`]
    /// and writes an event (`server::db::status`).
    pub enum PurchaseOrderStatus {
        /// 草稿: being written by procurement; nothing is promised.
        Draft => "draft",
        /// 已下达: sent to the supplier, who confirms or proposes changes.
        Sent => "sent",
        /// 已确认: the supplier confirmed quantities and dates.
        Confirmed => "confirmed",
        /// 部分收货: some lines or units have arrived.
        PartiallyReceived => "partially_received",
        /// 已收货: everything ordered has arrived (or what is missing is written off).
        Received => "received",
        /// 已关闭: received and settled; nothing more happens to it.
        Closed => "closed",
        /// 已取消: withdrawn before anything arrived.
        Cancelled => "cancelled",
    }
}

impl PurchaseOrderStatus {
    pub fn can_transition(self, to: PurchaseOrderStatus) -> bool {
        use PurchaseOrderStatus::*;
        matches!(
            (self, to),
            (Draft, Sent | Cancelled)
                // the supplier's proposal sends it back to be agreed again
                | (Sent, Confirmed | Draft | Cancelled)
                | (Confirmed, PartiallyReceived | Received | Cancelled)
                | (PartiallyReceived, PartiallyReceived | Received)
                | (Received, Closed)
        )
    }

    /// Goods may be received against it.
    pub fn receivable(self) -> bool {
        matches!(
            self,
            PurchaseOrderStatus::Confirmed | PurchaseOrderStatus::PartiallyReceived
        )
    }

    /// The status after a receipt, from what has arrived of what was ordered (units, all
    /// lines together); `None` when nothing has arrived yet.
    pub fn after_receipt(ordered: i64, arrived: i64) -> Option<PurchaseOrderStatus> {
        if arrived <= 0 {
            None
        } else if arrived >= ordered {
            Some(PurchaseOrderStatus::Received)
        } else {
            Some(PurchaseOrderStatus::PartiallyReceived)
        }
    }
}

impl Status for PurchaseOrderStatus {
    fn as_str(self) -> &'static str {
        PurchaseOrderStatus::as_str(self)
    }

    fn parse(text: &str) -> Option<Self> {
        PurchaseOrderStatus::parse(text)
    }

    fn can_transition(self, to: Self) -> bool {
        PurchaseOrderStatus::can_transition(self, to)
    }
}

/// Whether a purchase order of `total` (minor units) needs a second person's approval
/// (finance) before it is sent: above `threshold`; a threshold of zero or less asks it of
/// every order.
pub fn needs_approval(total: i64, threshold: i64) -> bool {
    threshold <= 0 || total > threshold
}

/// The threshold that applies to an order in `currency` when the shop's threshold is in
/// `shop`: there is no exchange rate to compare by, so an order in another currency always
/// needs approval (a threshold of zero).
pub fn threshold_for(
    threshold: i64,
    currency: crate::money::Currency,
    shop: crate::money::Currency,
) -> i64 {
    if currency == shop {
        threshold
    } else {
        0
    }
}

/// Why a purchase order may not be sent now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendRefusal {
    /// It has no lines, or a line of no units.
    Empty,
    /// It needs approval and has none.
    NotApproved,
    /// Its writer approved it themself: approval is a second person's.
    ApprovedByWriter,
}

/// Whether a draft of `total` with `lines` (units per line), written by `writer` and
/// approved by `approver` (none: not yet), may go to the supplier under `threshold`.
pub fn check_send(
    lines: &[i64],
    total: i64,
    threshold: i64,
    writer: i64,
    approver: Option<i64>,
) -> Result<(), SendRefusal> {
    if lines.is_empty() || lines.iter().any(|q| *q <= 0) {
        return Err(SendRefusal::Empty);
    }
    if !needs_approval(total, threshold) {
        return Ok(());
    }
    match approver {
        None => Err(SendRefusal::NotApproved),
        Some(a) if a == writer => Err(SendRefusal::ApprovedByWriter),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::PurchaseOrderStatus::*;
    use super::*;

    #[test]
    fn an_order_in_another_currency_always_needs_approval() {
        use crate::money::Currency::{CNY, USD};
        assert_eq!(threshold_for(5_000_000, CNY, CNY), 5_000_000);
        assert_eq!(threshold_for(5_000_000, USD, CNY), 0);
        assert!(needs_approval(100, threshold_for(5_000_000, USD, CNY)));
        assert!(!needs_approval(100, threshold_for(5_000_000, CNY, CNY)));
    }

    #[test]
    fn a_purchase_order_goes_from_draft_to_closed() {
        for (from, to) in [
            (Draft, Sent),
            (Sent, Confirmed),
            (Sent, Draft),
            (Confirmed, PartiallyReceived),
            (PartiallyReceived, PartiallyReceived),
            (PartiallyReceived, Received),
            (Confirmed, Received),
            (Received, Closed),
            (Draft, Cancelled),
            (Confirmed, Cancelled),
        ] {
            assert!(from.can_transition(to), "{from:?} → {to:?}");
        }
        for (from, to) in [
            (Draft, Confirmed),
            (Draft, Received),
            (PartiallyReceived, Cancelled),
            (Received, Cancelled),
            (Closed, Draft),
            (Cancelled, Sent),
        ] {
            assert!(!from.can_transition(to), "{from:?} → {to:?}");
        }
        for s in PurchaseOrderStatus::ALL {
            assert_eq!(PurchaseOrderStatus::parse(s.as_str()), Some(*s));
        }
    }

    #[test]
    fn a_receipt_moves_the_order_by_what_arrived() {
        assert_eq!(PurchaseOrderStatus::after_receipt(10, 0), None);
        assert_eq!(
            PurchaseOrderStatus::after_receipt(10, 4),
            Some(PartiallyReceived)
        );
        assert_eq!(PurchaseOrderStatus::after_receipt(10, 10), Some(Received));
        assert_eq!(
            PurchaseOrderStatus::after_receipt(10, 12),
            Some(Received),
            "an over-delivery receives it too"
        );
        assert!(Confirmed.receivable() && PartiallyReceived.receivable());
        assert!(!Sent.receivable() && !Received.receivable());
    }

    #[test]
    fn approval_is_a_second_persons_above_the_threshold() {
        assert!(!needs_approval(5_000_000, 5_000_000));
        assert!(needs_approval(5_000_001, 5_000_000));
        assert!(needs_approval(1, 0), "a threshold of zero asks it of all");
        assert_eq!(check_send(&[5], 1_000, 5_000_000, 7, None), Ok(()));
        assert_eq!(
            check_send(&[], 0, 5_000_000, 7, None),
            Err(SendRefusal::Empty)
        );
        assert_eq!(
            check_send(&[5, 0], 1_000, 5_000_000, 7, None),
            Err(SendRefusal::Empty)
        );
        assert_eq!(
            check_send(&[5], 6_000_000, 5_000_000, 7, None),
            Err(SendRefusal::NotApproved)
        );
        assert_eq!(
            check_send(&[5], 6_000_000, 5_000_000, 7, Some(7)),
            Err(SendRefusal::ApprovedByWriter)
        );
        assert_eq!(check_send(&[5], 6_000_000, 5_000_000, 7, Some(8)), Ok(()));
    }
}
