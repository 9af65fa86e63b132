//! Own-fleet delivery (自有车队配送): zones with time slots, vehicles with their capacity,
//! the day's planned routes and their stops, and what a driver records at each door.

use crate::catalog::Localized;
use crate::coded;
use crate::ids::{UserId, WarehouseId};
use crate::orders::OrderNumber;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

coded! {
    pub enum StopStatus {
        /// 待配送
        Pending => "pending",
        /// 已签收: handed over, the recipient's name written down.
        Delivered => "delivered",
        /// 配送失败: with the reason.
        Failed => "failed",
    }
}

/// A point on the map, in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LatLng {
    pub lat: f64,
    pub lng: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VehicleView {
    pub id: i64,
    pub warehouse: WarehouseId,
    pub plate: String,
    pub max_weight_grams: i64,
    pub max_parcels: i64,
    /// The driver's name.
    pub driver: Option<String>,
    /// The staff member who drives it.
    pub driver_id: Option<UserId>,
    /// An inactive van keeps its routes but is planned no more.
    pub active: bool,
}

/// A delivery slot: minutes after midnight, shop time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotView {
    pub id: i64,
    pub starts: i64,
    pub ends: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZoneView {
    pub id: i64,
    pub warehouse: WarehouseId,
    pub name: Localized,
    /// The division codes (or their leading digits) the zone covers.
    pub divisions: Vec<String>,
    pub slots: Vec<SlotView>,
}

/// A staff member who may drive a van (holds `deliver_parcels`), as the van form offers them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DriverView {
    pub id: UserId,
    pub display_name: String,
}

/// `GET /api/v1/admin/fleet`: every van (inactive ones too), every zone with its slots, and
/// who may drive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FleetView {
    pub vehicles: Vec<VehicleView>,
    pub zones: Vec<ZoneView>,
    pub drivers: Vec<DriverView>,
}

/// A delivery slot as staff enter it: minutes after midnight, shop time (`ends` 1440 is
/// midnight at the end of the day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotDraft {
    /// The zone's slot this row keeps (parcels promised it keep it, with the times given
    /// here); none: a new slot. Ignored when a zone is created.
    #[serde(default)]
    pub id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1439))]
    pub starts: i64,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1440))]
    pub ends: i64,
}

/// `POST /api/v1/admin/fleet/zones`, `PUT …/{id}`: a delivery zone of a warehouse with its
/// time slots (saving keeps the slots named by id, adds the others, removes the rest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZoneDraft {
    pub warehouse: WarehouseId,
    /// 1 to 60 characters in each language.
    pub name: Localized,
    /// Division codes or their leading digits, 2 to 6 digits each (`31` Shanghai, `3101`
    /// its city districts, `310115` Pudong), none twice.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 50))]
    pub divisions: Vec<String>,
    /// 1 to 12 slots, none overlapping another. Saving a zone removes its slots left out
    /// (parcels promised one fall back to the zone's first slot).
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 12))]
    pub slots: Vec<SlotDraft>,
}

/// `POST /api/v1/admin/fleet/vehicles`, `PUT …/{id}`: a van, its capacity and its driver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VehicleDraft {
    pub warehouse: WarehouseId,
    /// The number plate, 1 to 20 characters, another van's never.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20))]
    pub plate: String,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 50000000))]
    pub max_weight_grams: i64,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub max_parcels: i64,
    /// An active staff member who delivers parcels (`deliver_parcels`), or nobody yet.
    #[serde(default)]
    pub driver: Option<UserId>,
    /// Only active vans are planned; a van is deactivated, never deleted (its routes stay).
    pub active: bool,
}

/// The longest zone name, per language.
pub const ZONE_NAME_MAX: usize = 60;
/// The most division codes a zone lists.
pub const MAX_DIVISIONS: usize = 50;
/// The most slots a zone offers.
pub const MAX_SLOTS: usize = 12;
/// Minutes in a day: the latest a slot ends.
pub const DAY_MINUTES: i64 = 1440;
/// The longest number plate.
pub const PLATE_MAX: usize = 20;
/// The heaviest load a van is given (50 t).
pub const MAX_WEIGHT_GRAMS: i64 = 50_000_000;
/// The most parcels a van is given.
pub const MAX_PARCELS: i64 = 10_000;

