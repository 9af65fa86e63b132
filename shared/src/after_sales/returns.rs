//! Returns and exchanges (退换货): what a customer may send back, and the life of a return
//! from request to refund or replacement.

use crate::coded;
use crate::status::Status;
use serde::{Deserialize, Serialize};
use std::fmt;

coded! {
    /// Where a return is. Every change asks [`ReturnStatus::can_transition`] and writes a
    /// return event (`server::db::status`), which is also the customer's timeline.
    pub enum ReturnStatus {
        /// 已申请: the customer asked; customer service decides.
        Requested => "requested",
        /// 已同意: the customer sends the goods back.
        Approved => "approved",
        /// 已拒绝, with the reason.
        Rejected => "rejected",
        /// 已收货: the goods arrived at a warehouse.
        Received => "received",
        /// 已质检: each unit restocked, scrapped or kept for the supplier.
        Inspected => "inspected",
        /// 已退款 (back to inspected should the gateway refuse the refund)
        Refunded => "refunded",
        /// 已换货: a replacement order was made.
        Exchanged => "exchanged",
        /// 已关闭: withdrawn by the customer, or closed by staff without a refund.
        Closed => "closed",
    }
}

impl ReturnStatus {
    pub fn can_transition(self, to: ReturnStatus) -> bool {
        use ReturnStatus::*;
        matches!(
            (self, to),
            (Requested, Approved | Rejected | Closed)
                | (Approved, Received | Closed)
                | (Received, Inspected)
                | (Inspected, Refunded | Exchanged | Closed)
                // the gateway refused the refund: it may be made again
                | (Refunded, Inspected)
                // the replacement order was cancelled: refund it, or send it again
                | (Exchanged, Inspected)
        )
    }

    /// Still being handled: its units count as on their way back.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            ReturnStatus::Rejected
                | ReturnStatus::Refunded
                | ReturnStatus::Exchanged
                | ReturnStatus::Closed
        )
    }
}

impl Status for ReturnStatus {
    fn as_str(self) -> &'static str {
        ReturnStatus::as_str(self)
    }

    fn parse(text: &str) -> Option<Self> {
        ReturnStatus::parse(text)
    }

    fn can_transition(self, to: Self) -> bool {
        ReturnStatus::can_transition(self, to)
    }
}

coded! {
    /// Why the customer sends it back (退货原因), kept per product for quality reports.
    pub enum ReturnReason {
        /// 质量问题
        Defective => "defective",
        /// 发错货
        WrongItem => "wrong_item",
        /// 与描述不符
        NotAsDescribed => "not_as_described",
        /// 运输损坏
        DamagedInTransit => "damaged_in_transit",
        /// 七天无理由
        ChangedMind => "changed_mind",
        /// 其他
        Other => "other",
    }
}

impl ReturnReason {
    /// The shop (or its supplier or carrier) was at fault: the delivery charge goes back
    /// with the last units (`after_sales::share`).
    pub fn shops_fault(self) -> bool {
        matches!(
            self,
            ReturnReason::Defective
                | ReturnReason::WrongItem
                | ReturnReason::NotAsDescribed
                | ReturnReason::DamagedInTransit
        )
    }
}

coded! {
    /// What the customer wants instead.
    pub enum Resolution {
        /// 退货退款
        Refund => "refund",
        /// 换货: another variant of the same product.
        Exchange => "exchange",
    }
}

coded! {
    /// What inspection decides for a returned unit (质检结果).
    pub enum Outcome {
        /// 重新上架: back to sellable stock.
        Restock => "restock",
        /// 报废
        Scrap => "scrap",
        /// 退回供应商
        ToSupplier => "to_supplier",
    }
}

/// The return window (七天无理由退货), in days after delivery, unless the shop sets another.
pub const DEFAULT_WINDOW_DAYS: i64 = 7;
/// At most this many photos with one return.
pub const MAX_PHOTOS: usize = 6;

/// One line the customer sends back: the order line's position (0-based, as the order
/// lists them) and how many of its units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnLineRequest {
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 49))]
    pub line: u32,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 99))]
    pub quantity: u32,
}

