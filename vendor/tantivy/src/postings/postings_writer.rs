use std::io;
use std::marker::PhantomData;
use std::ops::Range;

use stacker::{Addr, MemoryArena};

use crate::fieldnorm::FieldNormReaders;
use crate::indexer::path_to_unordered_id::OrderedPathId;
use crate::postings::recorder::{BufferLender, Recorder};
use crate::postings::{
    FieldSerializer, IndexingContext, InvertedIndexSerializer, PerFieldPostingsWriter,
};
use crate::schema::{Field, Schema, Term, Type};
use crate::tokenizer::{Token, TokenStream, MAX_TOKEN_LEN};
use crate::DocId;

const POSITION_GAP: u32 = 1;

fn make_field_partition(
    term_offsets: &[(Field, OrderedPathId, &[u8], Addr)],
) -> Vec<(Field, Range<usize>)> {
    let term_offsets_it = term_offsets
        .iter()
        .map(|(field, _, _, _)| *field)
        .enumerate();
    let mut prev_field_opt = None;
    let mut fields = vec![];
    let mut offsets = vec![];
    for (offset, field) in term_offsets_it {
        if Some(field) != prev_field_opt {
            prev_field_opt = Some(field);
            fields.push(field);
            offsets.push(offset);
        }
    }
    offsets.push(term_offsets.len());
    let mut field_offsets = vec![];
    for i in 0..fields.len() {
        field_offsets.push((fields[i], offsets[i]..offsets[i + 1]));
    }
    field_offsets
}

/// Serialize the inverted index.
/// It pushes all term, one field at a time, towards the
/// postings serializer.
pub(crate) fn serialize_postings(
    ctx: IndexingContext,
    schema: Schema,
    per_field_postings_writers: &PerFieldPostingsWriter,
    fieldnorm_readers: FieldNormReaders,
    serializer: &mut InvertedIndexSerializer,
) -> crate::Result<()> {
    // Replace unordered ids by ordered ids to be able to sort
    let unordered_id_to_ordered_id: Vec<OrderedPathId> =
        ctx.path_to_unordered_id.unordered_id_to_ordered_id();

    let mut term_offsets: Vec<(Field, OrderedPathId, &[u8], Addr)> =
        Vec::with_capacity(ctx.term_index.len());
    term_offsets.extend(ctx.term_index.iter().map(|(key, addr)| {
        let field = Term::wrap(key).field();
        if schema.get_field_entry(field).field_type().value_type() == Type::Json {
            let byte_range_path = 5..5 + 4;
            let unordered_id = u32::from_be_bytes(key[byte_range_path.clone()].try_into().unwrap());
            let path_id = unordered_id_to_ordered_id[unordered_id as usize];
            (field, path_id, &key[byte_range_path.end..], addr)
        } else {
            (field, 0.into(), &key[5..], addr)
        }
    }));
    // Sort by field, path, and term
    term_offsets.sort_unstable_by(
        |(field1, path_id1, bytes1, _), (field2, path_id2, bytes2, _)| {
            (field1, path_id1, bytes1).cmp(&(field2, path_id2, bytes2))
        },
    );
    let ordered_id_to_path = ctx.path_to_unordered_id.ordered_id_to_path();
    let field_offsets = make_field_partition(&term_offsets);
    for (field, byte_offsets) in field_offsets {
        let postings_writer = per_field_postings_writers.get_for_field(field);
        let fieldnorm_reader = fieldnorm_readers.get_field(field)?;
        let mut field_serializer =
            serializer.new_field(field, postings_writer.total_num_tokens(), fieldnorm_reader)?;
        postings_writer.serialize(
            &term_offsets[byte_offsets],
            &ordered_id_to_path,
            &ctx,
            &mut field_serializer,
        )?;
        field_serializer.close()?;
    }

    Ok(())
}

#[derive(Default, Debug)]
pub(crate) struct IndexingPosition {
    pub num_tokens: u32,
    pub end_position: u32,
}

