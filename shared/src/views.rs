//! Saved views (常用筛选): a staff member's named filters of a list, kept on the server so
//! that they follow the person to any device.

use crate::coded;
use serde::{Deserialize, Serialize};

coded! {
    /// The lists views can be kept for.
    pub enum ViewPage {
        Orders => "orders",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedView {
    pub id: i64,
    pub page: ViewPage,
    pub name: String,
    /// The list's query string (`status=paid&province=31`).
    pub query: String,
}

/// `POST /api/v1/admin/me/views`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSavedView {
    pub page: ViewPage,
    /// 1 to 40 characters; a view of the same name is replaced.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 40))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub query: String,
}

/// A view's query string as kept: at most 1,000 characters, without a leading `?` and
/// without the page number (a view opens on its first page).
pub fn tidy_query(query: &str) -> Option<String> {
    let q = query.trim().trim_start_matches('?');
    if q.len() > 1000 || q.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    Some(
        q.split('&')
            .filter(|kv| !kv.is_empty() && !kv.starts_with("page="))
            .collect::<Vec<_>>()
            .join("&"),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_view_keeps_its_filters_not_its_page() {
        assert_eq!(
            super::tidy_query("?status=paid&page=3&province=31").as_deref(),
            Some("status=paid&province=31")
        );
        assert_eq!(super::tidy_query("a b"), None);
    }
}
