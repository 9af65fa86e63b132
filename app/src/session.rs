//! Who is signed in, as the islands see it. The server renders every island as for a page
//! whose visitor is not known yet (so anonymous pages can be cached and hydrate exactly);
//! the browser asks once per page, after the islands are hydrated (see `browser`).

use crate::api::ApiResult;
use leptos::prelude::*;
use shared::customers::Me;

/// `None` until the browser has asked; then the customer, or an error when nobody is
/// signed in.
#[derive(Clone, Copy)]
pub struct Session(pub RwSignal<Option<ApiResult<Me>>>);

impl Session {
    pub fn unknown() -> Session {
        Session(RwSignal::new(None))
    }
}

pub fn use_session() -> RwSignal<Option<ApiResult<Me>>> {
    use_context::<Session>()
        .unwrap_or_else(|| {
            let session = Session::unknown();
            provide_context(session);
            session
        })
        .0
}
