//! Receiving (收货), inspection (来料检验) and put-away (上架): what arrives against a
//! purchase order goes to the warehouse's receiving area — not yet sellable — and is
//! inspected by the product's plan; what passes is put away into bins and only then is it
//! stock; what fails goes back to the supplier or to scrap. The receipt's accepted units
//! update the item's cost by moving average.

use super::sampling::{accepted_units, sample, InspectionPlan, Sample, Verdict};
use crate::catalog::Localized;
use crate::coded;
use crate::ids::{VariantId, WarehouseId};
use crate::money::Money;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The plan of a product that has none of its own: a sample at AQL 2.5.
pub const DEFAULT_PLAN: InspectionPlan = InspectionPlan::Sampled {
    aql: super::sampling::Aql(250),
};
/// The most characteristics a plan names.
pub const MAX_CHARACTERISTICS: usize = 10;
/// The longest characteristic's name or result note.
pub const CHARACTERISTIC_MAX: usize = 60;

coded! {
    /// Where a goods receipt is.
    pub enum ReceiptStatus {
        /// 待检: in the receiving area, to inspect.
        Received => "received",
        /// 待上架: inspected; what passed waits to be put away.
        Inspected => "inspected",
        /// 已上架: everything accepted is in its bins.
        PutAway => "put_away",
    }
}

coded! {
    /// Where rejected units go.
    pub enum RejectTo {
        /// 退供应商: back to the supplier, on a return-to-supplier document.
        Supplier => "supplier",
        /// 报废: scrapped.
        Scrap => "scrap",
    }
}

/// A line as it arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiveLine {
    pub variant: VariantId,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000000))]
    pub quantity: i64,
}

/// `POST /api/v1/admin/purchase-orders/{id}/receipts`: what arrived, against the order or
/// one of its shipping notices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiveGoods {
    /// The shipping notice it arrived under, if any.
    #[serde(default)]
    pub asn: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 200))]
    pub lines: Vec<ReceiveLine>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: String,
}

/// One characteristic's result (外观, 尺寸, 功能…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CharacteristicResult {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60))]
    pub characteristic: String,
    pub passed: bool,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub note: String,
}

/// A lot's inspection: the defective units found in the sample (or in the whole lot),
/// per characteristic, and where rejected units go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectLine {
    pub variant: VariantId,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000000))]
    pub defective: i64,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 10))]
    pub results: Vec<CharacteristicResult>,
    /// Accept a failed lot anyway (让步接收): a person's decision, recorded.
    #[serde(default)]
    pub concession: bool,
    pub rejected_to: RejectTo,
}

/// `POST /api/v1/admin/receipts/{id}/inspect`: every line of the receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectReceipt {
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 200))]
    pub lines: Vec<InspectLine>,
}

/// A line put away into a bin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PutAwayLine {
    pub variant: VariantId,
    /// `A-01-02-03`.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20))]
    pub bin: String,
}

/// `POST /api/v1/admin/receipts/{id}/put-away`: every accepted line, each into a bin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PutAway {
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 200))]
    pub lines: Vec<PutAwayLine>,
}

/// `PUT /api/v1/admin/products/{id}/inspection-plan`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionPlanDraft {
    pub plan: InspectionPlan,
    /// What inspectors look at, in order.
    #[cfg_attr(feature = "openapi", schema(max_items = 10))]
    pub characteristics: Vec<String>,
}

/// A line of a receipt, as the warehouse reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptLineView {
    pub variant: VariantId,
    pub sku: String,
    pub name: Localized,
    /// Units still expected when it arrived…
    pub expected: i64,
    /// …and units that arrived (more: an over-delivery; fewer: short).
    pub quantity: i64,
    pub unit_cost: Money,
    pub plan: InspectionPlan,
    pub characteristics: Vec<String>,
    /// What to inspect and what the lot may hold; none for an empty line.
    pub sample: Option<Sample>,
    /// Once inspected:
    pub defective: Option<i64>,
    pub verdict: Option<Verdict>,
    pub concession: bool,
    pub accepted: Option<i64>,
    pub rejected: Option<i64>,
    pub rejected_to: Option<RejectTo>,
    pub results: Vec<CharacteristicResult>,
    /// The bin it goes to: the item's own in this warehouse, else a free one.
    pub suggested_bin: Option<String>,
    /// The bin it was put away into.
    pub put_away_bin: Option<String>,
}

