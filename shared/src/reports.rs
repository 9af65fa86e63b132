//! The dashboard's figures: which period a request means (in the shop's time zone), the
//! period before it, which orders count as sales, and the shapes the API answers.
//!
//! Definitions, the same for the server's queries and the tests' brute-force recount:
//! - A **sale** is an order placed in the period whose status is paid or later
//!   ([`OrderStatus::counts_as_sale`]): awaiting payment, cancelled and refunded orders are
//!   not sales.
//! - **Revenue** is the sales' grand totals (goods after discounts, plus delivery).
//! - **Units** are the quantities on the sales' lines.
//! - A **customer** is an order's e-mail address (guests count too). A customer of the
//!   period is **new** when their first sale ever falls in the period, else **returning**.
//! - **Cancellations** are orders placed in the period that are cancelled now.
//!
//! The product quality report (退货与质量, [`QualityReport`]) has its own definitions,
//! written beside its types below.

use crate::after_sales::returns::{ReturnReason, ReturnStatus};
use crate::catalog::Localized;
use crate::ids::{ProductId, VariantId};
use crate::money::Currency;
use crate::orders::OrderStatus;
use crate::time::SHOP_UTC_OFFSET_HOURS;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use time::{Date, Duration, Month};

const DAY_MS: i64 = 86_400_000;
/// The longest custom period.
pub const MAX_DAYS: i64 = 366;

/// The period picker's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Today,
    #[serde(rename = "7d")]
    Last7Days,
    #[default]
    #[serde(rename = "30d")]
    Last30Days,
    ThisMonth,
    /// `from` to `to`, both included.
    Custom,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 5] = [
        PeriodKind::Today,
        PeriodKind::Last7Days,
        PeriodKind::Last30Days,
        PeriodKind::ThisMonth,
        PeriodKind::Custom,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Today => "today",
            PeriodKind::Last7Days => "7d",
            PeriodKind::Last30Days => "30d",
            PeriodKind::ThisMonth => "this_month",
            PeriodKind::Custom => "custom",
        }
    }

    pub fn parse(text: &str) -> Option<PeriodKind> {
        Self::ALL.into_iter().find(|k| k.code() == text)
    }
}

/// `GET /api/v1/admin/reports/dashboard`'s query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct DashboardQuery {
    /// Which period (default the last 30 days, today included).
    #[cfg_attr(feature = "openapi", param(inline))]
    pub period: Option<PeriodKind>,
    /// First day of a custom period, `YYYY-MM-DD` in the shop's time zone (checked with any
    /// period; empty means none).
    #[cfg_attr(
        feature = "openapi",
        param(max_length = 10, pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")
    )]
    pub from: Option<String>,
    /// Last day of a custom period (included); at most 366 days after `from`.
    #[cfg_attr(
        feature = "openapi",
        param(max_length = 10, pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")
    )]
    pub to: Option<String>,
}

/// Days in the shop's time zone, `first` to `last` included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-01"))]
    #[serde(with = "iso_date")]
    pub first: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-30"))]
    #[serde(with = "iso_date")]
    pub last: Date,
}

/// Why a period cannot be shown (the field concerned travels beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodProblem {
    /// `custom` without both days, or a day that is not `YYYY-MM-DD`.
    DayInvalid,
    /// `to` before `from`.
    PeriodInverted,
    /// Longer than [`MAX_DAYS`].
    PeriodTooLong,
}

impl fmt::Display for PeriodProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodProblem::DayInvalid => f.write_str("a day is written YYYY-MM-DD"),
            PeriodProblem::PeriodInverted => f.write_str("the period ends before it begins"),
            PeriodProblem::PeriodTooLong => write!(f, "a period is at most {MAX_DAYS} days"),
        }
    }
}

/// A period problem and the query field it is about.
pub type PeriodError = (PeriodProblem, &'static str);

/// The shop's calendar day of a moment.
pub fn shop_day(millis: i64) -> Date {
    let days = (millis + SHOP_UTC_OFFSET_HOURS * 3_600_000).div_euclid(DAY_MS);
    epoch() + Duration::days(days)
}

fn epoch() -> Date {
    Date::from_calendar_date(1970, Month::January, 1).unwrap_or(Date::MIN)
}

/// The first moment (milliseconds, UTC) of a shop day.
pub fn day_start(day: Date) -> i64 {
    (day - epoch()).whole_days() * DAY_MS - SHOP_UTC_OFFSET_HOURS * 3_600_000
}

/// A `YYYY-MM-DD` day.
pub fn parse_day(text: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.trim(), &format).ok()
}

pub fn format_day(day: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}

