//! Own-fleet delivery (自有车队配送): zones with time slots, vehicles with their capacity,
//! the day's planned routes and their stops, and what a driver records at each door.

use crate::coded;
use crate::ids::WarehouseId;
use crate::orders::OrderNumber;
use serde::{Deserialize, Serialize};

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
    pub driver: Option<String>,
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
    pub name: crate::catalog::Localized,
    /// The division codes (or their leading digits) the zone covers.
    pub divisions: Vec<String>,
    pub slots: Vec<SlotView>,
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

#[cfg(test)]
mod tests {
    use super::*;

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
