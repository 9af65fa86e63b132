//! The home page: banner, categories, featured products and new arrivals.

use crate::api;
use crate::components::error_view::ErrorView;
use crate::components::layout::use_categories;
use crate::components::product_card::ProductGrid;
use crate::i18n::{t, use_locale, Msg};
use crate::seo::PageMeta;
use leptos::prelude::*;
use shared::catalog::{child_categories, ProductQuery, ProductSort};

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let categories = use_categories();
    let featured = Resource::new(
        || (),
        |_| {
            api::products(&ProductQuery {
                featured: Some(true),
                page_size: 8,
                ..ProductQuery::default()
            })
        },
    );
    let newest = Resource::new(
        || (),
        |_| {
            api::products(&ProductQuery {
                sort: ProductSort::Newest,
                page_size: 8,
                ..ProductQuery::default()
            })
        },
    );
    let loc = locale.get_untracked();
    let category_tiles = move || {
        Suspend::new(async move {
            match categories.await {
                Ok(all) => {
                    let loc = locale.get_untracked();
                    child_categories(&all, None)
                        .into_iter()
                        .map(|top| {
                            // a top-level tile shows its first sub-category's picture
                            let image = child_categories(&all, Some(top.id))
                                .first()
                                .and_then(|c| c.image.clone())
                                .or_else(|| top.image.clone())
                                .unwrap_or_else(|| "/img/placeholder.svg".into());
                            view! {
                                <li>
                                    <a class="category-tile" href=loc.localize(&format!("/categories/{}", top.slug))>
                                        <img src=image alt="" width="96" height="96"/>
                                        <span class="category-tile__text">
                                            <span class="category-tile__name">{top.name.get(loc).to_string()}</span>
                                            <span class="muted">{crate::i18n::product_count(loc, top.product_count)}</span>
                                        </span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            }
        })
    };
    let grid = move |resource: Resource<api::ApiResult<shared::catalog::ProductList>>| {
        move || {
            Suspend::new(async move {
                match resource.await {
                    Ok(list) => view! { <ProductGrid items=list.items/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                }
            })
        }
    };
    view! {
        <PageMeta title="" description=Msg::HeroText.text(loc) path="/"/>
        <section class="hero">
            <div class="hero__text">
                <p class="hero__eyebrow">{t(Msg::Tagline)}</p>
                <h1>{t(Msg::HeroTitle)}</h1>
                <p>{t(Msg::HeroText)}</p>
                <a class="button" href=move || locale.get().localize("/categories/jackets")>{t(Msg::HeroCta)}</a>
            </div>
            <img class="hero__art" src="/img/demo/jacket-1.svg" alt="" width="280" height="280"/>
        </section>
        <section class="section">
            <h2 class="section__title">{t(Msg::ShopByCategory)}</h2>
            <ul class="category-tiles">
                <Suspense fallback=move || view! { <li class="muted">{t(Msg::Loading)}</li> }>{category_tiles}</Suspense>
            </ul>
        </section>
        <section class="section">
            <h2 class="section__title">{t(Msg::Featured)}</h2>
            <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{grid(featured)}</Suspense>
        </section>
        <section class="section">
            <h2 class="section__title">{t(Msg::NewArrivals)}</h2>
            <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{grid(newest)}</Suspense>
        </section>
    }
}
