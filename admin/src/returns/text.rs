//! The returns pages' strings (退货、审核、收货、质检、退款): the after-sales chapter's terms.

use shared::after_sales::returns::{Outcome, Resolution, ReturnReason, ReturnStatus};
use shared::{ApiError, Locale};
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum R {
    Return,
    Status,
    Reason,
    Units,
    Share,
    Refunded,
    Requested,
    Request,
    Comment,
    Resolution,
    ExchangeFor,
    Replacement,
    Photos,
    Photo,
    Lines,
    Sku,
    Item,
    Quantity,
    StaffNote,
    History,
    Next,
    Note,
    NoteHint,
    Approve,
    Approved,
    Reject,
    Rejected,
    Close,
    Closed,
    Warehouse,
    Receive,
    Received,
    InspectHint,
    Inspect,
    Inspected,
    Amount,
    AmountHint,
    Refund,
    RefundSent,
    SendExchange,
    ExchangeSent,
    ExchangeHint,
}

impl Translate for R {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            R::Return => ("退货单", "Return"),
            R::Status => ("状态", "Status"),
            R::Reason => ("退货原因", "Reason"),
            R::Units => ("件数", "Units"),
            R::Share => ("应退金额", "Share to refund"),
            R::Refunded => ("已退金额", "Refunded"),
            R::Requested => ("申请时间", "Requested"),
            R::Request => ("退货申请", "The request"),
            R::Comment => ("顾客说明", "Customer's comment"),
            R::Resolution => ("顾客诉求", "Customer wants"),
            R::ExchangeFor => ("换成规格", "Exchange for"),
            R::Replacement => ("换货订单", "Replacement order"),
            R::Photos => ("顾客照片", "Customer's photos"),
            R::Photo => ("退货照片", "Return photo"),
            R::Lines => ("退货商品", "Items returned"),
            R::Sku => ("SKU", "SKU"),
            R::Item => ("商品", "Item"),
            R::Quantity => ("数量", "Quantity"),
            R::StaffNote => ("给顾客的说明", "Note to the customer"),
            R::History => ("处理记录", "History"),
            R::Next => ("下一步", "Next step"),
            R::Note => ("处理说明（顾客可见）", "Note (the customer reads it)"),
            R::NoteHint => (
                "同意时写明寄回地址与方式；拒绝或关闭时写明原因。",
                "When approving, say where and how to send the goods back; when rejecting or closing, say why.",
            ),
            R::Approve => ("同意退货", "Approve"),
            R::Approved => ("已同意退货", "Return approved"),
            R::Reject => ("拒绝退货", "Reject"),
            R::Rejected => ("已拒绝退货", "Return rejected"),
            R::Close => ("关闭退货", "Close without refund"),
            R::Closed => ("退货已关闭", "Return closed"),
            R::Warehouse => ("收货仓库", "Warehouse"),
            R::Receive => ("确认收货", "Receive"),
            R::Received => ("退货已签收入仓", "Return received"),
            R::InspectHint => (
                "逐件质检：每行的重新上架、报废与退回供应商之和等于退货数量。",
                "Judge each unit once: a line's restocked, scrapped and to-supplier units add up to its quantity.",
            ),
            R::Inspect => ("提交质检结果", "Record inspection"),
            R::Inspected => ("质检结果已记录", "Inspection recorded"),
            R::Amount => ("退款金额（元）", "Amount (yuan)"),
            R::AmountHint => (
                "留空则按应退金额全额退款。",
                "Leave empty to refund the whole share.",
            ),
            R::Refund => ("退款", "Refund"),
            R::RefundSent => ("退款已发起", "Refund sent"),
            R::SendExchange => ("发出换货", "Send the exchange"),
            R::ExchangeSent => ("换货订单已创建", "Replacement order made"),
            R::ExchangeHint => (
                "为顾客所选的尺码或颜色新建一张无需付款的订单，并立即预留库存；之后照常配货、拣货、发货。",
                "Makes an order of the size or colour the customer chose, with nothing to pay, and reserves its stock now; it is then allocated, picked and shipped like any order.",
            ),
        };
        locale.pick(zh, en)
    }
}

