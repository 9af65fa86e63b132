//! 商品: the product list (search, filters by category, brand, status and stock, sort,
//! bulk publish / unpublish / move / reprice, CSV export of what the filters show), the
//! product editor and the CSV import.

pub mod editor;
pub mod import;
mod text;

use crate::kit::list::{
    options, BulkBar, Empty, FilterSelect, ListUrl, Pagination, RowCheck, SearchBox, SelectAll,
    Selection, SortHeader,
};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_page, Crumb};
use crate::session::use_session;
use leptos::prelude::*;
use shared::catalog::admin::{
    parse_percent, BrandRow, BulkProductAction, BulkProducts, CategoryNode, ProductListQuery,
    ProductRow, ProductStatus, StockFilter,
};
use shared::ids::{CategoryId, ProductId};
use shared::list::Paged;
use shared::staff::{Module, Page, Permission};
use shared::Locale;
use text::P;
use ui::i18n::{t, use_locale, Translate};

const STOCK: [StockFilter; 3] = [
    StockFilter::InStock,
    StockFilter::Low,
    StockFilter::OutOfStock,
];

fn query(url: ListUrl) -> ProductListQuery {
    ProductListQuery {
        q: url.get("q"),
        category: url.number("category"),
        brand: url.number("brand"),
        status: url.parse("status"),
        stock: url.parse("stock"),
        sort: url.parse("sort"),
        dir: url.parse("dir"),
        page: url.number("page"),
        page_size: url.number("page_size"),
    }
}

/// "Catalogue / Products [/ <page>]" breadcrumbs.
fn crumbs(l: Locale, here: Option<String>) -> Vec<Crumb> {
    let module = Crumb::here(crate::text::module(l, Module::Catalogue));
    let products = crate::text::page(l, Page::Products);
    match here {
        None => vec![module, Crumb::here(products)],
        Some(here) => vec![
            module,
            Crumb::link(products, format!("/admin{}", Page::Products.path())),
            Crumb::here(here),
        ],
    }
}

/// The categories as `(id, "Parent / Child")` in tree order, in the current language.
fn category_choices(nodes: &[CategoryNode], l: Locale) -> Vec<(String, String)> {
    fn walk(
        nodes: &[CategoryNode],
        parent: Option<CategoryId>,
        prefix: &str,
        l: Locale,
        out: &mut Vec<(String, String)>,
    ) {
        let mut children: Vec<&CategoryNode> = nodes
            .iter()
            .filter(|n| n.draft.parent_id == parent)
            .collect();
        children.sort_by_key(|n| n.position);
        for n in children {
            let label = format!("{prefix}{}", n.draft.name.get(l));
            out.push((n.id.0.to_string(), label.clone()));
            walk(nodes, Some(n.id), &format!("{label} / "), l, out);
        }
    }
    let mut out = Vec::new();
    walk(nodes, None, "", l, &mut out);
    out
}

fn brand_choices(rows: &[BrandRow], l: Locale) -> Vec<(String, String)> {
    rows.iter()
        .map(|b| (b.id.0.to_string(), b.draft.name.get(l).to_string()))
        .collect()
}

#[component]
pub fn ProductsPage() -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let can = Memo::new(move |_| session.can(Permission::ManageCatalog));
    use_page(|l| crumbs(l, None));
    let url = crate::kit::list::use_list_url();
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        crate::api::products(&query(url))
    });
    let categories = LocalResource::new(crate::api::categories);
    let brands = LocalResource::new(crate::api::brands);
    let category_options = Signal::derive(move || {
        let l = locale.get();
        categories
            .get()
            .and_then(Result::ok)
            .map(|c| category_choices(&c, l))
            .unwrap_or_default()
    });
    let brand_options = Signal::derive(move || {
        let l = locale.get();
        brands
            .get()
            .and_then(Result::ok)
            .map(|b| brand_choices(&b, l))
            .unwrap_or_default()
    });
    let status_options = options(&ProductStatus::ALL, ProductStatus::code, text::status);
    let stock_options = options(&STOCK, text::stock_code, text::stock);
    let selection = Selection::new();
    let export = move || crate::api::export_products_href(&query(url));
    view! {
        <header class="page-head page-head--row">
            <h1>{move || crate::text::page(locale.get(), Page::Products)}</h1>
            <div class="row">
                <a class="btn btn--ghost" href=export download="products.csv" data-testid="export-csv">{t(P::ExportCsv)}</a>
                <Show when=move || can.get()>
                    <a class="btn btn--ghost" href="/admin/catalogue/products/import" data-testid="import-csv">{t(P::ImportCsv)}</a>
                    <a class="btn" href="/admin/catalogue/products/new" data-testid="product-new">{t(P::NewProduct)}</a>
                </Show>
            </div>
        </header>
        <div class="toolbar">
            <SearchBox url placeholder=Signal::derive(t(P::SearchPlaceholder))/>
            <FilterSelect url key="category" label=Signal::derive(t(P::Category)) options=category_options/>
            <FilterSelect url key="brand" label=Signal::derive(t(P::Brand)) options=brand_options/>
            <FilterSelect url key="status" label=Signal::derive(t(P::Status)) options=status_options/>
            <FilterSelect url key="stock" label=Signal::derive(t(P::Stock)) options=stock_options/>
        </div>
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |page| {
            view! { <ProductTable page url selection refresh can category_options/> }
        })}
    }
}

