/**
 * Reads: a page of matching documents (in natural order, in a sorted index's order, or sorted in memory), counts,
 * aggregation and projection, with MongoDB's semantics through mingo, and the plans behind them (`explain`,
 * `explainFind`). A call compiles its query with mingo once, and that matcher tests every row the call reads.
 *
 * A sorted index `'bucket,scoreTenths'` serves a page of `where({ bucket }).orderBy('scoreTenths', …).skip(n).limit(m)`
 * by reading the index in order and stopping once the page is full, so a page costs O(n + m), not O(bucket). It is
 * used only where its order is MongoDB's order (see `orderedScans` in planner.ts); anywhere else the page is sorted
 * in memory.
 */
import 'mingo/init/system'
import { Aggregator, Query } from 'mingo'
import { CloudError, invalidParam } from '../errors'
import { decodeDoc, encodeDoc } from './ejson'
import { type OrderedScan, indexCount, orderedScans, plan } from './planner'
import { type CollectionInfo, type Doc, type Filter, type Tables, isPlainObject } from './tables'

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

export interface FindOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Record<string, unknown>
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

/** A compiled query; null for none, which every document matches. */
export type Matcher = Query | null

/** A matching document and its stored text (answered as is when nothing reshapes it). */
interface Match {
  doc: Doc
  text: string
}

type Rows = IterableIterator<{ doc: string }>

const matcherOf = (query: Filter | undefined): Matcher => (query && Object.keys(query).length > 0 ? new Query(query) : null)

/** Compiles a query, once for a whole call; one mingo cannot compile is the caller's mistake. */
export function compileQuery(query: Filter | undefined): Matcher {
  try {
    return matcherOf(query)
  } catch (e) {
    throw invalidParam(`查询条件不合法：${(e as Error).message}`)
  }
}

/** Applies a `field()` projection. */
export function project(docs: Doc[], projection: Record<string, unknown>): Doc[] {
  if (Object.keys(projection).length === 0) return docs
  try {
    return new Query({}).find<Doc>(docs, projection).all()
  } catch (e) {
    throw invalidParam(`字段筛选 field() 不合法：${(e as Error).message}`)
  }
}

/** The rows the matcher accepts, decoded, in the order they are read. */
function* accepted(rows: Rows, matcher: Matcher): Generator<Match> {
  for (const { doc: text } of rows) {
    const doc = decodeDoc(text)
    if (!matcher || matcher.test(doc)) yield { doc, text }
  }
}

/** Skips `offset` matches and keeps the next `limit`: reading stops as soon as the page is full. */
function window(matches: Iterable<Match>, offset: number, limit: number): Match[] {
  const page: Match[] = []
  let skipped = 0
  for (const m of matches) {
    if (skipped < offset) {
      skipped++
      continue
    }
    page.push(m)
    if (page.length >= limit) break
  }
  return page
}

export class Reader {
  constructor(private readonly tables: Tables) {}

  /** One page of matching documents: filtered, sorted, skipped and limited as CloudBase does. */
  find(collection: string, query: Filter | undefined, options: FindOptions = {}): Doc[] {
    const docs = this.page(collection, query, options).map((m) => m.doc)
    return options.projection ? project(docs, options.projection) : docs
  }

  /** The same page as EJSON texts, the stored text itself wherever no projection reshapes a document. */
  findEncoded(collection: string, query: Filter | undefined, options: FindOptions = {}): string[] {
    const page = this.page(collection, query, options)
    if (!options.projection || Object.keys(options.projection).length === 0) return page.map((m) => m.text)
    return project(
      page.map((m) => m.doc),
      options.projection,
    ).map(encodeDoc)
  }

  /** The stored text of one document, answered as is: the fast path of `doc(id).get()`. */
  getText(collection: string, id: string): string | undefined {
    return this.tables.row(this.tables.info(collection), id)?.doc
  }

  count(collection: string, query: Filter | undefined): number {
    const info = this.tables.info(collection)
    const matcher = compileQuery(query)
    if (!query || !matcher) {
      return (this.tables.stmt(`SELECT count(*) AS n FROM "${info.table}"`).get() as { n: number }).n
    }
    const counted = this.countByIndex(info, query, matcher)
    if (counted !== undefined) return counted
    let n = 0
    for (const _ of this.matches(info, query, matcher)) n++
    return n
  }

  aggregate(collection: string, pipeline: Record<string, unknown>[]): Doc[] {
    const info = this.tables.info(collection)
    let query: Filter | undefined
    let rest = pipeline
    const first = pipeline[0]
    if (first && isPlainObject(first.$match)) {
      query = first.$match as Filter
      rest = pipeline.slice(1)
    }
    // A `$match` mingo cannot compile throws mingo's own error here, outside the pipeline's, as it always has.
    const docs = this.matching(info, query, matcherOf(query))
    try {
      return new Aggregator(rest, {
        collectionResolver: (name: string) => (this.tables.collections.has(name) ? this.matching(this.tables.info(name), undefined, null) : []),
      }).run(docs) as Doc[]
    } catch (e) {
      if (e instanceof CloudError) throw e
      throw invalidParam(`聚合管道不合法：${(e as Error).message}`)
    }
  }