/// A goods receipt (收货单).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptView {
    pub id: i64,
    /// `GR-000001`.
    pub number: String,
    pub status: ReceiptStatus,
    pub purchase_order: i64,
    pub purchase_order_number: String,
    pub supplier: String,
    pub warehouse: WarehouseId,
    pub warehouse_name: Localized,
    pub asn: Option<i64>,
    pub received_at: i64,
    pub received_by: String,
    pub note: String,
    pub lines: Vec<ReceiptLineView>,
}

/// A receipt in the warehouse's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptSummary {
    pub id: i64,
    pub number: String,
    pub status: ReceiptStatus,
    pub purchase_order_number: String,
    pub supplier: String,
    pub warehouse_name: Localized,
    pub received_at: i64,
    pub units: i64,
}

/// The rules of receiving, each with the code the back office translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceivingProblem {
    /// Goods are received only against a confirmed or partly received order.
    NotReceivable,
    /// A line not on the order, or the same item twice.
    LineUnknown,
    /// A quantity of 0 to 1,000,000 (and something arrived).
    QuantityInvalid,
    /// The shipping notice is not this order's, or was received already.
    AsnInvalid,
    /// The note is longer than 500 characters.
    NoteTooLong,
    /// Every line of the receipt once, and only those.
    LinesMismatch,
    /// More defective units than the sample (or the lot) holds.
    DefectiveInvalid,
    /// A characteristic's name of 1 to 60 characters, at most 10.
    CharacteristicInvalid,
    /// Inspection comes once, after receipt; put-away after inspection.
    WrongStep,
    /// No such bin in this warehouse.
    BinUnknown,
    /// The item has its own bin in this warehouse: it goes there.
    NotItsBin,
    /// Another item lives in this bin.
    BinTaken,
    /// An AQL the tables do not have.
    AqlInvalid,
}

impl ReceivingProblem {
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            ReceivingProblem::NotReceivable | ReceivingProblem::WrongStep
        )
    }
}

impl fmt::Display for ReceivingProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReceivingProblem::NotReceivable => {
                "goods are received only against a confirmed or partly received purchase order"
            }
            ReceivingProblem::LineUnknown => "this item is not on the order, or named twice",
            ReceivingProblem::QuantityInvalid => {
                "a quantity is 0 to 1,000,000, and something arrived"
            }
            ReceivingProblem::AsnInvalid => {
                "this shipping notice is not the order's, or was received already"
            }
            ReceivingProblem::NoteTooLong => "the note is longer than 500 characters",
            ReceivingProblem::LinesMismatch => {
                "name every line of the receipt once, and only those"
            }
            ReceivingProblem::DefectiveInvalid => "more defective units than were inspected",
            ReceivingProblem::CharacteristicInvalid => {
                "a characteristic is 1 to 60 characters, at most 10 of them"
            }
            ReceivingProblem::WrongStep => {
                "inspection comes once after receipt, put-away after inspection"
            }
            ReceivingProblem::BinUnknown => "there is no such bin in this warehouse",
            ReceivingProblem::NotItsBin => {
                "this item has its own bin in this warehouse: it goes there"
            }
            ReceivingProblem::BinTaken => "another item lives in this bin",
            ReceivingProblem::AqlInvalid => "the tables have no such AQL",
        })
    }
}

/// A problem and the request field it concerns.
pub type ReceivingFault = (ReceivingProblem, String);

/// What inspection decided for a lot of `lot` units under `plan` with `defective` found:
/// `(verdict, accepted, rejected)`. A failed lot accepted with a concession keeps all but
/// the defective units found.
pub fn decide(
    plan: InspectionPlan,
    lot: i64,
    defective: i64,
    concession: bool,
) -> Option<(Verdict, i64, i64)> {
    let lot_u = u32::try_from(lot.max(0)).ok()?;
    let found = u32::try_from(defective.max(0)).ok()?.min(lot_u);
    let passed = i64::from(accepted_units(plan, lot_u, found)?);
    let verdict = match plan {
        InspectionPlan::Full => Verdict::Accepted,
        InspectionPlan::Sampled { .. } => super::sampling::verdict(sample(plan, lot_u)?, found),
    };
    let accepted = if verdict == Verdict::Rejected && concession {
        lot - i64::from(found)
    } else {
        passed
    };
    Some((verdict, accepted, lot - accepted))
}

