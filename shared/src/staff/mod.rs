//! Shop staff: roles, permissions, the back office's modules, staff records and the rules
//! about them (the last owner stays an owner). The server checks a permission on every
//! staff action.

mod modules;
mod permissions;
mod roles;

pub use modules::{Module, Page};
pub use permissions::Permission;
pub use roles::{Roles, StaffRole};

use crate::ids::UserId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a staff member's account stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffStatus {
    /// Invited; has not chosen a password yet.
    Invited,
    Active,
    /// May not sign in; their sessions ended when they were deactivated.
    Deactivated,
}

impl StaffStatus {
    pub const ALL: [StaffStatus; 3] = [
        StaffStatus::Invited,
        StaffStatus::Active,
        StaffStatus::Deactivated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StaffStatus::Invited => "invited",
            StaffStatus::Active => "active",
            StaffStatus::Deactivated => "deactivated",
        }
    }
}

/// A staff member as the staff list and their page show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub roles: Roles,
    pub status: StaffStatus,
    /// Two-factor sign-in is on.
    pub two_factor: bool,
    pub last_sign_in_at: Option<i64>,
    pub created_at: i64,
}

/// `POST /api/v1/admin/staff`: invite someone by e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteStaff {
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 50))]
    pub display_name: String,
    pub roles: Vec<StaffRole>,
}

/// What the staff list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffSort {
    #[default]
    Name,
    Email,
    CreatedAt,
    LastSignIn,
}

impl StaffSort {
    pub fn code(self) -> &'static str {
        match self {
            StaffSort::Name => "name",
            StaffSort::Email => "email",
            StaffSort::CreatedAt => "created_at",
            StaffSort::LastSignIn => "last_sign_in",
        }
    }
}

/// The staff list's filters, sort and page, as they travel in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct StaffListQuery {
    /// Part of the name or e-mail.
    #[cfg_attr(feature = "openapi", param(max_length = 100))]
    pub q: Option<String>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub role: Option<StaffRole>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub status: Option<StaffStatus>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub sort: Option<StaffSort>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub dir: Option<crate::list::SortDir>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 10000))]
    pub page: Option<u32>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub page_size: Option<u32>,
}

/// `PUT /api/v1/admin/staff/{id}/roles`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetRoles {
    pub roles: Vec<StaffRole>,
}

/// A module of the navigation with the pages this person may open in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NavModule {
    pub module: Module,
    pub pages: Vec<Page>,
}

/// `GET /api/v1/admin/me`: who is signed in to the back office and what they may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSession {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub roles: Roles,
    pub permissions: Vec<Permission>,
    pub modules: Vec<NavModule>,
    pub two_factor: bool,
    /// The shop requires owners to use two-factor sign-in and this owner has not turned it
    /// on: every other back-office action is refused until they do.
    pub must_enable_two_factor: bool,
}

impl StaffSession {
    pub fn new(
        id: UserId,
        email: String,
        display_name: String,
        roles: Roles,
        two_factor: bool,
        owners_need_two_factor: bool,
    ) -> StaffSession {
        let modules = Module::visible_to(&roles)
            .into_iter()
            .map(|(module, pages)| NavModule { module, pages })
            .collect();
        StaffSession {
            id,
            email,
            display_name,
            permissions: roles.permissions(),
            must_enable_two_factor: must_enable_two_factor(
                &roles,
                two_factor,
                owners_need_two_factor,
            ),
            roles,
            modules,
            two_factor,
        }
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }
}

/// An owner who must turn on two-factor sign-in before anything else.
pub fn must_enable_two_factor(roles: &Roles, two_factor: bool, owners_need_it: bool) -> bool {
    owners_need_it && roles.contains(StaffRole::Owner) && !two_factor
}

/// The first step of turning on two-factor sign-in: the secret to put in an authenticator
/// app, as text, as an `otpauth://` link and as a QR code (SVG).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorSetup {
    pub secret: String,
    pub otpauth_uri: String,
    pub qr_svg: String,
}

/// A six-digit code from an authenticator app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TwoFactorCode {
    #[cfg_attr(feature = "openapi", schema(max_length = 12))]
    pub code: String,
}

