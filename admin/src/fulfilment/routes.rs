//! Own-fleet routes (配送路线): a warehouse's day planned by the solver — each van's stops in
//! order with their window and expected arrival, its distance and load, the day's total next
//! to the naive order's, and a sketch of the routes — and the driver's page on a phone:
//! my stops of today, each delivered (who signed) or failed (why).

use super::text::F;
use crate::kit::list::use_list_url;
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_page};
use crate::session::use_session;
use leptos::prelude::*;
use shared::fleet::{DayPlan, LatLng, RouteView, StopStatus};
use shared::ids::WarehouseId;
use shared::staff::{Page, Permission};
use ui::i18n::{t, use_locale, Translate};

fn clock(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn km(metres: i64) -> String {
    format!("{:.1} km", metres as f64 / 1000.0)
}

fn today() -> String {
    let (y, m, d) = shared::time::civil_date(
        web_sys::js_sys::Date::now() as i64,
        shared::time::SHOP_UTC_OFFSET_HOURS,
    );
    format!("{y:04}-{m:02}-{d:02}")
}

const COLOURS: [&str; 6] = [
    "#c2410c", "#2563eb", "#16a34a", "#9333ea", "#0891b2", "#ca8a04",
];

/// The routes drawn on a plane: the depot, each route's stops joined in order.
fn sketch(plan: &DayPlan) -> String {
    let depot = plan.routes.first().map(|r| r.depot);
    let mut points: Vec<LatLng> = plan
        .routes
        .iter()
        .flat_map(|r| r.stops.iter().map(|s| s.point))
        .collect();
    points.extend(depot);
    if points.is_empty() {
        return String::new();
    }
    let (min_lat, max_lat) = points.iter().fold((f64::MAX, f64::MIN), |a, p| {
        (a.0.min(p.lat), a.1.max(p.lat))
    });
    let (min_lng, max_lng) = points.iter().fold((f64::MAX, f64::MIN), |a, p| {
        (a.0.min(p.lng), a.1.max(p.lng))
    });
    let span = (max_lat - min_lat).max(max_lng - min_lng).max(0.01);
    let (w, h, pad) = (600.0, 400.0, 20.0);
    let xy = |p: LatLng| {
        (
            pad + (p.lng - min_lng) / span * (w - 2.0 * pad),
            h - pad - (p.lat - min_lat) / span * (h - 2.0 * pad),
        )
    };
    let mut svg = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" class=\"route-sketch\" role=\"img\">");
    for (i, route) in plan.routes.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let mut path: Vec<(f64, f64)> = Vec::new();
        path.extend(depot.map(xy));
        path.extend(route.stops.iter().map(|s| xy(s.point)));
        path.extend(depot.map(xy));
        let d: Vec<String> = path.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        svg.push_str(&format!("<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>", d.join(" ")));
        for (n, s) in route.stops.iter().enumerate() {
            let (x, y) = xy(s.point);
            svg.push_str(&format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"{colour}\"/><text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"8\" fill=\"#fff\" text-anchor=\"middle\">{}</text>", y + 3.0, n + 1));
        }
    }
    if let Some(d) = depot {
        let (x, y) = xy(d);
        svg.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"#0f172a\"/>",
            x - 7.0,
            y - 7.0
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[component]
pub fn RoutesPage() -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let session = use_session();
    use_page(|l| super::crumbs(l, Some(Page::Routes), None));
    let url = use_list_url();
    let refresh = RwSignal::new(0_u32);
    let warehouses = LocalResource::new(crate::api::warehouses);
    let warehouse = move || url.number::<i64>("warehouse").unwrap_or(1);
    let day = move || url.get("day").unwrap_or_else(today);
    let plan = LocalResource::new(move || {
        refresh.track();
        let (w, d) = (warehouse(), day());
        async move { crate::api::day_routes(WarehouseId(w), &d).await }
    });
    let busy = RwSignal::new(false);
    let plan_now = move |_| {
        let (w, d) = (warehouse(), day());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let l = locale.get_untracked();
            match crate::api::plan_routes(WarehouseId(w), &d).await {
                Ok(p) => toasts.say(format!("{} · {}", F::RoutesPlanned.text(l), p.routes.len())),
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
            busy.set(false);
            refresh.update(|n| *n += 1);
        });
    };
    let can_plan = session.can(Permission::PlanRoutes);
    view! {
        <header class="page-head page-head--row">
            <h1>{move || crate::text::page(locale.get(), Page::Routes)}</h1>
            {can_plan.then(|| view! {
                <button type="button" class="btn" data-testid="plan-routes" disabled=move || busy.get() on:click=plan_now>{t(F::PlanRoutes)}</button>
            })}
        </header>
        <div class="toolbar">
            <p class="chips">
                {move || warehouses.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|w| {
                    let id = w.id.0;
                    view! { <a class="chip" class:chip--on=move || warehouse() == id href=url.href(&[("warehouse", Some(id.to_string()))])>{w.code.clone()}</a> }
                }).collect_view()}
            </p>
            <label class="filter"><span class="filter__label">{t(F::Day)}</span>
                <input class="input" type="date" prop:value=day data-testid="routes-day"
                    on:change=move |ev| { let v = event_target_value(&ev); url.set(&[("day", (!v.is_empty()).then_some(v))], false) }/></label>
        </div>
        <Transition fallback=|| view! { <crate::kit::Loading/> }>
            {move || Suspend::new(async move {
                match plan.await {
                    Ok(p) => view! { <Plan plan=p/> }.into_any(),
                    Err(e) if e.code == shared::ErrorCode::NotFound => view! { <p class="state" data-testid="not-planned">{t(F::NotPlanned)}</p> }.into_any(),
                    Err(e) => view! { <crate::kit::Failed error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Plan(plan: DayPlan) -> impl IntoView {
    let locale = use_locale();
    let saved = plan.naive_distance_m - plan.distance_m;
    let drawing = sketch(&plan);
    let cards = plan
        .routes
        .iter()
        .enumerate()
        .map(|(i, r)| view! { <RouteCard route=r.clone() colour=COLOURS[i % COLOURS.len()]/> })
        .collect_view();
    view! {
        <section class="panel" data-testid="route-plan">
            <dl class="facts facts--row">
                <dt>{t(F::Planned)}</dt><dd data-testid="plan-distance"><strong>{km(plan.distance_m)}</strong></dd>
                <dt>{t(F::Naive)}</dt><dd data-testid="naive-distance">{km(plan.naive_distance_m)}</dd>
                <dt>{t(F::Saved)}</dt><dd>{km(saved)}</dd>
                <dt>{t(F::Vans)}</dt><dd>{plan.routes.len()}</dd>
                {(!plan.unplanned.is_empty()).then(|| view! { <dt>{t(F::Unplanned)}</dt><dd class="bad">{plan.unplanned.len()}</dd> })}
            </dl>
            <div class="route-sketch-box" inner_html=drawing aria-label=move || F::Sketch.text(locale.get())></div>
        </section>
        <div class="cards">{cards}</div>
    }
}

#[component]
fn RouteCard(route: RouteView, colour: &'static str) -> impl IntoView {
    let locale = use_locale();
    let stops = route
        .stops
        .iter()
        .map(|s| {
            let st = s.status;
            view! {
                <li data-testid="route-stop">
                    <strong>{s.position}". " {s.recipient.clone()}</strong> " " <span class="mono small">{s.order.to_string()}</span>
                    <br/><span class="muted small">{s.address.clone()}</span>
                    <br/><span class="small">{format!("{}–{}", clock(s.window.0), clock(s.window.1))} " · " {t(F::Eta)} " " {clock(s.eta)}</span>
                    {(st != StopStatus::Pending).then(|| view! { " " <span class=format!("tag tag--{}", if st == StopStatus::Delivered { "delivered" } else { "cancelled" })>{move || stop_status(locale.get(), st)}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel route-card" style=format!("border-top: 4px solid {colour}") data-testid="route-card">
            <h2>{route.vehicle.plate.clone()} " " <span class="muted small">{route.vehicle.driver.clone().unwrap_or_default()}</span></h2>
            <p class="small">{km(route.distance_m)} " · " {format!("{:.1} / {:.0} kg", route.load_grams as f64 / 1000.0, route.vehicle.max_weight_grams as f64 / 1000.0)}
                " · " {format!("{} / {}", route.parcels, route.vehicle.max_parcels)} " " {t(F::Parcels)}</p>
            <ol class="plain-list route-stops">{stops}</ol>
        </section>
    }
}

fn stop_status(locale: shared::Locale, s: StopStatus) -> &'static str {
    let (zh, en) = match s {
        StopStatus::Pending => ("待配送", "To deliver"),
        StopStatus::Delivered => ("已签收", "Delivered"),
        StopStatus::Failed => ("配送失败", "Failed"),
    };
    locale.pick(zh, en)
}

/// The driver's page: my routes of today, a stop after another.
#[component]
pub fn DriverPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| super::crumbs(l, Some(Page::Driver), None));
    let refresh = RwSignal::new(0_u32);
    let routes = LocalResource::new(move || {
        refresh.track();
        crate::api::my_routes()
    });
    view! {
        <header class="page-head"><h1>{move || crate::text::page(locale.get(), Page::Driver)}</h1></header>
        {loaded(routes, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |routes: Vec<RouteView>| {
            if routes.is_empty() {
                return view! { <p class="state" data-testid="no-route">{t(F::NoRouteToday)}</p> }.into_any();
            }
            routes.into_iter().map(|r| view! { <DriverRoute route=r refresh/> }).collect_view().into_any()
        })}
    }
}

#[component]
fn DriverRoute(route: RouteView, refresh: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let id = route.id;
    let stops = route
        .stops
        .into_iter()
        .map(|s| {
            let note = RwSignal::new(String::new());
            let shipment = s.shipment;
            let record = move |delivered: bool| {
                let text = note.get_untracked();
                leptos::task::spawn_local(async move {
                    let l = locale.get_untracked();
                    match crate::api::record_stop(id, shipment, delivered, &text).await {
                        Ok(()) => {
                            toasts.say(F::Recorded.text(l));
                            refresh.update(|n| *n += 1);
                        }
                        Err(e) => toasts.warn(crate::text::error(l, &e)),
                    }
                });
            };
            let st = s.status;
            view! {
                <li class="pick-line" class:pick-line--done=st == StopStatus::Delivered class:pick-line--short=st == StopStatus::Failed data-testid="driver-stop">
                    <div class="pick-line__bin">{s.position}</div>
                    <div class="pick-line__what">
                        <strong>{s.recipient.clone()}</strong>
                        <a class="mono" href=format!("tel:{}", s.phone)>{s.phone.clone()}</a>
                        <span>{s.address.clone()}</span>
                        <span class="small">{format!("{}–{}", clock(s.window.0), clock(s.window.1))} " · " {t(F::Eta)} " " {clock(s.eta)}</span>
                    </div>
                    <div class="pick-line__qty"><span class="mono small">{s.order.to_string()}</span></div>
                    {if st == StopStatus::Pending {
                        view! {
                            <div class="pick-line__actions">
                                <input class="input" maxlength="200" placeholder=move || F::SignedByOrWhy.text(locale.get())
                                    prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) data-testid="stop-note"/>
                                <button type="button" class="btn" data-testid="stop-delivered" on:click=move |_| record(true)>{t(F::StopDelivered)}</button>
                                <button type="button" class="btn btn--ghost" data-testid="stop-failed" on:click=move |_| record(false)>{t(F::StopFailed)}</button>
                            </div>
                        }.into_any()
                    } else {
                        view! { <div class="pick-line__actions"><span class="tag">{move || stop_status(locale.get(), st)}</span> " " {s.note.clone()}</div> }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" data-testid="driver-route">
            <h2>{route.vehicle.plate.clone()} " · " {km(route.distance_m)}</h2>
            <ol class="pick-lines">{stops}</ol>
        </section>
    }
}
