//! The audit log: every change staff make, with who, when, from where, what and how
//! (the fields that changed, before and after). Append-only.

use crate::ids::UserId;
use serde::{Deserialize, Serialize};

/// What was done. The code (`order.mark_paid`) is what the database stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AuditAction {
    #[serde(rename = "order.mark_paid")]
    OrderMarkPaid,
    #[serde(rename = "staff.invite")]
    StaffInvite,
    #[serde(rename = "staff.resend_invitation")]
    StaffResendInvitation,
    #[serde(rename = "staff.accept_invitation")]
    StaffAcceptInvitation,
    #[serde(rename = "staff.set_roles")]
    StaffSetRoles,
    #[serde(rename = "staff.deactivate")]
    StaffDeactivate,
    #[serde(rename = "staff.reactivate")]
    StaffReactivate,
    #[serde(rename = "staff.send_password_reset")]
    StaffSendPasswordReset,
    #[serde(rename = "staff.reset_password")]
    StaffResetPassword,
    #[serde(rename = "staff.enable_two_factor")]
    StaffEnableTwoFactor,
    #[serde(rename = "staff.disable_two_factor")]
    StaffDisableTwoFactor,
    #[serde(rename = "settings.security")]
    SettingsSecurity,
    #[serde(rename = "product.create")]
    ProductCreate,
    #[serde(rename = "product.update")]
    ProductUpdate,
    #[serde(rename = "product.publish")]
    ProductPublish,
    #[serde(rename = "product.unpublish")]
    ProductUnpublish,
    #[serde(rename = "product.move")]
    ProductMove,
    #[serde(rename = "product.reprice")]
    ProductReprice,
    #[serde(rename = "product.import")]
    ProductImport,
    #[serde(rename = "category.create")]
    CategoryCreate,
    #[serde(rename = "category.update")]
    CategoryUpdate,
    #[serde(rename = "category.move")]
    CategoryMove,
    #[serde(rename = "category.delete")]
    CategoryDelete,
    #[serde(rename = "brand.create")]
    BrandCreate,
    #[serde(rename = "brand.update")]
    BrandUpdate,
    #[serde(rename = "media.upload")]
    MediaUpload,
    #[serde(rename = "order.allocate")]
    OrderAllocate,
    #[serde(rename = "order.cancel")]
    OrderCancel,
    #[serde(rename = "order.hold")]
    OrderHold,
    #[serde(rename = "order.release")]
    OrderRelease,
    #[serde(rename = "order.note")]
    OrderNote,
    #[serde(rename = "shipment.reallocate")]
    ShipmentReallocate,
    #[serde(rename = "shipment.pack")]
    ShipmentPack,
    #[serde(rename = "shipment.ship")]
    ShipmentShip,
    #[serde(rename = "shipment.deliver")]
    ShipmentDeliver,
    #[serde(rename = "pick_list.create")]
    PickListCreate,
    #[serde(rename = "pick_list.record")]
    PickListRecord,
    #[serde(rename = "pick_list.complete")]
    PickListComplete,
    #[serde(rename = "order.refund")]
    OrderRefund,
    #[serde(rename = "order.address")]
    OrderAddress,
    #[serde(rename = "stock.reorder_point")]
    StockReorderPoint,
    #[serde(rename = "transfer.create")]
    TransferCreate,
    #[serde(rename = "transfer.ship")]
    TransferShip,
    #[serde(rename = "transfer.receive")]
    TransferReceive,
    #[serde(rename = "transfer.cancel")]
    TransferCancel,
    #[serde(rename = "stocktake.create")]
    StocktakeCreate,
    #[serde(rename = "stocktake.count")]
    StocktakeCount,
    #[serde(rename = "stocktake.submit")]
    StocktakeSubmit,
    #[serde(rename = "stocktake.approve")]
    StocktakeApprove,
    #[serde(rename = "route.plan")]
    RoutePlan,
    #[serde(rename = "route.stop")]
    RouteStop,
    #[serde(rename = "settings.carriers")]
    SettingsCarriers,
    #[serde(rename = "zone.create")]
    ZoneCreate,
    #[serde(rename = "zone.update")]
    ZoneUpdate,
    #[serde(rename = "zone.delete")]
    ZoneDelete,
    #[serde(rename = "vehicle.create")]
    VehicleCreate,
    #[serde(rename = "vehicle.update")]
    VehicleUpdate,
    #[serde(rename = "return.approve")]
    ReturnApprove,
    #[serde(rename = "return.reject")]
    ReturnReject,
    #[serde(rename = "return.receive")]
    ReturnReceive,
    #[serde(rename = "return.inspect")]
    ReturnInspect,
    #[serde(rename = "return.refund")]
    ReturnRefund,
    #[serde(rename = "return.close")]
    ReturnClose,
    #[serde(rename = "return.exchange")]
    ReturnExchange,
    #[serde(rename = "review.hide")]
    ReviewHide,
    #[serde(rename = "review.show")]
    ReviewShow,
    #[serde(rename = "review.reply")]
    ReviewReply,
    #[serde(rename = "consultation.assign")]
    ConsultationAssign,
    #[serde(rename = "consultation.reply")]
    ConsultationReply,
    #[serde(rename = "consultation.resolve")]
    ConsultationResolve,
    #[serde(rename = "consultation.close")]
    ConsultationClose,
    #[serde(rename = "settings.service_levels")]
    SettingsServiceLevels,
    #[serde(rename = "repair.receive")]
    RepairReceive,
    #[serde(rename = "repair.start")]
    RepairStart,
    #[serde(rename = "repair.return")]
    RepairReturn,
    #[serde(rename = "repair.close")]
    RepairClose,
    #[serde(rename = "repair.reject")]
    RepairReject,
    #[serde(rename = "supplier.create")]
    SupplierCreate,
    #[serde(rename = "supplier.update")]
    SupplierUpdate,
    #[serde(rename = "supplier.offers")]
    SupplierOffers,
    #[serde(rename = "purchase_order.create")]
    PurchaseOrderCreate,
    #[serde(rename = "purchase_order.update")]
    PurchaseOrderUpdate,
    #[serde(rename = "purchase_order.approve")]
    PurchaseOrderApprove,
    #[serde(rename = "purchase_order.send")]
    PurchaseOrderSend,
    #[serde(rename = "purchase_order.cancel")]
    PurchaseOrderCancel,
    #[serde(rename = "settings.procurement")]
    SettingsProcurement,
    #[serde(rename = "supplier.invite_account")]
    SupplierInviteAccount,
    #[serde(rename = "receipt.create")]
    ReceiptCreate,
    #[serde(rename = "receipt.inspect")]
    ReceiptInspect,
    #[serde(rename = "receipt.put_away")]
    ReceiptPutAway,
    #[serde(rename = "inspection_plan.set")]
    InspectionPlanSet,
}

