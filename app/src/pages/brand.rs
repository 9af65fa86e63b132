//! A brand's store (品牌店铺): its logo, story and products, sorted and paged like a
//! category. `/brands/{slug}`; an old slug answers 301.

use crate::api::{self, ApiResult};
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::error_view::ErrorView;
use crate::components::product_card::ProductGrid;
use crate::i18n::{self, t, use_locale, Msg};
use crate::pages::category::{Pagination, SortBar};
use crate::pages::moved::{look_up, Lookup, MovedTo};
use crate::pages::not_found::NotFound;
use crate::seo::{snippet, PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use shared::catalog::query::PriceUnits;
use shared::catalog::{plain_text, BrandPage, ProductList, ProductQuery, Slug, SlugOwner};
use shared::{ApiError, ErrorCode};

/// The listing query of a brand page: the page's sort and page, plus the brand.
fn page_query(slug: &str, search: &str) -> ApiResult<ProductQuery> {
    let mut q = ProductQuery::parse(search, PriceUnits::Major)
        .map_err(|e| ApiError::new(ErrorCode::InvalidQuery, e.to_string()))?;
    q.brands =
        vec![Slug::parse(slug).map_err(|_| ApiError::new(ErrorCode::NotFound, "no such brand"))?];
    Ok(q)
}

#[component]
pub fn BrandStorePage() -> impl IntoView {
    let params = use_params_map();
    let location = use_location();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let brand = Resource::new(slug, |slug| {
        let page = api::brand(&slug);
        look_up(SlugOwner::Brand, slug, page)
    });
    let listing = Resource::new(
        move || (slug(), location.search.get()),
        |(slug, search)| {
            let request = page_query(&slug, &search).map(|q| api::products(&q));
            async move { request?.await }
        },
    );
    let body = move || {
        Suspend::new(async move {
            let query = page_query(&slug(), &location.search.get_untracked());
            match (brand.await, listing.await, query) {
                (Ok(Lookup::Found(page)), Ok(list), Ok(query)) => {
                    view! { <Store page list query/> }.into_any()
                }
                (Ok(Lookup::Moved(slug)), _, _) => {
                    view! { <MovedTo owner=SlugOwner::Brand slug/> }.into_any()
                }
                (Ok(Lookup::Missing), _, _) => view! { <NotFound/> }.into_any(),
                (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
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
fn Store(page: BrandPage, list: ProductList, query: ProductQuery) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let name = page.brand.name.get(locale).to_string();
    let story = page.description.get(locale).to_string();
    let title = Some(page.seo.title.get(locale))
        .filter(|t| !t.is_empty())
        .map_or_else(|| i18n::brand_store_title(locale, &name), str::to_string);
    let description = Some(page.seo.description.get(locale).to_string())
        .filter(|d| !d.is_empty())
        .or_else(|| Some(snippet(&plain_text(&story))).filter(|d| !d.is_empty()))
        .unwrap_or_else(|| format!("{name} · {}", i18n::product_count(locale, list.total)));
    let base = format!("/brands/{}", page.brand.slug);
    // what the query string says: the brand is in the path
    let own = ProductQuery {
        brands: Vec::new(),
        ..query
    };
    let pages = list.page_count();
    view! {
        <PageMeta title description path=base.clone()/>
        <Breadcrumbs trail=Vec::new()/>
        <header class="brand-hero" data-testid="brand-store">
            {page.logo.map(|src| view! { <img class="brand-hero__logo" src=src alt="" width="96" height="96"/> })}
            <div>
                <p class="brand-hero__kicker">{t(Msg::BrandStore)}</p>
                <h1>{name}</h1>
                <p class="muted" data-testid="result-count">{i18n::product_count(locale, list.total)}</p>
                {(!story.is_empty()).then(|| view! {
                    // sanitised by the server when staff saved it
                    <div class="rich-text brand-hero__story" inner_html=story></div>
                })}
            </div>
        </header>
        <SortBar base=base.clone() query=own.clone()/>
        {if list.items.is_empty() {
            view! { <p class="notice" data-testid="no-products">{Msg::NoProducts.text(locale)}</p> }.into_any()
        } else {
            view! { <ProductGrid items=list.items/> }.into_any()
        }}
        <Pagination base query=own pages/>
    }
}
