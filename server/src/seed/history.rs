//! A believable order history on top of the demo shop, for dashboards, reports, tests and
//! benchmarks: `storekeep seed --orders 100000 --customers 20000 [--months 12] [--seed 7]`.
//!
//! What it writes, over the `months` months that end at `now_ms`:
//!
//! * `customers` accounts (`kind = 'customer'`, `c000123@history.storekeep.test`, a common
//!   Chinese name, `password_hash = '!'` so nobody can sign in with them), ids in the order
//!   they were created; most registered shortly before their first order, some never ordered;
//! * `orders` with a weekly rhythm (weekends, Monday evenings), a yearly one (the run-up to
//!   and the peak of 双十一 on 11-11, 12-12 and 618, a dip around the Spring Festival, a quieter
//!   National Day week), busier evenings, and growth over the period; about 15 % by guests
//!   (`user_id` NULL, `guest000123@history.storekeep.test`) and about 70 % second-or-later
//!   orders of a customer (fewer customers than `orders × 15 %` push that share up);
//! * baskets of 1–5 lines of the active catalogue with a few bestsellers, totals as the shop
//!   computes them (10 % `WELCOME10` on about a tenth of the orders, capped at ¥50; delivery
//!   free from ¥99 after the discount, ¥10 below; no tax), statuses by age (old orders are
//!   completed, cancelled or refunded; the last days paid, processing, shipped, delivered and a
//!   few still pending payment, with a `pay_by` still ahead of `now_ms`);
//! * one `order_lines` row per basket line, a `placed` event per order and one more to the
//!   final status when it differs (straight there: the steps between are not recorded);
//! * order numbers `SK` + business day (UTC+8) + sequence, claimed from `order_counters`
//!   with one atomic upsert per day and transaction, so orders placed later go on from there.
//!
//! Not written: stock levels and reservations (history holds no stock), payments, coupon
//! redemptions, messages, `access_token_hash` (NULL: these orders are looked at through the
//! back office or the customer's account, never with a guest's link).
//!
//! Speed: everything is generated in memory, then written with multi-row `INSERT … VALUES`
//! statements (500 rows each) in one transaction per [`ORDERS_PER_TRANSACTION`] orders, with
//! ids assigned here from `MAX(id)` read inside the transaction. SQLite's `BEGIN IMMEDIATE`
//! keeps other writers out meanwhile; on PostgreSQL the tables are locked `IN EXCLUSIVE MODE`
//! (reads go on) and the identity sequences are moved past the new ids before committing.
//!
//! Idempotent: the first transaction claims the `app_settings` row [`MARKER_KEY`] with the value
//! `incomplete:<orders>` and the last one sets it to the number of orders. A later call finds the
//! number and adds nothing (the report says `skipped`); a run that was interrupted leaves
//! `incomplete:…` and later calls refuse (seed a fresh database).
//!
//! Deterministic: the same options (`seed`, `now_ms`, counts) on the same catalogue give the same
//! rows; ids and order-number sequences start wherever the database leaves off.

use super::rows::{advance_sequence, insert_rows, max_id, Mix, Val};
use crate::db::{Backend, Db};
use anyhow::{bail, Context};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use shared::checkout::{Address, PaymentMethod};
use shared::orders::{OrderNumber, OrderStatus};
use shared::time::{civil_date, SHOP_UTC_OFFSET_HOURS};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The `app_settings` key that records a finished (or started) history seed.
pub const MARKER_KEY: &str = "history_seed_orders";
/// The domain of every generated e-mail address (reserved: `.test` never resolves).
pub const EMAIL_DOMAIN: &str = "history.storekeep.test";
/// Orders written per write transaction.
pub const ORDERS_PER_TRANSACTION: usize = 10_000;

const MINUTE_MS: i64 = 60_000;
const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 86_400_000;
const SHOP_OFFSET_MS: i64 = SHOP_UTC_OFFSET_HOURS * HOUR_MS;

const GUEST_SHARE: f64 = 0.15;
const RETURNING_SHARE: f64 = 0.70;
const COUPON_SHARE: f64 = 0.10;
const EXPRESS_SHARE: f64 = 0.18;
const COUPON_CODE: &str = "WELCOME10";
const COUPON_MAX_OFF: i64 = 5_000;
const FREE_SHIPPING_FROM: i64 = 9_900;
const SHIPPING_FEE: i64 = 1_000;
/// The default payment windows (`card_payment_minutes`, `bank_transfer_hours`).
const CARD_WINDOW_MS: i64 = 30 * MINUTE_MS;
const BANK_WINDOW_MS: i64 = 72 * HOUR_MS;
/// Products with an extra pull.
const BESTSELLERS: usize = 6;

const GUEST: u32 = u32::MAX;
const SALT_CUSTOMER: u64 = 0x00C0_57E5;
const SALT_GUEST: u64 = 0x0006_E575;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryOptions {
    pub orders: u64,
    pub customers: u64,
    /// How far back the history reaches (1 to 120).
    pub months: u32,
    /// The random seed: the same seed gives the same history.
    pub seed: u64,
    /// Where the history ends (milliseconds since the epoch, usually now).
    pub now_ms: i64,
}

impl HistoryOptions {
    /// `orders` and `customers` over the last 12 months up to now, seed 7.
    pub fn new(orders: u64, customers: u64) -> HistoryOptions {
        HistoryOptions {
            orders,
            customers,
            months: 12,
            seed: 7,
            now_ms: crate::db::now_millis(),
        }
    }
}

/// What [`seed_history`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryReport {
    /// The history was there already (`orders` is then the number it recorded); nothing added.
    pub skipped: bool,
    pub customers: u64,
    /// Customers with at least one order.
    pub customers_with_orders: u64,
    pub orders: u64,
    pub guest_orders: u64,
    /// Orders that were a customer's second or later.
    pub returning_orders: u64,
    pub lines: u64,
    pub events: u64,
    pub first_order_at: Option<i64>,
    pub last_order_at: Option<i64>,
    pub elapsed: Duration,
}

