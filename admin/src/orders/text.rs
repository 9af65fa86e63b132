//! The orders module's strings.

use shared::checkout::PaymentMethod;
use shared::orders::OrderStatus;
use shared::Locale;
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum O {
    Order,
    Placed,
    Buyer,
    Status,
    Payment,
    Total,
    PayBy,
    SearchPlaceholder,
    AwaitingTransfer,
    MarkPaid,
    MarkSelectedPaid,
    MarkedPaid,
    NotMarked,
    Hold,
    Release,
    Cancel,
    OnHold,
    Reason,
    Confirm,
    Items,
    Lines,
    UnitPrice,
    Discount,
    Shipping,
    Coupon,
    NotAllocatedYet,
    Notes,
    AddNote,
    NoteAdded,
    OtherOrders,
    AwaitingAllocation,
    PaymentsAndRefunds,
    Paid,
    Refunded,
    Refund,
    Amount,
    AmountInvalid,
    ChangeAddress,
    AddressChanged,
    Recipient,
    Phone,
    District,
    DistrictHint,
    Street,
    From,
    To,
    Province,
    Delivery,
    Warehouse,
    SaveView,
    ViewName,
    ViewSaved,
    ForgetView,
}

impl Translate for O {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            O::Order => ("订单号", "Order"),
            O::Placed => ("下单时间", "Placed"),
            O::Buyer => ("买家邮箱", "Buyer"),
            O::Status => ("状态", "Status"),
            O::Payment => ("支付方式", "Payment"),
            O::Total => ("实付金额", "Total"),
            O::PayBy => ("付款期限", "Pay by"),
            O::SearchPlaceholder => (
                "搜索订单号、买家邮箱或收件人手机号",
                "Search by order number, e-mail or mobile",
            ),
            O::AwaitingTransfer => ("只看待确认转账", "Awaiting bank transfer only"),
            O::MarkPaid => ("确认已收款", "Mark paid"),
            O::MarkSelectedPaid => ("批量确认收款", "Mark selected paid"),
            O::MarkedPaid => ("已确认收款", "Marked paid"),
            O::NotMarked => ("未能确认收款", "Could not mark paid"),
            O::Hold => ("挂起订单", "Put on hold"),
            O::Release => ("解除挂起", "Release hold"),
            O::Cancel => ("取消订单", "Cancel order"),
            O::OnHold => ("已挂起", "On hold"),
            O::Reason => ("原因", "Reason"),
            O::Confirm => ("确认", "Confirm"),
            O::Items => ("商品金额", "Items"),
            O::Lines => ("商品明细", "Items ordered"),
            O::UnitPrice => ("单价", "Unit price"),
            O::Discount => ("优惠", "Discount"),
            O::Shipping => ("运费", "Shipping"),
            O::Coupon => ("优惠券", "Coupon"),
            O::NotAllocatedYet => ("尚未分配仓库。", "Not allocated to a warehouse yet."),
            O::Notes => ("内部备注", "Internal notes"),
            O::AddNote => ("添加备注", "Add note"),
            O::NoteAdded => ("备注已添加", "Note added"),
            O::OtherOrders => ("该买家的其他订单", "The buyer's other orders"),
            O::AwaitingAllocation => ("只看待分配", "Awaiting allocation only"),
            O::PaymentsAndRefunds => ("收款与退款", "Payments and refunds"),
            O::Paid => ("已收款", "Paid"),
            O::Refunded => ("已退款", "Refunded"),
            O::Refund => ("退款", "Refund"),
            O::Amount => ("金额（元）", "Amount"),
            O::AmountInvalid => (
                "请输入金额，例如 30 或 30.50。",
                "Enter an amount such as 30 or 30.50.",
            ),
            O::ChangeAddress => ("修改地址", "Change address"),
            O::AddressChanged => ("收货地址已修改", "Delivery address changed"),
            O::Recipient => ("收件人", "Recipient"),
            O::Phone => ("手机号", "Mobile"),
            O::District => ("区县代码", "District code"),
            O::DistrictHint => (
                "6 位行政区划代码，例如 310115（上海市浦东新区）。",
                "The six-digit district code, e.g. 310115 (Pudong, Shanghai).",
            ),
            O::Street => ("详细地址", "Street and number"),
            O::From => ("下单日期从", "Placed from"),
            O::To => ("至", "to"),
            O::Province => ("省份", "Province"),
            O::Delivery => ("配送方式", "Delivery"),
            O::Warehouse => ("发货仓", "Warehouse"),
            O::SaveView => ("保存为常用筛选", "Save view"),
            O::ViewName => ("筛选名称", "View name"),
            O::ViewSaved => ("常用筛选已保存", "View saved"),
            O::ForgetView => ("删除该常用筛选", "Forget this view"),
        };
        locale.pick(zh, en)
    }
}

pub fn status(locale: Locale, s: OrderStatus) -> &'static str {
    let (zh, en) = match s {
        OrderStatus::PendingPayment => ("待付款", "Awaiting payment"),
        OrderStatus::Paid => ("已付款", "Paid"),
        OrderStatus::Processing => ("处理中", "Processing"),
        OrderStatus::Shipped => ("已发货", "Shipped"),
        OrderStatus::Delivered => ("已送达", "Delivered"),
        OrderStatus::Completed => ("已完成", "Completed"),
        OrderStatus::Cancelled => ("已取消", "Cancelled"),
        OrderStatus::Refunded => ("已退款", "Refunded"),
    };
    locale.pick(zh, en)
}

pub fn payment(locale: Locale, m: PaymentMethod) -> &'static str {
    let (zh, en) = match m {
        PaymentMethod::CashOnDelivery => ("货到付款", "Cash on delivery"),
        PaymentMethod::BankTransfer => ("银行转账", "Bank transfer"),
        PaymentMethod::Card => ("银行卡", "Card"),
    };
    locale.pick(zh, en)
}
