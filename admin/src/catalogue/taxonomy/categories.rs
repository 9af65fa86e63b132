//! 分类: the category tree — parents with their children indented, each with its names,
//! slug and product count — re-ordered with up / down / indent / outdent, and a form beside
//! it that creates a category or edits the one picked (names, slug, parent, picture, SEO
//! texts with a search-result preview). Staff without catalogue management only look.

use super::fields::{refuse, slug_follows_name, ImageField, LocalizedInput};
use super::seo::SeoFields;
use super::text::{self, S};
use crate::kit::form::{warn_before_leaving, Field, FormError, FormErrors};
use crate::kit::toast::{use_toasts, Toasts};
use crate::kit::{use_page, Failed, Loading};
use crate::session::use_session;
use leptos::prelude::*;
use shared::catalog::admin::{CategoryDraft, CategoryMove, CategoryNode, Faulty};
use shared::catalog::{Localized, Seo};
use shared::ids::CategoryId;
use shared::staff::{Page, Permission};
use shared::{ApiError, Locale};
use ui::i18n::{t, use_locale, Translate};

// the tree --------------------------------------------------------------------------------

/// A category's place in the tree as the page shows it.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    node: CategoryNode,
    depth: usize,
    /// Its index among its siblings, and how many they are.
    index: usize,
    siblings: usize,
}

/// The children of `parent` (top-level categories for `None`), in order.
fn children(nodes: &[CategoryNode], parent: Option<CategoryId>) -> Vec<CategoryId> {
    nodes
        .iter()
        .filter(|n| n.draft.parent_id == parent)
        .map(|n| n.id)
        .collect()
}

/// How many parents a category has above it.
fn depth(nodes: &[CategoryNode], node: &CategoryNode) -> usize {
    let mut depth = 0;
    let mut parent = node.draft.parent_id;
    while let Some(p) = parent {
        if depth > nodes.len() {
            break; // a cycle in bad data must not hang the page
        }
        depth += 1;
        parent = nodes
            .iter()
            .find(|n| n.id == p)
            .and_then(|n| n.draft.parent_id);
    }
    depth
}

/// The rows of the tree, in the server's order (each parent followed by its children).
fn rows(nodes: &[CategoryNode]) -> Vec<Row> {
    nodes
        .iter()
        .map(|n| {
            let siblings = children(nodes, n.draft.parent_id);
            Row {
                node: n.clone(),
                depth: depth(nodes, n),
                index: siblings.iter().position(|s| *s == n.id).unwrap_or(0),
                siblings: siblings.len(),
            }
        })
        .collect()
}

/// A category and every category under it.
fn subtree(nodes: &[CategoryNode], id: CategoryId) -> Vec<CategoryId> {
    let mut out = vec![id];
    let mut i = 0;
    while let Some(current) = out.get(i).copied() {
        for child in children(nodes, Some(current)) {
            if !out.contains(&child) {
                out.push(child);
            }
        }
        i += 1;
    }
    out
}

/// The products in a category and its sub-categories (what the shop front counts).
fn products_under(nodes: &[CategoryNode], id: CategoryId) -> i64 {
    let ids = subtree(nodes, id);
    nodes
        .iter()
        .filter(|n| ids.contains(&n.id))
        .map(|n| n.products)
        .sum()
}

/// A re-ordering button of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Up,
    Down,
    /// Becomes the last child of the sibling above.
    Indent,
    /// Goes up a level, right after its parent.
    Outdent,
}

impl Step {
    const ALL: [Step; 4] = [Step::Up, Step::Down, Step::Indent, Step::Outdent];

    fn code(self) -> &'static str {
        match self {
            Step::Up => "up",
            Step::Down => "down",
            Step::Indent => "indent",
            Step::Outdent => "outdent",
        }
    }

    fn icon(self) -> &'static str {
        match self {
            Step::Up => "↑",
            Step::Down => "↓",
            Step::Indent => "→",
            Step::Outdent => "←",
        }
    }

    fn label(self) -> S {
        match self {
            Step::Up => S::MoveUp,
            Step::Down => S::MoveDown,
            Step::Indent => S::Indent,
            Step::Outdent => S::Outdent,
        }
    }
}

