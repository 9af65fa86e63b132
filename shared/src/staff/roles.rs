//! The roles a staff member can hold. A person may hold several; what they may do is the
//! union of their roles' permissions (see [`super::Permission::granted_to`]).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// 店主: everything, including staff and security settings.
    Owner,
    /// 商品管理: the catalogue, prices, content on product pages.
    CatalogManager,
    /// 订单与履约专员: orders from payment to delivery.
    OrderClerk,
    /// 仓库操作员: stock, picking, packing, receiving.
    WarehouseOperator,
    /// 客服: customers, questions, returns.
    CustomerService,
    /// 营销: promotions, coupons, campaigns.
    Marketing,
    /// 采购: suppliers and purchase orders.
    Procurement,
    /// 财务: payments, refunds, supplier settlement.
    Finance,
    /// 只读分析员: sees figures and records, changes nothing.
    Analyst,
}

impl StaffRole {
    pub const ALL: [StaffRole; 9] = [
        StaffRole::Owner,
        StaffRole::CatalogManager,
        StaffRole::OrderClerk,
        StaffRole::WarehouseOperator,
        StaffRole::CustomerService,
        StaffRole::Marketing,
        StaffRole::Procurement,
        StaffRole::Finance,
        StaffRole::Analyst,
    ];

    /// The name stored in the database and sent in the API.
    pub fn code(self) -> &'static str {
        match self {
            StaffRole::Owner => "owner",
            StaffRole::CatalogManager => "catalog_manager",
            StaffRole::OrderClerk => "order_clerk",
            StaffRole::WarehouseOperator => "warehouse_operator",
            StaffRole::CustomerService => "customer_service",
            StaffRole::Marketing => "marketing",
            StaffRole::Procurement => "procurement",
            StaffRole::Finance => "finance",
            StaffRole::Analyst => "analyst",
        }
    }

    pub fn parse(text: &str) -> Option<StaffRole> {
        Self::ALL.into_iter().find(|r| r.code() == text)
    }
}

/// A set of roles: sorted, without repeats. At least one for an active staff member.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Roles(Vec<StaffRole>);

impl Roles {
    pub fn new(mut roles: Vec<StaffRole>) -> Roles {
        roles.sort();
        roles.dedup();
        Roles(roles)
    }

    pub fn contains(&self, role: StaffRole) -> bool {
        self.0.contains(&role)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = StaffRole> + '_ {
        self.0.iter().copied()
    }

    /// Whether any of the roles grants `permission`.
    pub fn allow(&self, permission: super::Permission) -> bool {
        self.0.iter().any(|r| permission.granted_to().contains(r))
    }

    /// Every permission these roles grant, in declaration order.
    pub fn permissions(&self) -> Vec<super::Permission> {
        super::Permission::ALL
            .into_iter()
            .filter(|p| self.allow(*p))
            .collect()
    }

    /// `owner, finance`: how the audit log shows a set of roles.
    pub fn describe(&self) -> String {
        self.0
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl FromIterator<StaffRole> for Roles {
    fn from_iter<I: IntoIterator<Item = StaffRole>>(iter: I) -> Roles {
        Roles::new(iter.into_iter().collect())
    }
}
