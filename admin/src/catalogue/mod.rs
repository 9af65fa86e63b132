//! 商品: products (list, editor, CSV import), the category tree and brands.

pub mod products;
pub mod taxonomy;