/// Rules of the fleet's zones and vans, each with the code the back office translates. The
/// request field concerned travels beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FleetProblem {
    /// A name is missing in one of the languages.
    TextMissing,
    /// A name longer than 60 characters.
    TooLong,
    /// A zone covers at least one division.
    NoDivisions,
    /// More than 50 division codes.
    TooManyDivisions,
    /// A division code is 2 to 6 digits.
    DivisionInvalid,
    /// The same division code twice.
    DivisionRepeated,
    /// A zone offers at least one slot.
    NoSlots,
    /// More than 12 slots.
    TooManySlots,
    /// A slot starts outside the day, or ends before it starts or after midnight.
    SlotInvalid,
    /// Two slots of a zone overlap.
    SlotsOverlap,
    /// A slot id that is not one of the zone's, or one given twice.
    SlotUnknown,
    /// A plate is 1 to 20 characters.
    PlateInvalid,
    /// Another van has this plate.
    PlateTaken,
    /// A van carries 1 g to 50 t.
    MaxWeightInvalid,
    /// A van carries 1 to 10,000 parcels.
    MaxParcelsInvalid,
    /// The driver is not an active staff member who delivers parcels.
    DriverUnknown,
    /// A van that has driven routes stays with its warehouse (their records name it).
    VehicleHasRoutes,
}

impl fmt::Display for FleetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FleetProblem::TextMissing => "this text is missing in one of the languages",
            FleetProblem::TooLong => "this text is too long",
            FleetProblem::NoDivisions => "a zone covers at least one division",
            FleetProblem::TooManyDivisions => "a zone lists at most 50 division codes",
            FleetProblem::DivisionInvalid => "a division code is 2 to 6 digits",
            FleetProblem::DivisionRepeated => "this division code is listed twice",
            FleetProblem::NoSlots => "a zone offers at least one delivery slot",
            FleetProblem::TooManySlots => "a zone offers at most 12 delivery slots",
            FleetProblem::SlotInvalid => {
                "a slot starts between 00:00 and 23:59 and ends after it starts, by 24:00"
            }
            FleetProblem::SlotsOverlap => "this slot overlaps another slot of the zone",
            FleetProblem::SlotUnknown => "this is not one of the zone's slots",
            FleetProblem::PlateInvalid => "a number plate has 1 to 20 characters",
            FleetProblem::PlateTaken => "another van has this number plate",
            FleetProblem::MaxWeightInvalid => "a van carries 1 g to 50,000 kg",
            FleetProblem::MaxParcelsInvalid => "a van carries 1 to 10,000 parcels",
            FleetProblem::DriverUnknown => {
                "the driver must be an active staff member who delivers parcels"
            }
            FleetProblem::VehicleHasRoutes => {
                "a van that has driven routes stays with its warehouse: deactivate it and add a new one"
            }
        })
    }
}

/// A problem and the request field it is about (`name.zh`, `slots[1].ends`).
pub type FleetFault = (FleetProblem, String);

fn at(p: FleetProblem, field: impl Into<String>) -> FleetFault {
    (p, field.into())
}

