//! Route planning (配送路线优化) with `vrp-core`: the day's parcels of a warehouse's own
//! fleet go to its vans so that no van carries more than its weight or parcel count, every
//! parcel arrives inside its delivery window, nobody is left out who can be served, and the
//! vans drive as little as the solver finds. Distances are great-circle metres between the
//! district centroids; travel time follows at a city speed, plus a few minutes at each door.

use shared::fleet::{metres, LatLng};
use std::sync::Arc;
use vrp_core::models::common::{MultiDimLoad, TimeWindow};
use vrp_core::models::problem::{JobIdDimension, VehicleIdDimension};
use vrp_core::prelude::*;

/// A van's average speed in the city, metres per second (25 km/h).
pub const SPEED: f64 = 25_000.0 / 3600.0;
/// Minutes at each door.
pub const SERVICE_MINUTES: f64 = 5.0;
/// The fleet's day: out from 08:00, back by 21:00 (minutes after midnight).
pub const SHIFT: (i64, i64) = (8 * 60, 21 * 60);

/// A parcel to deliver.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stop {
    pub id: i64,
    pub point: LatLng,
    pub weight_grams: i64,
    /// Minutes after midnight.
    pub window: (i64, i64),
}

/// A van.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Van {
    pub id: i64,
    pub max_weight_grams: i64,
    pub max_parcels: i64,
}

/// How long the solver may search.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub max_seconds: usize,
    pub max_generations: usize,
}

impl Budget {
    /// Enough for a city day of a few hundred stops on two cores.
    pub fn for_stops(n: usize) -> Budget {
        Budget {
            max_seconds: if n > 200 { 20 } else { 5 },
            max_generations: if n > 200 { 600 } else { 1500 },
        }
    }
}

/// The plan: per van used, its stops in order with the expected arrival (minutes after
/// midnight), and the stops no van could take.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub routes: Vec<(i64, Vec<(i64, i64)>)>,
    pub unassigned: Vec<i64>,
}

pub fn plan(depot: LatLng, stops: &[Stop], vans: &[Van], budget: Budget) -> Result<Plan, String> {
    if stops.is_empty() || vans.is_empty() {
        return Ok(Plan {
            routes: Vec::new(),
            unassigned: stops.iter().map(|s| s.id).collect(),
        });
    }
    solve(depot, stops, vans, budget).map_err(|e| e.to_string())
}

