//! 退货与质量 (报表): per product, the units delivered in a period against the units asked
//! back, returned and received, what inspection decided for them (restocked, scrapped, to
//! the supplier), the return and defect rates and the top reason; the totals; the ten
//! highest return rates and the reasons as bars. The period (30, 90, 180 or 365 days to
//! today, or custom days) lives in the URL like the dashboard's.
//!
//! The figures' definitions and the rates are `shared::reports`'s; this page only formats
//! them.

use super::text::{self, D};
use super::{as_f64, check_custom, count, now_millis, number, period_text};
use crate::kit::chart::{Bar, BarChart};
use crate::kit::list::{use_list_url, ListUrl};
use crate::kit::{loaded, use_page, Crumb};
use leptos::prelude::*;
use shared::reports::{
    format_day, percent_bp, rate_bp, shop_day, Period, PeriodProblem, ProductQuality,
    QualityFigures, QualityQuery, QualityReport,
};
use shared::url::QueryString;
use shared::ApiError;
use std::future::Future;
use ui::api::ApiResult;
use ui::i18n::{t, use_locale, Translate};

// ---------------------------------------------------------------------------------------
// Rules (pure, tested below)
// ---------------------------------------------------------------------------------------

/// The period buttons: so many days to today, or custom days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Span {
    Last30Days,
    /// What the server shows when asked nothing (`QUALITY_DEFAULT_DAYS`).
    #[default]
    Last90Days,
    Last180Days,
    Last365Days,
    Custom,
}

impl Span {
    pub const ALL: [Span; 5] = [
        Span::Last30Days,
        Span::Last90Days,
        Span::Last180Days,
        Span::Last365Days,
        Span::Custom,
    ];

    /// Its code in the URL (`period=`).
    pub fn code(self) -> &'static str {
        match self {
            Span::Last30Days => "30d",
            Span::Last90Days => "90d",
            Span::Last180Days => "180d",
            Span::Last365Days => "365d",
            Span::Custom => "custom",
        }
    }

    pub fn parse(code: &str) -> Option<Span> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// How many days to today (none for custom days).
    pub fn days(self) -> Option<i64> {
        match self {
            Span::Last30Days => Some(30),
            Span::Last90Days => Some(90),
            Span::Last180Days => Some(180),
            Span::Last365Days => Some(365),
            Span::Custom => None,
        }
    }
}

/// The API's query: a span's days to today (`now`, the shop's calendar day), or the
/// custom days as given (the server checks them and answers its default without any).
pub fn query_for(span: Span, from: Option<String>, to: Option<String>, now: i64) -> QualityQuery {
    match span.days() {
        None => QualityQuery { from, to },
        Some(days) => match Period::ending(shop_day(now), days) {
            Some(p) => QualityQuery {
                from: Some(format_day(p.first)),
                to: Some(format_day(p.last)),
            },
            None => QualityQuery::default(),
        },
    }
}

/// A rate as the table shows it: "25.00%", or "—" without deliveries (no base).
pub fn rate_text(bp: u32, delivered: i64) -> String {
    if delivered <= 0 {
        "—".to_string()
    } else {
        percent_bp(bp)
    }
}

/// A bar's value (per cent) as its label: "25.00%".
pub fn percent_value(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.2}%")
    } else {
        "—".to_string()
    }
}

/// The ten products with the highest return rates among those with deliveries and returns
/// (in the report's order: highest first).
pub fn top_rates(products: &[ProductQuality]) -> Vec<ProductQuality> {
    let mut top: Vec<ProductQuality> = products
        .iter()
        .filter(|p| p.figures.delivered > 0 && p.figures.returned > 0)
        .cloned()
        .collect();
    // stable: the report's own order breaks ties
    top.sort_by_key(|r| std::cmp::Reverse(r.figures.return_rate_bp));
    top.truncate(10);
    top
}

fn span_of(url: ListUrl) -> Span {
    url.get("period")
        .and_then(|code| Span::parse(&code))
        .unwrap_or_default()
}

/// The API's query for the URL.
fn query(url: ListUrl) -> QualityQuery {
    let span = span_of(url);
    let custom = span == Span::Custom;
    query_for(
        span,
        url.get("from").filter(|_| custom),
        url.get("to").filter(|_| custom),
        now_millis(),
    )
}

/// `GET /api/v1/admin/reports/quality`.
fn fetch(q: &QualityQuery) -> impl Future<Output = ApiResult<QualityReport>> {
    let mut s = QueryString::default();
    crate::api::push(&mut s, "from", q.from.clone());
    crate::api::push(&mut s, "to", q.to.clone());
    crate::api::get(crate::api::with_query("/api/v1/admin/reports/quality", s))
}