/// Generates and writes the history (see the module documentation).
pub async fn seed_history(db: &Db, opts: HistoryOptions) -> anyhow::Result<HistoryReport> {
    let started = Instant::now();
    if !(1..=120).contains(&opts.months) {
        bail!("the history spans 1 to 120 months, not {}", opts.months);
    }
    let orders = usize::try_from(opts.orders).context("too many orders")?;
    let customers = usize::try_from(opts.customers).context("too many customers")?;
    if opts.customers >= u64::from(GUEST) {
        bail!("too many customers");
    }

    let marker: Option<String> =
        sqlx::query_scalar("SELECT value FROM app_settings WHERE key = $1")
            .bind(MARKER_KEY)
            .fetch_optional(&db.pool)
            .await?;
    if let Some(value) = marker {
        if let Ok(done) = value.parse::<u64>() {
            return Ok(HistoryReport {
                skipped: true,
                orders: done,
                elapsed: started.elapsed(),
                ..HistoryReport::default()
            });
        }
        bail!(
            "an earlier order-history seed did not finish (app_settings {MARKER_KEY} = {value:?}); \
             seed a fresh database instead"
        );
    }

    let mut catalogue = Catalogue::load(db).await?;
    if orders > 0 && catalogue.products.is_empty() {
        bail!("there is no active product priced in CNY to order: seed the demo shop first");
    }
    let mut rng = StdRng::seed_from_u64(opts.seed);
    catalogue.rank(&mut rng);
    let calendar = Calendar::new(opts.now_ms, opts.months);
    let plan = plan_orders(&mut rng, &calendar, orders, customers);

    // user ids follow the accounts' creation times
    let mut slot_of_rank: Vec<usize> = (0..customers).collect();
    slot_of_rank.sort_by_key(|&slot| (plan.created_at[slot], slot));
    let mut rank_of_slot = vec![0_u32; customers];
    for (rank, &slot) in slot_of_rank.iter().enumerate() {
        rank_of_slot[slot] = u32::try_from(rank).context("too many customers")?;
    }

    // 1. the marker and the customers
    let mut tx = db.begin_write().await?;
    let claimed = sqlx::query(
        "INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
    )
    .bind(MARKER_KEY)
    .bind(format!("incomplete:{}", opts.orders))
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() != 1 {
        bail!("another order-history seed got there first (app_settings {MARKER_KEY})");
    }
    if db.backend == Backend::Postgres {
        sqlx::query("LOCK TABLE users IN EXCLUSIVE MODE")
            .execute(&mut *tx)
            .await?;
    }
    let user_base = max_id(&mut tx, "users").await?;
    if customers > 0 {
        let mut emails = Vec::with_capacity(customers);
        let mut names = Vec::with_capacity(customers);
        for (rank, &slot) in slot_of_rank.iter().enumerate() {
            emails.push(customer_email(rank_of_slot[slot]));
            names.push(person(opts.seed, SALT_CUSTOMER, slot as u64)?.name);
            debug_assert_eq!(rank_of_slot[slot] as usize, rank);
        }
        let mut vals = Vec::with_capacity(customers * USER_COLS);
        for (rank, &slot) in slot_of_rank.iter().enumerate() {
            vals.extend([
                Val::Int(user_base + 1 + rank as i64),
                Val::Text(emails[rank].as_str()),
                Val::Text("!"),
                Val::Text(names[rank].as_str()),
                Val::Text("customer"),
                Val::Int(plan.created_at[slot]),
            ]);
        }
        insert_rows(&mut tx, USERS_HEAD, USER_COLS, &vals).await?;
        if db.backend == Backend::Postgres {
            advance_sequence(&mut tx, "users").await?;
        }
    }
    tx.commit().await?;

    // 2. the orders, a transaction at a time
    let ctx = OrderContext {
        seed: opts.seed,
        now_ms: opts.now_ms,
        catalogue: &catalogue,
        user_base,
        rank_of_slot: &rank_of_slot,
    };
    let finished = opts.orders.to_string();
    let mut report = HistoryReport {
        customers: opts.customers,
        customers_with_orders: plan.with_orders as u64,
        orders: opts.orders,
        guest_orders: plan.guest_orders as u64,
        returning_orders: plan.returning_orders as u64,
        first_order_at: plan.orders.first().map(|o| o.at),
        last_order_at: plan.orders.last().map(|o| o.at),
        ..HistoryReport::default()
    };
    let chunks = plan.orders.len().div_ceil(ORDERS_PER_TRANSACTION);
    let mut guest_no = 0_u64;
    for (i, chunk) in plan.orders.chunks(ORDERS_PER_TRANSACTION).enumerate() {
        let mut batch = Vec::with_capacity(chunk.len());
        for planned in chunk {
            batch.push(make_order(&mut rng, &ctx, planned, &mut guest_no)?);
        }
        let last = i + 1 == chunks;
        let (lines, events) =
            write_orders(db, &batch, &catalogue, last.then_some(finished.as_str())).await?;
        report.lines += lines;
        report.events += events;
    }
    if chunks == 0 {
        sqlx::query("UPDATE app_settings SET value = $1 WHERE key = $2")
            .bind(finished.as_str())
            .bind(MARKER_KEY)
            .execute(&db.pool)
            .await?;
    }
    // a bulk load outruns autovacuum: without fresh statistics the planner would scan by
    // status instead of by date
    db.refresh_statistics().await?;
    report.elapsed = started.elapsed();
    tracing::info!(
        orders = report.orders,
        customers = report.customers,
        lines = report.lines,
        elapsed_ms = report.elapsed.as_millis() as u64,
        "order history seeded"
    );
    Ok(report)
}

// ---------------------------------------------------------------------------------------
// Writing

const USERS_HEAD: &str =
    "INSERT INTO users (id, email, password_hash, display_name, kind, created_at)";
const USER_COLS: usize = 6;
const ORDERS_HEAD: &str =
    "INSERT INTO orders (id, number, user_id, email, status, payment_method, \
     currency, items_total, discount_total, shipping_total, tax_total, grand_total, coupon_code, \
     shipping_method, address_json, pay_by, created_at, updated_at)";
const ORDER_COLS: usize = 18;
const LINES_HEAD: &str =
    "INSERT INTO order_lines (id, order_id, variant_id, sku, name_zh, name_en, \
     unit_price, quantity, line_total)";
const LINE_COLS: usize = 9;
const EVENTS_HEAD: &str =
    "INSERT INTO order_events (id, order_id, from_status, to_status, actor, note, at)";
const EVENT_COLS: usize = 7;

