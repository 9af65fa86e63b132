//! Reviews (商品评价) by verified buyers: stars, words and photos about a product they
//! received, one per customer and product; the product page shows them with their average
//! and how the stars spread, and staff may hide one (with the reason) or answer it.

use crate::list::Paged;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest review text, in characters.
pub const MAX_BODY: usize = 2000;
/// Most photos with one review.
pub const MAX_PHOTOS: usize = 6;
/// Longest public answer from the shop, and reason for hiding.
pub const MAX_REPLY: usize = 1000;
/// Reviews on a page of them.
pub const PAGE_SIZE: u32 = 10;

/// `POST /api/v1/store/account/reviews`: a review of one line of a delivered order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReview {
    /// The order's number.
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub order: String,
    /// The order line's position (0-based).
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 49))]
    pub line: u32,
    /// 1 to 5 stars.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub rating: u8,
    /// Up to 2,000 characters; may be empty.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub body: String,
    /// Photos uploaded for the order first (`POST /api/v1/store/orders/{number}/photos`
    /// with `purpose=review`): their keys, at most six.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub photos: Vec<String>,
}

/// Why a review cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewProblem {
    /// Only what was delivered may be reviewed.
    NotDelivered,
    /// This customer reviewed this product already.
    AlreadyReviewed,
    /// The order has no such line.
    Line,
    /// Not 1 to 5.
    Rating,
    BodyTooLong,
    /// More than six, or one not uploaded for this order.
    Photos,
    /// A reason or answer that is empty or too long.
    Reply,
}

impl ReviewProblem {
    /// The field at fault.
    pub fn field(self) -> &'static str {
        match self {
            ReviewProblem::NotDelivered | ReviewProblem::AlreadyReviewed => "order",
            ReviewProblem::Line => "line",
            ReviewProblem::Rating => "rating",
            ReviewProblem::BodyTooLong => "body",
            ReviewProblem::Photos => "photos",
            ReviewProblem::Reply => "reply",
        }
    }

    /// Conflicts with what has happened (409) rather than bad input (422).
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            ReviewProblem::NotDelivered | ReviewProblem::AlreadyReviewed
        )
    }
}

impl fmt::Display for ReviewProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReviewProblem::NotDelivered => "Only products delivered to you can be reviewed",
            ReviewProblem::AlreadyReviewed => "You have reviewed this product already",
            ReviewProblem::Line => "This order has no such item",
            ReviewProblem::Rating => "Choose one to five stars",
            ReviewProblem::BodyTooLong => "A review may have at most 2,000 characters",
            ReviewProblem::Photos => "At most 6 photos, each uploaded for this order",
            ReviewProblem::Reply => "Write 1 to 1,000 characters",
        })
    }
}

/// Whether `req`'s own fields are right (the order, its line and the delivery are checked
/// by the caller, who reads them).
pub fn check_review(req: &NewReview) -> Result<(), ReviewProblem> {
    if !(1..=5).contains(&req.rating) {
        return Err(ReviewProblem::Rating);
    }
    if req.body.chars().count() > MAX_BODY {
        return Err(ReviewProblem::BodyTooLong);
    }
    let mut keys: Vec<&String> = req.photos.iter().collect();
    keys.sort();
    keys.dedup();
    if req.photos.len() > MAX_PHOTOS || keys.len() != req.photos.len() {
        return Err(ReviewProblem::Photos);
    }
    Ok(())
}

/// A staff member's reason or public answer: 1 to 1,000 characters once trimmed.
pub fn check_reply(text: &str) -> Result<String, ReviewProblem> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_REPLY {
        return Err(ReviewProblem::Reply);
    }
    Ok(text.to_string())
}

/// How a reviewer is shown: the first character of their name and two stars
/// ("张**", "J**"), or "**" for a nameless account.
pub fn shown_name(name: &str) -> String {
    let first: String = name.trim().chars().take(1).collect();
    format!("{first}**")
}

