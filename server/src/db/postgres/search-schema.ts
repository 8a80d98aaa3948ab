// Full-text search of messages on PostgreSQL: a stored generated `tsvector` column on `messages`
// with a GIN index. Generated, so PostgreSQL itself recomputes it in the very statement that
// inserts or edits a message (every writer: REST, admin panel, Local API, another instance, a
// script) and a deleted message takes it along: there is nothing to keep current and nothing that
// can go stale, unlike SQLite's external-content FTS5 index and its triggers (../sqlite/search-schema.ts).
// Stored rather than an expression index: ranking reads the vector of each candidate instead of
// parsing its text again, and Payload never selects the column (its schema does not know it).
//
// Words as SQLite's unicode61 tokenizer (remove_diacritics 2) makes them, whatever the database's
// locale (a `C` database lowercases ASCII only and takes emoji for letters):
// - `message_search_words`: NFC (a decomposed accent joins its letter), lowercase by ICU's root
//   locale, and every run of characters that are not letters or digits (ICU's classes: emoji and
//   punctuation too) becomes one space. "ZEBRA-crossing, c++ 👍" is "zebra crossing c ".
// - the `message_search` text search configuration: `simple` (no stemming, no stop words: any
//   language's words match as typed) after `unaccent` ("café" is "cafe").
// Both functions are SQL-standard bodies, so what they call is bound when they are created, not
// looked up at each call (a restore with an empty search_path computes the column the same way).
// Needs PostgreSQL 14+, built with ICU (Debian's, the official images), and the `unaccent`
// extension from contrib (a trusted extension: the database owner may create it).

export const SEARCH_COLUMN = 'search_vector'
const INDEX = 'messages_search_vector_idx'
const CONFIG = 'message_search'

// Every token type the default parser gives a run of letters and digits (the others never occur
// once message_search_words has removed punctuation).
const WORD_TOKENS = 'asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart'

export const MESSAGE_SEARCH_SCHEMA = [
  `CREATE EXTENSION IF NOT EXISTS unaccent`,
  `DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '${CONFIG}') THEN
      CREATE TEXT SEARCH CONFIGURATION ${CONFIG} (COPY = simple);
      ALTER TEXT SEARCH CONFIGURATION ${CONFIG} ALTER MAPPING FOR ${WORD_TOKENS} WITH unaccent, simple;
    END IF;
  END $$`,
  `CREATE OR REPLACE FUNCTION message_search_words(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN regexp_replace(lower(normalize($1, NFC) COLLATE "und-x-icu"), '[^[:alnum:]]+', ' ', 'g')`,
  // A message's document, and one typed word as a phrase of its words ("NEAR(the" is near <-> the),
  // split exactly as the message was: never query syntax, an operator is a word or nothing.
  `CREATE OR REPLACE FUNCTION message_search_document(text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_tsvector('${CONFIG}'::regconfig, coalesce(message_search_words($1), ''))`,
  `CREATE OR REPLACE FUNCTION message_search_phrase(text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN phraseto_tsquery('${CONFIG}'::regconfig, message_search_words($1))`,
  // The word being typed: its last lexeme also a prefix (`:*`). tsquery's text form quotes every
  // lexeme, so appending to it is safe; a word with no lexeme stays empty. A function, not a
  // subquery, so the planner folds it to a constant and estimates the matches from statistics.
  `CREATE OR REPLACE FUNCTION message_search_prefix(text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN CASE WHEN numnode(message_search_phrase($1)) = 0 THEN message_search_phrase($1)
      ELSE CAST(CAST(message_search_phrase($1) AS text) || ':*' AS tsquery) END`,
  // Computes the vector of every message stored so far (the backfill), then of each write.
  `ALTER TABLE messages ADD COLUMN IF NOT EXISTS ${SEARCH_COLUMN} tsvector
    GENERATED ALWAYS AS (message_search_document(content)) STORED`,
  `CREATE INDEX IF NOT EXISTS ${INDEX} ON messages USING gin (${SEARCH_COLUMN})`,
]

// Whether every part is there (the start creates what is missing).
export const SEARCH_PARTS_COMPLETE = `SELECT
    EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '${CONFIG}')
    AND to_regprocedure('message_search_prefix(text)') IS NOT NULL
    AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'messages' AND column_name = '${SEARCH_COLUMN}')
    AND to_regclass('${INDEX}') IS NOT NULL AS complete`

// The extension stays: it is the database's, and something else may use it.
export const DROP_MESSAGE_SEARCH = [
  `DROP INDEX IF EXISTS ${INDEX}`,
  `ALTER TABLE messages DROP COLUMN IF EXISTS ${SEARCH_COLUMN}`,
  `DROP FUNCTION IF EXISTS message_search_prefix(text)`,
  `DROP FUNCTION IF EXISTS message_search_phrase(text)`,
  `DROP FUNCTION IF EXISTS message_search_document(text)`,
  `DROP FUNCTION IF EXISTS message_search_words(text)`,
  `DROP TEXT SEARCH CONFIGURATION IF EXISTS ${CONFIG}`,
]
