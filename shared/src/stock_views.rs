//! What the inventory pages show and send: stock per warehouse and bin, transfers,
//! stocktakes and the valuation report.

use crate::catalog::Localized;
use crate::ids::{VariantId, WarehouseId};
use crate::money::Money;
use crate::orders::EventView;
use crate::stock::{ItemKind, StocktakeStatus, TransferStatus};
use serde::{Deserialize, Serialize};

/// One variant in one warehouse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockRow {
    pub variant: VariantId,
    pub sku: String,
    pub name: Localized,
    pub kind: ItemKind,
    pub warehouse: WarehouseId,
    pub warehouse_code: String,
    pub bin: Option<String>,
    pub on_hand: i64,
    pub reserved: i64,
    pub available: i64,
    /// Coming to this warehouse on transfers that have left their warehouse.
    pub in_transit: i64,
    pub reorder_point: Option<i64>,
    /// At or below its reorder point.
    pub low: bool,
}

/// The stock list's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct StockQuery {
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 1))]
    pub warehouse: Option<WarehouseId>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub kind: Option<ItemKind>,
    /// `true`: only levels at or below their reorder point.
    pub low: Option<bool>,
    /// SKU or name (part of it).
    #[cfg_attr(feature = "openapi", param(max_length = 100))]
    pub q: Option<String>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 10000))]
    pub page: Option<u32>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub page_size: Option<u32>,
}

/// `PUT /api/v1/admin/stock/{warehouse}/{variant}/reorder-point`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetReorderPoint {
    /// Units; none: no reorder point.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000000))]
    pub reorder_point: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferLineView {
    pub variant: VariantId,
    pub sku: String,
    pub name: Localized,
    pub quantity: i64,
    pub received: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferView {
    pub id: i64,
    pub from: WarehouseId,
    pub from_code: String,
    pub to: WarehouseId,
    pub to_code: String,
    pub status: TransferStatus,
    pub note: String,
    pub units: i64,
    pub created_at: i64,
    pub lines: Vec<TransferLineView>,
    pub events: Vec<EventView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferLineRequest {
    pub variant: VariantId,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100000))]
    pub quantity: i64,
}

/// `POST /api/v1/admin/transfers`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTransfer {
    pub from: WarehouseId,
    pub to: WarehouseId,
    /// 1 to 100 lines.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub lines: Vec<TransferLineRequest>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceivedLine {
    pub variant: VariantId,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100000))]
    pub received: i64,
}

/// `POST /api/v1/admin/transfers/{id}/receive`: what arrived (lines left out arrived whole).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiveTransfer {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 100))]
    pub lines: Vec<ReceivedLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StocktakeLineView {
    pub variant: VariantId,
    pub sku: String,
    pub barcode: Option<String>,
    pub name: Localized,
    pub bin: Option<String>,
    /// The books when the sheet was made.
    pub expected: i64,
    pub counted: Option<i64>,
    /// The books when the line was counted; the variance is against these.
    pub book_at_count: Option<i64>,
    pub variance: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StocktakeView {
    pub id: i64,
    pub warehouse: WarehouseId,
    pub warehouse_code: String,
    pub zone: Option<String>,
    pub status: StocktakeStatus,
    pub lines_counted: i64,
    pub lines_total: i64,
    pub created_at: i64,
    pub lines: Vec<StocktakeLineView>,
    pub events: Vec<EventView>,
}

/// `POST /api/v1/admin/stocktakes`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewStocktake {
    pub warehouse: WarehouseId,
    /// One zone of the warehouse (`A`), or all of it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 4))]
    pub zone: Option<String>,
}

/// `PUT /api/v1/admin/stocktakes/{id}/lines/{variant}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountLine {
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000000))]
    pub counted: i64,
}

/// One category and kind in the valuation report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValuationRow {
    pub category: Localized,
    pub kind: ItemKind,
    pub units: i64,
    /// On hand × cost.
    pub value: Money,
    /// The cost of what shipped in the last 30 days.
    pub cost_of_sales: Money,
    /// Cost of sales over stock value, in hundredths (30 days).
    pub turnover_hundredths: Option<i64>,
}
