//! The product editor (`/catalogue/products/new`, `/catalogue/products/{id}`): names and
//! description in both languages, category, brand, status and scheduled publishing, two
//! option types whose values make the variant grid (SKU, barcode, prices, cost, weight),
//! pictures (upload, re-order, alt text per language, the colour they show) and the
//! search-engine fields. Every text field shows the server's error next to it.

use super::text::{self, P};
use super::{brand_choices, category_choices, crumbs};
use crate::catalogue::taxonomy::fields::{
    editable_to_html, field_error, html_to_editable, slug_follows_name, LocalizedInput,
};
use crate::catalogue::taxonomy::seo::{cut, SeoFields};
use crate::kit::form::{warn_before_leaving, Field, FormErrors};
use crate::kit::toast::use_toasts;
use crate::kit::upload::ImageUpload;
use crate::kit::{loaded, use_go, use_page};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::catalog::admin::{
    default_options, BrandRow, CategoryNode, ImageDraft, ProductDraft, ProductEditor,
    ProductStatus, Uploaded, VariantDraft,
};
use shared::catalog::csv::{format_price, format_time, parse_price, parse_time};
use shared::catalog::{plain_text, Localized, Seo};
use shared::ids::{BrandId, CategoryId, ProductId, VariantId};
use shared::money::Currency;
use shared::staff::Permission;
use shared::stock::ItemKind;
use shared::{ApiError, ErrorCode};
use std::collections::HashMap;
use ui::i18n::{t, use_locale, Translate};

/// What the editor needs before it shows.
#[derive(Debug, Clone)]
struct Loaded {
    categories: Vec<CategoryNode>,
    brands: Vec<BrandRow>,
    product: Option<ProductEditor>,
}

async fn load(id: Option<ProductId>) -> Result<Loaded, ApiError> {
    let categories = crate::api::categories().await?;
    let brands = crate::api::brands().await?;
    let product = match id {
        Some(id) => Some(crate::api::product(id).await?),
        None => None,
    };
    Ok(Loaded {
        categories,
        brands,
        product,
    })
}

#[component]
pub fn ProductEditorPage() -> impl IntoView {
    let params = use_params_map();
    // `/new` (no id) or a number; anything else is a product that does not exist
    let id = Memo::new(move |_| params.with(|p| p.get("id")));
    let reload = RwSignal::new(0_u32);
    let data = LocalResource::new(move || {
        reload.track();
        let id = id.get();
        async move {
            match id.as_deref() {
                None => load(None).await,
                Some(text) => match text.parse::<i64>() {
                    Ok(n) => load(Some(ProductId(n))).await,
                    Err(_) => Err(ApiError::new(ErrorCode::NotFound, "product")),
                },
            }
        }
    });
    let retry = Callback::new(move |()| reload.update(|n| *n += 1));
    view! {
        {loaded(data, Some(retry), move |l: Loaded| view! { <ProductForm loaded=l reload/> })}
    }
}

mod form;
mod images;
mod options;

use form::{grid, Cell, Form};
use images::ImagesPanel;
use options::OptionsPanel;

/// The errors of any of `fields`, for a place that shows several.
pub(super) fn errors_of(
    errors: FormErrors,
    fields: Vec<String>,
) -> impl Fn() -> Option<String> + Clone + 'static {
    let each: Vec<_> = fields.into_iter().map(|f| field_error(errors, f)).collect();
    move || each.iter().find_map(|e| e())
}

/// Fields with an input of their own; any other error shows above the buttons.
fn has_own_input(field: &str) -> bool {
    const FIELDS: &[&str] = &[
        "slug",
        "name.zh",
        "name.en",
        "description.zh",
        "description.en",
        "publish_at",
        "category_id",
        "brand_id",
        "seo.title.zh",
        "seo.title.en",
        "seo.description.zh",
        "seo.description.en",
    ];
    FIELDS.contains(&field)
        || (field.starts_with("variants[") && !field.ends_with(".id"))
        || ["images[", "option1.", "option2."]
            .iter()
            .any(|start| field.starts_with(start))
}

