import { isMonthKey, monthKey, periodRange, previousMonth, yearKey } from '../../src/core/period'
import { maskName } from '../../src/core/names'
import { covers, grantsOver } from '../../src/core/scope'

describe('periods are in Asia/Shanghai, whatever the server zone', () => {
  test.each([
    ['2026-11-30T15:59:59.999Z', '2026-11'],
    ['2026-11-30T16:00:00.000Z', '2026-12'],
    ['2026-12-31T16:00:00.000Z', '2027-01'],
  ])('%s is in %s', (at, month) => {
    expect(monthKey(at)).toBe(month)
  })

  test('the year follows the same clock', () => {
    expect(yearKey('2026-12-31T16:00:00.000Z')).toBe('2027')
  })

  test('a month covers midnight to midnight, Beijing time', () => {
    expect(periodRange('2026-11')).toEqual({ start: new Date('2026-10-31T16:00:00.000Z'), end: new Date('2026-11-30T16:00:00.000Z') })
    expect(periodRange('2026')).toEqual({ start: new Date('2025-12-31T16:00:00.000Z'), end: new Date('2026-12-31T16:00:00.000Z') })
  })

  test('keys are checked and walk back across a year', () => {
    expect(isMonthKey('2026-13')).toBe(false)
    expect(isMonthKey('2026-01')).toBe(true)
    expect(previousMonth('2026-01')).toBe('2025-12')
    expect(() => periodRange('2026-1')).toThrow()
  })
})

describe('masked names', () => {
  test.each([
    ['张秀明', '张*明'],
    ['李明', '李*'],
    ['欧阳明月', '欧**月'],
    ['王', '王'],
    ['', '*'],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })
})

describe('scope follows the org tree', () => {
  const resident = { path: ['c1', 'g1', 'y1', 'h1'] }
  test('a role covers its node’s subtree and nothing beside it', () => {
    expect(covers('y1', resident)).toBe(true)
    expect(covers('c1', resident)).toBe(true)
    expect(covers('y2', resident)).toBe(false)
  })

  test('only grants of the named roles count', () => {
    const grants = [
      { role: 'head' as const, nodeId: 'y2' },
      { role: 'grid' as const, nodeId: 'g1' },
      { role: 'merchant' as const, nodeId: 'c1' },
    ]
    expect(grantsOver(grants, ['head', 'grid'], resident)).toEqual([{ role: 'grid', nodeId: 'g1' }])
  })
})