impl Period {
    /// The period a request means, `now` being the current moment.
    pub fn resolve(q: &DashboardQuery, now: i64) -> Result<Period, PeriodError> {
        for (value, field) in [(&q.from, "from"), (&q.to, "to")] {
            let given = value.as_deref().map(str::trim).filter(|t| !t.is_empty());
            if given.is_some_and(|t| parse_day(t).is_none()) {
                return Err((PeriodProblem::DayInvalid, field));
            }
        }
        let today = shop_day(now);
        let back = |days: i64| Period {
            first: today - Duration::days(days - 1),
            last: today,
        };
        Ok(match q.period.unwrap_or_default() {
            PeriodKind::Today => back(1),
            PeriodKind::Last7Days => back(7),
            PeriodKind::Last30Days => back(30),
            PeriodKind::ThisMonth => Period {
                first: today.replace_day(1).unwrap_or(today),
                last: today,
            },
            PeriodKind::Custom => {
                let day = |v: &Option<String>, field| {
                    v.as_deref()
                        .and_then(parse_day)
                        .ok_or((PeriodProblem::DayInvalid, field))
                };
                let (first, last) = (day(&q.from, "from")?, day(&q.to, "to")?);
                if last < first {
                    return Err((PeriodProblem::PeriodInverted, "to"));
                }
                let p = Period { first, last };
                if p.days() > MAX_DAYS {
                    return Err((PeriodProblem::PeriodTooLong, "to"));
                }
                p
            }
        })
    }

    pub fn days(&self) -> i64 {
        (self.last - self.first).whole_days() + 1
    }

    /// As many days, just before.
    pub fn previous(&self) -> Period {
        let n = Duration::days(self.days());
        Period {
            first: self.first - n,
            last: self.last - n,
        }
    }

    /// `[start, end)` in milliseconds.
    pub fn range(&self) -> (i64, i64) {
        (day_start(self.first), day_start(self.last) + DAY_MS)
    }

    pub fn contains(&self, millis: i64) -> bool {
        let (a, b) = self.range();
        (a..b).contains(&millis)
    }

    /// Each day, in order.
    pub fn each_day(&self) -> impl Iterator<Item = Date> + '_ {
        (0..self.days()).map(|i| self.first + Duration::days(i))
    }
}

mod iso_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(day: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_day(*day))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_day(&text).ok_or_else(|| serde::de::Error::custom("a day is YYYY-MM-DD"))
    }
}

/// The headline figures of a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    /// Minor units of the dashboard's currency.
    pub revenue: i64,
    pub orders: i64,
    /// Revenue per order, rounded to the minor unit; 0 without orders.
    pub average_order_value: i64,
    pub units: i64,
    pub new_customers: i64,
    pub returning_customers: i64,
    pub cancellations: i64,
}

impl Figures {
    /// Revenue ÷ orders, rounded half up.
    pub fn average(revenue: i64, orders: i64) -> i64 {
        if orders <= 0 {
            0
        } else {
            (revenue * 2 + orders) / (orders * 2)
        }
    }
}

/// One day of the sales chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaySales {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-30"))]
    #[serde(with = "iso_date")]
    pub day: Date,
    pub revenue: i64,
    pub orders: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: OrderStatus,
    pub orders: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopProduct {
    pub id: ProductId,
    pub name: Localized,
    pub revenue: i64,
    pub units: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LowStock {
    pub variant_id: VariantId,
    pub product_id: ProductId,
    pub sku: String,
    pub name: Localized,
    /// The variant's options, e.g. "军绿 / L".
    pub options: Localized,
    /// On hand less reserved, over every warehouse.
    pub available: i64,
}

/// Orders that wait for someone in the shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Waiting {
    /// Bank transfers to match against the account.
    TransferToConfirm,
    /// Paid (or cash on delivery) and not yet being prepared.
    ToPrepare,
    /// Being prepared, not yet shipped.
    ToShip,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitingCount {
    pub waiting: Waiting,
    pub orders: i64,
    /// When the longest-waiting one was placed (milliseconds); `None` without orders.
    pub oldest: Option<i64>,
}

/// `GET /api/v1/admin/reports/dashboard`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub currency: Currency,
    pub period: Period,
    pub previous: Period,
    pub current: Figures,
    pub before: Figures,
    /// Every day of the period, days without sales included.
    pub days: Vec<DaySales>,
    /// The previous period's days, in the same order (for the dashed line).
    pub previous_days: Vec<DaySales>,
    /// Orders placed in the period, by their status now.
    pub by_status: Vec<StatusCount>,
    /// At most 10, by revenue.
    pub top_products: Vec<TopProduct>,
    /// The variants of published products with the least stock (at most 10), at or
    /// under [`crate::catalog::StockStatus::LOW_THRESHOLD`] available.
    pub low_stock: Vec<LowStock>,
    /// How many variants are that low in all.
    pub low_stock_total: i64,
    pub waiting: Vec<WaitingCount>,
}

