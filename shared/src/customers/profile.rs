//! The customer portal (`/account/profile`): the customer's details (name, mobile), changing
//! the sign-in e-mail (confirmed by a link to the new address) and the password, which
//! optional messages they want, the download of everything the shop holds about them, and
//! deleting the account.
//!
//! The rules live here so the form shows what the server enforces; the server re-checks
//! every one of them.

use crate::catalog::Localized;
use crate::checkout::{parse_cn_mobile, Address};
use crate::error::{ApiError, ErrorCode};
use crate::money::Money;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest mobile number accepted as typed (`+86 138-0013-8000` and the like).
pub const MAX_PHONE: usize = 20;

/// The name a deleted account is left with (its orders still name it in the books).
pub const DELETED_NAME: &str = "已注销用户";

/// The e-mail a deleted account is left with: unique, and no address at all (no dot in the
/// domain, so [`crate::customers::Email::parse`] refuses it — nobody can sign in with it or
/// register it, and nothing is ever delivered to it).
pub fn deleted_email(user: i64) -> String {
    format!("deleted-{user}@invalid")
}

/// Which optional messages the customer wants. Order confirmations, the links they ask for
/// and security notices (e-mail or password changed, account deleted) always go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPrefs {
    /// E-mails when an order ships and when a return moves on (发货、退换货进度). On by
    /// default.
    pub order_updates: bool,
    /// News and offers by e-mail (营销邮件). Off until the customer turns it on.
    pub marketing: bool,
}

impl Default for NotificationPrefs {
    fn default() -> Self {
        NotificationPrefs {
            order_updates: true,
            marketing: false,
        }
    }
}

/// `GET /api/v1/store/account/profile`: the signed-in customer's details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    /// The sign-in address.
    pub email: String,
    pub display_name: String,
    /// An 11-digit mainland mobile number, when given.
    pub phone: Option<String>,
    /// A new address whose confirmation link has not been opened yet.
    pub pending_email: Option<String>,
    pub notifications: NotificationPrefs,
    /// When the account was made (unix milliseconds).
    pub created_at: i64,
}

/// `PUT /api/v1/store/account/profile`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileUpdate {
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 50,
            pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
        )
    )]
    pub display_name: String,
    /// A mainland mobile number (11 digits starting with 1, optionally `+86`; spaces and
    /// hyphens are ignored); empty or absent removes it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub phone: Option<String>,
}

/// `POST /api/v1/store/account/email`: a link goes to the new address; the address changes
/// when it is opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailChangeRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub current_password: String,
}

/// `POST /api/v1/store/account/email/confirm`, with the token of the link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailChangeConfirm {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub token: String,
}

/// `POST /api/v1/store/account/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub current_password: String,
    /// The rules of registration: 8 to 128 characters, not a common password.
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub new_password: String,
}

/// `POST /api/v1/store/account/delete`: the password once more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountDeletion {
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub current_password: String,
}

/// Why a change of the profile, the e-mail or the password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileProblem {
    /// Blank, over 50 characters, or with control characters.
    NameMissing,
    /// Not a mainland mobile number.
    InvalidMobile,
    /// The current password given is not the account's.
    WrongPassword,
    /// The new e-mail is the account's already.
    EmailUnchanged,
    /// Another account signs in with this e-mail.
    EmailTaken,
    /// The confirmation link is unknown, used or older than a day.
    EmailLinkInvalid,
    /// The new password is the current one.
    PasswordUnchanged,
}

impl ProfileProblem {
    /// The request field at fault.
    pub fn field(self) -> &'static str {
        match self {
            ProfileProblem::NameMissing => "display_name",
            ProfileProblem::InvalidMobile => "phone",
            ProfileProblem::WrongPassword => "current_password",
            ProfileProblem::EmailUnchanged | ProfileProblem::EmailTaken => "email",
            ProfileProblem::EmailLinkInvalid => "token",
            ProfileProblem::PasswordUnchanged => "new_password",
        }
    }

    /// The rule's name, as serde writes it (the `problem` of the API's error).
    pub fn code(self) -> &'static str {
        match self {
            ProfileProblem::NameMissing => "name_missing",
            ProfileProblem::InvalidMobile => "invalid_mobile",
            ProfileProblem::WrongPassword => "wrong_password",
            ProfileProblem::EmailUnchanged => "email_unchanged",
            ProfileProblem::EmailTaken => "email_taken",
            ProfileProblem::EmailLinkInvalid => "email_link_invalid",
            ProfileProblem::PasswordUnchanged => "password_unchanged",
        }
    }

    /// Clashes with another account (409) rather than bad input (422).
    pub fn is_conflict(self) -> bool {
        matches!(self, ProfileProblem::EmailTaken)
    }
}

