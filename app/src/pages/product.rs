//! The product page: gallery (the chosen colour's picture comes first), variant picker
//! (price and stock follow the choice without a reload), description, breadcrumbs, the
//! staff's search-engine texts and schema.org Product data. An old slug answers 301.

use crate::api;
use crate::cart::use_cart;
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::error_view::ErrorView;
use crate::components::wish_button::WishToggle;
use crate::i18n::{self, t, use_locale, Msg, Portal};
use crate::pages::moved::{look_up, Lookup, MovedTo};
use crate::pages::not_found::NotFound;
use crate::pages::reviews::{aggregate_rating, ProductReviewsSection};
use crate::seo::{base_url, snippet, PageMeta};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::cart::CartItem;
use shared::catalog::{
    description_html, plain_text, ProductDetail, ProductImage, SlugOwner, StockStatus, Variant,
};
use shared::ids::VariantId;
use shared::pricing::Quantity;
use shared::reviews::ProductReviews;
use shared::Locale;

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let query = use_query_map();
    let reviews_page = move || {
        query
            .read()
            .get("reviews")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| (1..=10_000).contains(p))
            .unwrap_or(1)
    };
    let product = Resource::new(slug, |slug| {
        let page = api::product(&slug);
        look_up(SlugOwner::Product, slug, page)
    });
    // the reviews are a part of the page: without them (an error) it is still shown
    let reviews = Resource::new(
        move || (slug(), reviews_page()),
        |(slug, page)| async move { api::product_reviews(&slug, page).await.ok() },
    );
    let body = move || {
        Suspend::new(async move {
            let (product, reviews) = (product.await, reviews.await);
            match product {
                Ok(Lookup::Found(p)) => view! { <ProductView product=p reviews/> }.into_any(),
                Ok(Lookup::Moved(slug)) => {
                    view! { <MovedTo owner=SlugOwner::Product slug/> }.into_any()
                }
                Ok(Lookup::Missing) => view! { <NotFound/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            }
        })
    };
    view! {
        <Transition fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Transition>
    }
}

/// schema.org Product as JSON-LD, with an offer per variant price range and availability,
/// and the reviews' rating.
fn json_ld(
    p: &ProductDetail,
    reviews: Option<&ProductReviews>,
    locale: Locale,
    base: &str,
) -> String {
    let low = p.variants.iter().map(|v| v.price.minor).min().unwrap_or(0);
    let high = p.variants.iter().map(|v| v.price.minor).max().unwrap_or(0);
    let available = p.variants.iter().any(|v| v.available > 0);
    let amount = |minor: i64| {
        shared::Money::new(minor, p.currency)
            .format_amount()
            .replace(',', "")
    };
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": p.name.get(locale),
        "description": plain_text(p.description.get(locale)),
        "sku": p.variants.first().map(|v| v.sku.as_str()).unwrap_or_default(),
        "brand": {"@type": "Brand", "name": p.brand.name.get(locale)},
        "image": p.images.iter().map(|i| format!("{base}{}", i.url)).collect::<Vec<_>>(),
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
    if let Some(rating) = reviews.and_then(|r| aggregate_rating(&r.summary)) {
        value["aggregateRating"] = rating;
    }
    // `</` must not close the script element early
    value.to_string().replace("</", "<\\/")
}

