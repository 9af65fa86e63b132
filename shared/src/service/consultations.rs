//! Consultations (咨询): a customer asks about a product before buying (售前), about one of
//! their orders (售中/售后) or anything else; staff answer in the same thread within the
//! shop's service levels (首次响应, 解决时限), and the customer may rate the service once it
//! is resolved (满意度评价), which gives each staff member's CSAT per ISO week.
//!
//! All times are unix milliseconds, as everywhere in the crate.

use crate::catalog::{Localized, Slug};
use crate::coded;
use crate::error::{ApiError, ErrorCode};
use crate::orders::OrderNumber;
use crate::status::Status;
use crate::time::civil_date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 86_400_000;

/// Longest subject, in characters once trimmed.
pub const MAX_SUBJECT: usize = 120;
/// Longest message (the first one and every one after), in characters once trimmed.
pub const MAX_BODY: usize = 4000;
/// Longest comment with a rating, in characters once trimmed.
pub const MAX_RATING_COMMENT: usize = 1000;
/// The default time to a first answer: 4 hours.
pub const DEFAULT_FIRST_RESPONSE_MINUTES: u32 = 240;
/// The default time to resolution: 48 hours.
pub const DEFAULT_RESOLUTION_MINUTES: u32 = 2880;
/// The longest service level the shop may set: 30 days.
pub const MAX_SERVICE_MINUTES: u32 = 30 * 24 * 60;

coded! {
    /// Where a consultation is. Every change asks [`ConsultationStatus::can_transition`]
    /// and writes a consultation event (`server::db::status`).
    pub enum ConsultationStatus {
        /// 待处理: the customer waits for an answer.
        Open => "open",
        /// 待客户回复: staff answered; the customer's turn.
        WaitingOnCustomer => "waiting_on_customer",
        /// 已解决: the customer may rate it, or write again to reopen it.
        Resolved => "resolved",
        /// 已关闭: done, withdrawn or spam; no more messages.
        Closed => "closed",
    }
}

impl ConsultationStatus {
    pub fn can_transition(self, to: ConsultationStatus) -> bool {
        use ConsultationStatus::*;
        matches!(
            (self, to),
            // staff answered
            (Open, WaitingOnCustomer)
                // the customer wrote again
                | (WaitingOnCustomer, Open)
                | (Open | WaitingOnCustomer, Resolved)
                // the customer wrote again after the resolution: reopened
                | (Resolved, Open)
                | (Resolved, Closed)
                // withdrawn, or spam
                | (Open | WaitingOnCustomer, Closed)
        )
    }

    /// Still being handled: in the staff queue, its clocks running.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ConsultationStatus::Open | ConsultationStatus::WaitingOnCustomer
        )
    }

    /// The status a new message by `author` moves it to; none: unchanged. (A message on a
    /// closed consultation is refused by [`check_message`] first.)
    pub fn after_message(self, author: Author) -> Option<ConsultationStatus> {
        use ConsultationStatus::*;
        match (self, author) {
            (Open, Author::Staff) => Some(WaitingOnCustomer),
            (WaitingOnCustomer | Resolved, Author::Customer) => Some(Open),
            _ => None,
        }
    }
}

impl Status for ConsultationStatus {
    fn as_str(self) -> &'static str {
        ConsultationStatus::as_str(self)
    }

    fn parse(text: &str) -> Option<Self> {
        ConsultationStatus::parse(text)
    }

    fn can_transition(self, to: Self) -> bool {
        ConsultationStatus::can_transition(self, to)
    }
}

coded! {
    /// Who wrote a message.
    pub enum Author {
        /// 客户
        Customer => "customer",
        /// 客服
        Staff => "staff",
    }
}

coded! {
    /// What a consultation is about (咨询类型).
    pub enum Topic {
        /// 售前咨询: about a product, before buying.
        PreSale => "pre_sale",
        /// 订单咨询: about one of the customer's orders.
        Order => "order",
        /// 其他
        Other => "other",
    }
}

/// The shop's service levels (服务时限), from a consultation's creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceLevels {
    /// Minutes to the first answer by staff (首次响应).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 43200))]
    pub first_response_minutes: u32,
    /// Minutes to resolution (解决时限), at least the first answer's.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 43200))]
    pub resolution_minutes: u32,
}

impl Default for ServiceLevels {
    fn default() -> Self {
        ServiceLevels {
            first_response_minutes: DEFAULT_FIRST_RESPONSE_MINUTES,
            resolution_minutes: DEFAULT_RESOLUTION_MINUTES,
        }
    }
}

impl ServiceLevels {
    /// 1 ≤ first answer ≤ resolution ≤ 30 days.
    pub fn check(&self) -> Result<(), ConsultationProblem> {
        if self.resolution_minutes == 0 || self.resolution_minutes > MAX_SERVICE_MINUTES {
            return Err(ConsultationProblem::ResolutionTime);
        }
        if self.first_response_minutes == 0 || self.first_response_minutes > self.resolution_minutes
        {
            return Err(ConsultationProblem::FirstResponseTime);
        }
        Ok(())
    }
}

/// One service-level clock: when it is due, and when it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub due_at: i64,
    pub done_at: Option<i64>,
}

impl Clock {
    /// Milliseconds left at `now` (to `done_at` once stopped); negative when late.
    pub fn left(&self, now: i64) -> i64 {
        self.due_at - self.done_at.unwrap_or(now)
    }

    /// Stopped late, or still running past its due time.
    pub fn breached(&self, now: i64) -> bool {
        match self.done_at {
            Some(done) => done > self.due_at,
            None => now > self.due_at,
        }
    }

    /// In time or not once stopped; none while running.
    pub fn met(&self) -> Option<bool> {
        self.done_at.map(|done| done <= self.due_at)
    }

    pub fn is_running(&self) -> bool {
        self.done_at.is_none()
    }
}

/// A consultation's two clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sla {
    pub first_response: Clock,
    pub resolution: Clock,
}