/// A period's days with their sales, zero-filled: `sales` are `(shop day, revenue, orders)`.
pub fn fill_days(period: &Period, sales: &[(Date, i64, i64)]) -> Vec<DaySales> {
    period
        .each_day()
        .map(|day| {
            let (revenue, orders) = sales
                .iter()
                .filter(|s| s.0 == day)
                .fold((0, 0), |(r, o), s| (r + s.1, o + s.2));
            DaySales {
                day,
                revenue,
                orders,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The product quality report (退货与质量)
// ---------------------------------------------------------------------------------------
//
// Definitions, the same for the server's queries, the page and the tests:
// - **Delivered** units are the quantities on the lines of orders delivered in the period
//   (`orders.delivered_at`, set once when the last parcel arrives), whatever the order's
//   status is now: an order delivered and then refunded in full (all of it came back) was
//   still delivered, or returns would shrink their own denominator.
// - The return figures are those of the returns **asked for** in the period (the
//   return's `created_at`), as they stand now:
//   - **requested**: every unit asked back, whatever came of it;
//   - **returned**: of them, the units neither rejected nor withdrawn (a return closed
//     before its goods reached a warehouse) — the units the shop takes back;
//   - **received**: of them, the units that came back to a warehouse;
//   - **restocked / scrapped / to supplier**: what inspection decided for them.
// - **Return rate** = returned ÷ delivered; **defect rate** = returned units whose reason
//   is a defect ([`is_defect`]) ÷ delivered; both by [`rate_bp`]. The return figures and
//   the deliveries are of the same period but not the same units: a return asked for in
//   the period may be of a delivery before it, so a rate can pass 100 % (rarely, and only
//   for short periods), and a product can have returns without deliveries (its rates are 0).

/// How many days the quality report covers unless asked otherwise (today included).
pub const QUALITY_DEFAULT_DAYS: i64 = 90;

/// `GET /api/v1/admin/reports/quality`'s query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct QualityQuery {
    /// First day, `YYYY-MM-DD` in the shop's time zone (default: 90 days to `to`, both
    /// included; empty means none).
    #[cfg_attr(
        feature = "openapi",
        param(max_length = 10, pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")
    )]
    pub from: Option<String>,
    /// Last day, included (default today); at most 366 days after `from`.
    #[cfg_attr(
        feature = "openapi",
        param(max_length = 10, pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")
    )]
    pub to: Option<String>,
}

impl Period {
    /// The `days` days (at least one) ending with `last`; `None` past the calendar's start.
    pub fn ending(last: Date, days: i64) -> Option<Period> {
        let first = last.checked_sub(Duration::days(days.max(1) - 1))?;
        Some(Period { first, last })
    }
}

impl QualityQuery {
    /// The period a request means, `now` being the current moment: `from` to `to`, `to`
    /// defaulting to today and `from` to [`QUALITY_DEFAULT_DAYS`] days ending with `to`.
    /// A period that ends before it begins or is longer than [`MAX_DAYS`] is refused; the
    /// field named is the day given last in the query's sense (`to`, or `from` when `to`
    /// was left to its default).
    pub fn resolve(&self, now: i64) -> Result<Period, PeriodError> {
        // exactly the documented form (no spaces, no sign): what breaks the query's schema
        // is refused, as the contract check expects
        let day = |value: &Option<String>, field: &'static str| match value.as_deref() {
            None | Some("") => Ok(None),
            Some(t) => strict_day(t)
                .map(Some)
                .ok_or((PeriodProblem::DayInvalid, field)),
        };
        let from = day(&self.from, "from")?;
        let to = day(&self.to, "to")?;
        let at_fault = if to.is_some() { "to" } else { "from" };
        let last = to.unwrap_or_else(|| shop_day(now));
        let first = match from {
            Some(first) => first,
            None => {
                Period::ending(last, QUALITY_DEFAULT_DAYS)
                    .ok_or((PeriodProblem::DayInvalid, "to"))?
                    .first
            }
        };
        if last < first {
            return Err((PeriodProblem::PeriodInverted, at_fault));
        }
        let p = Period { first, last };
        if p.days() > MAX_DAYS {
            return Err((PeriodProblem::PeriodTooLong, at_fault));
        }
        Ok(p)
    }
}

/// A day written exactly `YYYY-MM-DD` (ten characters: digits and two dashes).
fn strict_day(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let form = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if form {
        parse_day(text)
    } else {
        None
    }
}

/// `part` of `whole` in basis points (1 bp = 0.01 %, so 10 000 is all of it), rounded half
/// up; 0 when `whole` is 0 (nothing to be a share of) and for a negative `part`. Saturates
/// at `u32::MAX`. The one place the report's rates are computed.
pub fn rate_bp(part: i64, whole: i64) -> u32 {
    if whole <= 0 || part <= 0 {
        return 0;
    }
    let (part, whole) = (i128::from(part), i128::from(whole));
    // (part × 10 000 / whole), + ½ and down: in integers, (2 × part × 10 000 + whole) / (2 × whole)
    let bp = (part * 20_000 + whole) / (whole * 2);
    u32::try_from(bp).unwrap_or(u32::MAX)
}

