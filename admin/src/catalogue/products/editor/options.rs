//! The option types with their values, and the variant grid they make.

use super::*;

/// The two option types, their values, and the grid of variants they make.
#[component]
pub(super) fn OptionsPanel(form: Form, errors: FormErrors) -> impl IntoView {
    let locale = use_locale();
    let add_colour = move |_| form.add_value(true);
    let add_size = move |_| form.add_value(false);
    let colour_rows = move || {
        form.colours
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (k, value))| {
                let (zh, en, v2) = (value.clone(), value.clone(), value);
                view! {
                    <li class="option-value" data-testid="colour-value">
                        <input class="input" lang="zh-CN" maxlength="40" placeholder=move || P::ValueZh.text(locale.get())
                            aria-label=move || format!("{} {}", P::ValueZh.text(locale.get()), i + 1)
                            prop:value=move || zh.with(|v| v.zh.clone()) data-testid="colour-zh"
                            on:input=move |ev| { v2.update(|v| v.zh = event_target_value(&ev)); form.touch(); }/>
                        <input class="input" lang="en" maxlength="40" placeholder=move || P::ValueEn.text(locale.get())
                            aria-label=move || format!("{} {}", P::ValueEn.text(locale.get()), i + 1)
                            prop:value={ let en = en.clone(); move || en.with(|v| v.en.clone()) } data-testid="colour-en"
                            on:input=move |ev| {
                                let before = en.with_untracked(|v| v.en.trim().to_string());
                                let typed = event_target_value(&ev);
                                form.recolour_pictures(&before, Some(typed.trim()));
                                en.update(|v| v.en = typed);
                                form.touch();
                            }/>
                        <button type="button" class="btn btn--ghost btn--small" data-testid="colour-remove"
                            on:click=move |_| form.remove_value(true, k)>
                            {t(crate::catalogue::taxonomy::text::S::Remove)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let size_rows = move || {
        form.sizes
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (k, value))| {
                let shown = value.clone();
                view! {
                    <li class="option-value" data-testid="size-value">
                        <input class="input" maxlength="40" placeholder=move || P::Value.text(locale.get())
                            aria-label=move || format!("{} {}", P::Value.text(locale.get()), i + 1)
                            prop:value=move || shown.get() data-testid="size-text"
                            on:input=move |ev| { value.set(event_target_value(&ev)); form.touch(); }/>
                        <button type="button" class="btn btn--ghost btn--small" data-testid="size-remove"
                            on:click=move |_| form.remove_value(false, k)>
                            {t(crate::catalogue::taxonomy::text::S::Remove)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let option_name = move |value: RwSignal<Localized>, testid: &'static str| {
        let message = errors_of(errors, vec![format!("{testid}.zh"), format!("{testid}.en")]);
        view! {
            <div class="option-name">
                <input class="input" lang="zh-CN" maxlength="20" data-testid=format!("{testid}-zh")
                    aria-label=move || format!("{} · {}", P::OptionName.text(locale.get()), crate::catalogue::taxonomy::text::S::Chinese.text(locale.get()))
                    prop:value=move || value.with(|v| v.zh.clone())
                    on:input=move |ev| { value.update(|v| v.zh = event_target_value(&ev)); form.touch(); }/>
                <input class="input" lang="en" maxlength="20" data-testid=format!("{testid}-en")
                    aria-label=move || format!("{} · {}", P::OptionName.text(locale.get()), crate::catalogue::taxonomy::text::S::English.text(locale.get()))
                    prop:value=move || value.with(|v| v.en.clone())
                    on:input=move |ev| { value.update(|v| v.en = event_target_value(&ev)); form.touch(); }/>
                <p class="field__error" role="alert">{message}</p>
            </div>
        }
    };
    view! {
        <section class="panel" data-testid="options-panel">
            <h2>{t(P::Options)}</h2>
            <p class="field__hint">{t(P::OptionsHint)}</p>
            <div class="options">
                <fieldset class="option">
                    <legend>{t(P::Option1)}</legend>
                    {option_name(form.option1, "option1")}
                    <ul class="option-values">{colour_rows}</ul>
                    <button type="button" class="btn btn--ghost btn--small" data-testid="colour-add" on:click=add_colour>{t(P::AddValue)}</button>
                </fieldset>
                <fieldset class="option">
                    <legend>{t(P::Option2)}</legend>
                    {option_name(form.option2, "option2")}
                    <ul class="option-values">{size_rows}</ul>
                    <button type="button" class="btn btn--ghost btn--small" data-testid="size-add" on:click=add_size>{t(P::AddValue)}</button>
                </fieldset>
            </div>
            <VariantGrid form errors/>
        </section>
    }
}

/// The variants: one row per combination of the option values.
#[component]
pub(super) fn VariantGrid(form: Form, errors: FormErrors) -> impl IntoView {
    let locale = use_locale();
    let fill = move |_| {
        let keys = grid(form.colours, form.sizes);
        let Some(first) = keys.first().map(|k| form.cell(*k).get_untracked()) else {
            return;
        };
        for k in keys.iter().skip(1) {
            form.cell(*k).update(|c| {
                c.price = first.price.clone();
                c.compare_at = first.compare_at.clone();
                c.cost = first.cost.clone();
                c.weight = first.weight.clone();
            });
        }
        form.touch();
    };
    let rows = move || {
        grid(form.colours, form.sizes)
            .into_iter()
            .enumerate()
            .map(|(i, key)| {
                let cell = form.cell(key);
                let colour = move || {
                    let l = locale.get();
                    key.0
                        .and_then(|k| {
                            form.colours.with(|c| {
                                c.iter().find(|(x, _)| *x == k).map(|(_, v)| v.with(|v| v.get(l).to_string()))
                            })
                        })
                        .unwrap_or_else(|| "—".into())
                };
                let size = move || {
                    key.1
                        .and_then(|k| form.sizes.with(|s| s.iter().find(|(x, _)| *x == k).map(|(_, v)| v.get())))
                        .unwrap_or_else(|| "—".into())
                };
                let option_error = errors_of(
                    errors,
                    ["color", "color.zh", "color.en", "size"]
                        .iter()
                        .map(|f| format!("variants[{i}].{f}"))
                        .collect(),
                );
                let row_label = move || format!("{} {}", colour(), size());
                let input = |part: &'static str, label: P, get: fn(&Cell) -> String, set: fn(&mut Cell, String), class: &'static str, mode: &'static str| {
                    let field = format!("variants[{i}].{part}");
                    let message = field_error(errors, field.clone());
                    let bad = {
                        let m = message.clone();
                        move || m().is_some()
                    };
                    let (read, write) = (cell.clone(), cell.clone());
                    let bad_cell = bad.clone();
                    view! {
                        <td class="grid-cell" class:grid-cell--bad=bad_cell>
                            <input class=format!("input input--small {class}") name=field.clone() inputmode=mode
                                aria-label=move || format!("{} · {}", label.text(locale.get()), row_label()) data-testid=format!("variant-{part}")
                                aria-invalid=move || if bad() { "true" } else { "false" }
                                prop:value=move || read.with(get)
                                on:input=move |ev| { write.update(|c| set(c, event_target_value(&ev))); form.touch(); }/>
                            <span class="field__error" role="alert">{message}</span>
                        </td>
                    }
                };
                let available = cell.with_untracked(|c| c.available);
                view! {
                    <tr data-testid="variant-row">
                        <td class="nowrap" data-testid="variant-colour">{colour}</td>
                        <td class="nowrap" data-testid="variant-size">{size}
                            <span class="field__error" role="alert">{option_error}</span>
                        </td>
                        {input("sku", P::Sku, |c| c.sku.clone(), |c, v| c.sku = v, "mono", "text")}
                        {input("barcode", P::Barcode, |c| c.barcode.clone(), |c, v| c.barcode = v, "mono", "numeric")}
                        {input("price", P::Price, |c| c.price.clone(), |c, v| c.price = v, "num", "decimal")}
                        {input("compare_at", P::CompareAt, |c| c.compare_at.clone(), |c, v| c.compare_at = v, "num", "decimal")}
                        {input("cost", P::Cost, |c| c.cost.clone(), |c, v| c.cost = v, "num", "decimal")}
                        {input("weight_grams", P::WeightGrams, |c| c.weight.clone(), |c, v| c.weight = v, "num", "numeric")}
                        <td class="num muted">{available.map(|a| a.to_string()).unwrap_or_else(|| "—".into())}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let option_label =
        move |o: RwSignal<Localized>| move || o.with(|o| o.get(locale.get()).to_string());
    view! {
        <div class="grid-head">
            <h3>{t(P::VariantGrid)}</h3>
            <button type="button" class="btn btn--ghost btn--small" data-testid="fill-prices" on:click=fill>{t(P::FillPrices)}</button>
        </div>
        <p class="field__hint">{t(P::VariantGridHint)}</p>
        <div class="table-wrap">
            <table class="table variant-grid" data-testid="variant-grid">
                <thead><tr>
                    <th>{option_label(form.option1)}</th>
                    <th>{option_label(form.option2)}</th>
                    <th>{t(P::Sku)}</th>
                    <th>{t(P::Barcode)}</th>
                    <th class="num">{t(P::Price)}</th>
                    <th class="num">{t(P::CompareAt)}</th>
                    <th class="num">{t(P::Cost)}</th>
                    <th class="num">{t(P::WeightGrams)}</th>
                    <th class="num">{t(P::OnHand)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
