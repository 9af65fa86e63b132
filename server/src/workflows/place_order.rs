//! Placing an order, in one write transaction: claim the idempotency key, re-price every
//! line from the catalogue, reserve stock with conditional updates, apply the coupon, price
//! the shipping, number the order, write it with its lines, reservations and first event.

use crate::auth::tokens::hash_token;
use crate::catalog_cache::CatalogCache;
use crate::config::Config;
use crate::db::orders::{self as repo, NewOrder, VariantForSale};
use crate::db::placed_order::{self, PlacedRows};
use crate::db::{carts, coupons, idempotency, shipping};
use crate::db::{now_millis, Db};
use crate::error::{AppError, AppResult};
use crate::workflows::quote::{check_coupon, CouponCheck};
use shared::checkout::{Address, OrderPlaced, PaymentMethod, PlaceOrder};
use shared::customers::{Email, Me};
use shared::money::{Currency, Money};
use shared::orders::OrderNumber;
use shared::pricing::{items_total, totals, PricedLine, Quantity};
use shared::promotions::CouponCode;
use shared::shipping::ShippingMethod;
use shared::time::{civil_date, SHOP_UTC_OFFSET_HOURS};
use sqlx::AnyConnection;
use std::collections::BTreeMap;
use std::sync::Arc;

/// How long an order may wait for payment before it is cancelled and its stock released.
pub fn payment_window_ms(config: &Config, method: PaymentMethod) -> Option<i64> {
    match method {
        PaymentMethod::Card => Some(config.card_payment_minutes * 60 * 1000),
        PaymentMethod::BankTransfer => Some(config.bank_transfer_hours * 60 * 60 * 1000),
        PaymentMethod::CashOnDelivery => None,
    }
}

/// The answer to send: status and JSON body (stored for replays of the same key).
pub struct Answer {
    pub status: u16,
    pub body: String,
}

const MAX_LINES: usize = 50;

pub async fn place_order(
    db: &Db,
    catalog: &CatalogCache,
    config: &Arc<Config>,
    user: Option<&Me>,
    key: &str,
    req: &PlaceOrder,
) -> AppResult<Answer> {
    // everything that needs no database is checked before the transaction
    let email = Email::parse(&req.email)?;
    let address = crate::workflows::address_book::checked(&req.address)?;
    if req.lines.is_empty() || req.lines.len() > MAX_LINES {
        return Err(AppError::validation(
            "lines",
            format!("an order has 1 to {MAX_LINES} lines"),
        ));
    }
    let mut wanted: BTreeMap<i64, u32> = BTreeMap::new();
    for line in &req.lines {
        *wanted.entry(line.variant_id.0).or_default() += line.quantity.get();
    }
    let coupon_code = match req
        .coupon_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(text) => Some(
            CouponCode::parse(text)
                .ok_or_else(|| AppError::validation("coupon_unknown", "there is no such coupon"))?,
        ),
        None => None,
    };
    let request_hash = hash_token(&format!(
        "{}|{}",
        user.map_or(0, |u| u.id.0),
        serde_json::to_string(req).map_err(anyhow::Error::from)?
    ));
    // the delivery methods from memory: a rate changed by staff while this order is placed
    // counts from the next order on
    let methods = shipping::active_methods_cached(catalog, db).await?;
    let order = Checked {
        methods,
        config: config.clone(),
        user: user.cloned(),
        key: key.to_string(),
        req: req.clone(),
        email,
        address,
        wanted,
        coupon_code,
        request_hash,
        now: now_millis(),
    };
    db.write(move |tx| Box::pin(order.place(tx))).await
}

/// An order whose request passed every check that needs no database.
struct Checked {
    methods: Arc<Vec<ShippingMethod>>,
    config: Arc<Config>,
    user: Option<Me>,
    key: String,
    req: PlaceOrder,
    email: Email,
    address: Address,
    wanted: BTreeMap<i64, u32>,
    coupon_code: Option<CouponCode>,
    request_hash: String,
    now: i64,
}

