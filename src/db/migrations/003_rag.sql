-- Product knowledge (RAG): documents, chunks with embeddings and full-text search.
--
-- Per-embedder dimensions: `chunks.embedding` is `vector` without a typmod, and every
-- embedder gets a partial HNSW expression index over `embedding::vector(<dim>)` limited
-- to its own rows (`WHERE embedder = '<id>'`). The default offline embedder's index is
-- created here; `src/rag/store.ts` creates the index of any other embedder on first use.
-- Full-text search runs over jieba-segmented text (`tokens`) with the 'simple'
-- configuration, which works the same on PostgreSQL and PGlite.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE rag_documents (
  id            text PRIMARY KEY,
  title         text NOT NULL,
  doc_type      text NOT NULL DEFAULT 'other',     -- prospectus | fact_sheet | risk_disclosure | research | faq | announcement | annual_report | other
  product_ids   text[] NOT NULL DEFAULT '{}',
  lang          text NOT NULL CHECK (lang IN ('zh','en')),
  risk_level    smallint CHECK (risk_level BETWEEN 1 AND 5),
  published_at  date,
  source_path   text,
  format        text NOT NULL,                     -- md | html | pdf | docx | jsonl | txt
  content_hash  text NOT NULL,                     -- sha256 of the source bytes
  pages         int,
  metadata      jsonb NOT NULL DEFAULT '{}',
  ingested_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rag_documents_products_idx ON rag_documents USING gin (product_ids);
CREATE INDEX rag_documents_type_idx ON rag_documents (doc_type, lang);

CREATE TABLE rag_chunks (
  id          text PRIMARY KEY,                    -- '<doc id>#<ordinal>'
  doc_id      text NOT NULL REFERENCES rag_documents(id) ON DELETE CASCADE,
  ordinal     int NOT NULL,
  section     text,
  page        int,
  text        text NOT NULL,
  tokens      text NOT NULL,                       -- jieba-segmented, lower-cased, space-separated
  tsv         tsvector GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED,
  embedder    text NOT NULL,                       -- embedder id, e.g. 'hash-v1-512'
  dim         int NOT NULL,
  embedding   vector NOT NULL,
  flagged     text,                                -- reason when the text tries to steer the model
  UNIQUE (doc_id, ordinal)
);
CREATE INDEX rag_chunks_doc_idx ON rag_chunks (doc_id);
CREATE INDEX rag_chunks_tsv_idx ON rag_chunks USING gin (tsv);
CREATE INDEX rag_chunks_embedder_idx ON rag_chunks (embedder);
CREATE INDEX rag_chunks_hnsw_hash_v1_512 ON rag_chunks
  USING hnsw ((embedding::vector(512)) vector_cosine_ops)
  WHERE embedder = 'hash-v1-512';
