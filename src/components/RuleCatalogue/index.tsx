import { View, Text } from '@tarojs/components'
import { formatPoints } from '@core/points'
import type { RuleCategory, RuleItem } from '@core/rules'
import type { BaseProps } from '../types'
import './index.scss'

export interface RuleCatalogueProps extends BaseProps {
  /** Categories in the office's order; a category with no items is not shown. */
  categories: RuleCategory[]
  /** A tap on an item: the claim form opens from here. */
  onSelect?: (item: RuleItem, category: RuleCategory) => void
}

/** "+0.5 分": how the office writes the points of an item. */
export function pointsLabel(points: number): string {
  return `${points > 0 ? '+' : ''}${formatPoints(points)} 分`
}

/** What a resident reads under an item's name: 需拍照, 每月最多 N 次. */
export function ruleLabels(item: Pick<RuleItem, 'photosRequired' | 'capPerMonth'>): string[] {
  const labels: string[] = []
  if (item.photosRequired) labels.push('需拍照')
  if (item.capPerMonth > 0) labels.push(`每月最多 ${item.capPerMonth} 次`)
  return labels
}

/** Categories that have something to show. */
export function visibleCategories(categories: RuleCategory[]): RuleCategory[] {
  return categories.filter((c) => c.items.length > 0)
}

/**
 * 积分细则: each category a section, each item a tall row with its name, its points in large green type
 * (never behind a tap) and plain labels for photos and the monthly cap.
 */
export function RuleCatalogue({ categories, onSelect, className, testId = 'rule-catalogue' }: RuleCatalogueProps) {
  return (
    <View className={`sz-rules ${className ?? ''}`} data-testid={testId}>
      {visibleCategories(categories).map((category) => (
        <View key={category.id} className='sz-rules__category' data-testid={`rule-category-${category.id}`}>
          <Text className='sz-rules__category-name'>{category.name}</Text>
          <View className='sz-rules__list'>
            {category.items.map((item, index) => {
              const labels = ruleLabels(item)
              return (
                <View
                  key={item.id}
                  className={`sz-rules__item ${index > 0 ? 'sz-rules__item--divided' : ''}`}
                  hoverClass='sz-rules__item--hover'
                  data-testid={`rule-item-${item.id}`}
                  onClick={() => onSelect?.(item, category)}
                >
                  <View className='sz-rules__main'>
                    <Text className='sz-rules__name'>{item.name}</Text>
                    {labels.length > 0 ? (
                      <View className='sz-rules__labels'>
                        {labels.map((l) => (
                          <Text key={l} className='sz-rules__label'>
                            {l}
                          </Text>
                        ))}
                      </View>
                    ) : null}
                  </View>
                  <Text className='sz-rules__points' data-testid={`rule-points-${item.id}`}>
                    {pointsLabel(item.points)}
                  </Text>
                  {onSelect ? <Text className='sz-rules__arrow'>›</Text> : null}
                </View>
              )
            })}
          </View>
        </View>
      ))}
    </View>
  )
}

export default RuleCatalogue