/// Where `step` takes category `id`: its new parent and its place among the new siblings
/// (0-based, counted without it); `None` when it cannot go that way.
fn target(nodes: &[CategoryNode], id: CategoryId, step: Step) -> Option<CategoryMove> {
    let node = nodes.iter().find(|n| n.id == id)?;
    let parent = node.draft.parent_id;
    let siblings = children(nodes, parent);
    let i = siblings.iter().position(|s| *s == id)?;
    let to = |parent_id: Option<CategoryId>, position: usize| {
        u32::try_from(position).ok().map(|position| CategoryMove {
            parent_id,
            position,
        })
    };
    match step {
        Step::Up => to(parent, i.checked_sub(1)?),
        Step::Down => (i + 1 < siblings.len())
            .then_some(i + 1)
            .and_then(|p| to(parent, p)),
        Step::Indent => {
            let above = *siblings.get(i.checked_sub(1)?)?;
            to(Some(above), children(nodes, Some(above)).len())
        }
        Step::Outdent => {
            let parent = parent?;
            let grandparent = nodes.iter().find(|n| n.id == parent)?.draft.parent_id;
            let at = children(nodes, grandparent)
                .iter()
                .position(|s| *s == parent)?;
            to(grandparent, at + 1)
        }
    }
}

// the page --------------------------------------------------------------------------------

/// Where the tree's loading stands.
#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Ready,
    Failed(ApiError),
}

/// Loads the tree into `list`; a failure after the first load only says so. (The page
/// may be gone when the answer comes: nothing here reads a signal that could be.)
async fn load(
    list: RwSignal<Vec<CategoryNode>>,
    state: RwSignal<Load>,
    locale: Locale,
    toasts: Toasts,
) -> bool {
    let answer = crate::api::categories().await;
    let ready = matches!(state.try_get_untracked(), Some(Load::Ready));
    match answer {
        Ok(nodes) => {
            list.set(nodes);
            // setting it again would build the page again
            if !ready {
                state.set(Load::Ready);
            }
            true
        }
        Err(e) if ready => {
            toasts.warn(crate::text::error(locale, &e));
            false
        }
        Err(e) => {
            state.set(Load::Failed(e));
            false
        }
    }
}

#[component]
pub fn CategoriesPage() -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let session = use_session();
    let can = Memo::new(move |_| session.can(Permission::ManageCatalog));
    use_page(|l| super::crumbs(l, Page::Categories));
    let list = RwSignal::new(Vec::<CategoryNode>::new());
    let state = RwSignal::new(Load::Loading);
    // the category in the form; `None`: a new one
    let selected = RwSignal::new(None::<CategoryId>);
    // bumped to build the form again (another category picked, saved, moved)
    let form_version = RwSignal::new(0_u32);
    let dirty = RwSignal::new(false);
    let busy = RwSignal::new(false);
    warn_before_leaving(dirty);

    // reloads the tree; `rebuild`: the form starts again from what was saved
    let reload = move |rebuild: bool| {
        let l = locale.get_untracked();
        leptos::task::spawn_local(async move {
            if load(list, state, l, toasts).await && rebuild {
                form_version.update(|v| *v += 1);
            }
        });
    };
    reload(false);

    let pick = Callback::new(move |id: Option<CategoryId>| {
        if !super::may_discard(dirty, locale.get_untracked()) {
            return;
        }
        selected.set(id);
        form_version.update(|v| *v += 1);
        show_form();
    });
    let on_step = Callback::new(move |(id, step): (CategoryId, Step)| {
        if busy.get_untracked() {
            return;
        }
        let Some(to) = list.with_untracked(|nodes| target(nodes, id, step)) else {
            return;
        };
        let l = locale.get_untracked();
        // an untouched form follows the move (its parent may have changed)
        let rebuild = !dirty.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match crate::api::move_category(id, &to).await {
                Ok(()) => {
                    if load(list, state, l, toasts).await && rebuild {
                        form_version.update(|v| *v += 1);
                    }
                }
                Err(e) => toasts.warn(crate::text::error(l, &e)),
            }
            busy.set(false);
        });
    });
    let on_saved = Callback::new(move |id: CategoryId| {
        selected.set(Some(id));
        reload(true);
    });
    let on_deleted = Callback::new(move |()| {
        selected.set(None);
        reload(true);
    });
    let retry = Callback::new(move |()| {
        state.set(Load::Loading);
        reload(false);
    });

    let form = move || {
        form_version.track();
        let id = selected.get_untracked();
        let original = id
            .and_then(|id| list.with_untracked(|nodes| nodes.iter().find(|n| n.id == id).cloned()));
        view! { <CategoryForm original list dirty on_saved on_deleted pick/> }
    };
    let body = move || {
        match state.get() {
        Load::Loading => view! { <Loading/> }.into_any(),
        Load::Failed(error) => view! { <Failed error retry/> }.into_any(),
        Load::Ready => view! {
            <div class="tax" class:tax--solo=move || !can.get()>
                <section class="panel tax__tree" aria-labelledby="tax-tree-title">
                    <h2 id="tax-tree-title">{t(S::Tree)}</h2>
                    <Show when=move || can.get()>
                        <p class="field__hint">{t(S::PickToEdit)}</p>
                    </Show>
                    <Tree list selected can busy on_step pick/>
                </section>
                <Show when=move || can.get()>
                    <section class="panel tax__form" id="category-form-panel" data-testid="category-form-panel">{form}</section>
                </Show>
            </div>
        }
        .into_any(),
    }
    };
    view! {
        <header class="page-head page-head--row">
            <h1>{move || crate::text::page(locale.get(), Page::Categories)}</h1>
            <Show when=move || can.get()>
                <button type="button" class="btn" data-testid="category-new" on:click=move |_| pick.run(None)>
                    {t(S::NewCategory)}
                </button>
            </Show>
        </header>
        <Show when=move || !can.get() && session.me().is_some()>
            <p class="banner" data-testid="read-only">{t(S::ReadOnly)}</p>
        </Show>
        {body}
    }
}

