//! The reviews repository: what a customer may review, a product's shown reviews and their
//! summary, and staff's moderation list.

use shared::catalog::Localized;
use shared::list::PageRequest;
use shared::reviews::{RatingSummary, ReviewQuery, ReviewTask, ReviewView, StaffReview};
use sqlx::AnyConnection as Conn;

/// An order line as a review of it needs it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReviewedLine {
    pub order_line_id: i64,
    pub product_id: i64,
}

/// Line `position` (0-based) of order `order`, with its product (none: no such line, or
/// its product is gone).
pub async fn line(
    conn: &mut Conn,
    order: i64,
    position: u32,
) -> Result<Option<ReviewedLine>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.id AS order_line_id, v.product_id FROM order_lines l \
         JOIN product_variants v ON v.id = l.variant_id \
         WHERE l.order_id = $1 ORDER BY l.id LIMIT 1 OFFSET $2",
    )
    .bind(order)
    .bind(i64::from(position))
    .fetch_optional(conn)
    .await
}

/// Whether customer `user` reviewed product `product`.
pub async fn written(conn: &mut Conn, user: i64, product: i64) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM reviews WHERE user_id = $1 AND product_id = $2")
            .bind(user)
            .bind(product)
            .fetch_one(conn)
            .await?;
    Ok(n > 0)
}

/// A review as it is written.
pub struct Written<'a> {
    pub user: i64,
    pub order: i64,
    pub line: &'a ReviewedLine,
    pub rating: u8,
    pub body: &'a str,
    /// The name shown with it (masked).
    pub author: &'a str,
    pub at: i64,
}

/// A new review, shown at once; its id. `None` when this customer reviewed the product
/// already (a race of two tabs ends here, on the unique key).
pub async fn insert(conn: &mut Conn, r: &Written<'_>) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO reviews (product_id, user_id, order_id, order_line_id, rating, body, author, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         ON CONFLICT (user_id, product_id) DO NOTHING RETURNING id",
    )
    .bind(r.line.product_id)
    .bind(r.user)
    .bind(r.order)
    .bind(r.line.order_line_id)
    .bind(i64::from(r.rating))
    .bind(r.body)
    .bind(r.author)
    .bind(r.at)
    .fetch_optional(conn)
    .await
}

/// Shows picture `key` with review `review` at `position`; `false` when it was not
/// uploaded for order `order`.
pub async fn attach_photo(
    conn: &mut Conn,
    order: i64,
    review: i64,
    position: i64,
    key: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO review_photos (review_id, position, key, width) \
         SELECT $1, $2, key, width FROM order_photos WHERE order_id = $3 AND key = $4",
    )
    .bind(review)
    .bind(position)
    .bind(order)
    .bind(key)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The id of the active product with slug `slug`.
pub async fn product_id(conn: &mut Conn, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM products WHERE slug = $1 AND status = 'active'")
        .bind(slug)
        .fetch_optional(conn)
        .await
}

/// The stars of product `product`'s shown reviews.
pub async fn summary(conn: &mut Conn, product: i64) -> Result<RatingSummary, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT rating, COUNT(*) FROM reviews WHERE product_id = $1 AND hidden_reason IS NULL \
         GROUP BY rating",
    )
    .bind(product)
    .fetch_all(conn)
    .await?;
    let mut counts = [0_u32; 5];
    for (rating, n) in rows {
        if let Some(slot) = usize::try_from(rating - 1)
            .ok()
            .and_then(|i| counts.get_mut(i))
        {
            *slot = u32::try_from(n).unwrap_or(u32::MAX);
        }
    }
    Ok(RatingSummary::from_counts(counts))
}

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: i64,
    rating: i64,
    body: String,
    author: String,
    reply: String,
    replied_at: Option<i64>,
    created_at: i64,
    color_zh: Option<String>,
    color_en: Option<String>,
    size: Option<String>,
    hidden_reason: Option<String>,
    product_slug: String,
    name_zh: String,
    name_en: String,
    order_number: String,
    email: String,
}

