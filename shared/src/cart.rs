//! The cart: what a shopper keeps (variant, quantity, the price they saw), how two carts
//! merge at login, and the checked view the server returns (current prices, stock, the
//! coupon's effect, delivery options and totals). Guests keep their items in the browser,
//! customers on the server; both are checked by the same `POST /api/v1/store/cart/quote`.

use crate::catalog::Localized;
use crate::checkout::ShippingOption;
use crate::ids::VariantId;
use crate::money::{Currency, Money};
use crate::pricing::{Quantity, Totals};
use crate::promotions::CouponRejection;
use crate::shipping::Destination;
use serde::{Deserialize, Serialize};

/// At most this many different items in one cart (and one order).
pub const MAX_LINES: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartItem {
    pub variant_id: VariantId,
    pub quantity: Quantity,
    /// The unit price when it was put in the cart: only to tell the shopper it changed.
    #[serde(default)]
    pub seen_price: Option<Money>,
}

/// Puts `quantity` more of a variant into `items` (a new line at the end, or the existing
/// line grows, capped at `Quantity::MAX`). Returns `false` when the cart is full.
pub fn add_item(items: &mut Vec<CartItem>, item: CartItem) -> bool {
    if let Some(line) = items.iter_mut().find(|l| l.variant_id == item.variant_id) {
        let sum = (line.quantity.get() + item.quantity.get()).min(Quantity::MAX);
        line.quantity = Quantity::new(sum).unwrap_or(line.quantity);
        if line.seen_price.is_none() {
            line.seen_price = item.seen_price;
        }
        return true;
    }
    if items.len() >= MAX_LINES {
        return false;
    }
    items.push(item);
    true
}

/// The cart after login: the customer's saved items, then the guest's added to them
/// (quantities of the same variant add up, capped; lines past `MAX_LINES` are dropped).
pub fn merge(saved: Vec<CartItem>, guest: Vec<CartItem>) -> Vec<CartItem> {
    let mut out = saved;
    for item in guest {
        add_item(&mut out, item);
    }
    out
}

/// `PUT /api/v1/store/cart/items/{variant_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetQuantity {
    pub quantity: Quantity,
}

/// `POST /api/v1/store/cart/merge`: the guest cart, handed over at login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MergeCart {
    /// At most 50 different items.
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub items: Vec<CartItem>,
}

/// `POST /api/v1/store/cart/quote`: check a cart and, as checkout goes on, price it for an
/// address, a delivery method and a coupon. Only ids, quantities and choices count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteRequest {
    /// At most 50 different items.
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub items: Vec<CartItem>,
    #[serde(default)]
    pub destination: Option<Destination>,
    #[serde(default)]
    pub shipping_method: Option<String>,
    /// A coupon code: 3 to 32 letters, digits and hyphens (case does not matter); any other
    /// text is reported as an unknown code.
    #[serde(default)]
    pub coupon_code: Option<String>,
    /// A guest's e-mail, for per-customer coupon limits.
    #[serde(default)]
    pub email: Option<String>,
}

/// Why a line cannot be ordered as it stands, or what changed since it was added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineProblem {
    /// The product was taken off sale (or never existed).
    Unavailable,
    OutOfStock,
    /// Fewer left than the line asks for.
    NotEnoughStock {
        available: i64,
    },
    /// Orderable, but the price is not the one the shopper saw.
    PriceChanged {
        was: Money,
    },
}

impl LineProblem {
    /// Whether the line stops the cart from being ordered.
    pub fn blocks_checkout(self) -> bool {
        !matches!(self, LineProblem::PriceChanged { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotedLine {
    pub variant_id: VariantId,
    pub quantity: Quantity,
    /// `None` when the variant is unknown.
    pub product: Option<LineProduct>,
    pub unit_price: Option<Money>,
    pub line_total: Option<Money>,
    pub problem: Option<LineProblem>,
}

/// What a cart line shows of its product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineProduct {
    pub slug: String,
    pub name: Localized,
    pub sku: String,
    pub color: Option<Localized>,
    pub size: Option<String>,
    pub image: String,
    pub available: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CouponOutcome {
    Applied {
        code: String,
        discount: Money,
    },
    Rejected {
        code: String,
        rejection: CouponRejection,
    },
    Unknown {
        code: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub currency: Currency,
    pub lines: Vec<QuotedLine>,
    pub coupon: Option<CouponOutcome>,
    /// Every delivery method with its price for the destination (`None`: does not deliver
    /// there, or no destination given yet).
    pub shipping_options: Vec<ShippingOption>,
    /// Items, discount, the chosen method's shipping (zero until one is chosen), total.
    pub totals: Totals,
    /// Every line can be ordered as it stands.
    pub orderable: bool,
}

impl Quote {
    pub fn item_count(&self) -> u32 {
        self.lines.iter().map(|l| l.quantity.get()).sum()
    }
}

/// Total number of units in a cart (the header's badge).
pub fn unit_count(items: &[CartItem]) -> u32 {
    items.iter().map(|i| i.quantity.get()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, q: u32) -> CartItem {
        CartItem {
            variant_id: VariantId(id),
            quantity: Quantity::new(q).unwrap(),
            seen_price: None,
        }
    }

    #[test]
    fn merging_adds_quantities_and_keeps_order() {
        let merged = merge(vec![item(1, 2), item(2, 1)], vec![item(2, 3), item(3, 1)]);
        let got: Vec<_> = merged
            .iter()
            .map(|i| (i.variant_id.0, i.quantity.get()))
            .collect();
        assert_eq!(got, [(1, 2), (2, 4), (3, 1)]);
        assert_eq!(unit_count(&merged), 7);
    }

    #[test]
    fn quantities_are_capped_and_lines_bounded() {
        let merged = merge(vec![item(1, 90)], vec![item(1, 20)]);
        assert_eq!(merged[0].quantity.get(), Quantity::MAX);
        let mut full: Vec<_> = (0..MAX_LINES as i64).map(|i| item(i, 1)).collect();
        assert!(!add_item(&mut full, item(999, 1)));
        assert!(
            add_item(&mut full, item(0, 1)),
            "an existing line may still grow"
        );
        assert_eq!(full.len(), MAX_LINES);
    }

    #[test]
    fn only_price_changes_let_checkout_go_on() {
        assert!(!LineProblem::PriceChanged {
            was: Money::cny(100)
        }
        .blocks_checkout());
        assert!(LineProblem::OutOfStock.blocks_checkout());
        assert!(LineProblem::NotEnoughStock { available: 1 }.blocks_checkout());
    }
}
