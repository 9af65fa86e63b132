//! 报表: the dashboard (经营概况). A period (today, 7 or 30 days, this month, or custom days)
//! lives in the URL, so reloads, back and forward and shared links show the same figures;
//! each figure is shown beside the period before it. Then sales per day against the
//! previous period, orders by status, the best-selling products, the orders waiting for
//! staff and the variants low on stock, each linking to where the work is done.
//!
//! The figures' definitions are `shared::reports`'s; this page only formats them.
//!
//! `quality`: the product quality report (退货与质量).

pub mod quality;
mod text;

use crate::kit::chart::{Bar, BarChart, LineChart, Series};
use crate::kit::list::{use_list_url, ListUrl};
use crate::kit::{loaded, use_page, Crumb};
use leptos::prelude::*;
use shared::catalog::StockStatus;
use shared::orders::OrderStatus;
use shared::reports::{
    day_start, format_day, Dashboard, DashboardQuery, DaySales, Figures, LowStock, Period,
    PeriodKind, PeriodProblem, StatusCount, TopProduct, Waiting, WaitingCount,
};
use shared::time::{civil_date, SHOP_UTC_OFFSET_HOURS};
use shared::{ApiError, Currency, Money};
use text::D;
use ui::i18n::{t, use_locale, Translate};

// ---------------------------------------------------------------------------------------
// Rules (pure, tested below)
// ---------------------------------------------------------------------------------------

/// Which way a figure moved from the previous period to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Flat,
}

/// Whether a change is good news, bad news or neither (its colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Neutral,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Good => "kpi__change kpi__change--good",
            Tone::Bad => "kpi__change kpi__change--bad",
            Tone::Neutral => "kpi__change kpi__change--flat",
        }
    }
}

/// A figure's change against the previous period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub direction: Direction,
    /// The change in per cent of the previous value; `None` when that was 0 (no base).
    pub percent: Option<f64>,
}

impl Change {
    pub fn between(now: i64, before: i64) -> Change {
        let direction = match now.cmp(&before) {
            std::cmp::Ordering::Greater => Direction::Up,
            std::cmp::Ordering::Less => Direction::Down,
            std::cmp::Ordering::Equal => Direction::Flat,
        };
        let percent =
            (before != 0).then(|| (as_f64(now) - as_f64(before)) / as_f64(before).abs() * 100.0);
        Change { direction, percent }
    }

    /// The size of the change, "12.3%" (one decimal; "<0.1%" for a tiny change that is
    /// still one); `None` without a base.
    pub fn percent_text(self) -> Option<String> {
        let p = self.percent?.abs();
        Some(if self.direction != Direction::Flat && p < 0.05 {
            "<0.1%".to_string()
        } else {
            format!("{p:.1}%")
        })
    }

    /// As shown on a card: "▲ 12.3%", "▼ 4.0%", "0.0%", or "—" without a base.
    pub fn shown(self) -> String {
        match (self.percent_text(), self.direction) {
            (None, _) => "—".to_string(),
            (Some(p), Direction::Up) => format!("▲ {p}"),
            (Some(p), Direction::Down) => format!("▼ {p}"),
            (Some(p), Direction::Flat) => p,
        }
    }

    /// Up is good news, except for figures where `up_is_bad` (cancellations).
    pub fn tone(self, up_is_bad: bool) -> Tone {
        if self.percent.is_none() {
            return Tone::Neutral;
        }
        match (self.direction, up_is_bad) {
            (Direction::Flat, _) => Tone::Neutral,
            (Direction::Up, false) | (Direction::Down, true) => Tone::Good,
            (Direction::Up, true) | (Direction::Down, false) => Tone::Bad,
        }
    }
}

/// How long ago something happened, rounded down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    JustNow,
    Minutes(i64),
    Hours(i64),
    Days(i64),
}