impl fmt::Display for ProfileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProfileProblem::NameMissing => "Please give a name of 1 to 50 characters",
            ProfileProblem::InvalidMobile => {
                "A mainland mobile number has 11 digits and starts with 1"
            }
            ProfileProblem::WrongPassword => "The current password is wrong",
            ProfileProblem::EmailUnchanged => "This is the account's e-mail address already",
            ProfileProblem::EmailTaken => "Another account signs in with this e-mail address",
            ProfileProblem::EmailLinkInvalid => {
                "This confirmation link is not valid any more; ask for the change again"
            }
            ProfileProblem::PasswordUnchanged => {
                "The new password must differ from the current one"
            }
        })
    }
}

/// The API's error for a broken rule: 409 for a conflict, else 422, naming the field.
impl From<ProfileProblem> for ApiError {
    fn from(p: ProfileProblem) -> ApiError {
        let code = if p.is_conflict() {
            ErrorCode::Conflict
        } else {
            ErrorCode::Validation
        };
        let mut e = ApiError::new(code, p.to_string()).with_problem(p.code());
        e.field = Some(p.field().to_string());
        e
    }
}

/// A mobile number as given: blank or absent → none; else the 11 digits of a mainland
/// mobile, written with at most [`MAX_PHONE`] characters (counted as sent, as the form and
/// the API's schema count them).
pub fn parse_phone(text: Option<&str>) -> Result<Option<String>, ProfileProblem> {
    let Some(text) = text else {
        return Ok(None);
    };
    if text.chars().count() > MAX_PHONE {
        return Err(ProfileProblem::InvalidMobile);
    }
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_cn_mobile(text)
        .map(Some)
        .ok_or(ProfileProblem::InvalidMobile)
}

/// The longest display name, in characters as sent.
pub const MAX_NAME: usize = 50;

/// A profile update, checked: the trimmed name and the normalised mobile (or none).
pub fn check_profile(req: &ProfileUpdate) -> Result<(String, Option<String>), ProfileProblem> {
    if req.display_name.chars().count() > MAX_NAME {
        return Err(ProfileProblem::NameMissing);
    }
    let name = crate::customers::parse_display_name(&req.display_name)
        .map_err(|_| ProfileProblem::NameMissing)?;
    let phone = parse_phone(req.phone.as_deref())?;
    Ok((name, phone))
}

