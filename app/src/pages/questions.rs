//! Questions to customer service (咨询) in the account: `/account/questions` lists the
//! customer's, `/account/questions/new` asks one (before buying, from a product's page with
//! `?product=`; about an order, from its page with `?order=`; or anything else), and
//! `/account/questions/:id` is the conversation, where the customer writes again and, once
//! it is resolved, rates the service. Rendered on the server; the three forms are islands
//! of the account's bundle.

use crate::api;
use crate::components::form;
use crate::components::sign_in_first::SignInFirst;
use crate::i18n::{self, api_error_text, t, use_locale, Msg, Portal};
use crate::pages::reviews::{StarPicker, Stars};
use crate::seo::PageMeta;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::service::consultations::{
    Author, ConsultationRating, ConsultationRow, ConsultationStatus, ConsultationView,
    NewConsultation, NewMessage, Topic,
};
use shared::{ApiError, ErrorCode, Locale};
use ui::format::date_time;

/// An error loading a page: signed out → the way to sign in; else what went wrong.
fn failed(l: Locale, e: &ApiError, title: Portal, back: String) -> AnyView {
    if e.code == ErrorCode::Unauthorized {
        view! { <SignInFirst title path=back/> }.into_any()
    } else if e.code == ErrorCode::NotFound {
        view! { <crate::pages::not_found::NotFound/> }.into_any()
    } else {
        view! { <p class="form-error" role="alert">{api_error_text(l, e).to_string()}</p> }
            .into_any()
    }
}

/// `/account/questions`: the customer's questions, newest first.
#[component]
pub fn MyQuestionsPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| api::my_consultations());
    let l = use_locale().get_untracked();
    let body = move || {
        Suspend::new(async move {
            match rows.await {
                Ok(rows) => view! { <QuestionList rows/> }.into_any(),
                Err(e) => failed(l, &e, Portal::MyQuestions, "/account/questions".into()),
            }
        })
    };
    view! {
        <PageMeta title=Portal::MyQuestions.text(l) description=Portal::MyQuestionsIntro.text(l) path="/account/questions" noindex=true/>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Suspense>
    }
}

