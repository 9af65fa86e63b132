//! What a return of some units gives back (退款金额): their part of the lines' totals, less
//! their part of the order's discount, with their part of the tax it included — in integer
//! minor units, by one rounding rule, so that returning everything in any number of returns
//! gives back exactly what the lines cost after discount, and never more.
//!
//! The rule: the order's discount (and its tax) is first spread over its lines in
//! proportion to their totals, by largest remainder (the units of rounding go to the lines
//! with the largest fractions, ties to the earlier line). Within a line, the first `k` units
//! returned are worth `floor(amount × k / quantity)`; a return of `q` more units after `k`
//! is worth the difference, so the parts of a line always add up to the line.

use serde::{Deserialize, Serialize};

/// One line of an order: how many units, and what they cost together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub quantity: i64,
    pub total: i64,
}

/// The figures of an order a return is measured against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bill {
    pub lines: Vec<Line>,
    pub discount: i64,
    pub tax: i64,
    pub shipping: i64,
}

/// What one return is worth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Share {
    /// The returned units' part of their lines' totals.
    pub goods: i64,
    /// Their part of the order's discount (taken off).
    pub discount: i64,
    /// The delivery charge, given back with the return that leaves nothing of the order
    /// kept when the shop was at fault ([`share`]'s `shipping_back`).
    pub shipping: i64,
    /// Of which tax (included in the prices).
    pub tax: i64,
}

impl Share {
    /// What goes back to the customer.
    pub fn refund(&self) -> i64 {
        self.goods - self.discount + self.shipping
    }
}

/// `total` spread over `weights` in proportion, by largest remainder; the parts add up to
/// `total` exactly. All weights zero: all of it on the first.
pub fn spread(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i128 = weights.iter().map(|w| i128::from((*w).max(0))).sum();
    if weights.is_empty() {
        return Vec::new();
    }
    if sum == 0 {
        let mut parts = vec![0; weights.len()];
        parts[0] = total;
        return parts;
    }
    let total128 = i128::from(total);
    let mut parts: Vec<i64> = Vec::with_capacity(weights.len());
    let mut fractions: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = total128 * i128::from((*w).max(0));
        parts.push(i64::try_from(exact.div_euclid(sum)).unwrap_or(0));
        fractions.push((exact.rem_euclid(sum), i));
    }
    let given: i64 = parts.iter().sum();
    let mut left = total - given;
    // the largest fractions first; ties to the earlier line
    fractions.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in fractions {
        if left <= 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts
}

/// The first `k` of a line's `quantity` units' part of `amount`.
fn first_units(amount: i64, k: i64, quantity: i64) -> i64 {
    if quantity <= 0 {
        return 0;
    }
    let k = k.clamp(0, quantity);
    i64::try_from(i128::from(amount) * i128::from(k) / i128::from(quantity)).unwrap_or(0)
}

