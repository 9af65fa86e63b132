//! A staff member's page: their details, their roles (a form: the server's message next to
//! the field, a warning before leaving unsaved changes, a toast when saved), deactivation,
//! invitation and password-reset e-mails, and a link to their history in the audit log.

use super::staff::RolePicker;
use super::text::{self, X};
use crate::kit::form::{warn_before_leaving, Field, FormError, FormErrors};
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_page};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::ids::UserId;
use shared::staff::{Page, StaffMember, StaffStatus};
use ui::i18n::{t, use_locale, Translate};

#[component]
pub fn StaffMemberPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .map(UserId)
    };
    let refresh = RwSignal::new(0_u32);
    let member = LocalResource::new(move || {
        refresh.track();
        let id = id();
        async move {
            match id {
                Some(id) => crate::api::staff_member(id).await,
                None => Err(shared::ApiError::new(
                    shared::ErrorCode::NotFound,
                    "no such staff member",
                )),
            }
        }
    });
    let name = RwSignal::new(String::new());
    use_page(move |l| {
        let n = name.get();
        super::crumbs(
            l,
            Page::Staff,
            Some(if n.is_empty() {
                X::Member.text(l).to_string()
            } else {
                n
            }),
        )
    });
    view! {
        {loaded(member, None, move |m: StaffMember| {
            name.set(m.display_name.clone());
            view! { <Member member=m refresh/> }
        })}
    }
}

#[component]
fn Member(member: StaffMember, refresh: RwSignal<u32>) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let session = use_session();
    let id = member.id;
    let itself = session.me().is_some_and(|me| me.id == id);
    let status = member.status;
    let roles = RwSignal::new(member.roles.iter().collect::<Vec<_>>());
    let dirty = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let errors = FormErrors::new();
    warn_before_leaving(dirty);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        pending.set(true);
        errors.clear();
        let chosen = roles.get_untracked();
        leptos::task::spawn_local(async move {
            match crate::api::set_roles(id, chosen).await {
                Ok(_) => {
                    dirty.set(false);
                    toasts.say(X::RolesSaved.text(locale.get_untracked()));
                    // my own roles may have changed what I may open
                    if itself {
                        session.refresh();
                    }
                    refresh.update(|n| *n += 1);
                }
                Err(e) => errors.set(e),
            }
            pending.set(false);
        });
    };
    let act = move |what: Act| {
        move |_| {
            let l = locale.get_untracked();
            if what == Act::Deactivate
                && !web_sys::window()
                    .and_then(|w| w.confirm_with_message(X::ConfirmDeactivate.text(l)).ok())
                    .unwrap_or(false)
            {
                return;
            }
            leptos::task::spawn_local(async move {
                let result = match what {
                    Act::Deactivate => crate::api::set_active(id, false)
                        .await
                        .map(|_| X::Deactivated),
                    Act::Reactivate => crate::api::set_active(id, true)
                        .await
                        .map(|_| X::Reactivated),
                    Act::Resend => crate::api::resend_invitation(id)
                        .await
                        .map(|()| X::InvitationSent),
                    Act::Reset => crate::api::send_password_reset(id)
                        .await
                        .map(|()| X::ResetSent),
                };
                match result {
                    Ok(done) => {
                        toasts.say(done.text(l));
                        refresh.update(|n| *n += 1);
                    }
                    Err(e) => toasts.warn(crate::text::error(l, &e)),
                }
            });
        }
    };
    let history = format!("/admin/settings/audit?entity_type=staff&entity_id={id}");
    let last = member.last_sign_in_at;
    let created = member.created_at;
    view! {
        <header class="page-head page-head--row">
            <div>
                <h1 data-testid="member-name">{member.display_name.clone()}</h1>
                <p class="muted">{member.email.clone()}</p>
            </div>
            <a class="btn btn--ghost" href=history data-testid="member-history">{t(X::History)}</a>
        </header>
        <div class="cards">
            <section class="panel">
                <dl class="facts">
                    <dt>{t(X::Status)}</dt>
                    <dd><span class=format!("tag tag--{}", status.code()) data-testid="member-status">{move || text::status(locale.get(), status)}</span></dd>
                    <dt>{t(X::TwoFactor)}</dt>
                    <dd>{move || if member.two_factor { X::On.text(locale.get()) } else { X::Off.text(locale.get()) }}</dd>
                    <dt>{t(X::LastSignIn)}</dt>
                    <dd>{move || last.map_or_else(|| X::Never.text(locale.get()).to_string(), |ms| ui::format::date_time(locale.get(), ms))}</dd>
                    <dt>{t(X::Since)}</dt>
                    <dd>{move || ui::format::date(locale.get(), created)}</dd>
                </dl>
                <p class="row">
                    {(status == StaffStatus::Invited).then(|| view! {
                        <button type="button" class="btn btn--ghost btn--small" data-testid="resend-invitation" on:click=act(Act::Resend)>{t(X::ResendInvitation)}</button>
                    })}
                    {(status == StaffStatus::Active).then(|| view! {
                        <button type="button" class="btn btn--ghost btn--small" data-testid="send-reset" on:click=act(Act::Reset)>{t(X::SendPasswordReset)}</button>
                    })}
                    {(status != StaffStatus::Deactivated && !itself).then(|| view! {
                        <button type="button" class="btn btn--bad btn--small" data-testid="deactivate" on:click=act(Act::Deactivate)>{t(X::Deactivate)}</button>
                    })}
                    {(status == StaffStatus::Deactivated).then(|| view! {
                        <button type="button" class="btn btn--small" data-testid="reactivate" on:click=act(Act::Reactivate)>{t(X::Reactivate)}</button>
                    })}
                </p>
            </section>
            <section class="panel">
                <form class="form" on:submit=save novalidate data-testid="roles-form">
                    <Field label=Signal::derive(t(crate::text::T::Roles)) name="roles" errors hint=Signal::derive(t(X::RolesHint))>
                        <RolePicker chosen=roles dirty/>
                    </Field>
                    <FormError errors fields=&["roles"]/>
                    <button class="btn" type="submit" data-testid="save-roles" disabled=move || pending.get() || !dirty.get()>
                        {t(crate::text::T::Save)}
                    </button>
                </form>
            </section>
        </div>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Act {
    Deactivate,
    Reactivate,
    Resend,
    Reset,
}