#[component]
fn ProductView(product: ProductDetail, reviews: Option<ProductReviews>) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let name = product.name.get(locale).to_string();
    let title = Some(product.seo.title.get(locale))
        .filter(|t| !t.is_empty())
        .unwrap_or(&name)
        .to_string();
    let summary = Some(product.seo.description.get(locale).to_string())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| {
            snippet(&plain_text(&description_html(
                product.description.get(locale),
            )))
        });
    let ld = json_ld(&product, reviews.as_ref(), locale, &base_url());
    let page_path = format!("/products/{}", product.slug);
    let product_slug = product.slug.clone();
    let reviews_path = page_path.clone();
    let trail = product.breadcrumbs.clone();
    let description = description_html(product.description.get(locale));
    view! {
        <PageMeta title description=summary path=page_path/>
        <script type="application/ld+json" inner_html=ld></script>
        <Breadcrumbs trail/>
        <ProductArticle product=product.for_island()>
            <section class="product__description">
                <h2>{t(Msg::Description)}</h2>
                // sanitised by the server when staff saved it
                <div class="rich-text" inner_html=description></div>
            </section>
        </ProductArticle>
        <p class="ask-link no-print">
            <a href=locale.localize(&format!("/account/questions/new?product={}", product_slug)) data-testid="ask-about-product">{Portal::AskAboutProduct.text(locale)}</a>
        </p>
        {reviews.map(|reviews| view! { <ProductReviewsSection reviews path=reviews_path/> })}
    }
}

/// Gallery, name, price, stock, variant picker and "Add to cart": an island, since price,
/// stock and pictures follow the chosen variant. `children` (the description) is rendered by
/// the server only and not part of the island's props.
#[island]
fn ProductArticle(product: ProductDetail, children: Children) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let name = product.name.get(locale).to_string();
    let brand = product.brand.name.get(locale).to_string();
    let brand_href = locale.localize(&format!("/brands/{}", product.brand.slug));
    let images = product.images.clone();
    let first_image = product
        .image_for(product.default_variant())
        .and_then(|i| images.iter().position(|x| x == i))
        .unwrap_or(0);
    let name_for_cart = name.clone();
    let slug_for_wish = product.slug.clone();

    let selected = RwSignal::new(product.default_variant().map(|v| v.id));
    let product = StoredValue::new(product);
    let current = Memo::new(move |_| {
        let id = selected.get()?;
        product.with_value(|p| p.variants.iter().find(|v| v.id == id).cloned())
    });
    let price = move || {
        current
            .get()
            .map(|v| v.price.to_string())
            .unwrap_or_default()
    };
    let compare_at = move || {
        current
            .get()
            .and_then(|v| v.compare_at)
            .map(|m| m.to_string())
    };
    let sku = move || current.get().map(|v| v.sku).unwrap_or_default();
    let stock = move || match current.get().map(|v| v.stock_status()) {
        Some(StockStatus::InStock) => (Msg::InStock.text(locale).to_string(), "stock stock--in"),
        Some(StockStatus::Low(n)) => (i18n::only_left(locale, n), "stock stock--low"),
        Some(StockStatus::OutOfStock) | None => {
            (Msg::OutOfStock.text(locale).to_string(), "stock stock--out")
        }
    };

    view! {
        <article class="product">
            <Gallery images first=first_image alt=name.clone() current/>
            <div class="product__info">
                <p class="product__brand"><a href=brand_href data-testid="brand-link">{brand}</a></p>
                <h1 class="product__name">{name}</h1>
                <p class="price price--big">
                    <span class="price__now" data-testid="price">{price}</span>
                    {move || compare_at().map(|c| view! { <s class="price__was">{c}</s> })}
                </p>
                <p class=move || stock().1 data-testid="stock">{move || stock().0}</p>
                <VariantPicker product current selected/>
                <AddToCart current name=name_for_cart/>
                <WishToggle slug=slug_for_wish labelled=true/>
                <p class="muted small">{Msg::Sku.text(locale)}": "<span data-testid="sku">{sku}</span></p>
                {children()}
            </div>
        </article>
    }
}

