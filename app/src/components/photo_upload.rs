//! Photos a customer adds to a form (a return, a review): each chosen file is uploaded at
//! once to the order's photo route, at most `max` in all counting those still on their
//! way; the form waits while any is uploading and sends the keys of those stored, each once
//! (a file chosen again, or a person's double pick, is not sent twice, which the server
//! refuses).

use leptos::prelude::*;
use shared::after_sales::returns::UploadedPhoto;
use shared::ApiError;

/// The photos of one form: stored, on their way, and the last upload's refusal.
#[derive(Clone, Copy)]
pub struct PhotoUploads {
    pub photos: RwSignal<Vec<UploadedPhoto>>,
    /// Photos still being uploaded.
    pub uploading: RwSignal<usize>,
    max: usize,
}

impl PhotoUploads {
    pub fn new(max: usize) -> PhotoUploads {
        PhotoUploads {
            photos: RwSignal::new(Vec::new()),
            uploading: RwSignal::new(0),
            max,
        }
    }

    /// The keys of the stored photos, for the form's request.
    pub fn keys(self) -> Vec<String> {
        self.photos
            .get_untracked()
            .into_iter()
            .map(|p| p.key)
            .collect()
    }

    /// As many as the form takes: the file input is turned off.
    pub fn full(self) -> bool {
        self.photos.with(Vec::len) + self.uploading.get() >= self.max
    }

    pub fn busy(self) -> bool {
        self.uploading.get() > 0
    }

    /// The file input's `change`: uploads what was chosen to `path` (a refusal goes to
    /// `error`), then empties the input so the same file may be chosen again.
    pub fn chosen(self, ev: leptos::ev::Event, path: String, error: RwSignal<Option<ApiError>>) {
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        {
            use wasm_bindgen::JsCast;
            let input = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            let Some(files) = input.as_ref().and_then(|i| i.files()) else {
                return;
            };
            let room = self.max.saturating_sub(
                self.photos.with_untracked(Vec::len) + self.uploading.get_untracked(),
            );
            for i in 0..files.length().min(u32::try_from(room).unwrap_or(0)) {
                let Some(file) = files.get(i) else { continue };
                let path = path.clone();
                self.uploading.update(|n| *n += 1);
                leptos::task::spawn_local(async move {
                    let kind = match file.type_() {
                        t if t.is_empty() => "application/octet-stream".to_string(),
                        t => t,
                    };
                    match ui::api::send_blob::<UploadedPhoto>(path, file.into(), kind).await {
                        // the same picture chosen twice is one photo (its key is its content's)
                        Ok(p) => self.photos.update(|all| {
                            if all.iter().all(|q| q.key != p.key) {
                                all.push(p);
                            }
                        }),
                        Err(e) => error.set(Some(e)),
                    }
                    self.uploading.update(|n| *n = n.saturating_sub(1));
                });
            }
            if let Some(input) = input {
                input.set_value("");
            }
        }
        #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
        let _ = (ev, path, error);
    }
}
