//! Field values: text that may be a CloudFormation intrinsic, enums and numbers read leniently.

use serde::Serialize;
use serde_json::Value;

/// A string field that may be an unresolved CloudFormation intrinsic.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Text {
    Str(String),
    /// `{"Fn::Sub": ...}`, `{"Ref": ...}` and the other intrinsic functions, as written.
    Intrinsic(Value),
}

impl Text {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Text::Str(s) => Some(s),
            Text::Intrinsic(_) => None,
        }
    }

    /// The intrinsic's function name (`Fn::Sub`, `Ref`...), if this is one.
    pub fn intrinsic(&self) -> Option<&str> {
        match self {
            Text::Intrinsic(Value::Object(m)) => m.keys().next().map(String::as_str),
            _ => None,
        }
    }

    /// The string, or for `Fn::Sub` its template string, which keeps the shape of the value.
    pub fn pattern(&self) -> Option<&str> {
        match self {
            Text::Str(s) => Some(s),
            Text::Intrinsic(v) => match v.get("Fn::Sub") {
                Some(Value::String(s)) => Some(s),
                Some(Value::Array(a)) => a.first().and_then(Value::as_str),
                _ => None,
            },
        }
    }

    /// A short human form: the string, or `Fn::Sub "..."`, `Ref X`, `Fn::GetAtt X.Arn`.
    pub fn display(&self) -> String {
        match self {
            Text::Str(s) => s.clone(),
            Text::Intrinsic(v) => {
                let Some((name, arg)) = v.as_object().and_then(|m| m.iter().next()) else {
                    return v.to_string();
                };
                match (name.as_str(), arg) {
                    ("Fn::Sub", _) => format!("Fn::Sub \"{}\"", self.pattern().unwrap_or("…")),
                    ("Ref", Value::String(s)) => format!("Ref {s}"),
                    ("Fn::GetAtt", Value::Array(a)) => {
                        format!("Fn::GetAtt {}", a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("."))
                    }
                    ("Fn::GetAtt", Value::String(s)) => format!("Fn::GetAtt {s}"),
                    (name, _) => format!("{name} …"),
                }
            }
        }
    }
}

/// An enum-valued field: the text as written and the value it means, if it means one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Choice<T> {
    pub raw: Value,
    pub value: Option<T>,
}

impl<T: Copy> Choice<T> {
    pub fn get(&self) -> Option<T> {
        self.value
    }

    pub fn is(&self, v: T) -> bool
    where
        T: PartialEq,
    {
        self.value == Some(v)
    }

    pub fn raw_text(&self) -> String {
        match &self.raw {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// A number that may have been written as a string (`"300"`); `value` is None when it is not a number.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Num {
    pub raw: Value,
    pub value: Option<f64>,
}

impl Num {
    pub fn as_i64(&self) -> Option<i64> {
        self.value.filter(|v| v.fract() == 0.0).map(|v| v as i64)
    }
}

/// Is this object a CloudFormation intrinsic function (`{"Fn::Sub": ...}`, `{"Ref": ...}`)?
pub fn is_intrinsic(m: &serde_json::Map<String, Value>) -> bool {
    m.len() == 1 && m.keys().next().is_some_and(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::"))
}
