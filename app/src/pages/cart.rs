//! The cart page: every line checked against the shop (current price, stock, still sold),
//! quantities and removal, the subtotal and the way to checkout. Loaded in the browser
//! (the cart is the shopper's own), so the server sends only the frame.

use crate::cart::{use_cart, Cart};
use crate::i18n::{self, api_error_text, t, use_locale, Msg};
use crate::seo::PageMeta;
use leptos::prelude::*;
use shared::cart::{LineProblem, Quote, QuoteRequest, QuotedLine};
use shared::pricing::Quantity;
use shared::{ApiError, ErrorCode, Locale};

/// The cart's quote, following the items; `None` while the cart or the quote loads.
pub fn use_cart_quote(cart: Cart) -> LocalResource<Option<Result<Quote, ApiError>>> {
    LocalResource::new(move || {
        let items = cart.items.get();
        let loaded = cart.is_loaded();
        async move {
            if !loaded || items.is_empty() {
                return None;
            }
            let req = QuoteRequest {
                items,
                ..QuoteRequest::default()
            };
            Some(crate::api::quote(&req).await)
        }
    })
}

/// While the cart loads, "Loading…"; an empty cart, the way back to the shop; else `None`.
pub fn not_ready(cart: Cart, locale: Locale) -> Option<AnyView> {
    if !cart.is_loaded() {
        return Some(view! { <p class="muted">{Msg::Loading.text(locale)}</p> }.into_any());
    }
    cart.items.with(Vec::is_empty).then(|| {
        view! {
            <div class="empty-state" data-testid="cart-empty">
                <p>{Msg::CartEmpty.text(locale)}</p>
                <a class="button" href=locale.localize("/")>{Msg::ContinueShopping.text(locale)}</a>
            </div>
        }
        .into_any()
    })
}

#[component]
pub fn CartPage() -> impl IntoView {
    let l = use_locale().get_untracked();
    view! {
        <PageMeta title=Msg::Cart.text(l) description=Msg::Cart.text(l) path="/cart" noindex=true/>
        <h1 class="page-title">{t(Msg::Cart)}</h1>
        <CartView/>
    }
}

/// The lines, their quote and the way to checkout: an island (the cart is the browser's).
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
fn CartView() -> impl IntoView {
    let locale = use_locale();
    let cart = use_cart();
    let quote = use_cart_quote(cart);
    let error = RwSignal::new(None::<ApiError>);
    let body = move || {
        let loc = locale.get();
        if let Some(waiting) = not_ready(cart, loc) {
            return waiting;
        }
        match quote.get().flatten() {
            None => view! { <p class="muted">{Msg::Loading.text(loc)}</p> }.into_any(),
            Some(Err(e)) if e.code == ErrorCode::Network => {
                view! { <p class="notice" data-testid="cart-offline">{Msg::CartOffline.text(loc)}</p> }.into_any()
            }
            Some(Err(e)) => view! { <p class="form-error">{api_error_text(loc, &e)}</p> }.into_any(),
            Some(Ok(q)) => view! { <CartContents quote=q error/> }.into_any(),
        }
    };
    view! {
        {body}
        <p class="form-error" role="alert">{move || error.get().map(|e| api_error_text(locale.get(), &e))}</p>
    }
}

#[component]
fn CartContents(quote: Quote, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let orderable = quote.orderable;
    let units = quote.item_count();
    let lines = quote
        .lines
        .into_iter()
        .map(|line| view! { <CartLine line error/> })
        .collect_view();
    view! {
        <div class="cart">
            <ul class="cart__lines" data-testid="cart-lines">{lines}</ul>
            <aside class="cart__summary summary-card">
                <dl class="totals">
                    <dt>{Msg::Subtotal.text(locale)}" ("{i18n::unit_count(locale, units)}")"</dt>
                    <dd data-testid="cart-subtotal">{quote.totals.items.to_string()}</dd>
                </dl>
                <p class="muted small">{Msg::ShippingAtCheckout.text(locale)}</p>
                {if orderable {
                    view! { <a class="button button--wide" href=locale.localize("/checkout") data-testid="checkout">{Msg::Checkout.text(locale)}</a> }.into_any()
                } else {
                    view! {
                        <button class="button button--wide" type="button" disabled data-testid="checkout">{Msg::Checkout.text(locale)}</button>
                        <p class="form-error small">{Msg::FixCartFirst.text(locale)}</p>
                    }.into_any()
                }}
            </aside>
        </div>
    }
}

