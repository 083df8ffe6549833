//! What SAM's transform adds to an API from the template: its `Auth`, and the functions' events.

mod auth;
mod events;

pub use auth::apply_sam_auth;
pub use events::{apply_sam_events, function_events, FunctionEvent, SAM_EVENT_CONFLICT, SAM_EVENT_NOT_MERGED};
