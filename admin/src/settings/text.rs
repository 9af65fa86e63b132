//! The settings module's strings.

use shared::audit::{AuditAction, EntityType};
use shared::staff::StaffStatus;
use shared::Locale;
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum X {
    Name,
    Email,
    Status,
    TwoFactor,
    LastSignIn,
    Never,
    Invite,
    InviteTitle,
    InviteIntro,
    Send,
    Invited,
    SearchStaff,
    RoleFilter,
    Deactivate,
    Reactivate,
    DeactivateSelected,
    Deactivated,
    Reactivated,
    ResendInvitation,
    InvitationSent,
    SendPasswordReset,
    ResetSent,
    History,
    RolesHint,
    RolesSaved,
    Member,
    Since,
    On,
    Off,
    When,
    Who,
    What,
    Entity,
    Changes,
    Address,
    From,
    To,
    EntityId,
    AuditIntro,
    OwnersNeedTwoFactor,
    OwnersNeedTwoFactorHint,
    SecurityIntro,
    ConfirmDeactivate,
}

impl Translate for X {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            X::Name => ("姓名", "Name"),
            X::Email => ("电子邮箱", "E-mail"),
            X::Status => ("状态", "Status"),
            X::TwoFactor => ("两步验证", "Two-factor"),
            X::LastSignIn => ("最近登录", "Last sign-in"),
            X::Never => ("从未", "Never"),
            X::Invite => ("邀请员工", "Invite staff"),
            X::InviteTitle => ("邀请新员工", "Invite a staff member"),
            X::InviteIntro => ("对方会收到一封邮件，三天内通过其中的链接设置密码。", "They get an e-mail with a link to choose a password within three days."),
            X::Send => ("发送邀请", "Send the invitation"),
            X::Invited => ("邀请已发送", "Invitation sent"),
            X::SearchStaff => ("搜索姓名或邮箱", "Search by name or e-mail"),
            X::RoleFilter => ("角色", "Role"),
            X::Deactivate => ("停用账户", "Deactivate"),
            X::Reactivate => ("重新启用", "Reactivate"),
            X::DeactivateSelected => ("批量停用", "Deactivate selected"),
            X::Deactivated => ("已停用", "Deactivated"),
            X::Reactivated => ("已重新启用", "Reactivated"),
            X::ResendInvitation => ("重新发送邀请", "Send the invitation again"),
            X::InvitationSent => ("邀请已重新发送", "Invitation sent again"),
            X::SendPasswordReset => ("发送重设密码邮件", "Send a password reset"),
            X::ResetSent => ("重设密码邮件已发送", "Password reset sent"),
            X::History => ("变更记录", "History"),
            X::RolesHint => ("员工可同时拥有多个角色，权限为各角色之和。", "A staff member may hold several roles; they may do what any of them allows."),
            X::RolesSaved => ("角色已更新", "Roles saved"),
            X::Member => ("员工", "Staff member"),
            X::Since => ("加入时间", "Since"),
            X::On => ("已开启", "On"),
            X::Off => ("未开启", "Off"),
            X::When => ("时间", "When"),
            X::Who => ("操作人", "Who"),
            X::What => ("操作", "Action"),
            X::Entity => ("对象", "Entity"),
            X::Changes => ("变更内容", "Changes"),
            X::Address => ("IP 地址", "IP address"),
            X::From => ("开始日期", "From"),
            X::To => ("结束日期", "To"),
            X::EntityId => ("对象编号", "Entity id"),
            X::AuditIntro => ("员工的每一次修改都会记录在此，记录无法修改或删除。", "Every change staff make is recorded here; entries cannot be changed or deleted."),
            X::OwnersNeedTwoFactor => ("要求店主使用两步验证登录", "Owners must sign in with two-factor authentication"),
            X::OwnersNeedTwoFactorHint => ("开启后，尚未设置两步验证的店主在设置完成前无法使用后台。", "Owners without two-factor sign-in cannot use the back office until they turn it on."),
            X::SecurityIntro => ("店铺的登录安全设置。", "How staff sign in to the shop."),
            X::ConfirmDeactivate => ("停用后对方会立即退出登录，确定吗？", "They will be signed out at once. Deactivate?"),
        };
        locale.pick(zh, en)
    }
}

pub fn status(locale: Locale, s: StaffStatus) -> &'static str {
    let (zh, en) = match s {
        StaffStatus::Invited => ("已邀请", "Invited"),
        StaffStatus::Active => ("在职", "Active"),
        StaffStatus::Deactivated => ("已停用", "Deactivated"),
    };
    locale.pick(zh, en)
}

