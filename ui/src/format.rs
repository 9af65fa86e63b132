//! Formatting per locale: dates and times (in the viewer's time zone in the browser, the
//! shop's — China Standard Time — on the server) and amounts of money.

use shared::{Locale, Money};
use time::{OffsetDateTime, UtcOffset};

/// The shop's time zone, China Standard Time.
pub const SHOP_OFFSET_MINUTES: i32 = 8 * 60;

/// Minutes east of UTC of the viewer's time zone at `millis` (the browser's, with daylight
/// saving where it has it); the shop's outside a browser.
pub fn viewer_offset_minutes(millis: i64) -> i32 {
    #[cfg(all(feature = "browser", not(feature = "ssr")))]
    {
        // JavaScript counts the other way: minutes *behind* UTC
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
        let behind = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64))
            .get_timezone_offset() as i32;
        -behind
    }
    #[cfg(not(all(feature = "browser", not(feature = "ssr"))))]
    {
        let _ = millis;
        SHOP_OFFSET_MINUTES
    }
}

fn local(millis: i64) -> Option<OffsetDateTime> {
    let offset = UtcOffset::from_whole_seconds(viewer_offset_minutes(millis) * 60).ok()?;
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
        .ok()
        .map(|t| t.to_offset(offset))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "2026年12月1日 16:05" / "1 Dec 2026, 16:05".
pub fn date_time(locale: Locale, millis: i64) -> String {
    let Some(t) = local(millis) else {
        return String::new();
    };
    let (y, m, d) = (t.year(), u8::from(t.month()), t.day());
    let (h, min) = (t.hour(), t.minute());
    match locale {
        Locale::ZhCn => format!("{y}年{m}月{d}日 {h:02}:{min:02}"),
        Locale::En => format!(
            "{d} {} {y}, {h:02}:{min:02}",
            MONTHS[usize::from(m.saturating_sub(1)) % 12]
        ),
    }
}

/// "2026年12月1日" / "1 Dec 2026".
pub fn date(locale: Locale, millis: i64) -> String {
    let Some(t) = local(millis) else {
        return String::new();
    };
    let (y, m, d) = (t.year(), u8::from(t.month()), t.day());
    match locale {
        Locale::ZhCn => format!("{y}年{m}月{d}日"),
        Locale::En => format!("{d} {} {y}", MONTHS[usize::from(m.saturating_sub(1)) % 12]),
    }
}

/// `YYYY-MM-DD` of `millis` in the viewer's time zone (for `<input type=date>`).
pub fn iso_day(millis: i64) -> String {
    match local(millis) {
        Some(t) => format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()),
        None => String::new(),
    }
}

/// "¥1,299.00": amounts with the currency's symbol and thousands separators (the same in
/// both languages, as Chinese shops write them).
pub fn money(m: Money) -> String {
    let per = m.currency.minor_per_major();
    let sign = if m.minor < 0 { "-" } else { "" };
    let abs = m.minor.unsigned_abs();
    let per = per.unsigned_abs().max(1);
    let whole = (abs / per).to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{}{grouped}.{:02}", m.currency.symbol(), abs % per)
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::Currency;

    #[test]
    fn dates_in_the_shop_zone() {
        // 2026-11-30T16:05:00Z is 2026-12-01 00:05 in Shanghai
        let ms = 1_796_054_700_000;
        assert_eq!(date_time(Locale::ZhCn, ms), "2026年12月1日 00:05");
        assert_eq!(date_time(Locale::En, ms), "1 Dec 2026, 00:05");
        assert_eq!(date(Locale::En, ms), "1 Dec 2026");
        assert_eq!(iso_day(ms), "2026-12-01");
    }

    #[test]
    fn money_with_separators() {
        assert_eq!(money(Money::new(129_900, Currency::CNY)), "¥1,299.00");
        assert_eq!(money(Money::new(5, Currency::CNY)), "¥0.05");
        assert_eq!(
            money(Money::new(-123_456_789, Currency::CNY)),
            "-¥1,234,567.89"
        );
    }
}
