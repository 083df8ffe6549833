use crate::diag::Severity;
use crate::ir::{Api, Text};
use crate::lint::{Fails, ApiTypes, Category, Findings, Rule, RuleMeta};
use crate::source::Loc;

/// ## What it checks
/// Integration and authorizer fields that API Gateway reads as strings (`uri`, `credentials`,
/// `connectionId`, `authorizerUri`...) are not left as CloudFormation intrinsic functions
/// (`Fn::Sub`, `Ref`, `Fn::GetAtt`...).
///
/// ## Why
/// CloudFormation resolves intrinsics when the document is the body of a template resource
/// (`DefinitionBody`, `Body`, `AWS::Include`). Imported any other way, the import fails with
/// "Unable to parse API definition because of a malformed integration at path /."
/// (localstack#4619).
///
/// An API read from its template is not checked: CloudFormation resolves the intrinsics there.
/// The rule warns rather than errs: a document that uses intrinsics is almost always the body
/// of a template (or a file CloudFormation includes), where they are resolved at deployment.
///
/// ## Example
/// ```yaml
/// uri:
///   Fn::Sub: arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
/// ```
///
/// ## Fix
/// Deploy the document through its CloudFormation / SAM template, or substitute the values
/// before importing it directly.
pub struct UnresolvedIntrinsic;

impl Rule for UnresolvedIntrinsic {
    const META: RuleMeta = RuleMeta {
        id: "unresolved-intrinsic",
        category: Category::Import,
        severity: Severity::Warn,
        applies_to: ApiTypes::BOTH,
        fails: Fails::Import(Severity::Warn),
        generic: false,
        summary: "string fields must not be unresolved CloudFormation intrinsics when imported directly",
    };

    fn check(api: &Api, out: &mut Findings) {
        if api.template.is_some() {
            return;
        }
        let mut check = |loc: &Loc, field: &str, text: &Option<Text>| {
            if let Some(name) = text.as_ref().and_then(Text::intrinsic) {
                out.report(
                    loc.child(field),
                    format!(
                        "`{field}` is a CloudFormation `{name}`; a direct import fails with \"malformed integration\""
                    ),
                )
                .help(
                    "deploy through the CloudFormation / SAM template that resolves it, or write the resolved string",
                );
            }
        };
        for (_, i) in crate::lint::helpers::integrations(api) {
            check(&i.loc, "uri", &i.uri);
            check(&i.loc, "credentials", &i.credentials);
            check(&i.loc, "connectionId", &i.connection_id);
        }
        for scheme in api.security_schemes.values() {
            if let Some(a) = &scheme.authorizer {
                check(&a.loc, "authorizerUri", &a.authorizer_uri);
                check(&a.loc, "authorizerCredentials", &a.authorizer_credentials);
            }
        }
    }
}
