//! The heart (收藏) that keeps a product in the wishlist or lets it go: on product pages
//! beside "Add to cart", on every card of a listing, and on the wishlist page itself. The
//! server renders it unpressed; once the page knows the shopper's wishlist it shows theirs.

use crate::i18n::{api_error_text, t, use_locale, Msg};
use crate::wishlist::use_wishlist;
use leptos::prelude::*;
use shared::ApiError;

/// The heart for product `slug`; `labelled`: with its words ("收藏" / "已收藏") beside it.
#[component]
pub fn WishToggle(slug: String, #[prop(optional)] labelled: bool) -> impl IntoView {
    let locale = use_locale();
    let list = use_wishlist();
    let slug = StoredValue::new(slug);
    let kept = Memo::new(move |_| slug.with_value(|s| list.has(s)));
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let toggle = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if pending.get_untracked() || list.keeper.get_untracked().is_none() {
            return;
        }
        pending.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            if let Err(e) = list.toggle(&slug.get_value()).await {
                error.set(Some(e));
            }
            pending.set(false);
        });
    };
    let words = move || {
        if kept.get() {
            t(Msg::Kept)()
        } else {
            t(Msg::Keep)()
        }
    };
    view! {
        <span class="wish" class:wish--labelled=labelled>
            <button type="button" class="wish__button" class:wish__button--on=move || kept.get()
                aria-pressed=move || kept.get().to_string() aria-label=words
                title=words disabled=move || pending.get() data-testid="wish" data-product=slug.get_value()
                on:click=toggle>
                <span class="wish__heart" aria-hidden="true">{move || if kept.get() { "♥" } else { "♡" }}</span>
                {labelled.then(|| view! { <span class="wish__words">{words}</span> })}
            </button>
            {move || error.get().map(|e| view! {
                <span class="wish__error" role="alert">{api_error_text(locale.get(), &e)}</span>
            })}
        </span>
    }
}

/// A listing card's heart, an island of its own (the card around it is static).
#[island]
pub fn WishHeart(slug: String) -> impl IntoView {
    view! { <WishToggle slug/> }
}
