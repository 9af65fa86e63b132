//! 供应商: the suppliers (code, name, contact, currency, lead time, how many items they
//! sell the shop, open orders, active), a form that adds one, and one supplier's page: the
//! same form for their record and their list (供货清单) — per item its SKU, unit price in
//! yuan, minimum order, pack and own lead time — saved as a whole — and the supplier's
//! accounts in the supplier portal (供应商门户账号), with an invitation form for those who
//! manage suppliers.

use super::text::{self, Pc};
use super::{parse_price, price_input, refuse, whole};
use crate::kit::form::{warn_before_leaving, Field, FormError, FormErrors};
use crate::kit::list::Empty;
use crate::kit::toast::use_toasts;
use crate::kit::{loaded, use_go, use_id_param, use_page};
use crate::session::use_session;
use leptos::prelude::*;
use shared::money::Currency;
use shared::procurement::portal::{NewSupplierAccount, SupplierAccountView};
use shared::procurement::suppliers::{
    check_offers, check_supplier, OfferDraft, OfferView, OffersDraft, SupplierDraft,
    SupplierSummary, SupplierView,
};
use shared::staff::{Page, Permission};
use ui::i18n::{t, use_locale, Translate};

fn supplier_href(id: i64) -> String {
    format!("/admin/procurement/suppliers/{id}")
}

#[component]
pub fn SuppliersPage() -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let go = StoredValue::new_local(use_go());
    let can = Memo::new(move |_| session.can(Permission::ManageSuppliers));
    use_page(|l| super::crumbs(l, Page::Suppliers, None));
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        crate::api::suppliers()
    });
    let creating = RwSignal::new(false);
    let dirty = RwSignal::new(false);
    warn_before_leaving(dirty);
    // a new supplier opens on their own page, where their list is written
    let on_saved = Callback::new(move |saved: Option<SupplierView>| {
        dirty.set(false);
        creating.set(false);
        if let Some(s) = saved {
            go.with_value(|go| go(&supplier_href(s.id), false));
        }
    });
    view! {
        <header class="page-head page-head--row">
            <div>
                <h1>{move || crate::text::page(locale.get(), Page::Suppliers)}</h1>
                <p class="muted">{t(Pc::SuppliersIntro)}</p>
            </div>
            <Show when=move || can.get() && !creating.get()>
                <button type="button" class="btn" data-testid="supplier-new" on:click=move |_| creating.set(true)>
                    {t(Pc::NewSupplier)}
                </button>
            </Show>
        </header>
        <Show when=move || can.get() && creating.get()>
            <section class="panel">
                <SupplierForm supplier=None dirty on_saved/>
            </section>
        </Show>
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))),
            move |suppliers: Vec<SupplierSummary>| view! { <SupplierTable suppliers/> })}
    }
}

