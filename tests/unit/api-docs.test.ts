/**
 * The API contract lives in docs/api.md, and this keeps it true: every action of every cloud function (asked of the
 * function itself, whose answer to an unknown action lists its action table) has its row in the docs, in its
 * function's section, and the docs name no action that is gone; the error table is src/core/errors.ts, word for word.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { ERROR_MESSAGES } from '../../src/core/errors'
import { actionTables, describe as describeSchema, render, UNWRITTEN } from '../../scripts/api-docs'

process.env.TENCENTCLOUD = 'true'

const root = path.resolve(__dirname, '../..')
const functionsDir = path.join(root, 'cloudfunctions')
const docsFile = path.join(root, 'docs', 'api.md')

type Main = (event: unknown, context: unknown) => Promise<{ ok: boolean; code?: string; details?: { actions?: unknown } }>

/** The cloud functions: every cloudfunctions/<fn>/ with an index.ts, except the shared folders (`_…`). */
const functionNames = fs
  .readdirSync(functionsDir)
  .filter((name) => !name.startsWith('_') && !name.startsWith('.') && fs.existsSync(path.join(functionsDir, name, 'index.ts')))
  .sort()

/** A function's action table, as its own answer to an unknown action lists it. */
async function actionsOf(name: string): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require(path.join(functionsDir, name, 'index.ts')) as { main: Main }
  const answer = await main({ action: '__list__' }, { environment: '{}' })
  const actions = answer.details?.actions
  if (answer.ok || answer.code !== 'INPUT.INVALID' || !Array.isArray(actions)) {
    throw new Error(`云函数 ${name} 对未知动作没有答 INPUT.INVALID 和 details.actions：${JSON.stringify(answer)}`)
  }
  return (actions as string[]).slice().sort()
}

interface Section {
  heading: string
  lines: string[]
}

/** The docs split at its `## ` headings (the text before the first heading is a section with an empty heading). */
function sectionsOf(text: string): Section[] {
  const sections: Section[] = [{ heading: '', lines: [] }]
  let fenced = false
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('```')) fenced = !fenced
    if (!fenced && /^## /.test(line)) sections.push({ heading: line.slice(3).trim(), lines: [] })
    else sections[sections.length - 1].lines.push(line)
  }
  return sections
}

/** The function a section documents: its heading starts with the function's name in backticks (`## \`claims\` — 申报`). */
const functionOfHeading = (heading: string) => /^`([a-z][A-Za-z0-9]*)`/.exec(heading)?.[1] ?? null

/** A table row documenting an action: its first cell is `fn.action` in backticks. */
const ACTION_ROW = /^\|\s*`([a-z][A-Za-z0-9]*)\.([A-Za-z][A-Za-z0-9]*)`\s*\|/

interface DocumentedAction {
  fn: string
  action: string
  section: string | null
  line: number
}

function documentedActions(text: string): DocumentedAction[] {
  const out: DocumentedAction[] = []
  let line = 0
  for (const section of sectionsOf(text)) {
    if (section.heading) line++
    for (const l of section.lines) {
      line++
      const m = ACTION_ROW.exec(l)
      if (m) out.push({ fn: m[1], action: m[2], section: functionOfHeading(section.heading), line })
    }
  }
  return out
}

