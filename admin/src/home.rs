//! The start page: who is signed in with which roles, the modules they may open, and what
//! waits for them (bank transfers to confirm, for those who see orders).

use crate::kit::use_page;
use crate::session::use_session;
use crate::text::{self, T};
use leptos::prelude::*;
use shared::staff::Permission;
use shared::Locale;
use ui::i18n::{t, use_locale};

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    use_page(|_| Vec::new());
    let Some(me) = session.me() else {
        return ().into_any();
    };
    let greeting = {
        let name = me.display_name.clone();
        move || match locale.get() {
            Locale::ZhCn => format!("{name}，您好"),
            Locale::En => format!("Hello, {name}"),
        }
    };
    let roles = me
        .roles
        .iter()
        .map(|r| view! { <span class="chip">{move || text::role(locale.get(), r)}</span> })
        .collect_view();
    let tiles = me
        .modules
        .iter()
        .map(|m| {
            let module = m.module;
            let links = m
                .pages
                .iter()
                .map(|p| {
                    let p = *p;
                    view! { <li><a href=format!("/admin{}", p.path())>{move || text::page(locale.get(), p)}</a></li> }
                })
                .collect_view();
            view! {
                <section class="tile" data-testid="home-module">
                    <h2>{move || text::module(locale.get(), module)}</h2>
                    <ul>{links}</ul>
                </section>
            }
        })
        .collect_view();
    let sees_orders = me.can(Permission::ViewOrders);
    let awaiting = LocalResource::new(move || async move {
        if sees_orders {
            crate::orders::awaiting_transfers().await.ok()
        } else {
            None
        }
    });
    let waiting = move || {
        awaiting.get().flatten().map(|n| {
            let label = move || match locale.get() {
                Locale::ZhCn => "笔银行转账待确认",
                Locale::En if n == 1 => "bank transfer to confirm",
                Locale::En => "bank transfers to confirm",
            };
            view! {
                <a class="tile tile--figure" href="/admin/orders?awaiting_transfer=true" data-testid="awaiting-transfers">
                    <strong>{n}</strong><span>{label}</span>
                </a>
            }
        })
    };
    let nothing = me.modules.is_empty();
    view! {
        <header class="page-head">
            <h1>{greeting}</h1>
            <p class="row">{t(T::Roles)}": "{roles}</p>
        </header>
        <div class="tiles">
            {waiting}
            {tiles}
        </div>
        {nothing.then(|| view! { <p class="state" data-testid="no-modules">{move || match locale.get() {
            Locale::ZhCn => "您的角色目前还没有可用的后台模块；相关模块上线后会出现在这里。",
            Locale::En => "Your roles open no back-office module yet; they appear here as the modules arrive.",
        }}</p> })}
    }
    .into_any()
}