fn solve(depot: LatLng, stops: &[Stop], vans: &[Van], budget: Budget) -> GenericResult<Plan> {
    // location 0 is the warehouse, location i + 1 the i-th stop
    let points: Vec<LatLng> = std::iter::once(depot)
        .chain(stops.iter().map(|s| s.point))
        .collect();
    let n = points.len();
    let mut distances = Vec::with_capacity(n * n);
    for a in &points {
        for b in &points {
            distances.push(metres(*a, *b).round());
        }
    }
    let durations: Vec<Float> = distances.iter().map(|d| d / SPEED).collect();
    let transport: Arc<dyn TransportCost> =
        Arc::new(SimpleTransportCost::new(durations, distances)?);

    let minutes = |m: i64| (m as Float) * 60.0;
    let jobs = stops
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let weight = i32::try_from(s.weight_grams.max(1)).unwrap_or(i32::MAX);
            SingleBuilder::default()
                .id(&s.id.to_string())
                .demand(Demand {
                    pickup: (MultiDimLoad::default(), MultiDimLoad::default()),
                    delivery: (MultiDimLoad::new(vec![weight, 1]), MultiDimLoad::default()),
                })
                .location(i + 1)?
                .duration(SERVICE_MINUTES * 60.0)?
                .times(vec![TimeWindow::new(
                    minutes(s.window.0),
                    minutes(s.window.1),
                )])?
                .build_as_job()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let vehicles = vans
        .iter()
        .map(|v| {
            VehicleBuilder::default()
                .id(&v.id.to_string())
                .add_detail(
                    VehicleDetailBuilder::default()
                        .set_start_location(0)
                        .set_start_time(minutes(SHIFT.0))
                        .set_end_location(0)
                        .set_end_time(minutes(SHIFT.1))
                        .build()?,
                )
                .capacity(MultiDimLoad::new(vec![
                    i32::try_from(v.max_weight_grams).unwrap_or(i32::MAX),
                    i32::try_from(v.max_parcels).unwrap_or(i32::MAX),
                ]))
                .build()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let goal = GoalContextBuilder::with_features(&[
        MinimizeUnassignedBuilder::new("min-unassigned").build()?,
        TransportFeatureBuilder::new("min-distance")
            .set_transport_cost(transport.clone())
            .set_time_constrained(true)
            .build_minimize_distance()?,
        CapacityFeatureBuilder::<MultiDimLoad>::new("capacity").build()?,
    ])?
    .build()?;
    let problem = Arc::new(
        ProblemBuilder::default()
            .add_jobs(jobs.into_iter())
            .add_vehicles(vehicles.into_iter())
            .with_goal(goal)
            .with_transport_cost(transport)
            .with_logger(Arc::new(
                |msg: &str| tracing::debug!(target: "vrp", "{msg}"),
            ))
            .build()?,
    );
    let config = VrpConfigBuilder::new(problem.clone())
        .prebuild()?
        .with_max_time(Some(budget.max_seconds))
        .with_max_generations(Some(budget.max_generations))
        .build()?;
    let solution = Solver::new(problem, config).solve()?;

    let id_of = |text: Option<&String>| text.and_then(|t| t.parse::<i64>().ok());
    let mut plan = Plan::default();
    for route in &solution.routes {
        let Some(van) = id_of(route.actor.vehicle.dimens.get_vehicle_id()) else {
            continue;
        };
        let visits: Vec<(i64, i64)> = route
            .tour
            .all_activities()
            .filter_map(|a| {
                let job = a.job.as_ref()?;
                let stop = id_of(job.dimens.get_job_id())?;
                Some((stop, (a.schedule.arrival / 60.0).round() as i64))
            })
            .collect();
        if !visits.is_empty() {
            plan.routes.push((van, visits));
        }
    }
    for (job, _) in &solution.unassigned {
        if let Some(single) = job.as_single() {
            if let Some(id) = id_of(single.dimens.get_job_id()) {
                plan.unassigned.push(id);
            }
        }
    }
    Ok(plan)
}

/// A generated city day for tests and benchmarks: `n` stops around People's Square
/// (Shanghai), weights 0.3–12 kg, morning, afternoon and all-day windows, and enough vans of
/// 150 kg / 30 parcels, all from `seed`.
pub fn generated_day(n: usize, seed: u64) -> (LatLng, Vec<Stop>, Vec<Van>) {
    let mut x = seed.max(1);
    let mut next = move |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    let depot = LatLng {
        lat: 31.15,
        lng: 121.20,
    };
    let stops = (0..n)
        .map(|i| {
            let window = match next(3) {
                0 => (9 * 60, 12 * 60),
                1 => (13 * 60, 18 * 60),
                _ => (9 * 60, 20 * 60),
            };
            Stop {
                id: i64::try_from(i).unwrap_or(0) + 1,
                point: LatLng {
                    lat: 31.23 + (next(2000) as f64 - 1000.0) / 10_000.0,
                    lng: 121.47 + (next(2000) as f64 - 1000.0) / 10_000.0,
                },
                weight_grams: 300 + i64::try_from(next(11_700)).unwrap_or(0),
                window,
            }
        })
        .collect();
    let vans = (0..(n / 20 + 2))
        .map(|v| Van {
            id: i64::try_from(v).unwrap_or(0) + 1,
            max_weight_grams: 150_000,
            max_parcels: 30,
        })
        .collect();
    (depot, stops, vans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::fleet::{naive_routes, tour_metres};
    use std::collections::HashMap;

    #[test]
    fn a_day_of_sixty_stops_is_planned_within_capacity_and_beats_the_naive_order() {
        let (depot, stops, vans) = generated_day(60, 0x5eed);
        let plan = plan(depot, &stops, &vans, Budget::for_stops(60)).unwrap();
        // every parcel on exactly one route
        let mut seen: Vec<i64> = plan
            .routes
            .iter()
            .flat_map(|(_, v)| v.iter().map(|s| s.0))
            .collect();
        seen.extend(&plan.unassigned);
        seen.sort_unstable();
        assert_eq!(seen, (1..=60).collect::<Vec<i64>>(), "each stop once");
        assert!(
            plan.unassigned.is_empty(),
            "the vans can take all of it: {:?}",
            plan.unassigned
        );
        let by_id: HashMap<i64, Stop> = stops.iter().map(|s| (s.id, *s)).collect();
        let mut planned = 0.0;
        for (van, visits) in &plan.routes {
            let van = vans.iter().find(|v| v.id == *van).unwrap();
            let weight: i64 = visits.iter().map(|(s, _)| by_id[s].weight_grams).sum();
            assert!(
                weight <= van.max_weight_grams && visits.len() as i64 <= van.max_parcels,
                "van {} over capacity",
                van.id
            );
            for (s, eta) in visits {
                let w = by_id[s].window;
                assert!(
                    *eta <= w.1,
                    "stop {s} reached at {eta}, after its window {w:?}"
                );
            }
            planned += tour_metres(
                depot,
                &visits
                    .iter()
                    .map(|(s, _)| by_id[s].point)
                    .collect::<Vec<_>>(),
            );
        }
        let weights: Vec<i64> = stops.iter().map(|s| s.weight_grams).collect();
        let capacities: Vec<(i64, i64)> = vans
            .iter()
            .map(|v| (v.max_weight_grams, v.max_parcels))
            .collect();
        let (naive, left) = naive_routes(&weights, &capacities);
        assert!(left.is_empty());
        let naive_m: f64 = naive
            .iter()
            .map(|r| {
                tour_metres(
                    depot,
                    &r.iter().map(|&i| stops[i].point).collect::<Vec<_>>(),
                )
            })
            .sum();
        assert!(
            planned <= naive_m,
            "planned {planned:.0} m, naive {naive_m:.0} m"
        );
    }
}
