//! Old addresses: when staff change a product's, category's or brand's slug, the old page
//! answers 301 to the new one (search engines move their ranking over), and a link someone
//! saved keeps working.

use crate::api::{self, ApiResult};
use crate::i18n::use_locale;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::catalog::SlugOwner;
use shared::ErrorCode;

/// A page looked up by slug: found, moved to another slug, or not there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Lookup<T> {
    Found(T),
    Moved(String),
    Missing,
}

/// Looks the page up; when there is none, asks whether its slug moved.
pub async fn look_up<T>(
    owner: SlugOwner,
    slug: String,
    page: impl std::future::Future<Output = ApiResult<T>>,
) -> ApiResult<Lookup<T>> {
    match page.await {
        Ok(found) => Ok(Lookup::Found(found)),
        Err(e) if matches!(e.code, ErrorCode::NotFound | ErrorCode::BadRequest) => {
            match api::moved(owner, &slug).await {
                Ok(m) => Ok(Lookup::Moved(m.slug)),
                Err(_) => Ok(Lookup::Missing),
            }
        }
        Err(e) => Err(e),
    }
}

/// The path (without the language prefix) of a page of `owner` with `slug`.
pub fn page_path(owner: SlugOwner, slug: &str) -> String {
    match owner {
        SlugOwner::Product => format!("/products/{slug}"),
        SlugOwner::Category => format!("/categories/{slug}"),
        SlugOwner::Brand => format!("/brands/{slug}"),
    }
}

/// Sends the visitor on to the page's new address: a 301 from the server (pages are
/// rendered there; the link is for a client that does not follow redirects).
#[component]
pub fn MovedTo(owner: SlugOwner, slug: String) -> impl IntoView {
    let to = use_locale()
        .get_untracked()
        .localize(&page_path(owner, &slug));
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(location)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&to),
    ) {
        options.set_status(http::StatusCode::MOVED_PERMANENTLY);
        options.insert_header(http::header::LOCATION, location);
    }
    view! { <p class="muted"><a href=to.clone()>{to.clone()}</a></p> }
}

/// For pages that find out late that their slug names nothing (a category missing from the
/// list): asks whether it moved, then sends on or shows the 404 page.
#[component]
pub fn MovedOrNotFound(owner: SlugOwner, slug: String) -> impl IntoView {
    let moved = Resource::new(move || slug.clone(), move |slug| api::moved(owner, &slug));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match moved.await {
                    Ok(m) => view! { <MovedTo owner slug=m.slug/> }.into_any(),
                    Err(_) => view! { <crate::pages::not_found::NotFound/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
