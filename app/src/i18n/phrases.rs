//! Texts with numbers, names or money in them, in both languages.

use shared::Locale;

/// "共 80 件商品" / "80 products".
pub fn product_count(locale: Locale, n: i64) -> String {
    match locale {
        Locale::ZhCn => format!("共 {n} 件商品"),
        Locale::En if n == 1 => "1 product".to_string(),
        Locale::En => format!("{n} products"),
    }
}

/// "北岭 品牌店铺" / "Northridge brand store".
pub fn brand_store_title(locale: Locale, brand: &str) -> String {
    match locale {
        Locale::ZhCn => format!("{brand} 品牌店铺"),
        Locale::En => format!("{brand} brand store"),
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
        TooLong => (
            "填写的内容过长，请缩短。",
            "This is too long; please shorten it.",
        ),
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

/// "共 3 件商品" / "3 items".
pub fn items_count(locale: Locale, n: i64) -> String {
    match locale {
        Locale::ZhCn => format!("共 {n} 件商品"),
        Locale::En if n == 1 => "1 item".to_string(),
        Locale::En => format!("{n} items"),
    }
}

/// "包裹 2" / "Parcel 2".
pub fn parcel_name(locale: Locale, n: u32) -> String {
    match locale {
        Locale::ZhCn => format!("包裹 {n}"),
        Locale::En => format!("Parcel {n}"),
    }
}

/// A parcel's status as its customer is told it.
pub fn shipment_status(locale: Locale, status: shared::fulfilment::ShipmentStatus) -> &'static str {
    use shared::fulfilment::ShipmentStatus::*;
    let (zh, en) = match status {
        Allocated => ("备货中", "Being prepared"),
        Picking => ("拣货中", "Being picked"),
        Picked => ("已拣货", "Picked"),
        Packed => ("已打包", "Packed"),
        Shipped => ("运输中", "On its way"),
        Delivered => ("已签收", "Delivered"),
        Cancelled => ("已取消", "Cancelled"),
    };
    locale.pick(zh, en)
}

/// After an order's first product: " 等" / " and 2 more" when it has more lines.
pub fn and_more(locale: Locale, lines: i64) -> String {
    match locale {
        Locale::ZhCn => " 等".to_string(),
        Locale::En => format!(" and {} more", lines - 1),
    }
}

/// "退货 #12" / "Return #12".
pub fn return_title(locale: Locale, id: i64) -> String {
    match locale {
        Locale::ZhCn => format!("退货 #{id}"),
        Locale::En => format!("Return #{id}"),
    }
}

/// "可在 2026年12月9日 前申请" / "until 9 Dec 2026".
pub fn return_until(locale: Locale, day: &str) -> String {
    match locale {
        Locale::ZhCn => format!("{day} 前可申请"),
        Locale::En => format!("until {day}"),
    }
}

/// Where a return stands, as its customer is told.
pub fn return_status(
    locale: Locale,
    status: shared::after_sales::returns::ReturnStatus,
) -> &'static str {
    use shared::after_sales::returns::ReturnStatus::*;
    let (zh, en) = match status {
        Requested => ("待审核", "Awaiting review"),
        Approved => ("待寄回", "Send it back"),
        Rejected => ("未通过", "Not approved"),
        Received => ("已收到退货", "Received"),
        Inspected => ("已质检", "Inspected"),
        Refunded => ("已退款", "Refunded"),
        Exchanged => ("已换货", "Exchanged"),
        Closed => ("已关闭", "Closed"),
    };
    locale.pick(zh, en)
}

/// Why a customer returns something.
pub fn return_reason(
    locale: Locale,
    reason: shared::after_sales::returns::ReturnReason,
) -> &'static str {
    use shared::after_sales::returns::ReturnReason::*;
    let (zh, en) = match reason {
        Defective => ("质量问题", "Defective"),
        WrongItem => ("发错货", "Wrong item"),
        NotAsDescribed => ("与描述不符", "Not as described"),
        DamagedInTransit => ("运输损坏", "Damaged in transit"),
        ChangedMind => ("七天无理由", "Changed my mind"),
        Other => ("其他", "Other"),
    };
    locale.pick(zh, en)
}

/// "共 12 条评价" / "12 reviews".
pub fn review_count(locale: Locale, n: u32) -> String {
    match locale {
        Locale::ZhCn => format!("共 {n} 条评价"),
        Locale::En if n == 1 => "1 review".to_string(),
        Locale::En => format!("{n} reviews"),
    }
}

/// "4 星" / "4 stars", for a screen reader and the distribution's labels.
pub fn stars(locale: Locale, n: u8) -> String {
    match locale {
        Locale::ZhCn => format!("{n} 星"),
        Locale::En if n == 1 => "1 star".to_string(),
        Locale::En => format!("{n} stars"),
    }
}

/// What a question to customer service is about.
pub fn consultation_topic(
    locale: Locale,
    topic: shared::service::consultations::Topic,
) -> &'static str {
    use shared::service::consultations::Topic::*;
    let (zh, en) = match topic {
        PreSale => ("售前咨询", "Before buying"),
        Order => ("订单咨询", "About an order"),
        Other => ("其他问题", "Something else"),
    };
    locale.pick(zh, en)
}

/// Where a question to customer service stands, as its customer is told.
pub fn consultation_status(
    locale: Locale,
    status: shared::service::consultations::ConsultationStatus,
) -> &'static str {
    use shared::service::consultations::ConsultationStatus::*;
    let (zh, en) = match status {
        Open => ("待客服回复", "Waiting for us"),
        WaitingOnCustomer => ("客服已回复", "Answered"),
        Resolved => ("已解决", "Resolved"),
        Closed => ("已关闭", "Closed"),
    };
    locale.pick(zh, en)
}
