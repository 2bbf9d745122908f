import type { MieltoSeedMemory } from '../testing/mielto-fake.js';

/** What the sandbox starts with, so a first request has something to update. */
export const SANDBOX_MEMORIES: readonly MieltoSeedMemory[] = [
  {
    workspaceId: 'ws_personal',
    memory_id: 'mem_coffee',
    user_id: 'user_ada',
    memory: 'Ada takes her coffee as an oat-milk flat white',
    topics: ['coffee', 'preferences'],
    metadata: { source: 'onboarding' },
  },
  {
    workspaceId: 'ws_work',
    memory_id: 'mem_standup',
    user_id: 'user_ada',
    memory: "Ada's team stand-up is at 09:30",
    topics: ['work', 'schedule'],
  },
];