impl Age {
    /// The age at `now` of something at `then` (milliseconds; the future counts as now).
    pub fn since(then: i64, now: i64) -> Age {
        let minutes = now.saturating_sub(then).max(0) / 60_000;
        match minutes {
            0 => Age::JustNow,
            m if m < 60 => Age::Minutes(m),
            m if m < 24 * 60 => Age::Hours(m / 60),
            m => Age::Days(m / (24 * 60)),
        }
    }
}

/// A whole number with thousands separators: "12,345" (both languages write it so).
pub fn count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[allow(clippy::cast_precision_loss)]
fn as_f64(n: i64) -> f64 {
    n as f64
}

/// Minor units in major units (fen → yuan), as the charts plot them.
pub fn major(minor: i64, currency: Currency) -> f64 {
    as_f64(minor) / as_f64(currency.minor_per_major().max(1))
}

/// A chart's value in major units back in minor units, rounded.
#[allow(clippy::cast_possible_truncation)]
fn minor_of(major: f64, currency: Currency) -> i64 {
    if !major.is_finite() {
        return 0;
    }
    (major * as_f64(currency.minor_per_major().max(1))).round() as i64
}

/// A chart's amount (major units) as money: "¥1,299.00".
pub fn money_value(major: f64, currency: Currency) -> String {
    ui::format::money(Money::new(minor_of(major, currency), currency))
}

/// An axis tick (major units): whole amounts without cents ("¥1,500"), others with.
pub fn money_tick(major: f64, currency: Currency) -> String {
    let minor = minor_of(major, currency);
    let per = currency.minor_per_major().max(1);
    if minor % per == 0 {
        format!("{}{}", currency.symbol(), count(minor / per))
    } else {
        money_value(major, currency)
    }
}

/// A chart's count: whole numbers grouped ("1,204"), fractions (axis ticks) with two
/// decimals.
#[allow(clippy::cast_possible_truncation)]
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    let r = v.round();
    if (v - r).abs() < 1e-9 {
        count(r as i64)
    } else {
        format!("{v:.2}")
    }
}

/// `(year, month, day)` of the shop day starting at `start` (milliseconds).
fn calendar(start: i64) -> (i64, u32, u32) {
    civil_date(start, SHOP_UTC_OFFSET_HOURS)
}

/// A chart's x label: "11-25".
pub fn month_day(start: i64) -> String {
    let (_, m, d) = calendar(start);
    format!("{m:02}-{d:02}")
}

/// A period's days in words: "2026年11月2日至12月1日" / "2 Nov – 1 Dec 2026".
pub fn period_text(locale: shared::Locale, p: &Period) -> String {
    text::range(
        locale,
        calendar(day_start(p.first)),
        calendar(day_start(p.last)),
    )
}

/// Whether the custom days can be shown (the server checks the same rule).
pub fn check_custom(from: &str, to: &str) -> Result<(), PeriodProblem> {
    let q = DashboardQuery {
        period: Some(PeriodKind::Custom),
        from: Some(from.trim().to_string()),
        to: Some(to.trim().to_string()),
    };
    // the moment only matters for the preset periods
    Period::resolve(&q, 0).map(|_| ()).map_err(|(p, _)| p)
}

/// The API's query for the URL: the days travel only with a custom period (the server
/// checks them with any period).
fn query(url: ListUrl) -> DashboardQuery {
    let period = url.parse::<PeriodKind>("period");
    let custom = period == Some(PeriodKind::Custom);
    DashboardQuery {
        period,
        from: url.get("from").filter(|_| custom),
        to: url.get("to").filter(|_| custom),
    }
}

/// The browser's clock (milliseconds).
#[allow(clippy::cast_possible_truncation)]
fn now_millis() -> i64 {
    web_sys::js_sys::Date::now() as i64
}

// ---------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------

#[component]
pub fn DashboardPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| {
        vec![Crumb::here(crate::text::page(
            l,
            shared::staff::Page::Dashboard,
        ))]
    });
    let url = use_list_url();
    let refresh = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        refresh.track();
        crate::api::dashboard(&query(url))
    });
    let retry = Callback::new(move |()| refresh.update(|n| *n += 1));
    view! {
        <div class="dash" data-testid="dashboard">
            <header class="page-head">
                <h1>{move || crate::text::page(locale.get(), shared::staff::Page::Dashboard)}</h1>
            </header>
            <PeriodPicker url data/>
            {loaded(data, Some(retry), move |d| view! { <Overview d/> })}
        </div>
    }
}

