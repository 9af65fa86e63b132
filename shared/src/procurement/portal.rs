//! The supplier portal (供应商门户, `/supplier`): what a supplier's own staff send and
//! read. They see only their company's purchase orders from the moment each is sent;
//! they confirm one (with the date they promise per line) or propose other quantities
//! (the order goes back to the buyer as a draft), later move an expected date, and
//! announce shipments (advance shipping notices, 发货通知) with the units of each line.

use super::orders::PurchaseOrderStatus;
use crate::catalog::Localized;
use crate::coded;
use crate::ids::VariantId;
use crate::money::{Currency, Money};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most shipments announced against one purchase order.
pub const MAX_SHIPMENTS: usize = 50;
/// The longest carrier name or tracking number.
pub const CARRIER_MAX: usize = 60;
/// A promised date at most two years ahead (milliseconds).
pub const MAX_AHEAD_MS: i64 = 2 * 366 * 86_400_000;

/// The signed-in supplier account, as `GET /api/v1/supplier/me` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierMe {
    pub account: i64,
    pub email: String,
    pub display_name: String,
    pub supplier: i64,
    pub supplier_code: String,
    pub supplier_name: String,
}

/// `POST /api/v1/supplier/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierLogin {
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 1024))]
    pub password: String,
}

/// `POST /api/v1/supplier/auth/accept`: the invitation's token and the password chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptSupplierInvitation {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub token: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 1024))]
    pub password: String,
}

/// `POST /api/v1/admin/suppliers/{id}/accounts`: someone of the supplier's own staff, who
/// is sent an invitation to choose a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSupplierAccount {
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub display_name: String,
}

/// A supplier's account as the back office lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierAccountView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    /// They chose a password (else the invitation is still open).
    pub joined: bool,
    pub active: bool,
}

/// One line as the supplier confirms it: the units they will deliver and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmLine {
    pub variant: VariantId,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000000))]
    pub quantity: i64,
    /// The day they promise it at the shop's warehouse (unix milliseconds).
    pub promised_at: i64,
}

/// `POST /api/v1/supplier/purchase-orders/{id}/confirm`: every line of the order, once.
/// All as ordered: confirmed. Any other quantity: a proposal, back to the buyer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmOrder {
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 200))]
    pub lines: Vec<ConfirmLine>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: String,
}

/// A line's new expected date (the first promise is kept beside it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineDate {
    pub variant: VariantId,
    pub expected_at: i64,
}

/// `POST /api/v1/supplier/purchase-orders/{id}/dates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveDates {
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 200))]
    pub lines: Vec<LineDate>,
}

/// Units of one line in a shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipmentLine {
    pub variant: VariantId,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000000))]
    pub quantity: i64,
}

/// `POST /api/v1/supplier/purchase-orders/{id}/shipments`: an advance shipping notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnnounceShipment {
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 200))]
    pub lines: Vec<ShipmentLine>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub carrier: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub tracking: String,
    /// When it should reach the warehouse (unix milliseconds).
    pub arrives_at: i64,
}

coded! {
    /// Where an advance shipping notice is.
    pub enum AsnStatus {
        /// 已发货: on its way.
        Announced => "announced",
        /// 已到货: the warehouse received against it.
        Received => "received",
    }
}

/// An advance shipping notice as both sides read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AsnView {
    pub id: i64,
    /// `ASN-000012`.
    pub number: String,
    pub status: AsnStatus,
    pub carrier: String,
    pub tracking: String,
    pub shipped_at: i64,
    pub arrives_at: i64,
    pub lines: Vec<AsnLineView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AsnLineView {
    pub variant: VariantId,
    pub sku: String,
    pub quantity: i64,
}

/// A line of a purchase order as its supplier reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierLineView {
    pub variant: VariantId,
    pub sku: String,
    pub name: Localized,
    pub quantity: i64,
    pub unit_cost: Money,
    pub amount: Money,
    /// The other quantity they proposed, while the buyer has not answered.
    pub proposed_quantity: Option<i64>,
    pub promised_at: Option<i64>,
    pub expected_at: Option<i64>,
    /// Units announced in shipments so far.
    pub announced: i64,
    pub received: i64,
}

/// A purchase order in the supplier's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierOrderSummary {
    pub id: i64,
    pub number: String,
    pub status: PurchaseOrderStatus,
    pub total: Money,
    pub sent_at: Option<i64>,
    pub expected_at: Option<i64>,
    pub warehouse_name: Localized,
}