/// Where the form sits above the tree (narrow windows), brings it into view.
fn show_form() {
    let Some(w) = web_sys::window() else {
        return;
    };
    let narrow = w
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .is_some_and(|px| px <= 1100.0);
    if narrow {
        if let Some(panel) = w
            .document()
            .and_then(|d| d.get_element_by_id("category-form-panel"))
        {
            panel.scroll_into_view();
        }
    }
}

/// The tree: a flat list of rows, each indented by its depth.
#[component]
fn Tree(
    list: RwSignal<Vec<CategoryNode>>,
    selected: RwSignal<Option<CategoryId>>,
    can: Memo<bool>,
    busy: RwSignal<bool>,
    on_step: Callback<(CategoryId, Step)>,
    pick: Callback<Option<CategoryId>>,
) -> impl IntoView {
    let all = move || list.with(|nodes| rows(nodes));
    move || {
        let rows = all();
        if rows.is_empty() {
            return view! { <p class="state state--empty" data-testid="list-empty">{t(S::NoCategories)}</p> }
                .into_any();
        }
        let items = rows
            .into_iter()
            .map(|row| view! { <TreeRow row selected can busy on_step pick/> })
            .collect_view();
        view! { <ul class="tax-tree" data-testid="category-tree">{items}</ul> }.into_any()
    }
}