// ---------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------

#[component]
pub fn QualityPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| vec![Crumb::here(D::QualityTitle.text(l))]);
    let url = use_list_url();
    let refresh = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        refresh.track();
        fetch(&query(url))
    });
    let retry = Callback::new(move |()| refresh.update(|n| *n += 1));
    view! {
        <div class="dash quality" data-testid="quality">
            <header class="page-head">
                <h1>{move || D::QualityTitle.text(locale.get())}</h1>
                <p class="muted quality-intro">{t(D::QualityIntro)}</p>
            </header>
            <SpanPicker url data/>
            {loaded(data, Some(retry), move |r| view! { <Report r/> })}
        </div>
    }
}

/// The period buttons and, for custom days, the two days.
#[component]
fn SpanPicker(url: ListUrl, data: LocalResource<Result<QualityReport, ApiError>>) -> impl IntoView {
    let locale = use_locale();
    let current = move || span_of(url);
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
    let pick = move |span: Span| {
        problem.set(None);
        if span == Span::Custom {
            // start from the days shown
            if from.get_untracked().is_empty() || to.get_untracked().is_empty() {
                if let Some(r) = data.get_untracked().and_then(Result::ok) {
                    from.set(format_day(r.period.first));
                    to.set(format_day(r.period.last));
                }
            }
            editing.set(true);
        } else {
            editing.set(false);
            url.set(
                &[
                    ("period", Some(span.code().to_string())),
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
        // the same rule as the dashboard's custom days (and the server's)
        match check_custom(&first, &last) {
            Err(p) => problem.set(Some(p)),
            Ok(()) => {
                problem.set(None);
                editing.set(false);
                url.set(
                    &[
                        ("period", Some(Span::Custom.code().to_string())),
                        ("from", Some(first.trim().to_string())),
                        ("to", Some(last.trim().to_string())),
                    ],
                    false,
                );
            }
        }
    };
    let buttons = Span::ALL
        .into_iter()
        .map(|span| {
            let on = move || {
                if span == Span::Custom {
                    editing.get() || current() == span
                } else {
                    !editing.get() && current() == span
                }
            };
            view! {
                <button type="button"
                    class={move || if on() { "btn btn--small" } else { "btn btn--ghost btn--small" }}
                    aria-pressed={move || if on() { "true" } else { "false" }}
                    data-testid=format!("period-{}", span.code())
                    on:click=move |_| pick(span)>
                    {move || text::span(locale.get(), span)}
                </button>
            }
        })
        .collect_view();
    let custom_shown = move || editing.get() || current() == Span::Custom;
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

/// Everything the page shows for one answer.
#[component]
fn Report(r: QualityReport) -> impl IntoView {
    let locale = use_locale();
    let QualityReport {
        period,
        products,
        total,
    } = r;
    view! {
        <p class="dash-period">
            <strong data-testid="period-dates">{move || period_text(locale.get(), &period)}</strong>
        </p>
        <Summary total=total.clone()/>
        <div class="dash-grid">
            <RatesPanel products=products.clone()/>
            <ReasonsPanel total=total.clone()/>
            <TablePanel products total/>
        </div>
    }
}

/// The totals' headline figures.
#[component]
fn Summary(total: QualityFigures) -> impl IntoView {
    let locale = use_locale();
    let cards = [
        (
            D::Delivered,
            "quality-kpi-delivered",
            count(total.delivered),
        ),
        (D::Returned, "quality-kpi-returned", count(total.returned)),
        (
            D::ReturnRate,
            "quality-kpi-return-rate",
            rate_text(total.return_rate_bp, total.delivered),
        ),
        (
            D::DefectRate,
            "quality-kpi-defect-rate",
            rate_text(total.defect_rate_bp, total.delivered),
        ),
    ];
    let items = cards
        .into_iter()
        .map(|(label, testid, value)| {
            view! {
                <article class="kpi">
                    <h2 class="kpi__label">{t(label)}</h2>
                    <p class="kpi__value" data-testid=testid>{value}</p>
                </article>
            }
        })
        .collect_view();
    view! {
        <section class="dash-kpis" aria-label=move || D::KeyFigures.text(locale.get())>
            {items}
        </section>
    }
}

/// The ten highest return rates as bars.
#[component]
fn RatesPanel(products: Vec<ProductQuality>) -> impl IntoView {
    let locale = use_locale();
    let top = top_rates(&products);
    let bars = Signal::derive(move || {
        let l = locale.get();
        top.iter()
            .map(|p| Bar {
                label: p.name.get(l).to_string(),
                value: f64::from(p.figures.return_rate_bp) / 100.0,
                hint: Some(text::returned_of(
                    l,
                    p.figures.returned,
                    p.figures.delivered,
                )),
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="panel" data-testid="quality-chart">
            <h2>{t(D::HighestReturnRates)}</h2>
            <BarChart bars format_value=Callback::new(percent_value)
                title=Signal::derive(move || D::HighestReturnRates.text(locale.get()).to_string())
                empty=Signal::derive(t(D::NoReturns))/>
        </section>
    }
}

/// All products' returned units by reason.
#[component]
fn ReasonsPanel(total: QualityFigures) -> impl IntoView {
    let locale = use_locale();
    let returned = total.returned;
    let reasons = total.reasons;
    let bars = Signal::derive(move || {
        let l = locale.get();
        reasons
            .iter()
            .map(|r| Bar {
                label: text::reason(l, r.reason).to_string(),
                value: as_f64(r.units),
                hint: Some(text::share_of_returns(
                    l,
                    &percent_bp(rate_bp(r.units, returned)),
                )),
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="panel" data-testid="quality-reasons">
            <h2>{t(D::ReturnReasons)}</h2>
            <BarChart bars format_value=Callback::new(number)
                title=Signal::derive(move || D::ReturnReasons.text(locale.get()).to_string())
                empty=Signal::derive(t(D::NoReturns))/>
        </section>
    }
}

/// Every product's row, then the totals.
#[component]
fn TablePanel(products: Vec<ProductQuality>, total: QualityFigures) -> impl IntoView {
    let locale = use_locale();
    let body = if products.is_empty() {
        view! { <p class="state" data-testid="quality-empty">{t(D::NoQualityData)}</p> }.into_any()
    } else {
        let rows = products
            .into_iter()
            .map(|p| {
                let ProductQuality { id, name, figures } = p;
                let href = format!("/admin/catalogue/products/{id}");
                view! {
                    <tr data-testid="quality-row" data-product=id.to_string()>
                        <td><a class="dash-link" href=href>{move || name.get(locale.get()).to_string()}</a></td>
                        <Cells f=figures/>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap dash-table">
                <table class="table quality-table">
                    <thead><tr>
                        <th>{t(D::Product)}</th>
                        <th class="num">{t(D::Delivered)}</th>
                        <th class="num">{t(D::Returned)}</th>
                        <th class="num">{t(D::ReturnRate)}</th>
                        <th class="num">{t(D::DefectRate)}</th>
                        <th class="num">{t(D::Restocked)}</th>
                        <th class="num">{t(D::Scrapped)}</th>
                        <th class="num">{t(D::ToSupplier)}</th>
                        <th>{t(D::TopReason)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr class="quality-total" data-testid="quality-total">
                            <th scope="row">{t(D::Total)}</th>
                            <Cells f=total/>
                        </tr>
                    </tfoot>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel dash-wide" data-testid="quality-table">
            <h2>{move || D::QualityTitle.text(locale.get())}</h2>
            {body}
        </section>
    }
}

/// A row's figures, one cell each.
#[component]
fn Cells(f: QualityFigures) -> impl IntoView {
    let locale = use_locale();
    let QualityFigures {
        delivered,
        requested,
        returned,
        received,
        restocked,
        scrapped,
        to_supplier,
        return_rate_bp,
        defect_rate_bp,
        top_reason,
        ..
    } = f;
    view! {
        <td class="num" data-testid="quality-delivered">{count(delivered)}</td>
        <td class="num" data-testid="quality-returned">
            {count(returned)}
            <span class="quality-sub">{move || text::asked_received(locale.get(), requested, received)}</span>
        </td>
        <td class="num" data-testid="quality-return-rate">{rate_text(return_rate_bp, delivered)}</td>
        <td class="num" data-testid="quality-defect-rate">{rate_text(defect_rate_bp, delivered)}</td>
        <td class="num" data-testid="quality-restocked">{count(restocked)}</td>
        <td class="num" data-testid="quality-scrapped">{count(scrapped)}</td>
        <td class="num" data-testid="quality-to-supplier">{count(to_supplier)}</td>
        <td data-testid="quality-top-reason">
            {move || top_reason.map_or("—", |r| text::reason(locale.get(), r))}
        </td>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::after_sales::returns::ReturnReason;
    use shared::catalog::Localized;
    use shared::ids::ProductId;
    use shared::Locale;

    // 2026-12-01 10:00 in Shanghai
    const NOW: i64 = 1_796_090_400_000;

    #[test]
    fn spans_are_days_to_today() {
        let q = query_for(Span::Last30Days, None, None, NOW);
        assert_eq!(q.from.as_deref(), Some("2026-11-02"));
        assert_eq!(q.to.as_deref(), Some("2026-12-01"));
        let q = query_for(Span::Last90Days, None, None, NOW);
        assert_eq!(q.from.as_deref(), Some("2026-09-03"));
        // the same as the server's default
        assert_eq!(
            q.resolve(NOW),
            QualityQuery::default().resolve(NOW),
            "90 days is what the server shows unasked"
        );
        let q = query_for(Span::Last365Days, None, None, NOW);
        assert_eq!(q.from.as_deref(), Some("2025-12-02"));
        assert!(q.resolve(NOW).is_ok(), "a year fits a period");
        // custom days go as given
        let q = query_for(
            Span::Custom,
            Some("2026-01-01".into()),
            Some("2026-01-31".into()),
            NOW,
        );
        assert_eq!(
            (q.from.as_deref(), q.to.as_deref()),
            (Some("2026-01-01"), Some("2026-01-31"))
        );
        for s in Span::ALL {
            assert_eq!(Span::parse(s.code()), Some(s));
        }
        assert_eq!(Span::parse("year"), None);
        assert_eq!(Span::default(), Span::Last90Days);
    }

    #[test]
    fn rates_without_deliveries_have_no_base() {
        assert_eq!(rate_text(2500, 4), "25.00%");
        assert_eq!(rate_text(0, 4), "0.00%");
        assert_eq!(rate_text(0, 0), "—");
        assert_eq!(percent_value(25.0), "25.00%");
        assert_eq!(percent_value(f64::NAN), "—");
    }

    fn product(id: i64, delivered: i64, returned: i64) -> ProductQuality {
        ProductQuality {
            id: ProductId(id),
            name: Localized::new(format!("商品{id}"), format!("Product {id}")),
            figures: QualityFigures {
                delivered,
                returned,
                return_rate_bp: rate_bp(returned, delivered),
                ..QualityFigures::default()
            },
        }
    }

    #[test]
    fn the_chart_shows_the_ten_highest_rates_with_returns_and_deliveries() {
        let mut all: Vec<ProductQuality> = (1..=12).map(|i| product(i, 100, i)).collect();
        all.push(product(13, 0, 3)); // returns without deliveries: no rate
        all.push(product(14, 50, 0)); // nothing returned
        let top = top_rates(&all);
        assert_eq!(top.len(), 10);
        assert_eq!(top[0].id, ProductId(12));
        assert_eq!(top[9].id, ProductId(3));
        assert!(top
            .iter()
            .all(|p| p.figures.delivered > 0 && p.figures.returned > 0));
        assert!(top_rates(&[]).is_empty());
    }

    #[test]
    fn every_quality_string_has_both_languages() {
        let all = [
            D::QualityTitle,
            D::QualityIntro,
            D::Delivered,
            D::Returned,
            D::ReturnRate,
            D::DefectRate,
            D::Restocked,
            D::Scrapped,
            D::ToSupplier,
            D::TopReason,
            D::Total,
            D::HighestReturnRates,
            D::ReturnReasons,
            D::NoReturns,
            D::NoQualityData,
        ];
        for d in all {
            assert!(!d.text(Locale::ZhCn).is_empty() && !d.text(Locale::En).is_empty());
            assert_ne!(d.text(Locale::ZhCn), d.text(Locale::En));
        }
        for s in Span::ALL {
            assert_ne!(text::span(Locale::ZhCn, s), text::span(Locale::En, s));
        }
        assert_eq!(
            text::asked_received(Locale::En, 3, 1),
            "3 asked · 1 received"
        );
        assert_eq!(
            text::asked_received(Locale::ZhCn, 1200, 1),
            "申请 1,200 · 收到 1"
        );
        assert_eq!(text::returned_of(Locale::En, 1, 4), "1 of 4 units returned");
        assert_eq!(text::share_of_returns(Locale::ZhCn, "25.00%"), "占 25.00%");
        assert_eq!(
            text::reason(Locale::ZhCn, ReturnReason::Defective),
            "质量问题"
        );
    }
}
