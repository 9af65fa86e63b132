//! Customer accounts: e-mail addresses, password rules, the signed-in user as the UI sees it.

pub mod profile;

use crate::ids::UserId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A normalised e-mail address (trimmed, lower-case), checked for a plausible shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountProblem {
    InvalidEmail,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooCommon,
    NameMissing,
}

impl fmt::Display for AccountProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AccountProblem::InvalidEmail => "this is not a valid e-mail address",
            AccountProblem::PasswordTooShort => "the password must have at least 8 characters",
            AccountProblem::PasswordTooLong => "the password must have at most 128 characters",
            AccountProblem::PasswordTooCommon => "this password is too common; choose another",
            AccountProblem::NameMissing => "please give a name of 1 to 50 characters",
        })
    }
}

impl AccountProblem {
    /// The form field the problem is about.
    pub fn field(self) -> &'static str {
        match self {
            AccountProblem::InvalidEmail => "email",
            AccountProblem::PasswordTooShort
            | AccountProblem::PasswordTooLong
            | AccountProblem::PasswordTooCommon => "password",
            AccountProblem::NameMissing => "display_name",
        }
    }
}

impl Email {
    pub fn parse(text: &str) -> Result<Email, AccountProblem> {
        let e = text.trim().to_lowercase();
        let valid = e.len() <= 254
            && e.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && local.len() <= 64
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
                    && !domain.contains('@')
            })
            && !e.chars().any(|c| c.is_whitespace() || c.is_control());
        if valid {
            Ok(Email(e))
        } else {
            Err(AccountProblem::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Password length rules (OWASP ASVS: at least 8, allow at least 64). Whether a password is
/// too common is checked by the server against its list.
pub fn check_password_length(password: &str) -> Result<(), AccountProblem> {
    match password.chars().count() {
        n if n < PASSWORD_MIN => Err(AccountProblem::PasswordTooShort),
        n if n > PASSWORD_MAX => Err(AccountProblem::PasswordTooLong),
        _ => Ok(()),
    }
}

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// A display name: trimmed, 1–50 characters.
pub fn parse_display_name(text: &str) -> Result<String, AccountProblem> {
    let name = text.trim();
    if (1..=50).contains(&name.chars().count()) && !name.chars().any(char::is_control) {
        Ok(name.to_string())
    } else {
        Err(AccountProblem::NameMissing)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    Customer,
    Staff,
}

/// The signed-in user, as `GET /api/v1/auth/me` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub kind: AccountKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub password: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 50,
            pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
        )
    )]
    pub display_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub password: String,
    /// The code from the authenticator app, for staff who turned on two-factor sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 12))]
    pub totp_code: Option<String>,
}

/// `POST /api/v1/auth/password-reset`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
}

/// `POST /api/v1/auth/password-reset/confirm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetConfirm {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub token: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 128))]
    pub password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("  Li.Lei@Example.COM ").unwrap().as_str(),
            "li.lei@example.com"
        );
        assert!(Email::parse("张三@例子.中国").is_ok());
        for bad in [
            "", "a", "a@b", "@b.cn", "a@.cn", "a@b.", "a b@c.cn", "a@b..cn", "a@b@c.cn",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_and_names() {
        assert_eq!(
            check_password_length("1234567"),
            Err(AccountProblem::PasswordTooShort)
        );
        assert!(check_password_length("12345678").is_ok());
        assert!(
            check_password_length("密码密码密码密码").is_ok(),
            "characters, not bytes"
        );
        assert!(check_password_length(&"x".repeat(128)).is_ok());
        assert_eq!(
            check_password_length(&"x".repeat(129)),
            Err(AccountProblem::PasswordTooLong)
        );
        assert_eq!(parse_display_name("  李雷 ").unwrap(), "李雷");
        assert!(parse_display_name("   ").is_err());
    }
}