#[component]
fn CartLine(line: QuotedLine, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let locale = use_locale().get_untracked();
    let cart = use_cart();
    let variant = line.variant_id;
    let quantity = line.quantity.get();
    let pending = RwSignal::new(false);
    let run =
        move |work: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ApiError>>>>| {
            pending.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                if let Err(e) = work.await {
                    error.set(Some(e));
                }
                pending.set(false);
            });
        };
    let set = move |q: u32| {
        if let Ok(q) = Quantity::new(q) {
            run(Box::pin(async move { cart.set_quantity(variant, q).await }));
        }
    };
    let remove = move |_| run(Box::pin(async move { cart.remove(variant).await }));
    let max = line
        .product
        .as_ref()
        .map_or(1, |p| p.available.clamp(1, i64::from(Quantity::MAX)));
    let problem = line
        .problem
        .map(|p| problem_text(locale, p, line.unit_price));
    let blocking = line.problem.is_some_and(LineProblem::blocks_checkout);
    let (image, name, href, options, sku) = match &line.product {
        Some(p) => (
            p.image.clone(),
            p.name.get(locale).to_string(),
            Some(locale.localize(&format!("/products/{}", p.slug))),
            p.color
                .as_ref()
                .map(|c| c.get(locale).to_string())
                .into_iter()
                .chain(p.size.clone())
                .collect::<Vec<_>>()
                .join(" / "),
            p.sku.clone(),
        ),
        None => (
            "/img/placeholder.svg".to_string(),
            Msg::LineUnavailable.text(locale).to_string(),
            None,
            String::new(),
            String::new(),
        ),
    };
    view! {
        <li class="cart-line" class:cart-line--problem=blocking data-testid="cart-line">
            <img class="cart-line__image" src=image alt="" width="88" height="88"/>
            <div class="cart-line__info">
                {match href {
                    Some(h) => view! { <a class="cart-line__name" href=h>{name}</a> }.into_any(),
                    None => view! { <span class="cart-line__name">{name}</span> }.into_any(),
                }}
                <p class="muted small">{options}" "<span class="sku">{sku}</span></p>
                <p class="small">{line.unit_price.map(|p| p.to_string())}</p>
                {problem.map(|text| view! {
                    <p class="cart-line__problem" class:cart-line__problem--info=!blocking data-testid="line-problem">{text}</p>
                })}
            </div>
            <div class="cart-line__actions">
                <div class="stepper" role="group" aria-label=Msg::Quantity.text(locale)>
                    <button type="button" class="stepper__button" aria-label=Msg::Decrease.text(locale)
                        disabled=move || { pending.get() || quantity <= 1 } on:click=move |_| set(quantity - 1)>"−"</button>
                    <span class="stepper__value" data-testid="line-quantity">{quantity}</span>
                    <button type="button" class="stepper__button" aria-label=Msg::Increase.text(locale)
                        disabled=move || { pending.get() || i64::from(quantity) >= max } on:click=move |_| set(quantity + 1)>"+"</button>
                </div>
                <strong class="cart-line__total" data-testid="line-total">{line.line_total.map(|m| m.to_string())}</strong>
                <button type="button" class="link-button" disabled=move || pending.get() on:click=remove data-testid="remove-line">
                    {Msg::Remove.text(locale)}
                </button>
            </div>
        </li>
    }
}

fn problem_text(locale: Locale, problem: LineProblem, now: Option<shared::Money>) -> String {
    match problem {
        LineProblem::Unavailable => Msg::LineUnavailable.text(locale).to_string(),
        LineProblem::OutOfStock => Msg::LineOutOfStock.text(locale).to_string(),
        LineProblem::NotEnoughStock { available } => i18n::not_enough_stock(locale, available),
        LineProblem::PriceChanged { was } => i18n::price_changed(locale, was, now.unwrap_or(was)),
    }
}