/// How many units are inspected of a lot of `lot` under `plan`.
pub fn inspected_units(plan: InspectionPlan, lot: i64) -> i64 {
    let lot_u = u32::try_from(lot.max(0)).unwrap_or(u32::MAX);
    match plan {
        InspectionPlan::Full => lot,
        InspectionPlan::Sampled { .. } => {
            sample(plan, lot_u).map_or(lot, |s| i64::from(s.size).min(lot))
        }
    }
}

/// The item's cost after `received` units at `unit_cost` join `on_hand` units at `cost`
/// (moving average, 移动加权平均; half a minor unit rounds up). An item with no stock, or no
/// cost yet, takes the receipt's.
pub fn moving_average(on_hand: i64, cost: Option<i64>, received: i64, unit_cost: i64) -> i64 {
    let old = on_hand.max(0);
    match cost {
        Some(c) if old > 0 && received > 0 => {
            let total =
                i128::from(old) * i128::from(c) + i128::from(received) * i128::from(unit_cost);
            let units = i128::from(old + received);
            i64::try_from((2 * total + units) / (2 * units)).unwrap_or(unit_cost)
        }
        _ if received > 0 => unit_cost,
        _ => cost.unwrap_or(unit_cost),
    }
}

/// `GR-000001`: a goods receipt's number from its id.
pub fn receipt_number(id: i64) -> String {
    format!("GR-{id:06}")
}

#[cfg(test)]
mod tests {
    use super::super::sampling::Aql;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_lot_passes_fails_or_is_accepted_with_a_concession() {
        let plan = InspectionPlan::Sampled { aql: Aql(250) };
        // a lot of 100 at AQL 2.5: sample 20, accept 1, reject 2
        assert_eq!(inspected_units(plan, 100), 20);
        assert_eq!(
            decide(plan, 100, 1, false),
            Some((Verdict::Accepted, 99, 1))
        );
        assert_eq!(
            decide(plan, 100, 2, false),
            Some((Verdict::Rejected, 0, 100))
        );
        assert_eq!(decide(plan, 100, 2, true), Some((Verdict::Rejected, 98, 2)));
        assert_eq!(
            decide(InspectionPlan::Full, 10, 3, false),
            Some((Verdict::Accepted, 7, 3))
        );
    }

    #[test]
    fn the_moving_average_weighs_stock_and_receipt() {
        // 10 at ¥5.00 and 30 at ¥6.00: ¥5.75
        assert_eq!(moving_average(10, Some(500), 30, 600), 575);
        // half a fen rounds up: (1×100 + 1×101) / 2 = 100.5
        assert_eq!(moving_average(1, Some(100), 1, 101), 101);
        assert_eq!(
            moving_average(0, Some(500), 5, 600),
            600,
            "no stock: the receipt's cost"
        );
        assert_eq!(moving_average(10, None, 5, 600), 600, "no cost yet");
        assert_eq!(
            moving_average(10, Some(500), 0, 600),
            500,
            "nothing accepted"
        );
    }

    proptest! {
        #[test]
        fn the_average_lies_between_the_two_costs(
            on_hand in 1i64..1_000_000, cost in 1i64..10_000_000,
            received in 1i64..1_000_000, unit in 1i64..10_000_000,
        ) {
            let avg = moving_average(on_hand, Some(cost), received, unit);
            prop_assert!(avg >= cost.min(unit) && avg <= cost.max(unit));
        }

        #[test]
        fn a_decision_splits_the_lot(lot in 0i64..5_000, defective in 0i64..5_000, concession: bool) {
            let plan = InspectionPlan::Sampled { aql: Aql(100) };
            let (_, accepted, rejected) = decide(plan, lot, defective.min(lot), concession).unwrap();
            prop_assert_eq!(accepted + rejected, lot);
            prop_assert!(accepted >= 0 && rejected >= 0);
        }
    }
}
