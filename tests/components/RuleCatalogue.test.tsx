import { fireEvent, render, screen } from '@testing-library/react'
import { RuleCatalogue, pointsLabel, ruleLabels, visibleCategories } from '../../src/components'
import { categories } from './support/fixtures'

describe('RuleCatalogue', () => {
  test('each category with items, each item with its points and labels in plain view', () => {
    render(<RuleCatalogue categories={categories} />)
    expect(screen.getByTestId('rule-category-env').textContent).toContain('环境卫生')
    expect(screen.queryByTestId('rule-category-empty')).toBeNull()
    expect(screen.getByTestId('rule-points-sweep').textContent).toBe('+0.5 分')
    expect(screen.getByTestId('rule-points-litter').textContent).toBe('-2 分')
    const labels = Array.from(screen.getByTestId('rule-item-sweep').querySelectorAll('.sz-rules__label')).map((l) => l.textContent)
    expect(labels).toEqual(['需拍照', '每月最多 4 次'])
    expect(screen.getByTestId('rule-item-trash').querySelector('.sz-rules__labels')).toBeNull()
    expect(screen.getByTestId('rule-item-trash').querySelector('.sz-rules__arrow')).toBeNull()
  })

  test('a tap on an item chooses it, with its category', () => {
    const onSelect = jest.fn()
    render(<RuleCatalogue categories={categories} onSelect={onSelect} />)
    fireEvent.click(screen.getByTestId('rule-item-trash'))
    expect(onSelect).toHaveBeenCalledWith(categories[0].items[1], categories[0])
    expect(screen.getByTestId('rule-item-trash').querySelector('.sz-rules__arrow')?.textContent).toBe('›')
  })

  test('pointsLabel, ruleLabels and visibleCategories', () => {
    expect(pointsLabel(1)).toBe('+1 分')
    expect(pointsLabel(0)).toBe('0 分')
    expect(ruleLabels({ photosRequired: false, capPerMonth: 0 })).toEqual([])
    expect(visibleCategories(categories).map((c) => c.id)).toEqual(['env', 'civil'])
  })
})
