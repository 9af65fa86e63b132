//! Own-fleet delivery: where addresses are (district centroids shipped as data, converted
//! by `cargo xtask centroids`), the zones and vans staff keep (`setup`), planning a day's
//! routes (`plan`) with the solver (`solver`), and what drivers record at each door.

pub mod plan;
pub mod setup;
pub mod solver;

use shared::checkout::Address;
use shared::fleet::LatLng;
use std::collections::HashMap;
use std::sync::OnceLock;

const CENTROIDS: &str = include_str!("../../data/cn-district-centroids.tsv");

fn centroids() -> &'static HashMap<String, LatLng> {
    static ALL: OnceLock<HashMap<String, LatLng>> = OnceLock::new();
    ALL.get_or_init(|| {
        CENTROIDS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut parts = l.split('\t');
                let code = parts.next()?.to_string();
                let lat = parts.next()?.parse().ok()?;
                let lng = parts.next()?.parse().ok()?;
                Some((code, LatLng { lat, lng }))
            })
            .collect()
    })
}

/// Where a division is: its district's centroid; for a city or province code (or a district
/// the data lacks) the first district under it, else its province's capital.
pub fn point_of_division(code: &str) -> Option<LatLng> {
    if let Some(p) = centroids().get(code) {
        return Some(*p);
    }
    let prefix = &code[..code.len().min(4)];
    let under = centroids()
        .iter()
        .filter(|(c, _)| c.starts_with(prefix))
        .min_by(|a, b| a.0.cmp(b.0))
        .map(|(_, p)| *p);
    under.or_else(|| {
        shared::fulfilment::geo::province_point(code).map(|p| LatLng {
            lat: p.lat,
            lng: p.lon,
        })
    })
}

/// Where an order's address is (China only).
pub fn point_of(address: &Address) -> Option<LatLng> {
    match address {
        Address::China { division_code, .. } => point_of_division(division_code),
        Address::International { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_district_of_the_divisions_has_a_place() {
        assert!(centroids().len() > 2800, "{}", centroids().len());
        let pudong = point_of_division("310115").unwrap();
        assert!((pudong.lat - 31.22).abs() < 0.1 && (pudong.lng - 121.54).abs() < 0.1);
        assert!(point_of_division("3101").is_some(), "a city");
        assert!(point_of_division("31").is_some(), "a province");
        let missing: Vec<String> = crate::divisions::all()
            .children(None)
            .into_iter()
            .flat_map(|p| crate::divisions::all().children(Some(&p.code)))
            .flat_map(|c| crate::divisions::all().children(Some(&c.code)))
            .filter(|d| point_of_division(&d.code).is_none())
            .map(|d| d.code)
            .collect();
        assert!(missing.is_empty(), "districts without a place: {missing:?}");
    }
}
