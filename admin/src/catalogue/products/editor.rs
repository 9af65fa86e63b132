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

/// A row of the variant grid, kept by the option values it stands for (so renaming a
/// value keeps its prices), as the inputs hold it.
#[derive(Debug, Clone, Default, PartialEq)]
struct Cell {
    id: Option<VariantId>,
    sku: String,
    barcode: String,
    price: String,
    compare_at: String,
    cost: String,
    weight: String,
    available: Option<i64>,
}

type Key = (Option<u32>, Option<u32>);

/// The option values, each with a key that stays when it is renamed.
type Colours = RwSignal<Vec<(u32, ArcRwSignal<Localized>)>>;
type Sizes = RwSignal<Vec<(u32, ArcRwSignal<String>)>>;

fn money_text(minor: Option<i64>) -> String {
    minor
        .map(|m| format_price(m, Currency::CNY))
        .unwrap_or_default()
}

/// The grid's keys: every colour with every size, in order.
fn grid(colours: Colours, sizes: Sizes) -> Vec<Key> {
    let cs: Vec<Option<u32>> = colours.with(|c| c.iter().map(|(k, _)| Some(*k)).collect());
    let ss: Vec<Option<u32>> = sizes.with(|s| s.iter().map(|(k, _)| Some(*k)).collect());
    let cs = if cs.is_empty() { vec![None] } else { cs };
    let ss = if ss.is_empty() { vec![None] } else { ss };
    cs.iter()
        .flat_map(|c| ss.iter().map(move |s| (*c, *s)))
        .collect()
}

/// The form's state, every part a signal the inputs write.
#[derive(Clone, Copy)]
struct Form {
    name: RwSignal<Localized>,
    slug: RwSignal<String>,
    description: RwSignal<Localized>,
    category: RwSignal<String>,
    brand: RwSignal<String>,
    status: RwSignal<ProductStatus>,
    publish_at: RwSignal<String>,
    featured: RwSignal<bool>,
    option1: RwSignal<Localized>,
    option2: RwSignal<Localized>,
    colours: Colours,
    sizes: Sizes,
    cells: StoredValue<HashMap<Key, ArcRwSignal<Cell>>>,
    images: RwSignal<Vec<(u32, ArcRwSignal<ImageDraft>, String)>>,
    seo: RwSignal<Seo>,
    next_key: StoredValue<u32>,
    /// The grid row of each variant last sent (rows without a SKU are left out).
    sent: StoredValue<Vec<usize>>,
    dirty: RwSignal<bool>,
}

impl Form {
    fn new(loaded: &Loaded, dirty: RwSignal<bool>) -> Form {
        let (o1, o2) = default_options();
        let draft = loaded.product.as_ref().map(|p| p.draft.clone());
        let mut key = 0_u32;
        let mut next = || {
            key += 1;
            key
        };
        let mut colours: Vec<(u32, ArcRwSignal<Localized>)> = Vec::new();
        let mut sizes: Vec<(u32, ArcRwSignal<String>)> = Vec::new();
        let mut cells: HashMap<Key, ArcRwSignal<Cell>> = HashMap::new();
        let available: HashMap<VariantId, i64> = loaded
            .product
            .iter()
            .flat_map(|p| p.variants.iter())
            .filter_map(|v| v.draft.id.map(|id| (id, v.available)))
            .collect();
        for v in draft.iter().flat_map(|d| d.variants.iter()) {
            let c = v.color.as_ref().map(|color| {
                match colours
                    .iter()
                    .find(|(_, c)| c.with_untracked(|c| c == color))
                {
                    Some((k, _)) => *k,
                    None => {
                        let k = next();
                        colours.push((k, ArcRwSignal::new(color.clone())));
                        k
                    }
                }
            });
            let s = v.size.as_ref().map(|size| {
                match sizes.iter().find(|(_, s)| s.with_untracked(|s| s == size)) {
                    Some((k, _)) => *k,
                    None => {
                        let k = next();
                        sizes.push((k, ArcRwSignal::new(size.clone())));
                        k
                    }
                }
            });
            cells.insert(
                (c, s),
                ArcRwSignal::new(Cell {
                    id: v.id,
                    sku: v.sku.clone(),
                    barcode: v.barcode.clone().unwrap_or_default(),
                    price: format_price(v.price, Currency::CNY),
                    compare_at: money_text(v.compare_at),
                    cost: money_text(v.cost),
                    weight: v.weight_grams.to_string(),
                    available: v.id.and_then(|id| available.get(&id).copied()),
                }),
            );
        }
        let previews: HashMap<String, String> = loaded
            .product
            .iter()
            .flat_map(|p| p.images.iter())
            .map(|i| (i.url.clone(), i.srcset.clone()))
            .collect();
        let images = draft
            .iter()
            .flat_map(|d| d.images.iter())
            .map(|i| {
                let srcset = previews.get(&i.url).cloned().unwrap_or_default();
                (next(), ArcRwSignal::new(i.clone()), srcset)
            })
            .collect();
        let first = |id: Option<i64>| id.map(|i| i.to_string()).unwrap_or_default();
        Form {
            name: RwSignal::new(draft.as_ref().map(|d| d.name.clone()).unwrap_or_default()),
            slug: RwSignal::new(draft.as_ref().map(|d| d.slug.clone()).unwrap_or_default()),
            description: RwSignal::new(
                draft
                    .as_ref()
                    .map(|d| {
                        Localized::new(
                            html_to_editable(&d.description.zh),
                            html_to_editable(&d.description.en),
                        )
                    })
                    .unwrap_or_default(),
            ),
            category: RwSignal::new(first(
                draft
                    .as_ref()
                    .map(|d| d.category_id.0)
                    .or(loaded.categories.first().map(|c| c.id.0)),
            )),
            brand: RwSignal::new(first(
                draft
                    .as_ref()
                    .map(|d| d.brand_id.0)
                    .or(loaded.brands.first().map(|b| b.id.0)),
            )),
            status: RwSignal::new(draft.as_ref().map_or(ProductStatus::Draft, |d| d.status)),
            publish_at: RwSignal::new(
                draft
                    .as_ref()
                    .and_then(|d| d.publish_at)
                    .map(|at| format_time(at).replacen(' ', "T", 1))
                    .unwrap_or_default(),
            ),
            featured: RwSignal::new(draft.as_ref().is_some_and(|d| d.featured)),
            option1: RwSignal::new(draft.as_ref().map_or(o1, |d| d.option1.clone())),
            option2: RwSignal::new(draft.as_ref().map_or(o2, |d| d.option2.clone())),
            colours: RwSignal::new(colours),
            sizes: RwSignal::new(sizes),
            cells: StoredValue::new(cells),
            images: RwSignal::new(images),
            seo: RwSignal::new(draft.as_ref().map(|d| d.seo.clone()).unwrap_or_default()),
            next_key: StoredValue::new(key),
            sent: StoredValue::new(Vec::new()),
            dirty,
        }
    }