/// Basis points as a per cent with two decimals: 2500 → "25.00%" (both languages).
pub fn percent_bp(bp: u32) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// Whether a return reason says the product was at fault (次品), the defect rate's
/// numerator: faulty (`defective`), not what the product page described
/// (`not_as_described`), or arrived damaged (`damaged_in_transit` — how it is packed is
/// part of the product the customer gets, and a supplier's or carrier's fault still makes
/// a unit the customer cannot use). A wrong item sent is the warehouse's error and a
/// change of mind nobody's: those are returns, not defects.
pub fn is_defect(reason: ReturnReason) -> bool {
    matches!(
        reason,
        ReturnReason::Defective | ReturnReason::NotAsDescribed | ReturnReason::DamagedInTransit
    )
}

/// A group of return lines of one product as the report's query reads them: the return's
/// reason and status, whether its goods came back (it names the warehouse that received
/// them), and the lines' units and inspection outcomes summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnedUnits {
    pub reason: ReturnReason,
    pub status: ReturnStatus,
    pub came_back: bool,
    pub units: i64,
    pub restocked: i64,
    pub scrapped: i64,
    pub to_supplier: i64,
}

impl ReturnedUnits {
    /// The units count as returned: neither rejected nor withdrawn (closed before they
    /// came back; a return closed after inspection keeps them).
    pub fn counts(&self) -> bool {
        self.came_back || !matches!(self.status, ReturnStatus::Rejected | ReturnStatus::Closed)
    }
}

/// Returned units of one reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonUnits {
    pub reason: ReturnReason,
    pub units: i64,
}

/// A product's (or all products') quality figures for a period; see the definitions above.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualityFigures {
    /// Units on the lines of orders delivered in the period.
    pub delivered: i64,
    /// Units customers asked to return in the period, whatever came of it.
    pub requested: i64,
    /// Of those, the units neither rejected nor withdrawn.
    pub returned: i64,
    /// Of those, the units that came back to a warehouse.
    pub received: i64,
    /// Inspected and back in sellable stock.
    pub restocked: i64,
    pub scrapped: i64,
    /// Kept to go back to the supplier.
    pub to_supplier: i64,
    /// Returned units whose reason is a defect (defective, not as described, damaged in
    /// transit).
    pub defective: i64,
    /// Returned ÷ delivered, in basis points (2500 = 25.00 %), rounded half up; 0 without
    /// deliveries.
    pub return_rate_bp: u32,
    /// Defective ÷ delivered, in basis points.
    pub defect_rate_bp: u32,
    /// The reason with the most returned units (on a tie, the first in the list of
    /// reasons); none without returned units.
    pub top_reason: Option<ReturnReason>,
    /// Returned units by reason, most first; reasons without any left out.
    pub reasons: Vec<ReasonUnits>,
}

/// One product's row of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductQuality {
    pub id: ProductId,
    pub name: Localized,
    pub figures: QualityFigures,
}

/// `GET /api/v1/admin/reports/quality`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualityReport {
    pub period: Period,
    /// The products with a unit delivered or asked back in the period, the highest return
    /// rate first (then the most units returned, the most delivered, the lowest id).
    pub products: Vec<ProductQuality>,
    /// All products together (the rates of the sums, not an average of rates).
    pub total: QualityFigures,
}

/// Sums of one product's (or all products') deliveries and return groups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QualityTally {
    pub delivered: i64,
    pub requested: i64,
    pub returned: i64,
    pub received: i64,
    pub restocked: i64,
    pub scrapped: i64,
    pub to_supplier: i64,
    pub defective: i64,
    pub by_reason: BTreeMap<ReturnReason, i64>,
}

impl QualityTally {
    pub fn deliver(&mut self, units: i64) {
        self.delivered = self.delivered.saturating_add(units);
    }

    pub fn add_return(&mut self, r: &ReturnedUnits) {
        self.requested = self.requested.saturating_add(r.units);
        self.restocked = self.restocked.saturating_add(r.restocked);
        self.scrapped = self.scrapped.saturating_add(r.scrapped);
        self.to_supplier = self.to_supplier.saturating_add(r.to_supplier);
        if r.came_back {
            self.received = self.received.saturating_add(r.units);
        }
        if r.counts() {
            self.returned = self.returned.saturating_add(r.units);
            let by = self.by_reason.entry(r.reason).or_insert(0);
            *by = by.saturating_add(r.units);
            if is_defect(r.reason) {
                self.defective = self.defective.saturating_add(r.units);
            }
        }
    }

