//! Reviews (商品评价): on the product page the average, how the stars spread and the newest
//! reviews with the shop's answers, rendered on the server (no code in the catalogue
//! bundle); and `/account/reviews`, where a customer reviews what was delivered to them.

use crate::api;
use crate::components::form;
use crate::components::photo_upload::PhotoUploads;
use crate::components::sign_in_first::SignInFirst;
use crate::i18n::{self, api_error_text, t, use_locale, Msg, Portal};
use crate::seo::PageMeta;
use leptos::prelude::*;
use shared::reviews::{NewReview, ProductReviews, RatingSummary, ReviewTask, ReviewView};
use shared::{ApiError, ErrorCode};
use ui::format::date;

/// "★★★★☆" for `tenths` of a star (rounded to whole stars), with the number for readers.
#[component]
pub(crate) fn Stars(tenths: u32) -> impl IntoView {
    let l = use_locale().get_untracked();
    let whole = usize::try_from(tenths.saturating_add(5) / 10)
        .unwrap_or(0)
        .min(5);
    let label = format!(
        "{}.{} {}",
        tenths / 10,
        tenths % 10,
        Portal::OutOfFive.text(l)
    );
    view! {
        <span class="stars" role="img" aria-label=label>
            <span class="stars__on">{"★".repeat(whole)}</span>
            <span class="stars__off">{"★".repeat(5 - whole)}</span>
        </span>
    }
}

/// The product page's reviews: summary, distribution, a page of reviews and links to the
/// others (`?reviews=N`, so each page of them is a page search engines can read).
#[component]
pub fn ProductReviewsSection(reviews: ProductReviews, path: String) -> impl IntoView {
    let l = use_locale().get_untracked();
    let s = reviews.summary;
    let page = reviews.reviews.page;
    let pages = reviews.reviews.pages();
    let link = move |n: u32| {
        let base = l.localize(&path);
        if n <= 1 {
            format!("{base}#reviews")
        } else {
            format!("{base}?reviews={n}#reviews")
        }
    };
    let list = reviews
        .reviews
        .items
        .into_iter()
        .map(|r| view! { <ReviewItem review=r/> })
        .collect_view();
    view! {
        <section class="reviews" id="reviews" data-testid="reviews">
            <h2>{Portal::ReviewsTitle.text(l)}</h2>
            {if s.count == 0 {
                view! { <p class="muted" data-testid="no-reviews">{Portal::NoReviewsYet.text(l)}</p> }.into_any()
            } else {
                view! { <Summary summary=s/> }.into_any()
            }}
            <ol class="reviews__list">{list}</ol>
            {(pages > 1).then(|| view! {
                <nav class="pager">
                    {(page > 1).then(|| view! { <a href=link(page - 1)>{Portal::EarlierReviews.text(l)}</a> })}
                    <span class="muted">{i18n::page_of(l, page, pages)}</span>
                    {(page < pages).then(|| view! { <a href=link(page + 1) data-testid="more-reviews">{Portal::MoreReviews.text(l)}</a> })}
                </nav>
            })}
        </section>
    }
}

