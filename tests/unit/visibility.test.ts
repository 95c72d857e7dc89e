/** The one rule of what a viewer sees of a person or a household, cell by cell: each kind of viewer × each subject. */
import { PUBLIC, type Subject, type Viewer, maskHouseholdName, nameFor, seesInFull, viewerOf } from '../../src/core/visibility'

const C = 'community-1'
const OTHER_C = 'community-2'
const G = 'grid-1'
const G2 = 'grid-2'
const Y1 = 'courtyard-1'
const Y2 = 'courtyard-2'

// 张秀英 of courtyard 1 (grid 1); 赵桂兰 of courtyard 3 in grid 2; their households.
const zhang: Subject = { kind: 'person', name: '张秀英', communityId: C, gridId: G, courtyardId: Y1, residentId: 'r-zhang' }
const zhangHome: Subject = { kind: 'household', name: '张秀英家', communityId: C, gridId: G, courtyardId: Y1, householdId: 'hh-zhang' }
const zhao: Subject = { kind: 'person', name: '赵桂兰', communityId: C, gridId: G2, courtyardId: 'courtyard-3', residentId: 'r-zhao' }
const zhaoHome: Subject = { kind: 'household', name: '赵桂兰家', communityId: C, gridId: G2, courtyardId: 'courtyard-3', householdId: 'hh-zhao' }

const viewers: Record<string, Viewer> = {
  herself: { roles: [], residentId: 'r-zhang', householdId: 'hh-zhang' },
  'her household': { roles: [], residentId: 'r-son', householdId: 'hh-zhang' },
  'a neighbour': { roles: [], residentId: 'r-li', householdId: 'hh-li' },
  'head of her courtyard': { roles: [{ role: 'head', nodeId: Y1 }], residentId: 'r-wang', householdId: 'hh-wang' },
  'head of another courtyard': { roles: [{ role: 'head', nodeId: Y2 }], residentId: 'r-qian', householdId: 'hh-qian' },
  'grid worker of her grid': { roles: [{ role: 'grid', nodeId: G }] },
  'grid worker of another grid': { roles: [{ role: 'grid', nodeId: G2 }] },
  'merchant clerk': { roles: [{ role: 'merchant', nodeId: 'merchant-1' }] },
  'admin of her community': { roles: [{ role: 'admin', nodeId: C }] },
  'admin of another community': { roles: [{ role: 'admin', nodeId: OTHER_C }] },
  'the public (a printed copy)': PUBLIC,
}

// [viewer, 张秀英, 张秀英家, 赵桂兰, 赵桂兰家]
const table: [string, string, string, string, string][] = [
  ['herself', '张秀英', '张秀英家', '赵*兰', '赵*兰家'],
  ['her household', '张*英', '张秀英家', '赵*兰', '赵*兰家'],
  ['a neighbour', '张*英', '张*英家', '赵*兰', '赵*兰家'],
  ['head of her courtyard', '张秀英', '张秀英家', '赵*兰', '赵*兰家'],
  ['head of another courtyard', '张*英', '张*英家', '赵*兰', '赵*兰家'],
  ['grid worker of her grid', '张秀英', '张秀英家', '赵*兰', '赵*兰家'],
  ['grid worker of another grid', '张*英', '张*英家', '赵桂兰', '赵桂兰家'],
  ['merchant clerk', '张*英', '张*英家', '赵*兰', '赵*兰家'],
  ['admin of her community', '张秀英', '张秀英家', '赵桂兰', '赵桂兰家'],
  ['admin of another community', '张*英', '张*英家', '赵*兰', '赵*兰家'],
  ['the public (a printed copy)', '张*英', '张*英家', '赵*兰', '赵*兰家'],
]

test.each(table)('%s sees %s, %s, %s, %s', (viewer, person, household, other, otherHousehold) => {
  const v = viewers[viewer]
  expect([nameFor(v, zhang), nameFor(v, zhangHome), nameFor(v, zhao), nameFor(v, zhaoHome)]).toEqual([person, household, other, otherHousehold])
  expect(seesInFull(v, zhang)).toBe(person === '张秀英')
})

test('every kind of viewer is a row of the table', () => {
  expect(table.map((r) => r[0]).sort()).toEqual(Object.keys(viewers).sort())
})

test('where a subject stands is not known, only the admin and the person themselves see the name whole', () => {
  const unplaced: Subject = { kind: 'person', name: '张秀英', communityId: C, residentId: 'r-zhang' }
  expect(nameFor(viewers['head of her courtyard'], unplaced)).toBe('张*英')
  expect(nameFor(viewers['grid worker of her grid'], unplaced)).toBe('张*英')
  expect(nameFor(viewers['admin of her community'], unplaced)).toBe('张秀英')
  expect(nameFor(viewers.herself, unplaced)).toBe('张秀英')
  // A person with no id is nobody's own name.
  expect(nameFor({ roles: [], residentId: null }, { ...unplaced, residentId: null })).toBe('张*英')
})

test('a deleted person, and a household named after them, stay as they are for everyone', () => {
  for (const v of Object.values(viewers)) {
    expect(nameFor(v, { ...zhang, name: '已注销居民' })).toBe('已注销居民')
    expect(nameFor(v, { ...zhangHome, name: '已注销居民家' })).toBe('已注销居民家')
  }
})

test('household names: the person part masked as a name; other forms masked as a whole', () => {
  expect(maskHouseholdName('李明家')).toBe('李*家')
  expect(maskHouseholdName('张秀英家')).toBe('张*英家')
  expect(maskHouseholdName('欧阳明月家')).toBe('欧**月家')
  expect(maskHouseholdName('3单元201')).toBe('3****1')
  expect(maskHouseholdName('已注销居民家')).toBe('已注销居民家')
})

test('the viewer of a call is its roles and its own resident and household', () => {
  expect(viewerOf({ roles: [{ role: 'head', nodeId: Y1 }], user: { residentId: 'r-wang', householdId: 'hh-wang' } })).toEqual({
    roles: [{ role: 'head', nodeId: Y1 }],
    residentId: 'r-wang',
    householdId: 'hh-wang',
  })
  expect(viewerOf({ roles: [], user: null })).toEqual({ roles: [], residentId: null, householdId: null })
})
