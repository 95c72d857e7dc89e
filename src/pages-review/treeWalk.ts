import type { TreeNode } from '../api'

export interface ResidentChoice {
  id: string
  name: string
  hasPhone: boolean
  householdName: string
  courtyardName: string
}

/** Every resident under `root`, those without a phone first (they are whom 代申报 is for), then by name. */
export function residentsOf(root: TreeNode): ResidentChoice[] {
  const out: ResidentChoice[] = []
  const walk = (n: TreeNode, courtyardName: string) => {
    const yard = n.type === 'courtyard' ? n.name : courtyardName
    for (const r of n.residents ?? []) out.push({ id: r.id, name: r.name, hasPhone: r.hasPhone, householdName: n.name, courtyardName: yard })
    n.children.forEach((c) => walk(c, yard))
  }
  walk(root, '')
  return out.sort((a, b) => Number(a.hasPhone) - Number(b.hasPhone) || a.name.localeCompare(b.name, 'zh'))
}

/** Every courtyard under `root` (root itself when it is one). */
export function courtyardsOf(root: TreeNode): TreeNode[] {
  if (root.type === 'courtyard') return [root]
  return root.children.flatMap(courtyardsOf)
}

/** Every household under `root`, with its courtyard's name, in the tree's order (where a new resident can be registered). */
export function householdsOf(root: TreeNode): { id: string; name: string; courtyardName: string }[] {
  return courtyardsOf(root).flatMap((yard) => yard.children.filter((h) => h.type === 'household').map((h) => ({ id: h.id, name: h.name, courtyardName: yard.name })))
}
