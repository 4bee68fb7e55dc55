//! A point's suite parameters as the runner sends them: numbers, strings or null by name.

use std::collections::BTreeMap;

/// A parameter value: a JSON number, string or null.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
    Null,
}

/// Suite parameters by name.
#[derive(Clone, Debug, Default)]
pub struct Params(pub BTreeMap<String, Value>);

impl Params {
    /// A number parameter; an error naming it when it is missing or not a number.
    pub fn number(&self, name: &str) -> Result<f64, String> {
        match self.0.get(name) {
            Some(Value::Number(n)) => Ok(*n),
            _ => Err(format!("parameter \"{name}\" must be a number")),
        }
    }

    /// A whole-number parameter of at least `min`; an error naming it otherwise.
    pub fn whole(&self, name: &str, min: u64) -> Result<u64, String> {
        let n = self.number(name)?;
        if n.fract() != 0.0 || n < min as f64 || n > 9.0e15 {
            return Err(format!("parameter \"{name}\" must be a whole number of at least {min}, got {n}"));
        }
        Ok(n as u64)
    }

    /// A string parameter that must be one of `choices`; an error naming them otherwise.
    pub fn choice(&self, name: &str, choices: &[&str]) -> Result<String, String> {
        match self.0.get(name) {
            Some(Value::Text(s)) if choices.contains(&s.as_str()) => Ok(s.clone()),
            other => Err(format!("parameter \"{name}\" is {other:?} (allowed: {})", choices.join(", "))),
        }
    }

    /// An optional string parameter: None when absent, null or empty.
    pub fn text(&self, name: &str) -> Option<String> {
        match self.0.get(name) {
            Some(Value::Text(s)) if !s.is_empty() => Some(s.clone()),
            _ => None,
        }
    }
}