  /** Matching documents in natural order. */
  *matches(info: CollectionInfo, query: Filter | undefined, matcher: Matcher): Generator<Match> {
    const { where, params } = plan(info, query)
    yield* accepted(this.tables.stmt(`SELECT doc FROM "${info.table}" WHERE ${where} ORDER BY rowid`).iterate(...params) as Rows, matcher)
  }

  matching(info: CollectionInfo, query: Filter | undefined, matcher: Matcher): Doc[] {
    const docs: Doc[] = []
    for (const m of this.matches(info, query, matcher)) docs.push(m.doc)
    return docs
  }

  /** What a write by query changes: every match with `multi`, else the first in natural order. */
  targets(info: CollectionInfo, query: Filter, matcher: Matcher, multi: boolean): Doc[] {
    if (multi) return this.matching(info, query, matcher)
    for (const m of this.matches(info, query, matcher)) return [m.doc]
    return []
  }

  /** How `find` would read this page: the strategy, the index, and SQLite's plan for the rows it reads. */
  explainFind(collection: string, query: Filter | undefined, options: FindOptions = {}): FindPlan {
    const info = this.tables.info(collection)
    const explainSql = (sql: string, params: unknown[]) =>
      (this.tables.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail)
    const p = plan(info, query)
    const candidatesSql = `SELECT doc FROM "${info.table}" WHERE ${p.where} ORDER BY rowid`
    if (!options.order || Object.keys(options.order).length === 0) {
      return { strategy: 'natural', index: p.index, details: explainSql(candidatesSql, p.params) }
    }
    const choice = this.orderedScan(info, query, options.order)
    if (choice.scan) {
      const { sql, params, exact } = choice.scan
      const details = exact ? explainSql(`${sql} LIMIT ? OFFSET ?`, [...params, options.limit ?? DEFAULT_LIMIT, options.offset ?? 0]) : explainSql(sql, params)
      return { strategy: 'ordered-index', index: choice.scan.index.declaration, exact, details }
    }
    return { strategy: 'sort', index: p.index, ...(choice.reason ? { reason: choice.reason } : {}), details: explainSql(candidatesSql, p.params) }
  }

  /** SQLite's plan for a query, for tests and benchmarks that check an index is used. */
  explain(collection: string, query: Filter | undefined): string[] {
    const info = this.tables.info(collection)
    const p = plan(info, query)
    const rows = this.tables.db.prepare(`EXPLAIN QUERY PLAN SELECT id, doc, v FROM "${info.table}" WHERE ${p.where}`).all(...p.params) as {
      detail: string
    }[]
    return rows.map((r) => r.detail)
  }

  private page(collection: string, query: Filter | undefined, options: FindOptions): Match[] {
    const info = this.tables.info(collection)
    const limit = options.limit ?? DEFAULT_LIMIT
    const offset = options.offset ?? 0
    if (!Number.isInteger(limit) || limit < 1) throw invalidParam('limit 必须是正整数')
    if (limit > MAX_LIMIT) throw invalidParam(`limit 不能超过 ${MAX_LIMIT}（CloudBase 单次最多返回 ${MAX_LIMIT} 条）`)
    if (!Number.isInteger(offset) || offset < 0) throw invalidParam('offset 必须是非负整数')
    const matcher = compileQuery(query)
    // Natural order: stop reading as soon as the page is full.
    if (!options.order || Object.keys(options.order).length === 0) return window(this.matches(info, query, matcher), offset, limit)
    const choice = this.orderedScan(info, query, options.order)
    if (choice.scan?.exact) {
      const rows = this.tables.stmt(`${choice.scan.sql} LIMIT ? OFFSET ?`).all(...choice.scan.params, limit, offset) as { doc: string }[]
      return rows.map(({ doc: text }) => ({ doc: decodeDoc(text), text }))
    }
    if (choice.scan) {
      // Rows come in the page's order: test each, skip `offset` matches, stop when the page is full.
      return window(accepted(this.tables.stmt(choice.scan.sql).iterate(...choice.scan.params) as Rows, matcher), offset, limit)
    }
    const all = [...this.matches(info, query, matcher)]
    const textOf = new Map(all.map((m) => [m.doc, m.text]))
    const sorted = new Aggregator([{ $sort: options.order }, { $skip: offset }, { $limit: limit }]).run(all.map((m) => m.doc)) as Doc[]
    return sorted.map((doc) => ({ doc, text: textOf.get(doc) ?? encodeDoc(doc) }))
  }

  /** A count served by the index (see `indexCount`): the byElement rows are tested with the call's matcher. */
  private countByIndex(info: CollectionInfo, query: Filter, matcher: Query): number | undefined {
    const counting = indexCount(info, query)
    if (!counting) return undefined
    let n = (this.tables.stmt(counting.sql).get(...counting.params) as { n: number }).n
    for (const _ of accepted(this.tables.stmt(counting.byElement).iterate() as Rows, matcher)) n++
    return n
  }

  /** The first sorted-index scan no document vetoes (each veto is an indexed existence check), or why there is none. */
  private orderedScan(info: CollectionInfo, query: Filter | undefined, order: Record<string, 1 | -1>): { scan: OrderedScan } | { scan: null; reason?: string } {
    const choice = orderedScans(info, query, order)
    let reason = choice.reason
    for (const { scan, vetoes } of choice.candidates) {
      const veto = vetoes.find((v) => this.tables.stmt(v.sql).get(...v.params))
      if (!veto) return { scan }
      reason = veto.reason
    }
    return { scan: null, reason }
  }
}
