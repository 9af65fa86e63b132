//! 品牌: the brands with their logos, names, slugs and product counts, links to their store
//! pages in the shop front (both languages), and a form above the list that creates or
//! edits one — names, slug, description (a small HTML subset), logo and SEO texts with a
//! search-result preview. Staff without catalogue management only look.

use super::fields::{
    editable_to_html, html_to_editable, refuse, slug_follows_name, ImageField, LocalizedInput,
};
use super::seo::{cut, SeoFields};
use super::text::{self, S};
use crate::kit::form::{warn_before_leaving, Field, FormError, FormErrors};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_page};
use crate::session::use_session;
use leptos::prelude::*;
use shared::catalog::admin::{BrandDraft, BrandRow, Faulty};
use shared::catalog::{plain_text, Localized, Seo};
use shared::staff::{Page, Permission};
use shared::Locale;
use ui::i18n::{t, use_locale, Translate};

/// What the form holds.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    New,
    Brand(Box<BrandRow>),
}

#[component]
pub fn BrandsPage() -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let can = Memo::new(move |_| session.can(Permission::ManageCatalog));
    use_page(|l| super::crumbs(l, Page::Brands));
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        crate::api::brands()
    });
    let editing = RwSignal::new(None::<Editing>);
    let dirty = RwSignal::new(false);
    warn_before_leaving(dirty);
    let open = Callback::new(move |what: Editing| {
        if !super::may_discard(dirty, locale.get_untracked()) {
            return;
        }
        editing.set(Some(what));
        // the form is at the top of the page
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
    let on_close = Callback::new(move |saved: bool| {
        editing.set(None);
        if saved {
            refresh.update(|n| *n += 1);
        }
    });
    let form = move || {
        editing
            .get()
            .filter(|_| can.get())
            .map(|what| view! { <BrandForm editing=what dirty on_close/> })
    };
    view! {
        <header class="page-head page-head--row">
            <h1>{move || crate::text::page(locale.get(), Page::Brands)}</h1>
            <Show when=move || can.get()>
                <button type="button" class="btn" data-testid="brand-new" on:click=move |_| open.run(Editing::New)>
                    {t(S::NewBrand)}
                </button>
            </Show>
        </header>
        <Show when=move || !can.get() && session.me().is_some()>
            <p class="banner" data-testid="read-only">{t(S::ReadOnly)}</p>
        </Show>
        {form}
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |rows: Vec<BrandRow>| {
            view! { <BrandTable rows can open editing/> }
        })}
    }
}

