//! Lowering into the IR: the entry [`lower`], the context [`Cx`] and how it reports, and the [`ApiParts`] it gives.
//!
//! `$ref`s followed, Swagger 2.0 and OpenAPI 3.x lowered to one model, extensions typed. Structural
//! errors (a list where an object must be) stop the load; everything else is kept, leniently, for
//! the rules to judge.

mod fields;
mod integration;
mod parallel;
mod paths;
mod refs;
mod root;
mod schema;
mod security;

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::diag::{Error, Failed, Finding, Place, Report, Severity};
use crate::ir::{
    Info, PathItem, RootExtensions, Schema, SchemaId, SchemaStore, SecurityRequirement, SecurityScheme, Server,
    SpecVersion, TagInfo,
};
use crate::source::{FileId, Loc, Pointer, Sources};

pub use fields::{first_mapping_branch, kind_of};
use parallel::{lower_split, PARALLEL_BYTES};
use root::lower_rest;
use schema::{fill_named, register_named, Named};

type Obj = Map<String, Value>;

/// Rule id of the loader's own finding for a `$ref` it cannot follow.
pub const UNRESOLVED_REF: &str = "unresolved-ref";
/// Rule id of the loader's findings for misshapen OpenAPI structure it could skip.
pub const OPENAPI_STRUCTURE: &str = "openapi-structure";
/// Rule id of the loader's findings for nodes the specification does not define where they stand, which are skipped.
pub const OPENAPI_IGNORED: &str = "openapi-ignored";
/// Rule id of the loader's finding for OpenAPI 3.1 documents.
pub const OPENAPI_31: &str = "openapi-31";

pub(crate) struct Cx<'s> {
    src: &'s Sources,
    version: SpecVersion,
    errors: Vec<Error>,
    diags: Vec<Finding>,
    schemas: Vec<Schema>,
    schema_ids: HashMap<Loc, SchemaId>,
    reported: HashSet<Loc>,
    /// Has a schema been registered that is not a named component (see [`Cx::schema`])?
    targets_registered: bool,
    /// The first id this context gives out: 0, or [`FORK_BASE`](parallel::FORK_BASE) in a fork (see [`lower`]).
    base: u32,
    /// Has a fork registered a schema by location?
    forked_registration: bool,
    consumes: Vec<String>,
    produces: Vec<String>,
}

impl<'s> Cx<'s> {
    pub fn new(src: &'s Sources, version: SpecVersion) -> Self {
        Cx {
            src,
            version,
            errors: Vec::new(),
            diags: Vec::new(),
            // Room for the schemas up front: growing a vector of large elements copies it each
            // time (a schema per ~200 bytes of text is typical; unused capacity costs no memory).
            schemas: Vec::with_capacity(src.get(FileId(0)).text.len() / 128 + 16),
            schema_ids: HashMap::new(),
            reported: HashSet::new(),
            targets_registered: false,
            base: 0,
            forked_registration: false,
            consumes: Vec::new(),
            produces: Vec::new(),
        }
    }

    fn shape(&mut self, loc: &Loc, message: impl Into<String>, help: impl Into<String>) {
        let source = self.src.get(loc.file);
        let place = Place::node(source, &loc.ptr);
        self.errors.push(Error::at(Failed::Document, &source.path, place, message).help(help));
    }

    fn sw2(&self) -> bool {
        self.version == SpecVersion::Swagger2
    }

    /// A value of the wrong shape. Inside an `x-amazon-apigateway-*` extension, where API
    /// Gateway reads every field, it stops the load; elsewhere it is reported and skipped.
    fn wrong(&mut self, loc: &Loc, message: String, help: String) {
        if loc.ptr.as_str().contains("/x-amazon-apigateway-") {
            self.shape(loc, message, help);
        } else {
            self.note(loc, message, help);
        }
    }

    /// A structural problem the rest of the document can live with: a finding, not a stop.
    fn note(&mut self, loc: &Loc, message: impl Into<String>, help: impl Into<String>) {
        self.diags.report(OPENAPI_STRUCTURE, Severity::Error, loc.clone(), message).help(help);
    }

    /// A node the specification does not define where it stands: skipped, as the import skips it.
    fn ignored(&mut self, loc: &Loc, message: impl Into<String>, help: impl Into<String>) {
        self.diags.report(OPENAPI_IGNORED, Severity::Warn, loc.clone(), message).help(help);
    }

    /// The lowered parts with every schema, or the errors; and the findings.
    fn finish(mut self, parts: ApiParts) -> Lowering {
        let schemas = std::mem::take(&mut self.schemas);
        (self.build(parts).map(|p| p.with_schemas(schemas)), self.diags)
    }

    fn build<T>(&mut self, api: T) -> Result<T, Vec<Error>> {
        if self.errors.is_empty() {
            Ok(api)
        } else {
            Err(std::mem::take(&mut self.errors))
        }
    }
}

/// Lowers the root document of `src` into an [`Api`](crate::ir::Api): a large one in two halves at once (see
/// [`lower_split`]).
pub fn lower(src: &Sources, version: SpecVersion, version_text: String) -> Lowering {
    if src.get(FileId(0)).text.len() >= PARALLEL_BYTES {
        if let Some(done) = lower_split(src, version, &version_text) {
            return done;
        }
    }
    let (mut cx, named) = begin(src, version, &version_text);
    fill_named(&mut cx, &named);
    let parts = lower_rest(&mut cx, root(src), version, version_text, named.ids);
    cx.finish(parts)
}

/// What lowering gives: the parts of the API (or the errors that stop it) and the findings.
pub type Lowering = (Result<ApiParts, Vec<Error>>, Vec<Finding>);

fn root(src: &Sources) -> &Obj {
    src.get(FileId(0)).value.as_object().expect("sniffed as an object")
}

/// A context with the document-wide settings read and the named schemas registered.
fn begin<'s>(src: &'s Sources, version: SpecVersion, version_text: &str) -> (Cx<'s>, Named<'s>) {
    let root_loc = Loc::new(FileId(0), Pointer::root());
    let root = root(src);
    let mut cx = Cx::new(src, version);
    if version == SpecVersion::OpenApi31 {
        cx.diags.report(OPENAPI_31, Severity::Warn, root_loc.child("openapi"), format!("OpenAPI {version_text}: API Gateway imports OpenAPI 3.0 only")).help("gwgen reads 3.1 to lint and generate; write `openapi: 3.0.3` (and 3.0 schema syntax) for a document API Gateway will import");
    }
    if cx.sw2() {
        cx.consumes = cx.string_list(&root_loc, root, "consumes");
        cx.produces = cx.string_list(&root_loc, root, "produces");
    }
    let named = register_named(&mut cx, &root_loc, root);
    (cx, named)
}

/// Everything of an [`Api`](crate::ir::Api) except what the caller adds (sources, api type).
#[derive(Debug)]
pub struct ApiParts {
    pub version: SpecVersion,
    pub version_text: String,
    pub info: Info,
    pub servers: Vec<Server>,
    pub base_path: Option<String>,
    pub paths: Vec<PathItem>,
    pub security_schemes: IndexMap<String, SecurityScheme>,
    pub security: Option<Vec<SecurityRequirement>>,
    pub schemas: SchemaStore,
    pub tags: Vec<TagInfo>,
    pub apigw: RootExtensions,
}

impl ApiParts {
    fn with_schemas(mut self, schemas: Vec<Schema>) -> Self {
        self.schemas.schemas = schemas;
        self
    }
}
