/**
 * The document store of the local cloud: CloudBase's database semantics over a durable SQLite file. `Store` is the
 * one face the server, the protocol and the tests use; it composes the parts, each in its own module:
 * - tables.ts: the file, the schema and indexes, prepared statements, and the one writer of rows;
 * - planner.ts: which rows SQL reads for a query (pure);
 * - query.ts: pages, counts, aggregation and projection, and the plans behind them;
 * - writes.ts: writes outside transactions; transactions.ts: snapshot-isolated transactions and their locks;
 * - update.ts: a document's next version (update operators, replacement, insertion); ejson.ts: the text of both.
 * better-sqlite3 is synchronous and Node runs one request handler at a time, so each single call below is atomic
 * with respect to every other request.
 */
import type Database from 'better-sqlite3'
import { type Plan, plan } from './planner'
import { type FindOptions, type FindPlan, Reader, project } from './query'
import { type Doc, type Filter, Tables } from './tables'
import { Transactions } from './transactions'
import type { ModifyOptions, Modified } from './update'
import { Writes } from './writes'

export { encodeDoc, parseEJSON } from './ejson'
export type { Plan } from './planner'
export { DEFAULT_LIMIT, type FindOptions, type FindPlan, MAX_LIMIT } from './query'
export { type Doc, type Filter, newId } from './tables'
export { type ModifyOptions, type Modified, applyUpdate } from './update'

export class Store {
  private readonly tables: Tables
  private readonly reader: Reader
  private readonly writes: Writes
  private readonly transactions: Transactions

  constructor(file: string) {
    this.tables = new Tables(file)
    this.reader = new Reader(this.tables)
    this.transactions = new Transactions(this.tables)
    this.writes = new Writes(this.tables, this.reader, this.transactions)
  }

  close(): void {
    this.tables.close()
  }

  /** The SQLite handle, shared with the file store and the WeChat deliveries so that all live in one durable file. */
  get sqlite(): Database.Database {
    return this.tables.db
  }

  getMeta(name: string): string | undefined {
    return this.tables.getMeta(name)
  }

  setMeta(name: string, value: string): void {
    this.tables.setMeta(name, value)
  }

  // ---------------------------------------------------------------- collections and indexes

  hasCollection(name: string): boolean {
    return this.tables.collections.has(name)
  }

  listCollections(): string[] {
    return [...this.tables.collections.keys()]
  }

  /** Creates a collection (refusing one that exists, as CloudBase does). */
  createCollection(name: string): void {
    this.tables.createCollection(name)
  }

  /**
   * Creates the collection if needed and makes sure each declared index exists. Idempotent. A declaration is a path
   * (`'communityId'`, `'profile.city'`), or a sorted index `'bucket,scoreTenths'` (an equality field, then a sort field).
   */
  ensureCollection(name: string, indexes: readonly string[]): void {
    this.tables.ensureCollection(name, indexes)
  }

  // ---------------------------------------------------------------- query plans

  /** Chooses the narrowest SQL pre-filter an index (or `_id`) can serve for this query. */
  plan(collection: string, query: Filter | undefined): Plan {
    return plan(this.tables.info(collection), query)
  }

  /** How `find` would read this page: the strategy, the index, and SQLite's plan for the rows it reads. */
  explainFind(collection: string, query: Filter | undefined, options: FindOptions = {}): FindPlan {
    return this.reader.explainFind(collection, query, options)
  }

  /** SQLite's plan for a query, for tests and benchmarks that check an index is used. */
  explain(collection: string, query: Filter | undefined): string[] {
    return this.reader.explain(collection, query)
  }

  // ---------------------------------------------------------------- reads

  /** One page of matching documents: filtered, sorted, skipped and limited as CloudBase does. */
  find(collection: string, query: Filter | undefined, options: FindOptions = {}): Doc[] {
    return this.reader.find(collection, query, options)
  }

  /** The same page as EJSON texts, the stored text itself wherever no projection reshapes a document. */
  findEncoded(collection: string, query: Filter | undefined, options: FindOptions = {}): string[] {
    return this.reader.findEncoded(collection, query, options)
  }

  /** Applies a `field()` projection. */
  project(docs: Doc[], projection: Record<string, unknown>): Doc[] {
    return project(docs, projection)
  }

  /** The stored text of one document, answered as is: the fast path of `doc(id).get()`. */
  getText(collection: string, id: string): string | undefined {
    return this.reader.getText(collection, id)
  }

  count(collection: string, query: Filter | undefined): number {
    return this.reader.count(collection, query)
  }

  aggregate(collection: string, pipeline: Record<string, unknown>[]): Doc[] {
    return this.reader.aggregate(collection, pipeline)
  }

  // ---------------------------------------------------------------- writes outside transactions

  insert(collection: string, docs: Doc[]): string[] {
    return this.writes.insert(collection, docs)
  }

  /**
   * Updates documents matching `query`. `merge` applies update operators (`doc.update`, `where().update`);
   * without it the data replaces the document (`doc.set`). `upsert` inserts when nothing matches.
   */
  modify(collection: string, query: Filter, data: Record<string, unknown>, opts: ModifyOptions): Modified & { docs: Doc[] } {
    return this.writes.modify(collection, query, data, opts)
  }

  remove(collection: string, query: Filter, multi: boolean): number {
    return this.writes.remove(collection, query, multi)
  }

  // ---------------------------------------------------------------- transactions

  startTransaction(): string {
    return this.transactions.start()
  }

  /** `doc(id).get()` inside a transaction: its own writes, else the committed document as of its snapshot. */
  txGet(txId: unknown, collection: string, id: string): Doc | null {
    return this.transactions.get(txId, collection, id)
  }

  txInsert(txId: unknown, collection: string, doc: Doc): string {
    return this.transactions.insert(txId, collection, doc)
  }

  txModify(txId: unknown, collection: string, id: string, data: Record<string, unknown>, opts: Omit<ModifyOptions, 'multi'>): Modified {
    return this.transactions.modify(txId, collection, id, data, opts)
  }

  txRemove(txId: unknown, collection: string, id: string): number {
    return this.transactions.remove(txId, collection, id)
  }

  commit(txId: unknown): void {
    this.transactions.commit(txId)
  }

  /** `abortTransaction`: rolls back; answering an already-ended transaction is not an error. */
  abort(txId: unknown): void {
    this.transactions.abort(txId)
  }

  activeTransactions(): number {
    return this.transactions.active()
  }
}
