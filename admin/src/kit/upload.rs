//! Picture uploads: a file chooser that sends the chosen JPEG, PNG or WebP to the media
//! library (`POST /api/v1/admin/media`) and hands back what the server made of it (web
//! sizes in WebP). Too large a file is refused before it is sent.

use leptos::prelude::*;
use shared::catalog::admin::Uploaded;
use ui::i18n::use_locale;
use wasm_bindgen::JsCast;

/// The most the server takes (10 MB).
pub const MAX_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// Uploads a picture to the media library.
pub fn upload(
    file: web_sys::File,
) -> impl std::future::Future<Output = ui::api::ApiResult<Uploaded>> {
    crate::api::send_file("/api/v1/admin/media".to_string(), file)
}

/// The file a file input holds, if any.
pub fn chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0))
}

/// A button that chooses a picture and uploads it; `on_uploaded` gets the result. While
/// it uploads the button says so; a refusal shows below it in the person's language.
#[component]
pub fn ImageUpload(
    on_uploaded: Callback<Uploaded>,
    #[prop(into)] label: Signal<&'static str>,
    /// `data-testid` of the file input.
    #[prop(default = "image-upload")]
    testid: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<shared::ApiError>);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else {
            return;
        };
        error.set(None);
        if file.size() > MAX_BYTES {
            error.set(Some(shared::ApiError {
                problem: Some("image_too_large".into()),
                ..shared::ApiError::new(shared::ErrorCode::Validation, "too large")
            }));
            return;
        }
        busy.set(true);
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        leptos::task::spawn_local(async move {
            match upload(file).await {
                Ok(up) => on_uploaded.run(up),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
            // the same file may be chosen again
            if let Some(input) = input {
                input.set_value("");
            }
        });
    };
    let message = move || error.with(|e| e.as_ref().map(|e| crate::text::error(locale.get(), e)));
    view! {
        <div class="upload">
            <label class="btn btn--ghost btn--small upload__button" class:btn--off=move || busy.get()>
                {move || if busy.get() { crate::text::uploading(locale.get()) } else { label.get() }}
                <input type="file" class="upload__input" accept="image/jpeg,image/png,image/webp"
                    disabled=move || busy.get() on:change=on_change data-testid=testid/>
            </label>
            <p class="field__error" role="alert">{message}</p>
        </div>
    }
}
