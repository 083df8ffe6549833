//! Lowering a large document on two threads at once, and renumbering the fork's schema ids when the halves join.

use std::collections::HashSet;

use crate::ir::{Additional, MediaType, SchemaId, SchemaKind, SpecVersion};
use crate::source::Sources;

use super::schema::fill_named;
use super::{begin, lower_rest, root, ApiParts, Cx, Lowering};

/// Documents at least this large lower their named schemas on a second thread.
pub(super) const PARALLEL_BYTES: usize = 256 * 1024;

/// Where a fork's schema ids start; they are renumbered when the halves are joined.
pub(super) const FORK_BASE: u32 = 1 << 31;

/// [`lower`](super::lower) in two halves at once: the named schemas on a second thread,
/// everything else on this one, referring to named schemas by the ids given out before the
/// split. The result is the one lowering in one pass gives (ids, findings and their order). None
/// when the halves cannot be joined that way: either registered a `$ref` target other than a
/// named schema (a schema inside another, or in another file), which the other half may meet as
/// well.
pub(super) fn lower_split(src: &Sources, version: SpecVersion, version_text: &str) -> Option<Lowering> {
    let (mut cx, named) = begin(src, version, version_text);
    if named.ids.is_empty() {
        return None;
    }
    let mut fork = cx.fork();
    let parts = std::thread::scope(|scope| {
        let filling = scope.spawn(|| fill_named(&mut cx, &named));
        let parts = lower_rest(&mut fork, root(src), version, version_text.to_string(), named.ids.clone());
        filling.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        parts
    });
    if fork.forked_registration || cx.targets_registered {
        return None;
    }
    let parts = cx.join(fork, parts);
    Some(cx.finish(parts))
}

