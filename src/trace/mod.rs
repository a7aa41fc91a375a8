//! Trace: the citation graph from a directive down to the letters that
//! carry it out, with clause-level alignment.
//!
//! Must never: present an inferred link as a certain one.
