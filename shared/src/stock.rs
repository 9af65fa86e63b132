//! Stock (库存): every movement of a unit is a ledger row. A stock level's on-hand and
//! reserved figures are always the sums of its rows' changes.

use crate::coded;

coded! {
    /// Why stock moved.
    pub enum MovementKind {
        /// 期初: the balance a stock level started with.
        Opening => "opening",
        /// 入库: goods received.
        Receipt => "receipt",
        /// 预留: an order holds units (reserved up, on-hand unchanged).
        Reservation => "reservation",
        /// 释放: an order gave its hold back (cancelled, expired).
        Release => "release",
        /// 分配: allocation moved an order's hold from one warehouse to another.
        Allocation => "allocation",
        /// 拣货: units taken from their bin to the packing bench (no change to the figures).
        Pick => "pick",
        /// 出库: a shipment left (on-hand and reserved down).
        Shipment => "shipment",
        /// 退货入库
        Return => "return",
        /// 调整: a correction by hand, or a short pick (the bin held less than the books).
        Adjustment => "adjustment",
        /// 调拨出库
        TransferOut => "transfer_out",
        /// 调拨入库
        TransferIn => "transfer_in",
        /// 盘点差异
        Stocktake => "stocktake",
    }
}

coded! {
    /// What an item is to the business (物料类型).
    pub enum ItemKind {
        /// 成品: sold to customers.
        FinishedGood => "finished_good",
        /// 原材料: used to make or pack what is sold; never on the shop front.
        RawMaterial => "raw_material",
    }
}

// `coded!` writes the enum, so `#[derive(Default)]` cannot be put on it
#[allow(clippy::derivable_impls)]
impl Default for ItemKind {
    /// Most of what a shop stocks is sold.
    fn default() -> Self {
        ItemKind::FinishedGood
    }
}

coded! {
    /// A transfer between two warehouses (调拨单).
    pub enum TransferStatus {
        /// 已申请
        Requested => "requested",
        /// 在途: left the first warehouse, not in the second yet.
        Shipped => "shipped",
        /// 已入库
        Received => "received",
        /// 已取消
        Cancelled => "cancelled",
    }
}

impl TransferStatus {
    pub fn can_transition(self, to: TransferStatus) -> bool {
        use TransferStatus::*;
        matches!(
            (self, to),
            (Requested, Shipped | Cancelled) | (Shipped, Received)
        )
    }
}

impl crate::status::Status for TransferStatus {
    fn as_str(self) -> &'static str {
        TransferStatus::as_str(self)
    }

    fn parse(text: &str) -> Option<Self> {
        TransferStatus::parse(text)
    }

    fn can_transition(self, to: Self) -> bool {
        TransferStatus::can_transition(self, to)
    }
}

coded! {
    /// A stocktake (盘点单).
    pub enum StocktakeStatus {
        /// 盘点中: lines being counted.
        Counting => "counting",
        /// 待审核: counted; its variances wait for approval.
        Review => "review",
        /// 已审核: its variances are in the ledger.
        Approved => "approved",
        /// 已取消
        Cancelled => "cancelled",
    }
}

impl StocktakeStatus {
    pub fn can_transition(self, to: StocktakeStatus) -> bool {
        use StocktakeStatus::*;
        matches!(
            (self, to),
            (Counting, Review | Cancelled) | (Review, Approved | Counting | Cancelled)
        )
    }
}

impl crate::status::Status for StocktakeStatus {
    fn as_str(self) -> &'static str {
        StocktakeStatus::as_str(self)
    }

    fn parse(text: &str) -> Option<Self> {
        StocktakeStatus::parse(text)
    }

    fn can_transition(self, to: Self) -> bool {
        StocktakeStatus::can_transition(self, to)
    }
}

/// The variance of a counted line: what was found against what the books said at the
/// moment it was counted (movements before or after the count do not count against it).
pub fn variance(counted: i64, book_at_count: i64) -> i64 {
    counted - book_at_count
}

/// Whether a level is at or below its reorder point (none set: never).
pub fn is_low(available: i64, reorder_point: Option<i64>) -> bool {
    reorder_point.is_some_and(|p| available <= p)
}

/// Turnover (周转率) over a period: the cost of what was sold over the average stock's
/// value, in hundredths (250 = 2.5 times); none without stock.
pub fn turnover_hundredths(cost_of_sales: i64, stock_value: i64) -> Option<i64> {
    (stock_value > 0).then(|| cost_of_sales.saturating_mul(100) / stock_value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfers_and_stocktakes_follow_their_steps() {
        use StocktakeStatus::{Approved, Counting, Review};
        use TransferStatus::{Received, Requested, Shipped};
        assert!(Requested.can_transition(Shipped) && Shipped.can_transition(Received));
        assert!(
            !Shipped.can_transition(TransferStatus::Cancelled),
            "goods on the road are received, not cancelled"
        );
        assert!(!Received.can_transition(Shipped));
        assert!(Counting.can_transition(Review) && Review.can_transition(Approved));
        assert!(Review.can_transition(Counting), "sent back for a recount");
        assert!(!Approved.can_transition(Counting));
    }

    #[test]
    fn a_variance_is_against_the_books_when_counted() {
        // 10 on the books when counted, 8 found; two shipped after the count change nothing
        assert_eq!(variance(8, 10), -2);
        assert!(is_low(3, Some(5)) && !is_low(6, Some(5)) && !is_low(0, None));
        assert_eq!(turnover_hundredths(50_000, 20_000), Some(250));
        assert_eq!(turnover_hundredths(1, 0), None);
    }
}