/// The main picture and its thumbnails; a thumbnail click swaps the main picture, and
/// choosing a colour shows that colour's picture.
#[component]
fn Gallery(
    images: Vec<ProductImage>,
    first: usize,
    alt: String,
    current: Memo<Option<Variant>>,
) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let shown = RwSignal::new(first);
    let images = StoredValue::new(images);
    // a colour chosen: its first picture
    Effect::new(move |previous: Option<Option<String>>| {
        let color = current.with(|v| {
            v.as_ref()
                .and_then(|v| v.color.as_ref())
                .map(|c| c.en.clone())
        });
        if previous.is_some_and(|p| p != color) {
            let at = images.with_value(|all| {
                all.iter()
                    .position(|i| i.color_en.is_some() && i.color_en == color)
            });
            if let Some(at) = at {
                shown.set(at);
            }
        }
        color
    });
    let alt_of = move |i: &ProductImage| {
        Some(i.alt.get(locale))
            .filter(|a| !a.is_empty())
            .unwrap_or(&alt)
            .to_string()
    };
    let main = move || {
        images.with_value(|all| {
            all.get(shown.get()).or(all.first()).map(|i| {
                view! {
                    <img class="product__image" src=i.url.clone() srcset=(!i.srcset.is_empty()).then(|| i.srcset.clone())
                        sizes="(min-width: 768px) 50vw, 100vw" alt=alt_of(i)
                        width=i.width.unwrap_or(560) height=i.height.unwrap_or(560) fetchpriority="high" data-testid="main-image"/>
                }
            })
        })
    };
    let thumbs = images.with_value(|all| {
        (all.len() > 1).then(|| {
            all.iter()
                .enumerate()
                .map(|(at, i)| {
                    let thumb = i.srcset.split(", ").next().and_then(|s| s.split(' ').next()).filter(|s| !s.is_empty()).unwrap_or(&i.url).to_string();
                    view! {
                        <li>
                            <button type="button" class="thumb" class:thumb--on=move || shown.get() == at
                                aria-label=format!("{} {}", Msg::ProductImages.text(locale), at + 1)
                                data-color=i.color_en.clone()
                                on:click=move |_| shown.set(at)>
                                <img src=thumb alt="" width="72" height="72" loading="lazy"/>
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    });
    view! {
        <div class="product__gallery">
            {main}
            <ul class="thumbs">{thumbs}</ul>
        </div>
    }
}

/// Colour and size buttons. The rules for which variant a choice leads to live in `shared`.
#[component]
fn VariantPicker(
    product: StoredValue<ProductDetail>,
    current: Memo<Option<Variant>>,
    selected: RwSignal<Option<VariantId>>,
) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let (colors, sizes) = product.with_value(|p| {
        let colors: Vec<_> = p.colors().into_iter().cloned().collect();
        let sizes: Vec<String> = p.sizes().into_iter().map(str::to_string).collect();
        (colors, sizes)
    });
    let choose = move |pick: &dyn Fn(&ProductDetail, Option<&Variant>) -> Option<VariantId>| {
        let id = product.with_value(|p| current.with(|c| pick(p, c.as_ref())));
        if id.is_some() {
            selected.set(id);
        }
    };
    let color_buttons = colors
        .into_iter()
        .map(|color| {
            let (en, en_for_pick) = (color.en.clone(), color.en.clone());
            let on = Memo::new(move |_| current.with(|c| c.as_ref().and_then(|v| v.color.as_ref()).is_some_and(|c| c.en == en)));
            let pick = move |_| choose(&|p, c| p.pick_color(c, &en_for_pick).map(|v| v.id));
            view! {
                <button type="button" class="option" class:option--on=on aria-pressed=move || on.get().to_string()
                    data-testid="color-option" on:click=pick>
                    {color.get(locale).to_string()}
                </button>
            }
        })
        .collect_view();
    let size_buttons = sizes
        .iter()
        .cloned()
        .map(|size| {
            let (s, s_pick, s_out) = (size.clone(), size.clone(), size.clone());
            let on = Memo::new(move |_| current.with(|c| c.as_ref().and_then(|v| v.size.as_deref()) == Some(s.as_str())));
            // sold out in the chosen colour: still selectable (to see it), shown struck through
            let out = move || product.with_value(|p| current.with(|c| p.size_sold_out(c.as_ref(), &s_out)));
            let pick = move |_| choose(&|p, c| p.pick_size(c, &s_pick).map(|v| v.id));
            view! {
                <button type="button" class="option" class:option--on=on class:option--out=out
                    aria-pressed=move || on.get().to_string() data-testid="size-option" on:click=pick>
                    {size}
                </button>
            }
        })
        .collect_view();
    let has_colors = product.with_value(|p| !p.colors().is_empty());
    // the staff's option names, else colour and size
    let (label1, label2) = product.with_value(|p| {
        let named = |name: &shared::catalog::Localized, default: Msg| {
            Some(name.get(locale))
                .filter(|n| !n.is_empty())
                .unwrap_or(default.text(locale))
                .to_string()
        };
        (named(&p.option1, Msg::Color), named(&p.option2, Msg::Size))
    });
    view! {
        {has_colors.then(|| view! {
            <div class="option-group">
                <p class="option-group__label">{label1}</p>
                <div class="options">{color_buttons}</div>
            </div>
        })}
        {(!sizes.is_empty()).then(|| view! {
            <div class="option-group">
                <p class="option-group__label">{label2}</p>
                <div class="options">{size_buttons}</div>
            </div>
        })}
    }
}

/// Quantity and the "Add to cart" button. Ready once the island is hydrated and the cart
/// loaded; the header's mini-cart then says what was added.
#[component]
fn AddToCart(current: Memo<Option<Variant>>, name: String) -> impl IntoView {
    let locale = use_locale();
    let cart = use_cart();
    let quantity = RwSignal::new(1_u32);
    let (pending, error) = (
        RwSignal::new(false),
        RwSignal::new(None::<shared::ApiError>),
    );
    let available = move || current.with(|v| v.as_ref().map_or(0, |v| v.available));
    // a new variant starts again from one
    Effect::new(move |_| {
        current.track();
        quantity.set(1);
    });
    let max = move || current.with(|v| v.as_ref().map_or(1, |v| v.max_quantity().max(1)));
    let add = move |_| {
        let Some(v) = current.get_untracked() else {
            return;
        };
        let Ok(q) = Quantity::new(quantity.get_untracked()) else {
            return;
        };
        let l = locale.get_untracked();
        let options: Vec<String> = v
            .color
            .as_ref()
            .map(|c| c.get(l).to_string())
            .into_iter()
            .chain(v.size.clone())
            .collect();
        let label = if options.is_empty() {
            format!("{name} × {}", q.get())
        } else {
            format!("{name} · {} × {}", options.join(" / "), q.get())
        };
        let item = CartItem {
            variant_id: v.id,
            quantity: q,
            seen_price: Some(v.price),
        };
        pending.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            if let Err(e) = cart.add(item, label).await {
                error.set(Some(e));
            }
            pending.set(false);
        });
    };
    let disabled = move || !cart.is_loaded() || pending.get() || available() <= 0;
    view! {
        <div class="buy">
            <div class="stepper" role="group" aria-label=t(Msg::Quantity)>
                <button type="button" class="stepper__button" aria-label=t(Msg::Decrease)
                    disabled=move || { quantity.get() <= 1 } on:click=move |_| quantity.update(|q| *q = q.saturating_sub(1).max(1))>"−"</button>
                <span class="stepper__value" data-testid="quantity">{move || quantity.get()}</span>
                <button type="button" class="stepper__button" aria-label=t(Msg::Increase)
                    disabled=move || { quantity.get() >= max() } on:click=move |_| quantity.update(|q| *q = (*q + 1).min(max()))>"+"</button>
            </div>
            <button type="button" class="button buy__add" disabled=disabled on:click=add data-testid="add-to-cart">
                {move || if pending.get() { t(Msg::Working)() } else { t(Msg::AddToCart)() }}
            </button>
        </div>
        <p class="form-error" role="alert">{move || error.get().map(|e| i18n::api_error_text(locale.get(), &e))}</p>
    }
}