/// `POST /api/v1/store/orders/{number}/returns`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReturn {
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 50))]
    pub lines: Vec<ReturnLineRequest>,
    pub reason: ReturnReason,
    /// What happened, up to 500 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub comment: String,
    pub resolution: Resolution,
    /// For an exchange: the variant wanted instead (of the same product as the one line).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = 1))]
    pub exchange_for: Option<crate::ids::VariantId>,
    /// Photos uploaded for the order first (`POST /api/v1/store/orders/{number}/photos`):
    /// their keys, at most six.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub photos: Vec<String>,
}

/// One line of a return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnLineView {
    /// The order line's position (0-based).
    pub line: u32,
    pub sku: String,
    pub name: crate::catalog::Localized,
    pub quantity: i64,
    /// What inspection decided for its units (all zero before).
    pub restocked: i64,
    pub scrapped: i64,
    pub to_supplier: i64,
}

/// A return as its customer and staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnView {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub order: crate::orders::OrderNumber,
    pub status: ReturnStatus,
    pub reason: ReturnReason,
    pub comment: String,
    pub resolution: Resolution,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub exchange_for: Option<crate::ids::VariantId>,
    /// The SKU of the size or colour an exchange asked for.
    #[serde(default)]
    pub exchange_sku: Option<String>,
    /// Return instructions once approved, or why it was rejected or closed.
    pub staff_note: String,
    /// The customer's photos (their addresses under `/media/`).
    #[serde(default)]
    pub photos: Vec<String>,
    pub lines: Vec<ReturnLineView>,
    /// What it gives back by the rule (`after_sales::share`), and what went back.
    pub share: crate::money::Money,
    pub refunded: crate::money::Money,
    /// The warehouse it was received into.
    pub warehouse: Option<String>,
    /// The replacement order of an exchange.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub replacement: Option<crate::orders::OrderNumber>,
    pub created_at: i64,
    pub history: Vec<crate::orders::EventView>,
}

/// Another size or colour of a returned line's product, as the return form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExchangeOption {
    #[cfg_attr(feature = "openapi", schema(value_type = i64))]
    pub variant: crate::ids::VariantId,
    pub sku: String,
    pub color: Option<crate::catalog::Localized>,
    pub size: Option<String>,
}

/// The line an exchange gives back: its product, its variant and the unit price paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exchanged {
    pub product: i64,
    pub variant: crate::ids::VariantId,
    pub unit_paid: i64,
}

/// Whether `line` may be exchanged for variant `wanted`, whose product and price now are
/// `wanted_is` (none: not for sale): another size or colour of the same product, for sale,
/// at most at the price paid — an exchange charges nothing, so a dearer variant (a larger
/// capacity, say) is bought, not exchanged; a cheaper one gives nothing back.
pub fn check_exchange(
    line: Exchanged,
    wanted: crate::ids::VariantId,
    wanted_is: Option<(i64, i64)>,
) -> Result<(), ReturnProblem> {
    match wanted_is {
        Some((product, price))
            if wanted != line.variant && product == line.product && price <= line.unit_paid =>
        {
            Ok(())
        }
        _ => Err(ReturnProblem::Exchange),
    }
}

/// `POST /api/v1/store/orders/{number}/photos`: a picture for a return, stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UploadedPhoto {
    /// What a return names it by.
    pub key: String,
    /// Where it is shown.
    pub url: String,
}

/// `POST /api/v1/admin/returns/{id}/approve` (the instructions), `…/reject` and `…/close`
/// (the reason): 1 to 500 characters, shown to the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnDecision {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub note: String,
}

/// `POST /api/v1/admin/returns/{id}/receive`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiveReturn {
    #[cfg_attr(feature = "openapi", schema(value_type = i64, minimum = 1))]
    pub warehouse: crate::ids::WarehouseId,
}

/// What inspection found for one line's units: each unit one outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectedLine {
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 49))]
    pub line: u32,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 99))]
    pub restock: u32,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 99))]
    pub scrap: u32,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 99))]
    pub to_supplier: u32,
}

/// `POST /api/v1/admin/returns/{id}/inspect`: every line of the return, each unit judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectReturn {
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 50))]
    pub lines: Vec<InspectedLine>,
}

/// `POST /api/v1/admin/returns/{id}/refund`: what to give back, up to the return's share
/// (none: all of it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundReturn {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub amount: Option<i64>,
}

