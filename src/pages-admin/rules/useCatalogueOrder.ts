import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { problemsByField } from '@core/inputs'
import { saveCategoryInput } from '@core/rules.schema'
import { api, newRequestId, type RuleCategory, type RuleItem } from '../../api'

/** The name sheet: a new category (no id) or a rename. */
export interface CategoryDraft {
  id?: string
  name: string
  /** The name before a rename, for the sheet's title. */
  was?: string
}

export type Direction = 'up' | 'down'

const MOVED = { up: '已上移', down: '已下移' } as const

/**
 * What the admin does to the catalogue's categories and to the order of its items: the name sheet (新增类别, 改名),
 * 上移 / 下移, 删除 an empty category after a confirmation. Each call reloads the catalogue when it is done; a refusal
 * is toasted by the api (in the function's words), and nothing else happens.
 */
export function useCatalogueOrder(reload: () => Promise<unknown>) {
  const [draft, setDraft] = useState<CategoryDraft | null>(null)
  const [sending, setSending] = useState(false)
  /** A move or a removal under way: a second tap waits for it. */
  const busy = useRef(false)
  const requestId = useRef(newRequestId('cat'))

  const add = () => {
    // One requestId per sheet: 确定 tapped again after a lost answer adds the category once.
    requestId.current = newRequestId('cat')
    setDraft({ name: '' })
  }
  const rename = (category: RuleCategory) => setDraft({ id: category.id, name: category.name, was: category.name })

  const save = async () => {
    if (!draft) return
    const parsed = saveCategoryInput.safeParse(draft.id ? { id: draft.id, name: draft.name } : { name: draft.name, requestId: requestId.current })
    if (!parsed.success) return void Taro.showToast({ title: problemsByField(parsed.error.issues).name ?? '请填写类别名称', icon: 'none', duration: 3000 })
    setSending(true)
    try {
      await api.rules.saveCategory(parsed.data)
      setDraft(null)
      void Taro.showToast({ title: draft.id ? '已改名' : '已新增类别', icon: 'none' })
      await reload()
    } catch {
      // the toast said why (a name another category has, say); the sheet stays open to change it
    } finally {
      setSending(false)
    }
  }

  /** Runs one change at a time, then reloads; `done` is the toast. */
  const once = async (change: () => Promise<unknown>, done: string) => {
    if (busy.current) return
    busy.current = true
    try {
      await change()
      void Taro.showToast({ title: done, icon: 'none' })
      await reload()
    } catch {
      // the toast said why
    } finally {
      busy.current = false
    }
  }

  const moveCategory = (category: RuleCategory, direction: Direction) => once(() => api.rules.moveCategory({ categoryId: category.id, direction }), MOVED[direction])
  const moveItem = (item: RuleItem, direction: Direction) => once(() => api.rules.moveRule({ ruleId: item.id, direction }), MOVED[direction])

  const remove = async (category: RuleCategory) => {
    const { confirm } = await Taro.showModal({
      title: '删除这个类别？',
      content: `「${category.name}」里没有条目，删除后不再显示。`,
      confirmText: '删除',
      cancelText: '取消',
      confirmColor: '#b42318',
    })
    if (confirm) await once(() => api.rules.removeCategory({ categoryId: category.id }), '已删除')
  }

  return { draft, setDraft, sending, add, rename, save, moveCategory, moveItem, remove }
}