impl Sla {
    /// The clocks of a consultation created at `created_at`, first answered by staff at
    /// `first_response_at`, resolved (or closed) last at `resolved_at` — none while open
    /// (a reopened one runs against the same due time again). A resolution stops the
    /// first-response clock too, should it come before any answer.
    pub fn for_consultation(
        created_at: i64,
        first_response_at: Option<i64>,
        resolved_at: Option<i64>,
        levels: &ServiceLevels,
    ) -> Sla {
        let answered = match (first_response_at, resolved_at) {
            (Some(a), Some(r)) => Some(a.min(r)),
            (a, r) => a.or(r),
        };
        Sla {
            first_response: Clock {
                due_at: created_at + i64::from(levels.first_response_minutes) * MINUTE_MS,
                done_at: answered,
            },
            resolution: Clock {
                due_at: created_at + i64::from(levels.resolution_minutes) * MINUTE_MS,
                done_at: resolved_at,
            },
        }
    }

    /// Either clock breached.
    pub fn breached(&self, now: i64) -> bool {
        self.first_response.breached(now) || self.resolution.breached(now)
    }

    /// The clock still running (the first answer's first); none when both stopped.
    pub fn running(&self) -> Option<&Clock> {
        [&self.first_response, &self.resolution]
            .into_iter()
            .find(|c| c.is_running())
    }

    /// When the running clock is due; none when both stopped.
    pub fn next_due(&self) -> Option<i64> {
        self.running().map(|c| c.due_at)
    }

    /// As the API sends it at `now`.
    pub fn view(&self, now: i64) -> SlaView {
        SlaView {
            first_response_due_at: self.first_response.due_at,
            first_response_at: self.first_response.done_at,
            resolution_due_at: self.resolution.due_at,
            resolved_at: self.resolution.done_at,
            breached: self.breached(now),
            left_millis: self.running().map(|c| c.left(now)),
        }
    }
}

/// A consultation's service levels as staff see them (超时 when breached).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaView {
    pub first_response_due_at: i64,
    /// When the first-response clock stopped: the first answer by staff, or the
    /// resolution should it come first.
    pub first_response_at: Option<i64>,
    pub resolution_due_at: i64,
    pub resolved_at: Option<i64>,
    /// Either clock late.
    pub breached: bool,
    /// Milliseconds left on the running clock, negative when late; none when both stopped.
    pub left_millis: Option<i64>,
}

/// `POST /api/v1/store/account/consultations`: a new consultation with its first message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewConsultation {
    pub topic: Topic,
    /// The product asked about: for `pre_sale` only.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 80))]
    pub product_slug: Option<String>,
    /// The order asked about (one of the customer's): for `order` only.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub order_number: Option<String>,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 120))]
    pub subject: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 4000))]
    pub body: String,
}

/// `POST /api/v1/store/account/consultations/{id}/messages` (and the staff's
/// `POST /api/v1/admin/consultations/{id}/messages`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMessage {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 4000))]
    pub body: String,
}

/// `POST /api/v1/store/account/consultations/{id}/rating`: once, when resolved or closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationRating {
    /// 1 to 5 stars.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub rating: u8,
    /// Up to 1,000 characters; may be empty.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub comment: String,
}

/// Why a consultation, message, rating or service level is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultationProblem {
    /// Empty or longer than 120 characters.
    Subject,
    /// Empty or longer than 4,000 characters.
    Body,
    /// A question before buying without a product (or not a product's slug).
    Product,
    /// A question about an order without its number (or not an order number).
    Order,
    /// A product named by a consultation that is not a question before buying.
    ProductNotForTopic,
    /// An order named by a consultation that is not about an order.
    OrderNotForTopic,
    /// The consultation is closed: no more messages.
    Closed,
    /// Not 1 to 5.
    Rating,
    CommentTooLong,
    /// Only a resolved or closed consultation may be rated.
    NotResolved,
    /// Rated already.
    AlreadyRated,
    /// Not 1 minute to the resolution time.
    FirstResponseTime,
    /// Not 1 minute to 30 days.
    ResolutionTime,
}

impl ConsultationProblem {
    /// The field at fault.
    pub fn field(self) -> &'static str {
        match self {
            ConsultationProblem::Subject => "subject",
            ConsultationProblem::Body | ConsultationProblem::Closed => "body",
            ConsultationProblem::Product | ConsultationProblem::ProductNotForTopic => {
                "product_slug"
            }
            ConsultationProblem::Order | ConsultationProblem::OrderNotForTopic => "order_number",
            ConsultationProblem::Rating
            | ConsultationProblem::NotResolved
            | ConsultationProblem::AlreadyRated => "rating",
            ConsultationProblem::CommentTooLong => "comment",
            ConsultationProblem::FirstResponseTime => "first_response_minutes",
            ConsultationProblem::ResolutionTime => "resolution_minutes",
        }
    }

    /// The rule's name, as serde writes it (the `problem` of the API's error).
    pub fn code(self) -> &'static str {
        match self {
            ConsultationProblem::Subject => "subject",
            ConsultationProblem::Body => "body",
            ConsultationProblem::Product => "product",
            ConsultationProblem::Order => "order",
            ConsultationProblem::ProductNotForTopic => "product_not_for_topic",
            ConsultationProblem::OrderNotForTopic => "order_not_for_topic",
            ConsultationProblem::Closed => "closed",
            ConsultationProblem::Rating => "rating",
            ConsultationProblem::CommentTooLong => "comment_too_long",
            ConsultationProblem::NotResolved => "not_resolved",
            ConsultationProblem::AlreadyRated => "already_rated",
            ConsultationProblem::FirstResponseTime => "first_response_time",
            ConsultationProblem::ResolutionTime => "resolution_time",
        }
    }

    /// Conflicts with what has happened (409) rather than bad input (422).
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            ConsultationProblem::Closed
                | ConsultationProblem::NotResolved
                | ConsultationProblem::AlreadyRated
        )
    }
}

