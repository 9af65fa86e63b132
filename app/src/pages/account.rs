//! The customer's account pages: log in, register, forgotten and reset password, overview.
//! The pages are rendered on the server; their forms are islands that post JSON to
//! `/api/v1/auth/*` (with the CSRF header) once hydrated.

use crate::api::{self, go_to};
use crate::i18n::{api_error_text, t, use_locale, Msg, Portal};
use crate::seo::PageMeta;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde_json::json;
use shared::customers::Me;
use shared::ApiError;

/// A titled card around a page's form (an island, which shows its own errors).
#[component]
fn AuthCard(title: Msg, path: &'static str, children: Children) -> impl IntoView {
    let l = use_locale().get_untracked();
    view! {
        <PageMeta title=title.text(l) description=Msg::Tagline.text(l) path=path/>
        <section class="auth-card">
            <h1>{t(title)}</h1>
            {children()}
        </section>
    }
}

/// A form's error line.
#[component]
fn FormError(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <p class="form-error" role="alert" data-testid="form-error">
            {move || error.get().map(|e| api_error_text(locale.get(), &e))}
        </p>
    }
}

/// Runs `request` when the form is submitted; shows its error, or goes to `then`.
fn submit_to<T: serde::de::DeserializeOwned + 'static>(
    path: &'static str,
    body: impl Fn() -> serde_json::Value + Send + Sync + 'static,
    pending: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    then: impl Fn() + Send + Sync + 'static,
) -> impl Fn(SubmitEvent) + Clone + Send + Sync + 'static {
    let (body, then) = (std::sync::Arc::new(body), std::sync::Arc::new(then));
    move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let request = api::post::<T>(path.to_string(), body());
        let then = then.clone();
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(_) => then(),
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    }
}

/// `true` once the island is hydrated: effects run only in the browser. Until then the
/// submit buttons stay disabled, so a quick click cannot send the form the old way (with the
/// password in the address).
fn use_hydrated() -> RwSignal<bool> {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    hydrated
}

#[component]
fn SubmitButton(label: Msg, pending: RwSignal<bool>) -> impl IntoView {
    let hydrated = use_hydrated();
    view! {
        <button class="button button--wide" type="submit" disabled=move || pending.get() || !hydrated.get() data-testid="submit">
            {move || if pending.get() { t(Msg::Working)() } else { t(label)() }}
        </button>
    }
}

/// Where to go after login or registration: `?next=` when it is a path on this site, else
/// the account page.
fn next_page() -> String {
    use_query_map()
        .read_untracked()
        .get("next")
        .filter(|n| shared::url::is_local_path(n))
        .unwrap_or_else(|| use_locale().get_untracked().localize("/account"))
}

/// After login or registration: the guest cart joins the account's, then on to `next`.
fn after_sign_in(next: String) -> impl Fn() + Send + Sync + 'static {
    move || {
        let next = next.clone();
        leptos::task::spawn_local(async move {
            crate::cart::hand_over_guest_cart().await;
            crate::wishlist::hand_over_guest_wishlist().await;
            go_to(&next);
        });
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <AuthCard title=Msg::LogIn path="/account/login">
            <LoginForm next=next_page()/>
            <p class="muted small">
                <a class="link" href=move || locale.get().localize("/account/forgot-password")>{t(Msg::ForgotPassword)}</a>
            </p>
            <p class="muted small">{t(Msg::NoAccountYet)}" "
                <a class="link" href=move || locale.get().localize("/account/register")>{t(Msg::Register)}</a>
            </p>
        </AuthCard>
    }
}

#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
fn LoginForm(next: String) -> impl IntoView {
    let (email, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None));
    let submit = submit_to::<Me>(
        "/api/v1/auth/login",
        move || json!({"email": email.get_untracked(), "password": password.get_untracked()}),
        pending,
        error,
        after_sign_in(next),
    );
    view! {
        <form class="form" method="post" on:submit=submit>
            <label>{t(Msg::Email)}<input type="email" name="email" autocomplete="email" required bind:value=email/></label>
            <label>{t(Msg::Password)}<input type="password" name="password" autocomplete="current-password" required bind:value=password/></label>
            <SubmitButton label=Msg::LogIn pending/>
        </form>
        <FormError error/>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <AuthCard title=Msg::Register path="/account/register">
            <RegisterForm next=next_page()/>
            <p class="muted small">{t(Msg::HaveAccount)}" "
                <a class="link" href=move || locale.get().localize("/account/login")>{t(Msg::LogIn)}</a>
            </p>
        </AuthCard>
    }
}

#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
fn RegisterForm(next: String) -> impl IntoView {
    let (name, email, password) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None));
    let submit = submit_to::<Me>(
        "/api/v1/auth/register",
        move || json!({"display_name": name.get_untracked(), "email": email.get_untracked(), "password": password.get_untracked()}),
        pending,
        error,
        after_sign_in(next),
    );
    view! {
        <form class="form" method="post" on:submit=submit>
            <label>{t(Msg::DisplayName)}<input type="text" name="name" autocomplete="nickname" required maxlength="50" bind:value=name/></label>
            <label>{t(Msg::Email)}<input type="email" name="email" autocomplete="email" required bind:value=email/></label>
            <label>{t(Msg::Password)}
                <input type="password" name="password" autocomplete="new-password" required minlength="8" maxlength="128" bind:value=password/>
                <span class="muted small">{t(Msg::PasswordHint)}</span>
            </label>
            <SubmitButton label=Msg::Register pending/>
        </form>
        <FormError error/>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    view! {
        <AuthCard title=Msg::ResetPassword path="/account/forgot-password">
            <ForgotPasswordForm/>
        </AuthCard>
    }
}

