/**
 * The document store of the local cloud: CloudBase's database semantics over a durable SQLite file.
 *
 * - One SQLite table per collection; a document is its relaxed-EJSON text, plus `v`, the commit
 *   sequence number of the write that produced it (used to detect transaction conflicts).
 * - Queries, updates and aggregation have MongoDB semantics through mingo. A query on an indexed
 *   field is first narrowed in SQL by an expression index over `json_extract(doc, '$.path')`;
 *   mingo then filters exactly, so the index only ever makes the candidate set smaller, never wrong.
 * - A sorted index `'bucket,scoreTenths'` (an equality field, then a sort field) serves a page of
 *   `where({ bucket }).orderBy('scoreTenths', …).skip(n).limit(m)` by reading the index in order and
 *   stopping once the page is full, so a page costs O(n + m), not O(bucket). It is used only where its
 *   order is MongoDB's order (see `orderedScan`); anywhere else the page is sorted in memory as before.
 * - Transactions are snapshot-isolated with first-writer-wins locks, as in MongoDB: writing a document
 *   that another transaction holds, or that changed since this transaction's snapshot, is a
 *   `DATABASE_TRANSACTION_CONFLICT`, and the loser is aborted here (the SDK retries without aborting it).
 * - better-sqlite3 is synchronous and Node runs one request handler at a time, so each single call
 *   below is atomic with respect to every other request.
 */
import Database from 'better-sqlite3'
import { BSONRegExp, EJSON } from 'bson'
import { randomBytes } from 'node:crypto'
import 'mingo/init/system'
import { Aggregator, Query } from 'mingo'
import { update as mingoUpdate } from 'mingo/updater'
import { CloudError, conflict, invalidParam } from './errors'

export type Doc = Record<string, unknown> & { _id: string }
export type Filter = Record<string, unknown>

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000
/** A transaction idle for this long is abandoned: it is aborted and its locks released. */
const TX_IDLE_MS = 30_000

const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/
const INDEX_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/

/** CloudBase `_id`s are 32 lowercase hex digits; leading seconds keep them roughly in creation order. */
export function newId(): string {
  return Math.floor(Date.now() / 1000).toString(16).padStart(8, '0') + randomBytes(12).toString('hex')
}

export const encodeDoc = (doc: unknown): string => EJSON.stringify(doc as Doc, { relaxed: true })
/** Most documents hold no EJSON type wrapper ("$date", …); those parse as plain JSON, several times faster. */
const decodeDoc = (text: string): Doc => (text.includes('"$') ? EJSON.parse(text, { relaxed: true }) : JSON.parse(text)) as Doc

/**
 * Parses an EJSON parameter from the SDK and turns CloudBase's own markers into values:
 * `{ $tcb_server_date: { offset } }` becomes the server's clock, and BSON regexes become RegExps for mingo.
 */
export function parseEJSON(text: unknown, what: string): unknown {
  if (text === undefined || text === null || text === '') return undefined
  let value: unknown
  try {
    value = typeof text === 'string' ? EJSON.parse(text, { relaxed: true }) : EJSON.deserialize(text as Doc, { relaxed: true })
  } catch (e) {
    throw invalidParam(`${what} 不是合法的 EJSON：${(e as Error).message}`)
  }
  try {
    return resolveMarkers(value)
  } catch (e) {
    // e.g. a regular expression JavaScript cannot compile: the caller's mistake, not an internal error.
    throw invalidParam(`${what} 不合法：${(e as Error).message}`)
  }
}

function resolveMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveMarkers)
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options.replace(/[^gimsuy]/g, ''))
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const obj = value as Record<string, unknown>
    const keys = Object.keys(obj)
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      const offset = Number((obj.$tcb_server_date as { offset?: unknown })?.offset ?? 0)
      return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0))
    }
    const out: Record<string, unknown> = {}
    for (const k of keys) out[k] = resolveMarkers(obj[k])
    return out
  }
  return value
}

interface CollectionInfo {
  name: string
  table: string
  /** The declarations, as given: `'path'` or `'equalityPath,sortPath'`. */
  indexes: Set<string>
  /** The sorted (two-field) indexes among them. */
  sorted: SortedIndex[]
}

/** A declaration `'first,second'`: an index over (first, the sort bracket of second, second). */
interface SortedIndex {
  declaration: string
  /** The SQLite index's name. */
  name: string
  first: string
  second: string
}

interface Row {
  id: string
  doc: string
  v: number
}

interface TxWrite {
  collection: string
  id: string
  doc: Doc | null
}

interface Tx {
  id: string
  snapshot: number
  writes: Map<string, TxWrite>
  /** The version of each document this transaction read from committed storage (0 = absent). */
  seen: Map<string, number>
  state: 'active' | 'aborted' | 'committed'
  abortedBy?: 'conflict' | 'client' | 'timeout'
  touched: number
}

export interface FindOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Record<string, unknown>
}

export interface Plan {
  /** SQL WHERE clause that narrows the candidates; '1' is a full scan. */
  where: string
  params: unknown[]
  index: string | null
}

