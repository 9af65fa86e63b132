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

use crate::catalog::Localized;
use crate::ids::{ProductId, VariantId};
use crate::money::Currency;
use crate::orders::OrderStatus;
use crate::time::SHOP_UTC_OFFSET_HOURS;
use serde::{Deserialize, Serialize};
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