    fn key(self) -> u32 {
        self.next_key.update_value(|k| *k += 1);
        self.next_key.get_value()
    }

    fn touch(self) {
        self.dirty.set(true);
    }

    /// The grid row for `key` (a new row copies the first row's prices and weight).
    fn cell(self, key: Key) -> ArcRwSignal<Cell> {
        let first = grid(self.colours, self.sizes).first().copied();
        let mut found = None;
        self.cells.update_value(|cells| {
            let template = first.and_then(|f| cells.get(&f)).map(|c| {
                c.with_untracked(|c| Cell {
                    price: c.price.clone(),
                    compare_at: c.compare_at.clone(),
                    cost: c.cost.clone(),
                    weight: c.weight.clone(),
                    ..Cell::default()
                })
            });
            found = Some(
                cells
                    .entry(key)
                    .or_insert_with(|| ArcRwSignal::new(template.unwrap_or_default()))
                    .clone(),
            );
        });
        found.unwrap_or_else(|| ArcRwSignal::new(Cell::default()))
    }

    /// Adds an empty value to option 1 (`first`) or option 2. The first value of an option
    /// takes over the rows that had none, so a product's variants keep their ids (and
    /// stock) when it gains an option.
    fn add_value(self, first: bool) {
        let k = self.key();
        let was_empty = if first {
            self.colours.with_untracked(Vec::is_empty)
        } else {
            self.sizes.with_untracked(Vec::is_empty)
        };
        if was_empty {
            self.rekey(first, None, Some(k));
        }
        if first {
            self.colours
                .update(|c| c.push((k, ArcRwSignal::new(Localized::default()))));
        } else {
            self.sizes
                .update(|s| s.push((k, ArcRwSignal::new(String::new()))));
        }
        self.touch();
    }

    /// Removes a value; the last one hands its rows back to "no option". Pictures shown
    /// for a removed colour are shown for every colour.
    fn remove_value(self, first: bool, k: u32) {
        let last = if first {
            self.colours.with_untracked(|c| c.len() == 1)
        } else {
            self.sizes.with_untracked(|s| s.len() == 1)
        };
        if last {
            self.rekey(first, Some(k), None);
        }
        if first {
            let gone = self.colour(Some(k)).map(|c| c.en.trim().to_string());
            self.colours.update(|c| c.retain(|(x, _)| *x != k));
            if let Some(en) = gone {
                self.recolour_pictures(&en, None);
            }
        } else {
            self.sizes.update(|s| s.retain(|(x, _)| *x != k));
        }
        self.touch();
    }

    /// Moves the rows of option value `from` to `to` (of option 1 when `first`).
    fn rekey(self, first: bool, from: Option<u32>, to: Option<u32>) {
        self.cells.update_value(|cells| {
            let moving: Vec<Key> = cells
                .keys()
                .filter(|k| if first { k.0 == from } else { k.1 == from })
                .copied()
                .collect();
            for old in moving {
                if let Some(cell) = cells.remove(&old) {
                    let new = if first { (to, old.1) } else { (old.0, to) };
                    cells.entry(new).or_insert(cell);
                }
            }
        });
    }