/// Writes one batch of orders with their lines and events in one transaction; on the last
/// batch `finish` is the marker's final value. Returns the numbers of lines and events.
async fn write_orders(
    db: &Db,
    batch: &[GenOrder],
    catalogue: &Catalogue,
    finish: Option<&str>,
) -> anyhow::Result<(u64, u64)> {
    let mut tx = db.begin_write().await?;
    let postgres = db.backend == Backend::Postgres;
    if postgres {
        sqlx::query("LOCK TABLE orders, order_lines, order_events IN EXCLUSIVE MODE")
            .execute(&mut *tx)
            .await?;
    }
    let order_base = max_id(&mut tx, "orders").await?;
    let line_base = max_id(&mut tx, "order_lines").await?;
    let event_base = max_id(&mut tx, "order_events").await?;

    // claim each day's block of sequence numbers at once
    let mut per_day: BTreeMap<i64, i64> = BTreeMap::new();
    for o in batch {
        *per_day.entry(o.day).or_default() += 1;
    }
    let mut next_seq: BTreeMap<i64, i64> = BTreeMap::new();
    for (&day, &count) in &per_day {
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO order_counters (day, last) VALUES ($1, $2) \
             ON CONFLICT (day) DO UPDATE SET last = order_counters.last + excluded.last \
             RETURNING last",
        )
        .bind(day_key(day))
        .bind(count)
        .fetch_one(&mut *tx)
        .await?;
        next_seq.insert(day, last - count + 1);
    }
    let mut numbers = Vec::with_capacity(batch.len());
    for o in batch {
        let seq = next_seq.entry(o.day).or_insert(1);
        let (y, m, d) = date_of(o.day);
        numbers.push(OrderNumber::new(
            i32::try_from(y).unwrap_or(2026),
            m,
            d,
            u32::try_from(*seq).unwrap_or(u32::MAX),
        ));
        *seq += 1;
    }

    let mut vals = Vec::with_capacity(batch.len() * ORDER_COLS);
    for (i, o) in batch.iter().enumerate() {
        vals.extend([
            Val::Int(order_base + 1 + i as i64),
            Val::Text(numbers[i].as_str()),
            o.user_id.map_or(Val::NullInt, Val::Int),
            Val::Text(o.email.as_str()),
            Val::Text(o.status.as_str()),
            Val::Text(o.method.as_str()),
            Val::Text("CNY"),
            Val::Int(o.totals.items),
            Val::Int(o.totals.discount),
            Val::Int(o.totals.shipping),
            Val::Int(0),
            Val::Int(o.totals.grand),
            if o.coupon {
                Val::Text(COUPON_CODE)
            } else {
                Val::NullText
            },
            Val::Text(if o.express { "express" } else { "standard" }),
            Val::Text(o.address_json.as_str()),
            o.pay_by.map_or(Val::NullInt, Val::Int),
            Val::Int(o.at),
            Val::Int(o.updated_at),
        ]);
    }
    insert_rows(&mut tx, ORDERS_HEAD, ORDER_COLS, &vals).await?;

    let mut line_id = line_base;
    let mut vals = Vec::with_capacity(batch.len() * 2 * LINE_COLS);
    for (i, o) in batch.iter().enumerate() {
        let order_id = order_base + 1 + i as i64;
        for &(v, quantity) in &o.lines {
            let variant = &catalogue.variants[v];
            line_id += 1;
            vals.extend([
                Val::Int(line_id),
                Val::Int(order_id),
                Val::Int(variant.id),
                Val::Text(variant.sku.as_str()),
                Val::Text(variant.name_zh.as_str()),
                Val::Text(variant.name_en.as_str()),
                Val::Int(variant.price),
                Val::Int(quantity),
                Val::Int(variant.price * quantity),
            ]);
        }
    }
    insert_rows(&mut tx, LINES_HEAD, LINE_COLS, &vals).await?;

    let mut event_id = event_base;
    let mut vals = Vec::with_capacity(batch.len() * 2 * EVENT_COLS);
    let placed = shared::orders::note::Note::Placed.stored();
    for (i, o) in batch.iter().enumerate() {
        let order_id = order_base + 1 + i as i64;
        event_id += 1;
        vals.extend([
            Val::Int(event_id),
            Val::Int(order_id),
            Val::NullText,
            Val::Text(o.initial.as_str()),
            Val::Text(o.actor.as_str()),
            Val::Text(placed.as_str()),
            Val::Int(o.at),
        ]);
        if o.status != o.initial {
            event_id += 1;
            vals.extend([
                Val::Int(event_id),
                Val::Int(order_id),
                Val::Text(o.initial.as_str()),
                Val::Text(o.status.as_str()),
                Val::Text("system"),
                Val::Text(""),
                Val::Int(o.updated_at),
            ]);
        }
    }
    insert_rows(&mut tx, EVENTS_HEAD, EVENT_COLS, &vals).await?;

    if postgres {
        for table in ["orders", "order_lines", "order_events"] {
            advance_sequence(&mut tx, table).await?;
        }
    }
    if let Some(value) = finish {
        sqlx::query("UPDATE app_settings SET value = $1 WHERE key = $2")
            .bind(value)
            .bind(MARKER_KEY)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok((
        u64::try_from(line_id - line_base).unwrap_or(0),
        u64::try_from(event_id - event_base).unwrap_or(0),
    ))
}

// ---------------------------------------------------------------------------------------
// The catalogue

struct Variant {
    id: i64,
    sku: String,
    price: i64,
    name_zh: String,
    name_en: String,
}

/// The active CNY variants, grouped by product, with each product's popularity.
struct Catalogue {
    variants: Vec<Variant>,
    /// per product: indices into `variants`
    products: Vec<Vec<usize>>,
    /// running sum of the products' popularity
    cumulative: Vec<f64>,
}

type VariantRow = (i64, String, i64, i64, String, String);

impl Catalogue {
    async fn load(db: &Db) -> anyhow::Result<Catalogue> {
        let rows: Vec<VariantRow> = sqlx::query_as(
            "SELECT v.id, v.sku, v.price, v.product_id, p.name_zh, p.name_en \
             FROM product_variants v JOIN products p ON p.id = v.product_id \
             WHERE p.status = 'active' AND p.currency = 'CNY' ORDER BY v.product_id, v.id",
        )
        .fetch_all(&db.pool)
        .await?;
        Ok(Catalogue::from_rows(rows))
    }

    fn from_rows(rows: Vec<VariantRow>) -> Catalogue {
        let mut variants = Vec::with_capacity(rows.len());
        let mut products: Vec<Vec<usize>> = Vec::new();
        let mut current = None;
        for (id, sku, price, product_id, name_zh, name_en) in rows {
            if current != Some(product_id) {
                products.push(Vec::new());
                current = Some(product_id);
            }
            if let Some(p) = products.last_mut() {
                p.push(variants.len());
            }
            variants.push(Variant {
                id,
                sku,
                price,
                name_zh,
                name_en,
            });
        }
        // equally popular until `rank`
        let cumulative = (1..=products.len()).map(|i| i as f64).collect();
        Catalogue {
            variants,
            products,
            cumulative,
        }
    }

    /// Popularity: a random order of the products, a long tail, and a few bestsellers.
    fn rank(&mut self, rng: &mut StdRng) {
        let mut order: Vec<usize> = (0..self.products.len()).collect();
        order.shuffle(rng);
        let mut weight = vec![0.0_f64; self.products.len()];
        for (rank, &p) in order.iter().enumerate() {
            let boost = if rank < BESTSELLERS { 3.0 } else { 1.0 };
            weight[p] = boost / ((rank + 1) as f64).powf(0.7);
        }
        let mut sum = 0.0;
        self.cumulative = weight
            .iter()
            .map(|w| {
                sum += *w;
                sum
            })
            .collect();
    }

