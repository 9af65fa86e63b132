//! A category listing: sub-categories, brand and price filters, sort, pagination.
//! Filters live in the URL (`?brand=…&price_from=…&sort=…&page=…`), so every view of the
//! list can be linked, bookmarked and indexed.

use crate::api::{self, ApiResult};
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::error_view::ErrorView;
use crate::components::layout::use_categories;
use crate::components::product_card::ProductGrid;
use crate::i18n::{self, t, use_locale, Msg};
use crate::pages::moved::MovedOrNotFound;
use crate::pages::not_found::NotFound;
use crate::seo::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use shared::catalog::query::PriceUnits;
use shared::catalog::{
    category_path, child_categories, Brand, Category, CategoryRef, ProductList, ProductQuery,
    ProductSort, Slug, SlugOwner,
};
use shared::ids::CategoryId;
use shared::{ApiError, ErrorCode, Locale};

/// The listing query of a category page: the page's own filters plus the category.
fn page_query(slug: &str, search: &str) -> ApiResult<ProductQuery> {
    let mut q = ProductQuery::parse(search, PriceUnits::Major)
        .map_err(|e| ApiError::new(ErrorCode::InvalidQuery, e.to_string()))?;
    q.category = Some(
        Slug::parse(slug).map_err(|_| ApiError::new(ErrorCode::NotFound, "no such category"))?,
    );
    Ok(q)
}

/// The URL of a listing page at `base` (`/categories/x`, `/brands/y`) showing `q`, the
/// filters the page's query string carries (not the one its path names).
pub(crate) fn page_href(locale: Locale, base: &str, q: &ProductQuery) -> String {
    let path = locale.localize(base);
    match q.to_query_string(PriceUnits::Major) {
        s if s.is_empty() => path,
        s => format!("{path}?{s}"),
    }
}

#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let location = use_location();
    let categories = use_categories();
    let brands = Resource::new(|| (), |_| api::brands());
    let slug = move || params.read().get("slug").unwrap_or_default();
    let listing = Resource::new(
        move || (slug(), location.search.get()),
        |(slug, search)| {
            let request = page_query(&slug, &search).map(|q| api::products(&q));
            async move { request?.await }
        },
    );
    let body = move || {
        Suspend::new(async move {
            let slug = slug();
            let query = page_query(&slug, &location.search.get_untracked());
            let (all, list, brands) = (categories.await, listing.await, brands.await);
            match (all, list, brands, query) {
                (Ok(all), _, _, _) if !all.iter().any(|c| c.slug == slug) => {
                    view! { <MovedOrNotFound owner=SlugOwner::Category slug/> }.into_any()
                }
                (Ok(all), Ok(list), Ok(brands), Ok(query)) => {
                    view! { <Listing all slug list brands query/> }.into_any()
                }
                (Err(e), _, _, _) | (_, Err(e), _, _) | (_, _, Err(e), _) | (_, _, _, Err(e)) => {
                    view! { <ErrorView error=e/> }.into_any()
                }
            }
        })
    };
    view! {
        <Transition fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Transition>
    }
}

#[component]
fn Listing(
    all: Vec<Category>,
    slug: String,
    list: ProductList,
    brands: Vec<Brand>,
    query: ProductQuery,
) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let Some(category) = all.iter().find(|c| c.slug == slug).cloned() else {
        return view! { <NotFound/> }.into_any();
    };
    let trail = category_path(&all, category.id)
        .into_iter()
        .map(|c| CategoryRef {
            slug: c.slug.clone(),
            name: c.name.clone(),
        })
        .collect();
    // sub-categories, or the siblings of a leaf
    let mut nav: Vec<Category> = child_categories(&all, Some(category.id))
        .into_iter()
        .cloned()
        .collect();
    if nav.is_empty() {
        nav = child_categories(&all, category.parent_id)
            .into_iter()
            .cloned()
            .collect();
    }
    let name = category.name.get(locale).to_string();
    let title = Some(category.seo.title.get(locale))
        .filter(|t| !t.is_empty())
        .unwrap_or(&name)
        .to_string();
    let description = Some(category.seo.description.get(locale).to_string())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| {
            format!(
                "{name} · {}",
                i18n::product_count(locale, category.product_count)
            )
        });
    let pages = list.page_count();
    let base = format!("/categories/{slug}");
    // what the query string says: the category is in the path
    let own = ProductQuery {
        category: None,
        ..query.clone()
    };
    view! {
        <PageMeta title description path=format!("/categories/{slug}")/>
        <Breadcrumbs trail/>
        <header class="page-head">
            <h1>{name}</h1>
            <p class="muted" data-testid="result-count">{i18n::product_count(locale, list.total)}</p>
        </header>
        <div class="listing">
            <aside class="listing__side">
                <h2 class="side-title">{Msg::SubCategories.text(locale)}</h2>
                <CategoryNav categories=nav current=category.id/>
                <FilterPanel slug=slug.clone() brands query=query.clone()/>
            </aside>
            <section class="listing__main">
                <SortBar base=base.clone() query=own.clone()/>
                {if list.items.is_empty() {
                    view! { <p class="notice" data-testid="no-products">{Msg::NoProducts.text(locale)}</p> }.into_any()
                } else {
                    view! { <ProductGrid items=list.items/> }.into_any()
                }}
                <Pagination base query=own pages/>
            </section>
        </div>
    }
    .into_any()
}

