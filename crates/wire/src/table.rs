//! One table per object, both directions: [`wire_struct!`] declares a struct with each field's wire
//! name written once, and from that table makes its encoder (serde `Serialize`, absent optional
//! fields left out), its decoder (`from_value`, and serde `Deserialize` through it) and nothing else,
//! so the two cannot drift apart. Decoding is tolerant as LivePerson requires (PROTOCOL.md §4, §10c):
//! a field of an unexpected type counts as missing, which only a required field cannot be. Written
//! this way rather than derived because serde's derived visitors cost the WebAssembly bundle
//! kilobytes more than reading the parsed JSON.

use serde_json::Value;

/// A JSON object of `entries` (for writing objects whose names are constants shared with their
/// reader).
pub(crate) fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

/// A field's value as JSON gives it.
pub trait Field: Sized {
    /// The field read from `v` (its value, if present); `None` if it is missing or unusable.
    fn read(v: Option<&Value>) -> Option<Self>;

    /// Whether it is left out when written (an absent optional field, an empty list).
    fn absent(&self) -> bool {
        false
    }
}

impl Field for String {
    fn read(v: Option<&Value>) -> Option<Self> {
        v?.as_str().map(str::to_owned)
    }
}

impl Field for i64 {
    fn read(v: Option<&Value>) -> Option<Self> {
        v?.as_i64()
    }
}

impl<T: Field> Field for Option<T> {
    fn read(v: Option<&Value>) -> Option<Self> {
        Some(T::read(v))
    }

    fn absent(&self) -> bool {
        self.is_none()
    }
}

/// A list: the items that can be read (one bad item does not cost the others); a single object
/// stands for a list of one.
impl<T: Field> Field for Vec<T> {
    fn read(v: Option<&Value>) -> Option<Self> {
        Some(match v {
            Some(Value::Array(items)) => items.iter().filter_map(|i| T::read(Some(i))).collect(),
            Some(Value::Null) | None => Vec::new(),
            Some(one) => T::read(Some(one)).into_iter().collect(),
        })
    }

    fn absent(&self) -> bool {
        self.is_empty()
    }
}

/// Declares a struct read and written from one table of `field: Type = "wireName"`. A field may end
/// in `or default` (missing means the type's default), or name `via reader`, a function reading the
/// field from the whole object (for a field LivePerson sends in more than one form).
macro_rules! wire_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                $field:ident : $ty:ty = $wire:literal $(or $default:ident)? $(via $reader:path)?
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)+
        }

        impl $name {
            /// Read from parsed JSON; `None` if a required field is missing or unusable.
            pub fn from_value(v: &serde_json::Value) -> Option<Self> {
                Some($name {
                    $($field: wire_struct!(@read v, $ty, $wire $(, $default)? $(; $reader)?),)+
                })
            }
        }

        impl $crate::table::Field for $name {
            fn read(v: Option<&serde_json::Value>) -> Option<Self> {
                Self::from_value(v?)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = s.serialize_map(None)?;
                $(
                    if !$crate::table::Field::absent(&self.$field) {
                        map.serialize_entry($wire, &self.$field)?;
                    }
                )+
                map.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                Self::from_value(&v).ok_or_else(|| {
                    <D::Error as serde::de::Error>::custom(concat!(
                        "a ",
                        stringify!($name),
                        " without its required fields"
                    ))
                })
            }
        }
    };
    (@read $v:ident, $ty:ty, $wire:literal) => {
        <$ty as $crate::table::Field>::read($v.get($wire))?
    };
    (@read $v:ident, $ty:ty, $wire:literal, $default:ident) => {
        <$ty as $crate::table::Field>::read($v.get($wire)).unwrap_or_default()
    };
    (@read $v:ident, $ty:ty, $wire:literal; $reader:path) => {
        $reader($v)
    };
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    wire_struct! {
        /// A test object.
        #[derive(Debug, PartialEq)]
        pub struct Sample {
            /// Required.
            name: String = "name",
            /// Optional.
            count: Option<i64> = "countOf",
            /// Missing means empty.
            note: String = "note" or default,
            /// A list.
            tags: Vec<String> = "tags",
        }
    }

    #[test]
    fn one_table_reads_and_writes_the_same_names() {
        let sample = Sample {
            name: "a".into(),
            count: Some(2),
            note: String::new(),
            tags: vec!["x".into()],
        };
        let written = serde_json::to_value(&sample).expect("writes");
        assert_eq!(
            written,
            json!({"name": "a", "countOf": 2, "note": "", "tags": ["x"]})
        );
        assert_eq!(Sample::from_value(&written), Some(sample));
    }

    #[test]
    fn reading_is_tolerant_except_for_required_fields() {
        let read = Sample::from_value(&json!({"name": "a", "countOf": "two", "tags": "x"}));
        let expected = Sample {
            name: "a".into(),
            count: None,
            note: String::new(),
            tags: vec!["x".into()],
        };
        assert_eq!(
            read,
            Some(expected),
            "a wrong type is missing; one item stands for a list"
        );
        assert_eq!(Sample::from_value(&json!({"name": 1})), None);
        let bad = serde_json::from_value::<Sample>(json!({})).expect_err("required");
        assert!(bad.to_string().contains("Sample"), "{bad}");
        let written = serde_json::to_value(Sample::from_value(&json!({"name": "a"}))).expect("ok");
        assert_eq!(
            written,
            json!({"name": "a", "note": ""}),
            "absent fields are left out"
        );
    }
}
