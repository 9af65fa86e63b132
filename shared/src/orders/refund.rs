//! Refunds (退款): full or partial, never more than was paid — also when two are asked for
//! at once (the server checks inside one transaction with the order locked).

use crate::coded;
use crate::money::Money;
use serde::{Deserialize, Serialize};
use std::fmt;

coded! {
    pub enum RefundStatus {
        /// 退款中: asked of the gateway, its answer not in yet.
        Pending => "pending",
        /// 已退款
        Succeeded => "succeeded",
        /// 退款失败
        Failed => "failed",
    }
}

/// `POST /api/v1/admin/orders/{number}/refunds`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRefund {
    /// In minor units of the order's currency (fen): 1 up to what is still refundable.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub amount: i64,
    /// 1 to 500 characters (shown in the order's history).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundView {
    pub id: i64,
    pub amount: Money,
    pub status: RefundStatus,
    pub reason: String,
    pub by: String,
    pub at: i64,
}

/// Why a refund cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundProblem {
    /// Nothing was paid for it (yet).
    NotPaid,
    /// Zero or less.
    AmountNotPositive,
    /// More than what was paid and not refunded already.
    MoreThanPaid,
}

impl fmt::Display for RefundProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RefundProblem::NotPaid => "Nothing has been paid for this order",
            RefundProblem::AmountNotPositive => "A refund is more than zero",
            RefundProblem::MoreThanPaid => "That is more than was paid and not refunded yet",
        })
    }
}

/// Whether `amount` may be refunded of an order that took `paid` and gave back `refunded`
/// (counting refunds still pending) so far.
pub fn check_refund(paid: i64, refunded: i64, amount: i64) -> Result<(), RefundProblem> {
    if paid <= 0 {
        return Err(RefundProblem::NotPaid);
    }
    if amount <= 0 {
        return Err(RefundProblem::AmountNotPositive);
    }
    if amount > paid.saturating_sub(refunded) {
        return Err(RefundProblem::MoreThanPaid);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn refunds_stay_within_what_was_paid() {
        assert_eq!(check_refund(0, 0, 100), Err(RefundProblem::NotPaid));
        assert_eq!(
            check_refund(8_700, 0, 0),
            Err(RefundProblem::AmountNotPositive)
        );
        assert_eq!(check_refund(8_700, 0, 3_000), Ok(()));
        assert_eq!(
            check_refund(8_700, 6_000, 3_000),
            Err(RefundProblem::MoreThanPaid)
        );
        assert_eq!(check_refund(8_700, 6_000, 2_700), Ok(()));
    }

    proptest! {
        #[test]
        fn a_sequence_of_allowed_refunds_never_passes_the_payment(paid in 1i64..1_000_000, asks in proptest::collection::vec(1i64..500_000, 1..20)) {
            let mut refunded = 0;
            for a in asks {
                if check_refund(paid, refunded, a).is_ok() {
                    refunded += a;
                }
            }
            prop_assert!(refunded <= paid);
        }
    }
}