    pub fn figures(&self) -> QualityFigures {
        let mut reasons: Vec<ReasonUnits> = self
            .by_reason
            .iter()
            .filter(|(_, units)| **units > 0)
            .map(|(reason, units)| ReasonUnits {
                reason: *reason,
                units: *units,
            })
            .collect();
        // stable: a tie keeps the reasons' own order
        reasons.sort_by_key(|b| std::cmp::Reverse(b.units));
        QualityFigures {
            delivered: self.delivered,
            requested: self.requested,
            returned: self.returned,
            received: self.received,
            restocked: self.restocked,
            scrapped: self.scrapped,
            to_supplier: self.to_supplier,
            defective: self.defective,
            return_rate_bp: rate_bp(self.returned, self.delivered),
            defect_rate_bp: rate_bp(self.defective, self.delivered),
            top_reason: reasons.first().map(|r| r.reason),
            reasons,
        }
    }
}

/// The report's rows and total from the units delivered per product and the return groups
/// per product: each product with a unit delivered or asked back, the highest return rate
/// first (then the most units returned, the most delivered, the lowest id).
pub fn quality_rows(
    delivered: &[(ProductId, i64)],
    returns: &[(ProductId, ReturnedUnits)],
) -> (Vec<(ProductId, QualityFigures)>, QualityFigures) {
    let mut by: BTreeMap<ProductId, QualityTally> = BTreeMap::new();
    let mut total = QualityTally::default();
    for (id, units) in delivered {
        by.entry(*id).or_default().deliver(*units);
        total.deliver(*units);
    }
    for (id, r) in returns {
        by.entry(*id).or_default().add_return(r);
        total.add_return(r);
    }
    let mut rows: Vec<(ProductId, QualityFigures)> = by
        .into_iter()
        .filter(|(_, t)| t.delivered > 0 || t.requested > 0)
        .map(|(id, t)| (id, t.figures()))
        .collect();
    rows.sort_by(|(a_id, a), (b_id, b)| {
        b.return_rate_bp
            .cmp(&a.return_rate_bp)
            .then(b.returned.cmp(&a.returned))
            .then(b.delivered.cmp(&a.delivered))
            .then(a_id.cmp(b_id))
    });
    (rows, total.figures())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        parse_day(text).unwrap()
    }

    // 2026-12-01 10:00 in Shanghai
    const NOW: i64 = 1_796_090_400_000;

    #[test]
    fn periods_end_today_in_the_shops_time_zone() {
        assert_eq!(shop_day(NOW), day("2026-12-01"));
        // 16:00 UTC on 30 November is already 1 December in Shanghai
        assert_eq!(
            shop_day(day_start(day("2026-12-01")) + 1),
            day("2026-12-01")
        );
        assert_eq!(
            shop_day(day_start(day("2026-12-01")) - 1),
            day("2026-11-30")
        );
        let q = |kind| DashboardQuery {
            period: Some(kind),
            ..Default::default()
        };
        let p = Period::resolve(&q(PeriodKind::Last7Days), NOW).unwrap();
        assert_eq!(
            (p.first, p.last, p.days()),
            (day("2026-11-25"), day("2026-12-01"), 7)
        );
        assert_eq!(p.previous().first, day("2026-11-18"));
        assert_eq!(p.previous().last, day("2026-11-24"));
        let m = Period::resolve(&q(PeriodKind::ThisMonth), NOW).unwrap();
        assert_eq!((m.first, m.days()), (day("2026-12-01"), 1));
        let t = Period::resolve(&q(PeriodKind::Today), NOW).unwrap();
        let (a, b) = t.range();
        assert_eq!(b - a, DAY_MS);
        assert!(t.contains(NOW) && !t.contains(b));
        assert_eq!(
            Period::resolve(&DashboardQuery::default(), NOW)
                .unwrap()
                .days(),
            30
        );
    }

    #[test]
    fn custom_periods_are_checked() {
        let custom = |from: &str, to: &str| {
            Period::resolve(
                &DashboardQuery {
                    period: Some(PeriodKind::Custom),
                    from: Some(from.into()),
                    to: Some(to.into()),
                },
                NOW,
            )
        };
        let p = custom("2026-02-01", "2026-02-28").unwrap();
        assert_eq!(p.days(), 28);
        assert_eq!(p.previous().first, day("2026-01-04"));
        assert_eq!(
            custom("2026-02-30", "2026-03-01"),
            Err((PeriodProblem::DayInvalid, "from"))
        );
        assert_eq!(
            custom("2026-03-01", "x"),
            Err((PeriodProblem::DayInvalid, "to"))
        );
        assert_eq!(
            custom("2026-03-02", "2026-03-01"),
            Err((PeriodProblem::PeriodInverted, "to"))
        );
        assert_eq!(
            custom("2024-01-01", "2025-12-31"),
            Err((PeriodProblem::PeriodTooLong, "to"))
        );
        assert!(custom("2025-01-01", "2025-12-31").is_ok());
        // the days are checked with any period
        let bad = DashboardQuery {
            period: Some(PeriodKind::Today),
            to: Some("soon".into()),
            ..Default::default()
        };
        assert_eq!(
            Period::resolve(&bad, NOW),
            Err((PeriodProblem::DayInvalid, "to"))
        );
    }

    #[test]
    fn days_are_filled_and_averages_rounded() {
        let p = Period {
            first: day("2026-11-29"),
            last: day("2026-12-01"),
        };
        let days = fill_days(
            &p,
            &[(day("2026-11-30"), 500, 2), (day("2026-11-30"), 100, 1)],
        );
        assert_eq!(days.len(), 3);
        assert_eq!((days[1].revenue, days[1].orders), (600, 3));
        assert_eq!(days[0].orders + days[2].orders, 0);
        assert_eq!(Figures::average(1000, 3), 333);
        assert_eq!(Figures::average(1001, 2), 501);
        assert_eq!(Figures::average(5, 0), 0);
        let json = serde_json::to_string(&days[0]).unwrap();
        assert_eq!(json, r#"{"day":"2026-11-29","revenue":0,"orders":0}"#);
        assert_eq!(serde_json::from_str::<DaySales>(&json).unwrap(), days[0]);
        assert_eq!(
            serde_json::to_string(&PeriodKind::Last7Days).unwrap(),
            "\"7d\""
        );
    }
}

