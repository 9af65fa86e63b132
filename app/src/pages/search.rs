//! Search results with facets: categories, brands, price bands and "in stock only", each a
//! link that narrows the search (all state in the URL).

use crate::api::{self, ApiResult};
use crate::components::error_view::ErrorView;
use crate::components::product_card::ProductGrid;
use crate::i18n::{self, t, use_locale, Msg};
use crate::seo::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::catalog::query::PriceUnits;
use shared::catalog::{FacetCount, ProductQuery, SearchResult, Slug};
use shared::{ApiError, ErrorCode, Locale};

fn page_query(search: &str) -> ApiResult<ProductQuery> {
    ProductQuery::parse(search, PriceUnits::Major)
        .map_err(|e| ApiError::new(ErrorCode::InvalidQuery, e.to_string()))
}

fn href(locale: Locale, q: &ProductQuery) -> String {
    match q.to_query_string(PriceUnits::Major) {
        s if s.is_empty() => locale.localize("/search"),
        s => format!("{}?{s}", locale.localize("/search")),
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let location = use_location();
    let results = Resource::new(
        move || location.search.get(),
        |search| {
            let request = page_query(&search).map(|q| api::search(&q));
            async move { request?.await }
        },
    );
    let body = move || {
        Suspend::new(async move {
            let query = page_query(&location.search.get_untracked());
            match (results.await, query) {
                (Ok(result), Ok(query)) => view! { <Results result query/> }.into_any(),
                (Err(e), _) | (_, Err(e)) => view! { <ErrorView error=e/> }.into_any(),
            }
        })
    };
    view! { <Transition fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Transition> }
}

#[component]
fn Results(result: SearchResult, query: ProductQuery) -> impl IntoView {
    let locale = use_locale().get_untracked();
    // a corrected search: what was typed is said, the links follow the correction
    let typed = query.q.as_ref().map(|q| q.as_str().to_string());
    let query = match result.corrected.as_deref() {
        Some(c) => ProductQuery {
            q: shared::catalog::SearchText::parse(c).ok().flatten(),
            ..query
        },
        None => query,
    };
    let correction = result.corrected.clone().map(|c| {
        view! {
            <p class="notice notice--slim" data-testid="corrected">
                {i18n::corrected_search(locale, typed.as_deref().unwrap_or_default(), &c)}
            </p>
        }
    });
    let text = query
        .q
        .as_ref()
        .map(|q| q.as_str().to_string())
        .unwrap_or_default();
    let heading = if text.is_empty() {
        Msg::Search.text(locale).to_string()
    } else {
        i18n::results_for(locale, &text, result.list.total)
    };
    let reset = ProductQuery {
        page: 1,
        ..query.clone()
    };
    let facet_links = |facets: Vec<FacetCount>, set: fn(&mut ProductQuery, Slug)| {
        facets
            .into_iter()
            .filter_map(|f| {
                let mut q = reset.clone();
                set(&mut q, Slug::parse(&f.slug).ok()?);
                Some(view! {
                    <li><a href=href(locale, &q)>{f.name.get(locale).to_string()}<span class="muted">" "{f.count}</span></a></li>
                })
            })
            .collect_view()
    };
    let categories = facet_links(result.facets.categories.clone(), |q, s| {
        q.category = Some(s)
    });
    let brands = facet_links(result.facets.brands.clone(), |q, s| q.brands = vec![s]);
    let bands = result
        .facets
        .price_bands
        .iter()
        .filter(|b| b.count > 0)
        .map(|b| {
            let q = ProductQuery { min_price: Some(b.min), max_price: b.max, ..reset.clone() };
            view! { <li><a href=href(locale, &q)>{i18n::price_band(b)}<span class="muted">" "{b.count}</span></a></li> }
        })
        .collect_view();
    let stocked = ProductQuery {
        in_stock: Some(true),
        ..reset.clone()
    };
    let next = (query.page < result.list.page_count()).then(|| {
        href(
            locale,
            &ProductQuery {
                page: query.page + 1,
                ..query.clone()
            },
        )
    });
    view! {
        <PageMeta title=heading.clone() description=Msg::SearchPlaceholder.text(locale) path="/search"/>
        <header class="page-head"><h1 data-testid="search-heading">{heading}</h1>{correction}</header>
        <div class="listing">
            <aside class="listing__side facets">
                <h2 class="side-title">{Msg::Category.text(locale)}</h2>
                <ul class="side-nav">{categories}</ul>
                <h2 class="side-title">{Msg::Brand.text(locale)}</h2>
                <ul class="side-nav">{brands}</ul>
                <h2 class="side-title">{Msg::PriceRange.text(locale)}</h2>
                <ul class="side-nav">{bands}</ul>
                <ul class="side-nav">
                    <li><a href=href(locale, &stocked)>{Msg::InStockOnly.text(locale)}<span class="muted">" "{result.facets.in_stock}</span></a></li>
                </ul>
            </aside>
            <section class="listing__main">
                {if result.list.items.is_empty() {
                    view! { <p class="notice" data-testid="no-results">{Msg::NoResults.text(locale)}</p> }.into_any()
                } else {
                    view! { <ProductGrid items=result.list.items/> }.into_any()
                }}
                {next.map(|h| view! { <nav class="pagination"><a class="button button--ghost" rel="next" href=h>{Msg::NextPage.text(locale)}</a></nav> })}
            </section>
        </div>
    }
}