/// A purchase order as its supplier reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierOrderView {
    pub id: i64,
    pub number: String,
    pub status: PurchaseOrderStatus,
    pub currency: Currency,
    pub total: Money,
    pub note: String,
    pub sent_at: Option<i64>,
    pub warehouse_name: Localized,
    pub warehouse_address: String,
    pub lines: Vec<SupplierLineView>,
    pub shipments: Vec<AsnView>,
    /// The steps of the order (statuses and facts), without the shop's staff names.
    pub events: Vec<crate::orders::EventView>,
}

/// The rules of the portal, each with the code the portal translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PortalProblem {
    /// The e-mail or the password is wrong.
    InvalidCredentials,
    /// The invitation link is unknown, used or expired.
    InvitationInvalid,
    /// Only an order sent and not yet confirmed is confirmed.
    NotAwaitingConfirmation,
    /// Every line of the order once, and only those.
    LinesMismatch,
    /// A quantity of 0 to 1,000,000.
    QuantityInvalid,
    /// A date before today or more than two years ahead.
    DateInvalid,
    /// Dates move and shipments go only once the order is confirmed and until all arrived.
    NotOpen,
    /// More units announced than ordered and not yet announced.
    TooMany,
    /// A carrier or tracking number longer than 60 characters.
    TooLong,
    /// At most 50 shipments per order.
    TooManyShipments,
    /// The same item twice.
    ItemRepeated,
}

impl PortalProblem {
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            PortalProblem::NotAwaitingConfirmation
                | PortalProblem::NotOpen
                | PortalProblem::TooManyShipments
        )
    }
}

impl fmt::Display for PortalProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PortalProblem::InvalidCredentials => "The e-mail or the password is wrong",
            PortalProblem::InvitationInvalid => "This invitation link is unknown, used or expired",
            PortalProblem::NotAwaitingConfirmation => {
                "Only a purchase order sent and not yet confirmed is confirmed"
            }
            PortalProblem::LinesMismatch => "Name every line of the order once, and only those",
            PortalProblem::QuantityInvalid => "A quantity is 0 to 1,000,000 units",
            PortalProblem::DateInvalid => "A date is from today to two years ahead",
            PortalProblem::NotOpen => {
                "Dates move and shipments go once the order is confirmed, until everything arrived"
            }
            PortalProblem::TooMany => "More units than ordered and not yet announced",
            PortalProblem::TooLong => "A carrier or tracking number is at most 60 characters",
            PortalProblem::TooManyShipments => "At most 50 shipments per purchase order",
            PortalProblem::ItemRepeated => "This item is named twice",
        })
    }
}

/// A problem and the request field it concerns.
pub type PortalFault = (PortalProblem, String);

/// What a confirmation does: `Ok(true)` all as ordered (confirmed), `Ok(false)` another
/// quantity somewhere (a proposal). `ordered` is the order's lines (item, units); `today`
/// the start of the shop's day (milliseconds).
pub fn check_confirmation(
    ordered: &[(VariantId, i64)],
    c: &ConfirmOrder,
    today: i64,
) -> Result<bool, PortalFault> {
    if c.lines.len() != ordered.len() {
        return Err((PortalProblem::LinesMismatch, "lines".into()));
    }
    if c.note.chars().count() > 500 {
        return Err((PortalProblem::TooLong, "note".into()));
    }
    let mut as_ordered = true;
    for (i, l) in c.lines.iter().enumerate() {
        if c.lines[..i].iter().any(|o| o.variant == l.variant) {
            return Err((PortalProblem::ItemRepeated, format!("lines[{i}].variant")));
        }
        let Some((_, units)) = ordered.iter().find(|(v, _)| *v == l.variant) else {
            return Err((PortalProblem::LinesMismatch, format!("lines[{i}].variant")));
        };
        if !(0..=1_000_000).contains(&l.quantity) {
            return Err((
                PortalProblem::QuantityInvalid,
                format!("lines[{i}].quantity"),
            ));
        }
        check_date(l.promised_at, today).map_err(|p| (p, format!("lines[{i}].promised_at")))?;
        as_ordered &= l.quantity == *units;
    }
    Ok(as_ordered)
}

