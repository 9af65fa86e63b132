//! The procurement pages' strings (供应商、供货清单、采购建议、采购单、审批、下达; and,
//! in [`Gr`], 收货、检验、上架) and the words of the procurement rules the server names.

use shared::money::Currency;
use shared::procurement::orders::PurchaseOrderStatus;
use shared::procurement::portal::AsnStatus;
use shared::procurement::receiving::{ReceiptStatus, RejectTo};
use shared::procurement::sampling::{Aql, InspectionPlan, Sample, Verdict};
use shared::{ApiError, Locale};
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pc {
    // suppliers
    SuppliersIntro,
    Supplier,
    NewSupplier,
    EditSupplier,
    Code,
    CodeHint,
    SupplierName,
    Contact,
    Email,
    Phone,
    Address,
    PaymentTerms,
    PaymentTermsDays,
    PaymentTermsHint,
    LeadTime,
    LeadTimeDays,
    LeadTimeHint,
    Currency,
    CurrencyHint,
    Status,
    Active,
    Inactive,
    ActiveLabel,
    ActiveHint,
    Items,
    OpenOrders,
    SupplierCreated,
    SupplierSaved,
    NewOrderFromSupplier,
    // a supplier's list
    OfferList,
    OffersHint,
    NoOffers,
    Sku,
    Item,
    UnitPrice,
    MinOrder,
    Pack,
    OwnLeadTime,
    SupplierUsual,
    RawMaterial,
    AddItem,
    RemoveItem,
    SaveList,
    OffersSaved,
    // suggestions
    SuggestionsIntro,
    NothingToBuy,
    OnHand,
    Reserved,
    OpenDemand,
    OnOrder,
    ReorderPoint,
    Used30,
    SuggestedQuantity,
    Amount,
    OrderBy,
    ArrivesBy,
    Urgent,
    DeliverTo,
    CreateOrders,
    CreateOrdersHint,
    // purchase orders
    NewOrder,
    NewOrderIntro,
    NoActiveSuppliers,
    SupplierSellsNothing,
    EditList,
    NewLinesHint,
    CreateDraft,
    OrderCreated,
    Number,
    Warehouse,
    LineCount,
    Total,
    Created,
    Expected,
    Promised,
    Received,
    Late,
    AwaitingApproval,
    Order,
    Lines,
    Quantity,
    History,
    Note,
    NoteHint,
    WrittenBy,
    ApprovedBy,
    ApprovedAt,
    SentAt,
    RemoveLine,
    SaveLines,
    OrderSaved,
    SaveFirst,
    Approve,
    Approved,
    SendToSupplier,
    Sent,
    CancelReason,
    CancelReasonHint,
    CancelOrder,
    Cancelled,
    Print,
    // the approval threshold
    ApprovalThreshold,
    ThresholdLabel,
    ThresholdHint,
    ThresholdSaved,
    // the printed order
    PrintNow,
    BackToOrder,
    ShopName,
    PurchaseOrderTitle,
    DraftNotSent,
    Date,
    SupplierParty,
    BuyerSignature,
    SupplierSignature,
    // the supplier portal's accounts
    PortalAccounts,
    PortalAccountsHint,
    NoAccounts,
    AccountName,
    Joined,
    InvitationSent,
    InviteAccount,
    AccountInvited,
    Account,
    // what the supplier said and sent
    Announced,
    UseProposed,
    UseProposedLabel,
    ProposalNotice,
    Shipments,
    NoShipments,
    AsnNumber,
    Carrier,
    Tracking,
    ShippedAt,
    ArrivesAt,
    Contents,
}

