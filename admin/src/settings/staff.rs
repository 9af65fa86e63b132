//! 员工与角色: the staff list (search, role and status filters, sort and page in the URL,
//! bulk deactivation) and the invitation form.

use super::text::{self, X};
use crate::kit::form::{warn_before_leaving, Field, FormError, FormErrors};
use crate::kit::list::{
    options, use_list_url, BulkBar, Empty, FilterSelect, ListUrl, Pagination, RowCheck, SearchBox,
    SelectAll, Selection, SortHeader,
};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_go, use_page};
use leptos::prelude::*;
use shared::list::Paged;
use shared::staff::{InviteStaff, Page, StaffListQuery, StaffMember, StaffRole, StaffStatus};
use ui::i18n::{t, use_locale, Translate};

fn query(url: ListUrl) -> StaffListQuery {
    StaffListQuery {
        q: url.get("q"),
        role: url.parse("role"),
        status: url.parse("status"),
        sort: url.parse("sort"),
        dir: url.parse("dir"),
        page: url.number("page"),
        page_size: url.number("page_size"),
    }
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| super::crumbs(l, Page::Staff, None));
    let url = use_list_url();
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        crate::api::staff(&query(url))
    });
    let inviting = RwSignal::new(false);
    let selection = Selection::new();
    let role_options = options(&StaffRole::ALL, StaffRole::code, crate::text::role);
    let status_options = options(&StaffStatus::ALL, StaffStatus::code, text::status);
    view! {
        <header class="page-head page-head--row">
            <h1>{move || crate::text::page(locale.get(), Page::Staff)}</h1>
            <button type="button" class="btn" data-testid="invite" on:click=move |_| inviting.set(true)>{t(X::Invite)}</button>
        </header>
        <Show when=move || inviting.get()>
            <InviteForm inviting/>
        </Show>
        <div class="toolbar">
            <SearchBox url placeholder=Signal::derive(t(X::SearchStaff))/>
            <FilterSelect url key="role" label=Signal::derive(t(X::RoleFilter)) options=role_options/>
            <FilterSelect url key="status" label=Signal::derive(t(X::Status)) options=status_options/>
        </div>
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |page| {
            view! { <StaffTable page url selection refresh/> }
        })}
    }
}

#[component]
fn StaffTable(
    page: Paged<StaffMember>,
    url: ListUrl,
    selection: Selection,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    if page.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let keys: Vec<String> = page
        .items
        .iter()
        .filter(|m| m.status != StaffStatus::Deactivated)
        .map(|m| m.id.to_string())
        .collect();
    let deactivate_selected = move |_| {
        let l = locale.get_untracked();
        let ok = web_sys::window()
            .and_then(|w| w.confirm_with_message(X::ConfirmDeactivate.text(l)).ok())
            .unwrap_or(false);
        if !ok {
            return;
        }
        let ids = selection.keys();
        leptos::task::spawn_local(async move {
            let mut done = 0;
            for id in ids {
                let Ok(id) = id.parse::<i64>() else { continue };
                match crate::api::set_active(shared::ids::UserId(id), false).await {
                    Ok(_) => done += 1,
                    Err(e) => toasts.warn(crate::text::error(l, &e)),
                }
            }
            if done > 0 {
                toasts.say(format!("{} · {done}", X::Deactivated.text(l)));
            }
            selection.clear();
            refresh.update(|n| *n += 1);
        });
    };
    let rows = page
        .items
        .into_iter()
        .map(|m| {
            let href = format!("/admin/settings/staff/{}", m.id);
            let roles = m
                .roles
                .iter()
                .map(|r| view! { <span class="chip chip--small">{move || crate::text::role(locale.get(), r)}</span> })
                .collect_view();
            let status = m.status;
            let last = m.last_sign_in_at;
            let selectable = status != StaffStatus::Deactivated;
            view! {
                <tr data-testid="staff-row">
                    {if selectable {
                        view! { <RowCheck selection key=m.id.to_string()/> }.into_any()
                    } else {
                        view! { <td class="check"></td> }.into_any()
                    }}
                    <td><a href=href class="strong" data-testid="staff-link">{m.display_name.clone()}</a></td>
                    <td class="ellipsis">{m.email.clone()}</td>
                    <td class="chips">{roles}</td>
                    <td><span class=format!("tag tag--{}", status.code())>{move || text::status(locale.get(), status)}</span></td>
                    <td>{move || if m.two_factor { X::On.text(locale.get()) } else { X::Off.text(locale.get()) }}</td>
                    <td class="nowrap">{move || last.map_or_else(|| X::Never.text(locale.get()).to_string(), |ms| ui::format::date_time(locale.get(), ms))}</td>
                </tr>
            }
        })
        .collect_view();
    let (total, number, size) = (page.total, page.page, page.page_size);
    view! {
        <BulkBar selection>
            <button type="button" class="btn btn--small btn--bad" data-testid="bulk-deactivate" on:click=deactivate_selected>
                {t(X::DeactivateSelected)}
            </button>
        </BulkBar>
        <div class="table-wrap">
            <table class="table" data-testid="staff-table">
                <thead><tr>
                    <SelectAll selection keys/>
                    <SortHeader url label=Signal::derive(t(X::Name)) key="name" default_sort="name"/>
                    <SortHeader url label=Signal::derive(t(X::Email)) key="email" default_sort="name"/>
                    <th>{t(crate::text::T::Roles)}</th>
                    <th>{t(X::Status)}</th>
                    <th>{t(X::TwoFactor)}</th>
                    <SortHeader url label=Signal::derive(t(X::LastSignIn)) key="last_sign_in" default_sort="name" first_dir="desc"/>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pagination url total page=number page_size=size/>
    }
    .into_any()
}

