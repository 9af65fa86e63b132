//! The product's pictures: upload, order, alt texts and the colour each shows.

use super::*;

/// The pictures: upload, order, alt texts and the colour each shows.
#[component]
pub(super) fn ImagesPanel(form: Form, errors: FormErrors, can: Memo<bool>) -> impl IntoView {
    let locale = use_locale();
    let on_uploaded = Callback::new(move |up: Uploaded| {
        let k = form.key();
        let image = ImageDraft {
            url: up.url,
            alt: form.name.get_untracked(),
            color_en: None,
        };
        form.images
            .update(|list| list.push((k, ArcRwSignal::new(image), up.srcset)));
        form.touch();
    });
    let shift = move |k: u32, by: isize| {
        form.images.update(|list| {
            if let Some(i) = list.iter().position(|(x, _, _)| *x == k) {
                let j = i as isize + by;
                if j >= 0 && (j as usize) < list.len() {
                    list.swap(i, j as usize);
                }
            }
        });
        form.touch();
    };
    let tiles = move || {
        let list = form.images.get();
        let last = list.len().saturating_sub(1);
        list.into_iter()
            .enumerate()
            .map(|(i, (k, image, srcset))| {
                let src = image.with_untracked(|i| i.url.clone());
                let alt_text = image.clone();
                let (zh_read, zh_write, en_read, en_write) = (image.clone(), image.clone(), image.clone(), image.clone());
                let (colour_read, colour_write) = (image.clone(), image);
                let colour_options = move || {
                    let l = locale.get();
                    let current = colour_read.with(|i| i.color_en.clone().unwrap_or_default());
                    let mut out = vec![view! { <option value="" selected=current.is_empty()>{P::AnyColor.text(l)}</option> }.into_any()];
                    for (_, c) in form.colours.get() {
                        let (en, label) = c.with(|c| (c.en.trim().to_string(), c.get(l).to_string()));
                        if en.is_empty() {
                            continue;
                        }
                        let selected = en == current;
                        out.push(view! { <option value=en selected=selected>{label}</option> }.into_any());
                    }
                    out
                };
                view! {
                    <li class="image-tile" data-testid="image-tile">
                        <img class="image-tile__img" src=src srcset=srcset sizes="160px"
                            alt=move || alt_text.with(|i| i.alt.get(locale.get()).to_string())/>
                        <label class="image-tile__field">
                            <span>{t(P::AltZh)}</span>
                            <input class="input input--small" lang="zh-CN" maxlength="200" data-testid="image-alt-zh"
                                prop:value=move || zh_read.with(|i| i.alt.zh.clone())
                                on:input=move |ev| { zh_write.update(|i| i.alt.zh = event_target_value(&ev)); form.touch(); }/>
                        </label>
                        <label class="image-tile__field">
                            <span>{t(P::AltEn)}</span>
                            <input class="input input--small" lang="en" maxlength="200" data-testid="image-alt-en"
                                prop:value=move || en_read.with(|i| i.alt.en.clone())
                                on:input=move |ev| { en_write.update(|i| i.alt.en = event_target_value(&ev)); form.touch(); }/>
                        </label>
                        <label class="image-tile__field">
                            <span>{t(P::ImageColor)}</span>
                            <select class="input input--small" data-testid="image-colour"
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    colour_write.update(|i| i.color_en = (!v.is_empty()).then_some(v));
                                    form.touch();
                                }>
                                {colour_options}
                            </select>
                        </label>
                        <p class="field__error" role="alert">{errors_of(errors, ["url", "alt.zh", "alt.en", "color_en"].iter().map(|f| format!("images[{i}].{f}")).collect())}</p>
                        <div class="image-tile__actions">
                            <button type="button" class="btn btn--ghost btn--small" disabled={i == 0}
                                aria-label=move || P::MoveLeft.text(locale.get()) data-testid="image-left"
                                on:click=move |_| shift(k, -1)>"←"</button>
                            <button type="button" class="btn btn--ghost btn--small" disabled={i == last}
                                aria-label=move || P::MoveRight.text(locale.get()) data-testid="image-right"
                                on:click=move |_| shift(k, 1)>"→"</button>
                            <button type="button" class="btn btn--bad btn--small" data-testid="image-remove"
                                on:click=move |_| { form.images.update(|l| l.retain(|(x, _, _)| *x != k)); form.touch(); }>
                                {t(crate::catalogue::taxonomy::text::S::Remove)}
                            </button>
                        </div>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" data-testid="images-panel">
            <h2>{t(P::Images)}</h2>
            <p class="field__hint">{t(P::ImagesHint)}</p>
            <ul class="image-tiles">{tiles}</ul>
            <Show when=move || can.get()>
                <ImageUpload on_uploaded label=Signal::derive(t(P::AddImage)) testid="product-image-upload"/>
            </Show>
        </section>
    }
}