#[component]
fn SupplierTable(suppliers: Vec<SupplierSummary>) -> impl IntoView {
    let locale = use_locale();
    if suppliers.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let rows = suppliers
        .into_iter()
        .map(|s| {
            let active = s.active;
            view! {
                <tr data-testid="supplier-row" data-id=s.id>
                    <td><a class="strong mono" href=supplier_href(s.id) data-testid="supplier-link">{s.code.clone()}</a></td>
                    <td>{s.name.clone()}</td>
                    <td>{s.contact_name.clone()}</td>
                    <td class="mono">{s.currency.code()}</td>
                    <td class="num">{move || text::days(locale.get(), s.lead_time_days)}</td>
                    <td class="num" data-testid="supplier-offers">{s.offers}</td>
                    <td class="num" data-testid="supplier-open-orders">{s.open_orders}</td>
                    <td>
                        <span class="tag" class:tag--active=active class:tag--deactivated={!active} data-testid="supplier-active-tag">
                            {move || if active { Pc::Active.text(locale.get()) } else { Pc::Inactive.text(locale.get()) }}
                        </span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap"><table class="table" data-testid="supplier-table">
            <thead><tr>
                <th>{t(Pc::Code)}</th><th>{t(Pc::SupplierName)}</th><th>{t(Pc::Contact)}</th><th>{t(Pc::Currency)}</th>
                <th class="num">{t(Pc::LeadTime)}</th><th class="num">{t(Pc::Items)}</th>
                <th class="num">{t(Pc::OpenOrders)}</th><th>{t(Pc::Status)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
    .into_any()
}

/// One supplier: their record and their list.
#[component]
pub fn SupplierPage() -> impl IntoView {
    let id = use_id_param("id");
    let refresh = RwSignal::new(0_u32);
    let supplier = LocalResource::new(move || {
        refresh.track();
        crate::api::supplier(id())
    });
    use_page(move |l| {
        super::crumbs(
            l,
            Page::Suppliers,
            Some(format!("{} #{}", Pc::Supplier.text(l), id())),
        )
    });
    view! {
        {loaded(supplier, Some(Callback::new(move |()| refresh.update(|n| *n += 1))),
            move |s: SupplierView| view! { <Supplier supplier=s/> })}
    }
}

#[component]
fn Supplier(supplier: SupplierView) -> impl IntoView {
    let session = use_session();
    let can = session.can(Permission::ManageSuppliers);
    let orders = session.can(Permission::ManagePurchaseOrders);
    let (id, record) = (supplier.id, supplier.supplier.clone());
    let heading = RwSignal::new(format!("{} · {}", record.code, record.name));
    let currency = RwSignal::new(record.currency);
    // leaving asks while either form has changes
    let (record_dirty, offers_dirty, dirty) = (
        RwSignal::new(false),
        RwSignal::new(false),
        RwSignal::new(false),
    );
    Effect::new(move |_| dirty.set(record_dirty.get() || offers_dirty.get()));
    warn_before_leaving(dirty);
    let on_saved = Callback::new(move |saved: Option<SupplierView>| {
        record_dirty.set(false);
        if let Some(s) = saved {
            heading.set(format!("{} · {}", s.supplier.code, s.supplier.name));
            currency.set(s.supplier.currency);
        }
    });
    let record_view = if can {
        view! {
            <section class="panel">
                <SupplierForm supplier=Some((id, record)) dirty=record_dirty on_saved/>
            </section>
        }
        .into_any()
    } else {
        view! { <section class="panel"><Record supplier=record/></section> }.into_any()
    };
    view! {
        <header class="page-head">
            <h1 data-testid="supplier-heading">{move || heading.get()}</h1>
            {orders.then(|| view! {
                <p><a href=format!("/admin/procurement/orders/new?supplier={id}") data-testid="supplier-new-po">{t(Pc::NewOrderFromSupplier)}</a></p>
            })}
        </header>
        {record_view}
        <Offers supplier=id offers=supplier.offers currency can dirty=offers_dirty/>
        <Accounts supplier=id accounts=supplier.accounts can/>
    }
}

/// The supplier's accounts in the supplier portal and, for those who manage suppliers, a
/// form that invites one more (they get an e-mail to choose a password).
#[component]
fn Accounts(
    /// The supplier's id.
    supplier: i64,
    accounts: Vec<SupplierAccountView>,
    can: bool,
) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let list = RwSignal::new(accounts);
    let errors = FormErrors::saying(text::account_error);
    let pending = RwSignal::new(false);
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        let req = NewSupplierAccount {
            email: email.get_untracked().trim().to_string(),
            display_name: name.get_untracked().trim().to_string(),
        };
        if !req.email.contains('@') {
            errors.set(crate::api::local_error("invalid_email", "email"));
            return;
        }
        if req.display_name.is_empty() {
            errors.set(crate::api::local_error("name_missing", "display_name"));
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            let done = crate::api::invite_supplier_account(supplier, &req).await;
            pending.set(false);
            match done {
                Ok(saved) => {
                    list.set(saved.accounts);
                    email.set(String::new());
                    name.set(String::new());
                    toasts.say(Pc::AccountInvited.text(locale.get_untracked()));
                }
                Err(e) => errors.set(e),
            }
        });
    };
    let rows = move || {
        list.get()
            .into_iter()
            .map(|a| {
                let (joined, active) = (a.joined, a.active);
                view! {
                    <tr data-testid="sp-account-row" data-id=a.id data-joined=joined.to_string() data-active=active.to_string()>
                        <td data-testid="sp-account-row-name">{a.display_name}</td>
                        <td data-testid="sp-account-row-email">{a.email}</td>
                        <td>
                            <span class="tag" class:tag--active=joined class:tag--invited={!joined} data-testid="sp-account-joined">
                                {move || if joined { Pc::Joined.text(locale.get()) } else { Pc::InvitationSent.text(locale.get()) }}
                            </span>
                        </td>
                        <td>
                            <span class="tag" class:tag--active=active class:tag--deactivated={!active} data-testid="sp-account-active">
                                {move || if active { Pc::Active.text(locale.get()) } else { Pc::Inactive.text(locale.get()) }}
                            </span>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let email_error = errors.for_field("email");
    let name_error = errors.for_field("display_name");
    let general = errors.general(&["email", "display_name"]);
    view! {
        <section class="panel" data-testid="sp-accounts">
            <h2>{t(Pc::PortalAccounts)}</h2>
            <p class="field__hint">{t(Pc::PortalAccountsHint)}</p>
            <Show when=move || !list.with(Vec::is_empty)
                fallback=|| view! { <p class="state state--empty" data-testid="sp-accounts-empty">{t(Pc::NoAccounts)}</p> }>
                <div class="table-wrap"><table class="table">
                    <thead><tr>
                        <th>{t(Pc::AccountName)}</th><th>{t(Pc::Email)}</th><th>{t(Pc::Account)}</th><th>{t(Pc::Status)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
            </Show>
            {can.then(|| view! {
                <form class="form form--inline sp-invite" on:submit=submit novalidate data-testid="sp-account-form">
                    <div class="field" class:field--bad=move || email_error().is_some()>
                        <label class="field__label" for="account-email">{t(Pc::Email)}</label>
                        <input class="input" type="email" id="account-email" name="account-email" maxlength="254" autocomplete="off"
                            prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev))
                            data-testid="sp-account-email"/>
                        <p class="field__error" role="alert" data-testid="error-account-email">{email_error}</p>
                    </div>
                    <div class="field" class:field--bad=move || name_error().is_some()>
                        <label class="field__label" for="account-name">{t(Pc::AccountName)}</label>
                        <input class="input" id="account-name" name="account-name" maxlength="100" autocomplete="off"
                            prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))
                            data-testid="sp-account-name"/>
                        <p class="field__error" role="alert" data-testid="error-account-name">{name_error}</p>
                    </div>
                    <button class="btn" type="submit" data-testid="sp-account-invite" disabled=move || pending.get()>
                        {t(Pc::InviteAccount)}
                    </button>
                </form>
            })}
            <p class="form-error" role="alert" data-testid="sp-account-error">{general}</p>
        </section>
    }
}

/// A supplier's record as read by those who may not change it.
#[component]
fn Record(supplier: SupplierDraft) -> impl IntoView {
    let locale = use_locale();
    let (terms, lead, active) = (
        supplier.payment_terms_days,
        supplier.lead_time_days,
        supplier.active,
    );
    view! {
        <dl class="facts" data-testid="supplier-record">
            <dt>{t(Pc::Code)}</dt><dd class="mono">{supplier.code}</dd>
            <dt>{t(Pc::SupplierName)}</dt><dd>{supplier.name}</dd>
            <dt>{t(Pc::Contact)}</dt><dd>{supplier.contact_name}</dd>
            <dt>{t(Pc::Email)}</dt><dd>{supplier.email}</dd>
            <dt>{t(Pc::Phone)}</dt><dd>{supplier.phone}</dd>
            <dt>{t(Pc::Address)}</dt><dd>{supplier.address}</dd>
            <dt>{t(Pc::PaymentTerms)}</dt><dd>{move || text::terms(locale.get(), terms)}</dd>
            <dt>{t(Pc::LeadTime)}</dt><dd>{move || text::days(locale.get(), lead)}</dd>
            <dt>{t(Pc::Currency)}</dt><dd class="mono">{supplier.currency.code()}</dd>
            <dt>{t(Pc::Status)}</dt><dd>{move || if active { Pc::Active.text(locale.get()) } else { Pc::Inactive.text(locale.get()) }}</dd>
        </dl>
    }
}

/// The fields of the supplier form.
const FIELDS: &[&str] = &[
    "code",
    "name",
    "contact_name",
    "email",
    "phone",
    "address",
    "payment_terms_days",
    "lead_time_days",
    "currency",
    "active",
];

/// Creates (`supplier` = `None`) or saves a supplier's record; `on_saved` hears the
/// supplier as saved (`None`: cancelled).
#[component]
fn SupplierForm(
    supplier: Option<(i64, SupplierDraft)>,
    dirty: RwSignal<bool>,
    on_saved: Callback<Option<SupplierView>>,
) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let errors = FormErrors::saying(text::error);
    let pending = RwSignal::new(false);
    let id = supplier.as_ref().map(|(id, _)| *id);
    let d = supplier.map(|(_, d)| d).unwrap_or_else(|| SupplierDraft {
        code: String::new(),
        name: String::new(),
        contact_name: String::new(),
        email: String::new(),
        phone: String::new(),
        address: String::new(),
        payment_terms_days: 30,
        lead_time_days: 7,
        currency: Currency::CNY,
        active: true,
    });
    let code = RwSignal::new(d.code);
    let name = RwSignal::new(d.name);
    let contact = RwSignal::new(d.contact_name);
    let email = RwSignal::new(d.email);
    let phone = RwSignal::new(d.phone);
    let address = RwSignal::new(d.address);
    let terms = RwSignal::new(d.payment_terms_days.to_string());
    let lead = RwSignal::new(d.lead_time_days.to_string());
    let currency = RwSignal::new(d.currency.code().to_string());
    let active = RwSignal::new(d.active);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        let Some(payment_terms_days) = whole(&terms.get_untracked()) else {
            errors.set(crate::api::local_error(
                "payment_terms_invalid",
                "payment_terms_days",
            ));
            return;
        };
        let Some(lead_time_days) = whole(&lead.get_untracked()) else {
            errors.set(crate::api::local_error(
                "lead_time_invalid",
                "lead_time_days",
            ));
            return;
        };
        let draft = SupplierDraft {
            code: code.get_untracked(),
            name: name.get_untracked(),
            contact_name: contact.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            address: address.get_untracked(),
            payment_terms_days,
            lead_time_days,
            currency: Currency::parse(&currency.get_untracked()).unwrap_or_default(),
            active: active.get_untracked(),
        };
        if let Err(fault) = check_supplier(&draft) {
            refuse(errors, fault);
            return;
        }
        let said = if id.is_some() {
            Pc::SupplierSaved
        } else {
            Pc::SupplierCreated
        };
        pending.set(true);
        leptos::task::spawn_local(async move {
            let done = crate::api::save_supplier(id, &draft).await;
            pending.set(false);
            match done {
                Ok(saved) => {
                    dirty.set(false);
                    toasts.say(said.text(locale.get_untracked()));
                    on_saved.run(Some(saved));
                }
                Err(e) => errors.set(e),
            }
        });
    };
    let input = move |s: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            s.set(event_target_value(&ev));
            dirty.set(true);
        }
    };
    let heading = move || {
        let which = if id.is_some() {
            Pc::EditSupplier
        } else {
            Pc::NewSupplier
        };
        which.text(locale.get())
    };
    let currencies = [Currency::CNY, Currency::USD]
        .into_iter()
        .map(|c| {
            let code = c.code();
            view! {
                <option value=code selected=move || currency.get_untracked() == code>
                    {move || text::currency(locale.get(), c)}
                </option>
            }
        })
        .collect_view();
    view! {
        <form class="form form--grid" on:submit=submit novalidate data-testid="supplier-form">
            <h2 class="form__wide">{heading}</h2>
            <Field label=Signal::derive(t(Pc::Code)) name="code" errors hint=Signal::derive(t(Pc::CodeHint))>
                <input class="input mono" id="code" name="code" maxlength="20" autocomplete="off" spellcheck="false"
                    prop:value=move || code.get() on:input=input(code) data-testid="supplier-code"/>
            </Field>
            <Field label=Signal::derive(t(Pc::SupplierName)) name="name" errors>
                <input class="input" id="name" name="name" maxlength="100"
                    prop:value=move || name.get() on:input=input(name) data-testid="supplier-name"/>
            </Field>
            <Field label=Signal::derive(t(Pc::Contact)) name="contact_name" errors>
                <input class="input" id="contact_name" name="contact_name" maxlength="100"
                    prop:value=move || contact.get() on:input=input(contact) data-testid="supplier-contact"/>
            </Field>
            <Field label=Signal::derive(t(Pc::Email)) name="email" errors>
                <input class="input" type="email" id="email" name="email" maxlength="100" autocomplete="off"
                    prop:value=move || email.get() on:input=input(email) data-testid="supplier-email"/>
            </Field>
            <Field label=Signal::derive(t(Pc::Phone)) name="phone" errors>
                <input class="input" type="tel" id="phone" name="phone" maxlength="100"
                    prop:value=move || phone.get() on:input=input(phone) data-testid="supplier-phone"/>
            </Field>
            <Field label=Signal::derive(t(Pc::Currency)) name="currency" errors hint=Signal::derive(t(Pc::CurrencyHint))>
                <select class="input" id="currency" name="currency" data-testid="supplier-currency"
                    on:change=move |ev| { currency.set(event_target_value(&ev)); dirty.set(true); }>
                    {currencies}
                </select>
            </Field>
            <Field label=Signal::derive(t(Pc::PaymentTermsDays)) name="payment_terms_days" errors hint=Signal::derive(t(Pc::PaymentTermsHint))>
                <input class="input" type="number" min="0" max="180" inputmode="numeric" id="payment_terms_days" name="payment_terms_days"
                    prop:value=move || terms.get() on:input=input(terms) data-testid="supplier-terms"/>
            </Field>
            <Field label=Signal::derive(t(Pc::LeadTimeDays)) name="lead_time_days" errors hint=Signal::derive(t(Pc::LeadTimeHint))>
                <input class="input" type="number" min="0" max="365" inputmode="numeric" id="lead_time_days" name="lead_time_days"
                    prop:value=move || lead.get() on:input=input(lead) data-testid="supplier-lead"/>
            </Field>
            <div class="form__wide">
                <Field label=Signal::derive(t(Pc::Address)) name="address" errors>
                    <textarea class="input" id="address" name="address" rows="2" maxlength="500"
                        prop:value=move || address.get() on:input=input(address) data-testid="supplier-address"></textarea>
                </Field>
            </div>
            <Field label=Signal::derive(t(Pc::Status)) name="active" errors hint=Signal::derive(t(Pc::ActiveHint))>
                <label class="role">
                    <input type="checkbox" id="active" name="active" prop:checked=move || active.get() data-testid="supplier-active"
                        on:change=move |_| { active.update(|a| *a = !*a); dirty.set(true); }/>
                    <span>{t(Pc::ActiveLabel)}</span>
                </label>
            </Field>
            <div class="form__wide">
                <FormError errors fields=FIELDS/>
                <p class="row">
                    <button class="btn" type="submit" data-testid="supplier-save" disabled=move || pending.get()>
                        {t(crate::text::T::Save)}
                    </button>
                    {id.is_none().then(|| view! {
                        <button class="btn btn--ghost" type="button" data-testid="supplier-cancel" on:click=move |_| on_saved.run(None)>
                            {t(crate::text::T::Cancel)}
                        </button>
                    })}
                </p>
            </div>
        </form>
    }
}