impl Translate for Pc {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            Pc::SuppliersIntro => (
                "供应商档案与供货清单：采购建议只从启用的供应商中挑选，按清单上的价格、起订量与包装计算。",
                "Suppliers and what each sells the shop: suggestions choose among active suppliers, at the prices, minimums and packs of their lists.",
            ),
            Pc::Supplier => ("供应商", "Supplier"),
            Pc::NewSupplier => ("新增供应商", "New supplier"),
            Pc::EditSupplier => ("供应商档案", "Supplier's record"),
            Pc::Code => ("编码", "Code"),
            Pc::CodeHint => (
                "2–20 位字母、数字或连字符，如 SUP-001；保存为大写。",
                "2 to 20 letters, digits or hyphens, such as SUP-001; kept in capitals.",
            ),
            Pc::SupplierName => ("名称", "Name"),
            Pc::Contact => ("联系人", "Contact"),
            Pc::Email => ("电子邮箱", "E-mail"),
            Pc::Phone => ("电话", "Phone"),
            Pc::Address => ("地址", "Address"),
            Pc::PaymentTerms => ("付款条件", "Payment terms"),
            Pc::PaymentTermsDays => ("账期（天）", "Payment terms (days)"),
            Pc::PaymentTermsHint => (
                "收到发票后多少天付款（0–180，0 为货到付款）。",
                "Days after the invoice the shop pays (0 to 180; 0 is on receipt).",
            ),
            Pc::LeadTime => ("交货周期", "Lead time"),
            Pc::LeadTimeDays => ("交货周期（天）", "Lead time (days)"),
            Pc::LeadTimeHint => (
                "从下单到货物到仓的天数（0–365），单个商品可另设。",
                "Days from the order to the goods at the door (0 to 365); an item may have its own.",
            ),
            Pc::Currency => ("币种", "Currency"),
            Pc::CurrencyHint => (
                "供应商报价与开票所用的币种。",
                "The currency of their prices and invoices.",
            ),
            Pc::Status => ("状态", "Status"),
            Pc::Active => ("启用", "Active"),
            Pc::Inactive => ("已停用", "Inactive"),
            Pc::ActiveLabel => ("启用（可向其采购）", "Active (may be ordered from)"),
            Pc::ActiveHint => (
                "停用的供应商保留历史采购单，但不再出现在采购建议和新采购单中。供应商不能删除。",
                "An inactive supplier keeps their orders but is suggested and ordered from no more. Suppliers are never deleted.",
            ),
            Pc::Items => ("供货商品", "Items"),
            Pc::OpenOrders => ("未完成采购单", "Open orders"),
            Pc::SupplierCreated => ("供应商已创建，请填写供货清单", "Supplier created: now list what they sell"),
            Pc::SupplierSaved => ("供应商档案已保存", "Supplier saved"),
            Pc::NewOrderFromSupplier => ("向该供应商下采购单", "New purchase order to this supplier"),
            Pc::OfferList => ("供货清单", "What they sell us"),
            Pc::OffersHint => (
                "每行一个 SKU：单价（元，最多两位小数）、最小起订量、包装数（按其整数倍订购），交货周期留空则按供应商的通常周期。保存时整张清单替换原清单。",
                "One SKU a row: the unit price (in yuan, at most two decimals), the minimum order, the pack (ordered in multiples of it) and, if it differs from the supplier's usual one, the lead time. Saving replaces the whole list.",
            ),
            Pc::NoOffers => ("清单上还没有商品。", "Nothing on the list yet."),
            Pc::Sku => ("SKU", "SKU"),
            Pc::Item => ("商品", "Item"),
            Pc::UnitPrice => ("单价", "Unit price"),
            Pc::MinOrder => ("起订量", "Minimum"),
            Pc::Pack => ("包装数", "Pack"),
            Pc::OwnLeadTime => ("交货周期（天）", "Lead time (days)"),
            Pc::SupplierUsual => ("同供应商", "supplier's"),
            Pc::RawMaterial => ("原材料", "Raw material"),
            Pc::AddItem => ("添加商品", "Add an item"),
            Pc::RemoveItem => ("移除商品", "Remove item"),
            Pc::SaveList => ("保存清单", "Save the list"),
            Pc::OffersSaved => ("供货清单已保存", "List saved"),
            Pc::SuggestionsIntro => (
                "预计库存（在库 − 占用 − 待生产用料 + 在途采购）将降到补货点的商品，按近 30 天用量补足，向交期内最便宜（否则最快）的供应商采购；数量已按起订量与包装取整。",
                "Items whose projected stock (on hand − reserved − demand + on order) falls to the reorder point, topped up for a month's use from the cheapest supplier in time (else the quickest); quantities are rounded to minimums and packs.",
            ),
            Pc::NothingToBuy => (
                "目前没有需要采购的商品。",
                "Nothing needs buying right now.",
            ),
            Pc::OnHand => ("在库", "On hand"),
            Pc::Reserved => ("占用", "Reserved"),
            Pc::OpenDemand => ("待生产用料", "Wanted for production"),
            Pc::OnOrder => ("在途", "On order"),
            Pc::ReorderPoint => ("补货点", "Reorder point"),
            Pc::Used30 => ("30 天用量", "Used in 30 days"),
            Pc::SuggestedQuantity => ("建议数量", "Quantity"),
            Pc::Amount => ("金额", "Amount"),
            Pc::OrderBy => ("最晚下单", "Order by"),
            Pc::ArrivesBy => ("今日下单预计到货：", "Ordered today, arrives"),
            Pc::Urgent => ("紧急", "Urgent"),
            Pc::DeliverTo => ("收货仓库", "Deliver to"),
            Pc::CreateOrders => ("生成采购单", "Create purchase orders"),
            Pc::CreateOrdersHint => (
                "所选商品按供应商各生成一张采购单草稿，单价取供应商清单的当前价格。",
                "The rows picked become draft purchase orders, one per supplier, at their lists' current prices.",
            ),
            Pc::NewOrder => ("新建采购单", "New purchase order"),
            Pc::NewOrderIntro => (
                "选择供应商与收货仓库，填写要采购的数量；单价取供应商清单的当前价格。保存为草稿后再审批、下达。",
                "Choose the supplier and the warehouse, then the quantities; prices are the supplier's list's. It is saved as a draft, to approve and send next.",
            ),
            Pc::NoActiveSuppliers => (
                "还没有启用的供应商，请先添加供应商。",
                "There is no active supplier yet: add one first.",
            ),
            Pc::SupplierSellsNothing => (
                "该供应商的供货清单为空。",
                "This supplier's list is empty.",
            ),
            Pc::EditList => ("编辑供货清单", "Edit their list"),
            Pc::NewLinesHint => (
                "只填写要采购的商品，留空的不会写入采购单。",
                "Fill in only what to buy: rows left blank stay off the order.",
            ),
            Pc::CreateDraft => ("保存草稿", "Save as draft"),
            Pc::OrderCreated => ("采购单草稿已创建", "Draft purchase order created"),
            Pc::Number => ("采购单号", "Number"),
            Pc::Warehouse => ("仓库", "Warehouse"),
            Pc::LineCount => ("行数", "Lines"),
            Pc::Total => ("合计", "Total"),
            Pc::Created => ("创建时间", "Created"),
            Pc::Expected => ("预计到货", "Expected"),
            Pc::Promised => ("承诺到货", "Promised"),
            Pc::Received => ("已收", "Received"),
            Pc::Late => ("逾期", "Late"),
            Pc::AwaitingApproval => ("待审批", "Awaiting approval"),
            Pc::Order => ("采购单", "Purchase order"),
            Pc::Lines => ("采购明细", "Lines"),
            Pc::Quantity => ("数量", "Quantity"),
            Pc::History => ("处理记录", "History"),
            Pc::Note => ("备注", "Note"),
            Pc::NoteHint => (
                "打印在采购单上，供应商可见（最多 500 字）。",
                "Printed on the order for the supplier (at most 500 characters).",
            ),
            Pc::WrittenBy => ("制单人", "Written by"),
            Pc::ApprovedBy => ("审批人", "Approved by"),
            Pc::ApprovedAt => ("审批时间", "Approved at"),
            Pc::SentAt => ("下达时间", "Sent at"),
            Pc::RemoveLine => ("移除此行", "Remove line"),
            Pc::SaveLines => ("保存修改", "Save changes"),
            Pc::OrderSaved => ("采购单已保存", "Purchase order saved"),
            Pc::SaveFirst => ("请先保存修改。", "Save the changes first."),
            Pc::Approve => ("审批通过", "Approve"),
            Pc::Approved => ("采购单已审批", "Purchase order approved"),
            Pc::SendToSupplier => ("下达给供应商", "Send to supplier"),
            Pc::Sent => ("采购单已下达", "Purchase order sent"),
            Pc::CancelReason => ("取消原因", "Reason to cancel"),
            Pc::CancelReasonHint => ("写明为什么取消", "Say why"),
            Pc::CancelOrder => ("取消采购单", "Cancel the order"),
            Pc::Cancelled => ("采购单已取消", "Purchase order cancelled"),
            Pc::Print => ("打印", "Print"),
            Pc::ApprovalThreshold => ("审批金额", "Approval threshold"),
            Pc::ThresholdLabel => ("超过此金额需财务审批（元）", "Finance approves orders above (yuan)"),
            Pc::ThresholdHint => (
                "合计超过该金额的采购单，须由制单人以外的财务人员审批后才能下达；填 0 则每张都需审批。",
                "Orders with a total above this wait for finance — someone other than their writer — before they are sent; 0 asks it of every order.",
            ),
            Pc::ThresholdSaved => ("审批金额已保存", "Threshold saved"),
            Pc::PrintNow => ("打印", "Print"),
            Pc::BackToOrder => ("返回采购单", "Back to the order"),
            Pc::ShopName => ("良仓 Storekeep", "Storekeep"),
            Pc::PurchaseOrderTitle => ("采购订单", "Purchase order"),
            Pc::DraftNotSent => ("草稿 · 尚未下达", "Draft · not sent"),
            Pc::Date => ("日期", "Date"),
            Pc::SupplierParty => ("供应商", "Supplier"),
            Pc::BuyerSignature => ("采购方（签字/盖章）", "For the buyer (signature, seal)"),
            Pc::SupplierSignature => ("供应商确认（签字/盖章）", "For the supplier (signature, seal)"),
            Pc::PortalAccounts => ("供应商门户账号", "Portal accounts"),
            Pc::PortalAccountsHint => (
                "供应商的员工用这些账号登录供应商门户（/supplier）：查看下达给他们的采购单、确认数量与交期、调整预计到货日期并通知发货。受邀者会收到设置密码的邮件。",
                "The supplier's own staff sign in to the supplier portal (/supplier) with these accounts: they read the purchase orders sent to them, confirm quantities and dates, move expected dates and announce shipments. Who is invited gets an e-mail to choose a password.",
            ),
            Pc::NoAccounts => ("还没有门户账号。", "No portal accounts yet."),
            Pc::AccountName => ("姓名", "Name"),
            Pc::Joined => ("已加入", "Joined"),
            Pc::InvitationSent => ("已发邀请", "Invitation sent"),
            Pc::InviteAccount => ("发送邀请", "Send an invitation"),
            Pc::AccountInvited => ("邀请已发送", "Invitation sent"),
            Pc::Account => ("账号", "Account"),
            Pc::Announced => ("已通知发货", "Announced"),
            Pc::UseProposed => ("采用", "Use it"),
            Pc::UseProposedLabel => ("采用供应商建议的数量", "Take the supplier's quantity"),
            Pc::ProposalNotice => (
                "供应商对部分行提出了数量修改建议。调整数量并保存后，再审批、重新下达给供应商。",
                "The supplier proposed other quantities on some lines. Change the quantities and save, then approve and send the order again.",
            ),
            Pc::Shipments => ("发货通知", "Shipments"),
            Pc::NoShipments => ("供应商尚未通知发货。", "The supplier announced no shipment yet."),
            Pc::AsnNumber => ("发货单号", "Number"),
            Pc::Carrier => ("承运商", "Carrier"),
            Pc::Tracking => ("运单号", "Tracking number"),
            Pc::ShippedAt => ("通知时间", "Announced"),
            Pc::ArrivesAt => ("预计到仓", "Arrives"),
            Pc::Contents => ("内容", "Contents"),
        };
        locale.pick(zh, en)
    }
}

