//! The frame's strings and the texts of the back office's error problems. Each module has
//! its own strings beside its pages (`orders/text.rs`, `settings/text.rs`, …).

use shared::staff::{Module, Page, StaffRole};
use shared::{ApiError, Locale};
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    BackOffice,
    Home,
    Navigation,
    Menu,
    SignOut,
    SwitchLanguage,
    MyAccount,
    Loading,
    NotFound,
    NotFoundText,
    BackToStart,
    StaffOnly,
    ViewShop,
    Save,
    Saved,
    Cancel,
    Previous,
    Next,
    All,
    ClearSelection,
    SelectAll,
    SelectRow,
    NothingHere,
    TryAgain,
    UnsavedChanges,
    Reset,
    Actions,
    MustEnableTwoFactor,
    Roles,
}

impl Translate for T {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            T::BackOffice => ("良仓后台", "Storekeep back office"),
            T::Home => ("首页", "Home"),
            T::Navigation => ("后台导航", "Back-office navigation"),
            T::Menu => ("菜单", "Menu"),
            T::SignOut => ("退出登录", "Sign out"),
            T::SwitchLanguage => ("English", "中文"),
            T::MyAccount => ("我的账户", "My account"),
            T::Loading => ("加载中…", "Loading…"),
            T::NotFound => ("页面不存在", "Page not found"),
            T::NotFoundText => ("后台没有这个页面。", "The back office has no such page."),
            T::BackToStart => ("返回后台首页", "Back to the start"),
            T::StaffOnly => (
                "后台仅限店铺员工使用。您当前登录的是顾客账户，请退出后用员工账户登录。",
                "The back office is for shop staff. You are signed in with a customer account: sign out and sign in with a staff account.",
            ),
            T::ViewShop => ("查看店铺", "View the shop"),
            T::Save => ("保存", "Save"),
            T::Saved => ("已保存", "Saved"),
            T::Cancel => ("取消", "Cancel"),
            T::Previous => ("上一页", "Previous"),
            T::Next => ("下一页", "Next"),
            T::All => ("全部", "All"),
            T::ClearSelection => ("取消选择", "Clear selection"),
            T::SelectAll => ("全选本页", "Select all on this page"),
            T::SelectRow => ("选择此行", "Select this row"),
            T::NothingHere => ("没有符合条件的记录。", "Nothing matches."),
            T::TryAgain => ("重试", "Try again"),
            T::UnsavedChanges => (
                "有尚未保存的修改，确定要离开吗？",
                "You have unsaved changes. Leave anyway?",
            ),
            T::Reset => ("清除", "Clear"),
            T::Actions => ("操作", "Actions"),
            T::MustEnableTwoFactor => (
                "店铺要求店主使用两步验证登录。请先开启两步验证，之后才能使用其他功能。",
                "The shop requires owners to sign in with two-factor authentication. Turn it on to use the rest of the back office.",
            ),
            T::Roles => ("角色", "Roles"),
        };
        locale.pick(zh, en)
    }
}

/// "上传中…" while a file goes up.
pub fn uploading(locale: Locale) -> &'static str {
    locale.pick("上传中…", "Uploading…")
}

/// The name of a module in the navigation.
pub fn module(locale: Locale, m: Module) -> &'static str {
    let (zh, en) = match m {
        Module::Orders => ("订单与履约", "Orders & fulfilment"),
        Module::Catalogue => ("商品", "Catalogue"),
        Module::Inventory => ("库存与仓储", "Inventory & warehouses"),
        Module::Procurement => ("采购", "Procurement"),
        Module::Quality => ("质量", "Quality"),
        Module::Customers => ("客户", "Customers"),
        Module::Service => ("客服与售后", "Service & after-sales"),
        Module::Marketing => ("营销", "Marketing"),
        Module::Knowledge => ("知识库", "Knowledge base"),
        Module::Content => ("网站运营", "Website"),
        Module::Reports => ("报表", "Reports"),
        Module::Settings => ("设置", "Settings"),
    };
    locale.pick(zh, en)
}