/// The shop's security settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecuritySettings {
    /// Owners must sign in with a second factor.
    pub owners_need_two_factor: bool,
}

/// `POST /api/v1/auth/invitations/accept`: an invited staff member chooses a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptInvitation {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub token: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub password: String,
}

/// Rules about one's own two-factor sign-in, each with the code the back office translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TwoFactorProblem {
    /// It is on already.
    TwoFactorOn,
    /// It is off already.
    TwoFactorOff,
    /// Turning it on needs the set-up first.
    TwoFactorNotStarted,
    /// The shop requires owners to use it.
    OwnersNeedTwoFactor,
}

impl fmt::Display for TwoFactorProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TwoFactorProblem::TwoFactorOn => "two-factor sign-in is on already",
            TwoFactorProblem::TwoFactorOff => "two-factor sign-in is off already",
            TwoFactorProblem::TwoFactorNotStarted => "start the set-up first",
            TwoFactorProblem::OwnersNeedTwoFactor => {
                "the shop requires owners to use two-factor sign-in"
            }
        })
    }
}

impl TwoFactorProblem {
    /// Whether it clashes with the account's state (409) rather than breaking a rule (422).
    pub fn is_conflict(self) -> bool {
        !matches!(self, TwoFactorProblem::OwnersNeedTwoFactor)
    }
}

/// Rules about staff records, each with the code the back office translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffProblem {
    /// A staff member needs at least one role.
    NoRoles,
    /// The change would leave the shop without an active owner.
    LastOwner,
    /// Nobody deactivates their own account.
    CannotDeactivateSelf,
    /// The e-mail already has an account (staff or customer).
    EmailTaken,
    /// The invitation link is unknown, used or expired.
    InvitationInvalid,
    /// Only invited staff get invitations; only active staff get password resets.
    WrongStatus,
    /// Turn on your own two-factor sign-in before requiring it of owners.
    EnableYourOwnTwoFactorFirst,
}

impl fmt::Display for StaffProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StaffProblem::NoRoles => "a staff member needs at least one role",
            StaffProblem::LastOwner => "the shop must keep at least one active owner",
            StaffProblem::CannotDeactivateSelf => "you cannot deactivate your own account",
            StaffProblem::EmailTaken => "this e-mail already has an account",
            StaffProblem::InvitationInvalid => {
                "this invitation link is not valid any more; ask for a new one"
            }
            StaffProblem::WrongStatus => "this cannot be done for the staff member's status",
            StaffProblem::EnableYourOwnTwoFactorFirst => {
                "turn on two-factor sign-in for yourself before requiring it of owners"
            }
        })
    }
}

/// The shop must keep an owner who can use the back office: checked after every change to
/// roles or activity, inside its transaction, with how many such owners are left.
pub fn has_an_owner(active_owners_after: i64) -> Result<(), StaffProblem> {
    if active_owners_after > 0 {
        Ok(())
    } else {
        Err(StaffProblem::LastOwner)
    }
}

