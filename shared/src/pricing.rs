//! Cart and order totals: items, discount, shipping, tax (prices include it), grand total.
//! Integer minor units throughout; the one rounding rule is `Money::mul_ratio`.

use crate::money::{Currency, Money, MoneyError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How many of one item a line may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = u32, minimum = 1, maximum = 99))]
#[serde(try_from = "u32", into = "u32")]
pub struct Quantity(u32);

impl Quantity {
    pub const MAX: u32 = 99;

    pub fn new(n: u32) -> Result<Quantity, QuantityError> {
        if (1..=Self::MAX).contains(&n) {
            Ok(Quantity(n))
        } else {
            Err(QuantityError)
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuantityError;

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a quantity must be from 1 to {}", Quantity::MAX)
    }
}

impl TryFrom<u32> for Quantity {
    type Error = QuantityError;
    fn try_from(n: u32) -> Result<Self, Self::Error> {
        Quantity::new(n)
    }
}

impl From<Quantity> for u32 {
    fn from(q: Quantity) -> u32 {
        q.0
    }
}

/// A line at the price the server looked up (never a price from the client).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PricedLine {
    pub unit_price: Money,
    pub quantity: Quantity,
}

impl PricedLine {
    pub fn total(&self) -> Result<Money, MoneyError> {
        self.unit_price.checked_mul(i64::from(self.quantity.get()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Totals {
    pub items: Money,
    pub discount: Money,
    pub shipping: Money,
    /// The tax contained in `total` (prices are shown tax-inclusive).
    pub tax_included: Money,
    pub total: Money,
}

/// What the lines cost together (before discounts and shipping).
pub fn items_total(currency: Currency, lines: &[PricedLine]) -> Result<Money, MoneyError> {
    Money::sum(
        currency,
        lines
            .iter()
            .map(PricedLine::total)
            .collect::<Result<Vec<_>, _>>()?,
    )
}

/// Adds it all up. `discount` is capped at the items' value; `tax_basis_points` is the tax
/// rate (1300 = 13 %) already contained in the prices.
pub fn totals(
    lines: &[PricedLine],
    discount: Money,
    shipping: Money,
    tax_basis_points: u32,
) -> Result<Totals, MoneyError> {
    let currency = shipping.currency;
    let items = items_total(currency, lines)?;
    if discount.currency != currency {
        return Err(MoneyError::CurrencyMismatch);
    }
    let discount = Money::new(discount.minor.clamp(0, items.minor), currency);
    let total = items.checked_sub(discount)?.checked_add(shipping)?;
    let bp = i64::from(tax_basis_points);
    let tax_included = total.mul_ratio(bp, 10_000 + bp)?;
    Ok(Totals {
        items,
        discount,
        shipping,
        tax_included,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(price: i64, qty: u32) -> PricedLine {
        PricedLine {
            unit_price: Money::cny(price),
            quantity: Quantity::new(qty).unwrap(),
        }
    }

    #[test]
    fn adds_up() {
        let t = totals(
            &[line(7_900, 2), line(19_900, 1)],
            Money::cny(5_000),
            Money::cny(1_000),
            0,
        )
        .unwrap();
        assert_eq!(t.items, Money::cny(35_700));
        assert_eq!(t.total, Money::cny(31_700));
        assert_eq!(t.tax_included, Money::cny(0));
    }

    #[test]
    fn tax_is_contained_in_the_total() {
        let t = totals(&[line(11_300, 1)], Money::cny(0), Money::cny(0), 1_300).unwrap();
        assert_eq!(t.tax_included, Money::cny(1_300));
    }

    #[test]
    fn discount_is_capped_and_quantities_bounded() {
        let t = totals(&[line(1_000, 1)], Money::cny(5_000), Money::cny(800), 0).unwrap();
        assert_eq!(t.discount, Money::cny(1_000));
        assert_eq!(t.total, Money::cny(800));
        assert!(Quantity::new(0).is_err());
        assert!(Quantity::new(100).is_err());
        assert!(serde_json::from_str::<Quantity>("0").is_err());
    }

    proptest! {
        #[test]
        fn total_is_items_minus_discount_plus_shipping(
            prices in proptest::collection::vec((0_i64..10_000_000, 1_u32..=99), 0..20),
            discount in 0_i64..100_000_000,
            shipping in 0_i64..100_000,
            tax in 0_u32..3_000,
        ) {
            let lines: Vec<_> = prices.iter().map(|(p, q)| line(*p, *q)).collect();
            let t = totals(&lines, Money::cny(discount), Money::cny(shipping), tax).unwrap();
            let items: i64 = prices.iter().map(|(p, q)| p * i64::from(*q)).sum();
            prop_assert_eq!(t.items.minor, items);
            prop_assert_eq!(t.total.minor, items - discount.min(items) + shipping);
            prop_assert!(t.tax_included.minor >= 0 && t.tax_included.minor <= t.total.minor);
        }
    }
}