pub fn status(locale: Locale, s: PurchaseOrderStatus) -> &'static str {
    let (zh, en) = match s {
        PurchaseOrderStatus::Draft => ("草稿", "Draft"),
        PurchaseOrderStatus::Sent => ("已下达", "Sent"),
        PurchaseOrderStatus::Confirmed => ("已确认", "Confirmed"),
        PurchaseOrderStatus::PartiallyReceived => ("部分收货", "Partially received"),
        PurchaseOrderStatus::Received => ("已收货", "Received"),
        PurchaseOrderStatus::Closed => ("已关闭", "Closed"),
        PurchaseOrderStatus::Cancelled => ("已取消", "Cancelled"),
    };
    locale.pick(zh, en)
}

/// Where a supplier's advance shipping notice is.
pub fn asn_status(locale: Locale, s: AsnStatus) -> &'static str {
    match s {
        AsnStatus::Announced => locale.pick("已发货", "On its way"),
        AsnStatus::Received => locale.pick("已到货", "Received"),
    }
}

/// "供应商建议: 8" / "Supplier proposes 8".
pub fn supplier_proposes(locale: Locale, n: i64) -> String {
    match locale {
        Locale::ZhCn => format!("供应商建议: {n}"),
        Locale::En => format!("Supplier proposes {n}"),
    }
}

