//! The product page: gallery, variant picker (price and stock follow the choice without a
//! reload), description, breadcrumbs and schema.org Product data for search engines.

use crate::api;
use crate::components::error_view::ErrorView;
use crate::i18n::{self, t, use_locale, Msg};
use crate::pages::not_found::NotFound;
use crate::seo::{base_url, PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::catalog::{ProductDetail, StockStatus, Variant};
use shared::ids::VariantId;
use shared::{ErrorCode, Locale};

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let product = Resource::new(slug, |slug| api::product(&slug));
    let body = move || {
        Suspend::new(async move {
            match product.await {
                Ok(p) => view! { <ProductView product=p/> }.into_any(),
                Err(e) if matches!(e.code, ErrorCode::NotFound | ErrorCode::BadRequest) => {
                    view! { <NotFound/> }.into_any()
                }
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            }
        })
    };
    view! {
        <Transition fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Transition>
    }
}

/// schema.org Product as JSON-LD, with an offer per variant price range and availability.
fn json_ld(p: &ProductDetail, locale: Locale, base: &str) -> String {
    let low = p.variants.iter().map(|v| v.price.minor).min().unwrap_or(0);
    let high = p.variants.iter().map(|v| v.price.minor).max().unwrap_or(0);
    let available = p.variants.iter().any(|v| v.available > 0);
    let amount = |minor: i64| {
        shared::Money::new(minor, p.currency)
            .format_amount()
            .replace(',', "")
    };
    let value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": p.name.get(locale),
        "description": p.description.get(locale),
        "sku": p.variants.first().map(|v| v.sku.as_str()).unwrap_or_default(),
        "brand": {"@type": "Brand", "name": p.brand.name.get(locale)},
        "image": p.images.iter().map(|i| format!("{base}{i}")).collect::<Vec<_>>(),
        "url": format!("{base}{}", locale.localize(&format!("/products/{}", p.slug))),
        "offers": {
            "@type": "AggregateOffer",
            "priceCurrency": p.currency.code(),
            "lowPrice": amount(low),
            "highPrice": amount(high),
            "offerCount": p.variants.len(),
            "availability": if available { "https://schema.org/InStock" } else { "https://schema.org/OutOfStock" }
        }
    });
    // `</` must not close the script element early
    value.to_string().replace("</", "<\\/")
}