impl<'s> Cx<'s> {
    /// A context that lowers beside this one: it knows the ids given so far, and gives out its
    /// own from [`FORK_BASE`] (see [`Cx::join`]).
    fn fork(&self) -> Cx<'s> {
        Cx {
            src: self.src,
            version: self.version,
            errors: Vec::new(),
            diags: Vec::new(),
            schemas: Vec::with_capacity(self.schemas.capacity()),
            schema_ids: self.schema_ids.clone(),
            reported: HashSet::new(),
            targets_registered: self.targets_registered,
            base: FORK_BASE,
            forked_registration: false,
            consumes: self.consumes.clone(),
            produces: self.produces.clone(),
        }
    }

    /// Takes in a fork's schemas, findings and errors after this context's own, numbering the
    /// fork's schemas after this context's (in `parts` too, which the fork lowered).
    fn join(&mut self, fork: Cx<'s>, mut parts: ApiParts) -> ApiParts {
        let first = self.schemas.len() as u32;
        let renumber = |id: &mut SchemaId| {
            if id.0 >= FORK_BASE {
                id.0 = id.0 - FORK_BASE + first;
            }
        };
        for mut schema in fork.schemas {
            renumber(&mut schema.id);
            match &mut schema.kind {
                SchemaKind::Array { items } => items.iter_mut().for_each(renumber),
                SchemaKind::Object { properties, additional, .. } => {
                    properties.values_mut().for_each(renumber);
                    if let Some(Additional::Schema(id)) = additional {
                        renumber(id);
                    }
                }
                SchemaKind::AllOf { of } | SchemaKind::OneOf { of } | SchemaKind::AnyOf { of } => {
                    of.iter_mut().for_each(renumber)
                }
                SchemaKind::Any
                | SchemaKind::String
                | SchemaKind::Integer
                | SchemaKind::Number
                | SchemaKind::Boolean
                | SchemaKind::Null
                | SchemaKind::Binary
                | SchemaKind::Unresolved { .. } => {}
            }
            self.schemas.push(schema);
        }
        for op in parts.paths.iter_mut().flat_map(|p| p.operations.iter_mut()) {
            op.parameters.iter_mut().filter_map(|p| p.schema.as_mut()).for_each(renumber);
            let bodies = op.request_body.iter_mut().flat_map(|b| b.content.values_mut());
            let responses = op.responses.iter_mut().flatten();
            let mut media: Vec<&mut MediaType> = bodies.collect();
            let mut headers = Vec::new();
            for r in responses {
                media.extend(r.content.values_mut());
                headers.extend(r.headers.values_mut());
            }
            media.into_iter().filter_map(|m| m.schema.as_mut()).for_each(renumber);
            headers.into_iter().filter_map(|h| h.schema.as_mut()).for_each(renumber);
        }
        self.errors.extend(fork.errors);
        self.diags.extend(fork.diags);
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_source;
    use crate::load::version::sniff_version;
    use crate::source::FileId;

    fn sources(text: &str) -> Sources {
        let mut sources = Sources::default();
        sources.add(parse_source("t.yaml".into(), text.as_bytes().to_vec()).unwrap());
        sources
    }

    /// Lowered in one pass and in two halves: both results, printed in full.
    fn both(text: &str) -> (String, Option<String>) {
        let src = sources(text);
        let (version, version_text) = sniff_version(&src.get(FileId(0)).value).unwrap();
        let (mut cx, named) = begin(&src, version, &version_text);
        fill_named(&mut cx, &named);
        let parts = lower_rest(&mut cx, root(&src), version, version_text.clone(), named.ids);
        let one = format!("{:#?}", cx.finish(parts));
        (one, lower_split(&src, version, &version_text).map(|two| format!("{two:#?}")))
    }

    const DOC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /pets/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      parameters: [{name: tags, in: query, schema: {type: array, items: {type: string}}}]
      responses:
        '200':
          description: ok
          headers: {X-Rate: {schema: {type: integer}}}
          content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}
        '404': {description: no, content: {application/json: {schema: {$ref: '#/components/schemas/Nope'}}}}
    put:
      requestBody:
        content:
          application/json:
            schema:
              allOf: [{$ref: '#/components/schemas/Pet'}, {properties: {extra: {type: boolean}}}]
      responses: {'204': {description: ok}}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string, example: Rex}
        owner: {$ref: '#/components/schemas/Owner'}
        toys: {type: array, items: {oneOf: [{type: string}, {$ref: '#/components/schemas/Toy'}]}}
      additionalProperties: {type: integer}
    Owner: {type: object, properties: {pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}
    Toy: {$ref: '#/components/schemas/Owner'}
    Broken: {$ref: '#/components/schemas/Missing'}
";

    #[test]
    fn two_halves_lower_as_one_pass_does() {
        let (one, two) = both(DOC);
        let two = two.expect("the document splits");
        assert!(!two.contains(&FORK_BASE.to_string()), "a fork id was left unnumbered");
        assert!(one.contains("unresolved-ref") && one.contains("Nope"), "{one}");
        assert_eq!(one, two);
    }

    #[test]
    fn swagger_form_bodies_lower_as_one_pass_does() {
        let doc = "swagger: '2.0'
info: {title: t, version: '1'}
consumes: [multipart/form-data]
paths:
  /upload:
    post:
      parameters:
        - {name: file, in: formData, type: file}
        - {name: body, in: body, schema: {$ref: '#/definitions/Meta'}}
      responses: {'200': {description: ok, schema: {$ref: '#/definitions/Meta'}}}
definitions:
  Meta: {type: object, properties: {size: {type: integer, format: int64}}}
";
        let (one, two) = both(doc);
        assert_eq!(one, two.expect("the document splits"));
    }

    #[test]
    fn a_reference_into_a_schema_lowers_in_one_pass() {
        // The paths refer to a property of a named schema: both halves could register it.
        let doc =
            DOC.replace("{$ref: '#/components/schemas/Nope'}", "{$ref: '#/components/schemas/Pet/properties/name'}");
        assert_eq!(both(&doc).1, None);
        // And a named schema that refers into the paths.
        let doc = DOC.replace(
            "Broken: {$ref: '#/components/schemas/Missing'}",
            "Broken: {$ref: '#/paths/~1pets~1{id}/put/requestBody/content/application~1json/schema'}",
        );
        assert_eq!(both(&doc).1, None);
    }
}
