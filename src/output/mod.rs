//! Writers of the plan: `routes.csv`, `plan.json`, `routes.geojson` and `report.html`,
//! all from one [`PlanDocument`].

pub mod document;

pub use document::{
    DepotInfo, Dimension, FacilityInfo, PlanDocument, PlanMeta, PlanSummary, RoadBackground,
    RoadLine, RoutePlan, RouteTotals, Stop, StopKind, StreamAmount, TimeLine, TripPlan,
    UnassignedSite, VehicleInfo,
};