impl fmt::Display for ConsultationProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ConsultationProblem::Subject => "Write a subject of 1 to 120 characters",
            ConsultationProblem::Body => "Write 1 to 4,000 characters",
            ConsultationProblem::Product => "Choose the product you are asking about",
            ConsultationProblem::Order => "Choose the order you are asking about",
            ConsultationProblem::ProductNotForTopic => {
                "Only a question before buying names a product"
            }
            ConsultationProblem::OrderNotForTopic => "Only a question about an order names one",
            ConsultationProblem::Closed => "This consultation is closed: start a new one",
            ConsultationProblem::Rating => "Choose one to five stars",
            ConsultationProblem::CommentTooLong => "A comment may have at most 1,000 characters",
            ConsultationProblem::NotResolved => "Rate the service once your question is resolved",
            ConsultationProblem::AlreadyRated => "You have rated this consultation already",
            ConsultationProblem::FirstResponseTime => {
                "The first answer is due within 1 minute and the resolution time"
            }
            ConsultationProblem::ResolutionTime => {
                "The resolution time is 1 minute to 30 days (43,200 minutes)"
            }
        })
    }
}

/// The API's error for a broken rule: 409 for a conflict, else 422, naming the field.
impl From<ConsultationProblem> for ApiError {
    fn from(p: ConsultationProblem) -> ApiError {
        let code = if p.is_conflict() {
            ErrorCode::Conflict
        } else {
            ErrorCode::Validation
        };
        let mut e = ApiError::new(code, p.to_string()).with_problem(p.code());
        e.field = Some(p.field().to_string());
        e
    }
}

/// Some non-blank text, trimmed; blank counts as none (a form's empty input).
fn given(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// 1 to `max` characters once trimmed.
fn fits(text: &str, max: usize) -> bool {
    let n = text.trim().chars().count();
    (1..=max).contains(&n)
}

/// Whether `req`'s own fields are right: the subject and first message, and the product or
/// order its topic names (whether that product exists, or the order is the customer's, is
/// checked by the caller, who reads them). A blank product or order counts as none.
pub fn check_consultation(req: &NewConsultation) -> Result<(), ConsultationProblem> {
    if !fits(&req.subject, MAX_SUBJECT) {
        return Err(ConsultationProblem::Subject);
    }
    if !fits(&req.body, MAX_BODY) {
        return Err(ConsultationProblem::Body);
    }
    let product = given(req.product_slug.as_deref());
    let order = given(req.order_number.as_deref());
    match req.topic {
        Topic::PreSale => {
            if product.is_none_or(|s| Slug::parse(s).is_err()) {
                return Err(ConsultationProblem::Product);
            }
            if order.is_some() {
                return Err(ConsultationProblem::OrderNotForTopic);
            }
        }
        Topic::Order => {
            if order.is_none_or(|n| OrderNumber::parse(n).is_none()) {
                return Err(ConsultationProblem::Order);
            }
            if product.is_some() {
                return Err(ConsultationProblem::ProductNotForTopic);
            }
        }
        Topic::Other => {
            if product.is_some() {
                return Err(ConsultationProblem::ProductNotForTopic);
            }
            if order.is_some() {
                return Err(ConsultationProblem::OrderNotForTopic);
            }
        }
    }
    Ok(())
}

/// Whether a message may be added to a consultation in `status`.
pub fn check_message(
    status: ConsultationStatus,
    req: &NewMessage,
) -> Result<(), ConsultationProblem> {
    if status == ConsultationStatus::Closed {
        return Err(ConsultationProblem::Closed);
    }
    if !fits(&req.body, MAX_BODY) {
        return Err(ConsultationProblem::Body);
    }
    Ok(())
}

/// Whether the customer may rate a consultation in `status` (`already_rated`: it has a
/// rating).
pub fn check_rating(
    status: ConsultationStatus,
    already_rated: bool,
    req: &ConsultationRating,
) -> Result<(), ConsultationProblem> {
    if !matches!(
        status,
        ConsultationStatus::Resolved | ConsultationStatus::Closed
    ) {
        return Err(ConsultationProblem::NotResolved);
    }
    if already_rated {
        return Err(ConsultationProblem::AlreadyRated);
    }
    if !(1..=5).contains(&req.rating) {
        return Err(ConsultationProblem::Rating);
    }
    if req.comment.trim().chars().count() > MAX_RATING_COMMENT {
        return Err(ConsultationProblem::CommentTooLong);
    }
    Ok(())
}

/// A staff member as a consultation names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffRef {
    pub id: i64,
    pub name: String,
}

/// The product a question before buying is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductRef {
    pub slug: String,
    pub name: Localized,
}

/// A consultation in the staff queue (`GET /api/v1/admin/consultations`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationRow {
    pub id: i64,
    pub topic: Topic,
    pub subject: String,
    pub status: ConsultationStatus,
    pub customer_name: String,
    pub assignee: Option<StaffRef>,
    pub created_at: i64,
    /// The last message or change.
    pub updated_at: i64,
    /// The customer wrote since staff last opened it.
    pub unread: bool,
    pub sla: SlaView,
}

/// One message of a consultation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageView {
    pub id: i64,
    pub author: Author,
    /// The customer's name, or the staff member's as customers are shown it.
    pub author_name: String,
    pub body: String,
    pub at: i64,
}

/// A consultation with its messages, oldest first, as its customer and staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationView {
    pub id: i64,
    pub topic: Topic,
    pub subject: String,
    pub status: ConsultationStatus,
    /// A question before buying: the product.
    pub product: Option<ProductRef>,
    /// A question about an order: its number.
    pub order_number: Option<String>,
    pub messages: Vec<MessageView>,
    /// The customer's stars, once rated.
    pub rating: Option<u8>,
    pub rating_comment: String,
    pub created_at: i64,
    /// For staff only (none for the customer).
    #[serde(default)]
    pub sla: Option<SlaView>,
    pub assignee: Option<StaffRef>,
}