impl Checked {
    /// Writes the order in the open transaction `tx`; an `Err` rolls everything back.
    async fn place(self, tx: &mut AnyConnection) -> AppResult<Answer> {
        let Checked {
            methods,
            config,
            user,
            key,
            req,
            email,
            address,
            wanted,
            coupon_code,
            request_hash,
            now,
        } = self;
        let (config, user, key, req) = (&*config, user.as_ref(), key.as_str(), &req);
        let request_hash = request_hash.as_str();
        if let Some((hash, status, body)) =
            idempotency::claim_idempotency_key(&mut *tx, key, request_hash, now).await?
        {
            if hash != request_hash {
                return Err(AppError::validation(
                    "idempotency_key_reused",
                    "this Idempotency-Key was used for a different order",
                ));
            }
            return Ok(Answer {
                status: u16::try_from(status).unwrap_or(500),
                body,
            });
        }

        // re-price and reserve, variant by variant in id order (one lock order for everyone)
        let mut priced = Vec::new();
        let mut sold: Vec<(VariantForSale, i64)> = Vec::new();
        let mut reservations = Vec::new();
        let mut weight = 0_i64;
        let mut currency = None;
        for (&variant, &quantity) in &wanted {
            let quantity = Quantity::new(quantity).map_err(|_| {
                AppError::validation(
                    "quantity",
                    format!("at most {} of one item per order", Quantity::MAX),
                )
            })?;
            let Some((v, stock)) = repo::variant_for_sale(&mut *tx, variant).await? else {
                return Err(AppError::validation(
                    "variant_unavailable",
                    format!("item {variant} is not for sale"),
                ));
            };
            let c = Currency::parse(&v.currency).unwrap_or_default();
            if *currency.get_or_insert(c) != c {
                return Err(AppError::validation(
                    "currency",
                    "all items of an order must share one currency",
                ));
            }
            let remaining = repo::reserve(
                &mut *tx,
                variant,
                stock,
                i64::from(quantity.get()),
                &mut reservations,
            )
            .await?;
            if remaining > 0 {
                return Err(AppError::Conflict {
                    problem: "out_of_stock".into(),
                    message: format!(
                        "only {} of {} are left",
                        i64::from(quantity.get()) - remaining,
                        v.sku
                    ),
                });
            }
            priced.push(PricedLine {
                unit_price: Money::new(v.price, c),
                quantity,
            });
            weight += v.weight_grams * i64::from(quantity.get());
            sold.push((v, i64::from(quantity.get())));
        }
        let currency = currency.unwrap_or_default();
        let items = items_total(currency, &priced).map_err(anyhow::Error::from)?;

        let mut discount = Money::zero(currency);
        let mut redemption = None;
        if let Some(code) = &coupon_code {
            match check_coupon(&mut *tx, code.as_str(), user, email.as_str(), items).await? {
                CouponCheck::Applies {
                    coupon_id,
                    discount: d,
                    ..
                } => {
                    if !coupons::count_coupon_use(&mut *tx, coupon_id).await? {
                        return Err(AppError::validation(
                            "coupon_used_up",
                            "the coupon has been used up",
                        ));
                    }
                    discount = d;
                    redemption = Some(coupon_id);
                }
                CouponCheck::Rejected(_, r) => {
                    let problem = serde_json::to_value(r)
                        .ok()
                        .and_then(|v| v["reason"].as_str().map(|s| format!("coupon_{s}")))
                        .unwrap_or_else(|| "coupon".into());
                    return Err(AppError::validation(&problem, r.to_string()));
                }
                CouponCheck::Unknown(_) => {
                    return Err(AppError::validation(
                        "coupon_unknown",
                        "there is no such coupon",
                    ))
                }
            }
        }

        let Some(method) = methods.iter().find(|m| m.code == req.shipping_method) else {
            return Err(AppError::validation(
                "shipping_method_unknown",
                "choose one of the offered delivery methods",
            ));
        };
        let destination = address.destination();
        let after_discount = items.checked_sub(discount).map_err(anyhow::Error::from)?;
        let Some(shipping) = method.quote(&destination, weight, after_discount) else {
            return Err(AppError::validation(
                "shipping_unavailable",
                "this delivery method does not serve that address",
            ));
        };
        let totals = totals(&priced, discount, shipping, config.tax_basis_points)
            .map_err(anyhow::Error::from)?;

        let number = new_number(&mut *tx, now).await?;
        let status = req.payment_method.initial_status();
        let pay_by = payment_window_ms(config, req.payment_method).map(|w| now + w);
        let address_json = serde_json::to_string(&address).map_err(anyhow::Error::from)?;
        let access_token = crate::auth::tokens::new_token();
        let access_token_hash = hash_token(&access_token);
        let actor = user.map_or_else(
            || format!("guest:{}", email.as_str()),
            |u| format!("customer:{}", u.id.0),
        );
        let placed = OrderPlaced {
            number,
            status,
            payment_method: req.payment_method,
            totals,
            coupon_code: coupon_code.map(|c| c.as_str().to_string()),
            pay_by,
            access_token,
        };
        let (subject, text) = confirmation_message(config, &placed, &sold);
        let body = serde_json::to_string(&placed).map_err(anyhow::Error::from)?;
        placed_order::insert_placed(
            &mut *tx,
            &PlacedRows {
                order: NewOrder {
                    number: placed.number.as_str(),
                    user_id: user.map(|u| u.id.0),
                    email: email.as_str(),
                    status,
                    payment_method: req.payment_method,
                    currency,
                    totals: &placed.totals,
                    coupon_code: placed.coupon_code.as_deref(),
                    shipping_method: &method.code,
                    address_json: &address_json,
                    pay_by,
                    access_token_hash: &access_token_hash,
                    now,
                },
                lines: &sold,
                reservations: &reservations,
                actor: &actor,
                coupon: redemption,
                message: (&subject, &text),
                answer: (key, &body),
            },
        )
        .await?;
        if let Some(user) = user {
            let ordered: Vec<i64> = sold.iter().map(|(v, _)| v.id).collect();
            carts::remove_ordered(&mut *tx, user.id.0, &ordered).await?;
            if req.save_address {
                crate::db::addresses::remember(&mut *tx, user.id.0, &address_json, now).await?;
            }
        }
        Ok(Answer { status: 201, body })
    }
}

