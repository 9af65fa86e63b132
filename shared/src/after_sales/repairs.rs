//! Repairs under warranty (保修维修): a customer asks for a delivered item to be repaired
//! while its product's warranty runs (one year unless the product says otherwise), with
//! what is wrong and photos; the shop receives the item, repairs it and sends it back, or
//! says why the warranty does not cover it. Every step is a repair event, which is also the
//! customer's timeline.
//!
//! All times are unix milliseconds, as everywhere in the crate.

use crate::catalog::Localized;
use crate::coded;
use crate::error::{ApiError, ErrorCode};
use crate::orders::OrderNumber;
use crate::status::Status;
use serde::{Deserialize, Serialize};
use std::fmt;

const DAY_MS: i64 = 86_400_000;

/// The warranty (保修期) of a product that names none: one year after delivery.
pub const DEFAULT_WARRANTY_DAYS: i64 = 365;
/// At most this many photos with one repair.
pub const MAX_PHOTOS: usize = 6;
/// Longest description of the fault, in characters once trimmed.
pub const MAX_DESCRIPTION: usize = 2000;
/// Longest note staff write with a step, in characters once trimmed.
pub const MAX_NOTE: usize = 500;

coded! {
    /// Where a repair is. Every change asks [`RepairStatus::can_transition`] and writes a
    /// repair event (`server::db::status`), which is also the customer's timeline.
    pub enum RepairStatus {
        /// 已申请: the customer asked; the shop decides whether the warranty covers it.
        Requested => "requested",
        /// 已收货: the item arrived at the shop.
        Received => "received",
        /// 维修中
        Repairing => "repairing",
        /// 已寄回: repaired and sent back to the customer (the note names the parcel).
        Returned => "returned",
        /// 已完成
        Closed => "closed",
        /// 不予保修: not covered, with the reason.
        Rejected => "rejected",
    }
}

impl RepairStatus {
    pub fn can_transition(self, to: RepairStatus) -> bool {
        use RepairStatus::*;
        matches!(
            (self, to),
            (Requested, Received | Rejected)
                | (Received, Repairing)
                | (Repairing, Returned)
                | (Returned, Closed)
        )
    }

    /// The shop has the item or is about to: another repair of the same line waits until
    /// this one is back with the customer.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RepairStatus::Requested | RepairStatus::Received | RepairStatus::Repairing
        )
    }
}

impl Status for RepairStatus {
    fn as_str(self) -> &'static str {
        RepairStatus::as_str(self)
    }

    fn parse(text: &str) -> Option<Self> {
        RepairStatus::parse(text)
    }

    fn can_transition(self, to: Self) -> bool {
        RepairStatus::can_transition(self, to)
    }
}

/// `POST /api/v1/store/orders/{number}/repairs`: one line of a delivered order, what is
/// wrong with it, and photos uploaded for the order first
/// (`POST /api/v1/store/orders/{number}/photos?purpose=repair`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRepair {
    /// The order line's position (0-based, as the order lists them).
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 49))]
    pub line: u32,
    /// What is wrong, 1 to 2,000 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub description: String,
    /// The photos' keys, at most six.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 6))]
    pub photos: Vec<String>,
}

/// `POST /api/v1/admin/repairs/{id}/receive`, `…/start` and `…/close`: a note the customer
/// reads, which may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairStep {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: String,
}

/// `POST /api/v1/admin/repairs/{id}/return` (the return parcel's carrier and tracking
/// number) and `…/reject` (why the warranty does not cover it): 1 to 500 characters, shown
/// to the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairDecision {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub note: String,
}

/// Why a repair cannot be asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairProblem {
    /// The order has not been delivered yet.
    NotDelivered,
    /// The product's warranty ended.
    WarrantyOver,
    /// The order has no such line.
    Line,
    /// Empty, or longer than 2,000 characters.
    Description,
    /// More than six photos, one twice, or one not uploaded for this order.
    Photos,
    /// A repair of this line is under way already.
    AlreadyOpen,
}

impl RepairProblem {
    pub const ALL: [RepairProblem; 6] = [
        RepairProblem::NotDelivered,
        RepairProblem::WarrantyOver,
        RepairProblem::Line,
        RepairProblem::Description,
        RepairProblem::Photos,
        RepairProblem::AlreadyOpen,
    ];

    /// The field at fault.
    pub fn field(self) -> &'static str {
        match self {
            RepairProblem::NotDelivered => "order",
            RepairProblem::WarrantyOver | RepairProblem::Line | RepairProblem::AlreadyOpen => {
                "line"
            }
            RepairProblem::Description => "description",
            RepairProblem::Photos => "photos",
        }
    }

    /// The rule's name, as serde writes it (the `problem` of the API's error).
    pub fn code(self) -> &'static str {
        match self {
            RepairProblem::NotDelivered => "not_delivered",
            RepairProblem::WarrantyOver => "warranty_over",
            RepairProblem::Line => "line",
            RepairProblem::Description => "description",
            RepairProblem::Photos => "photos",
            RepairProblem::AlreadyOpen => "already_open",
        }
    }

    /// Conflicts with what has happened (409) rather than bad input (422).
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            RepairProblem::NotDelivered | RepairProblem::WarrantyOver | RepairProblem::AlreadyOpen
        )
    }
}