/// A stored purchase-order status's name, for the history.
pub fn status_code(locale: Locale, code: &str) -> Option<&'static str> {
    PurchaseOrderStatus::parse(code).map(|s| status(locale, s))
}

pub fn currency(locale: Locale, c: Currency) -> &'static str {
    match c {
        Currency::CNY => locale.pick("CNY 人民币", "CNY Chinese yuan"),
        Currency::USD => locale.pick("USD 美元", "USD US dollar"),
    }
}

/// "价格单位：人民币元" / "Prices in CNY".
pub fn prices_in(locale: Locale, c: Currency) -> String {
    match locale {
        Locale::ZhCn => format!("价格单位：{}", currency(locale, c)),
        Locale::En => format!("Prices in {}", c.code()),
    }
}

/// "7 天" / "7 days".
pub fn days(locale: Locale, n: i64) -> String {
    match locale {
        Locale::ZhCn => format!("{n} 天"),
        Locale::En if n == 1 => "1 day".to_string(),
        Locale::En => format!("{n} days"),
    }
}

/// "月结 30 天" / "30 days after the invoice"; 0 is on receipt.
pub fn terms(locale: Locale, n: i64) -> String {
    match (locale, n) {
        (Locale::ZhCn, 0) => "货到付款".to_string(),
        (Locale::En, 0) => "On receipt".to_string(),
        (Locale::ZhCn, n) => format!("发票后 {n} 天付款"),
        (Locale::En, n) => format!("{n} days after the invoice"),
    }
}

/// "已选 3 项" / "3 picked".
pub fn picked(locale: Locale, n: usize) -> String {
    match locale {
        Locale::ZhCn => format!("已选 {n} 项"),
        Locale::En => format!("{n} picked"),
    }
}

/// "已生成 2 张采购单草稿" / "2 draft purchase orders created".
pub fn orders_created(locale: Locale, n: usize) -> String {
    match locale {
        Locale::ZhCn => format!("已生成 {n} 张采购单草稿"),
        Locale::En if n == 1 => "1 draft purchase order created".to_string(),
        Locale::En => format!("{n} draft purchase orders created"),
    }
}

/// The notice of a draft above the threshold.
pub fn needs_approval(locale: Locale, threshold: &str) -> String {
    match locale {
        Locale::ZhCn => format!("合计超过 {threshold}：须经财务审批后才能下达给供应商。"),
        Locale::En => format!("Above {threshold}: finance approves before it is sent."),
    }
}