/// The name of a page in the navigation and its breadcrumbs.
pub fn page(locale: Locale, p: Page) -> &'static str {
    let (zh, en) = match p {
        Page::Orders => ("订单", "Orders"),
        Page::Fulfilment => ("履约总览", "Fulfilment"),
        Page::PickLists => ("拣货单", "Pick lists"),
        Page::Shipments => ("发货单", "Shipments"),
        Page::Routes => ("配送路线", "Delivery routes"),
        Page::Fleet => ("配送车队", "Delivery fleet"),
        Page::Driver => ("我的配送", "My deliveries"),
        Page::Stock => ("库存", "Stock"),
        Page::Transfers => ("调拨", "Transfers"),
        Page::Stocktakes => ("盘点", "Stocktakes"),
        Page::Valuation => ("库存估值与周转", "Valuation & turnover"),
        Page::Products => ("商品", "Products"),
        Page::Categories => ("分类", "Categories"),
        Page::Brands => ("品牌", "Brands"),
        Page::Dashboard => ("经营概况", "Dashboard"),
        Page::Quality => ("退货与质量", "Returns & quality"),
        Page::Staff => ("员工与角色", "Staff & roles"),
        Page::AuditLog => ("审计日志", "Audit log"),
        Page::Security => ("安全设置", "Security"),
        Page::Carriers => ("承运商", "Carriers"),
        Page::Returns => ("退货", "Returns"),
        Page::Repairs => ("维修", "Repairs"),
        Page::Consultations => ("咨询", "Questions"),
        Page::Reviews => ("评价", "Reviews"),
        Page::Suppliers => ("供应商", "Suppliers"),
        Page::PurchaseSuggestions => ("采购建议", "Purchase suggestions"),
        Page::PurchaseOrders => ("采购订单", "Purchase orders"),
        Page::Receipts => ("收货单", "Goods receipts"),
    };
    locale.pick(zh, en)
}

pub fn role(locale: Locale, r: StaffRole) -> &'static str {
    let (zh, en) = match r {
        StaffRole::Owner => ("店主", "Owner"),
        StaffRole::CatalogManager => ("商品管理", "Catalogue manager"),
        StaffRole::OrderClerk => ("订单与履约专员", "Order & fulfilment clerk"),
        StaffRole::WarehouseOperator => ("仓库操作员", "Warehouse operator"),
        StaffRole::CustomerService => ("客服", "Customer service"),
        StaffRole::Marketing => ("营销", "Marketing"),
        StaffRole::Procurement => ("采购", "Procurement"),
        StaffRole::Finance => ("财务", "Finance"),
        StaffRole::Analyst => ("只读分析员", "Read-only analyst"),
    };
    locale.pick(zh, en)
}

/// A catalogue rule's words by its code (`barcode_invalid`), as an import's row errors
/// name them.
pub fn rule(locale: Locale, code: &str) -> Option<&'static str> {
    catalogue_problem(code).map(|(zh, en)| locale.pick(zh, en))
}

