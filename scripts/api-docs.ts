/**
 * docs/api.md's tables of actions are generated from the functions' action tables: who may call each action (its
 * `access` and whether it is logged) and what it takes (its zod schema) come from the code, and only the column that
 * says what it answers and why stays written by hand. `npm run docs:api` rewrites the tables; tests/unit/api-docs.test.ts
 * fails when the file is not what this makes of it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { Access, ActionTable, AnyAction } from '../cloudfunctions/_shared/handler'
import { ONE_DECIMAL } from '../src/core/inputs'

const root = path.resolve(__dirname, '..')
export const DOCS_FILE = path.join(root, 'docs', 'api.md')

/** The functions in the order the docs present them. */
export const FUNCTIONS = ['user', 'org', 'rules', 'claims', 'points', 'shop', 'governance', 'learning', 'activities', 'voices', 'cards', 'jobs'] as const

/** Each function's action table, read from its index (the same object its `main` serves). */
export function actionTables(): Record<string, ActionTable> {
  process.env.TENCENTCLOUD = 'true'
  return Object.fromEntries(
    FUNCTIONS.map((fn) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { actions } = require(path.join(root, 'cloudfunctions', fn, 'index.ts')) as { actions: ActionTable }
      return [fn, actions]
    }),
  )
}

const ROLE_WORDS: Record<string, string> = { head: '`head`', grid: '`grid`', admin: '`admin`', merchant: '`merchant`' }

/** The access column: who gets past the handler's first check, and whether a success is logged. */
export function accessText(def: AnyAction): string {
  const who = (access: Access) =>
    access === 'anyone' ? '任何人' : access === 'signedIn' ? '微信用户' : access === 'member' ? '成员' : access.map((r) => ROLE_WORDS[r] ?? r).join('、')
  const audit = def.audit === undefined ? '' : def.audit === true ? '「留痕」' : def.audit === 'roles' ? '「留痕（有角色时）」' : '「留痕（按输入）」'
  return who(def.access) + audit
}

const quote = (v: unknown) => JSON.stringify(v)

/** A string's limits as the docs write them: `2–20`, `≤200`, `≥8`. */
function range(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return min === max ? `${min}` : `${min}–${max}`
  if (max !== null) return `≤${max}`
  if (min !== null) return `≥${min}`
  return ''
}

/** One schema in the docs' shorthand: `string(2–20)`, `"a" \| "b"`, `{ x, y? }`, `[fileID](≤9)`. */
export function describe(schema: z.ZodTypeAny): string {
  const def = schema._def as { typeName: string } & Record<string, unknown>
  switch (def.typeName) {
    case 'ZodOptional':
    case 'ZodNullable':
    case 'ZodDefault':
    case 'ZodCatch':
    case 'ZodBranded':
    case 'ZodReadonly':
      return describe((def.innerType ?? (def as { type?: z.ZodTypeAny }).type) as z.ZodTypeAny)
  }
  // A shared input (src/core/inputs.ts) names itself: its real limits are in its refinements, not its checks. (A
  // wrapper above carries its inner schema's description too, so this comes after unwrapping.)
  if (schema.description === ONE_DECIMAL) {
    const bounds = /^number(?:\((.*)\))?$/.exec(describe(def.schema as z.ZodTypeAny))?.[1]
    return `number(${ONE_DECIMAL}${bounds ? `，${bounds}` : ''})`
  }
  if (schema.description) return schema.description
  switch (def.typeName) {
    case 'ZodEffects':
      return describe(def.schema as z.ZodTypeAny)
    case 'ZodPipeline':
      return describe(def.in as z.ZodTypeAny)
    case 'ZodLazy':
      return describe((def.getter as () => z.ZodTypeAny)())
    case 'ZodString': {
      const checks = (def.checks as { kind: string; value?: number; regex?: RegExp }[]) ?? []
      const min = checks.find((c) => c.kind === 'min')?.value ?? null
      const max = checks.find((c) => c.kind === 'max')?.value ?? null
      const len = checks.find((c) => c.kind === 'length')?.value
      const r = len !== undefined ? `${len}` : range(min, max)
      return r ? `string(${r})` : 'string'
    }
    case 'ZodNumber': {
      const checks = (def.checks as { kind: string; value?: number; inclusive?: boolean }[]) ?? []
      const int = checks.some((c) => c.kind === 'int')
      const min = checks.find((c) => c.kind === 'min')
      const max = checks.find((c) => c.kind === 'max')
      const r = [min ? `${min.inclusive ? '≥' : '>'}${min.value}` : '', max ? `${max.inclusive ? '≤' : '<'}${max.value}` : ''].filter(Boolean).join('，')
      return `${int ? 'integer' : 'number'}${r ? `(${r})` : ''}`
    }
    case 'ZodBoolean':
      return 'boolean'
    case 'ZodLiteral':
      return quote(def.value)
    case 'ZodEnum':
      return (def.values as string[]).map(quote).join(' \\| ')
    case 'ZodNativeEnum':
      return Object.values(def.values as object).map(quote).join(' \\| ')
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return [...new Set((def.options as z.ZodTypeAny[]).map(describe))].join(' \\| ')
    case 'ZodArray': {
      const r = range((def.minLength as { value: number } | null)?.value ?? null, (def.maxLength as { value: number } | null)?.value ?? null)
      return `[${describe(def.type as z.ZodTypeAny)}]${r ? `(${r})` : ''}`
    }
    case 'ZodObject':
      return describeObject(schema as z.AnyZodObject)
    case 'ZodRecord':
      return `{ [key]: ${describe(def.valueType as z.ZodTypeAny)} }`
    case 'ZodIntersection':
      return `${describe(def.left as z.ZodTypeAny)} & ${describe(def.right as z.ZodTypeAny)}`
    default:
      return def.typeName.replace(/^Zod/, '').toLowerCase()
  }
}

