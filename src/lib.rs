//! vanban: Vietnamese government directives in, a searchable register of
//! who must do what, by when, out.
//!
//! The modules follow the pipeline: [`ingest`] gets text out of files,
//! [`repair`] turns mis-encoded Vietnamese back into clean NFC text,
//! [`segment`] finds the header, sections and closing blocks, [`extract`]
//! reads document facts, tasks, agencies, deadlines and citations,
//! [`index`] stores it all in tantivy, and [`trace`] follows citations.
//! [`pipeline`] runs the stages over many files in parallel.

pub mod export;
pub mod extract;
pub mod gen;
pub mod index;
pub mod ingest;
pub mod model;
pub mod pipeline;
pub mod repair;
pub mod segment;
pub mod text;
pub mod trace;