/// The period buttons and, for a custom period, its two days.
#[component]
fn PeriodPicker(url: ListUrl, data: LocalResource<Result<Dashboard, ApiError>>) -> impl IntoView {
    let locale = use_locale();
    let current = move || url.parse::<PeriodKind>("period").unwrap_or_default();
    // "custom" was clicked: its days are being chosen (the URL still has the old period)
    let editing = RwSignal::new(false);
    let from = RwSignal::new(url.get("from").unwrap_or_default());
    let to = RwSignal::new(url.get("to").unwrap_or_default());
    let problem = RwSignal::new(None::<PeriodProblem>);
    // back and forward change the URL: the days follow
    Effect::new(move |_| {
        if let Some(f) = url.get("from") {
            if f != from.get_untracked() {
                from.set(f);
            }
        }
        if let Some(last) = url.get("to") {
            if last != to.get_untracked() {
                to.set(last);
            }
        }
    });
    let pick = move |kind: PeriodKind| {
        problem.set(None);
        if kind == PeriodKind::Custom {
            // start from the days shown
            if from.get_untracked().is_empty() || to.get_untracked().is_empty() {
                if let Some(d) = data.get_untracked().and_then(Result::ok) {
                    from.set(format_day(d.period.first));
                    to.set(format_day(d.period.last));
                }
            }
            editing.set(true);
        } else {
            editing.set(false);
            url.set(
                &[
                    ("period", Some(kind.code().to_string())),
                    ("from", None),
                    ("to", None),
                ],
                false,
            );
        }
    };
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (first, last) = (from.get_untracked(), to.get_untracked());
        match check_custom(&first, &last) {
            Err(p) => problem.set(Some(p)),
            Ok(()) => {
                problem.set(None);
                editing.set(false);
                url.set(
                    &[
                        ("period", Some(PeriodKind::Custom.code().to_string())),
                        ("from", Some(first.trim().to_string())),
                        ("to", Some(last.trim().to_string())),
                    ],
                    false,
                );
            }
        }
    };
    let buttons = PeriodKind::ALL
        .into_iter()
        .map(|kind| {
            let on = move || {
                if kind == PeriodKind::Custom {
                    editing.get() || current() == kind
                } else {
                    !editing.get() && current() == kind
                }
            };
            view! {
                <button type="button"
                    class={move || if on() { "btn btn--small" } else { "btn btn--ghost btn--small" }}
                    aria-pressed={move || if on() { "true" } else { "false" }}
                    data-testid=format!("period-{}", kind.code())
                    on:click=move |_| pick(kind)>
                    {move || text::period_kind(locale.get(), kind)}
                </button>
            }
        })
        .collect_view();
    let custom_shown = move || editing.get() || current() == PeriodKind::Custom;
    let custom = move || {
        custom_shown().then(|| {
            view! {
                <form class="dash-custom" on:submit=apply novalidate data-testid="period-custom-form">
                    <label class="filter">
                        <span class="filter__label">{t(D::From)}</span>
                        <input class="input" type="date" name="from" data-testid="period-from"
                            prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/>
                    </label>
                    <label class="filter">
                        <span class="filter__label">{t(D::To)}</span>
                        <input class="input" type="date" name="to" data-testid="period-to"
                            prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/>
                    </label>
                    <button type="submit" class="btn btn--small" data-testid="period-apply">{t(D::Apply)}</button>
                    {move || problem.get().map(|p| view! {
                        <p class="field__error dash-custom__error" role="alert" data-testid="period-error">
                            {move || text::problem(locale.get(), p)}
                        </p>
                    })}
                </form>
            }
        })
    };
    view! {
        <div class="toolbar dash-toolbar">
            <div class="dash-periods" role="group" aria-label=move || D::Period.text(locale.get())>
                {buttons}
            </div>
            {custom}
        </div>
    }
}

