//! A product in a grid: image, brand, name, price, stock, and the heart that keeps it.

use crate::components::wish_button::WishHeart;
use crate::i18n::{t, use_locale, Msg};
use leptos::prelude::*;
use shared::catalog::ProductSummary;

#[component]
pub fn ProductGrid(items: Vec<ProductSummary>) -> impl IntoView {
    view! {
        <ul class="product-grid" data-testid="product-grid">
            // the first row is what a phone shows first: loaded at once, the first picture first
            {items.into_iter().enumerate().map(|(i, p)| {
                let slug = p.slug.clone();
                view! { <li class="product-tile"><ProductCard product=p position=i/><WishHeart slug/></li> }
            }).collect_view()}
        </ul>
    }
}

/// Cards before this position load their picture at once; later ones when scrolled near.
const EAGER: usize = 4;

#[component]
pub fn ProductCard(
    product: ProductSummary,
    /// Its place in the grid (0 = first).
    #[prop(optional)]
    position: usize,
) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let href = locale.localize(&format!("/products/{}", product.slug));
    let name = product.name.get(locale).to_string();
    let ranged = product.price_max != product.price;
    view! {
        <a class="product-card" href=href data-testid="product-card">
            <div class="product-card__media">
                <img src=product.image.clone() alt=name.clone() width="320" height="320"
                    loading=(position >= EAGER).then_some("lazy") fetchpriority=(position == 0).then_some("high")/>
                {(!product.in_stock).then(|| view! { <span class="badge badge--muted">{t(Msg::SoldOut)}</span> })}
            </div>
            <div class="product-card__body">
                <p class="product-card__brand">{product.brand.name.get(locale).to_string()}</p>
                <h3 class="product-card__name">{name}</h3>
                <p class="price">
                    <span class="price__now">{product.price.to_string()}</span>
                    {ranged.then(|| view! { <span class="price__from">" "{t(Msg::From)}</span> })}
                </p>
            </div>
        </a>
    }
}
