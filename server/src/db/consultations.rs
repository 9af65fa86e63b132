//! The consultations repository: a customer's questions and their threads, the staff
//! queue with its service-level filter, and the ratings for the CSAT report.

use super::status::Recorded;
use shared::catalog::Localized;
use shared::list::PageRequest;
use shared::service::consultations::{
    AssigneeFilter, Author, ConsultationQuery, ConsultationRow, ConsultationStatus,
    ConsultationView, MessageView, ProductRef, Rated, ServiceLevels, Sla, StaffRef, Topic,
};
use sqlx::AnyConnection as Conn;

impl Recorded for ConsultationStatus {
    const NOUN: &'static str = "consultation";
    const TABLE: &'static str = "consultations";
    const EVENTS: &'static str = "consultation_events";
    const OWNER: &'static str = "consultation_id";
}

/// Where the service levels are kept in `app_settings`.
pub const SERVICE_LEVELS: &str = "service_levels";

/// The shop's service levels (the defaults until staff set them).
pub async fn service_levels(conn: &mut Conn) -> Result<ServiceLevels, sqlx::Error> {
    let text = super::settings::get_text(conn, SERVICE_LEVELS).await?;
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

pub async fn set_service_levels(
    conn: &mut Conn,
    levels: &ServiceLevels,
) -> Result<(), sqlx::Error> {
    let text = serde_json::to_string(levels).unwrap_or_default();
    super::settings::set_text(conn, SERVICE_LEVELS, &text).await
}

/// What a new consultation is about, resolved to ids.
pub struct NewConsultation<'a> {
    pub user: i64,
    pub topic: Topic,
    pub product: Option<i64>,
    pub order: Option<i64>,
    pub subject: &'a str,
    pub at: i64,
}

pub async fn insert(conn: &mut Conn, c: &NewConsultation<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO consultations (user_id, topic, product_id, order_id, subject, status, \
         staff_unread, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'open', 1, $6, $6) RETURNING id",
    )
    .bind(c.user)
    .bind(c.topic.as_str())
    .bind(c.product)
    .bind(c.order)
    .bind(c.subject)
    .bind(c.at)
    .fetch_one(conn)
    .await
}

/// Adds a message; the other side sees it as unread.
pub async fn add_message(
    conn: &mut Conn,
    id: i64,
    author: Author,
    author_id: i64,
    body: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO consultation_messages (consultation_id, author, author_id, body, at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(author.as_str())
    .bind(author_id)
    .bind(body)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    let unread = match author {
        Author::Customer => "staff_unread = 1",
        Author::Staff => "customer_unread = 1",
    };
    sqlx::query(&format!(
        "UPDATE consultations SET {unread}, updated_at = $2 WHERE id = $1"
    ))
    .bind(id)
    .bind(at)
    .execute(conn)
    .await
    .map(|_| ())
}

/// What the workflows read of a consultation before they change it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConsultationState {
    pub id: i64,
    pub user_id: i64,
    pub status: String,
    pub assignee_id: Option<i64>,
    pub first_response_at: Option<i64>,
    pub rating: Option<i64>,
    pub subject: String,
    pub email: String,
}

impl ConsultationState {
    pub fn status(&self) -> ConsultationStatus {
        ConsultationStatus::parse(&self.status).unwrap_or(ConsultationStatus::Open)
    }
}

/// Consultation `id`, only when it is customer `owner`'s (when given).
pub async fn state(
    conn: &mut Conn,
    id: i64,
    owner: Option<i64>,
) -> Result<Option<ConsultationState>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.user_id, c.status, c.assignee_id, c.first_response_at, c.rating, \
         c.subject, u.email FROM consultations c JOIN users u ON u.id = c.user_id \
         WHERE c.id = $1 AND ($2 = 0 OR c.user_id = $2)",
    )
    .bind(id)
    .bind(owner.unwrap_or(0))
    .fetch_optional(conn)
    .await
}

/// Sets the first answer's time, unless it has one.
pub async fn answered(conn: &mut Conn, id: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE consultations SET first_response_at = COALESCE(first_response_at, $2) WHERE id = $1",
    )
    .bind(id)
    .bind(at)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Resolved (or closed) at `at` by staff member `by` (none: by the customer); a resolution
