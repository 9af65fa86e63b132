//! The wishlist (收藏): products a shopper keeps to buy later. A guest's lives in the
//! browser; a customer's on the server; at sign-in the browser's joins the saved one. Both
//! keep the same order (the newest first) and limit, by these rules.

use serde::{Deserialize, Serialize};

/// The most products one wishlist keeps.
pub const MAX_ITEMS: usize = 100;

/// `POST /api/v1/store/account/wishlist`: the browser's wishlist, handed over at
/// sign-in (its products' slugs, the newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MergeWishlist {
    #[cfg_attr(feature = "openapi", schema(max_items = 100))]
    pub slugs: Vec<String>,
}

/// Puts `slug` first in `list` (moving it there if kept already); `false`, unchanged, when
/// the list is full and `slug` is not in it.
pub fn add(list: &mut Vec<String>, slug: &str) -> bool {
    if let Some(at) = list.iter().position(|s| s == slug) {
        list.remove(at);
    } else if list.len() >= MAX_ITEMS {
        return false;
    }
    list.insert(0, slug.to_string());
    true
}

pub fn remove(list: &mut Vec<String>, slug: &str) {
    list.retain(|s| s != slug);
}

/// At sign-in: what the browser kept that the customer's saved list lacks, the newest first,
/// as many as fit beside the saved ones (which all stay). These are the slugs to add.
pub fn to_hand_over<'a>(saved: &[String], device: &'a [String]) -> Vec<&'a str> {
    let room = MAX_ITEMS.saturating_sub(saved.len());
    let mut out: Vec<&str> = Vec::new();
    for slug in device {
        if out.len() >= room {
            break;
        }
        if !saved.contains(slug) && !out.contains(&slug.as_str()) {
            out.push(slug);
        }
    }
    out
}

/// The most characters of slugs one `GET /api/v1/store/wishlist?slugs=` takes (within the
/// API's 2,048 characters of query string).
pub const MAX_CARD_SLUGS: usize = 2040;

/// The query strings (`slugs=a,b,…`) that ask for the cards of `slugs`, in their order:
/// as few as can be, each within [`MAX_CARD_SLUGS`], so that a guest's full wishlist of
/// long slugs is asked in a few requests instead of one refused. A slug too long for any
/// query is left out.
pub fn card_queries(slugs: &[String]) -> Vec<String> {
    let max = "slugs=".len() + MAX_CARD_SLUGS;
    let mut queries: Vec<String> = Vec::new();
    let mut current = String::new();
    for slug in slugs {
        let encoded = crate::catalog::query::encode_component(slug);
        if "slugs=".len() + encoded.len() > max {
            continue;
        }
        if !current.is_empty() && current.len() + 1 + encoded.len() > max {
            queries.push(std::mem::take(&mut current));
        }
        if current.is_empty() {
            current.push_str("slugs=");
        } else {
            current.push(',');
        }
        current.push_str(&encoded);
    }
    if !current.is_empty() {
        queries.push(current);
    }
    queries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_queries_stay_within_the_query_limit_and_keep_the_order() {
        let long: Vec<String> = (0..100)
            .map(|i| format!("{i:02}-{}", "羽".repeat(20)))
            .collect();
        let queries = card_queries(&long);
        assert!(queries.len() > 1);
        let max = "slugs=".len() + MAX_CARD_SLUGS;
        assert!(queries
            .iter()
            .all(|q| q.len() <= max && q.starts_with("slugs=")));
        let back: Vec<String> = queries
            .iter()
            .flat_map(|q| {
                q["slugs=".len()..]
                    .split(',')
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        let encoded: Vec<String> = long
            .iter()
            .map(|s| crate::catalog::query::encode_component(s))
            .collect();
        assert_eq!(back, encoded);
        assert_eq!(
            card_queries(&["a".into(), "b".into()]),
            vec!["slugs=a,b".to_string()]
        );
        assert!(card_queries(&[]).is_empty());
    }
    use proptest::prelude::*;

    fn slugs(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("p-{i}")).collect()
    }

    #[test]
    fn adding_puts_first_once_and_stops_when_full() {
        let mut list = slugs(3);
        assert!(add(&mut list, "p-2"));
        assert_eq!(list, ["p-2", "p-0", "p-1"]);
        let mut full = slugs(MAX_ITEMS);
        assert!(!add(&mut full, "new"));
        assert_eq!(full.len(), MAX_ITEMS);
        // one kept already moves to the front even when full
        assert!(add(&mut full, "p-50"));
        assert_eq!(full[0], "p-50");
        remove(&mut full, "p-50");
        assert_eq!(full.len(), MAX_ITEMS - 1);
    }

    #[test]
    fn hand_over_skips_what_is_saved_and_what_does_not_fit() {
        let saved = slugs(MAX_ITEMS - 1);
        let device = vec!["a".to_string(), "p-3".to_string(), "b".to_string()];
        assert_eq!(to_hand_over(&saved, &device), ["a"]);
        assert_eq!(to_hand_over(&[], &device), ["a", "p-3", "b"]);
    }

    proptest! {
        #[test]
        fn a_merged_list_has_no_repeats_and_keeps_every_saved_one(
            saved in proptest::collection::vec(0_u8..150, 0..120),
            device in proptest::collection::vec(0_u8..150, 0..120),
        ) {
            let mut kept: Vec<String> = Vec::new();
            for n in saved {
                if kept.len() < MAX_ITEMS && !kept.contains(&n.to_string()) {
                    kept.push(n.to_string());
                }
            }
            let device: Vec<String> = device.iter().map(u8::to_string).collect();
            let added = to_hand_over(&kept, &device);
            let all: Vec<&str> = kept.iter().map(String::as_str).chain(added.iter().copied()).collect();
            prop_assert!(all.len() <= MAX_ITEMS);
            let mut unique = all.clone();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), all.len());
            for s in &kept {
                prop_assert!(all.contains(&s.as_str()));
            }
        }
    }
}
