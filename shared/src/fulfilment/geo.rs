//! Distances between provinces for choosing the nearest warehouse: the great-circle
//! distance between provincial capitals (a province's parcels travel from and to its hub).

/// Latitude and longitude (degrees) of each province-level division's capital, by its
/// two-digit GB/T 2260 code.
const CAPITALS: [(&str, f64, f64); 34] = [
    ("11", 39.90, 116.40), // 北京
    ("12", 39.13, 117.20), // 天津
    ("13", 38.04, 114.51), // 石家庄
    ("14", 37.87, 112.55), // 太原
    ("15", 40.84, 111.75), // 呼和浩特
    ("21", 41.80, 123.43), // 沈阳
    ("22", 43.82, 125.32), // 长春
    ("23", 45.80, 126.53), // 哈尔滨
    ("31", 31.23, 121.47), // 上海
    ("32", 32.06, 118.80), // 南京
    ("33", 30.27, 120.16), // 杭州
    ("34", 31.82, 117.23), // 合肥
    ("35", 26.07, 119.30), // 福州
    ("36", 28.68, 115.86), // 南昌
    ("37", 36.65, 117.12), // 济南
    ("41", 34.75, 113.62), // 郑州
    ("42", 30.59, 114.31), // 武汉
    ("43", 28.23, 112.94), // 长沙
    ("44", 23.13, 113.26), // 广州
    ("45", 22.82, 108.37), // 南宁
    ("46", 20.04, 110.35), // 海口
    ("50", 29.56, 106.55), // 重庆
    ("51", 30.57, 104.07), // 成都
    ("52", 26.65, 106.63), // 贵阳
    ("53", 25.04, 102.71), // 昆明
    ("54", 29.65, 91.17),  // 拉萨
    ("61", 34.34, 108.94), // 西安
    ("62", 36.06, 103.83), // 兰州
    ("63", 36.62, 101.78), // 西宁
    ("64", 38.49, 106.23), // 银川
    ("65", 43.83, 87.62),  // 乌鲁木齐
    ("71", 25.03, 121.57), // 台北
    ("81", 22.32, 114.17), // 香港
    ("82", 22.20, 113.54), // 澳门
];

/// A point on the earth, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

/// The capital of the province a division code (2, 4 or 6 digits) lies in.
pub fn province_point(division_code: &str) -> Option<Point> {
    let province = division_code.get(..2)?;
    CAPITALS
        .iter()
        .find(|(code, _, _)| *code == province)
        .map(|&(_, lat, lon)| Point { lat, lon })
}

/// Great-circle distance in kilometres (haversine; the earth as a sphere of 6,371 km).
pub fn distance_km(a: Point, b: Point) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Distance between the provinces of two division codes; unknown codes are far away
/// (`f64::MAX`), so a warehouse with a known province is always preferred.
pub fn province_distance_km(from: &str, to: &str) -> f64 {
    match (province_point(from), province_point(to)) {
        (Some(a), Some(b)) => distance_km(a, b),
        _ => f64::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_between_capitals() {
        // Beijing–Shanghai is about 1,070 km as the crow flies; Guangzhou–Shenzhen's
        // province is one
        let d = province_distance_km("110101", "310115");
        assert!((1000.0..1150.0).contains(&d), "{d}");
        assert_eq!(province_distance_km("440300", "4401"), 0.0);
        assert!(province_distance_km("31", "32") < province_distance_km("31", "44"));
        assert_eq!(province_distance_km("99", "31"), f64::MAX);
    }
}
