//! Purchase suggestions (采购建议): for each item (a variant sold, or a raw material) whose
//! stock, counted with what is promised and what is on its way, falls to its reorder point,
//! how much to buy, from which supplier, and by when to order so that it arrives before the
//! shelf is empty.

use serde::{Deserialize, Serialize};

const DAY_MS: i64 = 86_400_000;

/// What the shop knows of one item when it plans (units, all warehouses together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub item: i64,
    /// On the shelves (stock in transit between warehouses included: it is the shop's).
    pub on_hand: i64,
    /// Held for orders already placed (part of `on_hand`).
    pub reserved: i64,
    /// Wanted beyond what is held: materials of planned production, back orders.
    pub open_demand: i64,
    /// On purchase orders sent or confirmed and not yet received.
    pub on_order: i64,
    /// At or below this the item is bought again (再订货点).
    pub reorder_point: i64,
    /// Units sold or used in the last 30 days: the pace the plan assumes.
    pub used_30_days: i64,
}

impl Position {
    /// What will be free once everything promised leaves and everything ordered arrives.
    pub fn projected(&self) -> i64 {
        self.on_hand - self.reserved - self.open_demand + self.on_order
    }
}

/// A supplier's terms for the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    pub supplier: i64,
    /// Price per unit, minor units of the supplier's currency.
    pub unit_cost: i64,
    /// The least they sell at once (最小起订量).
    pub min_order: i64,
    /// They sell in multiples of this (a carton); 1 when any count will do.
    pub pack: i64,
    pub lead_time_days: i64,
}

/// What to buy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub item: i64,
    pub supplier: i64,
    pub quantity: i64,
    pub unit_cost: i64,
    /// Order by then (unix milliseconds; now when it is already late)…
    pub order_by: i64,
    /// …and it arrives then, ordered now.
    pub arrives_by: i64,
    /// The shelf will be empty before an order placed now arrives, or is already.
    pub urgent: bool,
}

/// How much stock a purchase brings the item up to: its reorder point plus a month of its
/// pace, and at least one unit above the reorder point.
pub fn target_level(p: &Position) -> i64 {
    p.reorder_point + p.used_30_days.max(1)
}

/// When, from `now`, the item's free stock runs out at its pace (none: it is not used).
pub fn runs_out_at(p: &Position, now: i64) -> Option<i64> {
    if p.used_30_days <= 0 {
        return None;
    }
    let free = (p.on_hand - p.reserved - p.open_demand + p.on_order).max(0);
    Some(now + free.saturating_mul(30 * DAY_MS) / p.used_30_days)
}

/// `wanted` rounded up to what `offer` sells: at least its minimum, in whole packs.
pub fn order_quantity(wanted: i64, offer: &Offer) -> i64 {
    let pack = offer.pack.max(1);
    let at_least = wanted.max(offer.min_order).max(1);
    (at_least + pack - 1) / pack * pack
}