/// One item of the list as typed; `name` is the product's, once saved.
#[derive(Clone)]
struct OfferRow {
    name: Option<(shared::catalog::Localized, bool)>,
    sku: RwSignal<String>,
    cost: RwSignal<String>,
    min: RwSignal<String>,
    pack: RwSignal<String>,
    lead: RwSignal<String>,
}

impl OfferRow {
    fn blank() -> OfferRow {
        OfferRow {
            name: None,
            sku: RwSignal::new(String::new()),
            cost: RwSignal::new(String::new()),
            min: RwSignal::new("1".into()),
            pack: RwSignal::new("1".into()),
            lead: RwSignal::new(String::new()),
        }
    }

    fn of(o: &OfferView) -> OfferRow {
        OfferRow {
            name: Some((o.name.clone(), o.raw_material)),
            sku: RwSignal::new(o.sku.clone()),
            cost: RwSignal::new(price_input(o.unit_cost.minor, o.unit_cost.currency)),
            min: RwSignal::new(o.min_order.to_string()),
            pack: RwSignal::new(o.pack.to_string()),
            lead: RwSignal::new(o.lead_time_days.map(|d| d.to_string()).unwrap_or_default()),
        }
    }

    /// The row as sent, or the problem and field of what cannot be read (`i`: its place).
    fn draft(&self, i: usize, currency: Currency) -> Result<OfferDraft, (&'static str, String)> {
        let field = |f: &str| format!("offers[{i}].{f}");
        let unit_cost = parse_price(&self.cost.get_untracked(), currency)
            .ok_or_else(|| ("unit_cost_invalid", field("unit_cost")))?;
        let min_order = whole(&self.min.get_untracked())
            .ok_or_else(|| ("units_invalid", field("min_order")))?;
        let pack =
            whole(&self.pack.get_untracked()).ok_or_else(|| ("units_invalid", field("pack")))?;
        let lead = self.lead.get_untracked();
        let lead_time_days = match lead.trim() {
            "" => None,
            typed => {
                Some(whole(typed).ok_or_else(|| ("lead_time_invalid", field("lead_time_days")))?)
            }
        };
        Ok(OfferDraft {
            sku: self.sku.get_untracked(),
            unit_cost,
            min_order,
            pack,
            lead_time_days,
        })
    }
}

