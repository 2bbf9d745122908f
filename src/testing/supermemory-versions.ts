import type { UpdateMemoryRequest } from '../../generated/supermemory.js';

/** One version of a Supermemory memory, as the fake stores it. */
export interface SupermemoryMemory {
  /** This version's own id. */
  readonly id: string;
  /** The container (space) it lives in. */
  readonly containerTag: string;
  /** The content of this version. */
  readonly memory: string;
  /** 1 for a memory as first stored, then the version it updates plus one. */
  readonly version: number;
  /** The version this one updates; `null` for version 1. */
  readonly parentMemoryId: string | null;
  /** The first version of the chain; `null` for version 1 (it is its own root). */
  readonly rootMemoryId: string | null;
  readonly createdAt: string;
  readonly metadata: Record<string, unknown>;
}

/**
 * The versions no other version updates (the heads of their chains), in creation order.
 *
 * @example
 * latestVersions([v1, v2]); // [v2], where v2.parentMemoryId === v1.id
 */
export function latestVersions(versions: readonly SupermemoryMemory[]): SupermemoryMemory[] {
  const superseded = new Set(versions.map((version) => version.parentMemoryId));
  return versions.filter((version) => !superseded.has(version.id));
}

/**
 * The version an update targets in a container's versions: by `id` when given (whatever else
 * was sent, and superseded versions included: the id names exactly one version), else the newest
 * of the latest versions whose content is exactly `content`.
 *
 * @example
 * selectTarget(versions, { id: 'mem_abc123' });
 * selectTarget(versions, { content: 'John prefers dark mode' });
 */
export function selectTarget(
  versions: readonly SupermemoryMemory[],
  selector: Pick<UpdateMemoryRequest, 'id' | 'content'>,
): SupermemoryMemory | undefined {
  if (selector.id !== undefined) return versions.find((version) => version.id === selector.id);
  return latestVersions(versions)
    .filter((version) => version.memory === selector.content)
    .at(-1);
}

/**
 * The version an update creates from its target: one more than the target's version, with the
 * target as parent and the target's root (or the target itself, for a version 1) as root. Metadata
 * is the given one, whole, else the target's.
 *
 * @example
 * nextVersion(v1, { containerTag: 'user_123', newContent: 'Light mode', id: v1.id }, 'mem_new', now);
 * // { id: 'mem_new', version: 2, parentMemoryId: v1.id, rootMemoryId: v1.id, … }
 */
export function nextVersion(target: SupermemoryMemory, update: UpdateMemoryRequest, id: string, createdAt: string): SupermemoryMemory {
  return {
    id,
    containerTag: target.containerTag,
    memory: update.newContent,
    version: target.version + 1,
    parentMemoryId: target.id,
    rootMemoryId: target.rootMemoryId ?? target.id,
    createdAt,
    metadata: update.metadata ?? target.metadata,
  };
}