/// The `PostingsWriter` is in charge of receiving documenting
/// and building a `Segment` in anonymous memory.
///
/// `PostingsWriter` writes in a `MemoryArena`.
pub(crate) trait PostingsWriter: Send + Sync {
    /// Record that a document contains a term at a given position.
    ///
    /// * doc  - the document id
    /// * pos  - the term position (expressed in tokens)
    /// * term - the term
    /// * ctx - Contains a term hashmap and a memory arena to store all necessary posting list
    ///   information.
    fn subscribe(&mut self, doc: DocId, pos: u32, term: &Term, ctx: &mut IndexingContext);

    /// Serializes the postings on disk.
    /// The actual serialization format is handled by the `PostingsSerializer`.
    fn serialize(
        &self,
        term_addrs: &[(Field, OrderedPathId, &[u8], Addr)],
        ordered_id_to_path: &[&str],
        ctx: &IndexingContext,
        serializer: &mut FieldSerializer,
    ) -> io::Result<()>;

    /// Tokenize a text and subscribe all of its token.
    fn index_text(
        &mut self,
        doc_id: DocId,
        token_stream: &mut dyn TokenStream,
        term_buffer: &mut Term,
        ctx: &mut IndexingContext,
        indexing_position: &mut IndexingPosition,
    ) {
        let end_of_path_idx = term_buffer.len_bytes();
        let mut num_tokens = 0;
        let mut end_position = indexing_position.end_position;
        token_stream.process(&mut |token: &Token| {
            // We skip all tokens with a len greater than u16.
            if token.text.len() > MAX_TOKEN_LEN {
                warn!(
                    "A token exceeding MAX_TOKEN_LEN ({}>{}) was dropped. Search for \
                     MAX_TOKEN_LEN in the documentation for more information.",
                    token.text.len(),
                    MAX_TOKEN_LEN
                );
                return;
            }
            term_buffer.truncate_value_bytes(end_of_path_idx);
            term_buffer.append_bytes(token.text.as_bytes());
            let start_position = indexing_position.end_position + token.position as u32;
            end_position = end_position.max(start_position + token.position_length as u32);
            self.subscribe(doc_id, start_position, term_buffer, ctx);
            num_tokens += 1;
        });

        indexing_position.end_position = end_position + POSITION_GAP;
        indexing_position.num_tokens += num_tokens;
        term_buffer.truncate_value_bytes(end_of_path_idx);
    }

    fn total_num_tokens(&self) -> u64;
}

/// The `SpecializedPostingsWriter` is just here to remove dynamic
/// dispatch to the recorder information.
#[derive(Default)]
pub(crate) struct SpecializedPostingsWriter<Rec: Recorder> {
    total_num_tokens: u64,
    /// The keys of the chunk of tokens being indexed, back to back, then
    /// spare room (zeroed when the buffer grows, later holding old keys).
    scratch_keys: Vec<u8>,
    /// Each token of that chunk: its key's start and end in `scratch_keys`,
    /// its hash, its position.
    scratch_tokens: Vec<(u32, u32, stacker::HashType, u32)>,
    _recorder_type: PhantomData<Rec>,
}

/// Tokens between the prefetch of a key's table bucket and of its entry,
/// between the prefetch of its entry and of its postings' tail, and between
/// that and its use.
const PREFETCH_DISTANCE: usize = 8;

/// Tokens buffered before they are subscribed (bounds the scratch memory of
/// a long text).
const TOKEN_CHUNK: usize = 1024;

impl<Rec: Recorder> From<SpecializedPostingsWriter<Rec>> for Box<dyn PostingsWriter> {
    fn from(
        specialized_postings_writer: SpecializedPostingsWriter<Rec>,
    ) -> Box<dyn PostingsWriter> {
        Box::new(specialized_postings_writer)
    }
}

impl<Rec: Recorder> SpecializedPostingsWriter<Rec> {
    #[inline]
    pub(crate) fn serialize_one_term(
        term: &[u8],
        addr: Addr,
        buffer_lender: &mut BufferLender,
        ctx: &IndexingContext,
        serializer: &mut FieldSerializer,
    ) -> io::Result<()> {
        let recorder: Rec = ctx.term_index.read(addr);
        let term_doc_freq = recorder.term_doc_freq().unwrap_or(0u32);
        serializer.new_term(term, term_doc_freq, recorder.has_term_freq())?;
        recorder.serialize(&ctx.arena, serializer, buffer_lender);
        serializer.close_term()?;
        Ok(())
    }
}