/// "已由 王芳 于 … 审批" / "Approved by … on …".
pub fn approved(locale: Locale, by: &str, at: Option<String>) -> String {
    match (locale, at) {
        (Locale::ZhCn, Some(at)) => format!("已由 {by} 于 {at} 审批通过。"),
        (Locale::ZhCn, None) => format!("已由 {by} 审批通过。"),
        (Locale::En, Some(at)) => format!("Approved by {by} on {at}."),
        (Locale::En, None) => format!("Approved by {by}."),
    }
}

/// The procurement rules the server names (`SupplierProblem`, `PurchaseProblem`). Some
/// codes (`name_missing`, `too_long`, `warehouse`) mean another thing elsewhere in the back
/// office: [`error`] asks here first.
pub fn problem(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        // suppliers
        "code_invalid" => (
            "编码为 2–20 位字母、数字或连字符。",
            "A supplier's code is 2 to 20 letters, digits or hyphens.",
        ),
        "code_taken" => (
            "已有供应商使用这个编码。",
            "Another supplier has this code.",
        ),
        "name_missing" => ("请填写供应商名称。", "Give the supplier's name."),
        "too_long" => (
            "内容太长（名称、联系人、邮箱、电话最多 100 个字符，地址最多 500 个）。",
            "This is too long (names, e-mail and phone at most 100 characters, the address 500).",
        ),
        "email_invalid" => (
            "请输入有效的电子邮箱地址。",
            "This is not an e-mail address.",
        ),
        "payment_terms_invalid" => (
            "账期为 0–180 天的整数。",
            "Payment terms are a whole number of 0 to 180 days.",
        ),
        "lead_time_invalid" => (
            "交货周期为 0–365 天的整数。",
            "A lead time is a whole number of 0 to 365 days.",
        ),
        "too_many_offers" => (
            "一个供应商的清单最多 500 个商品。",
            "A supplier's list names at most 500 items.",
        ),
        "sku_unknown" => ("没有这个 SKU 的商品。", "No item has this SKU."),
        "sku_repeated" => (
            "这个 SKU 在清单上出现了两次。",
            "This SKU is on the list twice.",
        ),
        "unit_cost_invalid" => (
            "单价为 0.01–1,000,000 元，最多两位小数。",
            "A unit price is 0.01 to 1,000,000, with at most two decimals.",
        ),
        "units_invalid" => (
            "起订量和包装数为 1–1,000,000 的整数。",
            "A minimum order or pack is a whole number of 1 to 1,000,000.",
        ),
        // purchase orders
        "no_lines" => (
            "采购单至少需要一行（请填写至少一个数量）。",
            "A purchase order has at least one line (fill in a quantity).",
        ),
        "too_many_lines" => (
            "采购单最多 200 行。",
            "A purchase order has at most 200 lines.",
        ),
        "quantity_invalid" => (
            "数量为 1–1,000,000 的整数。",
            "A quantity is a whole number of 1 to 1,000,000.",
        ),
        "item_repeated" => (
            "同一商品在采购单上出现了两次。",
            "This item is on the order twice.",
        ),
        "not_offered" => (
            "该商品不在这个供应商的供货清单上。",
            "This item is not on the supplier's list.",
        ),
        "supplier_unknown" => (
            "没有这个启用中的供应商。",
            "There is no such active supplier.",
        ),
        "warehouse" => ("没有这个仓库。", "There is no such warehouse."),
        "note_too_long" => (
            "备注最多 500 个字符。",
            "The note is at most 500 characters.",
        ),
        "reason_invalid" => (
            "请填写取消原因（1–500 个字符）。",
            "Say why, in 1 to 500 characters.",
        ),
        "threshold_invalid" => (
            "审批金额为 0–1,000,000,000.00 元，最多两位小数。",
            "The threshold is 0 to 1,000,000,000.00, with at most two decimals.",
        ),
        "not_draft" => (
            "只有草稿状态的采购单才能修改、审批或下达。",
            "Only a draft purchase order is changed, approved or sent.",
        ),
        "no_approval_needed" => (
            "这张采购单未超过审批金额，无需审批。",
            "This purchase order needs no approval.",
        ),
        "not_approved" => (
            "这张采购单须经财务审批后才能下达。",
            "This purchase order needs finance's approval before it is sent.",
        ),
        "approved_by_writer" => (
            "制单人不能审批自己的采购单，须由另一位同事审批。",
            "Who wrote a purchase order does not approve it: a second person does.",
        ),
        "not_cancellable" => (
            "已有货物到仓，这张采购单不能再取消。",
            "Goods have arrived against this purchase order: it can no longer be cancelled.",
        ),
        _ => return None,
    })
}

/// A module's own words of refusals by code (zh, en), as [`problem`] answers them.
pub(crate) type Problems = fn(&str) -> Option<(&'static str, &'static str)>;

/// What someone reads when the server (or the page) refused something: the words of
/// `problems` for its code when they have them (a code may mean another thing elsewhere),
/// the back office's otherwise. The supplier portal words its refusals so too.
pub(crate) fn error_in(problems: Problems, locale: Locale, e: &ApiError) -> String {
    match e.problem.as_deref().and_then(problems) {
        Some((zh, en)) => locale.pick(zh, en).to_string(),
        None => crate::text::error(locale, e),
    }
}

