//! How a request travels: in-process during SSR, `fetch` in the browser.

use super::{decode, ApiResult};
use serde::de::DeserializeOwned;
use shared::{ApiError, ErrorCode};
use std::future::Future;

#[cfg(feature = "ssr")]
mod in_process {
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::Arc;

    type Call = dyn Fn(String, http::HeaderMap) -> Pin<Box<dyn Future<Output = (u16, String)> + Send>>
        + Send
        + Sync;

    /// Calls the server's API router without a network hop. Provided by the server as
    /// context for each rendered request.
    #[derive(Clone)]
    pub struct InProcessApi(Arc<Call>);

    impl InProcessApi {
        pub fn new(
            call: impl Fn(String, http::HeaderMap) -> Pin<Box<dyn Future<Output = (u16, String)> + Send>>
                + Send
                + Sync
                + 'static,
        ) -> Self {
            Self(Arc::new(call))
        }

        pub fn call(
            &self,
            path: String,
            headers: http::HeaderMap,
        ) -> Pin<Box<dyn Future<Output = (u16, String)> + Send>> {
            (self.0)(path, headers)
        }
    }

    /// The request headers worth passing on to the API: the session and the language.
    pub fn forwarded_headers() -> http::HeaderMap {
        let mut out = http::HeaderMap::new();
        if let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() {
            for name in [http::header::COOKIE, http::header::ACCEPT_LANGUAGE] {
                for value in parts.headers.get_all(&name) {
                    out.append(name.clone(), value.clone());
                }
            }
        }
        out
    }
}

#[cfg(feature = "ssr")]
pub use in_process::InProcessApi;

#[cfg(any(feature = "ssr", not(feature = "hydrate")))]
fn no_transport() -> ApiError {
    ApiError::new(ErrorCode::Network, "no way to reach the API")
}

/// GETs `path` (starting with `/api/`) and decodes the JSON answer.
pub fn get<T: DeserializeOwned + 'static>(
    path: String,
) -> impl Future<Output = ApiResult<T>> + Send + 'static {
    #[cfg(feature = "ssr")]
    {
        let api = leptos::prelude::use_context::<InProcessApi>();
        let headers = in_process::forwarded_headers();
        async move {
            match api {
                Some(api) => {
                    let (status, body) = api.call(path, headers).await;
                    decode(status, &body)
                }
                None => Err(no_transport()),
            }
        }
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        send_wrapper::SendWrapper::new(async move {
            let response = gloo_net::http::Request::get(&path)
                .header("Accept", "application/json")
                .send()
                .await
                .map_err(|e| ApiError::new(ErrorCode::Network, e.to_string()))?;
            let status = response.status();
            let body = response
                .text()
                .await
                .map_err(|e| ApiError::new(ErrorCode::Network, e.to_string()))?;
            decode(status, &body)
        })
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        let _ = path;
        async move { Err::<T, _>(no_transport()) }
    }
}
