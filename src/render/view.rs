//! What a template compiled by [`super::subset`] reads: a view's fields, borrowed where they
//! are, instead of copied into a context first.
//!
//! A template rendered once per declaration (a Swift struct, a TypeScript interface) was mostly
//! copying: tera's context is a tree of its own values built from the view, strings and all,
//! and dropped after one use. At 10,000 events that tree was a tenth of Swift's generating
//! time. A view declared with [`view!`] is read in place.

use serde_json::Number;

/// A value a template reads: printed by `{{ }}`, tested by `{% if %}`, walked by `{% for %}`.
#[derive(Clone, Copy)]
pub enum Value<'v> {
    Null,
    Bool(bool),
    Number(&'v Number),
    Str(&'v str),
    List(&'v dyn Seq),
    Map(&'v dyn View),
}

/// A map of named fields: a view, or an object of one.
pub trait View {
    /// The field called `name`, if there is one.
    fn field(&self, name: &str) -> Option<Value<'_>>;

    /// Whether it has no fields, which makes it false in an `if`, as an empty map is in tera.
    fn is_empty(&self) -> bool {
        false
    }
}

/// A list a `{% for %}` walks.
pub trait Seq {
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The item at `index`, which is less than [`Seq::len`].
    fn item(&self, index: usize) -> Value<'_>;
}

/// Anything a view's field can hold.
pub trait Field {
    fn value(&self) -> Value<'_>;
}

impl Field for str {
    fn value(&self) -> Value<'_> {
        Value::Str(self)
    }
}

impl Field for String {
    fn value(&self) -> Value<'_> {
        Value::Str(self)
    }
}

impl Field for bool {
    fn value(&self) -> Value<'_> {
        Value::Bool(*self)
    }
}

impl<T: Field + ?Sized> Field for &T {
    fn value(&self) -> Value<'_> {
        (**self).value()
    }
}

/// `None` is tera's null: false in an `if`, and an error to print.
impl<T: Field> Field for Option<T> {
    fn value(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Null, Field::value)
    }
}

impl<T: Field> Field for Vec<T> {
    fn value(&self) -> Value<'_> {
        Value::List(self)
    }
}

impl<T: Field> Seq for Vec<T> {
    fn len(&self) -> usize {
        self.as_slice().len()
    }

    fn item(&self, index: usize) -> Value<'_> {
        self.get(index).map_or(Value::Null, Field::value)
    }
}

/// A view made by serializing (the Rust template's, rendered once per file).
impl Field for serde_json::Value {
    fn value(&self) -> Value<'_> {
        match self {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n),
            serde_json::Value::String(s) => Value::Str(s),
            serde_json::Value::Array(items) => Value::List(items),
            serde_json::Value::Object(map) => Value::Map(map),
        }
    }
}

impl View for serde_json::Map<String, serde_json::Value> {
    fn field(&self, name: &str) -> Option<Value<'_>> {
        self.get(name).map(Field::value)
    }

    fn is_empty(&self) -> bool {
        serde_json::Map::is_empty(self)
    }
}

/// Declares a view: the struct as written, and its fields readable by a compiled template
/// under their own names. Its fields' types are [`Field`]s.
#[cfg(any(feature = "typescript", feature = "swift"))]
macro_rules! view {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident $(<$lt:lifetime>)? {
            $($(#[$field_attr:meta])* $field_vis:vis $field:ident: $ty:ty),* $(,)?
        }
    ) => {
        $(#[$attr])*
        $vis struct $name $(<$lt>)? {
            $($(#[$field_attr])* $field_vis $field: $ty),*
        }

        impl $(<$lt>)? $crate::render::View for $name $(<$lt>)? {
            fn field(&self, name: &str) -> Option<$crate::render::Value<'_>> {
                match name {
                    $(stringify!($field) => Some($crate::render::Field::value(&self.$field)),)*
                    _ => None,
                }
            }
        }

        impl $(<$lt>)? $crate::render::Field for $name $(<$lt>)? {
            fn value(&self) -> $crate::render::Value<'_> {
                $crate::render::Value::Map(self)
            }
        }
    };
}

#[cfg(any(feature = "typescript", feature = "swift"))]
pub(crate) use view;
