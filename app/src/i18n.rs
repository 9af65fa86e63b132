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
    Cart,
    AddToCart,
    AddedToCart,
    ViewCart,
    Checkout,
    CartEmpty,
    ContinueShopping,
    Remove,
    Increase,
    Decrease,
    LineUnavailable,
    LineOutOfStock,
    Subtotal,
    ShippingAtCheckout,
    CartOffline,
    FixCartFirst,
    Close,
    StepAddress,
    StepDelivery,
    StepPayment,
    StepReview,
    Continue,
    Change,
    Recipient,
    Mobile,
    Phone,
    Province,
    City,
    District,
    ChooseOne,
    StreetAddress,
    Country,
    AddressLines,
    AddressInChina,
    AddressAbroad,
    SavedAddresses,
    NewAddress,
    SaveAddress,
    DeliveryUnavailable,
    CouponCode,
    CouponPlaceholder,
    Apply,
    RemoveCoupon,
    CouponUnknown,
    PlaceOrder,
    PayOnDeliveryHint,
    BankTransferHint,
    CardHint,
    OrderSummary,
    Free,
    ContactEmail,
    CheckoutTitle,
    ChooseDelivery,
    ChoosePayment,
    DivisionNamesNote,
    TaxIncluded,
    StaffOrders,
    StaffOnly,
    AwaitingTransfer,
    AllOrders,
    NoOrders,
    MarkPaid,
    Status,
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
            Msg::Cart => ("购物车", "Cart"),
            Msg::AddToCart => ("加入购物车", "Add to cart"),
            Msg::AddedToCart => ("已加入购物车", "Added to your cart"),
            Msg::ViewCart => ("查看购物车", "View cart"),
            Msg::Checkout => ("去结算", "Checkout"),
            Msg::CartEmpty => ("购物车还是空的，去挑点好物吧。", "Your cart is empty. Find something you like."),
            Msg::ContinueShopping => ("继续购物", "Continue shopping"),
            Msg::Remove => ("删除", "Remove"),
            Msg::Increase => ("增加数量", "One more"),
            Msg::Decrease => ("减少数量", "One fewer"),
            Msg::LineUnavailable => ("该商品已下架，请删除。", "This item is no longer sold. Please remove it."),
            Msg::LineOutOfStock => ("已售罄，请删除或稍后再来。", "Sold out. Remove it or come back later."),
            Msg::Subtotal => ("商品小计", "Subtotal"),
            Msg::ShippingAtCheckout => ("运费与优惠券在结算时计算。", "Delivery and coupons are worked out at checkout."),
            Msg::CartOffline => ("暂时无法连接商店核对价格和库存；您的购物车已保存在本机，联网后会自动更新。", "We cannot reach the shop to check prices and stock right now. Your cart is kept on this device and updates once you are back online."),
            Msg::FixCartFirst => ("请先处理购物车中标出的问题。", "Please fix the items marked in your cart first."),
            Msg::Close => ("关闭", "Close"),
            Msg::StepAddress => ("收货信息", "Address"),
            Msg::StepDelivery => ("配送方式", "Delivery"),
            Msg::StepPayment => ("支付方式", "Payment"),
            Msg::StepReview => ("确认订单", "Review"),
            Msg::Continue => ("下一步", "Continue"),
            Msg::Change => ("修改", "Change"),
            Msg::Recipient => ("收货人", "Recipient"),
            Msg::Mobile => ("手机号码", "Mobile number"),
            Msg::Phone => ("电话", "Phone"),
            Msg::Province => ("省份", "Province"),
            Msg::City => ("城市", "City"),
            Msg::District => ("区县", "District"),
            Msg::ChooseOne => ("请选择", "Choose…"),
            Msg::StreetAddress => ("详细地址（街道、门牌号）", "Street and number"),
            Msg::Country => ("国家或地区", "Country or region"),
            Msg::AddressLines => ("地址", "Address"),
            Msg::AddressInChina => ("中国大陆", "Mainland China"),
            Msg::AddressAbroad => ("其他国家和地区", "Other countries"),
            Msg::SavedAddresses => ("常用地址", "Your addresses"),
            Msg::NewAddress => ("使用新地址", "A new address"),
            Msg::SaveAddress => ("保存到我的地址", "Save this address to my account"),
            Msg::DeliveryUnavailable => ("不配送至该地址", "Does not deliver there"),
            Msg::CouponCode => ("优惠券", "Coupon"),
            Msg::CouponPlaceholder => ("输入优惠码", "Enter a code"),
            Msg::Apply => ("使用", "Apply"),
            Msg::RemoveCoupon => ("不使用优惠券", "Remove coupon"),
            Msg::CouponUnknown => ("优惠码不存在，请检查拼写。", "There is no coupon with this code. Check the spelling."),
            Msg::PlaceOrder => ("提交订单", "Place order"),
            Msg::PayOnDeliveryHint => ("快递员送货上门时付款。", "Pay the courier when your parcel arrives."),
            Msg::BankTransferHint => ("下单后请在 72 小时内转账，到账后我们立即发货。", "Transfer within 72 hours of ordering; we ship as soon as it arrives."),
            Msg::CardHint => ("跳转到安全的支付页面完成付款，本店不保存卡号。", "You pay on the payment provider's secure page; we never see your card number."),
            Msg::OrderSummary => ("订单摘要", "Order summary"),
            Msg::Free => ("免运费", "Free"),
            Msg::ContactEmail => ("接收订单通知的邮箱", "E-mail for order updates"),
            Msg::CheckoutTitle => ("结算", "Checkout"),
            Msg::ChooseDelivery => ("请选择配送方式。", "Please choose a delivery method."),
            Msg::ChoosePayment => ("请选择支付方式。", "Please choose how to pay."),
            Msg::StaffOrders => ("订单管理", "Orders"),
            Msg::StaffOnly => ("此页面仅限店铺员工，请以员工账户登录。", "This page is for shop staff. Please log in with a staff account."),
            Msg::AwaitingTransfer => ("待确认转账", "Awaiting bank transfer"),
            Msg::AllOrders => ("全部订单", "All orders"),
            Msg::NoOrders => ("暂无订单。", "No orders here."),
            Msg::MarkPaid => ("确认已收款", "Mark paid"),
            Msg::Status => ("状态", "Status"),
            Msg::TaxIncluded => ("其中税费", "Of which tax"),
            Msg::DivisionNamesNote => ("地址名称按国家标准以中文显示。", "Chinese place names are shown as couriers need them."),
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

