//! What every status machine offers (orders; shipments, transfers and stocktakes as they
//! come): its names as stored, and its rule of allowed moves. The server changes a status in
//! one way only (`server::db::status`), asking this rule about the row's current status.

/// A status with a fixed set of values and explicit transitions.
pub trait Status: Copy + Eq + Send + Sync + std::fmt::Debug + 'static {
    /// The name stored in the database and sent in the API.
    fn as_str(self) -> &'static str;
    fn parse(text: &str) -> Option<Self>;
    /// Whether the rule allows moving from `self` to `to`.
    fn can_transition(self, to: Self) -> bool;
}
