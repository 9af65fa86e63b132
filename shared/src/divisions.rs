//! China's administrative divisions (GB/T 2260): province (2-digit code), city (4) and
//! district (6). The data is a text file the server ships (`code<TAB>name` per line); the
//! browser asks for one level at a time, so the bundle carries none of it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Division {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Default)]
pub struct Divisions {
    by_code: BTreeMap<String, String>,
}

impl Divisions {
    /// Reads `code<TAB>name` lines; `#` lines are comments. Codes must be 2, 4 or 6 digits
    /// and a child's parent must come first.
    pub fn parse(text: &str) -> Result<Divisions, String> {
        let mut by_code = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (code, name) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: no tab", n + 1))?;
            let ok = matches!(code.len(), 2 | 4 | 6) && code.bytes().all(|b| b.is_ascii_digit());
            if !ok || name.trim().is_empty() {
                return Err(format!("line {}: bad entry {line:?}", n + 1));
            }
            if let Some(parent) = parent_code(code) {
                if !by_code.contains_key(parent) {
                    return Err(format!("line {}: {code} comes before its parent", n + 1));
                }
            }
            by_code.insert(code.to_string(), name.to_string());
        }
        Ok(Divisions { by_code })
    }

    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    /// The provinces (`None`) or the children of a province or city, in code order.
    pub fn children(&self, parent: Option<&str>) -> Vec<Division> {
        let (prefix, len) = match parent {
            None => ("", 2),
            Some(p) if p.len() == 2 || p.len() == 4 => (p, p.len() + 2),
            Some(_) => return Vec::new(),
        };
        self.by_code
            .range(prefix.to_string()..)
            .take_while(|(code, _)| code.starts_with(prefix))
            .filter(|(code, _)| code.len() == len)
            .map(|(code, name)| Division {
                code: code.clone(),
                name: self.shown_name(code, name),
            })
            .collect()
    }

    /// A division's name as a picker shows it: the code table's placeholder cities of the
    /// four municipalities (北京, 天津, 上海, 重庆) read as the municipality itself — "市辖区"
    /// as "上海市", Chongqing's "县" as "重庆市（县）" — since that is what a person looks for.
    fn shown_name(&self, code: &str, name: &str) -> String {
        let province = || {
            self.by_code
                .get(&code[..2])
                .map_or(name, String::as_str)
                .to_string()
        };
        match (code.len(), name) {
            (4, "市辖区") => province(),
            (4, "县") => format!("{}（县）", province()),
            _ => name.to_string(),
        }
    }

    /// Whether `code` is a district, the level an address must name.
    pub fn is_district(&self, code: &str) -> bool {
        code.len() == 6 && self.by_code.contains_key(code)
    }

    /// "上海市 浦东新区", "广东省 深圳市 南山区": province, city and district, leaving out
    /// placeholders (市辖区, 县) and a city repeated as its own district.
    pub fn label(&self, district: &str) -> Option<String> {
        if !self.is_district(district) {
            return None;
        }
        let mut parts: Vec<&str> = Vec::new();
        for len in [2, 4, 6] {
            let name = self.by_code.get(&district[..len])?.as_str();
            if !matches!(
                name,
                "市辖区" | "县" | "省直辖县级行政区划" | "自治区直辖县级行政区划"
            ) && parts.last() != Some(&name)
            {
                parts.push(name);
            }
        }
        Some(parts.join(" "))
    }
}

fn parent_code(code: &str) -> Option<&str> {
    match code.len() {
        4 | 6 => Some(&code[..code.len() - 2]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# comment\n31\t上海市\n3101\t市辖区\n310101\t黄浦区\n310115\t浦东新区\n\
        50\t重庆市\n5001\t市辖区\n500101\t万州区\n5002\t县\n500229\t城口县\n\
        44\t广东省\n4403\t深圳市\n440305\t南山区\n4419\t东莞市\n441900\t东莞市\n";

    #[test]
    fn levels_and_labels() {
        let d = Divisions::parse(SAMPLE).unwrap();
        assert_eq!(d.len(), 14);
        let chongqing: Vec<_> = d.children(Some("50")).into_iter().map(|x| x.name).collect();
        assert_eq!(chongqing, ["重庆市", "重庆市（县）"]);
        assert_eq!(d.label("500229").as_deref(), Some("重庆市 城口县"));
        let provinces: Vec<_> = d.children(None).into_iter().map(|x| x.code).collect();
        assert_eq!(provinces, ["31", "44", "50"]);
        let cities: Vec<_> = d.children(Some("44")).into_iter().map(|x| x.name).collect();
        assert_eq!(cities, ["深圳市", "东莞市"]);
        assert_eq!(d.children(Some("3101")).len(), 2);
        // a municipality's placeholder city reads as the municipality
        assert_eq!(
            d.children(Some("31")),
            [Division {
                code: "3101".into(),
                name: "上海市".into()
            }]
        );
        assert!(d.children(Some("310115")).is_empty());
        assert!(d.is_district("310115"));
        assert!(!d.is_district("3101") && !d.is_district("310199"));
        assert_eq!(d.label("310115").as_deref(), Some("上海市 浦东新区"));
        assert_eq!(d.label("440305").as_deref(), Some("广东省 深圳市 南山区"));
        assert_eq!(d.label("441900").as_deref(), Some("广东省 东莞市"));
        assert_eq!(d.label("999999"), None);
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(Divisions::parse("3101\t市辖区\n").is_err(), "orphan");
        assert!(Divisions::parse("31 上海市\n").is_err(), "no tab");
        assert!(Divisions::parse("3a\tx\n").is_err(), "not digits");
    }
}
