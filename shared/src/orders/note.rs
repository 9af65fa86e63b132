//! What the system writes in a history (订单日志, 包裹日志, 调拨和盘点日志) as data, not as a sentence: each
//! app says it in its reader's language. A note is stored in the event's `note` column as
//! `§` followed by its JSON; anything else found there (a reason a person typed, rows from
//! before notes were data) is shown as written.

use crate::fulfilment::{Carrier, PackageSize};
use crate::money::Money;
use serde::{Deserialize, Serialize};

/// How many units one warehouse sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarehouseUnits {
    pub warehouse: String,
    pub units: i64,
}

/// A fact of an order's or a shipment's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    /// 下单
    Placed,
    /// Staff saw the bank transfer arrive.
    TransferReceived,
    /// The card gateway says it was paid.
    CardPaid,
    /// Money arrived for a cancelled order: it must go back.
    PaidAfterCancel,
    /// A second payment for one order: it must go back.
    PaidTwice,
    /// Not paid in time: cancelled by the system.
    PaymentExpired,
    /// A shipment made for order `number`.
    ForOrder {
        number: String,
    },
    /// Sent to warehouses (分配仓库).
    Allocated {
        warehouses: Vec<WarehouseUnits>,
    },
    /// A shipment moved by hand to another warehouse.
    Moved {
        shipment: i64,
        from: String,
        to: String,
    },
    /// On a pick list (拣货单).
    OnPickList {
        list: i64,
    },
    /// Its pick list is done.
    Picked {
        list: i64,
    },
    /// 缺货: fewer units were found on the shelf than the books said.
    ShortPick {
        shipment: i64,
        sku: String,
        found: i64,
        wanted: i64,
    },
    /// 打包
    Packed {
        package: PackageSize,
        weight_grams: i64,
    },
    /// 发货
    Shipped {
        shipment: i64,
        carrier: Carrier,
        tracking: String,
    },
    /// What the carrier reports on the way.
    InTransit {
        shipment: i64,
        detail: String,
    },
    /// 签收: `signed_by` is the recipient's name when someone wrote it down.
    Delivered {
        shipment: i64,
        signed_by: String,
        own_fleet: bool,
    },
    /// 配送失败, with why.
    DeliveryFailed {
        shipment: i64,
        reason: String,
    },
    /// Completed by the system some days after delivery.
    Completed,
    /// A shipment stopped because its order was cancelled.
    OrderCancelled,
    /// The customer cancelled the order themselves, before a warehouse had it.
    CancelledByCustomer,
    /// 暂停 / 恢复履约, with the staff's reason.
    Held {
        reason: String,
    },
    Released {
        reason: String,
    },
    /// 修改收货地址: the new region (province, city, district).
    AddressChanged {
        region: String,
    },
    /// 退款: asked of the card gateway (`card`) or paid back by bank transfer.
    RefundAsked {
        amount: Money,
        card: bool,
        reason: String,
    },
    /// The gateway returned the money to the card.
    RefundReturned {
        amount: Money,
    },
    /// The gateway refused to refund.
    RefundRefused {
        amount: Money,
    },
    /// Everything paid went back.
    RefundedInFull,
    /// A return's goods arrived at a warehouse (退货签收).
    ReturnReceived {
        warehouse: String,
    },
    /// A return's units judged (质检): restocked, scrapped, kept for the supplier.
    ReturnInspected {
        restocked: i64,
        scrapped: i64,
        to_supplier: i64,
    },
    /// A return refunded (退货退款).
    ReturnRefunded {
        amount: Money,
    },
    /// An exchange sent (换货): the replacement order's number.
    ReturnExchanged {
        replacement: String,
    },
    /// A transfer arrived `missing` units short (调拨短收).
    ArrivedShort {
        missing: i64,
    },
    /// A stocktake of one zone of the warehouse (盘点范围).
    CountsZone {
        zone: String,
    },
    /// A count sent back to be counted again (退回重盘).
    Recount,
    /// A purchase order's total approved by finance (审批通过).
    PurchaseApproved {
        total: Money,
    },
    /// The supplier proposed other quantities on `lines` lines (供应商建议修改).
    SupplierProposed {
        lines: i64,
    },
    /// The supplier moved the expected date of `lines` lines (交期变更).
    DatesMoved {
        lines: i64,
    },
    /// The supplier announced a shipment (发货通知) of `units` units.
    ShipmentAnnounced {
        number: String,
        units: i64,
    },
}

const MARK: char = '§';

impl Note {
    /// The text kept in an event's `note` column.
    pub fn stored(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        format!("{MARK}{json}")
    }

    /// The note in a stored text, if it is one.
    pub fn read(stored: &str) -> Option<Note> {
        serde_json::from_str(stored.strip_prefix(MARK)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    #[test]
    fn a_stored_note_reads_back_and_typed_text_is_not_a_note() {
        let notes = [
            Note::Placed,
            Note::Allocated {
                warehouses: vec![WarehouseUnits {
                    warehouse: "SH-01".into(),
                    units: 3,
                }],
            },
            Note::Shipped {
                shipment: 7,
                carrier: Carrier::SfExpress,
                tracking: "SF1".into(),
            },
            Note::RefundAsked {
                amount: Money::new(1_000, Currency::CNY),
                card: true,
                reason: "§ 破损".into(),
            },
        ];
        for note in notes {
            assert_eq!(Note::read(&note.stored()), Some(note));
        }
        assert_eq!(Note::read("客户要求取消"), None);
        assert_eq!(Note::read("§ not json"), None);
    }
}