/** How `find` answers a query, for tests and benchmarks (`explainFind`). */
export interface FindPlan {
  /**
   * `natural`: no order, candidates in insertion order until the page is full; `ordered-index`: rows read
   * in the order of a sorted index until the page is full; `sort`: every match is read and sorted in memory.
   */
  strategy: 'natural' | 'ordered-index' | 'sort'
  /** The index that narrows or orders the rows read (`_id`, a declared path or a sorted declaration), if any. */
  index: string | null
  /** Why a sorted index that could serve the order was not used. */
  reason?: string
  /** For `ordered-index`: every row read is a match, so SQL skips and limits (no document is tested). */
  exact?: boolean
  /** SQLite's EXPLAIN QUERY PLAN of the statement that reads the rows. */
  details: string[]
}

interface OrderedScan {
  index: SortedIndex
  sql: string
  params: unknown[]
  /**
   * Every row the scan reads matches the query, so SQL's OFFSET and LIMIT cut the page and no document is
   * read or tested in vain: the query is only the equality, on a string (see `exactEquality`).
   */
  exact: boolean
}

const key = (collection: string, id: string) => `${collection}\u0000${id}`
const sqlPath = (path: string) => `'$.${path}'`
const extractExpr = (path: string) => `json_extract(doc, ${sqlPath(path)})`
const typeExpr = (path: string) => `json_type(doc, ${sqlPath(path)})`
const prefixes = (path: string) => path.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))

/**
 * The bracket of MongoDB's sort order that a path's value falls in, from its json_type: 1 missing or null
 * (which MongoDB sorts as equal, lowest), 2 a number, 3 a string, and 4 anything else — an object (dates
 * and other EJSON wrappers included), an array, a boolean — or a path below an array, whose sort key
 * MongoDB takes from the elements. Within brackets 2 and 3, json_extract's value orders as MongoDB does:
 * numbers numerically, strings by their UTF-8 bytes (SQLite's BINARY collation, MongoDB's default).
 * Rank 4 is never served in index order: its order within the bracket is not MongoDB's.
 */
function sortRankExpr(path: string): string {
  const t = typeExpr(path)
  const parents = prefixes(path)
    .slice(0, -1)
    .map((p) => `WHEN ${typeExpr(p)} = 'array' THEN ${RANK_OTHER} `)
    .join('')
  return `(CASE ${parents}WHEN ${t} IN ('integer', 'real') THEN 2 WHEN ${t} = 'text' THEN 3 WHEN ${t} IN ('true', 'false', 'object', 'array') THEN ${RANK_OTHER} ELSE 1 END)`
}
const RANK_OTHER = 4

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

/** A query value as SQLite's json_extract would return it, or undefined when the index cannot serve it. */
function sqlScalar(value: unknown): unknown {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) {
    // Exactly the text the store holds for this date (relaxed EJSON drops ".000" from a whole second and
    // writes dates outside 1970–9999 as {"$date":{"$numberLong":…}}), so equality compares like with like.
    return Number.isFinite(value.getTime()) ? EJSON.stringify(value, { relaxed: true }) : undefined
  }
  return undefined
}

/**
 * A range bound on a date as SQL over the stored text, widened so that it never drops a match (mingo then
 * filters exactly). A 1970–9999 date is stored as {"$date":"<ISO>"}, whose text sorts by instant only to
 * the second ("…:05Z", a whole second, sorts after "…:05.500Z"); any other date as {"$date":{"$numberLong":…}},
 * which sorts after every ISO text, so an upper bound admits that form too.
 */
function dateRangeSql(expr: string, op: string, value: Date): { sql: string; params: unknown[] } | undefined {
  const year = value.getUTCFullYear()
  if (!Number.isFinite(value.getTime()) || year < 1970 || year > 9999) return undefined
  const second = `{"$date":"${value.toISOString().slice(0, 19)}`
  if (op === '$gt' || op === '$gte') return { sql: `${expr} >= ?`, params: [second] }
  return { sql: `(${expr} <= ? OR ${expr} >= ?)`, params: [`${second}Z"}`, '{"$date":{'] }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype

const RANGE_SQL: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }

/** Whether an expression index over this path exists: its own, or a sorted index that begins with it. */
const equalityIndexed = (info: CollectionInfo, path: string) => info.indexes.has(path) || info.sorted.some((s) => s.first === path)

/**
 * The value the query requires `path` to equal — `{ path: v }` or `{ path: { $eq: v } }`, at the top or
 * inside `$and` — when it is a string or a finite number; otherwise undefined.
 */
function equalityOn(query: Filter | undefined, path: string): string | number | undefined {
  if (!query) return undefined
  const scalar = (v: unknown) => (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? v : undefined)
  const cond = query[path]
  const own = scalar(cond) ?? (isPlainObject(cond) && '$eq' in cond ? scalar(cond.$eq) : undefined)
  if (own !== undefined) return own
  if (Array.isArray(query.$and)) {
    for (const sub of query.$and) {
      const v = isPlainObject(sub) ? equalityOn(sub, path) : undefined
      if (v !== undefined) return v
    }
  }
  return undefined
}

