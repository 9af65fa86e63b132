//! The shop front in the browser. Pages are server-rendered; only their islands (the
//! `#[island]` components: search box, mini-cart, product picker, cart, checkout, account
//! forms…) are compiled to WASM and hydrated, so a page downloads the code of its
//! interactive parts and not the rest of the app (router, listings, layout).
//!
//! Islands are siblings, so what several of them share lives on the root owner: the page's
//! locale, who is signed in, the cart and the wishlist. The page's loader script (`hydration.rs`) calls
//! [`start`], then each island's hydrate function, then [`islands_hydrated`].

use crate::cart::{self, Cart};
use crate::session::Session;
use crate::wishlist::{self, Wishlist};
use leptos::prelude::*;
use shared::Locale;

/// Sets up the root owner and what every island reads from it.
pub fn start() {
    leptos::mount::hydrate_islands();
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let locale = Locale::split_path(&path).0;
    provide_context(Memo::new(move |_| locale));
    provide_context(Session::unknown());
    provide_context(Cart::empty());
    provide_context(Wishlist::empty());
}

/// Once every island has hydrated (each rendered as the server did, for a visitor not yet
/// known): asks who is signed in and loads the cart and the wishlist from the server or
/// from IndexedDB.
pub fn islands_hydrated() {
    let (Some(session), Some(cart), Some(kept)) = (
        use_context::<Session>(),
        use_context::<Cart>(),
        use_context::<Wishlist>(),
    ) else {
        return;
    };
    leptos::task::spawn_local(async move {
        let me = crate::api::me().await;
        let customer = me.is_ok();
        session.0.set(Some(me));
        // (a workspace-wide check builds `hydrate` and `ssr` together; only the browser
        // build loads a cart)
        #[cfg(not(feature = "ssr"))]
        {
            cart::load(cart, customer).await;
            wishlist::load(kept, customer).await;
        }
        #[cfg(feature = "ssr")]
        let _ = (cart, kept, customer);
    });
}