/// Everything the dashboard shows for one answer.
#[component]
fn Overview(d: Dashboard) -> impl IntoView {
    let Dashboard {
        currency,
        period,
        previous,
        current,
        before,
        days,
        previous_days,
        by_status,
        top_products,
        low_stock,
        low_stock_total,
        waiting,
    } = d;
    view! {
        <PeriodLine period previous/>
        <Kpis current before currency/>
        <div class="dash-grid">
            <SalesPanel days previous_days currency/>
            <WaitingPanel waiting/>
            <StatusPanel by_status/>
            <TopProductsPanel products=top_products currency/>
            <LowStockPanel items=low_stock total=low_stock_total/>
        </div>
    }
}

/// "2 Nov – 1 Dec 2026 · compared with 3 Oct – 1 Nov 2026".
#[component]
fn PeriodLine(period: Period, previous: Period) -> impl IntoView {
    let locale = use_locale();
    view! {
        <p class="dash-period">
            <strong data-testid="period-dates">{move || period_text(locale.get(), &period)}</strong>
            <span class="muted" data-testid="previous-dates">
                {move || { let l = locale.get(); text::compared_with(l, &period_text(l, &previous)) }}
            </span>
        </p>
    }
}

/// How a card's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Figure {
    Money(Currency),
    Count,
}

impl Figure {
    fn format(self, v: i64) -> String {
        match self {
            Figure::Money(c) => ui::format::money(Money::new(v, c)),
            Figure::Count => count(v),
        }
    }
}

/// The headline figures, each against the previous period.
#[component]
fn Kpis(current: Figures, before: Figures, currency: Currency) -> impl IntoView {
    let locale = use_locale();
    let money = Figure::Money(currency);
    let whole = Figure::Count;
    view! {
        <section class="dash-kpis" aria-label=move || D::KeyFigures.text(locale.get())>
            <Kpi label=D::Revenue testid="kpi-revenue" now=current.revenue was=before.revenue figure=money/>
            <Kpi label=D::Orders testid="kpi-orders" now=current.orders was=before.orders figure=whole/>
            <Kpi label=D::AverageOrderValue testid="kpi-aov" now=current.average_order_value
                was=before.average_order_value figure=money/>
            <Kpi label=D::Units testid="kpi-units" now=current.units was=before.units figure=whole/>
            <Kpi label=D::NewCustomers testid="kpi-new" now=current.new_customers was=before.new_customers figure=whole/>
            <Kpi label=D::ReturningCustomers testid="kpi-returning" now=current.returning_customers
                was=before.returning_customers figure=whole/>
            <Kpi label=D::Cancellations testid="kpi-cancellations" now=current.cancellations
                was=before.cancellations figure=whole up_is_bad=true/>
        </section>
    }
}

/// One figure: its value, the change in per cent and the previous period's value.
#[component]
fn Kpi(
    label: D,
    /// Put on the value's element.
    testid: &'static str,
    now: i64,
    /// The previous period's value.
    was: i64,
    figure: Figure,
    /// An increase is bad news (cancellations).
    #[prop(optional)]
    up_is_bad: bool,
) -> impl IntoView {
    let locale = use_locale();
    let change = Change::between(now, was);
    let says = move || {
        text::change(
            locale.get(),
            change.direction,
            change.percent_text().as_deref(),
        )
    };
    view! {
        <article class="kpi">
            <h2 class="kpi__label">{t(label)}</h2>
            <p class="kpi__value" data-testid=testid>{figure.format(now)}</p>
            <p class={change.tone(up_is_bad).class()} title=says data-testid=format!("{testid}-change")>
                <span aria-hidden="true">{change.shown()}</span>
                <span class="sr-only">{says}</span>
            </p>
            <p class="kpi__before">
                <span>{t(D::Previous)}</span>" "
                <span data-testid=format!("{testid}-previous")>{figure.format(was)}</span>
            </p>
        </article>
    }
}

/// What the sales chart plots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Metric {
    Revenue,
    Orders,
}

