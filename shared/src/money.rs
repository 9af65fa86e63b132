//! Money as integer minor units with a currency. Never floats.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Currency {
    #[default]
    CNY,
    USD,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::CNY => "CNY",
            Currency::USD => "USD",
        }
    }

    pub fn parse(code: &str) -> Option<Currency> {
        match code {
            "CNY" => Some(Currency::CNY),
            "USD" => Some(Currency::USD),
            _ => None,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::CNY => "¥",
            Currency::USD => "$",
        }
    }

    /// Number of minor units in one major unit (fen per yuan).
    pub fn minor_per_major(self) -> i64 {
        100
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    Overflow,
    CurrencyMismatch,
    Invalid,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MoneyError::Overflow => "amount out of range",
            MoneyError::CurrencyMismatch => "amounts are in different currencies",
            MoneyError::Invalid => "not a valid amount",
        })
    }
}

impl std::error::Error for MoneyError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub const fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    pub const fn cny(minor: i64) -> Self {
        Self::new(minor, Currency::CNY)
    }

    pub fn zero(currency: Currency) -> Self {
        Self::new(0, currency)
    }

    pub fn is_zero(&self) -> bool {
        self.minor == 0
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch);
        }
        self.minor
            .checked_add(other.minor)
            .map(|m| Money::new(m, self.currency))
            .ok_or(MoneyError::Overflow)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch);
        }
        self.minor
            .checked_sub(other.minor)
            .map(|m| Money::new(m, self.currency))
            .ok_or(MoneyError::Overflow)
    }

    pub fn checked_mul(self, quantity: i64) -> Result<Money, MoneyError> {
        self.minor
            .checked_mul(quantity)
            .map(|m| Money::new(m, self.currency))
            .ok_or(MoneyError::Overflow)
    }

    /// `self × numerator / denominator`, rounded half away from zero — the one rounding
    /// rule of the shop (used for percentages and tax).
    pub fn mul_ratio(self, numerator: i64, denominator: i64) -> Result<Money, MoneyError> {
        if denominator == 0 {
            return Err(MoneyError::Invalid);
        }
        let product = i128::from(self.minor) * i128::from(numerator);
        let den = i128::from(denominator);
        let (q, r) = (product / den, product % den);
        let rounded = if 2 * r.abs() >= den.abs() {
            q + if (product < 0) != (den < 0) { -1 } else { 1 }
        } else {
            q
        };
        i64::try_from(rounded)
            .map(|m| Money::new(m, self.currency))
            .map_err(|_| MoneyError::Overflow)
    }

    /// Sums amounts of one currency.
    pub fn sum(
        currency: Currency,
        items: impl IntoIterator<Item = Money>,
    ) -> Result<Money, MoneyError> {
        items
            .into_iter()
            .try_fold(Money::zero(currency), |acc, m| acc.checked_add(m))
    }

    /// Parses a decimal amount in major units ("12", "12.5", "12.50") into minor units.
    pub fn parse_major(text: &str, currency: Currency) -> Result<Money, MoneyError> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty()
            || int.len() > 15
            || frac.len() > 2
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(MoneyError::Invalid);
        }
        let int: i64 = int.parse().map_err(|_| MoneyError::Invalid)?;
        let frac: i64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<2}")
                .parse()
                .map_err(|_| MoneyError::Invalid)?
        };
        let minor = int
            .checked_mul(currency.minor_per_major())
            .and_then(|m| m.checked_add(frac))
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(if negative { -minor } else { minor }, currency))
    }

    /// The amount without symbol: "1,299.00".
    pub fn format_amount(self) -> String {
        let per = self.currency.minor_per_major();
        let abs = self.minor.unsigned_abs();
        let major = abs / per as u64;
        let minor = abs % per as u64;
        let digits = major.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if self.minor < 0 { "-" } else { "" };
        format!("{sign}{grouped}.{minor:02}")
    }
}

/// "¥1,299.00" — the symbol before the amount, two decimals, in every shop locale.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let amount = self.format_amount();
        match amount.strip_prefix('-') {
            Some(abs) => write!(f, "-{}{abs}", self.currency.symbol()),
            None => write!(f, "{}{amount}", self.currency.symbol()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_yuan() {
        assert_eq!(Money::cny(0).to_string(), "¥0.00");
        assert_eq!(Money::cny(5).to_string(), "¥0.05");
        assert_eq!(Money::cny(129_900).to_string(), "¥1,299.00");
        assert_eq!(Money::cny(123_456_789).to_string(), "¥1,234,567.89");
        assert_eq!(Money::cny(-1050).to_string(), "-¥10.50");
    }

    #[test]
    fn checked_arithmetic() {
        let a = Money::cny(100);
        assert_eq!(a.checked_add(Money::cny(50)), Ok(Money::cny(150)));
        assert_eq!(a.checked_sub(Money::cny(150)), Ok(Money::cny(-50)));
        assert_eq!(a.checked_mul(3), Ok(Money::cny(300)));
        assert_eq!(
            Money::cny(i64::MAX).checked_add(Money::cny(1)),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::cny(i64::MAX).checked_mul(2),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            a.checked_add(Money::new(1, Currency::USD)),
            Err(MoneyError::CurrencyMismatch)
        );
        assert_eq!(
            Money::sum(Currency::CNY, [Money::cny(1), Money::cny(2)]),
            Ok(Money::cny(3))
        );
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(Money::cny(1005).mul_ratio(1, 10), Ok(Money::cny(101)));
        assert_eq!(Money::cny(1004).mul_ratio(1, 10), Ok(Money::cny(100)));
        assert_eq!(Money::cny(-1005).mul_ratio(1, 10), Ok(Money::cny(-101)));
        assert_eq!(Money::cny(999).mul_ratio(85, 100), Ok(Money::cny(849)));
        assert_eq!(Money::cny(1).mul_ratio(1, 0), Err(MoneyError::Invalid));
    }

    #[test]
    fn parses_major_units() {
        assert_eq!(
            Money::parse_major("12", Currency::CNY),
            Ok(Money::cny(1200))
        );
        assert_eq!(
            Money::parse_major("12.5", Currency::CNY),
            Ok(Money::cny(1250))
        );
        assert_eq!(Money::parse_major("0.05", Currency::CNY), Ok(Money::cny(5)));
        assert_eq!(
            Money::parse_major("-3.10", Currency::CNY),
            Ok(Money::cny(-310))
        );
        for bad in [
            "",
            "abc",
            "1.234",
            "1e3",
            "1,000",
            ".5",
            "99999999999999999999",
        ] {
            assert!(Money::parse_major(bad, Currency::CNY).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips(minor in -10_000_000_000_i64..10_000_000_000) {
            let m = Money::cny(minor);
            let text = m.format_amount().replace(',', "");
            prop_assert_eq!(Money::parse_major(&text, Currency::CNY), Ok(m));
        }

        #[test]
        fn addition_is_exact(a in -1_000_000_000_i64..1_000_000_000, b in -1_000_000_000_i64..1_000_000_000) {
            let sum = Money::cny(a).checked_add(Money::cny(b)).map(|m| m.minor);
            prop_assert_eq!(sum, Ok(a + b));
        }
    }
}
