use std::borrow::Cow;

use serde_json::Value;

use crate::diag::Severity;
use crate::ir::{Api, ApiType, Integration, IntegrationType, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// An integration that invokes a Lambda function through API Gateway's Lambda path (an `aws_proxy`
/// `uri` containing `:lambda:path/`, or an `aws` one ending in `invocations`) has the complete
/// invocation URI:
/// `arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`,
/// or for response streaming
/// `arn:{partition}:apigateway:{region}:lambda:path/2021-11-15/functions/{functionArn}/response-streaming-invocations`.
/// On a REST API it also reports an `aws` or `aws_proxy` integration whose `uri` is the bare
/// function ARN (`arn:aws:lambda:{region}:{account}:function:{name}`); HTTP APIs accept that form.
/// Placeholders such as `${AWS::Region}`, `${MyFunction.Arn}` or `${stageVariables.fn}` stand for
/// any text.
///
/// ## Why
/// For `aws` and `aws_proxy` integrations the URI names an AWS service API called through API
/// Gateway; for Lambda that is the Invoke action of the `2015-03-31` API
/// [BOTO1:Integration.uri] [DG:api-gateway-swagger-extensions-integration], and for response
/// streaming the `2021-11-15` `response-streaming-invocations` action
/// [WEB:docs.amazonaws.cn/en_us/apigateway/latest/developerguide/response-transfer-mode-lambda.md].
/// A REST integration given the function's own ARN is rejected with "AWS ARN for integration
/// must contain path or action"; Terraform users meet this as `arn` versus `invoke_arn`
/// [ISSUE:https://github.com/hashicorp/terraform-provider-aws/issues/10330]. Only HTTP APIs take
/// the function ARN directly [BOTO2:Integration.IntegrationUri] [DG:http-api-open-api].
///
/// ## Example
/// ```yaml
/// x-amazon-apigateway-integration:
///   type: aws_proxy
///   httpMethod: POST
///   uri: arn:aws:apigateway:us-east-1:lambda:path/functions/arn:aws:lambda:us-east-1:123456789012:function:pets
/// ```
///
/// ## Fix
/// Write the whole invocation URI, with the `2015-03-31` version and the `/invocations` suffix:
/// `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations`
/// (in CloudFormation, `!Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations`).
pub struct IntegrationUriLambdaFormat;

impl Rule for IntegrationUriLambdaFormat {
    const META: RuleMeta = RuleMeta {
        id: "integration-uri-lambda-format",
        category: Category::Integration,
        severity: Severity::Error,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Error),
        generic: false,
        summary: "Lambda integration URIs have the apigateway lambda:path form",
    };

    fn check(api: &Api, out: &mut Findings) {
        for (_, integration) in super::integrations(api) {
            let Some(kind @ (IntegrationType::Aws | IntegrationType::AwsProxy)) = integration.kind() else {
                continue;
            };
            let Some((uri, masked)) = uri_pattern(integration) else { continue };
            let loc = integration.loc.child("uri");
            if is_invocation(kind, &masked) {
                if !matches_any(&masked, &[LAMBDA_INVOKE, LAMBDA_STREAM]) {
                    let why = lambda_problem(&masked);
                    out.report(loc, format!("`uri` `{}` is not a Lambda invocation URI: {why}", uri.display()))
                        .help("write arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations");
                }
            } else if api.api_type == ApiType::Rest && is_function_arn(&masked) {
                out.report(loc, format!("`uri` `{}` is a Lambda function ARN; a REST API integration needs the function's invocation URI", uri.display()))
                    .help("wrap the ARN: arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations (Terraform: `invoke_arn`, not `arn`)");
            }
        }
    }
}

/// The Lambda invocation URI.
const LAMBDA_INVOKE: &[Part] = &[
    Part::Lit("arn:"),
    Part::Field(segment),
    Part::Lit(":apigateway:"),
    Part::Field(segment),
    Part::Lit(":lambda:path/2015-03-31/functions/"),
    Part::Field(path_segment),
    Part::Lit("/invocations"),
];

