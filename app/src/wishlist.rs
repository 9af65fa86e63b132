//! The shopper's wishlist (收藏) as the pages see it: the kept products' slugs in a signal,
//! kept in the browser's IndexedDB for guests and on the server for customers, like the
//! cart (see `cart`). Every heart on the page reads it; it is loaded after hydration, so
//! every page's first paint is the same for everyone.

use crate::api::{self, ApiResult};
use crate::cart::Keeper;
use leptos::prelude::*;
use shared::{wishlist, ApiError, ErrorCode};

/// Where the browser keeps a guest's wishlist (beside the guest cart).
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
const RECORD: &str = "wishlist";

#[derive(Clone, Copy)]
pub struct Wishlist {
    /// The kept products' slugs, the newest first.
    pub slugs: RwSignal<Vec<String>>,
    /// `None` until loaded (after hydration).
    pub keeper: RwSignal<Option<Keeper>>,
}

impl Wishlist {
    pub fn empty() -> Wishlist {
        Wishlist {
            slugs: RwSignal::new(Vec::new()),
            keeper: RwSignal::new(None),
        }
    }

    pub fn has(&self, slug: &str) -> bool {
        self.slugs.with(|s| s.iter().any(|k| k == slug))
    }

    /// Keeps product `slug`, or lets it go when kept already.
    pub async fn toggle(&self, slug: &str) -> ApiResult<()> {
        let kept = self.slugs.with_untracked(|s| s.iter().any(|k| k == slug));
        match self.keeper.get_untracked() {
            Some(Keeper::Server) => {
                let now = if kept {
                    api::wishlist_forget(slug).await?
                } else {
                    api::wishlist_keep(slug).await?
                };
                self.slugs.set(now);
            }
            _ => {
                let mut list = self.slugs.get_untracked();
                if kept {
                    wishlist::remove(&mut list, slug);
                } else if !wishlist::add(&mut list, slug) {
                    return Err(ApiError::new(ErrorCode::Conflict, "wishlist full")
                        .with_problem("wishlist_full"));
                }
                store_locally(&list).await?;
                self.slugs.set(list);
            }
        }
        Ok(())
    }
}

async fn store_locally(list: &[String]) -> ApiResult<()> {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    crate::cart::local::save_record(RECORD, list)
        .await
        .map_err(|e| {
            ApiError::new(
                ErrorCode::Internal,
                format!("could not keep the wishlist: {e}"),
            )
        })?;
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    let _ = list;
    Ok(())
}

/// The page's wishlist (on the root owner in the browser, see `browser`).
pub fn use_wishlist() -> Wishlist {
    use_context::<Wishlist>().unwrap_or_else(|| {
        let list = Wishlist::empty();
        provide_context(list);
        list
    })
}

/// Loads the wishlist once the page knows who is signed in.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub async fn load(list: Wishlist, customer: bool) {
    if customer {
        let cards = api::my_wishlist().await.unwrap_or_default();
        list.slugs.set(cards.into_iter().map(|c| c.slug).collect());
        list.keeper.set(Some(Keeper::Server));
    } else {
        let kept = crate::cart::local::load_record::<String>(RECORD)
            .await
            .unwrap_or_default();
        list.slugs.set(kept);
        list.keeper.set(Some(Keeper::Browser));
    }
}

/// At login or registration: the guest's wishlist joins the customer's on the server, then
/// leaves the browser. A failure keeps it where it is.
pub async fn hand_over_guest_wishlist() {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        let kept = crate::cart::local::load_record::<String>(RECORD)
            .await
            .unwrap_or_default();
        if !kept.is_empty() && api::wishlist_merge(&kept).await.is_ok() {
            let _ = crate::cart::local::save_record::<String>(RECORD, &[]).await;
        }
    }
}