/// before any answer stops the first-response clock too.
pub async fn resolved(
    conn: &mut Conn,
    id: i64,
    at: i64,
    by: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE consultations SET resolved_at = $2, resolved_by = COALESCE($3, resolved_by, assignee_id), \
         first_response_at = COALESCE(first_response_at, $2), updated_at = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(at)
    .bind(by)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Open again: the resolution clock runs again.
pub async fn reopened(conn: &mut Conn, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE consultations SET resolved_at = NULL WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn assign(
    conn: &mut Conn,
    id: i64,
    staff: Option<i64>,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE consultations SET assignee_id = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(staff)
        .bind(at)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Gives consultation `id` to `staff` if nobody has it.
pub async fn claim(conn: &mut Conn, id: i64, staff: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE consultations SET assignee_id = $2, updated_at = $3 WHERE id = $1 AND assignee_id IS NULL",
    )
    .bind(id)
    .bind(staff)
    .bind(at)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Records the customer's rating; `false` when it was rated already.
pub async fn rate(
    conn: &mut Conn,
    id: i64,
    rating: u8,
    comment: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "UPDATE consultations SET rating = $2, rating_comment = $3, rated_at = $4, \
         resolved_by = COALESCE(resolved_by, assignee_id) WHERE id = $1 AND rating IS NULL",
    )
    .bind(id)
    .bind(i64::from(rating))
    .bind(comment)
    .bind(at)
    .execute(conn)
    .await
    .map(|done| done.rows_affected() == 1)
}

/// The side `reader` has opened the thread.
pub async fn mark_read(conn: &mut Conn, id: i64, reader: Author) -> Result<(), sqlx::Error> {
    let column = match reader {
        Author::Customer => "customer_unread",
        Author::Staff => "staff_unread",
    };
    sqlx::query(&format!(
        "UPDATE consultations SET {column} = 0 WHERE id = $1 AND {column} = 1"
    ))
    .bind(id)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Whether staff member `id` is active staff (a consultation may be given to them).
pub async fn is_staff(conn: &mut Conn, id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE id = $1 AND kind = 'staff' AND active = 1",
    )
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    topic: String,
    subject: String,
    status: String,
    customer_name: String,
    assignee_id: Option<i64>,
    assignee_name: Option<String>,
    created_at: i64,
    updated_at: i64,
    first_response_at: Option<i64>,
    resolved_at: Option<i64>,
    staff_unread: i64,
    customer_unread: i64,
    product_slug: Option<String>,
    product_zh: Option<String>,
    product_en: Option<String>,
    order_number: Option<String>,
    rating: Option<i64>,
    rating_comment: String,
}

const SELECT: &str = "SELECT c.id, c.topic, c.subject, c.status, u.display_name AS customer_name, \
     c.assignee_id, a.display_name AS assignee_name, c.created_at, c.updated_at, \
     c.first_response_at, c.resolved_at, c.staff_unread, c.customer_unread, \
     p.slug AS product_slug, p.name_zh AS product_zh, p.name_en AS product_en, \
     o.number AS order_number, c.rating, c.rating_comment \
     FROM consultations c JOIN users u ON u.id = c.user_id \
     LEFT JOIN users a ON a.id = c.assignee_id LEFT JOIN products p ON p.id = c.product_id \
     LEFT JOIN orders o ON o.id = c.order_id";

impl Row {
    fn sla(&self, levels: &ServiceLevels) -> Sla {
        Sla::for_consultation(
            self.created_at,
            self.first_response_at,
            self.resolved_at,
            levels,
        )
    }

    fn assignee(&self) -> Option<StaffRef> {
        self.assignee_id.map(|id| StaffRef {
            id,
            name: self.assignee_name.clone().unwrap_or_default(),
        })
    }

    fn status(&self) -> ConsultationStatus {
        ConsultationStatus::parse(&self.status).unwrap_or(ConsultationStatus::Open)
    }

    fn topic(&self) -> Topic {
        Topic::parse(&self.topic).unwrap_or(Topic::Other)
    }

    /// As a queue row; `unread` for `reader`.
    fn row(&self, levels: &ServiceLevels, now: i64, reader: Author) -> ConsultationRow {
        ConsultationRow {
            id: self.id,
            topic: self.topic(),
            subject: self.subject.clone(),
            status: self.status(),
            customer_name: self.customer_name.clone(),
            assignee: self.assignee(),
            created_at: self.created_at,
            updated_at: self.updated_at,
            unread: match reader {
                Author::Staff => self.staff_unread == 1,
                Author::Customer => self.customer_unread == 1,
            },
            sla: self.sla(levels).view(now),
        }
    }
}

/// The staff queue's `WHERE`: $1 status ('' any), $2 assignee (-1 any, 0 nobody, else the
/// id), $3 breached (-1 any, 0 within, 1 past), $4 now, $5 and $6 the two levels in
/// milliseconds.
const QUEUE_FILTER: &str = "WHERE ($1 = '' OR c.status = $1) \
     AND ($2 < 0 OR ($2 = 0 AND c.assignee_id IS NULL) OR c.assignee_id = $2) \
     AND ($3 < 0 OR ((CASE WHEN (c.first_response_at IS NULL AND c.created_at + $5 < $4) \
            OR c.first_response_at > c.created_at + $5 \
            OR (c.resolved_at IS NULL AND c.created_at + $6 < $4) \
            OR c.resolved_at > c.created_at + $6 THEN 1 ELSE 0 END) = $3))";

/// A page of the staff queue: open ones first, oldest first; how many match.
pub async fn queue(
    conn: &mut Conn,
    q: &ConsultationQuery,
    me: i64,
    levels: &ServiceLevels,
    now: i64,
    page: PageRequest,
) -> Result<(Vec<ConsultationRow>, i64), sqlx::Error> {
    let status = q.status.map_or("", ConsultationStatus::as_str);
    let assignee = match q.assignee {
        None => -1,
        Some(AssigneeFilter::Unassigned) => 0,
        Some(f) => f.staff_id(me).unwrap_or(0),
    };
    let breached = q.breached.map_or(-1_i64, i64::from);
    let first = i64::from(levels.first_response_minutes) * 60_000;
    let resolution = i64::from(levels.resolution_minutes) * 60_000;
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM consultations c {QUEUE_FILTER}"
    ))
    .bind(status)
    .bind(assignee)
    .bind(breached)
    .bind(now)
    .bind(first)
    .bind(resolution)
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} {QUEUE_FILTER} ORDER BY CASE WHEN c.status IN ('open', 'waiting_on_customer') \
         THEN 0 ELSE 1 END, c.created_at, c.id LIMIT $7 OFFSET $8"
    ))
    .bind(status)
    .bind(assignee)
    .bind(breached)
    .bind(now)
    .bind(first)
    .bind(resolution)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(conn)
    .await?;
    Ok((
        rows.iter()
            .map(|r| r.row(levels, now, Author::Staff))
            .collect(),
        total,
    ))
}