/// Runs a bulk action on the selected products and says what happened.
#[derive(Clone, Copy)]
struct Bulk {
    toasts: crate::kit::toast::Toasts,
    locale: Memo<Locale>,
    selection: Selection,
    refresh: RwSignal<u32>,
}

impl Bulk {
    fn run(self, action: BulkProductAction) {
        let ids: Vec<ProductId> = self
            .selection
            .keys()
            .iter()
            .filter_map(|k| k.parse().ok().map(ProductId))
            .collect();
        leptos::task::spawn_local(async move {
            let l = self.locale.get_untracked();
            match crate::api::bulk_products(&BulkProducts { ids, action }).await {
                Ok(done) => {
                    self.toasts.say(text::changed(l, done.changed));
                    self.selection.clear();
                    self.refresh.update(|n| *n += 1);
                }
                Err(e) => self.toasts.warn(crate::text::error(l, &e)),
            }
        });
    }
}

/// The bulk actions: publish, unpublish, move to a category, change prices by a percentage.
#[component]
fn BulkActions(bulk: Bulk, category_options: Signal<Vec<(String, String)>>) -> impl IntoView {
    let locale = use_locale();
    let target = RwSignal::new(String::new());
    let percent = RwSignal::new(String::new());
    let move_to = move |_| match target.get_untracked().parse() {
        Ok(id) => bulk.run(BulkProductAction::MoveToCategory {
            category_id: CategoryId(id),
        }),
        Err(_) => bulk
            .toasts
            .warn(P::PickCategory.text(locale.get_untracked())),
    };
    let reprice = move |_| {
        let basis_points = parse_percent(&percent.get_untracked());
        match basis_points {
            Some(basis_points) => bulk.run(BulkProductAction::ChangePrice { basis_points }),
            None => bulk
                .toasts
                .warn(P::PercentInvalid.text(locale.get_untracked())),
        }
    };
    view! {
        <button type="button" class="btn btn--small" data-testid="bulk-publish"
            on:click=move |_| bulk.run(BulkProductAction::Publish)>{t(P::Publish)}</button>
        <button type="button" class="btn btn--ghost btn--small" data-testid="bulk-unpublish"
            on:click=move |_| bulk.run(BulkProductAction::Unpublish)>{t(P::Unpublish)}</button>
        <span class="bulk__group">
            <select class="input input--small" aria-label=move || P::MoveTo.text(locale.get())
                on:change=move |ev| target.set(event_target_value(&ev)) data-testid="bulk-category">
                <option value="">{t(P::MoveTo)}</option>
                {move || category_options.get().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
            <button type="button" class="btn btn--ghost btn--small" data-testid="bulk-move" on:click=move_to>{t(P::Move)}</button>
        </span>
        <span class="bulk__group">
            <input class="input input--small bulk__percent" inputmode="decimal" placeholder=move || P::PercentHint.text(locale.get())
                aria-label=move || P::ChangePrice.text(locale.get()) prop:value=move || percent.get()
                on:input=move |ev| percent.set(event_target_value(&ev)) data-testid="bulk-percent"/>
            <button type="button" class="btn btn--ghost btn--small" data-testid="bulk-reprice" on:click=reprice>{t(P::ChangePrice)}</button>
        </span>
    }
}

fn price_range(row: &ProductRow) -> String {
    let (lo, hi) = (
        ui::format::money(row.price_min),
        ui::format::money(row.price_max),
    );
    if lo == hi {
        lo
    } else {
        format!("{lo} – {hi}")
    }
}

#[component]
fn ProductTable(
    page: Paged<ProductRow>,
    url: ListUrl,
    selection: Selection,
    refresh: RwSignal<u32>,
    can: Memo<bool>,
    category_options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let locale = use_locale();
    if page.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let keys: Vec<String> = page.items.iter().map(|p| p.id.0.to_string()).collect();
    let bulk = Bulk {
        toasts: use_toasts(),
        locale,
        selection,
        refresh,
    };
    let rows = page
        .items
        .iter()
        .map(|p| {
            let key = p.id.0.to_string();
            let href = format!("/admin/catalogue/products/{}", p.id.0);
            let (name, brand, category) = (p.name.clone(), p.brand.clone(), p.category.clone());
            let (status, publish_at, updated) = (p.status, p.publish_at, p.updated_at);
            let stock = match shared::catalog::StockStatus::from_available(p.available) {
                shared::catalog::StockStatus::InStock => "in",
                shared::catalog::StockStatus::Low(_) => "low",
                shared::catalog::StockStatus::OutOfStock => "out",
            };
            let thumb = match p.image.clone() {
                Some(src) => view! { <img class="thumb" src=src alt="" loading="lazy" width="40" height="40"/> }.into_any(),
                None => view! { <span class="thumb thumb--none" aria-hidden="true"></span> }.into_any(),
            };
            view! {
                <tr data-testid="product-row" data-slug=p.slug.clone()>
                    {move || if can.get() {
                        view! { <RowCheck selection key=key.clone()/> }.into_any()
                    } else {
                        view! { <td class="check"></td> }.into_any()
                    }}
                    <td class="thumb-cell">{thumb}</td>
                    <td class="product-cell">
                        <a href=href data-testid="product-link">{
                            let name = name.clone();
                            move || name.get(locale.get()).to_string()
                        }</a>
                        <span class="muted small mono">{p.slug.clone()}</span>
                    </td>
                    <td class="nowrap">{move || category.get(locale.get()).to_string()}</td>
                    <td class="nowrap">{move || brand.get(locale.get()).to_string()}</td>
                    <td>
                        <span class=format!("tag tag--{}", status.code()) data-testid="product-status">{move || text::status(locale.get(), status)}</span>
                        {publish_at.filter(|_| status == ProductStatus::Draft).map(|at| view! {
                            <br/><span class="muted small">{move || format!("{} {}", P::Scheduled.text(locale.get()), ui::format::date_time(locale.get(), at))}</span>
                        })}
                    </td>
                    <td class="num nowrap">{price_range(p)}</td>
                    <td class="num">{p.variants}</td>
                    <td class=format!("num stock stock--{stock}")>{p.available}</td>
                    <td class="nowrap muted">{move || ui::format::date_time(locale.get(), updated)}</td>
                </tr>
            }
        })
        .collect_view();
    let (total, number, size) = (page.total, page.page, page.page_size);
    view! {
        <BulkBar selection>
            <BulkActions bulk category_options/>
        </BulkBar>
        <div class="table-wrap">
            <table class="table" data-testid="products-table">
                <thead><tr>
                    {move || if can.get() { view! { <SelectAll selection keys=keys.clone()/> }.into_any() } else { view! { <th class="check"></th> }.into_any() }}
                    <th class="thumb-cell"><span class="sr-only">{t(P::Images)}</span></th>
                    <SortHeader url label=Signal::derive(t(P::Product)) key="name" default_sort="updated_at"/>
                    <th>{t(P::Category)}</th>
                    <th>{t(P::Brand)}</th>
                    <th>{t(P::Status)}</th>
                    <SortHeader url label=Signal::derive(t(P::Price)) key="price" default_sort="updated_at" class="num"/>
                    <th class="num">{t(P::Variants)}</th>
                    <SortHeader url label=Signal::derive(t(P::Available)) key="available" default_sort="updated_at" class="num"/>
                    <SortHeader url label=Signal::derive(t(P::Updated)) key="updated_at" default_sort="updated_at" first_dir="desc"/>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pagination url total page=number page_size=size/>
    }
    .into_any()
}