/// What a staff member reads when the server refused something on a procurement page.
pub fn error(locale: Locale, e: &ApiError) -> String {
    error_in(problem, locale, e)
}

/// What a staff member reads when inviting someone of a supplier's to the portal was
/// refused (`name_missing` and `email_taken` mean other things elsewhere).
pub fn account_error(locale: Locale, e: &ApiError) -> String {
    let said = match e.problem.as_deref() {
        Some("invalid_email") => Some((
            "请输入有效的电子邮箱地址。",
            "This is not an e-mail address.",
        )),
        Some("name_missing") => Some((
            "请填写姓名（最多 100 个字符）。",
            "Give their name (at most 100 characters).",
        )),
        Some("email_taken") => Some((
            "这个邮箱已有供应商门户账号。",
            "This e-mail already has a portal account.",
        )),
        _ => None,
    };
    match said {
        Some((zh, en)) => locale.pick(zh, en).to_string(),
        None => error(locale, e),
    }
}

// receiving, inspection and put-away ------------------------------------------------------

/// The receiving pages' strings (收货、来料检验、上架): the purchase order's receive panel,
/// the receipts list and one receipt with its inspection and put-away forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gr {
    // receiving against a purchase order
    ReceiveTitle,
    ReceiveHint,
    Ordered,
    StillExpected,
    Arrived,
    Asn,
    NoAsn,
    AsnHint,
    ReceiveNote,
    ReceiveNoteHint,
    ReceiveSubmit,
    ReceivedToast,
    OrderReceipts,
    NoReceipts,
    // the list
    ReceiptsIntro,
    Receipt,
    Units,
    ReceivedAt,
    ReceivedBy,
    // one receipt
    Lines,
    Expected,
    Plan,
    SampleSize,
    AcRe,
    Defective,
    Verdict,
    Accepted,
    Rejected,
    Results,
    Bin,
    Concession,
    WaitsInspection,
    WaitsPutAway,
    InStock,
    NothingStocked,
    // the inspection
    InspectTitle,
    InspectHint,
    Pass,
    ResultNote,
    ConcessionLabel,
    ConcessionHint,
    RejectedTo,
    InspectSubmit,
    InspectedToast,
    // the put-away
    PutAwayTitle,
    PutAwayHint,
    Suggested,
    NothingToPutAway,
    PutAwaySubmit,
    CloseReceipt,
    PutAwayToast,
}

