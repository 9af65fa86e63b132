//! What the back office sends and reads of purchase suggestions and purchase orders, and
//! the checks of a draft's lines. Prices are never sent: a line costs what the supplier's
//! list says when it is written.

use super::orders::{PurchaseOrderStatus, SendRefusal};
use crate::catalog::Localized;
use crate::ids::{VariantId, WarehouseId};
use crate::money::{Currency, Money};
use crate::orders::EventView;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most lines one purchase order has.
pub const MAX_LINES: usize = 200;
/// The most units of one line.
pub const MAX_QUANTITY: i64 = 1_000_000;
/// The longest note on a purchase order.
pub const NOTE_MAX: usize = 500;
/// Approval by finance is asked above this total unless the shop sets another (¥50,000).
pub const DEFAULT_APPROVAL_THRESHOLD: i64 = 5_000_000;

/// One suggested purchase (采购建议): the item's position and what to buy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuggestionView {
    pub variant: VariantId,
    pub sku: String,
    pub name: Localized,
    pub raw_material: bool,
    /// All warehouses together.
    pub on_hand: i64,
    pub reserved: i64,
    /// Wanted beyond what is held (materials of planned production).
    pub open_demand: i64,
    /// On purchase orders sent or confirmed, not yet received.
    pub on_order: i64,
    /// The item's reorder point: the sum of its warehouses'.
    pub reorder_point: i64,
    pub used_30_days: i64,
    pub supplier: i64,
    pub supplier_name: String,
    pub quantity: i64,
    pub unit_cost: Money,
    pub amount: Money,
    /// Order by then (unix milliseconds)…
    pub order_by: i64,
    /// …and it arrives then, ordered now.
    pub arrives_by: i64,
    /// The shelf is empty before an order placed now arrives.
    pub urgent: bool,
}

/// A line of a draft: an item on the supplier's list and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseLineDraft {
    pub variant: VariantId,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000000))]
    pub quantity: i64,
}

/// `POST /api/v1/admin/purchase-orders`, `PUT …/{id}` (a draft only): the supplier, the
/// warehouse the goods go to, the lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseOrderDraft {
    pub supplier: i64,
    pub warehouse: WarehouseId,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 200))]
    pub lines: Vec<PurchaseLineDraft>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: String,
}

/// `POST /api/v1/admin/purchase-orders/from-suggestions`: the suggestions chosen (each
/// with the quantity wanted, which may differ from the one suggested); one draft per
/// supplier, for `warehouse`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FromSuggestions {
    pub warehouse: WarehouseId,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 200))]
    pub lines: Vec<ChosenSuggestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChosenSuggestion {
    pub supplier: i64,
    pub variant: VariantId,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000000))]
    pub quantity: i64,
}

/// `POST …/{id}/cancel`: why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelPurchase {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
}

/// The list's filter (`GET /api/v1/admin/purchase-orders`), as it travels in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PurchaseOrderQuery {
    /// Only purchase orders in this status.
    #[cfg_attr(feature = "openapi", param(inline))]
    pub status: Option<PurchaseOrderStatus>,
}

/// A purchase order in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseOrderSummary {
    pub id: i64,
    /// `PO-000123`.
    pub number: String,
    pub status: PurchaseOrderStatus,
    pub supplier: i64,
    pub supplier_name: String,
    pub warehouse_name: Localized,
    pub total: Money,
    pub lines: i64,
    pub created_at: i64,
    /// The latest expected arrival of its lines, once sent.
    pub expected_at: Option<i64>,
    /// Some line is expected before now and not all there.
    pub late: bool,
    /// It waits for finance's approval before it may be sent.
    pub awaiting_approval: bool,
}

