//! Inputs the catalogue's editors share: a text in both shop languages side by side, a
//! picture with its preview, and the small helpers around them — a slug made from a name, a
//! plain description turned into the HTML subset the server keeps (and back), and the
//! server's own rules checked before sending.

use super::text::S;
use crate::kit::form::FormErrors;
use crate::kit::upload::ImageUpload;
use leptos::prelude::*;
use shared::catalog::admin::{Faulty, Uploaded};
use shared::catalog::Localized;
use shared::Locale;
use ui::i18n::{t, use_locale, Translate};

/// One language of a [`Localized`] text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const BOTH: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The suffix of its request field (`name.zh`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The shop locale that shows this language.
    pub fn locale(self) -> Locale {
        match self {
            Lang::Zh => Locale::ZhCn,
            Lang::En => Locale::En,
        }
    }

    /// Its name in the interface's language.
    pub fn label(self, interface: Locale) -> &'static str {
        match self {
            Lang::Zh => S::Chinese.text(interface),
            Lang::En => S::English.text(interface),
        }
    }

    pub fn of(self, text: &Localized) -> &str {
        match self {
            Lang::Zh => &text.zh,
            Lang::En => &text.en,
        }
    }

    pub fn set(self, text: &mut Localized, value: String) {
        match self {
            Lang::Zh => text.zh = value,
            Lang::En => text.en = value,
        }
    }
}

/// The message of the form's error when it names `field` (a name made at run time, such as
/// `name.zh`; [`FormErrors::for_field`] takes the fixed ones).
pub fn field_error(
    errors: FormErrors,
    field: String,
) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    let locale = use_locale();
    move || {
        errors.0.with(|e| {
            e.as_ref()
                .filter(|e| e.field.as_deref() == Some(field.as_str()))
                .map(|e| crate::text::error(locale.get(), e))
        })
    }
}

/// The rules the server applies to a category's or a brand's slug, names and SEO texts,
/// checked before sending.
pub fn check_texts(slug: &str, name: &Localized, seo: &shared::catalog::Seo) -> Result<(), Faulty> {
    use shared::catalog::admin::{check_localized, check_optional, check_slug};
    use shared::catalog::Seo;
    check_slug(slug, "slug")?;
    check_localized(name, 60, "name")?;
    check_optional(&seo.title, Seo::TITLE_MAX, "seo.title")?;
    check_optional(&seo.description, Seo::DESCRIPTION_MAX, "seo.description")
}

/// Shows a rule the draft broke (checked here before sending) as the server would.
pub fn refuse(errors: FormErrors, (problem, field): Faulty) {
    let code = crate::api::code(&problem).unwrap_or_default();
    errors.set(crate::api::local_error(&code, &field));
}