#[component]
fn ProductView(product: ProductDetail) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let name = product.name.get(locale).to_string();
    let description = product.description.get(locale).to_string();
    let ld = json_ld(&product, locale, &base_url());
    let page_path = format!("/products/{}", product.slug);

    let initial = product.default_variant().map(|v| v.id);
    let selected = RwSignal::new(initial);
    let variants = StoredValue::new(product.variants.clone());
    let current = move || -> Option<Variant> {
        let id = selected.get()?;
        variants.with_value(|vs| vs.iter().find(|v| v.id == id).cloned())
    };
    let image = RwSignal::new(product.images.first().cloned().unwrap_or_default());

    let crumbs = product
        .breadcrumbs
        .iter()
        .map(|c| view! { <li><a href=locale.localize(&format!("/categories/{}", c.slug))>{c.name.get(locale).to_string()}</a></li> })
        .collect_view();
    let thumbs = product
        .images
        .iter()
        .enumerate()
        .map(|(i, src)| {
            let src = src.clone();
            let src_for_click = src.clone();
            let src_for_class = src.clone();
            view! {
                <li>
                    <button type="button" class="thumb" class:thumb--on=move || image.get() == src_for_class
                        aria-label=format!("{} {}", Msg::ProductImages.text(locale), i + 1)
                        on:click=move |_| image.set(src_for_click.clone())>
                        <img src=src alt="" width="72" height="72"/>
                    </button>
                </li>
            }
        })
        .collect_view();

    // Colour buttons: choosing one keeps the size when that combination exists.
    let colors = product
        .colors()
        .into_iter()
        .map(|color| {
            let en = color.en.clone();
            let en_for_pick = en.clone();
            let is_on = move || current().and_then(|v| v.color).is_some_and(|c| c.en == en);
            let pressed = is_on.clone();
            let pick = move |_| {
                let size = current().and_then(|v| v.size);
                let target = variants.with_value(|vs| {
                    vs.iter()
                        .find(|v| v.color.as_ref().is_some_and(|c| c.en == en_for_pick) && v.size == size)
                        .or_else(|| vs.iter().find(|v| v.color.as_ref().is_some_and(|c| c.en == en_for_pick)))
                        .map(|v| v.id)
                });
                if target.is_some() {
                    selected.set(target);
                }
            };
            view! {
                <button type="button" class="option" class:option--on=is_on aria-pressed=move || pressed().to_string()
                    data-testid="color-option" on:click=pick>
                    {color.get(locale).to_string()}
                </button>
            }
        })
        .collect_view();
    let sizes = product
        .sizes()
        .into_iter()
        .map(str::to_string)
        .map(|size| {
            let s = size.clone();
            let s_for_pick = size.clone();
            let s_for_stock = size.clone();
            let is_on = move || current().and_then(|v| v.size).as_deref() == Some(s.as_str());
            let pressed = is_on.clone();
            // out of stock in the chosen colour: still selectable, shown struck through
            let sold_out = move || {
                let color = current().and_then(|v| v.color).map(|c| c.en);
                variants.with_value(|vs| {
                    vs.iter()
                        .filter(|v| v.size.as_deref() == Some(s_for_stock.as_str()))
                        .filter(|v| color.is_none() || v.color.as_ref().map(|c| &c.en) == color.as_ref())
                        .all(|v| v.available <= 0)
                })
            };
            let pick = move |_| {
                let color = current().and_then(|v| v.color).map(|c| c.en);
                let target = variants.with_value(|vs| {
                    vs.iter()
                        .find(|v| v.size.as_deref() == Some(s_for_pick.as_str()) && v.color.as_ref().map(|c| &c.en) == color.as_ref())
                        .or_else(|| vs.iter().find(|v| v.size.as_deref() == Some(s_for_pick.as_str())))
                        .map(|v| v.id)
                });
                if target.is_some() {
                    selected.set(target);
                }
            };
            view! {
                <button type="button" class="option" class:option--on=is_on class:option--out=sold_out
                    aria-pressed=move || pressed().to_string() data-testid="size-option" on:click=pick>
                    {size}
                </button>
            }
        })
        .collect_view();
    let has_colors = !product.colors().is_empty();
    let has_sizes = !product.sizes().is_empty();

    let price = move || current().map(|v| v.price.to_string()).unwrap_or_default();
    let compare_at = move || current().and_then(|v| v.compare_at).map(|m| m.to_string());
    let sku = move || current().map(|v| v.sku).unwrap_or_default();
    let stock = move || match current().map(|v| v.stock_status()) {
        Some(StockStatus::InStock) => (Msg::InStock.text(locale).to_string(), "stock stock--in"),
        Some(StockStatus::Low(n)) => (i18n::only_left(locale, n), "stock stock--low"),
        Some(StockStatus::OutOfStock) | None => {
            (Msg::OutOfStock.text(locale).to_string(), "stock stock--out")
        }
    };
    let _: Option<VariantId> = initial;

    view! {
        <PageMeta title=name.clone() description=description.clone() path=page_path/>
        <script type="application/ld+json" inner_html=ld></script>
        <nav class="breadcrumbs" aria-label=Msg::Breadcrumbs.text(locale)>
            <ol>
                <li><a href=locale.localize("/")>{Msg::Home.text(locale)}</a></li>
                {crumbs}
            </ol>
        </nav>
        <article class="product">
            <div class="product__gallery">
                <img class="product__image" src=move || image.get() alt=name.clone() width="560" height="560" data-testid="main-image"/>
                <ul class="thumbs">{thumbs}</ul>
            </div>
            <div class="product__info">
                <p class="product__brand">{product.brand.name.get(locale).to_string()}</p>
                <h1 class="product__name">{name.clone()}</h1>
                <p class="price price--big">
                    <span class="price__now" data-testid="price">{price}</span>
                    {move || compare_at().map(|c| view! { <s class="price__was">{c}</s> })}
                </p>
                <p class=move || stock().1 data-testid="stock">{move || stock().0}</p>
                {has_colors.then(|| view! {
                    <div class="option-group">
                        <p class="option-group__label">{Msg::Color.text(locale)}</p>
                        <div class="options">{colors}</div>
                    </div>
                })}
                {has_sizes.then(|| view! {
                    <div class="option-group">
                        <p class="option-group__label">{Msg::Size.text(locale)}</p>
                        <div class="options">{sizes}</div>
                    </div>
                })}
                <p class="muted small">{Msg::Sku.text(locale)}": "<span data-testid="sku">{sku}</span></p>
                <section class="product__description">
                    <h2>{t(Msg::Description)}</h2>
                    <p>{description}</p>
                </section>
            </div>
        </article>
    }
}
