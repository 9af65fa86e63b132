//! Every visible string of the shop, in Chinese and English. The compiler checks that each
//! message has both translations: a message is an enum variant, its texts one match arm.

use leptos::prelude::*;
use shared::{ErrorCode, Locale};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    ShopName,
    Tagline,
    Home,
    AllCategories,
    SwitchLanguage,
    HeroTitle,
    HeroText,
    HeroCta,
    ShopByCategory,
    Featured,
    NewArrivals,
    ViewAll,
    Products,
    SubCategories,
    Filters,
    Brand,
    PriceRange,
    PriceFrom,
    PriceTo,
    ApplyFilters,
    ClearFilters,
    SortBy,
    SortFeatured,
    SortNewest,
    SortPriceAsc,
    SortPriceDesc,
    NoProducts,
    PreviousPage,
    NextPage,
    Color,
    Size,
    Sku,
    InStock,
    OutOfStock,
    Description,
    Breadcrumbs,
    SoldOut,
    From,
    Loading,
    NotFoundTitle,
    NotFoundText,
    BackHome,
    ErrorTitle,
    FooterAbout,
    FooterService,
    FooterShipping,
    FooterReturns,
    FooterRights,
    ProductImages,
    MenuCategories,
    LogIn,
    Register,
    LogOut,
    MyAccount,
    Email,
    Password,
    DisplayName,
    ForgotPassword,
    ResetPassword,
    NewPassword,
    SendResetLink,
    ResetLinkSent,
    PasswordChanged,
    NoAccountYet,
    HaveAccount,
    PasswordHint,
    Working,
    AccountIntro,
    Search,
    SearchPlaceholder,
    Category,
    InStockOnly,
    NoResults,
    Order,
    OrderThanks,
    PayNow,
    ItemsTotal,
    Discount,
    Delivery,
    Total,
    ShipTo,
    Quantity,
}

