//! `$ref` resolution: the file a reference names, and following chains of references to their target.

use std::collections::HashSet;

use serde_json::Value;

use crate::diag::{Report, Severity};
use crate::source::{ref_target_path, Field, Loc, Pointer};

use super::{Cx, UNRESOLVED_REF};

impl<'s> Cx<'s> {
    /// Follows `$ref` chains. Returns the final location and value, the first reference text,
    /// or None (after reporting) when the chain breaks.
    pub(super) fn deref(&mut self, loc: Loc, v: &'s Value) -> Option<(Loc, &'s Value, Option<String>)> {
        let mut loc = loc;
        let mut v = v;
        let mut first: Option<String> = None;
        // Chains are short: a list finds loops faster than a hashed set, up to a point.
        let mut seen: Vec<Loc> = Vec::new();
        let mut seen_many: HashSet<Loc> = HashSet::new();
        loop {
            let Some(r) = v.as_object().and_then(|m| m.field("$ref")) else {
                return Some((loc, v, first));
            };
            let Some(r) = r.as_str() else {
                self.shape(
                    &loc.child("$ref"),
                    "`$ref` must be a string",
                    "write the reference as a string, like `#/components/schemas/Pet`",
                );
                return None;
            };
            if first.is_none() {
                first = Some(r.to_string());
            }
            let looped = if seen_many.is_empty() && seen.len() < 16 {
                let again = seen.contains(&loc);
                seen.push(loc.clone());
                again
            } else {
                seen_many.extend(seen.drain(..));
                !seen_many.insert(loc.clone())
            };
            if looped {
                self.unresolved(&loc, r, "the reference chain loops back on itself");
                return None;
            }
            match self.resolve_ref(&loc, r) {
                Ok((target, value)) => {
                    loc = target;
                    v = value;
                }
                Err(why) => {
                    self.unresolved(&loc, r, &why);
                    return None;
                }
            }
        }
    }

    fn resolve_ref(&self, at: &Loc, r: &str) -> Result<(Loc, &'s Value), String> {
        let from = &self.src.get(at.file).path;
        let file = match ref_target_path(from, r) {
            None => at.file,
            Some(Err(why)) => return Err(why),
            Some(Ok(path)) if self.src.find(&path).is_none() && self.src.refused(&path) => {
                return Err(format!(
                    "`{}` is outside the document's folder, and gwgen does not follow references out of it \
                     (pass --allow-external-refs to allow it)",
                    path.display()
                ))
            }
            Some(Ok(path)) => {
                self.src.find(&path).ok_or_else(|| format!("file `{}` could not be read", path.display()))?
            }
        };
        let fragment = r.split_once('#').map_or("", |(_, f)| f);
        let ptr = Pointer::parse(fragment)?;
        let value = ptr.resolve(&self.src.get(file).value).ok_or_else(|| "no such node".to_string())?;
        Ok((Loc::new(file, ptr), value))
    }

    fn unresolved(&mut self, loc: &Loc, r: &str, why: &str) {
        if self.reported.insert(loc.clone()) {
            self.diags
                .report(
                    UNRESOLVED_REF,
                    Severity::Error,
                    loc.child("$ref"),
                    format!("`$ref: {r}` cannot be followed: {why}"),
                )
                .help("point the reference at an existing node (local `#/...` or a relative file path)");
        }
    }
}