#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
fn ForgotPasswordForm() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let (pending, error, sent) = (
        RwSignal::new(false),
        RwSignal::new(None),
        RwSignal::new(false),
    );
    let submit = submit_to::<serde_json::Value>(
        "/api/v1/auth/password-reset",
        move || json!({"email": email.get_untracked()}),
        pending,
        error,
        move || sent.set(true),
    );
    view! {
        <form class="form" method="post" on:submit=submit>
            <label>{t(Msg::Email)}<input type="email" name="email" autocomplete="email" required bind:value=email/></label>
            <SubmitButton label=Msg::SendResetLink pending/>
        </form>
        <Show when=move || sent.get()>
            <p class="notice" data-testid="reset-sent">{t(Msg::ResetLinkSent)}</p>
        </Show>
        <FormError error/>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    view! {
        <AuthCard title=Msg::ResetPassword path="/account/reset-password">
            <ResetPasswordForm token/>
        </AuthCard>
    }
}

#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
fn ResetPasswordForm(token: String) -> impl IntoView {
    let locale = use_locale();
    let password = RwSignal::new(String::new());
    let (pending, error, done) = (
        RwSignal::new(false),
        RwSignal::new(None),
        RwSignal::new(false),
    );
    let submit = submit_to::<serde_json::Value>(
        "/api/v1/auth/password-reset/confirm",
        move || json!({"token": token, "password": password.get_untracked()}),
        pending,
        error,
        move || done.set(true),
    );
    view! {
        <Show
            when=move || done.get()
            fallback=move || view! {
                <form class="form" method="post" on:submit=submit.clone()>
                    <label>{t(Msg::NewPassword)}
                        <input type="password" name="password" autocomplete="new-password" required minlength="8" bind:value=password/>
                        <span class="muted small">{t(Msg::PasswordHint)}</span>
                    </label>
                    <SubmitButton label=Msg::ResetPassword pending/>
                </form>
            }
        >
            <p class="notice" data-testid="password-changed">{t(Msg::PasswordChanged)}</p>
            <a class="button" href=move || locale.get().localize("/account/login")>{t(Msg::LogIn)}</a>
        </Show>
        <FormError error/>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = use_locale();
    let me = Resource::new(|| (), |_| api::me());
    let l = locale.get_untracked();
    let body = move || {
        Suspend::new(async move {
            match me.await {
                Ok(me) => view! {
                    <section class="auth-card" data-testid="account">
                        <h1>{t(Msg::MyAccount)}</h1>
                        <p class="account-name">{me.display_name}</p>
                        <p class="muted">{me.email}</p>
                        <p>{t(Msg::AccountIntro)}</p>
                        <p class="account-links">
                            <a class="button" href=locale.get_untracked().localize("/account/orders") data-testid="my-orders-link">{t(Msg::MyOrders)}</a>
                            <a class="button button--ghost" href=locale.get_untracked().localize("/account/reviews") data-testid="my-reviews-link">{t(Portal::MyReviews)}</a>
                            <a class="button button--ghost" href=locale.get_untracked().localize("/account/questions") data-testid="my-questions-link">{t(Portal::MyQuestions)}</a>
                            <a class="button button--ghost" href=locale.get_untracked().localize("/account/wishlist") data-testid="my-wishlist-link">{t(Portal::Wishlist)}</a>
                            <a class="button button--ghost" href=locale.get_untracked().localize("/account/addresses") data-testid="my-addresses-link">{t(Portal::AddressBook)}</a>
                            <a class="button button--ghost" href=locale.get_untracked().localize("/account/profile") data-testid="my-profile-link">{t(Portal::ProfileTitle)}</a>
                        </p>
                        {(me.kind == shared::customers::AccountKind::Staff).then(|| view! {
                            <p><a class="button" href="/admin" data-testid="back-office">{t(Msg::BackOffice)}</a></p>
                        })}
                        <LogOut/>
                    </section>
                }
                .into_any(),
                Err(_) => view! {
                    <section class="auth-card">
                        <h1>{t(Msg::MyAccount)}</h1>
                        <a class="button" href=locale.get_untracked().localize("/account/login")>{t(Msg::LogIn)}</a>
                    </section>
                }
                .into_any(),
            }
        })
    };
    view! {
        <PageMeta title=Msg::MyAccount.text(l) description=Msg::AccountIntro.text(l) path="/account"/>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Suspense>
    }
}

/// Logging out: then back to the shop's home page.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
fn LogOut() -> impl IntoView {
    let locale = use_locale();
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let logout = submit_to::<serde_json::Value>(
        "/api/v1/auth/logout",
        || json!({}),
        pending,
        error,
        move || {
            crate::cart::forget_units();
            go_to(&locale.get_untracked().localize("/"));
        },
    );
    let hydrated = use_hydrated();
    view! {
        <form method="post" on:submit=logout>
            <button class="button button--ghost" type="submit" data-testid="logout" disabled=move || !hydrated.get() || pending.get()>{t(Msg::LogOut)}</button>
        </form>
        <FormError error/>
    }
}