/**
 * The string `v` when the query is exactly `{ path: v }` or `{ path: { $eq: v } }` and `v` does not begin with
 * '{' or '['. Then `json_extract(doc, path) = v` holds exactly when the value at the path is that string (an
 * object or array extracts as its JSON text, a number or boolean as a number, null as NULL), which is exactly
 * when MongoDB's equality matches a scalar there; only documents with an array on the path match otherwise.
 */
function exactEquality(query: Filter | undefined, path: string): string | undefined {
  if (!query || Object.keys(query).length !== 1) return undefined
  const cond = query[path]
  const value = isPlainObject(cond) ? (Object.keys(cond).length === 1 ? cond.$eq : undefined) : cond
  return typeof value === 'string' && !value.startsWith('{') && !value.startsWith('[') ? value : undefined
}

/** SQL true for a document in which `path`, or a parent on it, is an array. */
const arrayOnPath = (path: string) =>
  prefixes(path)
    .map((p) => `${typeExpr(p)} = 'array'`)
    .join(' OR ')

export class Store {
  private readonly db: Database.Database
  private readonly collections = new Map<string, CollectionInfo>()
  private readonly statements = new Map<string, Database.Statement>()
  private readonly txs = new Map<string, Tx>()
  private readonly locks = new Map<string, Tx>()
  private seq = 0

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
      this.seq = Math.max(this.seq, max.v ?? 0)
    }
  }

  close(): void {
    this.db.close()
  }

  /** The SQLite handle, shared with the file store so both live in one durable file. */
  get sqlite(): Database.Database {
    return this.db
  }

  /** A subscribe message the local cloud "delivered" (it has no WeChat to send it to). */
  recordDelivery(message: Record<string, unknown>): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS _deliveries (id INTEGER PRIMARY KEY, at TEXT NOT NULL, message TEXT NOT NULL)')
    this.db.prepare('INSERT INTO _deliveries (at, message) VALUES (?, ?)').run(new Date().toISOString(), JSON.stringify(message))
  }

  deliveries(): { at: string; message: Record<string, unknown> }[] {
    this.db.exec('CREATE TABLE IF NOT EXISTS _deliveries (id INTEGER PRIMARY KEY, at TEXT NOT NULL, message TEXT NOT NULL)')
    return (this.db.prepare('SELECT at, message FROM _deliveries ORDER BY id').all() as { at: string; message: string }[]).map((r) => ({
      at: r.at,
      message: JSON.parse(r.message),
    }))
  }

  getMeta(name: string): string | undefined {
    return (this.db.prepare('SELECT value FROM _meta WHERE key = ?').get(name) as { value: string } | undefined)?.value
  }

  setMeta(name: string, value: string): void {
    this.db.prepare('INSERT INTO _meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(name, value)
  }

  // ---------------------------------------------------------------- collections and indexes

  hasCollection(name: string): boolean {
    return this.collections.has(name)
  }

  listCollections(): string[] {
    return [...this.collections.keys()]
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
   * A declaration is a path (`'communityId'`, `'profile.city'`), or a sorted index `'bucket,scoreTenths'`:
   * an equality field then a sort field, which serves equality queries on its first field like a single-field
   * index does, and pages of such a query ordered by its second field in index order.
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

  private info(name: unknown): CollectionInfo {
    if (typeof name !== 'string' || !name) throw invalidParam('缺少集合名 collectionName')
    const info = this.collections.get(name)
    if (!info) throw new CloudError('DATABASE_COLLECTION_NOT_EXIST', `集合不存在：${name}（Db or Table not exist）`)
    return info
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.statements.set(sql, s)
    }
    return s
  }

  private row(info: CollectionInfo, id: string): Row | undefined {
    return this.stmt(`SELECT id, doc, v FROM "${info.table}" WHERE id = ?`).get(id) as Row | undefined
  }

  // ---------------------------------------------------------------- query planning

  /** Chooses the narrowest SQL pre-filter an index (or `_id`) can serve for this query. */
  plan(collection: string, query: Filter | undefined): Plan {
    return this.planFor(this.info(collection), query)
  }

  private planFor(info: CollectionInfo, query: Filter | undefined): Plan {
    type Candidate = Plan & { rank: number }
    const candidates: Candidate[] = []
    const visit = (q: Filter) => {
      for (const [field, cond] of Object.entries(q)) {
        if (field === '$and' && Array.isArray(cond)) {
          for (const sub of cond) if (isPlainObject(sub)) visit(sub)
          continue
        }
        if (field.startsWith('$')) continue
        const c = field === '_id' ? this.idCandidate(cond) : equalityIndexed(info, field) ? this.indexCandidate(field, cond) : null
        if (c) candidates.push(c)
      }
    }
    if (query) visit(query)
    candidates.sort((a, b) => a.rank - b.rank)
    return candidates[0] ?? { where: '1', params: [], index: null }
  }

  private idCandidate(cond: unknown): (Plan & { rank: number }) | null {
    if (typeof cond === 'string') return { where: 'id = ?', params: [cond], index: '_id', rank: 0 }
    if (isPlainObject(cond)) {
      if (typeof cond.$eq === 'string') return { where: 'id = ?', params: [cond.$eq], index: '_id', rank: 0 }
      if (Array.isArray(cond.$in) && cond.$in.length > 0 && cond.$in.every((v) => typeof v === 'string')) {
        return { where: `id IN (${cond.$in.map(() => '?').join(',')})`, params: cond.$in, index: '_id', rank: 2 }
      }
    }
    return null
  }

  private indexCandidate(path: string, cond: unknown): (Plan & { rank: number }) | null {
    const expr = extractExpr(path)
    const arrays = arrayOnPath(path)
    const scalar = sqlScalar(cond)
    if (scalar !== undefined) return { where: `(${expr} = ? OR ${arrays})`, params: [scalar], index: path, rank: 1 }
    if (!isPlainObject(cond)) return null
    if ('$eq' in cond) {
      const v = sqlScalar(cond.$eq)
      if (v !== undefined) return { where: `(${expr} = ? OR ${arrays})`, params: [v], index: path, rank: 1 }
    }
    if (Array.isArray(cond.$in) && cond.$in.length > 0) {
      const values = cond.$in.map(sqlScalar)
      if (values.every((v) => v !== undefined)) {
        return { where: `(${expr} IN (${values.map(() => '?').join(',')}) OR ${arrays})`, params: values, index: path, rank: 3 }
      }
    }
    const parts: string[] = []
    const params: unknown[] = []
    for (const [op, sqlOp] of Object.entries(RANGE_SQL)) {
      if (!(op in cond)) continue
      if (cond[op] instanceof Date) {
        const range = dateRangeSql(expr, op, cond[op] as Date)
        if (!range) return null
        parts.push(range.sql)
        params.push(...range.params)
        continue
      }
      const v = sqlScalar(cond[op])
      if (v === undefined) return null
      parts.push(`${expr} ${sqlOp} ?`)
      params.push(v)
    }
    if (parts.length === 0) return null
    return { where: `((${parts.join(' AND ')}) OR ${arrays})`, params, index: path, rank: 4 }
  }

  /**
   * A scan of a sorted index that yields this page's candidates in MongoDB's order, or why there is none.
   *
   * It serves a query with an equality (string or number) on the index's first field, ordered by exactly its
   * second field, one way or the other. Rows are read in (sort bracket, value, rowid) order — reversed for a
   * descending order — and mingo still tests each one, so the page holds the first `offset + limit` matches in
   * index order. That order is MongoDB's only while every candidate has a scalar first field and a sort
   * value that is missing, null, a number or a string, so two indexed existence checks come first:
   *  - no document in the collection has the first field (or a parent on its path) as an array: such a document
   *    matches by element and is not under the equality in the index;
   *  - no document under the equality has a sort value in bracket 4 (an object, array or boolean, or below an
   *    array), whose MongoDB order (an array sorts by its least or greatest element, …) the index does not hold.
   * Otherwise the caller sorts in memory. Ties follow rowid: insertion order ascending, the reverse descending
   * (as MongoDB's own backward index scan does), so consecutive pages neither repeat nor skip a document.
   */
  private orderedScan(info: CollectionInfo, query: Filter | undefined, order: Record<string, 1 | -1>): { scan: OrderedScan } | { scan: null; reason?: string } {
    const fields = Object.keys(order)
    if (fields.length !== 1) return { scan: null }
    const usable = info.sorted.filter((s) => s.second === fields[0])
    if (usable.length === 0) return { scan: null }
    if (this.planFor(info, query).index === '_id') return { scan: null, reason: '按 _id 查询，候选最多几条，直接排序' }
    const dir = order[fields[0]] === -1 ? 'DESC' : 'ASC'
    let reason = `查询没有对 ${usable.map((s) => s.first).join(' 或 ')} 的字符串或数字等值条件`
    for (const index of usable) {
      const value = equalityOn(query, index.first)
      if (value === undefined) continue
      const from = `"${info.table}" INDEXED BY "${index.name}"`
      if (this.stmt(`SELECT 1 FROM "${info.table}" WHERE ${arrayOnPath(index.first)} LIMIT 1`).get()) {
        reason = `有文档的 ${index.first}（或其上层）是数组，按元素匹配，不在索引的等值范围内`
        continue
      }
      const rank = sortRankExpr(index.second)
      if (this.stmt(`SELECT 1 FROM ${from} WHERE ${extractExpr(index.first)} = ? AND ${rank} >= ${RANK_OTHER} LIMIT 1`).get(value)) {
        reason = `该范围内有文档的 ${index.second} 不是缺失、null、数字或字符串（如布尔、数组、对象、日期），其排序须在内存中按 MongoDB 规则进行`
        continue
      }
      return {
        scan: {
          index,
          sql: `SELECT doc FROM ${from} WHERE ${extractExpr(index.first)} = ? ORDER BY ${rank} ${dir}, ${extractExpr(index.second)} ${dir}, rowid ${dir}`,
          params: [value],
          // No document has an array on the path (checked above), so the rows are exactly the matches.
          exact: exactEquality(query, index.first) !== undefined,
        },
      }
    }
    return { scan: null, reason }
  }

  /** How `find` would read this page: the strategy, the index, and SQLite's plan for the rows it reads. */
  explainFind(collection: string, query: Filter | undefined, options: FindOptions = {}): FindPlan {
    const info = this.info(collection)
    const explainSql = (sql: string, params: unknown[]) =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail)
    const plan = this.planFor(info, query)
    const candidatesSql = `SELECT doc FROM "${info.table}" WHERE ${plan.where} ORDER BY rowid`
    if (!options.order || Object.keys(options.order).length === 0) {
      return { strategy: 'natural', index: plan.index, details: explainSql(candidatesSql, plan.params) }
    }
    const choice = this.orderedScan(info, query, options.order)
    if (choice.scan) {
      const { sql, params, exact } = choice.scan
      const details = exact ? explainSql(`${sql} LIMIT ? OFFSET ?`, [...params, options.limit ?? DEFAULT_LIMIT, options.offset ?? 0]) : explainSql(sql, params)
      return { strategy: 'ordered-index', index: choice.scan.index.declaration, exact, details }
    }
    return { strategy: 'sort', index: plan.index, ...(choice.reason ? { reason: choice.reason } : {}), details: explainSql(candidatesSql, plan.params) }
  }

  /** SQLite's plan for a query, for tests and benchmarks that check an index is used. */
  explain(collection: string, query: Filter | undefined): string[] {
    const info = this.info(collection)
    const plan = this.planFor(info, query)
    const rows = this.db
      .prepare(`EXPLAIN QUERY PLAN SELECT id, doc, v FROM "${info.table}" WHERE ${plan.where}`)
      .all(...plan.params) as { detail: string }[]
    return rows.map((r) => r.detail)
  }

  /** Matching documents in natural order, each with its stored text (answered as is when nothing reshapes it). */
  private *matches(info: CollectionInfo, query: Filter | undefined): Generator<{ doc: Doc; text: string }> {
    const plan = this.planFor(info, query)
    const matcher = query && Object.keys(query).length > 0 ? new Query(query) : null
    const rows = this.stmt(`SELECT doc FROM "${info.table}" WHERE ${plan.where} ORDER BY rowid`).iterate(
      ...plan.params,
    ) as IterableIterator<{ doc: string }>
    for (const { doc: text } of rows) {
      const doc = decodeDoc(text)
      if (!matcher || matcher.test(doc)) yield { doc, text }
    }
  }

  private *candidates(info: CollectionInfo, query: Filter | undefined): Generator<Doc> {
    for (const m of this.matches(info, query)) yield m.doc
  }

  private matching(info: CollectionInfo, query: Filter | undefined): Doc[] {
    return [...this.candidates(info, query)]
  }

  private compileQuery(query: Filter | undefined): Query | null {
    if (!query || Object.keys(query).length === 0) return null
    try {
      return new Query(query)
    } catch (e) {
      throw invalidParam(`查询条件不合法：${(e as Error).message}`)
    }
  }

  // ---------------------------------------------------------------- reads

  /** One page of matching documents: filtered, sorted, skipped and limited as CloudBase does. */
  find(collection: string, query: Filter | undefined, options: FindOptions = {}): Doc[] {
    const docs = this.page(collection, query, options).map((m) => m.doc)
    return options.projection ? this.project(docs, options.projection) : docs
  }

  /** The same page as EJSON texts, the stored text itself wherever no projection reshapes a document. */
  findEncoded(collection: string, query: Filter | undefined, options: FindOptions = {}): string[] {
    const page = this.page(collection, query, options)
    if (!options.projection || Object.keys(options.projection).length === 0) return page.map((m) => m.text)
    return this.project(
      page.map((m) => m.doc),
      options.projection,
    ).map(encodeDoc)
  }

  private page(collection: string, query: Filter | undefined, options: FindOptions): { doc: Doc; text: string }[] {
    const info = this.info(collection)
    const limit = options.limit ?? DEFAULT_LIMIT
    const offset = options.offset ?? 0
    if (!Number.isInteger(limit) || limit < 1) throw invalidParam('limit 必须是正整数')
    if (limit > MAX_LIMIT) throw invalidParam(`limit 不能超过 ${MAX_LIMIT}（CloudBase 单次最多返回 ${MAX_LIMIT} 条）`)
    if (!Number.isInteger(offset) || offset < 0) throw invalidParam('offset 必须是非负整数')
    this.compileQuery(query)
    if (!options.order || Object.keys(options.order).length === 0) {
      // Natural order: stop reading as soon as the page is full.
      const page: { doc: Doc; text: string }[] = []
      let skipped = 0
      for (const m of this.matches(info, query)) {
        if (skipped < offset) {
          skipped++
          continue
        }
        page.push(m)
        if (page.length >= limit) break
      }
      return page
    }
    const choice = this.orderedScan(info, query, options.order)
    if (choice.scan?.exact) {
      const rows = this.stmt(`${choice.scan.sql} LIMIT ? OFFSET ?`).all(...choice.scan.params, limit, offset) as { doc: string }[]
      return rows.map(({ doc: text }) => ({ doc: decodeDoc(text), text }))
    }
    if (choice.scan) {
      // Rows come in the page's order: test each, skip `offset` matches, stop when the page is full.
      const matcher = query && Object.keys(query).length > 0 ? new Query(query) : null
      const page: { doc: Doc; text: string }[] = []
      let skipped = 0
      for (const { doc: text } of this.stmt(choice.scan.sql).iterate(...choice.scan.params) as IterableIterator<{ doc: string }>) {
        const doc = decodeDoc(text)
        if (matcher && !matcher.test(doc)) continue
        if (skipped < offset) {
          skipped++
          continue
        }
        page.push({ doc, text })
        if (page.length >= limit) break
      }
      return page
    }
    const all = [...this.matches(info, query)]
    const textOf = new Map(all.map((m) => [m.doc, m.text]))
    const sorted = new Aggregator([{ $sort: options.order }, { $skip: offset }, { $limit: limit }]).run(all.map((m) => m.doc)) as Doc[]
    return sorted.map((doc) => ({ doc, text: textOf.get(doc) ?? encodeDoc(doc) }))
  }

  /** Applies a `field()` projection. */
  project(docs: Doc[], projection: Record<string, unknown>): Doc[] {
    if (Object.keys(projection).length === 0) return docs
    try {
      return new Query({}).find<Doc>(docs, projection).all()
    } catch (e) {
      throw invalidParam(`字段筛选 field() 不合法：${(e as Error).message}`)
    }
  }

  /** The stored text of one document, answered as is: the fast path of `doc(id).get()`. */
  getText(collection: string, id: string): string | undefined {
    return this.row(this.info(collection), id)?.doc
  }

  count(collection: string, query: Filter | undefined): number {
    const info = this.info(collection)
    this.compileQuery(query)
    if (!query || Object.keys(query).length === 0) {
      return (this.stmt(`SELECT count(*) AS n FROM "${info.table}"`).get() as { n: number }).n
    }
    const counted = this.countEquality(info, query)
    if (counted !== undefined) return counted
    let n = 0
    for (const _ of this.candidates(info, query)) n++
    return n
  }

  /**
   * `{ path: 'text' }` alone, on an indexed path, counted from the index without reading documents (see
   * `exactEquality`). The documents that match by element — the path or a parent on it is an array;
   * json_extract gives them NULL or '[…]' — are the rest, found through the json_type index and tested by mingo.
   */
  private countEquality(info: CollectionInfo, query: Filter): number | undefined {
    const fields = Object.keys(query)
    if (fields.length !== 1 || fields[0] === '_id' || !equalityIndexed(info, fields[0])) return undefined
    const path = fields[0]
    const value = exactEquality(query, path)
    if (value === undefined) return undefined
    let n = (this.stmt(`SELECT count(*) AS n FROM "${info.table}" WHERE ${extractExpr(path)} = ?`).get(value) as { n: number }).n
    const matcher = new Query(query)
    for (const { doc } of this.stmt(`SELECT doc FROM "${info.table}" WHERE ${arrayOnPath(path)}`).iterate() as IterableIterator<{ doc: string }>) {
      if (matcher.test(decodeDoc(doc))) n++
    }
    return n
  }

  aggregate(collection: string, pipeline: Record<string, unknown>[]): Doc[] {
    const info = this.info(collection)
    let query: Filter | undefined
    let rest = pipeline
    const first = pipeline[0]
    if (first && isPlainObject(first.$match)) {
      query = first.$match as Filter
      rest = pipeline.slice(1)
    }
    const docs = this.matching(info, query)
    try {
      return new Aggregator(rest, {
        collectionResolver: (name: string) => (this.collections.has(name) ? this.matching(this.info(name), undefined) : []),
      }).run(docs) as Doc[]
    } catch (e) {
      if (e instanceof CloudError) throw e
      throw invalidParam(`聚合管道不合法：${(e as Error).message}`)
    }
  }

  // ---------------------------------------------------------------- writes outside transactions

  insert(collection: string, docs: Doc[]): string[] {
    const info = this.info(collection)
    const prepared = docs.map((d) => this.prepareInsert(d))
    const seen = new Set<string>()
    for (const d of prepared) {
      if (seen.has(d._id) || this.row(info, d._id)) throw duplicate(collection, d._id)
      seen.add(d._id)
    }
    this.commitChanges(prepared.map((doc) => ({ collection, id: doc._id, doc })))
    return prepared.map((d) => d._id)
  }

  private prepareInsert(doc: unknown): Doc {
    if (!isPlainObject(doc)) throw invalidParam('要插入的文档必须是对象')
    const id = doc._id === undefined ? newId() : doc._id
    if (typeof id !== 'string' || id.length === 0 || id.length > 128) throw invalidParam('_id 必须是非空字符串')
    return { ...doc, _id: id }
  }

  /**
   * Updates documents matching `query`. `merge` applies update operators (`doc.update`, `where().update`);
   * without it the data replaces the document (`doc.set`). `upsert` inserts when nothing matches.
   */
  modify(
    collection: string,
    query: Filter,
    data: Record<string, unknown>,
    opts: { multi: boolean; merge: boolean; upsert: boolean },
  ): { updated: number; upsertId: string | null; docs: Doc[] } {
    const info = this.info(collection)
    this.compileQuery(query)
    const targets = opts.multi ? this.matching(info, query) : this.firstMatch(info, query)
    const changes: TxWrite[] = []
    const docs: Doc[] = []
    for (const current of targets) {
      const next = opts.merge ? applyUpdate(current, data) : replaceWith(current._id, data)
      docs.push(next)
      if (encodeDoc(next) !== encodeDoc(current)) changes.push({ collection, id: current._id, doc: next })
    }
    let upsertId: string | null = null
    if (targets.length === 0 && opts.upsert) {
      const id = typeof query._id === 'string' ? query._id : newId()
      const base: Doc = { _id: id }
      for (const [k, v] of Object.entries(query)) if (!k.startsWith('$') && !isPlainObject(v) && k !== '_id') base[k] = v
      const doc = opts.merge ? applyUpdate(base, data) : replaceWith(id, data)
      changes.push({ collection, id, doc })
      docs.push(doc)
      upsertId = id
    }
    this.commitChanges(changes)
    return { updated: upsertId ? 0 : changes.length, upsertId, docs }
  }

  remove(collection: string, query: Filter, multi: boolean): number {
    const info = this.info(collection)
    this.compileQuery(query)
    const targets = multi ? this.matching(info, query) : this.firstMatch(info, query)
    this.commitChanges(targets.map((d) => ({ collection, id: d._id, doc: null })))
    return targets.length
  }

  private firstMatch(info: CollectionInfo, query: Filter): Doc[] {
    for (const doc of this.candidates(info, query)) return [doc]
    return []
  }

  /** Writes a set of changes as one SQLite transaction, under one new commit sequence number. */
  private commitChanges(changes: TxWrite[]): void {
    if (changes.length === 0) return
    // A plain write to a document that a transaction holds makes that transaction lose, as its
    // snapshot of the document is now stale.
    for (const c of changes) {
      const holder = this.locks.get(key(c.collection, c.id))
      if (holder) this.abortTx(holder, 'conflict')
    }
    const v = ++this.seq
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

  // ---------------------------------------------------------------- transactions

  startTransaction(): string {
    this.sweep()
    const tx: Tx = {
      id: `tx_${newId()}`,
      snapshot: this.seq,
      writes: new Map(),
      seen: new Map(),
      state: 'active',
      touched: Date.now(),
    }
    this.txs.set(tx.id, tx)
    return tx.id
  }

  private tx(id: unknown): Tx {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined
    if (!tx) throw new CloudError('DATABASE_TRANSACTION_FAIL', `事务不存在或已结束：${String(id)}`)
    if (tx.state === 'aborted') {
      if (tx.abortedBy === 'conflict') throw conflict()
      throw new CloudError('DATABASE_TRANSACTION_FAIL', tx.abortedBy === 'timeout' ? '事务超时，已自动回滚' : '事务已回滚')
    }
    if (tx.state === 'committed') throw new CloudError('DATABASE_TRANSACTION_FAIL', '事务已提交')
    tx.touched = Date.now()
    return tx
  }

  /** `doc(id).get()` inside a transaction: its own writes, else the committed document as of its snapshot. */
  txGet(txId: unknown, collection: string, id: string): Doc | null {
    const tx = this.tx(txId)
    const info = this.info(collection)
    const k = key(collection, id)
    const own = tx.writes.get(k)
    if (own) return own.doc ? structuredClone(own.doc) : null
    const row = this.row(info, id)
    const v = row?.v ?? 0
    if (v > tx.snapshot) {
      // The committed document is newer than this transaction's snapshot; MongoDB would answer the old
      // version and fail the write later. We keep no old versions, so the conflict is reported now.
      this.abortTx(tx, 'conflict')
      throw conflict()
    }
    tx.seen.set(k, v)
    return row ? decodeDoc(row.doc) : null
  }

  /** Writes one document inside a transaction: `next` maps the current version to the new one (null deletes, undefined leaves it). */
  private txWrite(txId: unknown, collection: string, id: string, next: (current: Doc | null) => Doc | null | undefined): boolean {
    const tx = this.tx(txId)
    const info = this.info(collection)
    const k = key(collection, id)
    const holder = this.locks.get(k)
    if (holder && holder !== tx) {
      if (Date.now() - holder.touched > TX_IDLE_MS) {
        this.abortTx(holder, 'timeout')
      } else {
        this.abortTx(tx, 'conflict')
        throw conflict()
      }
    }
    let current: Doc | null
    const own = tx.writes.get(k)
    if (own) {
      current = own.doc
    } else {
      const row = this.row(info, id)
      const v = row?.v ?? 0
      const seen = tx.seen.get(k)
      if (v > tx.snapshot || (seen !== undefined && seen !== v)) {
        this.abortTx(tx, 'conflict')
        throw conflict()
      }
      current = row ? decodeDoc(row.doc) : null
    }
    const result = next(current === null ? null : structuredClone(current))
    if (result === undefined) return false
    this.locks.set(k, tx)
    tx.writes.set(k, { collection, id, doc: result })
    return true
  }

  txInsert(txId: unknown, collection: string, doc: Doc): string {
    const prepared = this.prepareInsert(doc)
    this.txWrite(txId, collection, prepared._id, (current) => {
      if (current) throw duplicate(collection, prepared._id)
      return prepared
    })
    return prepared._id
  }

  txModify(
    txId: unknown,
    collection: string,
    id: string,
    data: Record<string, unknown>,
    opts: { merge: boolean; upsert: boolean },
  ): { updated: number; upsertId: string | null } {
    let updated = 0
    let upsertId: string | null = null
    this.txWrite(txId, collection, id, (current) => {
      if (!current) {
        if (!opts.upsert) return undefined
        upsertId = id
        return opts.merge ? applyUpdate({ _id: id }, data) : replaceWith(id, data)
      }
      const next = opts.merge ? applyUpdate(current, data) : replaceWith(id, data)
      if (encodeDoc(next) === encodeDoc(current)) return undefined
      updated = 1
      return next
    })
    return { updated, upsertId }
  }

  txRemove(txId: unknown, collection: string, id: string): number {
    let deleted = 0
    this.txWrite(txId, collection, id, (current) => {
      if (!current) return undefined
      deleted = 1
      return null
    })
    return deleted
  }

  commit(txId: unknown): void {
    const tx = this.tx(txId)
    const changes = [...tx.writes.values()]
    this.release(tx)
    tx.state = 'committed'
    this.txs.delete(tx.id)
    const v = ++this.seq
    this.db.transaction(() => {
      for (const c of changes) {
        const info = this.info(c.collection)
        if (c.doc === null) this.stmt(`DELETE FROM "${info.table}" WHERE id = ?`).run(c.id)
        else
          this.stmt(
            `INSERT INTO "${info.table}" (id, doc, v) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, v = excluded.v`,
          ).run(c.id, encodeDoc(c.doc), v)
      }
    })()
  }

  /** `abortTransaction`: rolls back; answering an already-ended transaction is not an error. */
  abort(txId: unknown): void {
    const tx = typeof txId === 'string' ? this.txs.get(txId) : undefined
    if (tx && tx.state === 'active') this.abortTx(tx, 'client')
  }

  private abortTx(tx: Tx, by: NonNullable<Tx['abortedBy']>): void {
    if (tx.state !== 'active') return
    this.release(tx)
    tx.state = 'aborted'
    tx.abortedBy = by
    tx.writes.clear()
    tx.touched = Date.now()
  }

  private release(tx: Tx): void {
    for (const k of tx.writes.keys()) if (this.locks.get(k) === tx) this.locks.delete(k)
  }

  /** Ends abandoned transactions and forgets ended ones after a while. */
  private sweep(): void {
    const now = Date.now()
    for (const tx of this.txs.values()) {
      if (tx.state === 'active' && now - tx.touched > TX_IDLE_MS) this.abortTx(tx, 'timeout')
      else if (tx.state !== 'active' && now - tx.touched > 10 * TX_IDLE_MS) this.txs.delete(tx.id)
    }
  }

  activeTransactions(): number {
    let n = 0
    for (const tx of this.txs.values()) if (tx.state === 'active') n++
    return n
  }
}