#[component]
fn QuestionList(rows: Vec<ConsultationRow>) -> impl IntoView {
    let l = use_locale().get_untracked();
    let items = rows
        .into_iter()
        .map(|row| {
            let href = l.localize(&format!("/account/questions/{}", row.id));
            view! {
                <li class="panel question-row" data-testid="question-row">
                    <a href=href><strong>{row.subject}</strong></a>
                    {row.unread.then(|| view! { <span class="badge-inline" data-testid="question-unread">{Portal::NewReply.text(l)}</span> })}
                    <p class="muted small">
                        {i18n::consultation_topic(l, row.topic)}" · "
                        <span data-testid="question-status">{i18n::consultation_status(l, row.status)}</span>" · "
                        {date_time(l, row.updated_at)}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="questions">
            <div class="questions__head">
                <h1>{Portal::MyQuestions.text(l)}</h1>
                <a class="button" href=l.localize("/account/questions/new") data-testid="ask-question">{Portal::AskQuestion.text(l)}</a>
            </div>
            <p class="muted">{Portal::MyQuestionsIntro.text(l)}</p>
            {if items.is_empty() {
                view! { <p class="muted" data-testid="no-questions">{Portal::NoQuestions.text(l)}</p> }.into_any()
            } else {
                view! { <ul class="question-list">{items}</ul> }.into_any()
            }}
        </section>
    }
}

/// `/account/questions/new`: a new question; `?product=slug` asks before buying that
/// product, `?order=number` about that order.
#[component]
pub fn AskQuestionPage() -> impl IntoView {
    let query = use_query_map();
    let wanted = move || {
        let q = query.read();
        let given = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
        (given("product"), given("order"))
    };
    let l = use_locale().get_untracked();
    let context = Resource::new(wanted, |(product, order)| async move {
        // signed in? (the product's name is only for the heading)
        let me = api::me().await;
        let name = match &product {
            Some(slug) => api::product(slug).await.ok().map(|p| p.name),
            None => None,
        };
        (me, product, order, name)
    });
    let body = move || {
        Suspend::new(async move {
            let (me, product, order, name) = context.await;
            let back = match (&product, &order) {
                (Some(p), _) => format!(
                    "/account/questions/new?product={}",
                    shared::url::encode_component(p)
                ),
                (None, Some(o)) => format!(
                    "/account/questions/new?order={}",
                    shared::url::encode_component(o)
                ),
                (None, None) => "/account/questions/new".to_string(),
            };
            if let Err(e) = me {
                return failed(l, &e, Portal::AskQuestion, back);
            }
            let about = match (&name, &order) {
                (Some(name), _) => Some(format!("{}{}", Portal::AboutProduct.text(l), name.get(l))),
                (None, Some(o)) => Some(format!("{}{o}", Portal::AboutOrder.text(l))),
                _ => None,
            };
            let product = name.and(product);
            view! {
                <section class="auth-card ask">
                    <h1>{Portal::AskQuestion.text(l)}</h1>
                    <p class="muted">{Portal::AskIntro.text(l)}</p>
                    {about.map(|a| view! { <p class="ask__about" data-testid="ask-about">{a}</p> })}
                    <AskForm product order/>
                </section>
            }
            .into_any()
        })
    };
    view! {
        <PageMeta title=Portal::AskQuestion.text(l) description=Portal::AskIntro.text(l) path="/account/questions/new" noindex=true/>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Suspense>
    }
}

/// Subject and question; without a product or an order from the page before, the customer
/// says whether it is about one of their orders.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn AskForm(product: Option<String>, order: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let fixed = product.is_some() || order.is_some();
    let topic = RwSignal::new(match (&product, &order) {
        (Some(_), _) => Topic::PreSale,
        (None, Some(_)) => Topic::Order,
        _ => Topic::Other,
    });
    let order_number = RwSignal::new(order.unwrap_or_default());
    let product = StoredValue::new(product);
    let (subject, body) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let topic = topic.get_untracked();
        let req = NewConsultation {
            topic,
            product_slug: product.get_value().filter(|_| topic == Topic::PreSale),
            order_number: (topic == Topic::Order)
                .then(|| order_number.get_untracked().trim().to_string()),
            subject: subject.get_untracked(),
            body: body.get_untracked(),
        };
        let l = locale.get_untracked();
        form::send(api::ask_question(&req), pending, error, move |c| {
            l.localize(&format!("/account/questions/{}", c.id))
        });
    };
    let choose = move |ev: leptos::ev::Event| {
        let about_order = event_target_value(&ev) == Topic::Order.as_str();
        topic.set(if about_order {
            Topic::Order
        } else {
            Topic::Other
        });
    };
    view! {
        <form class="form" on:submit=submit data-testid="ask-form">
            {(!fixed).then(|| view! {
                <label>{t(Portal::QuestionTopic)}
                    <select on:change=choose data-testid="ask-topic">
                        <option value=Topic::Other.as_str() selected>{t(Portal::TopicOther)}</option>
                        <option value=Topic::Order.as_str()>{t(Portal::TopicOrder)}</option>
                    </select>
                </label>
                <Show when=move || topic.get() == Topic::Order>
                    <label>{t(Msg::OrderNumberLabel)}
                        <input type="text" inputmode="numeric" maxlength="20" bind:value=order_number data-testid="ask-order"/>
                    </label>
                </Show>
            })}
            <label>{t(Portal::QuestionSubject)}
                <input type="text" maxlength="120" required bind:value=subject data-testid="ask-subject"/>
            </label>
            <label>{t(Portal::QuestionBody)}
                <textarea rows="5" maxlength="4000" required bind:value=body data-testid="ask-body"></textarea>
            </label>
            <button class="button" type="submit" disabled=move || pending.get() data-testid="ask-submit">
                {move || if pending.get() { t(Msg::Working)() } else { t(Portal::SendQuestion)() }}
            </button>
            <p class="form-error" role="alert" data-testid="ask-error">{move || error.get().map(|e| api_error_text(locale.get(), &e))}</p>
        </form>
    }
}

/// `/account/questions/:id`: the conversation with customer service.
#[component]
pub fn QuestionPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let l = use_locale().get_untracked();
    let found = Resource::new(id, |id| async move {
        match id {
            Some(id) => api::my_consultation(id).await,
            None => Err(ApiError::new(ErrorCode::NotFound, "No such consultation")),
        }
    });
    let body = move || {
        Suspend::new(async move {
            match found.await {
                Ok(c) => view! { <Conversation c/> }.into_any(),
                Err(e) => {
                    let back = format!("/account/questions/{}", id().unwrap_or_default());
                    failed(l, &e, Portal::MyQuestions, back)
                }
            }
        })
    };
    view! {
        <PageMeta title=Portal::MyQuestions.text(l) description=Portal::MyQuestionsIntro.text(l) path="/account/questions" noindex=true/>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Suspense>
    }
}

