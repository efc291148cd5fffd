-- Product knowledge (RAG), part 2: what a real BM25 leg needs.
--
-- PostgreSQL's ts_rank has no inverse document frequency, so full-text ranking alone
-- lets common words ("基金", "fund") swamp rare, decisive ones (a manager's name, a
-- product code). This migration keeps the corpus statistics BM25 needs, maintained by
-- statement-level triggers so every write path (ingest, replace, cascade delete) keeps
-- them exact without extra round trips:
--   rag_terms(term, df)      chunks containing each lexeme of `rag_chunks.tsv`;
--   rag_corpus(chunks, terms) number of chunks and their total length in terms;
--   rag_chunks.n_terms       the chunk's length in terms (tokens), for length normalization.
-- Title search: rag_documents.title_tokens (jieba-segmented title) with a GIN-indexed
-- tsvector, for the title/product-name leg of hybrid search.

ALTER TABLE rag_chunks ADD COLUMN n_terms int;
UPDATE rag_chunks SET n_terms = coalesce(array_length(regexp_split_to_array(btrim(tokens), '\s+'), 1), 0);
ALTER TABLE rag_chunks ALTER COLUMN n_terms SET DEFAULT 0;

ALTER TABLE rag_documents ADD COLUMN title_tokens text NOT NULL DEFAULT '';
ALTER TABLE rag_documents ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', title_tokens)) STORED;
CREATE INDEX rag_documents_title_tsv_idx ON rag_documents USING gin (title_tsv);

CREATE TABLE rag_terms (
  term  text PRIMARY KEY,
  df    int NOT NULL
);

CREATE TABLE rag_corpus (
  id      boolean PRIMARY KEY DEFAULT true CHECK (id),
  chunks  bigint NOT NULL,
  terms   bigint NOT NULL
);
INSERT INTO rag_corpus (chunks, terms) SELECT count(*), coalesce(sum(n_terms), 0) FROM rag_chunks;
INSERT INTO rag_terms (term, df)
  SELECT t, count(*) FROM rag_chunks, unnest(tsvector_to_array(tsv)) AS t GROUP BY t;

CREATE FUNCTION rag_chunks_stats_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rag_terms (term, df)
    SELECT t, count(*) FROM new_rows, unnest(tsvector_to_array(new_rows.tsv)) AS t GROUP BY t ORDER BY t
    ON CONFLICT (term) DO UPDATE SET df = rag_terms.df + excluded.df;
  UPDATE rag_corpus SET chunks = chunks + s.n, terms = terms + s.len
    FROM (SELECT count(*) AS n, coalesce(sum(n_terms), 0) AS len FROM new_rows) s;
  RETURN NULL;
END $$;

CREATE FUNCTION rag_chunks_stats_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Terms whose last chunk goes are deleted; the others counted down (disjoint rows).
  WITH o AS (SELECT t, count(*) AS n FROM old_rows, unnest(tsvector_to_array(old_rows.tsv)) AS t GROUP BY t),
       gone AS (DELETE FROM rag_terms r USING o WHERE r.term = o.t AND r.df <= o.n)
  UPDATE rag_terms r SET df = r.df - o.n FROM o WHERE r.term = o.t AND r.df > o.n;
  UPDATE rag_corpus SET chunks = chunks - s.n, terms = terms - s.len
    FROM (SELECT count(*) AS n, coalesce(sum(n_terms), 0) AS len FROM old_rows) s;
  RETURN NULL;
END $$;

CREATE TRIGGER rag_chunks_stats_ins AFTER INSERT ON rag_chunks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rag_chunks_stats_ins();
CREATE TRIGGER rag_chunks_stats_del AFTER DELETE ON rag_chunks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rag_chunks_stats_del();