/// The catalogue's and the reports' rules (`CatalogProblem`, `PeriodProblem`).
fn catalogue_problem(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "slug_invalid" => (
            "网址别名只能包含小写字母、数字和单个连字符，最多 80 个字符。",
            "A slug has lower-case letters, digits and single hyphens, at most 80 characters.",
        ),
        "slug_taken" => (
            "这个网址别名已被占用，请换一个。",
            "Another one already has this slug; choose another.",
        ),
        "text_missing" => (
            "中文和英文都需要填写。",
            "This is needed in both Chinese and English.",
        ),
        "too_long" => ("内容太长。", "This text is too long."),
        "no_variants" => (
            "商品至少需要一个规格（SKU）。",
            "A product needs at least one variant.",
        ),
        "sku_invalid" => (
            "SKU 为 1–64 个字母、数字、连字符、点或下划线。",
            "A SKU has 1 to 64 letters, digits, hyphens, dots or underscores.",
        ),
        "sku_taken" => (
            "这个 SKU 已被其他规格使用。",
            "Another variant has this SKU.",
        ),
        "barcode_invalid" => (
            "条码不是有效的 EAN-13（13 位数字，末位为校验位）。",
            "This is not an EAN-13 barcode (13 digits, the last one a check digit).",
        ),
        "barcode_taken" => (
            "这个条码已被其他规格使用。",
            "Another variant has this barcode.",
        ),
        "price_invalid" => (
            "价格须在 0 到 ¥1,000,000,000 之间。",
            "A price is between 0 and ¥1,000,000,000.",
        ),
        "weight_invalid" => (
            "重量最多 1,000,000 克。",
            "A weight is at most 1,000,000 g.",
        ),
        "warranty_invalid" => (
            "保修期为 0 到 3,650 天的整数。",
            "A warranty is a whole number of 0 to 3,650 days.",
        ),
        "compare_at_not_above_price" => (
            "划线价必须高于售价。",
            "The compare-at price must be above the price.",
        ),
        "variants_repeat" => (
            "有两个规格的选项完全相同。",
            "Two variants have the same options.",
        ),
        "option_missing" => (
            "每个规格都需要填写所有已使用的选项。",
            "Every variant needs a value for each option in use.",
        ),
        "category_unknown" => ("没有这个分类。", "There is no such category."),
        "brand_unknown" => ("没有这个品牌。", "There is no such brand."),
        "category_cycle" => (
            "不能把分类移动到它自己或它的子分类下面。",
            "A category cannot move under itself or one of its sub-categories.",
        ),
        "category_not_empty" => (
            "只有没有商品、也没有子分类的分类才能删除。",
            "Only a category without products and sub-categories can be deleted.",
        ),
        "image_unknown" => (
            "这张图片不在媒体库中，请重新上传。",
            "This picture is not in the media library; upload it again.",
        ),
        "variant_ordered" => (
            "已有顾客下单购买这个规格，不能删除。",
            "Customers have ordered this variant: it cannot be removed.",
        ),
        "variant_in_stock" => (
            "这个规格在仓库中还有库存，不能删除；请先处理库存。",
            "This variant has stock in a warehouse: it cannot be removed until the stock is gone.",
        ),
        "publish_at_past" => (
            "定时上架的时间必须在将来。",
            "A scheduled publishing time must be in the future.",
        ),
        "price_out_of_range" => (
            "调整后的价格会低于 0 或过高。",
            "The new price would be below zero or too large.",
        ),
        "not_an_image" => (
            "这不是 JPEG、PNG 或 WebP 图片。",
            "This is not a JPEG, PNG or WebP picture.",
        ),
        "image_too_large" => (
            "图片太大（最大 10 MB、4000 万像素）。",
            "The picture is too large (at most 10 MB and 40 megapixels).",
        ),
        "time_invalid" => ("请选择完整的日期和时间。", "Choose a whole date and time."),
        "day_invalid" => ("请按 年-月-日 填写日期。", "Write the day as YYYY-MM-DD."),
        "period_inverted" => (
            "结束日期早于开始日期。",
            "The period ends before it begins.",
        ),
        "period_too_long" => ("时间段最长 366 天。", "A period is at most 366 days."),
        _ => return None,
    })
}