/** The rows of the error table: `| \`CODE\` | message | … |` in the section headed 错误码. */
function errorRows(text: string): Map<string, string[]> {
  const section = sectionsOf(text).find((s) => s.heading.startsWith('错误码'))
  const rows = new Map<string, string[]>()
  for (const l of section?.lines ?? []) {
    const m = /^\|\s*`([^`]+)`\s*\|\s*([^|]*?)\s*\|/.exec(l)
    if (m) rows.set(m[1], [...(rows.get(m[1]) ?? []), m[2]])
  }
  return rows
}

const docs = fs.readFileSync(docsFile, 'utf8')

describe('docs/api.md, the API contract', () => {
  let actual: Map<string, string[]>
  const documented = documentedActions(docs)

  beforeAll(async () => {
    actual = new Map()
    for (const name of functionNames) actual.set(name, await actionsOf(name))
  })

  it('finds the cloud functions and their action tables', () => {
    expect(functionNames.length).toBeGreaterThan(0)
    for (const name of functionNames) expect(actual.get(name)!.length).toBeGreaterThan(0)
  })

  it('has a section for every cloud function', () => {
    const headed = new Set(sectionsOf(docs).map((s) => functionOfHeading(s.heading)).filter((f): f is string => !!f))
    const missing = functionNames.filter((fn) => !headed.has(fn))
    expect({ functionsWithoutSection: missing }).toEqual({ functionsWithoutSection: [] })
  })

  it('lists every action of every function, and no action that does not exist', () => {
    const problems: string[] = []
    const names = new Set([...functionNames, ...documented.map((d) => d.fn)])
    for (const fn of [...names].sort()) {
      const inCode = new Set(actual.get(fn) ?? [])
      const inDocs = new Set(documented.filter((d) => d.fn === fn).map((d) => d.action))
      const missing = [...inCode].filter((a) => !inDocs.has(a)).map((a) => `${fn}.${a}`)
      const stale = [...inDocs].filter((a) => !inCode.has(a)).map((a) => `${fn}.${a}`)
      if (!actual.has(fn)) problems.push(`docs 里有不存在的云函数 ${fn}：${stale.join('、')}`)
      else {
        if (missing.length) problems.push(`${fn}：docs/api.md 缺少 ${missing.join('、')}`)
        if (stale.length) problems.push(`${fn}：docs/api.md 里有已不存在的 ${stale.join('、')}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('documents each action once, in its own function section', () => {
    const problems: string[] = []
    const seen = new Map<string, number>()
    for (const d of documented) {
      const key = `${d.fn}.${d.action}`
      if (seen.has(key)) problems.push(`${key} 写了两次（第 ${seen.get(key)} 行和第 ${d.line} 行）`)
      seen.set(key, d.line)
      if (d.section !== d.fn) problems.push(`${key}（第 ${d.line} 行）不在 \`${d.fn}\` 那一节里`)
    }
    expect(problems).toEqual([])
  })

  it('has the error table of src/core/errors.ts, code for code and word for word', () => {
    const rows = errorRows(docs)
    const problems: string[] = []
    for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
      const documentedMessages = rows.get(code)
      if (!documentedMessages) problems.push(`错误码表缺少 ${code}`)
      else if (documentedMessages.length > 1) problems.push(`错误码表里 ${code} 出现了 ${documentedMessages.length} 次`)
      else if (documentedMessages[0] !== message) problems.push(`${code} 的说明应为“${message}”，docs 里是“${documentedMessages[0]}”`)
    }
    for (const code of rows.keys()) {
      if (!Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code)) problems.push(`错误码表里有 src/core/errors.ts 没有的 ${code}`)
    }
    expect(problems).toEqual([])
  })

  it('has the tables that the action tables make (who may call, what each takes): run npm run docs:api after a change', () => {
    const made = render(docs).split('\n')
    const differing = docs.split('\n').flatMap((line, i) => (line === made[i] ? [] : [`第 ${i + 1} 行：${line.slice(0, 80)} → ${(made[i] ?? '').slice(0, 80)}`]))
    expect(differing).toEqual([])
  })

  it('says in words what every action answers', () => {
    expect(documented.filter((d) => docs.split('\n')[d.line - 1]?.includes(UNWRITTEN)).map((d) => `${d.fn}.${d.action}`)).toEqual([])
  })

  it('adds a row for a new action, marked as not yet written, and drops a removed one', () => {
    const tables = actionTables()
    const { disable, ...rest } = tables.rules
    const changed = render(docs, { ...tables, rules: { ...rest, archive: disable } })
    expect(changed).toContain(`| \`rules.archive\` | \`admin\`「留痕」 | \`{ ruleId: string(1–64), enabled?: boolean }\` | ${UNWRITTEN} |`)
    expect(changed).not.toContain('`rules.disable`')
  })

  it('writes a schema in the shorthand of the docs', () => {
    const schema = z.object({
      name: z.string().trim().min(2).max(20),
      points: z.number().int().min(0).max(100).optional(),
      kind: z.enum(['black', 'red']),
      photos: z.array(z.string()).max(9).default([]),
      cursor: z.string().optional(),
    })
    expect(describeSchema(schema)).toBe('{ name: string(2–20), points?: integer(≥0，≤100), kind: "black" \\| "red", photos?: [string](≤9), cursor?: string }')
  })

  it('links nowhere outside the repository', () => {
    const outside = docs.split(/\r?\n/).filter((l) => /\]\((?:\.\.\/|https?:)/.test(l) || /\.\.\/shared|\/work\//.test(l))
    expect(outside).toEqual([])
  })
})
