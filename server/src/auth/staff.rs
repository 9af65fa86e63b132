//! The signed-in staff member of a request: 401 when nobody is signed in, 403 for customers
//! and deactivated staff, and — when the shop requires it — 403 for owners who have not
//! turned on two-factor sign-in yet (except on the routes that let them do so).

use crate::api::auth::ClientIp;
use crate::auth::session::CurrentUser;
use crate::db::audit::ActorRef;
use crate::db::{settings, staff};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use shared::customers::Me;
use shared::staff::{must_enable_two_factor, Permission, Roles};

/// A signed-in staff member, whatever their two-factor state.
pub struct SignedInStaff {
    pub me: Me,
    pub roles: Roles,
    pub two_factor: bool,
    pub owners_need_two_factor: bool,
    pub actor: ActorRef,
}

impl FromRequestParts<AppState> for SignedInStaff {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let CurrentUser(me) = CurrentUser::from_request_parts(parts, state).await?;
        let Ok(ClientIp(ip)) = ClientIp::from_request_parts(parts, state).await;
        let mut conn = state.db.pool.acquire().await?;
        let auth = staff::auth(&mut conn, me.id)
            .await?
            .ok_or(AppError::Forbidden("This is for shop staff only"))?;
        let owners_need_two_factor =
            settings::get_flag(&mut conn, settings::OWNERS_NEED_TWO_FACTOR).await?;
        Ok(SignedInStaff {
            actor: ActorRef { id: me.id, ip },
            me,
            roles: auth.roles,
            two_factor: auth.two_factor,
            owners_need_two_factor,
        })
    }
}

/// A staff member who may use the back office now.
pub struct Staff {
    pub me: Me,
    pub roles: Roles,
    pub actor: ActorRef,
}

impl Staff {
    /// 403 unless one of the roles grants `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.roles.allow(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden("Your roles do not allow this"))
        }
    }

    /// 403 unless one of the roles grants one of `permissions` (a list several modules read).
    pub fn require_any(&self, permissions: &[Permission]) -> Result<(), AppError> {
        match permissions.iter().find(|p| self.roles.allow(**p)) {
            Some(p) => self.require(*p),
            None => Err(AppError::Forbidden("Your roles do not allow this")),
        }
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let s = SignedInStaff::from_request_parts(parts, state).await?;
        if must_enable_two_factor(&s.roles, s.two_factor, s.owners_need_two_factor) {
            return Err(AppError::TwoFactorSetupRequired);
        }
        Ok(Staff {
            me: s.me,
            roles: s.roles,
            actor: s.actor,
        })
    }
}
