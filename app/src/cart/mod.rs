//! The shopper's cart as the pages see it: one list of items in a signal, kept in the
//! browser's IndexedDB for guests and on the server for signed-in customers. The header's
//! badge, the product page's button, the cart page and checkout all share it.
//!
//! Nothing here runs during server rendering: the cart is loaded after the page's islands
//! have hydrated, so the first paint of every page is the same for everyone (and cacheable).

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub(crate) mod local;

use crate::api::{self, ApiResult};
use leptos::prelude::*;
use shared::cart::{self, CartItem};
use shared::ids::VariantId;
use shared::pricing::Quantity;
use shared::{ApiError, ErrorCode};

/// Where the cart lives: decided once the page knows who is signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeper {
    Browser,
    Server,
}

#[derive(Clone, Copy)]
pub struct Cart {
    pub items: RwSignal<Vec<CartItem>>,
    /// `None` until loaded (after hydration).
    pub keeper: RwSignal<Option<Keeper>>,
    /// What was just added, for the header's mini-cart panel.
    pub just_added: RwSignal<Option<String>>,
}

impl Cart {
    /// Not loaded yet: how the server renders every island, and how the browser starts.
    pub fn empty() -> Cart {
        Cart {
            items: RwSignal::new(Vec::new()),
            keeper: RwSignal::new(None),
            just_added: RwSignal::new(None),
        }
    }

    pub fn unit_count(&self) -> u32 {
        self.items.with(|i| cart::unit_count(i))
    }

    pub fn is_loaded(&self) -> bool {
        self.keeper.get().is_some()
    }

    /// Puts a variant in the cart; `label` is what the mini-cart says was added.
    pub async fn add(&self, item: CartItem, label: String) -> ApiResult<()> {
        match self.keeper.get_untracked() {
            Some(Keeper::Server) => self.items.set(api::cart_add(&item).await?),
            _ => {
                let mut items = self.items.get_untracked();
                if !cart::add_item(&mut items, item) {
                    return Err(
                        ApiError::new(ErrorCode::Validation, "cart full").with_problem("cart_full")
                    );
                }
                self.store_locally(items).await?;
            }
        }
        self.just_added.set(Some(label));
        Ok(())
    }

    pub async fn set_quantity(&self, variant: VariantId, quantity: Quantity) -> ApiResult<()> {
        match self.keeper.get_untracked() {
            Some(Keeper::Server) => self.items.set(api::cart_set(variant, quantity).await?),
            _ => {
                let mut items = self.items.get_untracked();
                for item in items.iter_mut().filter(|i| i.variant_id == variant) {
                    item.quantity = quantity;
                }
                self.store_locally(items).await?;
            }
        }
        Ok(())
    }

    pub async fn remove(&self, variant: VariantId) -> ApiResult<()> {
        match self.keeper.get_untracked() {
            Some(Keeper::Server) => self.items.set(api::cart_remove(variant).await?),
            _ => {
                let mut items = self.items.get_untracked();
                items.retain(|i| i.variant_id != variant);
                self.store_locally(items).await?;
            }
        }
        Ok(())
    }

    /// After an order: the server already took the ordered lines out of a customer's cart;
    /// a guest's browser cart is emptied here.
    pub async fn ordered(&self) {
        match self.keeper.get_untracked() {
            Some(Keeper::Server) => {
                if let Ok(items) = api::cart().await {
                    self.items.set(items);
                }
            }
            _ => {
                let _ = self.store_locally(Vec::new()).await;
            }
        }
    }

    async fn store_locally(&self, items: Vec<CartItem>) -> ApiResult<()> {
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        local::save(&items).await.map_err(|e| {
            ApiError::new(ErrorCode::Internal, format!("could not keep the cart: {e}"))
        })?;
        self.items.set(items);
        Ok(())
    }
}

/// The page's cart (on the root owner in the browser, see `browser`).
pub fn use_cart() -> Cart {
    use_context::<Cart>().unwrap_or_else(|| {
        let cart = Cart::empty();
        provide_context(cart);
        cart
    })
}

/// Loads the cart once the page knows who is signed in: from the server for a customer,
/// else from IndexedDB.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub async fn load(cart: Cart, customer: bool) {
    if customer {
        cart.items.set(api::cart().await.unwrap_or_default());
        cart.keeper.set(Some(Keeper::Server));
    } else {
        cart.items.set(local::load().await.unwrap_or_default());
        cart.keeper.set(Some(Keeper::Browser));
    }
}

/// Where a page leaves the cart's unit count for the next page's first paint (the header's
/// inline script reads it by this name).
pub const UNITS_KEY: &str = "sk_cart_units";

/// Keeps `units` for the next page's first paint.
pub fn remember_units(units: u32) {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(UNITS_KEY, &units.to_string());
    }
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    let _ = units;
}

/// At logout: the next visitor of this browser must not see this customer's count.
pub fn forget_units() {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(UNITS_KEY);
    }
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// At login or registration: the guest cart joins the customer's saved one on the server,
/// then leaves the browser. A failure keeps the guest cart where it is.
pub async fn hand_over_guest_cart() {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        let items = local::load().await.unwrap_or_default();
        if !items.is_empty() && api::cart_merge(&items).await.is_ok() {
            let _ = local::save(&[]).await;
        }
    }
}