    fn pick_product(&self, rng: &mut StdRng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.gen::<f64>() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.products.len().saturating_sub(1))
    }

    /// 1 to 5 different variants (mostly 1 or 2), quantities mostly 1.
    fn basket(&self, rng: &mut StdRng) -> Vec<(usize, i64)> {
        let r: f64 = rng.gen();
        let wanted = if r < 0.46 {
            1
        } else if r < 0.73 {
            2
        } else if r < 0.88 {
            3
        } else if r < 0.95 {
            4
        } else {
            5
        };
        let mut lines: Vec<(usize, i64)> = Vec::with_capacity(wanted);
        for _ in 0..wanted {
            for _attempt in 0..4 {
                let variants = &self.products[self.pick_product(rng)];
                let v = variants[rng.gen_range(0..variants.len())];
                if lines.iter().all(|&(seen, _)| seen != v) {
                    let q: f64 = rng.gen();
                    let quantity = if q < 0.84 {
                        1
                    } else if q < 0.96 {
                        2
                    } else {
                        3
                    };
                    lines.push((v, quantity));
                    break;
                }
            }
        }
        lines
    }
}

// ---------------------------------------------------------------------------------------
// The calendar: business days (UTC+8) and how busy they are

/// Days since 1970-01-01 of a civil date (the days-from-civil algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The business day (days since 1970-01-01 in UTC+8) of a timestamp.
fn business_day(ms: i64) -> i64 {
    (ms + SHOP_OFFSET_MS).div_euclid(DAY_MS)
}

/// The first millisecond of a business day.
fn day_start(day: i64) -> i64 {
    day * DAY_MS - SHOP_OFFSET_MS
}

fn date_of(day: i64) -> (i64, u32, u32) {
    civil_date(day * DAY_MS, 0)
}

/// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
fn weekday(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

/// `YYMMDD`, the key of `order_counters` (as `place_order` writes it).
fn day_key(day: i64) -> String {
    let (y, m, d) = date_of(day);
    format!("{:02}{m:02}{d:02}", y.rem_euclid(100))
}

/// The first day of the lunar new year (春节).
fn spring_festival(year: i64) -> (u32, u32) {
    match year {
        2018 => (2, 16),
        2019 => (2, 5),
        2020 => (1, 25),
        2021 => (2, 12),
        2022 => (2, 1),
        2023 => (1, 22),
        2024 => (2, 10),
        2025 => (1, 29),
        2026 => (2, 17),
        2027 => (2, 6),
        2028 => (1, 26),
        2029 => (2, 13),
        2030 => (2, 3),
        2031 => (1, 23),
        2032 => (2, 11),
        2033 => (1, 31),
        2034 => (2, 19),
        2035 => (2, 8),
        2036 => (1, 28),
        2037 => (2, 15),
        2038 => (2, 4),
        2039 => (1, 24),
        2040 => (2, 12),
        _ => (2, 5),
    }
}

/// Monday … Sunday.
const WEEKDAY: [f64; 7] = [1.0, 0.88, 0.92, 0.95, 1.02, 1.28, 1.33];

/// Orders per hour of an ordinary day, 00:00 … 23:00 (evenings are busiest).
const HOURLY: [f64; 24] = [
    0.9, 0.5, 0.3, 0.15, 0.1, 0.1, 0.2, 0.45, 0.7, 0.9, 1.0, 1.1, 1.3, 1.2, 1.0, 1.0, 1.0, 1.05,
    1.2, 1.5, 1.9, 2.1, 1.8, 1.3,
];

/// The shopping festivals and holidays.
fn season_factor(day: i64) -> f64 {
    let (y, m, d) = date_of(day);
    let festival = match (m, d) {
        // 双十一: pre-sales build up, then the day itself
        (11, 1..=10) => 1.25 + 0.05 * f64::from(d),
        (11, 11) => 6.0,
        (11, 12) => 2.2,
        (11, 13..=15) => 1.4,
        // 双十二
        (12, 10..=11) => 1.3,
        (12, 12) => 3.0,
        (12, 13) => 1.5,
        // 618
        (6, 1..=17) => 1.15,
        (6, 18) => 3.0,
        (6, 19) => 1.4,
        // National Day golden week: people travel
        (10, 1..=7) => 0.8,
        _ => 1.0,
    };
    let (fm, fd) = spring_festival(y);
    let new_year = match day - days_from_civil(y, fm, fd) {
        // new-year shopping, then couriers go home
        -21..=-8 => 1.15,
        -7..=-1 => 0.55,
        0..=6 => 0.3,
        7..=13 => 0.7,
        _ => 1.0,
    };
    festival * new_year
}

/// How busy each hour of a day is.
fn hour_weights(day: i64) -> [f64; 24] {
    let mut w = HOURLY;
    let wd = weekday(day);
    if wd == 0 {
        // Monday evening: back from the weekend, browsing on the sofa
        for x in &mut w[19..24] {
            *x *= 1.5;
        }
    }
    if wd >= 5 {
        for x in &mut w[9..18] {
            *x *= 1.25;
        }
    }
    let (_, m, d) = date_of(day);
    if matches!((m, d), (11, 11) | (12, 12) | (6, 18)) {
        // the rush when the sale opens at midnight
        w[0] *= 6.0;
        w[1] *= 3.0;
    }
    w
}

/// Each hour's weight, counting only the part of the day before `limit`.
fn hour_masses(day: i64, limit: i64) -> [f64; 24] {
    let weights = hour_weights(day);
    let start = day_start(day);
    let mut masses = [0.0_f64; 24];
    for (h, (mass, weight)) in masses.iter_mut().zip(weights).enumerate() {
        let hour_start = start + h as i64 * HOUR_MS;
        if hour_start < limit {
            let part = (limit - hour_start).min(HOUR_MS) as f64 / HOUR_MS as f64;
            *mass = weight * part;
        }
    }
    masses
}

/// How many orders a business day gets, relative to an ordinary full day: weekday, season,
/// hours (up to `limit`), and `growth` (0 at the start of the history, 1 at its end).
fn day_weight(day: i64, growth: f64, limit: i64) -> f64 {
    let mass: f64 = hour_masses(day, limit).iter().sum();
    let plain: f64 = HOURLY.iter().sum();
    WEEKDAY[weekday(day)] * season_factor(day) * (0.6 + 0.4 * growth.clamp(0.0, 1.0)) * mass / plain
}

/// Splits `n` in proportion to `weights`: whole numbers that add up to `n`.
fn apportion(weights: &[f64], n: usize) -> Vec<usize> {
    let mut counts = vec![0_usize; weights.len()];
    let total: f64 = weights.iter().map(|w| w.max(0.0)).sum();
    if n == 0 || weights.is_empty() {
        return counts;
    }
    if total <= 0.0 {
        if let Some(last) = counts.last_mut() {
            *last = n;
        }
        return counts;
    }
    let mut cumulative = 0.0;
    let mut given = 0_usize;
    for (count, w) in counts.iter_mut().zip(weights) {
        cumulative += w.max(0.0);
        let target = (((cumulative / total) * n as f64).round() as usize).clamp(given, n);
        *count = target - given;
        given = target;
    }
    if given < n {
        if let Some(i) = weights.iter().rposition(|w| *w > 0.0) {
            counts[i] += n - given;
        }
    }
    counts
}

/// The business days of the history.
struct Calendar {
    now_ms: i64,
    start_ms: i64,
    first_day: i64,
    last_day: i64,
}

impl Calendar {
    fn new(now_ms: i64, months: u32) -> Calendar {
        let span = (f64::from(months) * 30.436_875 * DAY_MS as f64) as i64;
        let first_day = business_day(now_ms - span);
        let last_day = business_day(now_ms);
        Calendar {
            now_ms,
            start_ms: day_start(first_day),
            first_day,
            last_day,
        }
    }
}

/// A time within the day, before `limit`, by the hours' weights.
fn sample_in_day(rng: &mut StdRng, start: i64, limit: i64, masses: &[f64; 24]) -> i64 {
    let total: f64 = masses.iter().sum();
    let mut x = rng.gen::<f64>() * total;
    let mut hour = 0_usize;
    for (h, &m) in masses.iter().enumerate() {
        if m <= 0.0 {
            continue;
        }
        hour = h;
        if x < m {
            break;
        }
        x -= m;
    }
    let from = start + hour as i64 * HOUR_MS;
    let to = (from + HOUR_MS).min(limit);
    if to > from {
        rng.gen_range(from..to)
    } else {
        from.min(limit - 1).max(start)
    }
}

/// `orders` timestamps over the calendar, in order.
fn order_times(rng: &mut StdRng, cal: &Calendar, orders: usize) -> Vec<i64> {
    let days: Vec<i64> = (cal.first_day..=cal.last_day).collect();
    let span = (cal.last_day - cal.first_day).max(1) as f64;
    let limits: Vec<i64> = days
        .iter()
        .map(|&d| (day_start(d) + DAY_MS).min(cal.now_ms))
        .collect();
    let weights: Vec<f64> = days
        .iter()
        .zip(&limits)
        .map(|(&d, &limit)| day_weight(d, (d - cal.first_day) as f64 / span, limit))
        .collect();
    let counts = apportion(&weights, orders);
    let mut times = Vec::with_capacity(orders);
    for ((&day, &limit), &count) in days.iter().zip(&limits).zip(&counts) {
        if count == 0 {
            continue;
        }
        let masses = hour_masses(day, limit);
        let from = times.len();
        for _ in 0..count {
            times.push(sample_in_day(rng, day_start(day), limit, &masses));
        }
        times[from..].sort_unstable();
    }
    times
}

// ---------------------------------------------------------------------------------------
// Who orders when

struct Planned {
    at: i64,
    /// the customer slot, or `GUEST`
    who: u32,
}

struct Plan {
    orders: Vec<Planned>,
    /// per customer slot (slots with orders first, in the order of their first order)
    created_at: Vec<i64>,
    with_orders: usize,
    guest_orders: usize,
    returning_orders: usize,
}

fn plan_orders(rng: &mut StdRng, cal: &Calendar, orders: usize, customers: usize) -> Plan {
    let times = order_times(rng, cal, orders);
    let first_share = 1.0 - GUEST_SHARE - RETURNING_SHARE;
    let first_target = customers.min((orders as f64 * first_share).ceil() as usize);
    let mut first_at: Vec<i64> = Vec::with_capacity(first_target);
    let mut loyalty: Vec<f64> = Vec::with_capacity(first_target);
    let mut planned = Vec::with_capacity(orders);
    let (mut guest_orders, mut returning_orders) = (0_usize, 0_usize);
    for (k, &at) in times.iter().enumerate() {
        if first_target == 0 || rng.gen_bool(GUEST_SHARE) {
            guest_orders += 1;
            planned.push(Planned { at, who: GUEST });
            continue;
        }
        let left_first = first_target - first_at.len();
        let left_registered = ((orders - k) as f64 * (1.0 - GUEST_SHARE)).max(1.0);
        let new = first_at.is_empty()
            || (left_first > 0 && rng.gen::<f64>() < left_first as f64 / left_registered);
        let slot = if new {
            first_at.push(at);
            loyalty.push(0.05 + 0.95 * rng.gen::<f64>().powi(2));
            first_at.len() - 1
        } else {
            returning_orders += 1;
            pick_loyal(rng, &loyalty)
        };
        planned.push(Planned {
            at,
            who: u32::try_from(slot).unwrap_or(GUEST - 1),
        });
    }
    // most sign up shortly before their first order; the rest never ordered
    let mut created_at = Vec::with_capacity(customers);
    for &first in &first_at {
        let back = 15 * MINUTE_MS + (rng.gen::<f64>().powi(2) * (120 * DAY_MS) as f64) as i64;
        created_at.push(first - back);
    }
    let (lo, hi) = (cal.start_ms, cal.now_ms.max(cal.start_ms + 1));
    for _ in first_at.len()..customers {
        created_at.push(rng.gen_range(lo..hi));
    }
    Plan {
        orders: planned,
        created_at,
        with_orders: first_at.len(),
        guest_orders,
        returning_orders,
    }
}

/// A customer who has ordered before, the loyal ones more often.
fn pick_loyal(rng: &mut StdRng, loyalty: &[f64]) -> usize {
    let mut i = rng.gen_range(0..loyalty.len());
    for _ in 0..16 {
        if rng.gen::<f64>() < loyalty[i] {
            return i;
        }
        i = rng.gen_range(0..loyalty.len());
    }
    i
}

// ---------------------------------------------------------------------------------------
// One order

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Totals {
    items: i64,
    discount: i64,
    shipping: i64,
    grand: i64,
}

/// The totals of `(unit price, quantity)` lines as the shop computes them for these orders.
fn basket_totals(lines: &[(i64, i64)], coupon: bool) -> Totals {
    let items: i64 = lines
        .iter()
        .map(|&(price, quantity)| price * quantity)
        .sum();
    let discount = if coupon {
        (items / 10).min(COUPON_MAX_OFF)
    } else {
        0
    };
    let after_discount = items - discount;
    let shipping = if after_discount >= FREE_SHIPPING_FROM {
        0
    } else {
        SHIPPING_FEE
    };
    Totals {
        items,
        discount,
        shipping,
        grand: after_discount + shipping,
    }
}

fn pick_payment(rng: &mut StdRng) -> PaymentMethod {
    let r: f64 = rng.gen();
    if r < 0.60 {
        PaymentMethod::Card
    } else if r < 0.85 {
        PaymentMethod::CashOnDelivery
    } else {
        PaymentMethod::BankTransfer
    }
}

fn payment_window(method: PaymentMethod) -> Option<i64> {
    match method {
        PaymentMethod::Card => Some(CARD_WINDOW_MS),
        PaymentMethod::BankTransfer => Some(BANK_WINDOW_MS),
        PaymentMethod::CashOnDelivery => None,
    }
}

/// Where an order `age_ms` old stands now.
fn pick_status(rng: &mut StdRng, age_ms: i64, method: PaymentMethod) -> OrderStatus {
    use OrderStatus::*;
    let r: f64 = rng.gen();
    if age_ms > 14 * DAY_MS {
        return if r < 0.06 {
            Cancelled
        } else if r < 0.08 {
            Refunded
        } else {
            Completed
        };
    }
    if age_ms > 7 * DAY_MS {
        return if r < 0.06 {
            Cancelled
        } else if r < 0.08 {
            Refunded
        } else if r < 0.5 {
            Delivered
        } else {
            Completed
        };
    }
    if age_ms > 3 * DAY_MS {
        return if r < 0.05 {
            Cancelled
        } else if r < 0.06 {
            Refunded
        } else if r < 0.35 {
            Shipped
        } else {
            Delivered
        };
    }
    // the last three days; unpaid orders only while their payment window is open
    if let Some(window) = payment_window(method) {
        if age_ms < window {
            let pending = match method {
                PaymentMethod::Card => 0.6,
                _ => 0.1 + 0.5 * (1.0 - age_ms as f64 / window as f64),
            };
            if r < pending {
                return PendingPayment;
            }
        }
    }
    let r: f64 = rng.gen();
    let paid = if method == PaymentMethod::CashOnDelivery {
        Processing
    } else {
        Paid
    };
    if r < 0.04 {
        Cancelled
    } else if age_ms < 6 * HOUR_MS {
        if r < 0.6 {
            paid
        } else {
            Processing
        }
    } else if age_ms < DAY_MS {
        if r < 0.3 {
            paid
        } else if r < 0.8 {
            Processing
        } else {
            Shipped
        }
    } else if r < 0.25 {
        Processing
    } else if r < 0.85 {
        Shipped
    } else {
        Delivered
    }
}

/// How long after placing the order it reached `status` (never later than now).
fn settled_after(rng: &mut StdRng, status: OrderStatus, method: PaymentMethod, age_ms: i64) -> i64 {
    use OrderStatus::*;
    let (lo, hi) = match status {
        PendingPayment => (0, 0),
        Paid if method == PaymentMethod::BankTransfer => (2 * HOUR_MS, 30 * HOUR_MS),
        Paid => (MINUTE_MS, 12 * MINUTE_MS),
        Processing if method == PaymentMethod::CashOnDelivery => (0, 0),
        Processing => (20 * MINUTE_MS, 10 * HOUR_MS),
        Shipped => (14 * HOUR_MS, 48 * HOUR_MS),
        Delivered => (2 * DAY_MS, 5 * DAY_MS),
        Completed => (9 * DAY_MS, 14 * DAY_MS),
        Cancelled => (15 * MINUTE_MS, 2 * DAY_MS),
        Refunded => (5 * DAY_MS, 25 * DAY_MS),
    };
    let wanted = if hi > lo { rng.gen_range(lo..hi) } else { lo };
    let cap = (age_ms.max(0) as f64 * rng.gen_range(0.5..0.98)) as i64;
    wanted.min(cap).max(0)
}

struct OrderContext<'a> {
    seed: u64,
    now_ms: i64,
    catalogue: &'a Catalogue,
    user_base: i64,
    rank_of_slot: &'a [u32],
}