/// A line of a purchase order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseLineView {
    pub variant: VariantId,
    pub sku: String,
    pub name: Localized,
    pub quantity: i64,
    pub unit_cost: Money,
    pub amount: Money,
    /// The date the supplier first promised (kept beside any later change)…
    pub promised_at: Option<i64>,
    /// …and the arrival expected now.
    pub expected_at: Option<i64>,
    /// The other quantity the supplier proposed, while the draft has not been changed.
    pub proposed_quantity: Option<i64>,
    /// Units the supplier announced in shipments.
    pub announced: i64,
    pub received: i64,
}

/// Who the purchase order goes to, as printed on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseParty {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub payment_terms_days: i64,
}

/// A purchase order with its lines and history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseOrderView {
    pub id: i64,
    pub number: String,
    pub status: PurchaseOrderStatus,
    pub supplier: PurchaseParty,
    pub warehouse: WarehouseId,
    pub warehouse_name: Localized,
    pub currency: Currency,
    pub lines: Vec<PurchaseLineView>,
    pub total: Money,
    pub note: String,
    pub created_at: i64,
    /// Who wrote the lines last (the approver must be someone else).
    pub written_by: String,
    pub approved_by: Option<String>,
    pub approved_at: Option<i64>,
    pub sent_at: Option<i64>,
    /// Its total is above the shop's threshold: finance approves before it is sent.
    pub needs_approval: bool,
    pub approval_threshold: Money,
    /// The supplier's advance shipping notices.
    pub shipments: Vec<super::portal::AsnView>,
    pub events: Vec<EventView>,
}

/// `GET`/`PUT /api/v1/admin/procurement/settings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcurementSettings {
    /// Purchase orders above this total (minor units of the shop's currency) need finance's
    /// approval; 0 asks it of every order.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100000000000_i64))]
    pub approval_threshold: i64,
}

/// The rules of purchase orders, each with the code the back office translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PurchaseProblem {
    /// A purchase order has at least one line…
    NoLines,
    /// …and at most 200.
    TooManyLines,
    /// A line is 1 to 1,000,000 units.
    QuantityInvalid,
    /// The same item twice.
    ItemRepeated,
    /// The item is not on this supplier's list.
    NotOffered,
    /// No active supplier has this id.
    SupplierUnknown,
    /// No warehouse has this id.
    Warehouse,
    /// The note is longer than 500 characters.
    NoteTooLong,
    /// A reason is 1 to 500 characters.
    ReasonInvalid,
    /// A threshold of 0 to 1,000,000,000.00.
    ThresholdInvalid,
    /// Only a draft is changed, approved or sent.
    NotDraft,
    /// It does not need approval.
    NoApprovalNeeded,
    /// It needs finance's approval before it is sent.
    NotApproved,
    /// Its writer may not approve it: approval is a second person's.
    ApprovedByWriter,
    /// It can no longer be cancelled (goods have arrived).
    NotCancellable,
}

impl PurchaseProblem {
    /// Whether the problem is the order's state rather than the request's content (409).
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            PurchaseProblem::NotDraft
                | PurchaseProblem::NoApprovalNeeded
                | PurchaseProblem::NotApproved
                | PurchaseProblem::ApprovedByWriter
                | PurchaseProblem::NotCancellable
        )
    }
}

impl From<SendRefusal> for PurchaseProblem {
    fn from(r: SendRefusal) -> Self {
        match r {
            SendRefusal::Empty => PurchaseProblem::NoLines,
            SendRefusal::NotApproved => PurchaseProblem::NotApproved,
            SendRefusal::ApprovedByWriter => PurchaseProblem::ApprovedByWriter,
        }
    }
}

