//! Fulfilment (订单履行): from a paid order to parcels leaving warehouses. The rules here are
//! pure; the server reads stock and writes shipments around them.

pub mod allocation;
pub mod geo;
pub mod label;
pub mod picking;
pub mod shipment;
mod views;

pub use allocation::{allocate, Allocation, Holding, Line, Planned};
pub use picking::PickListStatus;
pub use shipment::{Carrier, CarrierSettings, PackageSize, ShipmentStatus};
pub use views::*;
