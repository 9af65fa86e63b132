//! The search-engine fields of a catalogue page (a category, a brand's store, a product):
//! title and description in both languages, each with how much of it a search result shows
//! ("48 / 60", a Chinese character counting as two), and a preview of the search result —
//! title, address and description, in Chinese, English or both.

use super::fields::{field_error, Lang};
use super::text::S;
use crate::kit::form::FormErrors;
use leptos::prelude::*;
use shared::catalog::{display_width, Localized, Seo};
use ui::i18n::{t, use_locale, Translate};

/// The shop's address for previews: `https://` and the host the back office is served from
/// (the shop front shares it).
pub fn shop_origin() -> String {
    let host = web_sys::window()
        .and_then(|w| w.location().host().ok())
        .unwrap_or_default();
    format!("https://{host}")
}

/// `text` cut to `room` columns (a Chinese character taking two), ending in "…" when cut —
/// what a search result shows of it.
pub fn cut(text: &str, room: usize) -> String {
    if display_width(text) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if width + w > room.saturating_sub(1) {
            break;
        }
        width += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The two texts of the fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Title,
    Description,
}

impl Part {
    /// How much of it a search result shows, in columns.
    fn room(self) -> usize {
        match self {
            Part::Title => Seo::TITLE_ROOM,
            Part::Description => Seo::DESCRIPTION_ROOM,
        }
    }

    /// The most characters the server takes.
    fn max(self) -> usize {
        match self {
            Part::Title => Seo::TITLE_MAX,
            Part::Description => Seo::DESCRIPTION_MAX,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Description => "description",
        }
    }

    fn label(self) -> S {
        match self {
            Part::Title => S::SeoTitle,
            Part::Description => S::SeoDescription,
        }
    }

    fn of(self, seo: &Seo) -> &Localized {
        match self {
            Part::Title => &seo.title,
            Part::Description => &seo.description,
        }
    }

    fn of_mut(self, seo: &mut Seo) -> &mut Localized {
        match self {
            Part::Title => &mut seo.title,
            Part::Description => &mut seo.description,
        }
    }
}

/// Which previews show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Previews {
    One(Lang),
    Both,
}

/// The SEO title and description in both languages, their length hints and the search
/// result preview. The server's errors show at `seo.title.zh` … `seo.description.en`.
#[component]
pub fn SeoFields(
    seo: RwSignal<Seo>,
    /// The page's path without the language prefix, e.g. `/categories/down-jackets` (the
    /// English page's address gets `/en` in front).
    #[prop(into)]
    path: Signal<String>,
    errors: FormErrors,
    /// What the shop front shows when the title is empty (usually the name).
    #[prop(optional, into)]
    fallback_title: Option<Signal<Localized>>,
    /// What the shop front shows when the description is empty.
    #[prop(optional, into)]
    fallback_description: Option<Signal<Localized>>,
    /// Set when the person types.
    #[prop(optional)]
    dirty: Option<RwSignal<bool>>,
) -> impl IntoView {
    let locale = use_locale();
    let columns = Lang::BOTH
        .into_iter()
        .map(|lang| {
            let inputs = [Part::Title, Part::Description]
                .into_iter()
                .map(|part| view! { <SeoInput seo part lang errors dirty/> })
                .collect_view();
            view! {
                <div class="seo__lang" lang=lang.locale().tag()>
                    <h3 class="seo__lang-name">{move || lang.label(locale.get())}</h3>
                    {inputs}
                </div>
            }
        })
        .collect_view();
    let previews = RwSignal::new(Previews::Both);
    let toggle = [
        (Previews::One(Lang::Zh), "zh"),
        (Previews::One(Lang::En), "en"),
        (Previews::Both, "both"),
    ]
    .into_iter()
    .map(|(which, code)| {
        let label = move || match which {
            Previews::One(lang) => lang.label(locale.get()),
            Previews::Both => S::PreviewBoth.text(locale.get()),
        };
        let on = move || previews.get() == which;
        view! {
            <button type="button" class="seg__btn" class:seg__btn--on=on
                aria-pressed=move || if on() { "true" } else { "false" }
                on:click=move |_| previews.set(which) data-testid=format!("seo-preview-show-{code}")>
                {label}
            </button>
        }
    })
    .collect_view();
    let snippets = Lang::BOTH
        .into_iter()
        .map(|lang| {
            let shown = move || {
                matches!(previews.get(), Previews::Both) || previews.get() == Previews::One(lang)
            };
            view! {
                <Show when=shown>
                    <Snippet seo lang path fallback_title fallback_description/>
                </Show>
            }
        })
        .collect_view();
    view! {
        <fieldset class="seo" data-testid="seo-fields">
            <legend class="seo__legend">{t(S::Seo)}</legend>
            <p class="field__hint">{t(S::SeoIntro)}" "{t(S::WidthHint)}</p>
            <div class="seo__langs">{columns}</div>
            <div class="seo__preview" data-testid="seo-preview">
                <div class="seo__preview-head">
                    <span class="field__label">{t(S::Preview)}</span>
                    <div class="seg" role="group" aria-label=move || S::Preview.text(locale.get())>{toggle}</div>
                </div>
                {snippets}
            </div>
        </fieldset>
    }
}

