//! `/account/wishlist` (我的收藏): the products the shopper keeps, as cards with their
//! hearts — a customer's from their account, a guest's from this browser (which joins the
//! account at sign-in). The server renders the page's frame; the list is the browser's to
//! fill, since only it knows a guest's.

use crate::api;
use crate::cart::Keeper;
use crate::components::product_card::ProductCard;
use crate::components::wish_button::WishToggle;
use crate::i18n::{api_error_text, t, use_locale, Msg, Portal};
use crate::seo::PageMeta;
use crate::wishlist::use_wishlist;
use leptos::prelude::*;
use shared::catalog::ProductSummary;
use shared::ApiError;

#[component]
pub fn MyWishlistPage() -> impl IntoView {
    let l = use_locale().get_untracked();
    view! {
        <PageMeta title=Portal::Wishlist.text(l) description=Portal::WishlistIntro.text(l) path="/account/wishlist" noindex=true/>
        <section class="wishlist">
            <h1>{Portal::Wishlist.text(l)}</h1>
            <p class="muted">{Portal::WishlistIntro.text(l)}</p>
            <WishlistView/>
        </section>
    }
}

/// The kept products' cards, once the page knows the shopper's wishlist; a heart let go
/// takes its card off the page.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn WishlistView() -> impl IntoView {
    let locale = use_locale();
    let list = use_wishlist();
    let cards = RwSignal::new(None::<Result<Vec<ProductSummary>, ApiError>>);
    // once the wishlist is loaded: its cards, asked for once
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) {
            return true;
        }
        let Some(keeper) = list.keeper.get() else {
            return false;
        };
        let slugs = list.slugs.get_untracked();
        leptos::task::spawn_local(async move {
            let got = match keeper {
                Keeper::Server => api::my_wishlist().await,
                Keeper::Browser if slugs.is_empty() => Ok(Vec::new()),
                Keeper::Browser => api::wishlist_cards(&slugs).await,
            };
            cards.set(Some(got));
        });
        true
    });
    let guest = move || list.keeper.get() == Some(Keeper::Browser);
    let login = move || {
        let l = locale.get();
        format!(
            "{}?next={}",
            l.localize("/account/login"),
            shared::url::encode_component(&l.localize("/account/wishlist"))
        )
    };
    let body = move || match cards.get() {
        None => view! { <p class="muted">{t(Msg::Loading)}</p> }.into_any(),
        Some(Err(e)) => {
            view! { <p class="form-error" role="alert">{api_error_text(locale.get(), &e)}</p> }
                .into_any()
        }
        Some(Ok(all)) => {
            let shown: Vec<ProductSummary> =
                all.into_iter().filter(|c| list.has(&c.slug)).collect();
            if shown.is_empty() {
                view! {
                    <p class="muted" data-testid="wishlist-empty">{t(Portal::WishlistEmpty)}" "
                        <a href=move || locale.get().localize("/")>{t(Msg::ContinueShopping)}</a>
                    </p>
                }
                .into_any()
            } else {
                let tiles = shown
                    .into_iter()
                    .map(|product| {
                        let slug = product.slug.clone();
                        view! { <li class="product-tile" data-testid="wishlist-item"><ProductCard product/><WishToggle slug/></li> }
                    })
                    .collect_view();
                view! { <ul class="product-grid" data-testid="wishlist">{tiles}</ul> }.into_any()
            }
        }
    };
    view! {
        <Show when=guest>
            <p class="notice notice--slim" data-testid="wishlist-guest">{t(Portal::WishlistOnDevice)}" "
                <a href=login>{t(Msg::LogIn)}</a>
            </p>
        </Show>
        {body}
    }
}