/// Roles for a staff member: at least one.
pub fn parse_roles(roles: Vec<StaffRole>) -> Result<Roles, StaffProblem> {
    let roles = Roles::new(roles);
    if roles.is_empty() {
        Err(StaffProblem::NoRoles)
    } else {
        Ok(roles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_and_grant() {
        assert_eq!(StaffRole::parse("owner"), Some(StaffRole::Owner));
        assert_eq!(StaffRole::parse("root"), None);
        for role in StaffRole::ALL {
            assert_eq!(StaffRole::parse(role.code()), Some(role));
            let json = format!("\"{}\"", role.code());
            assert_eq!(serde_json::from_str::<StaffRole>(&json).unwrap(), role);
        }
        let owner = Roles::new(vec![StaffRole::Owner]);
        assert_eq!(
            owner.permissions(),
            Permission::ALL.to_vec(),
            "owners may do all"
        );
        let analyst = Roles::new(vec![StaffRole::Analyst]);
        assert!(analyst.allow(Permission::ViewOrders));
        assert!(!analyst.allow(Permission::MarkOrderPaid));
        let warehouse = Roles::new(vec![StaffRole::WarehouseOperator]);
        assert_eq!(
            warehouse.permissions(),
            vec![
                Permission::ViewOrders,
                Permission::ViewFulfilment,
                Permission::AllocateOrders,
                Permission::PickAndPack,
                Permission::ShipOrders,
                Permission::PlanRoutes,
                Permission::DeliverParcels,
                Permission::ManageFleet,
                Permission::ViewStock,
                Permission::ManageStock,
                Permission::ViewReturns,
                Permission::ReceiveReturns,
                Permission::HandleRepairs,
                // the warehouse sees what is coming and receives it
                Permission::ViewProcurement,
                Permission::ReceiveGoods,
            ]
        );
        // several roles: the union
        let two = Roles::new(vec![
            StaffRole::Analyst,
            StaffRole::Finance,
            StaffRole::Analyst,
        ]);
        assert_eq!(two.iter().count(), 2, "deduplicated");
        assert!(two.allow(Permission::MarkOrderPaid));
        assert_eq!(two.describe(), "finance, analyst");
    }

    #[test]
    fn every_permission_has_an_owner_and_only_built_modules_show() {
        for p in Permission::ALL {
            assert!(p.granted_to().contains(&StaffRole::Owner), "{p:?}");
        }
        let owner = Roles::new(vec![StaffRole::Owner]);
        let modules: Vec<Module> = Module::visible_to(&owner)
            .into_iter()
            .map(|m| m.0)
            .collect();
        assert_eq!(
            modules,
            vec![
                Module::Orders,
                Module::Catalogue,
                Module::Inventory,
                Module::Procurement,
                Module::Service,
                Module::Reports,
                Module::Settings
            ]
        );
        let clerk = Roles::new(vec![StaffRole::OrderClerk, StaffRole::WarehouseOperator]);
        let visible = Module::visible_to(&clerk);
        let all_orders = vec![
            Page::Orders,
            Page::Fulfilment,
            Page::PickLists,
            Page::Shipments,
            Page::Routes,
            Page::Fleet,
            Page::Driver,
        ];
        let all_inventory = vec![
            Page::Stock,
            Page::Transfers,
            Page::Stocktakes,
            Page::Valuation,
        ];
        let procurement = vec![
            Page::PurchaseSuggestions,
            Page::PurchaseOrders,
            Page::Receipts,
            Page::Suppliers,
        ];
        assert_eq!(
            visible,
            vec![
                (Module::Orders, all_orders.clone()),
                (Module::Inventory, all_inventory.clone()),
                (Module::Procurement, procurement.clone()),
                (Module::Service, vec![Page::Returns, Page::Repairs])
            ]
        );
        let marketing = Module::visible_to(&Roles::new(vec![StaffRole::Marketing]));
        assert_eq!(
            marketing.iter().map(|m| m.0).collect::<Vec<_>>(),
            vec![Module::Catalogue, Module::Service, Module::Reports]
        );
        assert_eq!(
            marketing[1].1,
            vec![Page::Reviews],
            "reviews, to answer them"
        );
        let warehouse = Module::visible_to(&Roles::new(vec![StaffRole::WarehouseOperator]));
        assert_eq!(
            warehouse,
            vec![
                (Module::Orders, all_orders),
                (Module::Inventory, all_inventory),
                (Module::Procurement, procurement),
                (Module::Service, vec![Page::Returns, Page::Repairs])
            ],
            "no catalogue; what is bought, to receive it"
        );
    }

    #[test]
    fn the_last_owner_stays() {
        assert_eq!(has_an_owner(0), Err(StaffProblem::LastOwner));
        assert_eq!(has_an_owner(1), Ok(()));
        assert_eq!(parse_roles(vec![]), Err(StaffProblem::NoRoles));
    }

    #[test]
    fn owners_may_be_required_to_use_two_factor() {
        let owner = Roles::new(vec![StaffRole::Owner]);
        let clerk = Roles::new(vec![StaffRole::OrderClerk]);
        assert!(must_enable_two_factor(&owner, false, true));
        assert!(!must_enable_two_factor(&owner, true, true));
        assert!(!must_enable_two_factor(&owner, false, false));
        assert!(!must_enable_two_factor(&clerk, false, true));
    }
}