/// The brands, one row each.
#[component]
fn BrandTable(
    rows: Vec<BrandRow>,
    can: Memo<bool>,
    open: Callback<Editing>,
    editing: RwSignal<Option<Editing>>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="state state--empty" data-testid="list-empty">{t(S::NoBrands)}</p> }.into_any();
    }
    let body = rows
        .into_iter()
        .map(|row| {
            let id = row.id;
            let d = row.draft.clone();
            let on = move || {
                editing.with(|e| matches!(e, Some(Editing::Brand(b)) if b.id == id))
            };
            let logo = match d.logo.clone() {
                Some(src) => view! { <img class="tax-thumb tax-thumb--logo" src=src alt="" loading="lazy" data-testid="brand-logo-thumb"/> }.into_any(),
                None => {
                    let initial = d.name.en.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
                    view! { <span class="tax-thumb tax-thumb--none" aria-hidden="true">{initial}</span> }.into_any()
                }
            };
            let store = format!("/brands/{}", d.slug);
            let store_en = format!("/en/brands/{}", d.slug);
            let products = row.products;
            let edit = move || {
                let row = row.clone();
                can.get().then(move || {
                    view! {
                        <td class="tax-actions">
                            <button type="button" class="btn btn--ghost btn--small" data-testid="brand-edit"
                                on:click=move |_| open.run(Editing::Brand(Box::new(row.clone())))>
                                {t(S::Edit)}
                            </button>
                        </td>
                    }
                })
            };
            view! {
                <tr data-testid="brand-row" data-id=id.0 class:tax-row--on=on>
                    <td class="tax-logo-cell">{logo}</td>
                    <td class="tax-brand">
                        <span class="tax-brand__zh" lang="zh-CN" data-testid="brand-name-zh">{d.name.zh.clone()}</span>
                        <span class="tax-brand__en muted" lang="en" data-testid="brand-name-en">{d.name.en.clone()}</span>
                        <span class="tax-brand__slug mono" data-testid="brand-slug-cell">{d.slug.clone()}</span>
                    </td>
                    <td class="num" data-testid="brand-products">{products}</td>
                    <td class="tax-links">
                        <a href=store target="_blank" rel="noopener" data-testid="brand-store">{t(S::ViewStore)}</a>
                        <a href=store_en target="_blank" rel="noopener" lang="en" data-testid="brand-store-en">{t(S::ViewStoreEn)}</a>
                    </td>
                    {edit}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table tax-brands" data-testid="brand-table">
                <thead><tr>
                    <th class="tax-logo-cell"><span class="sr-only">{t(S::Logo)}</span></th>
                    <th>{t(S::Brand)}</th>
                    <th class="num">{t(S::Products)}</th>
                    <th>{t(S::StorePage)}</th>
                    {move || can.get().then(|| view! { <th class="tax-actions">{t(crate::text::T::Actions)}</th> })}
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The rules the server applies to a brand, checked before sending.
fn check(d: &BrandDraft) -> Result<(), Faulty> {
    super::fields::check_texts(&d.slug, &d.name, &d.seo)
}

/// The fields of this form, for errors that belong to none of them.
const FIELDS: &[&str] = &[
    "slug",
    "name.zh",
    "name.en",
    "description.zh",
    "description.en",
    "logo",
    "seo.title.zh",
    "seo.title.en",
    "seo.description.zh",
    "seo.description.en",
];

/// Creates or edits a brand; `on_close` hears whether it was saved.
#[component]
fn BrandForm(editing: Editing, dirty: RwSignal<bool>, on_close: Callback<bool>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let (id, draft) = match editing {
        Editing::New => (
            None,
            BrandDraft {
                slug: String::new(),
                name: Localized::default(),
                description: Localized::default(),
                logo: None,
                seo: Seo::default(),
            },
        ),
        Editing::Brand(row) => {
            let row = *row;
            (Some(row.id), row.draft)
        }
    };
    let name = RwSignal::new(draft.name.clone());
    let slug = RwSignal::new(draft.slug.clone());
    // the text areas show paragraphs as runs of lines between blank lines
    let description = RwSignal::new(Localized::new(
        html_to_editable(&draft.description.zh),
        html_to_editable(&draft.description.en),
    ));
    let logo = RwSignal::new(draft.logo.clone());
    let seo = RwSignal::new(draft.seo.clone());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        let typed = description.get_untracked();
        let d = BrandDraft {
            slug: slug.get_untracked().trim().to_string(),
            name: name.get_untracked(),
            description: Localized::new(editable_to_html(&typed.zh), editable_to_html(&typed.en)),
            logo: logo.get_untracked(),
            seo: seo.get_untracked(),
        };
        if let Err(fault) = check(&d) {
            refuse(errors, fault);
            return;
        }
        let l = locale.get_untracked();
        pending.set(true);
        leptos::task::spawn_local(async move {
            match crate::api::save_brand(id, &d).await {
                Ok(_) => {
                    dirty.set(false);
                    toasts.say(if id.is_some() {
                        S::BrandSaved.text(l)
                    } else {
                        S::BrandCreated.text(l)
                    });
                    let _ = on_close.try_run(true);
                }
                Err(e) => errors.set(e),
            }
            pending.set(false);
        });
    };
    let cancel = move |_| {
        if super::may_discard(dirty, locale.get_untracked()) {
            on_close.run(false);
        }
    };
    let on_slug = slug_follows_name(name, slug, id.is_some(), dirty);
    let heading = move || {
        let l = locale.get();
        match id {
            Some(_) => text::editing(
                l,
                S::EditBrand,
                name.with(|n| n.get(l).to_string()).as_str(),
            ),
            None => S::NewBrand.text(l).to_string(),
        }
    };
    let path = Signal::derive(move || format!("/brands/{}", slug.with(|s| s.trim().to_string())));
    let fallback_title = Signal::derive(move || {
        let n = name.get();
        Localized::new(
            text::brand_store_title(Locale::ZhCn, n.zh.trim()),
            text::brand_store_title(Locale::En, n.en.trim()),
        )
    });
    let fallback_description = Signal::derive(move || {
        let story = |s: &str| cut(&plain_text(&editable_to_html(s)), Seo::DESCRIPTION_ROOM);
        description.with(|d| Localized::new(story(&d.zh), story(&d.en)))
    });
    view! {
        <section class="panel tax-brand-form" data-testid="brand-form-panel">
            <h2 data-testid="brand-form-title">{heading}</h2>
            <form class="form form--grid" on:submit=submit novalidate data-testid="brand-form">
                <div class="form__wide">
                    <LocalizedInput value=name label=Signal::derive(t(S::Name)) name="name" errors
                        testid="brand-name" maxlength=60 dirty/>
                </div>
                <Field label=Signal::derive(t(S::Slug)) name="slug" errors hint=Signal::derive(t(S::SlugHint))>
                    <input class="input mono" id="slug" name="slug" maxlength="80" autocomplete="off" spellcheck="false"
                        prop:value=move || slug.get() on:input=on_slug data-testid="brand-slug"/>
                </Field>
                <ImageField value=logo label=Signal::derive(t(S::Logo)) name="logo" errors testid="brand-logo" dirty/>
                <div class="form__wide">
                    <LocalizedInput value=description label=Signal::derive(t(S::Description)) name="description" errors
                        testid="brand-description" rows=6 hint=Signal::derive(t(S::DescriptionHint)) dirty/>
                </div>
                <div class="form__wide">
                    <SeoFields seo path errors fallback_title fallback_description dirty/>
                </div>
                <div class="form__wide">
                    <FormError errors fields=FIELDS/>
                    <p class="row">
                        <button class="btn" type="submit" data-testid="brand-save" disabled=move || pending.get()>
                            {t(crate::text::T::Save)}
                        </button>
                        <button class="btn btn--ghost" type="button" data-testid="brand-cancel" on:click=cancel>
                            {t(crate::text::T::Cancel)}
                        </button>
                    </p>
                </div>
            </form>
        </section>
    }
}
