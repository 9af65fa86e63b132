//! Suppliers (供应商) and what each sells the shop (供货清单): their terms and contacts, and
//! per item the price, the least they sell at once, the pack they sell in and how long
//! they take. The checks here are the whole rule; the server adds only what needs the
//! database (the SKU exists, the supplier's code is free).

use crate::catalog::Localized;
use crate::ids::VariantId;
use crate::money::{Currency, Money};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest company name, contact name, e-mail or phone.
pub const NAME_MAX: usize = 100;
/// The longest address and note.
pub const NOTE_MAX: usize = 500;
/// A supplier's code: 2 to 20 letters, digits or `-` (`SUP-001`).
pub const CODE_MAX: usize = 20;
/// The longest payment terms the shop agrees to (days after the invoice).
pub const MAX_PAYMENT_DAYS: i64 = 180;
/// The longest lead time (days from the order to the goods at the door).
pub const MAX_LEAD_DAYS: i64 = 365;
/// The most items one supplier's list names.
pub const MAX_OFFERS: usize = 500;
/// The dearest unit price (minor units): ¥1,000,000.
pub const MAX_UNIT_COST: i64 = 100_000_000;
/// The largest minimum order or pack.
pub const MAX_UNITS: i64 = 1_000_000;

/// `POST /api/v1/admin/suppliers`, `PUT …/{id}`: a supplier's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierDraft {
    /// Short and unique, as on the supplier's documents (`SUP-001`), stored upper-case.
    #[cfg_attr(feature = "openapi", schema(min_length = 2, max_length = 20))]
    pub code: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub contact_name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub email: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub phone: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub address: String,
    /// Days after the invoice the shop pays (0: on receipt).
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 180))]
    pub payment_terms_days: i64,
    /// Days from the order to the goods at the door, unless an item says otherwise.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 365))]
    pub lead_time_days: i64,
    /// The currency of their prices and invoices.
    pub currency: Currency,
    /// Only active suppliers are suggested and ordered from (records are never deleted:
    /// their orders name them).
    pub active: bool,
}

/// One item a supplier sells, as sent: named by its SKU.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferDraft {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub sku: String,
    /// Price per unit, minor units of the supplier's currency.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100000000))]
    pub unit_cost: i64,
    /// The least they sell at once (最小起订量).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000000))]
    pub min_order: i64,
    /// They sell in multiples of this (a carton); 1 when any count will do.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000000))]
    pub pack: i64,
    /// Days for this item when it differs from the supplier's usual lead time.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 365))]
    pub lead_time_days: Option<i64>,
}

/// `PUT /api/v1/admin/suppliers/{id}/offers`: the supplier's whole list (what is left out
/// is no longer bought from them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OffersDraft {
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub offers: Vec<OfferDraft>,
}

/// An item on a supplier's list, as the back office shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferView {
    pub variant: VariantId,
    pub sku: String,
    /// The product's name.
    pub name: Localized,
    /// Raw material (原材料) rather than goods for sale.
    pub raw_material: bool,
    pub unit_cost: Money,
    pub min_order: i64,
    pub pack: i64,
    /// The item's own lead time, if it has one.
    pub lead_time_days: Option<i64>,
}

/// A supplier in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierSummary {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub contact_name: String,
    pub currency: Currency,
    pub lead_time_days: i64,
    pub active: bool,
    /// Items on their list.
    pub offers: i64,
    /// Purchase orders not yet received or cancelled.
    pub open_orders: i64,
}

/// A supplier with their list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupplierView {
    pub id: i64,
    pub supplier: SupplierDraft,
    pub offers: Vec<OfferView>,
    /// Their own staff's accounts of the supplier portal.
    pub accounts: Vec<super::portal::SupplierAccountView>,
}