#[component]
fn TreeRow(
    row: Row,
    selected: RwSignal<Option<CategoryId>>,
    can: Memo<bool>,
    busy: RwSignal<bool>,
    on_step: Callback<(CategoryId, Step)>,
    pick: Callback<Option<CategoryId>>,
) -> impl IntoView {
    let locale = use_locale();
    let id = row.node.id;
    let draft = row.node.draft.clone();
    let count = row.node.products;
    let on = move || selected.get() == Some(id);
    let possible = move |step: Step| match step {
        Step::Up | Step::Indent => row.index > 0,
        Step::Down => row.index + 1 < row.siblings,
        Step::Outdent => row.depth > 0,
    };
    let (zh, en) = (draft.name.zh.clone(), draft.name.en.clone());
    let names = move || {
        view! {
            <span class="tax-row__zh" lang="zh-CN" data-testid="category-row-zh">{zh.clone()}</span>
            <span class="tax-row__en" lang="en" data-testid="category-row-en">{en.clone()}</span>
        }
    };
    let thumb = draft
        .image
        .clone()
        .map(|src| view! { <img class="tax-thumb" src=src alt="" loading="lazy"/> });
    let steps = move || {
        can.get().then(|| {
            Step::ALL
                .into_iter()
                .map(|step| {
                    let enabled = possible(step);
                    let label = move || step.label().text(locale.get());
                    view! {
                        <button type="button" class="btn btn--ghost btn--small tax-step"
                            title=label aria-label=label
                            disabled=move || !enabled || busy.get()
                            on:click=move |_| on_step.run((id, step))
                            data-testid=format!("category-{}", step.code())>
                            <span aria-hidden="true">{step.icon()}</span>
                        </button>
                    }
                })
                .collect_view()
        })
    };
    let name = move || {
        if can.get() {
            view! {
                <button type="button" class="tax-row__pick" aria-current=move || on().then_some("true")
                    on:click=move |_| pick.run(Some(id)) data-testid="category-select">
                    {names()}
                </button>
            }
            .into_any()
        } else {
            view! { <span class="tax-row__pick tax-row__pick--plain">{names()}</span> }.into_any()
        }
    };
    view! {
        <li class="tax-row" class:tax-row--on=on style=format!("--depth: {}", row.depth)
            data-testid="category-row" data-id=id.0 data-depth=row.depth>
            <div class="tax-row__main">
                {thumb}
                <div class="tax-row__text">
                    {name}
                    <span class="tax-row__slug mono" data-testid="category-row-slug">{draft.slug.clone()}</span>
                </div>
            </div>
            <span class="chip chip--small tax-row__count" data-testid="category-products">
                {move || text::products(locale.get(), count)}
            </span>
            <div class="tax-row__steps">{steps}</div>
        </li>
    }
}

// the form --------------------------------------------------------------------------------

/// The rules the server applies to a category's texts, checked before sending.
fn check(d: &CategoryDraft) -> Result<(), Faulty> {
    super::fields::check_texts(&d.slug, &d.name, &d.seo)
}

/// The fields of this form, for errors that belong to none of them.
const FIELDS: &[&str] = &[
    "slug",
    "name.zh",
    "name.en",
    "parent_id",
    "image",
    "seo.title.zh",
    "seo.title.en",
    "seo.description.zh",
    "seo.description.en",
];