impl Metric {
    fn value(self, day: &DaySales, currency: Currency) -> f64 {
        match self {
            Metric::Revenue => major(day.revenue, currency),
            Metric::Orders => as_f64(day.orders),
        }
    }

    fn code(self) -> &'static str {
        match self {
            Metric::Revenue => "revenue",
            Metric::Orders => "orders",
        }
    }

    fn label(self) -> D {
        match self {
            Metric::Revenue => D::Revenue,
            Metric::Orders => D::Orders,
        }
    }
}

/// Sales per day, this period solid and the previous one dashed (aligned by day).
#[component]
fn SalesPanel(
    days: Vec<DaySales>,
    previous_days: Vec<DaySales>,
    currency: Currency,
) -> impl IntoView {
    let locale = use_locale();
    let metric = RwSignal::new(Metric::Revenue);
    let labels: Vec<String> = days.iter().map(|s| month_day(day_start(s.day))).collect();
    let labels = Signal::derive(move || labels.clone());
    let series = Signal::derive(move || {
        let (l, m) = (locale.get(), metric.get());
        let points =
            |list: &[DaySales]| -> Vec<f64> { list.iter().map(|s| m.value(s, currency)).collect() };
        vec![
            Series {
                name: D::ThisPeriod.text(l).to_string(),
                points: points(days.as_slice()),
                dashed: false,
            },
            Series {
                name: D::PreviousPeriod.text(l).to_string(),
                points: points(previous_days.as_slice()),
                dashed: true,
            },
        ]
    });
    let format_value = Callback::new(move |v: f64| match metric.get_untracked() {
        Metric::Revenue => money_value(v, currency),
        Metric::Orders => number(v),
    });
    let format_tick = Callback::new(move |v: f64| match metric.get_untracked() {
        Metric::Revenue => money_tick(v, currency),
        Metric::Orders => number(v),
    });
    let title = Signal::derive(move || {
        let l = locale.get();
        format!(
            "{} · {}",
            D::SalesPerDay.text(l),
            metric.get().label().text(l)
        )
    });
    let toggle = move |m: Metric| {
        view! {
            <button type="button"
                class={move || if metric.get() == m { "btn btn--small" } else { "btn btn--ghost btn--small" }}
                aria-pressed={move || if metric.get() == m { "true" } else { "false" }}
                data-testid=format!("metric-{}", m.code())
                on:click=move |_| metric.set(m)>
                {t(m.label())}
            </button>
        }
    };
    view! {
        <section class="panel dash-wide" data-testid="sales-chart">
            <div class="dash-panel-head">
                <h2>{t(D::SalesPerDay)}</h2>
                <div class="dash-toggle" role="group" aria-label=move || D::Show.text(locale.get())>
                    {toggle(Metric::Revenue)}
                    {toggle(Metric::Orders)}
                </div>
            </div>
            <LineChart series labels format_value format_tick title
                empty=Signal::derive(t(D::NoSales)) x_name=Signal::derive(t(D::Day))/>
        </section>
    }
}