/// The suggestion for item `p` at `now` from its suppliers' `offers`; none when its
/// projected stock is above the reorder point or nobody sells it. The supplier is the
/// cheapest of those whose goods arrive before the shelf is empty; when none can, the
/// quickest (the cheaper of equally quick ones).
pub fn suggest(p: &Position, offers: &[Offer], now: i64) -> Option<Suggestion> {
    let projected = p.projected();
    if projected > p.reorder_point || offers.is_empty() {
        return None;
    }
    let empty_at = runs_out_at(p, now);
    let arrives = |o: &Offer| now + o.lead_time_days.max(0) * DAY_MS;
    let in_time = |o: &&Offer| empty_at.is_none_or(|at| arrives(o) <= at);
    let offer = offers
        .iter()
        .filter(in_time)
        .min_by_key(|o| (o.unit_cost, o.lead_time_days, o.supplier))
        .or_else(|| {
            offers
                .iter()
                .min_by_key(|o| (o.lead_time_days, o.unit_cost, o.supplier))
        })?;
    let quantity = order_quantity(target_level(p) - projected, offer);
    let lead = offer.lead_time_days.max(0) * DAY_MS;
    let order_by = empty_at.map_or(now, |at| (at - lead).max(now));
    let arrives_by = now + lead;
    Some(Suggestion {
        item: p.item,
        supplier: offer.supplier,
        quantity,
        unit_cost: offer.unit_cost,
        order_by,
        arrives_by,
        urgent: projected <= 0 || empty_at.is_some_and(|at| arrives_by > at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOW: i64 = 1_800_000_000_000;

    fn position(on_hand: i64, reserved: i64, on_order: i64) -> Position {
        Position {
            item: 1,
            on_hand,
            reserved,
            open_demand: 0,
            on_order,
            reorder_point: 10,
            used_30_days: 60,
        }
    }

    fn offer(supplier: i64, unit_cost: i64, lead_time_days: i64) -> Offer {
        Offer {
            supplier,
            unit_cost,
            min_order: 1,
            pack: 1,
            lead_time_days,
        }
    }

    #[test]
    fn an_item_above_its_reorder_point_is_not_bought() {
        assert_eq!(suggest(&position(30, 5, 0), &[offer(1, 100, 3)], NOW), None);
        // what is on order counts: 8 free + 10 coming
        assert_eq!(suggest(&position(8, 0, 10), &[offer(1, 100, 3)], NOW), None);
    }

    #[test]
    fn the_cheapest_supplier_in_time_and_enough_for_a_month() {
        // 10 free, two a day: empty in five days
        let p = position(14, 4, 0);
        let s = suggest(
            &p,
            &[offer(1, 900, 3), offer(2, 800, 4), offer(3, 700, 9)],
            NOW,
        )
        .unwrap();
        assert_eq!(
            (s.supplier, s.unit_cost),
            (2, 800),
            "supplier 3 would come too late"
        );
        assert_eq!(
            s.quantity,
            10 + 60 - 10,
            "up to the reorder point and a month"
        );
        assert_eq!(s.arrives_by, NOW + 4 * DAY_MS);
        assert_eq!(
            s.order_by,
            NOW + DAY_MS,
            "five days of stock, four of lead time"
        );
        assert!(!s.urgent);
    }

    #[test]
    fn when_nobody_is_in_time_the_quickest_and_it_is_urgent() {
        let p = position(2, 0, 0);
        let s = suggest(&p, &[offer(1, 500, 6), offer(2, 400, 9)], NOW).unwrap();
        assert_eq!(s.supplier, 1);
        assert_eq!(s.order_by, NOW);
        assert!(s.urgent);
    }

    #[test]
    fn minimums_and_packs_round_the_quantity_up() {
        let o = Offer {
            supplier: 1,
            unit_cost: 100,
            min_order: 50,
            pack: 12,
            lead_time_days: 2,
        };
        assert_eq!(order_quantity(7, &o), 60);
        assert_eq!(order_quantity(61, &o), 72);
        assert_eq!(order_quantity(72, &o), 72);
    }

    proptest! {
        #[test]
        fn a_suggestion_lifts_the_item_above_its_reorder_point(
            on_hand in 0_i64..500,
            reserved in 0_i64..200,
            demand in 0_i64..100,
            on_order in 0_i64..100,
            reorder_point in 0_i64..200,
            used in 0_i64..1000,
            min_order in 0_i64..100,
            pack in 1_i64..24,
            lead in 0_i64..60,
        ) {
            let p = Position {
                item: 1,
                on_hand,
                reserved: reserved.min(on_hand),
                open_demand: demand,
                on_order,
                reorder_point,
                used_30_days: used,
            };
            let o = Offer { supplier: 1, unit_cost: 100, min_order, pack, lead_time_days: lead };
            match suggest(&p, &[o], NOW) {
                None => prop_assert!(p.projected() > reorder_point),
                Some(s) => {
                    prop_assert!(p.projected() <= reorder_point);
                    prop_assert!(p.projected() + s.quantity > reorder_point);
                    prop_assert!(s.quantity >= min_order && s.quantity % pack == 0);
                    prop_assert!(s.order_by >= NOW && s.arrives_by >= NOW);
                }
            }
        }
    }
}
