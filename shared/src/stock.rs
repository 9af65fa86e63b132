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
