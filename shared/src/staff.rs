//! Staff roles and what each may do. The server checks a permission on every staff action.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Admin,
}

impl StaffRole {
    pub fn parse(text: &str) -> Option<StaffRole> {
        match text {
            "admin" => Some(StaffRole::Admin),
            _ => None,
        }
    }

    pub fn allows(self, permission: Permission) -> bool {
        match self {
            StaffRole::Admin => matches!(permission, Permission::MarkOrderPaid),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Record that a bank transfer for an order has arrived.
    MarkOrderPaid,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles() {
        assert_eq!(StaffRole::parse("admin"), Some(StaffRole::Admin));
        assert_eq!(StaffRole::parse("root"), None);
        assert!(StaffRole::Admin.allows(Permission::MarkOrderPaid));
    }
}