impl<Rec: Recorder> SpecializedPostingsWriter<Rec> {
    /// `subscribe` of a key (at most `u16::MAX` bytes) whose hash is known.
    #[inline]
    fn subscribe_hashed(
        &mut self,
        doc: DocId,
        position: u32,
        key: &[u8],
        hash: stacker::HashType,
        ctx: &mut IndexingContext,
    ) {
        self.total_num_tokens += 1;
        let (term_index, arena) = (&mut ctx.term_index, &mut ctx.arena);
        term_index.mutate_or_create_hashed(key, hash, |opt_recorder: Option<Rec>| {
            if let Some(recorder) = opt_recorder {
                Self::record(recorder, doc, position, arena)
            } else {
                let mut recorder = Rec::default();
                recorder.new_doc(doc, arena);
                recorder.record_position(position, arena);
                recorder
            }
        });
    }

    /// `subscribe` of a term already in the table, whose recorder lives at
    /// `val_addr` (found by [`Self::subscribe_tokens`]'s look-ahead).
    #[inline]
    fn subscribe_at(&mut self, doc: DocId, position: u32, val_addr: Addr, ctx: &mut IndexingContext) {
        self.total_num_tokens += 1;
        let arena = &mut ctx.arena;
        ctx.term_index
            .mutate_value_at(val_addr, |recorder: Rec| Self::record(recorder, doc, position, arena));
    }

    /// A term's recorder after one more occurrence of it, in `doc` at `position`.
    #[inline]
    fn record(mut recorder: Rec, doc: DocId, position: u32, arena: &mut MemoryArena) -> Rec {
        if recorder.current_doc() != doc {
            recorder.close_doc(arena);
            recorder.new_doc(doc, arena);
        }
        recorder.record_position(position, arena);
        recorder
    }

    /// Subscribes buffered tokens in order. Three prefetches run ahead of
    /// the token being subscribed: its table bucket, then the entry the
    /// bucket points to, then the place its postings list is written next.
    /// Most terms of a large segment are out of cache, and without them the
    /// loop waits on one to three misses a token. The last one looks the
    /// term up; where it is found, its recorder's address is kept, and the
    /// token updates it there instead of looking the term up again.
    fn subscribe_tokens(
        &mut self,
        doc: DocId,
        keys: &[u8],
        tokens: &[(u32, u32, stacker::HashType, u32)],
        ctx: &mut IndexingContext,
    ) {
        let key = |t: &(u32, u32, stacker::HashType, u32)| &keys[t.0 as usize..t.1 as usize];
        // The recorder address found for token `j`, in slot `j % FOUND`: set
        // `PREFETCH_DISTANCE` tokens before `j` is subscribed (`None` for the
        // first tokens, which nothing looked up ahead). A term created in
        // between is looked up again; one found stays where it was found.
        const FOUND: usize = 2 * PREFETCH_DISTANCE;
        let mut found: [Option<Addr>; FOUND] = [None; FOUND];
        for (i, token) in tokens.iter().enumerate() {
            if let Some(t) = tokens.get(i + 3 * PREFETCH_DISTANCE) {
                ctx.term_index.prefetch_bucket(t.2);
            }
            if let Some(t) = tokens.get(i + 2 * PREFETCH_DISTANCE) {
                ctx.term_index.prefetch_entry(t.2);
            }
            if let Some(t) = tokens.get(i + PREFETCH_DISTANCE) {
                let val_addr = ctx.term_index.get_value_addr_hashed(key(t), t.2);
                if let Some(val_addr) = val_addr {
                    let recorder: Rec = ctx.term_index.read(val_addr);
                    // A term already in this document has its tail in cache.
                    if recorder.current_doc() != doc {
                        recorder.prefetch(&ctx.arena);
                    }
                }
                found[(i + PREFETCH_DISTANCE) % FOUND] = val_addr;
            }
            match found[i % FOUND] {
                Some(val_addr) => self.subscribe_at(doc, token.3, val_addr, ctx),
                None => self.subscribe_hashed(doc, token.3, key(token), token.2, ctx),
            }
        }
    }
}