/// "没有找到“jackte”，以下是“jacket”的结果。" / "Nothing for “jackte”; showing “jacket”."
pub fn corrected_search(locale: Locale, typed: &str, corrected: &str) -> String {
    match locale {
        Locale::ZhCn => format!("没有找到“{typed}”的相关商品，以下是“{corrected}”的结果。"),
        Locale::En => format!("Nothing matched “{typed}”; showing results for “{corrected}”."),
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

/// "价格已从 ¥59.00 变为 ¥79.00" / "The price changed from ¥59.00 to ¥79.00".
pub fn price_changed(locale: Locale, was: shared::Money, now: shared::Money) -> String {
    match locale {
        Locale::ZhCn => format!("加入购物车后价格已从 {was} 变为 {now}。"),
        Locale::En => format!("The price changed from {was} to {now} since you added it."),
    }
}

/// "仅剩 2 件，请减少数量。" / "Only 2 left: please lower the quantity."
pub fn not_enough_stock(locale: Locale, n: i64) -> String {
    match locale {
        Locale::ZhCn => format!("仅剩 {n} 件，请减少数量。"),
        Locale::En => format!("Only {n} left: please lower the quantity."),
    }
}

/// "共 3 件" / "3 items".
pub fn unit_count(locale: Locale, n: u32) -> String {
    match locale {
        Locale::ZhCn => format!("共 {n} 件"),
        Locale::En if n == 1 => "1 item".to_string(),
        Locale::En => format!("{n} items"),
    }
}

/// Why a coupon does not apply, in the shopper's words.
pub fn coupon_rejection(locale: Locale, r: &shared::promotions::CouponRejection) -> String {
    use shared::promotions::CouponRejection::*;
    match (r, locale) {
        (NotStarted, Locale::ZhCn) => "该优惠券尚未到使用时间。".into(),
        (NotStarted, Locale::En) => "This coupon is not valid yet.".into(),
        (Expired, Locale::ZhCn) => "该优惠券已过期。".into(),
        (Expired, Locale::En) => "This coupon has expired.".into(),
        (UsedUp, Locale::ZhCn) => "该优惠券已被领完。".into(),
        (UsedUp, Locale::En) => "This coupon has been used up.".into(),
        (AlreadyUsed, Locale::ZhCn) => "您已使用过该优惠券。".into(),
        (AlreadyUsed, Locale::En) => "You have already used this coupon.".into(),
        (NotYours, Locale::ZhCn) => "这是其他账户的专属优惠券；如果是您的，请先登录。".into(),
        (NotYours, Locale::En) => {
            "This coupon belongs to another account; if it is yours, log in first.".into()
        }
        (BelowMinimumSpend { missing } | BelowThreshold { missing }, Locale::ZhCn) => {
            format!("再买 {missing} 即可使用该优惠券。")
        }
        (BelowMinimumSpend { missing } | BelowThreshold { missing }, Locale::En) => {
            format!("Spend {missing} more to use this coupon.")
        }
    }
}

/// An address rule, in the shopper's words.
pub fn address_problem(locale: Locale, p: shared::checkout::AddressProblem) -> &'static str {
    use shared::checkout::AddressProblem::*;
    let (zh, en) = match p {
        RecipientMissing => ("请填写收货人姓名。", "Please give the recipient's name."),
        InvalidMobile => (
            "请填写 11 位中国大陆手机号码。",
            "Please give an 11-digit mainland China mobile number.",
        ),
        InvalidPhone => (
            "请填写有效的电话号码。",
            "Please give a valid phone number.",
        ),
        InvalidDivision => (
            "请选择省份、城市和区县。",
            "Please choose the province, city and district.",
        ),
        DetailMissing => ("请填写详细地址。", "Please give the street address."),
        CountryMissing => ("请填写国家或地区。", "Please give the country."),
    };
    locale.pick(zh, en)
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
        Some("out_of_stock") => Some((
            "有商品库存不足，请返回购物车调整数量。",
            "Some items ran out meanwhile. Please go back to your cart and adjust it.",
        )),
        Some("variant_unavailable") => Some((
            "有商品已下架，请返回购物车删除。",
            "An item is no longer sold. Please remove it from your cart.",
        )),
        Some("cart_full") => Some((
            "购物车最多放 50 种商品。",
            "A cart holds at most 50 different items.",
        )),
        Some("invalid_mobile") => Some((
            "请填写 11 位中国大陆手机号码。",
            "Please give an 11-digit mainland China mobile number.",
        )),
        Some("invalid_division") => Some((
            "请选择省份、城市和区县。",
            "Please choose the province, city and district.",
        )),
        Some("recipient_missing") => {
            Some(("请填写收货人姓名。", "Please give the recipient's name."))
        }
        Some("detail_missing") => Some(("请填写详细地址。", "Please give the street address.")),
        Some("shipping_unavailable" | "shipping_method_unknown") => Some((
            "所选配送方式不能送达该地址，请换一种。",
            "The chosen delivery method does not serve this address; please pick another.",
        )),
        Some(p) if p.starts_with("coupon_") => Some((
            "优惠券不可用，请移除后再提交。",
            "The coupon cannot be used; remove it and try again.",
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
