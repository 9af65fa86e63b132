#![recursion_limit = "256"]
//! The back office: a client-side single-page app in its own WASM bundle, loaded only
//! under `/admin` (shoppers never download it). It talks only to the JSON API; the server
//! answers every `/admin/...` address with the same HTML shell, so deep links and reloads
//! work. One folder per operations domain, each with its own strings; the frame, the
//! session and the list and form patterns are shared by all of them.
//!
//! The same bundle also carries the supplier portal (供应商门户, `supplier_portal`): the
//! server answers every `/supplier/...` address with this shell too, and the entry point
//! mounts the portal's own small app there instead of the back office.

mod api;
mod catalogue;
mod consultations;
mod frame;
mod fulfilment;
mod home;
mod inventory;
mod kit;
mod locale;
mod me;
mod orders;
mod procurement;
mod repairs;
mod reports;
mod returns;
mod reviews;
mod session;
mod settings;
mod sign_in;
mod supplier_portal;
mod text;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

/// The entry point the bundle's boot script runs.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    if supplier_portal::is_portal_address() {
        leptos::mount::mount_to_body(supplier_portal::SupplierApp);
    } else {
        leptos::mount::mount_to_body(App);
    }
}

#[component]
fn App() -> impl IntoView {
    locale::provide();
    session::provide();
    kit::toast::provide();
    view! {
        <Router base="/admin">
            <Routes fallback=frame::NotFound>
                <Route path=path!("/login") view=sign_in::SignInPage/>
                <Route path=path!("/forgot-password") view=sign_in::ForgotPasswordPage/>
                <Route path=path!("/reset-password") view=sign_in::ResetPasswordPage/>
                <Route path=path!("/accept-invitation") view=sign_in::AcceptInvitationPage/>
                <ParentRoute path=path!("") view=frame::Frame>
                    <Route path=path!("") view=home::HomePage/>
                    <Route path=path!("/orders") view=orders::OrdersPage/>
                    <Route path=path!("/orders/:number") view=orders::detail::OrderDetailPage/>
                    <Route path=path!("/fulfilment") view=fulfilment::FulfilmentPage/>
                    <Route path=path!("/fulfilment/pick-lists") view=fulfilment::pick_lists::PickListsPage/>
                    <Route path=path!("/fulfilment/pick-lists/:id") view=fulfilment::pick_lists::PickListPage/>
                    <Route path=path!("/fulfilment/shipments") view=fulfilment::shipments::ShipmentsPage/>
                    <Route path=path!("/fulfilment/routes") view=fulfilment::routes::RoutesPage/>
                    <Route path=path!("/fulfilment/fleet") view=fulfilment::fleet::FleetPage/>
                    <Route path=path!("/fulfilment/driver") view=fulfilment::routes::DriverPage/>
                    <Route path=path!("/fulfilment/shipments/:id") view=fulfilment::shipments::ShipmentPage/>
                    <Route path=path!("/fulfilment/shipments/:id/label") view=fulfilment::print::LabelPage/>
                    <Route path=path!("/fulfilment/shipments/:id/slip") view=fulfilment::print::SlipPage/>
                    <Route path=path!("/inventory/stock") view=inventory::StockPage/>
                    <Route path=path!("/inventory/transfers") view=inventory::transfers::TransfersPage/>
                    <Route path=path!("/inventory/transfers/:id") view=inventory::transfers::TransferPage/>
                    <Route path=path!("/inventory/stocktakes") view=inventory::stocktakes::StocktakesPage/>
                    <Route path=path!("/inventory/stocktakes/:id") view=inventory::stocktakes::StocktakePage/>
                    <Route path=path!("/inventory/valuation") view=inventory::ValuationPage/>
                    <Route path=path!("/procurement/suppliers") view=procurement::suppliers::SuppliersPage/>
                    <Route path=path!("/procurement/suppliers/:id") view=procurement::suppliers::SupplierPage/>
                    <Route path=path!("/procurement/suggestions") view=procurement::suggestions::SuggestionsPage/>
                    <Route path=path!("/procurement/orders") view=procurement::orders::PurchaseOrdersPage/>
                    <Route path=path!("/procurement/orders/new") view=procurement::orders::NewPurchaseOrderPage/>
                    <Route path=path!("/procurement/orders/:id") view=procurement::orders::PurchaseOrderPage/>
                    <Route path=path!("/procurement/orders/:id/print") view=procurement::print::PurchaseOrderPrintPage/>
                    <Route path=path!("/procurement/receipts") view=procurement::receipts::ReceiptsPage/>
                    <Route path=path!("/procurement/receipts/:id") view=procurement::receipts::ReceiptPage/>
                    <Route path=path!("/catalogue/products") view=catalogue::products::ProductsPage/>
                    <Route path=path!("/catalogue/products/new") view=catalogue::products::editor::ProductEditorPage/>
                    <Route path=path!("/catalogue/products/import") view=catalogue::products::import::ImportPage/>
                    <Route path=path!("/catalogue/products/:id") view=catalogue::products::editor::ProductEditorPage/>
                    <Route path=path!("/catalogue/categories") view=catalogue::taxonomy::categories::CategoriesPage/>
                    <Route path=path!("/catalogue/brands") view=catalogue::taxonomy::brands::BrandsPage/>
                    <Route path=path!("/returns") view=returns::ReturnsPage/>
                    <Route path=path!("/returns/:id") view=returns::detail::ReturnPage/>
                    <Route path=path!("/repairs") view=repairs::RepairsPage/>
                    <Route path=path!("/repairs/:id") view=repairs::detail::RepairPage/>
                    <Route path=path!("/reviews") view=reviews::ReviewsPage/>
                    <Route path=path!("/consultations") view=consultations::ConsultationsPage/>
                    <Route path=path!("/consultations/:id") view=consultations::detail::ConsultationPage/>
                    <Route path=path!("/reports/dashboard") view=reports::DashboardPage/>
                    <Route path=path!("/reports/quality") view=reports::quality::QualityPage/>
                    <Route path=path!("/settings/staff") view=settings::staff::StaffPage/>
                    <Route path=path!("/settings/staff/:id") view=settings::member::StaffMemberPage/>
                    <Route path=path!("/settings/audit") view=settings::audit::AuditPage/>
                    <Route path=path!("/settings/security") view=settings::security::SecurityPage/>
                    <Route path=path!("/settings/carriers") view=settings::carriers::CarriersPage/>
                    <Route path=path!("/me") view=me::MyAccountPage/>
                </ParentRoute>
            </Routes>
            <kit::toast::ToastHost/>
        </Router>
    }
}