impl Msg {
    pub fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            Msg::ShopName => ("Storekeep 良仓", "Storekeep"),
            Msg::Tagline => ("好物直供，放心选购", "Good things, straight from the source"),
            Msg::Home => ("首页", "Home"),
            Msg::AllCategories => ("全部分类", "All categories"),
            Msg::SwitchLanguage => ("English", "中文"),
            Msg::HeroTitle => ("冬季上新，温暖整季", "New for winter: warm all season"),
            Msg::HeroText => (
                "羽绒服、跑鞋与床品新品上架，满 ¥99 全国包邮，七天无理由退换。",
                "New down jackets, running shoes and bedding. Free delivery over ¥99, free returns within 7 days.",
            ),
            Msg::HeroCta => ("去看看外套", "Shop jackets"),
            Msg::ShopByCategory => ("按分类选购", "Shop by category"),
            Msg::Featured => ("精选推荐", "Featured"),
            Msg::NewArrivals => ("新品上架", "New arrivals"),
            Msg::ViewAll => ("查看全部", "View all"),
            Msg::Products => ("件商品", "products"),
            Msg::SubCategories => ("子分类", "Sub-categories"),
            Msg::Filters => ("筛选", "Filters"),
            Msg::Brand => ("品牌", "Brand"),
            Msg::PriceRange => ("价格区间（元）", "Price (¥)"),
            Msg::PriceFrom => ("最低价", "Min"),
            Msg::PriceTo => ("最高价", "Max"),
            Msg::ApplyFilters => ("应用筛选", "Apply"),
            Msg::ClearFilters => ("清除筛选", "Clear filters"),
            Msg::SortBy => ("排序", "Sort by"),
            Msg::SortFeatured => ("综合推荐", "Featured"),
            Msg::SortNewest => ("最新上架", "Newest"),
            Msg::SortPriceAsc => ("价格从低到高", "Price: low to high"),
            Msg::SortPriceDesc => ("价格从高到低", "Price: high to low"),
            Msg::NoProducts => ("没有符合条件的商品，试试放宽筛选条件。", "No products match. Try fewer filters."),
            Msg::PreviousPage => ("上一页", "Previous"),
            Msg::NextPage => ("下一页", "Next"),
            Msg::Color => ("颜色", "Colour"),
            Msg::Size => ("规格", "Size"),
            Msg::Sku => ("商品编码", "SKU"),
            Msg::InStock => ("有货", "In stock"),
            Msg::OutOfStock => ("暂时缺货", "Out of stock"),
            Msg::Description => ("商品详情", "Details"),
            Msg::Breadcrumbs => ("当前位置", "You are here"),
            Msg::SoldOut => ("已售罄", "Sold out"),
            Msg::From => ("起", "from"),
            Msg::Loading => ("加载中…", "Loading…"),
            Msg::NotFoundTitle => ("页面不存在", "Page not found"),
            Msg::NotFoundText => (
                "您访问的页面不存在或商品已下架。",
                "The page you asked for does not exist, or the product is no longer sold.",
            ),
            Msg::BackHome => ("返回首页", "Back to the shop"),
            Msg::ErrorTitle => ("出错了", "Something went wrong"),
            Msg::FooterAbout => ("关于良仓", "About Storekeep"),
            Msg::FooterService => ("客户服务", "Customer service"),
            Msg::FooterShipping => ("配送说明", "Delivery"),
            Msg::FooterReturns => ("退换货政策", "Returns"),
            Msg::FooterRights => ("良仓 Storekeep · 开源电商运营平台", "Storekeep · open-source e-commerce operations"),
            Msg::ProductImages => ("商品图片", "Product images"),
            Msg::MenuCategories => ("商品分类", "Categories"),
            Msg::LogIn => ("登录", "Log in"),
            Msg::Register => ("注册", "Create account"),
            Msg::LogOut => ("退出登录", "Log out"),
            Msg::MyAccount => ("我的账户", "My account"),
            Msg::Email => ("电子邮箱", "E-mail"),
            Msg::Password => ("密码", "Password"),
            Msg::DisplayName => ("昵称", "Name"),
            Msg::ForgotPassword => ("忘记密码？", "Forgot your password?"),
            Msg::ResetPassword => ("重设密码", "Reset your password"),
            Msg::NewPassword => ("新密码", "New password"),
            Msg::SendResetLink => ("发送重设链接", "Send me a reset link"),
            Msg::ResetLinkSent => (
                "如果该邮箱已注册，重设链接已发送，请在一小时内使用。",
                "If this address has an account, a reset link is on its way. It is valid for an hour.",
            ),
            Msg::PasswordChanged => ("密码已更新，请用新密码登录。", "Your password is changed. Log in with the new one."),
            Msg::NoAccountYet => ("还没有账户？", "New here?"),
            Msg::HaveAccount => ("已有账户？", "Already have an account?"),
            Msg::PasswordHint => ("至少 8 个字符，避免常见密码", "At least 8 characters; avoid common passwords"),
            Msg::Working => ("请稍候…", "One moment…"),
            Msg::Search => ("搜索", "Search"),
            Msg::SearchPlaceholder => ("搜索商品、品牌、分类", "Search products and brands"),
            Msg::Category => ("分类", "Category"),
            Msg::InStockOnly => ("只看有货", "In stock only"),
            Msg::Order => ("订单", "Order"),
            Msg::OrderThanks => ("感谢您的订购！确认邮件已发出。", "Thank you for your order! A confirmation is on its way."),
            Msg::PayNow => ("立即付款", "Pay now"),
            Msg::ItemsTotal => ("商品金额", "Items"),
            Msg::Discount => ("优惠", "Discount"),
            Msg::Delivery => ("运费", "Delivery"),
            Msg::Total => ("实付款", "Total"),
            Msg::ShipTo => ("收货地址", "Ship to"),
            Msg::Quantity => ("数量", "Qty"),
            Msg::NoResults => ("没有找到相关商品，换个关键词试试。", "Nothing found. Try other words."),
            Msg::AccountIntro => ("订单、地址与售后服务将在这里管理。", "Your orders, addresses and after-sales requests will live here."),
        };
        locale.pick(zh, en)
    }
}

/// "共 80 件商品" / "80 products".
pub fn product_count(locale: Locale, n: i64) -> String {
    match locale {
        Locale::ZhCn => format!("共 {n} 件商品"),
        Locale::En if n == 1 => "1 product".to_string(),
        Locale::En => format!("{n} products"),
    }
}

/// "“羽绒” 共 2 件商品" / "2 results for “down”".
pub fn results_for(locale: Locale, q: &str, n: i64) -> String {
    match locale {
        Locale::ZhCn => format!("“{q}” 共 {n} 件商品"),
        Locale::En if n == 1 => format!("1 result for “{q}”"),
        Locale::En => format!("{n} results for “{q}”"),
    }
}

/// "¥100–¥300" / "¥3,000 +".
pub fn price_band(band: &shared::catalog::PriceBand) -> String {
    let whole = |m: shared::Money| {
        format!(
            "{}{}",
            m.currency.symbol(),
            m.minor / m.currency.minor_per_major()
        )
    };
    match band.max {
        Some(max) => format!("{}–{}", whole(band.min), whole(max)),
        None => format!("{} +", whole(band.min)),
    }
}

/// An order's status in words.
pub fn order_status(locale: Locale, status: shared::orders::OrderStatus) -> &'static str {
    use shared::orders::OrderStatus::*;
    let (zh, en) = match status {
        PendingPayment => ("待付款", "Awaiting payment"),
        Paid => ("已付款", "Paid"),
        Processing => ("处理中", "Being prepared"),
        Shipped => ("已发货", "Shipped"),
        Delivered => ("已送达", "Delivered"),
        Completed => ("已完成", "Completed"),
        Cancelled => ("已取消", "Cancelled"),
        Refunded => ("已退款", "Refunded"),
    };
    locale.pick(zh, en)
}

