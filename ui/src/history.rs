//! What the system wrote in a history (`shared::orders::note::Note`), said in the reader's
//! language: the order's timeline in the back office and the customer's tracking page say
//! the same facts alike.

use crate::format::money;
use shared::fulfilment::PackageSize;
use shared::orders::note::Note;
use shared::orders::tracking::Milestone;
use shared::Locale;

/// The sentence for a note, in `locale`.
pub fn note_text(locale: Locale, note: &Note) -> String {
    let zh = locale == Locale::ZhCn;
    let pick = |c: &str, e: &str| if zh { c.to_string() } else { e.to_string() };
    let parcel = |id: i64| {
        if zh {
            format!("包裹 #{id}")
        } else {
            format!("Parcel #{id}")
        }
    };
    match note {
        Note::Placed => pick("订单已提交", "Order placed"),
        Note::TransferReceived => pick("银行转账已到账", "Bank transfer received"),
        Note::CardPaid => pick("银行卡支付成功", "Card payment received"),
        Note::PaidAfterCancel => pick(
            "订单取消后收到付款，需退款",
            "Payment arrived after cancellation; a refund is due",
        ),
        Note::PaidTwice => pick("重复付款，需退款", "Paid twice; a refund is due"),
        Note::PaymentExpired => pick(
            "未在期限内付款，订单已自动取消",
            "Not paid in time: cancelled automatically",
        ),
        Note::ForOrder { number } => {
            if zh {
                format!("来自订单 {number}")
            } else {
                format!("For order {number}")
            }
        }
        Note::Allocated { warehouses } => {
            let parts: Vec<String> = warehouses
                .iter()
                .map(|w| {
                    if zh {
                        format!("{} {} 件", w.warehouse, w.units)
                    } else {
                        format!("{} ({} units)", w.warehouse, w.units)
                    }
                })
                .collect();
            if zh {
                format!("已分配仓库：{}", parts.join("，"))
            } else {
                format!("Allocated: {}", parts.join(", "))
            }
        }
        Note::Moved { shipment, from, to } => {
            if zh {
                format!("{} 由 {from} 改为 {to} 发货", parcel(*shipment))
            } else {
                format!("{} moved from {from} to {to}", parcel(*shipment))
            }
        }
        Note::OnPickList { list } => {
            if zh {
                format!("已加入拣货单 #{list}")
            } else {
                format!("On pick list #{list}")
            }
        }
        Note::Picked { list } => {
            if zh {
                format!("拣货单 #{list} 已完成")
            } else {
                format!("Pick list #{list} completed")
            }
        }
        Note::ShortPick {
            shipment,
            sku,
            found,
            wanted,
        } => {
            if zh {
                format!(
                    "{}：{sku} 缺货，应拣 {wanted} 件，实拣 {found} 件",
                    parcel(*shipment)
                )
            } else {
                format!(
                    "{}: short pick of {sku}, {found} of {wanted} found",
                    parcel(*shipment)
                )
            }
        }
        Note::Packed {
            package,
            weight_grams,
        } => {
            let (c, e) = package_name(*package);
            if zh {
                format!("已打包：{c}纸箱，{weight_grams} 克")
            } else {
                format!("Packed: {e} carton, {weight_grams} g")
            }
        }
        Note::Shipped {
            shipment,
            carrier,
            tracking,
        } => {
            let (c, e) = carrier.names();
            if zh {
                format!("{} 已由{c}揽收，运单号 {tracking}", parcel(*shipment))
            } else {
                format!(
                    "{} handed to {e}, tracking number {tracking}",
                    parcel(*shipment)
                )
            }
        }
        Note::InTransit { shipment, detail } => {
            let p = parcel(*shipment);
            match (zh, detail.is_empty()) {
                (true, true) => format!("{p} 运输中"),
                (true, false) => format!("{p} 运输中：{detail}"),
                (false, true) => format!("{p} in transit"),
                (false, false) => format!("{p} in transit: {detail}"),
            }
        }
        Note::Delivered {
            shipment,
            signed_by,
            own_fleet,
        } => {
            let p = parcel(*shipment);
            let by = match (zh, *own_fleet) {
                (true, true) => "（自有车队配送）",
                (false, true) => " by our own fleet",
                _ => "",
            };
            match (zh, signed_by.is_empty()) {
                (true, true) => format!("{p} 已送达{by}"),
                (true, false) => format!("{p} 已送达{by}，签收人：{signed_by}"),
                (false, true) => format!("{p} delivered{by}"),
                (false, false) => format!("{p} delivered{by}, signed for by {signed_by}"),
            }
        }
        Note::DeliveryFailed { shipment, reason } => {
            let p = parcel(*shipment);
            match (zh, reason.is_empty()) {
                (true, true) => format!("{p} 配送失败"),
                (true, false) => format!("{p} 配送失败：{reason}"),
                (false, true) => format!("{p} delivery failed"),
                (false, false) => format!("{p} delivery failed: {reason}"),
            }
        }
        Note::Completed => pick(
            "签收后自动确认完成",
            "Completed automatically after delivery",
        ),
        Note::OrderCancelled => pick("订单已取消", "The order was cancelled"),
        Note::CancelledByCustomer => pick("顾客自行取消了订单", "Cancelled by the customer"),
        Note::Held { reason } => {
            if zh {
                format!("挂起：{reason}")
            } else {
                format!("On hold: {reason}")
            }
        }
        Note::Released { reason } => {
            if zh {
                format!("解除挂起：{reason}")
            } else {
                format!("Released: {reason}")
            }
        }
        Note::AddressChanged { region } => {
            if zh {
                format!("收货地址已修改（{region}）")
            } else {
                format!("Delivery address changed ({region})")
            }
        }
        Note::RefundAsked {
            amount,
            card,
            reason,
        } => {
            let m = money(*amount);
            match (zh, *card) {
                (true, true) => format!("已向银行卡发起退款 {m}：{reason}"),
                (true, false) => format!("已通过银行转账退款 {m}：{reason}"),
                (false, true) => format!("Refund of {m} asked of the card gateway: {reason}"),
                (false, false) => format!("Refund of {m} paid back by bank transfer: {reason}"),
            }
        }
        Note::RefundReturned { amount } => {
            let m = money(*amount);
            if zh {
                format!("退款 {m} 已退回银行卡")
            } else {
                format!("Refund of {m} returned to the card")
            }
        }
        Note::RefundRefused { amount } => {
            let m = money(*amount);
            if zh {
                format!("支付网关拒绝了 {m} 的退款")
            } else {
                format!("The card gateway refused the refund of {m}")
            }
        }
        Note::ReturnReceived { warehouse } => {
            if zh {
                format!("退货已由 {warehouse} 签收")
            } else {
                format!("Return received at {warehouse}")
            }
        }
        Note::ReturnInspected {
            restocked,
            scrapped,
            to_supplier,
        } => {
            if zh {
                format!("质检完成：重新上架 {restocked} 件，报废 {scrapped} 件，退回供应商 {to_supplier} 件")
            } else {
                format!("Inspected: {restocked} restocked, {scrapped} scrapped, {to_supplier} kept for the supplier")
            }
        }
        Note::ReturnExchanged { replacement } => {
            if zh {
                format!("换货：新订单 {replacement}")
            } else {
                format!("Exchanged: replacement order {replacement}")
            }
        }
        Note::ReturnRefunded { amount } => {
            if zh {
                format!("退货退款 {}", money(*amount))
            } else {
                format!("Return refunded: {}", money(*amount))
            }
        }
        Note::RefundedInFull => pick(
            "已全额退款（未发出的商品请取消订单）",
            "Everything paid was refunded (cancel the order if nothing more will ship)",
        ),
        Note::ArrivedShort { missing } => {
            if zh {
                format!("已收货，短少 {missing} 件")
            } else {
                format!("Received; {missing} units did not arrive")
            }
        }
        Note::CountsZone { zone } => {
            if zh {
                format!("盘点库区 {zone}")
            } else {
                format!("Counts zone {zone}")
            }
        }
        Note::Recount => pick("已退回重新盘点", "Sent back for a recount"),
        Note::PurchaseApproved { total } => {
            let total = money(*total);
            if zh {
                format!("财务已审批，金额 {total}")
            } else {
                format!("Approved by finance for {total}")
            }
        }
        Note::SupplierProposed { lines } => {
            if zh {
                format!("供应商建议修改 {lines} 行的数量，待采购确认")
            } else {
                format!("The supplier proposed other quantities on {lines} line(s)")
            }
        }
        Note::DatesMoved { lines } => {
            if zh {
                format!("供应商变更了 {lines} 行的交期")
            } else {
                format!("The supplier moved the expected date of {lines} line(s)")
            }
        }
        Note::ShipmentAnnounced { number, units } => {
            if zh {
                format!("供应商发货通知 {number}：{units} 件")
            } else {
                format!("Shipment {number} announced: {units} units")
            }
        }
    }
}

