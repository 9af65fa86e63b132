//! The back office's API: `/api/v1/admin/*`. One module per operations domain; every
//! handler takes `Staff` (or `SignedInStaff` for the few routes an owner may use before
//! turning on a required second factor), checks one permission, and writes its change with
//! an audit entry in the same transaction.

mod audit;
mod catalog;
mod catalog_csv;
mod consultations;
mod fleet;
mod fulfilment;
mod inventory;
mod me;
mod orders;
mod procurement;
mod quality;
mod receiving;
mod repairs;
mod reports;
mod returns;
mod reviews;
mod settings;
mod staff;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(me::routes())
        .merge(orders::routes())
        .merge(fulfilment::routes())
        .merge(fleet::routes())
        .merge(inventory::routes())
        .merge(procurement::routes())
        .merge(receiving::routes())
        .merge(catalog::routes())
        .merge(catalog_csv::routes())
        .merge(reports::routes())
        .merge(quality::routes())
        .merge(returns::routes())
        .merge(repairs::routes())
        .merge(reviews::routes())
        .merge(consultations::routes())
        .merge(staff::routes())
        .merge(audit::routes())
        .merge(settings::routes())
}

/// The security requirement of every admin route: a staff session and, for changes, the
/// CSRF token.
pub const STAFF_DESCRIPTION: &str = "Staff only: 401 without a session, 403 for customers, deactivated staff, staff \
whose roles lack the permission, and owners who must first turn on two-factor sign-in (problem two_factor_setup_required)";