/// The Lambda response-streaming invocation URI.
const LAMBDA_STREAM: &[Part] = &[
    Part::Lit("arn:"),
    Part::Field(segment),
    Part::Lit(":apigateway:"),
    Part::Field(segment),
    Part::Lit(":lambda:path/2021-11-15/functions/"),
    Part::Field(path_segment),
    Part::Lit("/response-streaming-invocations"),
];

/// Says what is wrong with a Lambda path URI that matches neither form (for the message).
fn lambda_problem(masked: &str) -> String {
    let Some((head, tail)) = masked.split_once(":lambda:path/") else {
        return "it has no `:lambda:path/`".into();
    };
    if !matches_any(
        head,
        &[&[Part::Lit("arn:"), Part::Field(segment), Part::Lit(":apigateway:"), Part::Field(segment)]],
    ) {
        return "it does not start with `arn:{partition}:apigateway:{region}`".into();
    }
    let prefix = |p: &'static str| matches_format(tail, &[Part::Lit(p), Part::Any]);
    if !prefix("2015-03-31/functions/") && !prefix("2021-11-15/functions/") {
        return "the path after `lambda:path/` must start with `2015-03-31/functions/`".into();
    }
    if tail.starts_with("2021-11-15/") {
        "a streaming URI ends in `/response-streaming-invocations`".into()
    } else {
        "the path must end in `/functions/{functionArn}/invocations`".into()
    }
}

// Helpers shared with the other integration rules of this batch.

/// Stands in for a `${...}` placeholder in a masked string: it matches any text.
pub(super) const HOLE: char = '\u{1a}';

/// Stands in for a CloudFormation pseudo parameter whose value never contains `:` or `/`
/// (`${AWS::Region}`, `${AWS::Partition}`, `${AWS::AccountId}`...): it matches such text only.
pub(super) const SEGMENT_HOLE: char = '\u{1b}';

/// The pseudo parameters [`SEGMENT_HOLE`] stands for.
const SEGMENT_PARAMETERS: [&str; 5] =
    ["AWS::Region", "AWS::Partition", "AWS::AccountId", "AWS::URLSuffix", "AWS::StackName"];

/// Whether the text has a placeholder (either kind of hole).
pub(super) fn has_hole(s: &str) -> bool {
    s.contains([HOLE, SEGMENT_HOLE])
}

/// The text with each `${...}` placeholder (CloudFormation `Fn::Sub` variables, stage variables,
/// template variables) replaced by one [`HOLE`] or [`SEGMENT_HOLE`]. An unterminated `${` runs to
/// the end.
pub(super) fn mask(s: &str) -> Cow<'_, str> {
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
pub(super) fn uri_pattern(i: &Integration) -> Option<(&Text, Cow<'_, str>)> {
    let uri = i.uri.as_ref()?;
    let text = uri.pattern()?.trim();
    (text.len() <= MAX_URI).then(|| (uri, mask(text)))
}

/// URIs longer than this are not matched against formats (keeps the work linear in the document).
const MAX_URI: usize = 8192;