struct GenOrder {
    at: i64,
    day: i64,
    user_id: Option<i64>,
    email: String,
    actor: String,
    address_json: String,
    method: PaymentMethod,
    express: bool,
    coupon: bool,
    totals: Totals,
    initial: OrderStatus,
    status: OrderStatus,
    pay_by: Option<i64>,
    updated_at: i64,
    /// `(variant index, quantity)`
    lines: Vec<(usize, i64)>,
}

fn customer_email(rank: u32) -> String {
    format!("c{:06}@{EMAIL_DOMAIN}", u64::from(rank) + 1)
}

fn make_order(
    rng: &mut StdRng,
    ctx: &OrderContext<'_>,
    planned: &Planned,
    guest_no: &mut u64,
) -> anyhow::Result<GenOrder> {
    let method = pick_payment(rng);
    let express = rng.gen_bool(EXPRESS_SHARE);
    let lines = ctx.catalogue.basket(rng);
    let coupon = rng.gen_bool(COUPON_SHARE);
    let priced: Vec<(i64, i64)> = lines
        .iter()
        .map(|&(v, quantity)| (ctx.catalogue.variants[v].price, quantity))
        .collect();
    let totals = basket_totals(&priced, coupon);
    let age = ctx.now_ms - planned.at;
    let status = pick_status(rng, age, method);
    let updated_at = planned.at + settled_after(rng, status, method, age);
    let pay_by = match payment_window(method) {
        Some(window) if age < 14 * DAY_MS => Some(planned.at + window),
        _ => None,
    };
    let (user_id, email, who) = if planned.who == GUEST {
        *guest_no += 1;
        let email = format!("guest{:06}@{EMAIL_DOMAIN}", *guest_no);
        (None, email, person(ctx.seed, SALT_GUEST, *guest_no)?)
    } else {
        let slot = planned.who as usize;
        let rank = ctx.rank_of_slot[slot];
        (
            Some(ctx.user_base + 1 + i64::from(rank)),
            customer_email(rank),
            person(ctx.seed, SALT_CUSTOMER, u64::from(planned.who))?,
        )
    };
    let actor = match user_id {
        Some(id) => format!("customer:{id}"),
        None => format!("guest:{email}"),
    };
    Ok(GenOrder {
        at: planned.at,
        day: business_day(planned.at),
        user_id,
        email,
        actor,
        address_json: who.address_json,
        method,
        express,
        coupon,
        totals,
        initial: method.initial_status(),
        status,
        pay_by,
        updated_at,
        lines,
    })
}

// ---------------------------------------------------------------------------------------
// People and addresses, derived from (seed, kind, number) so a customer keeps theirs

/// The most common surnames first (picked more often).
const SURNAMES: [&str; 103] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
    "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴",
    "莫", "孔", "向", "汤", "欧阳", "上官", "司马",
];

const GIVEN_NAMES: [&str; 70] = [
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "浩然", "子涵", "梓萱", "一诺", "欣怡",
    "宇轩", "雨桐", "思远", "嘉怡", "俊杰", "晓明", "文博", "佳琪", "志强", "海燕", "建华", "丹",
    "婷", "鹏", "辉", "琳", "雪", "颖", "倩", "斌", "宁", "博文", "子墨", "诗涵", "梦琪", "天佑",
    "若曦", "晨曦", "家豪", "雅婷", "国庆", "春梅", "思琪", "晓东", "立新", "美玲", "振华", "紫涵",
    "浩宇", "欣妍", "俊熙", "雨萱",
];

