//! Checking and pricing a cart without writing anything: current prices and stock per
//! line, the coupon's effect, every delivery method's price for the destination, totals.
//! Placing the order computes the same with the same rules, inside its transaction.

use crate::db::carts::{self, LineInfo};
use crate::db::{coupons, now_millis};
use crate::error::{AppError, AppResult};
use shared::cart::{
    CouponOutcome, LineProblem, LineProduct, Quote, QuoteRequest, QuotedLine, MAX_LINES,
};
use shared::catalog::Localized;
use shared::checkout::ShippingOption;
use shared::customers::Me;
use shared::money::{Currency, Money};
use shared::pricing::{items_total, totals, PricedLine};
use shared::promotions::{CouponCode, CouponUsage};
use shared::shipping::ShippingMethod;
use sqlx::AnyConnection;

/// `methods`: the active delivery methods, as orders read them (`shipping::active_methods_cached`),
/// so that a quote prices delivery exactly as the order will. `tax_basis_points`: the tax rate
/// contained in the prices (the shop's configuration).
pub async fn quote(
    conn: &mut AnyConnection,
    user: Option<&Me>,
    req: &QuoteRequest,
    methods: &[ShippingMethod],
    tax_basis_points: u32,
) -> AppResult<Quote> {
    if req.items.len() > MAX_LINES {
        return Err(AppError::validation(
            "lines",
            format!("a cart holds at most {MAX_LINES} different items"),
        ));
    }
    let mut currency: Option<Currency> = None;
    let mut lines = Vec::with_capacity(req.items.len());
    let mut priced = Vec::new();
    let mut weight = 0_i64;
    let mut orderable = !req.items.is_empty();
    let ids: Vec<i64> = req.items.iter().map(|i| i.variant_id.0).collect();
    let mut infos = carts::line_infos(conn, &ids).await?;
    for item in &req.items {
        let Some(info) = infos.remove(&item.variant_id.0) else {
            orderable = false;
            lines.push(QuotedLine {
                variant_id: item.variant_id,
                quantity: item.quantity,
                product: None,
                unit_price: None,
                line_total: None,
                problem: Some(LineProblem::Unavailable),
            });
            continue;
        };
        let c = Currency::parse(&info.currency).unwrap_or_default();
        currency.get_or_insert(c);
        let unit = Money::new(info.price, c);
        let wanted = i64::from(item.quantity.get());
        let problem = if info.available <= 0 {
            Some(LineProblem::OutOfStock)
        } else if info.available < wanted {
            Some(LineProblem::NotEnoughStock {
                available: info.available,
            })
        } else {
            item.seen_price
                .filter(|seen| *seen != unit)
                .map(|was| LineProblem::PriceChanged { was })
        };
        if problem.is_some_and(LineProblem::blocks_checkout) {
            orderable = false;
        }
        let line = PricedLine {
            unit_price: unit,
            quantity: item.quantity,
        };
        let line_total = line.total().map_err(anyhow::Error::from)?;
        priced.push(line);
        weight += info.weight_grams * wanted;
        lines.push(QuotedLine {
            variant_id: item.variant_id,
            quantity: item.quantity,
            product: Some(line_product(info)),
            unit_price: Some(unit),
            line_total: Some(line_total),
            problem,
        });
    }
    let currency = currency.unwrap_or_default();
    let items = items_total(currency, &priced).map_err(anyhow::Error::from)?;

    let mut discount = Money::zero(currency);
    let coupon = match req
        .coupon_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        None => None,
        Some(text) => {
            let email = req.email.as_deref().unwrap_or("");
            Some(match check_coupon(conn, text, user, email, items).await? {
                CouponCheck::Applies {
                    code, discount: d, ..
                } => {
                    discount = d;
                    CouponOutcome::Applied { code, discount: d }
                }
                CouponCheck::Rejected(code, rejection) => {
                    CouponOutcome::Rejected { code, rejection }
                }
                CouponCheck::Unknown(code) => CouponOutcome::Unknown { code },
            })
        }
    };

    let after_discount = items.checked_sub(discount).map_err(anyhow::Error::from)?;
    let mut shipping_price = Money::zero(currency);
    let mut shipping_options = Vec::new();
    for method in methods {
        let price = req
            .destination
            .as_ref()
            .and_then(|d| method.quote(d, weight, after_discount));
        if req.shipping_method.as_deref() == Some(method.code.as_str()) {
            shipping_price = price.unwrap_or(shipping_price);
        }
        shipping_options.push(ShippingOption {
            code: method.code.clone(),
            name: method.name.clone(),
            price,
        });
    }
    let totals =
        totals(&priced, discount, shipping_price, tax_basis_points).map_err(anyhow::Error::from)?;
    Ok(Quote {
        currency,
        lines,
        coupon,
        shipping_options,
        totals,
        orderable,
    })
}

fn line_product(info: LineInfo) -> LineProduct {
    LineProduct {
        slug: info.slug,
        name: Localized::new(info.name_zh, info.name_en),
        sku: info.sku,
        color: match (info.color_zh, info.color_en) {
            (Some(zh), Some(en)) => Some(Localized::new(zh, en)),
            _ => None,
        },
        size: info.size,
        image: info
            .image
            .unwrap_or_else(|| crate::db::catalog::PLACEHOLDER_IMAGE.to_string()),
        available: info.available.max(0),
    }
}

/// What a coupon code does for items worth `items`, for this shopper, now.
pub enum CouponCheck {
    Applies {
        coupon_id: i64,
        code: String,
        discount: Money,
    },
    Rejected(String, shared::promotions::CouponRejection),
    Unknown(String),
}

pub async fn check_coupon(
    conn: &mut AnyConnection,
    text: &str,
    user: Option<&Me>,
    email: &str,
    items: Money,
) -> AppResult<CouponCheck> {
    let Some(code) = CouponCode::parse(text) else {
        return Ok(CouponCheck::Unknown(text.trim().to_uppercase()));
    };
    let Some((coupon_id, coupon, used)) = coupons::coupon(conn, &code).await? else {
        return Ok(CouponCheck::Unknown(code.as_str().to_string()));
    };
    let by_customer = coupons::coupon_uses_by(conn, coupon_id, user.map(|u| u.id.0), email).await?;
    let usage = CouponUsage {
        total: u32::try_from(used).unwrap_or(u32::MAX),
        by_customer: u32::try_from(by_customer).unwrap_or(u32::MAX),
        customer: user.map(|u| u.id.0),
    };
    let code = code.as_str().to_string();
    Ok(match coupon.discount(items, now_millis(), usage) {
        Ok(discount) => CouponCheck::Applies {
            coupon_id,
            code,
            discount,
        },
        Err(rejection) => CouponCheck::Rejected(code, rejection),
    })
}
