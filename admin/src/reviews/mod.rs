//! 评价 (客服与售后): what buyers wrote about the products they received, newest first,
//! filtered by whether it shows, its stars and whether the shop has answered (kept in the
//! URL); each review can be hidden with the reason its writer is told, shown again, or
//! answered in public (`moderate`).

mod moderate;
pub(crate) mod text;

use crate::kit::list::{use_list_url, Empty, ListUrl, Pagination};
use crate::kit::{loaded, use_page, Crumb};
use crate::session::use_session;
use crate::text::T;
use leptos::prelude::*;
use moderate::Moderate;
use shared::list::Paged;
use shared::reviews::StaffReview;
use shared::staff::{Page, Permission};
use text::Rv;
use ui::i18n::{t, use_locale, Translate};

/// The stars the list is filtered by (1 to 5; anything else is ignored).
fn rating(url: ListUrl) -> Option<u8> {
    url.number::<u8>("rating").filter(|r| (1..=5).contains(r))
}

fn unanswered(url: ListUrl) -> bool {
    url.flag("unanswered").unwrap_or(false)
}

/// The list's address with `key` set to `value` (`None`: taken off); it follows the other
/// filters as they change.
fn link(
    url: ListUrl,
    key: &'static str,
    value: Option<String>,
) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    move || {
        // read tracked: the address is built again when any filter changes
        let _ = url.get(key);
        url.href(&[(key, value.clone())])
    }
}

#[component]
pub fn ReviewsPage() -> impl IntoView {
    let locale = use_locale();
    use_page(|l| vec![Crumb::here(crate::text::page(l, Page::Reviews))]);
    let url = use_list_url();
    let refresh = RwSignal::new(0_u32);
    let list = LocalResource::new(move || {
        refresh.track();
        crate::api::reviews(
            url.flag("hidden"),
            rating(url),
            unanswered(url),
            url.number("page"),
        )
    });
    view! {
        <header class="page-head">
            <h1>{move || crate::text::page(locale.get(), Page::Reviews)}</h1>
        </header>
        <Filters url/>
        {loaded(list, Some(Callback::new(move |()| refresh.update(|n| *n += 1))), move |page: Paged<StaffReview>| {
            view! { <ReviewList page url refresh/> }
        })}
    }
}

/// The chips: all / shown / hidden, the stars, and the unanswered ones.
#[component]
fn Filters(url: ListUrl) -> impl IntoView {
    let locale = use_locale();
    let hidden = move || url.flag("hidden");
    let stars = (1..=5_u8)
        .map(|n| {
            view! {
                <a class="chip" class:chip--on=move || rating(url) == Some(n)
                    href=link(url, "rating", Some(n.to_string())) data-testid=format!("review-filter-stars-{n}")>
                    {move || text::stars(locale.get(), n)}
                </a>
            }
        })
        .collect_view();
    let answer_link = move || {
        let on = unanswered(url);
        url.href(&[("unanswered", (!on).then(|| "true".to_string()))])
    };
    view! {
        <div class="review-filters" data-testid="review-filters">
            <p class="chips">
                <a class="chip" class:chip--on=move || hidden().is_none() href=link(url, "hidden", None)
                    data-testid="review-filter-all">{t(T::All)}</a>
                <a class="chip" class:chip--on=move || hidden() == Some(false) href=link(url, "hidden", Some("false".into()))
                    data-testid="review-filter-shown">{t(Rv::Shown)}</a>
                <a class="chip" class:chip--on=move || hidden() == Some(true) href=link(url, "hidden", Some("true".into()))
                    data-testid="review-filter-hidden">{t(Rv::Hidden)}</a>
            </p>
            <p class="chips">
                <a class="chip" class:chip--on=move || rating(url).is_none() href=link(url, "rating", None)
                    data-testid="review-filter-stars-all">{t(Rv::AnyStars)}</a>
                {stars}
                <a class="chip" class:chip--on=move || unanswered(url) href=answer_link
                    data-testid="review-filter-unanswered">{t(Rv::Unanswered)}</a>
            </p>
        </div>
    }
}