/// The list's error that belongs to none of its rows.
#[component]
fn OffersError(errors: FormErrors) -> impl IntoView {
    let locale = use_locale();
    let message = move || {
        errors.0.with(|e| {
            e.as_ref()
                .filter(|e| e.field.as_deref().is_none_or(|f| !f.starts_with("offers[")))
                .map(|e| errors.words(locale.get(), e))
        })
    };
    view! { <p class="form-error" role="alert" data-testid="offers-error">{message}</p> }
}

/// What the supplier sells the shop: rows of SKU, unit price, minimum order, pack and own
/// lead time, saved together (the whole list replaces the one before).
#[component]
fn Offers(
    /// The supplier's id.
    supplier: i64,
    offers: Vec<OfferView>,
    currency: RwSignal<Currency>,
    can: bool,
    dirty: RwSignal<bool>,
) -> impl IntoView {
    let locale = use_locale();
    let toasts = use_toasts();
    let errors = FormErrors::saying(text::error);
    let pending = RwSignal::new(false);
    let rows = RwSignal::new(offers.iter().map(OfferRow::of).collect::<Vec<_>>());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        errors.clear();
        let c = currency.get_untracked();
        let mut typed = Vec::new();
        for (i, row) in rows.get_untracked().iter().enumerate() {
            match row.draft(i, c) {
                Ok(o) => typed.push(o),
                Err((problem, field)) => {
                    errors.set(crate::api::local_error(problem, &field));
                    return;
                }
            }
        }
        let draft = OffersDraft { offers: typed };
        if let Err(fault) = check_offers(&draft) {
            refuse(errors, fault);
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            let done = crate::api::save_offers(supplier, &draft).await;
            pending.set(false);
            match done {
                Ok(saved) => {
                    rows.set(saved.offers.iter().map(OfferRow::of).collect());
                    dirty.set(false);
                    toasts.say(Pc::OffersSaved.text(locale.get_untracked()));
                }
                Err(e) => errors.set(e),
            }
        });
    };
    let input = move |s: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            s.set(event_target_value(&ev));
            dirty.set(true);
        }
    };
    let body = move || {
        rows.get()
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                let prefix = format!("offers[{i}].");
                let message = move || {
                    errors.0.with(|e| {
                        e.as_ref()
                            .filter(|e| e.field.as_deref().is_some_and(|f| f.starts_with(&prefix)))
                            .map(|e| errors.words(locale.get(), e))
                    })
                };
                let bad = {
                    let message = message.clone();
                    move || message().is_some()
                };
                let name = row.name.clone().map(|(name, raw)| view! {
                    <span data-testid="offer-name">{super::localized(name)}</span>
                    {raw.then(|| view! { " " <span class="chip chip--small">{t(Pc::RawMaterial)}</span> })}
                });
                let field = |f: &str| format!("offers[{i}].{f}");
                view! {
                    <tr data-testid="offer-row" class:row--short=bad>
                        <td>
                            <input class="input input--small mono" id=field("sku") maxlength="64" autocomplete="off" spellcheck="false"
                                aria-label=move || Pc::Sku.text(locale.get()) disabled={!can}
                                prop:value=move || row.sku.get() on:input=input(row.sku) data-testid="offer-sku"/>
                        </td>
                        <td class="small">{name}<p class="field__error" role="alert" data-testid="offer-error">{message}</p></td>
                        <td>
                            <input class="input input--small num" id=field("unit_cost") inputmode="decimal" autocomplete="off"
                                aria-label=move || Pc::UnitPrice.text(locale.get()) disabled={!can}
                                prop:value=move || row.cost.get() on:input=input(row.cost) data-testid="offer-cost"/>
                        </td>
                        <td>
                            <input class="input input--small" type="number" min="1" inputmode="numeric" id=field("min_order")
                                aria-label=move || Pc::MinOrder.text(locale.get()) disabled={!can}
                                prop:value=move || row.min.get() on:input=input(row.min) data-testid="offer-min"/>
                        </td>
                        <td>
                            <input class="input input--small" type="number" min="1" inputmode="numeric" id=field("pack")
                                aria-label=move || Pc::Pack.text(locale.get()) disabled={!can}
                                prop:value=move || row.pack.get() on:input=input(row.pack) data-testid="offer-pack"/>
                        </td>
                        <td>
                            <input class="input input--small" type="number" min="0" max="365" inputmode="numeric" id=field("lead_time_days")
                                aria-label=move || Pc::OwnLeadTime.text(locale.get()) disabled={!can}
                                placeholder=move || Pc::SupplierUsual.text(locale.get())
                                prop:value=move || row.lead.get() on:input=input(row.lead) data-testid="offer-lead"/>
                        </td>
                        {can.then(|| view! {
                            <td class="num">
                                <button type="button" class="btn btn--ghost btn--small" data-testid="offer-remove"
                                    aria-label=move || Pc::RemoveItem.text(locale.get())
                                    on:click=move |_| { rows.update(|r| { r.remove(i); }); dirty.set(true); errors.clear(); }>"×"</button>
                            </td>
                        })}
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" data-testid="offers">
            <div class="panel-head">
                <h2>{t(Pc::OfferList)}</h2>
                <span class="muted small">{move || text::prices_in(locale.get(), currency.get())}</span>
            </div>
            <form class="form po-offers" on:submit=submit novalidate data-testid="offers-form">
                <p class="field__hint">{t(Pc::OffersHint)}</p>
                <Show when=move || !rows.with(Vec::is_empty)
                    fallback=|| view! { <p class="state state--empty" data-testid="offers-empty">{t(Pc::NoOffers)}</p> }>
                    <div class="table-wrap"><table class="table">
                        <thead><tr>
                            <th>{t(Pc::Sku)}</th><th>{t(Pc::Item)}</th><th>{t(Pc::UnitPrice)}</th>
                            <th>{t(Pc::MinOrder)}</th><th>{t(Pc::Pack)}</th><th>{t(Pc::OwnLeadTime)}</th>
                            {can.then(|| view! { <th class="num"><span class="sr-only">{t(crate::text::T::Actions)}</span></th> })}
                        </tr></thead>
                        <tbody>{body}</tbody>
                    </table></div>
                </Show>
                <OffersError errors/>
                {can.then(|| view! {
                    <p class="row">
                        <button type="button" class="btn btn--ghost" data-testid="offer-add"
                            on:click=move |_| { rows.update(|r| r.push(OfferRow::blank())); dirty.set(true); }>
                            {t(Pc::AddItem)}
                        </button>
                        <button class="btn" type="submit" data-testid="offers-save" disabled=move || pending.get()>
                            {t(Pc::SaveList)}
                        </button>
                    </p>
                })}
            </form>
        </section>
    }
}
