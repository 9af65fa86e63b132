//! The reports module's strings: the dashboard's and the quality report's labels, and the
//! sentences that carry a number or a date (a change in per cent, an age, a period).

use super::quality::Span;
use super::{Age, Direction};
use shared::reports::{PeriodKind, PeriodProblem, Waiting};
use shared::Locale;
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum D {
    Period,
    From,
    To,
    Apply,
    ComparedWith,
    KeyFigures,
    Revenue,
    Orders,
    AverageOrderValue,
    Units,
    NewCustomers,
    ReturningCustomers,
    Cancellations,
    Previous,
    SalesPerDay,
    Show,
    ThisPeriod,
    PreviousPeriod,
    Day,
    NoSales,
    OrdersByStatus,
    NoOrders,
    TopProducts,
    NoProductsSold,
    Rank,
    Product,
    LowStock,
    Options,
    Sku,
    Available,
    NoLowStock,
    Waiting,
    // the quality report (退货与质量)
    QualityTitle,
    QualityIntro,
    Delivered,
    Returned,
    ReturnRate,
    DefectRate,
    Restocked,
    Scrapped,
    ToSupplier,
    TopReason,
    Total,
    HighestReturnRates,
    ReturnReasons,
    NoReturns,
    NoQualityData,
}

impl Translate for D {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            D::Period => ("统计周期", "Period"),
            D::From => ("开始日期", "From"),
            D::To => ("结束日期", "To"),
            D::Apply => ("应用", "Apply"),
            D::ComparedWith => ("对比", "compared with"),
            D::KeyFigures => ("关键指标", "Key figures"),
            D::Revenue => ("销售额", "Revenue"),
            D::Orders => ("订单数", "Orders"),
            D::AverageOrderValue => ("客单价", "Average order value"),
            D::Units => ("销售件数", "Units sold"),
            D::NewCustomers => ("新客户", "New customers"),
            D::ReturningCustomers => ("回头客", "Returning customers"),
            D::Cancellations => ("取消订单", "Cancellations"),
            D::Previous => ("上期", "Previous period:"),
            D::SalesPerDay => ("每日销售", "Sales per day"),
            D::Show => ("显示", "Show"),
            D::ThisPeriod => ("本期", "This period"),
            D::PreviousPeriod => ("上期", "Previous period"),
            D::Day => ("日期", "Day"),
            D::NoSales => ("本期暂无销售。", "No sales in this period."),
            D::OrdersByStatus => ("订单状态分布", "Orders by status"),
            D::NoOrders => ("本期暂无订单。", "No orders in this period."),
            D::TopProducts => ("热销商品 Top 10", "Top 10 products"),
            D::NoProductsSold => ("本期暂无商品售出。", "No products sold in this period."),
            D::Rank => ("排名", "Rank"),
            D::Product => ("商品", "Product"),
            D::LowStock => ("库存预警", "Low stock"),
            D::Options => ("规格", "Options"),
            D::Sku => ("SKU", "SKU"),
            D::Available => ("可用库存", "Available"),
            D::NoLowStock => (
                "已上架商品的库存都很充足。",
                "Every published product has enough stock.",
            ),
            D::Waiting => ("待处理订单", "Orders waiting for staff"),
            D::QualityTitle => ("退货与质量", "Returns & quality"),
            D::QualityIntro => (
                "签收件数为本期签收订单中的商品件数；退货件数为本期申请、未被拒绝或撤回的退货件数。退货率 = 退货件数 ÷ 签收件数；次品率只计质量问题、与描述不符和运输损坏三类原因。",
                "Delivered: the units of the orders delivered in the period. Returned: the units of the returns asked for in the period that were neither rejected nor withdrawn. Return rate = returned ÷ delivered; the defect rate counts only the reasons defective, not as described and damaged in transit.",
            ),
            D::Delivered => ("签收件数", "Delivered"),
            D::Returned => ("退货件数", "Returned"),
            D::ReturnRate => ("退货率", "Return rate"),
            D::DefectRate => ("次品率", "Defect rate"),
            D::Restocked => ("重新上架", "Restocked"),
            D::Scrapped => ("报废", "Scrapped"),
            D::ToSupplier => ("退回供应商", "To supplier"),
            D::TopReason => ("主要退货原因", "Top reason"),
            D::Total => ("合计", "Total"),
            D::HighestReturnRates => ("退货率最高的 10 个商品", "Top 10 return rates"),
            D::ReturnReasons => ("退货原因分布", "Return reasons"),
            D::NoReturns => ("本期暂无退货。", "No returns in this period."),
            D::NoQualityData => (
                "本期没有签收或申请退货的商品。",
                "No product was delivered or asked back in this period.",
            ),
        };
        locale.pick(zh, en)
    }
}

