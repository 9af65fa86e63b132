//! The fleet page's strings (配送车队: 配送区域、配送时段、车辆、司机) and the words of the
//! fleet's rules the server names.

use shared::Locale;
use ui::i18n::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fl {
    Intro,
    ReadOnly,
    Zones,
    Vans,
    NewZone,
    EditZone,
    NewVan,
    EditVan,
    Warehouse,
    Zone,
    NameZh,
    NameEn,
    Divisions,
    DivisionsHint,
    Slots,
    SlotsHint,
    From,
    Until,
    AddSlot,
    RemoveSlot,
    Edit,
    Delete,
    ConfirmDelete,
    ZoneCreated,
    ZoneSaved,
    ZoneDeleted,
    NoZones,
    Plate,
    Capacity,
    MaxWeight,
    MaxParcels,
    Parcels,
    Driver,
    NoDriver,
    DriverHint,
    Planned,
    PlannedHint,
    Status,
    Active,
    Inactive,
    Deactivate,
    Reactivate,
    VanCreated,
    VanSaved,
    NoVans,
}

impl Translate for Fl {
    fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            Fl::Intro => (
                "配送区域决定收货地址的配送时段，车辆决定每天的运力；路线规划只使用启用的车辆。",
                "Zones give addresses their delivery slots, vans give each day its capacity; routes are planned with active vans only.",
            ),
            Fl::ReadOnly => (
                "您可以查看车队，但没有修改权限。",
                "You may look at the fleet but not change it.",
            ),
            Fl::Zones => ("配送区域", "Delivery zones"),
            Fl::Vans => ("配送车辆", "Vans"),
            Fl::NewZone => ("新建配送区域", "New zone"),
            Fl::EditZone => ("编辑配送区域", "Edit zone"),
            Fl::NewVan => ("新增车辆", "New van"),
            Fl::EditVan => ("编辑车辆", "Edit van"),
            Fl::Warehouse => ("仓库", "Warehouse"),
            Fl::Zone => ("区域", "Zone"),
            Fl::NameZh => ("中文名称", "Name in Chinese"),
            Fl::NameEn => ("英文名称", "Name in English"),
            Fl::Divisions => ("覆盖的行政区划", "Divisions covered"),
            Fl::DivisionsHint => (
                "行政区划代码或其前几位（2–6 位数字），用逗号分隔，例如 3101, 310115。",
                "Division codes or their leading digits (2 to 6 digits), separated by commas: 3101, 310115.",
            ),
            Fl::Slots => ("配送时段", "Delivery slots"),
            Fl::SlotsHint => (
                "时段不能重叠，最多 12 个；结束时间 00:00 表示当天 24:00。",
                "Up to 12 slots that do not overlap; an end of 00:00 is midnight.",
            ),
            Fl::From => ("开始", "From"),
            Fl::Until => ("结束", "Until"),
            Fl::AddSlot => ("添加时段", "Add a slot"),
            Fl::RemoveSlot => ("删除时段", "Remove slot"),
            Fl::Edit => ("编辑", "Edit"),
            Fl::Delete => ("删除", "Delete"),
            Fl::ConfirmDelete => (
                "确定删除这个配送区域吗？已规划的路线保留原来的时段。",
                "Delete this zone? Routes planned already keep their windows.",
            ),
            Fl::ZoneCreated => ("配送区域已创建", "Zone created"),
            Fl::ZoneSaved => ("配送区域已保存", "Zone saved"),
            Fl::ZoneDeleted => ("配送区域已删除", "Zone deleted"),
            Fl::NoZones => ("还没有配送区域。", "No delivery zones yet."),
            Fl::Plate => ("车牌号", "Number plate"),
            Fl::Capacity => ("运力", "Capacity"),
            Fl::MaxWeight => ("最大载重（千克）", "Load limit (kg)"),
            Fl::MaxParcels => ("最多件数", "Parcel limit"),
            Fl::Parcels => ("件", "parcels"),
            Fl::Driver => ("司机", "Driver"),
            Fl::NoDriver => ("未指定", "Nobody yet"),
            Fl::DriverHint => (
                "只能选择有配送权限的在职员工（仓库操作员或店主）。",
                "Only active staff who deliver parcels (warehouse operators, owners).",
            ),
            Fl::Planned => ("启用（参与路线规划）", "Active (planned on routes)"),
            Fl::PlannedHint => (
                "停用的车辆保留历史路线，但不再参与路线规划。车辆不能删除。",
                "An inactive van keeps its routes but is planned no more. Vans are never deleted.",
            ),
            Fl::Status => ("状态", "Status"),
            Fl::Active => ("启用", "Active"),
            Fl::Inactive => ("已停用", "Inactive"),
            Fl::Deactivate => ("停用", "Deactivate"),
            Fl::Reactivate => ("重新启用", "Reactivate"),
            Fl::VanCreated => ("车辆已添加", "Van added"),
            Fl::VanSaved => ("车辆已保存", "Van saved"),
            Fl::NoVans => ("还没有车辆。", "No vans yet."),
        };
        locale.pick(zh, en)
    }
}

/// The fleet's rules the server names (`FleetProblem`, and an unknown warehouse). The
/// names' `text_missing` and `too_long` are the catalogue's words.
pub fn problem(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "warehouse" => ("没有这个仓库。", "There is no such warehouse."),
        "no_divisions" => (
            "请至少填写一个行政区划代码。",
            "A zone covers at least one division.",
        ),
        "too_many_divisions" => (
            "一个配送区域最多 50 个行政区划代码。",
            "A zone lists at most 50 division codes.",
        ),
        "division_invalid" => (
            "行政区划代码为 2–6 位数字。",
            "A division code is 2 to 6 digits.",
        ),
        "division_repeated" => (
            "有行政区划代码重复填写。",
            "A division code is listed twice.",
        ),
        "no_slots" => (
            "请至少设置一个配送时段。",
            "A zone offers at least one delivery slot.",
        ),
        "too_many_slots" => (
            "一个配送区域最多 12 个配送时段。",
            "A zone offers at most 12 delivery slots.",
        ),
        "slot_invalid" => (
            "请选择开始和结束时间，结束须晚于开始（最晚 24:00）。",
            "Choose a start and an end; the end comes after the start, by midnight at the latest.",
        ),
        "slots_overlap" => (
            "这个时段与其他时段重叠。",
            "This slot overlaps another one.",
        ),
        "slot_unknown" => (
            "这个时段已不属于该配送区域，请刷新页面后重试。",
            "This slot is no longer the zone's: reload the page and try again.",
        ),
        "plate_invalid" => (
            "车牌号为 1–20 个字符。",
            "A number plate has 1 to 20 characters.",
        ),
        "plate_taken" => (
            "已有车辆使用这个车牌号。",
            "Another van has this number plate.",
        ),
        "max_weight_invalid" => (
            "最大载重须在 0.001 至 50,000 千克之间（最多三位小数）。",
            "The load limit is 0.001 to 50,000 kg (at most three decimals).",
        ),
        "max_parcels_invalid" => (
            "最多件数须为 1 至 10,000 之间的整数。",
            "The parcel limit is a whole number from 1 to 10,000.",
        ),
        "driver_unknown" => (
            "司机须为有配送权限的在职员工。",
            "The driver must be an active staff member who delivers parcels.",
        ),
        "vehicle_has_routes" => (
            "这辆车已有配送路线，不能改到其他仓库；请停用它并新增一辆车。",
            "This van has driven routes: it stays with its warehouse. Deactivate it and add a new one.",
        ),
        _ => return None,
    })
}
