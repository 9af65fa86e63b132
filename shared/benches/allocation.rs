//! The allocation rule on a large order: 1,000 units over 50 lines, 8 warehouses, none of
//! which holds everything (so the order is split). Prints the median and the slowest of
//! 200 runs. `cargo bench -p shared --bench allocation`

use shared::fulfilment::{allocate, Holding, Line};
use shared::ids::{SellerId, VariantId, WarehouseId};
use std::time::{Duration, Instant};

fn main() {
    let provinces = [
        "110000", "310000", "440000", "510000", "420000", "610000", "210000", "530000",
    ];
    let lines: Vec<Line> = (0..50)
        .map(|i| Line {
            variant: VariantId(i),
            seller: SellerId(1),
            quantity: 20,
        })
        .collect();
    // each warehouse holds 60 % of the variants, 15 units each: no one holds the order
    let mut holdings = Vec::new();
    for (w, province) in provinces.iter().enumerate() {
        for v in (0..50).filter(|v| (v + w as i64) % 5 < 3) {
            holdings.push(Holding {
                warehouse: WarehouseId(w as i64 + 1),
                seller: SellerId(1),
                province: (*province).into(),
                variant: VariantId(v),
                available: 15,
            });
        }
    }
    let mut times: Vec<Duration> = Vec::new();
    let mut shipments = 0;
    for _ in 0..200 {
        let started = Instant::now();
        let plan = allocate(&lines, "330100", &holdings);
        times.push(started.elapsed());
        assert!(plan.is_complete());
        shipments = plan.shipments.len();
    }
    times.sort();
    println!(
        "allocation, 1,000 units over 50 lines, 8 warehouses: {shipments} shipments; median {:?}, slowest {:?} (200 runs)",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