/// Creates a category (`original` = `None`) or edits one. Moving it under another parent
/// saves the texts first, then moves it to the end of its new siblings.
#[component]
fn CategoryForm(
    original: Option<CategoryNode>,
    list: RwSignal<Vec<CategoryNode>>,
    dirty: RwSignal<bool>,
    on_saved: Callback<CategoryId>,
    on_deleted: Callback<()>,
    pick: Callback<Option<CategoryId>>,
) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let errors = FormErrors::new();
    let pending = RwSignal::new(false);
    let id = original.as_ref().map(|n| n.id);
    let draft = original.as_ref().map_or_else(
        || CategoryDraft {
            slug: String::new(),
            name: Localized::default(),
            parent_id: None,
            image: None,
            seo: Seo::default(),
        },
        |n| n.draft.clone(),
    );
    let own_products = original.as_ref().map_or(0, |n| n.products);
    let name = RwSignal::new(draft.name.clone());
    let slug = RwSignal::new(draft.slug.clone());
    let parent = RwSignal::new(draft.parent_id);
    let parent_touched = RwSignal::new(false);
    let image = RwSignal::new(draft.image.clone());
    let seo = RwSignal::new(draft.seo.clone());
    let has_children =
        move || id.is_some_and(|id| list.with(|l| l.iter().any(|n| n.draft.parent_id == Some(id))));
    let deletable = move || id.is_some() && own_products == 0 && !has_children();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        let d = CategoryDraft {
            slug: slug.get_untracked().trim().to_string(),
            name: name.get_untracked(),
            parent_id: parent.get_untracked(),
            image: image.get_untracked(),
            seo: seo.get_untracked(),
        };
        if let Err(fault) = check(&d) {
            refuse(errors, fault);
            return;
        }
        let l = locale.get_untracked();
        // move only when the person chose another parent than the one it has now
        let current_parent = id.and_then(|id| {
            list.with_untracked(|nodes| {
                nodes.iter().find(|n| n.id == id).map(|n| n.draft.parent_id)
            })
        });
        let moves =
            parent_touched.get_untracked() && current_parent.is_some_and(|p| p != d.parent_id);
        pending.set(true);
        leptos::task::spawn_local(async move {
            let result = match id {
                None => crate::api::create_category(&d)
                    .await
                    .map(|c| (CategoryId(c.id), None)),
                Some(id) => match crate::api::update_category(id, &d).await {
                    Ok(()) if moves => {
                        let to = CategoryMove {
                            parent_id: d.parent_id,
                            position: CategoryMove::MAX_POSITION,
                        };
                        Ok((id, crate::api::move_category(id, &to).await.err()))
                    }
                    Ok(()) => Ok((id, None)),
                    Err(e) => Err(e),
                },
            };
            match result {
                Ok((saved, refused_move)) => {
                    dirty.set(false);
                    match refused_move {
                        None => toasts.say(if id.is_some() {
                            S::CategorySaved.text(l)
                        } else {
                            S::CategoryCreated.text(l)
                        }),
                        Some(e) => {
                            toasts.warn(text::saved_not_moved(l, &crate::text::error(l, &e)))
                        }
                    }
                    let _ = on_saved.try_run(saved);
                }
                Err(e) => errors.set(e),
            }
            pending.set(false);
        });
    };

    let delete = move |_| {
        let Some(id) = id else {
            return;
        };
        let l = locale.get_untracked();
        let label = name.with_untracked(|n| n.get(l).to_string());
        if !super::confirm(&text::confirm_delete(l, &label)) {
            return;
        }
        pending.set(true);
        errors.clear();
        leptos::task::spawn_local(async move {
            match crate::api::delete_category(id).await {
                Ok(()) => {
                    dirty.set(false);
                    toasts.say(S::CategoryDeleted.text(l));
                    let _ = on_deleted.try_run(());
                }
                Err(e) => {
                    toasts.warn(crate::text::error(l, &e));
                    errors.set(e);
                }
            }
            pending.set(false);
        });
    };

    // every other category (never itself or one under it), indented by depth
    let parent_options = move || {
        let l = locale.get();
        list.with(|nodes| {
            let banned = id.map(|id| subtree(nodes, id)).unwrap_or_default();
            rows(nodes)
                .into_iter()
                .filter(|r| !banned.contains(&r.node.id))
                .map(|r| {
                    let label = format!(
                        "{}{}",
                        "\u{a0}\u{a0}\u{a0}\u{a0}".repeat(r.depth),
                        r.node.draft.name.get(l)
                    );
                    (r.node.id, label)
                })
                .collect::<Vec<_>>()
        })
    };
    let parent_value = move || parent.get().map(|p| p.0.to_string()).unwrap_or_default();
    let on_parent = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        parent.set(v.parse::<i64>().ok().map(CategoryId));
        parent_touched.set(true);
        dirty.set(true);
    };
    let on_slug = slug_follows_name(name, slug, id.is_some(), dirty);
    let heading = move || {
        let l = locale.get();
        match id {
            Some(_) => text::editing(
                l,
                S::EditCategory,
                name.with(|n| n.get(l).to_string()).as_str(),
            ),
            None => S::NewCategory.text(l).to_string(),
        }
    };
    let path =
        Signal::derive(move || format!("/categories/{}", slug.with(|s| s.trim().to_string())));
    let fallback_title = Signal::derive(move || name.get());
    let fallback_description = Signal::derive(move || {
        let n = name.get();
        let count = id.map_or(0, |id| list.with(|l| products_under(l, id)));
        Localized::new(
            text::category_summary(Locale::ZhCn, n.zh.trim(), count),
            text::category_summary(Locale::En, n.en.trim(), count),
        )
    });
    view! {
        <h2 data-testid="category-form-title">{heading}</h2>
        <form class="form tax-form" on:submit=submit novalidate data-testid="category-form">
            <LocalizedInput value=name label=Signal::derive(t(S::Name)) name="name" errors
                testid="category-name" maxlength=60 dirty/>
            <Field label=Signal::derive(t(S::Slug)) name="slug" errors hint=Signal::derive(t(S::SlugHint))>
                <input class="input mono" id="slug" name="slug" maxlength="80" autocomplete="off" spellcheck="false"
                    prop:value=move || slug.get() on:input=on_slug data-testid="category-slug"/>
            </Field>
            <Field label=Signal::derive(t(S::Parent)) name="parent_id" errors>
                <select class="input" id="parent_id" name="parent_id" prop:value=parent_value on:change=on_parent
                    data-testid="category-parent">
                    <option value="" selected=move || parent.get().is_none()>{t(S::TopLevel)}</option>
                    {move || parent_options().into_iter().map(|(pid, label)| {
                        view! {
                            <option value=pid.0.to_string() selected=move || parent.get() == Some(pid)>{label}</option>
                        }
                    }).collect_view()}
                </select>
            </Field>
            <ImageField value=image label=Signal::derive(t(S::Picture)) name="image" errors
                testid="category-image" dirty/>
            <SeoFields seo path errors fallback_title fallback_description dirty/>
            <FormError errors fields=FIELDS/>
            <div class="row tax-form__buttons">
                <button class="btn" type="submit" data-testid="category-save" disabled=move || pending.get()>
                    {t(crate::text::T::Save)}
                </button>
                {id.is_some().then(|| view! {
                    <button class="btn btn--ghost" type="button" data-testid="category-cancel"
                        on:click=move |_| pick.run(None)>
                        {t(crate::text::T::Cancel)}
                    </button>
                })}
                <Show when=deletable fallback=move || id.is_some().then(|| view! {
                    <p class="field__hint tax-form__note" data-testid="category-not-empty">{t(S::NotEmpty)}</p>
                })>
                    <button class="btn btn--bad tax-form__delete" type="button" data-testid="category-delete"
                        disabled=move || pending.get() on:click=delete>
                        {t(S::Delete)}
                    </button>
                </Show>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: i64, parent: Option<i64>) -> CategoryNode {
        CategoryNode {
            id: CategoryId(id),
            draft: CategoryDraft {
                slug: format!("c{id}"),
                name: Localized::new(format!("类{id}"), format!("C{id}")),
                parent_id: parent.map(CategoryId),
                image: None,
                seo: Seo::default(),
            },
            position: 0,
            products: id,
        }
    }

    /// 1 (2 (4), 3), 5 — depth first, as the server sends it.
    fn tree() -> Vec<CategoryNode> {
        vec![
            node(1, None),
            node(2, Some(1)),
            node(4, Some(2)),
            node(3, Some(1)),
            node(5, None),
        ]
    }

    fn mv(parent: Option<i64>, position: u32) -> Option<CategoryMove> {
        Some(CategoryMove {
            parent_id: parent.map(CategoryId),
            position,
        })
    }

    #[test]
    fn steps_find_the_new_parent_and_place() {
        let t = tree();
        let c = CategoryId;
        assert_eq!(target(&t, c(1), Step::Up), None, "first already");
        assert_eq!(target(&t, c(1), Step::Down), mv(None, 1));
        assert_eq!(target(&t, c(5), Step::Up), mv(None, 0));
        assert_eq!(target(&t, c(5), Step::Down), None, "last already");
        assert_eq!(target(&t, c(3), Step::Indent), mv(Some(2), 1), "after 4");
        assert_eq!(target(&t, c(2), Step::Indent), None, "nothing above");
        assert_eq!(target(&t, c(4), Step::Outdent), mv(Some(1), 1), "after 2");
        assert_eq!(target(&t, c(2), Step::Outdent), mv(None, 1), "after 1");
        assert_eq!(target(&t, c(1), Step::Outdent), None, "top level");
    }

    #[test]
    fn rows_know_their_depth_and_siblings() {
        let r = rows(&tree());
        let depths: Vec<usize> = r.iter().map(|r| r.depth).collect();
        assert_eq!(depths, vec![0, 1, 2, 1, 0]);
        assert_eq!((r[3].index, r[3].siblings), (1, 2));
        assert_eq!(subtree(&tree(), CategoryId(1)).len(), 4);
        assert_eq!(products_under(&tree(), CategoryId(2)), 6);
    }
}