impl fmt::Display for RepairProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RepairProblem::NotDelivered => "This order has not been delivered yet",
            RepairProblem::WarrantyOver => "The warranty of this item is over",
            RepairProblem::Line => "Choose an item of this order",
            RepairProblem::Description => "Say what is wrong in 1 to 2,000 characters",
            RepairProblem::Photos => "At most 6 photos, each once and uploaded for this order",
            RepairProblem::AlreadyOpen => "A repair of this item is under way already",
        })
    }
}

/// The API's error for a broken rule: 409 for a conflict, else 422, naming the field.
impl From<RepairProblem> for ApiError {
    fn from(p: RepairProblem) -> ApiError {
        let code = if p.is_conflict() {
            ErrorCode::Conflict
        } else {
            ErrorCode::Validation
        };
        let mut e = ApiError::new(code, p.to_string()).with_problem(p.code());
        e.field = Some(p.field().to_string());
        e
    }
}

/// Whether `req`'s own fields are right: the description and the photos (whether the line
/// exists, the order was delivered and the warranty runs is checked by the caller, who
/// reads them).
pub fn check_repair(req: &NewRepair) -> Result<(), RepairProblem> {
    let n = req.description.trim().chars().count();
    if !(1..=MAX_DESCRIPTION).contains(&n) {
        return Err(RepairProblem::Description);
    }
    if req.photos.len() > MAX_PHOTOS {
        return Err(RepairProblem::Photos);
    }
    let mut seen = std::collections::BTreeSet::new();
    if !req.photos.iter().all(|p| seen.insert(p.as_str())) {
        return Err(RepairProblem::Photos);
    }
    Ok(())
}

/// The last moment a repair may be asked of an item delivered at `delivered_at` with a
/// warranty of `warranty_days`.
pub fn warranty_until(delivered_at: i64, warranty_days: i64) -> i64 {
    delivered_at.saturating_add(warranty_days.saturating_mul(DAY_MS))
}

/// Whether a repair may be asked at `now` of an item delivered at `delivered_at` (none: not
/// delivered yet) with a warranty of `warranty_days`: up to the last millisecond of it.
pub fn check_warranty(
    now: i64,
    delivered_at: Option<i64>,
    warranty_days: i64,
) -> Result<(), RepairProblem> {
    match delivered_at {
        None => Err(RepairProblem::NotDelivered),
        Some(at) if now > warranty_until(at, warranty_days) => Err(RepairProblem::WarrantyOver),
        Some(_) => Ok(()),
    }
}

/// A step of a repair's history: where it went, when, and what staff wrote for the
/// customer (the return parcel, the reason it is not covered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairEvent {
    pub status: RepairStatus,
    pub at: i64,
    pub note: String,
}

/// A repair as its customer and staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairView {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub order: OrderNumber,
    /// The order line's position (0-based).
    pub line: u32,
    pub sku: String,
    pub name: Localized,
    /// The variant's colour and size (empty when it has none).
    pub variant: Localized,
    pub description: String,
    pub status: RepairStatus,
    /// The customer's photos (their addresses under `/media/`).
    #[serde(default)]
    pub photos: Vec<String>,
    /// What staff last wrote for the customer.
    pub staff_note: String,
    pub created_at: i64,
    /// Oldest first.
    pub events: Vec<RepairEvent>,
}

/// A repair in the back office's queue (`GET /api/v1/admin/repairs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepairRow {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub order: OrderNumber,
    pub sku: String,
    pub name: Localized,
    pub status: RepairStatus,
    /// The customer's name.
    pub customer: String,
    pub created_at: i64,
    /// The last step.
    pub updated_at: i64,
}

