//! Days and times in the shop's time zone, China Standard Time (UTC+8 all year since 1991),
//! with the `time` crate.

use shared::list::ListProblem;
use time::macros::{format_description, offset};
use time::{Date, Duration, OffsetDateTime, UtcOffset};

pub const SHOP_OFFSET: UtcOffset = offset!(+8);

fn parse_day(text: &str) -> Result<Date, ListProblem> {
    Date::parse(text.trim(), format_description!("[year]-[month]-[day]"))
        .map_err(|_| ListProblem::DateRange)
}

fn millis(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// The first millisecond of the day `YYYY-MM-DD` in the shop's time zone.
pub fn shop_day_start(text: &str) -> Result<i64, ListProblem> {
    Ok(millis(
        parse_day(text)?.midnight().assume_offset(SHOP_OFFSET),
    ))
}

/// The first millisecond after the day `YYYY-MM-DD` in the shop's time zone.
pub fn shop_day_end(text: &str) -> Result<i64, ListProblem> {
    let start = parse_day(text)?.midnight().assume_offset(SHOP_OFFSET);
    Ok(millis(start + Duration::DAY))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shop_days() {
        // 2026-12-01 00:00 in Shanghai is 2026-11-30 16:00 UTC
        assert_eq!(shop_day_start("2026-12-01"), Ok(1_796_054_400_000));
        assert_eq!(shop_day_end("2026-12-01"), Ok(1_796_140_800_000));
        assert_eq!(shop_day_end("2028-02-28"), shop_day_start("2028-02-29"));
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "26-12-01",
            "x",
            "",
            "2026-12-00",
        ] {
            assert_eq!(shop_day_start(bad), Err(ListProblem::DateRange), "{bad}");
        }
    }
}