#[component]
fn CategoryNav(categories: Vec<Category>, current: CategoryId) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let items = categories
        .into_iter()
        .map(|c| {
            view! {
                <li>
                    <a class:current=c.id == current href=locale.localize(&format!("/categories/{}", c.slug))>
                        {c.name.get(locale).to_string()}
                        <span class="muted">" "{c.product_count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="side-nav">{items}</ul> }
}

/// Brand and price filters as a plain GET form: it works before (and without) the WASM bundle.
#[component]
fn FilterPanel(slug: String, brands: Vec<Brand>, query: ProductQuery) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let action = locale.localize(&format!("/categories/{slug}"));
    let form_action = action.clone();
    let brand_boxes = brands
        .into_iter()
        .map(|b| {
            let checked = query.brands.iter().any(|s| s.as_str() == b.slug);
            view! {
                <label class="check">
                    <input type="checkbox" name="brand" value=b.slug.clone() checked=checked/>
                    {b.name.get(locale).to_string()}
                </label>
            }
        })
        .collect_view();
    let amount = |m: Option<shared::Money>| {
        m.map(|m| m.format_amount().replace(',', ""))
            .unwrap_or_default()
    };
    // collapsed on a phone unless a filter is in use (always open on wide screens, see CSS)
    let active = !query.brands.is_empty() || query.min_price.is_some() || query.max_price.is_some();
    let keep_sort = (query.sort != ProductSort::default())
        .then(|| view! { <input type="hidden" name="sort" value=query.sort.as_str()/> });
    view! {
        <details class="filters-box" open=active>
            <summary class="side-title">{Msg::Filters.text(locale)}</summary>
            <form class="filters" method="get" action=form_action>
                <fieldset>
                    <legend>{Msg::Brand.text(locale)}</legend>
                    {brand_boxes}
                </fieldset>
                <fieldset>
                    <legend>{Msg::PriceRange.text(locale)}</legend>
                    <div class="price-inputs">
                        <input type="number" name="price_from" min="0" step="1" inputmode="decimal"
                            placeholder=Msg::PriceFrom.text(locale) aria-label=Msg::PriceFrom.text(locale)
                            value=amount(query.min_price)/>
                        <span aria-hidden="true">"–"</span>
                        <input type="number" name="price_to" min="0" step="1" inputmode="decimal"
                            placeholder=Msg::PriceTo.text(locale) aria-label=Msg::PriceTo.text(locale)
                            value=amount(query.max_price)/>
                    </div>
                </fieldset>
                {keep_sort}
                <button class="button" type="submit">{Msg::ApplyFilters.text(locale)}</button>
                <a class="link" href=action>{Msg::ClearFilters.text(locale)}</a>
            </form>
        </details>
    }
}

#[component]
pub(crate) fn SortBar(base: String, query: ProductQuery) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let links = ProductSort::ALL
        .into_iter()
        .map(|s| {
            let label = match s {
                ProductSort::Featured => Msg::SortFeatured,
                ProductSort::Newest => Msg::SortNewest,
                ProductSort::PriceAsc => Msg::SortPriceAsc,
                ProductSort::PriceDesc => Msg::SortPriceDesc,
            };
            let href = page_href(locale, &base, &ProductQuery { sort: s, page: 1, ..query.clone() });
            let on = s == query.sort;
            view! {
                <li>
                    <a class="chip" class:chip--on=on aria-current=on.then_some("true") href=href data-sort=s.as_str()>
                        {label.text(locale)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="sort-bar">
            <span class="muted">{Msg::SortBy.text(locale)}</span>
            <ul class="chips">{links}</ul>
        </div>
    }
}

#[component]
pub(crate) fn Pagination(base: String, query: ProductQuery, pages: u32) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let to_page = |page: u32| {
        page_href(
            locale,
            &base,
            &ProductQuery {
                page,
                ..query.clone()
            },
        )
    };
    let prev = (query.page > 1).then(|| to_page(query.page - 1));
    let next = (query.page < pages).then(|| to_page(query.page + 1));
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label="pagination">
                {prev.map(|h| view! { <a class="button button--ghost" rel="prev" href=h>{Msg::PreviousPage.text(locale)}</a> })}
                <span class="muted" data-testid="page-of">{i18n::page_of(locale, query.page, pages)}</span>
                {next.map(|h| view! { <a class="button button--ghost" rel="next" href=h data-testid="next-page">{Msg::NextPage.text(locale)}</a> })}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_filters_in_the_url() {
        let q = page_query("phones", "brand=moshi&price_from=100&sort=price_asc").unwrap();
        let own = ProductQuery {
            category: None,
            page: 2,
            ..q
        };
        assert_eq!(
            page_href(Locale::En, "/categories/phones", &own),
            "/en/categories/phones?brand=moshi&price_from=100.00&sort=price_asc&page=2"
        );
        assert_eq!(
            page_href(Locale::ZhCn, "/categories/phones", &ProductQuery::default()),
            "/categories/phones"
        );
        assert_eq!(
            page_query("x", "page_size=0").unwrap_err().code,
            ErrorCode::InvalidQuery
        );
    }
}