impl Translate for Gr {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            Gr::ReceiveTitle => ("收货", "Receive goods"),
            Gr::ReceiveHint => (
                "填写本次实际到货的数量（默认为尚未到货的数量，未到的行填 0）。货物先进入收货区待检，检验合格并上架后才计入库存。",
                "The units that arrived now (what is still expected, to start with; 0 for a line that did not come). They wait in the receiving area: only once inspected and put away are they stock.",
            ),
            Gr::Ordered => ("订购", "Ordered"),
            Gr::StillExpected => ("未到", "Still expected"),
            Gr::Arrived => ("实到", "Arrived"),
            Gr::Asn => ("发货通知", "Shipping notice"),
            Gr::NoAsn => ("不按发货通知收货", "None (not against a notice)"),
            Gr::AsnHint => (
                "选择供应商的发货通知后，按其内容填入数量。",
                "Choosing one of the supplier's notices fills in its quantities.",
            ),
            Gr::ReceiveNote => ("收货备注", "Note"),
            Gr::ReceiveNoteHint => (
                "如包装破损、随货单据（最多 500 字）。",
                "Damaged packaging, papers with the goods… (at most 500 characters).",
            ),
            Gr::ReceiveSubmit => ("确认收货", "Receive"),
            Gr::ReceivedToast => ("已收货，请检验", "Received: now inspect it"),
            Gr::OrderReceipts => ("收货记录", "Goods receipts"),
            Gr::NoReceipts => ("尚无收货记录。", "Nothing received yet."),
            Gr::ReceiptsIntro => (
                "到货先进入收货区待检；检验后合格品上架入库，不合格品退供应商或报废。",
                "What arrives waits in the receiving area to be inspected; what passes is put away into stock, what fails goes back to the supplier or to scrap.",
            ),
            Gr::Receipt => ("收货单", "Receipt"),
            Gr::Units => ("件数", "Units"),
            Gr::ReceivedAt => ("收货时间", "Received at"),
            Gr::ReceivedBy => ("收货人", "Received by"),
            Gr::Lines => ("收货明细", "Lines"),
            Gr::Expected => ("应到", "Expected"),
            Gr::Plan => ("检验方式", "Inspection"),
            Gr::SampleSize => ("检验数", "Inspect"),
            Gr::AcRe => ("Ac / Re", "Ac / Re"),
            Gr::Defective => ("不良数", "Defective"),
            Gr::Verdict => ("结论", "Verdict"),
            Gr::Accepted => ("合格", "Accepted"),
            Gr::Rejected => ("不合格", "Rejected"),
            Gr::Results => ("检验项", "Results"),
            Gr::Bin => ("库位", "Bin"),
            Gr::Concession => ("让步接收", "Concession"),
            Gr::WaitsInspection => (
                "待检：货物在收货区，尚未计入库存。",
                "To inspect: the goods are in the receiving area, not yet stock.",
            ),
            Gr::WaitsPutAway => (
                "待上架：合格品等待放入库位，尚未计入库存。",
                "To put away: what passed waits for its bins, not yet stock.",
            ),
            Gr::InStock => (
                "已上架：合格品已放入库位，计入库存，可以销售。",
                "Put away: what passed is in its bins — in stock and for sale.",
            ),
            Gr::NothingStocked => (
                "已完成：全部拒收，没有货物入库。",
                "Done: everything was rejected, nothing went into stock.",
            ),
            Gr::InspectTitle => ("来料检验", "Inspection"),
            Gr::InspectHint => (
                "按检验方式抽取样品（或逐件）检验，填写发现的不良数。抽检时不良数超过允收数（Ac）则整批拒收，除非负责人决定让步接收（只退回发现的不良品）。",
                "Inspect the sample (or every unit) the plan asks for and give the defective units found. Sampled, a lot with more than Ac defective units is rejected whole — unless someone responsible accepts it with a concession (only the defective units found go back).",
            ),
            Gr::Pass => ("合格", "Pass"),
            Gr::ResultNote => ("说明（可选）", "Note (optional)"),
            Gr::ConcessionLabel => ("让步接收", "Accept with concession"),
            Gr::ConcessionHint => (
                "仅对拒收的批次有效：整批接收，只退回发现的不良品。",
                "Only changes a rejected lot: it is kept, all but the defective units found.",
            ),
            Gr::RejectedTo => ("不合格品处理", "Rejected units go"),
            Gr::InspectSubmit => ("提交检验结果", "Record the inspection"),
            Gr::InspectedToast => ("检验结果已记录", "Inspection recorded"),
            Gr::PutAwayTitle => ("上架", "Put away"),
            Gr::PutAwayHint => (
                "把合格品放入库位：商品在本仓库已有固定库位的须放回原库位，否则建议一个空库位。上架后才计入库存，成本按移动加权平均更新。",
                "Put what passed into bins: an item with its own bin in this warehouse goes there, otherwise a free bin is suggested. Only then is it stock, its cost averaged with what is on hand.",
            ),
            Gr::Suggested => ("建议库位", "Suggested"),
            Gr::NothingToPutAway => (
                "没有合格品需要上架（全部拒收）。",
                "Nothing passed: there is nothing to put away.",
            ),
            Gr::PutAwaySubmit => ("确认上架", "Put away"),
            Gr::CloseReceipt => ("完成收货单", "Close the receipt"),
            Gr::PutAwayToast => ("已上架入库", "Put away: now in stock"),
        };
        locale.pick(zh, en)
    }
}

/// Where a goods receipt is.
pub fn receipt_status(locale: Locale, s: ReceiptStatus) -> &'static str {
    match s {
        ReceiptStatus::Received => locale.pick("待检", "To inspect"),
        ReceiptStatus::Inspected => locale.pick("待上架", "To put away"),
        ReceiptStatus::PutAway => locale.pick("已上架", "Put away"),
    }
}

/// Where rejected units go.
pub fn reject_to(locale: Locale, r: RejectTo) -> &'static str {
    match r {
        RejectTo::Supplier => locale.pick("退供应商", "Back to the supplier"),
        RejectTo::Scrap => locale.pick("报废", "Scrap"),
    }
}

/// What inspection decided for a lot.
pub fn verdict(locale: Locale, v: Verdict) -> &'static str {
    match v {
        Verdict::Accepted => locale.pick("接收", "Accepted"),
        Verdict::Rejected => locale.pick("拒收", "Rejected"),
    }
}

/// `2.5`, `0.65`, `1.0`: an AQL as the tables print it.
pub fn aql(a: Aql) -> String {
    let (whole, hundredths) = (a.0 / 100, a.0 % 100);
    if a.0 >= 100 && hundredths % 10 == 0 {
        format!("{whole}.{}", hundredths / 10)
    } else {
        format!("{whole}.{hundredths:02}")
    }
}

/// "全检" / "抽检 AQL 2.5".
pub fn plan(locale: Locale, p: InspectionPlan) -> String {
    match (locale, p) {
        (Locale::ZhCn, InspectionPlan::Full) => "全检".to_string(),
        (Locale::En, InspectionPlan::Full) => "Every unit".to_string(),
        (Locale::ZhCn, InspectionPlan::Sampled { aql: a }) => format!("抽检 AQL {}", aql(a)),
        (Locale::En, InspectionPlan::Sampled { aql: a }) => format!("Sampled, AQL {}", aql(a)),
    }
}

