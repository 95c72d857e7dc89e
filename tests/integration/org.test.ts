import type { TreeNode } from '../../cloudfunctions/org/tree'
import { startCloud, type TestCloud } from '../support/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud?.stop())

const ok = <T>(a: { ok: true; data: T } | { ok: false; code: string; message: string }): T => {
  if (!a.ok) throw new Error(`${a.code} ${a.message}`)
  return a.data
}
const find = (n: TreeNode, id: string): TreeNode | undefined => (n.id === id ? n : n.children.map((c) => find(c, id)).find(Boolean))

describe('org.tree', () => {
  test('the admin sees the whole community with heads, households and residents', async () => {
    const { root } = ok(await cloud.api('org', 'tree', {}, 'demo-admin'))
    expect(root).toMatchObject({ id: 'demo-community', name: '昌宁社区', holders: [{ openid: 'demo-admin', role: 'admin' }] })
    const courtyard = find(root, 'demo-courtyard-1')!
    expect(courtyard.holders).toEqual([{ openid: 'demo-head', name: '王建国', role: 'head' }])
    expect(courtyard.children.map((h) => h.name).sort()).toEqual(['刘福贵家', '张秀英家', '李明家', '王建国家'].sort())
    expect(find(root, 'demo-hh-4')!.residents).toEqual([{ id: 'demo-r-liu', name: '刘福贵', hasPhone: false }])
    expect(find(root, 'demo-hh-1')!.residents).toEqual([{ id: 'demo-r-resident', name: '张秀英', hasPhone: true, openid: 'demo-resident' }])
  })

  test('a head sees only their courtyard; a resident may not look', async () => {
    const { root } = ok(await cloud.api('org', 'tree', {}, 'demo-head-2'))
    expect(root.id).toBe('demo-courtyard-2')
    expect(await cloud.api('org', 'tree', {}, 'demo-resident')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  })
})

describe('org.saveNode, roles and residents without phones', () => {
  test('the admin adds a courtyard and a household, renames it, and a retried create writes once', async () => {
    const input = { type: 'courtyard', parentId: 'demo-grid-1', name: '莲花新区3排2号院', requestId: 'new-courtyard-001' }
    const { node } = ok(await cloud.api<{ node: { _id: string; path: string[]; kind: string } }>('org', 'saveNode', input, 'demo-admin'))
    expect(node.path).toEqual(['demo-community', 'demo-grid-1', node._id])
    expect(node.kind).toBe('院落')
    expect(ok(await cloud.api<{ node: { _id: string } }>('org', 'saveNode', input, 'demo-admin')).node._id).toBe(node._id)
    ok(await cloud.api('org', 'saveNode', { id: node._id, type: 'courtyard', parentId: 'demo-grid-1', name: '莲花新区3排2号大院' }, 'demo-admin'))
    const { node: household } = ok(await cloud.api<{ node: { _id: string; path: string[] } }>('org', 'saveNode', { type: 'household', parentId: node._id, name: '钱家' }, 'demo-admin'))
    expect(household.path).toEqual(['demo-community', 'demo-grid-1', node._id, household._id])
    const { root } = ok(await cloud.api('org', 'tree', {}, 'demo-admin'))
    expect(find(root, node._id)).toMatchObject({ name: '莲花新区3排2号大院', children: [{ name: '钱家' }] })
  })

  test('a node goes only under a parent of the right type, in the same community', async () => {
    expect(await cloud.api('org', 'saveNode', { type: 'household', parentId: 'demo-grid-1', name: '错位家' }, 'demo-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await cloud.api('org', 'saveNode', { type: 'grid', parentId: 'demo-community', name: '新网格' }, 'demo-head')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  })

  test('the admin makes a resident a head, who can then issue invites; revoking takes it back', async () => {
    expect(ok(await cloud.api('org', 'assignRole', { openid: 'demo-resident-2', role: 'head', nodeId: 'demo-courtyard-2' }, 'demo-admin')).roles).toEqual([
      { role: 'head', nodeId: 'demo-courtyard-2' },
    ])
    expect(await cloud.api('org', 'issueInvite', { courtyardId: 'demo-courtyard-2' }, 'demo-resident-2')).toMatchObject({ ok: true })
    ok(await cloud.api('org', 'revokeRole', { openid: 'demo-resident-2', role: 'head', nodeId: 'demo-courtyard-2' }, 'demo-admin'))
    expect(await cloud.api('org', 'issueInvite', { courtyardId: 'demo-courtyard-2' }, 'demo-resident-2')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  })

  test('a role must fit its node, and only members of the community can hold one', async () => {
    expect(await cloud.api('org', 'assignRole', { openid: 'demo-resident', role: 'head', nodeId: 'demo-grid-1' }, 'demo-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await cloud.api('org', 'assignRole', { openid: 'stranger', role: 'grid', nodeId: 'demo-grid-1' }, 'demo-admin')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await cloud.api('org', 'revokeRole', { openid: 'demo-admin', role: 'admin', nodeId: 'demo-community' }, 'demo-admin')).toMatchObject({ ok: false, code: 'INPUT.INVALID' })
    expect(await cloud.api('org', 'assignRole', { openid: 'demo-resident', role: 'admin', nodeId: 'demo-community' }, 'demo-grid')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  })

  test('a head adds a neighbour without a phone to a household of their own courtyard only', async () => {
    const input = { householdId: 'demo-hh-1', name: '张老太', birthYear: 1940, requestId: 'add-zhang-laotai' }
    const { resident } = ok(await cloud.api('org', 'addResident', input, 'demo-head'))
    expect(resident.hasPhone).toBe(false)
    expect(ok(await cloud.api('org', 'addResident', input, 'demo-head')).resident.id).toBe(resident.id)
    expect(await cloud.api('org', 'addResident', { ...input, requestId: 'add-elsewhere-1' }, 'demo-head-2')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' })
  })
})