const PHONE_PREFIXES: [&str; 25] = [
    "138", "139", "136", "137", "135", "150", "151", "152", "158", "159", "186", "187", "188",
    "130", "131", "132", "155", "156", "185", "133", "153", "180", "189", "177", "199",
];

/// District codes (GB/T 2260, all in `data/cn-divisions.tsv`), how often they are picked,
/// and some of their streets.
const DISTRICTS: [(&str, u32, &[&str]); 20] = [
    (
        "310115",
        9,
        &["张杨路", "世纪大道", "花木路", "锦绣路", "东方路"],
    ), // 上海 浦东新区
    ("310104", 5, &["漕溪北路", "天钥桥路", "肇嘉浜路", "虹桥路"]), // 上海 徐汇区
    ("310112", 4, &["莘庄路", "七莘路", "虹井路"]),                 // 上海 闵行区
    ("110105", 8, &["建国路", "朝阳北路", "望京街", "东三环中路"]), // 北京 朝阳区
    ("110108", 6, &["中关村大街", "学院路", "知春路", "海淀大街"]), // 北京 海淀区
    (
        "440305",
        6,
        &["科技园路", "深南大道", "南海大道", "后海大道"],
    ), // 深圳 南山区
    ("440304", 4, &["福华路", "益田路", "彩田路"]),                 // 深圳 福田区
    ("440106", 5, &["天河路", "体育西路", "花城大道", "黄埔大道"]), // 广州 天河区
    ("330106", 5, &["文三路", "天目山路", "文二路", "古墩路"]),     // 杭州 西湖区
    ("330108", 3, &["江南大道", "滨盛路", "长河路"]),               // 杭州 滨江区
    ("320106", 3, &["中山北路", "湖南路", "广州路"]),               // 南京 鼓楼区
    ("320508", 3, &["人民路", "干将路", "十全街"]),                 // 苏州 姑苏区
    ("510107", 4, &["人民南路", "武侯祠大街", "科华北路"]),         // 成都 武侯区
    ("420111", 3, &["珞喻路", "雄楚大道", "民族大道"]),             // 武汉 洪山区
    ("610113", 3, &["长安南路", "小寨东路", "雁塔路"]),             // 西安 雁塔区
    ("500105", 2, &["建新北路", "北城天街", "洋河路"]),             // 重庆 江北区
    ("430104", 2, &["麓山南路", "桐梓坡路", "枫林路"]),             // 长沙 岳麓区
    ("350203", 2, &["湖滨南路", "中山路", "厦禾路"]),               // 厦门 思明区
    ("370212", 2, &["香港东路", "海尔路", "松岭路"]),               // 青岛 崂山区
    ("120101", 2, &["南京路", "滨江道", "营口道"]),                 // 天津 和平区
];

const COMPOUNDS: [&str; 12] = [
    "阳光花园",
    "锦绣苑",
    "翠湖小区",
    "世纪新城",
    "金桥公寓",
    "和平里",
    "春江花月",
    "绿地花园",
    "城市花园",
    "幸福家园",
    "东方名苑",
    "滨江豪庭",
];

struct Person {
    name: String,
    address_json: String,
}

