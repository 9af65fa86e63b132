//! The shop's languages. Chinese lives at the site root, English under `/en`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag used in `lang` and `hreflang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// The short code stored in the `lang` cookie and accepted in `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        match code.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" => Some(Locale::ZhCn),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The URL prefix of this locale: `""` for Chinese, `"/en"` for English.
    pub fn prefix(self) -> &'static str {
        match self {
            Locale::ZhCn => "",
            Locale::En => "/en",
        }
    }

    /// Which locale a site path belongs to, and the path without the locale prefix.
    pub fn split_path(path: &str) -> (Locale, &str) {
        match path.strip_prefix("/en") {
            Some("") => (Locale::En, "/"),
            Some(rest) if rest.starts_with('/') => (Locale::En, rest),
            _ => (Locale::ZhCn, path),
        }
    }

    /// `path` (without prefix, starting with `/`) in this locale.
    pub fn localize(self, path: &str) -> String {
        match (self, path) {
            (Locale::ZhCn, _) => path.to_string(),
            (Locale::En, "/") => "/en".to_string(),
            (Locale::En, p) => format!("/en{p}"),
        }
    }

    /// Picks the preferred shop locale from an `Accept-Language` header, honouring q-values.
    /// Returns `None` when the header names neither Chinese nor English.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(Locale, u32)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(parse_q)
                .unwrap_or(1000);
            let primary = tag.split('-').next().unwrap_or("");
            let locale = match primary {
                "zh" => Locale::ZhCn,
                "en" => Locale::En,
                _ => continue,
            };
            if q > 0 && best.is_none_or(|(_, bq)| q > bq) {
                best = Some((locale, q));
            }
        }
        best.map(|(l, _)| l)
    }

    /// Picks between two translations.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::ZhCn => zh,
            Locale::En => en,
        }
    }
}

/// A q-value ("0.8") in thousandths, without floats.
fn parse_q(q: &str) -> Option<u32> {
    let (int, frac) = q.split_once('.').unwrap_or((q, ""));
    let int: u32 = int.parse().ok()?;
    if int > 1 || frac.len() > 3 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let frac_val: u32 = format!("{frac:0<3}").parse().ok()?;
    Some((int * 1000 + frac_val).min(1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_paths() {
        assert_eq!(Locale::split_path("/"), (Locale::ZhCn, "/"));
        assert_eq!(Locale::split_path("/en"), (Locale::En, "/"));
        assert_eq!(
            Locale::split_path("/en/products/x"),
            (Locale::En, "/products/x")
        );
        assert_eq!(Locale::split_path("/english"), (Locale::ZhCn, "/english"));
        assert_eq!(Locale::En.localize("/"), "/en");
        assert_eq!(Locale::En.localize("/categories/a"), "/en/categories/a");
        assert_eq!(Locale::ZhCn.localize("/categories/a"), "/categories/a");
    }

    #[test]
    fn accept_language() {
        assert_eq!(
            Locale::from_accept_language("en-US,en;q=0.9"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Some(Locale::ZhCn)
        );
        assert_eq!(
            Locale::from_accept_language("fr, en;q=0.5, zh;q=0.7"),
            Some(Locale::ZhCn)
        );
        assert_eq!(Locale::from_accept_language("de-DE"), None);
        assert_eq!(
            Locale::from_accept_language("en;q=0, zh;q=0.1"),
            Some(Locale::ZhCn)
        );
        assert_eq!(Locale::from_accept_language(""), None);
    }
}
