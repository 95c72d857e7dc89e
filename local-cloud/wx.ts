/**
 * The subscribe messages the local cloud "delivered": it has no WeChat to send them to, so each is recorded in the
 * data file, for `GET /_emulator/deliveries` and the tests that check who was told what.
 */
import type Database from 'better-sqlite3'

export interface Delivery {
  at: string
  message: Record<string, unknown>
}

export class Deliveries {
  /** The SQLite handle of the store (`Store.sqlite`), so that deliveries live in its durable file. */
  constructor(private readonly db: Database.Database) {}

  /** Records a message `subscribeMessage.send` accepted. */
  record(message: Record<string, unknown>): void {
    this.table()
    this.db.prepare('INSERT INTO _deliveries (at, message) VALUES (?, ?)').run(new Date().toISOString(), JSON.stringify(message))
  }

  /** Every delivery, oldest first. */
  list(): Delivery[] {
    this.table()
    return (this.db.prepare('SELECT at, message FROM _deliveries ORDER BY id').all() as { at: string; message: string }[]).map((r) => ({
      at: r.at,
      message: JSON.parse(r.message),
    }))
  }

  /** The table is made when first used, so a data file without deliveries has none. */
  private table(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS _deliveries (id INTEGER PRIMARY KEY, at TEXT NOT NULL, message TEXT NOT NULL)')
  }
}