impl AuditAction {
    pub const ALL: [AuditAction; 91] = [
        AuditAction::OrderMarkPaid,
        AuditAction::StaffInvite,
        AuditAction::StaffResendInvitation,
        AuditAction::StaffAcceptInvitation,
        AuditAction::StaffSetRoles,
        AuditAction::StaffDeactivate,
        AuditAction::StaffReactivate,
        AuditAction::StaffSendPasswordReset,
        AuditAction::StaffResetPassword,
        AuditAction::StaffEnableTwoFactor,
        AuditAction::StaffDisableTwoFactor,
        AuditAction::SettingsSecurity,
        AuditAction::ProductCreate,
        AuditAction::ProductUpdate,
        AuditAction::ProductPublish,
        AuditAction::ProductUnpublish,
        AuditAction::ProductMove,
        AuditAction::ProductReprice,
        AuditAction::ProductImport,
        AuditAction::CategoryCreate,
        AuditAction::CategoryUpdate,
        AuditAction::CategoryMove,
        AuditAction::CategoryDelete,
        AuditAction::BrandCreate,
        AuditAction::BrandUpdate,
        AuditAction::MediaUpload,
        AuditAction::OrderAllocate,
        AuditAction::OrderCancel,
        AuditAction::OrderHold,
        AuditAction::OrderRelease,
        AuditAction::OrderNote,
        AuditAction::ShipmentReallocate,
        AuditAction::ShipmentPack,
        AuditAction::ShipmentShip,
        AuditAction::ShipmentDeliver,
        AuditAction::PickListCreate,
        AuditAction::PickListRecord,
        AuditAction::PickListComplete,
        AuditAction::OrderRefund,
        AuditAction::OrderAddress,
        AuditAction::StockReorderPoint,
        AuditAction::TransferCreate,
        AuditAction::TransferShip,
        AuditAction::TransferReceive,
        AuditAction::TransferCancel,
        AuditAction::StocktakeCreate,
        AuditAction::StocktakeCount,
        AuditAction::StocktakeSubmit,
        AuditAction::StocktakeApprove,
        AuditAction::RoutePlan,
        AuditAction::RouteStop,
        AuditAction::SettingsCarriers,
        AuditAction::ZoneCreate,
        AuditAction::ZoneUpdate,
        AuditAction::ZoneDelete,
        AuditAction::VehicleCreate,
        AuditAction::VehicleUpdate,
        AuditAction::ReturnApprove,
        AuditAction::ReturnReject,
        AuditAction::ReturnReceive,
        AuditAction::ReturnInspect,
        AuditAction::ReturnRefund,
        AuditAction::ReturnClose,
        AuditAction::ReturnExchange,
        AuditAction::ReviewHide,
        AuditAction::ReviewShow,
        AuditAction::ReviewReply,
        AuditAction::ConsultationAssign,
        AuditAction::ConsultationReply,
        AuditAction::ConsultationResolve,
        AuditAction::ConsultationClose,
        AuditAction::SettingsServiceLevels,
        AuditAction::RepairReceive,
        AuditAction::RepairStart,
        AuditAction::RepairReturn,
        AuditAction::RepairClose,
        AuditAction::RepairReject,
        AuditAction::SupplierCreate,
        AuditAction::SupplierUpdate,
        AuditAction::SupplierOffers,
        AuditAction::PurchaseOrderCreate,
        AuditAction::PurchaseOrderUpdate,
        AuditAction::PurchaseOrderApprove,
        AuditAction::PurchaseOrderSend,
        AuditAction::PurchaseOrderCancel,
        AuditAction::SettingsProcurement,
        AuditAction::SupplierInviteAccount,
        AuditAction::ReceiptCreate,
        AuditAction::ReceiptInspect,
        AuditAction::ReceiptPutAway,
        AuditAction::InspectionPlanSet,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AuditAction::OrderMarkPaid => "order.mark_paid",
            AuditAction::StaffInvite => "staff.invite",
            AuditAction::StaffResendInvitation => "staff.resend_invitation",
            AuditAction::StaffAcceptInvitation => "staff.accept_invitation",
            AuditAction::StaffSetRoles => "staff.set_roles",
            AuditAction::StaffDeactivate => "staff.deactivate",
            AuditAction::StaffReactivate => "staff.reactivate",
            AuditAction::StaffSendPasswordReset => "staff.send_password_reset",
            AuditAction::StaffResetPassword => "staff.reset_password",
            AuditAction::StaffEnableTwoFactor => "staff.enable_two_factor",
            AuditAction::StaffDisableTwoFactor => "staff.disable_two_factor",
            AuditAction::SettingsSecurity => "settings.security",
            AuditAction::ProductCreate => "product.create",
            AuditAction::ProductUpdate => "product.update",
            AuditAction::ProductPublish => "product.publish",
            AuditAction::ProductUnpublish => "product.unpublish",
            AuditAction::ProductMove => "product.move",
            AuditAction::ProductReprice => "product.reprice",
            AuditAction::ProductImport => "product.import",
            AuditAction::CategoryCreate => "category.create",
            AuditAction::CategoryUpdate => "category.update",
            AuditAction::CategoryMove => "category.move",
            AuditAction::CategoryDelete => "category.delete",
            AuditAction::BrandCreate => "brand.create",
            AuditAction::BrandUpdate => "brand.update",
            AuditAction::MediaUpload => "media.upload",
            AuditAction::OrderAllocate => "order.allocate",
            AuditAction::OrderCancel => "order.cancel",
            AuditAction::OrderHold => "order.hold",
            AuditAction::OrderRelease => "order.release",
            AuditAction::OrderNote => "order.note",
            AuditAction::ShipmentReallocate => "shipment.reallocate",
            AuditAction::ShipmentPack => "shipment.pack",
            AuditAction::ShipmentShip => "shipment.ship",
            AuditAction::ShipmentDeliver => "shipment.deliver",
            AuditAction::PickListCreate => "pick_list.create",
            AuditAction::PickListRecord => "pick_list.record",
            AuditAction::PickListComplete => "pick_list.complete",
            AuditAction::OrderRefund => "order.refund",
            AuditAction::OrderAddress => "order.address",
            AuditAction::StockReorderPoint => "stock.reorder_point",
            AuditAction::TransferCreate => "transfer.create",
            AuditAction::TransferShip => "transfer.ship",
            AuditAction::TransferReceive => "transfer.receive",
            AuditAction::TransferCancel => "transfer.cancel",
            AuditAction::StocktakeCreate => "stocktake.create",
            AuditAction::StocktakeCount => "stocktake.count",
            AuditAction::StocktakeSubmit => "stocktake.submit",
            AuditAction::StocktakeApprove => "stocktake.approve",
            AuditAction::RoutePlan => "route.plan",
            AuditAction::RouteStop => "route.stop",
            AuditAction::SettingsCarriers => "settings.carriers",
            AuditAction::ZoneCreate => "zone.create",
            AuditAction::ZoneUpdate => "zone.update",
            AuditAction::ZoneDelete => "zone.delete",
            AuditAction::VehicleCreate => "vehicle.create",
            AuditAction::VehicleUpdate => "vehicle.update",
            AuditAction::ReturnApprove => "return.approve",
            AuditAction::ReturnReject => "return.reject",
            AuditAction::ReturnReceive => "return.receive",
            AuditAction::ReturnInspect => "return.inspect",
            AuditAction::ReturnRefund => "return.refund",
            AuditAction::ReturnClose => "return.close",
            AuditAction::ReturnExchange => "return.exchange",
            AuditAction::ReviewHide => "review.hide",
            AuditAction::ReviewShow => "review.show",
            AuditAction::ReviewReply => "review.reply",
            AuditAction::ConsultationAssign => "consultation.assign",
            AuditAction::ConsultationReply => "consultation.reply",
            AuditAction::ConsultationResolve => "consultation.resolve",
            AuditAction::ConsultationClose => "consultation.close",
            AuditAction::SettingsServiceLevels => "settings.service_levels",
            AuditAction::RepairReceive => "repair.receive",
            AuditAction::RepairStart => "repair.start",
            AuditAction::RepairReturn => "repair.return",
            AuditAction::RepairClose => "repair.close",
            AuditAction::RepairReject => "repair.reject",
            AuditAction::SupplierCreate => "supplier.create",
            AuditAction::SupplierUpdate => "supplier.update",
            AuditAction::SupplierOffers => "supplier.offers",
            AuditAction::PurchaseOrderCreate => "purchase_order.create",
            AuditAction::PurchaseOrderUpdate => "purchase_order.update",
            AuditAction::PurchaseOrderApprove => "purchase_order.approve",
            AuditAction::PurchaseOrderSend => "purchase_order.send",
            AuditAction::PurchaseOrderCancel => "purchase_order.cancel",
            AuditAction::SettingsProcurement => "settings.procurement",
            AuditAction::SupplierInviteAccount => "supplier.invite_account",
            AuditAction::ReceiptCreate => "receipt.create",
            AuditAction::ReceiptInspect => "receipt.inspect",
            AuditAction::ReceiptPutAway => "receipt.put_away",
            AuditAction::InspectionPlanSet => "inspection_plan.set",
        }
    }

    pub fn parse(code: &str) -> Option<AuditAction> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The kind of entity the action changes.
    pub fn entity(self) -> EntityType {
        match self {
            AuditAction::OrderMarkPaid
            | AuditAction::OrderAllocate
            | AuditAction::OrderCancel
            | AuditAction::OrderHold
            | AuditAction::OrderRelease
            | AuditAction::OrderNote
            | AuditAction::OrderRefund
            | AuditAction::OrderAddress => EntityType::Order,
            AuditAction::ShipmentReallocate
            | AuditAction::ShipmentPack
            | AuditAction::ShipmentShip
            | AuditAction::ShipmentDeliver => EntityType::Shipment,
            AuditAction::PickListCreate
            | AuditAction::PickListRecord
            | AuditAction::PickListComplete => EntityType::PickList,
            AuditAction::StockReorderPoint => EntityType::Stock,
            AuditAction::TransferCreate
            | AuditAction::TransferShip
            | AuditAction::TransferReceive
            | AuditAction::TransferCancel => EntityType::Transfer,
            AuditAction::StocktakeCreate
            | AuditAction::StocktakeCount
            | AuditAction::StocktakeSubmit
            | AuditAction::StocktakeApprove => EntityType::Stocktake,
            AuditAction::RoutePlan | AuditAction::RouteStop => EntityType::Route,
            AuditAction::ZoneCreate | AuditAction::ZoneUpdate | AuditAction::ZoneDelete => {
                EntityType::DeliveryZone
            }
            AuditAction::VehicleCreate | AuditAction::VehicleUpdate => EntityType::Vehicle,
            AuditAction::ReturnApprove
            | AuditAction::ReturnReject
            | AuditAction::ReturnReceive
            | AuditAction::ReturnInspect
            | AuditAction::ReturnRefund
            | AuditAction::ReturnClose
            | AuditAction::ReturnExchange => EntityType::Return,
            AuditAction::ReviewHide | AuditAction::ReviewShow | AuditAction::ReviewReply => {
                EntityType::Review
            }
            AuditAction::ConsultationAssign
            | AuditAction::ConsultationReply
            | AuditAction::ConsultationResolve
            | AuditAction::ConsultationClose => EntityType::Consultation,
            AuditAction::RepairReceive
            | AuditAction::RepairStart
            | AuditAction::RepairReturn
            | AuditAction::RepairClose
            | AuditAction::RepairReject => EntityType::Repair,
            AuditAction::SupplierCreate
            | AuditAction::SupplierUpdate
            | AuditAction::SupplierOffers
            | AuditAction::SupplierInviteAccount => EntityType::Supplier,
            AuditAction::PurchaseOrderCreate
            | AuditAction::PurchaseOrderUpdate
            | AuditAction::PurchaseOrderApprove
            | AuditAction::PurchaseOrderSend
            | AuditAction::PurchaseOrderCancel => EntityType::PurchaseOrder,
            AuditAction::ReceiptCreate
            | AuditAction::ReceiptInspect
            | AuditAction::ReceiptPutAway => EntityType::Receipt,
            AuditAction::InspectionPlanSet => EntityType::Product,
            AuditAction::SettingsSecurity
            | AuditAction::SettingsCarriers
            | AuditAction::SettingsServiceLevels
            | AuditAction::SettingsProcurement => EntityType::Setting,
            AuditAction::ProductCreate
            | AuditAction::ProductUpdate
            | AuditAction::ProductPublish
            | AuditAction::ProductUnpublish
            | AuditAction::ProductMove
            | AuditAction::ProductReprice
            | AuditAction::ProductImport => EntityType::Product,
            AuditAction::CategoryCreate
            | AuditAction::CategoryUpdate
            | AuditAction::CategoryMove
            | AuditAction::CategoryDelete => EntityType::Category,
            AuditAction::BrandCreate | AuditAction::BrandUpdate => EntityType::Brand,
            AuditAction::MediaUpload => EntityType::Media,
            _ => EntityType::Staff,
        }
    }
}

