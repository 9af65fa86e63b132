//! Batch picking (拣货): one pick list for many shipments of a warehouse, one line per SKU
//! in the order of the bins a picker walks past; what a short pick means for each shipment.

use crate::coded;

coded! {
    pub enum PickListStatus {
        /// 拣货中
        Open => "open",
        /// 已完成: every line counted, its shipments picked.
        Done => "done",
    }
}

/// A bin location, `zone-aisle-shelf-bin` (`A-01-02-03`): upper case letters and digits in
/// four parts.
pub fn parse_bin_code(text: &str) -> Option<String> {
    let t = text.trim().to_ascii_uppercase();
    let parts: Vec<&str> = t.split('-').collect();
    let ok = parts.len() == 4
        && parts
            .iter()
            .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    ok.then_some(t)
}

/// The zone of a bin code (its first part).
pub fn zone_of(bin: &str) -> &str {
    bin.split('-').next().unwrap_or("")
}

/// Shares `picked` units of one SKU among the shipments that wanted `wants` (in the order
/// their orders came in): the earlier orders are served in full first, so a short pick falls
/// on the latest orders. Returns what each shipment got.
pub fn share_picked(picked: u32, wants: &[u32]) -> Vec<u32> {
    let mut left = picked;
    wants
        .iter()
        .map(|&w| {
            let got = w.min(left);
            left -= got;
            got
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_short_pick_falls_on_the_latest_order() {
        assert_eq!(share_picked(5, &[2, 2, 2]), vec![2, 2, 1]);
        assert_eq!(share_picked(6, &[2, 2, 2]), vec![2, 2, 2]);
        assert_eq!(share_picked(0, &[1, 3]), vec![0, 0]);
    }

    #[test]
    fn bin_codes_have_four_parts() {
        assert_eq!(parse_bin_code(" a-01-02-03 "), Some("A-01-02-03".into()));
        assert_eq!(parse_bin_code("A-01-02"), None);
        assert_eq!(parse_bin_code("A-01-02-<b>"), None);
        assert_eq!(zone_of("B-02-01-04"), "B");
    }

    proptest! {
        #[test]
        fn nothing_is_shared_that_was_not_picked(picked in 0u32..200, wants in proptest::collection::vec(1u32..20, 0..12)) {
            let got = share_picked(picked, &wants);
            let total: u32 = got.iter().sum();
            prop_assert_eq!(total, picked.min(wants.iter().sum()));
            prop_assert!(got.iter().zip(&wants).all(|(g, w)| g <= w));
        }
    }
}
