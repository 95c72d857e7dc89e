/**
 * The store's tables: the SQLite file and its schema (one table per collection with its expression indexes,
 * `_meta`, `_collections`), the cache of prepared statements, and the one writer of document rows.
 *
 * - A document is its relaxed-EJSON text, plus `v`, the commit sequence number of the write that produced it
 *   (transactions compare it with their snapshot to detect conflicts).
 * - An index declaration is a path (`'communityId'`, `'profile.city'`), or a sorted index `'bucket,scoreTenths'`:
 *   an equality field then a sort field. The SQL expressions the indexes are built on live here, and the planner
 *   builds its WHERE clauses from the same functions, so SQLite can match the two.
 */
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { CloudError, invalidParam } from '../errors'
import { encodeDoc } from './ejson'

export type Doc = Record<string, unknown> & { _id: string }
export type Filter = Record<string, unknown>

/** A document's new version in a commit; `doc` null deletes it. */
export interface Change {
  collection: string
  id: string
  doc: Doc | null
}

export interface CollectionInfo {
  name: string
  table: string
  /** The declarations, as given: `'path'` or `'equalityPath,sortPath'`. */
  indexes: Set<string>
  /** The sorted (two-field) indexes among them. */
  sorted: SortedIndex[]
}

/** A declaration `'first,second'`: an index over (first, the sort bracket of second, second). */
export interface SortedIndex {
  declaration: string
  /** The SQLite index's name. */
  name: string
  first: string
  second: string
}

export interface Row {
  id: string
  doc: string
  v: number
}

const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/
const INDEX_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/

/** CloudBase `_id`s are 32 lowercase hex digits; leading seconds keep them roughly in creation order. */
export function newId(): string {
  return Math.floor(Date.now() / 1000).toString(16).padStart(8, '0') + randomBytes(12).toString('hex')
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype

// ---------------------------------------------------------------- SQL over a document's JSON

const sqlPath = (path: string) => `'$.${path}'`
export const extractExpr = (path: string) => `json_extract(doc, ${sqlPath(path)})`
const typeExpr = (path: string) => `json_type(doc, ${sqlPath(path)})`
const prefixes = (path: string) => path.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))

/** The sort bracket of values the index cannot order as MongoDB does (see `sortRankExpr`). */
export const RANK_OTHER = 4

/**
 * The bracket of MongoDB's sort order that a path's value falls in, from its json_type: 1 missing or null
 * (which MongoDB sorts as equal, lowest), 2 a number, 3 a string, and 4 anything else — an object (dates
 * and other EJSON wrappers included), an array, a boolean — or a path below an array, whose sort key
 * MongoDB takes from the elements. Within brackets 2 and 3, json_extract's value orders as MongoDB does:
 * numbers numerically, strings by their UTF-8 bytes (SQLite's BINARY collation, MongoDB's default).
 * Rank 4 is never served in index order: its order within the bracket is not MongoDB's.
 */
export function sortRankExpr(path: string): string {
  const t = typeExpr(path)
  const parents = prefixes(path)
    .slice(0, -1)
    .map((p) => `WHEN ${typeExpr(p)} = 'array' THEN ${RANK_OTHER} `)
    .join('')
  return `(CASE ${parents}WHEN ${t} IN ('integer', 'real') THEN 2 WHEN ${t} = 'text' THEN 3 WHEN ${t} IN ('true', 'false', 'object', 'array') THEN ${RANK_OTHER} ELSE 1 END)`
}

/** SQL true for a document in which `path`, or a parent on it, is an array. */
export const arrayOnPath = (path: string) =>
  prefixes(path)
    .map((p) => `${typeExpr(p)} = 'array'`)
    .join(' OR ')

// ---------------------------------------------------------------- index declarations

/** Parses an index declaration: a path, or `'first,second'` for a sorted index. Throws on anything else. */
function parseIndex(collection: string, declaration: unknown): { first: string; second?: string } {
  const parts = typeof declaration === 'string' ? declaration.split(',') : []
  const ok = parts.length >= 1 && parts.length <= 2 && parts.every((p) => INDEX_PATH.test(p)) && (parts.length === 1 || parts[0] !== parts[1])
  if (!ok) throw invalidParam(`索引字段不合法：${collection}.${String(declaration)}（单字段 'a.b'，或排序索引 '等值字段,排序字段'）`)
  return { first: parts[0], second: parts[1] }
}

function sortedIndexes(collection: string, declarations: Iterable<string>): SortedIndex[] {
  const out: SortedIndex[] = []
  for (const declaration of declarations) {
    const { first, second } = parseIndex(collection, declaration)
    // '+' cannot occur in a path, so this name never collides with a single-field index's.
    if (second) out.push({ declaration, name: `ix_${collection}__${first}+${second}`, first, second })
  }
  return out
}

export class Tables {
  readonly db: Database.Database
  readonly collections = new Map<string, CollectionInfo>()
  private readonly statements = new Map<string, Database.Statement>()
  private lastCommit = 0