impl fmt::Display for PurchaseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PurchaseProblem::NoLines => "a purchase order has at least one line",
            PurchaseProblem::TooManyLines => "a purchase order has at most 200 lines",
            PurchaseProblem::QuantityInvalid => "a line is 1 to 1,000,000 units",
            PurchaseProblem::ItemRepeated => "this item is on the order twice",
            PurchaseProblem::NotOffered => "this item is not on the supplier's list",
            PurchaseProblem::SupplierUnknown => "there is no such active supplier",
            PurchaseProblem::Warehouse => "there is no such warehouse",
            PurchaseProblem::NoteTooLong => "the note is longer than 500 characters",
            PurchaseProblem::ReasonInvalid => "say why, in at most 500 characters",
            PurchaseProblem::ThresholdInvalid => "the threshold is 0 to 1,000,000,000.00",
            PurchaseProblem::NotDraft => "only a draft purchase order is changed, approved or sent",
            PurchaseProblem::NoApprovalNeeded => "this purchase order needs no approval",
            PurchaseProblem::NotApproved => {
                "this purchase order needs finance's approval before it is sent"
            }
            PurchaseProblem::ApprovedByWriter => {
                "who wrote a purchase order does not approve it: a second person does"
            }
            PurchaseProblem::NotCancellable => {
                "goods have arrived against this purchase order: it can no longer be cancelled"
            }
        })
    }
}

/// A problem and the request field it concerns.
pub type PurchaseFault = (PurchaseProblem, String);

/// The lines as written, or the first thing wrong (`lines[i].field`).
pub fn check_lines(lines: &[PurchaseLineDraft]) -> Result<(), PurchaseFault> {
    if lines.is_empty() {
        return Err((PurchaseProblem::NoLines, "lines".into()));
    }
    if lines.len() > MAX_LINES {
        return Err((PurchaseProblem::TooManyLines, "lines".into()));
    }
    for (i, l) in lines.iter().enumerate() {
        if !(1..=MAX_QUANTITY).contains(&l.quantity) {
            return Err((
                PurchaseProblem::QuantityInvalid,
                format!("lines[{i}].quantity"),
            ));
        }
        if lines[..i].iter().any(|o| o.variant == l.variant) {
            return Err((PurchaseProblem::ItemRepeated, format!("lines[{i}].variant")));
        }
    }
    Ok(())
}

/// A draft as stored (its note trimmed), or the first thing wrong.
pub fn check_draft(d: &PurchaseOrderDraft) -> Result<PurchaseOrderDraft, PurchaseFault> {
    check_lines(&d.lines)?;
    let note = d.note.trim();
    if d.note.chars().count() > NOTE_MAX {
        return Err((PurchaseProblem::NoteTooLong, "note".into()));
    }
    Ok(PurchaseOrderDraft {
        note: note.to_string(),
        ..d.clone()
    })
}

/// `PO-000123`: a purchase order's number from its id.
pub fn number(id: i64) -> String {
    format!("PO-{id:06}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(variant: i64, quantity: i64) -> PurchaseLineDraft {
        PurchaseLineDraft {
            variant: VariantId(variant),
            quantity,
        }
    }

    #[test]
    fn lines_are_checked_where_they_are() {
        assert_eq!(
            check_lines(&[]),
            Err((PurchaseProblem::NoLines, "lines".into()))
        );
        assert_eq!(
            check_lines(&[line(1, 5), line(2, 0)]),
            Err((PurchaseProblem::QuantityInvalid, "lines[1].quantity".into()))
        );
        assert_eq!(
            check_lines(&[line(1, 5), line(1, 2)]),
            Err((PurchaseProblem::ItemRepeated, "lines[1].variant".into()))
        );
        let many: Vec<_> = (0..201).map(|i| line(i, 1)).collect();
        assert_eq!(
            check_lines(&many),
            Err((PurchaseProblem::TooManyLines, "lines".into()))
        );
        assert_eq!(check_lines(&[line(1, 5), line(2, MAX_QUANTITY)]), Ok(()));
    }

    #[test]
    fn a_number_has_six_digits() {
        assert_eq!(number(123), "PO-000123");
        assert_eq!(number(1_234_567), "PO-1234567");
    }

    #[test]
    fn state_problems_are_conflicts() {
        assert!(PurchaseProblem::NotApproved.is_conflict());
        assert!(!PurchaseProblem::NotOffered.is_conflict());
        assert_eq!(
            PurchaseProblem::from(SendRefusal::Empty),
            PurchaseProblem::NoLines
        );
    }
}