/// The stars a product's shown reviews gave.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingSummary {
    pub count: u32,
    /// The average in tenths of a star, rounded half up (43 is 4.3 stars); 0 without reviews.
    pub average_tenths: u32,
    /// How many gave one, two, … five stars.
    pub distribution: [u32; 5],
}

impl RatingSummary {
    /// From how many reviews gave each number of stars (index 0 is one star).
    pub fn from_counts(distribution: [u32; 5]) -> RatingSummary {
        let count: u32 = distribution.iter().sum();
        let stars: u64 = distribution
            .iter()
            .zip(1_u64..)
            .map(|(n, s)| u64::from(*n) * s)
            .sum();
        let average_tenths = if count == 0 {
            0
        } else {
            // round(10 * stars / count), half up, in integers
            u32::try_from((20 * stars + u64::from(count)) / (2 * u64::from(count))).unwrap_or(50)
        };
        RatingSummary {
            count,
            average_tenths,
            distribution,
        }
    }

    /// "4.3".
    pub fn average_text(&self) -> String {
        format!("{}.{}", self.average_tenths / 10, self.average_tenths % 10)
    }

    /// The share of reviews giving `stars` (1–5), in whole percent rounded half up.
    pub fn percent(&self, stars: u8) -> u32 {
        let Some(n) = (1..=5)
            .contains(&stars)
            .then(|| self.distribution[usize::from(stars) - 1])
        else {
            return 0;
        };
        if self.count == 0 {
            return 0;
        }
        (200 * n + self.count) / (2 * self.count)
    }
}

/// A review as the product page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewView {
    pub id: i64,
    pub rating: u8,
    pub body: String,
    /// The reviewer, masked ([`shown_name`]).
    pub author: String,
    /// The colour and size bought ("黑色 / M"), in both languages.
    pub variant: crate::catalog::Localized,
    /// Picture URLs.
    pub photos: Vec<String>,
    /// The shop's public answer, and when.
    pub reply: Option<String>,
    pub replied_at: Option<i64>,
    pub at: i64,
}

/// `GET /api/v1/store/products/{slug}/reviews`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductReviews {
    pub summary: RatingSummary,
    /// Newest first.
    pub reviews: Paged<ReviewView>,
}

/// `GET /api/v1/store/account/reviews`: a product the customer received, and their review
/// of it once written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewTask {
    pub order: String,
    /// The order line's position (0-based).
    pub line: u32,
    pub product_slug: String,
    pub name: crate::catalog::Localized,
    pub variant: crate::catalog::Localized,
    pub image: Option<String>,
    pub delivered_at: i64,
    pub review: Option<ReviewView>,
    /// Why staff hid it (the customer is told).
    pub hidden_reason: Option<String>,
}

/// `GET /api/v1/admin/reviews`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ReviewQuery {
    /// `true`: only hidden ones; `false`: only shown ones.
    pub hidden: Option<bool>,
    /// Only reviews giving this many stars.
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 5))]
    pub rating: Option<u8>,
    /// Only reviews the shop has not answered.
    pub unanswered: Option<bool>,
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    pub page: Option<u32>,
}

/// A review as staff moderate it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffReview {
    pub review: ReviewView,
    pub product_slug: String,
    pub product_name: crate::catalog::Localized,
    pub order: String,
    /// The buyer's account e-mail, for customer service.
    pub customer_email: String,
    pub hidden_reason: Option<String>,
}

impl StaffReview {
    /// The review as a staff member sees it: who wrote it (e-mail) only to those whose
    /// roles let them see customers' orders ([`Permission::ViewOrders`]); a marketer
    /// moderating sees the e-mail masked to its first letter and domain.
    ///
    /// [`Permission::ViewOrders`]: crate::staff::Permission::ViewOrders
    pub fn for_viewer(mut self, sees_customers: bool) -> StaffReview {
        if !sees_customers {
            self.customer_email = masked_email(&self.customer_email);
        }
        self
    }
}

/// `zhang.wei@example.com` → `z***@example.com`.
pub fn masked_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

