//! The method request parameters an operation declares, for the rules that check mappings
//! and cache keys against them.

use std::collections::HashSet;

use crate::ir::{Api, Method, Operation, ParamIn, PathItem};

/// Some parameter of this path item could not be read (an unresolved `$ref`, a parameter without
/// a usable `in`): what it declares is unknown, so nothing is reported as undeclared.
pub(crate) fn params_incomplete(api: &Api, path: &PathItem) -> bool {
    api.diagnostics.iter().any(|d| {
        d.loc.file == path.loc.file
            && d.loc.ptr.starts_with(&path.loc.ptr)
            && d.loc.ptr.as_str().contains("/parameters/")
    })
}

/// `GET /pets` (`ANY /pets` for the any-method).
pub(crate) fn operation_label(path: &PathItem, op: &Operation) -> String {
    let method = if op.method == Method::Any { "ANY" } else { op.method.as_str() };
    format!("{method} {}", path.path)
}

/// `resource`: the operation is an `AWS::ApiGateway::Method` resource, which declares its
/// parameters in `RequestParameters`.
pub(crate) fn declare_help(declared: &Declared, location: ParamIn, name: &str, resource: bool) -> String {
    let mut help = if resource {
        format!(
            "declare it in the Method's `RequestParameters`: `method.request.{}.{name}: false` (true if required)",
            location.mapping_name()
        )
    } else {
        format!("declare it in the operation's `parameters`: `{{name: {name}, in: {}}}`", location.as_str())
    };
    if location == ParamIn::Path {
        help.push_str(&if resource {
            format!(", and make `{{{name}}}` the PathPart of a Resource above the Method")
        } else {
            format!(", and put `{{{name}}}` in the path")
        });
    }
    if let Some(other) = declared.elsewhere(location, name) {
        help = format!(
            "`{name}` is declared as a {} parameter: use `method.request.{}.{name}`, or {help}",
            other.as_str(),
            other.mapping_name()
        );
    }
    help
}

/// The method request parameters an operation declares: its (and its path item's) parameters
/// and the variables of its path template. Header names are kept lowercased.
pub(crate) struct Declared {
    names: HashSet<(u8, String)>,
}

impl Declared {
    pub(crate) fn new(path: &PathItem, op: &Operation) -> Self {
        let mut names = HashSet::new();
        for p in &op.parameters {
            names.insert(Self::entry(p.location, &p.name));
        }
        let mut rest = path.path.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { break };
            let var = &rest[open + 1..open + close];
            names.insert(Self::entry(ParamIn::Path, var.strip_suffix('+').unwrap_or(var)));
            rest = &rest[open + close + 1..];
        }
        Declared { names }
    }

    fn entry(location: ParamIn, name: &str) -> (u8, String) {
        match location {
            ParamIn::Header => (location as u8, name.to_ascii_lowercase()),
            _ => (location as u8, name.to_string()),
        }
    }

    pub(crate) fn contains(&self, location: ParamIn, name: &str) -> bool {
        self.names.contains(&Self::entry(location, name))
    }

    /// Another location where `name` is declared, if any.
    pub(crate) fn elsewhere(&self, location: ParamIn, name: &str) -> Option<ParamIn> {
        [ParamIn::Path, ParamIn::Query, ParamIn::Header].into_iter().find(|l| *l != location && self.contains(*l, name))
    }
}
