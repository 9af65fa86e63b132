//! The back office's modules and pages: what its navigation shows. A page opens with one
//! permission; a module shows when any of its pages does. Modules without pages yet (the
//! operations domains still to come) are not shown to anyone.

use super::{Permission, Roles};
use serde::{Deserialize, Serialize};

/// The operations modules, in the order of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Module {
    /// 订单与履约
    Orders,
    /// 商品
    Catalogue,
    /// 库存与仓储
    Inventory,
    /// 采购
    Procurement,
    /// 质量
    Quality,
    /// 客户
    Customers,
    /// 客服与售后
    Service,
    /// 营销
    Marketing,
    /// 知识库
    Knowledge,
    /// 网站运营
    Content,
    /// 报表
    Reports,
    /// 设置
    Settings,
}

/// A page of the back office reachable from the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Page {
    Orders,
    Fulfilment,
    PickLists,
    Shipments,
    Routes,
    /// 配送车队: delivery zones with their slots, vans and drivers.
    Fleet,
    Driver,
    Stock,
    Transfers,
    Stocktakes,
    Valuation,
    Products,
    Categories,
    Brands,
    Dashboard,
    Staff,
    AuditLog,
    Security,
    Carriers,
    /// 退货: the returns queue and each return's steps.
    Returns,
    /// 维修: repairs under warranty and each one's steps.
    Repairs,
    /// 咨询: customers' questions with their service levels.
    Consultations,
    /// 评价: customers' reviews, to hide or answer.
    Reviews,
    /// 退货与质量: return and defect rates per product.
    Quality,
    /// 供应商: suppliers, their terms and what each sells the shop.
    Suppliers,
    /// 采购建议: what to buy, from whom and by when.
    PurchaseSuggestions,
    /// 采购订单: purchase orders through approval, sending and receipt.
    PurchaseOrders,
    /// 收货单: goods received against purchase orders, their inspection and put-away.
    Receipts,
}

impl Module {
    pub const ALL: [Module; 12] = [
        Module::Orders,
        Module::Catalogue,
        Module::Inventory,
        Module::Procurement,
        Module::Quality,
        Module::Customers,
        Module::Service,
        Module::Marketing,
        Module::Knowledge,
        Module::Content,
        Module::Reports,
        Module::Settings,
    ];

    /// The module's pages, in navigation order (empty until the module is built).
    pub fn pages(self) -> &'static [Page] {
        match self {
            Module::Orders => &[
                Page::Orders,
                Page::Fulfilment,
                Page::PickLists,
                Page::Shipments,
                Page::Routes,
                Page::Fleet,
                Page::Driver,
            ],
            Module::Catalogue => &[Page::Products, Page::Categories, Page::Brands],
            Module::Inventory => &[
                Page::Stock,
                Page::Transfers,
                Page::Stocktakes,
                Page::Valuation,
            ],
            Module::Procurement => &[
                Page::PurchaseSuggestions,
                Page::PurchaseOrders,
                Page::Receipts,
                Page::Suppliers,
            ],
            Module::Service => &[
                Page::Returns,
                Page::Repairs,
                Page::Consultations,
                Page::Reviews,
            ],
            Module::Reports => &[Page::Dashboard, Page::Quality],
            Module::Settings => &[Page::Staff, Page::AuditLog, Page::Security, Page::Carriers],
            _ => &[],
        }
    }

    /// The modules `roles` may open, each with the pages they may see.
    pub fn visible_to(roles: &Roles) -> Vec<(Module, Vec<Page>)> {
        Module::ALL
            .into_iter()
            .filter_map(|m| {
                let pages: Vec<Page> = m
                    .pages()
                    .iter()
                    .copied()
                    .filter(|p| roles.allow(p.permission()))
                    .collect();
                (!pages.is_empty()).then_some((m, pages))
            })
            .collect()
    }
}

impl Page {
    /// The permission that opens the page.
    pub fn permission(self) -> Permission {
        match self {
            Page::Orders => Permission::ViewOrders,
            Page::Fulfilment | Page::PickLists | Page::Shipments | Page::Routes | Page::Fleet => {
                Permission::ViewFulfilment
            }
            Page::Driver => Permission::DeliverParcels,
            Page::Stock | Page::Transfers | Page::Stocktakes | Page::Valuation => {
                Permission::ViewStock
            }
            Page::Products | Page::Categories | Page::Brands => Permission::ViewCatalog,
            Page::Dashboard | Page::Quality => Permission::ViewReports,
            Page::Staff => Permission::ManageStaff,
            Page::AuditLog => Permission::ViewAuditLog,
            Page::Security => Permission::ManageSecurity,
            Page::Carriers => Permission::ManageShipping,
            Page::Returns => Permission::ViewReturns,
            Page::Repairs => Permission::HandleRepairs,
            Page::Consultations => Permission::AnswerConsultations,
            Page::Reviews => Permission::ModerateReviews,
            Page::Suppliers | Page::PurchaseSuggestions | Page::PurchaseOrders | Page::Receipts => {
                Permission::ViewProcurement
            }
        }
    }

    /// Its address inside the back office (under `/admin`).
    pub fn path(self) -> &'static str {
        match self {
            Page::Orders => "/orders",
            Page::Fulfilment => "/fulfilment",
            Page::PickLists => "/fulfilment/pick-lists",
            Page::Shipments => "/fulfilment/shipments",
            Page::Routes => "/fulfilment/routes",
            Page::Fleet => "/fulfilment/fleet",
            Page::Driver => "/fulfilment/driver",
            Page::Stock => "/inventory/stock",
            Page::Transfers => "/inventory/transfers",
            Page::Stocktakes => "/inventory/stocktakes",
            Page::Valuation => "/inventory/valuation",
            Page::Products => "/catalogue/products",
            Page::Categories => "/catalogue/categories",
            Page::Brands => "/catalogue/brands",
            Page::Dashboard => "/reports/dashboard",
            Page::Quality => "/reports/quality",
            Page::Staff => "/settings/staff",
            Page::AuditLog => "/settings/audit",
            Page::Security => "/settings/security",
            Page::Carriers => "/settings/carriers",
            Page::Returns => "/returns",
            Page::Repairs => "/repairs",
            Page::Consultations => "/consultations",
            Page::Reviews => "/reviews",
            Page::Suppliers => "/procurement/suppliers",
            Page::PurchaseSuggestions => "/procurement/suggestions",
            Page::PurchaseOrders => "/procurement/orders",
            Page::Receipts => "/procurement/receipts",
        }
    }
}