/// A carton's name: 小号 / small…
pub fn package_name(p: PackageSize) -> (&'static str, &'static str) {
    match p {
        PackageSize::Small => ("小号", "small"),
        PackageSize::Medium => ("中号", "medium"),
        PackageSize::Large => ("大号", "large"),
        PackageSize::ExtraLarge => ("超大号", "extra large"),
    }
}

/// A milestone of the customer's timeline (`shared::orders::tracking`), in `locale`: what
/// the shop front's order and tracking pages say.
pub fn milestone_text(locale: Locale, m: &Milestone) -> String {
    let zh = locale == Locale::ZhCn;
    let pick = |c: &str, e: &str| if zh { c.to_string() } else { e.to_string() };
    let with = |c: &str, e: &str, detail: &str| {
        let head = pick(c, e);
        if detail.trim().is_empty() {
            head
        } else if zh {
            format!("{head}：{detail}")
        } else {
            format!("{head}: {detail}")
        }
    };
    match m {
        Milestone::Placed => pick("订单已提交", "Order placed"),
        Milestone::Paid => pick("付款成功", "Payment received"),
        Milestone::Preparing => pick(
            "仓库已接单，正在备货",
            "A warehouse is preparing your order",
        ),
        Milestone::Picked => pick("商品已拣货", "Your items have been picked"),
        Milestone::Packed => pick("包裹已打包，等待揽收", "Packed, waiting for the courier"),
        Milestone::Shipped { carrier, tracking } => {
            let (c, e) = carrier.names();
            match (zh, tracking.is_empty()) {
                (true, true) => format!("已发货（{c}）"),
                (true, false) => format!("{c}已揽收，运单号 {tracking}"),
                (false, true) => format!("Shipped with {e}"),
                (false, false) => format!("Handed to {e}, tracking number {tracking}"),
            }
        }
        Milestone::InTransit { detail } => with("运输中", "On its way", detail),
        Milestone::Delivered { signed_by } => {
            let head = pick("已签收", "Delivered");
            match (signed_by.trim().is_empty(), zh) {
                (true, _) => head,
                (false, true) => format!("{head}，签收人：{signed_by}"),
                (false, false) => format!("{head}, signed for by {signed_by}"),
            }
        }
        Milestone::DeliveryFailed { reason } => with(
            "配送未成功，将再次安排",
            "Delivery did not succeed; it will be tried again",
            reason,
        ),
        Milestone::Completed => pick("订单已完成", "Order completed"),
        Milestone::Cancelled => pick("订单已取消", "Order cancelled"),
        Milestone::AddressChanged { region } => {
            with("收货地址已修改", "Delivery address changed", region)
        }
        Milestone::RefundStarted { amount } => {
            if zh {
                format!("退款 {} 已提交，将原路退回", money(*amount))
            } else {
                format!("Refund of {} started, back to how you paid", money(*amount))
            }
        }
        Milestone::Refunded { amount } => {
            if zh {
                format!("已退款 {}", money(*amount))
            } else {
                format!("{} refunded", money(*amount))
            }
        }
        Milestone::RefundedInFull => pick("已全额退款", "Refunded in full"),
        Milestone::ReturnRequested { id } => {
            if zh {
                format!("已提交退货申请 #{id}，等待客服审核")
            } else {
                format!("Return #{id} requested; customer service will review it")
            }
        }
        Milestone::ReturnApproved { id, instructions } => {
            let head = if zh {
                format!("退货 #{id} 已同意，请寄回商品")
            } else {
                format!("Return #{id} approved: please send the items back")
            };
            with(&head, &head, instructions)
        }
        Milestone::ReturnRejected { id, reason } => {
            let head = if zh {
                format!("退货 #{id} 未通过")
            } else {
                format!("Return #{id} not approved")
            };
            with(&head, &head, reason)
        }
        Milestone::ReturnReceived { id } => {
            if zh {
                format!("退货 #{id} 的商品已到仓库")
            } else {
                format!("The items of return #{id} have arrived")
            }
        }
        Milestone::ReturnInspected { id } => {
            if zh {
                format!("退货 #{id} 已完成质检")
            } else {
                format!("Return #{id} inspected")
            }
        }
        Milestone::ReturnRefunded { id, amount } => {
            if zh {
                format!("退货 #{id} 退款 {}", money(*amount))
            } else {
                format!("Return #{id}: {} refunded", money(*amount))
            }
        }
        Milestone::ReturnExchanged { id, replacement } => {
            if zh {
                format!("退货 #{id} 已换货，新商品随订单 {replacement} 发出")
            } else {
                format!("Return #{id} exchanged: the replacement ships as order {replacement}")
            }
        }
        Milestone::ReturnClosed { id, reason } => {
            let head = if zh {
                format!("退货 #{id} 已关闭")
            } else {
                format!("Return #{id} closed")
            };
            with(&head, &head, reason)
        }
        Milestone::RepairRequested { id } => {
            if zh {
                format!("已提交维修申请 #{id}，等待客服确认")
            } else {
                format!("Repair #{id} requested; customer service will confirm it")
            }
        }
        Milestone::RepairReceived { id } => {
            if zh {
                format!("维修 #{id} 的商品已收到")
            } else {
                format!("The item of repair #{id} has arrived")
            }
        }
        Milestone::RepairStarted { id } => {
            if zh {
                format!("维修 #{id} 正在维修")
            } else {
                format!("Repair #{id}: your item is being repaired")
            }
        }
        Milestone::RepairReturned { id, note } => {
            let head = if zh {
                format!("维修 #{id} 已完成，商品已寄回")
            } else {
                format!("Repair #{id} done: your item is on its way back")
            };
            with(&head, &head, note)
        }
        Milestone::RepairClosed { id } => {
            if zh {
                format!("维修 #{id} 已完成")
            } else {
                format!("Repair #{id} complete")
            }
        }
        Milestone::RepairRejected { id, reason } => {
            let head = if zh {
                format!("维修 #{id} 不在保修范围内")
            } else {
                format!("Repair #{id} is not covered by the warranty")
            };
            with(&head, &head, reason)
        }
        Milestone::RefundFailed { amount } => {
            if zh {
                format!("退款 {} 未能原路退回，客服将与您联系", money(*amount))
            } else {
                format!(
                    "The refund of {} could not go back the way you paid; customer service will contact you",
                    money(*amount)
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::fulfilment::Carrier;

    #[test]
    fn a_note_is_said_in_both_languages() {
        let shipped = Note::Shipped {
            shipment: 4,
            carrier: Carrier::SfExpress,
            tracking: "SF1234".into(),
        };
        assert_eq!(
            note_text(Locale::ZhCn, &shipped),
            "包裹 #4 已由顺丰速运揽收，运单号 SF1234"
        );
        assert_eq!(
            note_text(Locale::En, &shipped),
            "Parcel #4 handed to SF Express, tracking number SF1234"
        );
    }
}