#[component]
fn ReviewList(page: Paged<StaffReview>, url: ListUrl, refresh: RwSignal<u32>) -> impl IntoView {
    if page.items.is_empty() {
        return view! { <Empty/> }.into_any();
    }
    let may = use_session().can(Permission::ModerateReviews);
    let (total, number, size) = (page.total, page.page, page.page_size);
    let rows = page
        .items
        .into_iter()
        .map(|item| view! { <ReviewRow item refresh may/> })
        .collect_view();
    view! {
        <ul class="reviews" data-testid="reviews-list">{rows}</ul>
        <Pagination url total page=number page_size=size/>
    }
    .into_any()
}

/// One review: its stars, product, writer, order, words, photos, whether it is hidden and
/// why, the shop's answer — and what the staff member may do with it.
#[component]
fn ReviewRow(item: StaffReview, refresh: RwSignal<u32>, may: bool) -> impl IntoView {
    let locale = use_locale();
    let (id, rating, at) = (item.review.id, item.review.rating, item.review.at);
    let hidden = item.hidden_reason.is_some();
    let name = item.product_name.clone();
    let variant = item.review.variant.clone();
    let has_variant = !variant.zh.is_empty() || !variant.en.is_empty();
    let order = item.order.clone();
    let reply = item.review.reply.clone();
    let replied_at = item.review.replied_at;
    let body = item.review.body.clone();
    let words = if body.trim().is_empty() {
        view! { <p class="review__body muted">{t(Rv::NoText)}</p> }.into_any()
    } else {
        view! { <p class="review__body" data-testid="review-text">{body}</p> }.into_any()
    };
    let photos = item
        .review
        .photos
        .iter()
        .map(|src| {
            view! {
                <li><a href=src.clone() target="_blank" rel="noopener">
                    <img src=src.clone() alt=move || Rv::Photo.text(locale.get()) loading="lazy"/>
                </a></li>
            }
        })
        .collect_view();
    let has_photos = !item.review.photos.is_empty();
    view! {
        <li class="panel review" class:review--hidden=hidden data-testid="review-row" data-id=id.to_string()>
            <div class="row review__head">
                <span class="review__stars" title=move || text::stars(locale.get(), rating)
                    data-testid="review-stars">{text::star_line(rating)}</span>
                <a class="strong" href=format!("/products/{}", item.product_slug) target="_blank" rel="noopener"
                    data-testid="review-product">{move || name.get(locale.get()).to_string()}</a>
                {has_variant.then(|| view! {
                    <span class="muted" data-testid="review-variant">{move || variant.get(locale.get()).to_string()}</span>
                })}
                {item.hidden_reason.clone().map(|r| view! {
                    <span class="tag tag--hidden" data-testid="review-hidden">{t(Rv::HiddenBecause)}{r}</span>
                })}
            </div>
            <p class="review__meta muted">
                <span data-testid="review-author">{item.review.author.clone()}</span>
                " · " <span data-testid="review-email">{item.customer_email.clone()}</span>
                " · " <a class="mono" href=format!("/admin/orders/{order}") data-testid="review-order">{order.clone()}</a>
                " · " <span class="nowrap">{move || ui::format::date(locale.get(), at)}</span>
            </p>
            {words}
            {has_photos.then(|| view! { <ul class="return-photos review__photos">{photos}</ul> })}
            {reply.clone().map(|answer| view! {
                <div class="review__reply" data-testid="review-answer">
                    <p class="review__reply-head">
                        <strong>{t(Rv::ShopReply)}</strong>
                        {replied_at.map(|when| view! {
                            <span class="muted">" · " {move || ui::format::date(locale.get(), when)}</span>
                        })}
                    </p>
                    <p>{answer}</p>
                </div>
            })}
            {may.then(|| view! { <Moderate review=id is_hidden=hidden reply refresh/> })}
        </li>
    }
}
