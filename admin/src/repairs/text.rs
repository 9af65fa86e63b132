//! The repairs pages' strings (保修维修、收货、维修、寄回): the after-sales chapter's terms.

use shared::after_sales::repairs::RepairStatus;
use shared::{ApiError, Locale};
use ui::i18n::Translate;

/// A string of the repairs pages (维修).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    Repair,
    Status,
    Order,
    Item,
    Sku,
    Variant,
    Customer,
    Requested,
    Updated,
    Request,
    Description,
    Photos,
    Photo,
    StaffNote,
    History,
    NoHistory,
    Next,
    Note,
    NoteHint,
    Receive,
    Received,
    Start,
    Started,
    Return,
    Returned,
    Close,
    Closed,
    Reject,
    Rejected,
}

impl Translate for W {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            W::Repair => ("维修单", "Repair"),
            W::Status => ("状态", "Status"),
            W::Order => ("订单", "Order"),
            W::Item => ("商品", "Item"),
            W::Sku => ("SKU", "SKU"),
            W::Variant => ("规格", "Variant"),
            W::Customer => ("顾客", "Customer"),
            W::Requested => ("申请时间", "Requested"),
            W::Updated => ("最近处理", "Last step"),
            W::Request => ("维修申请", "The request"),
            W::Description => ("故障描述", "What is wrong"),
            W::Photos => ("顾客照片", "Customer's photos"),
            W::Photo => ("维修照片", "Repair photo"),
            W::StaffNote => ("给顾客的说明", "Note to the customer"),
            W::History => ("处理记录", "History"),
            W::NoHistory => ("暂无记录", "Nothing yet"),
            W::Next => ("下一步", "Next step"),
            W::Note => ("处理说明（顾客可见）", "Note (the customer reads it)"),
            W::NoteHint => (
                "寄回时写明承运商和运单号；不予保修时写明原因；其他步骤可留空。",
                "When sending the item back, name the carrier and tracking number; when it is not covered, say why; other steps may go without.",
            ),
            W::Receive => ("确认收货", "Receive the item"),
            W::Received => ("维修商品已签收", "Item received"),
            W::Start => ("开始维修", "Start the repair"),
            W::Started => ("已开始维修", "Repair started"),
            W::Return => ("维修完成并寄回", "Send it back repaired"),
            W::Returned => ("已寄回顾客", "Sent back to the customer"),
            W::Close => ("关闭维修单", "Close the repair"),
            W::Closed => ("维修单已关闭", "Repair closed"),
            W::Reject => ("不予保修", "Not covered"),
            W::Rejected => ("已告知顾客不予保修", "The customer is told it is not covered"),
        };
        locale.pick(zh, en)
    }
}

pub fn status(locale: Locale, s: RepairStatus) -> &'static str {
    let (zh, en) = match s {
        RepairStatus::Requested => ("待处理", "Requested"),
        RepairStatus::Received => ("已收货", "Received"),
        RepairStatus::Repairing => ("维修中", "Repairing"),
        RepairStatus::Returned => ("已寄回", "Sent back"),
        RepairStatus::Closed => ("已完成", "Closed"),
        RepairStatus::Rejected => ("不予保修", "Not covered"),
    };
    locale.pick(zh, en)
}

/// The repairs problems the server names; [`error`] asks here first.
fn problem(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "note" => (
            "寄回和不予保修须填写说明（1–500 个字符），其他步骤的说明最多 500 个字符。",
            "Sending back and rejecting need a note of 1 to 500 characters; other steps take at most 500.",
        ),
        "illegal_transition" | "status_changed" => (
            "维修单的状态已变化，请刷新后再操作。",
            "The repair has moved on meanwhile. Reload it and try again.",
        ),
        _ => return None,
    })
}

/// What a staff member reads when the server refused a step of a repair.
pub fn error(locale: Locale, e: &ApiError) -> String {
    match e.problem.as_deref().and_then(problem) {
        Some((zh, en)) => locale.pick(zh, en).to_string(),
        None => crate::text::error(locale, e),
    }
}
