//! Integration URIs as the rules read them: placeholders masked, formats matched.

use std::borrow::Cow;

use serde_json::Value;

use crate::ir::{Api, Integration, IntegrationType, Text};
use crate::source::Loc;

/// Stands in for a `${...}` placeholder in a masked string: it matches any text.
pub(crate) const HOLE: char = '\u{1a}';

/// Stands in for a CloudFormation pseudo parameter whose value never contains `:` or `/`
/// (`${AWS::Region}`, `${AWS::Partition}`, `${AWS::AccountId}`...): it matches such text only.
pub(crate) const SEGMENT_HOLE: char = '\u{1b}';

/// The pseudo parameters [`SEGMENT_HOLE`] stands for.
const SEGMENT_PARAMETERS: [&str; 5] =
    ["AWS::Region", "AWS::Partition", "AWS::AccountId", "AWS::URLSuffix", "AWS::StackName"];

/// Whether the text has a placeholder (either kind of hole).
pub(crate) fn has_hole(s: &str) -> bool {
    s.contains([HOLE, SEGMENT_HOLE])
}

/// The text with each `${...}` placeholder (CloudFormation `Fn::Sub` variables, stage variables,
/// template variables) replaced by one [`HOLE`] or [`SEGMENT_HOLE`]. An unterminated `${` runs to
/// the end.
pub(crate) fn mask(s: &str) -> Cow<'_, str> {
    if !s.contains("${") && !has_hole(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let (name, after) = match rest[i + 2..].find('}') {
            Some(j) => (&rest[i + 2..i + 2 + j], &rest[i + 2 + j + 1..]),
            None => ("", ""),
        };
        out.push(if SEGMENT_PARAMETERS.contains(&name.trim()) { SEGMENT_HOLE } else { HOLE });
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The integration's `uri` and its masked, trimmed template; None when it is missing, an
/// intrinsic whose text cannot be known (`Ref`, `Fn::GetAtt`...), or longer than [`MAX_URI`].
pub(crate) fn uri_pattern(i: &Integration) -> Option<(&Text, Cow<'_, str>)> {
    text_pattern(i.uri.as_ref()?)
}

/// [`uri_pattern`] for any URI-valued text (an authorizer's `authorizerUri`).
pub(crate) fn text_pattern(uri: &Text) -> Option<(&Text, Cow<'_, str>)> {
    let text = uri.pattern()?.trim();
    (text.len() <= MAX_URI).then(|| (uri, mask(text)))
}

/// The Lambda authorizers (TOKEN and REQUEST) that have an `authorizerUri`: the scheme's name,
/// the authorizer, and the URI's masked pattern.
pub(crate) fn authorizer_uris(
    api: &Api,
) -> impl Iterator<Item = (&str, &crate::ir::Authorizer, &Text, Cow<'_, str>)> + '_ {
    use crate::ir::AuthorizerType;
    api.security_schemes.iter().filter_map(|(name, scheme)| {
        let a = scheme.authorizer.as_ref()?;
        let lambda =
            matches!(a.kind.as_ref().and_then(|k| k.value), Some(AuthorizerType::Token | AuthorizerType::Request));
        if !lambda {
            return None;
        }
        let (uri, masked) = text_pattern(a.authorizer_uri.as_ref()?)?;
        Some((name.as_str(), a, uri, masked))
    })
}

/// URIs longer than this are not matched against formats (keeps the work linear in the document).
const MAX_URI: usize = 8192;

/// A piece of an expected format.
#[derive(Clone, Copy)]
pub(crate) enum Part {
    /// This exact text.
    Lit(&'static str),
    /// One or more characters that satisfy the predicate.
    Field(fn(char) -> bool),
    /// Any text, possibly empty.
    Any,
}

/// A field of an ARN: anything but `:`, `/` and white space.
pub(crate) fn segment(c: char) -> bool {
    c != ':' && c != '/' && !c.is_whitespace()
}

/// A path segment: anything but `/` and white space.
pub(crate) fn path_segment(c: char) -> bool {
    c != '/' && !c.is_whitespace()
}

/// Whether a masked string fits the format, each [`HOLE`] matching any text. Runs a small NFA:
/// O(text length x format length).
pub(crate) fn matches_format(text: &str, format: &[Part]) -> bool {
    // Each element: a character class, whether it repeats, whether it may be skipped.
    enum Class {
        Char(char),
        Pred(fn(char) -> bool),
    }
    let mut elems: Vec<(Class, bool, bool)> = Vec::new();
    for part in format {
        match *part {
            Part::Lit(s) => elems.extend(s.chars().map(|c| (Class::Char(c), false, false))),
            Part::Field(p) => elems.push((Class::Pred(p), true, false)),
            Part::Any => elems.push((Class::Pred(|_| true), true, true)),
        }
    }
    let fits = |class: &Class, c: char| match class {
        Class::Char(x) => *x == c,
        Class::Pred(p) => p(c),
    };
    let k = elems.len();
    let close = |states: &mut [bool]| {
        for j in 0..k {
            if states[j] && elems[j].2 {
                states[j + 1] = true;
            }
        }
    };
    let mut cur = vec![false; k + 1];
    let mut next = vec![false; k + 1];
    cur[0] = true;
    close(&mut cur);
    for c in text.chars() {
        next.iter_mut().for_each(|s| *s = false);
        if c == HOLE {
            let Some(first) = cur.iter().position(|s| *s) else { return false };
            next[first..].iter_mut().for_each(|s| *s = true);
        } else if c == SEGMENT_HOLE {
            // Text without `:`, `/` or white space: it may run up to (not over) such a literal.
            for j in 0..=k {
                if !cur[j] || next[j] {
                    continue;
                }
                let mut at = j;
                loop {
                    next[at] = true;
                    match elems.get(at) {
                        Some((Class::Char(x), _, _)) if !segment(*x) => break,
                        Some(_) => at += 1,
                        None => break,
                    }
                }
            }
        } else {
            for j in 0..=k {
                if !cur[j] {
                    continue;
                }
                if j < k && fits(&elems[j].0, c) {
                    next[j + 1] = true;
                }
                if j > 0 && elems[j - 1].1 && fits(&elems[j - 1].0, c) {
                    next[j] = true;
                }
            }
        }
        close(&mut next);
        std::mem::swap(&mut cur, &mut next);
        if !cur.iter().any(|s| *s) {
            return false;
        }
    }
    cur[k]
}

pub(crate) fn matches_any(text: &str, formats: &[&[Part]]) -> bool {
    formats.iter().any(|f| matches_format(text, f))
}

/// A URI that goes through API Gateway's Lambda path to invoke a function: every `aws_proxy` one,
/// and an `aws` one that ends in `invocations` (other Lambda API paths, such as
/// `functions/{name}/configuration`, are ordinary AWS service calls).
pub(crate) fn is_invocation(kind: IntegrationType, masked: &str) -> bool {
    masked.contains(":lambda:path/")
        && match kind {
            IntegrationType::AwsProxy => true,
            IntegrationType::Aws => masked.ends_with("invocations") || masked.ends_with(HOLE),
            _ => false,
        }
}

/// A bare Lambda function ARN written out (`arn:aws:lambda:us-east-1:123456789012:function:f`).
pub(crate) fn is_function_arn(masked: &str) -> bool {
    crate::ir::FunctionArn::is_function(masked)
}

/// Whether `key` is absent (or null) in the mapping at `parent`, as written in the document.
pub(crate) fn absent(api: &Api, parent: &Loc, key: &str) -> bool {
    api.sources.value(&parent.child(key)).is_none_or(Value::is_null)
}
