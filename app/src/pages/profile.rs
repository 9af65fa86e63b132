//! The customer portal's own pages: `/account/profile` — the customer's details, sign-in
//! e-mail, password and notifications, the download of their data and deleting the account
//! — and `/account/confirm-email?token=`, where the link sent to a new address is opened.
//! Rendered on the server; each form is an island of the account's bundle. A saved form
//! loads the page again with `?saved=<what>`, which shows what happened.

use crate::api;
use crate::components::form;
use crate::components::sign_in_first::SignInFirst;
use crate::i18n::{api_error_text, t, use_locale, Msg, Portal};
use crate::seo::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::customers::profile::{
    AccountDeletion, EmailChangeRequest, NotificationPrefs, PasswordChange, Profile, ProfileUpdate,
};
use shared::{ApiError, ErrorCode, Locale};

/// Where the customer's data is downloaded: a plain link (the answer is a file).
const EXPORT_PATH: &str = "/api/v1/store/account/export";

/// The profile page again, telling what was saved.
fn saved_page(l: Locale, what: &str) -> String {
    l.localize(&format!("/account/profile?saved={what}"))
}

/// `true` once the island is hydrated: until then the buttons stay disabled, so a quick
/// click cannot send a form the old way (with a password in the address).
fn use_hydrated() -> RwSignal<bool> {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    hydrated
}

/// A form's error line.
#[component]
fn ErrorLine(error: RwSignal<Option<ApiError>>, #[prop(into)] testid: String) -> impl IntoView {
    let locale = use_locale();
    view! {
        <p class="form-error" role="alert" data-testid=testid>
            {move || error.get().map(|e| api_error_text(locale.get(), &e))}
        </p>
    }
}

/// A form's submit button: disabled until hydrated and while the form is on its way.
#[component]
fn Submit(
    label: Portal,
    pending: RwSignal<bool>,
    #[prop(into)] testid: String,
    /// Further reason to wait (a confirmation not yet ticked).
    #[prop(optional, into)]
    blocked: Option<Signal<bool>>,
    #[prop(optional)] danger: bool,
) -> impl IntoView {
    let hydrated = use_hydrated();
    let class = if danger {
        "button button--danger"
    } else {
        "button"
    };
    let waiting = move || pending.get() || !hydrated.get() || blocked.is_some_and(|b| b.get());
    view! {
        <button class=class type="submit" disabled=waiting data-testid=testid>
            {move || if pending.get() { t(Msg::Working)() } else { t(label)() }}
        </button>
    }
}

/// `/account/profile`: every part of the customer's account in one page.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| api::my_profile());
    let l = use_locale().get_untracked();
    let saved = use_query_map().read_untracked().get("saved");
    let body = move || {
        let saved = saved.clone();
        Suspend::new(async move {
            match profile.await {
                Ok(p) => view! { <ProfileSections p saved/> }.into_any(),
                Err(e) if e.code != ErrorCode::Unauthorized => {
                    view! { <p class="form-error" role="alert">{api_error_text(l, &e).to_string()}</p> }.into_any()
                }
                Err(_) => view! { <SignInFirst title=Portal::ProfileTitle path="/account/profile"/> }.into_any(),
            }
        })
    };
    view! {
        <PageMeta title=Portal::ProfileTitle.text(l) description=Portal::ProfileIntro.text(l) path="/account/profile" noindex=true/>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Suspense>
    }
}