/// Whether an inspection judges each unit of the return's lines once: `lines` are the
/// return's lines as (order line position, units).
pub fn check_inspection(req: &InspectReturn, lines: &[(u32, i64)]) -> Result<(), ReturnProblem> {
    if req.lines.len() != lines.len() {
        return Err(ReturnProblem::Lines);
    }
    for (line, units) in lines {
        let mut judged = req.lines.iter().filter(|l| l.line == *line);
        let (Some(j), None) = (judged.next(), judged.next()) else {
            return Err(ReturnProblem::Lines);
        };
        if i64::from(j.restock) + i64::from(j.scrap) + i64::from(j.to_supplier) != *units {
            return Err(ReturnProblem::Quantity);
        }
    }
    Ok(())
}

/// One line of the order as a return sees it: units delivered, and units already in
/// other returns (open, refunded or exchanged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Returnable {
    pub delivered: i64,
    pub returned: i64,
}

/// Why a return cannot be asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnProblem {
    /// Nothing of the order has been delivered yet.
    NotDelivered,
    /// The window after delivery is over.
    WindowClosed,
    /// No line, or a line the order does not have, or one named twice.
    Lines,
    /// More units than were delivered and not returned already.
    Quantity,
    CommentTooLong,
    /// More than six photos, or one not uploaded for this order.
    Photos,
    /// An exchange is for one line, to another variant of the same product.
    Exchange,
}

impl ReturnProblem {
    /// The field at fault.
    pub fn field(self) -> &'static str {
        match self {
            ReturnProblem::NotDelivered | ReturnProblem::WindowClosed => "order",
            ReturnProblem::Lines | ReturnProblem::Quantity => "lines",
            ReturnProblem::CommentTooLong => "comment",
            ReturnProblem::Photos => "photos",
            ReturnProblem::Exchange => "exchange_for",
        }
    }
}

impl fmt::Display for ReturnProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReturnProblem::NotDelivered => "Nothing of this order has been delivered yet",
            ReturnProblem::WindowClosed => "The time to return this order is over",
            ReturnProblem::Lines => "Choose the items to return, each once",
            ReturnProblem::Quantity => "That is more than was delivered and not returned already",
            ReturnProblem::CommentTooLong => "The comment may have at most 500 characters",
            ReturnProblem::Photos => "At most 6 photos, each uploaded for this order",
            ReturnProblem::Exchange => {
                "An exchange is for one item, to another size or colour of it at no higher price"
            }
        })
    }
}

/// The last moment a return may be asked of an order delivered at `delivered_at`.
pub fn return_until(delivered_at: i64, window_days: i64) -> i64 {
    delivered_at + window_days * 24 * 60 * 60 * 1000
}

/// Whether a return (or a photo for one) may be asked at `now` of an order delivered at
/// `delivered_at` (none: not delivered yet).
pub fn check_window(
    delivered_at: Option<i64>,
    now: i64,
    window_days: i64,
) -> Result<(), ReturnProblem> {
    match delivered_at {
        None => Err(ReturnProblem::NotDelivered),
        Some(at) if now > return_until(at, window_days) => Err(ReturnProblem::WindowClosed),
        Some(_) => Ok(()),
    }
}