/// The rules of a supplier's record and list, each with the code the back office
/// translates; the request field concerned travels beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupplierProblem {
    /// A code is 2 to 20 letters, digits or `-`.
    CodeInvalid,
    /// Another supplier has this code.
    CodeTaken,
    /// A name is missing.
    NameMissing,
    /// A text longer than it may be.
    TooLong,
    /// An e-mail address without `@` and a domain.
    EmailInvalid,
    /// Payment terms of 0 to 180 days.
    PaymentTermsInvalid,
    /// A lead time of 0 to 365 days.
    LeadTimeInvalid,
    /// More than 500 items.
    TooManyOffers,
    /// No item has this SKU.
    SkuUnknown,
    /// The same SKU twice.
    SkuRepeated,
    /// A unit price of 0.01 to 1,000,000.
    UnitCostInvalid,
    /// A minimum order or pack of 1 to 1,000,000.
    UnitsInvalid,
}

impl fmt::Display for SupplierProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SupplierProblem::CodeInvalid => "a supplier's code is 2 to 20 letters, digits or -",
            SupplierProblem::CodeTaken => "another supplier has this code",
            SupplierProblem::NameMissing => "the supplier's name is missing",
            SupplierProblem::TooLong => "this text is too long",
            SupplierProblem::EmailInvalid => "this is not an e-mail address",
            SupplierProblem::PaymentTermsInvalid => "payment terms are 0 to 180 days",
            SupplierProblem::LeadTimeInvalid => "a lead time is 0 to 365 days",
            SupplierProblem::TooManyOffers => "a supplier's list names at most 500 items",
            SupplierProblem::SkuUnknown => "no item has this SKU",
            SupplierProblem::SkuRepeated => "this SKU is on the list twice",
            SupplierProblem::UnitCostInvalid => "a unit price is 0.01 to 1,000,000",
            SupplierProblem::UnitsInvalid => "a minimum order or pack is 1 to 1,000,000 units",
        })
    }
}

/// A problem and the request field it concerns.
pub type SupplierFault = (SupplierProblem, String);

fn at(p: SupplierProblem, field: &str) -> SupplierFault {
    (p, field.to_string())
}

/// A text trimmed, measured as sent (the schema's limit is on what is sent).
fn text(value: &str, max: usize, field: &str) -> Result<String, SupplierFault> {
    if value.chars().count() > max {
        return Err(at(SupplierProblem::TooLong, field));
    }
    Ok(value.trim().to_string())
}

/// The record as stored (trimmed, the code upper-case), or the first thing wrong.
pub fn check_supplier(d: &SupplierDraft) -> Result<SupplierDraft, SupplierFault> {
    let code = d.code.trim().to_uppercase();
    let n = code.chars().count();
    if !(2..=CODE_MAX).contains(&n)
        || d.code.chars().count() > CODE_MAX
        || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(at(SupplierProblem::CodeInvalid, "code"));
    }
    let name = text(&d.name, NAME_MAX, "name")?;
    if name.is_empty() {
        return Err(at(SupplierProblem::NameMissing, "name"));
    }
    let email = text(&d.email, NAME_MAX, "email")?;
    if !email.is_empty() {
        let valid = email.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !email.contains(char::is_whitespace)
        });
        if !valid {
            return Err(at(SupplierProblem::EmailInvalid, "email"));
        }
    }
    if !(0..=MAX_PAYMENT_DAYS).contains(&d.payment_terms_days) {
        return Err(at(
            SupplierProblem::PaymentTermsInvalid,
            "payment_terms_days",
        ));
    }
    if !(0..=MAX_LEAD_DAYS).contains(&d.lead_time_days) {
        return Err(at(SupplierProblem::LeadTimeInvalid, "lead_time_days"));
    }
    Ok(SupplierDraft {
        code,
        name,
        contact_name: text(&d.contact_name, NAME_MAX, "contact_name")?,
        email,
        phone: text(&d.phone, NAME_MAX, "phone")?,
        address: text(&d.address, NOTE_MAX, "address")?,
        ..d.clone()
    })
}

