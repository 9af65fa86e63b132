//! The one list pattern of the back office: a page of rows with the total, asked for with
//! a page number and size; sorting and filters are the list's own query fields.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One page of a list, with the number of rows across all pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
}

impl<T> Paged<T> {
    /// How many pages `total` rows fill (at least one, so "page 1 of 1" reads right).
    pub fn pages(&self) -> u32 {
        let size = i64::from(self.page_size.max(1));
        u32::try_from(((self.total + size - 1) / size).max(1)).unwrap_or(u32::MAX)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SortDir {
    Asc,
    #[default]
    Desc,
}

impl SortDir {
    pub fn sql(self) -> &'static str {
        match self {
            SortDir::Asc => "ASC",
            SortDir::Desc => "DESC",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            SortDir::Asc => "asc",
            SortDir::Desc => "desc",
        }
    }

    pub fn flip(self) -> SortDir {
        match self {
            SortDir::Asc => SortDir::Desc,
            SortDir::Desc => SortDir::Asc,
        }
    }
}

/// Which page of a list, checked: pages 1–10 000 of 1–100 rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub page_size: u32,
}

impl PageRequest {
    pub const MAX_PAGE: u32 = 10_000;
    pub const MAX_PAGE_SIZE: u32 = 100;
    pub const DEFAULT_PAGE_SIZE: u32 = 25;

    pub fn parse(page: Option<u32>, page_size: Option<u32>) -> Result<PageRequest, ListProblem> {
        let page = page.unwrap_or(1);
        let page_size = page_size.unwrap_or(Self::DEFAULT_PAGE_SIZE);
        if !(1..=Self::MAX_PAGE).contains(&page) {
            return Err(ListProblem::Page);
        }
        if !(1..=Self::MAX_PAGE_SIZE).contains(&page_size) {
            return Err(ListProblem::PageSize);
        }
        Ok(PageRequest { page, page_size })
    }

    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.page_size)
    }

    pub fn limit(self) -> i64 {
        i64::from(self.page_size)
    }

    pub fn of<T>(self, items: Vec<T>, total: i64) -> Paged<T> {
        Paged {
            items,
            total,
            page: self.page,
            page_size: self.page_size,
        }
    }
}

/// A list search: trimmed, at most 100 characters; empty means none.
pub fn parse_search(q: Option<&str>) -> Result<Option<String>, ListProblem> {
    match q.map(str::trim) {
        None | Some("") => Ok(None),
        Some(q) if q.chars().count() > 100 => Err(ListProblem::SearchTooLong),
        Some(q) => Ok(Some(q.to_string())),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListProblem {
    Page,
    PageSize,
    SearchTooLong,
    /// A date filter that is not `YYYY-MM-DD`, or a range that ends before it starts.
    DateRange,
}

impl ListProblem {
    /// The query parameter at fault.
    pub fn field(self) -> &'static str {
        match self {
            ListProblem::Page => "page",
            ListProblem::PageSize => "page_size",
            ListProblem::SearchTooLong => "q",
            ListProblem::DateRange => "from",
        }
    }
}

impl fmt::Display for ListProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ListProblem::Page => "page must be from 1 to 10000",
            ListProblem::PageSize => "page_size must be from 1 to 100",
            ListProblem::SearchTooLong => "the search may have at most 100 characters",
            ListProblem::DateRange => {
                "dates are YYYY-MM-DD and the range must not end before it starts"
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages() {
        let p = PageRequest::parse(Some(3), Some(20)).unwrap();
        assert_eq!((p.offset(), p.limit()), (40, 20));
        assert_eq!(PageRequest::parse(None, None).unwrap().page_size, 25);
        assert_eq!(PageRequest::parse(Some(0), None), Err(ListProblem::Page));
        assert_eq!(
            PageRequest::parse(None, Some(101)),
            Err(ListProblem::PageSize)
        );
        let paged = p.of(vec![1], 41);
        assert_eq!(paged.pages(), 3);
        assert_eq!(
            PageRequest::parse(None, None)
                .unwrap()
                .of::<i32>(vec![], 0)
                .pages(),
            1
        );
        assert_eq!(parse_search(Some("  ")), Ok(None));
        assert_eq!(parse_search(Some(" SK26 ")), Ok(Some("SK26".into())));
        assert_eq!(
            parse_search(Some(&"x".repeat(101))),
            Err(ListProblem::SearchTooLong)
        );
    }
}
