//! The built bundles' file names. The build names each file after its content
//! (`storekeep.<hash>.wasm`) and lists the current names in `pkg/assets.txt`; pages point at
//! those names and the files are served as immutable for a year (`middleware::cache_static`).
//! A site built without the list (by hand) is served under the plain names.

use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assets {
    /// The shop front's JS and WASM, `<stem>.js` / `<stem>.wasm` (Leptos's output name):
    /// the catalogue pages' islands.
    pub shop: String,
    /// The same for the shopper's own pages (cart, checkout, account, orders): every island.
    pub shop_buy: String,
    /// The shop front's style sheet, a path under the site (`/pkg/...`).
    pub shop_css: String,
    /// The back office's JS and WASM stem, its style sheet and its boot script, as paths.
    pub admin_js: String,
    pub admin_wasm: String,
    pub admin_css: String,
    pub admin_boot: String,
}

impl Assets {
    /// The names in `<site_root>/pkg/assets.txt`, or the plain ones without it.
    pub fn load(site_root: &Path) -> Assets {
        let list = std::fs::read_to_string(site_root.join("pkg/assets.txt")).unwrap_or_default();
        Assets::from_list(&list)
    }

    pub fn from_list(list: &str) -> Assets {
        let names: HashMap<&str, &str> = list
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim(), v.trim()))
            .filter(|(_, v)| is_plain_file_name(v))
            .collect();
        let name = |key: &str, plain: &str| names.get(key).copied().unwrap_or(plain).to_string();
        let admin = name("admin", "admin");
        Assets {
            shop: name("storekeep", "storekeep"),
            shop_buy: name("storekeep-buy", "storekeep-buy"),
            shop_css: format!("/pkg/{}", name("storekeep.css", "storekeep.css")),
            admin_js: format!("/pkg/{admin}.js"),
            admin_wasm: format!("/pkg/{admin}.wasm"),
            admin_css: format!("/pkg/{}", name("admin.css", "admin.css")),
            admin_boot: format!("/pkg/{}", name("admin-boot.js", "admin-boot.js")),
        }
    }
}

/// Whether a `/pkg/` file name carries its content's hash (`name.<16 hex digits>.ext`), so
/// that it can be cached for good.
pub fn is_fingerprinted(file: &str) -> bool {
    let mut parts = file.split('.');
    let (Some(_), Some(hash), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Letters, digits, `.`, `-` and `_` only: nothing from the list can break out of an
/// attribute or a path.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_the_list_or_plain_ones() {
        let a = Assets::from_list(
            "storekeep=storekeep.0123456789abcdef\nadmin=admin.fedcba9876543210\n\
             storekeep.css=storekeep.00000000000000aa.css\nadmin.css=admin.\"x.css\n",
        );
        assert_eq!(a.shop, "storekeep.0123456789abcdef");
        assert_eq!(a.shop_css, "/pkg/storekeep.00000000000000aa.css");
        assert_eq!(a.admin_wasm, "/pkg/admin.fedcba9876543210.wasm");
        assert_eq!(a.admin_css, "/pkg/admin.css", "a strange name is ignored");
        assert_eq!(a.admin_boot, "/pkg/admin-boot.js");
        assert_eq!(Assets::from_list("").shop, "storekeep");
    }

    #[test]
    fn fingerprinted_names() {
        assert!(is_fingerprinted("storekeep.0123456789abcdef.wasm"));
        assert!(is_fingerprinted("storekeep.0123456789abcdef.wasm.br"));
        assert!(!is_fingerprinted("storekeep.wasm"));
        assert!(!is_fingerprinted("storekeep.css"));
        assert!(!is_fingerprinted("assets.txt"));
    }
}
