import type { TemporalContext, UpdateMemoryRequest } from '../../generated/supermemory.js';

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
  /** When this version will be auto-forgotten (an ISO string), or `null` for no expiry. */
  readonly forgetAfter: string | null;
  /** Why it will be forgotten, or `null`. */
  readonly forgetReason: string | null;
  /**
   * The version's metadata, `null` when none was ever given; a `temporalContext` sent with an
   * update is merged in under the `temporalContext` key.
   */
  readonly metadata: Record<string, unknown> | null;
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
 * The version an update targets in a container's versions. With an `id`, that version
 * (superseded ones included: the id names exactly one version), provided a `content` sent with it
 * is exactly that version's memory (both selectors must match, as both filters of one lookup
 * would). Without an `id`, the newest of the latest versions whose memory is exactly `content`.
 *
 * @example
 * selectTarget(versions, { id: 'mem_abc123' });
 * selectTarget(versions, { content: 'John prefers dark mode' });
 * selectTarget(versions, { id: 'mem_abc123', content: 'something else' }); // undefined
 */
export function selectTarget(
  versions: readonly SupermemoryMemory[],
  selector: Pick<UpdateMemoryRequest, 'id' | 'content'>,
): SupermemoryMemory | undefined {
  if (selector.id !== undefined) {
    const found = versions.find((version) => version.id === selector.id);
    return found && (selector.content === undefined || found.memory === selector.content) ? found : undefined;
  }
  return latestVersions(versions)
    .filter((version) => version.memory === selector.content)
    .at(-1);
}

/**
 * The version an update creates from its target: one more than the target's version, with the
 * target as parent and the target's root (or the target itself, for a version 1) as root.
 * - `metadata`: the given one, whole, else the target's; then a given `temporalContext` is merged
 *   (its keys over the target's) into it under `temporalContext`, and an omitted one is kept.
 * - `forgetAfter`: the given one (normalised with `toISOString`), else the target's; `null`
 *   clears it and `forgetReason` with it (a `forgetReason` sent with it is dropped).
 * - `forgetReason`: the given one (`null` clears it), else the target's.
 *
 * @example
 * nextVersion(v1, { containerTag: 'user_123', newContent: 'Light mode', id: v1.id }, 'mem_new', now);
 * // { id: 'mem_new', version: 2, parentMemoryId: v1.id, rootMemoryId: v1.id, … }
 */
export function nextVersion(
  target: SupermemoryMemory,
  update: UpdateMemoryRequest,
  id: string,
  createdAt: string,
): SupermemoryMemory {
  const forgetAfter =
    update.forgetAfter === undefined
      ? target.forgetAfter
      : update.forgetAfter === null
        ? null
        : new Date(update.forgetAfter).toISOString();
  const forgetReason =
    update.forgetAfter === null ? null : update.forgetReason === undefined ? target.forgetReason : update.forgetReason;
  return {
    id,
    containerTag: target.containerTag,
    memory: update.newContent,
    version: target.version + 1,
    parentMemoryId: target.id,
    rootMemoryId: target.rootMemoryId ?? target.id,
    createdAt,
    forgetAfter,
    forgetReason,
    metadata: withTemporalContext(update.metadata ?? target.metadata, target.metadata, update.temporalContext),
  };
}

function withTemporalContext(
  metadata: Record<string, unknown> | null,
  previous: Record<string, unknown> | null,
  given: TemporalContext | undefined,
): Record<string, unknown> | null {
  const kept = previous?.temporalContext;
  const old = typeof kept === 'object' && kept !== null && !Array.isArray(kept) ? (kept as TemporalContext) : undefined;
  if (given === undefined && old === undefined) return metadata === null ? null : { ...metadata };
  const merged: TemporalContext = { ...old };
  if (given?.documentDate !== undefined) merged.documentDate = given.documentDate;
  if (given?.eventDate !== undefined) merged.eventDate = given.eventDate;
  return { ...metadata, temporalContext: merged };
}