/// Customer `user`'s consultations, newest first.
pub async fn mine(
    conn: &mut Conn,
    user: i64,
    levels: &ServiceLevels,
    now: i64,
) -> Result<Vec<ConsultationRow>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE c.user_id = $1 ORDER BY c.id DESC LIMIT 100"
    ))
    .bind(user)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| r.row(levels, now, Author::Customer))
        .collect())
}

/// Consultation `id` with its thread; the service levels only for staff (`staff`).
pub async fn view(
    conn: &mut Conn,
    id: i64,
    levels: &ServiceLevels,
    now: i64,
    staff: bool,
) -> Result<Option<ConsultationView>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(r) = row else { return Ok(None) };
    let messages: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT m.id, m.author, u.display_name, m.body, m.at FROM consultation_messages m \
         JOIN users u ON u.id = m.author_id WHERE m.consultation_id = $1 ORDER BY m.id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    let product = match (&r.product_slug, &r.product_zh, &r.product_en) {
        (Some(slug), Some(zh), Some(en)) => Some(ProductRef {
            slug: slug.clone(),
            name: Localized::new(zh.clone(), en.clone()),
        }),
        _ => None,
    };
    Ok(Some(ConsultationView {
        id: r.id,
        topic: r.topic(),
        subject: r.subject.clone(),
        status: r.status(),
        product,
        order_number: r.order_number.clone(),
        messages: messages
            .into_iter()
            .map(|(id, author, name, body, at)| {
                let author = Author::parse(&author).unwrap_or(Author::Customer);
                MessageView {
                    id,
                    author,
                    // customers see the staff member's name, staff the customer's
                    author_name: name,
                    body,
                    at,
                }
            })
            .collect(),
        rating: r.rating.and_then(|n| u8::try_from(n).ok()),
        rating_comment: r.rating_comment.clone(),
        created_at: r.created_at,
        sla: staff.then(|| r.sla(levels).view(now)),
        assignee: r.assignee(),
    }))
}

/// Open consultations whose customer wrote since staff last looked, that are staff member
/// `me`'s or nobody's: the back office's badge.
pub async fn unread_for(conn: &mut Conn, me: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM consultations WHERE staff_unread = 1 \
         AND status IN ('open', 'waiting_on_customer') AND (assignee_id IS NULL OR assignee_id = $1)",
    )
    .bind(me)
    .fetch_one(conn)
    .await
}

/// The ratings since `since` (milliseconds), each with the staff member it counts for.
pub async fn ratings_since(conn: &mut Conn, since: i64) -> Result<Vec<Rated>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT s.id, s.display_name, c.rated_at, c.rating FROM consultations c \
         JOIN users s ON s.id = c.resolved_by \
         WHERE c.rating IS NOT NULL AND c.rated_at >= $1 ORDER BY c.rated_at",
    )
    .bind(since)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(staff_id, staff_name, at, rating)| Rated {
            staff_id,
            staff_name,
            at,
            rating: u8::try_from(rating).unwrap_or(0),
        })
        .collect())
}

/// The id of active product `slug`, and of customer `user`'s order `number`.
pub async fn product_id(conn: &mut Conn, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    super::reviews::product_id(conn, slug).await
}

pub async fn order_of(
    conn: &mut Conn,
    user: i64,
    number: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM orders WHERE number = $1 AND user_id = $2")
        .bind(number)
        .bind(user)
        .fetch_optional(conn)
        .await
}