/// `POST /api/v1/admin/reviews/{id}/hide` (the reason) and `…/reply` (the answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewText {
    /// Up to 1,000 characters (a reason to hide needs at least one).
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn review(rating: u8, body: &str, photos: usize) -> NewReview {
        NewReview {
            order: "SK-1".into(),
            line: 0,
            rating,
            body: body.into(),
            photos: (0..photos).map(|i| format!("{i:016x}")).collect(),
        }
    }

    #[test]
    fn a_review_needs_one_to_five_stars_and_a_short_enough_text() {
        assert_eq!(check_review(&review(5, "好", 0)), Ok(()));
        assert_eq!(check_review(&review(0, "", 0)), Err(ReviewProblem::Rating));
        assert_eq!(check_review(&review(6, "", 0)), Err(ReviewProblem::Rating));
        let long = "字".repeat(MAX_BODY + 1);
        assert_eq!(
            check_review(&review(3, &long, 0)),
            Err(ReviewProblem::BodyTooLong)
        );
        assert_eq!(check_review(&review(3, &"字".repeat(MAX_BODY), 6)), Ok(()));
        assert_eq!(check_review(&review(3, "", 7)), Err(ReviewProblem::Photos));
        let mut twice = review(3, "", 2);
        twice.photos[1] = twice.photos[0].clone();
        assert_eq!(check_review(&twice), Err(ReviewProblem::Photos));
    }

    #[test]
    fn replies_are_trimmed_and_bounded() {
        assert_eq!(check_reply("  谢谢 "), Ok("谢谢".to_string()));
        assert_eq!(check_reply("   "), Err(ReviewProblem::Reply));
        assert_eq!(
            check_reply(&"a".repeat(MAX_REPLY + 1)),
            Err(ReviewProblem::Reply)
        );
    }

    #[test]
    fn emails_are_masked_to_first_letter_and_domain() {
        assert_eq!(masked_email("zhang.wei@example.com"), "z***@example.com");
        assert_eq!(masked_email("张@例子.中国"), "张***@例子.中国");
        assert_eq!(masked_email("no-at-sign"), "***");
    }

    #[test]
    fn reviewers_are_masked() {
        assert_eq!(shown_name("张三"), "张**");
        assert_eq!(shown_name(" Jane Doe"), "J**");
        assert_eq!(shown_name(""), "**");
    }

    #[test]
    fn the_average_rounds_half_up_in_tenths() {
        let s = RatingSummary::from_counts([0, 0, 0, 1, 1]);
        assert_eq!(
            (s.count, s.average_tenths, s.average_text()),
            (2, 45, "4.5".into())
        );
        // 13 / 3 = 4.333…
        let s = RatingSummary::from_counts([0, 0, 1, 0, 2]);
        assert_eq!(s.average_text(), "4.3");
        // 11 / 3 = 3.666… → 3.7
        let s = RatingSummary::from_counts([0, 1, 0, 1, 1]);
        assert_eq!(s.average_tenths, 37);
        assert_eq!(RatingSummary::from_counts([0; 5]).average_tenths, 0);
        let s = RatingSummary::from_counts([1, 0, 0, 0, 2]);
        assert_eq!((s.percent(5), s.percent(1), s.percent(3)), (67, 33, 0));
        assert_eq!(s.percent(0), 0);
    }

    proptest! {
        #[test]
        fn the_average_lies_between_the_lowest_and_highest_stars(
            d in proptest::array::uniform5(0_u32..1000)
        ) {
            let s = RatingSummary::from_counts(d);
            if s.count > 0 {
                let low = d.iter().position(|n| *n > 0).unwrap() as u32 + 1;
                let high = 5 - d.iter().rev().position(|n| *n > 0).unwrap() as u32;
                prop_assert!(s.average_tenths >= 10 * low && s.average_tenths <= 10 * high);
                let exact = d.iter().zip(1_u32..).map(|(n, s)| n * s).sum::<u32>() as f64 * 10.0
                    / f64::from(s.count);
                prop_assert!((f64::from(s.average_tenths) - exact).abs() <= 0.5 + 1e-9);
            }
        }
    }
}