/// What to inspect of a lot: "抽检 20 件，允收 1，拒收 2" or "全检 40 件" (`size`: the
/// units inspected).
pub fn sample(locale: Locale, p: InspectionPlan, size: i64, s: Option<Sample>) -> String {
    match (p, s) {
        (InspectionPlan::Sampled { .. }, Some(s)) => match locale {
            Locale::ZhCn => format!("抽检 {size} 件，允收 {}，拒收 {}", s.accept, s.reject),
            Locale::En => format!(
                "Inspect {size} units: accept with {} defective, reject with {}",
                s.accept, s.reject
            ),
        },
        _ => match locale {
            Locale::ZhCn => format!("全检 {size} 件"),
            Locale::En if size == 1 => "Inspect the unit".to_string(),
            Locale::En => format!("Inspect all {size} units"),
        },
    }
}

/// "超收 +2" / "短收 -3": units that arrived beyond or short of those expected.
pub fn variance(locale: Locale, diff: i64) -> String {
    match (locale, diff > 0) {
        (Locale::ZhCn, true) => format!("超收 +{diff}"),
        (Locale::ZhCn, false) => format!("短收 {diff}"),
        (Locale::En, true) => format!("over +{diff}"),
        (Locale::En, false) => format!("short {diff}"),
    }
}

/// The decision an inspection would make, before it is sent.
pub fn decision(locale: Locale, v: Verdict, accepted: i64, rejected: i64, to: RejectTo) -> String {
    let said = verdict(locale, v);
    let to = reject_to(locale, to);
    match (locale, rejected > 0) {
        (Locale::ZhCn, true) => {
            format!("结论：{said} · 合格入库 {accepted} 件，不合格 {rejected} 件（{to}）")
        }
        (Locale::ZhCn, false) => format!("结论：{said} · 合格入库 {accepted} 件"),
        (Locale::En, true) => format!(
            "Verdict: {said} · {accepted} accepted, {rejected} rejected ({})",
            to.to_lowercase()
        ),
        (Locale::En, false) => format!("Verdict: {said} · {accepted} accepted"),
    }
}

/// What the defective units may be: 0 to the units inspected.
pub fn defective_range(locale: Locale, inspected: i64) -> String {
    match locale {
        Locale::ZhCn => format!("不良数为 0–{inspected} 的整数"),
        Locale::En => format!("Defective units: a whole number of 0 to {inspected}"),
    }
}

/// The rules of receiving the server names (`ReceivingProblem`), and those the pages find
/// before sending (`bin_missing`). Some codes (`quantity_invalid`) mean another thing
/// elsewhere in procurement: [`receiving_error`] asks here first.
pub fn receiving_problem(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "not_receivable" => (
            "只有已确认或部分收货的采购单才能收货。",
            "Goods are received only against a confirmed or partly received purchase order.",
        ),
        "line_unknown" => (
            "该商品不在采购单上，或出现了两次。",
            "This item is not on the order, or is named twice.",
        ),
        "quantity_invalid" => (
            "到货数量为 0–1,000,000 的整数，且至少有一行到货。",
            "A quantity is a whole number of 0 to 1,000,000, and something arrived.",
        ),
        "asn_invalid" => (
            "该发货通知不属于这张采购单，或已经收过货。",
            "This shipping notice is not the order's, or was received already.",
        ),
        "note_too_long" => (
            "备注最多 500 个字符。",
            "The note is at most 500 characters.",
        ),
        "lines_mismatch" => (
            "须对收货单的每一行各提交一次（页面可能已过期，请刷新）。",
            "Every line of the receipt once, and only those (the page may be out of date: reload it).",
        ),
        "defective_invalid" => (
            "不良数不能超过检验的件数。",
            "More defective units than were inspected.",
        ),
        "characteristic_invalid" => (
            "检验项名称为 1–60 个字符，最多 10 项；说明最多 60 个字符。",
            "A characteristic is 1 to 60 characters, at most 10 of them; a note at most 60.",
        ),
        "wrong_step" => (
            "收货单已不在这一步（检验只做一次，上架在检验之后），请刷新。",
            "The receipt is past this step (inspected once after receipt, put away after inspection): reload it.",
        ),
        "bin_unknown" => (
            "本仓库没有这个库位。",
            "There is no such bin in this warehouse.",
        ),
        "bin_missing" => (
            "请填写库位，如 A-01-02-03。",
            "Give the bin, such as A-01-02-03.",
        ),
        "not_its_bin" => (
            "该商品在本仓库有固定库位，须放回该库位。",
            "This item has its own bin in this warehouse: it goes there.",
        ),
        "bin_taken" => (
            "该库位已存放其他商品。",
            "Another item lives in this bin.",
        ),
        "aql_invalid" => (
            "抽样表中没有这个 AQL。",
            "The tables have no such AQL.",
        ),
        "status_changed" => (
            "采购单刚被他人修改，请刷新后重试。",
            "Someone changed the purchase order meanwhile: reload it and try again.",
        ),
        "stock_changed" => (
            "商品库存刚刚变动，请重试。",
            "The item's stock changed meanwhile: try again.",
        ),
        _ => return None,
    })
}

/// What a staff member reads when receiving, inspecting or putting away was refused.
pub fn receiving_error(locale: Locale, e: &ApiError) -> String {
    error_in(receiving_problem, locale, e)
}