#[component]
fn Conversation(c: ConsultationView) -> impl IntoView {
    let l = use_locale().get_untracked();
    let about = match (&c.product, &c.order_number) {
        (Some(p), _) => Some((
            Portal::AboutProduct,
            p.name.get(l).to_string(),
            l.localize(&format!("/products/{}", p.slug)),
        )),
        (None, Some(n)) => Some((
            Portal::AboutOrder,
            n.clone(),
            l.localize(&format!("/orders/{n}")),
        )),
        _ => None,
    };
    let messages = c
        .messages
        .into_iter()
        .map(|m| {
            let class = match m.author {
                Author::Customer => "message message--mine",
                Author::Staff => "message message--staff",
            };
            let who = match m.author {
                Author::Customer => Portal::You.text(l).to_string(),
                Author::Staff => format!("{} · {}", Portal::CustomerService.text(l), m.author_name),
            };
            view! {
                <li class=class data-testid="question-message" data-author=m.author.as_str()>
                    <p class="message__who muted small">{who}" · "{date_time(l, m.at)}</p>
                    <p class="message__body">{m.body}</p>
                </li>
            }
        })
        .collect_view();
    let rated = c.rating.map(|stars| {
        view! {
            <div class="panel question-rated" data-testid="question-rated">
                <p>{Portal::YouRated.text(l)}" "<Stars tenths=u32::from(stars) * 10/></p>
                {(!c.rating_comment.is_empty()).then(|| view! { <p class="muted">{c.rating_comment.clone()}</p> })}
            </div>
        }
    });
    let may_rate = c.rating.is_none()
        && matches!(
            c.status,
            ConsultationStatus::Resolved | ConsultationStatus::Closed
        );
    let id = c.id;
    view! {
        <section class="question" data-testid="question">
            <p><a href=l.localize("/account/questions")>{"← "}{Portal::MyQuestions.text(l)}</a></p>
            <h1>{c.subject}</h1>
            <p class="muted small">
                {i18n::consultation_topic(l, c.topic)}" · "
                <span class="badge-inline" data-testid="question-status">{i18n::consultation_status(l, c.status)}</span>
            </p>
            {about.map(|(label, name, href)| view! {
                <p class="question__about">{label.text(l)}<a href=href>{name}</a></p>
            })}
            <ol class="messages">{messages}</ol>
            {rated}
            {may_rate.then(|| view! { <RateForm id/> })}
            {if c.status == ConsultationStatus::Closed {
                view! { <p class="notice notice--slim" data-testid="question-closed">{Portal::QuestionClosed.text(l)}</p> }.into_any()
            } else {
                view! { <ReplyForm id resolved={c.status == ConsultationStatus::Resolved}/> }.into_any()
            }}
        </section>
    }
}

/// The customer writes again; after a resolution, that opens the question again.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn ReplyForm(id: i64, resolved: bool) -> impl IntoView {
    let locale = use_locale();
    let body = RwSignal::new(String::new());
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request = api::write_in_consultation(
            id,
            &NewMessage {
                body: body.get_untracked(),
            },
        );
        let back = locale
            .get_untracked()
            .localize(&format!("/account/questions/{id}"));
        form::send(request, pending, error, move |_| back);
    };
    view! {
        <form class="form reply-form" on:submit=submit data-testid="reply-form">
            <label>{t(Portal::YourReply)}
                <textarea rows="3" maxlength="4000" required bind:value=body data-testid="reply-body"></textarea>
            </label>
            {resolved.then(|| view! { <p class="muted small">{t(Portal::WritingReopens)}</p> })}
            <button class="button" type="submit" disabled=move || pending.get() data-testid="reply-send">
                {move || if pending.get() { t(Msg::Working)() } else { t(Portal::SendReply)() }}
            </button>
            <p class="form-error" role="alert" data-testid="reply-error">{move || error.get().map(|e| api_error_text(locale.get(), &e))}</p>
        </form>
    }
}

/// One to five stars and a comment for the service, once the question is resolved.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn RateForm(id: i64) -> impl IntoView {
    let locale = use_locale();
    let rating = RwSignal::new(0_u8);
    let comment = RwSignal::new(String::new());
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let req = ConsultationRating {
            rating: rating.get_untracked(),
            comment: comment.get_untracked(),
        };
        let back = locale
            .get_untracked()
            .localize(&format!("/account/questions/{id}"));
        form::send(
            api::rate_consultation(id, &req),
            pending,
            error,
            move |_| back,
        );
    };
    view! {
        <form class="form panel rate-form" on:submit=submit data-testid="rate-form">
            <StarPicker rating legend=Portal::RateService/>
            <label>{t(Portal::RatingComment)}
                <textarea rows="2" maxlength="1000" bind:value=comment data-testid="rate-comment"></textarea>
            </label>
            <button class="button" type="submit" disabled=move || pending.get() data-testid="rate-submit">
                {move || if pending.get() { t(Msg::Working)() } else { t(Portal::SendRating)() }}
            </button>
            <p class="form-error" role="alert" data-testid="rate-error">{move || error.get().map(|e| api_error_text(locale.get(), &e))}</p>
        </form>
    }
}
