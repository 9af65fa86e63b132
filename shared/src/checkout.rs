//! Placing an order: what the shop front sends and what it gets back. Only ids, quantities
//! and choices travel from the client; every price is looked up again on the server.

use crate::ids::VariantId;
use crate::money::Money;
use crate::orders::{OrderNumber, OrderStatus};
use crate::pricing::{Quantity, Totals};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// 货到付款: paid to the courier.
    CashOnDelivery,
    /// 银行转账: the order waits until staff mark it paid.
    BankTransfer,
    /// A hosted card gateway (the built-in sandbox in development).
    Card,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 3] = [
        PaymentMethod::CashOnDelivery,
        PaymentMethod::BankTransfer,
        PaymentMethod::Card,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::CashOnDelivery => "cash_on_delivery",
            PaymentMethod::BankTransfer => "bank_transfer",
            PaymentMethod::Card => "card",
        }
    }

    pub fn parse(text: &str) -> Option<PaymentMethod> {
        Self::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// Where a new order with this payment method starts.
    pub fn initial_status(self) -> OrderStatus {
        match self {
            // nothing to wait for: the warehouse can start
            PaymentMethod::CashOnDelivery => OrderStatus::Processing,
            PaymentMethod::BankTransfer | PaymentMethod::Card => OrderStatus::PendingPayment,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLineRequest {
    pub variant_id: VariantId,
    pub quantity: Quantity,
}

/// Where the parcel goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Address {
    /// Mainland China: a six-digit GB/T 2260 district code, then street and number.
    China {
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 50))]
        recipient: String,
        /// A mainland mobile number: 11 digits starting with 1, optionally `+86`; spaces and
        /// hyphens are ignored.
        phone: String,
        /// The district's six-digit GB/T 2260 code.
        #[cfg_attr(feature = "openapi", schema(pattern = r"^[1-9][0-9]{5}$"))]
        division_code: String,
        /// Street, number, building, flat.
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
        detail: String,
    },
    International {
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
        recipient: String,
        /// 6 to 16 digits, with any punctuation.
        phone: String,
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60))]
        country: String,
        /// The address lines.
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 400))]
        lines: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressProblem {
    RecipientMissing,
    InvalidMobile,
    InvalidPhone,
    InvalidDivision,
    DetailMissing,
    CountryMissing,
    /// A text is longer than its limit (the problem's `field` says which).
    TooLong,
}

impl fmt::Display for AddressProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AddressProblem::RecipientMissing => "the recipient's name is missing",
            AddressProblem::InvalidMobile => {
                "a mainland mobile number has 11 digits and starts with 1"
            }
            AddressProblem::InvalidPhone => "the phone number is not valid",
            AddressProblem::InvalidDivision => "choose a province, city and district",
            AddressProblem::DetailMissing => "the street address is missing",
            AddressProblem::CountryMissing => "the country is missing",
            AddressProblem::TooLong => "this text is too long",
        })
    }
}

/// A mainland mobile number: 11 digits starting with 1, optionally written `+86` / `86`.
/// Returns the 11 digits.
pub fn parse_cn_mobile(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let digits = digits
        .strip_prefix("+86")
        .or_else(|| digits.strip_prefix("0086"))
        .unwrap_or(&digits);
    let ok = digits.len() == 11
        && digits.starts_with('1')
        && matches!(digits.as_bytes()[1], b'3'..=b'9')
        && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| digits.to_string())
}

/// A required text of at most `max` characters: `missing` when empty, too long past `max`.
fn filled(
    text: &str,
    max: usize,
    field: &'static str,
    missing: AddressProblem,
) -> Result<(), (AddressProblem, &'static str)> {
    match text.trim().chars().count() {
        0 => Err((missing, field)),
        n if n > max => Err((AddressProblem::TooLong, field)),
        _ => Ok(()),
    }
}

impl AddressProblem {
    /// The address field the problem is about.
    pub fn field(self) -> &'static str {
        match self {
            AddressProblem::RecipientMissing => "address.recipient",
            AddressProblem::InvalidMobile | AddressProblem::InvalidPhone => "address.phone",
            AddressProblem::InvalidDivision => "address.division_code",
            AddressProblem::DetailMissing => "address.detail",
            AddressProblem::CountryMissing => "address.country",
            AddressProblem::TooLong => "address",
        }
    }
}

impl Address {
    /// Where the parcel goes, as the delivery rates see it.
    pub fn destination(&self) -> crate::shipping::Destination {
        use crate::shipping::Destination;
        match self {
            Address::China { division_code, .. } => Destination::China {
                division_code: division_code.clone(),
            },
            Address::International { country, .. } => Destination::International {
                country: country.clone(),
            },
        }
    }

    /// Checks the address; returns it trimmed (mobile numbers normalised).
    pub fn validate(&self) -> Result<Address, AddressProblem> {
        self.check().map_err(|(p, _)| p)
    }

