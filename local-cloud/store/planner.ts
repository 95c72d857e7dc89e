/**
 * The query planner, pure: a collection's indexes and a query in, the SQL that reads its candidates out. It holds
 * no database handle; where a plan depends on the data (a sorted index serves a page only when no document breaks
 * its order), it says which probes decide, and the reader runs them.
 *
 * A query on an indexed field is first narrowed in SQL by an expression index over `json_extract(doc, '$.path')`;
 * mingo then filters exactly, so the index only ever makes the candidate set smaller, never wrong.
 */
import { encodeDoc } from './ejson'
import {
  type CollectionInfo,
  type Filter,
  RANK_OTHER,
  type SortedIndex,
  arrayOnPath,
  extractExpr,
  isPlainObject,
  sortRankExpr,
} from './tables'

export interface Plan {
  /** SQL WHERE clause that narrows the candidates; '1' is a full scan. */
  where: string
  params: unknown[]
  index: string | null
}

export interface OrderedScan {
  index: SortedIndex
  sql: string
  params: unknown[]
  /**
   * Every row the scan reads matches the query, so SQL's OFFSET and LIMIT cut the page and no document is
   * read or tested in vain: the query is only the equality, on a string (see `exactEquality`).
   */
  exact: boolean
}

/** A query that finds a document ruling a scan out (any row means no), and why. */
export interface Veto {
  sql: string
  params: unknown[]
  reason: string
}

/**
 * The sorted-index scans that could serve a page, best first, each with its vetoes; the first without a vetoing
 * document is used. `reason` says why none is, when every one is vetoed or there is none.
 */
export interface OrderedChoice {
  candidates: { scan: OrderedScan; vetoes: Veto[] }[]
  reason?: string
}

/** A query value as SQLite's json_extract would return it, or undefined when the index cannot serve it. */
function sqlScalar(value: unknown): unknown {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) {
    // Exactly the text the store holds for this date (relaxed EJSON drops ".000" from a whole second and
    // writes dates outside 1970–9999 as {"$date":{"$numberLong":…}}), so equality compares like with like.
    return Number.isFinite(value.getTime()) ? encodeDoc(value) : undefined
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

/** Chooses the narrowest SQL pre-filter an index (or `_id`) can serve for this query. */
export function plan(info: CollectionInfo, query: Filter | undefined): Plan {
  type Candidate = Plan & { rank: number }
  const candidates: Candidate[] = []
  const visit = (q: Filter) => {
    for (const [field, cond] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(cond)) {
        for (const sub of cond) if (isPlainObject(sub)) visit(sub)
        continue
      }
      if (field.startsWith('$')) continue
      const c = field === '_id' ? idCandidate(cond) : equalityIndexed(info, field) ? indexCandidate(field, cond) : null
      if (c) candidates.push(c)
    }
  }
  if (query) visit(query)
  candidates.sort((a, b) => a.rank - b.rank)
  return candidates[0] ?? { where: '1', params: [], index: null }
}

function idCandidate(cond: unknown): (Plan & { rank: number }) | null {
  if (typeof cond === 'string') return { where: 'id = ?', params: [cond], index: '_id', rank: 0 }
  if (isPlainObject(cond)) {
    if (typeof cond.$eq === 'string') return { where: 'id = ?', params: [cond.$eq], index: '_id', rank: 0 }
    if (Array.isArray(cond.$in) && cond.$in.length > 0 && cond.$in.every((v) => typeof v === 'string')) {
      return { where: `id IN (${cond.$in.map(() => '?').join(',')})`, params: cond.$in, index: '_id', rank: 2 }
    }
  }
  return null
}