    /// Pictures shown for colour `from` (its English value) are shown for `to` instead.
    fn recolour_pictures(self, from: &str, to: Option<&str>) {
        if from.is_empty() {
            return;
        }
        self.images.with_untracked(|list| {
            for (_, image, _) in list {
                if image.with_untracked(|i| i.color_en.as_deref().map(str::trim) == Some(from)) {
                    image.update(|i| i.color_en = to.filter(|t| !t.is_empty()).map(str::to_string));
                }
            }
        });
    }

    /// A server error about `variants[n]` (of the variants sent) as the grid's row.
    fn to_grid(self, mut e: ApiError) -> ApiError {
        let rows = self.sent.get_value();
        if let Some(field) = &e.field {
            if let Some(rest) = field.strip_prefix("variants[") {
                if let Some((n, tail)) = rest.split_once(']') {
                    if let Some(row) = n.parse::<usize>().ok().and_then(|n| rows.get(n)) {
                        e.field = Some(format!("variants[{row}]{tail}"));
                    }
                }
            }
        }
        e
    }

    fn colour(self, key: Option<u32>) -> Option<Localized> {
        let key = key?;
        self.colours.with_untracked(|c| {
            c.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.get_untracked())
        })
    }

    fn size(self, key: Option<u32>) -> Option<String> {
        let key = key?;
        self.sizes.with_untracked(|s| {
            s.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.get_untracked())
        })
    }

    /// The draft to send, or the first input that is not a number (field, problem).
    fn draft(self) -> Result<ProductDraft, (String, &'static str)> {
        let mut variants = Vec::new();
        let mut rows = Vec::new();
        for (i, key) in grid(self.colours, self.sizes).into_iter().enumerate() {
            let c = self.cell(key).get_untracked();
            // a new row without a SKU is a combination not sold
            if c.id.is_none() && c.sku.trim().is_empty() {
                continue;
            }
            rows.push(i);
            let money = |text: &str, field: &str| -> Result<Option<i64>, (String, &'static str)> {
                let text = text.trim();
                if text.is_empty() {
                    return Ok(None);
                }
                parse_price(text, Currency::CNY)
                    .map(Some)
                    .ok_or((format!("variants[{i}].{field}"), "price_invalid"))
            };
            let price = money(&c.price, "price")?
                .ok_or((format!("variants[{i}].price"), "price_invalid"))?;
            let weight_grams = match c.weight.trim() {
                "" => 0,
                w => w
                    .parse()
                    .map_err(|_| (format!("variants[{i}].weight_grams"), "weight_invalid"))?,
            };
            let barcode = c.barcode.trim();
            variants.push(VariantDraft {
                id: c.id,
                sku: c.sku.trim().to_string(),
                barcode: (!barcode.is_empty()).then(|| barcode.to_string()),
                color: self.colour(key.0),
                size: self.size(key.1),
                price,
                compare_at: money(&c.compare_at, "compare_at")?,
                cost: money(&c.cost, "cost")?,
                weight_grams,
            });
        }
        self.sent.set_value(rows);
        let status = self.status.get_untracked();
        let publish_at = match self.publish_at.get_untracked().trim() {
            "" => None,
            _ if status != ProductStatus::Draft => None,
            at => Some(
                parse_time(&at.replacen('T', " ", 1))
                    .ok_or(("publish_at".to_string(), "time_invalid"))?,
            ),
        };
        let typed = self.description.get_untracked();
        let id = |text: String| text.parse::<i64>().unwrap_or(0);
        Ok(ProductDraft {
            slug: self.slug.get_untracked().trim().to_string(),
            name: self.name.get_untracked(),
            description: Localized::new(editable_to_html(&typed.zh), editable_to_html(&typed.en)),
            category_id: CategoryId(id(self.category.get_untracked())),
            brand_id: BrandId(id(self.brand.get_untracked())),
            status,
            publish_at,
            featured: self.featured.get_untracked(),
            option1: self.option1.get_untracked(),
            option2: self.option2.get_untracked(),
            variants,
            images: self
                .images
                .get_untracked()
                .iter()
                .map(|(_, i, _)| i.get_untracked())
                .collect(),
            seo: self.seo.get_untracked(),
        })
    }
}

/// The errors of any of `fields`, for a place that shows several.
fn errors_of(
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
                    <Show when=move || form.status.get() == ProductStatus::Draft>
                        <Field label=Signal::derive(t(P::PublishAt)) name="publish_at" errors hint=Signal::derive(t(P::PublishAtHint))>
                            <input class="input" type="datetime-local" id="publish_at" name="publish_at" data-testid="product-publish-at"
                                prop:value=move || form.publish_at.get()
                                on:input=move |ev| { form.publish_at.set(event_target_value(&ev)); form.touch(); }/>
                        </Field>
                    </Show>
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

/// The two option types, their values, and the grid of variants they make.
#[component]
fn OptionsPanel(form: Form, errors: FormErrors) -> impl IntoView {
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
fn VariantGrid(form: Form, errors: FormErrors) -> impl IntoView {
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

/// The pictures: upload, order, alt texts and the colour each shows.
#[component]
fn ImagesPanel(form: Form, errors: FormErrors, can: Memo<bool>) -> impl IntoView {
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
