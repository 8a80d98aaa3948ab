// Full-text search of messages on SQLite: an FTS5 index over `messages.content`, kept by triggers
// in the writing statement's own transaction, as the change feed is (feed-schema.ts): every writer
// (REST, admin panel, Local API, another process, a script) is indexed, edits and deletions too.
//
// External content (`content='messages'`): the index stores no second copy of the text; snippets
// read it from the message row. Such an index must be told the old text to remove it, which the
// update and delete triggers do; a change made while the triggers were absent (a database restored
// by a tool that dropped them) leaves the index stale, so `install` rebuilds it whenever a part was
// missing.
//
// Tokenizer: words are runs of letters and digits (unicode61), case- and accent-insensitive
// ("cafe" finds "Café", remove_diacritics 2 also for decomposed accents). Punctuation and emoji
// separate words and are not indexed. Prefix indexes of 2 and 3 characters make search-as-you-type
// ("hel" finds "hello") an index lookup instead of a scan of every term.

export const SEARCH_TABLE = 'messages_fts'

const TABLE = `CREATE VIRTUAL TABLE IF NOT EXISTS ${SEARCH_TABLE} USING fts5(
    content,
    content='messages',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2',
    prefix='2 3'
  )`

const add = (side: 'NEW') => `INSERT INTO ${SEARCH_TABLE} (rowid, content) VALUES (${side}.id, ${side}.content);`
const remove = (side: 'OLD') => `INSERT INTO ${SEARCH_TABLE} (${SEARCH_TABLE}, rowid, content) VALUES ('delete', ${side}.id, ${side}.content);`

// Named apart from the feed's `feed_message_*` triggers on the same table: both run on each write.
export const SEARCH_TRIGGERS = {
  search_message_indexed: `AFTER INSERT ON messages BEGIN ${add('NEW')} END`,
  // Payload writes every column on an update: only a change of the text touches the index.
  search_message_reindexed: `AFTER UPDATE OF content ON messages WHEN OLD.content IS NOT NEW.content BEGIN
    ${remove('OLD')} ${add('NEW')} END`,
  search_message_unindexed: `AFTER DELETE ON messages BEGIN ${remove('OLD')} END`,
}

// Every part of the search, idempotent (CREATE ... IF NOT EXISTS).
export const MESSAGE_SEARCH_SCHEMA = [
  TABLE,
  ...Object.entries(SEARCH_TRIGGERS).map(([name, body]) => `CREATE TRIGGER IF NOT EXISTS ${name} ${body}`),
]

// Re-reads every message into the index (the backfill, and the repair of a stale index).
export const REBUILD_SEARCH = `INSERT INTO ${SEARCH_TABLE} (${SEARCH_TABLE}) VALUES ('rebuild')`

// How many of the search's parts (the table and its triggers) the database has.
export const SEARCH_PARTS_PRESENT = {
  sql: `SELECT COUNT(*) AS n FROM sqlite_master WHERE (type = 'table' AND name = ?) OR (type = 'trigger' AND name IN (${Object.keys(SEARCH_TRIGGERS)
    .map(() => '?')
    .join(', ')}))`,
  args: [SEARCH_TABLE, ...Object.keys(SEARCH_TRIGGERS)],
  all: 1 + Object.keys(SEARCH_TRIGGERS).length,
}

export const DROP_MESSAGE_SEARCH = [
  ...Object.keys(SEARCH_TRIGGERS).map((name) => `DROP TRIGGER IF EXISTS ${name}`),
  `DROP TABLE IF EXISTS ${SEARCH_TABLE}`,
]