/// One SEO text in one language, with its width against the room a search result has.
#[component]
fn SeoInput(
    seo: RwSignal<Seo>,
    part: Part,
    lang: Lang,
    errors: FormErrors,
    dirty: Option<RwSignal<bool>>,
) -> impl IntoView {
    let locale = use_locale();
    let field = format!("seo.{}.{}", part.code(), lang.code());
    let test = format!("seo-{}-{}", part.code(), lang.code());
    let message = field_error(errors, field.clone());
    let bad = {
        let message = message.clone();
        move || message().is_some()
    };
    let current = move || seo.with(|s| lang.of(part.of(s)).to_string());
    let width = move || seo.with(|s| display_width(lang.of(part.of(s))));
    let over = move || width() > part.room();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        seo.update(|s| lang.set(part.of_mut(s), text));
        if let Some(d) = dirty {
            d.set(true);
        }
    };
    let control = match part {
        Part::Title => view! {
            <input class="input" id=field.clone() name=field.clone() maxlength=part.max()
                prop:value=current on:input=on_input data-testid=test.clone()/>
        }
        .into_any(),
        Part::Description => view! {
            <textarea class="input" id=field.clone() name=field.clone() rows=3 maxlength=part.max()
                prop:value=current on:input=on_input data-testid=test.clone()></textarea>
        }
        .into_any(),
    };
    view! {
        <div class="field seo__field" class:field--bad=bad>
            <div class="seo__label-row">
                <label class="field__label" for=field.clone()>
                    {move || format!("{} · {}", part.label().text(locale.get()), lang.label(locale.get()))}
                </label>
                <span class="seo__count" class:seo__count--over=over data-testid=format!("{test}-count")>
                    {move || format!("{} / {}", width(), part.room())}
                </span>
            </div>
            {control}
            <Show when=over>
                <p class="field__hint seo__warn">{t(S::MayBeCut)}</p>
            </Show>
            <p class="field__error" role="alert" data-testid=format!("error-{field}")>{message}</p>
        </div>
    }
}

/// A search result as a search engine would show it: the title in blue, the address in
/// green, the description in grey.
#[component]
fn Snippet(
    seo: RwSignal<Seo>,
    lang: Lang,
    path: Signal<String>,
    fallback_title: Option<Signal<Localized>>,
    fallback_description: Option<Signal<Localized>>,
) -> impl IntoView {
    let locale = use_locale();
    let origin = shop_origin();
    // the field, else what the shop front falls back to
    let pick = move |part: Part, fallback: Option<Signal<Localized>>| {
        let own = seo.with(|s| lang.of(part.of(s)).trim().to_string());
        if own.is_empty() {
            fallback
                .map(|f| f.with(|l| lang.of(l).trim().to_string()))
                .unwrap_or_default()
        } else {
            own
        }
    };
    let title = move || pick(Part::Title, fallback_title);
    let description = move || pick(Part::Description, fallback_description);
    let url = move || format!("{origin}{}", lang.locale().localize(&path.get()));
    view! {
        <div class="serp" lang=lang.locale().tag() data-testid=format!("seo-preview-{}", lang.code())>
            <span class="serp__lang">{move || lang.label(locale.get())}</span>
            <p class="serp__title" data-testid="seo-preview-title">
                {move || {
                    let t = title();
                    if t.is_empty() {
                        S::PreviewNoTitle.text(locale.get()).to_string()
                    } else {
                        cut(&t, Seo::TITLE_ROOM)
                    }
                }}
            </p>
            <p class="serp__url" data-testid="seo-preview-url">{url}</p>
            <p class="serp__description" class:serp__description--none=move || description().is_empty()
                data-testid="seo-preview-description">
                {move || {
                    let d = description();
                    if d.is_empty() {
                        S::PreviewNoDescription.text(locale.get()).to_string()
                    } else {
                        cut(&d, Seo::DESCRIPTION_ROOM)
                    }
                }}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_cut_to_their_room() {
        assert_eq!(cut("short", 60), "short");
        let long = "x".repeat(70);
        let shown = cut(&long, 60);
        assert_eq!(display_width(&shown), 60);
        assert!(shown.ends_with('…'));
        // Chinese characters take two columns each
        let zh = "羽".repeat(40);
        assert_eq!(cut(&zh, 60).chars().count(), 30);
    }
}