/// The list as stored (SKUs trimmed), or the first thing wrong (`offers[i].field`).
pub fn check_offers(d: &OffersDraft) -> Result<Vec<OfferDraft>, SupplierFault> {
    if d.offers.len() > MAX_OFFERS {
        return Err(at(SupplierProblem::TooManyOffers, "offers"));
    }
    let mut out: Vec<OfferDraft> = Vec::with_capacity(d.offers.len());
    for (i, o) in d.offers.iter().enumerate() {
        let field = |f: &str| format!("offers[{i}].{f}");
        let sku = o.sku.trim().to_string();
        if sku.is_empty() || o.sku.chars().count() > 64 {
            return Err((SupplierProblem::SkuUnknown, field("sku")));
        }
        if out.iter().any(|x| x.sku == sku) {
            return Err((SupplierProblem::SkuRepeated, field("sku")));
        }
        if !(1..=MAX_UNIT_COST).contains(&o.unit_cost) {
            return Err((SupplierProblem::UnitCostInvalid, field("unit_cost")));
        }
        if !(1..=MAX_UNITS).contains(&o.min_order) {
            return Err((SupplierProblem::UnitsInvalid, field("min_order")));
        }
        if !(1..=MAX_UNITS).contains(&o.pack) {
            return Err((SupplierProblem::UnitsInvalid, field("pack")));
        }
        if o.lead_time_days
            .is_some_and(|d| !(0..=MAX_LEAD_DAYS).contains(&d))
        {
            return Err((SupplierProblem::LeadTimeInvalid, field("lead_time_days")));
        }
        out.push(OfferDraft { sku, ..o.clone() });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> SupplierDraft {
        SupplierDraft {
            code: " sup-01 ".into(),
            name: " 杭州暖衣纺织有限公司 ".into(),
            contact_name: "王经理".into(),
            email: "sales@nuanyi.example.cn".into(),
            phone: "0571-8888 0000".into(),
            address: String::new(),
            payment_terms_days: 30,
            lead_time_days: 10,
            currency: Currency::CNY,
            active: true,
        }
    }

    fn offer(sku: &str) -> OfferDraft {
        OfferDraft {
            sku: sku.into(),
            unit_cost: 4_500,
            min_order: 50,
            pack: 10,
            lead_time_days: None,
        }
    }

    #[test]
    fn a_record_is_trimmed_and_its_code_upper_case() {
        let d = check_supplier(&draft()).unwrap();
        assert_eq!(d.code, "SUP-01");
        assert_eq!(d.name, "杭州暖衣纺织有限公司");
    }

    #[test]
    fn each_field_is_checked_where_it_is() {
        type Case = (fn(&mut SupplierDraft), SupplierProblem, &'static str);
        let cases: [Case; 6] = [
            (
                |d| d.code = "S".into(),
                SupplierProblem::CodeInvalid,
                "code",
            ),
            (
                |d| d.code = "SUP 01".into(),
                SupplierProblem::CodeInvalid,
                "code",
            ),
            (
                |d| d.name = "  ".into(),
                SupplierProblem::NameMissing,
                "name",
            ),
            (
                |d| d.email = "sales@localhost".into(),
                SupplierProblem::EmailInvalid,
                "email",
            ),
            (
                |d| d.payment_terms_days = 181,
                SupplierProblem::PaymentTermsInvalid,
                "payment_terms_days",
            ),
            (
                |d| d.lead_time_days = -1,
                SupplierProblem::LeadTimeInvalid,
                "lead_time_days",
            ),
        ];
        for (change, problem, field) in cases {
            let mut d = draft();
            change(&mut d);
            assert_eq!(check_supplier(&d), Err((problem, field.to_string())));
        }
    }

    #[test]
    fn a_list_names_each_sku_once_with_sane_terms() {
        let ok = OffersDraft {
            offers: vec![offer(" BD-001-01 "), offer("BD-001-02")],
        };
        assert_eq!(check_offers(&ok).unwrap()[0].sku, "BD-001-01");
        let twice = OffersDraft {
            offers: vec![offer("A"), offer("A")],
        };
        assert_eq!(
            check_offers(&twice),
            Err((SupplierProblem::SkuRepeated, "offers[1].sku".into()))
        );
        let mut free = offer("A");
        free.unit_cost = 0;
        assert_eq!(
            check_offers(&OffersDraft { offers: vec![free] }),
            Err((
                SupplierProblem::UnitCostInvalid,
                "offers[0].unit_cost".into()
            ))
        );
        let mut no_pack = offer("A");
        no_pack.pack = 0;
        assert_eq!(
            check_offers(&OffersDraft {
                offers: vec![no_pack]
            }),
            Err((SupplierProblem::UnitsInvalid, "offers[0].pack".into()))
        );
    }
}
