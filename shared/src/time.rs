//! Calendar dates from timestamps, without a time-zone database: the shop's business day is
//! China Standard Time (UTC+8, no daylight saving).

/// Hours east of UTC of the shop's business day.
pub const SHOP_UTC_OFFSET_HOURS: i64 = 8;

/// `(year, month, day)` of a millisecond timestamp shifted by `offset_hours`
/// (the civil-from-days algorithm).
pub fn civil_date(millis: i64, offset_hours: i64) -> (i64, u32, u32) {
    let days = (millis + offset_hours * 3_600_000).div_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

/// `YYYY-MM-DD` (UTC).
pub fn iso_date(millis: i64) -> String {
    let (y, m, d) = civil_date(millis, 0);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(1_795_651_200_000), "2026-11-26");
        assert_eq!(iso_date(951_782_400_000), "2000-02-29");
        // 2026-11-26 20:00 UTC is already the 27th in Shanghai
        assert_eq!(
            civil_date(1_795_723_200_000, SHOP_UTC_OFFSET_HOURS),
            (2026, 11, 27)
        );
    }
}
