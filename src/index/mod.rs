//! Index: documents and task clauses in an embedded tantivy index.
//!
//! Must never: leave the index in a state a reader cannot open.