#[component]
fn ProfileSections(p: Profile, saved: Option<String>) -> impl IntoView {
    let l = use_locale().get_untracked();
    let Profile {
        email,
        display_name,
        phone,
        pending_email,
        notifications,
        ..
    } = p;
    let notice = saved.and_then(|what| match what.as_str() {
        "details" => Some(Portal::ProfileSaved),
        "email" => Some(Portal::EmailLinkSent),
        "password" => Some(Portal::PasswordUpdated),
        "notifications" => Some(Portal::NotifySaved),
        _ => None,
    });
    view! {
        <section class="profile" data-testid="profile">
            <p><a href=l.localize("/account")>{"← "}{Msg::MyAccount.text(l)}</a></p>
            <h1>{Portal::ProfileTitle.text(l)}</h1>
            <p class="muted">{Portal::ProfileIntro.text(l)}</p>
            {notice.map(|m| view! { <p class="notice" role="status" data-testid="profile-saved">{m.text(l)}</p> })}
            <div class="panel profile__section">
                <h2>{Portal::ProfileDetails.text(l)}</h2>
                <DetailsForm name=display_name phone=phone.unwrap_or_default()/>
            </div>
            <div class="panel profile__section">
                <h2>{Portal::EmailTitle.text(l)}</h2>
                <p class="muted">{Portal::EmailCurrent.text(l)}<strong data-testid="profile-email">{email}</strong></p>
                {pending_email.map(|e| view! {
                    <p class="notice notice--slim" data-testid="pending-email">{Portal::EmailPending.text(l)}{e}</p>
                })}
                <EmailForm/>
            </div>
            <div class="panel profile__section">
                <h2>{Portal::PasswordTitle.text(l)}</h2>
                <PasswordForm/>
            </div>
            <div class="panel profile__section">
                <h2>{Portal::NotifyTitle.text(l)}</h2>
                <p class="muted small">{Portal::NotifyIntro.text(l)}</p>
                <NotifyForm order_updates=notifications.order_updates marketing=notifications.marketing/>
            </div>
            <div class="panel profile__section">
                <h2>{Portal::PrivacyTitle.text(l)}</h2>
                <p class="muted">{Portal::PrivacyExportIntro.text(l)}</p>
                <p><a class="button button--ghost" href=EXPORT_PATH data-testid="export-link">{Portal::PrivacyExport.text(l)}</a></p>
                <h3>{Portal::PrivacyDeleteTitle.text(l)}</h3>
                <p class="muted">{Portal::PrivacyDeleteIntro.text(l)}</p>
                <DeleteForm/>
            </div>
        </section>
    }
}

/// Name and mobile number.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn DetailsForm(name: String, phone: String) -> impl IntoView {
    let locale = use_locale();
    let (name, phone) = (RwSignal::new(name), RwSignal::new(phone));
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let req = ProfileUpdate {
            display_name: name.get_untracked(),
            phone: Some(phone.get_untracked()),
        };
        let back = saved_page(locale.get_untracked(), "details");
        form::send(api::update_my_profile(&req), pending, error, move |_| back);
    };
    view! {
        <form class="form" method="post" on:submit=submit data-testid="profile-form">
            <label>{t(Msg::DisplayName)}
                <input type="text" autocomplete="nickname" required maxlength="50" bind:value=name data-testid="profile-name"/>
            </label>
            <label>{t(Msg::Mobile)}
                <input type="tel" inputmode="tel" autocomplete="tel" maxlength="20" bind:value=phone data-testid="profile-phone"/>
                <span class="muted small">{t(Portal::ProfileMobileHint)}</span>
            </label>
            <Submit label=Portal::ProfileSave pending testid="profile-save"/>
            <ErrorLine error testid="profile-error"/>
        </form>
    }
}

/// A new sign-in address, with the current password: the link goes to the new address.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn EmailForm() -> impl IntoView {
    let locale = use_locale();
    let (email, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let req = EmailChangeRequest {
            email: email.get_untracked(),
            current_password: password.get_untracked(),
        };
        let back = saved_page(locale.get_untracked(), "email");
        form::send(api::request_email_change(&req), pending, error, move |_| {
            back
        });
    };
    view! {
        <form class="form" method="post" on:submit=submit data-testid="email-form">
            <label>{t(Portal::EmailNew)}
                <input type="email" autocomplete="email" required maxlength="254" bind:value=email data-testid="email-new"/>
            </label>
            <label>{t(Portal::PasswordCurrent)}
                <input type="password" autocomplete="current-password" required bind:value=password data-testid="email-password"/>
            </label>
            <Submit label=Portal::EmailSend pending testid="email-send"/>
            <ErrorLine error testid="email-error"/>
        </form>
    }
}

/// A new password, with the current one; other devices are signed out.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn PasswordForm() -> impl IntoView {
    let locale = use_locale();
    let (current, new) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let req = PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        let back = saved_page(locale.get_untracked(), "password");
        form::send(api::change_my_password(&req), pending, error, move |_| back);
    };
    view! {
        <form class="form" method="post" on:submit=submit data-testid="password-form">
            <label>{t(Portal::PasswordCurrent)}
                <input type="password" autocomplete="current-password" required bind:value=current data-testid="password-current"/>
            </label>
            <label>{t(Msg::NewPassword)}
                <input type="password" autocomplete="new-password" required minlength="8" maxlength="128" bind:value=new data-testid="password-new"/>
                <span class="muted small">{t(Msg::PasswordHint)}</span>
            </label>
            <Submit label=Portal::PasswordTitle pending testid="password-save"/>
            <ErrorLine error testid="password-error"/>
        </form>
    }
}

