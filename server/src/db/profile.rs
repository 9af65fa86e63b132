//! The customer portal's repository: a customer's details and notification preferences, the
//! links that confirm a new e-mail address, the portal's outbox messages, the export of
//! everything about a customer, and the anonymisation of a deleted account.

use crate::db::now_millis;
use shared::catalog::Localized;
use shared::checkout::Address;
use shared::customers::profile::{
    deleted_email, ExportedAddress, ExportedConsultation, ExportedMessage, ExportedOrder,
    ExportedOrderLine, ExportedRepair, ExportedReturn, ExportedReturnLine, ExportedReview,
    ExportedWishlistItem, NotificationPrefs, Profile, DELETED_NAME,
};
use shared::money::{Currency, Money};
use sqlx::AnyConnection as Conn;

/// The outbox kind of the message carrying the link to a new address.
pub const EMAIL_CHANGE: &str = "email_change";
/// The outbox kind of security notices (e-mail or password changed, account deleted): they
/// always go, whatever the customer's preferences.
pub const ACCOUNT_NOTICE: &str = "account_notice";

#[derive(sqlx::FromRow)]
struct ProfileRow {
    email: String,
    display_name: String,
    phone: Option<String>,
    notify_order_updates: i64,
    notify_marketing: i64,
    created_at: i64,
}

/// The details of live account `user`, with the new address waiting for its link.
pub async fn profile(conn: &mut Conn, user: i64) -> Result<Option<Profile>, sqlx::Error> {
    let row: Option<ProfileRow> = sqlx::query_as(
        "SELECT email, display_name, phone, notify_order_updates, notify_marketing, created_at \
         FROM users WHERE id = $1 AND active = 1 AND deleted_at IS NULL",
    )
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let pending: Option<String> = sqlx::query_scalar(
        "SELECT new_email FROM email_changes WHERE user_id = $1 AND used_at IS NULL \
         AND expires_at > $2 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(user)
    .bind(now_millis())
    .fetch_optional(conn)
    .await?;
    Ok(Some(Profile {
        email: r.email,
        display_name: r.display_name,
        phone: r.phone,
        pending_email: pending,
        notifications: NotificationPrefs {
            order_updates: r.notify_order_updates == 1,
            marketing: r.notify_marketing == 1,
        },
        created_at: r.created_at,
    }))
}

pub async fn set_details(
    conn: &mut Conn,
    user: i64,
    display_name: &str,
    phone: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET display_name = $1, phone = $2 WHERE id = $3")
        .bind(display_name)
        .bind(phone)
        .bind(user)
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn set_notifications(
    conn: &mut Conn,
    user: i64,
    prefs: NotificationPrefs,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET notify_order_updates = $1, notify_marketing = $2 WHERE id = $3")
        .bind(i64::from(prefs.order_updates))
        .bind(i64::from(prefs.marketing))
        .bind(user)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Whether `recipient` belongs to a customer who turned off this kind of optional message:
/// it is their sign-in address, or the contact they gave on one of their orders. `false`
/// for anyone else (a guest's order).
pub async fn opted_out(
    conn: &mut Conn,
    recipient: &str,
    preference: Preference,
) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "SELECT COUNT(*) FROM users u WHERE u.kind = 'customer' AND u.deleted_at IS NULL AND u.{} = 0 \
         AND (u.email = $1 OR EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id AND o.email = $1))",
        preference.column()
    );
    let n: i64 = sqlx::query_scalar(&sql)
        .bind(recipient)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// An optional kind of message the customer may turn off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preference {
    OrderUpdates,
    Marketing,
}

impl Preference {
    fn column(self) -> &'static str {
        match self {
            Preference::OrderUpdates => "notify_order_updates",
            Preference::Marketing => "notify_marketing",
        }
    }
}

/// The password hash of live account `user` (`None` once it is deactivated or deleted).
pub async fn password_hash(conn: &mut Conn, user: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT password_hash FROM users WHERE id = $1 AND active = 1 AND deleted_at IS NULL",
    )
    .bind(user)
    .fetch_optional(conn)
    .await
}

/// Whether an account other than `user` signs in with `email`.
pub async fn email_taken(conn: &mut Conn, email: &str, user: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1 AND id <> $2")
        .bind(email)
        .bind(user)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// The e-mail address and name of account `user`.
pub async fn contact(conn: &mut Conn, user: i64) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT email, display_name FROM users WHERE id = $1")
        .bind(user)
        .fetch_optional(conn)
        .await
}

