/**
 * The 操作日志 speaks Chinese for everything it logs: every action a function logs (`audit` in its action table) has
 * its name in src/pages-admin/audit/labels.ts, and so does every function. A new logged action without one would show
 * its raw `function.action` to the office.
 */
import { actionTables } from '../../scripts/api-docs'
import { ACTION_NAMES, FUNCTION_NAMES } from '../../src/pages-admin/audit/labels'

const tables = actionTables()

test.each(Object.keys(tables).filter((fn) => fn !== 'jobs'))('%s: the function and each logged action have a Chinese name', (fn) => {
  expect(FUNCTION_NAMES[fn]).toBeTruthy()
  const logged = Object.entries(tables[fn]).filter(([, def]) => def.audit !== undefined).map(([name]) => `${fn}.${name}`)
  expect(logged.filter((action) => !ACTION_NAMES[action])).toEqual([])
})