pub fn status(locale: Locale, s: ReturnStatus) -> &'static str {
    let (zh, en) = match s {
        ReturnStatus::Requested => ("已申请", "Requested"),
        ReturnStatus::Approved => ("已同意", "Approved"),
        ReturnStatus::Rejected => ("已拒绝", "Rejected"),
        ReturnStatus::Received => ("已收货", "Received"),
        ReturnStatus::Inspected => ("已质检", "Inspected"),
        ReturnStatus::Refunded => ("已退款", "Refunded"),
        ReturnStatus::Exchanged => ("已换货", "Exchanged"),
        ReturnStatus::Closed => ("已关闭", "Closed"),
    };
    locale.pick(zh, en)
}

/// A stored return status's name, for the history.
pub fn status_code(locale: Locale, code: &str) -> Option<&'static str> {
    ReturnStatus::parse(code).map(|s| status(locale, s))
}

pub fn reason(locale: Locale, r: ReturnReason) -> &'static str {
    let (zh, en) = match r {
        ReturnReason::Defective => ("质量问题", "Defective"),
        ReturnReason::WrongItem => ("发错货", "Wrong item sent"),
        ReturnReason::NotAsDescribed => ("与描述不符", "Not as described"),
        ReturnReason::DamagedInTransit => ("运输损坏", "Damaged in transit"),
        ReturnReason::ChangedMind => ("七天无理由", "Changed mind (7 days)"),
        ReturnReason::Other => ("其他", "Other"),
    };
    locale.pick(zh, en)
}

pub fn resolution(locale: Locale, r: Resolution) -> &'static str {
    let (zh, en) = match r {
        Resolution::Refund => ("退货退款", "Refund"),
        Resolution::Exchange => ("换货", "Exchange"),
    };
    locale.pick(zh, en)
}

pub fn outcome(locale: Locale, o: Outcome) -> &'static str {
    let (zh, en) = match o {
        Outcome::Restock => ("重新上架", "Restock"),
        Outcome::Scrap => ("报废", "Scrap"),
        Outcome::ToSupplier => ("退回供应商", "To supplier"),
    };
    locale.pick(zh, en)
}

/// The returns problems the server names. Some codes (`lines`, `quantity`, `warehouse`,
/// `not_paid`) mean another thing elsewhere in the back office: [`error`] asks here first.
fn problem(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "note" => (
            "请填写处理说明（1–500 个字符）。",
            "Write a note of 1 to 500 characters.",
        ),
        "warehouse" => (
            "请选择售出这些商品的商家自己的仓库收货。",
            "Receive the goods into a warehouse of the seller who sold them.",
        ),
        "lines" => (
            "退货单的每一行都需要质检，且只判定一次。",
            "Judge every line of the return, each once.",
        ),
        "quantity" => (
            "每行填写不小于 0 的整数，且重新上架、报废与退回供应商之和等于退货数量。",
            "Write whole numbers of 0 or more: a line's restocked, scrapped and to-supplier units add up to its quantity.",
        ),
        "amount" => (
            "退款金额须大于 0，且不超过应退金额。",
            "Refund more than zero, and at most the return's share.",
        ),
        "amount_not_positive" => ("退款金额须大于 0。", "A refund is more than zero."),
        "more_than_paid" => (
            "超过了订单已付且尚未退还的金额。",
            "That is more than the order paid and has not refunded yet.",
        ),
        "not_paid" => (
            "该订单没有已付款项，无法退款。",
            "Nothing was paid for this order: there is nothing to refund.",
        ),
        "not_inspected" => (
            "请先收货并完成质检，再退款或换货。",
            "Refund or exchange a return once its goods are received and inspected.",
        ),
        "not_an_exchange" => ("该退货申请的是退款，而非换货。", "This return asked for a refund, not an exchange."),
        "exchange_unavailable" => (
            "顾客所选的尺码或颜色已下架，请改为退款。",
            "That size or colour is no longer for sale: refund the return instead.",
        ),
        "out_of_stock" => (
            "顾客所选的尺码或颜色库存不足，请等待到货或改为退款。",
            "Not enough of that size or colour is free: wait for stock, or refund the return.",
        ),
        _ => return None,
    })
}

/// What a staff member reads when the server refused a step of a return.
pub fn error(locale: Locale, e: &ApiError) -> String {
    match e.problem.as_deref().and_then(problem) {
        Some((zh, en)) => locale.pick(zh, en).to_string(),
        None => crate::text::error(locale, e),
    }
}