/// The optional messages, on or off.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn NotifyForm(order_updates: bool, marketing: bool) -> impl IntoView {
    let locale = use_locale();
    let (order_updates, marketing) = (RwSignal::new(order_updates), RwSignal::new(marketing));
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let prefs = NotificationPrefs {
            order_updates: order_updates.get_untracked(),
            marketing: marketing.get_untracked(),
        };
        let back = saved_page(locale.get_untracked(), "notifications");
        form::send(
            api::set_my_notifications(&prefs),
            pending,
            error,
            move |_| back,
        );
    };
    view! {
        <form class="form" method="post" on:submit=submit data-testid="notify-form">
            <label class="check">
                <input type="checkbox" bind:checked=order_updates data-testid="notify-order-updates"/>
                {t(Portal::NotifyOrderUpdates)}
            </label>
            <label class="check">
                <input type="checkbox" bind:checked=marketing data-testid="notify-marketing"/>
                {t(Portal::NotifyMarketing)}
            </label>
            <Submit label=Portal::NotifySave pending testid="notify-save"/>
            <ErrorLine error testid="notify-error"/>
        </form>
    }
}

/// Deleting the account: the password and a tick that says it cannot be undone. Then the
/// shop's home page, signed out.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn DeleteForm() -> impl IntoView {
    let locale = use_locale();
    let password = RwSignal::new(String::new());
    let understood = RwSignal::new(false);
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || !understood.get_untracked() {
            return;
        }
        let req = AccountDeletion {
            current_password: password.get_untracked(),
        };
        let home = locale.get_untracked().localize("/");
        form::send(api::delete_my_account(&req), pending, error, move |_| {
            crate::cart::forget_units();
            home
        });
    };
    let blocked = Signal::derive(move || !understood.get());
    view! {
        <form class="form" method="post" on:submit=submit data-testid="delete-form">
            <label>{t(Portal::PasswordCurrent)}
                <input type="password" autocomplete="current-password" required bind:value=password data-testid="delete-password"/>
            </label>
            <label class="check">
                <input type="checkbox" bind:checked=understood data-testid="delete-understood"/>
                {t(Portal::PrivacyDeleteConfirm)}
            </label>
            <Submit label=Portal::PrivacyDeleteButton pending testid="delete-submit" blocked danger=true/>
            <ErrorLine error testid="delete-error"/>
        </form>
    }
}

/// `/account/confirm-email?token=`: the link sent to a new address. Nothing changes until
/// the button is pressed (a mail scanner opening the link changes nothing).
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let l = use_locale().get_untracked();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    view! {
        <PageMeta title=Portal::EmailConfirmTitle.text(l) description=Portal::EmailConfirmIntro.text(l) path="/account/confirm-email" noindex=true/>
        <section class="auth-card" data-testid="confirm-email">
            <h1>{Portal::EmailConfirmTitle.text(l)}</h1>
            <ConfirmEmailForm token/>
        </section>
    }
}

#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn ConfirmEmailForm(token: String) -> impl IntoView {
    let locale = use_locale();
    let token = StoredValue::new(token);
    let (pending, error, done) = (
        RwSignal::new(false),
        RwSignal::new(None::<ApiError>),
        RwSignal::new(false),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let request = api::confirm_email_change(&token.get_value());
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(()) => done.set(true),
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };
    view! {
        <Show
            when=move || done.get()
            fallback=move || view! {
                <p class="muted">{t(Portal::EmailConfirmIntro)}</p>
                <form class="form" method="post" on:submit=submit>
                    <Submit label=Portal::EmailConfirmButton pending testid="confirm-email-submit"/>
                </form>
            }
        >
            <p class="notice" data-testid="email-changed">{t(Portal::EmailChanged)}</p>
            <a class="button" href=move || locale.get().localize("/account/profile")>{t(Portal::ProfileTitle)}</a>
        </Show>
        <ErrorLine error testid="confirm-email-error"/>
    }
}