pub fn action(locale: Locale, a: AuditAction) -> &'static str {
    let (zh, en) = match a {
        AuditAction::OrderMarkPaid => ("确认订单已收款", "Marked an order paid"),
        AuditAction::StaffInvite => ("邀请员工", "Invited a staff member"),
        AuditAction::StaffResendInvitation => ("重新发送邀请", "Sent an invitation again"),
        AuditAction::StaffAcceptInvitation => ("接受邀请并设置密码", "Accepted the invitation"),
        AuditAction::StaffSetRoles => ("修改角色", "Changed roles"),
        AuditAction::StaffDeactivate => ("停用员工", "Deactivated a staff member"),
        AuditAction::StaffReactivate => ("重新启用员工", "Reactivated a staff member"),
        AuditAction::StaffSendPasswordReset => ("发送重设密码邮件", "Sent a password reset"),
        AuditAction::StaffResetPassword => ("通过链接重设密码", "Reset their password with a link"),
        AuditAction::StaffEnableTwoFactor => ("开启两步验证", "Turned on two-factor sign-in"),
        AuditAction::StaffDisableTwoFactor => ("关闭两步验证", "Turned off two-factor sign-in"),
        AuditAction::SettingsSecurity => ("修改安全设置", "Changed the security settings"),
        AuditAction::ProductCreate => ("新建商品", "Created a product"),
        AuditAction::ProductUpdate => ("编辑商品", "Edited a product"),
        AuditAction::ProductPublish => ("上架商品", "Published a product"),
        AuditAction::ProductUnpublish => ("下架商品", "Unpublished a product"),
        AuditAction::ProductMove => ("移动商品到分类", "Moved a product to a category"),
        AuditAction::ProductReprice => ("批量调价", "Changed a product's prices"),
        AuditAction::ProductImport => ("通过 CSV 导入商品", "Imported a product from CSV"),
        AuditAction::CategoryCreate => ("新建分类", "Created a category"),
        AuditAction::CategoryUpdate => ("编辑分类", "Edited a category"),
        AuditAction::CategoryMove => ("移动分类", "Moved a category"),
        AuditAction::CategoryDelete => ("删除分类", "Deleted a category"),
        AuditAction::BrandCreate => ("新建品牌", "Created a brand"),
        AuditAction::BrandUpdate => ("编辑品牌", "Edited a brand"),
        AuditAction::MediaUpload => ("上传图片", "Uploaded a picture"),
        AuditAction::OrderAllocate => ("分配订单到仓库", "Allocated an order to warehouses"),
        AuditAction::OrderCancel => ("取消订单", "Cancelled an order"),
        AuditAction::OrderHold => ("挂起订单", "Put an order on hold"),
        AuditAction::OrderRelease => ("解除订单挂起", "Released an order from hold"),
        AuditAction::OrderNote => ("添加内部备注", "Added an internal note"),
        AuditAction::ShipmentReallocate => ("改派发货仓", "Moved a shipment to another warehouse"),
        AuditAction::ShipmentPack => ("打包发货单", "Packed a shipment"),
        AuditAction::ShipmentShip => ("发货", "Shipped a shipment"),
        AuditAction::ShipmentDeliver => ("确认签收", "Marked a shipment delivered"),
        AuditAction::PickListCreate => ("生成拣货单", "Created a pick list"),
        AuditAction::PickListRecord => ("登记拣货数量", "Counted a pick list line"),
        AuditAction::PickListComplete => ("完成拣货", "Completed a pick list"),
        AuditAction::OrderRefund => ("退款", "Refunded an order"),
        AuditAction::OrderAddress => ("修改收货地址", "Changed an order's delivery address"),
    };
    locale.pick(zh, en)
}

pub fn entity(locale: Locale, e: EntityType) -> &'static str {
    let (zh, en) = match e {
        EntityType::Order => ("订单", "Order"),
        EntityType::Staff => ("员工", "Staff member"),
        EntityType::Setting => ("设置", "Setting"),
        EntityType::Product => ("商品", "Product"),
        EntityType::Category => ("分类", "Category"),
        EntityType::Brand => ("品牌", "Brand"),
        EntityType::Media => ("图片", "Picture"),
        EntityType::Shipment => ("发货单", "Shipment"),
        EntityType::PickList => ("拣货单", "Pick list"),
    };
    locale.pick(zh, en)
}
