//! How a request travels: in-process during server-side rendering (the server's API router
//! called without a network hop, with the shopper's cookies), `fetch` in the browser. Both
//! apps build their typed clients on [`get`] and [`send`].

use serde::de::DeserializeOwned;
use shared::{ApiError, ErrorCode};
use std::future::Future;

pub type ApiResult<T> = Result<T, ApiError>;

/// Turns a status and body into the typed result (an `ApiError` body on failure).
pub fn decode<T: DeserializeOwned>(status: u16, body: &str) -> ApiResult<T> {
    if (200..300).contains(&status) {
        serde_json::from_str(body)
            .map_err(|e| ApiError::new(ErrorCode::Internal, format!("unexpected response: {e}")))
    } else {
        Err(serde_json::from_str::<ApiError>(body).unwrap_or_else(|_| {
            let code = match status {
                400 | 422 => ErrorCode::BadRequest,
                401 => ErrorCode::Unauthorized,
                403 => ErrorCode::Forbidden,
                404 => ErrorCode::NotFound,
                503 => ErrorCode::Unavailable,
                _ => ErrorCode::Internal,
            };
            ApiError::new(code, format!("HTTP {status}"))
        }))
    }
}

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

#[cfg(not(all(feature = "browser", not(feature = "ssr"))))]
fn no_transport() -> ApiError {
    ApiError::new(ErrorCode::Network, "no way to reach the API")
}

/// GETs `path` (starting with `/api/`) and decodes the JSON answer.
pub fn get<T: DeserializeOwned + 'static>(
    path: String,
) -> impl Future<Output = ApiResult<T>> + Send + 'static {
    get_with(path, Vec::new())
}

/// GETs `path` with extra request headers.
pub fn get_with<T: DeserializeOwned + 'static>(
    path: String,
    headers: Vec<(&'static str, String)>,
) -> impl Future<Output = ApiResult<T>> + Send + 'static {
    #[cfg(feature = "ssr")]
    {
        let _ = headers;
        let api = leptos::prelude::use_context::<InProcessApi>();
        let forwarded = in_process::forwarded_headers();
        async move {
            match api {
                Some(api) => {
                    let (status, body) = api.call(path, forwarded).await;
                    decode(status, &body)
                }
                None => Err(no_transport()),
            }
        }
    }
    #[cfg(all(feature = "browser", not(feature = "ssr")))]
    {
        send_wrapper::SendWrapper::new(async move {
            let mut request =
                gloo_net::http::Request::get(&path).header("Accept", "application/json");
            for (name, value) in &headers {
                request = request.header(name, value);
            }
            let response = request
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
    #[cfg(not(any(feature = "ssr", feature = "browser")))]
    {
        let _ = (path, headers);
        async move { Err::<T, _>(no_transport()) }
    }
}

/// POSTs JSON from the browser with the CSRF header (the `sk_csrf` cookie's value) and
/// decodes the answer; `T = ()` for empty answers. Forms call this only after hydration;
/// on the server it is never reached.
pub fn post<T: DeserializeOwned + 'static>(
    path: String,
    body: serde_json::Value,
) -> impl Future<Output = ApiResult<T>> + 'static {
    send(Method::Post, path, Some(body), Vec::new())
}

/// The state-changing methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Post,
    Put,
    Delete,
}

/// Sends a state-changing request from the browser: JSON body (if any), the CSRF header and
/// `headers` (e.g. `Idempotency-Key`); decodes the answer.
pub fn send<T: DeserializeOwned + 'static>(
    method: Method,
    path: String,
    body: Option<serde_json::Value>,
    headers: Vec<(&'static str, String)>,
) -> impl Future<Output = ApiResult<T>> + 'static {
    #[cfg(all(feature = "browser", not(feature = "ssr")))]
    {
        async move {
            use gloo_net::http::RequestBuilder;
            let mut builder = match method {
                Method::Post => RequestBuilder::new(&path).method(gloo_net::http::Method::POST),
                Method::Put => RequestBuilder::new(&path).method(gloo_net::http::Method::PUT),
                Method::Delete => RequestBuilder::new(&path).method(gloo_net::http::Method::DELETE),
            }
            .header("Accept", "application/json")
            .header("X-CSRF-Token", &csrf_cookie());
            for (name, value) in &headers {
                builder = builder.header(name, value);
            }
            let request = match body {
                Some(body) => builder
                    .json(&body)
                    .map_err(|e| ApiError::new(ErrorCode::BadRequest, e.to_string()))?,
                None => builder
                    .build()
                    .map_err(|e| ApiError::new(ErrorCode::BadRequest, e.to_string()))?,
            };
            let response = request
                .send()
                .await
                .map_err(|e| ApiError::new(ErrorCode::Network, e.to_string()))?;
            let status = response.status();
            let text = response
                .text()
                .await
                .map_err(|e| ApiError::new(ErrorCode::Network, e.to_string()))?;
            // 201/204 with an empty body decode as `null`
            decode(status, if text.is_empty() { "null" } else { &text })
        }
    }
    #[cfg(not(all(feature = "browser", not(feature = "ssr"))))]
    {
        let _ = (method, path, body, headers);
        async move { Err::<T, _>(no_transport()) }
    }
}

