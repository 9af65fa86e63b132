//! What the bulk seeders (the order history, the large catalogue) share: multi-row inserts
//! within the databases' parameter limits, explicit ids, and a tiny deterministic random
//! stream.

use crate::db::WriteTx;
use std::fmt::Write as _;

/// Rows per `INSERT` statement, and a bound on its parameters (SQLite allows 32,766,
/// PostgreSQL 65,535).
pub(super) const ROWS_PER_STATEMENT: usize = 500;
pub(super) const MAX_PARAMS_PER_STATEMENT: usize = 30_000;

/// One bound value of a multi-row insert.
#[derive(Debug, Clone, Copy)]
pub(super) enum Val<'a> {
    Int(i64),
    NullInt,
    Text(&'a str),
    NullText,
}

/// `head VALUES ($1, …, $ncols), (…), …` for `nrows` rows.
pub(super) fn values_sql(head: &str, ncols: usize, nrows: usize) -> String {
    let mut sql = String::with_capacity(head.len() + 8 + nrows * ncols * 8);
    sql.push_str(head);
    sql.push_str(" VALUES ");
    let mut n = 0_usize;
    for row in 0..nrows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for col in 0..ncols {
            if col > 0 {
                sql.push_str(", ");
            }
            n += 1;
            let _ = write!(sql, "${n}");
        }
        sql.push(')');
    }
    sql
}

/// Inserts `vals` (`ncols` per row) with as few statements as the parameter limit allows.
pub(super) async fn insert_rows(
    tx: &mut WriteTx,
    head: &str,
    ncols: usize,
    vals: &[Val<'_>],
) -> Result<(), sqlx::Error> {
    debug_assert_eq!(vals.len() % ncols, 0);
    let rows_per_statement = (MAX_PARAMS_PER_STATEMENT / ncols).clamp(1, ROWS_PER_STATEMENT);
    for chunk in vals.chunks(rows_per_statement * ncols) {
        let sql = values_sql(head, ncols, chunk.len() / ncols);
        let mut query = sqlx::query(&sql);
        for val in chunk {
            query = match *val {
                Val::Int(v) => query.bind(v),
                Val::NullInt => query.bind(None::<i64>),
                Val::Text(v) => query.bind(v),
                Val::NullText => query.bind(None::<&str>),
            };
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

pub(super) async fn max_id(tx: &mut WriteTx, table: &str) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT COALESCE(MAX(id), 0) FROM {table}");
    sqlx::query_scalar(&sql).fetch_one(&mut **tx).await
}

/// PostgreSQL: the identity sequence goes on after the ids written explicitly.
pub(super) async fn advance_sequence(tx: &mut WriteTx, table: &str) -> Result<(), sqlx::Error> {
    let sql = format!(
        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
    );
    sqlx::query(&sql).execute(&mut **tx).await.map(|_| ())
}

/// SplitMix64: a tiny deterministic hash stream.
pub(super) struct Mix(pub(super) u64);

impl Mix {
    pub(super) fn new(seed: u64, salt: u64, n: u64) -> Mix {
        Mix(seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ n.wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// In `[0, 1)`.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// In `0..n` (0 when `n` is 0 or less).
    pub(super) fn below_i64(&mut self, n: i64) -> i64 {
        if n <= 0 {
            return 0;
        }
        i64::try_from(self.next_u64() % n.unsigned_abs()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_row_values() {
        assert_eq!(
            values_sql("INSERT INTO t (a, b)", 2, 2),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        let mut a = Mix::new(7, 1, 2);
        let mut b = Mix::new(7, 1, 2);
        assert_eq!(a.next_u64(), b.next_u64(), "reproducible");
        assert!((0..1000).all(|_| a.below(10) < 10 && (0..5).contains(&a.below_i64(5))));
        assert_eq!(a.below_i64(0), 0);
    }
}