const REVIEW_SELECT: &str = "SELECT r.id, r.rating, r.body, r.author, r.reply, r.replied_at, \
     r.created_at, v.color_zh, v.color_en, v.size, r.hidden_reason, p.slug AS product_slug, \
     p.name_zh, p.name_en, o.number AS order_number, u.email \
     FROM reviews r JOIN order_lines l ON l.id = r.order_line_id \
     JOIN product_variants v ON v.id = l.variant_id JOIN products p ON p.id = r.product_id \
     JOIN orders o ON o.id = r.order_id JOIN users u ON u.id = r.user_id";

/// "黑色 / M" in both languages (empty for a variant without options).
fn variant_label(color: Option<(String, String)>, size: Option<String>) -> Localized {
    let join = |color: Option<String>| {
        color
            .into_iter()
            .chain(size.clone())
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let (zh, en) = color.unzip();
    Localized::new(join(zh), join(en))
}

async fn views(
    conn: &mut Conn,
    rows: Vec<ReviewRow>,
) -> Result<Vec<(ReviewView, ReviewRow)>, sqlx::Error> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let photos: Vec<(String, i64)> = sqlx::query_as(
            "SELECT key, width FROM review_photos WHERE review_id = $1 ORDER BY position",
        )
        .bind(r.id)
        .fetch_all(&mut *conn)
        .await?;
        let view = ReviewView {
            id: r.id,
            rating: u8::try_from(r.rating).unwrap_or(5),
            body: r.body.clone(),
            author: r.author.clone(),
            variant: variant_label(r.color_zh.clone().zip(r.color_en.clone()), r.size.clone()),
            photos: photos
                .into_iter()
                .map(|(key, width)| crate::media::url(&key, width))
                .collect(),
            reply: Some(r.reply.clone()).filter(|t| !t.is_empty()),
            replied_at: r.replied_at,
            at: r.created_at,
        };
        out.push((view, r));
    }
    Ok(out)
}