/// A new link for `user` to change to `new_email`; earlier unused links of theirs stop
/// working.
pub async fn insert_email_change(
    conn: &mut Conn,
    token_hash: &str,
    user: i64,
    new_email: &str,
    ttl_ms: i64,
) -> Result<(), sqlx::Error> {
    let now = now_millis();
    end_email_changes(conn, user).await?;
    sqlx::query(
        "INSERT INTO email_changes (token_hash, user_id, new_email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user)
    .bind(new_email)
    .bind(now)
    .bind(now + ttl_ms)
    .execute(conn)
    .await
    .map(|_| ())
}

/// Marks every unused e-mail link of `user` as used.
pub async fn end_email_changes(conn: &mut Conn, user: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE email_changes SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now_millis())
        .bind(user)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Uses a live, unused link of a live account — once (a conditional update, so two
/// concurrent uses cannot both succeed): its user and the new address.
pub async fn use_email_change(
    conn: &mut Conn,
    token_hash: &str,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE email_changes SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
         AND user_id IN (SELECT id FROM users WHERE active = 1 AND deleted_at IS NULL) \
         RETURNING user_id, new_email",
    )
    .bind(now_millis())
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

pub async fn set_email(conn: &mut Conn, user: i64, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
        .bind(email)
        .bind(user)
        .execute(conn)
        .await
        .map(|_| ())
}

pub async fn set_password(conn: &mut Conn, user: i64, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Signs `user` out everywhere but the session whose token hashes to `keep`, and ends their
/// unused password-reset links (they were asked for with the old password in mind).
pub async fn end_other_sessions(conn: &mut Conn, user: i64, keep: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user)
        .bind(keep)
        .execute(&mut *conn)
        .await?;
    end_password_resets(conn, user).await
}

/// Ends the unused password-reset links of `user`.
pub async fn end_password_resets(conn: &mut Conn, user: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(now_millis())
        .bind(user)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Queues a message of the portal's own kinds (`EMAIL_CHANGE`, `ACCOUNT_NOTICE`) in the
/// caller's transaction, as `db::messages::enqueue` does for the others.
pub async fn enqueue(
    conn: &mut Conn,
    kind: &str,
    recipient: &str,
    subject: &str,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO messages (kind, recipient, subject, body, status, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5)",
    )
    .bind(kind)
    .bind(recipient)
    .bind(subject)
    .bind(body)
    .bind(now_millis())
    .execute(conn)
    .await
    .map(|_| ())
}

/// Anonymises account `user`, in the caller's transaction: its name, e-mail (a unique
/// address that is none), mobile, password (none matches), second factor and marketing
/// consent go, it is deactivated and marked deleted; its saved addresses, cart, wishlist,
/// sessions and unused links are deleted. `false` when it was deleted already. (Orders
/// still on their way keep telling their contact when they ship.)
///
/// What stays, and why:
/// * Orders, their lines and events, payments, refunds, shipments and returns: the shop's
///   books. 《电子商务法》第三十一条 requires transaction records to be kept for at least
///   three years after the transaction, so an order keeps its contact e-mail and its
///   delivery address snapshot (`orders.address_json`) exactly as invoiced and shipped;
///   the order still names the anonymised account, which leads to no person. Purging them once the retention period is over is
///   a job of its own (not written yet).
/// * Reviews: they stay on the product pages; their author was stored masked ("韩**")
///   when written, so nothing changes there.
/// * Consultations and their messages: customer service's records (and its CSAT report),
///   now linked only to the anonymised account.
pub async fn anonymise(conn: &mut Conn, user: i64) -> Result<bool, sqlx::Error> {
    let now = now_millis();
    let old_email: Option<String> = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(user)
        .fetch_optional(&mut *conn)
        .await?;
    let done = sqlx::query(
        "UPDATE users SET display_name = $1, email = $2, phone = NULL, password_hash = $3, \
         totp_secret = NULL, totp_pending_secret = NULL, active = 0, notify_marketing = 0, \
         deleted_at = $4 \
         WHERE id = $5 AND kind = 'customer' AND deleted_at IS NULL",
    )
    .bind(DELETED_NAME)
    .bind(deleted_email(user))
    .bind(crate::db::staff::NO_PASSWORD)
    .bind(now)
    .bind(user)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    // the mail sent to the person and the sign-in attempts keyed by their address go too
    // (the deletion notice is queued after this)
    if let Some(old) = &old_email {
        sqlx::query("DELETE FROM messages WHERE recipient = $1")
            .bind(old)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM auth_attempts WHERE key LIKE $1")
            .bind(format!("%:{old}"))
            .execute(&mut *conn)
            .await?;
    }
    // questions still open are closed: nobody is there to read an answer
    let open: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM consultations WHERE user_id = $1 AND status IN ('open', 'waiting_on_customer')",
    )
    .bind(user)
    .fetch_all(&mut *conn)
    .await?;
    for id in open {
        let from: String = sqlx::query_scalar("SELECT status FROM consultations WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
        sqlx::query("UPDATE consultations SET status = 'closed', updated_at = $2 WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        crate::db::status::record(
            &mut *conn,
            id,
            shared::service::consultations::ConsultationStatus::parse(&from),
            shared::service::consultations::ConsultationStatus::Closed,
            &format!("customer:{user}"),
            "account deleted",
            now,
        )
        .await?;
    }
    for sql in [
        "DELETE FROM customer_addresses WHERE user_id = $1",
        "DELETE FROM cart_items WHERE user_id = $1",
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM email_changes WHERE user_id = $1",
        "DELETE FROM password_resets WHERE user_id = $1",
        "DELETE FROM wishlist_items WHERE user_id = $1",
    ] {
        sqlx::query(sql).bind(user).execute(&mut *conn).await?;
    }
    Ok(true)
}

fn money(minor: i64, currency: &str) -> Money {
    Money::new(minor, Currency::parse(currency).unwrap_or_default())
}

/// The saved addresses of `user` that can be read, most recently used first.
pub async fn addresses(conn: &mut Conn, user: i64) -> Result<Vec<ExportedAddress>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT address_json, last_used_at FROM customer_addresses WHERE user_id = $1 \
         ORDER BY last_used_at DESC, id DESC",
    )
    .bind(user)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(json, last_used_at)| {
            serde_json::from_str::<Address>(&json)
                .ok()
                .map(|address| ExportedAddress {
                    address,
                    last_used_at,
                })
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: i64,
    number: String,
    status: String,
    email: String,
    payment_method: String,
    shipping_method: String,
    address_json: String,
    currency: String,
    items_total: i64,
    discount_total: i64,
    shipping_total: i64,
    tax_total: i64,
    grand_total: i64,
    coupon_code: Option<String>,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    sku: String,
    name_zh: String,
    name_en: String,
    unit_price: i64,
    quantity: i64,
    line_total: i64,
}

/// The orders of `user` with their lines, newest first.
pub async fn orders(conn: &mut Conn, user: i64) -> Result<Vec<ExportedOrder>, sqlx::Error> {
    let rows: Vec<OrderRow> = sqlx::query_as(
        "SELECT id, number, status, email, payment_method, shipping_method, address_json, \
         currency, items_total, discount_total, shipping_total, tax_total, grand_total, \
         coupon_code, created_at FROM orders WHERE user_id = $1 ORDER BY id DESC",
    )
    .bind(user)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for o in rows {
        let lines: Vec<LineRow> = sqlx::query_as(
            "SELECT sku, name_zh, name_en, unit_price, quantity, line_total FROM order_lines \
             WHERE order_id = $1 ORDER BY id",
        )
        .bind(o.id)
        .fetch_all(&mut *conn)
        .await?;
        let c = o.currency.as_str();
        out.push(ExportedOrder {
            lines: lines
                .into_iter()
                .map(|l| ExportedOrderLine {
                    sku: l.sku,
                    name: Localized::new(l.name_zh, l.name_en),
                    unit_price: money(l.unit_price, c),
                    quantity: l.quantity,
                    line_total: money(l.line_total, c),
                })
                .collect(),
            address: serde_json::from_str(&o.address_json).ok(),
            items_total: money(o.items_total, c),
            discount_total: money(o.discount_total, c),
            shipping_total: money(o.shipping_total, c),
            tax_total: money(o.tax_total, c),
            grand_total: money(o.grand_total, c),
            number: o.number,
            status: o.status,
            email: o.email,
            payment_method: o.payment_method,
            shipping_method: o.shipping_method,
            coupon_code: o.coupon_code,
            placed_at: o.created_at,
        });
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct ReturnRow {
    id: i64,
    number: String,
    status: String,
    reason: String,
    resolution: String,
    comment: String,
    created_at: i64,
}

/// The returns of the orders of `user`, newest first.
pub async fn returns(conn: &mut Conn, user: i64) -> Result<Vec<ExportedReturn>, sqlx::Error> {
    let rows: Vec<ReturnRow> = sqlx::query_as(
        "SELECT r.id, o.number, r.status, r.reason, r.resolution, r.comment, r.created_at \
         FROM returns r JOIN orders o ON o.id = r.order_id WHERE o.user_id = $1 ORDER BY r.id DESC",
    )
    .bind(user)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let lines: Vec<(String, i64)> = sqlx::query_as(
            "SELECT l.sku, rl.quantity FROM return_lines rl \
             JOIN order_lines l ON l.id = rl.order_line_id WHERE rl.return_id = $1 ORDER BY l.id",
        )
        .bind(r.id)
        .fetch_all(&mut *conn)
        .await?;
        out.push(ExportedReturn {
            order_number: r.number,
            status: r.status,
            reason: r.reason,
            resolution: r.resolution,
            comment: r.comment,
            requested_at: r.created_at,
            lines: lines
                .into_iter()
                .map(|(sku, quantity)| ExportedReturnLine { sku, quantity })
                .collect(),
        });
    }
    Ok(out)
}

/// The repairs `user` asked for, newest first.
pub async fn repairs(conn: &mut Conn, user: i64) -> Result<Vec<ExportedRepair>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT o.number, l.sku, r.description, r.status, r.staff_note, r.created_at FROM repairs r \
         JOIN orders o ON o.id = r.order_id JOIN order_lines l ON l.id = r.order_line_id \
         WHERE r.user_id = $1 ORDER BY r.id DESC",
    )
    .bind(user)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(order_number, sku, description, status, staff_note, requested_at)| ExportedRepair {
                order_number,
                sku,
                description,
                status,
                staff_note,
                requested_at,
            },
        )
        .collect())
}