/// Whose consultations the staff queue shows; in the URL `me`, `unassigned` or a staff
/// member's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssigneeFilter {
    /// The signed-in staff member's.
    Me,
    /// Nobody's yet.
    Unassigned,
    /// This staff member's.
    Staff(i64),
}

impl AssigneeFilter {
    /// `me`, `unassigned`, or a staff id of 1 or more.
    pub fn parse(text: &str) -> Option<AssigneeFilter> {
        match text.trim() {
            "me" => Some(AssigneeFilter::Me),
            "unassigned" => Some(AssigneeFilter::Unassigned),
            t if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => t
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(AssigneeFilter::Staff),
            _ => None,
        }
    }

    /// The staff id it asks for when `me` is the signed-in staff member's; none: unassigned.
    pub fn staff_id(self, me: i64) -> Option<i64> {
        match self {
            AssigneeFilter::Me => Some(me),
            AssigneeFilter::Unassigned => None,
            AssigneeFilter::Staff(id) => Some(id),
        }
    }
}

impl fmt::Display for AssigneeFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssigneeFilter::Me => f.write_str("me"),
            AssigneeFilter::Unassigned => f.write_str("unassigned"),
            AssigneeFilter::Staff(id) => write!(f, "{id}"),
        }
    }
}

impl Serialize for AssigneeFilter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AssigneeFilter {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<AssigneeFilter, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = AssigneeFilter;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`me`, `unassigned` or a staff id")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AssigneeFilter, E> {
                AssigneeFilter::parse(v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<AssigneeFilter, E> {
                if v > 0 {
                    Ok(AssigneeFilter::Staff(v))
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Signed(v), &self))
                }
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<AssigneeFilter, E> {
                match i64::try_from(v) {
                    Ok(id) if id > 0 => Ok(AssigneeFilter::Staff(id)),
                    _ => Err(E::invalid_value(serde::de::Unexpected::Unsigned(v), &self)),
                }
            }
        }

        d.deserialize_str(Visitor)
    }
}

/// The staff queue's filters (`GET /api/v1/admin/consultations`), as they travel in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ConsultationQuery {
    #[cfg_attr(feature = "openapi", param(inline))]
    pub status: Option<ConsultationStatus>,
    /// `me`, `unassigned` or a staff member's id.
    #[cfg_attr(
        feature = "openapi",
        param(value_type = Option<String>, pattern = r"^(me|unassigned|[1-9][0-9]{0,17})$")
    )]
    pub assignee: Option<AssigneeFilter>,
    /// `true`: only those past a service level; `false`: only those within them.
    pub breached: Option<bool>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 10000))]
    pub page: Option<u32>,
}

/// Days since 1970-01-01 of a civil date (the days-from-civil algorithm, inverse of
/// [`civil_date`]).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The ISO week (ISO 8601: weeks from Monday, week 1 holds the year's first Thursday) of a
/// millisecond timestamp shifted by `offset_hours`: `(week-based year, week 1–53)`.
pub fn iso_week(millis: i64, offset_hours: i64) -> (i64, u32) {
    let days = (millis + offset_hours * 3_600_000).div_euclid(DAY_MS);
    // 1970-01-01 was a Thursday: Monday is 0
    let weekday = (days + 3).rem_euclid(7);
    let thursday = days - weekday + 3;
    let (year, _, _) = civil_date(thursday * DAY_MS, 0);
    let ordinal = thursday - days_from_civil(year, 1, 1);
    (year, u32::try_from(ordinal / 7 + 1).unwrap_or(1))
}

/// `2026-W49`.
pub fn week_label(year: i64, week: u32) -> String {
    format!("{year:04}-W{week:02}")
}

/// One rating of a consultation, credited to the staff member who resolved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rated {
    pub staff_id: i64,
    pub staff_name: String,
    /// When it was rated.
    pub at: i64,
    pub rating: u8,
}

/// One staff member's customer satisfaction (客户满意度) in one ISO week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CsatRow {
    pub staff_id: i64,
    pub staff_name: String,
    /// ISO week, `2026-W49`.
    pub week: String,
    pub ratings: u32,
    /// The average in tenths of a star, rounded half up (43 is 4.3 stars).
    pub average_tenths: u32,
    /// The share of four and five stars, in percent rounded half up.
    pub satisfied_percent: u32,
}

/// `num / den` rounded half up; 0 when `den` is.
fn half_up(num: u64, den: u64) -> u32 {
    if den == 0 {
        return 0;
    }
    u32::try_from((2 * num + den) / (2 * den)).unwrap_or(u32::MAX)
}