  constructor(file: string) {
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    // FULL: a commit is on disk before its answer leaves, so neither kill -9 nor a power cut loses it.
    this.db.pragma('synchronous = FULL')
    this.db.exec('CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
    this.db.exec(`CREATE TABLE IF NOT EXISTS _collections (
      name TEXT PRIMARY KEY, tbl TEXT NOT NULL, indexes TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL)`)
    for (const row of this.db.prepare('SELECT name, tbl, indexes FROM _collections').all() as {
      name: string
      tbl: string
      indexes: string
    }[]) {
      const indexes = new Set<string>(JSON.parse(row.indexes))
      this.collections.set(row.name, { name: row.name, table: row.tbl, indexes, sorted: sortedIndexes(row.name, indexes) })
      const max = this.db.prepare(`SELECT max(v) AS v FROM "${row.tbl}"`).get() as { v: number | null }
      this.lastCommit = Math.max(this.lastCommit, max.v ?? 0)
    }
  }

  /** The sequence number of the latest commit: a transaction's snapshot. */
  get seq(): number {
    return this.lastCommit
  }

  getMeta(name: string): string | undefined {
    return (this.db.prepare('SELECT value FROM _meta WHERE key = ?').get(name) as { value: string } | undefined)?.value
  }

  setMeta(name: string, value: string): void {
    this.db.prepare('INSERT INTO _meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(name, value)
  }

  /** Creates a collection (refusing one that exists, as CloudBase does). */
  createCollection(name: string): void {
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
      throw invalidParam(`集合名不合法：${String(name)}（只能用字母、数字、下划线和短横线）`)
    }
    if (this.collections.has(name)) {
      throw new CloudError('DATABASE_COLLECTION_ALREADY_EXIST', `集合 ${name} 已存在`)
    }
    this.ensureCollection(name, [])
  }

  /**
   * Creates the collection if needed and makes sure each declared index exists. Idempotent.
   * A sorted index `'bucket,scoreTenths'` serves equality queries on its first field like a single-field index
   * does, and pages of such a query ordered by its second field in index order.
   */
  ensureCollection(name: string, indexes: readonly string[]): void {
    if (!COLLECTION_NAME.test(name)) throw invalidParam(`集合名不合法：${name}`)
    const parsed = indexes.map((declaration) => ({ declaration, ...parseIndex(name, declaration) }))
    let info = this.collections.get(name)
    this.db.transaction(() => {
      if (!info) {
        const table = `c_${name}`
        this.db.exec(`CREATE TABLE IF NOT EXISTS "${table}" (
          rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL, v INTEGER NOT NULL)`)
        info = { name, table, indexes: new Set(), sorted: [] }
        this.db
          .prepare('INSERT OR IGNORE INTO _collections (name, tbl, created_at) VALUES (?, ?, ?)')
          .run(name, table, new Date().toISOString())
      }
      for (const { declaration, first: path, second } of parsed) {
        if (path === '_id' && !second) continue
        if (second) {
          // (equality value, sort bracket, sort value), and implicitly rowid, which breaks ties.
          const [sorted] = sortedIndexes(name, [declaration])
          this.db.exec(
            `CREATE INDEX IF NOT EXISTS "${sorted.name}" ON "${info.table}" (${extractExpr(path)}, ${sortRankExpr(second)}, ${extractExpr(second)})`,
          )
        } else {
          const slug = path.replace(/\./g, '__')
          this.db.exec(`CREATE INDEX IF NOT EXISTS "ix_${name}__${slug}" ON "${info.table}" (${extractExpr(path)})`)
        }
        // A path whose value (or whose parent) is an array matches by element, which json_extract cannot
        // see; these documents are found through json_type, which is indexed too.
        for (const prefix of prefixes(path)) {
          const pslug = prefix.replace(/\./g, '__')
          this.db.exec(`CREATE INDEX IF NOT EXISTS "ix_${name}__${pslug}__type" ON "${info.table}" (${typeExpr(prefix)})`)
        }
        info.indexes.add(declaration)
      }
      info.sorted = sortedIndexes(name, info.indexes)
      this.db.prepare('UPDATE _collections SET indexes = ? WHERE name = ?').run(JSON.stringify([...info.indexes]), name)
    })()
    this.collections.set(name, info!)
  }

  info(name: unknown): CollectionInfo {
    if (typeof name !== 'string' || !name) throw invalidParam('缺少集合名 collectionName')
    const info = this.collections.get(name)
    if (!info) throw new CloudError('DATABASE_COLLECTION_NOT_EXIST', `集合不存在：${name}（Db or Table not exist）`)
    return info
  }

  /** A prepared statement, prepared once per SQL text. */
  stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.statements.set(sql, s)
    }
    return s
  }

  row(info: CollectionInfo, id: string): Row | undefined {
    return this.stmt(`SELECT id, doc, v FROM "${info.table}" WHERE id = ?`).get(id) as Row | undefined
  }

  /**
   * Commits a set of changes: one SQLite transaction, every row stamped with one new commit sequence number.
   * The only place a document row is written or deleted.
   */
  write(changes: Change[]): void {
    const v = ++this.lastCommit
    this.db.transaction(() => {
      for (const c of changes) {
        const info = this.info(c.collection)
        if (c.doc === null) {
          this.stmt(`DELETE FROM "${info.table}" WHERE id = ?`).run(c.id)
        } else {
          this.stmt(
            `INSERT INTO "${info.table}" (id, doc, v) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, v = excluded.v`,
          ).run(c.id, encodeDoc(c.doc), v)
        }
      }
    })()
  }

  close(): void {
    this.db.close()
  }
}