#[derive(sqlx::FromRow)]
struct ReviewRow {
    slug: String,
    number: String,
    rating: i64,
    body: String,
    author: String,
    hidden_reason: Option<String>,
    reply: String,
    created_at: i64,
}

/// The reviews `user` wrote, newest first.
pub async fn reviews(conn: &mut Conn, user: i64) -> Result<Vec<ExportedReview>, sqlx::Error> {
    let rows: Vec<ReviewRow> = sqlx::query_as(
        "SELECT p.slug, o.number, r.rating, r.body, r.author, r.hidden_reason, r.reply, r.created_at \
         FROM reviews r JOIN products p ON p.id = r.product_id JOIN orders o ON o.id = r.order_id \
         WHERE r.user_id = $1 ORDER BY r.id DESC",
    )
    .bind(user)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ExportedReview {
            product_slug: r.slug,
            order_number: r.number,
            rating: r.rating,
            body: r.body,
            author: r.author,
            hidden_reason: r.hidden_reason,
            reply: r.reply,
            written_at: r.created_at,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct ConsultationRow {
    id: i64,
    topic: String,
    subject: String,
    status: String,
    slug: Option<String>,
    number: Option<String>,
    rating: Option<i64>,
    rating_comment: String,
    created_at: i64,
}

/// The consultations of `user` with their threads, newest first.
pub async fn consultations(
    conn: &mut Conn,
    user: i64,
) -> Result<Vec<ExportedConsultation>, sqlx::Error> {
    let rows: Vec<ConsultationRow> = sqlx::query_as(
        "SELECT c.id, c.topic, c.subject, c.status, p.slug, o.number, c.rating, c.rating_comment, \
         c.created_at FROM consultations c LEFT JOIN products p ON p.id = c.product_id \
         LEFT JOIN orders o ON o.id = c.order_id WHERE c.user_id = $1 ORDER BY c.id DESC",
    )
    .bind(user)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let messages: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT author, body, at FROM consultation_messages WHERE consultation_id = $1 ORDER BY id",
        )
        .bind(c.id)
        .fetch_all(&mut *conn)
        .await?;
        out.push(ExportedConsultation {
            id: c.id,
            topic: c.topic,
            subject: c.subject,
            status: c.status,
            product_slug: c.slug,
            order_number: c.number,
            rating: c.rating,
            rating_comment: c.rating_comment,
            created_at: c.created_at,
            messages: messages
                .into_iter()
                .map(|(author, body, at)| ExportedMessage { author, body, at })
                .collect(),
        });
    }
    Ok(out)
}

/// The products `user` keeps in their wishlist, newest first.
pub async fn wishlist(
    conn: &mut Conn,
    user: i64,
) -> Result<Vec<ExportedWishlistItem>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT p.slug, w.added_at FROM wishlist_items w JOIN products p ON p.id = w.product_id \
         WHERE w.user_id = $1 ORDER BY w.added_at DESC",
    )
    .bind(user)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(product_slug, added_at)| ExportedWishlistItem {
            product_slug,
            added_at,
        })
        .collect())
}