/// A date from `today` to two years ahead.
pub fn check_date(at: i64, today: i64) -> Result<(), PortalProblem> {
    if at < today || at > today.saturating_add(MAX_AHEAD_MS) {
        Err(PortalProblem::DateInvalid)
    } else {
        Ok(())
    }
}

/// A shipment's lines against what is still to announce per item (`open`: item, units
/// ordered less units announced), or the first thing wrong.
pub fn check_shipment(
    open: &[(VariantId, i64)],
    s: &AnnounceShipment,
    today: i64,
) -> Result<(), PortalFault> {
    if s.lines.is_empty() || s.lines.len() > 200 {
        return Err((PortalProblem::LinesMismatch, "lines".into()));
    }
    if s.carrier.chars().count() > CARRIER_MAX {
        return Err((PortalProblem::TooLong, "carrier".into()));
    }
    if s.tracking.chars().count() > CARRIER_MAX {
        return Err((PortalProblem::TooLong, "tracking".into()));
    }
    check_date(s.arrives_at, today).map_err(|p| (p, "arrives_at".to_string()))?;
    for (i, l) in s.lines.iter().enumerate() {
        if s.lines[..i].iter().any(|o| o.variant == l.variant) {
            return Err((PortalProblem::ItemRepeated, format!("lines[{i}].variant")));
        }
        let Some((_, left)) = open.iter().find(|(v, _)| *v == l.variant) else {
            return Err((PortalProblem::LinesMismatch, format!("lines[{i}].variant")));
        };
        if !(1..=1_000_000).contains(&l.quantity) {
            return Err((
                PortalProblem::QuantityInvalid,
                format!("lines[{i}].quantity"),
            ));
        }
        if l.quantity > *left {
            return Err((PortalProblem::TooMany, format!("lines[{i}].quantity")));
        }
    }
    Ok(())
}

/// `ASN-000012`: a shipping notice's number from its id.
pub fn asn_number(id: i64) -> String {
    format!("ASN-{id:06}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: i64 = 1_800_000_000_000;

    fn confirm(lines: &[(i64, i64)]) -> ConfirmOrder {
        ConfirmOrder {
            lines: lines
                .iter()
                .map(|(v, q)| ConfirmLine {
                    variant: VariantId(*v),
                    quantity: *q,
                    promised_at: TODAY + 86_400_000,
                })
                .collect(),
            note: String::new(),
        }
    }

    #[test]
    fn all_as_ordered_confirms_and_another_quantity_proposes() {
        let ordered = [(VariantId(1), 10), (VariantId(2), 5)];
        assert_eq!(
            check_confirmation(&ordered, &confirm(&[(2, 5), (1, 10)]), TODAY),
            Ok(true)
        );
        assert_eq!(
            check_confirmation(&ordered, &confirm(&[(1, 8), (2, 5)]), TODAY),
            Ok(false)
        );
        assert_eq!(
            check_confirmation(&ordered, &confirm(&[(1, 10)]), TODAY),
            Err((PortalProblem::LinesMismatch, "lines".into()))
        );
        assert_eq!(
            check_confirmation(&ordered, &confirm(&[(1, 10), (1, 10)]), TODAY),
            Err((PortalProblem::ItemRepeated, "lines[1].variant".into()))
        );
        let mut past = confirm(&[(1, 10), (2, 5)]);
        past.lines[1].promised_at = TODAY - 1;
        assert_eq!(
            check_confirmation(&ordered, &past, TODAY),
            Err((PortalProblem::DateInvalid, "lines[1].promised_at".into()))
        );
    }

    #[test]
    fn a_shipment_announces_at_most_what_is_left() {
        let open = [(VariantId(1), 4)];
        let ship = |q: i64| AnnounceShipment {
            lines: vec![ShipmentLine {
                variant: VariantId(1),
                quantity: q,
            }],
            carrier: "顺丰".into(),
            tracking: "SF123".into(),
            arrives_at: TODAY,
        };
        assert_eq!(check_shipment(&open, &ship(4), TODAY), Ok(()));
        assert_eq!(
            check_shipment(&open, &ship(5), TODAY),
            Err((PortalProblem::TooMany, "lines[0].quantity".into()))
        );
        assert_eq!(
            check_shipment(&open, &ship(0), TODAY),
            Err((PortalProblem::QuantityInvalid, "lines[0].quantity".into()))
        );
        assert_eq!(asn_number(12), "ASN-000012");
    }
}