#[component]
fn ProductForm(loaded: Loaded, reload: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let can = Memo::new(move |_| session.can(Permission::ManageCatalog));
    let toasts = use_toasts();
    let go = use_go();
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let dirty = RwSignal::new(false);
    warn_before_leaving(dirty);
    let id = loaded.product.as_ref().map(|p| p.id);
    let form = Form::new(&loaded, dirty);
    let title = loaded
        .product
        .as_ref()
        .map(|p| p.draft.name.clone())
        .unwrap_or_default();
    use_page(move |l| {
        let here = if id.is_some() {
            title.get(l).to_string()
        } else {
            P::NewProduct.text(l).to_string()
        };
        crumbs(l, Some(here))
    });
    let categories = loaded.categories.clone();
    let brands = loaded.brands.clone();
    let no_taxonomy = categories.is_empty() || brands.is_empty();
    let category_options = move || category_choices(&categories, locale.get());
    let brand_options = move || brand_choices(&brands, locale.get());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        let draft = match form.draft() {
            Ok(d) => d,
            Err((field, problem)) => {
                errors.set(crate::api::local_error(problem, &field));
                return;
            }
        };
        let l = locale.get_untracked();
        pending.set(true);
        let go = go.clone();
        leptos::task::spawn_local(async move {
            match crate::api::save_product(id, &draft).await {
                Ok(saved) => {
                    dirty.set(false);
                    if id.is_some() {
                        toasts.say(P::Saved.text(l));
                        reload.update(|n| *n += 1);
                    } else {
                        toasts.say(P::Created.text(l));
                        go(&format!("/admin/catalogue/products/{}", saved.id.0), true);
                    }
                }
                Err(e) => errors.set(form.to_grid(e)),
            }
            pending.set(false);
        });
    };
    let on_slug = slug_follows_name(form.name, form.slug, id.is_some(), dirty);
    let general = move || {
        errors.0.with(|e| {
            e.as_ref()
                .filter(|e| e.field.as_deref().is_none_or(|f| !has_own_input(f)))
                .map(|e| crate::text::error(locale.get(), e))
        })
    };
    let path =
        Signal::derive(move || format!("/products/{}", form.slug.with(|s| s.trim().to_string())));
    let fallback_title = Signal::derive(move || form.name.get());
    let fallback_description = Signal::derive(move || {
        let story = |s: &str| cut(&plain_text(&editable_to_html(s)), Seo::DESCRIPTION_ROOM);
        form.description
            .with(|d| Localized::new(story(&d.zh), story(&d.en)))
    });
    let shop_links = loaded
        .product
        .as_ref()
        .filter(|p| p.draft.status == ProductStatus::Active)
        .map(|p| {
            let slug = p.draft.slug.clone();
            view! {
                <a class="btn btn--ghost" href=format!("/products/{slug}") target="_blank" rel="noopener" data-testid="view-in-shop">{t(P::ViewInShop)}</a>
                <a class="btn btn--ghost" href=format!("/en/products/{slug}") target="_blank" rel="noopener" lang="en" data-testid="view-in-shop-en">{t(P::ViewInShopEn)}</a>
            }
        });
    let heading = move || {
        let l = locale.get();
        match id {
            Some(_) => form.name.with(|n| n.get(l).to_string()),
            None => P::NewProduct.text(l).to_string(),
        }
    };
    let status_options = move || {
        let l = locale.get();
        ProductStatus::ALL
            .iter()
            .map(|s| {
                let selected = form.status.get() == *s;
                view! { <option value=s.code() selected=selected>{text::status(l, *s)}</option> }
            })
            .collect_view()
    };
    view! {
        <header class="page-head page-head--row">
            <h1 data-testid="product-title">{heading}</h1>
            <div class="row">
                {shop_links}
                <a class="btn btn--ghost" href="/admin/catalogue/products">{t(P::BackToList)}</a>
            </div>
        </header>
        <Show when=move || !can.get()>
            <p class="banner" data-testid="read-only">{t(crate::catalogue::taxonomy::text::S::ReadOnly)}</p>
        </Show>
        {no_taxonomy.then(|| view! { <p class="banner">{t(P::NoCategoriesYet)}</p> })}
        <form class="product-form" on:submit=submit novalidate data-testid="product-form">
            <fieldset class="product-form__fields" disabled=move || !can.get()>
            <section class="panel">
                <h2>{t(P::Basics)}</h2>
                <div class="form form--grid">
                    <div class="form__wide">
                        <LocalizedInput value=form.name label=Signal::derive(t(crate::catalogue::taxonomy::text::S::Name))
                            name="name" errors testid="product-name" maxlength=120 dirty/>
                    </div>
                    <Field label=Signal::derive(t(crate::catalogue::taxonomy::text::S::Slug)) name="slug" errors
                        hint=Signal::derive(t(crate::catalogue::taxonomy::text::S::SlugHint))>
                        <input class="input mono" id="slug" name="slug" maxlength="80" autocomplete="off" spellcheck="false"
                            prop:value=move || form.slug.get() on:input=on_slug data-testid="product-slug"/>
                    </Field>
                    <Field label=Signal::derive(t(P::Status)) name="status" errors>
                        <select class="input" id="status" name="status" data-testid="product-status"
                            on:change=move |ev| {
                                if let Some(s) = ProductStatus::parse(&event_target_value(&ev)) {
                                    form.status.set(s);
                                    form.touch();
                                }
                            }>
                            {status_options}
                        </select>
                    </Field>
                    <Field label=Signal::derive(t(P::Category)) name="category_id" errors>
                        <select class="input" id="category_id" name="category_id" data-testid="product-category"
                            on:change=move |ev| { form.category.set(event_target_value(&ev)); form.touch(); }>
                            {move || category_options().into_iter().map(|(v, l)| {
                                let selected = form.category.get() == v;
                                view! { <option value=v selected=selected>{l}</option> }
                            }).collect_view()}
                        </select>
                    </Field>
                    <Field label=Signal::derive(t(P::Brand)) name="brand_id" errors>
                        <select class="input" id="brand_id" name="brand_id" data-testid="product-brand"
                            on:change=move |ev| { form.brand.set(event_target_value(&ev)); form.touch(); }>
                            {move || brand_options().into_iter().map(|(v, l)| {
                                let selected = form.brand.get() == v;
                                view! { <option value=v selected=selected>{l}</option> }
                            }).collect_view()}
                        </select>
                    </Field>
                    <Field label=Signal::derive(t(P::Kind)) name="kind" errors hint=Signal::derive(t(P::KindHint))>
                        <select class="input" id="kind" name="kind" data-testid="product-kind"
                            on:change=move |ev| {
                                if let Some(k) = ItemKind::parse(&event_target_value(&ev)) {
                                    form.kind.set(k);
                                    form.touch();
                                }
                            }>
                            {move || ItemKind::ALL.iter().map(|k| {
                                let selected = form.kind.get() == *k;
                                view! { <option value=k.as_str() selected=selected>{crate::inventory::text::kind(locale.get(), *k)}</option> }
                            }).collect_view()}
                        </select>
                    </Field>
                    <Show when=move || form.status.get() == ProductStatus::Draft>
                        <Field label=Signal::derive(t(P::PublishAt)) name="publish_at" errors hint=Signal::derive(t(P::PublishAtHint))>
                            <input class="input" type="datetime-local" id="publish_at" name="publish_at" data-testid="product-publish-at"
                                prop:value=move || form.publish_at.get()
                                on:input=move |ev| { form.publish_at.set(event_target_value(&ev)); form.touch(); }/>
                        </Field>
                    </Show>
                    <Field label=Signal::derive(t(P::Warranty)) name="warranty_days" errors hint=Signal::derive(t(P::WarrantyHint))>
                        <input class="input input--small" id="warranty_days" name="warranty_days" inputmode="numeric" autocomplete="off"
                            data-testid="product-warranty" prop:value=move || form.warranty.get()
                            on:input=move |ev| { form.warranty.set(event_target_value(&ev)); form.touch(); }/>
                    </Field>
                    <label class="check-filter">
                        <input type="checkbox" prop:checked=move || form.featured.get() data-testid="product-featured"
                            on:change=move |_| { form.featured.update(|f| *f = !*f); form.touch(); }/>
                        {t(P::Featured)}
                    </label>
                    <div class="form__wide">
                        <LocalizedInput value=form.description label=Signal::derive(t(P::Description)) name="description" errors
                            testid="product-description" rows=8 hint=Signal::derive(t(P::DescriptionHint)) dirty/>
                    </div>
                </div>
            </section>
            <OptionsPanel form errors/>
            <ImagesPanel form errors can/>
            <section class="panel">
                <SeoFields seo=form.seo path errors fallback_title fallback_description dirty/>
            </section>
            </fieldset>
            <div class="form-actions">
                <p class="form-error" role="alert" data-testid="form-error">{general}</p>
                <Show when=move || can.get()>
                    <button class="btn" type="submit" data-testid="product-save" disabled=move || pending.get()>
                        {t(crate::text::T::Save)}
                    </button>
                </Show>
            </div>
        </form>
    }
}