/// Orders placed in the period, by their status now.
#[component]
fn StatusPanel(by_status: Vec<StatusCount>) -> impl IntoView {
    let locale = use_locale();
    let mut by_status = by_status;
    by_status.retain(|s| s.orders > 0);
    by_status.sort_by_key(|s| OrderStatus::ALL.iter().position(|x| *x == s.status));
    let bars = Signal::derive(move || {
        let l = locale.get();
        by_status
            .iter()
            .map(|s| Bar {
                label: text::status(l, s.status).to_string(),
                value: as_f64(s.orders),
                hint: None,
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="panel" data-testid="status-chart">
            <h2>{t(D::OrdersByStatus)}</h2>
            <BarChart bars format_value=Callback::new(number)
                title=Signal::derive(move || D::OrdersByStatus.text(locale.get()).to_string())
                empty=Signal::derive(t(D::NoOrders))/>
        </section>
    }
}

/// The ten best-selling products by revenue, each linking to its editor.
#[component]
fn TopProductsPanel(products: Vec<TopProduct>, currency: Currency) -> impl IntoView {
    let locale = use_locale();
    let list = products.clone();
    let bars = Signal::derive(move || {
        let l = locale.get();
        list.iter()
            .map(|p| Bar {
                label: p.name.get(l).to_string(),
                value: major(p.revenue, currency),
                hint: Some(text::units(l, p.units)),
            })
            .collect::<Vec<_>>()
    });
    let table = (!products.is_empty()).then(|| {
        let rows = products
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let TopProduct {
                    id,
                    name,
                    revenue,
                    units,
                } = p;
                let href = format!("/admin/catalogue/products/{id}");
                view! {
                    <tr data-testid="top-product">
                        <td class="num muted">{i + 1}</td>
                        <td><a class="dash-link" href=href>{move || name.get(locale.get()).to_string()}</a></td>
                        <td class="num">{count(units)}</td>
                        <td class="num">{ui::format::money(Money::new(revenue, currency))}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap dash-table">
                <table class="table">
                    <thead><tr>
                        <th class="num">{t(D::Rank)}</th>
                        <th>{t(D::Product)}</th>
                        <th class="num">{t(D::Units)}</th>
                        <th class="num">{t(D::Revenue)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        <section class="panel" data-testid="top-products">
            <h2>{t(D::TopProducts)}</h2>
            <BarChart bars format_value=Callback::new(move |v: f64| money_value(v, currency))
                title=Signal::derive(move || D::TopProducts.text(locale.get()).to_string())
                empty=Signal::derive(t(D::NoProductsSold))/>
            {table}
        </section>
    }
}

/// The waiting lists, in the order the work is done.
const WAITING: [Waiting; 3] = [
    Waiting::TransferToConfirm,
    Waiting::ToPrepare,
    Waiting::ToShip,
];

/// The order list showing a waiting list's orders.
fn waiting_href(w: Waiting) -> &'static str {
    match w {
        Waiting::TransferToConfirm => "/admin/orders?awaiting_transfer=true",
        Waiting::ToPrepare => "/admin/orders?status=paid",
        Waiting::ToShip => "/admin/orders?status=processing",
    }
}

fn waiting_code(w: Waiting) -> &'static str {
    match w {
        Waiting::TransferToConfirm => "transfer_to_confirm",
        Waiting::ToPrepare => "to_prepare",
        Waiting::ToShip => "to_ship",
    }
}

/// Orders waiting for someone in the shop: how many, and since when the oldest.
#[component]
fn WaitingPanel(waiting: Vec<WaitingCount>) -> impl IntoView {
    let locale = use_locale();
    let now = now_millis();
    let items = WAITING
        .into_iter()
        .map(|w| {
            let found = waiting.iter().find(|c| c.waiting == w);
            let orders = found.map_or(0, |c| c.orders);
            let age = found
                .filter(|c| c.orders > 0)
                .and_then(|c| c.oldest)
                .map(|at| Age::since(at, now));
            let class = if orders > 0 {
                "dash-wait dash-wait--some"
            } else {
                "dash-wait"
            };
            view! {
                <li>
                    <a class=class href=waiting_href(w) data-testid=format!("waiting-{}", waiting_code(w))>
                        <strong class="dash-wait__count">{count(orders)}</strong>
                        <span class="dash-wait__label">{move || text::waiting(locale.get(), w)}</span>
                        <span class="dash-wait__age">{move || text::oldest(locale.get(), age)}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel dash-wide" data-testid="waiting">
            <h2>{t(D::Waiting)}</h2>
            <ul class="dash-waits">{items}</ul>
        </section>
    }
}

/// The variants lowest on stock, each linking to its product's editor.
#[component]
fn LowStockPanel(items: Vec<LowStock>, total: i64) -> impl IntoView {
    let locale = use_locale();
    let body = if items.is_empty() {
        view! { <p class="state" data-testid="low-stock-empty">{t(D::NoLowStock)}</p> }.into_any()
    } else {
        let rows = items
            .into_iter()
            .map(|v| {
                let LowStock {
                    product_id,
                    sku,
                    name,
                    options,
                    available,
                    ..
                } = v;
                let href = format!("/admin/catalogue/products/{product_id}");
                let class = if available <= 0 {
                    "num dash-stock dash-stock--out"
                } else {
                    "num dash-stock"
                };
                view! {
                    <tr data-testid="low-stock-row">
                        <td><a class="dash-link" href=href>{move || name.get(locale.get()).to_string()}</a></td>
                        <td>{move || options.get(locale.get()).to_string()}</td>
                        <td class="mono small">{sku}</td>
                        <td class=class>{count(available)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap dash-table">
                <table class="table">
                    <thead><tr>
                        <th>{t(D::Product)}</th>
                        <th>{t(D::Options)}</th>
                        <th>{t(D::Sku)}</th>
                        <th class="num">{t(D::Available)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel dash-wide" data-testid="low-stock">
            <div class="dash-panel-head">
                <h2>{t(D::LowStock)}</h2>
                <span class="muted" data-testid="low-stock-total">
                    {move || text::low_stock_total(locale.get(), total)}
                </span>
            </div>
            <p class="muted dash-note">{move || text::low_stock_rule(locale.get(), StockStatus::LOW_THRESHOLD)}</p>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::reports::parse_day;
    use shared::Locale;

    #[test]
    fn changes_in_per_cent() {
        let c = Change::between(1_100, 1_000);
        assert_eq!(c.direction, Direction::Up);
        assert_eq!(c.percent_text().as_deref(), Some("10.0%"));
        assert_eq!(c.shown(), "▲ 10.0%");
        let c = Change::between(750, 1_000);
        assert_eq!(c.shown(), "▼ 25.0%");
        assert_eq!(Change::between(5, 5).shown(), "0.0%");
        assert_eq!(Change::between(0, 3).shown(), "▼ 100.0%");
        assert_eq!(Change::between(1, 3).shown(), "▼ 66.7%");
        assert_eq!(Change::between(300, 100).shown(), "▲ 200.0%");
        // no base: no per cent
        assert_eq!(Change::between(7, 0).percent, None);
        assert_eq!(Change::between(7, 0).shown(), "—");
        assert_eq!(Change::between(0, 0).shown(), "—");
        // tiny but real
        assert_eq!(Change::between(100_001, 100_000).shown(), "▲ <0.1%");
        // no overflow at the edges
        assert!(Change::between(i64::MAX, 1).percent.is_some());
    }

    #[test]
    fn up_is_good_except_for_cancellations() {
        let up = Change::between(12, 10);
        let down = Change::between(8, 10);
        assert_eq!(up.tone(false), Tone::Good);
        assert_eq!(down.tone(false), Tone::Bad);
        assert_eq!(up.tone(true), Tone::Bad);
        assert_eq!(down.tone(true), Tone::Good);
        assert_eq!(Change::between(10, 10).tone(true), Tone::Neutral);
        assert_eq!(Change::between(3, 0).tone(false), Tone::Neutral);
    }

    #[test]
    fn ages_round_down() {
        let h = 3_600_000;
        assert_eq!(Age::since(1_000, 1_000), Age::JustNow);
        assert_eq!(Age::since(2_000, 1_000), Age::JustNow);
        assert_eq!(Age::since(0, 59_999), Age::JustNow);
        assert_eq!(Age::since(0, 5 * 60_000 + 1), Age::Minutes(5));
        assert_eq!(Age::since(0, 3 * h + 59 * 60_000), Age::Hours(3));
        assert_eq!(Age::since(0, 24 * h), Age::Days(1));
        assert_eq!(Age::since(0, 50 * h), Age::Days(2));
        assert_eq!(
            text::oldest(Locale::En, Some(Age::Hours(3))),
            "oldest 3 h ago"
        );
        assert_eq!(
            text::oldest(Locale::ZhCn, Some(Age::Hours(3))),
            "最早一笔：3 小时前"
        );
        assert_eq!(text::oldest(Locale::En, None), "none waiting");
    }

    #[test]
    fn numbers_and_money() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(-12_345), "-12,345");
        assert_eq!(number(1204.0), "1,204");
        assert_eq!(number(0.25), "0.25");
        let c = Currency::CNY;
        assert_eq!(major(129_900, c), 1299.0);
        assert_eq!(money_value(1299.0, c), "¥1,299.00");
        assert_eq!(money_value(0.1 + 0.2, c), "¥0.30");
        assert_eq!(money_tick(1500.0, c), "¥1,500");
        assert_eq!(money_tick(0.25, c), "¥0.25");
        assert_eq!(money_tick(0.0, c), "¥0");
        assert_eq!(text::units(Locale::En, 1), "1 unit");
        assert_eq!(text::units(Locale::En, 1200), "1,200 units");
        assert_eq!(text::units(Locale::ZhCn, 3), "3 件");
    }

    fn period(first: &str, last: &str) -> Period {
        Period {
            first: parse_day(first).unwrap(),
            last: parse_day(last).unwrap(),
        }
    }

    #[test]
    fn days_in_words() {
        let p = period("2026-11-02", "2026-12-01");
        assert_eq!(period_text(Locale::En, &p), "2 Nov – 1 Dec 2026");
        assert_eq!(period_text(Locale::ZhCn, &p), "2026年11月2日至12月1日");
        let p = period("2025-12-20", "2026-01-18");
        assert_eq!(period_text(Locale::En, &p), "20 Dec 2025 – 18 Jan 2026");
        assert_eq!(
            period_text(Locale::ZhCn, &p),
            "2025年12月20日至2026年1月18日"
        );
        let p = period("2026-12-01", "2026-12-01");
        assert_eq!(period_text(Locale::En, &p), "1 Dec 2026");
        assert_eq!(period_text(Locale::ZhCn, &p), "2026年12月1日");
        assert_eq!(month_day(day_start(p.first)), "12-01");
        assert_eq!(
            month_day(day_start(parse_day("2026-11-25").unwrap())),
            "11-25"
        );
    }

    #[test]
    fn custom_days_are_checked_before_asking() {
        assert_eq!(check_custom("2026-11-01", "2026-11-30"), Ok(()));
        assert_eq!(check_custom(" 2026-11-01 ", "2026-11-01"), Ok(()));
        assert_eq!(
            check_custom("", "2026-11-30"),
            Err(PeriodProblem::DayInvalid)
        );
        assert_eq!(
            check_custom("2026-11-01", ""),
            Err(PeriodProblem::DayInvalid)
        );
        assert_eq!(
            check_custom("2026-11-30", "2026-11-01"),
            Err(PeriodProblem::PeriodInverted)
        );
        assert_eq!(
            check_custom("2024-01-01", "2025-12-31"),
            Err(PeriodProblem::PeriodTooLong)
        );
    }

    #[test]
    fn every_string_has_both_languages() {
        let all = [
            D::Period,
            D::From,
            D::To,
            D::Apply,
            D::ComparedWith,
            D::KeyFigures,
            D::Revenue,
            D::Orders,
            D::AverageOrderValue,
            D::Units,
            D::NewCustomers,
            D::ReturningCustomers,
            D::Cancellations,
            D::Previous,
            D::SalesPerDay,
            D::Show,
            D::ThisPeriod,
            D::PreviousPeriod,
            D::Day,
            D::NoSales,
            D::OrdersByStatus,
            D::NoOrders,
            D::TopProducts,
            D::NoProductsSold,
            D::Rank,
            D::Product,
            D::LowStock,
            D::Options,
            D::Sku,
            D::Available,
            D::NoLowStock,
            D::Waiting,
        ];
        for d in all {
            assert!(!d.text(Locale::ZhCn).is_empty() && !d.text(Locale::En).is_empty());
        }
        for k in PeriodKind::ALL {
            assert_ne!(
                text::period_kind(Locale::ZhCn, k),
                text::period_kind(Locale::En, k)
            );
        }
    }
}