/// What returning `now[i]` units of each line `i` is worth, after `before[i]` units of it
/// came back in earlier returns. `shipping_back`: the shop was at fault (defective, wrong
/// item, not as described), so when this return leaves nothing of the order kept, the
/// delivery charge goes back with it.
pub fn share(bill: &Bill, before: &[i64], now: &[i64], shipping_back: bool) -> Share {
    let totals: Vec<i64> = bill.lines.iter().map(|l| l.total).collect();
    let discounts = spread(bill.discount, &totals);
    let taxes = spread(bill.tax, &totals);
    let mut out = Share::default();
    let mut all_back = true;
    for (i, line) in bill.lines.iter().enumerate() {
        let k = before.get(i).copied().unwrap_or(0).clamp(0, line.quantity);
        let q = now.get(i).copied().unwrap_or(0).clamp(0, line.quantity - k);
        let part = |amount: i64| {
            first_units(amount, k + q, line.quantity) - first_units(amount, k, line.quantity)
        };
        out.goods += part(line.total);
        out.discount += part(discounts[i]);
        out.tax += part(taxes[i]);
        all_back &= k + q == line.quantity;
    }
    let anything_now = now.iter().any(|q| *q > 0);
    if shipping_back && all_back && anything_now {
        out.shipping = bill.shipping;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bill() -> Bill {
        Bill {
            lines: vec![
                Line {
                    quantity: 3,
                    total: 10_000,
                },
                Line {
                    quantity: 1,
                    total: 5_001,
                },
            ],
            discount: 1_000,
            tax: 1_726,
            shipping: 800,
        }
    }

    #[test]
    fn a_discount_is_spread_by_the_lines_totals() {
        assert_eq!(spread(1_000, &[10_000, 5_001]), vec![667, 333]);
        assert_eq!(spread(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(spread(5, &[0, 0]), vec![5, 0]);
        assert_eq!(spread(0, &[3, 4]), vec![0, 0]);
    }

    #[test]
    fn one_unit_of_a_line_gives_back_its_part_less_its_discount() {
        let s = share(&bill(), &[0, 0], &[1, 0], false);
        assert_eq!(s.goods, 3_333);
        assert_eq!(s.discount, 222);
        assert_eq!(s.refund(), 3_111);
        // the rest of the line later: the parts add up to the line
        let rest = share(&bill(), &[1, 0], &[2, 0], false);
        assert_eq!(s.goods + rest.goods, 10_000);
        assert_eq!(s.discount + rest.discount, 667);
        assert_eq!(rest.shipping, 0);
    }

    #[test]
    fn delivery_goes_back_only_with_the_last_units_when_the_shop_was_at_fault() {
        let b = bill();
        assert_eq!(share(&b, &[0, 0], &[3, 1], true).shipping, 800);
        assert_eq!(share(&b, &[0, 0], &[3, 1], false).shipping, 0);
        assert_eq!(share(&b, &[0, 0], &[3, 0], true).shipping, 0);
        assert_eq!(share(&b, &[3, 0], &[0, 1], true).shipping, 800);
        assert_eq!(share(&b, &[3, 1], &[0, 0], true).shipping, 0);
    }

    fn bills() -> impl Strategy<Value = (Bill, Vec<Vec<i64>>)> {
        let lines = proptest::collection::vec((1i64..6, 0i64..200_000), 1..5);
        (lines, 0i64..100_000, 0i64..30_000, 0i64..2_000).prop_flat_map(
            |(lines, discount, tax, shipping)| {
                let items: i64 = lines.iter().map(|(_, t)| t).sum();
                let bill = Bill {
                    lines: lines
                        .iter()
                        .map(|(q, t)| Line {
                            quantity: *q,
                            total: *t,
                        })
                        .collect(),
                    discount: discount.min(items),
                    tax: tax.min(items),
                    shipping,
                };
                // each line's units split over up to four returns
                let splits = lines
                    .iter()
                    .map(|(q, _)| proptest::collection::vec(0..=*q, 4))
                    .collect::<Vec<_>>();
                (Just(bill), splits)
            },
        )
    }

    proptest! {
        #[test]
        fn returning_everything_in_any_split_gives_back_exactly_the_bill((bill, cuts) in bills()) {
            // cut points per line, sorted: return r takes the units between cuts r-1 and r
            let n = bill.lines.len();
            let mut points: Vec<Vec<i64>> = cuts.clone();
            for (i, p) in points.iter_mut().enumerate() {
                p.sort_unstable();
                p.push(bill.lines[i].quantity);
            }
            let mut before = vec![0; n];
            let mut sum = Share::default();
            for r in 0..5_usize {
                let now: Vec<i64> = points.iter().zip(&before).map(|(p, b)| p[r] - b).collect();
                let s = share(&bill, &before, &now, true);
                prop_assert!(s.goods >= 0 && s.discount >= 0 && s.tax >= 0);
                prop_assert!(s.refund() >= 0, "{s:?}");
                sum.goods += s.goods;
                sum.discount += s.discount;
                sum.tax += s.tax;
                sum.shipping += s.shipping;
                for (b, q) in before.iter_mut().zip(&now) {
                    *b += q;
                }
            }
            let items: i64 = bill.lines.iter().map(|l| l.total).sum();
            prop_assert_eq!(sum.goods, items);
            prop_assert_eq!(sum.discount, bill.discount);
            prop_assert_eq!(sum.tax, bill.tax);
            prop_assert_eq!(sum.shipping, bill.shipping);
            prop_assert_eq!(sum.refund(), items - bill.discount + bill.shipping);
        }

        #[test]
        fn a_return_never_gives_back_more_than_its_lines_cost(
            (bill, cuts) in bills(), pick in 0usize..4
        ) {
            let now: Vec<i64> = cuts.iter().map(|c| c[pick]).collect();
            let s = share(&bill, &vec![0; now.len()], &now, false);
            let paid_for: i64 = bill.lines.iter().zip(&now)
                .map(|(l, q)| first_units(l.total, *q, l.quantity))
                .sum();
            prop_assert!(s.refund() <= paid_for);
        }
    }
}