/// POSTs a file (a picture, a CSV) as the request body, with its content type and the CSRF
/// header; the browser streams it without copying it into the app's memory.
#[cfg(all(feature = "browser", not(feature = "ssr")))]
pub async fn send_blob<T: DeserializeOwned + 'static>(
    path: String,
    blob: web_sys::Blob,
    content_type: String,
) -> ApiResult<T> {
    let response = post_blob(path, blob, &content_type, "application/json").await?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| ApiError::new(ErrorCode::Network, e.to_string()))?;
    decode(status, if text.is_empty() { "null" } else { &text })
}

/// Sends `blob` with its content type and the CSRF header.
#[cfg(all(feature = "browser", not(feature = "ssr")))]
async fn post_blob(
    path: String,
    blob: web_sys::Blob,
    content_type: &str,
    accept: &str,
) -> ApiResult<gloo_net::http::Response> {
    gloo_net::http::RequestBuilder::new(&path)
        .method(gloo_net::http::Method::POST)
        .header("Accept", accept)
        .header("Content-Type", content_type)
        .header("X-CSRF-Token", &csrf_cookie())
        .body(wasm_bindgen::JsValue::from(blob))
        .map_err(|e| ApiError::new(ErrorCode::BadRequest, e.to_string()))?
        .send()
        .await
        .map_err(|e| ApiError::new(ErrorCode::Network, e.to_string()))
}

/// POSTs a file like [`send_blob`] to an address that answers lines of JSON
/// (`application/x-ndjson`) as it works: `on_line` hears each line when it arrives (a
/// progress bar), an error status is the usual error.
#[cfg(all(feature = "browser", not(feature = "ssr")))]
pub async fn send_blob_lines(
    path: String,
    blob: web_sys::Blob,
    content_type: String,
    mut on_line: impl FnMut(&str),
) -> ApiResult<()> {
    use wasm_bindgen::JsCast;
    let network = |e: String| ApiError::new(ErrorCode::Network, e);
    let response = post_blob(
        path,
        blob,
        &content_type,
        "application/x-ndjson, application/json",
    )
    .await?;
    let status = response.status();
    if !(200..300).contains(&status) {
        let text = response.text().await.map_err(|e| network(e.to_string()))?;
        return decode::<()>(status, &text);
    }
    let Some(body) = response.body() else {
        return Ok(());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|_| network("no reader".into()))?;
    let mut pending: Vec<u8> = Vec::new();
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .map_err(|e| network(format!("{e:?}")))?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            if let Ok(bytes) = value.dyn_into::<js_sys::Uint8Array>() {
                pending.extend(bytes.to_vec());
            }
        }
        while let Some(end) = pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = pending.drain(..=end).collect();
            let text = String::from_utf8_lossy(&line);
            if !text.trim().is_empty() {
                on_line(text.trim());
            }
        }
        if done {
            break;
        }
    }
    let rest = String::from_utf8_lossy(&pending);
    if !rest.trim().is_empty() {
        on_line(rest.trim());
    }
    Ok(())
}

/// The value of a cookie the page's script may read.
pub fn cookie(name: &str) -> Option<String> {
    #[cfg(all(feature = "browser", not(feature = "ssr")))]
    {
        use wasm_bindgen::JsCast;
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|d| d.cookie().ok())
            .and_then(|all| {
                all.split(';')
                    .filter_map(|c| c.trim().split_once('='))
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            })
    }
    #[cfg(not(all(feature = "browser", not(feature = "ssr"))))]
    {
        let _ = name;
        None
    }
}

#[cfg(all(feature = "browser", not(feature = "ssr")))]
fn csrf_cookie() -> String {
    cookie("sk_csrf").unwrap_or_default()
}

/// Leaves the page for `path` with a full load, so the whole page (header included) shows
/// the new state (signed in, signed out).
pub fn go_to(path: &str) {
    #[cfg(feature = "browser")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(path);
    }
    #[cfg(not(feature = "browser"))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_success_and_errors() {
        let ok: ApiResult<Vec<i32>> = decode(200, "[1,2]");
        assert_eq!(ok, Ok(vec![1, 2]));
        let err: ApiResult<Vec<i32>> = decode(404, r#"{"code":"not_found","message":"x"}"#);
        assert_eq!(err.unwrap_err().code, ErrorCode::NotFound);
        let err: ApiResult<Vec<i32>> = decode(502, "<html>");
        assert_eq!(err.unwrap_err().code, ErrorCode::Internal);
        let err: ApiResult<Vec<i32>> = decode(401, "");
        assert_eq!(err.unwrap_err().code, ErrorCode::Unauthorized);
    }
}