/// The next order number of the shop's day at `now` (China time).
pub(crate) async fn new_number(
    tx: &mut AnyConnection,
    now: i64,
) -> Result<OrderNumber, sqlx::Error> {
    let (y, m, d) = civil_date(now, SHOP_UTC_OFFSET_HOURS);
    let day = format!("{:02}{m:02}{d:02}", y.rem_euclid(100));
    let seq = repo::next_daily_sequence(tx, &day).await?;
    Ok(OrderNumber::new(
        i32::try_from(y).unwrap_or(2026),
        m,
        d,
        u32::try_from(seq).unwrap_or(u32::MAX),
    ))
}

/// The confirmation e-mail, in both languages.
fn confirmation_message(
    config: &Config,
    placed: &OrderPlaced,
    sold: &[(VariantForSale, i64)],
) -> (String, String) {
    let lines: String = sold
        .iter()
        .map(|(v, q)| {
            format!(
                "  {} / {} × {q}  {}\n",
                v.name_zh,
                v.name_en,
                Money::new(v.price, placed.totals.total.currency)
            )
        })
        .collect();
    let t = &placed.totals;
    let link = format!("{}/orders/{}", config.public_url, placed.number);
    (
        format!("订单确认 {0} / Order confirmation {0}", placed.number),
        format!(
            "感谢您的订购！Thank you for your order!\n\n订单号 Order number: {}\n\n{lines}\n             商品 Items: {}\n优惠 Discount: -{}\n运费 Delivery: {}\n合计 Total: {}\n\n查看订单 View your order: {link}\n",
            placed.number, t.items, t.discount, t.shipping, t.total
        ),
    )
}