/// The kinds of things staff change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Order,
    Staff,
    Setting,
    Product,
    Category,
    Brand,
    Media,
    Shipment,
    PickList,
    Stock,
    Transfer,
    Stocktake,
    Route,
    DeliveryZone,
    Vehicle,
    Return,
    Review,
    Consultation,
    Repair,
    Supplier,
    PurchaseOrder,
    Receipt,
}

impl EntityType {
    pub const ALL: [EntityType; 22] = [
        EntityType::Order,
        EntityType::Staff,
        EntityType::Setting,
        EntityType::Product,
        EntityType::Category,
        EntityType::Brand,
        EntityType::Media,
        EntityType::Shipment,
        EntityType::PickList,
        EntityType::Stock,
        EntityType::Transfer,
        EntityType::Stocktake,
        EntityType::Route,
        EntityType::DeliveryZone,
        EntityType::Vehicle,
        EntityType::Return,
        EntityType::Review,
        EntityType::Consultation,
        EntityType::Repair,
        EntityType::Supplier,
        EntityType::PurchaseOrder,
        EntityType::Receipt,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EntityType::Order => "order",
            EntityType::Staff => "staff",
            EntityType::Setting => "setting",
            EntityType::Product => "product",
            EntityType::Category => "category",
            EntityType::Brand => "brand",
            EntityType::Media => "media",
            EntityType::Shipment => "shipment",
            EntityType::PickList => "pick_list",
            EntityType::Stock => "stock",
            EntityType::Transfer => "transfer",
            EntityType::Stocktake => "stocktake",
            EntityType::Route => "route",
            EntityType::DeliveryZone => "delivery_zone",
            EntityType::Vehicle => "vehicle",
            EntityType::Return => "return",
            EntityType::Review => "review",
            EntityType::Consultation => "consultation",
            EntityType::Repair => "repair",
            EntityType::Supplier => "supplier",
            EntityType::PurchaseOrder => "purchase_order",
            EntityType::Receipt => "receipt",
        }
    }

    pub fn parse(code: &str) -> Option<EntityType> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// One field that changed, as text (absent before a creation, after a removal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The fields that changed, built by comparing before and after: unchanged fields are left