/// A division code or its leading digits: 2 to 6 ASCII digits.
pub fn division_code_valid(code: &str) -> bool {
    (2..=6).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// The division codes typed in one input, separated by commas (either width), `、` or
/// spaces.
pub fn split_divisions(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// `09:30` for 570 minutes after midnight (`24:00` for the day's end).
pub fn clock(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Minutes after midnight of `HH:MM` (`00:00` to `24:00`).
pub fn parse_clock(text: &str) -> Option<i64> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    let minutes = h * 60 + m;
    (minutes <= DAY_MINUTES).then_some(minutes)
}

/// A zone as the rules allow it: names trimmed (control characters dropped), 1 to 60
/// characters in each language; 1 to 50 distinct division codes of 2 to 6 digits; 1 to 12
/// slots inside the day, none overlapping another (one may start when another ends), no
/// slot id twice (whether an id is the zone's is the server's to check).
/// Answers it tidied (names and codes trimmed, slots in the order of the day).
pub fn check_zone(d: &ZoneDraft) -> Result<ZoneDraft, FleetFault> {
    let tidy = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_control())
            .collect::<String>()
            .trim()
            .to_string()
    };
    let name = Localized::new(tidy(&d.name.zh), tidy(&d.name.en));
    for (value, lang) in [(&name.zh, "zh"), (&name.en, "en")] {
        let n = value.chars().count();
        if n == 0 {
            return Err(at(FleetProblem::TextMissing, format!("name.{lang}")));
        }
        if n > ZONE_NAME_MAX {
            return Err(at(FleetProblem::TooLong, format!("name.{lang}")));
        }
    }
    let divisions: Vec<String> = d.divisions.iter().map(|c| c.trim().to_string()).collect();
    if divisions.is_empty() {
        return Err(at(FleetProblem::NoDivisions, "divisions"));
    }
    if divisions.len() > MAX_DIVISIONS {
        return Err(at(FleetProblem::TooManyDivisions, "divisions"));
    }
    let mut seen = BTreeSet::new();
    for code in &divisions {
        if !division_code_valid(code) {
            return Err(at(FleetProblem::DivisionInvalid, "divisions"));
        }
        if !seen.insert(code.as_str()) {
            return Err(at(FleetProblem::DivisionRepeated, "divisions"));
        }
    }
    if d.slots.is_empty() {
        return Err(at(FleetProblem::NoSlots, "slots"));
    }
    if d.slots.len() > MAX_SLOTS {
        return Err(at(FleetProblem::TooManySlots, "slots"));
    }
    let mut ids = BTreeSet::new();
    for (i, s) in d.slots.iter().enumerate() {
        if s.id.is_some_and(|id| !ids.insert(id)) {
            return Err(at(FleetProblem::SlotUnknown, format!("slots[{i}].id")));
        }
        if !(0..DAY_MINUTES).contains(&s.starts) {
            return Err(at(FleetProblem::SlotInvalid, format!("slots[{i}].starts")));
        }
        if s.ends <= s.starts || s.ends > DAY_MINUTES {
            return Err(at(FleetProblem::SlotInvalid, format!("slots[{i}].ends")));
        }
    }
    // in the order of the day, each slot starts when the one before has ended
    let mut order: Vec<usize> = (0..d.slots.len()).collect();
    order.sort_by_key(|&i| (d.slots[i].starts, d.slots[i].ends, i));
    for pair in order.windows(2) {
        let (before, after) = (d.slots[pair[0]], d.slots[pair[1]]);
        if after.starts < before.ends {
            let later = pair[0].max(pair[1]);
            return Err(at(
                FleetProblem::SlotsOverlap,
                format!("slots[{later}].starts"),
            ));
        }
    }
    Ok(ZoneDraft {
        warehouse: d.warehouse,
        name,
        divisions,
        slots: order.into_iter().map(|i| d.slots[i]).collect(),
    })
}

/// A van as the rules allow it: a plate of 1 to 20 characters (trimmed, letters upper-case),
/// 1 g to 50 t and 1 to 10,000 parcels. Answers it tidied. Whether the plate is free, the
/// warehouse exists and the driver may drive is the server's to check.
pub fn check_vehicle(d: &VehicleDraft) -> Result<VehicleDraft, FleetFault> {
    let plate = d.plate.trim().to_uppercase();
    let n = plate.chars().count();
    if n == 0 || n > PLATE_MAX || plate.chars().any(char::is_control) {
        return Err(at(FleetProblem::PlateInvalid, "plate"));
    }
    if !(1..=MAX_WEIGHT_GRAMS).contains(&d.max_weight_grams) {
        return Err(at(FleetProblem::MaxWeightInvalid, "max_weight_grams"));
    }
    if !(1..=MAX_PARCELS).contains(&d.max_parcels) {
        return Err(at(FleetProblem::MaxParcelsInvalid, "max_parcels"));
    }
    Ok(VehicleDraft { plate, ..d.clone() })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StopView {
    pub position: i64,
    pub shipment: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub order: OrderNumber,
    pub recipient: String,
    pub phone: String,
    pub address: String,
    pub point: LatLng,
    /// The delivery window, minutes after midnight.
    pub window: (i64, i64),
    /// When the plan expects the van there, minutes after midnight.
    pub eta: i64,
    pub weight_grams: i64,
    pub status: StopStatus,
    /// Who signed for it, or why it failed.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RouteView {
    pub id: i64,
    pub day: String,
    pub warehouse: WarehouseId,
    pub depot: LatLng,
    pub vehicle: VehicleView,
    /// The planned tour, depot to depot, in metres.
    pub distance_m: i64,
    pub load_grams: i64,
    pub parcels: i64,
    pub stops: Vec<StopView>,
}

/// A day's plan for a warehouse: its routes and how far the naive order would have driven.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayPlan {
    pub day: String,
    pub warehouse: WarehouseId,
    pub routes: Vec<RouteView>,
    pub distance_m: i64,
    /// The same parcels in the order they were shipped, filling one vehicle after another.
    pub naive_distance_m: i64,
    /// Parcels no vehicle could take (over every capacity, or outside every window).
    pub unplanned: Vec<i64>,
}

