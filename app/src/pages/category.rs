//! A category listing: sub-categories, brand and price filters, sort, pagination.
//! Filters live in the URL (`?brand=…&price_from=…&sort=…&page=…`), so every view of the
//! list can be linked, bookmarked and indexed.

use crate::api::{self, ApiResult};
use crate::components::error_view::ErrorView;
use crate::components::layout::use_categories;
use crate::components::product_card::ProductGrid;
use crate::i18n::{self, t, use_locale, Msg};
use crate::pages::not_found::NotFound;
use crate::seo::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use shared::catalog::query::PriceUnits;
use shared::catalog::{
    category_path, child_categories, Brand, Category, ProductList, ProductQuery, ProductSort, Slug,
};
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

/// The URL of this category page showing `q`.
fn page_href(locale: Locale, slug: &str, q: &ProductQuery) -> String {
    let q = ProductQuery {
        category: None,
        ..q.clone()
    };
    let path = locale.localize(&format!("/categories/{slug}"));
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
                    view! { <NotFound/> }.into_any()
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
    let path = category_path(&all, category.id);
    let crumbs = path
        .iter()
        .map(|c| {
            view! {
                <li><a href=locale.localize(&format!("/categories/{}", c.slug))>{c.name.get(locale).to_string()}</a></li>
            }
        })
        .collect_view();
    // sub-categories, or the siblings of a leaf
    let mut nav: Vec<&Category> = child_categories(&all, Some(category.id));
    if nav.is_empty() {
        nav = child_categories(&all, category.parent_id);
    }
    let nav = nav
        .into_iter()
        .map(|c| {
            let current = c.id == category.id;
            view! {
                <li>
                    <a class:current=current href=locale.localize(&format!("/categories/{}", c.slug))>
                        {c.name.get(locale).to_string()}
                        <span class="muted">" "{c.product_count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let name = category.name.get(locale).to_string();
    let description = format!(
        "{name} · {}",
        i18n::product_count(locale, category.product_count)
    );
    let total = list.total;
    let pages = list.page_count();
    let sort_links = ProductSort::ALL
        .into_iter()
        .map(|s| {
            let label = match s {
                ProductSort::Featured => Msg::SortFeatured,
                ProductSort::Newest => Msg::SortNewest,
                ProductSort::PriceAsc => Msg::SortPriceAsc,
                ProductSort::PriceDesc => Msg::SortPriceDesc,
            };
            let href = page_href(locale, &slug, &ProductQuery { sort: s, page: 1, ..query.clone() });
            let current = s == query.sort;
            view! {
                <li><a class="chip" class:chip--on=current aria-current=current.then_some("true") href=href data-sort=s.as_str()>{label.text(locale)}</a></li>
            }
        })
        .collect_view();
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
    let price_value = |m: Option<shared::Money>| {
        m.map(|m| m.format_amount().replace(',', ""))
            .unwrap_or_default()
    };
    let prev = (query.page > 1).then(|| {
        page_href(
            locale,
            &slug,
            &ProductQuery {
                page: query.page - 1,
                ..query.clone()
            },
        )
    });
    let next = (query.page < pages).then(|| {
        page_href(
            locale,
            &slug,
            &ProductQuery {
                page: query.page + 1,
                ..query.clone()
            },
        )
    });
    let action = locale.localize(&format!("/categories/{slug}"));
    let page_path = format!("/categories/{slug}");
    let form_action = action.clone();
    // collapsed on a phone unless a filter is in use (always open on wide screens, see CSS)
    let filters_active =
        !query.brands.is_empty() || query.min_price.is_some() || query.max_price.is_some();
    view! {
        <PageMeta title=name.clone() description=description path=page_path/>
        <nav class="breadcrumbs" aria-label=Msg::Breadcrumbs.text(locale)>
            <ol>
                <li><a href=locale.localize("/")>{Msg::Home.text(locale)}</a></li>
                {crumbs}
            </ol>
        </nav>
        <header class="page-head">
            <h1>{name}</h1>
            <p class="muted" data-testid="result-count">{i18n::product_count(locale, total)}</p>
        </header>
        <div class="listing">
            <aside class="listing__side">
                <h2 class="side-title">{Msg::SubCategories.text(locale)}</h2>
                <ul class="side-nav">{nav}</ul>
                <details class="filters-box" open=filters_active>
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
                                value=price_value(query.min_price)/>
                            <span aria-hidden="true">"–"</span>
                            <input type="number" name="price_to" min="0" step="1" inputmode="decimal"
                                placeholder=Msg::PriceTo.text(locale) aria-label=Msg::PriceTo.text(locale)
                                value=price_value(query.max_price)/>
                        </div>
                    </fieldset>
                    {(query.sort != ProductSort::default()).then(|| view! { <input type="hidden" name="sort" value=query.sort.as_str()/> })}
                    <button class="button" type="submit">{Msg::ApplyFilters.text(locale)}</button>
                    <a class="link" href=action>{Msg::ClearFilters.text(locale)}</a>
                </form>
                </details>
            </aside>
            <section class="listing__main">
                <div class="sort-bar">
                    <span class="muted">{Msg::SortBy.text(locale)}</span>
                    <ul class="chips">{sort_links}</ul>
                </div>
                {if list.items.is_empty() {
                    view! { <p class="notice" data-testid="no-products">{Msg::NoProducts.text(locale)}</p> }.into_any()
                } else {
                    view! { <ProductGrid items=list.items/> }.into_any()
                }}
                {(pages > 1).then(|| view! {
                    <nav class="pagination" aria-label="pagination">
                        {prev.map(|h| view! { <a class="button button--ghost" rel="prev" href=h>{Msg::PreviousPage.text(locale)}</a> })}
                        <span class="muted" data-testid="page-of">{i18n::page_of(locale, query.page, pages)}</span>
                        {next.map(|h| view! { <a class="button button--ghost" rel="next" href=h data-testid="next-page">{Msg::NextPage.text(locale)}</a> })}
                    </nav>
                })}
            </section>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_filters_in_the_url() {
        let q = page_query("phones", "brand=moshi&price_from=100&sort=price_asc").unwrap();
        assert_eq!(
            page_href(Locale::En, "phones", &ProductQuery { page: 2, ..q }),
            "/en/categories/phones?brand=moshi&price_from=100.00&sort=price_asc&page=2"
        );
        assert_eq!(
            page_href(Locale::ZhCn, "phones", &ProductQuery::default()),
            "/categories/phones"
        );
        assert_eq!(
            page_query("x", "page_size=0").unwrap_err().code,
            ErrorCode::InvalidQuery
        );
    }
}
