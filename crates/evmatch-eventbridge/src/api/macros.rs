//! `api_enum!`: a model enum as a non-exhaustive Rust enum with an `Unknown(String)` fallback,
//! serialized as its wire string.
//!
//! Invariants: every wire value reads back as itself (known values as their variant, others kept
//! verbatim in `Unknown`), so nothing the service sends is lost; `as_str` of a variant is exactly
//! the model's value. Costs: reading a value is one `match` on the string.

macro_rules! api_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )+
        }
    ) => {
        $(#[$meta])*
        ///
        /// Serialized as the wire string; values this version does not know are kept verbatim in
        #[doc = concat!("[`", stringify!($name), "::Unknown`].")]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value not listed in the model, kept as received.
            Unknown(String),
        }

        impl $crate::api::ApiEnum for $name {
            const VALUES: &'static [&'static str] = &[$($value),+];

            fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )+
                    $name::Unknown(s) => s,
                }
            }

            fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl $name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                <Self as $crate::api::ApiEnum>::as_str(self)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $( $value => $name::$variant, )+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match $name::from(s.as_str()) {
                    $name::Unknown(_) => $name::Unknown(s),
                    known => known,
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name::from(s))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map($name::from)
            }
        }
    };
}