/// The period picker's buttons.
pub fn period_kind(locale: Locale, kind: PeriodKind) -> &'static str {
    let (zh, en) = match kind {
        PeriodKind::Today => ("今天", "Today"),
        PeriodKind::Last7Days => ("近 7 天", "7 days"),
        PeriodKind::Last30Days => ("近 30 天", "30 days"),
        PeriodKind::ThisMonth => ("本月", "This month"),
        PeriodKind::Custom => ("自定义", "Custom"),
    };
    locale.pick(zh, en)
}

/// The quality report's period buttons.
pub fn span(locale: Locale, s: Span) -> &'static str {
    let (zh, en) = match s {
        Span::Last30Days => ("近 30 天", "30 days"),
        Span::Last90Days => ("近 90 天", "90 days"),
        Span::Last180Days => ("近 180 天", "180 days"),
        Span::Last365Days => ("近一年", "365 days"),
        Span::Custom => ("自定义", "Custom"),
    };
    locale.pick(zh, en)
}

/// Why a custom period cannot be shown.
pub fn problem(locale: Locale, p: PeriodProblem) -> &'static str {
    let (zh, en) = match p {
        PeriodProblem::DayInvalid => (
            "请填写开始日期和结束日期。",
            "Give both the first and the last day.",
        ),
        PeriodProblem::PeriodInverted => (
            "结束日期早于开始日期。",
            "The period ends before it begins.",
        ),
        PeriodProblem::PeriodTooLong => ("时间段最长 366 天。", "A period is at most 366 days."),
    };
    locale.pick(zh, en)
}

/// An order status, as the order list names it.
pub use crate::orders::text::status;

/// A return reason, as the returns queue names it.
pub use crate::returns::text::reason;

/// What the orders of a waiting list wait for.
pub fn waiting(locale: Locale, w: Waiting) -> &'static str {
    let (zh, en) = match w {
        Waiting::TransferToConfirm => ("待确认银行转账", "Bank transfers to confirm"),
        Waiting::ToPrepare => ("待配货", "To prepare"),
        Waiting::ToShip => ("待发货", "To ship"),
    };
    locale.pick(zh, en)
}

/// "12 件" / "12 units".
pub fn units(locale: Locale, n: i64) -> String {
    let n_text = super::count(n);
    match locale {
        Locale::ZhCn => format!("{n_text} 件"),
        Locale::En if n == 1 => "1 unit".to_string(),
        Locale::En => format!("{n_text} units"),
    }
}

/// Under a product's returned units: "申请 3 · 收到 1" / "3 asked · 1 received".
pub fn asked_received(locale: Locale, asked: i64, received: i64) -> String {
    let (asked, received) = (super::count(asked), super::count(received));
    match locale {
        Locale::ZhCn => format!("申请 {asked} · 收到 {received}"),
        Locale::En => format!("{asked} asked · {received} received"),
    }
}

/// A bar's hint in the return rates: "退货 1 / 签收 4 件" / "1 of 4 units returned".
pub fn returned_of(locale: Locale, returned: i64, delivered: i64) -> String {
    let (returned, delivered) = (super::count(returned), super::count(delivered));
    match locale {
        Locale::ZhCn => format!("退货 {returned} / 签收 {delivered} 件"),
        Locale::En => format!("{returned} of {delivered} units returned"),
    }
}

/// A reason's bar's hint: its share of the returned units, "占 25.00%" / "25.00% of returns".
pub fn share_of_returns(locale: Locale, percent: &str) -> String {
    match locale {
        Locale::ZhCn => format!("占 {percent}"),
        Locale::En => format!("{percent} of returns"),
    }
}

/// "共 23 个规格" / "23 variants in all".
pub fn low_stock_total(locale: Locale, n: i64) -> String {
    let n_text = super::count(n);
    match locale {
        Locale::ZhCn => format!("共 {n_text} 个规格库存偏低"),
        Locale::En if n == 1 => "1 variant in all".to_string(),
        Locale::En => format!("{n_text} variants in all"),
    }
}

