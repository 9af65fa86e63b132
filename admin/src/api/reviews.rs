//! The back office's calls for reviews (评价): the list to moderate, hiding one with the
//! reason or showing it again, and the shop's public answer.

use super::*;
use shared::reviews::{ReviewText, StaffReview};

fn review_path(id: i64, step: &str) -> String {
    format!("/api/v1/admin/reviews/{id}/{step}")
}

/// The reviews, newest first: only hidden (`Some(true)`) or shown (`Some(false)`) ones,
/// only those giving `rating` stars, only those the shop has not answered.
pub fn reviews(
    hidden: Option<bool>,
    rating: Option<u8>,
    unanswered: bool,
    page: Option<u32>,
) -> impl Future<Output = ApiResult<Paged<StaffReview>>> {
    let mut s = QueryString::default();
    push(&mut s, "hidden", hidden);
    push(&mut s, "rating", rating);
    push(&mut s, "unanswered", unanswered.then_some(true));
    push(&mut s, "page", page);
    get(with_query("/api/v1/admin/reviews", s))
}

/// Hides a review from the product page, with the reason its writer is told.
pub fn hide_review(id: i64, reason: &str) -> impl Future<Output = ApiResult<StaffReview>> {
    send(
        Method::Post,
        review_path(id, "hide"),
        json(&ReviewText {
            text: reason.to_string(),
        }),
    )
}

/// Shows a hidden review again.
pub fn show_review(id: i64) -> impl Future<Output = ApiResult<StaffReview>> {
    send(Method::Post, review_path(id, "show"), None)
}

/// The shop's public answer to a review; an empty `text` takes it back.
pub fn reply_review(id: i64, text: &str) -> impl Future<Output = ApiResult<StaffReview>> {
    send(
        Method::Post,
        review_path(id, "reply"),
        json(&ReviewText {
            text: text.to_string(),
        }),
    )
}
