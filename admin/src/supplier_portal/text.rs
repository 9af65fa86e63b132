//! The supplier portal's strings (供应商门户: 登录、采购订单、确认、交期、发货通知) and the
//! words of the portal's rules (`PortalProblem`) in the reader's language.

use shared::procurement::orders::PurchaseOrderStatus;
use shared::{ApiError, Locale};
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sp {
    // the frame
    Portal,
    Company,
    NotFound,
    NotFoundText,
    BackToStart,
    // signing in
    SignInTitle,
    SignInIntro,
    Email,
    Password,
    SignIn,
    Working,
    ForgotHint,
    Ended,
    InviteTitle,
    InviteIntro,
    NewPassword,
    PasswordAgain,
    PasswordHint,
    SetPassword,
    MissingToken,
    BackToSignIn,
    // the list
    Orders,
    OrdersIntro,
    NoOrders,
    Number,
    Status,
    Total,
    SentAt,
    Expected,
    DeliverTo,
    WarehouseAddress,
    AllOrders,
    // one order
    Order,
    Currency,
    BuyerNote,
    Lines,
    Sku,
    Item,
    Ordered,
    UnitPrice,
    Amount,
    Proposed,
    Promised,
    Announced,
    Received,
    ProposalPending,
    WithTheBuyer,
    AllReceived,
    OrderClosed,
    OrderCancelled,
    // confirming
    ConfirmTitle,
    ConfirmHint,
    Quantity,
    PromisedDate,
    ConfirmNote,
    ConfirmNoteHint,
    ConfirmButton,
    ProposeButton,
    ConfirmedToast,
    ProposedToast,
    // dates
    DatesTitle,
    DatesHint,
    NewExpected,
    DatesSave,
    DatesSaved,
    // shipments
    ShipTitle,
    ShipHint,
    Left,
    ShipQty,
    Carrier,
    Tracking,
    ArrivesAt,
    ShipButton,
    ShippedToast,
    AllAnnounced,
    Shipments,
    NoShipments,
    History,
}

