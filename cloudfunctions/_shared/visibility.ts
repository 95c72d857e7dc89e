/**
 * Names of ranked residents and households as a viewer may see them (the rule is src/core/visibility). A ranking row
 * keeps only an id and a name, so where each stands is read — once per answer, and only for a head or a grid worker,
 * whose view depends on it: the admin sees everyone of the community, anyone else only themselves.
 */
import { type Viewer, nameFor } from '../../src/core/visibility'
import type { Db } from './cloud'
import type { OrgNodeRecord, ResidentRecord } from './org'

export interface Ranked {
  id: string
  name: string
}

const READ = 100

/** Whether anything this viewer sees depends on where the subjects stand. */
const dependsOnPlace = (viewer: Viewer) => viewer.roles.some((r) => r.role === 'head' || r.role === 'grid')

/** The names of `rows` (a leaderboard page, a month's frozen ranking, the year's champions), in order, as `viewer` sees them. */
export async function rankedNames(db: Db, viewer: Viewer, communityId: string, level: 'resident' | 'household', rows: readonly Ranked[]): Promise<string[]> {
  const places = new Map<string, { gridId: string | null; courtyardId: string | null }>()
  if (dependsOnPlace(viewer) && rows.length) {
    const _ = db.command
    const ids = [...new Set(rows.map((r) => r.id))]
    for (let i = 0; i < ids.length; i += READ) {
      const chunk = ids.slice(i, i + READ)
      if (level === 'resident') {
        const found = (await db.collection('residents').where({ _id: _.in(chunk) }).limit(READ).get()).data as ResidentRecord[]
        for (const r of found) if (r.communityId === communityId) places.set(r._id, { gridId: r.gridId, courtyardId: r.courtyardId })
      } else {
        // A household's path: community, grid, courtyard, itself.
        const found = (await db.collection('orgNodes').where({ _id: _.in(chunk) }).limit(READ).get()).data as OrgNodeRecord[]
        for (const n of found) if (n.communityId === communityId) places.set(n._id, { gridId: n.path[1] ?? null, courtyardId: n.parentId })
      }
    }
  }
  return rows.map((r) =>
    nameFor(viewer, level === 'resident' ? { kind: 'person', name: r.name, communityId, residentId: r.id, ...places.get(r.id) } : { kind: 'household', name: r.name, communityId, householdId: r.id, ...places.get(r.id) }),
  )
}