/// The back office's queue filters (`GET /api/v1/admin/repairs`), as they travel in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct RepairQuery {
    /// Only repairs in this status.
    #[cfg_attr(feature = "openapi", param(inline))]
    pub status: Option<RepairStatus>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 10000))]
    pub page: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(description: &str, photos: &[&str]) -> NewRepair {
        NewRepair {
            line: 0,
            description: description.into(),
            photos: photos.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn a_repair_goes_from_request_to_the_customer_and_closes() {
        use RepairStatus::*;
        assert!(Requested.can_transition(Received));
        assert!(Received.can_transition(Repairing));
        assert!(Repairing.can_transition(Returned));
        assert!(Returned.can_transition(Closed));
        assert!(Requested.can_transition(Rejected), "not covered");
        // no step skipped, none taken back
        assert!(!Requested.can_transition(Repairing));
        assert!(!Requested.can_transition(Returned));
        assert!(!Received.can_transition(Returned));
        assert!(!Received.can_transition(Rejected));
        assert!(!Repairing.can_transition(Received));
        assert!(!Returned.can_transition(Repairing));
        assert!(!Closed.can_transition(Requested));
        assert!(!Rejected.can_transition(Received));
        for s in RepairStatus::ALL {
            assert!(!s.can_transition(*s), "{s:?} to itself");
            assert!(
                !s.can_transition(Requested),
                "only a new repair is requested"
            );
            assert_eq!(RepairStatus::parse(s.as_str()), Some(*s));
        }
        assert!(Requested.is_open() && Received.is_open() && Repairing.is_open());
        assert!(!Returned.is_open() && !Closed.is_open() && !Rejected.is_open());
    }

    #[test]
    fn the_warranty_runs_to_its_last_day_and_not_a_moment_after() {
        let delivered = 1_796_601_600_000;
        let until = warranty_until(delivered, DEFAULT_WARRANTY_DAYS);
        assert_eq!(until, delivered + 365 * DAY_MS);
        assert_eq!(check_warranty(delivered, Some(delivered), 365), Ok(()));
        // the boundary day: on the 365th day after delivery, to its last millisecond
        assert_eq!(check_warranty(until - DAY_MS, Some(delivered), 365), Ok(()));
        assert_eq!(check_warranty(until, Some(delivered), 365), Ok(()));
        assert_eq!(
            check_warranty(until + 1, Some(delivered), 365),
            Err(RepairProblem::WarrantyOver)
        );
        assert_eq!(
            check_warranty(delivered + 366 * DAY_MS, Some(delivered), 365),
            Err(RepairProblem::WarrantyOver)
        );
        // a product's own warranty
        assert_eq!(
            check_warranty(delivered + 31 * DAY_MS, Some(delivered), 30),
            Err(RepairProblem::WarrantyOver)
        );
        assert_eq!(
            check_warranty(delivered + 700 * DAY_MS, Some(delivered), 730),
            Ok(())
        );
        // no warranty at all: the day of delivery only
        assert_eq!(check_warranty(delivered, Some(delivered), 0), Ok(()));
        assert_eq!(
            check_warranty(delivered + 1, Some(delivered), 0),
            Err(RepairProblem::WarrantyOver)
        );
        assert_eq!(
            check_warranty(delivered, None, 365),
            Err(RepairProblem::NotDelivered)
        );
        assert_eq!(warranty_until(i64::MAX - 1, 365), i64::MAX);
    }

    #[test]
    fn a_description_is_counted_in_characters_once_trimmed_and_photos_are_six_at_most() {
        assert_eq!(check_repair(&ask("开机后屏幕不亮", &[])), Ok(()));
        assert_eq!(
            check_repair(&ask("  \n ", &[])),
            Err(RepairProblem::Description)
        );
        assert_eq!(
            check_repair(&ask(&format!(" {} ", "坏".repeat(MAX_DESCRIPTION)), &[])),
            Ok(())
        );
        assert_eq!(
            check_repair(&ask(&"坏".repeat(MAX_DESCRIPTION + 1), &[])),
            Err(RepairProblem::Description)
        );
        let six = ["a", "b", "c", "d", "e", "f"];
        assert_eq!(check_repair(&ask("坏了", &six)), Ok(()));
        assert_eq!(
            check_repair(&ask("坏了", &["a", "b", "c", "d", "e", "f", "g"])),
            Err(RepairProblem::Photos)
        );
        assert_eq!(
            check_repair(&ask("坏了", &["a", "a"])),
            Err(RepairProblem::Photos)
        );
    }

    #[test]
    fn problems_become_the_apis_errors() {
        for p in RepairProblem::ALL {
            assert_eq!(
                serde_json::to_value(p).unwrap(),
                serde_json::Value::String(p.code().into()),
                "{p:?}"
            );
        }
        let e = ApiError::from(RepairProblem::Description);
        assert_eq!(e.code, ErrorCode::Validation);
        assert_eq!(e.problem.as_deref(), Some("description"));
        assert_eq!(e.field.as_deref(), Some("description"));
        let e = ApiError::from(RepairProblem::WarrantyOver);
        assert_eq!(e.code, ErrorCode::Conflict);
        assert_eq!(e.problem.as_deref(), Some("warranty_over"));
        assert_eq!(e.code.http_status(), 409);
        assert_eq!(ApiError::from(RepairProblem::Line).code.http_status(), 422);
        assert!(RepairProblem::AlreadyOpen.is_conflict());
        assert!(RepairProblem::NotDelivered.is_conflict());
        assert!(!RepairProblem::Photos.is_conflict());
    }

    #[test]
    fn the_queue_filter_travels_in_the_url() {
        let q: RepairQuery = serde_json::from_str(r#"{"status":"repairing","page":2}"#).unwrap();
        assert_eq!(q.status, Some(RepairStatus::Repairing));
        assert_eq!(q.page, Some(2));
        assert_eq!(
            serde_json::from_str::<RepairQuery>("{}").unwrap(),
            RepairQuery::default()
        );
        let step: RepairStep = serde_json::from_str("{}").unwrap();
        assert_eq!(step.note, "");
    }
}
