//! Allocation (订单分配): which warehouse sends what. A paid (or cash-on-delivery) order goes
//! out as one shipment per seller when one of the seller's warehouses holds all of that
//! seller's lines, from the nearest such warehouse to the delivery province. When none
//! holds everything, the lines are split over several: each time the warehouse that can send
//! the most of what is still missing (the nearer one on a tie), until nothing is missing or
//! no warehouse has any of it; what no warehouse has is reported short.

use super::geo::province_distance_km;
use crate::ids::{SellerId, VariantId, WarehouseId};
use std::collections::{BTreeMap, HashMap};

/// An order line: `quantity` units of `variant`, sold by `seller`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub variant: VariantId,
    pub seller: SellerId,
    pub quantity: u32,
}

/// What one warehouse can send of one variant now (on hand less what other orders hold).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    pub warehouse: WarehouseId,
    pub seller: SellerId,
    /// The warehouse's division code (its first two digits name the province).
    pub province: String,
    pub variant: VariantId,
    pub available: u32,
}

/// One planned shipment: a warehouse of the seller and what it sends (by variant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub seller: SellerId,
    pub warehouse: WarehouseId,
    pub lines: Vec<(VariantId, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Allocation {
    pub shipments: Vec<Planned>,
    /// What no warehouse of its seller has: variant and missing units.
    pub short: Vec<(VariantId, u32)>,
}

impl Allocation {
    /// Every unit has a warehouse.
    pub fn is_complete(&self) -> bool {
        self.short.is_empty()
    }
}

/// Plans the shipments of an order delivered to `destination` (a division code).
pub fn allocate(lines: &[Line], destination: &str, holdings: &[Holding]) -> Allocation {
    // what each seller must send, by variant (a variant on two lines counts once)
    let mut sellers: Vec<SellerId> = Vec::new();
    let mut needs: HashMap<SellerId, BTreeMap<VariantId, u32>> = HashMap::new();
    for line in lines.iter().filter(|l| l.quantity > 0) {
        if !sellers.contains(&line.seller) {
            sellers.push(line.seller);
        }
        *needs
            .entry(line.seller)
            .or_default()
            .entry(line.variant)
            .or_default() += line.quantity;
    }
    // two holdings of one variant in one warehouse (two bins) add up
    let mut available: HashMap<(WarehouseId, VariantId), u32> = HashMap::new();
    for h in holdings {
        let units = available.entry((h.warehouse, h.variant)).or_default();
        *units = units.saturating_add(h.available);
    }
    let mut plan = Allocation::default();
    for seller in sellers {
        let need = needs.remove(&seller).unwrap_or_default();
        let nearest = warehouses_by_distance(holdings, seller, destination);
        let (shipments, short) = for_seller(seller, need, &nearest, &available);
        plan.shipments.extend(shipments);
        plan.short.extend(short);
    }
    plan
}

/// The seller's warehouses, nearest to `destination` first (then by id, so that the plan
/// is the same every time).
fn warehouses_by_distance(
    holdings: &[Holding],
    seller: SellerId,
    destination: &str,
) -> Vec<WarehouseId> {
    let mut found: Vec<(f64, WarehouseId)> = Vec::new();
    for h in holdings.iter().filter(|h| h.seller == seller) {
        if !found.iter().any(|(_, w)| *w == h.warehouse) {
            found.push((province_distance_km(&h.province, destination), h.warehouse));
        }
    }
    found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(_, w)| w).collect()
}