/// `POST /api/v1/admin/routes/plan`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanRoutes {
    pub warehouse: WarehouseId,
    /// `YYYY-MM-DD`, the shop's time zone.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub day: String,
}

/// A driver's word at a door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StopOutcome {
    pub delivered: bool,
    /// Delivered: who signed for it; failed: why (1 to 200 characters).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub note: String,
}

/// The naive order: parcels in the order given, each vehicle filled until the next parcel
/// would not fit (weight or count), then the next vehicle. Returns the parcels of each
/// vehicle (indices into `weights`) and those that fit none.
pub fn naive_routes(weights: &[i64], vehicles: &[(i64, i64)]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut routes: Vec<Vec<usize>> = vec![Vec::new(); vehicles.len()];
    let mut left = Vec::new();
    let mut v = 0;
    let mut load = (0_i64, 0_i64);
    for (i, &w) in weights.iter().enumerate() {
        loop {
            let Some(&(max_w, max_n)) = vehicles.get(v) else {
                left.push(i);
                break;
            };
            if load.0 + w <= max_w && load.1 < max_n {
                routes[v].push(i);
                load = (load.0 + w, load.1 + 1);
                break;
            }
            v += 1;
            load = (0, 0);
        }
    }
    (routes, left)
}

/// The great-circle distance between two points, in metres.
pub fn metres(a: LatLng, b: LatLng) -> f64 {
    let p = crate::fulfilment::geo::Point {
        lat: a.lat,
        lon: a.lng,
    };
    let q = crate::fulfilment::geo::Point {
        lat: b.lat,
        lon: b.lng,
    };
    crate::fulfilment::geo::distance_km(p, q) * 1000.0
}

/// The length of a tour from `depot` through `stops` and back, in metres.
pub fn tour_metres(depot: LatLng, stops: &[LatLng]) -> f64 {
    let mut at = depot;
    let mut total = 0.0;
    for &s in stops {
        total += metres(at, s);
        at = s;
    }
    total + metres(at, depot)
}

impl ZoneView {
    /// Whether the zone delivers to the district `division` (its codes are the leading
    /// digits of the districts it covers).
    pub fn covers(&self, division: &str) -> bool {
        self.reach(division).is_some()
    }

    /// How closely the zone names the district: the length of its longest code that
    /// `division` starts with.
    fn reach(&self, division: &str) -> Option<usize> {
        self.divisions
            .iter()
            .filter(|d| !d.is_empty() && division.starts_with(d.as_str()))
            .map(String::len)
            .max()
    }
}

