//! Sending a shop-front form: while it is on its way the button waits; once done the page
//! at `then` is loaded (showing the result as the server has it); a refusal shows in the
//! form and it may be sent again.

use leptos::prelude::*;
use shared::ApiError;
use std::future::Future;

/// Sends `request`; done → `then(answer)`'s page, else the refusal in `error`.
pub fn send<T: 'static>(
    request: impl Future<Output = ui::api::ApiResult<T>> + 'static,
    pending: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    then: impl FnOnce(T) -> String + 'static,
) {
    pending.set(true);
    error.set(None);
    leptos::task::spawn_local(async move {
        match request.await {
            Ok(answer) => crate::api::go_to(&then(answer)),
            Err(e) => {
                error.set(Some(e));
                pending.set(false);
            }
        }
    });
}