#[cfg(test)]
mod quality_tests {
    use super::*;
    use proptest::prelude::*;

    fn day(text: &str) -> Date {
        parse_day(text).unwrap()
    }

    // 2026-12-01 10:00 in Shanghai
    const NOW: i64 = 1_796_090_400_000;

    fn q(from: &str, to: &str) -> QualityQuery {
        let given = |t: &str| (!t.is_empty()).then(|| t.to_string());
        QualityQuery {
            from: given(from),
            to: given(to),
        }
    }

    #[test]
    fn the_quality_period_defaults_to_the_last_90_days() {
        let p = QualityQuery::default().resolve(NOW).unwrap();
        assert_eq!(
            (p.first, p.last, p.days()),
            (day("2026-09-03"), day("2026-12-01"), 90)
        );
        // empty days mean none
        assert_eq!(q("", "").resolve(NOW), Ok(p));
        let p = q("2026-11-01", "2026-11-30").resolve(NOW).unwrap();
        assert_eq!((p.first, p.days()), (day("2026-11-01"), 30));
        // only `to`: the 90 days ending with it; only `from`: until today
        let p = q("", "2026-06-30").resolve(NOW).unwrap();
        assert_eq!((p.first, p.last), (day("2026-04-02"), day("2026-06-30")));
        let p = q("2026-11-15", "").resolve(NOW).unwrap();
        assert_eq!((p.first, p.last), (day("2026-11-15"), day("2026-12-01")));
        // a whole year is fine
        assert!(q("2025-12-02", "2026-12-01").resolve(NOW).is_ok());
    }

    #[test]
    fn quality_periods_are_checked_like_the_dashboards() {
        assert_eq!(
            q("2026-02-30", "").resolve(NOW),
            Err((PeriodProblem::DayInvalid, "from"))
        );
        assert_eq!(
            q("2026-11-01", "soon").resolve(NOW),
            Err((PeriodProblem::DayInvalid, "to"))
        );
        assert_eq!(
            q("2026-11-02", "2026-11-01").resolve(NOW),
            Err((PeriodProblem::PeriodInverted, "to"))
        );
        // `from` after today, `to` left to its default: `from` is at fault
        assert_eq!(
            q("2026-12-24", "").resolve(NOW),
            Err((PeriodProblem::PeriodInverted, "from"))
        );
        assert_eq!(
            q("2024-01-01", "2025-12-31").resolve(NOW),
            Err((PeriodProblem::PeriodTooLong, "to"))
        );
        assert_eq!(
            q("2020-01-01", "").resolve(NOW),
            Err((PeriodProblem::PeriodTooLong, "from"))
        );
        // only the documented form
        for bad in [" 2026-11-01", "+2026-11-01", "2026-1-01", "20261101", " "] {
            assert_eq!(
                q(bad, "2026-11-30").resolve(NOW),
                Err((PeriodProblem::DayInvalid, "from")),
                "{bad:?}"
            );
        }
        // no panic at the calendar's edges
        assert!(q("", "0001-01-01").resolve(NOW).is_ok());
        assert!(q("9999-12-31", "").resolve(NOW).is_err());
    }