/// What "low" means: at most `threshold` available.
pub fn low_stock_rule(locale: Locale, threshold: i64) -> String {
    match locale {
        Locale::ZhCn => format!("已上架商品中可用库存不超过 {threshold} 件的规格"),
        Locale::En => {
            format!("Variants of published products with {threshold} or fewer available")
        }
    }
}

/// How long the longest-waiting order has waited; `None` when nothing waits.
pub fn oldest(locale: Locale, age: Option<Age>) -> String {
    match (locale, age) {
        (Locale::ZhCn, None) => "暂无".to_string(),
        (Locale::ZhCn, Some(Age::JustNow)) => "最早一笔：刚刚".to_string(),
        (Locale::ZhCn, Some(Age::Minutes(n))) => format!("最早一笔：{n} 分钟前"),
        (Locale::ZhCn, Some(Age::Hours(n))) => format!("最早一笔：{n} 小时前"),
        (Locale::ZhCn, Some(Age::Days(n))) => format!("最早一笔：{n} 天前"),
        (Locale::En, None) => "none waiting".to_string(),
        (Locale::En, Some(Age::JustNow)) => "oldest just now".to_string(),
        (Locale::En, Some(Age::Minutes(n))) => format!("oldest {n} min ago"),
        (Locale::En, Some(Age::Hours(n))) => format!("oldest {n} h ago"),
        (Locale::En, Some(Age::Days(1))) => "oldest 1 day ago".to_string(),
        (Locale::En, Some(Age::Days(n))) => format!("oldest {n} days ago"),
    }
}

/// The change of a figure as a sentence (for screen readers and the hover title);
/// `percent` is the formatted amount ("12.3%"), `None` when the previous period had none.
pub fn change(locale: Locale, direction: Direction, percent: Option<&str>) -> String {
    match (locale, direction, percent) {
        (Locale::ZhCn, _, None) => "上期为 0，无法计算变化".to_string(),
        (Locale::ZhCn, Direction::Up, Some(p)) => format!("较上期增长 {p}"),
        (Locale::ZhCn, Direction::Down, Some(p)) => format!("较上期下降 {p}"),
        (Locale::ZhCn, Direction::Flat, Some(_)) => "与上期持平".to_string(),
        (Locale::En, _, None) => "nothing in the previous period to compare with".to_string(),
        (Locale::En, Direction::Up, Some(p)) => format!("{p} up on the previous period"),
        (Locale::En, Direction::Down, Some(p)) => format!("{p} down on the previous period"),
        (Locale::En, Direction::Flat, Some(_)) => "the same as the previous period".to_string(),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn month_name(m: u32) -> &'static str {
    let i = usize::try_from(m.saturating_sub(1)).unwrap_or(0) % 12;
    MONTHS.get(i).copied().unwrap_or_default()
}

/// A calendar day `(year, month, day)`: "2026年12月1日" / "1 Dec 2026" (as `ui::format::date`).
pub fn day(locale: Locale, (y, m, d): (i64, u32, u32)) -> String {
    match locale {
        Locale::ZhCn => format!("{y}年{m}月{d}日"),
        Locale::En => format!("{d} {} {y}", month_name(m)),
    }
}

/// Days `first` to `last`: "2026年11月2日至12月1日" / "2 Nov – 1 Dec 2026"; one day alone
/// when they are the same.
pub fn range(locale: Locale, first: (i64, u32, u32), last: (i64, u32, u32)) -> String {
    if first == last {
        return day(locale, first);
    }
    let ((y1, m1, d1), (y2, m2, d2)) = (first, last);
    match locale {
        Locale::ZhCn if y1 == y2 => format!("{y1}年{m1}月{d1}日至{m2}月{d2}日"),
        Locale::ZhCn => format!("{}至{}", day(locale, first), day(locale, last)),
        Locale::En if y1 == y2 => format!("{d1} {} – {d2} {} {y2}", month_name(m1), month_name(m2)),
        Locale::En => format!("{} – {}", day(locale, first), day(locale, last)),
    }
}

/// "对比 2026年10月3日至11月1日" / "compared with 3 Oct – 1 Nov 2026".
pub fn compared_with(locale: Locale, previous: &str) -> String {
    format!("{} {previous}", D::ComparedWith.text(locale))
}