/// The zone that delivers to `division`: when zones overlap (a city, and one district of
/// it), the one that names it most closely; on a tie, the first.
pub fn zone_for<'a>(zones: &'a [ZoneView], division: &str) -> Option<&'a ZoneView> {
    let mut best: Option<(&ZoneView, usize)> = None;
    for z in zones {
        if let Some(r) = z.reach(division) {
            if best.is_none_or(|(_, b)| r > b) {
                best = Some((z, r));
            }
        }
    }
    best.map(|(z, _)| z)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_zone_naming_a_district_most_closely_delivers_there() {
        let view = |id: i64, divisions: &[&str]| ZoneView {
            id,
            warehouse: WarehouseId(1),
            name: crate::catalog::Localized::new("区", "Zone"),
            divisions: divisions.iter().map(|d| d.to_string()).collect(),
            slots: Vec::new(),
        };
        let zones = [
            view(1, &["3101"]),
            view(2, &["310115", "310104"]),
            view(3, &["4401"]),
        ];
        let of = |division: &str| zone_for(&zones, division).map(|z| z.id);
        assert_eq!(of("310115"), Some(2), "Pudong, not all of Shanghai");
        assert_eq!(of("310106"), Some(1));
        assert_eq!(of("440111"), Some(3));
        assert_eq!(of("110101"), None);
        assert_eq!(of(""), None);
    }

    fn zone(slots: &[(i64, i64)]) -> ZoneDraft {
        ZoneDraft {
            warehouse: WarehouseId(1),
            name: Localized::new(" 上海市区 ", "Shanghai city"),
            divisions: vec![" 3101".into(), "310115".into()],
            slots: slots
                .iter()
                .map(|&(starts, ends)| SlotDraft {
                    id: None,
                    starts,
                    ends,
                })
                .collect(),
        }
    }

    fn van() -> VehicleDraft {
        VehicleDraft {
            warehouse: WarehouseId(1),
            plate: " 沪a·d1001 ".into(),
            max_weight_grams: 800_000,
            max_parcels: 120,
            driver: None,
            active: true,
        }
    }

    fn problem<T>(r: Result<T, FleetFault>) -> (FleetProblem, String) {
        match r {
            Ok(_) => panic!("accepted"),
            Err(f) => f,
        }
    }

    #[test]
    fn a_zone_is_tidied_and_its_slots_put_in_the_order_of_the_day() {
        let ok = check_zone(&zone(&[
            (13 * 60, 18 * 60),
            (9 * 60, 12 * 60),
            (18 * 60, 1440),
        ]))
        .unwrap();
        assert_eq!(ok.name, Localized::new("上海市区", "Shanghai city"));
        assert_eq!(ok.divisions, vec!["3101", "310115"]);
        assert_eq!(
            ok.slots.iter().map(|s| s.starts).collect::<Vec<_>>(),
            vec![540, 780, 1080],
            "a slot may start when another ends; one may end at midnight"
        );
    }

    #[test]
    fn zone_names_are_needed_in_both_languages_and_short() {
        let mut d = zone(&[(540, 720)]);
        d.name.en = "  ".into();
        assert_eq!(
            problem(check_zone(&d)),
            (FleetProblem::TextMissing, "name.en".into())
        );
        d.name.en = "x".repeat(ZONE_NAME_MAX);
        assert!(check_zone(&d).is_ok());
        d.name.zh = "区".repeat(ZONE_NAME_MAX + 1);
        assert_eq!(
            problem(check_zone(&d)),
            (FleetProblem::TooLong, "name.zh".into())
        );
    }

    #[test]
    fn divisions_are_two_to_six_digits_distinct_and_not_too_many() {
        let mut d = zone(&[(540, 720)]);
        for bad in ["3", "3101150", "31a1", "３１", ""] {
            d.divisions = vec![bad.into()];
            assert_eq!(
                problem(check_zone(&d)),
                (FleetProblem::DivisionInvalid, "divisions".into()),
                "{bad:?}"
            );
        }
        d.divisions = vec![];
        assert_eq!(problem(check_zone(&d)).0, FleetProblem::NoDivisions);
        d.divisions = vec!["3101".into(), " 3101 ".into()];
        assert_eq!(problem(check_zone(&d)).0, FleetProblem::DivisionRepeated);
        d.divisions = (0..MAX_DIVISIONS).map(|n| format!("31{n:02}")).collect();
        assert!(check_zone(&d).is_ok());
        d.divisions.push("4401".into());
        assert_eq!(problem(check_zone(&d)).0, FleetProblem::TooManyDivisions);
        assert_eq!(
            split_divisions("3101, 3201，4401、 310115\n"),
            vec!["3101", "3201", "4401", "310115"]
        );
    }

    #[test]
    fn slots_stay_inside_the_day_and_apart() {
        assert_eq!(problem(check_zone(&zone(&[]))).0, FleetProblem::NoSlots);
        for (slot, field) in [
            ((-1, 60), "slots[0].starts"),
            ((1440, 1500), "slots[0].starts"),
            ((600, 600), "slots[0].ends"),
            ((600, 540), "slots[0].ends"),
            ((600, 1441), "slots[0].ends"),
        ] {
            assert_eq!(
                problem(check_zone(&zone(&[slot]))),
                (FleetProblem::SlotInvalid, field.into()),
                "{slot:?}"
            );
        }
        assert_eq!(
            problem(check_zone(&zone(&[(540, 720), (780, 900), (700, 760)]))),
            (FleetProblem::SlotsOverlap, "slots[2].starts".into()),
            "the slot entered later is the one shown"
        );
        assert_eq!(
            problem(check_zone(&zone(&[(540, 720), (540, 720)]))).0,
            FleetProblem::SlotsOverlap
        );
        let mut twice = zone(&[(540, 720), (780, 900)]);
        for s in &mut twice.slots {
            s.id = Some(7);
        }
        assert_eq!(
            problem(check_zone(&twice)),
            (FleetProblem::SlotUnknown, "slots[1].id".into()),
            "a slot kept once"
        );
        twice.slots[1].id = Some(8);
        assert_eq!(
            check_zone(&twice).unwrap().slots[1].id,
            Some(8),
            "ids travel with their slots"
        );
        let twelve: Vec<(i64, i64)> = (0..12).map(|h| (h * 60, h * 60 + 60)).collect();
        assert!(check_zone(&zone(&twelve)).is_ok());
        let thirteen: Vec<(i64, i64)> = (0..13).map(|h| (h * 60, h * 60 + 60)).collect();
        assert_eq!(
            problem(check_zone(&zone(&thirteen))).0,
            FleetProblem::TooManySlots
        );
    }

    #[test]
    fn a_van_has_a_plate_and_a_sane_capacity() {
        let ok = check_vehicle(&van()).unwrap();
        assert_eq!(ok.plate, "沪A·D1001");
        let mut d = van();
        d.plate = "   ".into();
        assert_eq!(
            problem(check_vehicle(&d)),
            (FleetProblem::PlateInvalid, "plate".into())
        );
        d.plate = "A".repeat(PLATE_MAX + 1);
        assert_eq!(problem(check_vehicle(&d)).0, FleetProblem::PlateInvalid);
        d.plate = "A".repeat(PLATE_MAX);
        assert!(check_vehicle(&d).is_ok());
        for grams in [0, -5, MAX_WEIGHT_GRAMS + 1] {
            let d = VehicleDraft {
                max_weight_grams: grams,
                ..van()
            };
            assert_eq!(
                problem(check_vehicle(&d)),
                (FleetProblem::MaxWeightInvalid, "max_weight_grams".into())
            );
        }
        for parcels in [0, MAX_PARCELS + 1] {
            let d = VehicleDraft {
                max_parcels: parcels,
                ..van()
            };
            assert_eq!(
                problem(check_vehicle(&d)),
                (FleetProblem::MaxParcelsInvalid, "max_parcels".into())
            );
        }
        let d = VehicleDraft {
            max_weight_grams: MAX_WEIGHT_GRAMS,
            max_parcels: MAX_PARCELS,
            ..van()
        };
        assert!(check_vehicle(&d).is_ok());
    }

    #[test]
    fn clocks_read_and_write_minutes() {
        assert_eq!(clock(570), "09:30");
        assert_eq!(clock(DAY_MINUTES), "24:00");
        assert_eq!(parse_clock("09:30"), Some(570));
        assert_eq!(parse_clock("24:00"), Some(DAY_MINUTES));
        for bad in ["24:01", "9", "09:60", "-1:00", "ab:cd", ""] {
            assert_eq!(parse_clock(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn problems_travel_by_their_snake_case_codes() {
        let json = serde_json::to_string(&FleetProblem::SlotsOverlap).unwrap();
        assert_eq!(json, "\"slots_overlap\"");
        assert_eq!(
            serde_json::to_string(&FleetProblem::TextMissing).unwrap(),
            "\"text_missing\"",
            "the catalogue's code, translated once"
        );
    }

    proptest! {
        #[test]
        fn accepted_slots_never_overlap(slots in proptest::collection::vec((0i64..1440, 1i64..600), 1..12)) {
            let slots: Vec<(i64, i64)> = slots.into_iter().map(|(s, len)| (s, (s + len).min(1440))).collect();
            if let Ok(z) = check_zone(&zone(&slots)) {
                for pair in z.slots.windows(2) {
                    prop_assert!(pair[0].ends <= pair[1].starts);
                }
                prop_assert_eq!(z.slots.len(), slots.len());
            }
        }
    }

    #[test]
    fn the_naive_order_fills_one_van_after_another() {
        let (routes, left) = naive_routes(&[5, 5, 5, 20], &[(10, 9), (12, 1)]);
        assert_eq!(routes, vec![vec![0, 1], vec![2]]);
        assert_eq!(left, vec![3]);
        let depot = LatLng {
            lat: 31.0,
            lng: 121.0,
        };
        assert_eq!(tour_metres(depot, &[]), 0.0);
        assert!(
            tour_metres(
                depot,
                &[LatLng {
                    lat: 31.1,
                    lng: 121.0
                }]
            ) > 22_000.0
        );
    }
}