impl<Rec: Recorder> PostingsWriter for SpecializedPostingsWriter<Rec> {
    /// Tokenizes the text a chunk at a time, hashing each token's key, then
    /// hands the chunk to [`Self::subscribe_tokens`] (the default
    /// `index_text` subscribes each token as it comes, with no room to
    /// prefetch).
    fn index_text(
        &mut self,
        doc_id: DocId,
        token_stream: &mut dyn TokenStream,
        term_buffer: &mut Term,
        ctx: &mut IndexingContext,
        indexing_position: &mut IndexingPosition,
    ) {
        let end_of_path_idx = term_buffer.len_bytes();
        // The key of a token is the term's field (and path) then the token.
        let prefix: &[u8] = term_buffer.serialized_term();
        let mut keys = std::mem::take(&mut self.scratch_keys);
        let mut tokens = std::mem::take(&mut self.scratch_tokens);
        // Bytes of `keys` holding this chunk's keys (the rest is spare room,
        // zeroed once, so a key is copied in without a `memcpy` call).
        let mut used = 0usize;
        tokens.clear();
        let base = indexing_position.end_position;
        let mut end_position = indexing_position.end_position;
        let mut num_tokens = 0u32;
        token_stream.process(&mut |token: &Token| {
            // We skip all tokens with a len greater than u16.
            if token.text.len() > MAX_TOKEN_LEN {
                warn!(
                    "A token exceeding MAX_TOKEN_LEN ({}>{}) was dropped. Search for \
                     MAX_TOKEN_LEN in the documentation for more information.",
                    token.text.len(),
                    MAX_TOKEN_LEN
                );
                return;
            }
            let text = token.text.as_bytes();
            let (start, end) = (used, used + prefix.len() + text.len());
            if end > keys.len() {
                keys.resize(end.max(2 * keys.len()).max(4096), 0);
            }
            stacker::fast_short_slice_copy(prefix, &mut keys[start..start + prefix.len()]);
            stacker::fast_short_slice_copy(text, &mut keys[start + prefix.len()..end]);
            used = end;
            let hash = ctx.term_index.hash_key(&keys[start..end]);
            let start_position = base + token.position as u32;
            end_position = end_position.max(start_position + token.position_length as u32);
            tokens.push((start as u32, end as u32, hash, start_position));
            num_tokens += 1;
            if tokens.len() == TOKEN_CHUNK {
                self.subscribe_tokens(doc_id, &keys, &tokens, ctx);
                used = 0;
                tokens.clear();
            }
        });
        self.subscribe_tokens(doc_id, &keys, &tokens, ctx);
        indexing_position.end_position = end_position + POSITION_GAP;
        indexing_position.num_tokens += num_tokens;
        term_buffer.truncate_value_bytes(end_of_path_idx);
        self.scratch_keys = keys;
        self.scratch_tokens = tokens;
    }

    #[inline]
    fn subscribe(&mut self, doc: DocId, position: u32, term: &Term, ctx: &mut IndexingContext) {
        debug_assert!(term.serialized_term().len() >= 4);
        // Keys are limited to u16::MAX bytes.
        let key = term.serialized_term();
        let key = &key[..key.len().min(u16::MAX as usize)];
        let hash = ctx.term_index.hash_key(key);
        self.subscribe_hashed(doc, position, key, hash, ctx);
    }

    fn serialize(
        &self,
        term_addrs: &[(Field, OrderedPathId, &[u8], Addr)],
        _ordered_id_to_path: &[&str],
        ctx: &IndexingContext,
        serializer: &mut FieldSerializer,
    ) -> io::Result<()> {
        let mut buffer_lender = BufferLender::default();
        for (_field, _path_id, term, addr) in term_addrs {
            Self::serialize_one_term(term, *addr, &mut buffer_lender, ctx, serializer)?;
        }
        Ok(())
    }

    fn total_num_tokens(&self) -> u64 {
        self.total_num_tokens
    }
}