function indexCandidate(path: string, cond: unknown): (Plan & { rank: number }) | null {
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
 * The scans of a sorted index that would yield a page's candidates in MongoDB's order, or why there are none.
 *
 * A scan serves a query with an equality (string or number) on the index's first field, ordered by exactly its
 * second field, one way or the other. Rows are read in (sort bracket, value, rowid) order — reversed for a
 * descending order — and mingo still tests each one, so the page holds the first `offset + limit` matches in
 * index order. That order is MongoDB's only while every candidate has a scalar first field and a sort
 * value that is missing, null, a number or a string, so two indexed existence checks veto the scan:
 *  - a document in the collection has the first field (or a parent on its path) as an array: such a document
 *    matches by element and is not under the equality in the index;
 *  - a document under the equality has a sort value in bracket 4 (an object, array or boolean, or below an
 *    array), whose MongoDB order (an array sorts by its least or greatest element, …) the index does not hold.
 * Otherwise the caller sorts in memory. Ties follow rowid: insertion order ascending, the reverse descending
 * (as MongoDB's own backward index scan does), so consecutive pages neither repeat nor skip a document.
 */
export function orderedScans(info: CollectionInfo, query: Filter | undefined, order: Record<string, 1 | -1>): OrderedChoice {
  const fields = Object.keys(order)
  if (fields.length !== 1) return { candidates: [] }
  const usable = info.sorted.filter((s) => s.second === fields[0])
  if (usable.length === 0) return { candidates: [] }
  if (plan(info, query).index === '_id') return { candidates: [], reason: '按 _id 查询，候选最多几条，直接排序' }
  const dir = order[fields[0]] === -1 ? 'DESC' : 'ASC'
  const candidates: OrderedChoice['candidates'] = []
  for (const index of usable) {
    const value = equalityOn(query, index.first)
    if (value === undefined) continue
    const from = `"${info.table}" INDEXED BY "${index.name}"`
    const rank = sortRankExpr(index.second)
    candidates.push({
      vetoes: [
        {
          sql: `SELECT 1 FROM "${info.table}" WHERE ${arrayOnPath(index.first)} LIMIT 1`,
          params: [],
          reason: `有文档的 ${index.first}（或其上层）是数组，按元素匹配，不在索引的等值范围内`,
        },
        {
          sql: `SELECT 1 FROM ${from} WHERE ${extractExpr(index.first)} = ? AND ${rank} >= ${RANK_OTHER} LIMIT 1`,
          params: [value],
          reason: `该范围内有文档的 ${index.second} 不是缺失、null、数字或字符串（如布尔、数组、对象、日期），其排序须在内存中按 MongoDB 规则进行`,
        },
      ],
      scan: {
        index,
        sql: `SELECT doc FROM ${from} WHERE ${extractExpr(index.first)} = ? ORDER BY ${rank} ${dir}, ${extractExpr(index.second)} ${dir}, rowid ${dir}`,
        params: [value],
        // Used only once the first veto finds no array on the path, so the rows are exactly the matches.
        exact: exactEquality(query, index.first) !== undefined,
      },
    })
  }
  return { candidates, reason: `查询没有对 ${usable.map((s) => s.first).join(' 或 ')} 的字符串或数字等值条件` }
}

/**
 * How to count `{ path: 'text' }` alone on an indexed path from the index, without reading documents (see
 * `exactEquality`): `sql` counts the scalar matches; the documents that match by element — the path or a parent
 * on it is an array, which json_extract gives as NULL or '[…]' — are the rows of `byElement`, found through the
 * json_type index, for mingo to test. Undefined for any other query.
 */
export function indexCount(info: CollectionInfo, query: Filter): { sql: string; params: unknown[]; byElement: string } | undefined {
  const fields = Object.keys(query)
  if (fields.length !== 1 || fields[0] === '_id' || !equalityIndexed(info, fields[0])) return undefined
  const path = fields[0]
  const value = exactEquality(query, path)
  if (value === undefined) return undefined
  return {
    sql: `SELECT count(*) AS n FROM "${info.table}" WHERE ${extractExpr(path)} = ?`,
    params: [value],
    byElement: `SELECT doc FROM "${info.table}" WHERE ${arrayOnPath(path)}`,
  }
}