/// `GET /api/v1/store/account/export`: everything the shop holds about the customer, as one
/// document (中华人民共和国个人信息保护法 第四十五条: the right to a copy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountExport {
    /// When the document was made (unix milliseconds).
    pub exported_at: i64,
    pub profile: Profile,
    /// The saved delivery addresses, most recently used first.
    pub addresses: Vec<ExportedAddress>,
    /// Newest first.
    pub orders: Vec<ExportedOrder>,
    pub returns: Vec<ExportedReturn>,
    /// Repairs asked under warranty, newest first.
    #[serde(default)]
    pub repairs: Vec<ExportedRepair>,
    pub reviews: Vec<ExportedReview>,
    pub consultations: Vec<ExportedConsultation>,
    pub wishlist: Vec<ExportedWishlistItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedAddress {
    pub address: Address,
    pub last_used_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedOrder {
    pub number: String,
    /// `pending_payment`, `paid`, `processing`, `shipped`, `delivered`, `completed`,
    /// `cancelled` or `refunded`.
    pub status: String,
    /// The contact given at checkout.
    pub email: String,
    pub payment_method: String,
    pub shipping_method: String,
    /// Where it went (none when the stored address cannot be read).
    pub address: Option<Address>,
    pub items_total: Money,
    pub discount_total: Money,
    pub shipping_total: Money,
    pub tax_total: Money,
    pub grand_total: Money,
    pub coupon_code: Option<String>,
    pub placed_at: i64,
    pub lines: Vec<ExportedOrderLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedOrderLine {
    pub sku: String,
    pub name: Localized,
    pub unit_price: Money,
    pub quantity: i64,
    pub line_total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedReturn {
    pub order_number: String,
    pub status: String,
    pub reason: String,
    /// `refund` or `exchange`.
    pub resolution: String,
    pub comment: String,
    pub requested_at: i64,
    pub lines: Vec<ExportedReturnLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedRepair {
    pub order_number: String,
    pub sku: String,
    pub description: String,
    pub status: String,
    /// What staff last wrote to the customer (the return parcel, or why it is not covered).
    pub staff_note: String,
    pub requested_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedReturnLine {
    pub sku: String,
    pub quantity: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedReview {
    pub product_slug: String,
    pub order_number: String,
    pub rating: i64,
    pub body: String,
    /// The name shown with it (masked).
    pub author: String,
    /// Why staff hid it, when they did.
    pub hidden_reason: Option<String>,
    /// The shop's public answer.
    pub reply: String,
    pub written_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedConsultation {
    pub id: i64,
    /// `pre_sale`, `order` or `other`.
    pub topic: String,
    pub subject: String,
    pub status: String,
    pub product_slug: Option<String>,
    pub order_number: Option<String>,
    pub rating: Option<i64>,
    pub rating_comment: String,
    pub created_at: i64,
    /// The thread, oldest first.
    pub messages: Vec<ExportedMessage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedMessage {
    /// `customer` or `staff`.
    pub author: String,
    pub body: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedWishlistItem {
    pub product_slug: String,
    pub added_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert_eq!(parse_phone(None), Ok(None));
        assert_eq!(parse_phone(Some("   ")), Ok(None));
        assert_eq!(
            parse_phone(Some("+86 138-0013-8000")),
            Ok(Some("13800138000".into()))
        );
        for bad in [
            "12345",
            "23800138000",
            "1380013800",
            "138001380000",
            "1380013800a",
        ] {
            assert_eq!(
                parse_phone(Some(bad)),
                Err(ProfileProblem::InvalidMobile),
                "{bad}"
            );
        }
        // hyphens are ignored, but not without end: the form's limit holds
        assert_eq!(
            parse_phone(Some("138-0013-8000----------")),
            Err(ProfileProblem::InvalidMobile)
        );
        assert_eq!(
            parse_phone(Some("         13800138000   ")),
            Err(ProfileProblem::InvalidMobile),
            "too long as sent"
        );
    }

    #[test]
    fn profiles() {
        let req = ProfileUpdate {
            display_name: "  李雷 ".into(),
            phone: Some("13800138000".into()),
        };
        assert_eq!(
            check_profile(&req),
            Ok(("李雷".into(), Some("13800138000".into())))
        );
        let blank = ProfileUpdate {
            display_name: " ".into(),
            phone: None,
        };
        assert_eq!(check_profile(&blank), Err(ProfileProblem::NameMissing));
    }

    #[test]
    fn problems_name_their_code_and_status() {
        for p in [
            ProfileProblem::NameMissing,
            ProfileProblem::InvalidMobile,
            ProfileProblem::WrongPassword,
            ProfileProblem::EmailUnchanged,
            ProfileProblem::EmailTaken,
            ProfileProblem::EmailLinkInvalid,
            ProfileProblem::PasswordUnchanged,
        ] {
            assert_eq!(
                serde_json::to_value(p).unwrap(),
                serde_json::Value::String(p.code().into())
            );
            let e = ApiError::from(p);
            assert_eq!(e.problem.as_deref(), Some(p.code()));
            let status = if p == ProfileProblem::EmailTaken {
                409
            } else {
                422
            };
            assert_eq!(e.code.http_status(), status);
        }
    }

    #[test]
    fn deleted_accounts_have_no_address() {
        assert_eq!(deleted_email(42), "deleted-42@invalid");
        assert!(crate::customers::Email::parse(&deleted_email(42)).is_err());
    }
}