#[component]
fn Summary(summary: RatingSummary) -> impl IntoView {
    let l = use_locale().get_untracked();
    let bars = (1..=5_u8)
        .rev()
        .map(|stars| {
            let percent = summary.percent(stars);
            let n = summary.distribution[usize::from(stars) - 1];
            view! {
                <li class="rating-bar">
                    <span class="rating-bar__label">{i18n::stars(l, stars)}</span>
                    <span class="rating-bar__track"><span class="rating-bar__fill" style=format!("width: {percent}%")></span></span>
                    <span class="rating-bar__count muted">{n}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="rating-summary">
            <div class="rating-summary__score">
                <strong class="rating-summary__average" data-testid="rating-average">{summary.average_text()}</strong>
                <Stars tenths=summary.average_tenths/>
                <span class="muted small" data-testid="rating-count">{i18n::review_count(l, summary.count)}</span>
            </div>
            <ul class="rating-summary__bars">{bars}</ul>
        </div>
    }
}

#[component]
fn ReviewItem(review: ReviewView) -> impl IntoView {
    let l = use_locale().get_untracked();
    let variant = review.variant.get(l).to_string();
    let photos = review
        .photos
        .into_iter()
        .map(|src| view! { <img class="review__photo" src=src alt="" width="72" height="72" loading="lazy"/> })
        .collect_view();
    view! {
        <li class="review" data-testid="review">
            <p class="review__head">
                <Stars tenths=u32::from(review.rating) * 10/>
                <span class="review__author">{review.author}</span>
                <span class="review__verified">{Portal::VerifiedPurchase.text(l)}</span>
                <span class="muted small">{date(l, review.at)}</span>
            </p>
            {(!variant.is_empty()).then(|| view! { <p class="muted small">{variant}</p> })}
            {(!review.body.is_empty()).then(|| view! { <p class="review__body">{review.body}</p> })}
            <div class="review__photos">{photos}</div>
            {review.reply.map(|reply| view! {
                <p class="review__reply"><strong>{Portal::ShopReply.text(l)}": "</strong>{reply}</p>
            })}
        </li>
    }
}

/// The schema.org `AggregateRating` of a product's reviews, for its JSON-LD.
pub fn aggregate_rating(s: &RatingSummary) -> Option<serde_json::Value> {
    (s.count > 0).then(|| {
        serde_json::json!({
            "@type": "AggregateRating",
            "ratingValue": s.average_text(),
            "bestRating": "5",
            "worstRating": "1",
            "reviewCount": s.count,
        })
    })
}

/// `/account/reviews`: what was delivered to the customer, a form for each product not yet
/// reviewed, and their reviews.
#[component]
pub fn MyReviewsPage() -> impl IntoView {
    let tasks = Resource::new(|| (), |_| api::my_reviews());
    let l = use_locale().get_untracked();
    let body = move || {
        Suspend::new(async move {
            match tasks.await {
                Ok(tasks) => view! { <ReviewTasks tasks/> }.into_any(),
                Err(e) if e.code != ErrorCode::Unauthorized => {
                    view! { <p class="form-error" role="alert">{api_error_text(l, &e).to_string()}</p> }.into_any()
                }
                Err(_) => view! { <SignInFirst title=Portal::MyReviews path="/account/reviews"/> }.into_any(),
            }
        })
    };
    view! {
        <PageMeta title=Portal::MyReviews.text(l) description=Portal::MyReviewsIntro.text(l) path="/account/reviews" noindex=true/>
        <Suspense fallback=move || view! { <p class="muted">{t(Msg::Loading)}</p> }>{body}</Suspense>
    }
}

#[component]
fn ReviewTasks(tasks: Vec<ReviewTask>) -> impl IntoView {
    let l = use_locale().get_untracked();
    let items = tasks
        .into_iter()
        .map(|task| {
            let href = l.localize(&format!("/products/{}", task.product_slug));
            let name = task.name.get(l).to_string();
            let variant = task.variant.get(l).to_string();
            let image = task.image.clone().map(|src| {
                view! { <img class="line-thumb" src=src alt="" width="64" height="64" loading="lazy"/> }
            });
            let slug = task.product_slug.clone();
            let below = match task.review {
                Some(review) => view! {
                    {task.hidden_reason.map(|why| view! {
                        <p class="notice notice--slim">{Portal::ReviewHidden.text(l)}{why}</p>
                    })}
                    <ol class="reviews__list"><ReviewItem review/></ol>
                }
                .into_any(),
                None => view! { <ReviewForm order=task.order.clone() line=task.line/> }.into_any(),
            };
            view! {
                <li class="panel review-task" id=format!("p-{slug}") data-testid="review-task" data-product=slug.clone()>
                    <div class="review-task__head">
                        {image}
                        <div>
                            <a href=href><strong>{name}</strong></a>
                            {(!variant.is_empty()).then(|| view! { <p class="muted small">{variant}</p> })}
                            <p class="muted small">{Portal::DeliveredOn.text(l)}" "{date(l, task.delivered_at)}" · "{task.order}</p>
                        </div>
                    </div>
                    {below}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="my-reviews">
            <h1>{Portal::MyReviews.text(l)}</h1>
            <p class="muted">{Portal::MyReviewsIntro.text(l)}</p>
            {if items.is_empty() {
                view! { <p class="muted" data-testid="nothing-to-review">{Portal::NothingToReview.text(l)}</p> }.into_any()
            } else {
                view! { <ul class="review-tasks">{items}</ul> }.into_any()
            }}
        </section>
    }
}

/// Stars, words and photos for one delivered line; once posted, the page is loaded again.
#[cfg_attr(any(feature = "ssr", feature = "buy"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "buy")), component)]
pub fn ReviewForm(order: String, line: u32) -> impl IntoView {
    let locale = use_locale();
    let rating = RwSignal::new(0_u8);
    let body = RwSignal::new(String::new());
    let uploads = PhotoUploads::new(shared::reviews::MAX_PHOTOS);
    let (pending, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let order = StoredValue::new(order);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || uploads.uploading.get_untracked() > 0 {
            return;
        }
        let req = NewReview {
            order: order.get_value(),
            line,
            rating: rating.get_untracked(),
            body: body.get_untracked(),
            photos: uploads.keys(),
        };
        let back = locale.get_untracked().localize("/account/reviews");
        form::send(api::write_review(&req), pending, error, move |_| back);
    };
    let on_photo = move |ev: leptos::ev::Event| {
        uploads.chosen(ev, api::review_photo_path(&order.get_value()), error)
    };
    let thumbs = move || {
        uploads
            .photos
            .get()
            .into_iter()
            .map(|p| view! { <img class="return-photo" src=p.url alt="" width="64" height="64" data-testid="review-photo"/> })
            .collect_view()
    };
    view! {
        <form class="form review-form" on:submit=submit data-testid="review-form">
            <StarPicker rating legend=Portal::YourRating/>
            <label>{t(Portal::ReviewBody)}
                <textarea rows="3" maxlength="2000" bind:value=body data-testid="review-body"></textarea>
            </label>
            <label>{t(Portal::ReviewPhotos)}
                <input type="file" accept="image/jpeg,image/png,image/webp" multiple disabled=move || uploads.full() on:change=on_photo data-testid="review-photos"/>
            </label>
            <div class="return-photos">{thumbs}</div>
            <button class="button" type="submit" disabled=move || { pending.get() || uploads.busy() } data-testid="review-submit">
                {move || if pending.get() { t(Msg::Working)() } else { t(Portal::SendReview)() }}
            </button>
            <p class="form-error" role="alert" data-testid="review-error">{move || error.get().map(|e| api_error_text(locale.get(), &e))}</p>
        </form>
    }
}

/// Five buttons that set `rating` to 1–5 stars (inside an island's form).
#[component]
pub(crate) fn StarPicker(rating: RwSignal<u8>, legend: Portal) -> impl IntoView {
    let locale = use_locale();
    let buttons = (1..=5_u8)
        .map(|n| {
            view! {
                <button type="button" class="star-pick" class:star-pick--on=move || { rating.get() >= n }
                    aria-pressed=move || (rating.get() == n).to_string()
                    aria-label=move || i18n::stars(locale.get(), n)
                    data-testid="star" on:click=move |_| rating.set(n)>"★"</button>
            }
        })
        .collect_view();
    view! {
        <fieldset class="star-picker">
            <legend>{t(legend)}</legend>
            {buttons}
        </fieldset>
    }
}
