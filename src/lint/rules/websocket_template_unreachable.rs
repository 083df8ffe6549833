use crate::diag::Severity;
use crate::ir::{Api, Selection, SelectionPart};
use crate::lint::{ApiTypes, Category, Fails, Findings, Rule, RuleMeta};

/// ## What it checks
/// Every request template of a WebSocket integration can be chosen: its key is `$default`, or a
/// value the integration's `TemplateSelectionExpression` can evaluate to. A constant expression
/// (`\$default`, `v1`) selects only the template of that key; an expression with variables
/// (`${request.body.version}-beta`) only keys with its literal text around them.
///
/// ## Why
/// The template selection expression evaluates to a "key for `Integration.RequestTemplates`";
/// `${request.body.jsonPath}` and static values are supported, and "`$default` is supported as
/// a catch-all" [DG:apigateway-websocket-api-selection-expressions]. A template under a key the
/// expression never produces is never used: the message goes to the backend as the passthrough
/// behavior says instead of transformed. Keying templates by content type
/// (`application/json`), as REST APIs do, is the usual slip.
///
/// ## Example
/// ```yaml
/// TemplateSelectionExpression: \$default
/// RequestTemplates:
///   application/json: '{"statusCode": 200}'   # never selected: the expression gives `$default`
/// ```
///
/// ## Fix
/// Key the template by what the expression gives (`$default` for `\$default`), or change the
/// expression to select it.
///
/// ## References
/// - <https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html>
pub struct WebsocketTemplateUnreachable;

impl Rule for WebsocketTemplateUnreachable {
    const META: RuleMeta = RuleMeta {
        id: "websocket-template-unreachable",
        category: Category::Integration,
        severity: Severity::Warn,
        applies_to: ApiTypes::WEBSOCKET,
        fails: Fails::Runtime,
        generic: false,
        summary: "a WebSocket request template's key is one its template selection expression can give",
    };

    fn check(api: &Api, out: &mut Findings) {
        let Some(ws) = &api.websocket else { return };
        for i in ws.integrations.values() {
            let Some(e) = &i.template_selection_expression else { continue };
            let Some(text) = e.value.as_str() else { continue };
            let Ok(selection) = Selection::parse(text) else { continue };
            for (key, template) in &i.request_templates {
                if key == "$default" || can_give(&selection, key) {
                    continue;
                }
                let gives = match selection.constant() {
                    Some(c) => format!("always gives `{c}`"),
                    None => format!("`{text}` cannot give it"),
                };
                out.report(template.loc.clone(), format!("request template `{key}` is never selected: the template selection expression {gives}"))
                    .help("key the template by a value the expression gives (`$default` is the catch-all), or change the expression")
                    .related(e.loc.clone(), "the template selection expression");
            }
        }
    }
}

/// Can the expression evaluate to `key`? Literal parts must appear in order; a variable can be
/// any text (an absent JSON path evaluates to "").
fn can_give(selection: &Selection, key: &str) -> bool {
    fn matches(parts: &[SelectionPart], rest: &str) -> bool {
        match parts.split_first() {
            None => rest.is_empty(),
            Some((SelectionPart::Literal(l), tail)) => rest.strip_prefix(l.as_str()).is_some_and(|r| matches(tail, r)),
            Some((SelectionPart::Variable(_), tail)) => {
                (0..=rest.len()).filter(|i| rest.is_char_boundary(*i)).any(|i| matches(tail, &rest[i..]))
            }
        }
    }
    matches(&selection.parts, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_an_expression_can_give() {
        let s = |t: &str| Selection::parse(t).unwrap();
        assert!(can_give(&s("\\$default"), "$default"));
        assert!(!can_give(&s("\\$default"), "application/json"));
        assert!(can_give(&s("${request.body.version}-beta"), "v2-beta"));
        assert!(!can_give(&s("${request.body.version}-beta"), "v2"));
        assert!(can_give(&s("$request.body.kind"), "anything"));
        assert!(can_give(&s("v1"), "v1") && !can_give(&s("v1"), "v2"));
    }
}