/// A payment method in words.
pub fn payment_method(locale: Locale, method: shared::checkout::PaymentMethod) -> &'static str {
    use shared::checkout::PaymentMethod::*;
    let (zh, en) = match method {
        CashOnDelivery => ("货到付款", "Cash on delivery"),
        BankTransfer => ("银行转账", "Bank transfer"),
        Card => ("银行卡支付", "Card"),
    };
    locale.pick(zh, en)
}

/// "仅剩 3 件" / "Only 3 left".
pub fn only_left(locale: Locale, n: i64) -> String {
    match locale {
        Locale::ZhCn => format!("仅剩 {n} 件"),
        Locale::En => format!("Only {n} left"),
    }
}

/// "第 2 / 4 页" / "Page 2 of 4".
pub fn page_of(locale: Locale, page: u32, pages: u32) -> String {
    match locale {
        Locale::ZhCn => format!("第 {page} / {pages} 页"),
        Locale::En => format!("Page {page} of {pages}"),
    }
}

/// What a person reads for an API error: the specific rule when the server named one.
pub fn api_error_text(locale: Locale, error: &shared::ApiError) -> &'static str {
    let specific = match error.problem.as_deref() {
        Some("invalid_email") => Some((
            "请输入有效的电子邮箱地址。",
            "Please enter a valid e-mail address.",
        )),
        Some("password_too_short") => Some((
            "密码至少需要 8 个字符。",
            "The password needs at least 8 characters.",
        )),
        Some("password_too_long") => Some((
            "密码最多 128 个字符。",
            "The password may have at most 128 characters.",
        )),
        Some("password_too_common") => Some((
            "这个密码太常见，容易被猜到，请换一个。",
            "This password is too common and easy to guess; please choose another.",
        )),
        Some("name_missing") => Some((
            "请填写昵称（1–50 个字符）。",
            "Please give a name of 1 to 50 characters.",
        )),
        Some("email_taken") => Some((
            "该邮箱已注册，请直接登录或重设密码。",
            "This e-mail already has an account: log in or reset the password.",
        )),
        Some("invalid_credentials") => {
            Some(("邮箱或密码不正确。", "The e-mail or the password is wrong."))
        }
        Some("reset_link_invalid") => Some((
            "重设链接已失效，请重新申请。",
            "This reset link is no longer valid; ask for a new one.",
        )),
        _ => None,
    };
    match specific {
        Some((zh, en)) => locale.pick(zh, en),
        None => error_text(locale, error.code),
    }
}

/// What a shopper reads for an API error code.
pub fn error_text(locale: Locale, code: ErrorCode) -> &'static str {
    let (zh, en) = match code {
        ErrorCode::BadRequest | ErrorCode::InvalidQuery => (
            "请求参数有误，请检查筛选条件后重试。",
            "Some of the request's values are not valid. Check the filters and try again.",
        ),
        ErrorCode::NotFound => (
            "没有找到您要的内容。",
            "We could not find what you asked for.",
        ),
        ErrorCode::Conflict => (
            "数据已被修改，请刷新后重试。",
            "This changed meanwhile. Reload and try again.",
        ),
        ErrorCode::Unauthorized => ("请先登录。", "Please log in first."),
        ErrorCode::Forbidden => ("您没有权限执行此操作。", "You are not allowed to do this."),
        ErrorCode::PayloadTooLarge => ("提交的内容过大。", "What you sent is too large."),
        ErrorCode::Validation => (
            "填写的信息有误，请检查后重试。",
            "Some of what you entered is not valid. Please check it.",
        ),
        ErrorCode::TooManyRequests => (
            "尝试次数过多，请稍后再试。",
            "Too many attempts. Please wait a few minutes and try again.",
        ),
        ErrorCode::Unavailable => (
            "服务暂时不可用，请稍后再试。",
            "The shop is busy right now. Try again shortly.",
        ),
        ErrorCode::Internal => (
            "系统出现问题，我们正在处理。",
            "Something went wrong on our side. We are on it.",
        ),
        ErrorCode::Network => (
            "网络连接失败，请检查网络。",
            "Could not reach the shop. Check your connection.",
        ),
    };
    locale.pick(zh, en)
}

/// The locale of the current page, from its URL (provided by the layout).
pub fn use_locale() -> Memo<Locale> {
    use_context::<Memo<Locale>>().unwrap_or_else(|| Memo::new(|_| Locale::default()))
}

/// A reactive translated text for use in views: `{t(Msg::Home)}`.
pub fn t(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || msg.text(locale.get())
}