function duplicate(collection: string, id: string): CloudError {
  return new CloudError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error: 集合 ${collection} 中已有 _id 为 ${id} 的文档`)
}

/** Applies MongoDB update operators; top-level plain fields are treated as `$set`. */
export function applyUpdate(current: Doc, data: Record<string, unknown>): Doc {
  if (!isPlainObject(data)) throw invalidParam('更新内容必须是对象')
  const next = structuredClone(current)
  const plain: Record<string, unknown> = {}
  const ops: [string, unknown][] = []
  for (const [k, v] of Object.entries(data)) {
    if (k.startsWith('$')) ops.push([k, v])
    else plain[k] = v
  }
  if (Object.keys(plain).length > 0) ops.unshift(['$set', plain])
  for (const [op, arg] of ops) {
    if (!isPlainObject(arg)) throw invalidParam(`更新操作符 ${op} 的参数必须是对象`)
    if (Object.keys(arg).some((p) => p === '_id' || p.startsWith('_id.'))) throw invalidParam('不能更新 _id 的值')
    try {
      mingoUpdate(next, { [op]: arg } as never)
    } catch (e) {
      throw invalidParam(`更新操作不合法（${op}）：${(e as Error).message}`)
    }
  }
  return next
}

function replaceWith(id: string, data: Record<string, unknown>): Doc {
  if (!isPlainObject(data)) throw invalidParam('文档内容必须是对象')
  if (Object.keys(data).some((k) => k.startsWith('$'))) throw invalidParam('set() 的内容不能包含更新操作符')
  if ('_id' in data && data._id !== id) throw invalidParam('不能更新 _id 的值')
  return { ...data, _id: id }
}