/// out, so an entry says exactly what moved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes(Vec<FieldChange>);

impl Changes {
    pub fn new() -> Changes {
        Changes::default()
    }

    /// Records `field` when `before` and `after` differ.
    pub fn field(
        mut self,
        field: &str,
        before: Option<impl Into<String>>,
        after: Option<impl Into<String>>,
    ) -> Changes {
        let (before, after) = (before.map(Into::into), after.map(Into::into));
        if before != after {
            self.0.push(FieldChange {
                field: field.to_string(),
                before,
                after,
            });
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_vec(self) -> Vec<FieldChange> {
        self.0
    }
}

/// The staff member who acted, as the log shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Actor {
    pub id: UserId,
    pub display_name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor: Actor,
    /// The address the change came from.
    pub actor_ip: String,
    pub action: AuditAction,
    pub entity_type: EntityType,
    pub entity_id: String,
    pub changes: Vec<FieldChange>,
    /// Why, in the staff member's or the system's words.
    pub reason: String,
}

/// The audit page's filters, as they travel in the URL. Dates are days in the shop's
/// time zone (China Standard Time), both ends included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AuditQuery {
    /// The staff member who acted.
    pub actor: Option<i64>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub entity_type: Option<EntityType>,
    #[cfg_attr(feature = "openapi", param(max_length = 100))]
    pub entity_id: Option<String>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub action: Option<AuditAction>,
    /// First day, `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", param(format = Date))]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (a range that ends before it starts finds nothing).
    #[cfg_attr(feature = "openapi", param(format = Date))]
    pub to: Option<String>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 10000))]
    pub page: Option<u32>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub page_size: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.code()), Some(a));
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(json, format!("\"{}\"", a.code()));
        }
        assert_eq!(AuditAction::OrderMarkPaid.entity(), EntityType::Order);
        assert_eq!(AuditAction::RepairReturn.entity(), EntityType::Repair);
        for e in EntityType::ALL {
            assert_eq!(EntityType::parse(e.code()), Some(e));
        }
    }

    #[test]
    fn only_changed_fields_are_kept() {
        let c = Changes::new()
            .field("roles", Some("owner"), Some("owner, finance"))
            .field("display_name", Some("王芳"), Some("王芳"))
            .field("email", None::<String>, Some("a@b.cn"));
        let v = c.into_vec();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].field, "roles");
        assert_eq!(v[1].before, None);
    }
}