/// Role checkboxes; `chosen` holds the ticked roles.
#[component]
pub fn RolePicker(chosen: RwSignal<Vec<StaffRole>>, dirty: RwSignal<bool>) -> impl IntoView {
    let locale = use_locale();
    let boxes = StaffRole::ALL
        .into_iter()
        .map(|role| {
            let checked = move || chosen.with(|c| c.contains(&role));
            let toggle = move |_| {
                chosen.update(|c| {
                    if let Some(i) = c.iter().position(|r| *r == role) {
                        c.remove(i);
                    } else {
                        c.push(role);
                    }
                });
                dirty.set(true);
            };
            view! {
                <label class="role">
                    <input type="checkbox" name="roles" value=role.code() prop:checked=checked on:change=toggle
                        data-testid=format!("role-{}", role.code())/>
                    <span>{move || crate::text::role(locale.get(), role)}</span>
                </label>
            }
        })
        .collect_view();
    view! { <div class="roles" id="roles" role="group">{boxes}</div> }
}

#[component]
fn InviteForm(inviting: RwSignal<bool>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let go = StoredValue::new_local(use_go());
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<StaffRole>::new());
    let dirty = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let errors = FormErrors::new();
    warn_before_leaving(dirty);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        errors.clear();
        let req = InviteStaff {
            email: email.get_untracked(),
            display_name: name.get_untracked(),
            roles: roles.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match crate::api::invite(&req).await {
                Ok(member) => {
                    dirty.set(false);
                    inviting.set(false);
                    toasts.say(format!(
                        "{} · {}",
                        X::Invited.text(locale.get_untracked()),
                        member.email
                    ));
                    go.with_value(|go| go(&format!("/admin/settings/staff/{}", member.id), false));
                }
                Err(e) => errors.set(e),
            }
            pending.set(false);
        });
    };
    let input = move |s: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            s.set(event_target_value(&ev));
            dirty.set(true);
        }
    };
    view! {
        <section class="panel" data-testid="invite-form">
            <h2>{t(X::InviteTitle)}</h2>
            <p class="muted">{t(X::InviteIntro)}</p>
            <form class="form form--grid" on:submit=submit novalidate>
                <Field label=Signal::derive(t(X::Email)) name="email" errors>
                    <input class="input" id="email" name="email" type="email" required
                        prop:value=move || email.get() on:input=input(email)/>
                </Field>
                <Field label=Signal::derive(t(X::Name)) name="display_name" errors>
                    <input class="input" id="display_name" name="display_name" required maxlength="50"
                        prop:value=move || name.get() on:input=input(name)/>
                </Field>
                <div class="form__wide">
                    <Field label=Signal::derive(t(crate::text::T::Roles)) name="roles" errors hint=Signal::derive(t(X::RolesHint))>
                        <RolePicker chosen=roles dirty/>
                    </Field>
                </div>
                <div class="form__wide">
                    <FormError errors fields=&["email", "display_name", "roles"]/>
                    <p class="row">
                        <button class="btn" type="submit" data-testid="send-invite" disabled=move || pending.get()>{t(X::Send)}</button>
                        <button class="btn btn--ghost" type="button" on:click=move |_| { dirty.set(false); inviting.set(false); }>
                            {t(crate::text::T::Cancel)}
                        </button>
                    </p>
                </div>
            </form>
        </section>
    }
}