/** Whether a field may be left out by the caller. */
const optional = (schema: z.ZodTypeAny) => schema.safeParse(undefined).success

function describeObject(schema: z.AnyZodObject): string {
  const fields = Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(([key, field]) => `${key}${optional(field) ? '?' : ''}: ${describe(field)}`)
  return fields.length ? `{ ${fields.join(', ')} }` : '{}'
}

const HEADER = ['| action | access | input（由 schema 生成） | 说明 |', '| --- | --- | --- | --- |']
const ROW = /^\|\s*`([a-z][A-Za-z0-9]*)\.([A-Za-z][A-Za-z0-9]*)`\s*\|/

/** A table row's cells (a `\|` inside a cell is text, not a border). */
function cells(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|\s*$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim())
}

/** The hand-written column of each documented action, from the file as it is. */
function handWritten(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of text.split('\n')) {
    const m = ROW.exec(line)
    if (!m) continue
    const c = cells(line)
    out.set(`${m[1]}.${m[2]}`, c[c.length - 1])
  }
  return out
}

/** What an action without a written description says: the docs test refuses it. */
export const UNWRITTEN = '（待写：它答什么、为什么会拒绝）'

/**
 * The docs with every function's table made again from the action tables. A table is the run of `|` lines after a
 * function's heading (`## \`fn\` — …`); the text around the tables is left as it is.
 */
export function render(text: string, tables: Record<string, ActionTable> = actionTables()): string {
  const written = handWritten(text)
  const lines = text.split('\n')
  const out: string[] = []
  let fn: string | null = null
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## `([a-z][A-Za-z0-9]*)`/.exec(lines[i])
    if (lines[i].startsWith('## ')) fn = heading && tables[heading[1]] ? heading[1] : null
    if (fn && lines[i].startsWith('| action |')) {
      while (i + 1 < lines.length && lines[i + 1].startsWith('|')) i++
      out.push(...HEADER)
      for (const [name, def] of Object.entries(tables[fn])) {
        out.push(`| \`${fn}.${name}\` | ${accessText(def)} | \`${describeInput(def)}\` | ${written.get(`${fn}.${name}`) ?? UNWRITTEN} |`)
      }
      fn = null
      continue
    }
    out.push(lines[i])
  }
  return out.join('\n')
}

/** An action's input as callers send it (the `action` field aside). */
const describeInput = (def: AnyAction) => describe(def.input).replace(/`/g, "'")

if (require.main === module) {
  const before = fs.readFileSync(DOCS_FILE, 'utf8')
  const after = render(before)
  if (process.argv.includes('--check')) {
    if (after !== before) {
      console.error('docs/api.md 的动作表和代码不一致：请运行 npm run docs:api')
      process.exit(1)
    }
  } else {
    fs.writeFileSync(DOCS_FILE, after)
    console.log(after === before ? 'docs/api.md 已是最新' : '已重写 docs/api.md 的动作表')
  }
}