/// A piece of an expected format.
#[derive(Clone, Copy)]
pub(super) enum Part {
    /// This exact text.
    Lit(&'static str),
    /// One or more characters that satisfy the predicate.
    Field(fn(char) -> bool),
    /// Any text, possibly empty.
    Any,
}

/// A field of an ARN: anything but `:`, `/` and white space.
pub(super) fn segment(c: char) -> bool {
    c != ':' && c != '/' && !c.is_whitespace()
}

/// A path segment: anything but `/` and white space.
pub(super) fn path_segment(c: char) -> bool {
    c != '/' && !c.is_whitespace()
}

/// Whether a masked string fits the format, each [`HOLE`] matching any text. Runs a small NFA:
/// O(text length x format length).
pub(super) fn matches_format(text: &str, format: &[Part]) -> bool {
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

pub(super) fn matches_any(text: &str, formats: &[&[Part]]) -> bool {
    formats.iter().any(|f| matches_format(text, f))
}

/// A URI that goes through API Gateway's Lambda path to invoke a function: every `aws_proxy` one,
/// and an `aws` one that ends in `invocations` (other Lambda API paths, such as
/// `functions/{name}/configuration`, are ordinary AWS service calls).
pub(super) fn is_invocation(kind: IntegrationType, masked: &str) -> bool {
    masked.contains(":lambda:path/")
        && match kind {
            IntegrationType::AwsProxy => true,
            IntegrationType::Aws => masked.ends_with("invocations") || masked.ends_with(HOLE),
            _ => false,
        }
}

/// A bare Lambda function ARN written out (`arn:aws:lambda:us-east-1:123456789012:function:f`).
pub(super) fn is_function_arn(masked: &str) -> bool {
    let mut fields = masked.splitn(4, ':');
    fields.next() == Some("arn") && fields.nth(1) == Some("lambda") && masked.contains(":function:")
}

/// Whether `key` is absent (or null) in the mapping at `parent`, as written in the document.
pub(super) fn absent(api: &Api, parent: &Loc, key: &str) -> bool {
    api.sources.value(&parent.child(key)).is_none_or(Value::is_null)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The pointers where `rule` reports on a document with these `paths`, loaded as an HTTP API.
    pub(in crate::lint::rules) fn http_findings(rule: &str, paths: &str) -> Vec<String> {
        let yaml = format!(
            "openapi: 3.0.1\ninfo: {{title: t, version: \"1\"}}\nx-amazon-apigateway-importexport-version: \"1.0\"\npaths:\n{paths}"
        );
        let api = crate::load::test_api(&yaml, None);
        assert_eq!(api.api_type, ApiType::Http);
        crate::lint::run(&api, crate::lint::Mode::Lint)
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.loc.ptr.as_str().to_string())
            .collect()
    }

    #[test]
    fn http_apis_may_use_the_function_arn() {
        let paths = r#"
  /arn:
    post:
      x-amazon-apigateway-integration:
        {type: aws_proxy, httpMethod: POST, payloadFormatVersion: "2.0", uri: "arn:aws:lambda:us-east-2:123456789012:function:f"}
  /short:
    post:
      x-amazon-apigateway-integration:
        {type: aws_proxy, payloadFormatVersion: "2.0", uri: "arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/f"}
"#;
        assert_eq!(
            http_findings("integration-uri-lambda-format", paths),
            vec!["/paths/~1short/post/x-amazon-apigateway-integration/uri"]
        );
    }

    #[test]
    fn mask_replaces_placeholders() {
        assert_eq!(mask("arn:${Partition}:x/${Fn.Arn}/y"), format!("arn:{HOLE}:x/{HOLE}/y"));
        assert_eq!(mask("plain"), "plain");
        assert_eq!(mask("a${open"), format!("a{HOLE}"));
        assert_eq!(mask("arn:${AWS::Region}:${Fn.Arn}"), format!("arn:{SEGMENT_HOLE}:{HOLE}"));
    }

    #[test]
    fn formats_match_with_holes_anywhere() {
        let ok = |s: &str| matches_any(&mask(s), &[LAMBDA_INVOKE, LAMBDA_STREAM]);
        assert!(ok("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations"));
        assert!(ok(
            "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${F.Arn}/invocations"
        ));
        assert!(ok(
            "arn:aws:apigateway:${region}:lambda:path/2021-11-15/functions/${arn}/response-streaming-invocations"
        ));
        assert!(ok("${uri}"));
        assert!(ok("arn:aws:apigateway:us-east-1:lambda:path/${rest}"));
        assert!(ok("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:f/invocations"));
        assert!(!ok("arn:aws:apigateway:${AWS::Region}:path/2015-03-31/functions/f/invocations"));
        assert!(!ok(
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f"
        ));
        assert!(!ok("arn:aws:apigateway:us-east-1:lambda:path/2016-03-16/functions/f/invocations"));
        assert!(!ok("arn:aws:apigateway::lambda:path/2015-03-31/functions/f/invocations"));
        assert!(!ok("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions//invocations"));
    }

    #[test]
    fn function_arns() {
        assert!(is_function_arn("arn:aws:lambda:us-east-1:1:function:f"));
        assert!(is_function_arn(&mask("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:f")));
        assert!(!is_function_arn(
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f"
        ));
        assert!(!is_function_arn(&mask("${FunctionArn}")));
    }
}