/// What a staff member reads when the server refused something: the rule it named, the
/// field it named, else the kind of error.
pub fn error(locale: Locale, e: &ApiError) -> String {
    let specific = match e.problem.as_deref() {
        Some("invalid_credentials") => Some(("邮箱或密码不正确。", "The e-mail or the password is wrong.")),
        Some("account_deactivated") => Some((
            "该账户已停用，请联系店主。",
            "This account is deactivated. Ask the shop's owner.",
        )),
        Some("two_factor_required") => Some((
            "请输入身份验证器应用中的 6 位验证码。",
            "Enter the six-digit code from your authenticator app.",
        )),
        Some("two_factor_code_wrong") => Some((
            "验证码不正确，请核对手机时间后重试。",
            "The code is not right. Check the time on your phone and try again.",
        )),
        Some("two_factor_code_reused") => Some((
            "这个验证码已经用过，请等待下一个。",
            "This code was used already. Wait for the next one.",
        )),
        Some("two_factor_setup_required") => Some((
            "请先开启两步验证。",
            "Turn on two-factor sign-in first.",
        )),
        Some("two_factor_on") => Some(("两步验证已开启。", "Two-factor sign-in is on already.")),
        Some("two_factor_off") => Some(("两步验证尚未开启。", "Two-factor sign-in is off.")),
        Some("two_factor_not_started") => Some(("请先开始设置。", "Start the set-up first.")),
        Some("owners_need_two_factor") => Some((
            "店铺要求店主使用两步验证，不能关闭。",
            "The shop requires owners to use two-factor sign-in: it cannot be turned off.",
        )),
        Some("enable_your_own_two_factor_first") => Some((
            "请先为自己开启两步验证，再要求所有店主使用。",
            "Turn on two-factor sign-in for yourself before requiring it of owners.",
        )),
        Some("invalid_email") => Some(("请输入有效的电子邮箱地址。", "Please enter a valid e-mail address.")),
        Some("name_missing") => Some(("请填写姓名（1–50 个字符）。", "Please give a name of 1 to 50 characters.")),
        Some("password_too_short") => Some(("密码至少需要 8 个字符。", "The password needs at least 8 characters.")),
        Some("password_too_long") => Some(("密码最多 128 个字符。", "The password may have at most 128 characters.")),
        Some("password_too_common") => Some((
            "这个密码太常见，容易被猜到，请换一个。",
            "This password is too common and easy to guess; please choose another.",
        )),
        Some("passwords_differ") => Some(("两次输入的密码不一致。", "The two passwords differ.")),
        Some("reset_link_invalid") => Some((
            "重设链接已失效，请重新申请。",
            "This reset link is no longer valid; ask for a new one.",
        )),
        Some("invitation_invalid") => Some((
            "邀请链接已失效或已使用，请联系店主重新发送。",
            "This invitation link has expired or was used. Ask the owner to send a new one.",
        )),
        Some("email_taken") => Some((
            "该邮箱已有账户（员工或顾客），请换一个工作邮箱。",
            "This e-mail already has an account (staff or customer). Use another work address.",
        )),
        Some("no_roles") => Some(("请至少选择一个角色。", "Choose at least one role.")),
        Some("last_owner") => Some((
            "店铺必须至少保留一位在职店主，无法移除或停用最后一位店主。",
            "The shop must keep at least one active owner: the last owner cannot be demoted or deactivated.",
        )),
        Some("cannot_deactivate_self") => Some(("不能停用自己的账户。", "You cannot deactivate your own account.")),
        Some("wrong_status") => Some((
            "该员工当前的状态不允许此操作。",
            "This cannot be done in the staff member's current status.",
        )),
        Some("not_awaiting_payment") => Some(("该订单不在等待付款。", "This order does not wait for payment.")),
        Some("not_found") => Some(("没有找到该订单。", "No such order.")),
        Some(code) => catalogue_problem(code)
            .or_else(|| crate::fulfilment::text::problem(code))
            .or_else(|| crate::fulfilment::fleet::text::problem(code))
            .or_else(|| crate::inventory::text::problem(code))
            .or_else(|| crate::procurement::text::problem(code)),
        None => None,
    };
    if let Some((zh, en)) = specific {
        return locale.pick(zh, en).to_string();
    }
    if e.problem.as_deref() == Some("unknown_value") {
        let field = e.field.as_deref().unwrap_or("");
        return match locale {
            Locale::ZhCn => format!("“{field}” 的值不在可选范围内，请刷新页面后重新选择。"),
            Locale::En => format!("The value of “{field}” is not one of the choices; reload the page and choose again."),
        };
    }
    if e.problem.as_deref() == Some("invalid_input") {
        if let Some(field) = &e.field {
            return match locale {
                Locale::ZhCn => format!("“{field}” 的值无效：{}", e.message),
                Locale::En => e.message.clone(),
            };
        }
    }
    ui::i18n::error_text(locale, e.code).to_string()
}