/// CSAT per staff member and ISO week (`offset_hours`: the shop's time zone), the latest
/// week first, then by staff name. A staff member is shown under the name of their latest
/// rating in the week; ratings outside 1–5 are left out.
pub fn csat_by_week(rated: &[Rated], offset_hours: i64) -> Vec<CsatRow> {
    struct Tally<'a> {
        name: &'a str,
        name_at: i64,
        ratings: u32,
        stars: u64,
        satisfied: u64,
    }

    let mut tallies: BTreeMap<((i64, u32), i64), Tally<'_>> = BTreeMap::new();
    for r in rated.iter().filter(|r| (1..=5).contains(&r.rating)) {
        let t = tallies
            .entry((iso_week(r.at, offset_hours), r.staff_id))
            .or_insert(Tally {
                name: &r.staff_name,
                name_at: r.at,
                ratings: 0,
                stars: 0,
                satisfied: 0,
            });
        if r.at > t.name_at {
            t.name = &r.staff_name;
            t.name_at = r.at;
        }
        t.ratings = t.ratings.saturating_add(1);
        t.stars += u64::from(r.rating);
        t.satisfied += u64::from(r.rating >= 4);
    }
    let mut rows: Vec<((i64, u32), CsatRow)> = tallies
        .into_iter()
        .map(|(((year, week), staff_id), t)| {
            let n = u64::from(t.ratings);
            let row = CsatRow {
                staff_id,
                staff_name: t.name.to_string(),
                week: week_label(year, week),
                ratings: t.ratings,
                average_tenths: half_up(t.stars * 10, n),
                satisfied_percent: half_up(t.satisfied * 100, n),
            };
            ((year, week), row)
        })
        .collect();
    rows.sort_by(|(wa, a), (wb, b)| {
        wb.cmp(wa)
            .then_with(|| a.staff_name.cmp(&b.staff_name))
            .then(a.staff_id.cmp(&b.staff_id))
    });
    rows.into_iter().map(|(_, row)| row).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HOUR: i64 = 3_600_000;

    fn ask(topic: Topic, product: Option<&str>, order: Option<&str>) -> NewConsultation {
        NewConsultation {
            topic,
            product_slug: product.map(str::to_string),
            order_number: order.map(str::to_string),
            subject: "羽绒服尺码".into(),
            body: "身高 175 穿哪个码？".into(),
        }
    }

    fn message(body: &str) -> NewMessage {
        NewMessage { body: body.into() }
    }

    fn rating(stars: u8, comment: &str) -> ConsultationRating {
        ConsultationRating {
            rating: stars,
            comment: comment.into(),
        }
    }

    #[test]
    fn a_consultation_moves_between_customer_and_staff() {
        use ConsultationStatus::*;
        assert!(Open.can_transition(WaitingOnCustomer));
        assert!(WaitingOnCustomer.can_transition(Open));
        assert!(Open.can_transition(Resolved));
        assert!(WaitingOnCustomer.can_transition(Resolved));
        assert!(Resolved.can_transition(Open), "reopened");
        assert!(Resolved.can_transition(Closed));
        assert!(Open.can_transition(Closed) && WaitingOnCustomer.can_transition(Closed));
        assert!(!Closed.can_transition(Open));
        assert!(!Closed.can_transition(Resolved));
        assert!(!Resolved.can_transition(WaitingOnCustomer));
        for s in ConsultationStatus::ALL {
            assert!(!s.can_transition(*s), "{s:?} to itself");
            assert_eq!(<ConsultationStatus as Status>::parse(s.as_str()), Some(*s));
        }
        assert!(Open.is_open() && WaitingOnCustomer.is_open());
        assert!(!Resolved.is_open() && !Closed.is_open());
        assert_eq!(
            serde_json::to_string(&WaitingOnCustomer).unwrap(),
            "\"waiting_on_customer\""
        );
        assert_eq!(Topic::parse("pre_sale"), Some(Topic::PreSale));
        assert_eq!(Author::Staff.as_str(), "staff");
    }

    #[test]
    fn a_message_moves_the_status_to_whose_turn_it_is() {
        use ConsultationStatus::*;
        assert_eq!(Open.after_message(Author::Staff), Some(WaitingOnCustomer));
        assert_eq!(Open.after_message(Author::Customer), None);
        assert_eq!(
            WaitingOnCustomer.after_message(Author::Customer),
            Some(Open)
        );
        assert_eq!(WaitingOnCustomer.after_message(Author::Staff), None);
        assert_eq!(Resolved.after_message(Author::Customer), Some(Open));
        assert_eq!(Resolved.after_message(Author::Staff), None);
        assert_eq!(Closed.after_message(Author::Customer), None);
        // every move a message makes is allowed by the rule
        for s in ConsultationStatus::ALL {
            for a in Author::ALL {
                if let Some(to) = s.after_message(*a) {
                    assert!(s.can_transition(to), "{s:?} to {to:?} by {a:?}");
                }
            }
        }
    }

    #[test]
    fn service_levels_are_checked() {
        assert_eq!(ServiceLevels::default().check(), Ok(()));
        assert_eq!(
            ServiceLevels::default(),
            ServiceLevels {
                first_response_minutes: 240,
                resolution_minutes: 2880
            }
        );
        let levels = |first_response_minutes, resolution_minutes| ServiceLevels {
            first_response_minutes,
            resolution_minutes,
        };
        assert_eq!(levels(1, 1).check(), Ok(()));
        assert_eq!(levels(43_200, 43_200).check(), Ok(()));
        assert_eq!(
            levels(0, 60).check(),
            Err(ConsultationProblem::FirstResponseTime)
        );
        assert_eq!(
            levels(61, 60).check(),
            Err(ConsultationProblem::FirstResponseTime)
        );
        assert_eq!(
            levels(60, 43_201).check(),
            Err(ConsultationProblem::ResolutionTime)
        );
        assert_eq!(
            levels(0, 0).check(),
            Err(ConsultationProblem::ResolutionTime)
        );
        assert_eq!(
            ConsultationProblem::ResolutionTime.field(),
            "resolution_minutes"
        );
    }

    #[test]
    fn clocks_measure_to_their_stop() {
        let running = Clock {
            due_at: 100,
            done_at: None,
        };
        assert_eq!(running.left(40), 60);
        assert_eq!(running.left(130), -30);
        assert!(!running.breached(100) && running.breached(101));
        assert_eq!(running.met(), None);
        let late = Clock {
            due_at: 100,
            done_at: Some(150),
        };
        assert_eq!(late.left(1_000), -50);
        assert!(late.breached(0), "late once stopped late");
        assert_eq!(late.met(), Some(false));
        let in_time = Clock {
            due_at: 100,
            done_at: Some(100),
        };
        assert!(!in_time.breached(1_000));
        assert_eq!(in_time.met(), Some(true));
        assert_eq!(in_time.left(1_000), 0);
    }

    #[test]
    fn a_consultation_runs_against_the_first_answer_then_the_resolution() {
        let levels = ServiceLevels::default();
        let created = 1_000_000;
        let fresh = Sla::for_consultation(created, None, None, &levels);
        assert_eq!(fresh.first_response.due_at, created + 4 * HOUR);
        assert_eq!(fresh.resolution.due_at, created + 48 * HOUR);
        assert_eq!(fresh.next_due(), Some(created + 4 * HOUR));
        let view = fresh.view(created + HOUR);
        assert_eq!(view.left_millis, Some(3 * HOUR));
        assert!(!view.breached);
        assert!(fresh.breached(created + 4 * HOUR + 1));

        let answered = Sla::for_consultation(created, Some(created + HOUR), None, &levels);
        assert_eq!(answered.next_due(), Some(created + 48 * HOUR));
        let view = answered.view(created + 10 * HOUR);
        assert_eq!(view.first_response_at, Some(created + HOUR));
        assert_eq!(view.left_millis, Some(38 * HOUR));
        assert!(!view.breached);
        assert!(answered.breached(created + 48 * HOUR + 1));

        let late_answer = Sla::for_consultation(created, Some(created + 5 * HOUR), None, &levels);
        assert!(late_answer.breached(created + 5 * HOUR), "stays breached");

        let resolved = Sla::for_consultation(
            created,
            Some(created + HOUR),
            Some(created + 2 * HOUR),
            &levels,
        );
        assert_eq!(resolved.next_due(), None);
        let view = resolved.view(created + 100 * HOUR);
        assert_eq!(view.left_millis, None);
        assert!(!view.breached);
        assert_eq!(view.resolved_at, Some(created + 2 * HOUR));

        // resolved without a word from staff: the first clock stopped with it
        let silent = Sla::for_consultation(created, None, Some(created + HOUR), &levels);
        assert_eq!(silent.first_response.done_at, Some(created + HOUR));
        assert_eq!(silent.next_due(), None);
        assert!(!silent.breached(created + 100 * HOUR));
    }

    #[test]
    fn a_consultation_names_what_its_topic_is_about() {
        assert_eq!(check_consultation(&ask(Topic::Other, None, None)), Ok(()));
        assert_eq!(
            check_consultation(&ask(Topic::PreSale, Some("down-jacket"), None)),
            Ok(())
        );
        assert_eq!(
            check_consultation(&ask(Topic::Order, None, Some("SK2611270001"))),
            Ok(())
        );
        // a form's empty inputs count as none
        assert_eq!(
            check_consultation(&ask(Topic::Order, Some(" "), Some("sk2611270001"))),
            Ok(())
        );
        assert_eq!(
            check_consultation(&ask(Topic::PreSale, None, None)),
            Err(ConsultationProblem::Product)
        );
        assert_eq!(
            check_consultation(&ask(Topic::PreSale, Some("Not A Slug"), None)),
            Err(ConsultationProblem::Product)
        );
        assert_eq!(
            check_consultation(&ask(
                Topic::PreSale,
                Some("down-jacket"),
                Some("SK2611270001")
            )),
            Err(ConsultationProblem::OrderNotForTopic)
        );
        assert_eq!(
            check_consultation(&ask(Topic::Order, None, Some(""))),
            Err(ConsultationProblem::Order)
        );
        assert_eq!(
            check_consultation(&ask(Topic::Order, None, Some("12345"))),
            Err(ConsultationProblem::Order)
        );
        assert_eq!(
            check_consultation(&ask(
                Topic::Order,
                Some("down-jacket"),
                Some("SK2611270001")
            )),
            Err(ConsultationProblem::ProductNotForTopic)
        );
        assert_eq!(
            check_consultation(&ask(Topic::Other, Some("down-jacket"), None)),
            Err(ConsultationProblem::ProductNotForTopic)
        );
        assert_eq!(
            check_consultation(&ask(Topic::Other, None, Some("SK2611270001"))),
            Err(ConsultationProblem::OrderNotForTopic)
        );
        assert_eq!(
            ConsultationProblem::OrderNotForTopic.field(),
            "order_number"
        );
    }

    #[test]
    fn subjects_and_bodies_are_counted_in_characters_once_trimmed() {
        let mut c = ask(Topic::Other, None, None);
        c.subject = "  ".into();
        assert_eq!(check_consultation(&c), Err(ConsultationProblem::Subject));
        c.subject = format!(" {} ", "咨".repeat(MAX_SUBJECT));
        assert_eq!(check_consultation(&c), Ok(()));
        c.subject = "咨".repeat(MAX_SUBJECT + 1);
        assert_eq!(check_consultation(&c), Err(ConsultationProblem::Subject));
        c.subject = "尺码".into();
        c.body = "\n".into();
        assert_eq!(check_consultation(&c), Err(ConsultationProblem::Body));
        c.body = "码".repeat(MAX_BODY);
        assert_eq!(check_consultation(&c), Ok(()));
        c.body = "码".repeat(MAX_BODY + 1);
        assert_eq!(check_consultation(&c), Err(ConsultationProblem::Body));
        assert_eq!(ConsultationProblem::Body.field(), "body");
    }

    #[test]
    fn messages_go_to_any_consultation_not_closed() {
        use ConsultationStatus::*;
        for s in [Open, WaitingOnCustomer, Resolved] {
            assert_eq!(check_message(s, &message("谢谢")), Ok(()));
        }
        assert_eq!(
            check_message(Closed, &message("还在吗")),
            Err(ConsultationProblem::Closed)
        );
        assert_eq!(
            check_message(Open, &message("   ")),
            Err(ConsultationProblem::Body)
        );
        assert_eq!(
            check_message(Open, &message(&"x".repeat(MAX_BODY + 1))),
            Err(ConsultationProblem::Body)
        );
        assert!(ConsultationProblem::Closed.is_conflict());
        assert!(!ConsultationProblem::Body.is_conflict());
    }

    #[test]
    fn a_rating_comes_once_after_the_resolution() {
        use ConsultationStatus::*;
        assert_eq!(check_rating(Resolved, false, &rating(5, "")), Ok(()));
        assert_eq!(check_rating(Closed, false, &rating(1, "慢")), Ok(()));
        assert_eq!(
            check_rating(Open, false, &rating(5, "")),
            Err(ConsultationProblem::NotResolved)
        );
        assert_eq!(
            check_rating(WaitingOnCustomer, false, &rating(5, "")),
            Err(ConsultationProblem::NotResolved)
        );
        assert_eq!(
            check_rating(Resolved, true, &rating(5, "")),
            Err(ConsultationProblem::AlreadyRated)
        );
        assert_eq!(
            check_rating(Resolved, false, &rating(0, "")),
            Err(ConsultationProblem::Rating)
        );
        assert_eq!(
            check_rating(Resolved, false, &rating(6, "")),
            Err(ConsultationProblem::Rating)
        );
        assert_eq!(
            check_rating(
                Resolved,
                false,
                &rating(4, &"好".repeat(MAX_RATING_COMMENT))
            ),
            Ok(())
        );
        assert_eq!(
            check_rating(
                Resolved,
                false,
                &rating(4, &"好".repeat(MAX_RATING_COMMENT + 1))
            ),
            Err(ConsultationProblem::CommentTooLong)
        );
        assert_eq!(ConsultationProblem::CommentTooLong.field(), "comment");
    }

    #[test]
    fn problems_become_the_apis_errors() {
        let all = [
            ConsultationProblem::Subject,
            ConsultationProblem::Body,
            ConsultationProblem::Product,
            ConsultationProblem::Order,
            ConsultationProblem::ProductNotForTopic,
            ConsultationProblem::OrderNotForTopic,
            ConsultationProblem::Closed,
            ConsultationProblem::Rating,
            ConsultationProblem::CommentTooLong,
            ConsultationProblem::NotResolved,
            ConsultationProblem::AlreadyRated,
            ConsultationProblem::FirstResponseTime,
            ConsultationProblem::ResolutionTime,
        ];
        for p in all {
            assert_eq!(
                serde_json::to_value(p).unwrap(),
                serde_json::Value::String(p.code().into()),
                "{p:?}"
            );
        }
        let e = ApiError::from(ConsultationProblem::Subject);
        assert_eq!(e.code, ErrorCode::Validation);
        assert_eq!(e.problem.as_deref(), Some("subject"));
        assert_eq!(e.field.as_deref(), Some("subject"));
        let e = ApiError::from(ConsultationProblem::AlreadyRated);
        assert_eq!(e.code, ErrorCode::Conflict);
        assert_eq!(e.field.as_deref(), Some("rating"));
    }

    #[test]
    fn the_assignee_filter_travels_as_one_word_or_an_id() {
        assert_eq!(AssigneeFilter::parse("me"), Some(AssigneeFilter::Me));
        assert_eq!(
            AssigneeFilter::parse("unassigned"),
            Some(AssigneeFilter::Unassigned)
        );
        assert_eq!(AssigneeFilter::parse("42"), Some(AssigneeFilter::Staff(42)));
        for bad in [
            "",
            "0",
            "-3",
            "+3",
            "me2",
            "everyone",
            "99999999999999999999",
        ] {
            assert_eq!(AssigneeFilter::parse(bad), None, "{bad}");
        }
        for f in [
            AssigneeFilter::Me,
            AssigneeFilter::Unassigned,
            AssigneeFilter::Staff(7),
        ] {
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(json, format!("\"{f}\""));
            assert_eq!(serde_json::from_str::<AssigneeFilter>(&json).unwrap(), f);
        }
        assert_eq!(
            serde_json::to_string(&AssigneeFilter::Staff(7)).unwrap(),
            "\"7\""
        );
        assert!(serde_json::from_str::<AssigneeFilter>("\"nobody\"").is_err());
        // a query string's values arrive as strings
        use serde::de::IntoDeserializer;
        let d: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            "unassigned".into_deserializer();
        assert_eq!(
            AssigneeFilter::deserialize(d).unwrap(),
            AssigneeFilter::Unassigned
        );
        let q: ConsultationQuery =
            serde_json::from_str(r#"{"status":"open","assignee":"me","breached":true,"page":2}"#)
                .unwrap();
        assert_eq!(q.assignee, Some(AssigneeFilter::Me));
        assert_eq!(q.status, Some(ConsultationStatus::Open));
        assert_eq!(
            serde_json::from_str::<ConsultationQuery>("{}").unwrap(),
            ConsultationQuery::default()
        );
        assert_eq!(AssigneeFilter::Me.staff_id(5), Some(5));
        assert_eq!(AssigneeFilter::Unassigned.staff_id(5), None);
        assert_eq!(AssigneeFilter::Staff(9).staff_id(5), Some(9));
    }

    #[test]
    fn iso_weeks_at_the_turn_of_the_year() {
        // 2026-12-31 and 2027-01-01 belong to 2026's 53rd week
        assert_eq!(iso_week(1_798_675_200_000, 0), (2026, 53));
        assert_eq!(iso_week(1_798_761_600_000, 0), (2026, 53));
        // 2025-12-29, a Monday, starts 2026's first week; the Sunday before ends 2025's
        assert_eq!(iso_week(1_766_966_400_000, 0), (2026, 1));
        assert_eq!(iso_week(1_766_880_000_000, 0), (2025, 52));
        // 2021-01-03 is still 2020-W53; 2024-12-30 is 2025-W01
        assert_eq!(iso_week(1_609_632_000_000, 0), (2020, 53));
        assert_eq!(iso_week(1_735_516_800_000, 0), (2025, 1));
        assert_eq!(iso_week(1_796_601_600_000, 0), (2026, 50));
        assert_eq!(iso_week(0, 0), (1970, 1));
        // Sunday 2026-12-27 20:00 UTC is Monday morning in Shanghai: the next week
        let sunday_evening = 1_798_329_600_000 + 20 * HOUR;
        assert_eq!(iso_week(sunday_evening, 0), (2026, 52));
        assert_eq!(iso_week(sunday_evening, 8), (2026, 53));
        assert_eq!(week_label(2026, 1), "2026-W01");
        assert_eq!(week_label(2026, 49), "2026-W49");
    }

    fn rated(staff_id: i64, name: &str, at: i64, rating: u8) -> Rated {
        Rated {
            staff_id,
            staff_name: name.into(),
            at,
            rating,
        }
    }

    #[test]
    fn csat_is_counted_per_staff_member_and_week() {
        // Monday 2026-12-07 and the week after
        let w50 = 1_796_601_600_000;
        let w51 = w50 + 7 * DAY_MS;
        let rows = csat_by_week(
            &[
                rated(2, "王芳", w50 + HOUR, 5),
                rated(2, "王芳", w50 + 2 * HOUR, 4),
                rated(2, "王芳", w50 + 3 * HOUR, 3),
                rated(1, "李雷", w50, 3),
                rated(1, "李雷", w51, 5),
                rated(1, "李雷", w51 + HOUR, 2),
                rated(3, "Zoe", w51, 9),
            ],
            0,
        );
        let brief: Vec<(&str, &str, u32, u32, u32)> = rows
            .iter()
            .map(|r| {
                (
                    r.week.as_str(),
                    r.staff_name.as_str(),
                    r.ratings,
                    r.average_tenths,
                    r.satisfied_percent,
                )
            })
            .collect();
        assert_eq!(
            brief,
            vec![
                // 3.5 stars, one of two satisfied
                ("2026-W51", "李雷", 2, 35, 50),
                ("2026-W50", "李雷", 1, 30, 0),
                // 4.0 stars, two of three → 66.7 % → 67
                ("2026-W50", "王芳", 3, 40, 67),
            ]
        );
        assert!(csat_by_week(&[], 8).is_empty());
    }

    #[test]
    fn csat_rounds_half_up_and_takes_the_latest_name() {
        let w = 1_796_601_600_000;
        let rows = csat_by_week(
            &[
                rated(4, "小张", w, 4),
                rated(4, "张伟", w + HOUR, 5),
                rated(4, "小张", w + 2 * HOUR, 4),
                rated(4, "小张", w + 3 * HOUR, 4),
                rated(4, "小张", w + 4 * HOUR, 4),
                rated(4, "小张", w + 5 * HOUR, 4),
                rated(4, "小张", w + 6 * HOUR, 4),
                rated(4, "小张", w + 7 * HOUR, 3),
            ],
            0,
        );
        assert_eq!(rows.len(), 1);
        // 32 stars of 8: 4.0; 7 of 8 satisfied: 87.5 % → 88
        assert_eq!(rows[0].average_tenths, 40);
        assert_eq!(rows[0].satisfied_percent, 88);
        assert_eq!(rows[0].staff_name, "小张");
        assert_eq!(half_up(45, 10), 5);
        assert_eq!(half_up(44, 10), 4);
        assert_eq!(half_up(1, 0), 0);
        // the week is the shop's: late Sunday UTC is Monday in Shanghai (2026-W01)
        let rows = csat_by_week(&[rated(1, "李雷", 1_766_880_000_000 + 20 * HOUR, 5)], 8);
        assert_eq!(rows[0].week, "2026-W01");
    }

    proptest! {
        #[test]
        fn iso_weeks_agree_with_the_time_crate(days in -200_000_i64..200_000, ms in 0_i64..DAY_MS) {
            let (year, week) = iso_week(days * DAY_MS + ms, 0);
            let julian = i32::try_from(2_440_588 + days).unwrap();
            let date = time::Date::from_julian_day(julian).unwrap();
            let (y, w, _) = date.to_iso_week_date();
            prop_assert_eq!((year, week), (i64::from(y), u32::from(w)));
        }

        #[test]
        fn days_from_civil_undoes_civil_date(days in -1_000_000_i64..1_000_000) {
            let (y, m, d) = civil_date(days * DAY_MS, 0);
            prop_assert_eq!(days_from_civil(y, m, d), days);
        }

        #[test]
        fn a_running_clock_is_breached_exactly_when_time_is_left_below_zero(
            created in 0_i64..2_000_000_000_000,
            first in 1_u32..=43_200,
            extra in 0_u32..=43_200,
            elapsed in 0_i64..10_000_000_000,
        ) {
            let levels = ServiceLevels {
                first_response_minutes: first,
                resolution_minutes: (first + extra).min(MAX_SERVICE_MINUTES),
            };
            prop_assume!(levels.check().is_ok());
            let sla = Sla::for_consultation(created, None, None, &levels);
            let now = created + elapsed;
            let view = sla.view(now);
            prop_assert_eq!(view.breached, view.left_millis.is_some_and(|l| l < 0));
            prop_assert_eq!(sla.next_due(), Some(sla.first_response.due_at));
            prop_assert!(sla.first_response.due_at <= sla.resolution.due_at);
        }

        #[test]
        fn csat_counts_every_valid_rating_once(
            ratings in proptest::collection::vec((1_i64..4, 0_i64..60 * DAY_MS, 0_u8..7), 0..60)
        ) {
            let all: Vec<Rated> = ratings
                .iter()
                .map(|(id, at, r)| rated(*id, &format!("staff {id}"), 1_796_601_600_000 + at, *r))
                .collect();
            let rows = csat_by_week(&all, 8);
            let valid = ratings.iter().filter(|(_, _, r)| (1..=5).contains(r)).count();
            prop_assert_eq!(rows.iter().map(|r| r.ratings as usize).sum::<usize>(), valid);
            for r in &rows {
                prop_assert!((10..=50).contains(&r.average_tenths));
                prop_assert!(r.satisfied_percent <= 100);
            }
            for pair in rows.windows(2) {
                prop_assert!(
                    pair[0].week > pair[1].week
                        || (pair[0].week == pair[1].week && pair[0].staff_name <= pair[1].staff_name)
                );
            }
        }
    }
}