    /// As `validate`, naming the field at fault (`address.recipient`, …).
    pub fn check(&self) -> Result<Address, (AddressProblem, &'static str)> {
        use AddressProblem::*;
        match self {
            Address::China {
                recipient,
                phone,
                division_code,
                detail,
            } => {
                filled(recipient, 50, "address.recipient", RecipientMissing)?;
                let phone = parse_cn_mobile(phone).ok_or((InvalidMobile, "address.phone"))?;
                let code = division_code.trim();
                if code.len() != 6
                    || !code.bytes().all(|b| b.is_ascii_digit())
                    || code.starts_with('0')
                {
                    return Err((InvalidDivision, "address.division_code"));
                }
                filled(detail, 200, "address.detail", DetailMissing)?;
                Ok(Address::China {
                    recipient: recipient.trim().into(),
                    phone,
                    division_code: code.into(),
                    detail: detail.trim().into(),
                })
            }
            Address::International {
                recipient,
                phone,
                country,
                lines,
            } => {
                filled(recipient, 100, "address.recipient", RecipientMissing)?;
                let digits = phone.chars().filter(char::is_ascii_digit).count();
                if !(6..=16).contains(&digits) {
                    return Err((InvalidPhone, "address.phone"));
                }
                filled(country, 60, "address.country", CountryMissing)?;
                filled(lines, 400, "address.lines", DetailMissing)?;
                Ok(Address::International {
                    recipient: recipient.trim().into(),
                    phone: phone.trim().into(),
                    country: country.trim().into(),
                    lines: lines.trim().into(),
                })
            }
        }
    }
}

/// `POST /api/v1/store/orders`, with an `Idempotency-Key` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceOrder {
    /// 1 to 50 lines.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 50))]
    pub lines: Vec<OrderLineRequest>,
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    pub address: Address,
    /// The code of one of the delivery methods (`GET /api/v1/store/shipping-methods`).
    pub shipping_method: String,
    pub payment_method: PaymentMethod,
    /// A coupon code: 3 to 32 letters, digits and hyphens (case does not matter).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub coupon_code: Option<String>,
    /// A signed-in customer keeps the address for next time.
    #[serde(default)]
    pub save_address: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderPlaced {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub number: OrderNumber,
    pub status: OrderStatus,
    pub payment_method: PaymentMethod,
    pub totals: Totals,
    /// Coupon discount, when one applied.
    pub coupon_code: Option<String>,
    /// The payment deadline (ms since the epoch) of orders that wait for payment.
    pub pay_by: Option<i64>,
    /// The secret that lets the buyer (even a guest) pay for and view this order.
    pub access_token: String,
}

/// An order as its buyer sees it (`GET /api/v1/store/orders/{number}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderView {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub number: OrderNumber,
    pub status: OrderStatus,
    pub payment_method: PaymentMethod,
    pub shipping_method: String,
    pub created_at: i64,
    pub pay_by: Option<i64>,
    pub totals: Totals,
    pub coupon_code: Option<String>,
    pub address: Address,
    /// "上海市 浦东新区" for a Chinese address.
    #[serde(default)]
    pub region: Option<String>,
    pub lines: Vec<OrderLineView>,
}

/// An address of the customer's address book (those shipped to, and those they added),
/// offered at checkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedAddress {
    pub id: i64,
    pub address: Address,
    pub region: Option<String>,
    /// The one checkout fills in first.
    #[serde(default)]
    pub is_default: bool,
}

/// `POST /api/v1/store/account/addresses` and `PUT …/addresses/{id}`: an address for the
/// address book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveAddress {
    pub address: Address,
    /// Make it the default.
    #[serde(default)]
    pub default: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLineView {
    /// The variant ordered (a re-order puts it back in the cart).
    pub variant: crate::ids::VariantId,
    pub sku: String,
    pub name: crate::catalog::Localized,
    /// The product's first picture now, its colour and size, and its page (`None` once the
    /// product is gone from the catalogue).
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub color: Option<crate::catalog::Localized>,
    #[serde(default)]
    pub size: Option<String>,
    #[serde(default)]
    pub slug: Option<String>,
    pub unit_price: Money,
    pub quantity: i64,
    pub line_total: Money,
}

/// A shipping method as checkout lists it, with its price for the given destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShippingOption {
    pub code: String,
    pub name: crate::catalog::Localized,
    pub price: Option<Money>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles() {
        assert_eq!(
            parse_cn_mobile("+86 138-0013-8000").as_deref(),
            Some("13800138000")
        );
        assert_eq!(
            parse_cn_mobile("13800138000").as_deref(),
            Some("13800138000")
        );
        for bad in [
            "",
            "1380013800",
            "23800138000",
            "12800138000",
            "1380013800a",
            "+1 650 555 0100",
        ] {
            assert_eq!(parse_cn_mobile(bad), None, "{bad}");
        }
    }

    #[test]
    fn addresses() {
        let ok = Address::China {
            recipient: " 李雷 ".into(),
            phone: "+86 13800138000".into(),
            division_code: "310115".into(),
            detail: "世纪大道 100 号".into(),
        };
        let v = ok.validate().unwrap();
        assert!(
            matches!(v, Address::China { ref phone, ref recipient, .. } if phone == "13800138000" && recipient == "李雷")
        );
        let bad_code = Address::China {
            recipient: "李雷".into(),
            phone: "13800138000".into(),
            division_code: "31011".into(),
            detail: "x".into(),
        };
        assert_eq!(bad_code.validate(), Err(AddressProblem::InvalidDivision));
        let intl = Address::International {
            recipient: "Ann".into(),
            phone: "+44 20 7946 0000".into(),
            country: "GB".into(),
            lines: "1 High St, London".into(),
        };
        assert!(intl.validate().is_ok());
    }

    #[test]
    fn payment_methods() {
        assert_eq!(
            PaymentMethod::CashOnDelivery.initial_status(),
            OrderStatus::Processing
        );
        assert_eq!(
            PaymentMethod::Card.initial_status(),
            OrderStatus::PendingPayment
        );
        for m in PaymentMethod::ALL {
            assert_eq!(PaymentMethod::parse(m.as_str()), Some(m));
        }
    }
}