impl Translate for Sp {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            Sp::Portal => ("良仓供应商门户", "Storekeep supplier portal"),
            Sp::Company => ("供应商", "Supplier"),
            Sp::NotFound => ("页面不存在", "Page not found"),
            Sp::NotFoundText => ("供应商门户没有这个页面。", "The supplier portal has no such page."),
            Sp::BackToStart => ("返回采购订单", "Back to the purchase orders"),
            Sp::SignInTitle => ("供应商登录", "Supplier sign-in"),
            Sp::SignInIntro => (
                "登录后查看良仓发给贵公司的采购订单，确认交期并通知发货。",
                "Sign in to read the purchase orders Storekeep sends your company, confirm them and announce shipments.",
            ),
            Sp::Email => ("电子邮箱", "E-mail"),
            Sp::Password => ("密码", "Password"),
            Sp::SignIn => ("登录", "Sign in"),
            Sp::Working => ("请稍候…", "One moment…"),
            Sp::ForgotHint => (
                "忘记密码？请联系良仓的采购同事重新发送邀请。",
                "Forgot your password? Ask your buyer at Storekeep to send you a new invitation.",
            ),
            Sp::Ended => (
                "您已退出登录（可能在别处退出、账号被停用或长时间未操作）。请重新登录。",
                "You were signed out (elsewhere, because the account was deactivated, or after a long pause). Please sign in again.",
            ),
            Sp::InviteTitle => ("加入良仓供应商门户", "Join the Storekeep supplier portal"),
            Sp::InviteIntro => (
                "良仓邀请您使用供应商门户：查看采购订单、确认交期、通知发货。设置密码后即可登录。",
                "Storekeep invites you to its supplier portal, to read purchase orders, confirm them and announce shipments. Choose a password to sign in.",
            ),
            Sp::NewPassword => ("设置密码", "Choose a password"),
            Sp::PasswordAgain => ("再次输入密码", "The password again"),
            Sp::PasswordHint => ("至少 8 个字符，避免常见密码。", "At least 8 characters; avoid common passwords."),
            Sp::SetPassword => ("保存密码并登录", "Save the password and sign in"),
            Sp::MissingToken => ("链接不完整，请从邮件中重新打开。", "The link is incomplete. Open it again from the e-mail."),
            Sp::BackToSignIn => ("返回登录", "Back to sign-in"),
            Sp::Orders => ("采购订单", "Purchase orders"),
            Sp::OrdersIntro => (
                "良仓发给贵公司的采购订单。待确认的订单请逐行确认数量和到货日期。",
                "The purchase orders Storekeep sent your company. Confirm those awaiting it, line by line, with the dates you promise.",
            ),
            Sp::NoOrders => ("还没有采购订单。", "No purchase orders yet."),
            Sp::Number => ("采购单号", "Number"),
            Sp::Status => ("状态", "Status"),
            Sp::Total => ("合计", "Total"),
            Sp::SentAt => ("下达时间", "Sent"),
            Sp::Expected => ("预计到货", "Expected"),
            Sp::DeliverTo => ("收货仓库", "Deliver to"),
            Sp::WarehouseAddress => ("收货地址", "Address"),
            Sp::AllOrders => ("← 全部采购订单", "← All purchase orders"),
            Sp::Order => ("采购单", "Purchase order"),
            Sp::Currency => ("币种", "Currency"),
            Sp::BuyerNote => ("采购方备注", "Buyer's note"),
            Sp::Lines => ("采购明细", "Lines"),
            Sp::Sku => ("SKU", "SKU"),
            Sp::Item => ("商品", "Item"),
            Sp::Ordered => ("订购数量", "Ordered"),
            Sp::UnitPrice => ("单价", "Unit price"),
            Sp::Amount => ("金额", "Amount"),
            Sp::Proposed => ("建议数量", "Proposed"),
            Sp::Promised => ("承诺到货", "Promised"),
            Sp::Announced => ("已通知发货", "Announced"),
            Sp::Received => ("已收货", "Received"),
            Sp::ProposalPending => (
                "您提出的数量修改已发给采购方，请等待其调整并重新下达。",
                "Your proposed quantities are with the buyer: they change the order and send it again.",
            ),
            Sp::WithTheBuyer => (
                "采购方正在修改这张采购单，重新下达后您会再收到它。",
                "The buyer is changing this order; it comes back to you once sent again.",
            ),
            Sp::AllReceived => ("货物已全部收到，谢谢！", "Everything arrived. Thank you!"),
            Sp::OrderClosed => ("这张采购单已关闭。", "This purchase order is closed."),
            Sp::OrderCancelled => ("采购方已取消这张采购单。", "The buyer cancelled this purchase order."),
            Sp::ConfirmTitle => ("确认订单", "Confirm the order"),
            Sp::ConfirmHint => (
                "逐行填写可供数量和承诺到仓日期。数量与订购全部一致即确认订单；任一行不同，则作为修改建议发回采购方。",
                "For each line, the units you will deliver and the day you promise them at the warehouse. All as ordered confirms the order; any other quantity goes back to the buyer as a proposal.",
            ),
            Sp::Quantity => ("可供数量", "Quantity"),
            Sp::PromisedDate => ("承诺到仓日期", "Promised date"),
            Sp::ConfirmNote => ("备注（可选）", "Note (optional)"),
            Sp::ConfirmNoteHint => ("采购方可见，最多 500 字。", "The buyer reads it; at most 500 characters."),
            Sp::ConfirmButton => ("确认订单", "Confirm the order"),
            Sp::ProposeButton => ("提交修改建议", "Propose these quantities"),
            Sp::ConfirmedToast => ("订单已确认", "Order confirmed"),
            Sp::ProposedToast => ("修改建议已发给采购方", "Your proposal went to the buyer"),
            Sp::DatesTitle => ("调整预计到货日期", "Move expected dates"),
            Sp::DatesHint => (
                "只提交改动过的行；最初承诺的日期仍会保留在记录中。",
                "Only the lines you change are sent; the date first promised stays on record.",
            ),
            Sp::NewExpected => ("预计到货", "Expected"),
            Sp::DatesSave => ("保存日期", "Save the dates"),
            Sp::DatesSaved => ("预计到货日期已更新", "Expected dates saved"),
            Sp::ShipTitle => ("通知发货", "Announce a shipment"),
            Sp::ShipHint => (
                "填写本批发出的数量（0 表示不在本批），以及承运商、运单号和预计到仓日期。",
                "The units of each line in this shipment (0 leaves a line out), the carrier, the tracking number and when it should reach the warehouse.",
            ),
            Sp::Left => ("待发", "Left"),
            Sp::ShipQty => ("本批数量", "In this shipment"),
            Sp::Carrier => ("承运商", "Carrier"),
            Sp::Tracking => ("运单号", "Tracking number"),
            Sp::ArrivesAt => ("预计到仓", "Arrives"),
            Sp::ShipButton => ("提交发货通知", "Announce the shipment"),
            Sp::ShippedToast => ("发货通知已提交", "Shipment announced"),
            Sp::AllAnnounced => ("所有数量都已通知发货。", "Every unit is announced already."),
            Sp::Shipments => ("发货通知", "Shipments"),
            Sp::NoShipments => ("尚未通知发货。", "No shipment announced yet."),
            Sp::History => ("处理记录", "History"),
        };
        locale.pick(zh, en)
    }
}