/// A text in both shop languages, Chinese and English side by side (one above the other on
/// narrow screens), each with the error the server gave for `<name>.zh` / `<name>.en`.
#[component]
pub fn LocalizedInput(
    /// The text edited.
    value: RwSignal<Localized>,
    #[prop(into)] label: Signal<&'static str>,
    /// The request field: its inputs are `<name>.zh` and `<name>.en`.
    name: &'static str,
    errors: FormErrors,
    /// The inputs' `data-testid`s are `<testid>-zh` and `<testid>-en` (`<name>-zh` … when
    /// not given).
    #[prop(optional)]
    testid: Option<&'static str>,
    /// The most characters each language may have.
    #[prop(optional)]
    maxlength: Option<usize>,
    /// A text area of this many rows instead of a one-line input.
    #[prop(optional)]
    rows: Option<u32>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    /// Set when the person types.
    #[prop(optional)]
    dirty: Option<RwSignal<bool>>,
) -> impl IntoView {
    let locale = use_locale();
    let any_error = {
        let zh = field_error(errors, format!("{name}.zh"));
        let en = field_error(errors, format!("{name}.en"));
        move || zh().is_some() || en().is_some()
    };
    let pair = Lang::BOTH
        .into_iter()
        .map(|lang| {
            let field = format!("{name}.{}", lang.code());
            let test = format!("{}-{}", testid.unwrap_or(name), lang.code());
            let message = field_error(errors, field.clone());
            let bad = {
                let message = message.clone();
                move || message().is_some()
            };
            let current = move || value.with(|v| lang.of(v).to_string());
            let on_input = move |ev: leptos::ev::Event| {
                let text = event_target_value(&ev);
                value.update(|v| lang.set(v, text));
                if let Some(d) = dirty {
                    d.set(true);
                }
            };
            let control = match rows {
                Some(rows) => view! {
                    <textarea class="input" id=field.clone() name=field.clone() rows=rows maxlength=maxlength
                        lang=lang.locale().tag() prop:value=current on:input=on_input data-testid=test
                        aria-invalid=move || if bad() { "true" } else { "false" }></textarea>
                }
                .into_any(),
                None => view! {
                    <input class="input" id=field.clone() name=field.clone() maxlength=maxlength
                        lang=lang.locale().tag() prop:value=current on:input=on_input data-testid=test
                        aria-invalid=move || if bad() { "true" } else { "false" }/>
                }
                .into_any(),
            };
            view! {
                <div class="l10n__one">
                    <label class="l10n__lang" for=field.clone()>
                        {move || format!("{} · {}", label.get(), lang.label(locale.get()))}
                    </label>
                    {control}
                    <p class="field__error" role="alert" data-testid=format!("error-{field}")>{message}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="field l10n" class:field--bad=any_error role="group" aria-label=move || label.get()>
            <span class="field__label">{move || label.get()}</span>
            <div class="l10n__pair">{pair}</div>
            {hint.map(|h| view! { <p class="field__hint">{move || h.get()}</p> })}
        </div>
    }
}

/// A picture (a category's image, a brand's logo): its preview with a remove button, and an
/// upload button that replaces it. `value` holds the picture's address.
#[component]
pub fn ImageField(
    value: RwSignal<Option<String>>,
    #[prop(into)] label: Signal<&'static str>,
    /// The request field, for the server's errors (`image`, `logo`).
    name: &'static str,
    errors: FormErrors,
    /// `data-testid` of the file input; the preview is `<testid>-preview`, the remove button
    /// `<testid>-remove`.
    testid: &'static str,
    #[prop(optional)] dirty: Option<RwSignal<bool>>,
) -> impl IntoView {
    let locale = use_locale();
    let message = errors.for_field(name);
    let touched = move || {
        if let Some(d) = dirty {
            d.set(true);
        }
    };
    let on_uploaded = Callback::new(move |up: Uploaded| {
        value.set(Some(up.url));
        touched();
    });
    let upload_label = Signal::derive(move || {
        if value.with(Option::is_some) {
            S::Replace.text(locale.get())
        } else {
            S::Upload.text(locale.get())
        }
    });
    let preview = move || match value.get() {
        Some(src) => {
            let test = format!("{testid}-preview");
            view! { <img class="picture__img" src=src alt=move || label.get() data-testid=test/> }
                .into_any()
        }
        None => view! { <span class="picture__none">{t(S::NoPicture)}</span> }.into_any(),
    };
    view! {
        <div class="field" class:field--bad=move || message().is_some()>
            <span class="field__label" id=format!("{name}-label")>{move || label.get()}</span>
            <div class="picture" role="group" aria-labelledby=format!("{name}-label")>
                <div class="picture__frame">{preview}</div>
                <div class="picture__actions">
                    <ImageUpload on_uploaded label=upload_label testid/>
                    <Show when=move || value.with(Option::is_some)>
                        <button type="button" class="btn btn--bad btn--small" data-testid=format!("{testid}-remove")
                            on:click=move |_| { value.set(None); touched(); }>
                            {t(S::Remove)}
                        </button>
                    </Show>
                </div>
            </div>
            <p class="field__error" role="alert" data-testid=format!("error-{name}")>{message}</p>
        </div>
    }
}

/// A new record's slug follows its English name until the person types one (a saved
/// record's slug changes only when typed); answers the slug input's `input` handler.
pub fn slug_follows_name(
    name: RwSignal<Localized>,
    slug: RwSignal<String>,
    saved: bool,
    dirty: RwSignal<bool>,
) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    let typed = RwSignal::new(saved);
    Effect::new(move |_| {
        let en = name.with(|n| n.en.clone());
        if !typed.get_untracked() {
            slug.set(slugify(&en));
        }
    });
    move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        typed.set(saved || !v.trim().is_empty());
        slug.set(v);
        dirty.set(true);
    }
}

pub use shared::catalog::editable::{editable_to_html, html_to_editable, slugify};
