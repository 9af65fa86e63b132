//! What the back office's fulfilment pages show and send: warehouses, shipments, pick lists.

use super::picking::PickListStatus;
use super::shipment::{Carrier, PackageSize, ShipmentStatus};
use crate::catalog::Localized;
use crate::checkout::Address;
use crate::ids::{SellerId, VariantId, WarehouseId};
use crate::orders::{EventView, OrderNumber};
use serde::{Deserialize, Serialize};

/// A warehouse (仓库) with its province and bins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WarehouseView {
    pub id: WarehouseId,
    pub seller: SellerId,
    pub code: String,
    pub name: Localized,
    /// The division code of its province (`31` Shanghai).
    pub province: String,
    pub address: String,
    /// Shipments allocated and not on a pick list yet.
    pub waiting: u32,
}

/// A shipment in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipmentRow {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub order: OrderNumber,
    pub warehouse: WarehouseId,
    pub warehouse_code: String,
    pub status: ShipmentStatus,
    /// The picker found less than the books said.
    pub short: bool,
    pub carrier: Option<Carrier>,
    pub tracking_number: Option<String>,
    pub units: u32,
    pub recipient: String,
    pub pick_list: Option<i64>,
    pub updated_at: i64,
}

/// One SKU of a shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipmentLine {
    pub variant: VariantId,
    pub sku: String,
    pub barcode: Option<String>,
    pub name: Localized,
    pub bin: Option<String>,
    pub quantity: u32,
    /// Units picked, once its pick list is done.
    pub picked: Option<u32>,
}

/// A shipment with everything its pages (pack, ship, packing slip, label) need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipmentDetail {
    pub row: ShipmentRow,
    pub seller: SellerId,
    pub warehouse_name: Localized,
    pub warehouse_address: String,
    pub seller_name: Localized,
    pub address: Address,
    /// "上海市 浦东新区" for a Chinese address.
    pub region: Option<String>,
    pub shipping_method: String,
    pub package: Option<PackageSize>,
    pub weight_grams: Option<u32>,
    pub lines: Vec<ShipmentLine>,
    pub events: Vec<EventView>,
    pub created_at: i64,
}

/// A pick list in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickListRow {
    pub id: i64,
    pub warehouse: WarehouseId,
    pub warehouse_code: String,
    pub status: PickListStatus,
    pub shipments: u32,
    pub lines: u32,
    pub lines_done: u32,
    pub units: u32,
    pub created_at: i64,
    pub created_by: String,
}

/// One SKU to fetch: all its units over the list's shipments, from one bin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickLine {
    pub variant: VariantId,
    pub sku: String,
    pub barcode: Option<String>,
    pub name: Localized,
    /// Colour and size.
    pub option: Localized,
    pub bin: Option<String>,
    pub quantity: u32,
    /// Units found, once counted.
    pub picked: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PickListDetail {
    pub row: PickListRow,
    pub warehouse_name: Localized,
    /// In bin order: the picker's walk.
    pub lines: Vec<PickLine>,
    pub orders: Vec<ShipmentRow>,
}

/// `POST /api/v1/admin/pick-lists`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPickList {
    pub warehouse: WarehouseId,
}

/// `PUT /api/v1/admin/pick-lists/{id}/lines/{variant}`: what the picker found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordPick {
    #[cfg_attr(feature = "openapi", schema(maximum = 100000))]
    pub picked: u32,
}

/// `POST /api/v1/admin/shipments/{id}/pack`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PackShipment {
    pub package: PackageSize,
    /// 1 to 50,000 grams.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 50000))]
    pub weight_grams: u32,
}

/// `POST /api/v1/admin/shipments/{id}/ship`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipShipment {
    pub carrier: Carrier,
    /// The carrier's number; none: Storekeep makes one up.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub tracking_number: Option<String>,
    /// The delivery slot promised (own fleet only): one of the slots of the zone that covers
    /// the address; none: the zone's first.
    #[serde(default)]
    pub slot: Option<i64>,
}

/// `POST /api/v1/admin/shipments/{id}/reallocate`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reallocate {
    pub warehouse: WarehouseId,
}

/// The shipments list's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ShipmentQuery {
    #[cfg_attr(feature = "openapi", param(inline))]
    pub status: Option<ShipmentStatus>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 1))]
    pub warehouse: Option<WarehouseId>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 10000))]
    pub page: Option<u32>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub page_size: Option<u32>,
}