/// Whether `req` may be asked of an order delivered at `delivered_at` (milliseconds; none
/// when nothing was) with `lines` as they stand, at `now`, within `window_days`. The
/// exchange's variant is checked by the caller, who knows the catalogue.
pub fn check_return(
    req: &NewReturn,
    lines: &[Returnable],
    delivered_at: Option<i64>,
    now: i64,
    window_days: i64,
) -> Result<(), ReturnProblem> {
    check_window(delivered_at, now, window_days)?;
    if req.lines.is_empty() {
        return Err(ReturnProblem::Lines);
    }
    let mut seen = std::collections::BTreeSet::new();
    for l in &req.lines {
        let Some(line) = lines.get(l.line as usize) else {
            return Err(ReturnProblem::Lines);
        };
        if !seen.insert(l.line) {
            return Err(ReturnProblem::Lines);
        }
        if l.quantity == 0 || i64::from(l.quantity) > line.delivered - line.returned {
            return Err(ReturnProblem::Quantity);
        }
    }
    if req.comment.chars().count() > 500 {
        return Err(ReturnProblem::CommentTooLong);
    }
    if req.photos.len() > MAX_PHOTOS {
        return Err(ReturnProblem::Photos);
    }
    let exchange = req.resolution == Resolution::Exchange;
    if exchange != req.exchange_for.is_some() || (exchange && req.lines.len() != 1) {
        return Err(ReturnProblem::Exchange);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 24 * 60 * 60 * 1000;

    fn ask(lines: &[(u32, u32)]) -> NewReturn {
        NewReturn {
            lines: lines
                .iter()
                .map(|(line, quantity)| ReturnLineRequest {
                    line: *line,
                    quantity: *quantity,
                })
                .collect(),
            reason: ReturnReason::ChangedMind,
            comment: String::new(),
            resolution: Resolution::Refund,
            exchange_for: None,
            photos: vec![],
        }
    }

    #[test]
    fn an_exchange_is_for_another_variant_of_the_same_product_for_sale() {
        use crate::ids::VariantId;
        let line = Exchanged {
            product: 7,
            variant: VariantId(70),
            unit_paid: 19_900,
        };
        assert_eq!(
            check_exchange(line, VariantId(71), Some((7, 19_900))),
            Ok(())
        );
        assert_eq!(
            check_exchange(line, VariantId(72), Some((7, 9_900))),
            Ok(())
        );
        for (wanted, is) in [
            (VariantId(70), Some((7, 19_900))),
            (VariantId(81), Some((8, 19_900))),
            (VariantId(71), None),
            (VariantId(73), Some((7, 19_901))),
        ] {
            assert_eq!(
                check_exchange(line, wanted, is),
                Err(ReturnProblem::Exchange)
            );
        }
    }

    #[test]
    fn a_return_is_within_the_window_and_what_was_delivered() {
        let lines = [
            Returnable {
                delivered: 2,
                returned: 0,
            },
            Returnable {
                delivered: 1,
                returned: 1,
            },
        ];
        let at = Some(0);
        assert_eq!(
            check_return(&ask(&[(0, 2)]), &lines, at, 7 * DAY, 7),
            Ok(())
        );
        assert_eq!(
            check_return(&ask(&[(0, 1)]), &lines, at, 7 * DAY + 1, 7),
            Err(ReturnProblem::WindowClosed)
        );
        assert_eq!(
            check_return(&ask(&[(0, 1)]), &lines, None, 0, 7),
            Err(ReturnProblem::NotDelivered)
        );
        assert_eq!(
            check_return(&ask(&[(0, 3)]), &lines, at, 0, 7),
            Err(ReturnProblem::Quantity)
        );
        // returned already
        assert_eq!(
            check_return(&ask(&[(1, 1)]), &lines, at, 0, 7),
            Err(ReturnProblem::Quantity)
        );
        assert_eq!(
            check_return(&ask(&[(0, 1), (0, 1)]), &lines, at, 0, 7),
            Err(ReturnProblem::Lines)
        );
        assert_eq!(
            check_return(&ask(&[(5, 1)]), &lines, at, 0, 7),
            Err(ReturnProblem::Lines)
        );
        assert_eq!(
            check_return(&ask(&[]), &lines, at, 0, 7),
            Err(ReturnProblem::Lines)
        );
        let mut exchange = ask(&[(0, 1)]);
        exchange.resolution = Resolution::Exchange;
        assert_eq!(
            check_return(&exchange, &lines, at, 0, 7),
            Err(ReturnProblem::Exchange)
        );
        exchange.exchange_for = Some(crate::ids::VariantId(9));
        assert_eq!(check_return(&exchange, &lines, at, 0, 7), Ok(()));
    }

    #[test]
    fn a_return_moves_from_request_to_refund_or_replacement() {
        use ReturnStatus::*;
        assert!(Requested.can_transition(Approved));
        assert!(Requested.can_transition(Rejected));
        assert!(Approved.can_transition(Received));
        assert!(Received.can_transition(Inspected));
        assert!(Inspected.can_transition(Refunded));
        assert!(Inspected.can_transition(Exchanged));
        assert!(!Requested.can_transition(Refunded));
        assert!(!Approved.can_transition(Refunded));
        assert!(!Rejected.can_transition(Approved));
        assert!(!Refunded.can_transition(Closed));
        assert!(
            Refunded.can_transition(Inspected),
            "a refused refund is made again"
        );
        assert!(Approved.is_open() && !Rejected.is_open() && !Refunded.is_open());
    }
}
