//! Dense `u32` index newtypes. An index is valid only for the [`Problem`](super::Problem)
//! it came from; each one is the position in the matching `Vec` of that problem.

use serde::{Deserialize, Serialize};

macro_rules! index {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            /// The index as a `usize`, for slicing.
            #[inline]
            pub const fn index(self) -> usize {
                self.0 as usize
            }

            /// Builds the index from a `usize` position.
            ///
            /// # Panics
            /// When `i` does not fit in `u32`; problems are validated to stay far below that.
            #[inline]
            pub fn new(i: usize) -> Self {
                Self(u32::try_from(i).expect("index fits in u32"))
            }
        }
    };
}

index!(
    /// A row/column of the travel matrices: a depot, facility or site position.
    LocationIdx
);
index!(
    /// A collection site (gathering point, customer) in [`Problem::sites`](super::Problem::sites).
    SiteIdx
);
index!(
    /// A disposal facility in [`Problem::facilities`](super::Problem::facilities).
    FacilityIdx
);
index!(
    /// A depot in [`Problem::depots`](super::Problem::depots).
    DepotIdx
);
index!(
    /// A vehicle type in [`Problem::vehicle_types`](super::Problem::vehicle_types).
    VehicleTypeIdx
);
index!(
    /// A road profile: one pair of travel matrices in [`Problem::profiles`](super::Problem::profiles).
    ProfileIdx
);