    #[test]
    fn rates_are_basis_points_rounded_half_up() {
        assert_eq!(rate_bp(1, 4), 2500);
        assert_eq!(rate_bp(4, 4), 10_000);
        assert_eq!(rate_bp(1, 3), 3333);
        assert_eq!(rate_bp(2, 3), 6667);
        // exactly half a basis point goes up
        assert_eq!(rate_bp(1, 20_000), 1);
        assert_eq!(rate_bp(1, 20_001), 0);
        assert_eq!(rate_bp(3, 2), 15_000);
        // nothing to be a share of, or nothing
        assert_eq!(rate_bp(3, 0), 0);
        assert_eq!(rate_bp(0, 7), 0);
        assert_eq!(rate_bp(-1, 7), 0);
        assert_eq!(rate_bp(1, -7), 0);
        // no overflow
        assert_eq!(rate_bp(i64::MAX, 1), u32::MAX);
        assert_eq!(rate_bp(i64::MAX, i64::MAX), 10_000);
        assert_eq!(percent_bp(2500), "25.00%");
        assert_eq!(percent_bp(3333), "33.33%");
        assert_eq!(percent_bp(5), "0.05%");
        assert_eq!(percent_bp(0), "0.00%");
        assert_eq!(percent_bp(10_000), "100.00%");
    }

    #[test]
    fn defects_are_the_products_fault() {
        let defects: Vec<ReturnReason> = ReturnReason::ALL
            .iter()
            .copied()
            .filter(|r| is_defect(*r))
            .collect();
        assert_eq!(
            defects,
            vec![
                ReturnReason::Defective,
                ReturnReason::NotAsDescribed,
                ReturnReason::DamagedInTransit
            ]
        );
    }

    fn ret(
        reason: ReturnReason,
        status: ReturnStatus,
        came_back: bool,
        units: i64,
    ) -> ReturnedUnits {
        ReturnedUnits {
            reason,
            status,
            came_back,
            units,
            restocked: 0,
            scrapped: 0,
            to_supplier: 0,
        }
    }

    #[test]
    fn a_scrapped_defective_unit_of_four() {
        let tee = ProductId(7);
        let scrapped = ReturnedUnits {
            scrapped: 1,
            ..ret(ReturnReason::Defective, ReturnStatus::Inspected, true, 1)
        };
        // two orders of two units each
        let (rows, total) = quality_rows(&[(tee, 2), (tee, 2)], &[(tee, scrapped)]);
        assert_eq!(rows.len(), 1);
        let (id, f) = &rows[0];
        assert_eq!(*id, tee);
        assert_eq!(
            (
                f.delivered,
                f.requested,
                f.returned,
                f.received,
                f.scrapped,
                f.defective
            ),
            (4, 1, 1, 1, 1, 1)
        );
        assert_eq!((f.return_rate_bp, f.defect_rate_bp), (2500, 2500));
        assert_eq!(f.top_reason, Some(ReturnReason::Defective));
        assert_eq!(*f, total);
        let json = serde_json::to_value(&total).unwrap();
        assert_eq!(json["top_reason"], "defective");
        assert_eq!(json["return_rate_bp"], 2500);
    }

    #[test]
    fn refused_and_withdrawn_units_are_asked_but_not_returned() {
        let p = ProductId(1);
        let (rows, _) = quality_rows(
            &[(p, 10)],
            &[
                (
                    p,
                    ret(ReturnReason::Defective, ReturnStatus::Rejected, false, 3),
                ),
                (
                    p,
                    ret(ReturnReason::Defective, ReturnStatus::Closed, false, 2),
                ),
                // closed after inspection: the goods came back
                (
                    p,
                    ReturnedUnits {
                        restocked: 1,
                        ..ret(ReturnReason::ChangedMind, ReturnStatus::Closed, true, 1)
                    },
                ),
                // asked, not yet decided: counts, not received
                (
                    p,
                    ret(ReturnReason::WrongItem, ReturnStatus::Requested, false, 2),
                ),
            ],
        );
        let f = &rows[0].1;
        assert_eq!((f.requested, f.returned, f.received), (8, 3, 1));
        assert_eq!((f.defective, f.defect_rate_bp), (0, 0));
        assert_eq!(f.return_rate_bp, 3000);
        assert_eq!(f.top_reason, Some(ReturnReason::WrongItem));
        assert_eq!(
            f.reasons,
            vec![
                ReasonUnits {
                    reason: ReturnReason::WrongItem,
                    units: 2
                },
                ReasonUnits {
                    reason: ReturnReason::ChangedMind,
                    units: 1
                },
            ]
        );
    }

