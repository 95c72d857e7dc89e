import { render, screen } from '@testing-library/react'
import { MeCard, roleLabels } from '../../src/components'
import { me } from './support/fixtures'

describe('MeCard', () => {
  test('my name, what I am (居民, then each role with where), and where I stand', () => {
    render(<MeCard me={me({ roles: [{ role: 'head', nodeId: 'c1', nodeName: '1号院' }, { role: 'admin', nodeId: 'k1' }] })} />)
    expect(screen.getByTestId('me-name').textContent).toBe('张秀英')
    const roles = Array.from(screen.getByTestId('me-roles').children).map((r) => r.textContent)
    expect(roles).toEqual(['居民', '院长（1号院）', '社区工作小组'])
    expect(screen.getByTestId('me-community').textContent).toBe('莲花社区')
    expect(screen.getByTestId('me-courtyard').textContent).toBe('1号院')
    expect(screen.getByTestId('me-household').textContent).toBe('张家')
  })

  test('no roles and no places: only the name', () => {
    render(<MeCard me={me({ residentId: null, communityName: null, courtyardName: null, householdName: null })} testId='card' />)
    expect(screen.getByTestId('card').textContent).toBe('张秀英')
    expect(screen.queryByTestId('me-roles')).toBeNull()
    expect(screen.queryByTestId('me-household')).toBeNull()
  })

  test('roleLabels: a clerk of a merchant', () => {
    expect(roleLabels({ residentId: null, roles: [{ role: 'merchant', nodeId: 'm1', nodeName: '善治超市' }] })).toEqual([
      { key: 'merchant:m1', text: '商家店员（善治超市）' },
    ])
  })
})
