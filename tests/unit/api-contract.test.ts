/**
 * The client's types are read from the functions' action tables (src/api/contract.ts), so the contract cannot drift:
 * this compiles the real pages with the TypeScript compiler, once as they are and once with a handler or a table
 * changed in memory, and expects the change to break the pages (or the table of names) that were not updated.
 */
import path from 'node:path'
import ts from 'typescript'

const root = path.resolve(__dirname, '../..')
const at = (p: string) => path.join(root, p)

const parsed = ts.getParsedCommandLineOfConfigFile(at('tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  },
})!

/** The pages that read a balance and the client's table of names, with the project's declarations (build-time constants). */
const ROOTS = [
  ...['src/api/index.ts', 'src/components/BalanceCard/index.tsx', 'src/pages-shop/offer/index.tsx', 'src/pages/shop/index.tsx'].map(at),
  ...parsed.fileNames.filter((f) => f.endsWith('.d.ts')),
]

let previous: ts.Program | undefined

/** Type errors of the roots, with some files' text replaced in memory (nothing is written). */
function errorsWith(overrides: Record<string, (text: string) => string> = {}): string[] {
  const host = ts.createCompilerHost(parsed.options)
  const read = host.readFile.bind(host)
  const byPath = new Map(Object.entries(overrides).map(([p, f]) => [at(p), f]))
  host.readFile = (file) => {
    const text = read(file)
    const change = byPath.get(path.resolve(file))
    return text !== undefined && change ? change(text) : text
  }
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (file, version, onError, create) =>
    byPath.has(path.resolve(file)) ? ts.createSourceFile(file, host.readFile(file)!, version) : getSourceFile(file, version, onError, create)
  const program = ts.createProgram({ rootNames: ROOTS, options: parsed.options, host, oldProgram: previous })
  previous = program
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && d.file.fileName.startsWith(at('src')))
    .map((d) => `${path.relative(root, d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)
}

/** Replaces exactly one occurrence, so that a test notices when the code it edits has moved. */
const once = (find: string, replace: string) => (text: string) => {
  const parts = text.split(find)
  if (parts.length !== 2) throw new Error(`expected one "${find}", found ${parts.length - 1}`)
  return parts.join(replace)
}

test('the pages compile against the contract as it is', () => {
  expect(errorsWith()).toEqual([])
})

test("renaming a field a handler answers breaks every page that reads it, until the client is updated", () => {
  const errors = errorsWith({ 'cloudfunctions/points/index.ts': once('available: fromTenths(', 'spendable: fromTenths(') })
  const files = new Set(errors.map((e) => e.split(':')[0]))
  expect([...files].sort()).toEqual(['src/components/BalanceCard/index.tsx', 'src/pages-shop/offer/index.tsx', 'src/pages/shop/index.tsx'])
  expect(errors.every((e) => e.includes("'available'"))).toBe(true)
})

test("changing a field's type reaches the pages too", () => {
  const errors = errorsWith({ 'cloudfunctions/points/index.ts': once('available: fromTenths(spendable(account)),', 'available: String(spendable(account)),') })
  expect(errors.some((e) => e.startsWith('src/pages-shop/offer/index.tsx'))).toBe(true)
})

test('an action added to a function and not to the client table fails to compile', () => {
  const errors = errorsWith({ 'cloudfunctions/rules/index.ts': once('export const actions = { list, save, disable, ', 'export const actions = { list, save, disable, archive: disable, ') })
  expect(errors.join('\n')).toMatch(/src\/api\/index\.ts: .*archive/)
})

test('a required input field the page does not send fails to compile', () => {
  const errors = errorsWith({
    'src/pages-shop/offer/index.tsx': once('api.shop.offer({ offerId }', 'api.shop.offer({ offerId: undefined as unknown as number }'),
  })
  expect(errors.some((e) => e.startsWith('src/pages-shop/offer/index.tsx'))).toBe(true)
})