fn for_seller(
    seller: SellerId,
    mut missing: BTreeMap<VariantId, u32>,
    nearest: &[WarehouseId],
    available: &HashMap<(WarehouseId, VariantId), u32>,
) -> (Vec<Planned>, Vec<(VariantId, u32)>) {
    let has = |w: WarehouseId, v: VariantId| available.get(&(w, v)).copied().unwrap_or(0);
    // one warehouse holds everything: the nearest such
    if let Some(&w) = nearest
        .iter()
        .find(|&&w| missing.iter().all(|(&v, &q)| has(w, v) >= q))
    {
        let lines = missing.into_iter().collect();
        return (
            vec![Planned {
                seller,
                warehouse: w,
                lines,
            }],
            Vec::new(),
        );
    }
    let mut shipments = Vec::new();
    let mut left: Vec<WarehouseId> = nearest.to_vec();
    loop {
        let covers = |w: WarehouseId| -> u64 {
            missing
                .iter()
                .map(|(&v, &q)| u64::from(q.min(has(w, v))))
                .sum()
        };
        // the most units; on a tie the nearer (earlier in `left`)
        let best = left
            .iter()
            .enumerate()
            .map(|(at, &w)| (covers(w), std::cmp::Reverse(at), w))
            .max();
        let Some((_, std::cmp::Reverse(at), w)) = best.filter(|b| b.0 > 0) else {
            break;
        };
        left.remove(at);
        let mut lines = Vec::new();
        for (&v, q) in missing.iter_mut() {
            let take = (*q).min(has(w, v));
            if take > 0 {
                lines.push((v, take));
                *q -= take;
            }
        }
        missing.retain(|_, q| *q > 0);
        shipments.push(Planned {
            seller,
            warehouse: w,
            lines,
        });
        if missing.is_empty() {
            break;
        }
    }
    (shipments, missing.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SHOP: SellerId = SellerId(1);

    fn holding(w: i64, province: &str, v: i64, available: u32) -> Holding {
        Holding {
            warehouse: WarehouseId(w),
            seller: SHOP,
            province: province.into(),
            variant: VariantId(v),
            available,
        }
    }

    fn line(v: i64, quantity: u32) -> Line {
        Line {
            variant: VariantId(v),
            seller: SHOP,
            quantity,
        }
    }

    #[test]
    fn the_nearest_warehouse_that_holds_everything() {
        // Shanghai (31) and Guangzhou (44) both hold both lines; Beijing (11) only one
        let stock = [
            holding(1, "310000", 10, 5),
            holding(1, "310000", 11, 5),
            holding(2, "440000", 10, 5),
            holding(2, "440000", 11, 5),
            holding(3, "110000", 10, 50),
        ];
        let to_shenzhen = allocate(&[line(10, 2), line(11, 1)], "440300", &stock);
        assert_eq!(to_shenzhen.shipments.len(), 1);
        assert_eq!(to_shenzhen.shipments[0].warehouse, WarehouseId(2));
        let to_hangzhou = allocate(&[line(10, 2), line(11, 1)], "330100", &stock);
        assert_eq!(to_hangzhou.shipments[0].warehouse, WarehouseId(1));
        // Beijing is nearest to Tianjin but lacks variant 11: Shanghai sends all
        let to_tianjin = allocate(&[line(10, 2), line(11, 1)], "120000", &stock);
        assert_eq!(to_tianjin.shipments.len(), 1);
        assert_eq!(to_tianjin.shipments[0].warehouse, WarehouseId(1));
    }

    #[test]
    fn split_when_no_warehouse_holds_everything() {
        let stock = [
            holding(1, "310000", 10, 3),
            holding(2, "440000", 11, 4),
            holding(2, "440000", 10, 1),
        ];
        let plan = allocate(&[line(10, 4), line(11, 4), line(12, 1)], "310000", &stock);
        // Guangzhou can send 5 of the missing units, Shanghai 3: Guangzhou first, then Shanghai
        assert_eq!(plan.shipments.len(), 2);
        assert_eq!(plan.shipments[0].warehouse, WarehouseId(2));
        assert_eq!(
            plan.shipments[0].lines,
            vec![(VariantId(10), 1), (VariantId(11), 4)]
        );
        assert_eq!(plan.shipments[1].lines, vec![(VariantId(10), 3)]);
        assert_eq!(plan.short, vec![(VariantId(12), 1)]);
        assert!(!plan.is_complete());
    }

    #[test]
    fn two_bins_of_one_warehouse_add_up() {
        let stock = [holding(1, "310000", 10, 2), holding(1, "310000", 10, 3)];
        let plan = allocate(&[line(10, 5)], "310000", &stock);
        assert!(plan.is_complete());
        assert_eq!(plan.shipments.len(), 1);
    }

    #[test]
    fn one_shipment_per_seller() {
        let marketplace = SellerId(7);
        let stock = [
            holding(1, "310000", 10, 9),
            Holding {
                seller: marketplace,
                ..holding(5, "330000", 20, 9)
            },
        ];
        let lines = [
            line(10, 1),
            Line {
                seller: marketplace,
                ..line(20, 2)
            },
        ];
        let plan = allocate(&lines, "310000", &stock);
        assert!(plan.is_complete());
        let by: Vec<(SellerId, WarehouseId)> = plan
            .shipments
            .iter()
            .map(|s| (s.seller, s.warehouse))
            .collect();
        assert_eq!(
            by,
            vec![(SHOP, WarehouseId(1)), (marketplace, WarehouseId(5))]
        );
    }

    const PROVINCES: [&str; 6] = ["110000", "310000", "440000", "510000", "650000", "990000"];

    fn scenario() -> impl Strategy<Value = (Vec<Line>, Vec<Holding>, String)> {
        let lines = prop::collection::vec((1i64..3, 1i64..9, 0u32..12), 1..12).prop_map(|ls| {
            ls.into_iter()
                .map(|(s, v, q)| Line {
                    seller: SellerId(s),
                    variant: VariantId(s * 100 + v),
                    quantity: q,
                })
                .collect::<Vec<_>>()
        });
        // warehouses 1..6, each of seller 1 or 2, somewhere; stock for any variant of its seller
        let warehouses = prop::collection::vec((1i64..3, 0usize..PROVINCES.len()), 1..6);
        (
            lines,
            warehouses,
            prop::collection::vec((0usize..6, 1i64..9, 0u32..15), 0..40),
            0usize..PROVINCES.len(),
        )
            .prop_map(|(lines, warehouses, stock, to)| {
                let mut holdings: Vec<Holding> = Vec::new();
                for (w, v, available) in stock {
                    let Some(&(seller, province)) = warehouses.get(w) else {
                        continue;
                    };
                    let (warehouse, variant) =
                        (WarehouseId(w as i64 + 1), VariantId(seller * 100 + v));
                    if holdings
                        .iter()
                        .any(|h| h.warehouse == warehouse && h.variant == variant)
                    {
                        continue;
                    }
                    holdings.push(Holding {
                        warehouse,
                        seller: SellerId(seller),
                        province: PROVINCES[province].into(),
                        variant,
                        available,
                    });
                }
                (lines, holdings, PROVINCES[to].to_string())
            })
    }

    proptest! {
        #[test]
        fn every_unit_is_planned_once_within_stock((lines, holdings, to) in scenario()) {
            let plan = allocate(&lines, &to, &holdings);
            let mut ordered: BTreeMap<VariantId, u32> = BTreeMap::new();
            for l in &lines {
                *ordered.entry(l.variant).or_default() += l.quantity;
            }
            let mut planned: BTreeMap<VariantId, u32> = BTreeMap::new();
            let mut taken: HashMap<(WarehouseId, VariantId), u32> = HashMap::new();
            let mut sources = std::collections::BTreeSet::new();
            for s in &plan.shipments {
                prop_assert!(!s.lines.is_empty());
                prop_assert!(sources.insert((s.seller, s.warehouse)), "one shipment a warehouse");
                for &(v, q) in &s.lines {
                    prop_assert!(q > 0);
                    *planned.entry(v).or_default() += q;
                    *taken.entry((s.warehouse, v)).or_default() += q;
                    // the warehouse is the line's seller's
                    let h = holdings.iter().find(|h| h.warehouse == s.warehouse && h.variant == v);
                    prop_assert!(h.is_some_and(|h| h.seller == s.seller));
                }
            }
            for &(v, q) in &plan.short {
                *planned.entry(v).or_default() += q;
            }
            ordered.retain(|_, q| *q > 0);
            prop_assert_eq!(&planned, &ordered, "planned + short = ordered");
            for ((w, v), q) in &taken {
                let h = holdings.iter().find(|h| h.warehouse == *w && h.variant == *v).unwrap();
                prop_assert!(*q <= h.available, "never more than a warehouse has");
            }
            // short only when the seller's warehouses together have less than ordered
            for &(v, missing) in &plan.short {
                let seller = lines.iter().find(|l| l.variant == v).unwrap().seller;
                let total: u32 = holdings
                    .iter()
                    .filter(|h| h.variant == v && h.seller == seller)
                    .map(|h| h.available)
                    .sum();
                prop_assert_eq!(total + missing, ordered[&v]);
            }
        }

        #[test]
        fn one_shipment_a_seller_when_one_warehouse_can(
            (lines, holdings, to) in scenario()
        ) {
            let plan = allocate(&lines, &to, &holdings);
            let sellers: std::collections::BTreeSet<SellerId> =
                lines.iter().filter(|l| l.quantity > 0).map(|l| l.seller).collect();
            for seller in sellers {
                let mut need: BTreeMap<VariantId, u32> = BTreeMap::new();
                for l in lines.iter().filter(|l| l.seller == seller) {
                    *need.entry(l.variant).or_default() += l.quantity;
                }
                need.retain(|_, q| *q > 0);
                let can = |w: WarehouseId| need.iter().all(|(v, q)| {
                    holdings.iter().any(|h| h.warehouse == w && h.variant == *v && h.available >= *q)
                });
                let able: Vec<WarehouseId> = holdings.iter()
                    .filter(|h| h.seller == seller).map(|h| h.warehouse)
                    .filter(|w| can(*w)).collect();
                let ours: Vec<&Planned> = plan.shipments.iter().filter(|s| s.seller == seller).collect();
                if let Some(nearest) = able.iter().min_by(|a, b| {
                    let d = |w: &WarehouseId| {
                        let p = &holdings.iter().find(|h| h.warehouse == *w).unwrap().province;
                        province_distance_km(p, &to)
                    };
                    d(a).total_cmp(&d(b)).then(a.cmp(b))
                }) {
                    prop_assert_eq!(ours.len(), 1);
                    prop_assert_eq!(ours[0].warehouse, *nearest);
                }
            }
        }
    }
}