/// The `n`th customer's or guest's name and address (as `place_order` stores addresses).
fn person(seed: u64, salt: u64, n: u64) -> anyhow::Result<Person> {
    let mut h = Mix::new(seed, salt, n);
    let surname_at = (h.unit().powf(1.8) * SURNAMES.len() as f64) as usize;
    let surname = SURNAMES[surname_at.min(SURNAMES.len() - 1)];
    let given = GIVEN_NAMES[h.below(GIVEN_NAMES.len())];
    let name = format!("{surname}{given}");
    let prefix = PHONE_PREFIXES[h.below(PHONE_PREFIXES.len())];
    let phone = format!("{prefix}{:08}", h.next_u64() % 100_000_000);
    let total: u32 = DISTRICTS.iter().map(|d| d.1).sum();
    let mut x = (h.next_u64() % u64::from(total.max(1))) as u32;
    let mut district = DISTRICTS[0];
    for d in DISTRICTS {
        if x < d.1 {
            district = d;
            break;
        }
        x -= d.1;
    }
    let (code, _, streets) = district;
    let street = streets[h.below(streets.len())];
    let detail = format!(
        "{street}{}号{}{}栋{}{:02}室",
        1 + h.below(999),
        COMPOUNDS[h.below(COMPOUNDS.len())],
        1 + h.below(28),
        1 + h.below(32),
        1 + h.below(6)
    );
    let address = Address::China {
        recipient: name.clone(),
        phone,
        division_code: code.to_string(),
        detail,
    };
    Ok(Person {
        name,
        address_json: serde_json::to_string(&address)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::rows;

    fn full_day(day: i64) -> i64 {
        day_start(day) + DAY_MS
    }

    #[test]
    fn calendar_arithmetic_matches_the_shop_calendar() {
        for (y, m, d) in [(2026, 11, 11), (2024, 2, 29), (2000, 3, 1), (1970, 1, 1)] {
            assert_eq!(date_of(days_from_civil(y, m, d)), (y, m, d));
        }
        assert_eq!(weekday(days_from_civil(2026, 11, 11)), 2, "a Wednesday");
        assert_eq!(weekday(days_from_civil(2026, 9, 15)), 1, "a Tuesday");
        // 2026-11-26 20:00 UTC is already the 27th in Shanghai
        let day = business_day(1_795_723_200_000);
        assert_eq!(date_of(day), (2026, 11, 27));
        assert_eq!(day_key(day), "261127");
        assert_eq!(
            civil_date(day_start(day), SHOP_UTC_OFFSET_HOURS),
            (2026, 11, 27)
        );
        assert_eq!(
            civil_date(day_start(day) - 1, SHOP_UTC_OFFSET_HOURS),
            (2026, 11, 26)
        );
    }

    #[test]
    fn singles_day_is_busier_than_a_plain_tuesday() {
        let singles = days_from_civil(2026, 11, 11);
        let tuesday = days_from_civil(2026, 9, 15);
        let saturday = days_from_civil(2026, 9, 19);
        let new_year = days_from_civil(2026, 2, 18);
        let w = |day: i64| day_weight(day, 0.5, full_day(day));
        assert!(
            w(singles) > 4.0 * w(tuesday),
            "{} vs {}",
            w(singles),
            w(tuesday)
        );
        assert!(w(days_from_civil(2026, 12, 12)) > 2.0 * w(tuesday));
        assert!(w(saturday) > w(tuesday));
        assert!(w(new_year) < 0.5 * w(tuesday));
        // growth: the same kind of day later in the year is busier
        assert!(
            day_weight(tuesday, 1.0, full_day(tuesday))
                > day_weight(tuesday, 0.0, full_day(tuesday))
        );
        // half a day weighs less than the whole day
        assert!(day_weight(tuesday, 0.5, day_start(tuesday) + 12 * HOUR_MS) < w(tuesday));
        assert_eq!(day_weight(tuesday, 0.5, day_start(tuesday)), 0.0);
    }

    #[test]
    fn evenings_and_monday_evenings_are_busier() {
        let monday = days_from_civil(2026, 9, 14);
        let tuesday = days_from_civil(2026, 9, 15);
        assert_eq!(weekday(monday), 0);
        let (mon, tue) = (hour_weights(monday), hour_weights(tuesday));
        assert!(tue[21] > 2.0 * tue[9]);
        assert!(mon[21] > tue[21]);
    }

    #[test]
    fn apportion_adds_up() {
        let weights = [1.0, 2.5, 0.0, 3.3, 0.7];
        for n in [0, 1, 7, 1000, 99_999] {
            let counts = apportion(&weights, n);
            assert_eq!(counts.iter().sum::<usize>(), n);
            assert_eq!(counts[2], 0);
        }
        assert_eq!(apportion(&[1.0, 1.0], 10), vec![5, 5]);
    }

    #[test]
    fn basket_totals_add_up() {
        let t = basket_totals(&[(3_990, 1), (2_500, 2)], false);
        assert_eq!(
            t,
            Totals {
                items: 8_990,
                discount: 0,
                shipping: SHIPPING_FEE,
                grand: 9_990
            }
        );
        let t = basket_totals(&[(3_990, 1), (2_500, 2)], true);
        assert_eq!((t.discount, t.shipping, t.grand), (899, 1_000, 9_091));
        let t = basket_totals(&[(12_900, 1)], false);
        assert_eq!((t.shipping, t.grand), (0, 12_900));
        // the discount is capped, and free delivery counts after it
        let t = basket_totals(&[(100_000, 1)], true);
        assert_eq!((t.discount, t.grand), (COUPON_MAX_OFF, 95_000));
        let t = basket_totals(&[(10_000, 1)], true);
        assert_eq!((t.discount, t.shipping, t.grand), (1_000, 1_000, 10_000));
    }

    #[test]
    fn baskets_are_priced_from_the_catalogue() {
        let rows: Vec<VariantRow> = (0..30)
            .map(|i| {
                (
                    100 + i,
                    format!("SKU-{i}"),
                    1_000 * (i + 1),
                    i / 3,
                    format!("商品{i}"),
                    format!("Product {i}"),
                )
            })
            .collect();
        let mut catalogue = Catalogue::from_rows(rows);
        assert_eq!(catalogue.products.len(), 10);
        let mut rng = StdRng::seed_from_u64(7);
        catalogue.rank(&mut rng);
        for _ in 0..500 {
            let lines = catalogue.basket(&mut rng);
            assert!((1..=5).contains(&lines.len()));
            let mut seen: Vec<usize> = lines.iter().map(|l| l.0).collect();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), lines.len(), "one line per variant");
            assert!(lines.iter().all(|&(_, q)| (1..=3).contains(&q)));
        }
    }

    #[test]
    fn statuses_follow_the_age() {
        use OrderStatus::*;
        let mut rng = StdRng::seed_from_u64(7);
        for method in PaymentMethod::ALL {
            for _ in 0..2_000 {
                let old = pick_status(&mut rng, 60 * DAY_MS, method);
                assert!(matches!(old, Completed | Cancelled | Refunded), "{old:?}");
                let fresh = pick_status(&mut rng, 10 * MINUTE_MS, method);
                if method == PaymentMethod::CashOnDelivery {
                    assert!(!matches!(fresh, PendingPayment | Paid), "{fresh:?}");
                }
                let late = pick_status(&mut rng, 2 * HOUR_MS, PaymentMethod::Card);
                assert_ne!(late, PendingPayment, "past the card payment window");
                for status in [old, fresh, late] {
                    let after = settled_after(&mut rng, status, method, 2 * HOUR_MS);
                    assert!((0..2 * HOUR_MS).contains(&after));
                }
            }
        }
    }

    #[test]
    fn the_plan_has_the_rhythm_and_the_mix() {
        // 2026-12-31 12:00 UTC
        let now = 1_798_718_400_000;
        let cal = Calendar::new(now, 12);
        let mut rng = StdRng::seed_from_u64(7);
        let plan = plan_orders(&mut rng, &cal, 20_000, 5_000);
        assert_eq!(plan.orders.len(), 20_000);
        assert_eq!(plan.created_at.len(), 5_000);
        assert!(plan.orders.windows(2).all(|w| w[0].at <= w[1].at));
        assert!(plan
            .orders
            .iter()
            .all(|o| o.at >= cal.start_ms && o.at < now));
        let guests = plan.guest_orders as f64 / 20_000.0;
        let returning = plan.returning_orders as f64 / 20_000.0;
        assert!((0.12..0.18).contains(&guests), "{guests}");
        assert!((0.65..0.75).contains(&returning), "{returning}");
        assert_eq!(
            plan.guest_orders + plan.returning_orders + plan.with_orders,
            20_000
        );
        let on = |y, m, d| {
            let day = days_from_civil(y, m, d);
            plan.orders
                .iter()
                .filter(|o| business_day(o.at) == day)
                .count()
        };
        assert!(on(2026, 11, 11) > 3 * on(2026, 9, 15));
        // accounts exist before their first order
        for o in &plan.orders {
            if o.who != GUEST {
                assert!(plan.created_at[o.who as usize] < o.at);
            }
        }
        // the same seed gives the same plan
        let again = plan_orders(&mut StdRng::seed_from_u64(7), &cal, 20_000, 5_000);
        assert!(again
            .orders
            .iter()
            .zip(&plan.orders)
            .all(|(a, b)| a.at == b.at && a.who == b.who));
    }

    #[test]
    fn people_have_valid_addresses() {
        for (code, _, _) in DISTRICTS {
            assert!(crate::divisions::all().is_district(code), "{code}");
        }
        for n in 0..200 {
            let p = person(7, SALT_CUSTOMER, n).unwrap();
            let address: Address = serde_json::from_str(&p.address_json).unwrap();
            assert_eq!(address.validate(), Ok(address.clone()));
            assert!(p.name.chars().count() >= 2);
        }
        assert_eq!(
            person(7, SALT_CUSTOMER, 3).unwrap().address_json,
            person(7, SALT_CUSTOMER, 3).unwrap().address_json
        );
    }

    #[test]
    fn insert_statements_have_their_columns() {
        for (head, cols) in [
            (USERS_HEAD, USER_COLS),
            (ORDERS_HEAD, ORDER_COLS),
            (LINES_HEAD, LINE_COLS),
            (EVENTS_HEAD, EVENT_COLS),
        ] {
            assert_eq!(head.matches(',').count() + 1, cols, "{head}");
            assert!(cols * rows::ROWS_PER_STATEMENT <= rows::MAX_PARAMS_PER_STATEMENT);
        }
        assert_eq!(customer_email(122), "c000123@history.storekeep.test");
    }
}