/// A page of product `product`'s shown reviews, newest first, and how many there are.
pub async fn page(
    conn: &mut Conn,
    product: i64,
    page: PageRequest,
) -> Result<(Vec<ReviewView>, i64), sqlx::Error> {
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM reviews WHERE product_id = $1 AND hidden_reason IS NULL",
    )
    .bind(product)
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<ReviewRow> = sqlx::query_as(&format!(
        "{REVIEW_SELECT} WHERE r.product_id = $1 AND r.hidden_reason IS NULL \
         ORDER BY r.id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(product)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(&mut *conn)
    .await?;
    let views = views(conn, rows).await?;
    Ok((views.into_iter().map(|(v, _)| v).collect(), total))
}

#[derive(sqlx::FromRow)]
struct TaskRow {
    order_id: i64,
    number: String,
    order_line_id: i64,
    product_id: i64,
    slug: String,
    name_zh: String,
    name_en: String,
    color_zh: Option<String>,
    color_en: Option<String>,
    size: Option<String>,
    image: Option<String>,
    delivered_at: i64,
}

/// What customer `user` received and may review (or has): per product, the line of its
/// latest delivered order, newest first, with the review when written.
pub async fn tasks(conn: &mut Conn, user: i64) -> Result<Vec<ReviewTask>, sqlx::Error> {
    let rows: Vec<TaskRow> = sqlx::query_as(
        "SELECT o.id AS order_id, o.number, l.id AS order_line_id, v.product_id, p.slug, \
         p.name_zh, p.name_en, v.color_zh, v.color_en, v.size, \
         (SELECT url FROM product_images i WHERE i.product_id = p.id ORDER BY position LIMIT 1) AS image, \
         o.delivered_at \
         FROM orders o JOIN order_lines l ON l.order_id = o.id \
         JOIN product_variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id \
         WHERE o.user_id = $1 AND o.status IN ('delivered', 'completed') AND o.delivered_at IS NOT NULL \
         ORDER BY o.delivered_at DESC, l.id",
    )
    .bind(user)
    .fetch_all(&mut *conn)
    .await?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for r in rows {
        if !seen.insert(r.product_id) {
            continue;
        }
        let position: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM order_lines WHERE order_id = $1 AND id < $2")
                .bind(r.order_id)
                .bind(r.order_line_id)
                .fetch_one(&mut *conn)
                .await?;
        let written: Vec<ReviewRow> = sqlx::query_as(&format!(
            "{REVIEW_SELECT} WHERE r.user_id = $1 AND r.product_id = $2"
        ))
        .bind(user)
        .bind(r.product_id)
        .fetch_all(&mut *conn)
        .await?;
        let written = views(conn, written).await?.into_iter().next();
        out.push(ReviewTask {
            order: r.number,
            line: u32::try_from(position).unwrap_or(0),
            product_slug: r.slug,
            name: Localized::new(r.name_zh, r.name_en),
            variant: variant_label(r.color_zh.zip(r.color_en), r.size),
            image: r.image,
            delivered_at: r.delivered_at,
            hidden_reason: written
                .as_ref()
                .and_then(|(_, row)| row.hidden_reason.clone()),
            review: written.map(|(v, _)| v),
        });
    }
    Ok(out)
}

fn staff_view((review, r): (ReviewView, ReviewRow)) -> StaffReview {
    StaffReview {
        review,
        product_slug: r.product_slug,
        product_name: Localized::new(r.name_zh, r.name_en),
        order: r.order_number,
        customer_email: r.email,
        hidden_reason: r.hidden_reason,
    }
}

/// Reviews as staff moderate them, newest first, filtered by `q`.
pub async fn staff_list(
    conn: &mut Conn,
    q: &ReviewQuery,
    page: PageRequest,
) -> Result<(Vec<StaffReview>, i64), sqlx::Error> {
    // $1: hidden (-1 any, 0 shown, 1 hidden); $2: stars (0 any); $3: unanswered only
    let filter = "WHERE ($1 < 0 OR (r.hidden_reason IS NOT NULL) = ($1 = 1)) \
                  AND ($2 = 0 OR r.rating = $2) AND ($3 = 0 OR r.reply = '')";
    let hidden = q.hidden.map_or(-1_i64, i64::from);
    let rating = i64::from(q.rating.unwrap_or(0));
    let unanswered = i64::from(q.unanswered.unwrap_or(false));
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM reviews r {filter}"))
        .bind(hidden)
        .bind(rating)
        .bind(unanswered)
        .fetch_one(&mut *conn)
        .await?;
    let rows: Vec<ReviewRow> = sqlx::query_as(&format!(
        "{REVIEW_SELECT} {filter} ORDER BY r.id DESC LIMIT $4 OFFSET $5"
    ))
    .bind(hidden)
    .bind(rating)
    .bind(unanswered)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(&mut *conn)
    .await?;
    let views = views(conn, rows).await?;
    Ok((views.into_iter().map(staff_view).collect(), total))
}

/// Review `id` as staff see it.
pub async fn staff_one(conn: &mut Conn, id: i64) -> Result<Option<StaffReview>, sqlx::Error> {
    let rows: Vec<ReviewRow> = sqlx::query_as(&format!("{REVIEW_SELECT} WHERE r.id = $1"))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(views(conn, rows).await?.into_iter().next().map(staff_view))
}

/// Hides review `id` with `reason`, or shows it again (`None`); `false` when there is none.
pub async fn set_hidden(
    conn: &mut Conn,
    id: i64,
    reason: Option<&str>,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE reviews SET hidden_reason = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(reason)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The shop's public answer to review `id` (empty: none); `false` when there is none.
pub async fn set_reply(
    conn: &mut Conn,
    id: i64,
    reply: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE reviews SET reply = $2, replied_at = CASE WHEN $2 = '' THEN NULL ELSE $3 END, \
         updated_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(reply)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