/// A purchase order's status as its supplier reads it: a draft is with the buyer and a
/// sent order awaits their confirmation; the others as the back office says them.
pub fn status(locale: Locale, s: PurchaseOrderStatus) -> &'static str {
    match s {
        PurchaseOrderStatus::Draft => locale.pick("采购方处理中", "With the buyer"),
        PurchaseOrderStatus::Sent => locale.pick("待确认", "Awaiting confirmation"),
        PurchaseOrderStatus::Confirmed
        | PurchaseOrderStatus::PartiallyReceived
        | PurchaseOrderStatus::Received
        | PurchaseOrderStatus::Closed
        | PurchaseOrderStatus::Cancelled => crate::procurement::text::status(locale, s),
    }
}

/// A stored status's name, for the history.
pub fn status_code(locale: Locale, code: &str) -> Option<&'static str> {
    PurchaseOrderStatus::parse(code).map(|s| status(locale, s))
}

/// The portal's rules (`PortalProblem`) and the two found here before sending.
pub fn problem(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "invalid_credentials" => ("邮箱或密码不正确。", "The e-mail or the password is wrong."),
        "invitation_invalid" => (
            "邀请链接无效、已使用或已过期，请联系良仓的采购同事重新发送。",
            "This invitation link is unknown, used or expired. Ask your buyer at Storekeep for a new one.",
        ),
        "not_awaiting_confirmation" => (
            "这张采购单已不在待确认状态（可能已确认，或采购方正在修改），请刷新页面。",
            "This purchase order no longer awaits confirmation (confirmed already, or the buyer is changing it). Reload the page.",
        ),
        "lines_mismatch" => (
            "提交的明细与采购单不符：每一行须且只能出现一次。请刷新页面后重试。",
            "The lines sent do not match the order's: each line once, and only those. Reload the page and try again.",
        ),
        "quantity_invalid" => (
            "数量须为 0–1,000,000 的整数。",
            "A quantity is a whole number of 0 to 1,000,000.",
        ),
        "date_invalid" => (
            "请选择今天至两年内的日期。",
            "Choose a day from today to two years ahead.",
        ),
        "not_open" => (
            "只有已确认、尚未全部到货的采购单才能调整日期或通知发货。",
            "Dates move and shipments are announced only once the order is confirmed, until everything arrived.",
        ),
        "too_many" => (
            "超过了订购且尚未通知发货的数量。",
            "This is more than ordered and not yet announced.",
        ),
        "too_long" => (
            "内容太长：承运商和运单号最多 60 个字符，备注最多 500 个。",
            "Too long: the carrier and the tracking number have at most 60 characters, the note 500.",
        ),
        "too_many_shipments" => (
            "一张采购单最多 50 次发货通知。",
            "A purchase order has at most 50 shipments.",
        ),
        "item_repeated" => ("同一商品出现了两次。", "This item is named twice."),
        // found here before sending
        "no_date_changed" => ("请至少修改一行的日期。", "Change the date of at least one line."),
        "nothing_shipped" => (
            "请至少填写一行本批发货数量。",
            "Fill in the units of at least one line.",
        ),
        _ => return None,
    })
}

/// What a supplier reads when the server (or this page) refused something.
pub fn error(locale: Locale, e: &ApiError) -> String {
    crate::procurement::text::error_in(problem, locale, e)
}