    #[test]
    fn rows_are_the_products_with_something_highest_rate_first() {
        let (a, b, c, d) = (ProductId(1), ProductId(2), ProductId(3), ProductId(4));
        let one = ret(ReturnReason::Other, ReturnStatus::Approved, false, 1);
        let (rows, total) = quality_rows(
            &[(a, 10), (b, 2), (c, 0), (d, 10)],
            &[(a, one), (b, one), (d, one)],
        );
        let order: Vec<ProductId> = rows.iter().map(|r| r.0).collect();
        // b 50 %, then a and d at 10 % (the lower id first); c had nothing
        assert_eq!(order, vec![b, a, d]);
        assert_eq!((total.delivered, total.returned), (22, 3));
        assert_eq!(total.return_rate_bp, rate_bp(3, 22));
        // returns without deliveries: a row with rates of 0
        let (rows, _) = quality_rows(&[], &[(c, one)]);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].1.returned, rows[0].1.return_rate_bp), (1, 0));
        let (rows, total) = quality_rows(&[], &[]);
        assert!(rows.is_empty());
        assert_eq!(total, QualityFigures::default());
    }

    /// A return group as the database can hold it: units received only from the received
    /// status on (or closed after it), judged only from inspected on, each unit once.
    fn a_return() -> impl Strategy<Value = (ProductId, ReturnedUnits)> {
        (
            1_i64..5,
            0..ReturnReason::ALL.len(),
            0..ReturnStatus::ALL.len(),
            any::<bool>(),
            1_i64..8,
            0_i64..8,
            0_i64..8,
        )
            .prop_map(|(product, reason, status, closed_late, units, a, b)| {
                use ReturnStatus::*;
                let status = ReturnStatus::ALL[status];
                let came_back = match status {
                    Received | Inspected | Refunded | Exchanged => true,
                    Closed => closed_late,
                    Requested | Approved | Rejected => false,
                };
                let judged = came_back && status != Received;
                let (restocked, scrapped, to_supplier) = if judged {
                    let r = a.min(units);
                    let s = b.min(units - r);
                    (r, s, units - r - s)
                } else {
                    (0, 0, 0)
                };
                (
                    ProductId(product),
                    ReturnedUnits {
                        reason: ReturnReason::ALL[reason],
                        status,
                        came_back,
                        units,
                        restocked,
                        scrapped,
                        to_supplier,
                    },
                )
            })
    }

    proptest! {
        #[test]
        fn rate_bp_is_the_nearest_basis_point_halves_up(
            (part, whole) in (1_i64..1_000_000_000).prop_flat_map(|w| (0..=w * 3, Just(w)))
        ) {
            let bp = i128::from(rate_bp(part, whole));
            let (exact, w) = (i128::from(part) * 10_000, i128::from(whole));
            // bp·whole within half a whole of part·10 000, a half going up
            prop_assert!(2 * (bp * w - exact) <= w);
            prop_assert!(2 * (exact - bp * w) < w);
            prop_assert!(rate_bp(part, whole) <= rate_bp(part + 1, whole));
            prop_assert!(rate_bp(part, whole) >= rate_bp(part, whole + 1));
            prop_assert_eq!(rate_bp(whole, whole), 10_000);
            prop_assert_eq!(rate_bp(part, 0), 0);
        }

        #[test]
        fn the_total_is_the_rows_and_each_row_adds_up(
            delivered in proptest::collection::vec((1_i64..5, 0_i64..20), 0..10),
            returns in proptest::collection::vec(a_return(), 0..14),
        ) {
            let delivered: Vec<(ProductId, i64)> =
                delivered.into_iter().map(|(p, n)| (ProductId(p), n)).collect();
            let (rows, total) = quality_rows(&delivered, &returns);
            let sum = |f: fn(&QualityFigures) -> i64| rows.iter().map(|r| f(&r.1)).sum::<i64>();
            prop_assert_eq!(sum(|f| f.delivered), total.delivered);
            prop_assert_eq!(sum(|f| f.requested), total.requested);
            prop_assert_eq!(sum(|f| f.returned), total.returned);
            prop_assert_eq!(sum(|f| f.received), total.received);
            prop_assert_eq!(sum(|f| f.restocked), total.restocked);
            prop_assert_eq!(sum(|f| f.scrapped), total.scrapped);
            prop_assert_eq!(sum(|f| f.to_supplier), total.to_supplier);
            prop_assert_eq!(sum(|f| f.defective), total.defective);
            prop_assert_eq!(total.return_rate_bp, rate_bp(total.returned, total.delivered));
            for (_, f) in rows.iter().chain([(ProductId(0), total.clone())].iter()) {
                prop_assert!(f.delivered > 0 || f.requested > 0 || rows.is_empty());
                prop_assert!(f.defective <= f.returned && f.received <= f.returned);
                prop_assert!(f.returned <= f.requested);
                prop_assert!(f.restocked + f.scrapped + f.to_supplier <= f.received);
                prop_assert_eq!(f.return_rate_bp, rate_bp(f.returned, f.delivered));
                prop_assert_eq!(f.defect_rate_bp, rate_bp(f.defective, f.delivered));
                prop_assert!(f.defect_rate_bp <= f.return_rate_bp);
                prop_assert_eq!(f.reasons.iter().map(|r| r.units).sum::<i64>(), f.returned);
                prop_assert_eq!(f.top_reason, f.reasons.first().map(|r| r.reason));
                prop_assert!(f.reasons.windows(2).all(|w| w[0].units >= w[1].units));
            }
            prop_assert!(rows.windows(2).all(|w| w[0].1.return_rate_bp >= w[1].1.return_rate_bp));
            let mut ids: Vec<ProductId> = rows.iter().map(|r| r.0).collect();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), rows.len());
        }
    }
}
